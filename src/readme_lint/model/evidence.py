"""The evidence pass: what each column's cells show, gathered in one pass, and the conventions learned from it
(a clear majority, a prior for the default schema, a pin from the config); small tables pool their evidence
with the same column of their siblings."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from readme_lint.anatomy import is_emoji
from readme_lint.model.arxiv import Spelling, is_arxiv_url, read_arxiv_links
from readme_lint.model.cells import (
    SIMPLE_BOLD,
    VENUE_TAIL,
    compared_label,
    date_value,
    is_placeholder_word,
    title_shape,
    without_placeholder_words,
)
from readme_lint.model.columns import MAJORITY, MIN_SAMPLES, PADDING_MAJORITY, ColumnModel, Role, TableModel
from readme_lint.model.dates import date_regex, learn_date_pattern
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readme_lint.config import Column
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row


_LINK_ONLY_REST = re.compile(r"^[\s\[\]*|,;/·•]*$")
# A cell read as written, on the bulk path (with an ASCII first character): no link, no markup, no pictograph.
_PLAIN_CELL = re.compile(r"[\[<*]|^[_!]").search


def majority(counter: Counter[str], share: float = MAJORITY) -> tuple[str | None, int]:
    """(the most common value when a clear majority holds it, evidence count)."""
    if not counter:
        return None, 0
    value, count = counter.most_common(1)[0]
    total = sum(counter.values())
    return (value if total and count >= share * total else None), total


def paddings(left: Counter[str], right: Counter[str]) -> tuple[str | None, str | None]:
    """The column's padding on both sides -- or none at all when either side is mixed: a list that pads the
    end of its cells at random does not curate the invisible spaces at their start either."""
    sides = (_padding(left), _padding(right))
    return sides if None not in sides else (None, None)


def _padding(sides: Counter[str]) -> str | None:
    """The spacing on one side of a column's cells, when nearly all follow it: a clear majority, and at most one
    cell in ten (or a single cell) otherwise -- hand-made tables vary, and reporting half of them is noise."""
    style, total = majority(sides)
    if style is None or total - sides[style] > max(1, round((1 - PADDING_MAJORITY) * total, 6)):
        return None
    return style


def outer_cells(rows: list[Row]) -> dict[int, set[int]]:
    """The cells outside their row's pipes (the first without a leading pipe, the last without a trailing
    one), by column index: their spacing tells nothing. One pass for all columns; empty for a fully piped table."""
    found: dict[int, set[int]] = {}
    for row in rows:
        cells = row.cells
        if cells and not row.leading_pipe:
            found.setdefault(0, set()).add(id(cells[0]))
        if cells and not row.trailing_pipe:
            found.setdefault(len(cells) - 1, set()).add(id(cells[-1]))
    return found


def _marked(joined: str) -> bool:
    """Whether any of a column's cells, joined by newlines, is no bulk cell by ``_PLAIN_CELL`` (five searches in
    C are a fraction of one search for the pattern's alternation)."""
    return (
        "[" in joined
        or "<" in joined
        or "*" in joined
        or joined[:1] in ("_", "!")
        or "\n_" in joined
        or "\n!" in joined
    )


def columns_of(rows: list[Row], count: int) -> list[tuple[Cell, ...] | None]:
    """The cells of each of the first ``count`` columns, for the columns every row has a cell in (all of them in
    a table of full rows), from one transposition in C; None for a column some row is too short for."""
    cells = [row.cells for row in rows]
    found: list[tuple[Cell, ...] | None] = []
    if min([len(row_cells) for row_cells in cells], default=0):
        found.extend(list(zip(*cells))[:count])
    return found + [None] * (count - len(found))


