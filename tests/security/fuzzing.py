"""Hypothesis strategies for the fuzz tests: whole article folders (odd files and names, links,
front matter, every kind of interactive block, sizes past the limits) and hostile form values.

The interactive blocks start from the real ones (the shipped articles and the guidance test
articles) and are then mutated: values replaced by hostile ones, keys dropped or added, list
items repeated (ids given twice), the YAML itself broken now and then.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

from kb.content.loader import MAX_FILE_BYTES, MAX_MARKUP_COST
from tests.conftest import SHIPPED_ARTICLES
from tests.web.guiding import FIXTURES

KINDS = ("walkthrough", "checklist", "decision-table", "calculator", "routing")
_BLOCK = re.compile(r"^```(" + "|".join(KINDS) + r")\n(.*?)^```", re.M | re.S)


def _real_blocks() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for root in (SHIPPED_ARTICLES / "en", FIXTURES / "en", FIXTURES / "ru"):
        for path in sorted(root.glob("*.md")):
            for kind, source in _BLOCK.findall(path.read_text(encoding="utf-8")):
                found[kind].append(source)
    return found


REAL_BLOCKS = _real_blocks()

# Text that has broken parsers, formatters, templates and reports before.
NASTY = [
    "",
    " ",
    "0",
    "-0",
    "1" * 30,
    "9" * 41,
    "1e999",
    "NaN",
    "-inf",
    "０",
    "1 234,5",
    "1,234.5",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "24:00",
    "23:59",
    "mon-sun",
    "Europe/Nowhere",
    "Etc/GMT+12",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "{x}",
    "{{",
    "}}",
    "%(value)s",
    "%s%n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "../../etc/passwd",
    "a\nb",
    "a\r\nb",
    "\t",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2028",
    "\ufeff",
    "ё Ё й",
    "😀",
    "＝1+1",
    '=HYPERLINK("x")',
    "x" * 300,
    'reason == "x"',
    "a / 0",
    "0 / 0",
    "round(x, 99)",
    "((((((((((1))))))))))",
    "*" * 50,
    "# heading",
    ":::",
    "```",
]
nasty_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
)
scalars = st.one_of(
    nasty_text,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(nasty_text, inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw, value, depth: int = 0):
    """`value` (parsed YAML) with some of its parts replaced, dropped, repeated or added."""
    if depth > 6 or not draw(st.integers(0, 4)):
        return value  # most parts stay as they are, so that the block mostly validates
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            choice = draw(st.integers(0, 9))
            if choice == 0:
                continue  # a key dropped (a required one, sometimes)
            out[key] = draw(yaml_values) if choice == 1 else draw(mutated(item, depth + 1))
        if draw(st.integers(0, 5)) == 0:
            out[draw(nasty_text)] = draw(yaml_values)  # an unknown key, or a typo
        return out
    if isinstance(value, list):
        items = [draw(mutated(item, depth + 1)) for item in value]
        if items and draw(st.integers(0, 4)) == 0:
            items.append(items[draw(st.integers(0, len(items) - 1))])  # an id given twice
        if items and draw(st.integers(0, 6)) == 0:
            del items[draw(st.integers(0, len(items) - 1))]
        return items
    return draw(st.one_of(st.just(value), yaml_values))


@st.composite
def blocks(draw) -> str:
    """A fenced interactive block of any kind, mutated from a real one, or broken YAML."""
    kind = draw(st.sampled_from(KINDS))
    source = draw(st.sampled_from(REAL_BLOCKS[kind]))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        body = source[: draw(st.integers(0, len(source)))]  # cut anywhere: broken YAML
    elif shape == 1:
        body = source  # as written
    else:
        try:
            data = yaml.safe_load(source)
        except yaml.YAMLError:
            data = {}
        body = yaml.safe_dump(draw(mutated(data)), allow_unicode=True, sort_keys=False)
    return f"```{kind}\n{body}\n```\n"


names = st.one_of(
    st.sampled_from(
        [
            "a",
            "A",
            "search",
            "guide",
            "x/guide/y",
            "api",
            "editors",
            "категория/статья",
            "a b",
            "a#b",
            "a?b",
            "a%20b",
            "a%2Fb",
            "100%",
            "a&b",
            "a+b",
            "'quote'",
            '"dq"',
            "<b>",
            "a\nb",
            "tab\tx",
            "back\\slash",
            "ü",
            "ﬁ",
            "😀",
            "x" * 200,
            "_hidden",
            ".dot",
            "sub/deep/er/path",
            "trailing.",
            " lead",
            "trail ",
            "guide/x",
        ]
    ),
    st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"),
        min_size=1,
        max_size=20,
    ),
)


@st.composite
def front_matter(draw) -> str:
    shape = draw(st.integers(0, 7))
    if shape == 0:
        return ""
    if shape == 1:
        return "---\ntitle: [unclosed\n---\n"
    if shape == 2:
        return "---\ntitle: never closed\n"
    if shape == 3:
        return "---\na: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]\n---\n"
    keys = ["title", "summary", "category", "tags", "audience", "owner", "updated", "review-by"]
    fields = draw(st.dictionaries(st.sampled_from([*keys, "odd-key"]), yaml_values, max_size=8))
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n"


@st.composite
def body_parts(draw, targets: list[str]) -> str:
    part = draw(st.integers(0, 11))
    text = draw(nasty_text)
    if part == 0:
        level = draw(st.integers(1, 6))
        return ("#" * level + " " + draw(st.sampled_from(["a", "A", "a-2", text])) + "\n\n") * (
            draw(st.integers(1, 300))
        )
    if part == 1:
        target = draw(st.sampled_from([*targets, "missing", "../../x", ""]))
        anchor = draw(st.sampled_from(["", "#a", "#a-2", "#nope", "#" + text]))
        return f"[{text}]({target}.md{anchor}) [ext](https://example.org) [js](javascript:x)\n\n"
    if part == 2:
        return f"<div onclick=x>{text}</div><script>alert(1)</script>\n\n"
    if part == 3:
        kind = draw(st.sampled_from(["note", "tip", "warning", "script", "bogus"]))
        return f"::: {kind}\n{text}\n:::\n\n"
    if part == 4:
        return "- [ ] todo\n- [x] done\n" * draw(st.integers(1, 200)) + "\n"
    if part == 5:
        return f"| {text} | b |\n| --- | --- |\n" + "| 1 | 2 |\n" * draw(st.integers(0, 50)) + "\n"
    if part == 6:
        return draw(blocks())
    if part == 7:
        return f"```{text}\ncode {text}\n```\n\n"
    if part == 8:
        return f"> {text}\n> - > - {text}\n\n"
    if part == 9:
        return "::: note\nunclosed\n\n"
    if part == 10:
        return f"![img](data:image/png;base64,AAAA) ![x](data:text/html,{text})\n\n"
    return f"{text} *{text}* `{text}` **x**\n\n"


@dataclass(frozen=True)
class Entry:
    """One thing in the folder: `kind` says what (a file's `content`, a link, a FIFO...)."""

    lang: str
    name: str  # relative path without the extension
    ext: str
    kind: str
    content: bytes = b""
    target: str = ""


@st.composite
def articles(draw, targets: list[str]) -> bytes:
    shape = draw(st.integers(0, 12))
    if shape == 0:
        return draw(st.binary(max_size=200))  # not UTF-8, NUL bytes...
    if shape == 1:
        return b""
    if shape == 2:
        return b"\xef\xbb\xbf# BOM and CRLF\r\n\r\ntext\r\n"
    if shape == 3:
        return b"a" * (MAX_FILE_BYTES + 1)  # past the size limit
    if shape == 4:
        return b"- a\n" * (MAX_MARKUP_COST // 12 + 1)  # past the markup limit
    parts = draw(st.lists(body_parts(targets), min_size=1, max_size=6))
    return (draw(front_matter()) + "".join(parts)).encode("utf-8", "surrogateescape")


@st.composite
def folders(draw) -> list[Entry]:
    """A whole articles folder: 1-8 entries in each language, of every kind."""
    count = draw(st.integers(1, 8))
    entry_names = draw(st.lists(names, min_size=count, max_size=count))
    entries = []
    for name in entry_names:
        lang = draw(st.sampled_from(["en", "ru"]))
        ext = draw(st.sampled_from([".md", ".md", ".md", ".MD", ".txt", ""]))
        kind = draw(
            st.sampled_from(
                ["file"] * 6 + ["link", "loop", "dangling", "outside", "fifo", "socket", "folder"]
            )
        )
        content = draw(articles(entry_names)) if kind == "file" else b""
        target = draw(st.sampled_from(entry_names)) + ".md" if kind == "link" else ""
        entries.append(Entry(lang, name, ext, kind, content, target))
        if draw(st.booleans()):  # its translation, often
            other = "ru" if lang == "en" else "en"
            entries.append(Entry(other, name, ext, "file", draw(articles(entry_names))))
    return entries


def build(root: Path, entries: list[Entry], outside: Path) -> None:
    """Make `entries` under `root` (emptied first); what the file system refuses is skipped."""
    for lang in ("en", "ru"):
        (root / lang).mkdir(parents=True, exist_ok=True)
    for entry in entries:
        path = root / entry.lang / (entry.name + entry.ext)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(path):
                continue
            if entry.kind == "file":
                path.write_bytes(entry.content)
            elif entry.kind == "link":
                path.symlink_to(entry.target)
            elif entry.kind == "loop":
                path.symlink_to(path.name)
            elif entry.kind == "dangling":
                path.symlink_to("nowhere-at-all.md")
            elif entry.kind == "outside":
                path.symlink_to(outside)
            elif entry.kind == "fifo":
                os.mkfifo(path)
            elif entry.kind == "socket":
                with socket.socket(socket.AF_UNIX) as sock:
                    sock.bind(str(path))
            elif entry.kind == "folder":
                path.mkdir()
        except (OSError, ValueError):  # a name too long, or one the file system will not take
            continue


# Form values: hostile text, numbers at the edges, dates and times, and raw bytes.
form_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.text(max_size=5).map(lambda s: s * 2000),  # long
)
