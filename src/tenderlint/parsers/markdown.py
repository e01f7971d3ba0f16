"""Markdown parser: headings, paragraphs, list items and pipe-table cells, markup removed."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tenderlint.document import Block, BlockKind, Document, Location, Suppression
from tenderlint.parsers.encoding import decode_text, plain_spaces
from tenderlint.parsers.text import PlacedText, Position, SectionPath, placed_block

# Any indentation: pandoc writes block quotes inside list items as "    > text".
_QUOTE_MARKER = re.compile(r"[ \t]*> ?")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)$")
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"([ \t]*)([-*+]|(\d{1,9})[.)])([ \t]+|$)")
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]^][^\]]*\]:[ \t]*\S")
_COMMENT_START = re.compile(r" {0,3}<!--")
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_DIRECTIVE = re.compile(
    r"\s*tenderlint:\s*(ignore-file|ignore)\b(.*?)\s*$", re.IGNORECASE | re.DOTALL
)
_REASON_SEPARATOR = re.compile(r"(?:^|\s)--(?:\s|$)")


def parse_markdown(path: Path, display_path: str) -> Document:
    """Parse a Markdown file into blocks, with ``tenderlint: ignore`` comments as suppressions."""
    return markdown_document(decode_text(path.read_bytes(), display_path).split("\n"), display_path)


def markdown_document(lines: Sequence[str], display_path: str) -> Document:
    """A Document from the lines of Markdown already in memory."""
    parser = _MarkdownParser([plain_spaces(line) for line in lines], display_path)
    parser.run()
    return Document(display_path, "markdown", blocks=parser.blocks, suppressions=parser.suppressions)


@dataclass
class _Pending:
    kind: BlockKind
    pieces: list[PlacedText]


@dataclass
class _Table:
    number: str
    columns: int
    rows: int = 0


@dataclass
class _Line:
    """A source line with any blockquote markers taken off."""

    number: int
    content: str
    offset: int  # characters removed from the start (the quote markers)

    @property
    def indent(self) -> int:
        width = 0
        for char in self.content:
            if char == " ":
                width += 1
            elif char == "\t":
                width += 4 - width % 4
            else:
                break
        return width

    @property
    def is_blank(self) -> bool:
        return not self.content.strip()

    def placed(self, start: int = 0) -> PlacedText:
        """The content from ``start`` on, surrounding whitespace dropped."""
        rest = self.content[start:]
        lead = len(rest) - len(rest.lstrip())
        return PlacedText.from_line(rest.strip(), self.number, self.offset + start + lead + 1)


def _unquote(number: int, raw: str) -> _Line:
    offset = 0
    while True:
        marker = _QUOTE_MARKER.match(raw, offset)
        if marker is None:
            return _Line(number, raw[offset:], offset)
        offset = marker.end()


@dataclass
class _MarkdownParser:
    """Walks the lines once, building blocks and suppressions in document order."""

    raw_lines: list[str]
    path: str
    blocks: list[Block] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    sections: SectionPath = field(default_factory=SectionPath)
    pending: _Pending | None = None
    #: Content indents of the list items still open, outermost first.
    list_indents: list[int] = field(default_factory=list)
    table: _Table | None = None
    tables: int = 0

    def run(self) -> None:
        lines = [_unquote(number, raw) for number, raw in enumerate(self.raw_lines, start=1)]
        index = _front_matter_end(self.raw_lines)
        while index < len(lines):
            index = self._line(lines, index)
        self.flush()

    def _line(self, lines: list[_Line], index: int) -> int:
        """Handle the line at ``index``; return the index of the next unhandled line."""
        line = lines[index]
        if line.is_blank:
            self.flush()
            self.table = None
            return index + 1
        if self.table is not None and "|" in line.content:
            self._table_row(line)
            return index + 1
        self.table = None
        if self.pending is None and not _LIST_ITEM.match(line.content):
            self._close_lists(line.indent)  # after a blank line, less indented text closes items
        code_indent = (self.list_indents[-1] if self.list_indents else 0) + 4
        fence = _FENCE.match(line.content.lstrip())
        if fence and line.indent < code_indent and not (fence[1][0] == "`" and "`" in fence[2]):
            self.flush()
            self._close_lists(line.indent)
            return _fence_end(lines, index, fence[1])
        if self.pending is None and line.indent >= code_indent:
            return index + 1  # indented code block
        if _COMMENT_START.match(line.content):
            self.flush()
            return self._comment(lines, index)
        if self._heading(line):
            return index + 1
        if _THEMATIC_BREAK.match(line.content):
            self.flush()
            self.list_indents.clear()
            return index + 1
        if index + 1 < len(lines) and self._table_start(line, lines[index + 1]):
            return index + 2
        self._text(line)
        return index + 1

    # -- headings -------------------------------------------------------------------------

    def _heading(self, line: _Line) -> bool:
        underline = _SETEXT_UNDERLINE.match(line.content)
        if underline and self.pending is not None and self.pending.kind is BlockKind.PARAGRAPH:
            pieces = self.pending.pieces
            self.pending = None
            self._emit_heading(1 if underline[1][0] == "=" else 2, PlacedText.join_lines(pieces))
            return True
        atx = _ATX_HEADING.match(line.content)
        if atx is None:
            return False
        self.flush()
        self.list_indents.clear()
        title = line.placed(atx.start(2)) if atx[2] else PlacedText()
        self._emit_heading(len(atx[1]), title[: len(atx[2] or "")])
        return True

    def _emit_heading(self, level: int, title: PlacedText) -> None:
        heading = strip_inline(title).collapse_whitespace().strip()
        if heading.text:
            self.sections.enter(level, heading.text)
            self._emit(heading, BlockKind.HEADING, Location(self.path, section=self.sections.current))

    # -- paragraphs and lists ---------------------------------------------------------------

    def _text(self, line: _Line) -> None:
        item = _LIST_ITEM.match(line.content)
        interrupts = item is not None and not (
            self.pending is not None
            and self.pending.kind is BlockKind.PARAGRAPH
            and (item[3] not in (None, "1") or not line.content[item.end():].strip())
        )
        if item is not None and interrupts:
            self.flush()
            self._close_lists(len(item[1].expandtabs(4)))
            self.list_indents.append(len(item[0].expandtabs(4)))
            content = line.placed(item.end())
            box = _TASK_BOX.match(content.text)
            self.pending = _Pending(BlockKind.LIST_ITEM, [content[box.end() if box else 0:]])
            return
        if self.pending is not None:
            self.pending.pieces.append(_without_hard_break(line.placed()))
            return
        if _REFERENCE_DEFINITION.match(line.content):
            return
        kind = BlockKind.PARAGRAPH
        if self.list_indents:
            kind = BlockKind.LIST_ITEM  # a further paragraph of an open list item
        self.pending = _Pending(kind, [_without_hard_break(line.placed())])

    def _close_lists(self, indent: int) -> None:
        """Close the open list items whose content is indented more than ``indent``."""
        while self.list_indents and self.list_indents[-1] > indent:
            self.list_indents.pop()

    def flush(self) -> None:
        if self.pending is not None:
            placed = strip_inline(PlacedText.join_lines(self.pending.pieces))
            self._emit(placed, self.pending.kind, Location(self.path, section=self.sections.current))
            self.pending = None

    def _emit(self, placed: PlacedText, kind: BlockKind, location: Location) -> None:
        block = placed_block(placed, kind, location)
        if block is not None:
            self.blocks.append(block)

    # -- tables ---------------------------------------------------------------------------

    def _table_start(self, header: _Line, delimiter: _Line) -> bool:
        if "|" not in header.content + delimiter.content or not _DELIMITER_ROW.match(
            delimiter.content
        ):
            return False
        columns = len(_split_row(delimiter.placed()))
        if len(_split_row(header.placed())) != columns:
            return False
        self.flush()
        self.list_indents.clear()
        self.tables += 1
        self.table = _Table(str(self.tables), columns)
        self._table_row(header)
        return True

    def _table_row(self, line: _Line) -> None:
        assert self.table is not None
        self.table.rows += 1
        cells = _split_row(line.placed())[: self.table.columns]  # GFM ignores excess cells
        for column, cell in enumerate(cells, start=1):
            location = Location(
                self.path,
                table=self.table.number,
                row=self.table.rows,
                cell=column,
                section=self.sections.current,
            )
            self._emit(strip_inline(cell), BlockKind.TABLE_CELL, location)

    # -- comments and suppressions --------------------------------------------------------

    def _comment(self, lines: list[_Line], index: int) -> int:
        first = lines[index]
        start = first.content.index("<!--")
        body: list[str] = []
        end = index
        for end in range(index, len(lines)):
            text = lines[end].content[start + 4:] if end == index else lines[end].content
            if "-->" in text:
                body.append(text[: text.index("-->")])
                break
            body.append(text)
        self._directive(
            "\n".join(body), Location(self.path, line=first.number, column=first.offset + start + 1)
        )
        return end + 1

    def _directive(self, comment: str, where: Location) -> None:
        directive = parse_directive(comment)
        if directive is None:
            return
        location = replace(where, section=self.sections.current)
        block = None if directive.whole_file else len(self.blocks)
        self.suppressions.append(Suppression(directive.rules, block, location))


@dataclass(frozen=True)
class Directive:
    """A ``tenderlint: ignore[-file] RULE, ... [-- reason]`` instruction; no rules means all."""

    whole_file: bool
    rules: tuple[str, ...]


def parse_directive(comment: str) -> Directive | None:
    """The directive in a comment's text, or None if the comment is not one."""
    directive = _DIRECTIVE.match(comment)
    if directive is None:
        return None
    ids = _REASON_SEPARATOR.split(directive[2], maxsplit=1)[0]
    rules = tuple(rule for rule in re.split(r"[\s,]+", ids) if rule)
    return Directive(directive[1].lower() == "ignore-file", rules)


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after YAML front matter (0 when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _fence_end(lines: list[_Line], index: int, opening: str) -> int:
    """Index of the line after the fence that closes the code block opened at ``index``."""
    closing = re.compile(rf" {{0,3}}{re.escape(opening[0])}{{{len(opening)},}}[ \t]*$")
    for end in range(index + 1, len(lines)):
        if closing.match(lines[end].content.lstrip()):
            return end + 1
    return len(lines)


def _without_hard_break(piece: PlacedText) -> PlacedText:
    """A line ending in a single backslash is a Markdown hard line break, not text."""
    if piece.text.endswith("\\") and not piece.text.endswith("\\\\"):
        return piece[:-1]
    return piece


def _split_row(row: PlacedText) -> list[PlacedText]:
    """The cells of a pipe-table row (unescaped ``|`` separates cells)."""
    text = row.text
    cuts = [i for i, char in enumerate(text) if char == "|" and (i == 0 or text[i - 1] != "\\")]
    if cuts and cuts[0] == 0:
        text_start, cuts = 1, cuts[1:]
    else:
        text_start = 0
    text_end = len(text)
    if cuts and cuts[-1] == len(text) - 1:
        text_end, cuts = cuts[-1], cuts[:-1]
    bounds = [text_start, *[cut + 1 for cut in cuts]]
    ends = [*cuts, text_end]
    return [row[start:end] for start, end in zip(bounds, ends, strict=True)]


# -- inline markup ---------------------------------------------------------------------------

#: One character of inline text: the character, where it came from, and whether it is
#: literal (escaped or inside a code span) and so never markup.
_Char = tuple[str, Position, bool]

_LITERAL_STAND_IN = "\ue000"
_BACKTICKS = re.compile(r"`+")
_ASCII_PUNCTUATION = frozenset(string.punctuation)
# Only real HTML tag names: "<Council name>" in a template is a placeholder, not a tag.
_HTML_TAGS = (
    "a|abbr|b|big|blockquote|caption|center|cite|code|dd|del|details|div|dl|dt|em|figure|"
    "font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|section|small|span|strike|strong|"
    "sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|u|ul"
)
_HTML = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>)"
    r"|(?P<br><br\s*/?>)"
    rf"|(?P<tag></?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.DOTALL | re.IGNORECASE,
)
_EMPHASIS = (
    re.compile(r"(\*\*)(?=[^\s*])(.+?)(?<=[^\s*])(\*\*)"),
    re.compile(r"(?<![A-Za-z0-9_])(__)(?=\S)(.+?)(?<=\S)(__)(?![A-Za-z0-9_])"),
    re.compile(r"(\*)(?=[^\s*])(.+?)(?<=[^\s*])(\*)"),
    re.compile(r"(?<![A-Za-z0-9_])(_)(?=[^\s_])(.+?)(?<=[^\s_])(_)(?![A-Za-z0-9_])"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)(~~)"),
)


