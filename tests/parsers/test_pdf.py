"""PDF parser: page/line locations, paragraph joining, running headers/footers, bad files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from support import DOCUMENTS, block_with, refuse, where
from tenderlint.document import BlockKind, Document
from tenderlint.parsers.pdf import clean_line, parse_pdf


@pytest.fixture(scope="module")
def tender() -> Document:
    return parse_pdf(DOCUMENTS / "tender.pdf", "itt/tender.pdf")


def test_blocks_in_reading_order(tender: Document) -> None:
    assert tender.format == "pdf"
    assert tender.path == "itt/tender.pdf"
    assert tender.warnings == []
    assert [(b.location.page, b.kind, b.text) for b in tender.blocks] == [
        (1, BlockKind.HEADER, "London Borough of Eastmere"),
        (1, BlockKind.HEADING, "1 Introduction"),
        (
            1,
            BlockKind.PARAGRAPH,
            "The Council is procuring a cloud hosted housing management system for around 18,000 tenanted "
            "homes. The contract will run for five years with an option to extend by up to two further years.",
        ),
        (1, BlockKind.HEADING, "2 Requirements"),
        (1, BlockKind.HEADING, "2.1 Hosting"),
        (
            1,
            BlockKind.PARAGRAPH,
            "The supplier must host all Council data in UK data centres. The supplier will provide a "
            "comprehensive training programme for housing officers.",
        ),
        (1, BlockKind.LIST_ITEM, "The system must integrate with the Council’s finance system."),
        (1, BlockKind.LIST_ITEM, "Bidders must have an annual turnover of at least £5 million."),
        (2, BlockKind.HEADING, "2.2 Insurance"),
        (2, BlockKind.PARAGRAPH, "The supplier shall hold professional indemnity insurance of £10 million."),
        (2, BlockKind.PARAGRAPH, "Suppliers should describe efficient workflows for repairs."),
        (2, BlockKind.HEADING, "3 Social value"),
        (
            2,
            BlockKind.PARAGRAPH,
            "Tenderers must describe how they will create local employment and training opportunities for residents.",
        ),
        (3, BlockKind.HEADING, "4 Evaluation"),
        (3, BlockKind.PARAGRAPH, "Quality will be weighted at 60% and price at 40%."),
        (3, BlockKind.PARAGRAPH, "Clarification questions must be submitted by 12:00 on 14 March 2025."),
        (1, BlockKind.FOOTER, "Page 1 of 3"),
    ]


def test_running_header_and_footer_appear_once(tender: Document) -> None:
    header, footer = tender.blocks[0], tender.blocks[-1]
    assert (header.location.part, header.location.line) == ("header", 1)
    assert (footer.location.part, footer.location.line) == ("footer", 13)
    assert "Page 2 of 3" not in tender.text and "Page 3 of 3" not in tender.text
    assert tender.text.count("London Borough of Eastmere") == 1
    assert all(b.location.part is None for b in tender.blocks[1:-1])


def test_page_line_and_column_of_a_substring(tender: Document) -> None:
    insurance = where(block_with(tender, "indemnity"), "£10 million")
    assert (insurance.page, insurance.line, insurance.column, insurance.end_column) == (2, 3, 61, 72)
    wrapped = where(block_with(tender, "18,000"), "18,000 tenanted")
    assert (wrapped.page, wrapped.line, wrapped.column) == (1, 4, 1)
    assert insurance.label() == "page 2:line 3"


def test_hyphenated_word_is_joined_and_keeps_both_lines(tender: Document) -> None:
    word = where(block_with(tender, "comprehensive"), "comprehensive")
    assert (word.line, word.column, word.end_line, word.end_column) == (9, 11, 10, 5)


def test_bullets_and_ligatures(tender: Document) -> None:
    bullet = block_with(tender, "finance system")
    assert (bullet.location.line, bullet.location.column) == (11, 3)
    ligatures = where(block_with(tender, "workflows"), "workflows")
    assert (ligatures.page, ligatures.line, ligatures.column) == (2, 4, 37)


def test_sections_carry_across_pages(tender: Document) -> None:
    assert block_with(tender, "indemnity").location.section == "2 Requirements > 2.2 Insurance"
    assert block_with(tender, "residents").location.section == "3 Social value"
    assert block_with(tender, "Clarification").location.section == "4 Evaluation"


def test_a_page_without_text_is_a_warning() -> None:
    document = parse_pdf(DOCUMENTS / "partly_scanned.pdf", "pricing.pdf")
    assert document.warnings == ["page 2 has no text layer (scanned?); it was not checked"]
    assert [(b.location.page, b.text) for b in document.blocks] == [
        (1, "Appendix A – Pricing schedule"),
        (1, "All prices must exclude VAT."),
    ]


def test_clean_line_expands_ligatures_and_keeps_source_columns() -> None:
    line = clean_line("\u00a0 E\ufb03cient\x03 work\ufb02ow\tplan", 4)
    assert line.text == "Efficient workflow plan"
    assert line.positions[:5] == ((4, 3), (4, 4), (4, 4), (4, 4), (4, 5))
    assert line.positions[line.text.index("workflow")] == (4, 12)
    assert line.positions[line.text.index("plan")] == (4, 20)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "scanned.pdf",
            "no text layer: this looks like a scanned PDF; run OCR (for example ocrmypdf) and lint the result",
        ),
        ("encrypted.pdf", "encrypted PDF (password required)"),
        ("corrupt.pdf", "corrupt or not a PDF file"),
        ("plain_text.docx", "corrupt or not a PDF file"),
    ],
)
def test_bad_files_are_refused_and_left_alone(name: str, reason: str) -> None:
    assert refuse(parse_pdf, name) == reason


def pdf_writer() -> ModuleType:
    """The fixture script's tiny PDF writer, to build PDFs for the cases below."""
    script = Path(__file__).parents[1] / "fixtures" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pdf(path: Path, pages: list[tuple[str | None, list[str], str | None]]) -> Path:
    writer = pdf_writer()
    path.write_bytes(writer.build_pdf([writer.text_stream(writer.page_lines(*page)) for page in pages]))
    return path


