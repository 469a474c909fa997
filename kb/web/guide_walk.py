"""Walkthrough pages: one step at a time, the choices taken in the URL, typed details in the form.

The URL holds only choice ids (`?path=login.answered`), the view and a random run id, so a
step can be bookmarked and Back and Restart are plain links. Details typed into a step's
fields travel in POST bodies and come back as hidden fields; from the first one on, the way
forward is a form whose buttons post to the same URLs the links would have gone to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from kb.content import Article
from kb.guidance import Position, calculate, fill, join_path, walk, walkthrough_summary
from kb.guidance.diagram import Marks
from kb.guidance.model import Calculator, Checklist, Field, Outcome, Step, Walkthrough
from kb.guidance.specs import ArticleSpecs
from kb.store import usage
from kb.web.guide_forms import (
    FALLBACK,
    MAX_VALUE,
    NOTE,
    VALUE,
    FieldGroup,
    calculations,
    input_fields,
    posted_fallbacks,
    posted_values,
    reader_now,
    views,
    with_results,
)
from kb.web.walk_map import walkthrough_map


@dataclass(frozen=True)
class Nav:
    """A way to another position: a link, or a button of the step's form once it has one."""

    url: str
    label: str = ""
    check: str | None = None  # the path whose fields must be valid before going there


def walkthrough_page(article: Article, found: ArticleSpecs, spec: Walkthrough):
    """The position that `?path=` leads to; a POST also carries (and may check) typed details."""
    store = current_app.extensions["kb_store"]
    training = request.args.get("view") == "training"
    path = request.args.get("path", "")
    given = request.args.get("run", "")
    fresh = not (usage.is_run_id(given) and usage.is_current(store, given))
    run = usage.new_run_id() if fresh else given
    fields, checklists = _run_forms(spec, found)
    values = posted_values(fields)
    fallbacks = posted_fallbacks(checklists)
    note = request.form.get(NOTE, "")[:MAX_VALUE] if request.method == "POST" else ""
    done = calculations(found.specs, values, article.lang, gettext)
    results = {calc.id: calculation.values for calc, calculation in done}

    position = walk(spec, path, results)
    errors: dict[str, str] = {}
    check = request.form.get("check") if request.method == "POST" else None
    if check is not None:  # a step's "next" button, or "Update the summary" at an outcome
        checked = walk(spec, check, results)
        errors = _errors(checked, found, values, fallbacks, article.lang)
        if errors:
            position = checked

    where = usage.Walkthrough(article.slug, spec.id, article.lang)
    # A new run starts where it is opened: at the first step, or further on from a shared link.
    # So every run that reaches an outcome was started (completions never exceed starts).
    started = not fresh or usage.record(store, run, where, "start")
    recorded = started and _record(store, run, where, position)
    url = partial(_url, article, spec, run=run, training=training)
    if fresh and recorded and request.method == "GET":
        # Put the new run id in the address, so that reloading does not start another run.
        return redirect(url(position.path, fragment=request.args.get("partial")))

    shown = with_results(values, done)
    groups = _groups(position, found, shown, errors, fallbacks)
    asked = {v.field.id for g in groups for v in g.fields}
    open_forms = {g.checklist.id for g in groups if g.checklist is not None}
    hidden = [(VALUE + k, v) for k, v in values.items() if k not in asked]
    hidden += [(FALLBACK + c, "1") for c in sorted(fallbacks - open_forms)]
    check_here = position.path if groups else None
    step = position.step
    worked = next((c for c in done if step and c[0].id == step.calculator), None)
    made = _notes([step.checklist] if step else [], found, shown, fallbacks, article.lang)
    return render_template(
        "guide/_run.html" if request.args.get("partial") == "1" else "guide/walkthrough.html",
        article=article,
        spec=spec,
        position=position,
        training=training,
        groups=groups,
        hidden=hidden,
        form_mode=bool(groups or values or fallbacks or note or position.outcome),
        note=note,
        worked=worked,
        made=made,
        work_label=_work_label(step),
        here=url(position.path),
        choices=[
            Nav(url(position.choose(c.id)), c.label or gettext("Continue"), check_here)
            for c in (position.step.choices if position.step else ())
        ],
        back=Nav(url(position.back)) if position.back is not None else None,
        trail=[
            (Nav(url(join_path(t.choice.id for t in position.trail[:i]))), taken)
            for i, taken in enumerate(position.trail)
        ],
        switch_view=Nav(_url(article, spec, position.path, run=run, training=not training)),
        restart=_url(article, spec, "", training=training),
        update=Nav(url(position.path), check=position.path) if groups or position.outcome else None,
        map=walkthrough_map(spec, _marks(position)),
        summary=_summary(spec, position, found, shown, done, article.lang, note),
        notes=_notes([position.outcome.checklist], found, shown, fallbacks, article.lang)
        if position.outcome
        else [],
    )


