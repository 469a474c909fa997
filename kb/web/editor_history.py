"""An article's history (compare any two revisions, restore one), new articles, moves with
redirects, archiving, the list of drafts and the audit trail."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from kb import LANGUAGES
from kb.editing import records, workflow
from kb.editing.diffs import line_diff
from kb.editing.paths import PathError, clean_slug
from kb.web.auth import login_required
from kb.web.content import library
from kb.web.editor_base import (
    disk_texts,
    edit_url,
    editor_name,
    published_now,
    store,
    target,
)

bp = Blueprint("editor_history", __name__, url_prefix="/<lang:lang>/editors")


@bp.get("/history/<path:key>")
@login_required
def history(lang, key):
    """Every revision of the article, newest first, each comparable with any other."""
    t = target(key)
    current = workflow.head(store(), t.lang, t.slug, t.disk_text())
    with store().engine.connect() as conn:
        revisions = records.history(conn, t.lang, t.slug)
    return render_template("editor/history.html", t=t, revisions=revisions, current=current)


@bp.get("/compare/<path:key>")
@login_required
def compare(lang, key):
    """Two revisions as a readable diff (`a` older, `b` newer; `b` may be the draft)."""
    t = target(key)
    with store().engine.connect() as conn:
        old = records.get_revision(conn, request.args.get("a", 0, type=int))
        if request.args.get("b") == "draft":
            draft = records.current_draft(conn, t.lang, t.slug)
            new, new_text = draft, draft.text if draft else None
        else:
            new = records.get_revision(conn, request.args.get("b", 0, type=int))
            new_text = new.text if new else None
    for found in (old, new):
        if found is None or (found.lang, found.slug) != (t.lang, t.slug):
            abort(404)
    diff = line_diff(old.text or "", new_text or "")
    return render_template("editor/compare.html", t=t, old=old, new=new, diff=diff)


@bp.post("/restore/<path:key>")
@login_required
def restore(lang, key):
    """Publish an earlier revision again, as a new revision."""
    t = target(key)
    workflow.head(store(), t.lang, t.slug, t.disk_text())
    try:
        outcome = workflow.restore(
            store(), t.lang, t.slug, request.form.get("revision", 0, type=int), editor_name()
        )
    except workflow.EditError:
        abort(404)
    if not outcome.done:  # a draft over it conflicts: the editor sees the merge on the draft
        flash(gettext("The revision could not be restored over the draft; discard it first."))
        return redirect(url_for("editor_history.history", lang=lang, key=t.key))
    published_now()
    flash(gettext("The revision was restored and published."))
    return redirect(url_for("editor_history.history", lang=lang, key=t.key))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(lang):
    """A new article: its path and language, then the editor (the other language offered)."""
    form = {"slug": request.values.get("slug", "")[:300], "alang": request.values.get("alang")}
    error = None
    if request.method == "POST":
        alang = form["alang"] if form["alang"] in LANGUAGES else lang
        try:
            slug = clean_slug(form["slug"])
        except PathError as problem:
            error = gettext(str(problem))
        else:
            if library().get(alang, slug) is not None:
                error = gettext("An article already has that path: edit it instead.")
            elif request.form.get("both"):
                return redirect(url_for("editor_pair.pair", lang=lang, slug=slug, new=1))
            else:
                return redirect(edit_url(alang, slug))
    page = render_template("editor/new.html", form=form, error=error)
    return page, 400 if error else 200


@bp.route("/move/<path:slug>", methods=["GET", "POST"])
@login_required
def move(lang, slug):
    """Move or rename an article in every language; the old address redirects for good."""
    slug = target(f"{lang}/{slug}").slug
    if not any(text is not None for text in disk_texts(slug).values()):
        abort(404)
    error, new_slug = None, request.form.get("new", slug)[:300]
    if request.method == "POST":
        try:
            new_slug = clean_slug(new_slug)
            if any(library().get(lg, new_slug) for lg in LANGUAGES):
                raise workflow.EditError(gettext("An article already has that path."))
            texts = {lg: t for lg, t in disk_texts(slug).items() if t is not None}
            workflow.move(store(), slug, new_slug, editor_name(), texts)
        except (PathError, workflow.EditError) as problem:
            error = gettext(str(problem))
        else:
            published_now()
            flash(gettext("Moved. The old address now redirects to the new one."))
            return redirect(edit_url(lang if texts.get(lang) else next(iter(texts)), new_slug))
    page = render_template("editor/move.html", slug=slug, new_slug=new_slug, error=error)
    return page, 400 if error else 200


@bp.post("/archive/<path:slug>")
@login_required
def archive(lang, slug):
    """Take an article (every language) off the site; restore it from the archive."""
    slug = target(f"{lang}/{slug}").slug
    texts = {lg: t for lg, t in disk_texts(slug).items() if t is not None}
    try:
        workflow.archive(store(), slug, editor_name(), texts)
    except workflow.EditError:
        abort(404)
    published_now()
    flash(gettext("Archived: agents no longer see it. It can be restored from the archive."))
    return redirect(url_for("editor_history.archived", lang=lang))


@bp.get("/archived")
@login_required
def archived(lang):
    with store().engine.connect() as conn:
        items = records.archived(conn)
    return render_template("editor/archived.html", items=items)


@bp.post("/unarchive/<path:key>")
@login_required
def unarchive(lang, key):
    t = target(key)
    if library().get(t.lang, t.slug) is not None or t.disk_text() is not None:
        flash(gettext("An article already has that path."))
        return redirect(url_for("editor_history.archived", lang=lang))
    try:
        workflow.unarchive(store(), t.lang, t.slug, editor_name())
    except workflow.EditError:
        abort(404)
    published_now()
    flash(gettext("Restored from the archive and published."))
    return redirect(edit_url(t.lang, t.slug))


@bp.get("/drafts")
@login_required
def drafts(lang):
    """Every unpublished draft, those waiting for approval first."""
    with store().engine.connect() as conn:
        found = records.open_drafts(conn)
    found.sort(key=lambda d: (d.state != "submitted", -d.id))
    return render_template("editor/drafts.html", drafts=found)


@bp.get("/audit")
@login_required
def audit(lang):
    """Who published, approved, restored, moved or archived what, newest first."""
    with store().engine.connect() as conn:
        entries = records.audit_entries(conn)
    return render_template("editor/audit.html", entries=entries)
