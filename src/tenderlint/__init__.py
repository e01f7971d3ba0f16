"""tenderlint: lint UK public-sector IT tender documents for located, explained, cited problems.

    >>> import tenderlint
    >>> report = tenderlint.lint_text("The system must be built on Microsoft Dynamics 365.")
    >>> [finding.rule for finding in report.findings]  # doctest: +SKIP
    ['SPEC-BRAND']
"""

from __future__ import annotations

from tenderlint._version import __version__
from tenderlint.api import lint_file, lint_paths, lint_text
from tenderlint.config import Config, ConfigError
from tenderlint.document import Location, UnreadableDocument
from tenderlint.engine import Linter
from tenderlint.findings import Category, Finding, Severity
from tenderlint.results import FileResult, Report
from tenderlint.rules.loader import RuleFileError

__all__ = [
    "Category",
    "Config",
    "ConfigError",
    "FileResult",
    "Finding",
    "Linter",
    "Location",
    "Report",
    "RuleFileError",
    "Severity",
    "UnreadableDocument",
    "__version__",
    "lint_file",
    "lint_paths",
    "lint_text",
]
