"""Walk a walkthrough along a path of choice ids, the state a page keeps in its URL.

A path is the ids of the choices taken, joined by dots: `login.answered.yes.yes.done`.
Back drops the last id; restart is the empty path. A path that goes wrong is cut back to
its longest valid beginning, and the position says so; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from kb.guidance import expr
from kb.guidance.graph import longest, shortest
from kb.guidance.model import Choice, Outcome, Step, Walkthrough

SEPARATOR = "."
MAX_PATH = 200  # choices; a longer path is cut here


@dataclass(frozen=True)
class Taken:
    """One answered step: the question and the choice made."""

    step: Step
    choice: Choice


@dataclass(frozen=True)
class Position:
    """Where a path leads: a step to answer, or an outcome once the walkthrough is over."""

    trail: tuple[Taken, ...]
    step: Step | None
    outcome: Outcome | None
    answers: Mapping[str, str]  # what the choices so far have set
    remaining: tuple[int, int]  # fewest and most steps still to answer (0, 0 at an outcome)
    invalid: bool  # the path asked for went wrong and was cut back to `path`

    @property
    def path(self) -> str:
        """The path to this position, for the URL."""
        return join_path(t.choice.id for t in self.trail)

    @property
    def taken(self) -> int:
        return len(self.trail)

    @property
    def back(self) -> str | None:
        """The path one step back, or None at the start."""
        return join_path(t.choice.id for t in self.trail[:-1]) if self.trail else None

    def choose(self, choice_id: str) -> str:
        """The path after taking `choice_id` here."""
        return join_path([*(t.choice.id for t in self.trail), choice_id])


def join_path(choice_ids: Iterable[str]) -> str:
    """A path as text for the URL: `login.answered.next`."""
    return SEPARATOR.join(choice_ids)


def split_path(value: str | Sequence[str]) -> list[str]:
    """The choice ids of a path given as text (`a.b.c`) or as a list; empty parts are dropped."""
    parts = value.split(SEPARATOR, MAX_PATH + 1) if isinstance(value, str) else list(value)
    return [p.strip() for p in parts[: MAX_PATH + 1] if p.strip()]


def walk(
    spec: Walkthrough,
    path: str | Sequence[str] = "",
    results: Mapping[str, Mapping[str, expr.Value]] = MappingProxyType({}),
) -> Position:
    """The position `path` leads to in `spec` (which must have parsed without errors).

    `results` are the article's calculators worked out so far, by calculator id: a step with a
    `calculator` is passed only once its calculator has results, which its `next` may test.
    """
    ids = split_path(path)
    answers: dict[str, str] = {}
    known: dict[str, expr.Value] = {}
    trail: list[Taken] = []
    node: Step | Outcome = spec.steps[spec.start]
    invalid = len(ids) > MAX_PATH
    for choice_id in ids[:MAX_PATH]:
        choice = node.choice(choice_id) if isinstance(node, Step) else None
        if not isinstance(node, Step) or choice is None:
            invalid = True
            break
        if node.calculator:
            if node.calculator not in results:
                break  # not worked out yet: the walk waits at this step
            known.update(results[node.calculator])
        answers.update(choice.set)
        trail.append(Taken(node, choice))
        reached = spec.node(next_node(choice, {**known, **answers}))
        if reached is None:  # not in a spec that parsed without errors
            invalid = True
            break
        node = reached
    step = node if isinstance(node, Step) else None
    outcome = node if isinstance(node, Outcome) else None
    remaining = _estimate(spec, node.id) if step else (0, 0)
    return Position(tuple(trail), step, outcome, MappingProxyType(answers), remaining, invalid)


def next_node(choice: Choice, answers: Mapping[str, expr.Value]) -> str:
    """The id `choice` leads to given the answers (and results) so far; one not given is ''."""
    for branch in choice.next:
        if branch.when is None:
            return branch.go
        names = branch.when.names()
        try:
            if branch.when.evaluate({name: answers.get(name, "") for name in names}) is True:
                return branch.go
        except expr.ExprError:
            continue  # parsing checked the types; an unexpected failure means "does not hold"
    return choice.next[-1].go


def _estimate(spec: Walkthrough, node_id: str) -> tuple[int, int]:
    """Fewest and most steps from `node_id` to an outcome (graphs are small: this is cheap)."""
    low = shortest(spec).get(node_id, 0)
    return low, max(low, longest(spec).get(node_id, low))
