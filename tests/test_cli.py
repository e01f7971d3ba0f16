"""The command line, end to end: output formats, exit codes, selection, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tenderlint.cli import main

BRAND = "The solution must be built on Microsoft Dynamics 365.\n"
CLEAN = "Social value will be evaluated as 10% of the total score.\n"


def _run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def tender(tmp_path: Path) -> Path:
    path = tmp_path / "spec.txt"
    path.write_text(BRAND + "\n" + CLEAN, encoding="utf-8")
    return path


def test_text_output_names_file_line_and_rule(tender: Path) -> None:
    code, out, _ = _run("check", "--no-config", "--select", "SPEC", str(tender))
    assert code == 1
    assert f"{tender}:1:31: error SPEC-BRAND 'Microsoft Dynamics 365'" in out
    assert "Found 1 problem (1 error, 0 warning, 0 info) in 1 file." in out


def test_scorecard_in_text_output(tender: Path) -> None:
    _, out, _ = _run("check", "--no-config", str(tender))
    assert f"Scorecard: {tender}" in out
    assert "  over-specification   not met        (1 error)" in out
    assert "  accessibility        not applicable" in out
    _, out, _ = _run("check", "--no-config", "--no-scorecard", str(tender))
    assert "Scorecard" not in out


def test_plain_when_piped_and_no_color(tender: Path) -> None:
    _, out, _ = _run("check", "--no-config", str(tender))
    assert "\x1b[" not in out
    code, coloured, _ = _run("check", "--no-config", "--color", "always", str(tender))
    assert "\x1b[" in coloured and code == 1


def test_json_output_contract(tender: Path) -> None:
    code, out, _ = _run("check", "--no-config", "--select", "SPEC", "--format", "json", str(tender))
    data = json.loads(out)
    assert code == 1
    assert data["files"] == [{"path": str(tender), "status": "ok", "format": "text", "metrics": {"blocks": 2.0}}]
    [finding] = data["findings"]
    assert finding["rule"] == "SPEC-BRAND"
    assert finding["category"] == "over-specification"
    assert finding["severity"] == "error"
    assert finding["path"] == str(tender)
    assert finding["location"]["line"] == 1 and finding["location"]["column"] == 31
    assert finding["text"] == BRAND.strip()
    assert finding["match"] == "Microsoft Dynamics 365"
    assert "equivalent" in finding["suggestion"]
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 0, "info": 0}
    [scorecard] = data["scorecards"]
    assert scorecard["path"] == str(tender)
    statuses = {entry["category"]: entry["status"] for entry in scorecard["categories"]}
    assert statuses == {"over-specification": "not met"}


def test_document_level_finding_has_null_text(tmp_path: Path) -> None:
    path = tmp_path / "itt.txt"
    path.write_text("Tenders will be evaluated on quality (70%) and price (30%).\n", encoding="utf-8")
    _, out, _ = _run("check", "--no-config", "--format", "json", "--select", "SV-MISSING", str(path))
    [finding] = json.loads(out)["findings"]
    assert finding["text"] is None and finding["location"] == {}
    assert "Social value" in finding["suggestion"]


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_levels(tender: Path, fail_on: str, expected: int) -> None:
    assert _run("check", "--no-config", "--fail-on", fail_on, str(tender))[0] == expected


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text("The contractor will develop a bespoke CRM for the Council.\n\n" + CLEAN, encoding="utf-8")
    assert _run("check", "--no-config", "--fail-on", "error", str(path))[0] == 0
    assert _run("check", "--no-config", str(path))[0] == 1


@pytest.mark.parametrize("selector", ["SPEC-BRAND", "SPEC", "over-specification", "spec-brand"])
def test_select_forms(tender: Path, selector: str) -> None:
    code, out, _ = _run("check", "--no-config", "--select", selector, str(tender))
    assert code == 1 and "SPEC-BRAND" in out


@pytest.mark.parametrize("selector", ["SPEC-BRAND", "SPEC", "over-specification"])
def test_ignore_forms(tender: Path, selector: str) -> None:
    _, out, _ = _run("check", "--no-config", "--ignore", selector, str(tender))
    assert "SPEC-BRAND" not in out


def test_unknown_selector_is_a_usage_error(tender: Path) -> None:
    code, _, err = _run("check", "--no-config", "--select", "NOPE-RULE", str(tender))
    assert code == 2 and "no rule, rule prefix or category called 'NOPE-RULE'" in err


def test_output_file_is_written(tender: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    code, out, _ = _run("check", "--no-config", "--select", "SPEC", "--format", "json", "-o", str(target), str(tender))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["findings"][0]["rule"] == "SPEC-BRAND"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_unreadable_files_exit_2_and_others_are_still_linted(tender: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file at all")
    blob = tmp_path / "blob.md"
    blob.write_bytes(bytes(range(256)) * 4)
    before = broken.read_bytes(), blob.read_bytes()
    code, out, err = _run("check", "--no-config", str(broken), str(tender), str(blob), str(tmp_path / "missing.pdf"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert f"tenderlint: {broken}: not a .docx file" in err
    assert f"tenderlint: {blob}: binary data, not text" in err
    assert f"{tmp_path / 'missing.pdf'}: no such file or directory" in err
    assert "Traceback" not in err + out
    assert "SPEC-BRAND" in out
    assert (broken.read_bytes(), blob.read_bytes()) == before


def test_directory_argument_lints_supported_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text(BRAND, encoding="utf-8")
    (tmp_path / "two.txt").write_text(BRAND, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(BRAND, encoding="utf-8")
    _, out, _ = _run("check", "--no-config", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / "a" / "one.md"), str(tmp_path / "two.txt")]


def test_stdin(tmp_path: Path) -> None:
    code, out, _ = _run("check", "--no-config", "-", stdin=BRAND)
    assert code == 1 and "<stdin>:1:31: error SPEC-BRAND" in out


def test_config_file_is_found_and_applied(tender: Path) -> None:
    (tender.parent / ".tenderlint.yaml").write_text("ignore: [SPEC-BRAND]\nfail_on: error\n", encoding="utf-8")
    code, out, _ = _run("check", tender.name, cwd=tender.parent)
    assert "SPEC-BRAND" not in out and code == 0


def test_bad_config_is_a_usage_error(tender: Path) -> None:
    (tender.parent / ".tenderlint.yaml").write_text("colour: red\n", encoding="utf-8")
    code, _, err = _run("check", tender.name, cwd=tender.parent)
    assert code == 2 and "unknown key 'colour'" in err


def test_contract_value_option(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Bidders must have a minimum annual turnover of £1m.\n", encoding="utf-8")
    _, out, _ = _run("check", "--no-config", "--select", "SME-TURNOVER", "--contract-value", "£200k", str(path))
    assert "more than twice the contract value (£400k limit)" in out
    _, out, _ = _run("check", "--no-config", "--select", "SME-TURNOVER", "--contract-value", "600000", str(path))
    assert "SME-TURNOVER" not in out


def test_rules_and_explain() -> None:
    code, out, _ = _run("rules")
    assert code == 0 and "SPEC-BRAND" in out and "over-specification" in out
    code, out, _ = _run("explain", "SPEC-BRAND")
    assert code == 0
    for heading in ("What it checks", "Why it matters", "Example", "Write instead", "Sources"):
        assert heading in out
    assert "legislation.gov.uk/ukpga/2023/54/section/56" in out


def test_explain_unknown_rule_suggests() -> None:
    code, _, err = _run("explain", "SPEC-BRAN")
    assert code == 2 and "Did you mean SPEC-BRAND" in err


def test_real_subprocess_and_lazy_spacy(tender: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tenderlint", "check", "--no-config", str(tender)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1 and "SPEC-BRAND" in result.stdout
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys; from tenderlint.cli import main\n"
         "for args in (['--help'], ['--version'], ['rules'], ['explain', 'SPEC-BRAND']):\n"
         "    try: main(args)\n"
         "    except SystemExit: pass\n"
         "print('spacy' in sys.modules, 'docx' in sys.modules, 'pypdfium2' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, check=False,
    )
    assert probe.stderr.strip().splitlines()[-1] == "False False False"


def test_ignore_missing_clauses(tmp_path: Path) -> None:
    path = tmp_path / "part.txt"
    path.write_text(BRAND, encoding="utf-8")
    _, out, _ = _run("check", "--no-config", "--no-scorecard", "--format", "json", str(path))
    findings = json.loads(out)["findings"]
    assert any(f["text"] is None for f in findings) and any(f["rule"] == "SPEC-BRAND" for f in findings)
    _, out, _ = _run("check", "--no-config", "--format", "json", "--ignore", "missing-clauses", str(path))
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["SPEC-BRAND"]


def _labelled_corpus(tmp_path: Path) -> Path:
    """One document whose brand sentence a reviewer labelled as over-specification."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "spec.txt").write_text(BRAND + "\n" + CLEAN, encoding="utf-8")
    document = {"file": "docs/spec.txt", "scope": "fragment", "missing": {}, "ok": [],
                "findings": [{"category": "over-specification", "quote": BRAND.strip()}]}
    labels = tmp_path / "labels.yaml"
    labels.write_text(json.dumps({"version": 1, "documents": [document]}), encoding="utf-8")  # JSON is YAML
    return labels


