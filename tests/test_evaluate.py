"""The scoring behind `tenderlint eval`, on a corpus small enough to count by hand."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from tenderlint.cli import main
from tenderlint.engine import Linter
from tenderlint.evaluate import agreed_entries, figures, score_agreement, score_corpus, score_corpus_agreed

SPEC = """# Specification

The system must be hosted on Microsoft Azure.

The supplier must hold ISO 27001 certification.

Payment will be made within 30 days of a valid invoice.

The supplier must provide a reporting tool.
"""


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "spec.md").write_text(SPEC, encoding="utf-8")
    labels = {
        "version": 1,
        "documents": [{
            "file": "docs/spec.md",
            "scope": "fragment",
            "missing": {},
            "findings": [
                # found under the same category: a true positive
                {"category": "over-specification", "quote": "The system must be hosted on Microsoft Azure."},
                # the linter raises this sentence as cyber: a false alarm on a labelled sentence
                {"category": "sme-barrier", "quote": "The supplier must hold ISO 27001 certification."},
                # nothing raises this one: a miss
                {"category": "clarity", "quote": "The supplier must provide a reporting tool."},
            ],
            "ok": [{"quote": "Payment will be made within 30 days of a valid invoice.", "trap": "sme-barrier"}],
        }],
    }
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump(labels), encoding="utf-8")
    return path


def _second_reviewer(tmp_path: Path, findings: list[dict[str, str]], ok: list[dict[str, str]] | None = None) -> Path:
    """A second reviewer's labels for the one document of ``_corpus``."""
    document = {"file": "docs/spec.md", "missing": {}, "findings": findings, "ok": ok or []}
    path = tmp_path / "second.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "documents": [document]}), encoding="utf-8")
    return path


def test_scores_count_hits_misses_other_categories_and_traps(tmp_path: Path) -> None:
    scores = score_corpus(_corpus(tmp_path), Linter())
    sentences = scores.sentences
    assert sentences.tally("over-specification").tp == 1
    assert sentences.tally("sme-barrier").fn == 1
    assert sentences.tally("clarity").fn == 1
    assert sentences.tally("cyber").fp == 1
    assert scores.other_category == 1
    assert (scores.traps, scores.traps_flagged) == (1, [])
    assert figures(scores)["sentence_all"]["recall"] == 1 / 3


def test_eval_command_prints_figures_and_checks_floors(tmp_path: Path) -> None:
    labels = _corpus(tmp_path)
    floors = tmp_path / "floors.yaml"
    floors.write_text("sentence_all: {recall: 0.9}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(labels), "--show", "--floors", str(floors)])
    assert result.exit_code == 1
    assert "False alarms on a sentence labelled under another category: 1 of 1" in result.output
    assert "miss  clarity" in result.output
    assert "below floor: sentence_all recall 0.333 < 0.900" in result.output


def test_by_rule_says_which_rule_made_each_right_and_wrong_claim(tmp_path: Path) -> None:
    scores = score_corpus(_corpus(tmp_path), Linter())
    brand = scores.rules["SPEC-BRAND"]
    assert (brand.tp, brand.fp) == (1, 0)
    certificate = scores.rules["CYBER-CERT-EQUIV"]
    assert (certificate.tp, certificate.fp) == (0, 1)
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "labels.yaml"), "--by-rule"])
    lines = result.output.splitlines()
    table = lines[lines.index("Sentence findings by rule (recall is per category)") + 2:]
    assert table[0].split() == ["CYBER-CERT-EQUIV", "0.00", "0", "1"]  # the noisiest rule first
    assert ["SPEC-BRAND", "1.00", "1", "0"] in [row.split() for row in table]


def test_only_and_skip_choose_the_documents_scored(tmp_path: Path) -> None:
    labels = _corpus(tmp_path)
    assert score_corpus(labels, Linter(), only=["docs/*.md"]).documents == 1
    assert score_corpus(labels, Linter(), only=["docs/us-*"]).documents == 0
    assert score_corpus(labels, Linter(), skip=["docs/spec.*"]).documents == 0


def test_a_second_reviewer_is_scored_with_the_same_matching(tmp_path: Path) -> None:
    labels = _corpus(tmp_path)
    other = _second_reviewer(tmp_path, [
        {"category": "over-specification", "quote": "hosted on Microsoft Azure"},  # agrees
        {"category": "clarity", "quote": "Payment will be made within 30 days"},  # a trap, wrongly
    ])
    scores = score_agreement(labels, other)
    assert scores.documents == 1
    assert scores.sentences.tally("over-specification").tp == 1
    assert scores.sentences.tally("clarity").fp == 1
    assert scores.sentences.tally("clarity").fn == 1  # the reporting-tool sentence
    assert scores.sentences.tally("sme-barrier").fn == 1
    result = CliRunner().invoke(main, ["eval", str(labels), "--against", str(other)])
    assert result.exit_code == 0 and "1 documents" in result.output


def test_agreed_scoring_counts_only_what_both_reviewers_say(tmp_path: Path) -> None:
    labels = _corpus(tmp_path)
    other = _second_reviewer(
        tmp_path,
        [
            {"category": "over-specification", "quote": "hosted on Microsoft Azure"},  # agrees
            {"category": "cyber", "quote": "The supplier must hold ISO 27001 certification."},  # disputed
        ],
        ok=[{"quote": "The supplier must provide a reporting tool.", "trap": "clarity"}],
    )
    [merged] = agreed_entries(yaml.safe_load(labels.read_text())["documents"],
                              yaml.safe_load(other.read_text())["documents"])
    assert [item["category"] for item in merged["findings"]] == ["over-specification"]
    assert {item["category"] for item in merged["disputed"]} == {"sme-barrier", "clarity", "cyber"}
    # the second reviewer's trap contradicts the first reviewer's clarity finding, so it is dropped
    assert [trap["quote"] for trap in merged["ok"]] == ["Payment will be made within 30 days of a valid invoice."]

    scores = score_corpus_agreed(labels, other, Linter())
    sentences = scores.sentences
    assert sentences.tally("over-specification").tp == 1
    # the linter's cyber flag on the ISO 27001 sentence matches one reviewer only: neither way
    assert sentences.tally("cyber").fp == 0
    assert sentences.total().fn == 0
    result = CliRunner().invoke(main, ["eval", str(labels), "--agreed", str(other)])
    assert result.exit_code == 0 and "1 documents" in result.output
    both = CliRunner().invoke(main, ["eval", str(labels), "--agreed", str(other), "--against", str(other)])
    assert both.exit_code == 2


def test_a_finding_reported_once_is_one_claim_with_several_places(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    text = (
        "The system must run on Oracle Database.\n\n"
        "Reports must be produced from Oracle Database.\n\n"
        "Backups must use Oracle Database tools.\n"
    )
    (tmp_path / "docs" / "spec.txt").write_text(text, encoding="utf-8")

    def scores(findings: list[dict[str, str]]) -> tuple[int, int, int]:
        document = {"file": "docs/spec.txt", "scope": "fragment", "missing": {}, "findings": findings, "ok": []}
        labels = tmp_path / "labels.yaml"
        labels.write_text(yaml.safe_dump({"version": 1, "documents": [document]}), encoding="utf-8")
        tally = score_corpus(labels, Linter()).sentences.tally("over-specification")
        return tally.tp, tally.fp, tally.fn

    # the reviewer quoted a later place: the one finding is right
    assert scores([{"category": "over-specification", "quote": "Backups must use Oracle Database tools."}]) == (1, 0, 0)
    # nothing labelled: one false alarm, not three
    assert scores([]) == (0, 1, 0)
