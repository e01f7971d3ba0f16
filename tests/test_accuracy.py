"""Measured precision and recall: the gold set (tests/fixtures/gold) and the real corpus (tests/corpus).

The figures are printed at the end of every test run. Each must stay at or above the floor
recorded beside its data; raise a floor when the figures improve, never lower one to pass.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tenderlint import Linter
from tenderlint.evaluate import (
    CORE_CATEGORIES,
    MISSING_CATEGORIES,
    check_floors,
    format_scores,
    load_yaml,
    score_corpus,
    score_gold,
)

TESTS = Path(__file__).parent
GOLD = TESTS / "fixtures" / "gold"
CORPUS = TESTS / "corpus"


def test_gold_set(linter: Linter, accuracy_table: Callable[[str], None]) -> None:
    paths = sorted(GOLD.glob("*.yaml"))
    paths = [path for path in paths if path.name != "floors.yaml"]
    assert paths, "the gold set is missing"
    scores = score_gold(paths, linter)
    accuracy_table(format_scores("Gold set (tests/fixtures/gold): sentence findings", scores))
    floors = load_yaml(GOLD / "floors.yaml")
    failures = []
    for category, limits in floors.items():
        tally = scores.tallies.get(category)
        assert tally is not None, f"no gold items for {category}"
        for measure in ("precision", "recall"):
            value = getattr(tally, measure)
            if value is None or value < float(limits[measure]):
                failures.append(f"{category} {measure} {value} < {limits[measure]}")
    assert not failures, "; ".join(failures)


# The first reviewer's labels, and the labels settled between two reviewers (UK documents only).
CORPUS_LABELS = [("labels.yaml", "floors.yaml"), ("settled.yaml", "settled-floors.yaml")]


@pytest.mark.parametrize(("labels", "floors"), CORPUS_LABELS)
def test_real_corpus(linter: Linter, accuracy_table: Callable[[str], None], labels: str, floors: str) -> None:
    scores = score_corpus(CORPUS / labels, linter)
    title = f"Real corpus, {labels} ({scores.documents} documents)"
    accuracy_table(format_scores(f"{title}: missing clauses", scores.missing, MISSING_CATEGORIES))
    accuracy_table(format_scores(f"{title}: sentence findings, core categories", scores.sentences, CORE_CATEGORIES))
    accuracy_table(format_scores(f"{title}: sentence findings, all categories", scores.sentences))
    failures = check_floors(scores, CORPUS / floors)
    assert not failures, "; ".join(failures)