def _over_specification(out: str) -> tuple[int, int, int]:
    tally = json.loads(out)["sentences"].get("over-specification", {"tp": 0, "fp": 0, "fn": 0})
    return tally["tp"], tally["fp"], tally["fn"]


def test_eval_output_file_is_written_and_nothing_else(tmp_path: Path) -> None:
    labels = _labelled_corpus(tmp_path)
    target = tmp_path / "out" / "eval.json"
    target.parent.mkdir()
    code, out, _ = _run("eval", str(labels), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["documents"] == 1
    assert _over_specification(target.read_text(encoding="utf-8")) == (1, 0, 0)
    _, shown, _ = _run("eval", str(labels))
    code, out, _ = _run("eval", str(labels), "--output", str(target.parent / "eval.txt"))
    assert code == 0 and out == ""
    assert (target.parent / "eval.txt").read_text(encoding="utf-8") == shown
    assert sorted(p.name for p in target.parent.iterdir()) == ["eval.json", "eval.txt"]


def test_eval_config_file_changes_the_linter_scored(tmp_path: Path) -> None:
    labels = _labelled_corpus(tmp_path)
    config = tmp_path / "officer.yaml"
    config.write_text("ignore: [SPEC-BRAND]\n", encoding="utf-8")
    _, default, _ = _run("eval", str(labels), "--format", "json")
    code, configured, _ = _run("eval", str(labels), "--format", "json", "--config", str(config))
    assert code == 0
    assert _over_specification(default) == (1, 0, 0)
    assert _over_specification(configured) == (0, 0, 1)  # with the brand rule off, the labelled sentence is missed
    assert "SPEC-BRAND" in json.loads(default)["rules"] and "SPEC-BRAND" not in json.loads(configured)["rules"]
    # without --config, a configuration file in the working directory is not read
    (tmp_path / ".tenderlint.yaml").write_text("ignore: [SPEC-BRAND]\n", encoding="utf-8")
    _, found, _ = _run("eval", str(labels), "--format", "json", cwd=tmp_path)
    assert _over_specification(found) == (1, 0, 0)


def test_eval_config_errors_are_usage_errors(tmp_path: Path) -> None:
    labels = _labelled_corpus(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("colour: red\n", encoding="utf-8")
    code, _, err = _run("eval", str(labels), "--config", str(bad))
    assert code == 2 and "unknown key 'colour'" in err
    code, _, err = _run("eval", str(labels), "--against", str(labels), "--config", str(bad))
    assert code == 2 and "--config has no effect with --against" in err
