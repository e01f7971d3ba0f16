"""Typed rule model: what a rule file says, after validation and compilation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from tenderlint.findings import Category, Severity


class RuleKind(str, Enum):
    """The closed set of rule kinds the engine knows."""

    PHRASE = "phrase"
    REQUIRED = "required"
    THRESHOLD = "threshold"
    METRIC = "metric"
    PYTHON = "python"


class Scope(str, Enum):
    """Which sentences a sentence-level rule reads."""

    SENTENCE = "sentence"
    REQUIREMENT = "requirement"


class Repeats(str, Enum):
    """How a rule reports the same words found again in later sentences of one document."""

    EACH = "each"  # a finding for every sentence
    FIRST = "first"  # one finding where they first occur, listing the later places


class Quantity(str, Enum):
    """The kinds of number a threshold rule can compare."""

    MONEY = "money"
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"
    PERCENT = "percent"
    COUNT = "count"


class Measure(str, Enum):
    """Document measures a metric rule can bound."""

    REQUIREMENT_DENSITY = "requirement_density"
    PATTERN_SHARE = "pattern_share"
    PATTERN_DENSITY = "pattern_density"


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    section: str | None = None


@dataclass(frozen=True)
class Relax:
    """Lowers a hit's severity (it does not clear it) when ``patterns`` are found."""

    where: str  # "sentence", "document", or "same-words" (another sentence naming the matched words)
    pattern: re.Pattern[str]
    severity: Severity
    note: str


@dataclass(frozen=True)
class Example:
    text: str
    severity: Severity | None = None


@dataclass(frozen=True)
class PhraseSpec:
    match: re.Pattern[str]
    unless: re.Pattern[str] | None
    unless_document: re.Pattern[str] | None
    relax: tuple[Relax, ...]
    negation: bool
    skip_questions: bool


@dataclass(frozen=True)
class RequiredSpec:
    """``when`` applies the rule if any pattern occurs; ``when_areas`` if ``when_at_least`` of them do."""

    clause: re.Pattern[str]
    when: re.Pattern[str] | None
    negation: bool
    when_areas: tuple[re.Pattern[str], ...] = ()
    when_at_least: int = 0


@dataclass(frozen=True)
class ThresholdSpec:
    trigger: re.Pattern[str]
    quantity: Quantity
    compare: str  # "above" or "below"
    near: int
    relative_to_contract_value: bool
    unless: re.Pattern[str] | None
    unless_document: re.Pattern[str] | None
    skip_questions: bool
    relax: tuple[Relax, ...] = ()


@dataclass(frozen=True)
class MetricSpec:
    measure: Measure
    pattern: re.Pattern[str] | None
    compare: str


@dataclass(frozen=True)
class PythonSpec:
    entry_point: str
    checks: str | None = None  # how the check decides, in plain words, for the rule's page


KindSpec = PhraseSpec | RequiredSpec | ThresholdSpec | MetricSpec | PythonSpec


@dataclass(frozen=True)
class Rule:
    """A validated, compiled rule. ``params`` holds the tunable numbers (config may override)."""

    id: str
    title: str
    kind: RuleKind
    category: Category
    severity: Severity
    scope: Scope
    message: str
    rationale: str
    suggestion: str
    sources: tuple[Source, ...]
    examples_flag: tuple[Example, ...]
    examples_pass: tuple[Example, ...]
    spec: KindSpec
    path: Path
    model_clause: str | None = None
    repeats: Repeats = Repeats.EACH
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    since: str = "0.1.0"
    status: str = "stable"

    @property
    def area(self) -> str:
        return self.id.split("-", 1)[0]
