"""The guidance blocks of one article: parse each, check them together, find them in a body."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from kb.guidance import calculator, checklist, decision, expr, routing, walkthrough
from kb.guidance.model import (
    Calculator,
    Checklist,
    Outcome,
    Problem,
    Routing,
    Spec,
    Step,
    Walkthrough,
)
from kb.guidance.source import Map, Reader
from kb.guidance.walkthrough import answer_types, with_results
from kb.render.markdown import Block

log = logging.getLogger(__name__)

# kind -> (its keys, the keys it requires, its reader)
READERS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[Map, Reader], Spec]]] = {
    "walkthrough": (walkthrough.KEYS, walkthrough.REQUIRED, walkthrough.read_walkthrough),
    "checklist": (checklist.KEYS, checklist.REQUIRED, checklist.read_checklist),
    "decision-table": (decision.KEYS, decision.REQUIRED, decision.read_table),
    "calculator": (calculator.KEYS, calculator.REQUIRED, calculator.read_calculator),
    "routing": (routing.KEYS, routing.REQUIRED, routing.read_routing),
}
KINDS = frozenset(READERS)
_MARKDOWN = MarkdownIt("commonmark")
# Whatever could open a fence, with the rest of its line: the info, whose first word names a kind.
_FENCE_INFO = re.compile(r"(?:`{3,}|~{3,})[ \t]*([^\n]*)")


@dataclass(frozen=True)
class Parsed:
    """A block read: its spec (None when any problem is an error) and its problems."""

    block: Block
    spec: Spec | None
    problems: tuple[Problem, ...]


@lru_cache(maxsize=512)
def parse_block(block: Block) -> Parsed:
    """Read one fenced block; never raises, whatever its text."""
    r = Reader()
    spec = None
    try:
        spec = _read(block, r)
    except Exception:  # a bug here must cost one block, not the article page
        log.exception("guidance block on line %d could not be read", block.line)
        r.error(
            block.line,
            "this block could not be read because of a fault in the guidance "
            "library; the fault has been logged",
        )
    problems = tuple(sorted(r.problems, key=lambda p: p.line))
    return Parsed(block, None if r.failed else spec, problems)


def _read(block: Block, r: Reader) -> Spec | None:
    if block.kind not in READERS:
        r.error(block.line, f"unknown kind of block {block.kind!r} (kinds: {', '.join(READERS)})")
        return None
    keys, required, read = READERS[block.kind]
    node = r.load(block.source, block.line)
    m = r.mapping(node, block.kind, keys, required)
    return read(m, r) if m is not None else None


def parse_blocks(blocks: Iterable[Block]) -> tuple[list[Spec], list[Problem]]:
    """The specs of an article's blocks that can be used, and every problem, blocks taken together.

    Block ids must be unique in the article, and a `checklist:` reference must name one of
    its checklist blocks.
    """
    specs: list[Spec] = []
    problems: list[Problem] = []
    first_use: dict[str, int] = {}
    for parsed in map(parse_block, blocks):
        problems.extend(parsed.problems)
        if parsed.spec is None:
            continue
        spec = parsed.spec
        if spec.id in first_use:
            problems.append(
                Problem(
                    spec.line,
                    f"block id {spec.id!r} is also used by the block on line {first_use[spec.id]}",
                )
            )
            continue
        first_use[spec.id] = spec.line
        specs.append(spec)
    checklists = {s.id for s in specs if isinstance(s, Checklist)}
    for spec in specs:
        for line, owner, ref in _checklist_refs(spec):
            if ref not in checklists:
                problems.append(
                    Problem(
                        line,
                        f"{spec.kind} {spec.id!r}, {owner}: checklist "
                        f"{ref!r} is not a checklist block of this article",
                    )
                )
    calculators = {s.id: s for s in specs if isinstance(s, Calculator)}
    for spec in specs:
        if isinstance(spec, Walkthrough):
            problems += _calculator_steps(spec, calculators)
    return specs, sorted(problems, key=lambda p: p.line)


def calculator_types(calc: Calculator) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The names a calculator's results give a walkthrough's conditions, and choice values."""
    types = {i.id: expr.NUMBER if i.type == "number" else expr.TEXT for i in calc.inputs}
    types.update(dict.fromkeys((f.id for f in calc.formulas), expr.NUMBER))
    values = {i.id: frozenset(o.id for o in i.options) for i in calc.inputs if i.options}
    return types, values