class ColumnEvidence:
    """What the cells of one column show, gathered in one pass over the column (``gather``)."""

    def __init__(self) -> None:
        self.values: list[str] = []  # non-empty reader texts
        self.plain_values: Counter[str] = Counter()  # non-empty cells without a link, as written
        self.links = 0  # cells with a link
        self.link_only = 0  # cells that are nothing but links
        self.arxiv = 0  # cells linking arXiv
        self.forms: Counter[str] = Counter()
        self.label_sequences: Counter[tuple[str, ...]] = Counter()
        self.separators: Counter[str] = Counter()
        self.single_link_cells = 0
        self.left: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.doubled = 0
        self._shapes: Counter[str] = Counter()  # title shapes (read through ``shapes``)
        self._bold = 0
        self._tails = 0
        self._venue_tails = 0
        self._unshaped: list[Cell] = []  # cells whose title shape is read only when a role asks for one
        self._candidates: list[str] | None = None
        self._dated: tuple[list[str], tuple[str | None, float]] | None = None  # (values, their date pattern)
        # The cells' arXiv URLs, read on the way for the list's tally (``read_arxiv_links``; not pooled): their
        # spellings, and each cell's (ID, version)s as a paper row's are read, by the cell's id.
        self.arxiv_spellings: Counter[Spelling] = Counter()
        self.arxiv_ids: dict[int, tuple[tuple[str, str], ...]] = {}

    @property
    def shapes(self) -> Counter[str]:
        """The cells' title shapes (bold, linked, plain); only a title column's, or a role's question, needs them:
        a paper column beside a title column never reads its links' shapes."""
        self._shape_cells()
        return self._shapes

    @property
    def bold(self) -> int:
        self._shape_cells()
        return self._bold

    @property
    def tails(self) -> int:
        """Bold titles with text after the bold run."""
        self._shape_cells()
        return self._tails

    @property
    def venue_tails(self) -> int:
        """... whose text is a ``[Venue YYYY]`` tag."""
        self._shape_cells()
        return self._venue_tails

    def _shape_cells(self) -> None:
        if not self._unshaped:
            return
        shapes = [title_shape(cell) for cell in self._unshaped]
        for cell, shape in zip(self._unshaped, shapes):
            if shape == "bold":
                self._add_bold(cell.text)
        self._shapes.update(shapes)
        self._unshaped = []

    def merge(self, other: ColumnEvidence) -> None:
        """Add another column's evidence to this one (the same column across a list's small tables)."""
        self._shapes.update(other.shapes)
        self._bold += other.bold
        self._tails += other.tails
        self._venue_tails += other.venue_tails
        for name, value in vars(other).items():
            if name.startswith("_") or name in _UNPOOLED:
                continue
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)
        self._candidates = None

    def date_pattern(self, values: list[str]) -> tuple[str | None, float]:
        """``learn_date_pattern(values)``, read once for the same list: the role check and the conventions both
        ask it of a date column's candidates (the list is kept, so it cannot be another list at the same id)."""
        dated = self._dated
        if dated is None or dated[0] is not values:
            dated = self._dated = (values, learn_date_pattern(values))
        return dated[1]

    def candidates(self) -> list[str]:
        """The values that are not placeholder words (what roles and conventions are learned from), read once."""
        if self._candidates is None:
            self._candidates = without_placeholder_words(self.values)
        return self._candidates

    def gather(
        self, rows: list[Row], index: int, outer_cells: dict[int, set[int]], column: Sequence[Cell] | None = None
    ) -> None:
        """Add the cells at ``index`` of ``rows``, a column at a time: the spacing and the plain cells (most of a
        list's: keywords, dates, numbers) in bulk, with C-level maps and one Counter each; a cell with links,
        markup or a leading pictograph one by one. Only label sequences keep the rows' order (their ties are
        broken by first appearance); every other count is a multiset, whatever order it is added in.
        ``outer_cells``: the ``id``s of the cells outside their row's pipes, by index (``outer_cells``);
        ``column``: the cells at ``index`` of ``rows``, when every row has one (``columns_of``)."""
        self._candidates = None
        if column is None:
            filled = [cell for row in rows if len(row.cells) > index and (cell := row.cells[index]).text]
        else:
            filled = [cell for cell in column if cell.text]
        texts = [cell.text for cell in filled]
        outer = outer_cells.get(index)
        raws = [cell.raw for cell in filled if id(cell) not in outer] if outer else [cell.raw for cell in filled]
        unpadded = texts == raws  # every counted cell is its own text: no blank on either side (most tables)
        for counter, space in (
            (self.left, 0 if unpadded else len([raw for raw in raws if raw[0] in " \t"])),
            (self.right, 0 if unpadded else len([raw for raw in raws if raw[-1] in " \t"])),
        ):
            if space:
                counter["space"] += space
            if len(raws) - space:
                counter["none"] += len(raws) - space
        joined = "\n".join(texts)  # no cell spans lines: what no line of it holds, no cell does
        if "  " in joined:
            self.doubled += len([text for text in texts if "  " in text and "`" not in text])
        if joined.isascii() and not _marked(joined):
            bulk: list[bool] | None = None  # every cell is read as written
            plain = texts
        else:
            bulk = [_PLAIN_CELL(text) is None and text[0].isascii() for text in texts]
            plain = list(itertools.compress(texts, bulk))
        self.values.extend(plain)
        if plain:
            self._shapes["plain"] += len(plain)
        shapes: list[str] = []
        linked = _LinkCells()
        spelled: list[Spelling] = []
        arxiv_ids = self.arxiv_ids
        for cell, done in zip(filled, bulk) if bulk is not None and len(plain) < len(filled) else ():
            if done:
                continue  # counted above
            text = cell.text
            first = text[0]
            if "[" in text or "<" in text:  # (every cell that can hold a link: read here, whatever its shape)
                inline = cell.inline
                if inline.links and (found := read_arxiv_links(text, inline.links, spelled, True)):
                    arxiv_ids[id(cell)] = tuple(found)
                links = [link for link in inline.links if link.kind == "link"]
                if links:
                    self._add_links(cell, text, links, linked)
                    self._add_shape(cell, text, first, shapes)
                    continue
            plain.append(text)
            if first not in "*_[!<" and (first.isascii() or not is_emoji(first)):
                shapes.append("plain")
                self.values.append(date_value(cell) if "*" in text or "<" in text else text)
                continue
            self._add_shape(cell, text, first, shapes)
        self.arxiv_spellings.update(spelled)
        self.plain_values.update(plain)  # the cells without a link, as written: the bulk ones and the others
        self._shapes.update(shapes)
        self._count_links(linked)

    def _add_links(self, cell: Cell, text: str, links: list[Link], linked: _LinkCells) -> None:
        """A cell with links: how each is written, what stands between them, their labels, arXiv or not.
        ``link_form`` inlined; the forms, separators and label sequences collected in ``linked`` and counted
        once per column (a Counter's ``+= 1`` costs several times a list's append). The two shapes most of a
        list's link cells have -- one link that is the whole cell, the reference format's ``[[pdf](u)]
        [[intro](v)]`` -- are told from their spans and read without the general loop (``_link_spans``, which a
        test holds them to)."""
        self.links += 1
        base = cell.text_col
        size = len(text)
        count = len(links)
        first = links[0]
        if count == 1 and first.col == base and first.end_col - base == size:
            linked.forms.append(
                "<U>" if text[0] == "<" else "[[L]](U)" if text.startswith("[[") and "]](" in text else "[L](U)"
            )
            linked.labels.append((compared_label(first.label),))
            self.link_only += 1
            self.single_link_cells += 1
        elif count == 2 and _bracketed_pair(text, first, links[1], base, size):
            linked.forms += _PAIR_FORMS
            linked.separators.append(" ")
            linked.labels.append((compared_label(first.label), compared_label(links[1].label)))
            self.link_only += 1
        else:
            forms, separators, labels, link_only = _link_spans(text, links, base)
            linked.forms += forms
            linked.separators += separators
            linked.labels.append(labels)
            if link_only:
                self.link_only += 1
            if count == 1:
                self.single_link_cells += 1
        if len(linked.labels) >= _LINK_BATCH:
            self._count_links(linked)
        if "arxiv" in text:
            for link in links:
                if link.target.startswith(_ARXIV_PREFIXES) or is_arxiv_url(link.target):
                    self.arxiv += 1
                    break

    def _count_links(self, linked: _LinkCells) -> None:
        """Count the collected link evidence and empty the lists: in the rows' order, a batch at a time (a tie
        between label sequences goes to the first seen, as when each was counted on its own)."""
        if linked.labels:
            self.forms.update(linked.forms)
            self.separators.update(linked.separators)
            self.label_sequences.update(linked.labels)
            linked.forms, linked.separators, linked.labels = [], [], []

    def _add_shape(self, cell: Cell, text: str, first: str, shapes: list[str]) -> None:
        """A cell that may be decorated, bold or linked: its title shape, a bold title's tail, its value."""
        bold = SIMPLE_BOLD.match(text) if first == "*" else None
        if bold is not None:  # title_shape's first test; a whole-cell match is cell_value's too
            shapes.append("bold")
            self._add_bold(text)
            # A bold run that is not the whole cell: cell_value's fullmatch fails too (the run cannot hold a `*`).
            whole = bold.end() == len(text)
            self.values.append(bold.group(1) if whole else date_value(cell, cell.inline.plain.strip()))
            return
        if first in "*_[!<" or (not first.isascii() and is_emoji(first)):
            self._unshaped.append(cell)  # title_shape(cell), when the shapes are asked for
        else:
            shapes.append("plain")
        if first != "*" and ("[" in text or "<" in text):  # cell_value's marks found, its bold test cannot match
            self.values.append(date_value(cell, cell.inline.plain.strip()))
        else:
            self.values.append(date_value(cell) if "[" in text or "*" in text or "<" in text else text)

    def _add_bold(self, text: str) -> None:
        """A bold title, and the tail after its last ``**`` (a ``[Venue YYYY]`` in the reference format)."""
        self._bold += 1
        close = text.rfind("**")
        tail = text[close + 2 :] if close > 1 else ""
        if tail:
            self._tails += 1
            if VENUE_TAIL.match(tail):
                self._venue_tails += 1


