"""The scorecard: for a whole tender, each category met, not met or not applicable."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tenderlint.findings import Category, Finding, Severity
from tenderlint.rules.model import Rule, RuleKind

MET = "met"
NOT_MET = "not met"
NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class CategoryScore:
    category: Category
    status: str
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"category": self.category.value, "status": self.status,
                "findings": {"error": self.errors, "warning": self.warnings, "info": self.infos}}


def score_categories(
    rules: Sequence[Rule], findings: Iterable[Finding], not_applicable: set[str]
) -> list[CategoryScore]:
    """One score per category that has a selected rule.

    A category is *not met* when it has a finding at warning or above, *not applicable*
    when every missing-clause rule in it found its precondition absent (no personal data,
    so no data-protection clause is needed) and nothing was found, and *met* otherwise.
    """
    found = list(findings)
    scores = []
    for category in Category:
        members = [rule for rule in rules if rule.category is category]
        if not members:
            continue
        own = [finding for finding in found if finding.category is category]
        counts = {severity: sum(1 for f in own if f.severity is severity) for severity in Severity}
        required = [rule for rule in members if rule.kind is RuleKind.REQUIRED]
        if counts[Severity.ERROR] or counts[Severity.WARNING]:
            status = NOT_MET
        elif not own and required and all(rule.id in not_applicable for rule in required):
            status = NOT_APPLICABLE
        else:
            status = MET
        scores.append(CategoryScore(category, status, counts[Severity.ERROR], counts[Severity.WARNING],
                                    counts[Severity.INFO]))
    return scores
