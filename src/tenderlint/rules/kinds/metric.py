"""The ``metric`` kind: a document measure (density or share) compared with a limit."""

from __future__ import annotations

from collections.abc import Iterator

from tenderlint.nlp import Sentence
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import Measure, MetricSpec, Rule


def measure(spec: MetricSpec, context: RuleContext, requirements: list[Sentence]) -> float | None:
    """The measure's value for this document, or ``None`` when there is too little to judge."""
    words = context.word_count
    if spec.measure is Measure.REQUIREMENT_DENSITY:
        return len(requirements) * 1000 / words if words else None
    assert spec.pattern is not None
    if spec.measure is Measure.PATTERN_DENSITY:
        hits = sum(len(spec.pattern.findall(sentence.text)) for sentence in context.sentences)
        return hits * 1000 / words if words else None
    if not requirements:
        return None
    matching = sum(1 for sentence in requirements if spec.pattern.search(sentence.text))
    return 100 * matching / len(requirements)


def check(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    spec = rule.spec
    assert isinstance(spec, MetricSpec)
    if context.word_count < int(rule.params.get("min_words", 0)):
        return
    requirements = list(context.requirements())
    if len(requirements) < int(rule.params.get("min_requirements", 0)):
        return
    value = measure(spec, context, requirements)
    if value is None:
        return
    limit = float(rule.params["limit"])
    if (value > limit) if spec.compare == "above" else (value < limit):
        yield Hit(None, values={"value": f"{value:.3g}", "limit": f"{limit:.3g}"})
