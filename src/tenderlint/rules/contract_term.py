"""A python rule: how long a contract or framework could run once every extension is taken.

A term is often given as an initial period plus options ("3 years with the option to extend
for two further periods of 12 months", "2+1+1 years", "7 x 12 month extensions", "annual
extensions up to a maximum of 10 years"); adding those up needs arithmetic, not a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from tenderlint.findings import Severity
from tenderlint.nlp import Sentence
from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.model import Rule
from tenderlint.rules.quantities import DURATION_FIELD, find_term_months, term_months, term_number
from tenderlint.rules.quantities import TERM_NUMBER as _NUM

_UNIT = r"(?P<unit>years?|months?)"
#: "(the maximum period) of the contract, if extended, (will be)"
_OF_THE_CONTRACT = r"(?:the |this )?(?:contract|framework(?: agreement)?|agreement),? "
_EXTENSION_CUE = re.compile(
    r"\b(?:extend\w*|extensions?|further (?:period|term)s?|renew(?:al|able)?s?)\b", re.IGNORECASE
)
_MAXIMUM = re.compile(
    rf"\b(?:up to |to )?(?:a |the )?maximum (?:total )?(?:contract |framework |agreement )?"
    rf"(?:term |period |duration |length )?(?:of |is |will be |shall be )?"
    rf"(?:{_OF_THE_CONTRACT}(?:[\w,]+ ){{0,3}}?(?:will|shall|would|is to) be )?"
    rf"(?P<n>{_NUM})[\s-]*{_UNIT}",
    re.IGNORECASE,
)
_PLUS_SEQUENCE = re.compile(rf"(?P<seq>\d{{1,2}}(?:\s*\+\s*\d{{1,2}}){{1,6}})\s*{_UNIT}", re.IGNORECASE)
_QUALIFIER = r"(?:further |additional |optional |separate |consecutive |subsequent |extension |renewal )*"
_COUNTED = re.compile(
    rf"(?P<count>{_NUM})\s*(?:x|×|\*)\s*(?P<n>{_NUM})[\s-]*{_UNIT}"
    rf"|(?P<count2>{_NUM})\s+{_QUALIFIER}(?:periods?|terms?|extensions?|renewals?) of (?:up to )?"
    rf"(?P<n2>{_NUM})[\s-]*(?P<unit2>years?|months?)"
    rf"|(?P<count3>{_NUM})\s+{_QUALIFIER}(?P<n3>{_NUM})[\s-]*(?P<unit3>years?|months?)\s+(?:extension|period|term|renewal)s\b",
    re.IGNORECASE,
)
# "two options to extend, the first being 36 months and the second being 24 months"
_ORDINAL_PERIOD = re.compile(
    rf"\b(?:first|second|third|fourth|final|last) (?:option |extension |period |renewal )?"
    rf"(?:being|of|is|will be|for) (?:up to )?(?P<n>{_NUM})[\s-]*{_UNIT}",
    re.IGNORECASE,
)
# "a further year", "another 12 months", "2 further years"
_ONE_PERIOD = (
    rf"(?:(?:a|an|another|one) (?:further |additional |extra )?(?:years?|months?)\b"
    rf"|(?:a further |another |an additional )?{_NUM}[\s-]*(?:further |additional |more )?(?:years?|months?)\b)"
)
# An option's wording up to its length. "Renewed after 36, or 60 months" says when, not for how
# long, so the gap may not pass "after" or "every".
_OPTION_TO = r"\b(?:extend\w*|extensions?|renew\w*)\b(?:(?!\b(?:after|every)\b)[^.;]){0,40}?\b"
_SINGLE = re.compile(
    rf"{_OPTION_TO}(?:by |for )?(?:up to )?"
    rf"(?:(?:a|one) (?:further |additional )?period of )?"
    rf"(?P<first>{_ONE_PERIOD})(?P<plus>(?:\s*(?:plus|\+|and)\s*{_ONE_PERIOD})*)",
    re.IGNORECASE,
)
# "the option to extend for a further three (3) plus one (1) years": numbers that share one unit
_SHARED_UNIT = re.compile(
    rf"{_OPTION_TO}(?:(?:by|for) (?:up to )?(?:a )?(?:further |additional )?|(?:a )?(?:further|additional) )"
    rf"(?P<numbers>{_NUM}(?:\s*,?\s*(?:plus|\+|and)\s*{_NUM})+)[\s-]*"
    rf"(?:further |additional )?{_UNIT}",
    re.IGNORECASE,
)
# "with up to 5 years extension options", "a further two years extension option"
_PERIOD_FIRST = re.compile(
    rf"\b(?:up to )?(?P<first>{_ONE_PERIOD})(?:['’]s?)?\s+(?:of\s+)?(?:optional\s+|possible\s+)?"
    rf"(?:extension|renewal)s?\b",
    re.IGNORECASE,
)
_PERIOD_PARTS = re.compile(
    rf"(?:(?P<n>{_NUM})[\s-]*(?:further |additional |more )?|[a-z]+ (?:further |additional |extra )?)"
    rf"(?P<unit>years?|months?)",
    re.IGNORECASE,
)
# A sentence that states the initial term: "an initial term of", or a notice's duration field
# (which, in OCDS and Find a Tender notices, leaves out the renewals described beside it).
_INITIAL = re.compile(rf"\binitial\b|{DURATION_FIELD}", re.IGNORECASE)
# "The maximum contract period is 10 years" states a total term with no word for extending.
_MAXIMUM_CUE = r"\bmaximum (?:total )?(?:contract |framework |agreement )?(?:term|period|duration|length)\b"
_TERM_CUE = re.compile(f"{_EXTENSION_CUE.pattern}|{_PLUS_SEQUENCE.pattern}|{_MAXIMUM_CUE}", re.IGNORECASE)
# Renewals that run on by themselves have no total to add up; FLEX-AUTO-RENEW speaks to them.
_AUTOMATIC = re.compile(
    r"\b(?:renew\w* automatically|automatic(?:ally)? renew\w*|auto[- ]?renew\w*"
    r"|rolling (?:basis|contract|renewals?))\b",
    re.IGNORECASE,
)
_FRAMEWORK = re.compile(r"\bframework(?: agreement)?\b", re.IGNORECASE)
# "procured via the Crown Commercial Service (CCS) Vertical Applications Solutions Framework"
_CALL_OFF = re.compile(
    r"\bcall[- ]offs?\b|\b(?:via|through|under|using|off|from) (?:the |a |an )?(?:[\w()&/.-]+ ){0,8}?framework\b",
    re.IGNORECASE,
)
# s47 allows 8 years for defence and security or utilities frameworks; s49 open frameworks differ.
_EXCEPTION = re.compile(r"\b(?:defence|utilit(?:y|ies)|open framework)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Term:
    months: float
    start: int
    end: int


def _extensions(text: str) -> _Term | None:
    """The months that the options in ``text`` add, with the span they were read from."""
    ordinals = list(_ORDINAL_PERIOD.finditer(text))
    if len(ordinals) > 1:
        months = sum(term_months(match.group("n"), match.group("unit")) for match in ordinals)
        return _Term(months, ordinals[0].start(), ordinals[-1].end())
    counted = list(_COUNTED.finditer(text))
    if counted:
        months = 0.0
        for match in counted:
            key = next(k for k in ("", "2", "3") if match.group(f"count{k}"))
            count = term_number(match.group(f"count{key}"))
            months += count * term_months(match.group(f"n{key}"), match.group(f"unit{key}"))
        return _Term(months, counted[0].start(), counted[-1].end())
    shared = _SHARED_UNIT.search(text)
    if shared is not None:
        numbers = re.finditer(_NUM, shared.group("numbers"), re.IGNORECASE)
        months = sum(term_months(number.group(), shared.group("unit")) for number in numbers)
        return _Term(months, shared.start(), shared.end())
    single = _SINGLE.search(text) or _PERIOD_FIRST.search(text)
    if single is None:
        return None
    parts = _PERIOD_PARTS.finditer(single.group("first") + " " + (single.groupdict().get("plus") or ""))
    months = sum(term_months(part.group("n") or "1", part.group("unit")) for part in parts)
    return _Term(months, single.start(), single.end())


def _document_initial_term(context: RuleContext) -> float | None:
    """The initial term the document states in a sentence of its own, in months."""
    for sentence in context.sentences_with(_INITIAL):
        months = find_term_months(sentence.text)
        if months is not None:
            return months
    return None


def _total(sentence: Sentence, document_initial: Callable[[], float | None]) -> _Term | None:
    """The total term ``sentence`` states; ``document_initial`` is asked only when the sentence has no initial term."""
    text = sentence.text
    maximum = _MAXIMUM.search(text)
    if maximum is not None:
        return _Term(term_months(maximum.group("n"), maximum.group("unit")), maximum.start(), maximum.end())
    sequence = _PLUS_SEQUENCE.search(text)
    if sequence is not None and not _SHARED_UNIT.search(text):  # "extend by 2 + 2 years" adds to a term
        parts = re.findall(r"\d+", sequence.group("seq"))
        months = sum(term_months(part, sequence.group("unit")) for part in parts)
        return _Term(months, sequence.start(), sequence.end())
    extensions = _extensions(text)
    if extensions is None:
        return None
    initial = find_term_months(text, extensions.start)
    if initial is None:
        initial = document_initial()
    if initial is None:
        return None
    return _Term(initial + extensions.months, extensions.start, extensions.end)


def contract_term_with_extensions(rule: Rule, context: RuleContext) -> Iterator[Hit]:
    """Flag a term that, with every extension taken, runs past the limit (4 years for a framework)."""
    if not context.mentions(_TERM_CUE):
        return
    document_initial = cache(lambda: _document_initial_term(context))  # read once, and only if needed
    for sentence in context.sentences_with(_TERM_CUE):
        if sentence.is_question or _AUTOMATIC.search(sentence.text):
            continue
        term = _total(sentence, document_initial)
        if term is None:
            continue
        hit = _judge(rule, sentence, term)
        if hit is not None:
            yield hit


def _judge(rule: Rule, sentence: Sentence, term: _Term) -> Hit | None:
    framework = bool(_FRAMEWORK.search(sentence.text)) and not _CALL_OFF.search(sentence.text)
    if framework and not _EXCEPTION.search(sentence.text):
        limit, severity, what = float(rule.params["framework_limit"]), Severity.ERROR, "framework"
    else:
        limit, severity, what = float(rule.params["limit"]), None, "contract"
    if term.months <= limit * 12:
        return None
    return Hit(
        sentence, term.start, term.end,
        {"value": _years(term.months), "limit": _years(limit * 12), "what": what},
        severity,
    )


def _years(months: float) -> str:
    years = months / 12
    return f"{years:g} years" if years == int(years) else f"{months:g} months"
