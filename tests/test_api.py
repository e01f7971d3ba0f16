"""The Python API that other tools use: lint_text, lint_file, lint_paths, Linter, Report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tenderlint
from tenderlint import Category, Config, Linter, Severity

BRAND = "The solution must be built on Microsoft Dynamics 365."


def test_lint_text_returns_typed_findings() -> None:
    report = tenderlint.lint_text(BRAND, Config(select=("SPEC-BRAND",)))
    [finding] = report.findings
    assert finding.rule == "SPEC-BRAND"
    assert finding.category is Category.OVER_SPECIFICATION
    assert finding.severity is Severity.ERROR
    assert finding.location.line == 1 and finding.location.column == 31
    assert finding.text == BRAND and finding.match == "Microsoft Dynamics 365"
    assert finding.suggestion and "equivalent" in finding.suggestion
    assert json.loads(report.to_json())["findings"][0]["rule"] == "SPEC-BRAND"


def test_lint_file_and_paths(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(BRAND, encoding="utf-8")
    second = tmp_path / "b.md"
    second.write_text("# Spec\n\n" + BRAND, encoding="utf-8")
    config = Config(select=("SPEC-BRAND",))
    assert [f.path for f in tenderlint.lint_file(first, config).findings] == [str(first)]
    report = tenderlint.lint_paths([tmp_path], config)
    assert sorted(f.path for f in report.findings) == [str(first), str(second)]
    assert [r.status for r in report.files] == ["ok", "ok"]
    assert report.exit_code() == 1


def test_unreadable_file_is_a_result_not_an_exception(tmp_path: Path) -> None:
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"%PDF-1.7 garbage")
    report = tenderlint.lint_file(broken)
    assert report.findings == []
    [result] = report.files
    assert result.status == "error" and result.reason
    assert report.exit_code() == 2


def test_linter_is_reusable_and_config_is_applied() -> None:
    linter = Linter(Config(severity={"SPEC-BRAND": Severity.WARNING}, select=("SPEC",)))
    first = linter.lint_text(BRAND)
    second = linter.lint_text(BRAND.replace("Microsoft Dynamics 365", "Salesforce"))
    assert first.findings[0].severity is Severity.WARNING
    assert second.findings[0].match == "Salesforce"


def test_rule_parameters_can_be_overridden() -> None:
    text = "The estimated contract value is £100,000. Bidders must have a turnover of £300,000."
    assert any(f.rule == "SME-TURNOVER" for f in Linter(Config(select=("SME-TURNOVER",))).lint_text(text).findings)
    relaxed = Linter(Config(select=("SME-TURNOVER",), rules={"SME-TURNOVER": {"factor": 3}}))
    assert not relaxed.lint_text(text).findings


def test_unknown_rule_parameter_is_rejected() -> None:
    with pytest.raises(ValueError, match="SME-TURNOVER has no parameter 'facter'"):
        Linter(Config(rules={"SME-TURNOVER": {"facter": 3}}))


def test_inline_suppression_in_markdown() -> None:
    text = (
        "# Spec\n\n<!-- tenderlint: ignore SPEC-BRAND -- the Council's own tenancy -->\n"
        f"{BRAND}\n\n{BRAND}\n"
    )
    report = tenderlint.lint_text(text, Config(select=("SPEC-BRAND",)), markdown=True)
    assert [f.location.line for f in report.findings] == [6]


def test_public_api_is_typed() -> None:
    assert (Path(tenderlint.__file__).parent / "py.typed").exists()
    assert set(tenderlint.__all__) >= {"lint_file", "lint_text", "lint_paths", "Linter", "Report", "Finding"}


def test_exclude_globs_match_paths_under_the_folder(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.txt").write_text(BRAND, encoding="utf-8")
    (tmp_path / "final.txt").write_text(BRAND, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BRAND, encoding="utf-8")
    report = tenderlint.lint_paths([tmp_path], Config(select=("SPEC-BRAND",), exclude=("drafts/*", "*.md")))
    assert [result.path for result in report.files] == [str(tmp_path / "final.txt")]
