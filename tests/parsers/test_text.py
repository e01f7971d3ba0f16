"""Plain-text parser: paragraphs, list items, headings, sections and exact line/column."""

from __future__ import annotations

from pathlib import Path

from support import DOCUMENTS, block_with, where
from tenderlint.document import BlockKind, Document
from tenderlint.parsers.text import parse_text, text_document


def parse_string(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "spec.txt"
    path.write_text(text, encoding="utf-8")
    return parse_text(path, "spec.txt")


def test_specification_blocks_in_order() -> None:
    document = parse_text(DOCUMENTS / "specification.txt", "docs/spec.txt")
    assert document.format == "text"
    assert document.path == "docs/spec.txt"
    assert [(block.kind, block.text) for block in document.blocks] == [
        (BlockKind.HEADING, "INVITATION TO TENDER"),
        (BlockKind.PARAGRAPH, "Housing Management System Reference: EBC/2025/014"),
        (BlockKind.HEADING, "1. Introduction"),
        (
            BlockKind.PARAGRAPH,
            "The London Borough of Eastmere (the Council) invites tenders for a cloud hosted housing"
            " management system. The contract will run for five years.",
        ),
        (BlockKind.HEADING, "2. Requirements"),
        (BlockKind.HEADING, "2.1 Hosting"),
        (
            BlockKind.PARAGRAPH,
            "The supplier must host the system in UK data centres. The supplier shall provide 99.9% availability.",
        ),
        (BlockKind.HEADING, "2.2 Support"),
        (BlockKind.LIST_ITEM, "Support must be available from 08:00 to 18:00, Monday to Friday."),
        (BlockKind.LIST_ITEM, "Priority 1 incidents must be resolved within four hours."),
        (BlockKind.LIST_ITEM, "monthly service reports; and"),
        (BlockKind.LIST_ITEM, "quarterly review meetings."),
        (BlockKind.HEADING, "SECTION 3 – EVALUATION"),
        (BlockKind.PARAGRAPH, "Quality is weighted at 60% and price at 40%."),
    ]
    assert all(block.location.path == "docs/spec.txt" for block in document.blocks)


def test_sections_nest_by_heading_number() -> None:
    document = parse_text(DOCUMENTS / "specification.txt", "spec.txt")
    assert block_with(document, "99.9%").location.section == "2. Requirements > 2.1 Hosting"
    assert block_with(document, "four hours").location.section == "2. Requirements > 2.2 Support"
    assert block_with(document, "Quality is").location.section == "SECTION 3 – EVALUATION"
    assert block_with(document, "2.1 Hosting").location.section == "2. Requirements > 2.1 Hosting"


def test_exact_line_and_column_of_a_substring() -> None:
    document = parse_text(DOCUMENTS / "specification.txt", "spec.txt")
    hosting = block_with(document, "99.9%")
    found = where(hosting, "99.9%")
    assert (found.line, found.column, found.end_line, found.end_column) == (15, 28, 15, 33)
    # A double space was collapsed in the text, but the column still points at the source.
    contract = where(block_with(document, "The contract"), "The contract")
    assert (contract.line, contract.column) == (9, 36)
    wrapped = where(block_with(document, "four hours"), "within four")
    assert (wrapped.line, wrapped.column, wrapped.end_line, wrapped.end_column) == (19, 41, 20, 7)


def test_block_location_spans_the_whole_block() -> None:
    document = parse_text(DOCUMENTS / "specification.txt", "spec.txt")
    item = block_with(document, "four hours").location
    assert (item.line, item.column, item.end_line, item.end_column) == (19, 3, 20, 14)


def test_list_markers_are_not_text(tmp_path: Path) -> None:
    document = parse_string(
        tmp_path,
        "The supplier must provide:\n\n- hosting\n* support\n• training\n1. backups\n2) reports\n"
        "a) audits\n(b) reviews\n(iv) exit plans\n",
    )
    items = [block for block in document.blocks if block.kind is BlockKind.LIST_ITEM]
    assert [item.text for item in items] == [
        "hosting", "support", "training", "backups", "reports", "audits", "reviews", "exit plans",
    ]
    assert (items[-1].location.line, items[-1].location.column) == (10, 6)


def test_numbered_list_is_not_a_run_of_headings(tmp_path: Path) -> None:
    document = parse_string(tmp_path, "3. Requirements\n\n1. Hosting\n2. Support\n\n3. Training\n")
    assert [(block.kind, block.text) for block in document.blocks] == [
        (BlockKind.HEADING, "3. Requirements"),
        (BlockKind.LIST_ITEM, "Hosting"),
        (BlockKind.LIST_ITEM, "Support"),
        (BlockKind.LIST_ITEM, "Training"),
    ]


def test_numbered_clauses_start_new_paragraphs(tmp_path: Path) -> None:
    document = parse_string(
        tmp_path, "4 Security\n4.1 The supplier shall hold Cyber Essentials.\n4.2 The supplier shall patch monthly.\n"
    )
    assert [block.text for block in document.blocks] == [
        "4 Security",
        "4.1 The supplier shall hold Cyber Essentials.",
        "4.2 The supplier shall patch monthly.",
    ]
    assert document.blocks[2].location.section == "4 Security"


def test_heading_depth_and_unnumbered_capitals(tmp_path: Path) -> None:
    document = parse_string(
        tmp_path,
        "4 Security\n\n4.2 Testing\n\n4.2.1 Penetration tests\n\nText one.\n\n5 Exit\n\nText two.\n\n"
        "PART B – PRICING\n\nText three.\n",
    )
    sections = {block.text: block.location.section for block in document.blocks}
    assert sections["Text one."] == "4 Security > 4.2 Testing > 4.2.1 Penetration tests"
    assert sections["Text two."] == "5 Exit"
    assert sections["Text three."] == "PART B – PRICING"


def test_lines_that_only_look_like_headings(tmp_path: Path) -> None:
    document = parse_string(
        tmp_path,
        "The service must comply with the requirements in\nSection 3 of the contract and the\n"
        "published standards.\n\n"
        "THE COUNCIL IS NOT BOUND TO ACCEPT\nTHE LOWEST OR ANY TENDER.\n\n"
        "4.2 Hosting must be in the UK\n",
    )
    assert all(block.kind is BlockKind.PARAGRAPH for block in document.blocks)
    assert document.blocks[0].text.startswith("The service must comply with the requirements in Section 3")
    assert document.blocks[1].text == "THE COUNCIL IS NOT BOUND TO ACCEPT THE LOWEST OR ANY TENDER."


def test_odd_encodings_keep_locations() -> None:
    windows = parse_text(DOCUMENTS / "windows1252.txt", "w.txt")
    assert [block.text for block in windows.blocks] == [
        "Suppliers must have a minimum annual turnover of £3 million.",
        "The Council’s “standard terms” apply – see Schedule 2.",
    ]
    terms = where(windows.blocks[1], "“standard terms”")
    assert (terms.line, terms.column, terms.end_column) == (3, 15, 31)
    utf16 = parse_text(DOCUMENTS / "utf16le.txt", "u.txt")
    assert utf16.blocks[1].text == "Public liability insurance of £5 million is required."
    assert where(utf16.blocks[1], "£5 million").line == 3


def test_blank_file_has_no_blocks(tmp_path: Path) -> None:
    assert parse_string(tmp_path, "\n  \n\t\n").blocks == []


def test_text_in_memory() -> None:
    document = text_document(["Heading line", "", "Insurance of £5\u00a0million."], "<string>")
    assert document.blocks[-1].text == "Insurance of £5 million."
    assert document.blocks[-1].location.path == "<string>"
    assert document.blocks[-1].location.line == 3


def test_capitals_after_a_list_marker_are_a_list_item(tmp_path: Path) -> None:
    document = parse_string(tmp_path, "Lots:\n- HOUSING SYSTEM\n- REPAIRS SYSTEM\n")
    assert [(block.kind, block.text) for block in document.blocks] == [
        (BlockKind.PARAGRAPH, "Lots:"),
        (BlockKind.LIST_ITEM, "HOUSING SYSTEM"),
        (BlockKind.LIST_ITEM, "REPAIRS SYSTEM"),
    ]


def test_each_field_line_is_its_own_paragraph() -> None:
    lines = [
        "tender.title: Income management system",
        "tender.lots[0].description: The system must take card payments",
        "Contract term: 3 years",
        "",
        "The supplier must provide these services to the Council",
        "Revenues: as set out in Annex A.",
    ]
    document = text_document(lines, "notice.txt")
    assert [block.text for block in document.blocks] == [
        "tender.title: Income management system",
        "tender.lots[0].description: The system must take card payments",
        "Contract term: 3 years",
        "The supplier must provide these services to the Council Revenues: as set out in Annex A.",
    ]


def test_lines_never_wrapped_are_paragraphs_of_their_own() -> None:
    long_value = (
        "The Council wishes to procure a hosted case management system that can be reached from any "
        "location, replacing the system it runs today, with data migrated from the old system."
    )
    wrapped = [
        "The supplier must provide a hosted case management system that can be",
        "reached from any location, with all data migrated from the old system.",
    ]
    saved_page = ["Notice Title", "Case management system", "Notice Description", long_value]
    document = text_document([*saved_page, "", *wrapped], "page.txt")
    assert [block.text for block in document.blocks] == [*saved_page, " ".join(wrapped)]
    assert document.blocks[3].location.line == 4


def test_tab_separated_lines_are_table_rows() -> None:
    document = text_document(
        ["Minimum levels", "", "Requirement\tMinimum level", "Annual turnover\t\t£3m", "Payment terms\t30 days", ""],
        "sq.txt",
    )
    cells = [(b.kind, b.text, b.location.table, b.location.row, b.location.cell) for b in document.blocks[1:]]
    assert cells == [
        (BlockKind.TABLE_CELL, "Requirement", "1", 1, 1),
        (BlockKind.TABLE_CELL, "Minimum level", "1", 1, 2),
        (BlockKind.TABLE_CELL, "Annual turnover", "1", 2, 1),
        (BlockKind.TABLE_CELL, "£3m", "1", 2, 3),  # an empty cell between keeps the column
        (BlockKind.TABLE_CELL, "Payment terms", "1", 3, 1),
        (BlockKind.TABLE_CELL, "30 days", "1", 3, 2),
    ]
    assert (document.blocks[4].location.line, document.blocks[4].location.column) == (4, 18)


def test_tabs_after_list_markers_and_lone_tab_lines_are_not_tables() -> None:
    document = text_document(
        ["1.\tA detailed service map", "2.\tSupport at an industry event", "", "Contract value\t£200,000"], "d.txt"
    )
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.LIST_ITEM, "A detailed service map"),
        (BlockKind.LIST_ITEM, "Support at an industry event"),
        (BlockKind.PARAGRAPH, "Contract value £200,000"),
    ]
