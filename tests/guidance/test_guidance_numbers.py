"""Numbers as people type them, and as each locale shows them."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kb.guidance.numeric import EMPTY, NOT_A_NUMBER, NumberError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("60", "en", D("60")),
        ("60.01", "en", D("60.01")),
        ("60,01", "en", D("60.01")),
        ("-5", "en", D("-5")),
        ("+5", "en", D("5")),
        ("\u22125", "ru", D("-5")),
        (" 59.99 ", "en", D("59.99")),
        ("1 234,56", "ru", D("1234.56")),
        ("1\u00a0234,56", "ru", D("1234.56")),
        ("1\u202f234\u202f567", "ru", D("1234567")),
        ("1,234.56", "en", D("1234.56")),
        ("1.234,56", "ru", D("1234.56")),
        ("1,234,567", "en", D("1234567")),
        ("1,234", "en", D("1234")),  # English groups thousands with a comma
        ("1,234", "ru", D("1.234")),  # Russian marks decimals with one
        ("0,125", "en", D("0.125")),
        (".5", "en", D("0.5")),
    ],
)
def test_reads_numbers_as_typed(text, locale, expected):
    assert parse_number(text, locale) == expected


@pytest.mark.parametrize("text", ["   ", ""])
def test_empty_input_asks_for_a_number(text):
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.msgid == EMPTY


@pytest.mark.parametrize(
    "text",
    ["abc", "12 34", "1e5", "NaN", "Infinity", "1,2,3", "--5", "5-", "1.2.3,4", "0x10", "1" * 41],
)
def test_rejects_what_is_not_a_number(text):
    with pytest.raises(NumberError) as caught:
        parse_number(text, "ru")
    assert caught.value.msgid == NOT_A_NUMBER


@pytest.mark.parametrize(
    ("value", "locale", "decimals", "shown"),
    [
        (D("1234.5"), "en", 2, "1,234.50"),
        (D("1234.5"), "ru", 2, "1\u00a0234,50"),
        (D("59.995"), "en", 2, "60.00"),
        (D("2.5"), "en", 0, "3"),
        (D("1.23456789"), "en", None, "1.23456789"),
    ],
)
def test_formats_for_the_locale(value, locale, decimals, shown):
    assert format_number(value, locale, decimals) == shown
