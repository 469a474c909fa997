"""A walkthrough drawn as a map: an SVG made here, on the server, with no external service.

Steps are laid out in layers from the start downwards (each node one layer below the furthest
step that leads to it, loops left out), ordered in each layer to keep lines from crossing,
and joined by arrows; a loop back is drawn up the right-hand side. The SVG has a title and a
description, and is styled only by classes (`wt-map-*`, in site.css), as the strict CSP asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from kb.guidance.graph import depth_first, successors
from kb.guidance.model import Walkthrough

NODE_W, GAP_X, GAP_Y, LINE_H, PAD = 176, 20, 46, 15, 8
WRAP = 24  # characters a line
MAX_LINES = 4


@dataclass(frozen=True)
class Marks:
    """What to show on the map besides the flow: where a run is, or how runs went."""

    current: str = ""  # the step or outcome a run is at
    taken: Sequence[str] = ()  # the nodes a run passed, in order
    counts: Mapping[str, int] = field(default_factory=dict)  # node -> runs that reached it
    left: Mapping[str, int] = field(default_factory=dict)  # step -> runs that stopped there
    edges: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (from, to) -> runs


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    labels: tuple[str, ...]  # the choices that take it
    back: bool  # closes a loop


def edges(spec: Walkthrough) -> list[Edge]:
    """Each way from a step to a node, with the labels of the choices that take it."""
    _, back = depth_first(spec)
    found: dict[tuple[str, str], list[str]] = {}
    for step in spec.steps.values():
        for choice in step.choices:
            for branch in choice.next:
                if spec.node(branch.go) is not None:
                    labels = found.setdefault((step.id, branch.go), [])
                    if choice.label and choice.label not in labels:
                        labels.append(choice.label)
    return [Edge(s, t, tuple(labels), (s, t) in back) for (s, t), labels in found.items()]


def layers(spec: Walkthrough) -> list[list[str]]:
    """The nodes in rows from the start down, each row ordered to keep crossings few."""
    graph = successors(spec)
    _, back = depth_first(spec)
    order = _topological(spec, graph, back)
    depth = {spec.start: 0}
    for node in order:
        for target in graph[node]:
            if (node, target) not in back:
                depth[target] = max(depth.get(target, 0), depth.get(node, 0) + 1)
    for node in graph:  # unreachable nodes (a spec with errors is never drawn): last row
        depth.setdefault(node, max(depth.values(), default=0) + 1)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node in order + [n for n in graph if n not in order]:
        if node not in rows[depth[node]]:
            rows[depth[node]].append(node)
    parents: dict[str, list[str]] = {}
    for node, targets in graph.items():
        for target in targets:
            if (node, target) not in back:
                parents.setdefault(target, []).append(node)
    for _ in range(2):  # barycentre sweeps downwards: a node sits under its parents
        place = {n: i for row in rows for i, n in enumerate(row)}
        for row in rows[1:]:
            row.sort(key=lambda n: _mean([place[p] for p in parents.get(n, [])], place[n]))
            place.update({n: i for i, n in enumerate(row)})
    return rows


def render_svg(
    spec: Walkthrough, *, title: str, description: str, marks: Marks = Marks(), label=str
) -> str:
    """The map as an inline SVG element. `label(n)` words a count ("12 runs"), for insights."""
    rows = layers(spec)
    text = {s.id: s.title for s in spec.steps.values()}
    text.update({o.id: o.title for o in spec.outcomes.values()})
    lines = {n: _wrap(text[n]) for n in text}
    extra = 1 if marks.counts else 0
    heights = {n: (len(lines[n]) + extra) * LINE_H + 2 * PAD for n in text}
    width = max(len(r) for r in rows) * (NODE_W + GAP_X) + GAP_X + 40
    box: dict[str, tuple[float, float, float]] = {}  # node -> (x, y, height)
    y = 10.0
    for row in rows:
        row_w = len(row) * (NODE_W + GAP_X) - GAP_X
        x = (width - 40 - row_w) / 2
        tallest = max(heights[n] for n in row)
        for node in row:
            box[node] = (x, y, heights[node])
            x += NODE_W + GAP_X
        y += tallest + GAP_Y
    height = y - GAP_Y + 10
    taken = set(marks.taken)
    passed = set(zip(marks.taken, marks.taken[1:], strict=False))
    parts = [
        f'<svg class="wt-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" role="img" aria-labelledby="map-{spec.id}-t map-{spec.id}-d">'
        f'<title id="map-{spec.id}-t">{escape(title)}</title>'
        f'<desc id="map-{spec.id}-d">{escape(description)}</desc>'
        f'<defs><marker id="map-{spec.id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path class="wt-map-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>'
    ]
    for edge in edges(spec):
        parts.append(_edge(spec.id, edge, box, width, marks, (edge.source, edge.target) in passed))
    for node, (x, y0, h) in box.items():
        kind = "outcome" if node in spec.outcomes else "step"
        css = [f"wt-map-node wt-map-{kind}"]
        if node == marks.current:
            css.append("is-current")
        elif node in taken:
            css.append("is-taken")
        if marks.counts and not marks.counts.get(node):
            css.append("is-unused")
        body = "".join(
            f'<tspan x="{x + PAD}" y="{y0 + PAD + (i + 1) * LINE_H - 3:.0f}">{escape(t)}</tspan>'
            for i, t in enumerate(lines[node])
        )
        figure = ""
        if marks.counts:
            words = label(marks.counts.get(node, 0), marks.left.get(node, 0))
            figure = (
                f'<text class="wt-map-count" x="{x + PAD}" '
                f'y="{y0 + h - PAD - 3:.0f}">{escape(words)}</text>'
            )
        current = ' aria-current="step"' if node == marks.current else ""
        rounded = 10 if kind == "outcome" else 3
        parts.append(
            f'<g class="{" ".join(css)}" data-node="{escape(node)}"{current}>'
            f'<rect x="{x}" y="{y0}" width="{NODE_W}" height="{h}" rx="{rounded}"/>'
            f'<text class="wt-map-text">{body}</text>{figure}</g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _edge(block: str, edge: Edge, box, width: float, marks: Marks, taken: bool) -> str:
    sx, sy, sh = box[edge.source]
    tx, ty, th = box[edge.target]
    css = "wt-map-edge" + (" is-taken" if taken else "") + (" is-back" if edge.back else "")
    if edge.back:  # up the right-hand side, into the target's right edge
        x1, y1, x2, y2 = sx + NODE_W, sy + sh / 2, tx + NODE_W, ty + th / 2
        side = width - 14
        d = f"M{x1:.0f},{y1:.0f} C{side:.0f},{y1:.0f} {side:.0f},{y2:.0f} {x2 + 2:.0f},{y2:.0f}"
    else:
        x1, y1, x2, y2 = sx + NODE_W / 2, sy + sh, tx + NODE_W / 2, ty
        mid = (y1 + y2) / 2
        d = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{mid:.0f} {x2:.0f},{mid:.0f} {x2:.0f},{y2 - 2:.0f}"
    hint = " / ".join(edge.labels)
    count = marks.edges.get((edge.source, edge.target), 0)
    figure = ""
    if marks.edges:
        hint = f"{hint} ({count})" if hint else str(count)
        lx, ly = (x1 + x2) / 2 + 4, (y1 + y2) / 2 + 4
        figure = f'<text class="wt-map-edge-count" x="{lx:.0f}" y="{ly:.0f}">{count}</text>'
    tip = f"<title>{escape(hint)}</title>" if hint else ""
    return f'<g class="{css}">{tip}<path d="{d}" marker-end="url(#map-{block}-arrow)"/>{figure}</g>'


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word if len(word) <= WRAP else word[: WRAP - 1] + "…")
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: WRAP - 1].rstrip() + "…"
    return lines or [""]


def _mean(values: list[int], default: int) -> float:
    return sum(values) / len(values) if values else default


def _topological(spec: Walkthrough, graph, back) -> list[str]:
    """Nodes reachable from the start, each after every node that leads to it (loops cut)."""
    indegree = {n: 0 for n in graph}
    for node, targets in graph.items():
        for target in targets:
            if (node, target) not in back:
                indegree[target] += 1
    ready = [spec.start] if indegree.get(spec.start, 0) == 0 else []
    ready += [n for n in graph if indegree[n] == 0 and n != spec.start]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target in graph[node]:
            if (node, target) not in back:
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
    return order
