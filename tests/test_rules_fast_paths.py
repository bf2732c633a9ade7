"""The rules' fast paths give what the general functions they stand in for give (RL205's title key, the intro
slug of RL401/RL403), on the characters where the two could differ."""

from __future__ import annotations

import pytest

from readme_lint.listmodel import normalized_title
from readme_lint.papers import slugify
from readme_lint.rules._intro import _slug
from readme_lint.rules.duplicate_paper import _normalized

TITLES = [
    "",
    "GQA: Training Generalized Multi-Query Transformer Models",
    "  DPM-Solver++ : fast  ",
    "C# and F#",
    "a_-b",  # an underscore run is replaced apart from the run beside it
    "__init__",
    "Tab\there\x1fand\x0bcontrols",
    "Ünïcode Títle",
    "İstanbul",  # lowercases to two characters
    "Ｆｕｌｌｗｉｄｔｈ",
    "v1.2 (beta) [2024]",
    "".join(chr(code) for code in range(128)),
]


@pytest.mark.parametrize("title", TITLES)
def test_title_key_fast_path(title: str) -> None:
    assert _normalized(title) == normalized_title(title)


@pytest.mark.parametrize("title", TITLES)
def test_intro_slug_fast_path(title: str) -> None:
    assert _slug(title) == slugify(title)
