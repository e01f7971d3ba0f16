"""Findings, severities and the fixed category vocabulary every finding carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from tenderlint.document import Location


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Category(str, Enum):
    """The public vocabulary of problem areas. Adding one is a contract change."""

    OVER_SPECIFICATION = "over-specification"
    BESPOKE = "bespoke"
    INTEROPERABILITY = "interoperability"
    CYBER = "cyber"
    SOCIAL_VALUE = "social-value"
    DATA_RETURN = "data-return"
    SME_BARRIER = "sme-barrier"
    DATA_PROTECTION = "data-protection"
    ACCESSIBILITY = "accessibility"
    FLEXIBILITY = "flexibility"
    CLARITY = "clarity"

    def __str__(self) -> str:
        return self.value


CATEGORY_TITLES: dict[Category, str] = {
    Category.OVER_SPECIFICATION: "Over-specification, brands and proprietary references",
    Category.BESPOKE: "Bespoke build and customisation",
    Category.INTEROPERABILITY: "Open APIs, open standards and interoperability",
    Category.CYBER: "Cyber security",
    Category.SOCIAL_VALUE: "Social value",
    Category.DATA_RETURN: "Data ownership, return and exit",
    Category.SME_BARRIER: "Barriers to small and medium-sized suppliers",
    Category.DATA_PROTECTION: "Data protection",
    Category.ACCESSIBILITY: "Accessibility",
    Category.FLEXIBILITY: "Contract flexibility and lock-in",
    Category.CLARITY: "Clear, measurable requirements",
}


@dataclass(frozen=True)
class Finding:
    """One problem, located and explained.

    ``text`` is the sentence (or table cell) the finding is about, ``match`` the words in
    it that triggered the rule; both are ``None`` for a document-level finding such as a
    missing clause. ``relaxed`` marks a finding whose severity the rest of the document
    lowered (``note`` says why): the concern is probably answered elsewhere, so check it.
    ``recurrences`` holds the same finding where it recurs later in the file, when its rule
    reports each problem once; a reporter that marks every place expands them.
    """

    rule: str
    category: Category
    severity: Severity
    message: str
    location: Location
    text: str | None = None
    match: str | None = None
    suggestion: str | None = None
    note: str | None = None
    relaxed: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: The same finding at later places in the file, folded into this one (``repeats: first``).
    recurrences: tuple[Finding, ...] = field(default=(), compare=False, hash=False, repr=False)

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def is_document_level(self) -> bool:
        return self.text is None

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.location.path,
            0 if self.is_document_level else 1,
            self.location.sort_key(),
            self.location.column or 0,
            self.rule,
            self.match or "",
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract for one finding (see docs/json-format.md)."""
        result: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.location.path,
            "location": self.location.to_dict(),
            "text": self.text,
            "match": self.match,
            "suggestion": self.suggestion,
        }
        if self.note:
            result["note"] = self.note
        if self.relaxed:
            result["relaxed"] = True
        if self.extra:
            result["data"] = dict(self.extra)
        return result
