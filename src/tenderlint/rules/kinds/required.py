"""The ``required`` kind: a clause the tender must contain somewhere; absent means one finding."""

from __future__ import annotations

from collections.abc import Iterator

from tenderlint.document import BlockKind
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import RequiredSpec, Rule


def check(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    spec = rule.spec
    assert isinstance(spec, RequiredSpec)
    if not _applies(spec, context):
        context.mark_not_applicable(rule.id)
        return
    if not _present(spec, context):
        yield Hit(None)


def _applies(spec: RequiredSpec, context: RuleContext) -> bool:
    if spec.when is None and not spec.when_areas:
        return True
    if spec.when is not None and context.mentions(spec.when):
        return True
    return bool(spec.when_areas) and sum(map(context.mentions, spec.when_areas)) >= spec.when_at_least


def _present(spec: RequiredSpec, context: RuleContext) -> bool:
    if not context.mentions(spec.clause):
        return False
    if not spec.negation:
        return True
    for sentence in context.sentences_with(spec.clause):
        for match in spec.clause.finditer(sentence.text):
            if not sentence.is_negated(match.start(), match.end()):
                return True
    # The clause words appear only in headings (a "Social Value" section title): that counts,
    # because a heading introduces content the sentences then give.
    return any(
        spec.clause.search(block.text)
        for document in context.documents
        for block in document.blocks
        if block.kind is BlockKind.HEADING
    )
