"""Numbers typed by people ("1 234,56", "60.01", "-5") to Decimal, and Decimal back to text."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.numbers import format_decimal, format_scientific, get_group_symbol

from kb.guidance.labels import N_

MAX_INPUT = 40
_GAPS = re.compile(r"[\u00a0\u202f\u2009']")  # besides spaces, what people put between groups
_SHAPE = re.compile(r"[\d.,]*\d[\d.,]*")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+")
MAX_SHOWN = 60  # digits before or after the point written out in full; more than anyone types
EMPTY = N_("Enter a number.")
NOT_A_NUMBER = N_("Enter a number: digits, with a point or a comma before the decimals.")


class NumberError(ValueError):
    """The text is not a number; `msgid` says so in words a user understands."""

    def __init__(self, msgid: str):
        super().__init__(msgid)
        self.msgid = msgid


def parse_number(text: str, locale: str = "en") -> Decimal:
    """Read a number as typed in `locale`; raise NumberError when it is empty or not a number.

    >>> parse_number("1 234,56", "ru"), parse_number("60.01"), parse_number("-5")
    (Decimal('1234.56'), Decimal('60.01'), Decimal('-5'))
    >>> parse_number("1,234", "en"), parse_number("1,234", "ru")
    (Decimal('1234'), Decimal('1.234'))
    """
    text = text.strip().replace("\u2212", "-")
    if not text:
        raise NumberError(EMPTY)
    if len(text) > MAX_INPUT:
        raise NumberError(NOT_A_NUMBER)
    negative = text.startswith("-")
    body = _GAPS.sub(" ", text[1:] if text[0] in "+-" else text)
    if " " in body:
        whole, _, fraction = body.partition(next((c for c in body if c in ".,"), "\n"))
        if not _SPACE_GROUPED.fullmatch(whole) or " " in fraction:
            raise NumberError(NOT_A_NUMBER)
        body = body.replace(" ", "")
    plain = _plain(body, get_group_symbol(locale) == ",") if _SHAPE.fullmatch(body) else None
    if plain is None:
        raise NumberError(NOT_A_NUMBER)
    return Decimal(("-" if negative else "") + plain)


def _plain(body: str, comma_groups: bool) -> str | None:
    """Digits with at most one '.' as the decimal point, or None if the marks make no sense."""
    marks = [c for c in body if c in ".,"]
    if not marks:
        return body
    if len(set(marks)) == 2:
        point = body[max(body.rfind("."), body.rfind(","))]
        whole, _, fraction = body.rpartition(point)
        if not _GROUPED.fullmatch(whole):
            return None
        return re.sub(r"[.,]", "", whole) + "." + fraction
    if len(marks) > 1:
        return re.sub(r"[.,]", "", body) if _GROUPED.fullmatch(body) else None
    whole, mark, fraction = body.partition(marks[0])
    # "1,234" is 1234 where a comma groups thousands (English), 1.234 where it marks decimals.
    if mark == "," and comma_groups and len(fraction) == 3 and whole.strip("0"):
        return whole + fraction if len(whole) <= 3 else None
    return whole + "." + fraction


def format_number(value: Decimal, locale: str, decimals: int | None = None) -> str:
    """`value` as `locale` writes it, rounded half up to `decimals`, or in full when None.

    Never raises, whatever the Decimal: the digits are worked out with all the precision they
    need (Babel's default context stops at 28 digits), zero has no sign, a number with more
    than MAX_SHOWN digits is written with an exponent, and one that is not finite as it is.
    >>> format_number(Decimal("1" * 30), "en", 2)[-8:], format_number(Decimal("-0.001"), "ru", 2)
    ('1,111.00', '0,00')
    """
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # "n", "N" or "F": NaN, sNaN or infinity
        return str(value)
    places = -exponent if decimals is None else decimals
    if value.adjusted() >= MAX_SHOWN or max(places, 0) > MAX_SHOWN:
        return format_scientific(value, locale=locale)
    with localcontext(Context(prec=MAX_SHOWN * 2 + 4)):
        if decimals is not None:
            value = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        if value.is_zero():
            value = value.copy_abs()  # "-0" and "-0.00" are zero
        if decimals is None:
            return format_decimal(value, locale=locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=locale)
