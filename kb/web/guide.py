"""The interactive page of each guidance block: /<lang>/<article>/guide/<block id>.

The article page shows every block as a complete procedure; these pages run them. Nothing
typed into their forms is stored or logged, and every page says `Cache-Control: no-store`
so that the browser does not keep it either.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from markupsafe import Markup

from kb.content import Article
from kb.guidance import (
    ACTION_KINDS,
    DECISIONS,
    OUTCOME_KINDS,
    PLAIN_ACTION,
    ROUTING_REASONS,
    anchor,
    markdown_html,
)
from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing, Walkthrough
from kb.guidance.specs import ArticleSpecs, article_specs
from kb.web.blocks import markdown_link
from kb.web.content import library
from kb.web.guide_tools import (
    calculator_page,
    checklist_page,
    routing_page,
    table_page,
    table_status,
)
from kb.web.guide_walk import walkthrough_page
from kb.web.table_filter import MAX_QUERY, matching_rows

bp = Blueprint("guide", __name__)
PAGES = {
    Walkthrough: walkthrough_page,
    Checklist: checklist_page,
    Calculator: calculator_page,
    Routing: routing_page,
    DecisionTable: table_page,
}
POSTED = (Walkthrough, Checklist, Calculator)  # the kinds whose forms carry typed values

# The fixed vocabularies of the spec format, as msgids for templates to translate.
GUIDANCE_LABELS = {
    "outcomes": OUTCOME_KINDS,
    "actions": ACTION_KINDS,
    "decisions": DECISIONS,
    "reasons": ROUTING_REASONS,
    "plain_action": PLAIN_ACTION,
}
# Any value works as a template global, though Flask's hints say a function.
bp.add_app_template_global(GUIDANCE_LABELS, "guidance_labels")  # type: ignore[arg-type]

bp.add_app_template_global(anchor, "guidance_anchor")


@bp.app_template_global()
def text_rows(text: str, width: int = 72, most: int = 30) -> int:
    """Rows for a textarea to show `text` whole, long lines wrapped, within limits."""
    rows = sum(1 + len(line) // width for line in text.splitlines())
    return max(4, min(rows + 1, most))


@bp.app_template_filter("guidance_md")
def guidance_md(text: str, article: Article) -> Markup:
    """Author Markdown from a spec as safe HTML, links pointing at the article pages."""
    return Markup(markdown_html(text, markdown_link(article, on_article_page=False)))


def _find(lang: str, slug: str, block: str) -> tuple[Article, ArticleSpecs, object]:
    article = library().get(lang, slug)
    if article is None:
        abort(404)
    found = article_specs(article)
    spec = found.get(block)
    if spec is None:
        abort(404)
    return article, found, spec


@bp.route("/<lang:lang>/<path:slug>/guide/<block>", methods=["GET", "POST"])
def page(lang, slug, block):
    """A walkthrough step or outcome, a checklist, a calculator, a routing or a decision table."""
    article, found, spec = _find(lang, slug, block)
    if request.method == "POST" and not isinstance(spec, POSTED):
        abort(405)
    return PAGES[type(spec)](article, found, spec)


@bp.get("/<lang:lang>/<path:slug>/guide/<block>/rows")
def rows(lang, slug, block):
    """The ids of a decision table's rows that match `?q=`, for the filter as you type."""
    article, _, spec = _find(lang, slug, block)
    if not isinstance(spec, DecisionTable):
        abort(404)
    query = request.args.get("q", "")[:MAX_QUERY]
    found = matching_rows(spec.rows, query, lang)
    return jsonify(
        rows=[anchor(spec, row.id) for row in found],
        status=table_status(len(found), len(spec.rows), query),
    )


@bp.after_request
def no_store(response):
    """Pages that may show what a user typed are kept by no cache, the browser's included."""
    response.headers["Cache-Control"] = "no-store"
    return response
