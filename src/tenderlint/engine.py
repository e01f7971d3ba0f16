"""The Linter: parse → segment → rules → findings, for files, folders, packs and strings."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tenderlint.config import Config
from tenderlint.document import Document, Location, UnreadableDocument
from tenderlint.findings import Finding
from tenderlint.results import FileResult, Report
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import Repeats, Rule, RuleKind
from tenderlint.rules.quantities import ContractValue, find_contract_value
from tenderlint.rules.selection import matches_selector, select_rules
from tenderlint.scorecard import score_categories

KindCheck = Callable[[Rule, RuleContext], Iterable[Hit]]


def _kind_checks() -> dict[RuleKind, KindCheck]:
    from tenderlint.rules.kinds import metric, phrase, required, threshold

    return {
        RuleKind.PHRASE: phrase.check,
        RuleKind.REQUIRED: required.check,
        RuleKind.THRESHOLD: threshold.check,
        RuleKind.METRIC: metric.check,
    }


def load_rules(config: Config) -> list[Rule]:
    """The rules the configuration asks for (default ruleset plus extra folders)."""
    from tenderlint.rules.loader import default_ruleset_dir, load_rulesets

    folders = ([default_ruleset_dir()] if config.default_ruleset else []) + list(config.rulesets)
    return load_rulesets(folders)


class Linter:
    """Compiles the selected rules once; lint as many files as you like with it.

    Raises RuleFileError for a broken rule file and ValueError for an unknown selector.
    """

    def __init__(self, config: Config | None = None, rules: Sequence[Rule] | None = None) -> None:
        self.config = config or Config()
        available = list(rules) if rules is not None else load_rules(self.config)
        self.rules = select_rules(available, self.config)
        self._checks: dict[str, KindCheck] = {}
        kinds = _kind_checks()
        for rule in self.rules:
            if rule.kind is RuleKind.PYTHON:
                from tenderlint.rules.kinds.python import resolve

                self._checks[rule.id] = resolve(rule)
            else:
                self._checks[rule.id] = kinds[rule.kind]

    # -- public entry points -------------------------------------------------------

    def lint_file(self, path: str | Path) -> Report:
        return self.lint_paths([path])

    def lint_paths(self, paths: Iterable[str | Path]) -> Report:
        """Lint files and folders (every supported file under a folder, recursively)."""
        report = Report()
        documents: list[Document] = []
        for path, shown in self._expand(paths, report):
            document = self._parse(path, shown, report)
            if document is not None:
                documents.append(document)
        units = [documents] if self.config.pack and len(documents) > 1 else [[d] for d in documents]
        for unit in units:
            self._lint_unit(unit, report, pack_name="tender pack" if len(unit) > 1 else None)
        report.findings = sort_findings(report.findings)
        return report

    def lint_text(self, text: str, name: str = "<text>", markdown: bool = False) -> Report:
        """Lint a string as if it were a .txt (or .md) file called ``name``."""
        from tenderlint.parsers import parse_string

        report = Report()
        try:
            document = parse_string(text, name, "markdown" if markdown else "text")
        except UnreadableDocument as error:
            report.files.append(FileResult(name, "error", error.reason))
            return report
        _add_file_result(report, document)
        self._lint_unit([document], report)
        report.findings = sort_findings(report.findings)
        return report

    def lint_documents(self, documents: Sequence[Document], pack_name: str | None = None) -> list[Finding]:
        """Findings for parsed documents, linted together as one tender when there are several."""
        findings, _ = self._run_rules(documents, pack_name)
        return findings

    def _lint_unit(self, documents: Sequence[Document], report: Report, pack_name: str | None = None) -> None:
        findings, not_applicable = self._run_rules(documents, pack_name)
        report.findings.extend(findings)
        report.scorecards[pack_name or documents[0].path] = score_categories(self.rules, findings, not_applicable)

    def _run_rules(self, documents: Sequence[Document], pack_name: str | None) -> tuple[list[Finding], set[str]]:
        context = self.context(documents, pack_name)
        findings = []
        for rule in self.rules:
            found = []
            for hit in self._checks[rule.id](rule, context):
                finding = self._finding(rule, hit, context)
                if not _suppressed(finding, hit, documents, rule.kind is RuleKind.REQUIRED):
                    found.append(finding)
            findings.extend(fold_repeats(found) if rule.repeats is Repeats.FIRST else found)
        return findings, context.not_applicable

    def context(self, documents: Sequence[Document], pack_name: str | None = None) -> RuleContext:
        from tenderlint.nlp import Sentence, segment

        sentences: list[Sentence] = []
        offsets: list[int] = []
        base = 0
        for document in documents:
            block_starts = []
            for block in document.blocks:
                block_starts.append(base)
                base += len(block.text) + 1
            for sentence in segment(document):
                sentences.append(sentence)
                offsets.append(block_starts[sentence.block_index] + sentence.start)
        texts = [sentence.text for sentence in sentences]
        return RuleContext(
            path=pack_name or documents[0].path,
            documents=list(documents),
            sentences=sentences,
            sentence_offsets=offsets,
            # Joined block by block (not document by document), so the offsets above hold even
            # when a document has no blocks.
            full_text="\n".join(block.text for document in documents for block in document.blocks),
            contract_value=self._contract_value(texts),
            word_count=sum(len(text.split()) for text in texts),
        )

    # -- helpers -------------------------------------------------------------------

    def _contract_value(self, texts: list[str]) -> ContractValue | None:
        if self.config.contract_value is not None:
            return ContractValue(self.config.contract_value, "configuration", annual=False)
        return find_contract_value(texts)

    def _expand(self, paths: Iterable[str | Path], report: Report) -> Iterator[tuple[Path, str]]:
        from tenderlint.parsers import is_supported

        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found = sorted(
                    candidate for candidate in path.rglob("*")
                    if candidate.is_file() and is_supported(candidate)
                    and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
                )
                for candidate in found:
                    if not self._excluded(candidate, candidate.relative_to(path)):
                        yield candidate, str(candidate)
            elif not path.exists():
                report.files.append(FileResult(str(raw), "error", "no such file or directory"))
            elif not self._excluded(path, path):
                yield path, str(raw)

    def _excluded(self, path: Path, relative: Path) -> bool:
        """Whether an ``exclude`` glob matches the file's path, its path under the folder given, or its name."""
        names = {path.as_posix(), relative.as_posix(), path.name}
        return any(fnmatch.fnmatch(name, pattern) for name in names for pattern in self.config.exclude)

    def _parse(self, path: Path, shown: str, report: Report) -> Document | None:
        from tenderlint.parsers import parse

        try:
            document = parse(path, shown)
        except UnreadableDocument as error:
            report.files.append(FileResult(shown, "error", error.reason))
            return None
        _add_file_result(report, document)
        return document

    def _finding(self, rule: Rule, hit: Hit, context: RuleContext) -> Finding:
        values: dict[str, Any] = dict(hit.values)
        sentence = hit.sentence
        if sentence is not None:
            values.setdefault("match", sentence.text[hit.start:hit.end])
            location = sentence.location(hit.start, hit.end)
        else:
            location = Location(context.path)
        severity = self.config.severity.get(rule.id) or hit.severity or rule.severity
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=severity,
            message=rule.message.format_map(_Placeholders(values)),
            location=location,
            text=sentence.text if sentence is not None else None,
            match=sentence.text[hit.start:hit.end] if sentence is not None else None,
            suggestion=rule.model_clause or rule.suggestion,
            note=hit.note,
            relaxed=hit.relaxed,
            extra={key: value for key, value in values.items() if key != "match"},
        )


