"""What gets indexed: an article and each of its sections, as SearchDocs."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kb.content import Article
from kb.render import Block, Rendered, render
from kb.search.results import Answer

# Extra documents for an article (walkthrough steps, say), indexed and removed with it.
ExtraDocs = Callable[[Article, Rendered], Iterable["SearchDoc"]]


@dataclass(frozen=True)
class SearchDoc:
    """One searchable unit: a whole article (anchor ''), one of its sections, or a step."""

    lang: str
    slug: str
    anchor: str  # '' for the article itself
    title: str  # the article's title
    section: str  # the section or step heading; '' for the article
    text: str  # plain text: searched, and cut into snippets
    keywords: tuple[str, ...] = ()  # searched, never shown (a decision-table row's keywords)
    tags: tuple[str, ...] = ()
    category: str = ""
    audience: tuple[str, ...] = ()
    kind: str = "article"  # "article", "section" or "step"
    version: str = ""  # changes whenever the source changes
    headings: tuple[str, ...] = ()  # every heading of the article, on the article's own doc
    answer: Answer | None = None  # what a step, outcome or row says to do (the answer card)
    intro: str = ""  # the summary and the text before the first heading, on the article's doc

    @property
    def article_key(self) -> str:
        return article_key(self.lang, self.slug)

    @property
    def key(self) -> str:
        """Unique in the index: the same anchor may be both a section and a step."""
        return f"{self.article_key}#{self.anchor}@{self.kind}"


PASSAGES = "passages"  # the kind of the doc that holds an article's passages (indexer.py)


def passages_key(article: str) -> str:
    """The key of the doc that holds the passages of the article `article` ("lang:slug")."""
    return f"{article}#@{PASSAGES}"


def article_key(lang: str, slug: str) -> str:
    return f"{lang}:{slug}"


# Raised whenever what is indexed for an article changes: every article then differs from its
# indexed version, and the next sync re-indexes them all, with no rebuild by hand after upgrading.
INDEX_FORMAT = 6  # 6: snippet texts end with a whole word


def version_of(article: Article) -> str:
    return f"{INDEX_FORMAT}:{article.mtime!r}"


class IndexHooks:
    """Renderer hooks for indexing: interactive blocks are left out of the text."""

    def __init__(self, block_kinds: Iterable[str] = ()):
        self.block_kinds = frozenset(block_kinds)

    def link(self, slug: str, anchor: str) -> str:
        return ""

    def label(self, key: str) -> str:
        return key

    def block(self, block: Block) -> str | None:
        return None


def render_for_index(article: Article, hooks: IndexHooks) -> Rendered:
    return render(article.body, article.slug, hooks, article.body_line, article.title)


def documents_for(article: Article, rendered: Rendered) -> list[SearchDoc]:
    """The article's own doc (title, summary, all text, every heading) and one doc per section."""
    sections = [s for s in rendered.sections if s.anchor]
    texts = [article.summary] + [s.text for s in rendered.sections]

    def doc(anchor: str, section: str, text: str, kind: str, headings=()) -> SearchDoc:
        return SearchDoc(
            lang=article.lang,
            slug=article.slug,
            anchor=anchor,
            title=_clean(article.title),
            section=_clean(section),
            text=_clean(text),
            tags=tuple(_clean(t) for t in article.tags),
            category=_clean(article.category),
            audience=tuple(_clean(a) for a in article.audience),
            kind=kind,
            version=version_of(article),
            headings=tuple(_clean(h) for h in headings),
        )

    own = doc("", "", "\n".join(t for t in texts if t), "article", [s.title for s in sections])
    lead = [s.text for s in rendered.sections if not s.anchor]
    own = replace(own, intro=_clean("\n".join([article.summary, *lead])))
    return [own] + [doc(s.anchor, s.title, s.text, "section") for s in sections]


def _clean(text: str) -> str:
    # Decomposed letters (и + breve) would split words: index the composed form.
    return unicodedata.normalize("NFC", text).strip()
