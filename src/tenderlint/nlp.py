"""Language processing with spaCy: sentences mapped to their source, requirements, negation.

The pipeline is built once per process (the one piece of global state the project keeps)
because loading spaCy and compiling its matchers costs far more than linting a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tenderlint.document import Block, BlockKind, Document, Location

if TYPE_CHECKING:
    from spacy.language import Language

#: Trained pipelines used when installed (better sentences); the blank one always works offline.
PREFERRED_MODELS = ("en_core_web_sm",)

#: A notice field's label before the statement it holds ("tender.description: Provision of ...").
_FIELD_LABEL = r"^(?:[\w.\[\] ]{1,40}:\s*)?"
_REQUIREMENT = re.compile(
    r"\b(?:must|shall|mandatory|obligat(?:ed|ion)|essential|needs? to|has to|have to"
    r"|(?:is|are|will be|shall be|be) (?:required|expected|obliged)"
    r"|required to|(?:minimum|mandatory) requirements?|pass/fail"
    r"|will (?:be (?:excluded|rejected|disqualified)|(?:only )?be (?:considered|accepted))"
    r"|(?:supplier|contractor|provider|bidder|tenderer|solution|system|service|platform|"
    r"software|successful \w+|you|they|it) will"
    # "we will ..." is mostly the buyer's own promise; only these bind the bidder
    r"|we will (?:only |not )?(?:require|expect|accept|consider|award|contract with|shortlist)"
    r"|(?:Council|Authority|Trust|Board|Department|Buyer|Customer|we) (?:requires?|expects?)"
    # what the buyer says it is buying, as notices and opportunities put it
    r"|(?:is|are) (?:seeking|looking for|looking to (?:procure|appoint|purchase|buy|engage))"
    r"|(?:seeks?|wish(?:es)?|intends?) to (?:procure|appoint|purchase|buy|engage|commission)"
    # a notice's statement of what is bought ("Provision of ...", "Contract to supply ...")
    rf"|{_FIELD_LABEL}(?:the\s+)?(?:provision|supply|procurement|purchase|implementation|replacement"
    r"|installation|design and build|development|delivery) (?:and \w+ )?of\b"
    r"(?![^.;]*\b(?:was|were|is|are|has|have|had)\b)"  # a noun phrase, not a sentence about the past
    rf"|{_FIELD_LABEL}(?:a\s+|the\s+)?contract (?:to|for) (?:the )?"
    r"(?:supply|provide|provision|deliver|support|implement)"
    # notice shorthand: "Supplier to propose a payment approach", "New intranet to be based on ..."
    r"|\b(?:supplier|contractor|provider|bidder|partner|tenderer)s? to (?:provide|deliver|supply|propose|ensure"
    r"|maintain|support|host|develop|design|build|implement|capture|work|undertake|carry out|have|hold|be)\b"
    rf"|{_FIELD_LABEL}(?:the\s+|a\s+)?(?:new|proposed|replacement)\s+[\w-]+(?:\s+[\w-]+){{0,3}}?"
    r"\s+(?:to be|will|shall|must) (?:be )?(?:based|built|hosted|delivered|developed|implemented|integrated|use|run"
    r"|provide|support|include|have|offer)\b"
    # a statement of scope: "This will also include data migration ...", "The work will involve ..."
    rf"|{_FIELD_LABEL}(?:this|the (?:contract|project|work|scope(?: of (?:the )?\w+)?|services?"
    r"|requirement|engagement|commission|programme))"
    r"\s+(?:will|shall) (?:also )?(?:include|involve|cover|comprise)"
    r")\b",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^\s*(?:Q?\d+(?:\.\d+)*[.)]?\s+)?(?:please\s+)?(?:describe|explain|outline|set out|detail|"
    r"confirm|provide details|tell us|demonstrate how|how (?:will|would|do|does)|what|which|"
    r"list|state|identify|indicate|specify|give details|"
    r"do you|does your|can you|are you|will you|have you)\b",
    re.IGNORECASE,
)
#: A form field to fill in ("Performance bond (check one):") asks; it does not require.
_FORM_PROMPT = re.compile(
    r"[(\[]\s*(?:please\s+)?(?:check|tick|select|choose|circle|delete|mark)\s+(?:one|all that apply|"
    r"as (?:appropriate|applicable|required))\s*[)\]]\s*:?\s*$|\byes\s*/\s*no\s*[)\]]?\s*:?\s*$",
    re.IGNORECASE,
)
_NEGATION_BEFORE = frozenset(
    {"no", "not", "n't", "never", "without", "nor", "neither", "none", "cannot", "avoid",
     "avoiding", "avoids", "excluding", "prohibit", "prohibits", "prohibited"}
)
_NEGATION_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:is|are|will|shall|must|should|would|can|does|do|may)\s+"
    r"(?:not|never)\b|^\W*(?:\w+\W+){0,3}?(?:is|are) (?:not|neither)\b|^\W*(?:\w+\W+){0,2}?"
    r"(?:will|shall) be (?:avoided|prohibited)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")", "but", "however", "whereas", "although",
                           "unless", "except", "instead", "rather", "–", "—"})
NEGATION_WINDOW = 6
MIN_REQUIREMENT_CELL_WORDS = 4
_ROW_MARKED_MANDATORY = re.compile(r"(?:^|\|)\s*(?:M|Mandatory|Must(?: have)?|Essential)\s*(?:\||$)", re.IGNORECASE)
#: A heading that makes the table or list under it a list of requirements.
_REQUIREMENTS_HEADING = re.compile(
    r"^[\d.\s]*(?:(?:mandatory|essential|minimum|core|must[- ]have|functional|non[- ]functional|technical"
    r"|system|service|business|security|hosting|integration|general)\s+)*"
    r"(?:requirements|specification of requirements|statement of requirements)\s*:?$",
    re.IGNORECASE,
)
#: A label on a line of its own over items written as plain paragraphs, as Digital Outcomes
#: and Specialists pages put their "Essential skills and experience".
_ESSENTIAL_LABEL = re.compile(
    r"^[\d.\s]*(?:essential|mandatory|minimum|must[- ]have)\s+(?:skills(?:,? (?:and|&) experience)?"
    r"|experience|criteria|requirements|qualifications)\s*:?$",
    re.IGNORECASE,
)
#: The label that ends such a list: the optional items, or the next part of the page.
_LIST_END_LABEL = re.compile(
    r"^[\d.\s]*(?:nice[- ]to[- ]have|desirable|optional|preferred|should[- ]have|how (?:suppliers|proposals"
    r"|bids|tenders) will be|evaluation|cultural fit|price|additional information|questions)\b",
    re.IGNORECASE,
)
_ENDS_WITH_ABBREVIATION = re.compile(
    r"\b(?:etc|e\.g|i\.e|incl|approx|excl|inc|viz|cf|vs|no|nos|para|paras|min|max|est)\.[)\]]?$", re.IGNORECASE
)
#: Paragraphs a label can cover: a page that never names its next part stops here.
MAX_LABELLED_PARAGRAPHS = 20


def joined_cells(cells: Iterable[str | None]) -> str:
    """Table cells as one line, "a | b" (the form _ROW_MARKED_MANDATORY reads); empty ones left out."""
    return " | ".join(cell for cell in cells if cell)


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a table cell's text) with everything rules need to judge it."""

    text: str
    block: Block
    block_index: int
    start: int
    end: int
    is_requirement: bool
    is_question: bool
    tokens: tuple[tuple[int, int, str], ...]
    row_cells: tuple[str, ...] = ()
    lead_in: str | None = None
    table_heading: str | None = None

    @property
    def row_context(self) -> str | None:
        """The other cells of a table cell's row, joined (numbers often sit there)."""
        return joined_cells(self.row_cells) or None

    @property
    def text_with_lead_in(self) -> str:
        """The text as read with the lead-in of its list or table ("The supplier must: ...")."""
        return f"{self.lead_in} {self.text}" if self.lead_in else self.text

    @property
    def row_with_heading(self) -> str:
        """The cell read across its whole row, under its table's first row.

        "Annual turnover | £3m" under "Requirement | Minimum level" is a demand only with
        the heading read too.
        """
        return joined_cells((self.table_heading, self.text_with_lead_in, self.row_context))

    def location(self, start: int = 0, end: int | None = None) -> Location:
        """Location of ``text[start:end]`` (the whole sentence by default)."""
        stop = self.end if end is None else self.start + end
        return replace(self.block.location_of(self.start + start, stop), block=self.block_index)

    def is_negated(self, start: int, end: int) -> bool:
        """Whether the words at ``text[start:end]`` sit in a negated clause."""
        before = [token for token in self.tokens if token[1] <= start]
        for _, _, word in reversed(before[-NEGATION_WINDOW:]):
            if word in _CLAUSE_BREAK:
                break
            if word in _NEGATION_BEFORE:
                return True
        after = self.text[end:]
        # "... developed for the Authority and shall not be resold": a conjunction starts a
        # new predicate, so a "not" after it does not negate the words before.
        clause = re.split(
            r"[,;:()]|\b(?:but|however|whereas|although|and|or|which|that|who|whose)\b", after, maxsplit=1
        )[0]
        return bool(_NEGATION_AFTER.match(clause))


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The spaCy pipeline: a trained English model if installed, else blank English."""
    import spacy

    for name in PREFERRED_MODELS:
        try:
            nlp = spacy.load(name, exclude=["ner", "lemmatizer", "textcat"])
        except (OSError, ImportError):
            continue
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def is_requirement(text: str) -> bool:
    """Obligation language: must, shall, will be required to, is mandatory, the supplier will…"""
    return bool(_REQUIREMENT.search(text)) and not is_question(text)


def is_question(text: str) -> bool:
    """A question to bidders (response templates, form fields), not a requirement the buyer sets."""
    stripped = text.rstrip()
    return stripped.endswith("?") or bool(_QUESTION_START.match(text)) or bool(_FORM_PROMPT.search(stripped))


def segment(document: Document) -> list[Sentence]:
    """Split every block of ``document`` into sentences; table cells stay whole."""
    nlp = pipeline()
    rows = _table_rows(document.blocks)
    headings = _table_headings(document.blocks)
    lead_ins = _requirement_lead_ins(document.blocks)
    texts = (_for_nlp(block.text) for block in document.blocks)
    sentences: list[Sentence] = []
    for index, (block, doc) in enumerate(zip(document.blocks, nlp.pipe(texts, batch_size=256), strict=True)):
        if block.kind is BlockKind.HEADING:
            continue
        row_cells = rows.get(index, ())
        for start, end in _sentence_spans(doc, block):
            sentences.append(
                _sentence(block, index, doc, start, end, row_cells, lead_ins.get(index), headings.get(index))
            )
    return sentences


def _requirement_lead_ins(blocks: Sequence[Block]) -> dict[int, str]:
    """The lead-in text of each list item and table cell introduced as a requirement.

    "The supplier must:" followed by bullets, or a "Mandatory requirements" heading over a
    table, makes each bullet or row a requirement although the row itself has no "must".
    The lead-in covers the list or table that follows it, and nothing after that.

    An "Essential skills and experience" label on a line of its own also covers the plain
    paragraphs after it, up to the next label: that is how pages saved as text list items.
    """
    covered: dict[int, str] = {}
    lead_in: str | None = None
    label_covers = 0  # paragraphs an essential-items label still covers
    table: tuple[str, str] | None = None
    for index, block in enumerate(blocks):
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE):
            continue
        if label_covers and block.kind is BlockKind.PARAGRAPH and not _ends_labelled_list(block):
            label_covers -= 1
        elif block.kind is BlockKind.TABLE_CELL:
            outer_table = (block.location.path, (block.location.table or "").split(".")[0])
            if table not in (None, outer_table):
                lead_in = None  # a second table needs its own lead-in
            table = outer_table
        elif block.kind is not BlockKind.LIST_ITEM or table is not None:
            table = None
            text = block.text.strip()
            lead_in = text if _is_lead_in(block) else None
            label_covers = MAX_LABELLED_PARAGRAPHS if _ESSENTIAL_LABEL.match(text) else 0
            continue
        if lead_in is not None:
            covered[index] = lead_in
    return covered


def _ends_labelled_list(block: Block) -> bool:
    text = block.text.strip()
    return bool(_LIST_END_LABEL.match(text)) or _is_lead_in(block)


def _is_lead_in(block: Block) -> bool:
    text = block.text.strip()
    if block.kind is BlockKind.HEADING:
        return bool(_REQUIREMENTS_HEADING.match(text) or _ESSENTIAL_LABEL.match(text))
    return (text.endswith(":") and is_requirement(text)) or bool(_ESSENTIAL_LABEL.match(text))


def _for_nlp(text: str) -> str:
    # Newlines inside a block are soft breaks; spaCy should not see them as sentence ends.
    return text.replace("\n", " ")


def _sentence_spans(doc: Any, block: Block) -> Iterator[tuple[int, int]]:
    if block.kind is BlockKind.TABLE_CELL and len(block.text) < 400:
        yield 0, len(block.text)
        return
    pending: tuple[int, int] | None = None
    for span in doc.sents:
        text = span.text
        stripped = text.strip()
        if not stripped:
            continue
        offset = span.start_char + (len(text) - len(text.lstrip()))
        if pending is not None and stripped[0].islower() and _ENDS_WITH_ABBREVIATION.search(doc.text[: pending[1]]):
            # "travel etc. and subsistence": the abbreviation's full stop ended no sentence
            pending = (pending[0], offset + len(stripped))
            continue
        if pending is not None:
            yield pending
        pending = (offset, offset + len(stripped))
    if pending is not None:
        yield pending


def _sentence(
    block: Block, index: int, doc: Any, start: int, end: int,
    row_cells: tuple[str, ...], lead_in: str | None, table_heading: str | None,
) -> Sentence:
    text = block.text[start:end]
    tokens = tuple(
        (token.idx - start, token.idx - start + len(token.text), token.lower_)
        for token in doc
        if start <= token.idx < end
    )
    question = is_question(text)
    requirement = bool(_REQUIREMENT.search(text)) and not question
    if not requirement and not question and block.kind is BlockKind.TABLE_CELL:
        # A requirements table marks priority in another cell ("M", "Mandatory") or is
        # introduced as requirements; only the cell that states the requirement counts, not
        # the reference number or the marker.
        marked = lead_in is not None or bool(_ROW_MARKED_MANDATORY.search(joined_cells(row_cells)))
        requirement = marked and len(text.split()) >= MIN_REQUIREMENT_CELL_WORDS
    elif not requirement and not question and lead_in is not None:
        requirement = True
    return Sentence(text, block, index, start, end, requirement, question, tokens, row_cells, lead_in, table_heading)


def _table_headings(blocks: Sequence[Block]) -> dict[int, str]:
    """For each table cell below its table's first row, the text of that first row."""
    first_rows: dict[tuple[str, int | None, str | None], tuple[int, list[str]]] = {}
    for block in blocks:
        location = block.location
        if block.kind is not BlockKind.TABLE_CELL or location.table is None or location.row is None:
            continue
        key = location.table_row[:3]
        row, texts = first_rows.get(key, (location.row, []))
        if location.row == row:
            texts.append(block.text)
        first_rows[key] = (row, texts)
    headings: dict[int, str] = {}
    for index, block in enumerate(blocks):
        location = block.location
        if block.kind is not BlockKind.TABLE_CELL or location.table is None or location.row is None:
            continue
        row, texts = first_rows[location.table_row[:3]]
        if location.row != row:
            headings[index] = joined_cells(texts)
    return headings


def _table_rows(blocks: Sequence[Block]) -> dict[int, tuple[str, ...]]:
    """For each table cell, the text of the other cells in its row (numbers often sit there)."""
    by_row: dict[tuple[str, int | None, str | None, int | None], list[int]] = {}
    for index, block in enumerate(blocks):
        location = block.location
        if block.kind is BlockKind.TABLE_CELL and location.table is not None:
            by_row.setdefault(location.table_row, []).append(index)
    context: dict[int, tuple[str, ...]] = {}
    for members in by_row.values():
        for index in members:
            others = tuple(blocks[other].text for other in members if other != index)
            if others:
                context[index] = others
    return context
