"""Access to the articles from views: the current library and cached rendering."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from flask import current_app, url_for
from flask_babel import gettext

from kb.content import Article, Library
from kb.guidance import KINDS
from kb.render import Block, Rendered, render
from kb.web.blocks import in_article

_LABELS = {
    "note": lambda: gettext("Note"),
    "tip": lambda: gettext("Tip"),
    "warning": lambda: gettext("Warning"),
    "script": lambda: gettext("Say word for word"),
    "copy": lambda: gettext("Copy"),
    "copied": lambda: gettext("Copied"),
}


def library() -> Library:
    return current_app.extensions["kb_content"].library


class WebHooks:
    """The renderer's hooks for pages: article URLs, translated labels, interactive blocks."""

    block_kinds: frozenset[str] = KINDS

    def __init__(self, article: Article):
        self.article = article
        self.lang = article.lang

    def link(self, slug: str, anchor: str) -> str:
        return url_for("articles.article", lang=self.lang, slug=slug, _anchor=anchor or None)

    def label(self, key: str) -> str:
        return _LABELS[key]()

    def block(self, block: Block) -> str | None:
        return in_article(self.article, block)


class RenderCache:
    """Rendered articles by (lang, slug, mtime), least recently used dropped first."""

    def __init__(self, size: int = 512):
        self.size = size
        self._items: OrderedDict[tuple, Rendered] = OrderedDict()
        self._lock = Lock()

    def get(self, article: Article) -> Rendered:
        key = (article.lang, article.slug, article.mtime)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        rendered = render(
            article.body, article.slug, WebHooks(article), article.body_line, article.title
        )
        with self._lock:
            self._items[key] = rendered
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return rendered


def rendered(article: Article) -> Rendered:
    cache = current_app.extensions.setdefault("kb_render_cache", RenderCache())
    return cache.get(article)
