"""Shared fixtures: linters built once per session (rules compile once, spaCy loads once)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tenderlint import Config, Linter
from tenderlint.engine import load_rules
from tenderlint.rules.model import Rule

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def default_rules() -> list[Rule]:
    return load_rules(Config())


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="session")
def linter_for() -> Callable[[str], Linter]:
    """A Linter with only one rule selected, cached per rule id."""
    cache: dict[str, Linter] = {}

    def build(rule_id: str) -> Linter:
        if rule_id not in cache:
            cache[rule_id] = Linter(Config(select=(rule_id,)))
        return cache[rule_id]

    return build
