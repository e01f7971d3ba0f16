"""A broken rule file gives an error that names the file, the rule and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tenderlint.rules.loader import RuleFileError, load_ruleset

GOOD_RULE: dict[str, Any] = {
    "id": "TEST-WORD",
    "title": "A test rule",
    "kind": "phrase",
    "category": "clarity",
    "severity": "info",
    "message": "'{match}' found",
    "rationale": "Because.",
    "suggestion": "Do otherwise.",
    "sources": [{"title": "A source", "url": "https://example.org"}],
    "match": {"patterns": [r"\bwidget\b"]},
    "examples": {"flag": ["A widget must be supplied."], "pass": ["A gadget must be supplied."]},
}


def _write(tmp_path: Path, rule: dict[str, Any], name: str | None = None) -> Path:
    folder = tmp_path / "rules" / "test"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name or rule['id']}.yaml").write_text(yaml.safe_dump(rule), encoding="utf-8")
    return tmp_path / "rules"


def _error(tmp_path: Path, **changes: Any) -> RuleFileError:
    rule = {**GOOD_RULE, **changes}
    rule = {key: value for key, value in rule.items() if value is not None}
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(_write(tmp_path, rule))
    return caught.value


def test_a_good_rule_loads(tmp_path: Path) -> None:
    [rule] = load_ruleset(_write(tmp_path, GOOD_RULE))
    assert rule.id == "TEST-WORD" and rule.spec.match.search("one widget")  # type: ignore[union-attr]


def test_bad_regex_names_file_rule_and_field(tmp_path: Path) -> None:
    error = _error(tmp_path, match={"patterns": ["ok", "(unclosed"]})
    assert "TEST-WORD.yaml" in str(error)
    assert "rule TEST-WORD" in str(error)
    assert "field 'match.patterns[1]'" in str(error)
    assert "invalid regular expression" in str(error)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"severity": "critical"}, "severity", "must be one of info, warning, error"),
        ({"category": "spelling"}, "category", "must be one of"),
        ({"kind": "fuzzy"}, "kind", "must be one of phrase, required"),
        ({"message": None}, "message", "is required"),
        ({"sources": []}, "sources", "at least one source"),
        ({"examples": {"flag": ["x"]}}, "examples", "non-empty 'flag' and 'pass'"),
        ({"colour": "red"}, "colour", "not a known field"),
        ({"match": {"terms": ["nope"]}}, "match.terms[0]", "no term list named 'nope'"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, changes: dict[str, Any], field: str, words: str) -> None:
    error = _error(tmp_path, **changes)
    assert error.field == field
    assert words in str(error)
    assert error.rule == "TEST-WORD"


def test_threshold_needs_its_limit(tmp_path: Path) -> None:
    rule = {**GOOD_RULE, "kind": "threshold", "trigger": ["turnover"], "quantity": "money"}
    del rule["match"]
    with pytest.raises(RuleFileError, match=r"field 'params.limit': must be a number"):
        load_ruleset(_write(tmp_path, rule))


def test_file_name_must_match_id(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="must match the file name"):
        load_ruleset(_write(tmp_path, GOOD_RULE, name="OTHER-NAME"))


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "BAD-YAML.yaml").write_text("id: BAD-YAML\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"BAD-YAML.yaml: invalid YAML at line \d"):
        load_ruleset(folder)


def test_duplicate_ids_in_one_ruleset_are_refused(tmp_path: Path) -> None:
    root = _write(tmp_path, GOOD_RULE)
    (root / "other").mkdir()
    (root / "other" / "TEST-WORD.yaml").write_text(yaml.safe_dump(GOOD_RULE), encoding="utf-8")
    with pytest.raises(RuleFileError, match="field 'id': is already used by"):
        load_ruleset(root)


def test_an_edited_rule_file_is_compiled_again(tmp_path: Path) -> None:
    root = _write(tmp_path, GOOD_RULE)
    assert load_ruleset(root)[0].severity.value == "info"
    _write(tmp_path, {**GOOD_RULE, "severity": "error", "title": "A changed test rule"})
    assert load_ruleset(root)[0].severity.value == "error"
