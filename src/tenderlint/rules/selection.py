"""Choosing rules: --select/--ignore tokens (ids, id prefixes, categories) and overrides."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from tenderlint.config import Config
from tenderlint.findings import Category
from tenderlint.rules.model import Rule, RuleKind

#: Selects every missing-clause (``required``) rule, for linting one part of a tender alone.
MISSING_CLAUSES = "missing-clauses"


def matches_selector(token: str, rule_id: str, category: str, missing_clause: bool = False) -> bool:
    """Whether ``token`` names the rule: its id, an id prefix (``SME``, ``SME-INSURANCE``), its
    category, or ``missing-clauses`` for a rule that reports an absent clause."""
    token = token.strip()
    upper = token.upper()
    if token.lower() == MISSING_CLAUSES:
        return missing_clause
    return upper == rule_id or rule_id.startswith(upper + "-") or token.lower() == category


def _names(token: str, rule: Rule) -> bool:
    return matches_selector(token, rule.id, rule.category.value, rule.kind is RuleKind.REQUIRED)


def unknown_selectors(tokens: Iterable[str], rules: Sequence[Rule]) -> list[str]:
    known = {category.value for category in Category} | {MISSING_CLAUSES}
    return [
        token for token in tokens
        if token.lower() not in known and not any(_names(token, rule) for rule in rules)
    ]


def select_rules(rules: Sequence[Rule], config: Config) -> list[Rule]:
    """The rules left after select/ignore, with configured parameters applied.

    Raises ValueError naming any selector, severity override or rule parameter that
    matches no rule, because a typo there would silently switch checking off.
    """
    for label, tokens in (("select", config.select), ("ignore", config.ignore)):
        unknown = unknown_selectors(tokens, rules)
        if unknown:
            raise ValueError(f"{label}: no rule, rule prefix or category called '{unknown[0]}'")
    known_ids = {rule.id for rule in rules}
    for label, mapping in (("severity", config.severity), ("rules", config.rules)):
        missing = sorted(set(mapping) - known_ids)
        if missing:
            raise ValueError(f"{label}: no rule called '{missing[0]}'")
    chosen = []
    for rule in rules:
        if config.select and not any(_names(token, rule) for token in config.select):
            continue
        if any(_names(token, rule) for token in config.ignore):
            continue
        overrides = config.rules.get(rule.id)
        if overrides:
            unknown = sorted(set(overrides) - set(rule.params))
            if unknown:
                known = ", ".join(sorted(rule.params)) or "none"
                raise ValueError(f"rules: {rule.id} has no parameter '{unknown[0]}' (parameters: {known})")
            rule = dataclasses.replace(rule, params={**rule.params, **overrides})
        chosen.append(rule)
    return chosen
