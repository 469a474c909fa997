"""The walkthrough kind: read steps, choices and outcomes, and check that every path ends."""

from __future__ import annotations

from types import MappingProxyType

from kb.guidance import expr
from kb.guidance.fields import read_fields
from kb.guidance.graph import reachable, shortest, successors
from kb.guidance.model import Branch, Choice, Outcome, Step, Walkthrough
from kb.guidance.outcomes import read_outcome
from kb.guidance.source import Map, Node, Reader

KEYS = ("id", "title", "text", "start", "steps", "outcomes")
REQUIRED = ("id", "title", "steps", "outcomes")
STEP_KEYS = (
    "id",
    "title",
    "text",
    "script",
    "why",
    "notes",
    "choices",
    "next",
    "fields",
    "checklist",
    "calculator",
)
CHOICE_KEYS = ("id", "label", "set", "next")
BRANCH_KEYS = ("when", "go")
_NO_ANSWERS: MappingProxyType = MappingProxyType({})
CONTINUE = "next"  # the id of the one choice of a step written with `next` instead of `choices`


def read_walkthrough(m: Map, r: Reader) -> Walkthrough:
    """A walkthrough block; the path checks run only once the rest is sound."""
    steps: dict[str, Step] = {}
    for node in m.items("steps"):
        step = _read_step(r, node)
        if step is not None:
            if step.id in steps:
                r.error(step.line, f"step {step.id!r} is given twice")
            steps.setdefault(step.id, step)
    outcomes: dict[str, Outcome] = {}
    for node in m.items("outcomes"):
        outcome = read_outcome(r, node, "outcome", with_id=True, kind_required=True)
        if outcome is None:
            continue
        if outcome.id in steps or outcome.id in outcomes:
            r.error(outcome.line, f"outcome {outcome.id!r}: a step or outcome already has this id")
        outcomes.setdefault(outcome.id, outcome)
    if not steps and m.has("steps"):
        r.error(m.key_line("steps"), "walkthrough: 'steps' lists no step")
    if not outcomes and m.has("outcomes"):
        r.error(m.key_line("outcomes"), "walkthrough: 'outcomes' lists no outcome")
    start = m.ident("start") if m.has("start") else next(iter(steps), "")
    if steps and start not in steps:
        r.error(m.key_line("start"), f"walkthrough: 'start' is {start!r}, which is not a step")
    spec = Walkthrough(
        id=m.ident("id"),
        title=m.text("title"),
        start=start,
        steps=MappingProxyType(steps),
        outcomes=MappingProxyType(outcomes),
        text=m.text("text"),
        line=m.line,
    )
    _check_links(r, spec)
    if not r.failed:
        _check_paths(r, spec)
    return spec


def _read_step(r: Reader, node: Node) -> Step | None:
    m = r.mapping(node, "step", STEP_KEYS, ("id", "title"))
    if m is None:
        return None
    step_id = m.ident("id")
    if m.has("choices") and m.has("next"):
        r.error(m.line, f"{m.what}: give either 'choices' or 'next', not both")
    choices: tuple[Choice, ...]
    if m.has("next"):
        choices = (
            Choice(
                CONTINUE, "", _read_next(r, m.get("next"), m.what), _NO_ANSWERS, m.key_line("next")
            ),
        )
    else:
        choices = _read_choices(r, m)
    if not m.has("next") and not m.has("choices"):
        r.error(m.line, f"{m.what} leads nowhere: give it 'choices' or 'next'")
    return Step(
        id=step_id,
        title=m.text("title"),
        text=m.text("text"),
        script=m.text("script"),
        why=m.text("why"),
        notes=m.text("notes"),
        choices=choices,
        fields=read_fields(r, m.items("fields"), m.what),
        checklist=m.ident("checklist") if m.has("checklist") else "",
        calculator=m.ident("calculator") if m.has("calculator") else "",
        line=m.line,
    )


def _read_choices(r: Reader, step: Map) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for node in step.items("choices"):
        m = r.mapping(node, f"{step.what}: choice", CHOICE_KEYS, ("id", "label"))
        if m is None:
            continue
        choice_id = m.ident("id")
        m.what = f"{step.what}, choice {choice_id!r}"
        if any(c.id == choice_id for c in choices):
            r.error(m.line, f"{m.what} is given twice")
        if not m.has("next"):
            r.error(m.line, f"{m.what} leads nowhere: give it 'next'")
        branches = _read_next(r, m.get("next"), m.what) if m.has("next") else ()
        choices.append(Choice(choice_id, m.text("label"), branches, _read_set(r, m), m.line))
    if step.has("choices") and not choices:
        r.error(step.key_line("choices"), f"{step.what}: 'choices' lists no choice")
    return tuple(choices)


