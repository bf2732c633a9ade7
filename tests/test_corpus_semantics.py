"""The semantic checks on every corpus list with zero config: exactly these lines, each one read and judged real.

Snapshot of RL203 (links that failed to form), RL205 (duplicates), RL303 (dates against arXiv IDs) and RL501
(sort order). The comments name what each finding is; where a list's SOURCE.md documents the defect, its line is
the one SOURCE.md gives. A change here means a finding appeared or disappeared: read it before updating.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint

CV_ARXIV_EARLY = [1003, 2807, 3235, 3393, 3675, 5597, 5616, 5641, 6323]  # dates 1-2 months before the arXiv ID

EXPECTED: dict[str, dict[str, list[int]]] = {
    # SOURCE.md: 166/168 the same paper twice; 276 a 2022 row after the 2018 rows of a newest-first table.
    "autodl": {"RL205": [168], "RL501": [276]},
    # 546 `[LLM]([https://...)`; 63/96 dates months before the paper (Minerva, DeepSeek-V2), 99 the Llama 3
    # release date against the later paper.
    "awesome-llm": {"RL203": [546], "RL303": [63, 96, 99]},
    # 127 `[[pdf]]()`; 190 Mooncake pasted twice, 449/543 one arXiv link for two different papers; dates months
    # before their paper; rows out of the Date order.
    "awesome-llm-inference": {
        "RL203": [127],
        "RL205": [190, 449, 543],
        "RL303": [178, 280, 366, 388, 439, 473],
        "RL501": [110, 125, 209, 238, 307, 426],
    },
    # 239 'NeurIPS 2024' for a paper first posted in August 2025.
    "awesome-rl-ai-agents": {"RL303": [239]},
    # SOURCE.md: 172 a date three months after the arXiv ID (the v2 date).
    "deep-research": {"RL303": [172]},
    # SOURCE.md: 184, 188 'ICLR 2021' for papers posted in October 2021.
    "graph-level-learning": {"RL303": [184, 188]},
    # SOURCE.md: 157 the arXiv ID of line 150's paper; 624 a duplicate; 257, 344, 624 order breaks (the fix
    # also moves 633); 456 `\https://`. 382: 'AAAI'24' for a paper posted in September 2024.
    "jailbreak-on-llms": {"RL203": [456], "RL205": [157, 624], "RL303": [382], "RL501": [257, 344, 624]},
    # SOURCE.md: 362, the pasted block 410-431, 477, 610, 753.
    "llm-for-recsys": {"RL205": [362, *range(410, 432), 477, 610, 753]},
    # 87 `[text]([https://a](https://b))`; 51 a Gemma row among March releases (days in HTML comments).
    "open-llms": {"RL203": [87], "RL501": [51]},
    "paper-reading": {},
    # SOURCE.md: 114, 134 duplicates; 126 `%20`, 354 `github .com`, 426 glued URLs; 133 ICLR 2024 for an October
    # 2024 paper, 146/250/304 dates before the arXiv month; 143/246/333/483 order breaks. Not 359: 'NeurIPS 2024'
    # for a paper posted in February 2025, two months after the conference, is a camera-ready, not a slip.
    "reasoning-safety": {
        "RL203": [126, 354, 426],
        "RL205": [114, 134],
        "RL303": [133, 146, 250, 304],
        "RL501": [143, 246, 333, 483],
    },
    # SOURCE.md: 37 two URLs glued together.
    "vit-quantization": {"RL203": [37]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_semantic_findings_on_the_corpus(name: str, corpus: Path) -> None:
    found: dict[str, list[int]] = {}
    for diagnostic in lint((corpus / name / "README.md").read_text(), select=("RL203", "RL205", "RL303", "RL501")):
        found.setdefault(diagnostic.code, []).append(diagnostic.line)
    assert found == EXPECTED[name]


def test_cv_arxiv_daily_revision_dates(corpus: Path) -> None:
    """SOURCE.md: the Publish Date column holds the last-revision date; 418 rows are dated after their arXiv
    month. The 9 dated one or two months before it are the rows SOURCE.md lists as unverifiable."""
    text = (corpus / "cv-arxiv-daily" / "README.md").read_text()
    found = lint(text, select=("RL203", "RL205", "RL303", "RL501"))
    later = [d.line for d in found if d.code == "RL303" and " after arXiv" in d.message]
    early = [d.line for d in found if d.code == "RL303" and " before arXiv" in d.message]
    assert len(later) == 418 and early == CV_ARXIV_EARLY
    assert [(d.code, d.line) for d in found if d.code != "RL303"] == [("RL205", 5807)]
