"""Both languages of an article side by side: what changed in the other since they were last
brought in line, the structure check of their interactive blocks, and the in-line mark."""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from kb import DEFAULT_LANGUAGE, LANGUAGES
from kb.content import ContentError
from kb.content.loader import ArticleError, parse_article
from kb.editing import workflow
from kb.editing.diffs import Diff, line_diff
from kb.editing.merge import MergeResult, has_conflict_markers
from kb.editing.translations import alignment, mark_in_line
from kb.guidance import compare_articles
from kb.guidance.specs import article_specs
from kb.web.auth import login_required
from kb.web.editor_base import (
    FORM_BYTES,
    MAX_TEXT,
    Target,
    editor_name,
    preview,
    published_now,
    store,
    target,
    unloadable,
)
from kb.web.security import allow_body

bp = Blueprint("editor_pair", __name__, url_prefix="/<lang:lang>/editors")


@dataclass
class Side:
    """One language of the pair as the page shows it."""

    t: Target
    head: workflow.Head
    text: str
    token: str
    problems: list[ContentError]
    other_changes: Diff | None = None  # the other language since the last in-line mark
    stale: bool = False
    merge: MergeResult | None = None


def _targets(slug: str) -> dict[str, Target]:
    return {lg: target(f"{lg}/{slug}") for lg in LANGUAGES}


def structure(texts: dict[str, str], targets: dict[str, Target]) -> list[ContentError]:
    """Each translation's blocks against the default language's: same ids, same branches."""
    specs = {}
    for lg, text in texts.items():
        t = targets[lg]
        try:
            article, _ = parse_article(text, t.path, lg, t.slug, f"{lg}/{t.slug}.md")
        except ArticleError:
            continue
        specs[lg] = (article_specs(article).specs, article.body_line)
    if DEFAULT_LANGUAGE not in specs:
        return []
    problems = []
    for lg, (theirs, first_line) in specs.items():
        if lg == DEFAULT_LANGUAGE:
            continue
        for p in compare_articles(specs[DEFAULT_LANGUAGE][0], theirs, first_line):
            problems.append(ContentError(f"{lg}/{targets[lg].slug}.md", p.line, p.message))
    return problems


@bp.get("/translate/<path:slug>")
@login_required
def pair(lang, slug):
    """The article's languages side by side."""
    targets = _targets(slug)
    heads = {lg: workflow.head(store(), lg, t.slug, t.disk_text()) for lg, t in targets.items()}
    texts = {lg: h.text for lg, h in heads.items()}
    tokens = {lg: h.token for lg, h in heads.items()}
    return _page(targets, heads, texts, tokens, {}, new=bool(request.args.get("new")))


@bp.post("/translate/<path:slug>")
@login_required
@allow_body(FORM_BYTES)
def pair_act(lang, slug):
    """Preview, save both as drafts, publish both, or mark them as brought in line."""
    targets = _targets(slug)
    action = request.form.get("action", "preview")
    texts = {lg: _text(lg) for lg in LANGUAGES}
    tokens = {lg: request.form.get(f"token-{lg}", "")[:40] for lg in LANGUAGES}
    heads = {lg: workflow.head(store(), lg, t.slug, t.disk_text()) for lg, t in targets.items()}
    if action == "in-line":
        disk = {lg: t.disk_text() for lg, t in targets.items()}
        mark_in_line(store(), targets[DEFAULT_LANGUAGE].slug, editor_name(), disk)
        flash(gettext("Marked as brought in line: neither language shows as out of date now."))
        return redirect(url_for("editor_pair.pair", lang=lang, slug=slug))
    if action not in ("save", "publish"):
        return _page(targets, heads, texts, tokens, {})
    merges, errors, published = {}, [], False
    message = request.form.get("message", "").strip()[:500]
    for lg, t in targets.items():
        if texts[lg] == heads[lg].text and tokens[lg] == heads[lg].token and action == "save":
            continue
        if not texts[lg].strip() or (
            action == "publish"
            and texts[lg] == heads[lg].text
            and not heads[lg].draft
            and heads[lg].published
        ):
            continue
        broken = action == "publish" and unloadable(t, texts[lg]) is not None
        if len(texts[lg].encode()) > MAX_TEXT or has_conflict_markers(texts[lg]) or broken:
            errors.append(lg)
            continue
        do = workflow.save_draft if action == "save" else workflow.publish
        if action == "publish" and current_app.config["KB_REQUIRE_APPROVAL"]:
            do = workflow.submit
        outcome = do(store(), lg, t.slug, texts[lg], tokens[lg], editor_name(), message)
        if not outcome.done:
            merges[lg] = outcome.merge
            texts[lg], tokens[lg] = outcome.merge.text, outcome.head.token
        else:
            published |= outcome.revision is not None
            texts[lg], tokens[lg] = outcome.head.text, outcome.head.token
        heads[lg] = outcome.head
    if published:
        published_now()
    if errors:
        flash(
            gettext(
                "Some of it was not kept: resolve the conflicts, shorten the text, or correct "
                "what stops the article from loading (see its problems), then send again."
            )
        )
    if not merges and not errors:
        flash(gettext("Saved.") if action == "save" else gettext("Published."))
        return redirect(url_for("editor_pair.pair", lang=lang, slug=slug))
    return _page(targets, heads, texts, tokens, merges, status=409)


@bp.post("/translate-check/<path:slug>")
@login_required
@allow_body(FORM_BYTES)
def pair_check(lang, slug):
    """Problems of each side and the structure check, as JSON for the live view."""
    targets = _targets(slug)
    texts = {lg: _text(lg) for lg in LANGUAGES}
    found = {lg: preview(t, texts[lg]).problems for lg, t in targets.items() if texts[lg].strip()}
    return jsonify(
        problems={lg: [_json(p) for p in ps] for lg, ps in found.items()},
        structure=[_json(p) for p in structure(texts, targets)],
    )


def _json(p: ContentError) -> dict:
    return {"line": p.line, "message": p.message, "severity": p.severity, "path": p.path}


def _text(lg: str) -> str:
    return request.form.get(f"text-{lg}", "").replace("\r\n", "\n").replace("\r", "\n")


def _page(targets, heads, texts, tokens, merges, status: int = 200, new: bool = False):
    known = any(h.published or h.draft for h in heads.values()) or any(texts.values())
    if not known and not new:  # a new article is started from the "New article" page
        abort(404)
    state = alignment(store(), targets[DEFAULT_LANGUAGE].slug)
    sides = []
    for lg, t in targets.items():
        other = next(o for o in LANGUAGES if o != lg)
        changes = None
        if state.marked is not None:
            changes = line_diff(state.before.get(other, ""), heads[other].text)
        problems = preview(t, texts[lg]).problems if texts[lg].strip() else []
        sides.append(
            Side(
                t,
                heads[lg],
                texts[lg],
                tokens[lg],
                problems,
                changes,
                state.stale(lg),
                merges.get(lg),
            )
        )
    page = render_template(
        "editor/pair.html",
        slug=targets[DEFAULT_LANGUAGE].slug,
        sides=sides,
        state=state,
        structure=structure(texts, targets),
    )
    return page, status