class _LinkCells:
    """What a column's cells with links show, collected in lists while ``gather`` reads them."""

    __slots__ = ("forms", "labels", "separators")

    def __init__(self) -> None:
        self.forms: list[str] = []  # each link's form
        self.separators: list[str] = []  # the text between two links of a cell
        self.labels: list[tuple[str, ...]] = []  # each cell's label sequence


def _bracketed_pair(text: str, first: Link, second: Link, base: int, size: int) -> bool:
    """Whether the cell is ``[`` first ``] [`` second ``]``, neither an autolink: ``[[L](U)] [[L](U)]``, whose forms,
    separator and link-only verdict ``_link_spans`` would give as ``_PAIR_FORMS``, ``" "`` and True."""
    end = first.end_col - base
    return (
        first.col - base == 1
        and second.col - base == end + 3
        and second.end_col - base == size - 1
        and text[end : end + 3] == "] ["
        and text[0] == "["
        and text[-1] == "]"
        and text[1] != "<"
        and text[end + 3] != "<"
    )


_PAIR_FORMS = ("[[L](U)]", "[[L](U)]")


def _link_spans(text: str, links: list[Link], base: int) -> tuple[list[str], list[str], tuple[str, ...], bool]:
    """(each link's form, the separators between them, the compared labels, whether the cell is nothing but
    its links): how a cell's links are written, read from their spans (``link_form`` inlined)."""
    forms = []
    separators = []
    labels = []
    gaps = []  # the text around the links (what the link-only test reads)
    ordered = True  # the spans follow one another inside the text, as the parser gives them
    size = len(text)
    previous_end = -1
    last = 0  # where the previous link ended (0 before the first)
    for link in links:
        start, end = link.col - base, link.end_col - base
        before = text[start - 1 : start] if start > 0 else ""
        if text[start : start + 1] == "<":
            form = "<U>"
        elif before == "[" and text[end : end + 1] == "]":
            form = "[[L](U)]"
        elif text[start : start + 2] == "[[" and "]](" in text[start:end]:
            form = "[[L]](U)"
        elif text[max(0, start - 2) : start] == "**" and text[end : end + 2] == "**":
            form = "**[L](U)**"
        else:
            form = "[L](U)"
        forms.append(form)
        labels.append(compared_label(link.label))
        if previous_end >= 0:  # the separator: between the links, a wrapping bracket pair left out
            after = previous_end + (text[previous_end : previous_end + 1] == "]")
            separators.append(text[after : start - (text[start - 1 : start] == "[")])
        ordered = ordered and last <= start <= end <= size
        gaps.append(text[last:start])
        previous_end = end
        last = end if end > 0 else 0
    gaps.append(text[previous_end:])
    rest = "".join(gaps) if ordered else _without_links(text, links, base)
    return forms, separators, tuple(labels), _LINK_ONLY_REST.match(rest) is not None


