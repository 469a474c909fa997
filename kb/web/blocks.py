"""An article's guidance blocks on the site: their place in the article page and their part in
the content check."""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from flask import render_template, url_for
from flask_babel import gettext
from markupsafe import Markup

from kb import DEFAULT_LANGUAGE
from kb.content import Article, Library
from kb.guidance import (
    Problem,
    compare_articles,
    parse_block,
    parse_blocks,
    render_html,
)
from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from kb.render import Block
from kb.web.walk_map import walkthrough_map

log = logging.getLogger(__name__)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def markdown_link(article: Article, on_article_page: bool) -> Callable[[str], str]:
    """Rewrites the links of Markdown in specs: `other.md#part` to that article's page, and
    `#part` to this article's page when shown elsewhere (on a walkthrough page, say)."""

    def link(href: str) -> str:
        if _EXTERNAL.match(href):
            return href
        path, _, anchor = href.partition("#")
        path, anchor = unquote(path), unquote(anchor)
        if not path:
            if on_article_page:
                return href
            return url_for(
                "articles.article", lang=article.lang, slug=article.slug, _anchor=anchor or None
            )
        if not path.endswith(".md"):
            return href
        base = posixpath.dirname(article.slug)
        target = posixpath.normpath(posixpath.join(base, path))[: -len(".md")]
        return url_for("articles.article", lang=article.lang, slug=target, _anchor=anchor or None)

    return link


def in_article(article: Article, block: Block) -> str:
    """The block as the article page shows it: the whole procedure, the way into its page, or
    an error box listing its problems when it cannot be used."""
    found = article_specs(article)
    spec = parse_block(block).spec
    if spec is None or (found.get(spec.id) or spec).line != spec.line:  # broken, or a duplicate
        last = block.line + block.source.count("\n") + 1
        problems = set(parse_block(block).problems)
        problems.update(p for p in found.problems if block.line <= p.line <= last)
        in_order = sorted(problems, key=lambda p: p.line)
        return render_template("guide/_block_error.html", block=block, problems=in_order)
    try:
        html = render_html(
            spec,
            locale=article.lang,
            _=gettext,
            training=True,
            link=markdown_link(article, on_article_page=True),
            specs=found.specs,
        )
    except Exception:  # a fault in the guidance library must cost one block, not the page
        log.exception("guidance block on line %d of %s/%s", block.line, article.lang, article.slug)
        fault = Problem(block.line, "this block could not be shown because of a fault (logged)")
        return render_template("guide/_block_error.html", block=block, problems=[fault])
    return render_template(
        "guide/_in_article.html",
        article=article,
        spec=spec,
        html=Markup(html),
        map=walkthrough_map(spec) if isinstance(spec, Walkthrough) else "",
    )


def block_validator(
    library: Library,
) -> Callable[[Article, list[Block]], Iterable[tuple[int, str, str]]]:
    """The content check's validator: each article's blocks, and a translation's blocks
    against those of the default language (same ids, same structure)."""

    def validate(article: Article, blocks: list[Block]) -> list[tuple[int, str, str]]:
        specs, problems = parse_blocks(blocks)
        source = library.get(DEFAULT_LANGUAGE, article.slug)
        if article.lang != DEFAULT_LANGUAGE and source is not None:
            theirs = article_specs(source).specs
            problems += compare_articles(theirs, specs, article.body_line)
        return [(p.line, p.message, p.severity) for p in problems]

    return validate