def _calculator_steps(spec: Walkthrough, calculators: dict[str, Calculator]) -> list[Problem]:
    """A step's `calculator:` names a calculator of the article; conditions after it may read
    its inputs and formulas (all of them: which calculator ran first does not matter here)."""
    problems = []
    types, values = answer_types(spec)
    used = [s.calculator for s in spec.steps.values() if s.calculator]
    for step in spec.steps.values():
        if step.calculator and step.calculator not in calculators:
            problems.append(
                Problem(
                    step.line,
                    f"walkthrough {spec.id!r}, step {step.id!r}: calculator "
                    f"{step.calculator!r} is not a calculator block of this article",
                )
            )
    for ref in used:
        if ref in calculators:
            more_types, more_values = calculator_types(calculators[ref])
            types = {**more_types, **types}
            values = {**more_values, **values}
    if not used:
        return problems
    known = answer_types(spec)[0].keys()
    after = with_results(spec)
    for step in (s for s in spec.steps.values() if s.id in after):
        for choice in step.choices:
            for branch in choice.next:
                if branch.when is None or not branch.when.names() - known:
                    continue  # a test of answers only: checked with the walkthrough
                what = f"step {step.id!r}" + (f", choice {choice.id!r}" if choice.label else "")
                try:
                    kind = branch.when.check(types, values)
                except expr.ExprError as exc:
                    problems.append(Problem(branch.line, f"{what}: 'when': {exc}"))
                    continue
                if kind != expr.BOOL:
                    problems.append(
                        Problem(branch.line, f"{what}: 'when' must be a test such as x >= 60")
                    )
    return problems


def validate_article_blocks(blocks: Iterable[Block]) -> list[Problem]:
    """Every problem of an article's blocks, as (line, message, severity), in line order."""
    return parse_blocks(blocks)[1]


def _checklist_refs(spec: Spec) -> list[tuple[int, str, str]]:
    """(line, what refers, checklist id) for each `checklist:` of a spec."""
    nodes: list[tuple[str, Step | Outcome]]
    if isinstance(spec, Walkthrough):
        nodes = [(f"step {s.id!r}", s) for s in spec.steps.values()]
        nodes += [(f"outcome {o.id!r}", o) for o in spec.outcomes.values()]
    elif isinstance(spec, Routing):
        nodes = [("'in-hours'", spec.in_hours), ("'out-of-hours'", spec.out_of_hours)]
    elif isinstance(spec, Calculator):
        nodes = [(f"rule {r.outcome.id!r}", r.outcome) for r in spec.rules]
    else:
        return []
    return [(node.line, owner, node.checklist) for owner, node in nodes if node.checklist]


def article_blocks(body: str, first_line: int = 1) -> list[Block]:
    """The guidance blocks of an article body, found as the renderer finds them, with file lines.

    Lets a page read all of an article's specs before rendering it, so a walkthrough can
    show a checklist block that comes later in the article.
    """
    if not _may_have_blocks(body):
        return []
    tokens = _MARKDOWN.parse(body)
    blocks = []
    for token in tokens:
        if token.type != "fence" or not token.info.strip() or token.map is None:
            continue
        kind = token.info.split(maxsplit=1)[0]
        if kind in KINDS:
            blocks.append(Block(kind, token.content, first_line + token.map[0]))
    return blocks


def _may_have_blocks(body: str) -> bool:
    """False only when no fence of the body can be a guidance block (the first word of a fence's
    info, as written, names the kind), so that the costly parse can be skipped: most articles
    have none."""
    return any(
        (match.group(1).split(maxsplit=1) or [""])[0] in KINDS
        for match in _FENCE_INFO.finditer(body)
    )
