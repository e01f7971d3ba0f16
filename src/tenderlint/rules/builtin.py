"""Rules written in Python, registered under the ``tenderlint.rules`` entry-point group.

They are for what patterns cannot say: here, comparing two dates in a tender timetable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from tenderlint.nlp import Sentence
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import Rule

_MONTHS = {
    name: index
    for index, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?P<year>20\d\d)\b"
    r"|\b(?P<d2>\d{1,2})[/.](?P<m2>\d{1,2})[/.](?P<y2>20\d\d|\d\d)\b",
    re.IGNORECASE,
)
_ISSUE_CUE = re.compile(
    r"\b(?:issued?|publi(?:shed|cation)|dispatch(?:ed)?|released?|invitation to tender"
    r"|ITT (?:issued|published)|tender notice|date of (?:issue|publication)|issue date"
    r"|start of tender period|opportunity (?:published|opens?))\b",
    re.IGNORECASE,
)
_DEADLINE_CUE = re.compile(
    r"\b(?:deadline|closing date|close[sd]?|return(?:ed)? (?:by|no later)|submission (?:date|deadline)"
    r"|no later than|must be (?:received|submitted)|tender return|tenders? due|responses? due)\b",
    re.IGNORECASE,
)
# Other dates in a timetable that also have "deadline" or "by" near them.
_OTHER_MILESTONE = re.compile(
    r"\b(?:clarifications?|questions?|queries|expressions? of interest|site visits?|standstill|award|"
    r"contract (?:start|commencement|signature)|go[- ]live|presentations?|interviews?|demonstrations?|"
    r"moderation|evaluation|mobilisation|notif\w+)\b",
    re.IGNORECASE,
)
_SHORTER_PERIOD = re.compile(
    r"\b(?:state of urgency|urgen(?:t|cy)|qualifying planned procurement notice|dynamic market"
    r"|light[- ]touch|below[- ]threshold|further competition|mini[- ]competition|call[- ]off)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Dated:
    when: date
    sentence: Sentence
    start: int
    end: int


def _dates(sentence: Sentence) -> Iterator[_Dated]:
    for match in _DATE.finditer(sentence.text):
        try:
            if match.group("month"):
                month = _MONTHS[match.group("month").lower()[:3]]
                when = date(int(match.group("year")), month, int(match.group("day")))
            else:
                year = int(match.group("y2"))
                when = date(year + 2000 if year < 100 else year, int(match.group("m2")), int(match.group("d2")))
        except (ValueError, KeyError):
            continue
        yield _Dated(when, sentence, match.start(), match.end())


def _cued(sentences: list[Sentence], cue: re.Pattern[str], exclude: re.Pattern[str] | None = None) -> list[_Dated]:
    found: list[_Dated] = []
    for sentence in sentences:
        for clause in _clauses(sentence):
            context = sentence.text[clause[0]:clause[1]] + " " + (sentence.row_context or "")
            if cue.search(context) and not (exclude is not None and exclude.search(context)):
                found.extend(d for d in _dates(sentence) if clause[0] <= d.start < clause[1])
    return found


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of a sentence split at semicolons and ", and": timetables list several dates in one."""
    bounds = [0]
    bounds += [m.end() for m in re.finditer(r";|,\s*(?:and|with)\b|\band\b(?=[^,;]*\b20\d\d\b)", sentence.text)]
    bounds.append(len(sentence.text))
    return [(start, end) for start, end in pairwise(bounds) if end > start]


def tender_period_dates(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    """Flag a tender timetable whose deadline falls fewer than ``limit`` days after issue."""
    issued = _cued(context.sentences, _ISSUE_CUE)
    deadlines = _cued(context.sentences, _DEADLINE_CUE, exclude=_OTHER_MILESTONE)
    if not issued or not deadlines:
        return
    issue = min(issued, key=lambda dated: dated.when)
    later = [dated for dated in deadlines if dated.when > issue.when]
    if not later:
        return
    deadline = min(later, key=lambda dated: dated.when)
    days = (deadline.when - issue.when).days
    shorter = context.mentions(_SHORTER_PERIOD)
    limit = int(rule.params["shorter_limit"] if shorter else rule.params["limit"])
    if days < limit:
        yield Hit(
            deadline.sentence, deadline.start, deadline.end,
            {"value": f"{days} days", "limit": f"{limit} days",
             "issued": issue.when.isoformat(), "deadline": deadline.when.isoformat()},
        )
