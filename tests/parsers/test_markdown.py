"""Markdown parser: block structure, tables, markup removal with exact columns, suppressions."""

from __future__ import annotations

import pytest

from support import DOCUMENTS, block_with, where
from tenderlint.document import BlockKind, Document
from tenderlint.parsers.markdown import Directive, markdown_document, parse_directive, parse_markdown


def md(text: str) -> Document:
    return markdown_document(text.split("\n"), "spec.md")


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


@pytest.fixture(scope="module")
def spec() -> Document:
    return parse_markdown(DOCUMENTS / "specification.md", "docs/spec.md")


def test_fixture_blocks_in_order(spec: Document) -> None:
    assert spec.format == "markdown"
    assert spec.path == "docs/spec.md"
    assert [(block.kind, block.text) for block in spec.blocks[:10]] == [
        (BlockKind.HEADING, "Statement of Requirements"),
        (
            BlockKind.PARAGRAPH,
            "This document sets out the Council’s requirements for a housing management system."
            " See the procurement timetable for key dates.",
        ),
        (BlockKind.HEADING, "1 Hosting"),
        (BlockKind.PARAGRAPH, "The solution must integrate with Microsoft 365 and be hosted in the UK."),
        (BlockKind.LIST_ITEM, "The supplier must hold Cyber Essentials Plus certification."),
        (BlockKind.LIST_ITEM, "Data must be encrypted at rest and in transit, using current industry standards."),
        (BlockKind.LIST_ITEM, "Backups must be kept for 30 days."),
        (BlockKind.HEADING, "Security Testing"),
        (BlockKind.PARAGRAPH, "The supplier shall commission an annual IT health check."),
        (BlockKind.HEADING, "2 Commercial"),
    ]
    assert spec.blocks[-2:] == [block_with(spec, "£2 million"), block_with(spec, "Payment will be made")]
    assert all(block.location.path == "docs/spec.md" for block in spec.blocks)


def test_front_matter_and_code_are_skipped(spec: Document) -> None:
    text = spec.text
    assert "title:" not in text and "ICT Procurement" not in text
    assert "fenced example" not in text
    assert "indented code" not in text


def test_sections_follow_heading_levels(spec: Document) -> None:
    assert block_with(spec, "Microsoft 365").location.section == "Statement of Requirements > 1 Hosting"
    assert block_with(spec, "health check").location.section == "Statement of Requirements > Security Testing"
    assert block_with(spec, "£2 million").location.section == "Statement of Requirements > 2 Commercial"


def test_columns_survive_markup_removal(spec: Document) -> None:
    # The file starts with a UTF-8 BOM; columns count characters after it.
    heading = spec.blocks[0].location
    assert (heading.line, heading.column) == (6, 3)
    intro = spec.blocks[1]
    spanning = where(intro, "management system")
    assert (spanning.line, spanning.column, spanning.end_line, spanning.end_column) == (8, 67, 9, 7)
    link = where(intro, "procurement timetable")
    assert (link.line, link.column, link.end_column) == (9, 20, 41)
    emphasis = where(block_with(spec, "Cyber"), "Cyber Essentials Plus")
    assert (emphasis.line, emphasis.column, emphasis.end_column) == (16, 27, 48)
    code = where(block_with(spec, "Backups"), "30 days")
    assert (code.line, code.column, code.end_column) == (19, 32, 39)


def test_blockquote_markers_are_stripped(spec: Document) -> None:
    quote = block_with(spec, "£2 million")
    assert quote.text == "Bidders must have an annual turnover of at least £2 million."
    assert (quote.location.line, quote.location.column) == (33, 3)
    assert (where(quote, "£2").line, where(quote, "£2").column) == (34, 15)


