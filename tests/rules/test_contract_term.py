"""FLEX-TOTAL-TERM adds up a term and its extensions, however the tender words them."""

from __future__ import annotations

import pytest

from tenderlint.config import Config
from tenderlint.engine import Linter

# A limit of one year makes every term here a finding, so the message shows the total read.
LINTER = Linter(Config(select=("FLEX-TOTAL-TERM",), rules={"FLEX-TOTAL-TERM": {"limit": 1, "framework_limit": 1}}))


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("The contract is for an initial term of 3 years, with two optional extension periods of 12 months.",
         "5 years"),
        ("The contract will run for two years with the option to extend by a further year plus a further year.",
         "4 years"),
        ("The licence will be awarded for 5 years with the option to extend for 3 x 12 months.", "8 years"),
        ("The term is 2 + 1 + 1 years.", "4 years"),
        ("Annual renewals are possible up to a maximum of 10 years.", "10 years"),
        ("The initial term is 36 months. The Council may extend the contract by up to 18 months.", "54 months"),
        ("Contract period: three (3) years, with the option to extend for a further two (2) years.", "5 years"),
        # a saved notice: the initial term is a duration field, the renewals a description beside it
        ("tender.lots[0].contractPeriod.durationInDays: 1080\n\n"
         "tender.submissionTerms.bidValidityPeriod.durationInDays: 90\n\n"
         "tender.lots[0].renewal.description: Optional 7 x 12 month extensions for support.", "10 years"),
        ("Duration in months: 48\n\nDescription of renewals: the contract may be extended by 2 further years.",
         "6 years"),
        # the period named before the word "extension", and "the initial period of the contract shall be"
        ("Contract term is 5 years with up to 5 years extension options (in annual increments).", "10 years"),
        ("The initial period of the contract shall be 84 months. The Council may extend the contract for up to "
         "three periods of up to 12 months each.", "10 years"),
        ("The maximum period of the framework agreement, if extended, will be 72 months.", "6 years"),
        ("The maximum contract period is 10 years.", "10 years"),
        ("The initial term is 3 years. The Council has 2 options to extend the contract, the first being 24 months "
         "and the second being 12 months.", "6 years"),
        ("The initial term is five years. The Council may extend the contract by up to a further period of "
         "five (5) years in increments of not less than twelve (12) months each.", "10 years"),
        ("The Council will appoint a provider for an initial term of five (5) years, with the option to extend for a "
         "further three (3) plus one (1), plus one (1) years.", "10 years"),
        ("The initial term is 4 years with options to extend by 2 + 2 years.", "8 years"),
    ],
)
def test_the_total_term_is_read(text: str, total: str) -> None:
    findings = LINTER.lint_text(text).findings
    assert findings, text
    assert f"could run for {total}," in findings[-1].message


@pytest.mark.parametrize(
    "text",
    [
        "The supplier must extend the reporting module within 3 months of a request.",
        "Extensions to the deadline will not be granted.",
        "Support hours may be extended at the Council's request.",
        "The contract runs for 3 years and renews automatically for further periods of 2 years.",
        # when the contract is renewed, not for how long
        "tender.lots[0].renewal.description: likely to be renewed after 36, or 60 months",
    ],
)
def test_extensions_that_are_not_of_the_term_are_ignored(text: str) -> None:
    assert not LINTER.lint_text(text).findings


def test_a_framework_over_four_years_is_an_error_but_a_call_off_is_not() -> None:
    linter = Linter(Config(select=("FLEX-TOTAL-TERM",)))
    framework = linter.lint_text("The framework agreement will run for 3 years, extendable by 2 further years.")
    assert [f.severity.value for f in framework.findings] == ["error"]
    assert "framework could run for 5 years, longer than 4 years" in framework.findings[0].message
    call_off = linter.lint_text("Call-offs under the framework may run for 3 years, extendable by 2 further years.")
    assert not call_off.findings
    bought_through_one = linter.lint_text(
        "A case management system procured via the Crown Commercial Service (CCS) Vertical Applications "
        "Solutions Framework, with a contract term of 5 years and up to 5 years extension options."
    )
    assert [f.message for f in bought_through_one.findings] == [
        "With every extension taken, the contract could run for 10 years, longer than 7 years"
    ]
