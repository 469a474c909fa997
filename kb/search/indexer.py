"""From articles to Whoosh documents: an article's SearchDocs laid out in the schema's fields."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import astuple, replace

from kb.content import Article
from kb.search.analysis import spelling_word, terms, words
from kb.search.documents import (
    PASSAGES,
    ExtraDocs,
    IndexHooks,
    SearchDoc,
    article_key,
    documents_for,
    passages_key,
    render_for_index,
    version_of,
)
from kb.search.schema import LANGS, STORED_TEXT, field

log = logging.getLogger(__name__)
_UP_TO_A_SPACE = re.compile(r"(.*)\s", re.DOTALL)  # greedy: to the last white space


class Indexer:
    """Turns an article into the Whoosh documents that represent it."""

    def __init__(self, block_kinds: Iterable[str] = (), extra_docs: ExtraDocs | None = None):
        self.hooks = IndexHooks(block_kinds)
        self.extra_docs = extra_docs

    def search_docs(self, article: Article) -> list[SearchDoc]:
        """The article's own doc first, then its sections and any extra docs (steps)."""
        rendered = render_for_index(article, self.hooks)
        docs = documents_for(article, rendered)
        if self.extra_docs is None:
            return docs
        try:
            extras = list(self.extra_docs(article, rendered))
        except Exception:  # a broken block must not take its article out of search
            log.exception("no extra search documents for %s/%s", article.lang, article.slug)
            return docs
        own = docs[0]
        # Extra docs belong to the article: same key, same version, same facets.
        return docs + [
            replace(
                extra,
                lang=article.lang,
                slug=article.slug,
                title=own.title,
                tags=own.tags,
                category=own.category,
                audience=own.audience,
                version=own.version,
            )
            for extra in extras
        ]

    def whoosh_docs(self, article: Article) -> list[dict]:
        """Field dicts for Whoosh's add_document, or [] if the article cannot be rendered."""
        if article.lang not in LANGS:
            return []
        try:
            docs = self.search_docs(article)
        except Exception:  # one broken article must not stop the others being indexed
            log.exception("cannot index %s/%s", article.lang, article.slug)
            return []
        return layout(docs)


def layout(docs: list[SearchDoc]) -> list[dict]:
    """Whoosh field dicts for one article's SearchDocs (the article's own doc first)."""
    own, parts = docs[0], docs[1:]
    lang = own.lang
    extra = [p for p in parts if p.kind != "section"]  # steps: their text is not in the body
    headings = list(own.headings) + [p.section for p in extra]
    body = "\n".join([own.text] + [_searched(p, p.section) for p in extra])
    labels = list(own.tags) + ([own.category] if own.category else [])
    spelled = {w for w in map(spelling_word, words(f"{own.title}\n{body}")) if w}
    spelled.update(w for h in headings for w in map(spelling_word, words(h)) if w)
    article = _common(own) | {
        field("title", lang): own.title,
        field("labels", lang): "\n".join(labels + headings),
        field("body", lang): body,
        "spell": " ".join(sorted(spelled)),
        field("start", lang): own.title,
        field("complete", lang): own.title,
        "snippet": kept_text(own.text),
        "version": own.version,
        "category": own.category,
        "tags": own.tags,
        "audience": own.audience,
    }
    # Every passage of the article, itself first (its title, and its summary and lead), in a
    # doc of its own: what scores and shows them, read in one go when the article is found.
    passages = {
        "key": passages_key(own.article_key),
        "article": own.article_key,
        "lang": lang,
        "slug": own.slug,
        "kind": PASSAGES,
        "passages": (
            _passage(own, own.title, own.intro),
            *(_passage(part, part.section, _searched(part)) for part in parts),
        ),
    }
    # The parts are docs of their own for search-as-you-type by their headings.
    return [
        article,
        *(
            _common(part)
            | {field("start", lang): part.section, field("complete", lang): part.section}
            for part in parts
        ),
        passages,
    ]


def kept_text(text: str) -> str:
    """What the index keeps of a text for its snippets: all of it, or its start up to
    STORED_TEXT characters ending with a whole word, then " …" (a snippet that reaches the end
    of what was kept shows that more follows, not half a word)."""
    if len(text) <= STORED_TEXT:
        return text
    whole = _UP_TO_A_SPACE.match(text[: STORED_TEXT + 1])
    return (whole.group(1) if whole else text[:STORED_TEXT]).rstrip() + " …"


def _passage(doc: SearchDoc, heading: str, text: str) -> tuple:
    """One passage as passages.Passage reads it: (anchor, section, kind, snippet, heading
    terms, text terms, answer)."""
    lang = doc.lang
    return (
        doc.anchor,
        doc.section,
        doc.kind,
        kept_text(doc.text),
        tuple(sorted(set(terms(heading, lang)))),
        tuple(sorted(set(terms(text, lang)))),
        astuple(doc.answer) if doc.answer else None,
    )


def _searched(part: SearchDoc, *before: str) -> str:
    """A part's words as searched: its text and its keywords (which snippets never show)."""
    return "\n".join([*before, part.text, " ".join(part.keywords)]).strip()


def _common(doc: SearchDoc) -> dict:
    return {
        "key": doc.key,
        "article": doc.article_key,
        "lang": doc.lang,
        "slug": doc.slug,
        "kind": doc.kind,
        "anchor": doc.anchor,
        "title": doc.title,
        "section": doc.section,
    }


def current_versions(library) -> dict[str, str]:
    """article key → version, for every article of the library in an indexed language."""
    return {
        article_key(a.lang, a.slug): version_of(a)
        for a in library.articles.values()
        if a.lang in LANGS
    }
