"""The scoring behind `tenderlint eval`, on a corpus small enough to count by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tenderlint.cli import main
from tenderlint.engine import Linter
from tenderlint.evaluate import (
    Scores,
    Tally,
    agreed_entries,
    figures,
    format_scores,
    score_agreement,
    score_corpus,
    score_corpus_agreed,
    scores_to_json,
    wilson_interval,
)

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
    # the noisiest rule first; 0 of 1 and 1 of 1 right leave wide 95% intervals
    assert table[0].split() == ["CYBER-CERT-EQUIV", "0.00", "0", "1", "0.00-0.79"]
    assert ["SPEC-BRAND", "1.00", "1", "0", "0.21-1.00"] in [row.split() for row in table]


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
    assert score_agreement(labels, other, skip=["docs/spec.*"]).documents == 0
    result = CliRunner().invoke(main, ["eval", str(labels), "--against", str(other), "--only", "docs/us-*"])
    assert result.exit_code == 0 and "0 documents" in result.output


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


def _wilson_by_quadratic(successes: int, trials: int) -> tuple[float, float]:
    """The Wilson bounds as the roots of (n + z²)p² - (2x + z²)p + x²/n = 0, i.e. |x/n - p| = z·sqrt(p(1-p)/n)."""
    z = 1.959963984540054
    a, b, c = trials + z * z, -(2 * successes + z * z), successes * successes / trials
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


@pytest.mark.parametrize(("successes", "trials"), [(8, 10), (0, 5), (5, 5), (2, 6), (1, 1), (90, 139)])
def test_wilson_interval_agrees_with_the_quadratic_it_solves(successes: int, trials: int) -> None:
    low, high = _wilson_by_quadratic(successes, trials)
    assert wilson_interval(successes, trials) == pytest.approx((low, high), abs=1e-12)


def test_wilson_interval_known_values() -> None:
    assert wilson_interval(8, 10) == pytest.approx((0.4902, 0.9433), abs=5e-5)
    # at the edges the interval ends exactly at 0 or 1, and the other end is z²/(n+z²) away
    assert wilson_interval(0, 5) == (0.0, pytest.approx(0.4345, abs=5e-5))
    assert wilson_interval(5, 5) == (pytest.approx(0.5655, abs=5e-5), 1.0)
    assert wilson_interval(0, 0) is None


def test_tally_intervals_use_precision_and_recall_denominators() -> None:
    tally = Tally(tp=8, fp=2, fn=0)
    assert tally.precision_interval == wilson_interval(8, 10)
    assert tally.recall_interval == (pytest.approx(0.6756, abs=5e-5), 1.0)  # 8 of 8
    assert Tally(tp=0, fp=0, fn=3).precision_interval is None
    assert Tally(tp=0, fp=4, fn=0).recall_interval is None
    assert Tally(tp=0, fp=4, fn=0).precision_interval == (0.0, pytest.approx(0.4899, abs=5e-5))


def test_tables_add_the_intervals_after_the_six_columns_scripts_read() -> None:
    scores = Scores(tallies={"cyber": Tally(tp=8, fp=2, fn=0), "bespoke": Tally(tp=0, fp=0, fn=3)})
    lines = format_scores("Title", scores).splitlines()
    assert lines[1].split()[:6] == ["category", "prec", "recall", "tp", "fp", "fn"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows["bespoke"] == ["bespoke", "n/a", "0.00", "0", "0", "3", "n/a", "0.00-0.56"]
    assert rows["cyber"] == ["cyber", "0.80", "1.00", "8", "2", "0", "0.49-0.94", "0.68-1.00"]
    # the total row gets its intervals too: 8 of 10 flagged were right, 8 of 11 labelled were found
    assert rows["all"] == ["all", "0.80", "0.73", "8", "2", "3", "0.49-0.94", "0.43-0.90"]


TALLY_KEYS = {"tp", "fp", "fn", "precision", "recall", "precision_interval", "recall_interval"}


def _interval_or_none(value: object) -> bool:
    return value is None or (isinstance(value, list) and len(value) == 2
                             and all(isinstance(bound, float) and 0 <= bound <= 1 for bound in value)
                             and value[0] <= value[1])


def test_json_results_hold_the_same_numbers_as_the_tables(tmp_path: Path) -> None:
    scores = score_corpus(_corpus(tmp_path), Linter())
    data = json.loads(json.dumps(scores_to_json(scores)))
    assert set(data) == {"documents", "missing", "sentences", "totals", "other_category_false_alarms", "traps",
                         "traps_flagged", "rules", "disagreements", "floors"}
    assert data["documents"] == 1
    assert data["missing"] == {}  # a fragment: no missing-clause labels are scored
    assert set(data["sentences"]) == {"over-specification", "sme-barrier", "clarity", "cyber"}
    for group in (*data["sentences"].values(), *data["totals"].values()):
        assert set(group) == TALLY_KEYS
        assert all(isinstance(group[key], int) for key in ("tp", "fp", "fn"))
        assert all(group[key] is None or isinstance(group[key], float) for key in ("precision", "recall"))
        assert _interval_or_none(group["precision_interval"]) and _interval_or_none(group["recall_interval"])
    assert data["sentences"]["cyber"] == {
        "tp": 0, "fp": 1, "fn": 0, "precision": 0.0, "recall": None,
        "precision_interval": [0.0, pytest.approx(0.7935, abs=5e-5)], "recall_interval": None,
    }
    # the totals are the floors' figures, by the same names
    assert list(data["totals"]) == list(figures(scores))
    for name, figure in figures(scores).items():
        assert {key: data["totals"][name][key] for key in ("precision", "recall")} == figure
    assert (data["totals"]["sentence_all"]["tp"], data["totals"]["sentence_all"]["fp"],
            data["totals"]["sentence_all"]["fn"]) == (1, 1, 2)
    assert (data["other_category_false_alarms"], data["traps"], data["traps_flagged"]) == (1, 1, 0)
    assert data["rules"]["SPEC-BRAND"] == {"tp": 1, "fp": 0, "precision": 1.0,
                                           "precision_interval": [pytest.approx(0.2065, abs=5e-5), 1.0]}
    assert data["rules"]["CYBER-CERT-EQUIV"]["fp"] == 1
    assert {(item["kind"], item["category"]) for item in data["disagreements"]} == {
        ("miss", "sme-barrier"), ("miss", "clarity"), ("false alarm", "cyber")}
    assert all(set(item) == {"kind", "category", "where", "text"} for item in data["disagreements"])
    assert data["floors"] == {"checked": False, "failures": []}


def test_eval_json_lists_what_show_prints_and_keeps_the_floor_exit_code(tmp_path: Path) -> None:
    labels = _corpus(tmp_path)
    floors = tmp_path / "floors.yaml"
    floors.write_text("sentence_all: {recall: 0.9}\n", encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["eval", str(labels), "--show"])
    result = runner.invoke(main, ["eval", str(labels), "--format", "json", "--floors", str(floors)])
    assert result.exit_code == 1 and shown.exit_code == 0
    data = json.loads(result.stdout)  # the floor message goes to standard error, the JSON stays whole
    assert "below floor: sentence_all recall 0.333 < 0.900" in result.stderr
    assert data["floors"] == {"checked": True, "failures": ["sentence_all recall 0.333 < 0.900"]}
    show_lines = shown.stdout.rstrip("\n").split("\n\n")[-1].splitlines()
    assert len(show_lines) == len(data["disagreements"]) == 3
    assert show_lines == [f"{item['kind']:>11}  {item['category']:<18} {item['where']}: {item['text']}"
                          for item in data["disagreements"]]
    assert data["totals"]["sentence_all"]["recall"] == figures(score_corpus(labels, Linter()))["sentence_all"]["recall"]
    low = tmp_path / "low.yaml"
    low.write_text("sentence_all: {recall: 0.3}\n", encoding="utf-8")
    passing = runner.invoke(main, ["eval", str(labels), "--format", "json", "--floors", str(low)])
    assert passing.exit_code == 0
    assert json.loads(passing.stdout)["floors"] == {"checked": True, "failures": []}
