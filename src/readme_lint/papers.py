"""Small text helpers about papers that ``add``, ``init``, the rules and the arXiv client share: slugs, month names,
lenient dates, titles compared loosely. Pure, and below both the rules and ``readme_lint.links``.

What a paper row *means* (its title, links, arXiv IDs, date) is read once per document by the list model
(``readme_lint.listmodel``), which rules receive as ``ctx.model``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from readme_lint.patterns import lazy_pattern

__all__ = [
    "GREEK_LETTERS",
    "MONTHS",
    "MONTH_NAMES",
    "arxiv_month",
    "clean_title",
    "normalize_title",
    "read_date_leniently",
    "slugify",
]

_NUMERIC_DATE = lazy_pattern(r"^([0-9]{4})[-/. ]([0-9]{1,2})$")
_NAMED_DATE = lazy_pattern(r"^([A-Za-z]{3,9})\.?,? ([0-9]{4})$")
MONTHS = {  # month spellings (English, independent of the locale) -> number
    name: number
    for number, names in enumerate(
        [
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SLUG_CHAR = re.compile(r"[^a-z0-9.]")
_GREEK_NAMES = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi"
    " omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega"
)
GREEK_LETTERS = dict(zip(_GREEK_NAMES.split(), "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩ"))
# Only online checks and `add` compare titles: these patterns are compiled (and cached by `re`) on first use.
_LATEX_MATH = r"\$([^$]*)\$"
_LATEX_COMMAND = r"\\([A-Za-z]+)"


def slugify(text: str) -> str:
    """The intro-path slug: lowercase, every character other than a-z, 0-9 and '.' replaced by '-'."""
    return _SLUG_CHAR.sub("-", text.lower())


def read_date_leniently(text: str, posted: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Read the unambiguous spellings a contributor types: 2023-12, 2023/12, 2023.2, Dec 2023, December 2023.

    ``2023.1`` is January or October: a spreadsheet or pandas export writes October, the number 2023.10, as
    2023.1. ``posted`` (the row's arXiv month, when it has one) decides, when it is within a month of one of the
    two; otherwise the date is not read (a fix or an order from it would be a guess).
    """
    match = _NUMERIC_DATE().match(text.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if month == 1 and text.strip()[4:] == ".1":
            return _january_or_october(year, posted)
    else:
        match = _NAMED_DATE().match(text.strip())
        if not match or match.group(1).lower() not in MONTHS:
            return None
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
    return (year, month) if 1 <= month <= 12 else None


def _january_or_october(year: int, posted: tuple[int, int] | None) -> tuple[int, int] | None:
    if posted is None:
        return None
    for month in (1, 10):
        if abs((posted[0] - year) * 12 + posted[1] - month) <= 1:
            return (year, month)
    return None


def arxiv_month(identifier: str | None) -> tuple[int, int] | None:
    """(year, month) a new-style arXiv ID was first submitted in (``2410.19355`` -> 2024, 10); None for others.
    Read once per ``YYMM`` prefix (a list has a few hundred): RL303 asks every paper row."""
    digits = identifier[:4] if identifier and len(identifier) > 4 and identifier[4] == "." else ""
    return _arxiv_month(digits)


@lru_cache(maxsize=4096)
def _arxiv_month(digits: str) -> tuple[int, int] | None:
    """``arxiv_month`` of an ID's first four characters."""
    if not (digits.isascii() and digits.isdigit()):
        return None
    month = int(digits[2:])
    return (2000 + int(digits[:2]), month) if 1 <= month <= 12 else None


def normalize_title(title: str) -> str:
    """Titles as arXiv returns them (newlines, double spaces, ``$\\alpha$``) compared loosely."""
    text = re.sub(
        _LATEX_MATH,
        lambda m: re.sub(_LATEX_COMMAND, lambda c: GREEK_LETTERS.get(c.group(1), c.group(1)), m.group(1)),
        title,
    )
    text = re.sub(r"[^\w]+", " ", text.casefold())
    return " ".join(text.split())


def clean_title(title: str) -> str:
    """A title fit for a README row: whitespace folded (arXiv wraps long titles with newlines)."""
    return " ".join(title.split())
