"""Plain-text parser, plus the line/column and heading helpers the other parsers share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tenderlint.document import Block, BlockKind, Document, Location
from tenderlint.parsers.encoding import decode_text, plain_spaces

#: (line, column) of one character in its source, both 1-based.
Position = tuple[int, int]

LIST_MARKER = re.compile(
    r"(?:[-*•–▪◦]|\d{1,3}[.)]|(?:[ivx]{1,5}|[a-z])\)|\((?:[ivx]{1,5}|[a-z])\))(?:\s+|$)"
)
_CLAUSE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})+\.?\s+\S")
_NUMBERED_HEADING = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+[A-Z(]")
_SINGLE_NUMBER = re.compile(r"(\d{1,3})\.\s")
_NAMED_HEADING = re.compile(
    r"(?:section|part|schedule|annex|appendix|lot)\s+(?:\d{1,3}|[A-Z]{1,2})\b", re.IGNORECASE
)
_OBLIGATION = re.compile(r"\b(?:must|shall)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_NEW_SENTENCE = re.compile(r"[\"'“‘(]?[A-Z0-9•▪◦–-]")
_HYPHENATED = re.compile(r"[^\W\d_]-$")
#: "Contract term: 3 years" or "tender.lots[0].description: ..." (a form or notice field).
_FIELD_LINE = re.compile(r"[A-Za-z][\w\[\]().'/-]*(?: [A-Za-z][\w()'/-]*){0,5}:\s+\S")
#: A first cell that is only a list marker or clause number ("1.", "a)", "2.3") makes a list
#: item or numbered clause of a tab-separated line, not a table row.
_MARKER_CELL = re.compile(r"[-*•–▪◦]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})[.)]?")
_MAX_HEADING_CHARS = 80
#: A line this long was not hard-wrapped, so the line breaks around it are the author's own.
_UNWRAPPED_LINE_CHARS = 150
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True)
class PlacedText:
    """Text in which every character remembers its (line, column) in the source file."""

    text: str = ""
    positions: tuple[Position, ...] = ()

    @classmethod
    def from_line(cls, text: str, line: int, column: int) -> PlacedText:
        """``text`` found on ``line`` starting at ``column``."""
        return cls(text, tuple((line, column + offset) for offset in range(len(text))))

    @classmethod
    def join_lines(cls, pieces: Iterable[PlacedText]) -> PlacedText:
        """The pieces joined by single spaces, each space placed just after the piece before."""
        text: list[str] = []
        positions: list[Position] = []
        for piece in pieces:
            if positions and piece.text:
                line, column = positions[-1]
                text.append(" ")
                positions.append((line, column + 1))
            text.append(piece.text)
            positions.extend(piece.positions)
        return cls("".join(text), tuple(positions))

    def __add__(self, other: PlacedText) -> PlacedText:
        return PlacedText(self.text + other.text, self.positions + other.positions)

    def __getitem__(self, index: slice) -> PlacedText:
        return PlacedText(self.text[index], self.positions[index])

    def strip(self) -> PlacedText:
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end]

    def collapse_whitespace(self) -> PlacedText:
        """Every run of whitespace as one plain space (kept at the run's first character)."""
        text: list[str] = []
        positions: list[Position] = []
        for char, position in zip(self.text, self.positions, strict=True):
            if char.isspace():
                if text and text[-1] == " ":
                    continue
                char = " "
            text.append(char)
            positions.append(position)
        return PlacedText("".join(text), tuple(positions))

    def segments(self) -> tuple[tuple[int, int, int], ...]:
        """Block segments: a new one wherever the next character does not follow on."""
        segments: list[tuple[int, int, int]] = []
        previous: Position | None = None
        for index, (line, column) in enumerate(self.positions):
            if previous is None or line != previous[0] or column != previous[1] + 1:
                segments.append((index, line, column))
            previous = (line, column)
        return tuple(segments)


def placed_block(placed: PlacedText, kind: BlockKind, location: Location) -> Block | None:
    """A block of ``placed`` text (whitespace collapsed) spanning its source, or None if blank."""
    tidy = placed.collapse_whitespace().strip()
    if not tidy.text:
        return None
    block = Block(tidy.text, kind, location, tidy.segments())
    return replace(block, location=block.location_of(0, len(tidy.text)))


class SectionPath:
    """The chain of headings above the current point ("4 Security > 4.2 Testing")."""

    def __init__(self) -> None:
        self._headings: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> None:
        """A heading of ``level`` (1 = top) closes every heading at that level or deeper."""
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, " ".join(title.split())))

    @property
    def current(self) -> str | None:
        return " > ".join(title for _, title in self._headings) or None


