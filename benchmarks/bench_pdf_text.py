"""PDF text extraction: pypdfium2 (used by tenderlint) against pdfplumber's extract_text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from _common import interleaved, report, tender_pdf


def pypdfium2_text(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    total = 0
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return total


def pdfplumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def tenderlint_parse(path: Path) -> int:
    from tenderlint.parsers import parse

    return len(parse(path).blocks)


def tenderlint_parse_without_cells(path: Path) -> int:
    """The parse with table-cell detection (a glyph measure at each generated space) left out."""
    from tenderlint.parsers import parse, pdf

    measure = pdf._cell_gaps
    pdf._cell_gaps = lambda textpage, text: set()  # type: ignore[assignment]
    try:
        return len(parse(path).blocks)
    finally:
        pdf._cell_gaps = measure


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        pdf = tender_pdf(Path(folder) / "tender.pdf")
        medians = interleaved(
            {
                "pdfplumber extract_text": lambda: pdfplumber_text(pdf),
                "pypdfium2 get_text_range": lambda: pypdfium2_text(pdf),
                "tenderlint parse (pypdfium2 + blocks)": lambda: tenderlint_parse(pdf),
                "tenderlint parse, no table cells": lambda: tenderlint_parse_without_cells(pdf),
            },
            rounds=5,
        )
        report("60-page PDF, text extraction (median of 5, interleaved)", medians, "pypdfium2 get_text_range")
