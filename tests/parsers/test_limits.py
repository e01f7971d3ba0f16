"""Size limits: a file too large to be a tender is refused with a reason, before it exhausts memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderlint import parsers
from tenderlint.document import UnreadableDocument


def test_oversized_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(parsers.MAX_TEXT_FILE_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(UnreadableDocument, match=r"file is 25 MB, over the 25 MB limit"):
        parsers.parse(path)


def test_too_much_extracted_text_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.md"
    path.write_text("The supplier must keep records.\n\n" * 100, encoding="utf-8")
    monkeypatch.setattr(parsers, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(UnreadableDocument, match=r"holds 3,100 characters of text, over the 1,000 limit"):
        parsers.parse(path)