def heading_level(line: str) -> int | None:
    """The level of ``line`` if it reads like a heading on its own, else None.

    Numbered headings nest by their number ("4.2 Testing" is level 2); "SECTION 3 – ..."
    and short ALL-CAPS lines are level 1. Context (is it a paragraph on its own?) is the
    caller's business.
    """
    text = line.strip()
    if (
        len(text) > _MAX_HEADING_CHARS
        or len(text.split()) > _MAX_HEADING_WORDS
        or text[-1:] in (".", ",", ";", ":", "!", "?")
        or _OBLIGATION.search(text)
    ):
        return None
    numbered = _NUMBERED_HEADING.match(text)
    if numbered:
        return numbered.group(1).count(".") + 1
    if _NAMED_HEADING.match(text) or _is_all_caps(text):
        return 1
    return None


def _is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return text[:1].isalnum() and len(letters) >= 4 and all(char.isupper() for char in letters)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_clause_start(text: str) -> bool:
    """A numbered clause such as "4.2 The supplier shall ..." that starts a new paragraph."""
    return bool(_CLAUSE_NUMBER.match(text))


def parse_text(path: Path, display_path: str) -> Document:
    """Parse a .txt file into paragraph, list item and heading blocks."""
    return text_document(decode_text(path.read_bytes(), display_path).split("\n"), display_path)


def text_document(lines: Sequence[str], display_path: str) -> Document:
    """A Document from the lines of plain text already in memory."""
    placed = [_placed_line(plain_spaces(line), number) for number, line in enumerate(lines, start=1)]
    blocks = LineBlocks(display_path, SectionPath()).build(placed)
    return Document(display_path, "text", blocks=blocks)


def _placed_line(line: str, number: int) -> PlacedText:
    stripped = line.strip()
    return PlacedText.from_line(stripped, number, len(line) - len(line.lstrip()) + 1)