def _read_set(r: Reader, choice: Map) -> MappingProxyType:
    """`set: {reason: login}`: answers that later conditions can test."""
    node = choice.get("set")
    if node is None:
        return _NO_ANSWERS
    if not isinstance(node.value, dict):
        r.error(node.key_line, f"{choice.what}: 'set' must be a mapping such as {{reason: login}}")
        return _NO_ANSWERS
    answers = {}
    for name, child in node.value.items():
        r.ident(Node(name, child.key_line, child.key_line), f"{choice.what}: answer", name=True)
        answers[name] = r.text(child, f"{choice.what}: answer {name!r}")
        if not answers[name]:
            r.error(child.key_line, f"{choice.what}: answer {name!r} needs a value")
    return MappingProxyType(answers)


def _read_next(r: Reader, node: Node | None, what: str) -> tuple[Branch, ...]:
    """`next: <id>`, or a list of `{when: <condition>, go: <id>}` ending with a bare `go`."""
    if node is None:
        return ()
    if isinstance(node.value, str):
        return (Branch(None, r.ident(node, f"{what}: next"), node.key_line),)
    branches = []
    items = r.items(node, f"{what}: 'next'")
    for i, item in enumerate(items):
        m = r.mapping(item, f"{what}: 'next' entry", BRANCH_KEYS, ("go",))
        if m is None:
            continue
        last = i == len(items) - 1
        when = None
        if m.has("when"):
            if last:
                r.error(m.line, f"{what}: the last 'next' entry is the default: give it only 'go'")
            try:
                when = expr.parse(m.text("when"))
            except expr.ExprError as exc:
                r.error(m.key_line("when"), f"{what}: 'when': {exc}")
        elif not last:
            r.error(m.line, f"{what}: only the last 'next' entry may leave out 'when'")
        branches.append(Branch(when, m.ident("go"), m.line))
    if not items and isinstance(node.value, list):
        r.error(node.key_line, f"{what}: 'next' lists no entry")
    return tuple(branches)


def answer_types(spec: Walkthrough) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The answers that the choices of `spec` set: each a text, with the values it can take."""
    answers: dict[str, set[str]] = {}
    for step in spec.steps.values():
        for choice in step.choices:
            for name, value in choice.set.items():
                answers.setdefault(name, set()).add(value)
    return dict.fromkeys(answers, expr.TEXT), {n: frozenset(v) for n, v in answers.items()}


def _check_links(r: Reader, spec: Walkthrough) -> None:
    """Every `next` names a step or outcome; every condition is a true/false test of answers.

    A condition that also reads a calculator's results is checked with the article's blocks
    (kb.guidance.article), where the calculator is known.
    """
    types, values = answer_types(spec)
    after_calculator = with_results(spec)
    for step in spec.steps.values():
        for choice in step.choices:
            what = f"step {step.id!r}" + (f", choice {choice.id!r}" if choice.label else "")
            for branch in choice.next:
                if branch.go and spec.node(branch.go) is None:
                    r.error(
                        branch.line,
                        f"{what} leads to {branch.go!r}, which is neither a step nor an outcome",
                    )
                if branch.when is None:
                    continue
                if step.id in after_calculator and branch.when.names() - types.keys():
                    continue
                try:
                    kind = branch.when.check(types, values)
                except expr.ExprError as exc:
                    r.error(branch.line, f"{what}: 'when': {exc}")
                    continue
                if kind != expr.BOOL:
                    r.error(
                        branch.line, f"{what}: 'when' must be a test such as reason == \"login\""
                    )


def with_results(spec: Walkthrough) -> set[str]:
    """The steps with a calculator and those after one: their conditions may read its results."""
    graph = successors(spec)
    seen: set[str] = set()
    todo = [s.id for s in spec.steps.values() if s.calculator]
    while todo:
        node = todo.pop()
        if node not in seen and node in spec.steps:
            seen.add(node)
            todo.extend(graph[node])
    return seen


def _check_paths(r: Reader, spec: Walkthrough) -> None:
    """Every step and outcome can be reached, and from every step some outcome can be."""
    seen = reachable(spec)
    nodes: list[Step | Outcome] = [*spec.steps.values(), *spec.outcomes.values()]
    for node in nodes:
        if node.id not in seen:
            kind = "step" if node.id in spec.steps else "outcome"
            r.error(
                node.line, f"{kind} {node.id!r} cannot be reached from the start ({spec.start!r})"
            )
    finishing = shortest(spec)
    trapped = [s for s in spec.steps.values() if s.id in seen and s.id not in finishing]
    if trapped:
        names = ", ".join(repr(s.id) for s in trapped)
        subject = f"steps {names} go" if len(trapped) > 1 else f"step {names} goes"
        r.error(trapped[0].line, f"{subject} round in a loop that never reaches an outcome")