_UNPOOLED = ("arxiv_spellings", "arxiv_ids")  # what ``merge`` leaves out: the arXiv tally reads each table's own
_LINK_BATCH = 512  # cells of link evidence collected before they are counted (bounded memory on a long list)
_ARXIV_PREFIXES = ("https://arxiv.org/", "http://arxiv.org/")  # what is_arxiv_url matches, in its usual spelling


def _without_links(text: str, links: list[Link], base: int) -> str:
    """The cell text with each link's text taken out, first occurrence first. For spans in order this leaves
    the same characters as cutting the spans out (each first occurrence ends before the next span starts), and
    the link-only test reads only which characters are left; so ``_add_links`` cuts, and reads this way only
    spans out of order."""
    rest = text
    for link in links:
        rest = rest.replace(text[link.col - base : link.end_col - base], "", 1)
    return rest


class Draft:
    """A table between the two passes: its model with its own conventions, its rows, and their evidence."""

    def __init__(
        self,
        model: TableModel,
        rows: list[Row],
        evidence: list[ColumnEvidence],
        priors: list[Column | None],
        grouped: bool = False,
    ) -> None:
        self.model = model
        self.rows = rows
        self.evidence = evidence
        self.priors = priors
        self.grouped = grouped  # the table has group label rows (its order, if any, is per group)


