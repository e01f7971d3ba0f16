"""Text output: ``path:location: severity RULE-ID message``, or grouped by file with colour."""

from __future__ import annotations

import textwrap
from itertools import groupby

import click

from tenderlint.findings import Finding, Severity
from tenderlint.results import Report
from tenderlint.scorecard import MET, NOT_APPLICABLE, NOT_MET

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def finding_line(finding: Finding) -> str:
    """The one-line, grep-friendly form of a finding."""
    label = finding.location.label()
    where = f"{finding.path}:{label}:" if label else f"{finding.path}:"
    return f"{where} {finding.severity.value} {finding.rule} {finding.message}"


def summary_line(report: Report) -> str:
    counts = report.count_by_severity()
    total = len(report.findings)
    noun = "problem" if total == 1 else "problems"
    files = sum(1 for result in report.files if result.ok)
    detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info"))
    text = f"Found {total} {noun} ({detail}) in {files} file{'s' if files != 1 else ''}."
    if report.unreadable:
        text += f" {len(report.unreadable)} file{'s' if len(report.unreadable) != 1 else ''} could not be read."
    return text


def render_text(report: Report, *, color: bool = False, grouped: bool = False, show_context: bool = False,
                scorecard: bool = True) -> str:
    lines: list[str] = []
    if grouped:
        lines.extend(_grouped(report, color, show_context))
    else:
        for finding in report.findings:
            lines.append(finding_line(finding))
            if show_context:
                lines.extend(_context(finding, indent="    "))
    for result in report.files:
        lines.extend(f"{result.path}: note: {warning}" for warning in result.warnings)
    if scorecard:
        lines.extend(_scorecards(report, color))
    lines.append(_style(summary_line(report), color, bold=True))
    return "\n".join(lines) + "\n"


def _grouped(report: Report, color: bool, show_context: bool) -> list[str]:
    lines: list[str] = []
    for path, findings in groupby(report.findings, key=lambda finding: finding.path):
        lines.append(_style(path, color, bold=True, underline=True))
        for finding in findings:
            where = finding.location.label() or "document"
            severity = _style(f"{finding.severity.value:<7}", color, fg=_COLOURS[finding.severity])
            rule = _style(f"{finding.rule:<24}", color, dim=True)
            lines.append(f"  {where:<16} {severity} {rule} {finding.message}")
            if finding.location.section:
                lines.append(_style(f"  {'':<16} in: {finding.location.section}", color, dim=True))
            if show_context:
                lines.extend(_context(finding, indent=" " * 19))
        lines.append("")
    return lines


_STATUS_COLOURS = {MET: "green", NOT_MET: "red", NOT_APPLICABLE: "white"}


def _scorecards(report: Report, color: bool) -> list[str]:
    lines: list[str] = []
    for path, scores in report.scorecards.items():
        lines.append(_style(f"Scorecard: {path}", color, bold=True))
        for score in scores:
            counts = [f"{n} {label}" for n, label in
                      ((score.errors, "error"), (score.warnings, "warning"), (score.infos, "info")) if n]
            detail = f" ({', '.join(counts)})" if counts else ""
            status = _style(f"{score.status:<14}", color, fg=_STATUS_COLOURS[score.status])
            lines.append(f"  {score.category.value:<20} {status}{detail}".rstrip())
        lines.append("")
    return lines


def _context(finding: Finding, indent: str) -> list[str]:
    lines = []
    if finding.text:
        lines.extend(textwrap.wrap(f"text: {finding.text}", 100, initial_indent=indent, subsequent_indent=indent))
    if finding.note:
        lines.extend(textwrap.wrap(f"note: {finding.note}", 100, initial_indent=indent, subsequent_indent=indent))
    if finding.suggestion:
        first = finding.suggestion.strip().splitlines()[0]
        lines.extend(textwrap.wrap(f"write instead: {first}", 100, initial_indent=indent, subsequent_indent=indent))
    return lines


def _style(text: str, color: bool, **styles: object) -> str:
    return click.style(text, **styles) if color else text  # type: ignore[arg-type]
