"""Render an article body with markdown-it-py; raw HTML in the source shows as text, never runs."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape
from typing import Protocol
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from kb.render.tasklists import tasklists

CALLOUTS = ("note", "tip", "warning")
SCRIPT = "script"
TOC_LEVELS = (2, 3)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


@dataclass(frozen=True)
class Block:
    """An interactive block: a fenced block whose info word names a kind of guidance."""

    kind: str
    source: str
    line: int  # line of the opening fence, in the article file


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Section:
    """The text under one heading (anchor '' is the text before the first heading)."""

    anchor: str
    title: str
    level: int
    text: str


@dataclass(frozen=True)
class Link:
    """An internal link: to another article (`slug`) or, with slug '', within this one."""

    slug: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: list[Heading] = field(default_factory=list)  # every heading, in order
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def toc(self) -> list[Heading]:
        return [h for h in self.headings if h.level in TOC_LEVELS]


class Hooks(Protocol):
    """What the renderer asks of its caller, so it needs no web framework."""

    block_kinds: frozenset[str]

    def link(self, slug: str, anchor: str) -> str:
        """URL of the article `slug` (same language), with `#anchor` if given."""

    def label(self, key: str) -> str:
        """Translated label for 'note', 'tip', 'warning', 'script', 'copy' and 'copied'."""

    def block(self, block: Block) -> str | None:
        """Safe HTML for an interactive block, or None to show it as code."""


def render(body: str, slug: str, hooks: Hooks, first_line: int = 1, title: str = "") -> Rendered:
    """Render `body` (the Markdown of article `slug`, starting on file line `first_line`)."""
    md = _markdown(hooks)
    env: dict = {}
    tokens = md.parse(body, env)
    if title:
        _drop_leading_title(tokens, title)
    headings = _assign_anchors(tokens)
    links = _rewrite_links(tokens, slug, hooks, first_line)
    blocks: list[Block] = []
    env["kb_blocks"] = blocks
    env["kb_first_line"] = first_line
    html = md.renderer.render(tokens, md.options, env)
    sections = _sections(tokens, hooks.block_kinds)
    return Rendered(html=html, headings=headings, sections=sections, links=links, blocks=blocks)


def _markdown(hooks: Hooks) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(tasklists)
    for kind in CALLOUTS:
        md.use(container_plugin, name=kind, render=_callout_renderer(kind, hooks))
    md.use(container_plugin, name=SCRIPT, render=_script_renderer(hooks))
    default_fence = md.renderer.rules["fence"]  # type: ignore[attr-defined]  # a RendererHTML

    def fence(self, tokens, idx, options, env):
        token = tokens[idx]
        kind = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        if kind in hooks.block_kinds:
            block = Block(kind, token.content, env["kb_first_line"] + token.map[0])
            html = hooks.block(block)
            if html is not None:
                env["kb_blocks"].append(block)
                return html
        return default_fence(tokens, idx, options, env)

    md.add_render_rule("fence", fence)
    md.add_render_rule("table_open", lambda *a: '<div class="table-wrap"><table>\n')
    md.add_render_rule("table_close", lambda *a: "</table></div>\n")
    return md


def _callout_renderer(kind: str, hooks: Hooks):
    def render_callout(self, tokens, idx, options, env):
        if tokens[idx].nesting == 1:
            title = tokens[idx].info.strip()[len(kind) :].strip() or hooks.label(kind)
            return (
                f'<aside class="callout callout-{kind}" role="note">'
                f'<p class="callout-title">{escape(title)}</p>\n'
            )
        return "</aside>\n"

    return render_callout


def _script_renderer(hooks: Hooks):
    def render_script(self, tokens, idx, options, env):
        if tokens[idx].nesting == 1:
            return (
                '<figure class="script">'
                f"<figcaption>{escape(hooks.label(SCRIPT))}</figcaption>"
                '<blockquote class="script-text">\n'
            )
        copy, copied = escape(hooks.label("copy")), escape(hooks.label("copied"))
        return (
            "</blockquote>"
            '<button type="button" class="copy-button" data-copy-from=".script-text" '
            f'data-copied-label="{copied}" hidden>{copy}</button></figure>\n'
        )

    return render_script


def inline_text(token: Token) -> str:
    """Plain text of an inline token: words only, no markup."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def slugify(text: str) -> str:
    """A URL fragment from heading text; Cyrillic letters are kept.

    >>> slugify("Calls That Should NOT be Transferred!")
    'calls-that-should-not-be-transferred'
    >>> slugify("Действия при обращении")
    'действия-при-обращении'
    """
    words = re.findall(r"\w+", text.casefold().replace("ё", "е"))
    return "-".join(words)[:80].strip("-") or "section"


def _drop_leading_title(tokens: list[Token], title: str) -> None:
    """The page shows the title itself: drop a first-level heading that only repeats it."""
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        if inline_text(tokens[1]).casefold() == title.casefold():
            del tokens[0:3]


def _assign_anchors(tokens: list[Token]) -> list[Heading]:
    """A unique anchor per heading: a repeated one gets `-2`, `-3`... In linear time: each base
    remembers the number it reached, so that the n-th "## a" does not count up through n - 1
    taken anchors again (20,000 of them took half a minute)."""
    headings: list[Heading] = []
    seen: set[str] = set()
    next_number: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = inline_text(tokens[i + 1])
        base = anchor = slugify(text)
        n = next_number.get(base, 2)
        while anchor in seen:  # each taken anchor is stepped over once, by its own base
            anchor, n = f"{base}-{n}", n + 1
        next_number[base] = n
        seen.add(anchor)
        token.attrSet("id", anchor)
        headings.append(Heading(int(token.tag[1]), anchor, text))
    return headings


def _rewrite_links(tokens: list[Token], slug: str, hooks: Hooks, first_line: int) -> list[Link]:
    """Point links to other articles' .md files at their pages; collect them for checking."""
    links = []
    block_line = first_line
    for token in tokens:
        if token.map:
            block_line = first_line + token.map[0]
        for child in token.children or []:
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            if not href or _EXTERNAL.match(href):
                if _EXTERNAL.match(href):
                    child.attrSet("rel", "noopener noreferrer")
                continue
            path, _, anchor = href.partition("#")
            path, anchor = unquote(path), unquote(anchor)  # markdown-it percent-encodes Cyrillic
            if not path:
                links.append(Link("", anchor, block_line))
                continue
            if not path.endswith(".md"):
                continue
            base = posixpath.dirname(slug)
            target = posixpath.normpath(posixpath.join(base, path))[: -len(".md")]
            links.append(Link(target, anchor, block_line))
            child.attrSet("href", hooks.link(target, anchor))
    return links


def _sections(tokens: list[Token], block_kinds: frozenset[str]) -> list[Section]:
    """Plain text under each heading; interactive blocks are left to the guidance layer."""
    sections: list[Section] = []
    anchor, title, level = "", "", 0
    parts: list[str] = []

    def close():
        text = " ".join(p for p in parts if p).strip()
        if text or anchor:
            sections.append(Section(anchor, title, level, text))

    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            close()
            anchor, title, level = (
                str(token.attrGet("id") or ""),
                inline_text(tokens[i + 1]),
                int(token.tag[1]),
            )
            parts = []
        elif token.type == "inline" and not (i and tokens[i - 1].type == "heading_open"):
            parts.append(inline_text(token))
        elif token.type == "code_block" or (
            token.type == "fence" and token.info.strip().split(" ")[0] not in block_kinds
        ):
            parts.append(token.content.strip())
    close()
    return sections
