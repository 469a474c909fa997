"""A walkthrough as a graph of steps and outcomes: what can be reached, and how far the end is."""

from __future__ import annotations

from collections import deque

from kb.guidance.model import Walkthrough


def successors(spec: Walkthrough) -> dict[str, list[str]]:
    """Each step's possible next nodes, whatever the answers so far (conditions all count)."""
    graph: dict[str, list[str]] = {}
    for step in spec.steps.values():
        targets = [b.go for c in step.choices for b in c.next if spec.node(b.go) is not None]
        graph[step.id] = list(dict.fromkeys(targets))
    for outcome_id in spec.outcomes:
        graph[outcome_id] = []
    return graph


def reachable(spec: Walkthrough) -> set[str]:
    """Every node the start leads to, the start included."""
    graph = successors(spec)
    seen, todo = {spec.start}, [spec.start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def shortest(spec: Walkthrough) -> dict[str, int]:
    """Fewest steps to answer from each node to an outcome; nodes that cannot finish are absent."""
    back: dict[str, list[str]] = {node: [] for node in successors(spec)}
    for node, targets in successors(spec).items():
        for target in targets:
            back[target].append(node)
    distance = dict.fromkeys(spec.outcomes, 0)
    queue = deque(spec.outcomes)
    while queue:
        node = queue.popleft()
        for earlier in back[node]:
            if earlier not in distance:
                distance[earlier] = distance[node] + 1
                queue.append(earlier)
    return distance


def depth_first(spec: Walkthrough) -> tuple[list[str], set[tuple[str, str]]]:
    """A depth-first search from the start (then from any node not reached): the nodes in the
    order they finish (each after everything it leads to, loops aside), and the back edges,
    those that close a loop."""
    graph = successors(spec)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    order: list[str] = []
    back_edges: set[tuple[str, str]] = set()
    for root in [spec.start, *graph]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(graph[root]))]
        while stack:
            node, targets = stack[-1]
            nxt = next(targets, None)
            if nxt is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(nxt) == 1:
                back_edges.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(graph[nxt])))
    return order, back_edges


def longest(spec: Walkthrough) -> dict[str, int]:
    """Most steps still to answer from each node to an outcome, going round no loop twice.

    Edges that close a loop (back edges of a depth-first search) are left out, which makes
    the graph acyclic; a node finishes after everything it leads to, so one pass suffices.
    """
    graph = successors(spec)
    order, back_edges = depth_first(spec)
    length: dict[str, int] = {}
    for node in order:
        if node in spec.outcomes:
            length[node] = 0
            continue
        ahead = [length[t] for t in graph[node] if (node, t) not in back_edges and t in length]
        if ahead:
            length[node] = 1 + max(ahead)
    return length
