"""Parser registry: pick the parser for a file by its suffix and return a Document."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tenderlint.document import Document, UnreadableDocument

ParserFunction = Callable[[Path, str], Document]

#: Files larger than this are refused rather than read; a tender document is rarely over
#: a few megabytes, and reading an arbitrary blob into memory is how a linter falls over.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Plain text and Markdown are all text, so their limit is lower: 25 MB is thousands of pages.
MAX_TEXT_FILE_BYTES = 25 * 1024 * 1024
#: However small the file, refuse to lint more extracted text than this (about 3 million
#: words): a decompressed or generated document that large is not a tender.
MAX_TEXT_CHARS = 20_000_000

SUFFIXES: dict[str, str] = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def _parser_for(kind: str) -> ParserFunction:
    # Imported on demand: python-docx and pypdfium2 cost start-up time that
    # `tenderlint --help` and `explain` should not pay.
    if kind == "docx":
        from tenderlint.parsers.docx import parse_docx

        return parse_docx
    if kind == "pdf":
        from tenderlint.parsers.pdf import parse_pdf

        return parse_pdf
    if kind == "markdown":
        from tenderlint.parsers.markdown import parse_markdown

        return parse_markdown
    from tenderlint.parsers.text import parse_text

    return parse_text


def parse(path: Path, display_path: str | None = None) -> Document:
    """Parse ``path`` into a Document, or raise UnreadableDocument with a one-line reason.

    ``display_path`` is the name used in locations and messages (defaults to ``str(path)``).
    The file is only ever opened for reading.
    """
    shown = display_path or str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnreadableDocument(shown, f"unsupported file type '{path.suffix or path.name}'")
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise UnreadableDocument(shown, "no such file") from None
    except OSError as error:
        raise UnreadableDocument(shown, f"cannot read: {error.strerror or error}") from None
    if path.is_dir():
        raise UnreadableDocument(shown, "is a directory")
    if size == 0:
        raise UnreadableDocument(shown, "empty file")
    limit = MAX_TEXT_FILE_BYTES if kind in ("text", "markdown") else MAX_FILE_BYTES
    if size > limit:
        megabytes, limit_megabytes = size // (1024 * 1024), limit // (1024 * 1024)
        raise UnreadableDocument(shown, f"file is {megabytes} MB, over the {limit_megabytes} MB limit")
    try:
        document = _parser_for(kind)(path, shown)
    except UnreadableDocument:
        raise
    except PermissionError:
        raise UnreadableDocument(shown, "permission denied") from None
    except MemoryError:
        raise UnreadableDocument(shown, "too large to read into memory") from None
    except Exception as error:  # noqa: BLE001 - any parser failure is an unreadable file, never a traceback
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UnreadableDocument(shown, f"cannot parse {kind} file: {detail}") from None
    characters = sum(len(block.text) for block in document.blocks)
    if characters > MAX_TEXT_CHARS:
        raise UnreadableDocument(
            shown, f"holds {characters:,} characters of text, over the {MAX_TEXT_CHARS:,} limit"
        )
    return document


def parse_string(text: str, display_path: str, kind: str = "text") -> Document:
    """Parse text already in memory as plain text (``kind="text"``) or Markdown."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if kind == "markdown":
        from tenderlint.parsers.markdown import markdown_document

        return markdown_document(lines, display_path)
    from tenderlint.parsers.text import text_document

    return text_document(lines, display_path)