# -- small tables learn from their siblings ----------------------------------------------------------------

SMALL_COLUMN = 20  # a column with fewer values than this takes the conventions its siblings share
_POOLED = ("date_pattern", "title_shape", "venue_tail", "link_form", "thousands_commas")


def pool_small_columns(drafts: list[Draft]) -> None:
    """Columns of small tables take the conventions the same column (same place and role under the same
    header) shows across the list's tables: a list of many 4-row tables has one date format, and one bad date in
    one of them is a defect, not a table of its own. A small table keeps its own convention only where its own
    evidence clearly disagrees -- a convention of its own, from enough values, that differs from the list's."""
    groups: dict[tuple[tuple[str, ...], int, Role], list[tuple[ColumnModel, ColumnEvidence, Column | None]]] = {}
    for draft in drafts:
        if not draft.model.is_paper_table:
            continue
        header = tuple(normalize_name(column.name) for column in draft.model.columns)
        for column, seen, prior in zip(draft.model.columns, draft.evidence, draft.priors):
            groups.setdefault((header, column.index, column.role), []).append((column, seen, prior))
    for members in groups.values():
        if len(members) < 2 or all(len(seen.values) >= SMALL_COLUMN for _column, seen, _prior in members):
            continue
        pooled = ColumnEvidence()
        for _column, seen, _prior in members:
            pooled.merge(seen)
        shared = ColumnModel(0, members[0][0].name, members[0][0].role)
        conventions(shared, pooled, sum(column.rows for column, _seen, _prior in members), members[0][2])
        for column, seen, _prior in members:
            if len(seen.values) < SMALL_COLUMN:
                _adopt(column, seen, shared)


