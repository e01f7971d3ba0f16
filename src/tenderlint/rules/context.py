"""What rules read: the sentences of a document (or a tender pack) and facts about it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tenderlint.document import Document
from tenderlint.findings import Severity
from tenderlint.nlp import Sentence
from tenderlint.rules.quantities import ContractValue


@dataclass
class Hit:
    """A rule's raw result; the engine turns it into a Finding with the rule's metadata.

    ``sentence`` is ``None`` for a document-level hit. ``start``/``end`` index the
    sentence text. ``values`` fill the placeholders of the rule's message. ``relaxed``
    says that context (an equivalence statement, say) lowered the severity.
    """

    sentence: Sentence | None
    start: int = 0
    end: int = 0
    values: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    note: str | None = None
    relaxed: bool = False


@dataclass
class RuleContext:
    """One unit of linting: a document, or all documents of a tender pack together."""

    path: str
    documents: list[Document]
    sentences: list[Sentence]
    full_text: str
    contract_value: ContractValue | None
    word_count: int
    not_applicable: set[str] = field(default_factory=set)
    _search_cache: dict[re.Pattern[str], bool] = field(default_factory=dict, repr=False)

    def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` occurs anywhere in the documents (headings included)."""
        cached = self._search_cache.get(pattern)
        if cached is None:
            cached = self._search_cache[pattern] = bool(pattern.search(self.full_text))
        return cached

    def worth_reading(self, trigger: re.Pattern[str], unless_document: re.Pattern[str] | None) -> bool:
        """Whether a sentence rule can fire here: its trigger occurs and nothing clears the document.

        One search over the whole text spares a rule the sentence-by-sentence pass.
        """
        if not self.mentions(trigger):
            return False
        return unless_document is None or not self.mentions(unless_document)

    def sentences_for(self, rule_scope_requirement: bool, skip_questions: bool) -> Iterator[Sentence]:
        """The sentences a sentence-level rule reads: requirements only, or all; questions or not."""
        for sentence in self.sentences:
            if rule_scope_requirement and not sentence.is_requirement:
                continue
            if skip_questions and sentence.is_question:
                continue
            yield sentence

    def mark_not_applicable(self, rule_id: str) -> None:
        """Record that a rule's precondition (``when``) is absent, for the scorecard."""
        self.not_applicable.add(rule_id)

    def requirements(self) -> Iterator[Sentence]:
        return (sentence for sentence in self.sentences if sentence.is_requirement)
