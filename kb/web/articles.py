"""Reading: home, categories, the list of all articles, and the article page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from kb import LANGUAGES
from kb.render import slugify
from kb.search import mark_html
from kb.store.article_views import record_view
from kb.store.search_log import record_opened
from kb.web.content import library, rendered
from kb.web.editor_base import redirect_target
from kb.web.glance import glance
from kb.web.i18n import preferred_language

bp = Blueprint("articles", __name__)
PAGE_SIZE = 50


@bp.get("/")
def root():
    """Send a visitor to their language: cookie, then Accept-Language, then English."""
    return redirect(url_for("articles.home", lang=preferred_language()))


@bp.get("/<lang:lang>/")
def home(lang):
    """Categories and recently updated articles."""
    lib = library()
    categories = [(name, slugify(name), items) for name, items in lib.categories(lang).items()]
    return render_template(
        "home.html",
        categories=categories,
        recent=lib.recently_updated(lang),
        total=len(lib.in_language(lang)),
    )


@bp.get("/<lang:lang>/articles")
def index(lang):
    """Every article in the language, A to Z, a page at a time."""
    articles = library().in_language(lang)
    page, pages, shown = _paginate(articles)
    return render_template(
        "index.html", articles=shown, page=page, pages=pages, total=len(articles)
    )


@bp.get("/<lang:lang>/category/<path:name>")
def category(lang, name):
    """The articles of one category."""
    for title, items in library().categories(lang).items():
        if title and slugify(title) == name:
            page, pages, shown = _paginate(items)
            return render_template(
                "category.html",
                title=title,
                articles=shown,
                page=page,
                pages=pages,
                total=len(items),
            )
    abort(404)


@bp.get("/<lang:lang>/<path:slug>")
def article(lang, slug):
    """One article, or a page that says it exists only in the other language."""
    lib = library()
    found = lib.get(lang, slug)
    if found is None:
        others = [lib.get(other, slug) for other in LANGUAGES if other != lang]
        others = [a for a in others if a is not None]
        if not others:
            moved = redirect_target(lang, slug)
            if moved is None:
                abort(404)
            query = request.query_string.decode()
            url = url_for("articles.article", lang=lang, slug=moved)
            return redirect(f"{url}?{query}" if query else url, 301)
        return render_template("no_translation.html", others=others), 404
    store = current_app.extensions["kb_store"]
    record_view(store, lang, slug)
    search_id = request.args.get("from", type=int)
    if search_id is not None:
        record_opened(store, search_id, slug)
    translations = {
        other: lib.get(other, slug) for other in LANGUAGES if other != lang and lib.get(other, slug)
    }
    page = rendered(found)
    searched = request.args.get("hl", "")[:200]
    body = mark_html(page.html, searched, lang) if searched.strip() else page.html
    tools, now = glance(found)
    return render_template(
        "article.html",
        tools=tools,
        now=now,
        article=found,
        page=page,
        body=body,
        highlighted=bool(searched.strip()) and body != page.html,
        category_slug=slugify(found.category) if found.category else "",
        translations=translations,
    )


def _paginate(items: list) -> tuple[int, int, list]:
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    return page, pages, items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
