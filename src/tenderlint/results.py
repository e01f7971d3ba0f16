"""The result of a lint run: findings plus what happened to each file, and its JSON form."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tenderlint.findings import Category, Finding, Severity
from tenderlint.scorecard import CategoryScore

#: Bumped when a field is removed or changes meaning; adding fields keeps the version.
JSON_SCHEMA_VERSION = 1


@dataclass
class FileResult:
    """One input file: ``status`` is ``ok`` or ``error`` (then ``reason`` says why)."""

    path: str
    status: str = "ok"
    reason: str | None = None
    format: str | None = None
    warnings: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"path": self.path, "status": self.status}
        if self.reason is not None:
            result["reason"] = self.reason
        if self.format is not None:
            result["format"] = self.format
        if self.warnings:
            result["warnings"] = list(self.warnings)
        if self.metrics:
            result["metrics"] = dict(self.metrics)
        return result


@dataclass
class Report:
    """Findings from one or more files, sorted, plus a result for every input file."""

    findings: list[Finding] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    scorecards: dict[str, list[CategoryScore]] = field(default_factory=dict)

    @property
    def unreadable(self) -> list[FileResult]:
        return [result for result in self.files if not result.ok]

    def count_by_severity(self) -> dict[str, int]:
        counts = Counter(finding.severity.value for finding in self.findings)
        return {severity.value: counts.get(severity.value, 0) for severity in reversed(Severity)}

    def count_by_category(self) -> dict[str, int]:
        counts = Counter(finding.category.value for finding in self.findings)
        return {category.value: counts[category.value] for category in Category if counts[category.value]}

    def exit_code(self, fail_on: str = "warning") -> int:
        """0 clean, 1 a finding at or above ``fail_on``, 2 when any input could not be read."""
        if self.unreadable:
            return 2
        if fail_on == "never":
            return 0
        floor = Severity(fail_on).rank
        return 1 if any(finding.severity.rank >= floor for finding in self.findings) else 0

    def to_dict(self) -> dict[str, Any]:
        from tenderlint import __version__

        return {
            "tenderlint": __version__,
            "schema_version": JSON_SCHEMA_VERSION,
            "files": [result.to_dict() for result in self.files],
            "findings": [finding.to_dict() for finding in self.findings],
            "scorecards": [
                {"path": path, "categories": [score.to_dict() for score in scores]}
                for path, scores in self.scorecards.items()
            ],
            "summary": {
                "files": len(self.files),
                "unreadable": len(self.unreadable),
                "findings": len(self.findings),
                "by_severity": self.count_by_severity(),
                "by_category": self.count_by_category(),
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"
