"""Cell readings: what a cell says to a reader (its value, its date text), how its links are written, its title
shape, and the words that mean "none". They know nothing of a list's conventions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readme_lint.anatomy import is_emoji, title_part
from readme_lint.patterns import lazy_compile

if TYPE_CHECKING:
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell


PLACEHOLDER_WORDS = frozenset({"-", "--", "—", "–", "n/a", "na", "null", "none", "tbd", "todo", "?", "/", "x", "✗"})
_LONGEST_PLACEHOLDER = max(len(word) for word in PLACEHOLDER_WORDS)


VENUE_TAIL = re.compile(r"^ \[(?P<venue>[^\[\]]*?\S) (?P<year>[0-9]{4})\]$")


def link_form(cell_text: str, link: Link, cell_col: int) -> str:
    """How a link is written in its cell: ``[[L](U)]``, ``[[L]](U)``, ``**[L](U)**``, ``[L](U)`` or ``<U>``."""
    start, end = link.col - cell_col, link.end_col - cell_col
    if cell_text[start : start + 1] == "<":
        return "<U>"
    if start > 0 and cell_text[start - 1] == "[" and cell_text[end : end + 1] == "]":
        return "[[L](U)]"
    if cell_text[start : start + 2] == "[[" and "]](" in cell_text[start:end]:
        return "[[L]](U)"
    if cell_text[max(0, start - 2) : start] == "**" and cell_text[end : end + 2] == "**":
        return "**[L](U)**"
    return "[L](U)"


_LABELS: dict[str, str] = {}  # a link label as written -> as compared; a list's few labels (pdf, code) repeat


def compared_label(label: str) -> str:
    """A link label as labels compare: outer spaces and brackets dropped, case folded (``[PDF] `` is ``pdf``)."""
    found = _LABELS.get(label)
    if found is None:
        found = label.strip().strip("[]").strip().casefold()
        if len(_LABELS) < 4096:
            _LABELS[label] = found
    return found


SIMPLE_BOLD = re.compile(r"\*\*([^\s\\`*_\[\]<&](?:[^\\`*_\[\]<&\n]*[^\s\\`*_\[\]<&])?)\*\*")


def title_shape(cell: Cell) -> str:
    """``bold`` (starts with a strong run), ``linked`` (starts with a link), or ``plain`` -- of the title part,
    after any badges, emoji and HTML breaks in front of it (see :mod:`readme_lint.anatomy`)."""
    text = cell.text
    if SIMPLE_BOLD.match(text):  # what the inline parser would say, without parsing
        return "bold"
    if text[:1] in "!<" or text.startswith("[![") or (text and is_emoji(text[0])):
        return title_part(cell).shape
    if text.startswith(("**", "__")) and cell.inline.starts_with_strong:
        return "bold"
    if text.startswith("[") and cell.inline.links and cell.inline.links[0].col == cell.text_col:
        return "linked"
    return "plain"


_HIDDEN_NOTE = lazy_compile(r"^(?:\[[^\[\]]*\]:\s*(?:#|<>)\S*.*|<!--.*-->)$")


def is_hidden_note(text: str) -> bool:
    """An extra cell that is a markdown comment (``[//]: #06/05``, ``[comment]: <> (x)``, ``<!-- x -->``): a note
    the maintainer keeps after the last column on purpose, invisible on GitHub, so nothing is lost."""
    return bool(text) and _HIDDEN_NOTE.match(text) is not None


_MARKS = re.compile(r"[*_\[<`\\&]")  # a cell with none of these reads as written (one search, not seven)


def cell_value(cell: Cell) -> str:
    """The cell as a reader sees it: markup and HTML comments dropped, outer spaces stripped."""
    text = cell.text
    if _MARKS.search(text) is None:
        return text
    bold = SIMPLE_BOLD.fullmatch(text)
    if bold is not None:  # `**2026-05-13**`: the reader's text, without parsing
        return bold.group(1)
    return cell.inline.plain.strip()


def date_value(cell: Cell, value: str | None = None) -> str:
    """The text a date is read from: the reader's text, or the first link's label (``[2025/05/31](code)``).
    ``value``: the cell's ``cell_value``, when the caller has it already."""
    if value is None:
        value = cell_value(cell)
    if "[" not in cell.text:
        return value
    links = cell.inline.links
    if links:
        label = links[0].label
        stripped = label.strip()
        if stripped and value.startswith(stripped) and value != label:
            return stripped
    return value


FORMS_WRITTEN = {  # how each link shape is written: the label and ``(destination)`` as they should read
    "[[L](U)]": "[[{label}]{paren}]",
    "[[L]](U)": "[[{label}]]{paren}",
    "[L](U)": "[{label}]{paren}",
    "**[L](U)**": "**[{label}]{paren}**",
}
_TITLE_NORMALIZE = re.compile(r"[^\w+#]+|_+")


def normalized_title(title: str) -> str:
    """Titles compare without case, punctuation and spacing; `+`, `#` and digits count (`DPM-Solver++`, `C#`)."""
    return _TITLE_NORMALIZE.sub(" ", title.casefold()).strip()


def is_placeholder_word(text: str) -> bool:
    text = text.strip()
    return len(text) <= _LONGEST_PLACEHOLDER and text.casefold() in PLACEHOLDER_WORDS  # casefold never shortens


def without_placeholder_words(values: list[str]) -> list[str]:
    """``values`` without the placeholder words: ``is_placeholder_word`` inlined, as a column's evidence filters
    every value of the column this way."""
    longest, words = _LONGEST_PLACEHOLDER, PLACEHOLDER_WORDS
    return [value for value in values if len(text := value.strip()) > longest or text.casefold() not in words]