class LineBlocks:
    """Groups stripped lines (blank ones empty) into heading, paragraph and list item blocks.

    With ``wrapped`` the line breaks are a layout's (a PDF page): a line that ends a
    sentence followed by one that starts a new one also starts a new block, and a word
    hyphenated across two lines is joined again.
    """

    def __init__(
        self, path: str, sections: SectionPath, page: int | None = None, wrapped: bool = False
    ) -> None:
        self.path = path
        self.sections = sections
        self.page = page
        self.wrapped = wrapped
        self.blocks: list[Block] = []
        self.lines: Sequence[PlacedText] = ()
        self.pending: list[PlacedText] = []  # the lines of the block being built
        self.pending_kind = BlockKind.PARAGRAPH
        self.line_is_unwrapped = False
        self.tables = 0

    def build(self, lines: Sequence[PlacedText]) -> list[Block]:
        self.lines = lines
        unwrapped = set() if self.wrapped else _lines_in_unwrapped_runs(lines)
        table_rows = _tab_table_rows(lines)
        follows_break = True  # at the start, or after a blank line, a heading or a full stop
        for index, line in enumerate(lines):
            self.line_is_unwrapped = index in unwrapped
            if index in table_rows:
                self.flush()
                self._table_row(line, table_rows[index])
                follows_break = True
            elif not line.text:
                self.flush()
                follows_break = True
            elif self._is_heading(index, follows_break):
                self.flush()
                self.sections.enter(heading_level(line.text) or 1, line.text)
                self._emit(line, BlockKind.HEADING)
                follows_break = True
            else:
                self._add_line(line)
                follows_break = ends_sentence(line.text)
        self.flush()
        return self.blocks

    def _add_line(self, line: PlacedText) -> None:
        marker = LIST_MARKER.match(line.text)
        if marker:
            self.flush()
            self.pending, self.pending_kind = [line[marker.end():]], BlockKind.LIST_ITEM
        elif not self.pending or self._starts_new_paragraph(line.text):
            self.flush()
            self.pending, self.pending_kind = [line], BlockKind.PARAGRAPH
        elif self.wrapped and _HYPHENATED.search(self.pending[-1].text) and line.text[0].islower():
            self.pending[-1] = self.pending[-1][:-1] + line
        else:
            self.pending.append(line)

    def _starts_new_paragraph(self, text: str) -> bool:
        if self.line_is_unwrapped:
            return True  # each line of text that was never wrapped is a paragraph or a field
        if _FIELD_LINE.match(text) and _FIELD_LINE.match(self.pending[0].text):
            return True  # one field after another, as in a notice saved as "field: value" lines
        if not ends_sentence(self.pending[-1].text):
            return False
        return is_clause_start(text) or (self.wrapped and _NEW_SENTENCE.match(text) is not None)

    def _is_heading(self, index: int, follows_break: bool) -> bool:
        text = self.lines[index].text
        single = _SINGLE_NUMBER.match(text)
        if heading_level(text) is None or (single is None and LIST_MARKER.match(text)):
            return False
        if _is_all_caps(text):
            # An ALL-CAPS line needs no blank line before it, but two in a row are a
            # shouted paragraph (a disclaimer), not a heading.
            following = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
            return not _is_all_caps(following)
        if not follows_break or single is None:
            return follows_break
        # "3. Requirements" is a heading; "3. Hosting" between "2. ..." and "4. ..." is a list.
        value = int(single.group(1))
        neighbours = (self._neighbour(index, -1), self._neighbour(index, +1))
        return not any(
            re.match(rf"{value + step}[.)]\s", neighbour)
            for step, neighbour in zip((-1, 1), neighbours, strict=True)
        )

    def _neighbour(self, index: int, step: int) -> str:
        """The nearest non-blank line before (step -1) or after (+1) line ``index``."""
        index += step
        while 0 <= index < len(self.lines):
            if self.lines[index].text:
                return self.lines[index].text
            index += step
        return ""

    def _table_row(self, line: PlacedText, row: int) -> None:
        """Each tab-separated cell of ``line`` as a table cell (row 1 starts a new table)."""
        if row == 1:
            self.tables += 1
        start = 0
        for cell, text in enumerate(line.text.split("\t"), start=1):
            location = Location(
                self.path, page=self.page, section=self.sections.current, table=str(self.tables), row=row, cell=cell
            )
            block = placed_block(line[start:start + len(text)], BlockKind.TABLE_CELL, location)
            if block is not None:
                self.blocks.append(block)
            start += len(text) + 1

    def flush(self) -> None:
        if self.pending:
            self._emit(PlacedText.join_lines(self.pending), self.pending_kind)
            self.pending = []

    def _emit(self, placed: PlacedText, kind: BlockKind) -> None:
        location = Location(self.path, page=self.page, section=self.sections.current)
        block = placed_block(placed, kind, location)
        if block is not None:
            self.blocks.append(block)


def _lines_in_unwrapped_runs(lines: Sequence[PlacedText]) -> set[int]:
    """The indexes of lines in a run of non-blank lines that holds a line too long to be wrapped.

    A saved web page or notice puts a label and its value, or each paragraph, on a line of its
    own with no blank line between; joining those lines as if a text editor had wrapped them
    would run "Notice Title" into the title and one paragraph into the next.
    """
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, PlacedText()]):
        if line.text:
            run.append(index)
            continue
        if any(len(lines[i].text) > _UNWRAPPED_LINE_CHARS for i in run):
            found.update(run)
        run = []
    return found


def _tab_table_rows(lines: Sequence[PlacedText]) -> dict[int, int]:
    """Line index to row number (from 1) for each run of two or more tab-separated table rows.

    Text copied out of a Word table or a spreadsheet keeps a tab between cells; joined as
    prose, "Annual turnover" and "£3m" would lose the row that ties them.
    """
    rows: dict[int, int] = {}
    run: list[int] = []
    for index, line in enumerate([*lines, PlacedText()]):
        if _is_tab_row(line.text):
            run.append(index)
            continue
        if len(run) >= 2:
            rows.update({member: row for row, member in enumerate(run, start=1)})
        run = []
    return rows


def _is_tab_row(text: str) -> bool:
    cells = [cell.strip() for cell in text.split("\t")]
    filled = [cell for cell in cells if cell]
    if len(filled) < 2:
        return False
    return len(filled) >= 3 or _MARKER_CELL.fullmatch(cells[0]) is None
