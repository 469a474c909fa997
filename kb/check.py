"""The content check: everything wrong with an articles folder, each with its file and line."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kb import LANGUAGES
from kb.content import Article, ContentError, Library
from kb.render import Block, Rendered, render

RESERVED_SLUGS = {"search", "articles", "category", "guide", "api", "editors", "feedback"}

# A validator of an article's interactive blocks: returns (file line, message) pairs, or
# (file line, message, severity) triples where some problems are only warnings.
BlockValidator = Callable[[Article, list[Block]], Iterable[tuple]]
GUIDE_SEGMENT = "guide"  # /<lang>/<slug>/guide/<block> is an interactive block's page


class CheckHooks:
    """Renderer hooks for checking: URLs are not needed, blocks are collected for validation."""

    def __init__(self, block_kinds: Iterable[str] = ()):
        self.block_kinds = frozenset(block_kinds)

    def link(self, slug: str, anchor: str) -> str:
        return f"{slug}#{anchor}"

    def label(self, key: str) -> str:
        return key

    def block(self, block: Block) -> str:
        return ""


def check_library(
    library: Library,
    block_kinds: Iterable[str] = (),
    validate_blocks: BlockValidator | None = None,
) -> list[ContentError]:
    """Every problem in the library, sorted by file and line."""
    problems = list(library.errors)
    hooks = CheckHooks(block_kinds)
    pages = {
        key: render(a.body, a.slug, hooks, a.body_line, a.title)
        for key, a in library.articles.items()
    }
    anchors = {key: frozenset(h.anchor for h in page.headings) for key, page in pages.items()}
    for key, article in library.articles.items():
        where = f"{article.lang}/{article.slug}.md"
        problems.extend(_check_links(article, pages[key], anchors, where))
        problems.extend(_check_translation(library, article, where))
        parts = article.slug.split("/")
        if parts[0] in RESERVED_SLUGS or GUIDE_SEGMENT in parts[1:]:
            msg = f"the path {article.slug!r} is shadowed by a page of the site; rename the file"
            problems.append(ContentError(where, 1, msg))
        if validate_blocks is not None:
            for line, message, *severity in validate_blocks(article, pages[key].blocks):
                problems.append(ContentError(where, line, message, *severity))
    return sorted(set(problems))


def check_article(
    library: Library,
    article: Article,
    block_kinds: Iterable[str] = (),
    validate_blocks: BlockValidator | None = None,
) -> list[ContentError]:
    """The problems `check_library` would report for this one article (a text being edited,
    say) against the rest of the library; only the articles it links to are rendered."""
    hooks = CheckHooks(block_kinds)
    page = render(article.body, article.slug, hooks, article.body_line, article.title)
    anchors = {article.key: frozenset(h.anchor for h in page.headings)}
    for link in page.links:
        target = library.get(article.lang, link.slug) if link.slug else None
        if target is not None and target.key not in anchors:
            linked = render(target.body, target.slug, hooks, target.body_line, target.title)
            anchors[target.key] = frozenset(h.anchor for h in linked.headings)
    where = f"{article.lang}/{article.slug}.md"
    problems = _check_links(article, page, anchors, where)
    problems += _check_translation(library, article, where)
    if validate_blocks is not None:
        for line, message, *severity in validate_blocks(article, page.blocks):
            problems.append(ContentError(where, line, message, *severity))
    return sorted(set(problems))


def _check_links(article: Article, page: Rendered, anchors: dict, where: str) -> list[ContentError]:
    problems = []
    for link in page.links:
        target = anchors.get((article.lang, link.slug)) if link.slug else anchors[article.key]
        name = f"{link.slug}.md" if link.slug else "this article"
        if target is None:
            problems.append(ContentError(where, link.line, f"link to a missing article: {name}"))
        elif link.anchor and link.anchor not in target:
            problems.append(
                ContentError(where, link.line, f"link to a missing section: {name}#{link.anchor}")
            )
    return problems


def newer_translations(library: Library, article: Article) -> list[Article]:
    """The article's translations updated after it was: the article may be stale."""
    if article.updated is None:
        return []
    others = (library.get(lang, article.slug) for lang in LANGUAGES if lang != article.lang)
    return [o for o in others if o is not None and o.updated and o.updated > article.updated]


def _check_translation(library: Library, article: Article, where: str) -> list[ContentError]:
    problems = []
    for other_lang in LANGUAGES:
        if other_lang != article.lang and library.get(other_lang, article.slug) is None:
            msg = f"has no translation at {other_lang}/{article.slug}.md"
            problems.append(ContentError(where, 1, msg, "warning"))
    for other in newer_translations(library, article):
        msg = (
            f"may be stale: updated {article.updated}, but its translation "
            f"{other.lang}/{article.slug}.md was updated {other.updated}"
        )
        problems.append(ContentError(where, 1, msg, "warning"))
    return problems
