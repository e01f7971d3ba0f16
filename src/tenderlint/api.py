"""The simple Python API: one call per job, each returning a Report.

These functions read no configuration file: pass a Config to change what is checked.
For many calls, build one Linter and reuse it (rules compile once per Linter).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tenderlint.config import Config
from tenderlint.engine import Linter
from tenderlint.results import Report


def lint_file(path: str | Path, config: Config | None = None) -> Report:
    """Lint one .docx, .pdf, .md or .txt file."""
    return Linter(config).lint_file(path)


def lint_paths(paths: Iterable[str | Path], config: Config | None = None) -> Report:
    """Lint files and folders; a folder means every supported file under it."""
    return Linter(config).lint_paths(paths)


def lint_text(text: str, config: Config | None = None, *, name: str = "<text>", markdown: bool = False) -> Report:
    """Lint a string of plain text (or Markdown with ``markdown=True``)."""
    return Linter(config).lint_text(text, name=name, markdown=markdown)
