"""The ``threshold`` kind: a quantity near a trigger, compared with a limit.

The limit is absolute (``params.limit``) or a multiple of the contract value
(``relative_to: contract_value`` with ``params.factor``). When the value is unknown,
``params.fallback_limit`` applies at ``params.fallback_severity`` (usually softer).
"""

from __future__ import annotations

from collections.abc import Iterator

from tenderlint.findings import Severity
from tenderlint.nlp import Sentence
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import Quantity, Rule, Scope, ThresholdSpec
from tenderlint.rules.quantities import Amount, find_amounts


def check(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    spec = rule.spec
    assert isinstance(spec, ThresholdSpec)
    if not context.worth_reading(spec.trigger, spec.unless_document):
        return
    limit = _limit(rule, spec, context)
    if limit is None:
        return
    value_limit, severity, note = limit
    rows_flagged: set[tuple[str, int | None, str | None, int | None]] = set()
    for sentence in context.sentences_for(spec.trigger, rule.scope is Scope.REQUIREMENT, spec.skip_questions):
        amount, in_sentence = _amount_near_trigger(spec, sentence)
        if amount is None or not _breaches(spec.compare, amount.value, value_limit):
            continue
        # a number taken from another cell is judged with the row (and its heading) it sits in
        read = sentence.text_with_lead_in if in_sentence else sentence.row_with_heading
        if spec.unless is not None and spec.unless.search(read):
            continue
        location = sentence.block.location
        if location.table is not None:
            if location.table_row in rows_flagged:
                continue
            rows_flagged.add(location.table_row)
        start, end = (amount.start, amount.end) if in_sentence else (0, len(sentence.text))
        values = {"value": amount.text, "limit": format_amount(value_limit, spec.quantity)}
        if context.contract_value is not None:
            values["contract_value"] = format_amount(context.contract_value.total, Quantity.MONEY)
        hit = Hit(sentence, start, end, values, severity, note)
        context.relax(hit, spec.relax)
        yield hit


def _limit(rule: Rule, spec: ThresholdSpec, context: RuleContext) -> tuple[float, Severity | None, str | None] | None:
    params = rule.params
    if not spec.relative_to_contract_value:
        return float(params["limit"]), None, None
    if context.contract_value is not None:
        return float(params["factor"]) * context.contract_value.total, None, None
    fallback = params.get("fallback_limit")
    if fallback is None:
        return None
    severity = Severity(params.get("fallback_severity", "info"))
    note = (
        "The contract value was not found in the document (set contract_value in the "
        "configuration), so a general limit was used."
    )
    return float(fallback), severity, note


def _breaches(compare: str, value: float, limit: float) -> bool:
    return value > limit if compare == "above" else value < limit


def _amount_near_trigger(spec: ThresholdSpec, sentence: Sentence) -> tuple[Amount | None, bool]:
    """The amount closest to a trigger word (within ``near`` characters), preferring later text."""
    text = sentence.text
    amounts = find_amounts(text, spec.quantity)
    best: tuple[float, Amount] | None = None
    for trigger in spec.trigger.finditer(text):
        for amount in amounts:
            if amount.start >= trigger.end():
                distance = float(amount.start - trigger.end())
            elif amount.end <= trigger.start():
                distance = (trigger.start() - amount.end) * 1.5
            else:
                distance = 0.0
            if distance <= spec.near and (best is None or distance < best[0]):
                best = (distance, amount)
    if best is not None:
        return best[1], True
    if not amounts and spec.trigger.search(text):
        # A requirements table often puts the number in another cell of the row. A cell that
        # names the subject too ("60 days from receipt of invoice") is judged on its own.
        for cell in sentence.row_cells:
            cell_amounts = find_amounts(cell, spec.quantity)
            if cell_amounts and not spec.trigger.search(cell):
                return cell_amounts[0], False
    return None, True


def format_amount(value: float, quantity: Quantity) -> str:
    if quantity is Quantity.MONEY:
        for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if value >= size:
                return f"£{value / size:,.4g}{suffix}"
        return f"£{value:,.0f}"
    number = f"{value:.4g}"
    unit = {
        Quantity.DAYS: " days", Quantity.MONTHS: " months", Quantity.YEARS: " years",
        Quantity.PERCENT: "%", Quantity.COUNT: "",
    }[quantity]
    return number + unit
