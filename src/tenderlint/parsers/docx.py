"""Word (.docx) parser: body paragraphs, tables, headers, footers and footnotes, in order."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tenderlint.document import Block, BlockKind, Document, Location, Suppression, UnreadableDocument
from tenderlint.parsers.markdown import parse_directive
from tenderlint.parsers.text import SectionPath

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

#: An lxml element from python-docx's own parser (lxml ships no type information).
Element = Any

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_MEGABYTE = 1024 * 1024
_MAX_EXPANDED_BYTES = 300 * _MEGABYTE
_MAX_COMPRESSION_RATIO = 100
#: Below this size a high compression ratio is harmless (a short, repetitive document).
_RATIO_CHECK_FROM_BYTES = _MEGABYTE

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _RUN, _T = (_W + tag for tag in ("p", "tbl", "tr", "tc", "r", "t"))
_SPACES = frozenset(_W + tag for tag in ("tab", "ptab", "br", "cr"))
#: Wrappers whose children belong to the container they sit in (content controls etc.).
_TRANSPARENT = frozenset(_W + tag for tag in ("sdt", "sdtContent", "customXml", "smartTag"))
#: Never text: deletions, moved-away text, field codes, properties, text boxes (their own
#: paragraphs), and the duplicate fallback copy of drawings.
_NOT_TEXT = frozenset(
    [_W + tag for tag in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "txbxContent")]
    + [_MC_FALLBACK]
)
_FALSE_VALUES = ("0", "false", "off")
_HEADING_STYLE = re.compile(r"heading ([1-9])")
_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u00ad": ""})

_RELATIONSHIP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def parse_docx(path: Path, display_path: str) -> Document:
    """Parse a .docx file; raise UnreadableDocument for files that are not a usable .docx."""
    data = path.read_bytes()
    _check_package(data, display_path)
    try:
        word = _open_word(data, display_path)
        blocks, suppressions = _DocxWalker(word, display_path).walk()
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise UnreadableDocument(display_path, "corrupt .docx (damaged zip archive)") from None
    except SyntaxError:  # lxml's XMLSyntaxError subclasses it
        raise UnreadableDocument(display_path, "corrupt .docx (malformed XML)") from None
    if not blocks:
        raise UnreadableDocument(display_path, "no text found in document")
    return Document(display_path, "docx", blocks=blocks, suppressions=suppressions)


def _check_package(data: bytes, display_path: str) -> None:
    """Refuse what python-docx should never be asked to open."""
    if data.startswith(_OLE2_MAGIC):
        raise UnreadableDocument(
            display_path,
            "password-protected (encrypted) or legacy .doc file; save it as an unprotected .docx",
        )
    if not data.startswith(b"PK"):
        raise UnreadableDocument(display_path, "not a .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise UnreadableDocument(display_path, "corrupt .docx (damaged zip archive)") from None
    if not any(member.filename == "word/document.xml" for member in members):
        raise UnreadableDocument(display_path, "not a Word document (no word/document.xml)")
    _check_expansion(members, display_path)


def _check_expansion(members: list[zipfile.ZipInfo], display_path: str) -> None:
    # Declared sizes are enough: zipfile stops inflating a member at its declared size
    # (and fails its CRC check), so a member cannot expand beyond what it declares.
    expanded = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    ratio = expanded // packed
    megabytes = -(-expanded // _MEGABYTE)
    if expanded > _MAX_EXPANDED_BYTES:
        raise UnreadableDocument(display_path, f"refused: archive would expand to {megabytes} MB")
    if expanded > _RATIO_CHECK_FROM_BYTES and ratio > _MAX_COMPRESSION_RATIO:
        raise UnreadableDocument(
            display_path,
            f"refused: archive would expand to {megabytes} MB (compression ratio {ratio}:1)",
        )


def _open_word(data: bytes, display_path: str) -> WordDocument:
    import docx  # slow to import; only .docx files pay for it

    try:
        return docx.Document(io.BytesIO(data))
    except KeyError:  # no [Content_Types].xml, or no relationship to the main document
        raise UnreadableDocument(display_path, "corrupt .docx (missing package parts)") from None
    except ValueError:  # python-docx refuses templates (.dotx) and macro-enabled (.docm) files
        raise UnreadableDocument(
            display_path, "not a plain Word document (a template or macro-enabled file?); save it as a .docx"
        ) from None


# -- text of one paragraph ----------------------------------------------------------------


def paragraph_text(paragraph: Element) -> str:
    """The visible text of a ``w:p``: insertions kept, deletions and field codes dropped."""
    pieces: list[str] = []
    _collect_text(paragraph, pieces)
    return "".join(pieces).translate(_NO_BREAK_SPACES)


def _collect_text(element: Element, pieces: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag in _SPACES:
            pieces.append(" ")
        elif tag == _W + "noBreakHyphen":
            pieces.append("-")
        elif tag in _NOT_TEXT or (tag == _RUN and _is_hidden(child)):
            continue
        else:
            _collect_text(child, pieces)


def _is_hidden(run: Element) -> bool:
    properties = run.find(_W + "rPr")
    if properties is None:
        return False
    return any(
        _flag_on(properties.find(_W + name)) for name in ("vanish", "webHidden", "specVanish")
    )


def _flag_on(element: Element | None) -> bool:
    return element is not None and element.get(_W + "val", "true").lower() not in _FALSE_VALUES


def _content(container: Element) -> Iterator[Element]:
    """Children of ``container``, looking through content controls and custom XML."""
    for child in container:
        if child.tag in _TRANSPARENT:
            yield from _content(child)
        else:
            yield child


def _comment_ids(paragraph: Element) -> list[str]:
    return [
        mark.get(_W + "id", "")
        for mark in paragraph.iter(_W + "commentRangeStart", _W + "commentReference")
    ]


# -- styles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None  # w:outlineLvl, 0 = level 1, 9 = body text
    numbered: bool | None


class _Styles:
    """Paragraph styles by id, answering "is this a heading / list / contents entry?"."""

    def __init__(self, styles_element: Element) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        for style in styles_element.iter(_W + "style"):
            if style.get(_W + "type") != "paragraph":
                continue
            style_id = style.get(_W + "styleId", "")
            properties = style.find(_W + "pPr")
            self._styles[style_id] = _Style(
                name=(_val(style.find(_W + "name")) or style_id).lower(),
                based_on=_val(style.find(_W + "basedOn")),
                outline_level=_outline_level(properties),
                numbered=_numbered(properties),
            )
            if style.get(_W + "default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        current = style_id or self.default
        while current and current in self._styles and current not in seen:
            seen.add(current)
            yield self._styles[current]
            current = self._styles[current].based_on

    def heading_level(self, style_id: str | None, direct_outline: int | None) -> int | None:
        if direct_outline is not None:
            return direct_outline + 1 if direct_outline < 9 else None
        for style in self.chain(style_id):
            named = _HEADING_STYLE.fullmatch(style.name)
            if named:
                return int(named.group(1))
            if style.name == "title":
                return 1
            if style.outline_level is not None:
                return style.outline_level + 1 if style.outline_level < 9 else None
        return None

    def is_list(self, style_id: str | None, direct_numbered: bool | None) -> bool:
        if direct_numbered is not None:
            return direct_numbered
        for style in self.chain(style_id):
            if style.numbered is not None:
                return style.numbered
        return any(style.name.startswith("list") for style in self.chain(style_id))

    def is_contents_entry(self, style_id: str | None) -> bool:
        return any(style.name.startswith("toc") for style in self.chain(style_id))


def _val(element: Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")


def _outline_level(properties: Element | None) -> int | None:
    level = _val(None if properties is None else properties.find(_W + "outlineLvl"))
    return int(level) if level is not None and level.isdigit() else None


def _numbered(properties: Element | None) -> bool | None:
    numbering = None if properties is None else properties.find(_W + "numPr")
    if numbering is None:
        return None
    return _val(numbering.find(_W + "numId")) not in (None, "0")


# -- the walk -------------------------------------------------------------------------------


@dataclass
class _Cell:
    """Where a run of table-cell paragraphs sits."""

    table: str
    row: int
    cell: int


@dataclass
class _DocxWalker:
    """Builds blocks in reading order: headers, body (with tables), footers, notes."""

    word: WordDocument
    path: str
    blocks: list[Block] = field(default_factory=list)
    sections: SectionPath = field(default_factory=SectionPath)
    paragraphs: int = 0
    tables: int = 0
    comment_blocks: dict[str, int] = field(default_factory=dict)
    styles: _Styles = field(init=False)

    def walk(self) -> tuple[list[Block], list[Suppression]]:
        self.styles = _Styles(self.word.styles.element)
        body = self.word.element.body
        self._stories(body, "headerReference", BlockKind.HEADER, "header")
        for child in _content(body):
            if child.tag == _P:
                self._paragraph(child)
            elif child.tag == _TBL:
                self.tables += 1
                self._table(child, str(self.tables), self.sections.current)
        self._stories(body, "footerReference", BlockKind.FOOTER, "footer")
        self._notes("footnotes", "footnote")
        self._notes("endnotes", "endnote")
        return self.blocks, self._suppressions()

    def _add(self, block: Block, sources: list[Element]) -> None:
        for source in sources:
            for comment in _comment_ids(source):
                self.comment_blocks.setdefault(comment, len(self.blocks))
        self.blocks.append(block)

    def _paragraph(self, paragraph: Element) -> None:
        self.paragraphs += 1
        text = paragraph_text(paragraph).strip()
        properties = paragraph.find(_W + "pPr")
        style_id = _val(None if properties is None else properties.find(_W + "pStyle"))
        if not text or self.styles.is_contents_entry(style_id):
            return
        kind = BlockKind.PARAGRAPH
        level = self.styles.heading_level(style_id, _outline_level(properties))
        if level is not None:
            self.sections.enter(level, text)
            kind = BlockKind.HEADING
        elif self.styles.is_list(style_id, _numbered(properties)):
            kind = BlockKind.LIST_ITEM
        location = Location(self.path, paragraph=self.paragraphs, section=self.sections.current)
        self._add(Block(text, kind, location), [paragraph])

    def _table(self, table: Element, number: str, section: str | None) -> None:
        nested = 0
        rows = (child for child in _content(table) if child.tag == _TR)
        for row_number, row in enumerate(rows, start=1):
            cells = (child for child in _content(row) if child.tag == _TC)
            for cell_number, cell in enumerate(cells, start=1):
                where = _Cell(number, row_number, cell_number)
                run: list[Element] = []
                for child in _content(cell):
                    if child.tag == _P:
                        run.append(child)
                    elif child.tag == _TBL:
                        self._cell_block(run, where, section)
                        run = []
                        nested += 1
                        self._table(child, f"{number}.{nested}", section)
                self._cell_block(run, where, section)

    def _cell_block(self, paragraphs: list[Element], where: _Cell, section: str | None) -> None:
        text = " ".join(filter(None, (paragraph_text(p).strip() for p in paragraphs)))
        if text:
            location = Location(
                self.path, table=where.table, row=where.row, cell=where.cell, section=section
            )
            self._add(Block(text, BlockKind.TABLE_CELL, location), paragraphs)

    def _stories(self, body: Element, reference: str, kind: BlockKind, part: str) -> None:
        """Each distinct header (or footer) paragraph once, across every section."""
        seen: set[str] = set()
        for properties in body.iter(_W + "sectPr"):
            if properties.getparent().tag not in (_W + "body", _W + "pPr"):
                continue  # the old properties kept by a tracked change
            for ref in properties.iter(_W + reference):
                story = self._related_xml(ref.get(_RELATIONSHIPS_NS + "id", ""))
                for paragraph in () if story is None else story.iter(_P):
                    text = paragraph_text(paragraph).strip()
                    if text and text not in seen:
                        seen.add(text)
                        self._add(Block(text, kind, Location(self.path, part=part)), [paragraph])

    def _notes(self, part: str, note_tag: str) -> None:
        notes = self._related_xml_by_type(part)
        if notes is None:
            return
        for note in notes.iter(_W + note_tag):
            if note.get(_W + "type") in _NOTE_SEPARATORS:
                continue
            paragraphs = list(note.iter(_P))
            text = " ".join(filter(None, (paragraph_text(p).strip() for p in paragraphs)))
            if text:
                block = Block(text, BlockKind.FOOTNOTE, Location(self.path, part=part))
                self._add(block, paragraphs)

    def _related_xml(self, relationship_id: str) -> Element | None:
        from docx.oxml.parser import parse_xml

        related = self.word.part.related_parts.get(relationship_id)
        return None if related is None else parse_xml(related.blob)

    def _related_xml_by_type(self, relationship: str) -> Element | None:
        for rel in self.word.part.rels.values():
            if not rel.is_external and rel.reltype == _RELATIONSHIP_TYPE + relationship:
                return self._related_xml(rel.rId)
        return None

    def _suppressions(self) -> list[Suppression]:
        """``tenderlint: ignore RULE`` Word comments, each covering the block it is anchored to."""
        comments = self._related_xml_by_type("comments")
        found: list[Suppression] = []
        for comment in () if comments is None else comments.iter(_W + "comment"):
            text = " ".join(paragraph_text(p) for p in comment.iter(_P))
            directive = parse_directive(text)
            block = self.comment_blocks.get(comment.get(_W + "id", ""))
            if directive is None or (block is None and not directive.whole_file):
                continue
            where = Location(self.path) if block is None else self.blocks[block].location
            found.append(
                Suppression(directive.rules, None if directive.whole_file else block, where)
            )
        return found
