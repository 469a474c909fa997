"""What the guidance pages' forms share: typed values in and out, fields as templates show
them, and the reader's clock.

Typed values are customer data: they arrive in POST bodies, go back out in the page (as the
fields' values or hidden fields) and are never stored, logged or put in a URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app, request

from kb.guidance import Calculation, Spec, calculate
from kb.guidance.model import Calculator, Checklist, Field, Input

VALUE = "f."  # form name of a typed value: f.<field or input id>
FALLBACK = "fallback."  # form name of a checklist's fallback switch: fallback.<checklist id>
NOTE = "note"  # form name of the agent's free-text note on a walkthrough run
ZONE_COOKIE = "kb_tz"  # the browser's time zone, set by guide.js
MAX_VALUE = 5000


@dataclass(frozen=True)
class FieldView:
    """A field as a form shows it: what was typed and what is wrong with it."""

    field: Field | Input  # a form's field or a calculator's input
    value: str = ""
    error: str = ""

    @property
    def name(self) -> str:
        return VALUE + self.field.id

    @property
    def html_id(self) -> str:
        return "f-" + self.field.id

    @property
    def described_by(self) -> str:
        """The ids of the help and the error message, for aria-describedby."""
        ids = [self.html_id + "-help"] if self.field.help else []
        return " ".join(ids + ([self.html_id + "-error"] if self.error else []))


@dataclass(frozen=True)
class FieldGroup:
    """Fields asked for together: a step's own, or a checklist's with its fallback switch."""

    fields: tuple[FieldView, ...]
    checklist: Checklist | None = None
    fallback: bool = False  # the checklist's reduced form is in use

    @property
    def wrong(self) -> tuple[FieldView, ...]:
        return tuple(v for v in self.fields if v.error)

    @property
    def required(self) -> frozenset[str]:
        """The ids of the fields needed now (the fallback changes which)."""
        if self.checklist is not None and self.fallback and self.checklist.fallback:
            return frozenset(self.checklist.fallback.required)
        return frozenset(
            v.field.id for v in self.fields if isinstance(v.field, Field) and v.field.required
        )


def posted_values(ids: Iterable[str]) -> dict[str, str]:
    """The typed values of the fields `ids` in the POSTed form, empty ones left out."""
    if request.method != "POST":
        return {}
    values = {}
    for field_id in ids:
        value = request.form.get(VALUE + field_id, "")[:MAX_VALUE]
        if value.strip():
            values[field_id] = value
    return values


def posted_fallbacks(checklist_ids: Iterable[str]) -> set[str]:
    """The checklists whose fallback switch is on in the POSTed form."""
    if request.method != "POST":
        return set()
    return {c for c in checklist_ids if request.form.get(FALLBACK + c) == "1"}


def views(
    fields: Sequence[Field | Input], values: Mapping[str, str], errors: Mapping[str, str] = {}
) -> tuple[FieldView, ...]:
    return tuple(FieldView(f, values.get(f.id, ""), errors.get(f.id, "")) for f in fields)


def input_fields(calc: Calculator) -> tuple[Field, ...]:
    """A calculator's inputs as the required fields of a walkthrough step that works it out."""
    return tuple(
        Field(i.id, i.label, i.type, required=True, help=i.help, options=i.options, line=i.line)
        for i in calc.inputs
    )


def calculations(
    specs: Sequence[Spec], values: Mapping[str, str], locale: str, _
) -> list[tuple[Calculator, Calculation]]:
    """The article's calculators that the values typed so far give every input of, worked out."""
    done = []
    for spec in specs:
        if isinstance(spec, Calculator) and all(i.id in values for i in spec.inputs):
            calculation = calculate(spec, values, locale=locale, _=_)
            if calculation.complete:
                done.append((spec, calculation))
    return done


def with_results(
    values: Mapping[str, str], done: Sequence[tuple[Calculator, Calculation]]
) -> dict[str, str]:
    """`values` with calculator results for fields of the same id as a formula left empty."""
    results = {f.id: c.shown[f.id] for spec, c in done for f in spec.formulas if f.id in c.shown}
    return {**results, **values}


@cache
def zone_names() -> tuple[str, ...]:
    """IANA zones a person would pick from: Area/City names, and UTC."""
    skip = ("Etc/", "SystemV/", "US/", "posix/", "right/")
    names = (z for z in available_timezones() if "/" in z and not z.startswith(skip))
    return ("UTC", *sorted(names))


def zone(name: str | None) -> ZoneInfo | None:
    """The zone called `name`, if it is one a person could pick."""
    if not name or name not in zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def reader_zone() -> ZoneInfo:
    """The reader's time zone: the browser's (told by guide.js), else the site's setting."""
    return (
        zone(request.cookies.get(ZONE_COOKIE))
        or zone(current_app.config["KB_TIMEZONE"])
        or ZoneInfo("UTC")
    )


def reader_now() -> datetime:
    return datetime.now(reader_zone())
