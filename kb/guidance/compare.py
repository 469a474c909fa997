"""Compare the specs of an article with those of its translation: same ids, same structure.

Texts differ by language; ids, decisions, conditions, formulas, field types and clock rules
must not. Problems are reported at lines of the translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kb.guidance.checklist import placeholders
from kb.guidance.model import (
    Calculator,
    Checklist,
    Choice,
    DecisionTable,
    Field,
    Outcome,
    Problem,
    Routing,
    Spec,
    Walkthrough,
)

OTHER = "the other language"
Found = list[tuple[int, str]]  # (line in the translation, what differs)


def compare_articles(
    source: Sequence[Spec], translation: Sequence[Spec], first_line: int = 1
) -> list[Problem]:
    """Every structural difference between two articles' blocks, matched by block id.

    A block missing from the translation is reported at `first_line` (where its body starts).
    """
    theirs = {s.id: s for s in translation}
    problems = []
    for spec in source:
        if spec.id not in theirs:
            problems.append(
                Problem(first_line, f"{spec.kind} {spec.id!r} is missing here but is in {OTHER}")
            )
    ours = {s.id for s in source}
    for spec in translation:
        if spec.id not in ours:
            problems.append(Problem(spec.line, f"{spec.kind} {spec.id!r} is not in {OTHER}"))
    by_id = {s.id: s for s in source}
    for spec in translation:
        if spec.id in by_id:
            problems += compare_specs(by_id[spec.id], spec)
    return sorted(problems, key=lambda p: p.line)


def compare_specs(source: Spec, translation: Spec) -> list[Problem]:
    """The structural differences of one block, at lines of `translation`."""
    what = f"{translation.kind} {translation.id!r}"
    if source.kind != translation.kind:
        return [Problem(translation.line, f"{what} is a {source.kind} in {OTHER}")]
    found: Found = []
    if isinstance(source, Walkthrough) and isinstance(translation, Walkthrough):
        _walkthrough(source, translation, found)
    elif isinstance(source, Checklist) and isinstance(translation, Checklist):
        _checklist(source, translation, found)
    elif isinstance(source, DecisionTable) and isinstance(translation, DecisionTable):
        _same(
            found,
            translation.line,
            "the rows (ids and decisions)",
            _rows(source),
            _rows(translation),
        )
    elif isinstance(source, Calculator) and isinstance(translation, Calculator):
        _calculator(source, translation, found)
    elif isinstance(source, Routing) and isinstance(translation, Routing):
        _routing(source, translation, found)
    return [Problem(line, f"{what}: {message}") for line, message in found]


def _same(found: Found, line: int, what: str, ours: object, theirs: object) -> None:
    if ours != theirs:
        found.append((line, f"{what} differ from {OTHER}"))


def _ids(found: Found, line: int, what: str, ours: Iterable[str], theirs: Iterable[str]) -> None:
    ours, theirs = list(ours), list(theirs)
    for item in ours:
        if item not in theirs:
            found.append((line, f"{what} {item!r} is missing here but is in {OTHER}"))
    for item in theirs:
        if item not in ours:
            found.append((line, f"{what} {item!r} is not in {OTHER}"))
    if set(ours) == set(theirs) and ours != theirs:
        found.append((line, f"the {what}s are in a different order than in {OTHER}"))


def _walkthrough(a: Walkthrough, b: Walkthrough, found: Found) -> None:
    _same(found, b.line, "the start steps", a.start, b.start)
    _ids(found, b.line, "step", a.steps, b.steps)
    _ids(found, b.line, "outcome", a.outcomes, b.outcomes)
    for step_id, theirs in b.steps.items():
        ours = a.steps.get(step_id)
        if ours is None:
            continue
        where = f"step {step_id!r}"
        _ids(
            found,
            theirs.line,
            f"{where}: choice",
            (c.id for c in ours.choices),
            (c.id for c in theirs.choices),
        )
        for choice in theirs.choices:
            mine = ours.choice(choice.id)
            if mine is not None:
                _same(
                    found,
                    choice.line,
                    f"{where}, choice {choice.id!r}: where it leads and what it sets",
                    _choice(mine),
                    _choice(choice),
                )
        _same(
            found, theirs.line, f"{where}: the fields", _fields(ours.fields), _fields(theirs.fields)
        )
        _same(found, theirs.line, f"{where}: the checklists", ours.checklist, theirs.checklist)
        _same(found, theirs.line, f"{where}: the calculators", ours.calculator, theirs.calculator)
    for outcome_id, other in b.outcomes.items():
        if outcome_id in a.outcomes:
            _same(
                found,
                other.line,
                f"outcome {outcome_id!r}: the kind, actions and checklist",
                _outcome(a.outcomes[outcome_id]),
                _outcome(other),
            )


def _choice(choice: Choice) -> tuple:
    branches = tuple((b.when.tree if b.when else None, b.go) for b in choice.next)
    return branches, tuple(sorted(choice.set.items()))


def _fields(fields: Sequence[Field]) -> tuple:
    return tuple((f.id, f.type, f.required, tuple(o.id for o in f.options)) for f in fields)


def _outcome(outcome: Outcome) -> tuple:
    return outcome.kind, tuple(a.kind for a in outcome.actions), outcome.checklist


def _checklist(a: Checklist, b: Checklist, found: Found) -> None:
    _ids(found, b.line, "field", (f.id for f in a.fields), (f.id for f in b.fields))
    _same(
        found,
        b.line,
        "the field types, required marks and options",
        _fields(a.fields),
        _fields(b.fields),
    )
    _same(found, b.line, "the 'require-any' groups", a.require_any, b.require_any)
    fallback = (
        a.fallback.required if a.fallback else None,
        b.fallback.required if b.fallback else None,
    )
    _same(found, b.fallback.line if b.fallback else b.line, "the fallback fields", *fallback)
    _same(found, b.line, "the fields used in the note", placeholders(a.note), placeholders(b.note))


def _rows(table: DecisionTable) -> tuple:
    return tuple((r.id, r.decision) for r in table.rows)


def _calculator(a: Calculator, b: Calculator, found: Found) -> None:
    def inputs(c: Calculator) -> tuple:
        return tuple((i.id, i.type, i.min, i.max, tuple(o.id for o in i.options)) for i in c.inputs)

    def formulas(c: Calculator) -> tuple:
        return tuple((f.id, f.expr.tree, f.decimals) for f in c.formulas)

    def rules(c: Calculator) -> tuple:
        return tuple(
            (r.outcome.id, r.when.tree if r.when else None, _outcome(r.outcome)) for r in c.rules
        )

    _same(found, b.line, "the inputs (ids, types, limits, options)", inputs(a), inputs(b))
    _same(found, b.line, "the formulas", formulas(a), formulas(b))
    _same(found, b.line, "the rules (ids, conditions, kinds, actions)", rules(a), rules(b))


def _routing(a: Routing, b: Routing, found: Found) -> None:
    _same(found, b.line, "the time zones", a.timezone, b.timezone)
    _same(found, b.line, "the working hours", dict(a.hours), dict(b.hours))
    _same(found, b.line, "the holidays", a.holidays, b.holidays)
    for ours, theirs, key in (
        (a.in_hours, b.in_hours, "in-hours"),
        (a.out_of_hours, b.out_of_hours, "out-of-hours"),
    ):
        _same(
            found,
            theirs.line,
            f"{key!r}: the kind, actions and checklist",
            _outcome(ours),
            _outcome(theirs),
        )
