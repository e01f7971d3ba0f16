"""The parser registry: dispatch by suffix, display paths, and every unreadable input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import BAD_DOCX, DOCUMENTS
from tenderlint.document import BlockKind, UnreadableDocument
from tenderlint.parsers import parse, parse_string

SCANNED = "no text layer: this looks like a scanned PDF; run OCR (for example ocrmypdf) and lint the result"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("specification.docx", "docx"),
        ("tender.pdf", "pdf"),
        ("specification.md", "markdown"),
        ("specification.txt", "text"),
        ("windows1252.txt", "text"),
        ("utf16le.txt", "text"),
    ],
)
def test_each_suffix_goes_to_its_parser(name: str, kind: str) -> None:
    document = parse(DOCUMENTS / name, f"pack/{name}")
    assert document.format == kind
    assert document.blocks
    assert {block.location.path for block in document.blocks} == {f"pack/{name}"}


def test_display_path_defaults_to_the_path() -> None:
    path = DOCUMENTS / "specification.txt"
    document = parse(path)
    assert document.path == str(path)
    assert document.blocks[0].location.path == str(path)


def test_suffix_case_does_not_matter(tmp_path: Path) -> None:
    copy = tmp_path / "SPEC.MARKDOWN"
    shutil.copyfile(DOCUMENTS / "specification.md", copy)
    assert parse(copy).format == "markdown"


def test_text_in_memory_uses_the_same_parsers() -> None:
    markdown = parse_string("# Scope\n\nThe supplier **must** host in the UK.", "<stdin>", "markdown")
    assert [(b.kind, b.text) for b in markdown.blocks] == [
        (BlockKind.HEADING, "Scope"),
        (BlockKind.PARAGRAPH, "The supplier must host in the UK."),
    ]
    text = parse_string("1 Scope\r\n\r\nThe supplier must host in the UK.", "<stdin>")
    assert text.blocks[1].location.section == "1 Scope"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("binary.md", "binary data, not text"),
        *BAD_DOCX,
        ("zip_bomb.docx", "refused: archive would expand to 21 MB (compression ratio 1000:1)"),
        ("scanned.pdf", SCANNED),
        ("encrypted.pdf", "encrypted PDF (password required)"),
        ("corrupt.pdf", "corrupt or not a PDF file"),
    ],
)
def test_unreadable_fixtures_give_one_line_reasons_and_stay_untouched(name: str, reason: str) -> None:
    path = DOCUMENTS / name
    data, modified = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(UnreadableDocument) as caught:
        parse(path, name)
    assert caught.value.reason == reason
    assert "\n" not in caught.value.reason
    assert str(caught.value) == f"{name}: {reason}"
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == modified


def test_a_zip_named_markdown_is_binary(tmp_path: Path) -> None:
    disguised = tmp_path / "spec.md"
    shutil.copyfile(DOCUMENTS / "minimal.docx", disguised)
    with pytest.raises(UnreadableDocument, match="binary data, not text"):
        parse(disguised)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.txt", "no such file"), ("folder.md", "is a directory"), ("empty.pdf", "empty file"),
     ("notes.odt", "unsupported file type '.odt'")],
)
def test_files_that_are_not_there_or_not_files(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "notes.odt").write_bytes(b"PK")
    with pytest.raises(UnreadableDocument) as caught:
        parse(tmp_path / name, name)
    assert caught.value.reason == reason


def test_fixtures_stay_small() -> None:
    sizes = {path.name: path.stat().st_size for path in DOCUMENTS.iterdir()}
    assert len(sizes) >= 20
    assert max(sizes.values()) < 100_000
