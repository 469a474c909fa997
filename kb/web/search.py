"""The search results page, and the article-page highlighting of what was searched."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext

from kb.guidance import DECISIONS, OUTCOME_KINDS
from kb.search import SearchEngine, SearchResults
from kb.search_engine import build_engine
from kb.store.search_log import record_search

bp = Blueprint("search", __name__)
PAGE_SIZE = 10
FILTERS = ("category", "tag", "audience")
URL_SAFE = "!$'()*,/:;?@"  # what url_for leaves unquoted in a query string
ANCHOR_SAFE = "%!#$&'()*+,/:;=?@"  # ... and in an anchor
WARM_LOOK = 1.0  # seconds between two looks for an index generation to warm


def init_app(app) -> None:
    """One search engine per process, kept in step with the articles folder."""
    content = app.extensions["kb_content"]
    engine = build_engine(
        Path(app.config["KB_INSTANCE_DIR"]) / "index",
        library=lambda: content.library,
        synonyms=app.config["KB_ARTICLES_DIR"],
    )
    app.extensions["kb_search"] = engine

    def follow(library) -> None:
        """Bring the index in step with the articles; cheap when it is. Called after every look
        at the folder, so that what one look could not do (another process held the index, the
        disk was full, a rebuild swapped in an older view of the files) the next one does."""
        try:
            done = engine.sync(library)  # None: another process was writing; next time, then
        except Exception as error:
            consequence = "changed articles are not searchable as changed"
            trace = not isinstance(error, OSError)  # a full or read-only disk needs no traceback
            engine.faults.failed("search index updates", error, consequence, trace=trace)
        else:
            if done is not None:
                engine.faults.recovered("search index updates")

    content.after_refresh(follow)
    if app.config["KB_SEARCH_WARM"]:
        # At once: a new worker warms the index before its first searches, as far as it can.
        content.every(WARM_LOOK, engine.warm, "kb-search-warm", at_once=True)
    app.register_blueprint(bp)
    app.jinja_env.globals["answer_labels"] = answer_labels
    if app.config["KB_WATCH_INTERVAL"] > 0:
        # Catch up with files changed while the site was down, without delaying start-up.
        threading.Thread(
            target=lambda: follow(content.library), name="kb-index-sync", daemon=True
        ).start()


def engine() -> SearchEngine:
    return current_app.extensions["kb_search"]


def search_args() -> tuple[str, dict]:
    """The query and the filters of the current request, trimmed to sane sizes."""
    query = request.args.get("q", "")[:1000]
    filters = {name: (request.args.get(name) or "")[:200] or None for name in FILTERS}
    return query, filters


def log_search(query: str, lang: str, found: SearchResults, source: str) -> int | None:
    """Add the search to the search log (`source`: "page" or "api"); its id, or None."""
    return record_search(
        current_app.extensions["kb_store"],
        lang=lang,
        query=query,
        corrected=found.corrected,
        correction=found.correction,
        results=found.total,
        source=source,
        found_by=found.found_by or None,
    )


def hit_url(hit, query: str, search_id: int | None) -> str:
    """Link to the section that answers, carrying the words to highlight there (as url_for
    would write it; the article's path is built once per process, not for every hit)."""
    params: dict[str, Any] = {"hl": query[:200]} if query.strip() else {}
    if search_id is not None:
        params["from"] = search_id
    url = _article_path(request.script_root, hit.lang, hit.slug)
    if params:
        url += "?" + urlencode(params, safe=URL_SAFE)
    return f"{url}#{quote(hit.anchor, safe=ANCHOR_SAFE)}" if hit.anchor else url


@lru_cache(maxsize=20_000)
def _article_path(root: str, lang: str, slug: str) -> str:
    """The article's path under the app's `root` (url_for reads the root from the request;
    it is part of the cache key)."""
    return url_for("articles.article", lang=lang, slug=slug)


@bp.get("/<lang:lang>/search")
def results(lang):
    """Results with highlighted snippets, corrections, filters and pages."""
    query, filters = search_args()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    if not query.strip() and not any(filters.values()):
        return render_template("search.html", query=query, found=None, filters=filters)
    found = engine().search(query, lang, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    search_id = None
    if page == 1 and query.strip():
        search_id = log_search(query, lang, found, "page")
    pages = max(1, -(-found.total // PAGE_SIZE))
    searched = found.corrected or query
    hits = [
        (
            hit,
            hit_url(hit, searched, search_id),
            [(more, hit_url(more, searched, search_id)) for more in hit.also],
        )
        for hit in found.hits
    ]
    answer = found.answer
    return render_template(
        "search.html",
        query=query,
        found=found,
        hits=hits,
        answer=answer,
        answer_url=hit_url(answer, searched, search_id) if answer else None,
        filters=filters,
        page=min(page, pages),
        pages=pages,
    )


def answer_labels(hit) -> dict[str, str]:
    """The translated badge of a passage's answer: its decision, or its outcome's kind."""
    answer = hit.answer
    if answer is None:
        return {}
    out = {}
    if answer.decision in DECISIONS:
        out["decision"] = gettext(DECISIONS[answer.decision])
    if answer.outcome in OUTCOME_KINDS:
        out["outcome"] = gettext(OUTCOME_KINDS[answer.outcome])
    return out
