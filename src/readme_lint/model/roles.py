"""Column roles: from the header text in any case or language, checked against the cells, else from the cells."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readme_lint.model.columns import MAJORITY, MIN_SAMPLES, ColumnModel, Role
from readme_lint.model.dates import pattern_precision
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from readme_lint.config import Column
    from readme_lint.model.evidence import ColumnEvidence


# Header words -> role, tried in order on the normalized header (markup stripped, lower case).
_HEADER_ROLES: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(pattern), role)
    for pattern, role in (
        (r"^(paper |model )?(title|标题|题目|名字|论文)", Role.TITLE),
        (r"^(code|github|repo|repository|implementation|official code|code link|源码|代码)s?$", Role.CODE),
        (r"date|^time$|日期|时间|^published$|^release", Role.DATE),
        (r"^(year|年份|年)$", Role.YEAR),
        (r"^(paper|papers|pdf|paper/blog|paper link|link|links|materials?|arxiv|url|论文链接)$", Role.PAPER),
        (r"venue|^publication|conference|journal|published in|会议", Role.VENUE),
        (r"citation|cited|引用", Role.CITATION),
        (r"keyword|^topics?$|^tags?$|categor|^type$|^method$", Role.KEYWORDS),
        (r"affiliation|institut|organi[sz]ation|^org$|机构", Role.AFFILIATION),
        (r"author|作者", Role.AUTHORS),
    )
)
_SINGLE_ROLES = (Role.TITLE, Role.PAPER, Role.CODE, Role.DATE, Role.VENUE, Role.YEAR, Role.CITATION)
_FORMAT_ROLES = {"title": Role.TITLE, "paper": Role.PAPER, "date": Role.DATE, "integer": Role.CITATION}


_HEADER_MARKUP = re.compile(r"[*_`]|<[^>]*>")


def header_role(name: str) -> Role:
    """The role a header names, in any case, bold or not, in the corpus's languages; OTHER when unknown."""
    text = " ".join(_HEADER_MARKUP.sub("", name).split()).casefold()
    if not text:
        return Role.OTHER
    for pattern, role in _HEADER_ROLES:
        if pattern.search(text):
            return role
    return Role.OTHER


def column_roles(names: list[str], evidence: list[ColumnEvidence], pinned: tuple[Column, ...]) -> list[ColumnModel]:
    """Each column's role: the config pin, else the header word checked against the cells, else the cells."""
    pins = {normalize_name(column.name): column for column in pinned}
    columns = [ColumnModel(index, name, header_role(name)) for index, name in enumerate(names)]
    for column, seen in zip(columns, evidence):
        pin = pins.get(normalize_name(column.name))
        if pin is not None:
            column.pinned = pin
            if pin.format == "date":
                column.role = Role.YEAR if pattern_precision(pin.pattern) == 1 else Role.DATE
                continue
            if pin.format != "text":
                column.role = _FORMAT_ROLES[pin.format]
                continue
        column.role = _checked_role(column.role, seen)
    taken: set[Role] = set()
    for column in columns:  # a role that names one column goes to the first that has it
        if column.role in _SINGLE_ROLES:
            if column.role in taken:
                column.role = Role.OTHER
            taken.add(column.role)
    for column, seen in zip(columns, evidence):  # unknown headers: what the cells say
        if column.role is not Role.OTHER or (column.pinned and column.pinned.format != "text") or not seen.values:
            continue
        guess = _content_role(seen)
        if guess is not None and guess not in taken:
            column.role = guess
            taken.add(guess)
    names_entries = any(_ENTRY_HEADER.search(column.name) for column in columns)  # models, datasets: not papers
    if Role.TITLE not in taken and not names_entries:  # a `Paper` column of linked titles is the title column
        for column, seen in zip(columns, evidence):
            if column.role is Role.PAPER and column.pinned is None and _linked_titles(seen):
                column.role = Role.TITLE
                break
    return columns


_ENTRY_HEADER = re.compile(r"\b(?:name|names|model|models|dataset|datasets|benchmark|method|tool)\b", re.IGNORECASE)


def _linked_titles(seen: ColumnEvidence) -> bool:
    """Cells that are one link each, labelled with free text (titles), not a small vocabulary (`pdf`, `code`)."""
    cells = len(seen.values)
    labels = {label for sequence in seen.label_sequences for label in sequence}
    return (
        cells >= MIN_SAMPLES
        and seen.single_link_cells >= MAJORITY * cells
        and seen.shapes["linked"] >= MAJORITY * cells
        and len(labels) >= MAJORITY * cells
    )


def _checked_role(role: Role, seen: ColumnEvidence) -> Role:
    """The header's role, corrected by the cells: a "Paper" column of plain titles is a title column ..."""
    values = seen.candidates()
    if not values:
        return role
    link_share = seen.links / len(values)
    if role is Role.PAPER and link_share < 0.5:
        return Role.TITLE
    if role is Role.CITATION and sum(1 for v in values if v.replace(",", "").isdigit()) < 0.5 * len(values):
        return Role.OTHER  # a column of citation badges, not counts
    if role in (Role.DATE, Role.YEAR):
        pattern, _share = seen.date_pattern(values)
        if pattern is None:
            return role
        return Role.YEAR if pattern_precision(pattern) == 1 else Role.DATE
    return role


def _content_role(seen: ColumnEvidence) -> Role | None:
    values = seen.candidates()
    if len(values) < 2:
        return None
    pattern, share = seen.date_pattern(values)
    if pattern is not None and share >= MAJORITY:
        return Role.YEAR if pattern_precision(pattern) == 1 else Role.DATE
    if seen.arxiv >= MAJORITY * len(values) and seen.link_only >= MAJORITY * len(values):
        return Role.PAPER
    if seen.bold >= MAJORITY * len(values):
        return Role.TITLE
    return None
