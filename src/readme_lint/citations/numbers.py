"""The Citation column's own number format: ``1234``, ``1,234`` or ``1.2k``.

Where the list model reads the column as numbers, its ``thousands_commas`` decides (what RL601 checks).
A column written as ``1.2k`` is no column of whole numbers to the model, so its format is learned here, from
its cells: only numbers of 1,000 and more tell the formats apart, so those are the evidence; a column without
any follows the list's other Citation columns, else writes plain numbers (the reference list's format).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

_PLAIN = re.compile(r"^[0-9]+$")
_COMMAS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")
_THOUSANDS = re.compile(r"^([0-9]+)(?:\.([0-9]+))?([kK])$")


class NumberStyle(NamedTuple):
    """``kind``: plain, commas or k; for k, the decimals shown and the letter's case."""

    kind: str = "plain"
    decimals: int = 1
    letter: str = "k"

    def format(self, count: int) -> str:
        if count < 1000 or self.kind == "plain":
            return str(count)
        if self.kind == "commas":
            return f"{count:,}"
        text = f"{count / 1000:.{self.decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")  # 1.0k is written 1k, as such columns do
        return text + self.letter


def parse_count(text: str) -> int | None:
    """The number a cell shows (``1.2k`` is 1200, the value it stands for), or None for anything else."""
    text = text.strip().strip("*")
    if _PLAIN.match(text):
        return int(text)
    if _COMMAS.match(text):
        return int(text.replace(",", ""))
    match = _THOUSANDS.match(text)
    if match:
        return round(float(f"{match.group(1)}.{match.group(2) or '0'}") * 1000)
    return None


def learn_style(cells: Iterable[str], fallback: NumberStyle | None = None) -> NumberStyle | None:
    """The format most cells of 1,000 and more use; ``fallback`` (or None) when no cell shows one.

    A k column writes ``12k`` and ``1.2k`` alike: the decimals are the most any of its cells shows (trailing
    zeros are dropped when writing), the letter's case the one most cells use."""
    kinds: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    decimals = 0
    for raw in cells:
        text = raw.strip().strip("*")
        match = _THOUSANDS.match(text)
        if match:
            kinds["k"] += 1
            letters[match.group(3)] += 1
            decimals = max(decimals, len(match.group(2) or ""))
        elif _COMMAS.match(text):
            kinds["commas"] += 1
        elif _PLAIN.match(text) and int(text) >= 1000:
            kinds["plain"] += 1
    if not kinds:
        return fallback
    kind = max(("plain", "commas", "k"), key=lambda name: kinds[name])  # ties: the plainer format
    return NumberStyle(kind, decimals, letters.most_common(1)[0][0] if letters else "k")
