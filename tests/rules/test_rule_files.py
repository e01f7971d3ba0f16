"""The shipped ruleset is well formed: ids, documentation fields, examples, categories."""

from __future__ import annotations

import re

from tenderlint.findings import Category
from tenderlint.rules.model import Rule, RuleKind


def test_every_rule_documents_itself(default_rules: list[Rule]) -> None:
    for rule in default_rules:
        assert rule.title and not rule.title.endswith("."), rule.id
        assert len(rule.rationale.split()) >= 20, f"{rule.id}: rationale too thin"
        assert len(rule.suggestion.split()) >= 8, f"{rule.id}: suggestion too thin"
        assert rule.sources and all(s.url.startswith("https://") for s in rule.sources), rule.id
        assert not rule.message.endswith("."), f"{rule.id}: messages have no final full stop"


def test_missing_clause_rules_carry_a_model_clause(default_rules: list[Rule]) -> None:
    for rule in default_rules:
        if rule.kind is RuleKind.REQUIRED:
            assert rule.model_clause and len(rule.model_clause.split()) >= 15, rule.id


def test_rule_files_live_in_their_area_folder(default_rules: list[Rule]) -> None:
    for rule in default_rules:
        assert rule.path.stem == rule.id
        assert rule.path.parent.name == rule.area.lower(), f"{rule.id} is in {rule.path.parent.name}/"


def test_ids_are_unique_and_well_formed(default_rules: list[Rule]) -> None:
    ids = [rule.id for rule in default_rules]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]+(?:-[A-Z0-9]+)+", rule_id) for rule_id in ids)


def test_every_category_has_at_least_two_rules(default_rules: list[Rule]) -> None:
    for category in Category:
        count = sum(1 for rule in default_rules if rule.category is category)
        assert count >= 2, f"category {category.value} has {count} rules"


def test_every_kind_is_used(default_rules: list[Rule]) -> None:
    assert {rule.kind for rule in default_rules} == set(RuleKind)


def test_every_rule_has_three_flag_and_three_pass_examples(default_rules: list[Rule]) -> None:
    thin = [rule.id for rule in default_rules if len(rule.examples_flag) < 3 or len(rule.examples_pass) < 3]
    assert not thin, f"rules with fewer than 3 flag or 3 pass examples: {thin}"


def test_tunable_numbers_are_parameters(default_rules: list[Rule]) -> None:
    for rule in default_rules:
        if rule.kind in (RuleKind.THRESHOLD, RuleKind.METRIC):
            assert rule.params, f"{rule.id} keeps its limits out of params"
