"""Numbers and moments at the edges: every numeric path answers with a message or a result (the
agent's input kept), never a 500; routing works to the last minute of the calendar."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kb.guidance import NumberError, format_number, parse_number
from kb.guidance.expr import DIVISION_BY_ZERO, TOO_LARGE, ExprError
from kb.guidance.expr import parse as parse_expression
from kb.insights.csvfile import cell
from tests.web.editing import csrf
from tests.web.guiding import add_fixtures

SLUG = "tools-demo"

NUMBERS = [
    "1" * 26,
    "9" * 40,
    "-" + "9" * 39,
    "0." + "0" * 37 + "1",
    "-0",
    "-0,00",
    "+0.0",
    "1 234 567 890 123 456 789 012 345",
    "1,234,567,890,123,456,789,012,345.5",
    "1.234.567.890.123.456.789.012.345,5",
    "1e5",
    "1E+400",
    "NaN",
    "-Infinity",
    "inf",
    "１２３",  # full-width digits
    "٣",
    "1" * 41,
    "--1",
    ".",
    "1,,2",
]


@pytest.fixture
def articles_dir(articles_dir):
    add_fixtures(articles_dir)
    return articles_dir


@pytest.fixture
def client(app):
    """A client of an app over the shipped articles and the guidance test articles."""
    return app.test_client()


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("text", NUMBERS)
def test_parsing_and_showing_a_number_never_raises_anything_else(text, locale):
    try:
        value = parse_number(text, locale)
    except NumberError:
        return
    for decimals in (None, 0, 2, 10):
        shown = format_number(value, locale, decimals)
        assert shown and not shown.startswith("-0"), shown
        assert "E" not in shown  # whatever can be typed is written out in full


@pytest.mark.parametrize(
    "value",
    ["1E+999999", "-1E-999999", "NaN", "Infinity", "-0E-20", "123456789" * 10, "0.5E-70"],
)
def test_any_decimal_at_all_is_shown(value):
    for locale in ("en", "ru"):
        for decimals in (None, 0, 2, 10):
            assert format_number(Decimal(value), locale, decimals)


@pytest.mark.parametrize(
    "formula, message",
    [("a / b", DIVISION_BY_ZERO), ("0 / 0", DIVISION_BY_ZERO), ("b / b", DIVISION_BY_ZERO)],
)
def test_division_by_zero_is_named_as_such(formula, message):
    with pytest.raises(ExprError) as raised:
        parse_expression(formula).evaluate({"a": Decimal(5), "b": Decimal(0)})
    assert raised.value.msgid == message


def test_an_overflow_is_too_large():
    huge = parse_expression("a * a * a * a * a * a * a * a * a * a * a * a * a * a * a * a")
    with pytest.raises(ExprError) as raised:
        huge.evaluate({"a": Decimal("9E+100000")})
    assert raised.value.msgid == TOO_LARGE


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("typed", ["1" * 26, "9" * 40, "-0", "1e5", "NaN", "0." + "0" * 38 + "1"])
def test_the_calculator_and_the_case_form_keep_what_was_typed(client, lang, typed):
    token = csrf(client)
    calc = client.post(
        f"/{lang}/{SLUG}/guide/pnv-balance",
        data={
            "csrf_token": token,
            "f.subscriptions": typed,
            "f.total_buy_cost": "1",
            "f.total_sale_cost": "0",
            "f.customer_type": "vc_partner",
        },
    )
    assert calc.status_code == 200
    case = client.post(
        f"/{lang}/{SLUG}/guide/case-form",
        data={"csrf_token": token, "check": "1", "f.staff": typed, "f.company": "Co"},
    )
    assert case.status_code == 200
    for page in (calc, case):
        html = page.get_data(as_text=True)
        assert typed in html or format_number(parse_number(typed, lang), lang) in html


@pytest.mark.parametrize(
    "day, clock",
    [
        ("9999-12-31", "23:59"),
        ("9999-12-31", "00:00"),
        ("9999-12-25", "12:00"),
        ("0001-01-01", "00:00"),
        ("0001-01-01", "23:59"),
        ("2026-02-29", "10:00"),  # no such day: a message
        ("2026-01-12", "24:00"),
    ],
)
@pytest.mark.parametrize("tz", ["", "Pacific/Kiritimati", "Etc/GMT+12", "America/Adak"])
def test_routing_answers_at_the_ends_of_the_calendar(client, day, clock, tz):
    for lang in ("en", "ru"):
        params = {"date": day, "time": clock, **({"tz": tz} if tz else {})}
        response = client.get(f"/{lang}/{SLUG}/guide/telesales", query_string=params)
        assert response.status_code == 200, (lang, params)


def test_routing_caps_the_next_opening_at_the_last_day(client):
    from kb.guidance import route
    from kb.web.content import library

    with client.application.app_context():
        from kb.web.blocks import article_specs

        spec = article_specs(library().get("en", SLUG)).get("telesales")
    last = route(spec, datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    assert last.opens is None or last.opens.year == 9999


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "＝1+1",  # full-width equals sign
        "﹦1",  # small equals sign
        "＋1",
        "－1",
        "＠SUM(A1)",
        " =1+1",  # after spaces
        "\u3000＝1",
        "\u00a0=1",
    ],
)
def test_csv_cells_that_start_like_a_formula_are_neutralised(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "1+1", "a=b", "Отказ", "", "’quote"])
def test_other_cells_are_left_as_they_are(value):
    assert cell(value) == value
