"""Each rule kind on its own, with small rulesets written for the test (not the default one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tenderlint import Config, Linter, Severity
from tenderlint.document import Block, BlockKind, Document, Location

COMMON: dict[str, Any] = {
    "category": "clarity",
    "severity": "warning",
    "message": "'{match}' {value} {limit}",
    "rationale": "Because it matters.",
    "suggestion": "Write something better.",
    "sources": [{"title": "A source", "url": "https://example.org"}],
    "examples": {"flag": ["x"], "pass": ["y"]},
}


def _linter(tmp_path: Path, *rules: dict[str, Any], **config: Any) -> Linter:
    folder = tmp_path / "rules" / "test"
    folder.mkdir(parents=True, exist_ok=True)
    for rule in rules:
        (folder / f"{rule['id']}.yaml").write_text(yaml.safe_dump({**COMMON, **rule}), encoding="utf-8")
    return Linter(Config(default_ruleset=False, rulesets=(tmp_path / "rules",), **config))


def _rules(text: str, linter: Linter) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in linter.lint_text(text).findings]


def test_phrase_unless_relax_and_negation(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-GADGET", "kind": "phrase", "scope": "sentence", "title": "gadget",
        "match": {"patterns": [r"\bgadget\b"]},
        "unless": [r"\bor equivalent\b"],
        "relax": [{"where": "document", "patterns": [r"\bequivalents are welcome\b"], "severity": "info",
                   "note": "A general statement accepts equivalents."}],
    })
    assert _rules("The supplier must supply a gadget.", linter) == [("TEST-GADGET", "warning")]
    assert _rules("The supplier must supply a gadget or equivalent.", linter) == []
    assert _rules("There will be no gadget.", linter) == []
    relaxed = linter.lint_text("Equivalents are welcome.\n\nThe supplier must supply a gadget.").findings
    assert [(f.severity, f.relaxed, f.note) for f in relaxed] == [
        (Severity.INFO, True, "A general statement accepts equivalents.")
    ]


def test_phrase_requirement_scope_and_questions(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-WIDGET", "kind": "phrase", "title": "widget", "match": [r"\bwidget\b"],
    })
    assert _rules("The supplier must supply a widget.", linter) == [("TEST-WIDGET", "warning")]
    assert _rules("The Council currently uses a widget.", linter) == []
    assert _rules("Please describe how your widget would work?", linter) == []


def test_phrase_one_finding_per_sentence_listing_matches(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-FRUIT", "kind": "phrase", "scope": "sentence", "title": "fruit",
        "match": [r"\bapples?\b", r"\bpears?\b"],
    })
    [finding] = linter.lint_text("It must supply apples and pears.").findings
    assert finding.message.startswith("'apples', 'pears'")
    assert finding.match == "apples" and finding.location.column == 16


def test_a_pattern_anchored_to_the_sentence_start_is_found_in_any_sentence(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-ANCHORED", "kind": "phrase", "scope": "sentence", "title": "anchored",
        "match": [r"^gizmo\b"],
    })
    assert _rules("Background first.\n\nGizmo support for every team.", linter) == [("TEST-ANCHORED", "warning")]
    assert _rules("We need a gizmo.", linter) == []


def test_required_when_and_presence(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-CLAUSE-MISSING", "kind": "required", "title": "clause",
        "clause": [r"\bexit plan\b"], "when": [r"\bhosted\b"], "model_clause": "The supplier will keep an exit plan.",
    })
    assert _rules("The supplier must provide a hosted service.", linter) == [("TEST-CLAUSE-MISSING", "warning")]
    assert _rules("The supplier must provide a hosted service and an exit plan.", linter) == []
    assert _rules("The supplier must provide training.", linter) == []
    assert _rules("The supplier must provide a hosted service. There is no exit plan.", linter) == [
        ("TEST-CLAUSE-MISSING", "warning")
    ]
    [finding] = linter.lint_text("A hosted service is needed.").findings
    assert finding.text is None and finding.suggestion == "The supplier will keep an exit plan."


def test_required_pack_counts_every_file(tmp_path: Path) -> None:
    rule = {"id": "TEST-CLAUSE-MISSING", "kind": "required", "title": "clause", "clause": [r"\bexit plan\b"],
            "model_clause": "The supplier will keep an exit plan."}
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "spec.txt").write_text("The supplier must host the service.", encoding="utf-8")
    (tmp_path / "docs" / "contract.txt").write_text("The supplier will keep an exit plan.", encoding="utf-8")
    alone = _linter(tmp_path, rule).lint_paths([tmp_path / "docs"])
    assert [f.path for f in alone.findings] == [str(tmp_path / "docs" / "spec.txt")]
    together = _linter(tmp_path, rule, pack=True).lint_paths([tmp_path / "docs"])
    assert together.findings == []
    assert list(together.scorecards) == ["tender pack"]


def test_threshold_absolute_relative_and_fallback(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-TURNOVER", "kind": "threshold", "title": "turnover", "trigger": [r"\bturnover\b"],
        "quantity": "money", "relative_to": "contract_value",
        "params": {"factor": 2, "fallback_limit": 1_000_000, "fallback_severity": "info"},
    })
    text = "The estimated contract value is £100,000. A turnover of £300k is required."
    [finding] = linter.lint_text(text).findings
    assert (finding.severity, finding.match, finding.extra["limit"]) == (Severity.WARNING, "£300k", "£200k")
    assert _rules("The estimated contract value is £100,000. A turnover of £150k is required.", linter) == []
    assert _rules("A turnover of £2m is required.", linter) == [("TEST-TURNOVER", "info")]
    assert _rules("A turnover of £900k is required.", linter) == []


def test_threshold_reads_the_number_from_another_cell_of_the_row(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-WEIGHT", "kind": "threshold", "title": "weight", "trigger": [r"\bsocial value\b"],
        "quantity": "percent", "compare": "below", "params": {"limit": 10},
    })
    table = "| Criterion | Weight |\n| --- | --- |\n| Price | 60% |\n| Social value | 5% |\n"
    [finding] = linter.lint_text(table, markdown=True).findings
    assert finding.text == "Social value" and finding.location.row == 3 and finding.extra["value"] == "5%"


def test_a_number_from_another_cell_is_judged_with_its_row_and_the_table_heading(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-TURNOVER", "kind": "threshold", "title": "turnover", "trigger": [r"\bturnover\b"],
        "quantity": "money", "params": {"limit": 1_000_000},
        # a statement of fact, with no word of demand, is not a condition on bidders
        "unless": [r"^(?!.*\b(?:minimum|must|required)\b)"],
    })
    demanded = "| Requirement | Minimum level |\n| --- | --- |\n| Annual turnover | £3m |\n"
    [finding] = linter.lint_text(demanded, markdown=True).findings
    assert (finding.text, finding.extra["value"]) == ("Annual turnover", "£3m")
    described = "| Our finances | 2025 |\n| --- | --- |\n| Annual turnover | £450m |\n"
    assert linter.lint_text(described, markdown=True).findings == []


def test_a_row_gives_one_threshold_finding_at_the_cell_that_states_it(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-PAYMENT", "kind": "threshold", "title": "payment", "trigger": [r"\bpayment\b", r"\binvoices?\b"],
        "quantity": "days", "params": {"limit": 30},
    })
    table = "| Term | Detail |\n| --- | --- |\n| Payment terms | 60 days from receipt of invoice |\n"
    [finding] = linter.lint_text(table, markdown=True).findings
    assert (finding.text, finding.match) == ("60 days from receipt of invoice", "60 days")
    two_labels = "| Payment | Invoices paid within | 60 days |\n| --- | --- | --- |\n| x | y | z |\n"
    assert len(linter.lint_text(two_labels, markdown=True).findings) == 1


def test_metric(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-DENSITY", "kind": "metric", "title": "density", "measure": "pattern_density",
        "patterns": [r"\bsynergy\b"], "params": {"limit": 20, "min_words": 10},
    })
    assert _rules("We want synergy. " * 2 + "The rest of this text is plain and says nothing odd at all.", linter) == [
        ("TEST-DENSITY", "warning")
    ]
    assert _rules("We want synergy. " + "These are plain words. " * 15, linter) == []


def test_python_rule_from_entry_point(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-DATES", "kind": "python", "title": "dates", "entry_point": "tender-period-dates",
        "params": {"limit": 25, "shorter_limit": 10},
    })
    text = "The tender was issued on 1 May 2026. The closing date is 10 May 2026."
    [finding] = linter.lint_text(text).findings
    assert finding.extra["value"] == "9 days" and finding.match == "10 May 2026"


def test_python_rule_with_unknown_entry_point_is_a_rule_error(tmp_path: Path) -> None:
    from tenderlint import RuleFileError

    with pytest.raises(RuleFileError, match=r"no 'nope' in the 'tenderlint\.rules' entry-point group"):
        _linter(tmp_path, {"id": "TEST-NOPE", "kind": "python", "title": "nope", "entry_point": "nope"})


def test_scorecard_statuses(tmp_path: Path) -> None:
    linter = _linter(
        tmp_path,
        {"id": "TEST-CLAUSE-MISSING", "kind": "required", "title": "clause", "category": "accessibility",
         "clause": [r"\bWCAG\b"], "when": [r"\bwebsite\b"], "model_clause": "Meet WCAG 2.2 AA."},
        {"id": "TEST-WORD", "kind": "phrase", "scope": "sentence", "title": "word", "category": "clarity",
         "severity": "info", "match": [r"\bsynergy\b"]},
    )
    report = linter.lint_text("We want synergy.")
    statuses = {s.category.value: s.status for s in report.scorecards["<text>"]}
    assert statuses == {"accessibility": "not applicable", "clarity": "met"}
    report = linter.lint_text("We want a website.")
    assert {s.category.value: s.status for s in report.scorecards["<text>"]}["accessibility"] == "not met"


def test_sentences_never_cross_blocks_and_findings_are_sorted(linter: Linter) -> None:
    document = Document("d.docx", "docx", [
        Block("The system must run on Oracle", BlockKind.TABLE_CELL, Location("d.docx", table="1", row=2, cell=1)),
        Block("Database. Salesforce must be used.", BlockKind.PARAGRAPH, Location("d.docx", paragraph=9)),
    ])
    findings = [f for f in linter.lint_documents([document]) if f.rule == "SPEC-BRAND"]
    assert [(f.location.label(), f.match) for f in findings] == [("table 1:row 2:cell 1", "Oracle"),
                                                                 ("para 9", "Salesforce")]


def test_required_when_counts_areas(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "id": "TEST-LOTS-MISSING", "kind": "required", "title": "lots", "clause": [r"\blots?\b"],
        "model_clause": "The requirement is divided into lots.",
        "when": {"any": [r"\boutsourc\w*"], "at_least": 2, "areas": [r"\blaptops\b", r"\bnetwork\b", r"\bprinters\b"]},
    })
    assert _rules("We buy laptops and printers.", linter) == [("TEST-LOTS-MISSING", "warning")]
    assert _rules("We buy laptops.", linter) == []
    assert _rules("We are outsourcing IT.", linter) == [("TEST-LOTS-MISSING", "warning")]
    assert _rules("We buy laptops and printers in two lots.", linter) == []


def test_required_when_mapping_is_validated(tmp_path: Path) -> None:
    from tenderlint import RuleFileError

    with pytest.raises(RuleFileError, match=r"'areas' .* and 'at_least' .* go together"):
        _linter(tmp_path, {"id": "TEST-BAD-MISSING", "kind": "required", "title": "bad", "clause": ["x"],
                           "model_clause": "x", "when": {"at_least": 2}})


def test_threshold_relax_and_shared_term_lists(tmp_path: Path) -> None:
    terms = tmp_path / "rules" / "terms"
    terms.mkdir(parents=True)
    (terms / "breaks.yaml").write_text(yaml.safe_dump({"patterns": [r"\bbreak clause\b"], "terms": ["break point"]}))
    linter = _linter(tmp_path, {
        "id": "TEST-TERM", "kind": "threshold", "title": "term", "trigger": [r"\binitial term\b"],
        "quantity": "years", "params": {"limit": 5},
        "relax": [{"where": "document", "patterns": {"terms": ["breaks"]}, "severity": "info",
                   "note": "Break points are stated."}],
    })
    assert _rules("The initial term is seven years.", linter) == [("TEST-TERM", "warning")]
    assert _rules("The initial term is seven years. A break point falls after year three.", linter) == [
        ("TEST-TERM", "info")
    ]


def test_a_brand_named_again_is_one_finding_listing_the_later_places() -> None:
    text = (
        "The system must run on Oracle Database.\n\n"
        "Reports must be produced from Oracle Database.\n\n"
        "Backups must use Oracle Database tools.\n"
    )
    findings = [f for f in Linter().lint_text(text, "spec.txt").findings if f.rule == "SPEC-BRAND"]
    assert len(findings) == 1
    assert findings[0].location.line == 1
    assert findings[0].extra["repeats"] == ["3:31", "5:18"]
    assert "recurs in 2 later sentence(s): 3:31, 5:18" in (findings[0].note or "")
    # the folded findings stay at hand, for a reporter that marks every place and for scoring
    assert [r.text for r in findings[0].recurrences] == [
        "Reports must be produced from Oracle Database.", "Backups must use Oracle Database tools."
    ]
    assert "recurrences" not in findings[0].to_dict()


def test_a_suppressed_first_mention_leaves_the_next_one_reported() -> None:
    text = (
        "<!-- tenderlint: ignore SPEC-BRAND -->\nThe system must run on Oracle Database.\n\n"
        "Reports must be produced from Oracle Database.\n"
    )
    findings = [f for f in Linter().lint_text(text, "spec.md", markdown=True).findings if f.rule == "SPEC-BRAND"]
    assert [f.location.line for f in findings] == [4]
    assert "repeats" not in findings[0].extra


def test_a_timetable_copied_as_tab_separated_text_is_read_row_by_row(linter: Linter) -> None:
    timetable = (
        "Activity\tDate\nPublication of Contract Notice\t2nd March 2026\n"
        "Clarification deadline\t9th March 2026\nTender submission deadline\t16th March 2026 12:00\n"
    )
    found = [(f.rule, f.extra.get("value"), f.location.row) for f in linter.lint_text(timetable).findings
             if f.rule == "SME-TENDER-PERIOD"]
    assert found == [("SME-TENDER-PERIOD", "14 days", 4)]
