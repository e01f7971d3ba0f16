"""PDF parser: the text layer of each page, as blocks with page and line numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tenderlint.document import Block, BlockKind, Document, Location, UnreadableDocument
from tenderlint.parsers.text import LineBlocks, PlacedText, SectionPath, placed_block

if TYPE_CHECKING:
    import pypdfium2

_SCANNED = "no text layer: this looks like a scanned PDF; run OCR (for example ocrmypdf) and lint the result"
#: pdfium marks a word hyphenated across lines with U+FFFE (older builds: U+0002) and
#: joins the two lines; a hyphen and a line break put the second line back in its place.
_LINE_END_HYPHENS = str.maketrans({"\ufffe": "-\n", "\x02": "-\n"})
_REPLACEMENTS = {
    "\u00a0": " ", "\u202f": " ", "\t": " ",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\ufffe\uffff]")
#: Running headers/footers are looked for among this many lines at the top and bottom.
_EDGE_LINES = 2
#: The pattern of a line that is nothing but a page number: "7", "- 7 -", "vii".
_BARE_PAGE_NUMBER = re.compile(r"(?:- ?)?(?:#|[ivx]{1,6})(?: ?-)?")
_MIN_RUNNING_PAGES = 3
#: A horizontal gap between two characters of one line wider than this many times the font
#: size separates table cells (a justified line stretches a word space to well under one em).
_CELL_GAP_EMS = 1.5
#: No word space in a readable font is wider than this (points), so a narrower gap is not measured further.
_WORD_SPACE_POINTS = 6.0
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


def parse_pdf(path: Path, display_path: str) -> Document:
    """Parse a PDF's text layer; raise UnreadableDocument if it has none or cannot be opened."""
    read = _read_pages(path, display_path)
    document = Document(display_path, "pdf", warnings=_page_warnings(read, display_path))
    pages = [page or [] for page in read]
    running = _running_lines(pages)
    headers, footers = _running_blocks(pages, running, display_path)
    sections = SectionPath()
    document.blocks.extend(headers)
    for number, page in enumerate(pages, start=1):
        body = [PlacedText() if index in running[number] else line for index, line in enumerate(page)]
        document.blocks.extend(LineBlocks(display_path, sections, page=number, wrapped=True).build(body))
    document.blocks.extend(footers)
    return document


def _page_warnings(pages: Sequence[Sequence[PlacedText] | None], display_path: str) -> list[str]:
    """A warning per page that was not checked; refuse a PDF with no text on any page."""
    if all(page is None for page in pages):
        raise UnreadableDocument(display_path, "corrupt or not a PDF file")
    if not any(line.text for page in pages if page is not None for line in page):
        raise UnreadableDocument(display_path, _SCANNED)
    warnings: list[str] = []
    for number, page in enumerate(pages, start=1):
        if page is None:
            warnings.append(f"page {number} could not be read; it was not checked")
        elif not any(line.text for line in page):
            warnings.append(f"page {number} has no text layer (scanned?); it was not checked")
    return warnings


def _read_pages(path: Path, display_path: str) -> list[list[PlacedText] | None]:
    """The lines of every page; None for a page pdfium cannot load."""
    import pypdfium2 as pdfium  # slow to import; only PDFs pay for it
    import pypdfium2.raw as pdfium_raw

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
            raise UnreadableDocument(display_path, "encrypted PDF (password required)") from None
        raise UnreadableDocument(display_path, "corrupt or not a PDF file") from None
    try:
        pages: list[list[PlacedText] | None] = []
        for index in range(len(pdf)):
            try:
                pages.append(_page_lines(pdf, index))
            except pdfium.PdfiumError:
                pages.append(None)
        return pages
    finally:
        pdf.close()


def _page_lines(pdf: pypdfium2.PdfDocument, index: int) -> list[PlacedText]:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
            gaps = _cell_gaps(textpage, text)
        finally:
            textpage.close()
    finally:
        page.close()
    text = "".join("\x1f" + char if offset in gaps else char for offset, char in enumerate(text))
    lines = re.split(r"\r\n|\r|\n", text.translate(_LINE_END_HYPHENS))
    return [clean_line(line, number) for number, line in enumerate(lines, start=1)]


def _cell_gaps(textpage: pypdfium2.PdfTextPage, text: str) -> set[int]:
    """Offsets in ``text`` of characters that start a new table cell on their line.

    pdfium gives a table row as one line with a space between cells; the width of the gap,
    not the space, tells a cell boundary from a word boundary. Only the glyphs either side of
    a space pdfium generated are measured: it fills every gap it sees on a line with one.
    """
    import pypdfium2.raw as pdfium_raw

    gaps: set[int] = set()
    for space in _SPACE_RUN.finditer(text):
        before, after = space.start() - 1, space.end()
        if before < 0 or after >= len(text) or text[before] in "\r\n" or text[after] in "\r\n":
            continue
        if space.end() - space.start() == 1 and not pdfium_raw.FPDFText_IsGenerated(textpage.raw, space.start()):
            continue  # a space typed in the text: cells sit in text objects of their own
        gap = textpage.get_charbox(after)[0] - textpage.get_charbox(before)[2]
        if gap <= _WORD_SPACE_POINTS:
            continue  # an ordinary word space: no need to ask for the font size
        if gap > _CELL_GAP_EMS * max(_font_size(textpage, before), _font_size(textpage, after)) > 0:
            gaps.add(after)
    return gaps