def fold_repeats(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per file for each message, where it first occurs, listing where it recurs.

    A brand named in ten requirements is one problem with ten places, and one general
    equivalence statement can answer all of them; ten identical findings would bury the rest.
    """
    first: dict[tuple[str, str], Finding] = {}
    later: dict[tuple[str, str], list[Finding]] = {}
    for finding in sort_findings(findings):
        key = (finding.path, finding.message)
        if key in first:
            later[key].append(finding)
        else:
            first[key], later[key] = finding, []
    folded = []
    for key, finding in first.items():
        recurrences = later[key]
        if recurrences:
            places = [recurrence.location.label() for recurrence in recurrences]
            also = f"The same finding recurs in {len(places)} later sentence(s): {', '.join(places[:10])}"
            also += " and more." if len(places) > 10 else "."
            note = f"{finding.note} {also}" if finding.note else also
            finding = replace(finding, note=note, extra={**finding.extra, "repeats": places},
                              recurrences=tuple(recurrences))
        folded.append(finding)
    return folded


def _add_file_result(report: Report, document: Document) -> None:
    """Record a file that was read: its format, the parser's warnings and its size in blocks."""
    report.files.append(FileResult(
        document.path, format=document.format, warnings=list(document.warnings),
        metrics={"blocks": float(len(document.blocks))},
    ))


class _Placeholders(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _suppressed(finding: Finding, hit: Hit, documents: Sequence[Document], missing_clause: bool) -> bool:
    for document in documents:
        if document.path != finding.location.path and len(documents) > 1:
            continue
        for suppression in document.suppressions:
            covers_block = suppression.block is None or (
                hit.sentence is not None and hit.sentence.block_index == suppression.block
                and hit.sentence.block.location.path == document.path
            )
            if covers_block and (
                not suppression.rules
                or any(matches_selector(token, finding.rule, finding.category.value, missing_clause)
                       for token in suppression.rules)
            ):
                return True
    return False


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted by file and position, with exact duplicates removed."""
    unique = {
        (f.rule, f.location, f.message, f.text): f for f in findings
    }
    return sorted(unique.values(), key=Finding.sort_key)


__all__ = ["Linter", "load_rules", "sort_findings"]
