"""Every rule's own flag and pass examples, run through the whole pipeline with only that rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tenderlint import Config, Linter
from tenderlint.engine import load_rules
from tenderlint.rules.model import Example, Rule

RULES = load_rules(Config())


def _cases(kind: str) -> list[tuple[Rule, int, Example]]:
    return [
        (rule, index, example)
        for rule in RULES
        for index, example in enumerate(rule.examples_flag if kind == "flag" else rule.examples_pass)
    ]


@pytest.mark.parametrize(
    ("rule", "index", "example"), _cases("flag"), ids=lambda v: v.id if isinstance(v, Rule) else None
)
def test_flag_example_is_flagged(
    rule: Rule, index: int, example: Example, linter_for: Callable[[str], Linter]
) -> None:
    findings = [f for f in linter_for(rule.id).lint_text(example.text).findings if f.rule == rule.id]
    assert findings, f"{rule.id} examples.flag[{index}] was not flagged: {example.text!r}"
    expected = example.severity or rule.severity
    assert {f.severity for f in findings} == {expected}, (
        f"{rule.id} examples.flag[{index}]: expected severity {expected.value}, got "
        f"{[f.severity.value for f in findings]}"
    )


@pytest.mark.parametrize(
    ("rule", "index", "example"), _cases("pass"), ids=lambda v: v.id if isinstance(v, Rule) else None
)
def test_pass_example_is_not_flagged(
    rule: Rule, index: int, example: Example, linter_for: Callable[[str], Linter]
) -> None:
    findings = [f for f in linter_for(rule.id).lint_text(example.text).findings if f.rule == rule.id]
    assert not findings, (
        f"{rule.id} examples.pass[{index}] was flagged: {example.text!r}: {[f.message for f in findings]}"
    )