@pytest.mark.parametrize(
    ("headed_pages", "total", "running"),
    [(2, 2, False), (2, 4, False), (3, 6, True), (3, 7, False), (4, 4, True)],
)
def test_running_header_needs_three_pages_and_half_of_them(
    tmp_path: Path, headed_pages: int, total: int, running: bool
) -> None:
    marking = "OFFICIAL – SENSITIVE"
    # "Lot 1"/"Lot 2" lines differ only by a number that does not follow the page number,
    # so they are body text even where they open the page.
    pages = [
        (marking if number < headed_pages else None, [f"Lot {number % 2 + 1} requirements follow."], None)
        for number in range(total)
    ]
    document = parse_pdf(write_pdf(tmp_path / "marked.pdf", pages), "marked.pdf")
    headers = [b for b in document.blocks if b.kind is BlockKind.HEADER]
    assert len(headers) == (1 if running else 0)
    assert document.text.count(marking) == (1 if running else headed_pages)
    assert document.text.count("requirements follow.") == total


def test_bare_page_numbers_are_dropped(tmp_path: Path) -> None:
    pages = [
        (None, ["The supplier must attend quarterly reviews."], "7"),
        (None, ["Reviews are held online."], "- 8 -"),
    ]
    document = parse_pdf(write_pdf(tmp_path / "numbered.pdf", pages), "numbered.pdf")
    assert [block.text for block in document.blocks] == [
        "The supplier must attend quarterly reviews.",
        "Reviews are held online.",
    ]


def _placed_pdf(path: Path, lines: list[tuple[int, int, str]]) -> Path:
    """A one-page PDF with each text at (x, y), 11-point Helvetica."""
    writer = pdf_writer()
    path.write_bytes(writer.build_pdf([writer.text_stream([(x, y, 11, text) for x, y, text in lines])]))
    return path


def test_columns_set_apart_on_lines_in_a_row_are_table_cells(tmp_path: Path) -> None:
    path = _placed_pdf(tmp_path / "sq.pdf", [
        (72, 780, "The supplier must meet the minimum levels below."),
        (72, 760, "Requirement"), (320, 760, "Minimum level"),
        (72, 744, "Annual turnover"), (320, 744, "£3m"),
        (72, 728, "Payment terms"), (320, 728, "30 days"),
        (72, 700, "Bidders may ask questions until 9 March 2026."),
    ])
    document = parse_pdf(path, "sq.pdf")
    assert [(b.kind, b.text, b.location.row, b.location.cell, b.location.line) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "The supplier must meet the minimum levels below.", None, None, 1),
        (BlockKind.TABLE_CELL, "Requirement", 1, 1, 2),
        (BlockKind.TABLE_CELL, "Minimum level", 1, 2, 2),
        (BlockKind.TABLE_CELL, "Annual turnover", 2, 1, 3),
        (BlockKind.TABLE_CELL, "£3m", 2, 2, 3),
        (BlockKind.TABLE_CELL, "Payment terms", 3, 1, 4),
        (BlockKind.TABLE_CELL, "30 days", 3, 2, 4),
        (BlockKind.PARAGRAPH, "Bidders may ask questions until 9 March 2026.", None, None, 5),
    ]
    amount = document.blocks[4]  # "£3m" keeps its column on the extracted line "Annual turnover £3m"
    assert (amount.location.page, amount.location.line, amount.location.column) == (1, 3, 17)


def test_word_spaces_and_a_lone_gap_do_not_make_a_table(tmp_path: Path) -> None:
    path = _placed_pdf(tmp_path / "prose.pdf", [
        (72, 780, "Invitation to Tender"), (480, 780, "Version 2"),
        (72, 760, "The supplier must host all Council data in UK data centres and"),
        (72, 744, "keep an exit plan up to date throughout the contract."),
    ])
    assert [(b.kind, b.text) for b in parse_pdf(path, "prose.pdf").blocks] == [
        (BlockKind.PARAGRAPH, "Invitation to Tender Version 2 The supplier must host all Council data in UK data "
         "centres and keep an exit plan up to date throughout the contract."),
    ]


def test_tables_on_different_pages_keep_their_own_rows(tmp_path: Path) -> None:
    from tenderlint.nlp import segment

    writer = pdf_writer()
    pages = [
        [(72, 760, 11, "Requirement"), (320, 760, 11, "Minimum level"),
         (72, 744, 11, "Annual turnover"), (320, 744, 11, "£3m")],
        [(72, 760, 11, "Our finances"), (320, 760, 11, "2025"),
         (72, 744, 11, "Annual turnover"), (320, 744, 11, "£450m")],
    ]
    path = tmp_path / "two.pdf"
    path.write_bytes(writer.build_pdf([writer.text_stream(page) for page in pages]))
    cells = [s for s in segment(parse_pdf(path, "two.pdf")) if s.text == "Annual turnover"]
    assert [(s.block.location.page, s.row_cells, s.table_heading) for s in cells] == [
        (1, ("£3m",), "Requirement | Minimum level"),
        (2, ("£450m",), "Our finances | 2025"),
    ]
