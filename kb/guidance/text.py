"""Markdown as plain text or safe HTML, the anchors of specs, and their text for search."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing, Spec, Walkthrough
from kb.render.markdown import inline_text

PREFIXES = {
    "walkthrough": "wt",
    "checklist": "cl",
    "decision-table": "dt",
    "calculator": "calc",
    "routing": "rt",
}
MAX_TITLE = 120
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def anchor(spec: Spec, item_id: str = "") -> str:
    """The HTML id of a block (`wt-call-back`) or of one of its items (`wt-call-back-dial`)."""
    base = f"{PREFIXES[spec.kind]}-{spec.id}"
    return f"{base}-{item_id}" if item_id else base


def markdown_html(text: str, link: Callable[[str], str] | None = None) -> str:
    """Safe HTML for author Markdown (raw HTML shows as text); `link` may rewrite relative hrefs."""
    tokens = _MD.parse(text)
    for token in _walk(tokens):
        if token.type != "link_open":
            continue
        href = str(token.attrGet("href") or "")
        if _EXTERNAL.match(href):
            token.attrSet("rel", "noopener noreferrer")
        elif href and link is not None:
            token.attrSet("href", link(href))
    return _MD.renderer.render(tokens, _MD.options, {})


def plain_text(text: str) -> str:
    """Markdown as plain text: the words, one line per paragraph, '- ' before list items."""
    lines, bullet = [], False
    for token in _MD.parse(text):
        if token.type == "list_item_open":
            bullet = True
        elif token.type == "inline":
            lines.append(("- " if bullet else "") + inline_text(token))
            bullet = False
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.strip())
    return "\n".join(line for line in lines if line.strip())


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from token.children or []


class BlockText(NamedTuple):
    """A block, or a step, outcome or row of it, for search."""

    anchor: str
    title: str
    text: str  # what it says: searched, and shown in snippets
    # Searched, never shown: a decision-table row's keywords, the choices that lead to a step.
    keywords: tuple[str, ...] = ()
    # What an answer card shows: a row's decision (a DECISIONS key), whom to and what to do; an
    # outcome's kind (an OUTCOME_KINDS key) and actions; the words to read out, if any.
    decision: str = ""
    outcome: str = ""
    to: str = ""
    do: str = ""
    script: str = ""


def block_text(spec: Spec) -> list[BlockText]:
    """The block, then each step, outcome or row of it, for search."""
    md = plain_text
    head = [md(spec.text)]
    items: list[BlockText] = []
    if isinstance(spec, Walkthrough):
        # How one gets to a step or outcome ("They didn't answer") says when it applies:
        # searched with it, never shown in its snippet.
        arriving: dict[str, list[str]] = {}
        for step in spec.steps.values():
            for choice in step.choices:
                for branch in choice.next:
                    if choice.label:
                        arriving.setdefault(branch.go, []).append(choice.label)
        for step in spec.steps.values():
            parts = [md(step.text), step.script, md(step.why), md(step.notes)]
            parts += [c.label for c in step.choices] + [f.label for f in step.fields]
            items.append(
                BlockText(
                    anchor(spec, step.id),
                    step.title,
                    _join(parts),
                    tuple(arriving.get(step.id, ())),
                    do=md(step.text),
                    script=step.script.strip(),
                )
            )
        for outcome in spec.outcomes.values():
            actions = [a.text for a in outcome.actions]
            parts = [md(outcome.text), *actions]
            items.append(
                BlockText(
                    anchor(spec, outcome.id),
                    outcome.title,
                    _join(parts),
                    tuple(arriving.get(outcome.id, ())),
                    outcome=outcome.kind,
                    do=_join([md(outcome.text), *actions]),
                )
            )
    elif isinstance(spec, DecisionTable):
        head.append(spec.script)
        for row in spec.rows:
            # The scenario is the title (searched as a heading); the snippet then shows what to
            # do: whom to transfer to, and how. A scenario too long for a title stays in full.
            scenario = md(row.scenario)
            title = scenario.replace("\n", " ")
            parts = [" — ".join(part for part in (row.to, md(row.do)) if part)]
            if len(title) > MAX_TITLE:
                title = title[: MAX_TITLE - 1].rstrip() + "…"
                parts.insert(0, scenario)
            # The block's script is read before any transfer: the card shows it with the row.
            script = spec.script.strip() if row.decision == "transfer" else ""
            items.append(
                BlockText(
                    anchor(spec, row.id),
                    title,
                    _join(parts),
                    row.keywords,
                    decision=row.decision,
                    to=row.to,
                    do=md(row.do),
                    script=script,
                )
            )
    elif isinstance(spec, Checklist):
        head += [f"{f.label} {f.help}".strip() for f in spec.fields]
        head.append(spec.fallback.label if spec.fallback else "")
    elif isinstance(spec, Calculator):
        head += [i.label for i in spec.inputs] + [f.label for f in spec.formulas]
        head += [f"{r.outcome.title}\n{md(r.outcome.text)}" for r in spec.rules]
    elif isinstance(spec, Routing):
        head += [f"{o.title}\n{md(o.text)}" for o in (spec.in_hours, spec.out_of_hours)]
    return [BlockText(anchor(spec), spec.title, _join(head)), *items]


def _join(parts: list[str]) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())
