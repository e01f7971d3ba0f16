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


ACCURACY_TABLES = pytest.StashKey[list[str]]()


@pytest.fixture()
def accuracy_table(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record a precision/recall table to print at the end of the test run."""

    def record(table: str) -> None:
        request.config.stash.setdefault(ACCURACY_TABLES, []).append(table)

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    tables = config.stash.get(ACCURACY_TABLES, [])
    if tables:
        terminalreporter.section("measured accuracy")
        for table in tables:
            terminalreporter.write_line(table)
            terminalreporter.write_line("")
