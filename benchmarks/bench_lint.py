"""Linting cost: a reused Linter against one built per call, and start-up with and without spaCy."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO, interleaved, report, tender_pdf

from tenderlint import Linter


def startup(arguments: list[str]) -> None:
    subprocess.run([sys.executable, *arguments], check=False, capture_output=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        files = [REPO / "examples" / "housing-system-itt.md", tender_pdf(Path(folder) / "tender.pdf", pages=20)]
        shared = Linter()
        shared.lint_paths(files)  # warm spaCy once, as a long-running process would be
        medians = interleaved(
            {
                "reused Linter": lambda: shared.lint_paths(files),
                "new Linter per call": lambda: Linter().lint_paths(files),
            },
            rounds=5,
        )
        report("Linting an example tender and a 20-page PDF (median of 5, interleaved)", medians, "reused Linter")
        medians = interleaved(
            {
                "tenderlint --help": lambda: startup(["-m", "tenderlint", "--help"]),
                "python -c 'import spacy'": lambda: startup(["-c", "import spacy"]),
            },
            rounds=5,
        )
        report("Process start-up (median of 5, interleaved)", medians, "tenderlint --help")