def _adopt(column: ColumnModel, seen: ColumnEvidence, shared: ColumnModel) -> None:
    """Take the list's conventions where the column's own evidence does not clearly say otherwise."""
    column.placeholders = column.placeholders | shared.placeholders
    for name in _POOLED:
        if _pinned(column, name):
            continue
        own, listed = getattr(column, name), getattr(shared, name)
        if own == listed or listed is None:
            continue
        if own is not None and own is not False and len(seen.values) >= MIN_SAMPLES:
            continue  # a convention of its own, from enough values
        if own is None and len(seen.values) >= MIN_SAMPLES and _support(name, listed, seen) < 0.5:
            continue  # mixed values that mostly do not follow the list's convention either
        setattr(column, name, listed)


def _pinned(column: ColumnModel, name: str) -> bool:
    """Whether the config decides convention ``name`` of this column (a pin wins over the list's evidence)."""
    pin = column.pinned
    if pin is None:
        return False
    if name == "date_pattern":
        return pin.format == "date"
    return name != "thousands_commas" and pin.format == "text" and column.role in (Role.TITLE, Role.PAPER)


def _support(name: str, value: Any, seen: ColumnEvidence) -> float:
    """The share of a column's own values that follow ``value`` of convention ``name``."""
    if name == "date_pattern":
        regex = date_regex(value)
        return sum(1 for text in seen.values if regex.match(text)) / max(1, len(seen.values))
    if name not in ("title_shape", "link_form"):
        return 1.0
    counts = seen.shapes if name == "title_shape" else seen.forms
    return counts[value] / max(1, sum(counts.values()))


def conventions(column: ColumnModel, seen: ColumnEvidence, rows: int, prior: Column | None) -> None:
    """Fill in a column's conventions from its evidence; a pin wins, a prior holds until a clear majority."""
    column.rows = rows
    column.placeholders = _learned_placeholders(seen, rows)
    placeholders = column.placeholders
    candidates = seen.candidates()  # the values that are no placeholder word; then the column's own ones out
    real = [value for value in candidates if value not in placeholders] if placeholders else candidates
    column.filled = len(real)
    column.required = _required(column, prior)
    if column.role in (Role.DATE, Role.YEAR):
        learned, share = seen.date_pattern(real)
        if column.pinned is not None and column.pinned.format == "date":
            column.date_pattern = column.pinned.pattern
        elif prior is not None and prior.format == "date" and len(real) < MIN_SAMPLES:
            column.date_pattern = prior.pattern
        else:
            column.date_pattern = learned if share >= MAJORITY else None
            if learned is None and prior is not None and prior.format == "date":
                column.date_pattern = prior.pattern
    if column.pinned is not None and column.pinned.format == "text" and column.role in (Role.TITLE, Role.PAPER):
        pass  # a title or paper column pinned as free text: no shape conventions
    elif seen.forms:
        form, evidence = majority(seen.forms)
        column.link_form = form if form is not None and (evidence >= MIN_SAMPLES or prior is None) else None
        if prior is not None and prior.format == "paper" and (form is None or evidence < MIN_SAMPLES):
            column.link_form = "[[L](U)]"
        column.link_labels, column.required_labels = _labels(seen.label_sequences, seen.links)
        if prior is None:  # a row that links only a blog or a report is no defect in a list that declares nothing
            column.required_labels = ()
        column.label_order = column.link_labels is not None and _consistent_order(seen.label_sequences)
        separator, evidence = majority(seen.separators)
        column.link_separator = separator if evidence >= MIN_SAMPLES else None
        if prior is not None and prior.format == "paper" and (column.link_labels is None or seen.links < MIN_SAMPLES):
            column.link_labels, column.required_labels = ("pdf", "intro"), ("pdf",)
            column.label_order = column.labels_from_prior = True
            column.link_separator = " "
    if column.role is Role.TITLE and (column.pinned is None or column.pinned.format == "title"):
        shape, evidence = majority(seen.shapes)
        column.title_shape = shape
        if prior is not None and (shape is None or evidence < MIN_SAMPLES):
            column.title_shape = "bold"
        if seen.tails < MIN_SAMPLES:
            column.venue_tail = prior is not None
        else:
            column.venue_tail = seen.venue_tails >= MAJORITY * seen.tails
    column.left_padding, column.right_padding = paddings(seen.left, seen.right)
    column.spacing = (seen.left, seen.right)
    column.own_padding = sum(seen.left.values()) >= MIN_SAMPLES
    # A number ends in a digit (or a comma); a non-ASCII last character may be a digit too (str.isdigit).
    numbers = [value for value in real if (last := value[-1:]) in "0123456789," or not last.isascii()]
    big = [value for value in numbers if len(digits := value.replace(",", "")) > 3 and digits.isdigit()]
    commas = sum(1 for value in big if "," in value)
    column.thousands_commas = len(big) >= MIN_SAMPLES and commas >= MAJORITY * len(big)
    nonempty = len(seen.values)
    column.doubled_spaces_style = nonempty > 0 and seen.doubled >= 0.1 * nonempty and seen.doubled >= 3


