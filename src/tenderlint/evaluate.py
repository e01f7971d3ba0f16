"""Measure the linter against labelled data: precision and recall per category.

Two kinds of labelled data are supported:

* a gold set of short texts (``tests/fixtures/gold/*.yaml``), each labelled with the
  categories a reviewer would raise on it alone;
* a corpus of whole documents (``tests/corpus/labels.yaml``) with missing-clause labels,
  quoted sentence findings and "ok" traps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml

from tenderlint.document import Location
from tenderlint.engine import Linter
from tenderlint.findings import Category, Finding, Severity

#: The normal quantile for a two-sided 95% interval.
Z_95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for ``successes`` out of ``trials`` (95% by default).

    ``None`` when there are no trials. Unlike "p plus or minus two standard errors", it stays
    within 0 and 1 and is honest at the edges: 5 out of 5 gives about 0.57 to 1.00, not 1.00.
    """
    if trials <= 0:
        return None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= trials else min(1.0, centre + half)
    return low, high


def _rate(value: float | None) -> str:
    """A precision or recall in a table column five characters wide."""
    return "  n/a" if value is None else f"{value:5.2f}"


def format_interval(interval: tuple[float, float] | None) -> str:
    """``0.49-0.94``, or ``n/a`` when there is nothing to estimate from."""
    return "n/a" if interval is None else f"{interval[0]:.2f}-{interval[1]:.2f}"


#: Categories that can be judged as "clause missing" at document level.
MISSING_CATEGORIES = (
    "interoperability", "cyber", "social-value", "data-return", "data-protection", "accessibility",
)


@dataclass
class Tally:
    """True positives, false positives and false negatives for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision_interval(self) -> tuple[float, float] | None:
        """95% Wilson interval for the precision; ``None`` when nothing was flagged."""
        return wilson_interval(self.tp, self.tp + self.fp)

    @property
    def recall_interval(self) -> tuple[float, float] | None:
        """95% Wilson interval for the recall; ``None`` when nothing was labelled."""
        return wilson_interval(self.tp, self.tp + self.fn)

    def to_json(self) -> dict[str, Any]:
        """Counts, rates and intervals (each interval a ``[low, high]`` pair or ``None``)."""
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": self.precision, "recall": self.recall,
            "precision_interval": _pair(self.precision_interval),
            "recall_interval": _pair(self.recall_interval),
        }

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def _pair(interval: tuple[float, float] | None) -> list[float] | None:
    return None if interval is None else [interval[0], interval[1]]


@dataclass
class Miss:
    """One disagreement with the labels, for ``--show``."""

    kind: str  # "miss" or "false alarm"
    category: str
    where: str
    text: str


@dataclass
class Scores:
    tallies: dict[str, Tally] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def tally(self, category: str) -> Tally:
        return self.tallies.setdefault(category, Tally())

    def total(self, categories: Iterable[str] | None = None) -> Tally:
        overall = Tally()
        for category, tally in self.tallies.items():
            if categories is None or category in categories:
                overall.add(tally)
        return overall


def sentence_categories(findings: Iterable[Finding]) -> set[str]:
    return {finding.category.value for finding in _predictions(findings)}


def _predictions(findings: Iterable[Finding]) -> list[Finding]:
    """Sentence findings that count as the linter's claims (each with at least one place)."""
    return [finding for finding in findings if not finding.is_document_level and _places(finding)]


def _places(finding: Finding) -> list[str]:
    """The sentences a finding claims: its own and those it recurs in, if each is a claim.

    A finding that the rest of the document relaxed all the way to ``info`` (a general
    equivalence statement, say) is a prompt to check, not a claim that the sentence is wrong.
    A finding reported once for the file is one claim with several places: it is right if any
    place is labelled, and one false alarm if none is.
    """
    return [
        place.text for place in (finding, *finding.recurrences)
        if place.text and not (place.relaxed and place.severity is Severity.INFO)
    ]


def _claims(finding: Finding, category: str, quote: str) -> bool:
    return finding.category.value == category and any(_same_sentence(quote, text) for text in _places(finding))


def score_gold(paths: Iterable[Path], linter: Linter) -> Scores:
    """Score gold-set files: each item's expected categories against its sentence findings."""
    scores = Scores()
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, item in enumerate(data.get("items", [])):
            expected = set(item.get("flags") or [])
            found = sentence_categories(linter.lint_text(item["text"]).findings)
            _score_sets(scores, expected, found, f"{path.name}#{index}", item["text"])
    return scores


