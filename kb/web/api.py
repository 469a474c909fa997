"""The JSON API: /api/search and /api/suggest, and the OpenSearch description."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from kb import LANGUAGES
from kb.web.i18n import preferred_language
from kb.web.search import answer_labels, engine, hit_url, log_search, search_args

bp = Blueprint("api", __name__)
MAX_LIMIT = 50


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LANGUAGES else preferred_language()


@bp.get("/api/search")
def search():
    """`GET /api/search?q=&lang=&limit=&offset=&category=&tag=&audience=`"""
    query, filters = search_args()
    lang = _lang()
    limit = min(max(request.args.get("limit", 10, type=int) or 10, 1), MAX_LIMIT)
    offset = min(max(request.args.get("offset", 0, type=int) or 0, 0), 10_000)
    found = engine().search(query, lang, limit=limit, offset=offset, facets=False, **filters)
    if query.strip() and offset == 0:
        log_search(query, lang, found, "api")
    searched = found.corrected or query

    def passage(hit) -> dict:
        return {
            "slug": hit.slug,
            "lang": hit.lang,
            "title": hit.title,
            "section": hit.section or None,
            "anchor": hit.anchor or None,
            "kind": hit.kind,
            "url": hit_url(hit, searched, None),
            "snippet": hit.snippet_html,
            "score": round(hit.score, 4),
            "answer": _answer(hit),
        }

    return jsonify(
        {
            "query": query,
            "lang": lang,
            "corrected": found.corrected,
            "correction": found.correction,
            "suggestion": found.suggestion,
            "total": found.total,
            "found_by": found.found_by or None,
            "answer": passage(found.answer) if found.answer else None,
            "results": [
                passage(hit) | {"more": [passage(more) for more in hit.also]} for hit in found.hits
            ],
        }
    )


def _answer(hit) -> dict | None:
    """What a step, outcome or row says to do: the answer card's text, with its badge."""
    answer = hit.answer
    if answer is None:
        return None
    labels = answer_labels(hit)
    return {
        "decision": answer.decision or None,
        "outcome": answer.outcome or None,
        "label": labels.get("decision") or labels.get("outcome"),
        "to": answer.to or None,
        "do": answer.do or None,
        "script": answer.script or None,
    }


@bp.get("/api/suggest")
def suggest():
    """`GET /api/suggest?q=&lang=`; `format=opensearch` answers as browsers expect."""
    query = request.args.get("q", "")[:200]
    lang = _lang()
    items = engine().suggest(query, lang) if len(query.strip()) >= 2 else []
    # The words typed go along, to be highlighted where the suggestion leads.
    hl = {"hl": query.strip()[:200]} if query.strip() else {}
    urls = [
        url_for("articles.article", lang=s.lang, slug=s.slug, _anchor=s.anchor or None, **hl)
        for s in items
    ]
    if request.args.get("format") == "opensearch":
        labels = [f"{s.title} — {s.section}" if s.section else s.title for s in items]
        full = [request.host_url.rstrip("/") + u for u in urls]
        return jsonify([query, labels, ["" for _ in items], full])
    return jsonify(
        {
            "query": query,
            "lang": lang,
            "suggestions": [
                {
                    "title": s.title,
                    "section": s.section or None,
                    "slug": s.slug,
                    "lang": s.lang,
                    "url": u,
                    "answer": s.answer or None,
                }
                for s, u in zip(items, urls, strict=True)
            ],
        }
    )


@bp.get("/<lang:lang>/opensearch.xml")
def opensearch(lang):
    """Lets a browser add the site as a search engine."""
    body = render_template("opensearch.xml")
    return current_app.response_class(body, mimetype="application/opensearchdescription+xml")
