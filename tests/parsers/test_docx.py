"""Word parser: body order, headings and sections, lists, tables, stories, tracked changes, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from support import BAD_DOCX, DOCUMENTS, block_with, refuse
from tenderlint.document import Block, BlockKind, Document, UnreadableDocument
from tenderlint.parsers.docx import paragraph_text, parse_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@pytest.fixture(scope="module")
def spec() -> Document:
    return parse_docx(DOCUMENTS / "specification.docx", "tender/spec.docx")


def body(document: Document) -> list[Block]:
    return [block for block in document.blocks if block.location.part is None]


def test_paths_and_format(spec: Document) -> None:
    assert spec.format == "docx"
    assert spec.path == "tender/spec.docx"
    assert {block.location.path for block in spec.blocks} == {"tender/spec.docx"}
    assert spec.warnings == []


def test_body_paragraphs_in_order_with_stable_numbers(spec: Document) -> None:
    paragraphs = [(b.location.paragraph, b.kind, b.text) for b in body(spec) if b.location.table is None]
    assert paragraphs[:12] == [
        (1, BlockKind.HEADING, "Housing Management System"),
        (2, BlockKind.HEADING, "1 Introduction"),
        (
            3,
            BlockKind.PARAGRAPH,
            "The London Borough of Eastmere (the Council) invites tenders for a cloud hosted housing "
            "management system for around 18,000 tenanted homes.",
        ),
        # paragraph 4 is empty: counted, but not a block
        (5, BlockKind.PARAGRAPH, "The contract will run for five years from April 2026."),
        (6, BlockKind.PARAGRAPH, "See section 4.2 for the exit plan."),
        (7, BlockKind.HEADING, "1.1 Scope"),
        (8, BlockKind.LIST_ITEM, "The system must manage tenancies, rents and repairs."),
        (9, BlockKind.LIST_ITEM, "The system must provide a tenant self-service portal."),
        (10, BlockKind.LIST_ITEM, "Data migration from the current system is in scope."),
        (11, BlockKind.HEADING, "1.2 Hosting and security"),
        (12, BlockKind.PARAGRAPH, "Bidders must have an annual turnover of at least £5 million."),
        (13, BlockKind.HEADING, "2 Requirements"),
    ]
    assert paragraphs[12:] == [
        (14, BlockKind.PARAGRAPH, "The Council will evaluate tenders on the most advantageous tender basis."),
        (15, BlockKind.PARAGRAPH, "The bidder must state its registered company number."),
        (16, BlockKind.PARAGRAPH, "Visible text"),
        (18, BlockKind.HEADING, "3 Social value"),
        (19, BlockKind.PARAGRAPH, "Tenderers must describe how they will create local training opportunities."),
        (21, BlockKind.PARAGRAPH, "Prices must be fixed for the first two years."),
    ]


def test_tracked_changes_fields_and_hidden_text(spec: Document) -> None:
    text = spec.text
    assert "five years" in text and "three" not in text
    assert "REF _Ref123" not in text
    assert "hidden note" not in text


def test_sections_nest_by_heading_level(spec: Document) -> None:
    assert block_with(spec, "18,000").location.section == "1 Introduction"
    assert block_with(spec, "self-service").location.section == "1 Introduction > 1.1 Scope"
    # An outline level on a Normal paragraph makes it a level-2 heading.
    assert block_with(spec, "£5 million").location.section == "1 Introduction > 1.2 Hosting and security"
    assert block_with(spec, "fixed for the first").location.section == "3 Social value"


def test_tables_rows_cells_and_nesting(spec: Document) -> None:
    cells = [(b.location.table, b.location.row, b.location.cell, b.text) for b in spec.blocks
             if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        ("1", 1, 1, "Requirement"),  # merged across two grid columns, reported once
        ("1", 1, 2, "Priority"),
        ("1", 2, 1, "The supplier shall provide 99.9% availability. Planned maintenance is excluded."),
        ("1", 2, 3, "Must"),  # cell 2 of row 2 is empty
        ("1", 3, 1, "Service levels:"),
        ("1.1", 1, 1, "Priority 1"),
        ("1.1", 1, 2, "Resolve within 4 hours"),
        ("1.1", 2, 1, "Priority 2"),
        ("1.1", 2, 2, "Resolve within 1 working day"),
        ("1", 3, 1, "Service credits apply."),
        ("1", 3, 3, "Should"),
        ("2", 1, 1, "Quality"),
        ("2", 1, 2, "60%"),
    ]
    table_blocks = [b for b in spec.blocks if b.kind is BlockKind.TABLE_CELL]
    assert {b.location.section for b in table_blocks} == {"2 Requirements"}
    assert all(b.location.paragraph is None and b.segments == () for b in table_blocks)


def test_tables_sit_between_the_paragraphs_around_them(spec: Document) -> None:
    texts = [block.text for block in spec.blocks]
    assert texts.index("2 Requirements") < texts.index("Requirement") < texts.index("Should")
    assert texts.index("Should") < texts.index(
        "The Council will evaluate tenders on the most advantageous tender basis."
    ) < texts.index("Quality")


def test_headers_and_footers_once_each(spec: Document) -> None:
    stories = [(b.kind, b.location.part, b.text) for b in spec.blocks if b.location.part in ("header", "footer")]
    assert stories == [
        (BlockKind.HEADER, "header", "London Borough of Eastmere – OFFICIAL"),
        (BlockKind.FOOTER, "footer", "ITT reference EBC/2025/014"),
        (BlockKind.FOOTER, "footer", "Schedule 1 – Pricing"),
    ]
    assert spec.blocks[0].kind is BlockKind.HEADER


def test_footnotes_without_separators(spec: Document) -> None:
    notes = [b for b in spec.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [(b.text, b.location.part) for b in notes] == [
        ("Turnover is the average of the last two audited years.", "footnotes")
    ]


def test_word_comment_suppression_covers_its_block(spec: Document) -> None:
    (suppression,) = spec.suppressions
    assert suppression.rules == ("SME-TURNOVER",)
    assert suppression.block is not None
    assert spec.blocks[suppression.block].text == "Bidders must have an annual turnover of at least £5 million."
    assert suppression.location.paragraph == 12


def test_a_package_without_styles_still_parses() -> None:
    document = parse_docx(DOCUMENTS / "minimal.docx", "minimal.docx")
    assert [(b.kind, b.text, b.location.paragraph) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "The supplier must provide a named account manager.", 1)
    ]


def test_entities_are_not_expanded() -> None:
    document = parse_docx(DOCUMENTS / "entity.docx", "entity.docx")
    assert "EXPANDED-ENTITY" not in document.text
    assert document.blocks[1].text == "The supplier must accept the Council terms."


def test_styles_decide_headings_lists_and_contents(tmp_path: Path) -> None:
    word = docx.Document()
    styles = word.styles
    custom = styles.add_style("Council Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = styles["Heading 2"]
    styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    word.add_heading("4 Security", level=1)
    word.add_paragraph("4 Security\t3", style="toc 1")
    word.add_paragraph("4.1 Testing", style="Council Heading")
    word.add_paragraph("Penetration tests must be run yearly.", style="List Paragraph")
    plain = word.add_paragraph("Not numbered after all.", style="List Number")
    plain._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
    )
    path = tmp_path / "styles.docx"
    word.save(str(path))
    blocks = parse_docx(path, "styles.docx").blocks
    assert [(b.location.paragraph, b.kind, b.text, b.location.section) for b in blocks] == [
        (1, BlockKind.HEADING, "4 Security", "4 Security"),
        (3, BlockKind.HEADING, "4.1 Testing", "4 Security > 4.1 Testing"),
        (4, BlockKind.LIST_ITEM, "Penetration tests must be run yearly.", "4 Security > 4.1 Testing"),
        (5, BlockKind.PARAGRAPH, "Not numbered after all.", "4 Security > 4.1 Testing"),
    ]


def test_paragraph_text_reads_runs_like_word_shows_them() -> None:
    paragraph = parse_xml(
        f'<w:p xmlns:w="{W}" xmlns:mc="{MC}">'
        "<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:noBreakHyphen/><w:t>D</w:t></w:r>"
        "<w:moveFrom><w:r><w:t> moved away</w:t></w:r></w:moveFrom>"
        '<w:moveTo><w:r><w:t xml:space="preserve"> moved here</w:t></w:r></w:moveTo>'
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> shown</w:t></w:r>'
        '<w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>'
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:t>fallback</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
        '<w:r><w:t xml:space="preserve"> £5\u00a0m</w:t></w:r>'
        "</w:p>"
    )
    assert paragraph_text(paragraph) == "A B C-D moved here shown link £5 m"


@pytest.mark.parametrize(("name", "reason"), BAD_DOCX)
def test_bad_files_are_refused_and_left_alone(name: str, reason: str) -> None:
    assert refuse(parse_docx, name, f"in/{name}") == reason


def test_high_compression_ratio_is_a_zip_bomb() -> None:
    reason = refuse(parse_docx, "zip_bomb.docx", "in/zip_bomb.docx")
    assert reason.startswith("refused: archive would expand to 21 MB")
    assert "compression ratio" in reason


def write_package(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


CONTENT_TYPES = (
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="word/document.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
DOCUMENT = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>'


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        (
            {"_rels/.rels": PACKAGE_RELS, "word/document.xml": DOCUMENT.encode()},
            "corrupt .docx (missing package parts)",
        ),
        (
            {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
             "word/document.xml": DOCUMENT.encode()[:-20]},
            "corrupt .docx (malformed XML)",
        ),
        (
            {"[Content_Types].xml": CONTENT_TYPES.replace(b"document.main", b"template.main"),
             "_rels/.rels": PACKAGE_RELS, "word/document.xml": DOCUMENT.encode()},
            "not a plain Word document (a template or macro-enabled file?); save it as a .docx",
        ),
    ],
)
def test_broken_packages(tmp_path: Path, members: dict[str, bytes], reason: str) -> None:
    path = write_package(tmp_path / "broken.docx", members)
    with pytest.raises(UnreadableDocument) as caught:
        parse_docx(path, "broken.docx")
    assert caught.value.reason == reason


def test_a_hand_written_package_parses(tmp_path: Path) -> None:
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": DOCUMENT.encode(),
    }
    document = parse_docx(write_package(tmp_path / "ok.docx", members), "ok.docx")
    assert document.text == "Hello"
