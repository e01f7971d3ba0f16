"""Reporters: one module per output format, each turning a Report into text."""

from __future__ import annotations

from collections.abc import Callable

from tenderlint.results import Report

FORMATS = ("text", "json")


def render(report: Report, output_format: str, *, color: bool = False, grouped: bool = False,
           show_context: bool = False, scorecard: bool = True) -> str:
    """The report in ``output_format`` (one of FORMATS)."""
    renderers: dict[str, Callable[[], str]] = {
        "text": lambda: _text(report, color, grouped, show_context, scorecard),
        "json": report.to_json,
    }
    return renderers[output_format]()


def _text(report: Report, color: bool, grouped: bool, show_context: bool, scorecard: bool) -> str:
    from tenderlint.report.text import render_text

    return render_text(report, color=color, grouped=grouped, show_context=show_context, scorecard=scorecard)
