"""Plain-text summaries to paste into the CRM, in the article's language.

Labels that are not content ("Date", "Outcome"...) go through the caller's `_`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from babel.dates import format_date, format_time

from kb.guidance.calculator import Calculation
from kb.guidance.engine import Position
from kb.guidance.fields import clean_value
from kb.guidance.labels import Translate
from kb.guidance.model import (
    ACTION_KINDS,
    PLAIN_ACTION,
    ROUTING_REASONS,
    Calculator,
    Checklist,
    Field,
    Outcome,
    Routing,
    Spec,
    Walkthrough,
)
from kb.guidance.routing import Route
from kb.guidance.text import plain_text
from kb.guidance.zones import zone_label


def walkthrough_summary(
    spec: Walkthrough,
    position: Position,
    *,
    locale: str,
    at: datetime,
    _: Translate,
    values: Mapping[str, str] = {},
    specs: Sequence[Spec] = (),
    calculations: Sequence[tuple[Calculator, Calculation]] = (),
    note: str = "",
) -> str:
    """The path taken, the details entered, calculator results, the outcome, next actions and
    the agent's own note.

    `values` are what was typed into the fields of the steps passed (and of the checklists
    they refer to, found among `specs`, the article's blocks); `calculations` are the
    article's calculators as worked out on the way; `note` is free text the agent added.
    """
    lines = _header(spec.title, at, locale, _)
    answered = [t for t in position.trail if t.choice.label]
    if answered:
        lines += ["", _heading(_("Path taken"))]
        lines += [f"{n}. {t.step.title} → {t.choice.label}" for n, t in enumerate(answered, 1)]
    details = _details(_fields(position, specs), values, locale)
    if details:
        lines += ["", _heading(_("Details")), *details]
    results = [line for calc, done in calculations for line in _results(calc, done)]
    if results:
        lines += ["", _heading(_("Results")), *results]
    if position.outcome is not None:
        lines += ["", *_outcome(position.outcome, _)]
    elif position.step is not None:
        lines += ["", _pair(_("Not finished; current step"), position.step.title)]
    if note.strip():
        lines += ["", _heading(_("Agent's note")), *note.strip().splitlines()]
    return "\n".join(lines)


def calculator_summary(
    spec: Calculator, calculation: Calculation, *, locale: str, at: datetime, _: Translate
) -> str:
    """The inputs, the results of the formulas and the rule that applies."""
    lines = _header(spec.title, at, locale, _)
    inputs = [
        f"{i.label}: {_with_unit(calculation.shown.get(i.id, ''), i.unit)}"
        for i in spec.inputs
        if calculation.shown.get(i.id)
    ]
    if inputs:
        lines += ["", _heading(_("Inputs")), *inputs]
    results = _results(spec, calculation)
    if results:
        lines += ["", _heading(_("Results")), *results]
    if calculation.error:
        lines += ["", _pair(_("Not calculated"), calculation.error)]
    elif calculation.rule is not None:
        lines += ["", *_outcome(calculation.rule.outcome, _)]
    elif calculation.complete:
        lines += ["", _("No rule applies.")]
    return "\n".join(lines)


def routing_summary(spec: Routing, route: Route, *, locale: str, _: Translate) -> str:
    """The moment checked, in the block's time zone, and where the customer goes."""
    lines = _header(spec.title, route.local, locale, _)
    lines[-1] += f", {zone_label(spec.timezone, locale, route.local)}"
    lines.append(_pair(_("Status"), _(ROUTING_REASONS[route.reason])))
    if route.opens is not None:
        lines.append(_pair(_("Opens"), _when(route.opens, locale)))
    lines += ["", *_outcome(route.outcome, _)]
    return "\n".join(lines)


def _results(spec: Calculator, calculation: Calculation) -> list[str]:
    return [
        f"{f.label}: {_with_unit(calculation.shown[f.id], f.unit)}"
        for f in spec.formulas
        if f.id in calculation.shown
    ]


def _header(title: str, at: datetime, locale: str, _: Translate) -> list[str]:
    return [title, _pair(_("Date"), _when(at, locale))]


def _pair(label: str, value: str) -> str:
    return f"{label}: {value}"


def _heading(label: str) -> str:
    return f"{label}:"


def _when(at: datetime, locale: str) -> str:
    return f"{format_date(at, 'medium', locale=locale)}, {format_time(at, 'short', locale=locale)}"


def _with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}" if unit and value else value


def _fields(position: Position, specs: Sequence[Spec]) -> list[Field]:
    checklists = {s.id: s for s in specs if isinstance(s, Checklist)}
    steps = [t.step for t in position.trail] + ([position.step] if position.step else [])
    refs = [s.checklist for s in steps] + [position.outcome.checklist if position.outcome else ""]
    fields = [f for s in steps for f in s.fields]
    fields += [
        f for ref in dict.fromkeys(refs) if ref in checklists for f in checklists[ref].fields
    ]
    first: dict[str, Field] = {}
    for field in fields:
        first.setdefault(field.id, field)  # the same id is the same value, asked once
    return list(first.values())


def _details(fields: list[Field], values: Mapping[str, str], locale: str) -> list[str]:
    lines = []
    for field in fields:
        shown = clean_value(field, values.get(field.id, ""), locale)[0]
        if shown:
            lines.append(f"{field.label}: {shown}")
    return lines


def _outcome(outcome: Outcome, _: Translate) -> list[str]:
    """What was done (`record`), or the outcome's instruction; then its text and next actions."""
    lines = [_pair(_("Outcome"), outcome.record or outcome.title)]
    if outcome.text:
        lines.append(plain_text(outcome.text))
    if outcome.actions:
        lines += ["", _heading(_("Next actions"))]
        for action in outcome.actions:
            label = "" if action.kind == PLAIN_ACTION else f"{_(ACTION_KINDS[action.kind])}: "
            lines.append(f"- {label}{action.text}")
    return lines
