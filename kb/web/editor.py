"""Editing an article in the browser: the Markdown beside a preview drawn by the published
pages' renderer, the problems `make check` would report, drafts, publishing and approval.

Works as a plain form; static/js/editor.js adds the live preview. A save from a version that
is no longer current is never written over the other editor's: the page comes back with both
merged, conflicts marked, for the editor to check and save again.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request
from flask_babel import gettext

from kb.editing import workflow
from kb.editing.merge import has_conflict_markers
from kb.web.auth import login_required
from kb.web.editor_base import (
    FORM_BYTES,
    MAX_TEXT,
    Target,
    edit_url,
    editor_name,
    preview,
    published_now,
    store,
    target,
    unloadable,
)
from kb.web.security import allow_body

bp = Blueprint("editor", __name__, url_prefix="/<lang:lang>/editors")


def _form_text() -> str:
    text = request.form.get("text", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _current(t: Target) -> workflow.Head:
    return workflow.head(store(), t.lang, t.slug, t.disk_text())


@bp.get("/edit/<path:key>")
@login_required
def edit(lang, key):
    """The editor: source, preview and problems, for an article or a new one at that path."""
    t = target(key)
    current = _current(t)
    return _page(t, current, current.text, message="")


@bp.post("/edit/<path:key>")
@login_required
@allow_body(FORM_BYTES)
def act(lang, key):
    """Preview, save a draft, publish (or send for approval), approve, or discard the draft."""
    t = target(key)
    action = request.form.get("action", "preview")
    text = _form_text()
    token = request.form.get("token", "")[:40]
    message = request.form.get("message", "").strip()[:500]
    me = editor_name()
    if action == "discard":
        workflow.discard(store(), t.lang, t.slug, me)
        flash(gettext("The draft was discarded."))
        return redirect(edit_url(t.lang, t.slug))
    if action == "approve":
        try:
            outcome = workflow.approve(store(), t.lang, t.slug, token, me)
        except workflow.EditError as refused:
            return _page(t, _current(t), text, message, error=gettext(str(refused)), status=409)
        return _after(t, outcome, text, message, gettext("Approved and published."))
    if action not in ("save", "publish"):
        return _page(t, _current(t), text, message, token=token)
    if len(text.encode()) > MAX_TEXT:
        error = gettext("The text is larger than %(size)d KiB.", size=MAX_TEXT // 1024)
        return _page(t, _current(t), text, message, token=token, error=error, status=413)
    if has_conflict_markers(text):
        error = gettext(
            "Resolve the conflicts first: keep the right lines between <<<<<<< and >>>>>>> "
            "and delete the markers."
        )
        return _page(t, _current(t), text, message, token=token, error=error, status=409)
    if action == "save":
        outcome = workflow.save_draft(store(), t.lang, t.slug, text, token, me, message)
        return _after(t, outcome, text, message, gettext("Draft saved. Agents do not see it."))
    if current_app.config["KB_REQUIRE_APPROVAL"]:
        outcome = workflow.submit(store(), t.lang, t.slug, text, token, me, message)
        done = gettext("Sent for approval: another editor publishes it.")
        return _after(t, outcome, text, message, done)
    if not text.strip():
        error = gettext("An article cannot be empty. To take it off the site, archive it.")
        return _page(t, _current(t), text, message, token=token, error=error, status=400)
    if (problem := unloadable(t, text)) is not None:
        error = gettext(
            "Not published: the article could not be loaded (line %(line)d: %(message)s). "
            "Save it as a draft, or correct it first.",
            line=problem.line,
            message=problem.message,
        )
        return _page(t, _current(t), text, message, token=token, error=error, status=400)
    outcome = workflow.publish(store(), t.lang, t.slug, text, token, me, message)
    return _after(t, outcome, text, message, gettext("Published."))


def _after(t: Target, outcome: workflow.Outcome, text: str, message: str, done: str):
    if outcome.done:
        if outcome.revision is not None:
            published_now()
        flash(done)
        return redirect(edit_url(t.lang, t.slug))
    assert outcome.merge is not None  # not done: a merge for the editor to check
    return _page(t, outcome.head, outcome.merge.text, message, merge=outcome.merge, status=409)


@bp.post("/preview/<path:key>")
@login_required
@allow_body(FORM_BYTES)
def live_preview(lang, key):
    """The preview and the problems as JSON, for the live preview of editor.js."""
    t = target(key)
    shown = preview(t, _form_text())
    problems = [
        {"line": p.line, "message": p.message, "severity": p.severity} for p in shown.problems
    ]
    return jsonify(html=shown.html, problems=problems, title=shown.title)


def _page(
    t: Target,
    current: workflow.Head,
    text: str,
    message: str,
    token: str | None = None,
    merge=None,
    error: str | None = None,
    status: int = 200,
):
    shown = preview(t, text)
    page = render_template(
        "editor/edit.html",
        t=t,
        current=current,
        text=text,
        message=message,
        token=token or current.token,
        merge=merge,
        error=error,
        preview=shown,
        me=editor_name(),
    )
    return page, status
