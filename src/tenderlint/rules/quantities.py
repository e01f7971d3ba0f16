"""Find quantities in text: money, durations, percentages and counts, with their spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tenderlint.rules.model import Quantity

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred)"
)
# "thirty (30)" and "30 (thirty)" say one number twice; read it once.
_NUMBER = (
    rf"(?:{_WORD_NUMBER}\s*\(\s*(?P<paren>\d[\d,]*(?:\.\d+)?)\s*\)"
    rf"|(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*\(\s*{_WORD_NUMBER}\s*\))?"
    rf"|(?P<words>{_WORD_NUMBER}))"
)
_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9,
}
_MONEY = re.compile(
    r"(?:£|GBP\s?)\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>k|m|mn|bn|b|thousand|million|billion)\b)?"
    r"|(?P<amount2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<mult2>k|m|million|bn|billion)?"
    r"\s?(?:pounds(?: sterling)?|GBP)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"{_NUMBER}\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_DURATIONS = {
    Quantity.DAYS: re.compile(
        rf"{_NUMBER}[\s-]*(?P<qual>calendar|working|business|clear)?[\s-]*(?P<unit>days?|weeks?|hours?)\b",
        re.IGNORECASE,
    ),
    Quantity.MONTHS: re.compile(rf"{_NUMBER}[\s-]*(?:calendar[\s-]*)?months?\b", re.IGNORECASE),
    Quantity.YEARS: re.compile(rf"{_NUMBER}[\s-]*(?:\(\s*\d+\s*\)\s*)?years?\b", re.IGNORECASE),
}
_COUNT = re.compile(rf"(?<![£\d.,]){_NUMBER}(?![\d%]|\s?(?:%|per\s?cent|percent))", re.IGNORECASE)

#: Working days run five to a week; a limit set in calendar days is compared fairly this way.
CALENDAR_DAYS_PER_WORKING_DAY = 7 / 5
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Amount:
    """A number found in text, in the unit of its quantity (pounds, days, months, years, %)."""

    value: float
    start: int
    end: int
    text: str


def word_to_number(text: str) -> float:
    words = text.lower().replace("-", " ").split()
    if words[-1] == "hundred":
        return 100
    total = 0
    for word in words:
        total += _TENS.get(word, 0) + _UNITS.get(word, 0)
    return total


def _number(match: re.Match[str]) -> float:
    if match.group("paren"):
        return float(match.group("paren").replace(",", ""))
    if match.group("digits"):
        return float(match.group("digits").replace(",", ""))
    return word_to_number(match.group("words"))


def find_amounts(text: str, quantity: Quantity) -> list[Amount]:
    """Every amount of ``quantity`` in ``text``, in order."""
    if quantity is Quantity.MONEY:
        return [_money(match) for match in _MONEY.finditer(text)]
    if quantity is Quantity.PERCENT:
        return [Amount(_number(m), m.start(), m.end(), m.group(0)) for m in _PERCENT.finditer(text)]
    if quantity is Quantity.COUNT:
        return [Amount(_number(m), m.start(), m.end(), m.group(0)) for m in _COUNT.finditer(text)]
    amounts = []
    for match in _DURATIONS[quantity].finditer(text):
        value = _number(match)
        if quantity is Quantity.DAYS:
            value = _in_days(value, match)
        amounts.append(Amount(value, match.start(), match.end(), match.group(0)))
    if quantity is Quantity.YEARS:
        # terms are as often written in months ("an initial term of 84 months")
        amounts.extend(
            Amount(_number(match) / 12, match.start(), match.end(), match.group(0))
            for match in _DURATIONS[Quantity.MONTHS].finditer(text)
        )
        amounts.extend(_duration_fields_in_years(text))
        amounts.sort(key=lambda amount: amount.start)
    return amounts


def _duration_fields_in_years(text: str) -> list[Amount]:
    """A notice's contract duration field ("contractPeriod.durationInDays: 3600") read as years."""
    amounts = []
    for match in _DURATION_FIELD_VALUE.finditer(text):
        if _is_other_period_field(text, match.start()):
            continue
        years = term_months(match.group("n3"), match.group("unit3")) / 12
        shown = f"{years:.1f}".rstrip("0").rstrip(".")
        amounts.append(Amount(years, match.start(), match.end(), f"{shown} years ({match.group(0)})"))
    return amounts


def _in_days(value: float, match: re.Match[str]) -> float:
    unit = match.group("unit").lower()
    if unit.startswith("week"):
        return value * 7
    if unit.startswith("hour"):
        return value / 24
    if (match.group("qual") or "").lower() in ("working", "business"):
        return value * CALENDAR_DAYS_PER_WORKING_DAY
    return value


def _money(match: re.Match[str]) -> Amount:
    amount = match.group("amount") or match.group("amount2")
    multiplier = (match.group("mult") or match.group("mult2") or "").lower()
    value = float(amount.replace(",", "")) * _MULTIPLIERS.get(multiplier, 1)
    return Amount(value, match.start(), match.end(), match.group(0).strip())