def _score_sets(scores: Scores, expected: set[str], found: set[str], where: str, text: str) -> None:
    for category in expected | found:
        tally = scores.tally(category)
        if category in expected and category in found:
            tally.tp += 1
        elif category in found:
            tally.fp += 1
            scores.misses.append(Miss("false alarm", category, where, text))
        else:
            tally.fn += 1
            scores.misses.append(Miss("miss", category, where, text))


def format_scores(title: str, scores: Scores, categories: Iterable[str] | None = None) -> str:
    """A table of precision and recall per category, then the total.

    The first six columns (category, prec, recall, tp, fp, fn) stay where scripts expect them;
    the 95% Wilson intervals for precision and recall follow.
    """
    def row(name: str, tally: Tally) -> str:
        return (f"  {name:<20} {_rate(tally.precision)} {_rate(tally.recall):>6} "
                f"{tally.tp:4} {tally.fp:4} {tally.fn:4}  "
                f"{format_interval(tally.precision_interval):>9}  {format_interval(tally.recall_interval):>10}")

    rows = [title, f"  {'category':<20} {'prec':>5} {'recall':>6}   tp   fp   fn  {'prec 95%':>9}  {'recall 95%':>10}"]
    order = [c.value for c in Category if categories is None or c.value in categories]
    for category in order:
        tally = scores.tallies.get(category)
        if tally is None:
            continue
        rows.append(row(category, tally))
    rows.append(row("all", scores.total(categories)))
    return "\n".join(rows)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CORE_CATEGORIES = (
    "over-specification", "bespoke", "interoperability", "cyber", "social-value", "data-return", "sme-barrier",
)


_MARKUP = re.compile(r"[*_`\\]")


def _normalise(text: str) -> str:
    # Labels quote the source (Markdown markup included); findings carry the text as read.
    return " ".join(_MARKUP.sub("", text).split()).strip(" .;:").lower()


def _same_sentence(quote: str, text: str) -> bool:
    quote, text = _normalise(quote), _normalise(text)
    return bool(quote) and bool(text) and (quote in text or text in quote)


@dataclass
class CorpusScores:
    """Scores on a labelled corpus: missing clauses and sentence findings, kept apart."""

    missing: Scores = field(default_factory=Scores)
    sentences: Scores = field(default_factory=Scores)
    documents: int = 0
    #: False alarms on a sentence the labels raise under another category.
    other_category: int = 0
    traps: int = 0
    #: Traps ("ok" sentences) that drew a finding in the category they were set for.
    traps_flagged: list[Miss] = field(default_factory=list)
    #: Per rule: claims the labels raise (tp) and claims they do not (fp); recall is per category.
    rules: dict[str, Tally] = field(default_factory=dict)

    def agreement_notes(self) -> str:
        """Two lines that say how much of the disagreement is a category or a trap."""
        false_alarms = self.sentences.total().fp
        return (
            f"False alarms on a sentence labelled under another category: {self.other_category} "
            f"of {false_alarms}\n"
            f"Traps flagged in the category they were set for: {len(self.traps_flagged)} of {self.traps}"
        )


def score_corpus(
    labels_path: Path, linter: Linter, only: Sequence[str] = (), skip: Sequence[str] = ()
) -> CorpusScores:
    """Lint every labelled document and compare with its labels (see tests/corpus/README.md).

    ``only`` and ``skip`` are glob patterns on the labelled file names ("docs/us-*"): score
    only the documents that match one of ``only`` (all when empty) and none of ``skip``.
    """
    return _score_entries(load_yaml(labels_path)["documents"], labels_path.parent, linter, only, skip)


def score_corpus_agreed(
    labels_path: Path, other_path: Path, linter: Linter, only: Sequence[str] = (), skip: Sequence[str] = ()
) -> CorpusScores:
    """Score the linter on what two reviewers agree on, over the documents both label.

    A finding both reviewers raise counts towards recall. A sentence only one of them raised is
    disputed: a flag on it counts neither way, and missing it is no miss. A flag on a sentence
    neither raised is a false alarm. Missing-clause labels count where the two agree.
    """
    entries = agreed_entries(load_yaml(labels_path)["documents"], load_yaml(other_path)["documents"])
    return _score_entries(entries, labels_path.parent, linter, only, skip)