def strip_inline(placed: PlacedText) -> PlacedText:
    """``placed`` without inline Markdown/HTML markup; every kept character keeps its place."""
    chars = _escapes_and_code(placed)
    chars = _html(chars)
    chars = _links(chars)
    chars = _emphasis(chars)
    return PlacedText("".join(c[0] for c in chars), tuple(c[1] for c in chars))


def _view(chars: list[_Char]) -> str:
    return "".join(_LITERAL_STAND_IN if literal else char for char, _, literal in chars)


def _escapes_and_code(placed: PlacedText) -> list[_Char]:
    text, positions = placed.text, placed.positions
    chars: list[_Char] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ASCII_PUNCTUATION:
            chars.append((text[index + 1], positions[index + 1], True))
            index += 2
        elif char == "`":
            backticks = _BACKTICKS.match(text, index)
            run = backticks.end() - index if backticks else 1
            closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, index + run)
            if closing is None:
                chars.extend((text[i], positions[i], True) for i in range(index, index + run))
                index += run
                continue
            start, end = index + run, closing.start()
            if end - start >= 2 and text[start] == text[end - 1] == " " and text[start:end].strip():
                start, end = start + 1, end - 1
            chars.extend((text[i], positions[i], True) for i in range(start, end))
            index = closing.end()
        else:
            chars.append((char, positions[index], False))
            index += 1
    return chars