def test_table_cells(spec: Document) -> None:
    cells = [block for block in spec.blocks if block.kind is BlockKind.TABLE_CELL]
    assert [(c.location.row, c.location.cell, c.text) for c in cells] == [
        (1, 1, "Criterion"), (1, 2, "Weighting"), (1, 3, "Notes"),
        (2, 1, "Quality"), (2, 2, "60%"), (2, 3, "Includes social value"),
        (3, 1, "Price"), (3, 2, "40%"),
    ]
    assert {c.location.table for c in cells} == {"1"}
    notes = cells[5]
    assert (notes.location.line, notes.location.column) == (30, 27)
    assert where(notes, "social").column == 37
    assert notes.location.section == "Statement of Requirements > 2 Commercial"


def test_suppressions(spec: Document) -> None:
    first, whole_file = spec.suppressions
    assert first.rules == ("BRAND-001",)
    assert first.block is not None
    assert spec.blocks[first.block].text.startswith("The solution must integrate with Microsoft 365")
    assert (first.location.line, first.location.column) == (13, 1)
    assert whole_file.rules == ("READ-001", "READ-002")
    assert whole_file.block is None
    assert whole_file.location.line == 42
    assert "tenderlint" not in spec.text


def test_suppression_points_at_the_next_block_even_mid_paragraph() -> None:
    document = md(
        "Intro text\n<!-- tenderlint: ignore -->\n## Heading\n\n"
        "<!-- an ordinary comment -->\n<!-- TENDERLINT: ignore A-1 B-2 -->\nBody text."
    )
    assert texts(document) == ["Intro text", "Heading", "Body text."]
    everything, two = document.suppressions
    assert (everything.rules, everything.block) == ((), 1)
    assert (two.rules, two.block) == (("A-1", "B-2"), 2)


def test_parse_directive() -> None:
    assert parse_directive(" tenderlint: ignore SME-001, SME-002 -- agreed with Legal ") == Directive(
        False, ("SME-001", "SME-002")
    )
    assert parse_directive("tenderlint: ignore-file") == Directive(True, ())
    assert parse_directive("tenderlint: ignore-file DP-3 -- personal data is out of scope") == Directive(
        True, ("DP-3",)
    )
    assert parse_directive("reviewed by tenderlint: ignore X") is None
    assert parse_directive("just a note") is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Use **bold**, *em*, _em_, ~~old~~ and ***both***.", "Use bold, em, em, old and both."),
        ("Call `get_user()` or `` a ` tick ``.", "Call get_user() or a ` tick."),
        ("See [the guide](https://x.org/a_(b)) and ![a diagram](d.png).", "See the guide and a diagram."),
        (
            "A [reference][ref] link and a [Council name] placeholder.",
            "A reference link and a [Council name] placeholder.",
        ),
        ("Escaped \\*stars\\* and \\_underscores\\_ stay.", "Escaped *stars* and _underscores_ stay."),
        ("Line one<br>line two<br/>three", "Line one line two three"),
        ("Mail <procurement@example.gov.uk> or <https://example.gov.uk>.", "Mail procurement@example.gov.uk or https://example.gov.uk."),
        ("Fees &pound;5&nbsp;million &amp; VAT", "Fees £5 million & VAT"),
        ("<span class='x'>Tagged</span> but <Supplier name> kept", "Tagged but <Supplier name> kept"),
        ("snake_case_name and 2 * 3 * 4 stay", "snake_case_name and 2 * 3 * 4 stay"),
        ("Text <!-- hidden --> after", "Text after"),
    ],
)
def test_inline_markup(source: str, expected: str) -> None:
    assert md(source).blocks[0].text == expected


def test_columns_after_entities_and_links() -> None:
    block = md("Fees &pound;5m for [Oracle](https://oracle.example) or equivalent").blocks[0]
    assert block.text == "Fees £5m for Oracle or equivalent"
    assert where(block, "£").column == 6
    assert where(block, "5m").column == 13
    equivalent = where(block, "or equivalent")
    assert (equivalent.column, equivalent.end_column) == (53, 66)