_VALUE_CUE = re.compile(
    r"\b(?:(?:estimated|total|maximum|anticipated|indicative|approximate|whole[- ]life|aggregate)"
    r"\s+(?:\w+\s+){0,2}?value|contract value|value of (?:the|this) (?:contract|framework|"
    r"requirement|opportunity)|budget|valued at|value of up to|worth)\b",
    re.IGNORECASE,
)
_ANNUAL = re.compile(r"\b(?:per (?:annum|year)|a year|annual(?:ly)?|p\.?a\.?|each year|yearly)\b", re.IGNORECASE)
# The numbers a contract term is written with ("3", "three (3)", "thirty-six", "48").
TERM_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|twenty[- ]four|thirty[- ]six|forty[- ]eight|sixty)(?:\s*\(\s*\d{1,3}\s*\))?"
)
#: A notice's structured duration field: "contractPeriod.durationInDays", "Duration in months".
DURATION_FIELD = r"\b(?:contractPeriod\.)?duration ?in ?(?P<unit3>days|months|years)\b"
_FIELD_AND_VALUE = rf"{DURATION_FIELD}\s*:?\s*(?P<n3>\d{{1,4}})\b"
_INITIAL_TERM = re.compile(
    rf"(?:\binitial (?:contract |framework )?(?:term|period|duration)"
    rf"(?: of (?:the |this )?(?:contract|framework(?: agreement)?|agreement))?(?: of| is| will be| shall be)?"
    rf"|\bfor (?:an initial |the next |a period of )?"
    rf"|\b(?:contract |framework |agreement )?(?:term|period|duration|length)\s*(?:of|is|will be|:)?)"
    rf"\s*(?P<n>{TERM_NUMBER})[\s-]*(?P<unit>years?|months?)"
    rf"|(?P<n2>{TERM_NUMBER})[\s-]*(?P<unit2>years?|months?)[\s-]+(?:initial |fixed |core )?"
    rf"(?:contract |term|period|framework)"
    # a notice's structured field: "contractPeriod.durationInDays: 1080", "Duration in months: 48"
    rf"|{_FIELD_AND_VALUE}",
    re.IGNORECASE,
)
_DURATION_FIELD_VALUE = re.compile(_FIELD_AND_VALUE, re.IGNORECASE)
#: A duration field that is not the contract's ("bidValidityPeriod.durationInDays: 90").
_OTHER_PERIOD_FIELD = re.compile(r"\b(?:bidValidity|tender|enquiry|award)Period\.duration", re.IGNORECASE)


def _is_other_period_field(text: str, start: int) -> bool:
    """Whether the duration read at ``start`` is another period's field, not the contract's."""
    return bool(_OTHER_PERIOD_FIELD.search(text[max(start - 20, 0): start + 12]))


def term_number(number: str) -> float:
    """The value of a TERM_NUMBER match: "3", "three (3)" or "thirty-six"."""
    digits = re.search(r"\d+", number)
    return float(digits.group()) if digits else float(word_to_number(number.strip()))


def term_months(number: str, unit: str) -> float:
    """``number`` of ``unit`` (years, months or days) in months."""
    unit = unit.lower()
    if unit.startswith("day"):
        days = term_number(number)
        # notices count a month as 30 days (1080 days for 3 years) or a year as 365 (1095)
        return round(days / 30 if days % 30 == 0 else days / DAYS_PER_MONTH)
    return term_number(number) * (12 if unit.startswith("year") else 1)


def find_term_months(text: str, before: int | None = None) -> float | None:
    """The contract term ``text`` states ("an initial term of 3 years"), in months: the last one before ``before``."""
    found = [match for match in _INITIAL_TERM.finditer(text if before is None else text[:before])
             if not _is_other_period_field(text, match.start())]
    if not found:
        return None
    match = found[-1]
    number = match.group("n") or match.group("n2") or match.group("n3")
    return term_months(number, match.group("unit") or match.group("unit2") or match.group("unit3"))


@dataclass(frozen=True)
class ContractValue:
    """The contract value a tender states, as whole-life pounds, with where it was read."""

    total: float
    evidence: str
    annual: bool


def find_contract_value(sentences: list[str]) -> ContractValue | None:
    """The stated contract value: the largest amount next to a value cue ("estimated value")."""
    best: ContractValue | None = None
    term_years = _contract_term_years(sentences)
    for sentence in sentences:
        for cue in _VALUE_CUE.finditer(sentence):
            window = sentence[cue.start(): cue.end() + 80]
            amounts = [a for a in find_amounts(window, Quantity.MONEY) if a.value >= 1000]
            if not amounts:
                continue
            amount = amounts[0]
            annual = bool(_ANNUAL.search(window[amount.end: amount.end + 25])) or bool(
                _ANNUAL.search(sentence[max(cue.start() - 25, 0): cue.start()])
            )
            total = amount.value * (term_years or 1) if annual else amount.value
            if best is None or total > best.total:
                best = ContractValue(total, sentence.strip(), annual)
    return best or _value_fields(sentences)


# An OCDS notice states the value as fields: "tender.value.amount: 650000.00" with
# "tender.value.currency: GBP" (or a lot's or an award's value) on a line of its own.
_VALUE_FIELD = re.compile(
    r"^\s*(?P<path>(?:[\w\[\]]+\.)*)value\.(?P<field>amount|currency)\s*:\s*(?P<value>[\d,]+(?:\.\d+)?|[A-Z]{3})\s*$"
)


def _value_fields(sentences: list[str]) -> ContractValue | None:
    """The largest value field in pounds (a field in another currency is left out)."""
    amounts: dict[str, tuple[float, str]] = {}
    currencies: dict[str, str] = {}
    for sentence in sentences:
        match = _VALUE_FIELD.match(sentence)
        if match is None:
            continue
        if match.group("field") == "currency":
            currencies[match.group("path")] = match.group("value")
        elif match.group("value")[0].isdigit():
            amounts[match.group("path")] = (float(match.group("value").replace(",", "")), sentence.strip())
    in_pounds = [(value, line) for path, (value, line) in amounts.items()
                 if currencies.get(path, "GBP") == "GBP" and value >= 1000]
    if not in_pounds:
        return None
    value, line = max(in_pounds)
    return ContractValue(value, line, annual=False)


def _contract_term_years(sentences: list[str]) -> float | None:
    for sentence in sentences:
        months = find_term_months(sentence)
        if months is not None:
            return months / 12
    return None
