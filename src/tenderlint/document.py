"""The parsed document model: ordered text blocks, each with the place it came from."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


class BlockKind(str, Enum):
    """What sort of container a block of text came from."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in its source file.

    Only the fields that make sense for the format are set: ``line``/``column`` for
    text formats and PDF lines, ``page`` for PDF, ``paragraph`` for .docx body text,
    ``table``/``row``/``cell`` for table cells (1-based), ``section`` for the heading
    path ("4 Security > 4.2 Testing"), ``block`` the 0-based reading-order index of the
    paragraph or cell in its document (set on findings; it orders them).
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: str | None = None
    row: int | None = None
    cell: int | None = None
    section: str | None = None
    part: str | None = None
    block: int | None = None

    @property
    def table_row(self) -> tuple[str, int | None, str | None, int | None]:
        """The table row a cell sits in. A PDF numbers its tables afresh on each page."""
        return (self.path, self.page, self.table, self.row)

    def to_dict(self) -> dict[str, Any]:
        """The fields that apply, without the path (JSON contract)."""
        keys = (
            "line", "column", "end_line", "end_column", "page", "paragraph",
            "table", "row", "cell", "section", "part", "block",
        )
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}

    def label(self) -> str:
        """A compact human label: ``12:5``, ``page 3:line 14``, ``table 2:row 3:cell 1``, ``para 7``.

        Line and column win where they exist (an editor can jump there); the table, row and
        cell stay in :meth:`to_dict` for every format.
        """
        bits = [self.part] if self.part else []
        if self.page is not None:
            bits.append(f"page {self.page}")
            if self.line is not None:
                bits.append(f"line {self.line}")
        elif self.line is not None:
            bits.append(f"{self.line}:{self.column or 1}")
        elif self.table is not None:
            bits.append(f"table {self.table}:row {self.row}:cell {self.cell}")
        elif self.paragraph is not None:
            bits.append(f"para {self.paragraph}")
        return ":".join(bits)

    def sort_key(self) -> tuple[int, int, int, int, int, int, str]:
        return (
            self.block if self.block is not None else -1,
            self.page or 0,
            self.paragraph or 0,
            self.line or 0,
            self.row or 0,
            self.cell or 0,
            self.table or "",
        )


@dataclass(frozen=True)
class Block:
    """One run of text that sentences never cross: a paragraph, list item or table cell.

    ``text`` is what the linter reads. ``segments`` maps it back to source lines for
    formats where lines mean something: each ``(index, line, column)`` says that
    ``text[index]`` sits at ``line``/``column`` (1-based) and the characters after it
    follow on the same line until the next segment. Empty when the block's own
    ``location`` is all there is (a .docx paragraph, a table cell).
    """

    text: str
    kind: BlockKind
    location: Location
    segments: tuple[tuple[int, int, int], ...] = ()

    def _line_column(self, index: int) -> tuple[int, int]:
        starts = [segment[0] for segment in self.segments]
        start, line, column = self.segments[max(bisect_right(starts, index) - 1, 0)]
        return line, column + max(index - start, 0)

    def location_of(self, start: int, end: int) -> Location:
        """The location of the characters ``text[start:end]``."""
        if not self.segments:
            return self.location
        line, column = self._line_column(start)
        end_line, end_column = self._line_column(max(end - 1, start))
        return replace(
            self.location, line=line, column=column, end_line=end_line, end_column=end_column + 1
        )


@dataclass
class Document:
    """A parsed file: its blocks in reading order, and what the parser noticed."""

    path: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Suppression:
    """An inline ``tenderlint: ignore RULE`` directive and the block index it covers.

    ``block`` is ``None`` for a whole-file directive (``ignore-file``).
    """

    rules: tuple[str, ...]
    block: int | None
    location: Location


class UnreadableDocument(Exception):
    """A file that cannot be linted; ``reason`` is one line for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
