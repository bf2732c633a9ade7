"""Dates as lists write them: the patterns (``YYYY.MM``, ``MMM. YYYY`` ...), reading and writing a date at its
pattern's precision, and learning the pattern a column's values follow."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from readme_lint.model.columns import MAJORITY
from readme_lint.papers import MONTH_NAMES as _NUMBERED_MONTHS

# Date patterns tried on a column, most precise and padded first; the first a clear majority follows wins.
DATE_PATTERNS = (
    "YYYY-MM-DD",
    "YYYY/MM/DD",
    "YYYY.MM.DD",
    "MM/DD, YYYY",
    "MM/DD/YYYY",
    "MM/DD/YY",
    "M/D/YYYY",
    "M/D/YY",
    "YYYY.MM",
    "YYYY-MM",
    "YYYY/MM",
    "YYYY.M",
    "YYYY-M",
    "YYYY/M",
    # issue 18 item 7: two-digit years first, the month before the year, month names
    "YY-MM-DD",
    "YY.MM.DD",
    "YY/MM/DD",
    "MM/YYYY",
    "MM-YYYY",
    "MM.YYYY",
    "M/YYYY",
    "MMM., YYYY",
    "MMM, YYYY",
    "MMM. YYYY",
    "MMM YYYY",
    "MMMM, YYYY",
    "MMMM YYYY",
    "MMM DD, YYYY",
    "MMM D, YYYY",
    "MMMM D, YYYY",
    "DD MMM YYYY",
    "D MMM YYYY",
    "D MMMM YYYY",
    "YYYY MMM",
    "YYYY MMMM",
    "YYYY",
    # a table per month (`## 2024.05`) whose cells give the month and day only; the year is the heading's
    "MM-DD",
    "MM/DD",
    "MM.DD",
)
_PATTERN_TOKENS = re.compile(r"YYYY|YY|MMMM|MMM|MM|M|DD|D")
MONTH_NAMES = _NUMBERED_MONTHS[1:]  # January first: one list of month names, in papers.py
_TOKEN_REGEX = {
    "YYYY": r"(?P<year>[0-9]{4})",
    "YY": r"(?P<year2>[0-9]{2})",
    "MMMM": r"(?P<month_name>" + "|".join(MONTH_NAMES) + ")",
    "MMM": r"(?P<month_abbr>" + "|".join(name[:3] for name in MONTH_NAMES) + ")",
    "MM": r"(?P<month>[0-9]{2})",
    "M": r"(?P<month>[0-9]{1,2})",
    "DD": r"(?P<day>[0-9]{2})",
    "D": r"(?P<day>[0-9]{1,2})",
}
_ABBREVIATED_WITH_DOT = (
    r"(?:(?P<month_abbr>" + "|".join(n[:3] for n in MONTH_NAMES if n != "May") + r")\.|(?P<month_name>May)\.?)"
)


@lru_cache(maxsize=64)
def date_regex(pattern: str) -> re.Pattern[str]:
    """A pattern like ``YYYY.MM`` or ``MMM. YYYY`` (tokens YYYY YY MMMM MMM MM M DD D; the rest literal), anchored.

    ``MMMM`` is a month's English name, ``MMM`` its three-letter abbreviation (``Sept`` is not one)."""
    parts, position = [], 0
    for match in _PATTERN_TOKENS.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        position = match.end()
        if match.group(0) == "MMM" and pattern.startswith(".", position):
            parts.append(_ABBREVIATED_WITH_DOT)  # `Jan.` but `May`: a list that abbreviates with dots writes both
            position += 1
        else:
            parts.append(_TOKEN_REGEX[match.group(0)])
    parts.append(re.escape(pattern[position:]))
    return re.compile("^" + "".join(parts) + "$")


class Date(NamedTuple):
    """A date at the precision it was written: month and day are None where the pattern has none."""

    year: int
    month: int | None = None
    day: int | None = None


@lru_cache(maxsize=8192)  # a list writes the same few thousand dates over and over; a Date is immutable
def parse_date(text: str, pattern: str, year_hint: int | None = None) -> Date | None:
    """The Date in ``text`` when it matches ``pattern`` exactly; month and day are not range-checked. A pattern
    without a year (``MM-DD``) takes ``year_hint`` (the section heading's year), and gives None without one."""
    match = date_regex(pattern).match(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
    elif not groups.get("year2"):
        if year_hint is None:
            return None
        year = year_hint
    else:
        year = 2000 + int(groups["year2"])
        if year > 2069:
            year -= 100
    month = int(groups["month"]) if groups.get("month") else _month_number(groups)
    day = int(groups["day"]) if groups.get("day") else None
    return Date(year, month, day)


def _month_number(groups: dict[str, str | None]) -> int | None:
    """The month a ``MMMM`` or ``MMM`` token matched, 1-12."""
    name = groups.get("month_name") or groups.get("month_abbr")
    if not name:
        return None
    return next(number for number, full in enumerate(MONTH_NAMES, 1) if full.startswith(name))


def format_date(date: Date, pattern: str) -> str | None:
    """Write ``date`` in ``pattern``; None when the pattern needs a part the date lacks."""
    values: dict[str, str] = {"YYYY": f"{date.year:04d}", "YY": f"{date.year % 100:02d}"}
    if date.month is not None:
        values.update(MM=f"{date.month:02d}", M=str(date.month))
        if 1 <= date.month <= 12:
            values.update(MMMM=MONTH_NAMES[date.month - 1], MMM=MONTH_NAMES[date.month - 1][:3])
    if date.day is not None:
        values.update(DD=f"{date.day:02d}", D=str(date.day))
    tokens = [m.group(0) for m in _PATTERN_TOKENS.finditer(pattern)]
    if any(token not in values for token in tokens):
        return None
    return _PATTERN_TOKENS.sub(lambda m: values[m.group(0)], pattern)


def pattern_precision(pattern: str) -> int:
    """1 year, 2 month, 3 day: how much of a date the pattern writes."""
    tokens = {m.group(0) for m in _PATTERN_TOKENS.finditer(pattern)}
    return 3 if tokens & {"DD", "D"} else 2 if tokens & {"MMMM", "MMM", "MM", "M"} else 1


def learn_date_pattern(values: list[str]) -> tuple[str | None, float]:
    """The first pattern (most precise first) a clear majority of ``values`` matches, with its share."""
    if not values:
        return None, 0.0
    best, best_share = None, 0.0
    counts = Counter(values)  # a date column repeats its values: each distinct one is read once, weighted
    shapes: Counter[str] = Counter()
    for value, count in counts.items():
        shapes[_date_literals(value)] += count
    for pattern in DATE_PATTERNS:
        if shapes[_PATTERN_LITERALS[pattern]] < 0.5 * len(values):
            continue  # its separators are not those of most values: no need to compile it
        match = date_regex(pattern).match
        share = sum(count for value, count in counts.items() if match(value)) / len(values)
        if share >= MAJORITY:
            return pattern, share
        if share > best_share:
            best, best_share = pattern, share
    return (best if best_share >= 0.5 else None), best_share


def _date_literals(value: str) -> str:
    """A value without its digits and month names: the separators a pattern's literals must equal."""
    return _MONTH_WORDS.sub("", _DIGITS.sub("", value))


_DIGITS = re.compile(r"[0-9]+")
_MONTH_WORDS = re.compile(
    "|".join(sorted(MONTH_NAMES + tuple(name[:3] for name in MONTH_NAMES), key=len, reverse=True))
)
_PATTERN_LITERALS = {pattern: _PATTERN_TOKENS.sub("", pattern) for pattern in DATE_PATTERNS}
