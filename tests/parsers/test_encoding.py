"""Byte decoding for .txt and .md files: BOMs, UTF-8, Windows-1252, binary detection."""

from __future__ import annotations

import codecs

import pytest

from support import DOCUMENTS
from tenderlint.document import UnreadableDocument
from tenderlint.parsers.encoding import decode_text, plain_spaces


def test_plain_utf8_is_decoded_as_is() -> None:
    assert decode_text("Turnover of £2m – see “Annex A”.".encode(), "a.txt") == "Turnover of £2m – see “Annex A”."


def test_utf8_byte_order_mark_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + "£5m".encode(), "a.md") == "£5m"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + "Insurance of £10m\r\nis required.".encode(codec)
    assert decode_text(data, "a.txt") == "Insurance of £10m\nis required."


def test_windows_1252_fallback_reads_pound_sign_and_smart_quotes() -> None:
    data = b"\xa33m turnover; the Council\x92s \x93standard terms\x94 \x96 Schedule 2"
    assert decode_text(data, "a.txt") == "£3m turnover; the Council’s “standard terms” – Schedule 2"


def test_bytes_undefined_in_windows_1252_still_decode() -> None:
    assert decode_text(b"caf\xe9 \x81", "a.txt") == "café \x81"


def test_line_endings_become_line_feeds() -> None:
    assert decode_text(b"one\r\ntwo\rthree\nfour", "a.txt") == "one\ntwo\nthree\nfour"


def test_no_break_spaces_become_plain_spaces() -> None:
    assert decode_text("£5\u00a0million and 10\u202f%".encode(), "a.txt") == "£5 million and 10 %"
    assert plain_spaces("a\u00a0b") == "a b"


def test_tabs_and_form_feeds_are_text() -> None:
    assert decode_text(b"Item\tPrice\x0cPage two", "a.txt") == "Item\tPrice\x0cPage two"


def test_nul_bytes_without_utf16_bom_are_binary() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        decode_text(b"PK\x03\x04\x00\x00binary", "pack.md")
    assert caught.value.reason == "binary data, not text"
    assert caught.value.path == "pack.md"


def test_mostly_control_characters_are_binary() -> None:
    with pytest.raises(UnreadableDocument, match="binary data, not text"):
        decode_text(bytes(range(1, 32)) * 4 + b"some text", "blob.txt")


def test_binary_fixture_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="binary data, not text"):
        decode_text((DOCUMENTS / "binary.md").read_bytes(), "binary.md")


def test_fixture_encodings() -> None:
    windows = decode_text((DOCUMENTS / "windows1252.txt").read_bytes(), "w.txt")
    assert windows.splitlines()[0] == "Suppliers must have a minimum annual turnover of £3 million."
    assert "The Council’s “standard terms” apply – see Schedule 2." in windows
    assert "\r" not in windows
    utf16 = decode_text((DOCUMENTS / "utf16le.txt").read_bytes(), "u.txt")
    assert utf16.startswith("Tenders must be returned")
    assert "£5 million" in utf16


def test_utf16_without_bom_is_read_in_either_byte_order() -> None:
    text = "The Council will pay invoices within 30 days. £500k budget.\n"
    assert decode_text(text.encode("utf-16-le"), "le.txt") == text
    assert decode_text(text.encode("utf-16-be"), "be.txt") == text


def test_nul_bytes_that_are_not_utf16_are_binary() -> None:
    with pytest.raises(UnreadableDocument, match="binary data, not text"):
        decode_text(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40)), "x.txt")


def test_line_breaks_that_lost_their_backslashes_are_undone_in_damaged_text() -> None:
    damaged = (
        "Cover of 10,000,000 GBP per claim.rn -Public liability of 5 million GBPrn "
        "Professional indemnity;rn * Hold ISO/IEC 27001 or equivalentrn * Meet the levels"
    )
    repaired = decode_text(damaged.encode(), "notice.txt")
    assert "rn" not in repaired.replace("Professional", "")
    assert "or equivalent   * Meet" in repaired
    assert len(repaired) == len(damaged)  # columns still point at the source


def test_words_ending_in_rn_are_kept() -> None:
    text = "A modern system.rn We return data in a pattern - govern it;rn - and turn it."
    repaired = decode_text(text.encode(), "notice.txt")
    for word in ("modern", "return", "pattern", "govern", "turn"):
        assert word in repaired
    single = "The concern.rn is one slip only, in a modern - system."
    assert decode_text(single.encode(), "notice.txt") == single