def agreed_entries(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge two reviewers' labels for the documents both label (see ``score_corpus_agreed``)."""
    other = {entry["file"]: entry for entry in second}
    merged = []
    for entry in first:
        twin = other.get(entry["file"])
        if twin is None:
            continue
        mine, theirs = entry.get("findings") or [], twin.get("findings") or []
        agreed = [item for item in mine if _labelled(item, theirs)]
        disputed = [item for item in mine + theirs if not _labelled(item, agreed)]
        traps = [trap for trap in (entry.get("ok") or []) + (twin.get("ok") or []) if not _labelled_quote(
            trap["quote"], disputed)]
        missing = {category: value for category, value in (entry.get("missing") or {}).items()
                   if (twin.get("missing") or {}).get(category) == value}
        merged.append({**entry, "missing": missing, "findings": agreed, "disputed": disputed, "ok": traps})
    return merged


def _labelled(item: dict[str, Any], theirs: list[dict[str, Any]]) -> bool:
    return any(other["category"] == item["category"] and _same_sentence(other["quote"], item["quote"])
               for other in theirs)


def _labelled_quote(quote: str, items: list[dict[str, Any]]) -> bool:
    return any(_same_sentence(item["quote"], quote) for item in items)


def _score_entries(
    entries: list[dict[str, Any]], base: Path, linter: Linter, only: Sequence[str], skip: Sequence[str]
) -> CorpusScores:
    result = CorpusScores()
    for entry in entries:
        if not _selected(entry["file"], only, skip):
            continue
        path = base / entry["file"]
        report = linter.lint_file(path)
        if report.unreadable:
            raise ValueError(f"{path}: {report.unreadable[0].reason}")
        result.documents += 1
        _score_missing(result.missing, entry, report.findings)
        _score_sentence_findings(result, entry, report.findings)
    return result


def score_agreement(
    labels_path: Path, other_path: Path, only: Sequence[str] = (), skip: Sequence[str] = ()
) -> CorpusScores:
    """Score a second reviewer's labels as if they were the linter's findings.

    Only the documents both files label are scored, with the same matching as the linter gets,
    so the result says how far two careful reviewers agree: the ceiling the linter is held to.
    ``only`` and ``skip`` select documents as for :func:`score_corpus`.
    """
    other = {entry["file"]: entry for entry in load_yaml(other_path)["documents"]}
    result = CorpusScores()
    for entry in load_yaml(labels_path)["documents"]:
        second = other.get(entry["file"])
        if second is None or not _selected(entry["file"], only, skip):
            continue
        result.documents += 1
        findings = [
            Finding("SECOND-REVIEWER", Category(item["category"]), Severity.WARNING, item.get("why", ""),
                    Location(entry["file"]), text=item["quote"], match=item["quote"])
            for item in second.get("findings") or []
        ]
        _score_sentence_findings(result, entry, findings)
    return result


def _selected(name: str, only: Sequence[str], skip: Sequence[str]) -> bool:
    """Whether the labelled file ``name`` matches one of ``only`` (any, when empty) and none of ``skip``."""
    return (not only or any(fnmatch(name, pattern) for pattern in only)) and not any(
        fnmatch(name, pattern) for pattern in skip
    )


def _score_missing(scores: Scores, entry: dict[str, Any], findings: list[Finding]) -> None:
    if entry.get("scope") == "fragment":
        return  # by the label schema, a missing clause in an extract proves nothing
    reported = {f.category.value for f in findings if f.is_document_level and f.rule.endswith("-MISSING")}
    for category, missing in (entry.get("missing") or {}).items():
        if missing is None or category not in MISSING_CATEGORIES:
            continue
        _score_sets(scores, {category} if missing else set(), {category} & reported,
                    entry["file"], f"clause missing: {category}")


def _score_sentence_findings(result: CorpusScores, entry: dict[str, Any], findings: list[Finding]) -> None:
    scores = result.sentences
    labelled = [(item["category"], item["quote"]) for item in entry.get("findings") or []]
    predicted = _predictions(findings)
    for category, quote in labelled:
        tally = scores.tally(category)
        if any(_claims(finding, category, quote) for finding in predicted):
            tally.tp += 1
        else:
            tally.fn += 1
            scores.misses.append(Miss("miss", category, entry["file"], quote))
    disputed = [(item["category"], item["quote"]) for item in entry.get("disputed") or []]
    seen: set[tuple[str, str]] = set()
    for finding in predicted:
        places = _places(finding)
        key = (finding.category.value, _normalise(places[0]))
        if key in seen:
            continue
        seen.add(key)
        if not any(_claims(finding, category, quote) for category, quote in labelled + disputed):
            scores.tally(finding.category.value).fp += 1
            where = f"{entry['file']}:{finding.location.label()}"
            scores.misses.append(Miss("false alarm", finding.category.value, f"{where} {finding.rule}", places[0]))
            result.other_category += any(_same_sentence(quote, text) for _, quote in labelled for text in places)
    _score_rules(result, predicted, labelled, disputed)
    _score_traps(result, entry, predicted)


def _score_rules(
    result: CorpusScores, predicted: list[Finding], labelled: list[tuple[str, str]], disputed: list[tuple[str, str]]
) -> None:
    """Each rule's claims, right or wrong; a claim on a disputed sentence counts neither way."""
    seen: set[tuple[str, str]] = set()
    for finding in predicted:
        key = (finding.rule, _normalise(_places(finding)[0]))
        if key in seen:
            continue
        seen.add(key)
        tally = result.rules.setdefault(finding.rule, Tally())
        if any(_claims(finding, category, quote) for category, quote in labelled):
            tally.tp += 1
        elif not any(_claims(finding, category, quote) for category, quote in disputed):
            tally.fp += 1


def format_rule_scores(scores: CorpusScores) -> str:
    """Each rule's precision, with its 95% interval, noisiest first: where the false alarms come from."""
    rows = ["Sentence findings by rule (recall is per category)",
            f"  {'rule':<32} {'prec':>5}   tp   fp  {'prec 95%':>9}"]
    for rule, tally in sorted(scores.rules.items(), key=lambda item: (-item[1].fp, item[0])):
        interval = format_interval(tally.precision_interval)
        rows.append(f"  {rule:<32} {_rate(tally.precision)} {tally.tp:4} {tally.fp:4}  {interval:>9}")
    return "\n".join(rows)


def _score_traps(result: CorpusScores, entry: dict[str, Any], predicted: list[Finding]) -> None:
    for trap in entry.get("ok") or []:
        result.traps += 1
        hits = [finding for finding in predicted if _claims(finding, trap.get("trap", ""), trap["quote"])]
        if hits:
            result.traps_flagged.append(Miss("trap", hits[0].category.value,
                                             f"{entry['file']} {hits[0].rule}", trap["quote"]))


def headline_tallies(scores: CorpusScores) -> dict[str, Tally]:
    """The three headline groups, by the names floors use: missing, sentence_core, sentence_all."""
    return {
        "missing": scores.missing.total(MISSING_CATEGORIES),
        "sentence_core": scores.sentences.total(CORE_CATEGORIES),
        "sentence_all": scores.sentences.total(),
    }


def figures(scores: CorpusScores) -> dict[str, dict[str, float | None]]:
    """The headline figures that floors are checked against."""
    return {name: {"precision": tally.precision, "recall": tally.recall}
            for name, tally in headline_tallies(scores).items()}


def disagreements(scores: CorpusScores) -> list[Miss]:
    """Every miss, false alarm and flagged trap, in the order ``--show`` prints them."""
    shown = scores.sentences.misses + scores.missing.misses + scores.traps_flagged
    return sorted(shown, key=lambda miss: (miss.category, miss.where))


def scores_to_json(scores: CorpusScores, floor_failures: list[str] | None = None) -> dict[str, Any]:
    """Everything ``tenderlint eval`` reports, as one JSON-ready mapping (see docs/accuracy.md).

    ``floor_failures`` is ``None`` when no floors were checked. Mappings are keyed by name, so
    ``json.dumps(..., sort_keys=True)`` gives the same text for the same scores.
    """
    return {
        "documents": scores.documents,
        "missing": {category: tally.to_json() for category, tally in sorted(scores.missing.tallies.items())},
        "sentences": {category: tally.to_json() for category, tally in sorted(scores.sentences.tallies.items())},
        "totals": {name: tally.to_json() for name, tally in headline_tallies(scores).items()},
        "other_category_false_alarms": scores.other_category,
        "traps": scores.traps,
        "traps_flagged": len(scores.traps_flagged),
        "rules": {
            rule: {"tp": tally.tp, "fp": tally.fp, "precision": tally.precision,
                   "precision_interval": _pair(tally.precision_interval)}
            for rule, tally in sorted(scores.rules.items())
        },
        "disagreements": [
            {"kind": miss.kind, "category": miss.category, "where": miss.where, "text": miss.text}
            for miss in disagreements(scores)
        ],
        "floors": {"checked": floor_failures is not None, "failures": list(floor_failures or [])},
    }


def check_floors(scores: CorpusScores, floors_path: Path) -> list[str]:
    """Each figure that is below the floor recorded in ``floors_path``."""
    floors = load_yaml(floors_path) or {}
    actual = figures(scores)
    failures = []
    for group, limits in floors.items():
        for measure, floor in (limits or {}).items():
            value = actual.get(group, {}).get(measure)
            if value is None or value < float(floor):
                shown = "n/a" if value is None else f"{value:.3f}"
                failures.append(f"{group} {measure} {shown} < {float(floor):.3f}")
    return failures