def _html(chars: list[_Char]) -> list[_Char]:
    result: list[_Char] = []
    done = 0
    for match in _HTML.finditer(_view(chars)):
        result.extend(chars[done : match.start()])
        done = match.end()
        if match["autolink"]:
            result.extend(chars[match.start() + 1 : match.end() - 1])
        elif match["br"]:
            result.append((" ", chars[match.start()][1], True))
        elif match["entity"]:
            where = chars[match.start()][1]
            decoded = html.unescape(match["entity"]).replace("\u00a0", " ")
            result.extend((char, where, True) for char in decoded)
    result.extend(chars[done:])
    return result


def _links(chars: list[_Char]) -> list[_Char]:
    """``[text](url)``, ``![alt](src)``, ``[text][ref]`` and ``[text]{.class}`` keep only their text.

    A pandoc attribute block after a link or image (``{width="6in"}``) goes too.
    """
    view = _view(chars)
    kept: list[_Char] = []
    index = 0
    while (start := view.find("[", index)) >= 0:
        close = _matching(view, start, "[", "]")
        end = None if close is None else _link_tail(view, close + 1)
        if close is None or end is None:
            kept.extend(chars[index : start + 1])
            index = start + 1
            continue
        image = start > index and view[start - 1] == "!"
        kept.extend(chars[index : start - 1 if image else start])
        kept.extend(_links(chars[start + 1 : close]))  # an image inside a link's text
        index = end + 1
    return kept + chars[index:]


def _link_tail(view: str, start: int) -> int | None:
    """Index of the last character of the ``(url)``, ``[ref]`` or ``{attributes}`` at ``start``."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    if start >= len(view) or view[start] not in pairs:
        return None
    end = _matching(view, start, view[start], pairs[view[start]])
    if end is not None and view[start] != "{" and end + 1 < len(view) and view[end + 1] == "{":
        return _matching(view, end + 1, "{", "}") or end
    return end


def _matching(view: str, start: int, opening: str, closing: str) -> int | None:
    """Index of the bracket closing the one at ``start``, allowing nested pairs."""
    depth = 0
    for index in range(start, len(view)):
        if view[index] == opening:
            depth += 1
        elif view[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    return None


def _emphasis(chars: list[_Char]) -> list[_Char]:
    for pattern in _EMPHASIS:
        # Repeat: removing the outer pair of "*a **b** c*" can reveal another match.
        while matches := list(pattern.finditer(_view(chars))):
            delimiters = {i for m in matches for group in (1, 3) for i in range(m.start(group), m.end(group))}
            chars = [char for i, char in enumerate(chars) if i not in delimiters]
    return chars
