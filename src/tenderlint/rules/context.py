"""What rules read: the sentences of a document (or a tender pack) and facts about it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tenderlint.document import Document
from tenderlint.findings import Severity
from tenderlint.nlp import Sentence
from tenderlint.rules.model import Relax
from tenderlint.rules.quantities import ContractValue

# "^" or "$" outside a character class: such a pattern means the sentence's own edges.
_ANCHORED = re.compile(r"(?<![\\\[])\^|(?<!\\)\$")


@dataclass
class Hit:
    """A rule's raw result; the engine turns it into a Finding with the rule's metadata.

    ``sentence`` is ``None`` for a document-level hit. ``start``/``end`` index the
    sentence text. ``values`` fill the placeholders of the rule's message. ``relaxed``
    says that the document elsewhere (an equivalence statement, say) lowered the severity.
    """

    sentence: Sentence | None
    start: int = 0
    end: int = 0
    values: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    note: str | None = None
    relaxed: bool = False
    words: tuple[str, ...] = ()


@dataclass
class RuleContext:
    """One unit of linting: a document, or all documents of a tender pack together.

    ``full_text`` joins every block of every document with newlines; ``sentence_offsets[i]``
    is where ``sentences[i]`` starts in it, so one search of the whole text can find the few
    sentences a rule needs to read.
    """

    path: str
    documents: list[Document]
    sentences: list[Sentence]
    full_text: str
    contract_value: ContractValue | None
    word_count: int
    sentence_offsets: list[int] = field(default_factory=list)
    not_applicable: set[str] = field(default_factory=set)
    _search_cache: dict[re.Pattern[str], bool] = field(default_factory=dict, repr=False)
    _word_cache: dict[tuple[str, re.Pattern[str]], list[Sentence]] = field(default_factory=dict, repr=False)

    def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` occurs anywhere in the documents (headings included)."""
        cached = self._search_cache.get(pattern)
        if cached is None:
            cached = self._search_cache[pattern] = bool(pattern.search(self.full_text))
        return cached

    def worth_reading(self, trigger: re.Pattern[str], unless_document: re.Pattern[str] | None) -> bool:
        """Whether a sentence rule can fire here: its trigger occurs and nothing clears the document.

        One search over the whole text spares a rule the sentence-by-sentence pass. A trigger
        anchored to a sentence's start or end (``^``, ``$``) cannot be judged that way, since in
        the joined text those anchors hold only at its two ends; ``sentences_with`` tries it on
        each sentence instead.
        """
        if not _ANCHORED.search(trigger.pattern) and not self.mentions(trigger):
            return False
        return unless_document is None or not self.mentions(unless_document)

    def sentences_with(self, pattern: re.Pattern[str]) -> Iterator[Sentence]:
        """The sentences in which ``pattern`` starts a match, in order, each once.

        After a match the search resumes at the end of its sentence, not of the match, so a
        long match cannot hide a match that starts in the next sentence. A pattern anchored
        to the start or end of a sentence (``^``, ``$``) is tried on each sentence instead.
        """
        if _ANCHORED.search(pattern.pattern):
            yield from (sentence for sentence in self.sentences if pattern.search(sentence.text))
            return
        position = 0
        while (match := pattern.search(self.full_text, position)) is not None:
            index = bisect_right(self.sentence_offsets, match.start()) - 1
            sentence = self.sentences[index] if index >= 0 else None
            end = self.sentence_offsets[index] + len(sentence.text) if sentence is not None else -1
            if sentence is not None and match.start() < end:
                yield sentence
                position = end
            else:
                position = match.start() + 1  # the match starts in a heading or between sentences

    def sentences_for(
        self, pattern: re.Pattern[str], rule_scope_requirement: bool, skip_questions: bool
    ) -> Iterator[Sentence]:
        """The sentences a sentence-level rule reads: those where its pattern starts, in scope."""
        for sentence in self.sentences_with(pattern):
            if rule_scope_requirement and not sentence.is_requirement:
                continue
            if skip_questions and sentence.is_question:
                continue
            yield sentence

    def relax(self, hit: Hit, relaxes: Iterable[Relax]) -> None:
        """Lower ``hit`` to the first relax whose patterns occur where the relax looks.

        ``sentence`` looks in the hit's sentence, ``document`` anywhere, and ``same-words`` in
        the other sentences that name the words the hit matched ("our current site runs on
        Drupal" relaxes "the supplier must develop for Drupal").
        """
        assert hit.sentence is not None
        for relax in relaxes:
            if relax.where == "document":
                found = self.mentions(relax.pattern)
            elif relax.where == "same-words":
                found = any(self._said_elsewhere(word, relax.pattern, hit.sentence) for word in hit.words)
            else:
                found = bool(relax.pattern.search(hit.sentence.text))
            if found:
                hit.severity, hit.note, hit.relaxed = relax.severity, relax.note, relax.where != "sentence"
                return

    def _said_elsewhere(self, word: str, pattern: re.Pattern[str], sentence: Sentence) -> bool:
        """Whether a sentence other than ``sentence`` names ``word`` and matches ``pattern``."""
        key = (word.lower(), pattern)
        saying = self._word_cache.get(key)
        if saying is None:
            named = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
            saying = self._word_cache[key] = [s for s in self.sentences_with(named) if pattern.search(s.text)]
        return any(other is not sentence for other in saying)

    def mark_not_applicable(self, rule_id: str) -> None:
        """Record that a rule's precondition (``when``) is absent, for the scorecard."""
        self.not_applicable.add(rule_id)

    def requirements(self) -> Iterator[Sentence]:
        return (sentence for sentence in self.sentences if sentence.is_requirement)