def _learned_placeholders(seen: ColumnEvidence, rows: int) -> frozenset[str]:
    """Values that mean "none" here: placeholder words, and a non-link value repeated across many rows of a
    column whose other values are links (``Local Demo`` in a column of demo links)."""
    counts = seen.plain_values
    found = {value for value, count in counts.items() if count >= 2 and is_placeholder_word(value)}
    if seen.links and seen.links >= 0.5 * len(seen.values):
        for value, count in counts.items():
            if count >= 3 and count >= 0.05 * rows and "://" not in value and len(value) <= 30:
                found.add(value)
    return frozenset(found)


def _required(column: ColumnModel, prior: Column | None) -> bool:
    """Required: pinned so, or (unpinned) the column is filled in nearly every row and is not a column that
    naturally waits for a value (citation, affiliation, code)."""
    if column.pinned is not None:
        return column.pinned.required
    if prior is not None:
        return prior.required
    if not required_role(column.role) or column.rows < 5:
        return False
    return column.filled >= 0.95 * column.rows


def required_role(role: Role) -> bool:
    """Roles whose value every paper has (citation, affiliation, code and keywords may wait for one)."""
    return role not in (Role.CITATION, Role.AFFILIATION, Role.CODE, Role.OTHER, Role.KEYWORDS)


def _labels(sequences: Counter[tuple[str, ...]], cells: int) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(the label vocabulary in its usual order, labels nearly every cell has) -- when the labels form a small
    closed vocabulary that most cells follow; (None, ()) for free labels (a venue as the label)."""
    counts: Counter[str] = Counter()
    for sequence, count in sequences.items():
        for label in sequence:
            counts[label] += count
    if not counts or len(counts) > 4 or cells < MIN_SAMPLES:
        return None, ()
    order: list[str] = []
    for sequence, _count in sequences.most_common():
        for label in sequence:
            if label not in order:
                order.append(label)
    required = tuple(label for label in order if counts[label] >= 0.95 * cells)
    return tuple(order), required


def _consistent_order(sequences: Counter[tuple[str, ...]]) -> bool:
    """Whether every two labels that appear together do so in one order in nearly all cells."""
    pairs: Counter[tuple[str, str]] = Counter()
    for sequence, count in sequences.items():
        for first, label in enumerate(sequence):
            for later in sequence[first + 1 :]:
                pairs[(label, later)] += count
    together = {(min(pair), max(pair)) for pair in pairs}
    return bool(together) and all(
        max(pairs[(a, b)], pairs[(b, a)]) >= 0.9 * (pairs[(a, b)] + pairs[(b, a)]) for a, b in together
    )
