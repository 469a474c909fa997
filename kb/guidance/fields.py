"""Case fields: read their definitions, and check and show the values people type into them."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date

from kb.guidance.labels import N_
from kb.guidance.model import FIELD_TYPES, Field
from kb.guidance.numeric import NumberError, format_number, parse_number
from kb.guidance.outcomes import read_options
from kb.guidance.source import Node, Reader

FIELD_KEYS = ("id", "label", "type", "required", "help", "options")
MAX_TEXT = {"multiline": 5000}
MAX_LINE = 500
_PHONE = re.compile(r"\+?[\d\s().-]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DOTTED_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
PHONE_DIGITS = (5, 20)

MISSING = N_("This field is required.")
BAD_PHONE = N_("Enter a phone number: digits, spaces, '+', '-' and brackets.")
BAD_EMAIL = N_("Enter an email address such as name@example.com.")
BAD_DATE = N_("Enter a date as YYYY-MM-DD or DD.MM.YYYY.")
BAD_CHOICE = N_("Choose one of the options.")
TOO_LONG = N_("This is too long.")


def read_fields(r: Reader, nodes: list[Node], what: str) -> tuple[Field, ...]:
    """A list of field mappings; ids must be unique among them."""
    fields, seen = [], set()
    for node in nodes:
        field = read_field(r, node, what)
        if field is None:
            continue
        if field.id in seen:
            r.error(field.line, f"{what}: field {field.id!r} is given twice")
        seen.add(field.id)
        fields.append(field)
    return tuple(fields)


def read_field(r: Reader, node: Node, what: str) -> Field | None:
    """One field mapping, or None when it is not a mapping."""
    m = r.mapping(node, f"{what}: field", FIELD_KEYS, ("id", "label"))
    if m is None:
        return None
    field_id = m.ident("id")
    kind = m.choose("type", FIELD_TYPES, "text")
    options = read_options(r, m.items("options"), m.what)
    if kind == "choice" and not options:
        r.error(m.line, f"{m.what}: a 'choice' field needs 'options'")
    elif kind != "choice" and options:
        r.warn(m.key_line("options"), f"{m.what}: 'options' are only used by 'choice' fields")
    return Field(
        id=field_id,
        label=m.text("label"),
        type=kind,
        required=m.flag("required"),
        help=m.text("help"),
        options=options,
        line=m.line,
    )


def clean_value(field: Field, raw: str, locale: str) -> tuple[str, str]:
    """Return (the value as it should be shown, the msgid of what is wrong or '').

    An empty value is not wrong here; whether it is needed is the form's business.
    """
    value = raw.strip() if field.type == "multiline" else " ".join(raw.split())
    if not value:
        return "", ""
    if len(value) > MAX_TEXT.get(field.type, MAX_LINE):
        return value, TOO_LONG
    match field.type:
        case "phone":
            digits = sum(c.isdigit() for c in value)
            low, high = PHONE_DIGITS
            if not _PHONE.fullmatch(value) or not low <= digits <= high:
                return value, BAD_PHONE
        case "email":
            if not _EMAIL.fullmatch(value):
                return value, BAD_EMAIL
        case "date":
            day = parse_date(value)
            if day is None:
                return value, BAD_DATE
            return format_date(day, "medium", locale=locale), ""
        case "number":
            try:
                return format_number(parse_number(value, locale), locale), ""
            except NumberError as exc:
                return value, exc.msgid
        case "choice":
            if value not in {o.id for o in field.options}:
                return value, BAD_CHOICE
            return field.option_label(value), ""
    return value, ""


def parse_date(value: str) -> date | None:
    """A date written YYYY-MM-DD (as date inputs send it) or DD.MM.YYYY, or None."""
    try:
        return date.fromisoformat(value) if "-" in value else _dotted(value)
    except ValueError:
        return None


def _dotted(value: str) -> date | None:
    m = _DOTTED_DATE.fullmatch(value)
    return date(int(m[3]), int(m[2]), int(m[1])) if m else None
