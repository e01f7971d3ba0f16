"""Helpers shared by the test modules (on the test path through pytest's `pythonpath`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tenderlint.document import Block, Document, Location, UnreadableDocument

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"

#: Broken .docx fixtures and the one-line reason each must give (parser and registry tests).
BAD_DOCX = [
    ("encrypted.docx", "password-protected (encrypted) or legacy .doc file; save it as an unprotected .docx"),
    ("plain_text.docx", "not a .docx file (not a zip archive)"),
    ("not_word.docx", "not a Word document (no word/document.xml)"),
    ("truncated.docx", "corrupt .docx (damaged zip archive)"),
    ("damaged.docx", "corrupt .docx (damaged zip archive)"),
    ("empty.docx", "no text found in document"),
    ("zip_bomb_declared.docx", "refused: archive would expand to 401 MB"),
]


def where(block: Block, needle: str) -> Location:
    """The source location of the first ``needle`` in ``block``."""
    start = block.text.index(needle)
    return block.location_of(start, start + len(needle))


def block_with(document: Document, needle: str) -> Block:
    return next(block for block in document.blocks if needle in block.text)


def refuse(parser: Callable[[Path, str], Document], name: str, shown: str | None = None) -> str:
    """Parse a bad fixture, check the file was left alone, and return the reason given."""
    path = DOCUMENTS / name
    data, modified = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(UnreadableDocument) as caught:
        parser(path, shown or name)
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == modified
    assert caught.value.path == (shown or name)
    return caught.value.reason
