"""Sentences, requirement detection and negation scope."""

from __future__ import annotations

import pytest

from tenderlint.document import Block, BlockKind, Document, Location
from tenderlint.nlp import MAX_LABELLED_PARAGRAPHS, is_question, is_requirement, segment
from tenderlint.parsers import parse_string


@pytest.mark.parametrize(
    "text",
    [
        "The supplier must provide training.",
        "The system shall log every change.",
        "Bidders will be required to hold Cyber Essentials.",
        "Cyber Essentials certification is mandatory.",
        "The contractor is required to attend monthly meetings.",
        "The solution will provide an audit trail.",
        "It is essential that data is backed up daily.",
        "The Council is seeking a partner to host its planning system.",
        "The Trust wishes to procure a replacement patient record system.",
        "Provision of a hosted income management system for the Council.",
        "Short description: Contract to supply and support a library management system.",
        "Supplier to propose a payment approach.",
        "New booking system to be hosted in the UK.",
        "The replacement CRM will use the Council's existing single sign-on.",
        "This will also include data migration from the existing system.",
        "The scope of work will cover all server types and network switches.",
        "The contract will include ongoing support of the booking website.",
    ],
)
def test_requirements(text: str) -> None:
    assert is_requirement(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Council currently uses Civica for revenues.",
        "In 2023 the Council migrated to Microsoft 365.",
        "Please describe how your solution meets WCAG 2.2 AA.",
        "How will you ensure the system is available?",
        "This section sets out the background to the procurement.",
        "The provision of the current service was reviewed in 2022.",
        "The supplier to the Council until 2021 was Capita.",
        "The new system went live in 2019.",
        "The evaluation will include a presentation by shortlisted bidders.",
        "The project included a discovery phase in 2022.",
    ],
)
def test_not_requirements(text: str) -> None:
    assert not is_requirement(text)


def test_questions() -> None:
    assert is_question("Q4. Describe your approach to exit management.")
    assert is_question("Do you hold Cyber Essentials Plus?")
    assert not is_question("The supplier must describe its approach in the exit plan.")


@pytest.mark.parametrize(
    "text",
    ["Performance Bond (Check one):", "Federal funds (tick as appropriate)", "Insurance certificate attached [Yes/No]"],
)
def test_form_fields_are_questions(text: str) -> None:
    assert is_question(text)
    assert not is_requirement(text)


def _sentences(text: str) -> list:  # type: ignore[type-arg]
    block = Block(text, BlockKind.PARAGRAPH, Location("t.txt", line=1, column=1), ((0, 1, 1),))
    return segment(Document("t.txt", "text", [block]))


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("There will be no bespoke development.", "bespoke", True),
        ("The solution must not require bespoke development.", "bespoke", True),
        ("Bespoke development will not be funded.", "Bespoke", True),
        ("We do not want a package, but bespoke development is required.", "bespoke", False),
        ("The supplier will deliver bespoke development.", "bespoke", False),
        ("Without bespoke code, the product must meet every need.", "bespoke", True),
    ],
)
def test_negation_scope(text: str, word: str, negated: bool) -> None:
    [sentence] = _sentences(text)
    start = sentence.text.index(word)
    assert sentence.is_negated(start, start + len(word)) is negated


def test_sentences_map_back_to_lines() -> None:
    block = Block(
        "First sentence here. Second one\nwraps onto line two.",
        BlockKind.PARAGRAPH,
        Location("t.txt", line=3, column=1),
        ((0, 3, 1), (32, 4, 1)),
    )
    first, second = segment(Document("t.txt", "text", [block]))
    assert first.text == "First sentence here."
    assert second.text == "Second one\nwraps onto line two."
    location = second.location(second.text.index("line two"), second.text.index("line two") + 8)
    assert (location.line, location.column) == (4, 12)


def _blocks(*items: tuple[str, BlockKind, str | None]) -> Document:
    blocks = [
        Block(text, kind, Location("t.md", line=number, column=1, table=table, row=1 if table else None),
              ((0, number, 1),))
        for number, (text, kind, table) in enumerate(items, start=1)
    ]
    return Document("t.md", "markdown", blocks)


def test_a_lead_in_makes_the_list_below_it_requirements() -> None:
    document = _blocks(
        ("The supplier must:", BlockKind.PARAGRAPH, None),
        ("keep an audit log of every change", BlockKind.LIST_ITEM, None),
        ("A note on the current system.", BlockKind.PARAGRAPH, None),
        ("keep a second log of every change", BlockKind.LIST_ITEM, None),
    )
    sentences = {s.text: s for s in segment(document)}
    inherited = sentences["keep an audit log of every change"]
    assert inherited.is_requirement and inherited.lead_in == "The supplier must:"
    assert inherited.text_with_lead_in == "The supplier must: keep an audit log of every change"
    after_paragraph = sentences["keep a second log of every change"]
    assert not after_paragraph.is_requirement and after_paragraph.lead_in is None


def test_a_requirements_heading_covers_its_table_but_not_the_next_one() -> None:
    document = _blocks(
        ("Mandatory requirements", BlockKind.HEADING, None),
        ("Records are kept for seven years", BlockKind.TABLE_CELL, "1"),
        ("Ref 2", BlockKind.TABLE_CELL, "1"),
        ("Reports are produced every single month", BlockKind.TABLE_CELL, "2"),
    )
    sentences = {s.text: s for s in segment(document)}
    assert sentences["Records are kept for seven years"].is_requirement
    assert not sentences["Ref 2"].is_requirement  # too short to state a requirement
    assert not sentences["Reports are produced every single month"].is_requirement


def test_a_heading_that_is_not_about_requirements_is_no_lead_in() -> None:
    document = _blocks(
        ("Background", BlockKind.HEADING, None),
        ("Records are kept for seven years", BlockKind.TABLE_CELL, "1"),
    )
    assert not segment(document)[0].is_requirement


def test_an_essential_skills_label_makes_the_paragraphs_under_it_requirements() -> None:
    document = parse_string(
        "Essential skills and experience\n\nWorked with housing repairs teams\n\nBuilt GOV.UK Notify integrations\n\n"
        "Nice-to-have skills and experience\n\nWorked with housing repairs teams before 2020\n",
        "page.txt",
    )
    sentences = {s.text: s for s in segment(document)}
    item = sentences["Worked with housing repairs teams"]
    assert item.is_requirement and item.lead_in == "Essential skills and experience"
    assert sentences["Built GOV.UK Notify integrations"].is_requirement
    assert not sentences["Worked with housing repairs teams before 2020"].is_requirement


def test_a_label_covers_a_bounded_number_of_paragraphs() -> None:
    items = "\n\n".join(f"Item number {n} of the list" for n in range(MAX_LABELLED_PARAGRAPHS + 3))
    document = parse_string(f"Essential criteria\n\n{items}\n", "page.txt")
    covered = [s for s in segment(document) if s.lead_in == "Essential criteria"]
    assert len(covered) == MAX_LABELLED_PARAGRAPHS


def test_an_abbreviation_full_stop_does_not_end_the_sentence() -> None:
    document = parse_string("Costs include travel etc. and subsistence. The supplier must invoice monthly.", "t.txt")
    assert [s.text for s in segment(document)] == [
        "Costs include travel etc. and subsistence.",
        "The supplier must invoice monthly.",
    ]
