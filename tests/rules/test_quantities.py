"""Quantities: money, durations, percentages and contract values as councils write them."""

from __future__ import annotations

import pytest

from tenderlint.rules.model import Quantity
from tenderlint.rules.quantities import find_amounts, find_contract_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a turnover of £5m", 5_000_000),
        ("a turnover of £5 million", 5_000_000),
        ("£1.2bn", 1_200_000_000),
        ("£500k", 500_000),
        ("£2,500,000.00", 2_500_000),
        ("GBP 750,000", 750_000),
        ("3 million pounds", 3_000_000),
        ("£10m.", 10_000_000),
    ],
)
def test_money(text: str, value: float) -> None:
    [amount] = find_amounts(text, Quantity.MONEY)
    assert amount.value == value
    assert text[amount.start:amount.end] == amount.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("within 30 days", 30),
        ("within thirty (30) days", 30),
        ("within 30 (thirty) days", 30),
        ("within forty-five days", 45),
        ("within 10 working days", 14),
        ("14 calendar days", 14),
        ("60-day terms", 60),
    ],
)
def test_days(text: str, value: float) -> None:
    [amount] = find_amounts(text, Quantity.DAYS)
    assert amount.value == pytest.approx(value)


def test_percent_and_years() -> None:
    weights = find_amounts("Price 60%, Quality 35%, Social Value 5 per cent", Quantity.PERCENT)
    assert [a.value for a in weights] == [60, 35, 5]
    assert [a.value for a in find_amounts("an initial term of five (5) years", Quantity.YEARS)] == [5]
    assert [a.value for a in find_amounts("a period of 18 months", Quantity.MONTHS)] == [18]


def test_contract_value_total_and_annual() -> None:
    value = find_contract_value(["The estimated contract value is £1.5m over the whole term."])
    assert value is not None and value.total == 1_500_000 and not value.annual
    annual = find_contract_value(["The contract term is three years.", "The budget is £200,000 per annum."])
    assert annual is not None and annual.total == 600_000 and annual.annual
    assert find_contract_value(["Bidders must have a turnover of £5m."]) is None


def test_contract_value_from_notice_fields() -> None:
    fields = ["tender.value.amount: 650000.00", "tender.value.currency: GBP", "tender.lots[0].value.amount: 250000"]
    value = find_contract_value(fields)
    assert value is not None and value.total == 650_000 and value.evidence == "tender.value.amount: 650000.00"
    # a stated value beside a cue wins; a value in another currency, or a minimum value, is not read
    assert find_contract_value(["The estimated value is £2m.", *fields]).total == 2_000_000  # type: ignore[union-attr]
    assert find_contract_value(["tender.value.amount: 900000", "tender.value.currency: EUR"]) is None
    assert find_contract_value(["tender.minValue.amount: 900000"]) is None


@pytest.mark.parametrize(("text", "value"), [("within two weeks", 14), ("within 72 hours", 3), ("48-hour", 2)])
def test_weeks_and_hours_are_days(text: str, value: float) -> None:
    [amount] = find_amounts(text, Quantity.DAYS)
    assert amount.value == pytest.approx(value)
