"""Load rule files (YAML) into validated, compiled Rule objects.

Every mistake in a rule file is reported as a RuleFileError that names the file, the
rule and the field, so a ruleset author can fix it without reading this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tenderlint.findings import Category, Severity
from tenderlint.rules.model import (
    Example,
    KindSpec,
    Measure,
    MetricSpec,
    PhraseSpec,
    PythonSpec,
    Quantity,
    Relax,
    Repeats,
    RequiredSpec,
    Rule,
    RuleKind,
    Scope,
    Source,
    ThresholdSpec,
)

# libyaml's loader reads the ruleset several times faster than the pure-Python one.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RULE_ID = re.compile(r"^[A-Z]+(?:-[A-Z0-9]+)+$")

COMMON_KEYS = {
    "id", "title", "kind", "category", "severity", "scope", "message", "rationale",
    "suggestion", "sources", "examples", "params", "since", "status", "model_clause", "repeats",
}
KIND_KEYS: dict[RuleKind, set[str]] = {
    RuleKind.PHRASE: {"match", "unless", "unless_document", "relax", "negation", "skip_questions"},
    RuleKind.REQUIRED: {"clause", "when", "negation"},
    RuleKind.THRESHOLD: {
        "trigger", "quantity", "compare", "near", "relative_to", "unless", "unless_document",
        "skip_questions", "relax",
    },
    RuleKind.METRIC: {"measure", "patterns", "compare"},
    RuleKind.PYTHON: {"entry_point", "checks"},
}
REQUIRED_KEYS = {"id", "title", "kind", "category", "severity", "message", "rationale",
                 "suggestion", "sources", "examples"}


class RuleFileError(ValueError):
    """A rule or term file that cannot be used; the message names file, rule and field."""

    def __init__(self, path: Path | str, rule: str | None, field: str | None, problem: str) -> None:
        where = str(path)
        if rule:
            where += f": rule {rule}"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.rule = rule
        self.field = field
        self.problem = problem


class _Reader:
    """Reads one rule mapping, raising errors that carry its file and id."""

    def __init__(self, path: Path, data: Mapping[str, Any], terms: Mapping[str, str]) -> None:
        self.path = path
        self.data = data
        self.terms = terms
        rule_id = data.get("id")
        self.rule_id = rule_id if isinstance(rule_id, str) else None

    def fail(self, field: str | None, problem: str) -> RuleFileError:
        return RuleFileError(self.path, self.rule_id, field, problem)

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return " ".join(value.split()) if key != "model_clause" else value.strip()

    def choice(self, key: str, enum: Any, default: str | None = None) -> Any:
        value = self.data.get(key, default)
        allowed = [member.value for member in enum]
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)} (got {value!r})")
        return enum(value)

    def patterns(self, key: str, value: Any = None, *, required: bool = False) -> re.Pattern[str] | None:
        """Compile a pattern field: a regex, a list of them, or ``{terms: [...], patterns: [...]}``."""
        value = self.data.get(key) if value is None else value
        if value is None:
            if required:
                raise self.fail(key, "is required for this kind of rule")
            return None
        named, patterns = self._sources(key, value)
        try:
            return compile_any(named + patterns)
        except re.error:
            # Compile one by one only to say which pattern is broken: compiling is the costly part.
            for index, pattern in enumerate(patterns):
                try:
                    re.compile(pattern, re.IGNORECASE)
                except re.error as error:
                    field = f"{key}.patterns[{index}]" if isinstance(value, dict) else f"{key}[{index}]"
                    raise self.fail(field, f"invalid regular expression: {error}") from None
            raise

    def _sources(self, key: str, value: Any) -> tuple[list[str], list[str]]:
        """The regex sources of a pattern field: those of named term lists, then the patterns."""
        if isinstance(value, dict):
            unknown = set(value) - {"patterns", "terms"}
            if unknown:
                raise self.fail(key, f"unknown key(s) {', '.join(sorted(unknown))} (use terms, patterns)")
            names, patterns = value.get("terms") or [], value.get("patterns") or []
        else:
            names, patterns = [], value
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not isinstance(names, list) or not (patterns or names):
            raise self.fail(key, "needs regular expressions, or 'terms' (term list names) and/or 'patterns'")
        prefix = f"{key}.patterns" if isinstance(value, dict) else key
        for index, pattern in enumerate(patterns):
            if not isinstance(pattern, str) or not pattern:
                raise self.fail(f"{prefix}[{index}]", "must be a non-empty string")
        sources = []
        for index, name in enumerate(names):
            if name not in self.terms:
                known = ", ".join(sorted(self.terms)) or "none"
                raise self.fail(f"{key}.terms[{index}]", f"no term list named {name!r} (known: {known})")
            sources.append(self.terms[name])
        return sources, list(patterns)

    def match(self) -> re.Pattern[str]:
        compiled = self.patterns("match", required=True)
        assert compiled is not None
        return compiled

    def relax(self) -> tuple[Relax, ...]:
        entries = self.data.get("relax") or []
        if not isinstance(entries, list):
            raise self.fail("relax", "must be a list")
        result = []
        for index, entry in enumerate(entries):
            field = f"relax[{index}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a mapping with where, patterns, severity and note")
            where = entry.get("where", "sentence")
            if where not in ("sentence", "document", "same-words"):
                raise self.fail(f"{field}.where", "must be 'sentence', 'document' or 'same-words'")
            pattern = self.patterns(f"{field}.patterns", entry.get("patterns"), required=True)
            assert pattern is not None
            try:
                severity = Severity(entry.get("severity", "info"))
            except ValueError:
                raise self.fail(f"{field}.severity", "must be error, warning or info") from None
            note = entry.get("note")
            if not isinstance(note, str) or not note:
                raise self.fail(f"{field}.note", "must say why the severity is lowered")
            result.append(Relax(where, pattern, severity, " ".join(note.split())))
        return tuple(result)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def sources(self) -> tuple[Source, ...]:
        entries = self.data.get("sources")
        if not isinstance(entries, list) or not entries:
            raise self.fail("sources", "must list at least one source with title and url")
        result = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not entry.get("title") or not entry.get("url"):
                raise self.fail(f"sources[{index}]", "needs a title and a url")
            unknown = set(entry) - {"title", "url", "section"}
            if unknown:
                raise self.fail(f"sources[{index}]", f"unknown key(s) {', '.join(sorted(unknown))}")
            result.append(Source(str(entry["title"]), str(entry["url"]), entry.get("section")))
        return tuple(result)

    def examples(self) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        value = self.data.get("examples")
        if not isinstance(value, dict) or not value.get("flag") or not value.get("pass"):
            raise self.fail("examples", "needs non-empty 'flag' and 'pass' lists")
        unknown = set(value) - {"flag", "pass"}
        if unknown:
            raise self.fail("examples", f"unknown key(s) {', '.join(sorted(unknown))}")
        return self._example_list("flag", value["flag"]), self._example_list("pass", value["pass"])

    def _example_list(self, key: str, entries: Any) -> tuple[Example, ...]:
        if not isinstance(entries, list):
            raise self.fail(f"examples.{key}", "must be a list")
        result = []
        for index, entry in enumerate(entries):
            field = f"examples.{key}[{index}]"
            if isinstance(entry, str):
                result.append(Example(entry))
            elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
                severity = entry.get("severity")
                if severity is not None and severity not in {s.value for s in Severity}:
                    raise self.fail(f"{field}.severity", "must be error, warning or info")
                result.append(Example(entry["text"], Severity(severity) if severity else None))
            else:
                raise self.fail(field, "must be a string or a mapping with 'text'")
        return tuple(result)

    def params(self) -> dict[str, Any]:
        value = self.data.get("params") or {}
        if not isinstance(value, dict):
            raise self.fail("params", "must be a mapping of names to values")
        return dict(value)


def compile_any(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex that matches any of ``patterns``."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _kind_spec(reader: _Reader, kind: RuleKind, params: dict[str, Any]) -> KindSpec:
    if kind is RuleKind.PHRASE:
        return PhraseSpec(
            match=reader.match(),
            unless=reader.patterns("unless"),
            unless_document=reader.patterns("unless_document"),
            relax=reader.relax(),
            negation=reader.flag("negation", True),
            skip_questions=reader.flag("skip_questions", True),
        )
    if kind is RuleKind.REQUIRED:
        clause = reader.patterns("clause", required=True)
        assert clause is not None
        return _required_spec(reader, clause)
    if kind is RuleKind.THRESHOLD:
        return _threshold_spec(reader, params)
    if kind is RuleKind.METRIC:
        measure = reader.choice("measure", Measure)
        pattern = reader.patterns("patterns", required=measure is not Measure.REQUIREMENT_DENSITY)
        _require_param(reader, params, "limit")
        compare = reader.data.get("compare", "above")
        if compare not in ("above", "below"):
            raise reader.fail("compare", "must be 'above' or 'below'")
        return MetricSpec(measure, pattern, compare)
    entry_point = reader.data.get("entry_point")
    if not isinstance(entry_point, str) or not entry_point:
        raise reader.fail("entry_point", "must name an entry point in the 'tenderlint.rules' group")
    return PythonSpec(entry_point, reader.text("checks", required=False) or None)


def _required_spec(reader: _Reader, clause: re.Pattern[str]) -> RequiredSpec:
    when = reader.data.get("when")
    negation = reader.flag("negation", True)
    if not isinstance(when, dict):
        return RequiredSpec(clause, reader.patterns("when"), negation)
    unknown = sorted(set(when) - {"any", "areas", "at_least"})
    if unknown:
        raise reader.fail("when", f"unknown key(s) {', '.join(unknown)} (use any, areas, at_least)")
    areas = when.get("areas") or []
    at_least = when.get("at_least", 0)
    if bool(areas) != bool(at_least) or not isinstance(at_least, int) or at_least < 0 or at_least > len(areas):
        raise reader.fail("when", "'areas' (a list) and 'at_least' (a number no larger than the list) go together")
    compiled = []
    for index, area in enumerate(areas):
        pattern = reader.patterns(f"when.areas[{index}]", area, required=True)
        assert pattern is not None
        compiled.append(pattern)
    any_of = reader.patterns("when.any", when["any"]) if when.get("any") else None
    return RequiredSpec(clause, any_of, negation, tuple(compiled), at_least)


def _threshold_spec(reader: _Reader, params: dict[str, Any]) -> ThresholdSpec:
    trigger = reader.patterns("trigger", required=True)
    assert trigger is not None
    compare = reader.data.get("compare", "above")
    if compare not in ("above", "below"):
        raise reader.fail("compare", "must be 'above' or 'below'")
    relative_to = reader.data.get("relative_to")
    if relative_to not in (None, "contract_value"):
        raise reader.fail("relative_to", "must be 'contract_value' when given")
    if relative_to:
        _require_param(reader, params, "factor")
    else:
        _require_param(reader, params, "limit")
    near = reader.data.get("near", 80)
    if not isinstance(near, int) or near <= 0:
        raise reader.fail("near", "must be a positive number of characters")
    return ThresholdSpec(
        trigger=trigger,
        quantity=reader.choice("quantity", Quantity),
        compare=compare,
        near=near,
        relative_to_contract_value=bool(relative_to),
        unless=reader.patterns("unless"),
        unless_document=reader.patterns("unless_document"),
        skip_questions=reader.flag("skip_questions", True),
        relax=reader.relax(),
    )


def _require_param(reader: _Reader, params: dict[str, Any], name: str) -> None:
    if not isinstance(params.get(name), (int, float)):
        raise reader.fail(f"params.{name}", "must be a number")


def rule_from_mapping(path: Path, data: Any, terms: Mapping[str, str]) -> Rule:
    """Validate and compile one rule mapping read from ``path``."""
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "a rule file must hold one YAML mapping")
    reader = _Reader(path, data, terms)
    missing = sorted(REQUIRED_KEYS - set(data))
    if missing:
        raise reader.fail(missing[0], "is required")
    if reader.rule_id is None or not RULE_ID.match(reader.rule_id):
        raise reader.fail("id", "must look like AREA-NAME in capitals, for example SPEC-BRAND")
    if path.suffix in (".yaml", ".yml") and path.stem != reader.rule_id:
        raise reader.fail("id", f"must match the file name ({path.stem})")
    kind = reader.choice("kind", RuleKind)
    unknown = sorted(set(data) - COMMON_KEYS - KIND_KEYS[kind])
    if unknown:
        raise reader.fail(unknown[0], f"is not a known field for a {kind.value} rule")
    params = reader.params()
    default_scope = "requirement" if kind is RuleKind.PHRASE else "sentence"
    flag_examples, pass_examples = reader.examples()
    return Rule(
        id=reader.rule_id,
        title=reader.text("title"),
        kind=kind,
        category=reader.choice("category", Category),
        severity=reader.choice("severity", Severity),
        scope=reader.choice("scope", Scope, default_scope),
        message=reader.text("message"),
        rationale=reader.text("rationale"),
        suggestion=reader.text("suggestion"),
        sources=reader.sources(),
        examples_flag=flag_examples,
        examples_pass=pass_examples,
        spec=_kind_spec(reader, kind, params),
        path=path,
        model_clause=reader.text("model_clause", required=False) or None,
        repeats=reader.choice("repeats", Repeats, "each"),
        params=params,
        since=str(data.get("since", "0.1.0")),
        status=str(data.get("status", "stable")),
    )


def load_terms(directory: Path) -> dict[str, str]:
    """Term lists (``terms/*.yaml``) as named regex sources, one alternation each."""
    terms: dict[str, str] = {}
    if not directory.is_dir():
        return terms
    for path in sorted(directory.glob("*.yaml")):
        data = _read_yaml(path)
        if not isinstance(data, dict) or not (isinstance(data.get("terms"), list)
                                              or isinstance(data.get("patterns"), list)):
            raise RuleFileError(path, None, "terms", "a term list needs a 'terms' list of words or 'patterns'")
        words = [str(term) for term in data.get("terms") or [] if str(term).strip()]
        patterns = [str(pattern) for pattern in data.get("patterns") or [] if str(pattern)]
        if not words and not patterns:
            raise RuleFileError(path, None, "terms", "is empty")
        # Terms such as "C#" or ".NET" start or end in punctuation, where \b would not hold.
        parts = [rf"(?<![\w.]){_trie_pattern(words)}(?![\w])"] if words else []
        body = "|".join(parts + [f"(?:{pattern})" for pattern in patterns])
        try:
            re.compile(body)
        except re.error as error:
            raise RuleFileError(path, None, "patterns", f"invalid regular expression: {error}") from None
        if data.get("versions", False):
            # "SQL Server 2019", "Windows 11", "Dynamics 365 v9.2": the version belongs to the name.
            body = rf"(?:{body})(?:\s+(?:v(?:ersion)?\s?)?\d+(?:\.\d+)*(?![\w%]))?"
        if data.get("case_sensitive", False):
            body = f"(?-i:{body})"
        terms[path.stem] = body
    return terms


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, shaped as a trie so matching tries one branch per character.

    A plain alternation of a hundred product names makes the regex engine try every name at
    every position; the trie shares prefixes. An ending inside the trie is an optional group,
    so the longest name wins ("Dynamics 365" over "Dynamics").
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word.strip():
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [_trie_char(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{render(trie)})"


def _trie_char(char: str) -> str:
    return r"[\s-]+" if char == " " else re.escape(char)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RuleFileError(path, None, None, f"invalid YAML{where}: {getattr(error, 'problem', error)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(path, None, None, f"cannot read: {error}") from None


def load_ruleset(directory: Path) -> list[Rule]:
    """Every rule under ``directory`` (one per ``*.yaml`` file; ``terms/`` holds term lists).

    Compiled rules are kept for the life of the process (with the spaCy pipeline, the only
    cache the project keeps) and compiled again if any file in the folder changes.
    """
    if not directory.is_dir():
        raise RuleFileError(directory, None, None, "ruleset folder not found")
    files = tuple(sorted(directory.rglob("*.yaml")))
    signature = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return list(_compiled_ruleset(directory, signature))


@lru_cache(maxsize=16)
def _compiled_ruleset(directory: Path, signature: tuple[tuple[str, int, int], ...]) -> tuple[Rule, ...]:
    terms = load_terms(directory / "terms")
    rules = []
    seen: dict[str, Path] = {}
    for name, _, _ in signature:
        path = Path(name)
        relative = path.relative_to(directory)
        if relative.parts[0] == "terms" or path.name == "ruleset.yaml":
            continue
        rule = rule_from_mapping(path, _read_yaml(path), terms)
        if rule.id in seen:
            raise RuleFileError(path, rule.id, "id", f"is already used by {seen[rule.id]}")
        seen[rule.id] = path
        rules.append(rule)
    return tuple(rules)


def load_rulesets(directories: Iterable[Path]) -> list[Rule]:
    """Rules from several folders; a later folder's rule replaces an earlier one with its id."""
    by_id: dict[str, Rule] = {}
    for directory in directories:
        for rule in load_ruleset(directory):
            by_id[rule.id] = rule
    return sorted(by_id.values(), key=lambda rule: rule.id)


def default_ruleset_dir() -> Path:
    """The shipped default ruleset: inside the installed package, or the checkout's rulesets/."""
    from importlib.resources import files

    packaged = Path(str(files("tenderlint"))) / "rulesets" / "default"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "rulesets" / "default"
    if checkout.is_dir():
        return checkout
    raise RuleFileError(packaged, None, None, "the default ruleset is missing from this installation")