def _marks(position: Position) -> Marks:
    """The run on the map: where it is, and the steps it passed on the way."""
    node = position.step or position.outcome
    here = node.id if node is not None else ""
    return Marks(current=here, taken=[*(t.step.id for t in position.trail), here])


def _work_label(step) -> str:
    """The label of the button that works a step's calculator out or makes its note."""
    if step is None:
        return ""
    if step.calculator:
        return gettext("Work it out")
    if step.checklist:
        return gettext("Make the note")
    return ""


def _url(
    article: Article,
    spec: Walkthrough,
    path: str = "",
    *,
    run: str | None = None,
    training: bool = False,
    fragment: str | None = None,
) -> str:
    return url_for(
        "guide.page",
        lang=article.lang,
        slug=article.slug,
        block=spec.id,
        path=path or None,
        run=run,
        view="training" if training else None,
        partial=fragment,
    )


def _record(store, run: str, where: usage.Walkthrough, position: Position) -> bool:
    if position.outcome is not None:
        outcome = position.outcome
        return usage.record(
            store, run, where, "outcome", outcome=outcome.id, outcome_kind=outcome.kind
        )
    assert position.step is not None  # a position is at a step or at an outcome
    return usage.record(store, run, where, "step", step=position.step.id)


def _run_forms(spec: Walkthrough, found: ArticleSpecs) -> tuple[dict[str, Field], list[str]]:
    """Every field a run of `spec` may ask for, by id, and the ids of the checklists it uses."""
    fields: dict[str, Field] = {}
    for step in spec.steps.values():
        for field in step.fields:
            fields.setdefault(field.id, field)
    for step in spec.steps.values():
        target = found.get(step.calculator) if step.calculator else None
        if isinstance(target, Calculator):
            for field in input_fields(target):
                fields.setdefault(field.id, field)
    checklists = []
    nodes: list[Step | Outcome] = [*spec.steps.values(), *spec.outcomes.values()]
    for node in nodes:
        target = found.get(node.checklist) if node.checklist else None
        if isinstance(target, Checklist) and target.id not in checklists:
            checklists.append(target.id)
            for field in target.fields:
                fields.setdefault(field.id, field)
    return fields, checklists


def _forms_at(position: Position, found: ArticleSpecs) -> list[Checklist]:
    """The forms to fill in at a position: the step's own fields, and a checklist it names."""
    forms = []
    if position.step is not None and position.step.fields:
        forms.append(Checklist(id="", title="", fields=position.step.fields))
    calc = found.get(position.step.calculator) if position.step else None
    if isinstance(calc, Calculator):
        forms.append(Checklist(id="", title="", fields=input_fields(calc)))
    node = position.step or position.outcome
    target = found.get(node.checklist) if node is not None and node.checklist else None
    if isinstance(target, Checklist):
        forms.append(target)
    return forms


def _errors(position, found, values, fallbacks, locale: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    calc = found.get(position.step.calculator) if position.step else None
    if isinstance(calc, Calculator):  # out of range, say: the calculator's own messages
        errors.update(calculate(calc, values, locale=locale, _=gettext).errors)
    for form in _forms_at(position, found):
        result = fill(form, values, locale=locale, _=gettext, fallback=form.id in fallbacks)
        for field_id, message in result.errors.items():
            errors.setdefault(field_id, message)
    return errors


def _groups(position, found, values, errors, fallbacks) -> list[FieldGroup]:
    groups: list[FieldGroup] = []
    asked: set[str] = set()
    for form in _forms_at(position, found):
        fields = [f for f in form.fields if f.id not in asked]  # one id, one value: asked once
        asked.update(f.id for f in fields)
        checklist = form if form.id else None
        groups.append(FieldGroup(views(fields, values, errors), checklist, form.id in fallbacks))
    return groups


def _summary(spec, position: Position, found, values, done, locale: str, note: str) -> str:
    if position.outcome is None:
        return ""
    return walkthrough_summary(
        spec,
        position,
        locale=locale,
        at=reader_now(),
        _=gettext,
        values=values,
        specs=found.specs,
        calculations=done,
        note=note,
    )


def _notes(refs, found, values, fallbacks, locale: str) -> list[tuple[str, str]]:
    """(title, note) of the checklists `refs` once filled in completely: each is made, to send
    or paste, at the step (or outcome) that names it, where it is due."""
    notes = []
    for ref in dict.fromkeys(r for r in refs if r):
        target = found.get(ref)
        if not isinstance(target, Checklist) or not any(values.get(f.id) for f in target.fields):
            continue
        form = fill(target, values, locale=locale, _=gettext, fallback=ref in fallbacks)
        if form.complete and form.note:
            notes.append((target.title, form.note))
    return notes
