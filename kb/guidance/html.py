"""Each spec as complete, escaped HTML: the procedure reads in full without the interactive layer.

Class names start with the kind's prefix (`wt-`, `cl-`, `dt-`, `calc-`, `rt-`) or `guidance-`;
`why` and `notes` of walkthrough steps appear only in the training view. Labels are never
translated inside f-strings, so that message extraction finds every `_("...")`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from html import escape

from babel.dates import format_date, format_skeleton, format_time, get_day_names

from kb.guidance.expr import Expression
from kb.guidance.html_parts import Link, Parts
from kb.guidance.labels import CONDITION_WORDS, Translate
from kb.guidance.model import (
    DECISIONS,
    Branch,
    Calculator,
    Checklist,
    DecisionTable,
    Holiday,
    Input,
    Routing,
    Spec,
    Step,
    Walkthrough,
)
from kb.guidance.numeric import format_number
from kb.guidance.text import anchor


def render_html(
    spec: Spec,
    *,
    locale: str,
    _: Translate,
    training: bool = False,
    link: Link = None,
    specs: Sequence[Spec] = (),
) -> str:
    """The static HTML of `spec`; `specs` (the article's blocks) name the checklists referred to."""
    h = Parts(_, locale, link, specs)
    if isinstance(spec, Walkthrough):
        return _walkthrough(h, spec, training)
    if isinstance(spec, Checklist):
        return _checklist(h, spec)
    if isinstance(spec, DecisionTable):
        return _table(h, spec)
    if isinstance(spec, Calculator):
        return _calculator(h, spec)
    return _routing(h, spec)


class _Steps:
    """How a walkthrough's choices are shown: where each leads, and on which condition."""

    def __init__(self, h: Parts, spec: Walkthrough):
        _ = h._
        self.spec = spec
        self.words = {key: _(msgid) for key, msgid in CONDITION_WORDS.items()}
        self.step_word, self.outcome_word = _("Step"), _("Outcome")
        self.if_word, self.otherwise = _("If"), _("Otherwise")
        self.numbers = {step_id: n for n, step_id in enumerate(spec.steps, start=1)}
        self.setters: dict[tuple[str, str], str] = {}  # (answer, value) -> the choice setting it
        for step in spec.steps.values():
            for choice in step.choices:
                for pair in choice.set.items():
                    self.setters.setdefault(pair, choice.label)

    def target(self, node_id: str) -> str:
        if node_id in self.numbers:
            text = f"{self.step_word} {self.numbers[node_id]}: {self.spec.steps[node_id].title}"
        else:
            text = f"{self.outcome_word}: {self.spec.outcomes[node_id].title}"
        return f'<a href="#{anchor(self.spec, node_id)}">{escape(text)}</a>'

    def condition(self, branch: Branch) -> str:
        if branch.when is None:
            return escape(self.otherwise)
        words = branch.when.describe(
            lambda n: n, lambda n, v: self.setters.get((n, v), v), self.words.__getitem__
        )
        return escape(f"{self.if_word} {words}")

    def choices(self, step: Step, continue_label: str) -> str:
        items = []
        for choice in step.choices:
            label = f'<span class="wt-choice">{escape(choice.label or continue_label)}</span>'
            if len(choice.next) == 1:
                items.append(f"<li>{label} → {self.target(choice.next[0].go)}</li>")
                continue
            branches = "".join(
                f"<li>{self.condition(b)} → {self.target(b.go)}</li>" for b in choice.next
            )
            items.append(f'<li>{label}<ul class="wt-branches">{branches}</ul></li>')
        return f'<ul class="wt-choices">{"".join(items)}</ul>'


def _walkthrough(h: Parts, spec: Walkthrough, training: bool) -> str:
    _ = h._
    show = _Steps(h, spec)
    continue_label, outcomes_title = _("Continue"), _("Outcomes")
    steps = []
    for step in spec.steps.values():
        steps.append(
            f'<li class="wt-step" id="{anchor(spec, step.id)}">'
            f'<p class="wt-step-title">{escape(step.title)}</p>{h.md(step.text)}'
            + h.script(step.script)
            + (_training(h, step) if training else "")
            + (h.fields(step.fields, anchor(spec, step.id)) if step.fields else "")
            + h.checklist_ref(step.checklist)
            + h.calculator_ref(step.calculator)
            + show.choices(step, continue_label)
            + "</li>"
        )
    outcomes = "".join(
        f'<li id="{anchor(spec, o.id)}">{h.outcome(o)}</li>' for o in spec.outcomes.values()
    )
    return (
        f'{h.head(spec)}<ol class="wt-steps">{"".join(steps)}</ol>'
        f'<p class="wt-outcomes-title">{escape(outcomes_title)}</p>'
        f'<ul class="wt-outcomes">{outcomes}</ul></section>'
    )


def _training(h: Parts, step: Step) -> str:
    _ = h._
    parts = []
    for css, label, text in (("wt-why", _("Why"), step.why), ("wt-notes", _("Notes"), step.notes)):
        if text:
            parts.append(
                f'<aside class="{css} training-only"><p class="{css}-title">'
                f"{escape(label)}</p>{h.md(text)}</aside>"
            )
    return "".join(parts)


def _checklist(h: Parts, spec: Checklist) -> str:
    _ = h._
    labels = {f.id: f.label for f in spec.fields}
    parts = [h.head(spec), h.fields(spec.fields, anchor(spec))]
    any_of = _("At least one of")
    for group in spec.require_any:
        names = ", ".join(labels[f] for f in group)
        parts.append(f'<p class="cl-any">{escape(any_of)}: {escape(names)}</p>')
    if spec.fallback:
        instead, added = _("Required instead"), _("Added to the note")
        names = ", ".join(labels[f] for f in spec.fallback.required)
        parts.append(
            f'<div class="cl-fallback"><p class="cl-fallback-title"><strong>'
            f"{escape(spec.fallback.label)}</strong></p>"
            f"<p>{escape(instead)}: {escape(names)}</p>"
            + (
                f"<p>{escape(added)}: {escape(spec.fallback.note)}</p>"
                if spec.fallback.note
                else ""
            )
            + "</div>"
        )
    if spec.note:
        template = spec.note
        for field in spec.fields:
            template = template.replace("{" + field.id + "}", f"[{field.label}]")
        template = template.replace("{{", "{").replace("}}", "}")
        caption = _("CRM note")
        parts.append(
            f'<figure class="cl-note"><figcaption>{escape(caption)}</figcaption>'
            f"<pre>{escape(template)}</pre></figure>"
        )
    return "".join(parts) + "</section>"


def _table(h: Parts, spec: DecisionTable) -> str:
    _ = h._
    defaults = {"scenario": _("Scenario"), "decision": _("Decision"), "do": _("What to do")}
    headers = "".join(
        f'<th scope="col">{escape(spec.columns.get(key) or label)}</th>'
        for key, label in defaults.items()
    )
    rows = []
    # A row reached from search or a link is read without the block's head above it: a row
    # that transfers carries the words to read before the transfer.
    disclosure = ""
    if spec.script:
        lines = "<br>".join(escape(line) for line in spec.script.strip().splitlines())
        read_first = escape(_("Read before transferring:"))
        disclosure = (
            f'<p class="dt-disclosure"><span class="dt-disclosure-label">{read_first}</span> '
            f"{lines}</p>"
        )
    for row in spec.rows:
        badge = h.badge(f"decision-{row.decision}", _(DECISIONS[row.decision]))
        to = f' <span class="dt-to">{escape(row.to)}</span>' if row.to else ""
        if row.decision == "transfer":
            to += disclosure
        rows.append(
            f'<tr class="dt-row decision-{row.decision}" id="{anchor(spec, row.id)}">'
            f"<td>{h.md(row.scenario, 'dt-scenario')}</td><td>{badge}{to}</td>"
            f"<td>{h.md(row.do, 'dt-do')}</td></tr>"
        )
    return (
        f"{h.head(spec, h.script(spec.script))}"
        f'<div class="table-wrap"><table class="dt-table"><thead><tr>{headers}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _calculator(h: Parts, spec: Calculator) -> str:
    _ = h._
    names = {i.id: i.label for i in spec.inputs} | {f.id: f.label for f in spec.formulas}
    options = {(i.id, o.id): o.label for i in spec.inputs for o in i.options}
    words = {key: _(msgid) for key, msgid in CONDITION_WORDS.items()}
    if_word, otherwise = _("If"), _("Otherwise")

    def described(expression: Expression) -> str:
        return expression.describe(
            lambda n: names.get(n, n), lambda n, v: options.get((n, v), v), words.__getitem__
        )

    inputs = []
    for item in spec.inputs:
        detail = ", ".join(o.label for o in item.options) if item.options else _range(h, item)
        unit = f" ({item.unit})" if item.unit else ""
        inputs.append(
            f'<li id="{anchor(spec, item.id)}"><strong>{escape(item.label)}</strong>'
            f"{escape(unit)}{': ' + escape(detail) if detail else ''}</li>"
        )
    formulas = "".join(
        f'<li id="{anchor(spec, f.id)}"><strong>{escape(f.label)}</strong> = '
        f"{escape(described(f.expr))}{escape(f' ({f.unit})' if f.unit else '')}</li>"
        for f in spec.formulas
    )
    rules = "".join(
        f'<li id="{anchor(spec, r.outcome.id)}"><p class="calc-when">'
        f"{escape(f'{if_word} {described(r.when)}' if r.when else otherwise)}:</p>"
        f"{h.outcome(r.outcome)}</li>"
        for r in spec.rules
    )
    parts = [
        h.head(spec),
        _heading("calc", _("Inputs")),
        f'<ul class="calc-inputs">{"".join(inputs)}</ul>',
    ]
    if formulas:
        parts += [_heading("calc", _("Formulas")), f'<ul class="calc-formulas">{formulas}</ul>']
    if rules:
        parts += [_heading("calc", _("Rules")), f'<ol class="calc-rules">{rules}</ol>']
    return "".join(parts) + "</section>"


def _heading(prefix: str, label: str) -> str:
    return f'<p class="{prefix}-heading">{escape(label)}</p>'


def _range(h: Parts, item: Input) -> str:
    _ = h._
    low = format_number(item.min, h.locale) if item.min is not None else ""
    high = format_number(item.max, h.locale) if item.max is not None else ""
    if low and high:
        return _("%(min)s to %(max)s") % {"min": low, "max": high}
    if low:
        return _("at least %(min)s") % {"min": low}
    return _("at most %(max)s") % {"max": high} if high else ""


def _routing(h: Parts, spec: Routing) -> str:
    _ = h._
    days = get_day_names("wide", locale=h.locale)
    rows = "".join(
        f'<tr><th scope="row">{escape(days[day][:1].upper() + days[day][1:])}</th>'
        f"<td>{escape(_hours(h, spec.hours.get(day, ())))}</td></tr>"
        for day in range(7)
    )
    holidays = "".join(f"<li>{escape(_holiday(h, d))}</li>" for d in spec.holidays)
    outputs = (
        ("rt-in-hours", _("During working hours"), spec.in_hours),
        (
            "rt-out-of-hours",
            _("Outside working hours, on days off and on holidays"),
            spec.out_of_hours,
        ),
    )
    zone = _("Time zone")
    return (
        f'{h.head(spec)}<p class="rt-zone">{escape(zone)}: {escape(spec.timezone)}</p>'
        f'<table class="rt-hours"><tbody>{rows}</tbody></table>'
        + (
            _heading("rt", _("Public holidays")) + f'<ul class="rt-holidays">{holidays}</ul>'
            if holidays
            else ""
        )
        + "".join(
            f'<div class="rt-output {css}"><p class="rt-when">{escape(when)}</p>'
            f"{h.outcome(output)}</div>"
            for css, when, output in outputs
        )
        + "</section>"
    )


def _hours(h: Parts, spans: tuple[tuple[int, int], ...]) -> str:
    _ = h._
    if not spans:
        return _("Closed")
    if spans == ((0, 24 * 60),):
        return _("All day")
    return ", ".join(f"{_clock(h, start)}–{_clock(h, end)}" for start, end in spans)


def _clock(h: Parts, minutes: int) -> str:
    return format_time(time(minutes // 60 % 24, minutes % 60), "short", locale=h.locale)


def _holiday(h: Parts, holiday: Holiday) -> str:
    _ = h._
    if holiday.yearly:
        first, last = (
            format_skeleton("MMMMd", d, locale=h.locale) for d in (holiday.first, holiday.last)
        )
        span = first if holiday.first == holiday.last else f"{first} – {last}"
        every_year = _("every year")
        return f"{span} ({every_year})"
    first, last = (format_date(d, "long", locale=h.locale) for d in (holiday.first, holiday.last))
    return first if holiday.first == holiday.last else f"{first} – {last}"
