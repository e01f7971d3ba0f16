"""Turn the bytes of a text or Markdown file into normalised text, guessing the encoding."""

from __future__ import annotations

import codecs
import re

from tenderlint.document import UnreadableDocument

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: Text with more control characters than this share is not something a person wrote.
_MAX_CONTROL_SHARE = 0.1

_NEWLINES = re.compile(r"\r\n?")
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Notice data exported with its escapes stripped turns each "\r\n" into the letters "rn"
# ("...any one claim.rn -Public liability"). After punctuation that never happens in English,
# so two such places mark a file as damaged; then "rn" glued to the end of a word is undone
# where a list marker follows or the word is in capitals ("GBPrn"), never in "modern".
_LOST_BREAK = re.compile(r"(?<=[.;:,)\]])rn(?=\s)")
_LOST_BREAK_IN_DAMAGED_TEXT = re.compile(r"(?<=[.;:,)\]A-Z0-9])rn(?=\s)|(?<=\w)rn(?=\s+[-*•]\s*[A-Z])")
_MIN_LOST_BREAKS = 2


def decode_text(data: bytes, display_path: str) -> str:
    """Decode ``data`` (BOM, then UTF-8, then Windows-1252), with LF newlines and plain spaces.

    Raises UnreadableDocument when the bytes are binary rather than text.
    """
    text = _decode(data, display_path)
    if text and len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise UnreadableDocument(display_path, "binary data, not text")
    return repair_lost_line_breaks(plain_spaces(_NEWLINES.sub("\n", text)))


def repair_lost_line_breaks(text: str) -> str:
    """``text`` with "\\r\\n" escapes that lost their backslashes ("claim.rn -Public") made spaces.

    Each "rn" becomes two spaces, so every character keeps its column.
    """
    if len(_LOST_BREAK.findall(text)) < _MIN_LOST_BREAKS:
        return text
    return _LOST_BREAK_IN_DAMAGED_TEXT.sub("  ", text)


def plain_spaces(text: str) -> str:
    """``text`` with no-break spaces (U+00A0, U+202F) made plain spaces."""
    return text.translate(_NO_BREAK_SPACES)


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order of BOM-less text (Windows "Unicode" exports), or None.

    Such text has a NUL in nearly every other byte: the high byte of each Latin character.
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    odd_nuls = sum(1 for index in range(1, 2 * pairs, 2) if sample[index] == 0)
    even_nuls = sum(1 for index in range(0, 2 * pairs, 2) if sample[index] == 0)
    if odd_nuls >= 0.9 * pairs and even_nuls <= 0.1 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.9 * pairs and odd_nuls <= 0.1 * pairs:
        return "utf-16-be"
    return None


def _decode(data: bytes, display_path: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        # The "utf-16" codec reads the BOM to pick the byte order and drops it.
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        byte_order = _utf16_without_bom(data)
        if byte_order is None:
            raise UnreadableDocument(display_path, "binary data, not text")
        return data.decode(byte_order, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte.
        return data.decode("latin-1")
