"""The PNV Balance calculator: the threshold, the partner routing, and what can go wrong."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from kb.guidance.calculator import calculate
from kb.guidance.model import Calculator

from .conftest import errors, load, make_block, marked_line, spec_of, warnings


@pytest.fixture(scope="module")
def pnv() -> Calculator:
    specs, _ = load("en", "retention")
    return specs[0]


def inputs(subscriptions="100", buy="40", sale="0", kind="vc_partner"):
    return {
        "subscriptions": subscriptions,
        "total_buy_cost": buy,
        "total_sale_cost": sale,
        "customer_type": kind,
    }


def test_reads_the_pnv_calculator(pnv):
    assert [i.id for i in pnv.inputs] == [
        "subscriptions",
        "total_buy_cost",
        "total_sale_cost",
        "customer_type",
    ]
    assert pnv.inputs[1].min == D(0)
    assert pnv.formulas[0].expr.text == "subscriptions - total_buy_cost + total_sale_cost"
    assert [r.outcome.id for r in pnv.rules] == ["notify-nico", "notify-liam", "below-threshold"]
    assert pnv.rules[-1].when is None


@pytest.mark.parametrize(
    ("subscriptions", "rule", "shown"),
    [
        ("99.99", "below-threshold", "59.99"),
        ("100", "notify-nico", "60.00"),
        ("100.01", "notify-nico", "60.01"),
        ("-5", "below-threshold", "-45.00"),
    ],
)
def test_sales_is_notified_from_a_balance_of_60(pnv, en, subscriptions, rule, shown):
    result = calculate(pnv, inputs(subscriptions), locale="en", _=en)
    assert result.complete
    assert result.values["pnv_balance"] == D(subscriptions) - 40
    assert result.shown["pnv_balance"] == shown
    assert result.rule.outcome.id == rule


def test_the_balance_adds_the_sale_cost(pnv, en):
    result = calculate(pnv, inputs("50", buy="10,5", sale="20.49"), locale="en", _=en)
    assert result.values["pnv_balance"] == D("59.99")
    assert result.rule.outcome.id == "below-threshold"


@pytest.mark.parametrize(
    ("kind", "rule", "whom"),
    [("vc_partner", "notify-nico", "Nico"), ("vpl_customer", "notify-liam", "Liam")],
)
def test_vc_partners_go_to_nico_and_vpl_customers_to_liam(pnv, en, kind, rule, whom):
    result = calculate(pnv, inputs("200", kind=kind), locale="en", _=en)
    assert result.rule.outcome.id == rule
    assert [(a.kind, a.text) for a in result.rule.outcome.actions] == [("notify", whom)]
    assert result.rule.outcome.checklist == "retention-notice"


def test_russian_input_is_read_in_russian(pnv, en):
    result = calculate(pnv, inputs("1 000,5", buy="940,5"), locale="ru", _=en)
    assert result.values["pnv_balance"] == D(60)
    assert result.shown == {
        "subscriptions": "1\u00a0000,5",
        "total_buy_cost": "940,5",
        "total_sale_cost": "0",
        "customer_type": "VC Partner",
        "pnv_balance": "60,00",
    }


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("subscriptions", "", "Enter a number."),
        (
            "subscriptions",
            "sixty",
            "Enter a number: digits, with a point or a comma before the decimals.",
        ),
        ("total_buy_cost", "-1", "Enter 0 or more."),
        ("customer_type", "", "Choose one of the options."),
        ("customer_type", "vip", "Choose one of the options."),
    ],
)
def test_bad_inputs_get_a_message_and_no_result(pnv, en, field, typed, message):
    raw = inputs() | {field: typed}
    result = calculate(pnv, raw, locale="en", _=en)
    assert result.errors == {field: message}
    assert result.rule is None and "pnv_balance" not in result.values
    assert not result.complete


def test_messages_go_through_the_translation_function(pnv):
    catalogue = {"Enter %(value)s or more.": "Введите %(value)s или больше."}
    result = calculate(pnv, inputs(buy="-1"), locale="ru", _=catalogue.get)
    assert result.errors == {"total_buy_cost": "Введите 0 или больше."}


DIVIDE = """
id: ratio
title: Ratio
inputs:
  - {id: a, label: A}
  - {id: b, label: B}
formulas:
  - {id: share, label: Share, formula: a / b, decimals: 1}
rules:
  - {id: high, title: High, when: share > 1}
"""


def test_division_by_zero_is_a_result_not_an_exception(en):
    spec = spec_of(make_block("calculator", DIVIDE))
    result = calculate(spec, {"a": "1", "b": "0"}, locale="en", _=en)
    assert result.error == "Division by zero: check the inputs."
    assert result.rule is None and not result.complete
    fine = calculate(spec, {"a": "3", "b": "2"}, locale="en", _=en)
    assert fine.shown["share"] == "1.5" and fine.rule.outcome.id == "high"
    none = calculate(spec, {"a": "1", "b": "2"}, locale="en", _=en)
    assert none.complete and none.rule is None


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            formulas:
              - {id: x, label: X, formula: a +* 2}  # <-
            """,
            "formula 'x': unexpected '\\*' at column 4",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            formulas:
              - {id: x, label: X, formula: a + b}  # <-
            """,
            "formula 'x': unknown variable 'b'",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            formulas:
              - {id: x, label: X, formula: y * 2}  # <-
              - {id: y, label: Y, formula: a + 1}
            """,
            "formula 'x': 'y' is used before its formula",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            formulas:
              - {id: x, label: X, formula: a > 2}  # <-
            """,
            "formula 'x': a formula must give a number",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - id: kind
                label: Kind
                type: choice
                options: [{id: vc_partner, label: VC}]
            rules:
              - id: r
                title: R
                when: kind == "vc-partner"  # <-
            """,
            "rule 'r': 'when': kind is never \"vc-partner\"",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            rules:
              - {id: r, title: R, when: a + 1}  # <-
            """,
            "rule 'r': 'when': 'when' must be a test",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            rules:
              - {id: all, title: All}
              - {id: r, title: R, when: a > 1}  # <-
            """,
            "rule 'r' never applies: rule 'all' before it has no 'when'",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - id: total-cost  # <-
                label: Total
            """,
            "must start with a letter and use only letters a-z, digits and '_', so formulas",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - id: a
                label: A
                min: zero  # <-
            """,
            "input 'a': 'min' must be a number, not 'zero'",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - id: a
                label: A
                min: 10
                max: 5  # <-
            """,
            "input 'a': 'max' is below 'min'",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - id: a  # <-
                label: A
                type: choice
            """,
            "input 'a': a 'choice' input needs 'options'",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            formulas:
              - {id: a, label: Again, formula: 1}  # <-
            """,
            "formula 'a': an input or formula already has this id",
        ),
        (
            """
            id: c
            title: C
            inputs:
              - {id: a, label: A}
            rules:
              - {id: a, title: Clash}  # <-
            """,
            "rule 'a': an input or formula has this id",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_line(source, message):
    block = make_block("calculator", source)
    found = errors(block)
    assert any(at == marked_line(block) and re.search(message, text) for at, text in found), found


def test_min_and_max_on_a_choice_are_a_warning():
    block = make_block(
        "calculator",
        """
        id: c
        title: C
        inputs:
          - id: kind  # <-
            label: Kind
            type: choice
            min: 1
            options: [{id: a, label: A}]
        """,
    )
    assert errors(block) == []
    assert warnings(block) == [
        (marked_line(block), "input 'kind': 'min' and 'max' only apply to numbers")
    ]