def test_lists_nest_and_continue() -> None:
    document = md(
        "1. First item\n   continues here\n2. Second item\n   - nested bullet\n\n"
        "   A second paragraph of item two.\n\nAfter the list.\n+ plus item\n- [x] done task"
    )
    assert [(block.kind, block.text) for block in document.blocks] == [
        (BlockKind.LIST_ITEM, "First item continues here"),
        (BlockKind.LIST_ITEM, "Second item"),
        (BlockKind.LIST_ITEM, "nested bullet"),
        (BlockKind.LIST_ITEM, "A second paragraph of item two."),
        (BlockKind.PARAGRAPH, "After the list."),
        (BlockKind.LIST_ITEM, "plus item"),
        (BlockKind.LIST_ITEM, "done task"),
    ]
    assert where(document.blocks[0], "continues").line == 2
    assert where(document.blocks[2], "nested").column == 6


def test_a_number_inside_a_paragraph_is_not_a_list() -> None:
    document = md("The contract starts in\n2026. It runs for five years.")
    assert texts(document) == ["The contract starts in 2026. It runs for five years."]


def test_headings() -> None:
    document = md(
        "# Tender # \n\n### Deep heading\n\n## Lot 1 ##\n\nTitle line\nsecond line\n===\n\n#NotAHeading\n\n---\n\nText"
    )
    assert [(block.kind, block.text, block.location.section) for block in document.blocks] == [
        (BlockKind.HEADING, "Tender", "Tender"),
        (BlockKind.HEADING, "Deep heading", "Tender > Deep heading"),
        (BlockKind.HEADING, "Lot 1", "Tender > Lot 1"),
        (BlockKind.HEADING, "Title line second line", "Title line second line"),
        (BlockKind.PARAGRAPH, "#NotAHeading", "Title line second line"),
        (BlockKind.PARAGRAPH, "Text", "Title line second line"),
    ]


def test_tables_are_numbered_and_pipes_can_be_escaped() -> None:
    document = md(
        "Intro\n\n| A | B |\n|:--|--:|\n| x \\| y | `a|b` |\n\n"
        "Between.\n\nLot | Value\n--- | ---\n1 | £2m\nNot a row\n"
    )
    cells = [(b.location.table, b.location.row, b.location.cell, b.text) for b in document.blocks
             if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        # An unescaped pipe splits cells even inside backticks; cells beyond the header's are dropped.
        ("1", 1, 1, "A"), ("1", 1, 2, "B"), ("1", 2, 1, "x | y"), ("1", 2, 2, "`a"),
        ("2", 1, 1, "Lot"), ("2", 1, 2, "Value"), ("2", 2, 1, "1"), ("2", 2, 2, "£2m"),
    ]
    assert texts(document)[-1] == "Not a row"
    pound = next(b for b in document.blocks if b.text == "£2m")
    assert (pound.location.line, pound.location.column) == (11, 5)


def test_a_pipe_line_without_delimiter_row_is_text() -> None:
    assert texts(md("Either | or\nnot a table")) == ["Either | or not a table"]


def test_code_fences_of_both_kinds_and_unclosed() -> None:
    document = md("Before\n~~~\nhidden\n~~~\n````\n```\nstill hidden\n````\nAfter\n```\nnever closed")
    assert texts(document) == ["Before", "After"]


def test_multiline_inline_comment_in_paragraph() -> None:
    block = md("The supplier <!-- note\nspanning lines --> must comply.").blocks[0]
    assert block.text == "The supplier must comply."
    assert where(block, "must").line == 2


def test_binary_markdown_is_refused() -> None:
    from tenderlint.document import UnreadableDocument

    with pytest.raises(UnreadableDocument, match="binary data, not text"):
        parse_markdown(DOCUMENTS / "binary.md", "binary.md")


def test_pandoc_spans_attributes_and_quotes_in_list_items() -> None:
    document = md(
        "-   [[Cloud.gov]{.underline}](https://cloud.gov/) This is a\n"
        "    > platform that is already procured.\n\n"
        "![](media/image1.png){width=\"6.5in\"}\n\nSee [the plan]{.underline} now."
    )
    assert texts(document) == [
        "Cloud.gov This is a platform that is already procured.",
        "See the plan now.",
    ]
    assert where(document.blocks[0], "platform").column == 7
