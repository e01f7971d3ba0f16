"""The ``phrase`` kind: flag sentences that use words a rule names, unless cleared."""

from __future__ import annotations

from collections.abc import Iterator

from tenderlint.nlp import Sentence
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import PhraseSpec, Rule, Scope


def check(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    spec = rule.spec
    assert isinstance(spec, PhraseSpec)
    if not context.worth_reading(spec.match, spec.unless_document):
        return
    for sentence in context.sentences_for(spec.match, rule.scope is Scope.REQUIREMENT, spec.skip_questions):
        hit = _sentence_hit(spec, sentence)
        if hit is not None:
            context.relax(hit, spec.relax)
            yield hit


def _sentence_hit(spec: PhraseSpec, sentence: Sentence) -> Hit | None:
    text = sentence.text
    matches = [
        match
        for match in spec.match.finditer(text)
        if match.group(0).strip() and not (spec.negation and sentence.is_negated(match.start(), match.end()))
    ]
    if not matches or (spec.unless is not None and spec.unless.search(sentence.text_with_lead_in)):
        return None
    words = list(dict.fromkeys(match.group(0).strip() for match in matches))
    first = matches[0]
    return Hit(sentence, first.start(), first.end(), {"match": "', '".join(words)}, words=tuple(words))
