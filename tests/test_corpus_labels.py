"""The corpus and its labels hold together: every quote is in its file, every file has a source."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tenderlint.findings import Category

CORPUS = Path(__file__).parent / "corpus"
LABEL_FILES = ("labels.yaml", "second-reviewer.yaml", "settled.yaml")
CATEGORIES = {category.value for category in Category}


def _documents(name: str) -> list[dict]:  # type: ignore[type-arg]
    return list(yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))["documents"])


@pytest.mark.parametrize("name", LABEL_FILES)
def test_every_quote_is_in_its_file_and_every_category_exists(name: str) -> None:
    for entry in _documents(name):
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        assert entry["scope"] in ("fragment", "full-tender"), entry["file"]
        for item in entry.get("findings") or []:
            assert item["category"] in CATEGORIES, (entry["file"], item)
            assert item["quote"] in text, (entry["file"], item["quote"])
        for item in entry.get("ok") or []:
            assert item["trap"] in CATEGORIES, (entry["file"], item)
            assert item["quote"] in text, (entry["file"], item["quote"])


def test_every_document_is_labelled_once_and_has_a_provenance_row() -> None:
    labelled = [entry["file"] for entry in _documents("labels.yaml")]
    assert len(labelled) == len(set(labelled))
    on_disk = sorted(f"docs/{path.name}" for path in (CORPUS / "docs").iterdir())
    assert sorted(labelled) == on_disk
    provenance = set(re.findall(r"^\| `([^`]+)`", (CORPUS / "PROVENANCE.md").read_text(encoding="utf-8"), re.M))
    assert {name.removeprefix("docs/") for name in on_disk} == provenance


@pytest.mark.parametrize("name", ["second-reviewer.yaml", "settled.yaml"])
def test_the_other_label_files_label_documents_of_the_corpus(name: str) -> None:
    labelled = {entry["file"] for entry in _documents("labels.yaml")}
    assert {entry["file"] for entry in _documents(name)} <= labelled


def test_the_settled_labels_are_built_from_the_three_reviewers() -> None:
    # settle.py --check fails if a disputed finding has no decision or settled.yaml is stale
    check = subprocess.run([sys.executable, str(CORPUS / "settle.py"), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr or "settled.yaml is stale: run python tests/corpus/settle.py"
