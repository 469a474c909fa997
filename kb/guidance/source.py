"""Read a block's YAML into nodes that keep their file lines, and collect the block's problems.

Every scalar stays text: `no`, `yes`, `09:00` and `2025-01-01` are read as written, and each
part of a spec converts its own values (ids, numbers, times, dates), so nothing is guessed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from kb.guidance.model import Problem

MAX_SOURCE = 64 * 1024
MAX_NODES = 5000
MAX_DEPTH = 30
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Node:
    """A YAML value: text, a list of nodes or a dict of nodes; `key_line` is its key's line.

    `line` is where the value starts; for a '|' block, the line of its first line of text.
    """

    value: str | list[Node] | dict[str, Node]
    line: int
    key_line: int


class Reader:
    """Collects the problems of one block while its parts are read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message, "warning"))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def load(self, source: str, fence_line: int) -> Node | None:
        """The YAML between the fences (which start on `fence_line`) as nodes, or None."""
        if len(source) > MAX_SOURCE:
            self.error(fence_line, f"the block is larger than {MAX_SOURCE // 1024} KiB")
            return None
        try:
            deep = _too_deep(source)
            if deep is not None:
                self.error(
                    fence_line + 1 + deep, f"the block is nested more than {MAX_DEPTH} levels deep"
                )
                return None
            root = yaml.compose(source, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = fence_line + 1 + (mark.line if mark else 0)
            self.error(line, f"not valid YAML: {exc.problem or exc.context}")
            return None
        except yaml.YAMLError as exc:
            self.error(fence_line, f"not valid YAML: {exc}")
            return None
        if root is None:
            self.error(fence_line, "the block is empty")
            return None
        try:
            return _convert(root, fence_line + 1, fence_line + 1 + root.start_mark.line, [0], 0)
        except _Unreadable as exc:
            self.error(exc.line, str(exc))
            return None

    def mapping(
        self, node: Node | None, what: str, keys: Iterable[str], required: Iterable[str] = ()
    ) -> Map | None:
        """`node` as a Map of the known `keys` (others get a warning), or None if not a mapping."""
        if node is None:
            return None
        if not isinstance(node.value, dict):
            self.error(node.key_line, f"{what} must be a mapping of 'key: value' lines")
            return None
        keys = tuple(keys)
        named = node.value.get("id")
        if named is not None and isinstance(named.value, str) and named.value.strip():
            what = f"{what} {named.value.strip()!r}"
        for key, child in node.value.items():
            if key not in keys:
                near = difflib.get_close_matches(key, keys, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                self.warn(child.key_line, f"{what}: unknown key {key!r} is ignored{hint}")
        for key in required:
            if key not in node.value:
                self.error(node.key_line, f"{what}: missing required key {key!r}")
        return Map(self, node, what)

    def items(self, node: Node | None, what: str) -> list[Node]:
        """The items of a list node; a problem (and no items) when it is not a list."""
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.error(node.key_line, f"{what} must be a list ('- ' items)")
            return []
        return node.value

    def text(self, node: Node | None, what: str) -> str:
        if node is None:
            return ""
        if not isinstance(node.value, str):
            self.error(node.key_line, f"{what} must be text, not a list or mapping")
            return ""
        return node.value.strip()

    def ident(self, node: Node | None, what: str, name: bool = False) -> str:
        """An id (letters, digits, '-', '_'); with `name`, one usable in formulas (no '-')."""
        value = self.text(node, what)
        if node is None or not isinstance(node.value, str):
            return value
        if name and not _NAME.fullmatch(value):
            self.error(
                node.key_line,
                f"{what} {value!r} must start with a letter and use only "
                "letters a-z, digits and '_', so formulas can name it",
            )
        elif not name and not _ID.fullmatch(value):
            self.error(
                node.key_line,
                f"{what} {value!r} must use only letters a-z, digits, '-' and '_' (at most 64)",
            )
        return value


class Map:
    """A mapping node read key by key; problems go to the Reader."""

    def __init__(self, reader: Reader, node: Node, what: str):
        self.reader = reader
        self.node = node
        self.what = what
        self.line = node.line

    def has(self, key: str) -> bool:
        return key in self.node.value

    def get(self, key: str) -> Node | None:
        value = self.node.value
        return value.get(key) if isinstance(value, dict) else None

    def key_line(self, key: str) -> int:
        child = self.get(key)
        return child.key_line if child is not None else self.line

    def value_line(self, key: str) -> int:
        child = self.get(key)
        return child.line if child is not None else self.line

    def text(self, key: str) -> str:
        return self.reader.text(self.get(key), f"{self.what}: {key!r}")

    def ident(self, key: str, name: bool = False) -> str:
        return self.reader.ident(self.get(key), f"{self.what}: {key}", name)

    def items(self, key: str) -> list[Node]:
        return self.reader.items(self.get(key), f"{self.what}: {key!r}")

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of texts; a single text is taken as a list of one."""
        node = self.get(key)
        if node is not None and isinstance(node.value, str):
            return (node.value.strip(),) if node.value.strip() else ()
        return tuple(self.reader.text(n, f"{self.what}: {key!r} item") for n in self.items(key))

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.text(key).lower()
        if not value:
            return default
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.reader.error(self.key_line(key), f"{self.what}: {key!r} must be true or false")
        return default

    def choose(self, key: str, allowed: Iterable[str], default: str = "") -> str:
        """A value from a fixed vocabulary."""
        value = self.text(key)
        allowed = tuple(allowed)
        if not value:
            return default
        if value not in allowed:
            self.reader.error(
                self.key_line(key),
                f"{self.what}: {key!r} is {value!r}; use one of: {', '.join(allowed)}",
            )
            return default
        return value


class _Unreadable(ValueError):
    """The YAML is valid but cannot be a spec (too big, duplicate keys...); at `line`."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def _too_deep(source: str) -> int | None:
    """The 0-based line where nesting passes MAX_DEPTH, or None.

    Checked on the parser's events, which come without recursion, before composing: the
    C composer recurses and would crash the process on thousands of nested brackets.
    """
    depth = 0
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line if event.start_mark else 0
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _convert(node: yaml.Node, first_line: int, key_line: int, count: list[int], depth: int) -> Node:
    """Turn a composed YAML node into a Node; aliases are expanded, within limits."""
    count[0] += 1
    line = first_line + node.start_mark.line
    if count[0] > MAX_NODES:
        raise _Unreadable(
            f"the block has more than {MAX_NODES} values (or aliases that expand)", line
        )
    if depth > MAX_DEPTH:
        raise _Unreadable(f"the block is nested more than {MAX_DEPTH} levels deep", line)
    if isinstance(node, yaml.ScalarNode):
        # A '|' or '>' block's text starts on the line after its indicator.
        return Node(node.value, line + (node.style in ("|", ">")), key_line)
    if isinstance(node, yaml.SequenceNode):
        items = [
            _convert(n, first_line, first_line + n.start_mark.line, count, depth + 1)
            for n in node.value
        ]
        return Node(items, line, key_line)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        k_line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Unreadable("a key must be plain text", k_line)
        if key_node.value in mapping:
            raise _Unreadable(f"key {key_node.value!r} is given twice", k_line)
        mapping[key_node.value] = _convert(value_node, first_line, k_line, count, depth + 1)
    return Node(mapping, line, key_line)