def _font_size(textpage: pypdfium2.PdfTextPage, offset: int) -> float:
    import pypdfium2.raw as pdfium_raw

    return float(pdfium_raw.FPDFText_GetFontSize(textpage.raw, offset))


def clean_line(line: str, number: int) -> PlacedText:
    """One line of extracted text, tidied (ligatures expanded, no-break spaces made plain).

    A cell boundary, marked with U+001F before the character that starts the cell, becomes a
    tab in place of the space before it. Each character keeps the column it came from.
    """
    chars: list[str] = []
    positions: list[tuple[int, int]] = []
    column = 0
    for char in line:
        if char == "\x1f":
            if chars and chars[-1] == " ":
                chars[-1] = "\t"
            else:
                chars.append("\t")
                positions.append((number, column + 1))
            continue
        column += 1
        if _CONTROL.match(char):
            continue
        for piece in _REPLACEMENTS.get(char, char):
            chars.append(piece)
            positions.append((number, column))
    return PlacedText("".join(chars), tuple(positions)).strip()


# -- running headers and footers -------------------------------------------------------------


@dataclass(frozen=True)
class _Edge:
    """A place near the top (``top``) or bottom of a page, counting non-blank lines, and the
    text found there with its numbers masked (page numbers change from page to page)."""

    top: bool
    rank: int
    pattern: str


def _edges(page: Sequence[PlacedText]) -> list[tuple[int, _Edge]]:
    """(line index, edge) for the first and last few non-blank lines of a page.

    On a short page one line can be both near the top and near the bottom.
    """
    filled = [index for index, line in enumerate(page) if line.text]
    tops = [(index, _Edge(True, rank, _pattern(page[index].text))) for rank, index in enumerate(filled[:_EDGE_LINES])]
    bottoms = [
        (index, _Edge(False, rank, _pattern(page[index].text)))
        for rank, index in enumerate(reversed(filled[-_EDGE_LINES:]))
    ]
    return tops + bottoms


def _pattern(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _running_lines(pages: Sequence[Sequence[PlacedText]]) -> dict[int, dict[int, _Edge]]:
    """Per page number, the line indexes (and their edge) that run across pages."""
    edges = {number: _edges(page) for number, page in enumerate(pages, start=1)}
    seen: dict[_Edge, list[tuple[int, str]]] = {}
    for number, page_edges in edges.items():
        for index, edge in page_edges:
            seen.setdefault(edge, []).append((number, pages[number - 1][index].text))
    needed = max(_MIN_RUNNING_PAGES, -(-len(pages) // 2))
    running = {edge for edge, found in seen.items() if len(found) >= needed and _repeats(found)}
    result: dict[int, dict[int, _Edge]] = {number: {} for number in edges}
    for number, page_edges in edges.items():
        for index, edge in page_edges:
            if edge in running or (edge.rank == 0 and _is_bare_page_number(edge)):
                result[number].setdefault(index, edge)
    return result


def _repeats(found: list[tuple[int, str]]) -> bool:
    """The same text on every page, or text whose only change is a number that moves with
    the page number ("Page 3 of 12"), not unrelated numbers ("Lot 2")."""
    if len({text for _, text in found}) == 1:
        return True
    common: set[int] | None = None
    for page, text in found:
        offsets = {int(number) - page for number in re.findall(r"\d{1,6}", text)}
        common = offsets if common is None else common & offsets
    return bool(common)


def _is_bare_page_number(edge: _Edge) -> bool:
    return _BARE_PAGE_NUMBER.fullmatch(edge.pattern) is not None


def _running_blocks(
    pages: Sequence[Sequence[PlacedText]], running: dict[int, dict[int, _Edge]], path: str
) -> tuple[list[Block], list[Block]]:
    """Each running header and footer once, placed where it first appears (page numbers never)."""
    seen: set[_Edge] = set()
    headers: list[Block] = []
    footers: list[Block] = []
    for number, page_running in running.items():
        for index, edge in sorted(page_running.items()):
            if edge in seen or _is_bare_page_number(edge):
                continue
            seen.add(edge)
            kind = BlockKind.HEADER if edge.top else BlockKind.FOOTER
            location = Location(path, page=number, part=kind.value)
            block = placed_block(pages[number - 1][index], kind, location)
            if block is not None:
                (headers if edge.top else footers).append(block)
    return headers, footers
