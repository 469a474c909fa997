"""'Was this helpful?': votes on articles and walkthroughs, with or without JavaScript."""

from __future__ import annotations

import re
import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    jsonify,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext, lazy_gettext

from kb.store import NotKept
from kb.store.feedback import COMMENT_MAX, REASONS, record_vote, voter_hash
from kb.web.auth import safe_next
from kb.web.content import library
from kb.web.templating import current_lang

bp = Blueprint("feedback", __name__)
VOTER_COOKIE = "kb_voter"
_BLOCK_ID = re.compile(r"^[A-Za-z0-9_-]{0,100}$")
_BROWSER_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

# Labels of the reasons (kb.store.feedback.REASONS), on the form and in the reports.
REASON_LABELS = {
    "outdated": lazy_gettext("Out of date"),
    "unclear": lazy_gettext("Unclear"),
    "wrong": lazy_gettext("Wrong"),
    "missing-case": lazy_gettext("A case is missing"),
    "other": lazy_gettext("Other"),
}
# Flask's hints say a template global is a function; any value works (Jinja's globals).
bp.add_app_template_global(REASON_LABELS, "feedback_reasons")  # type: ignore[arg-type]
bp.add_app_template_global(COMMENT_MAX, "comment_max")  # type: ignore[arg-type]


def reason_label(reason: str | None) -> str:
    """A stored reason in the reader's language; votes without one say so."""
    return str(REASON_LABELS.get(reason or "", lazy_gettext("No reason given")))


@bp.app_template_global()
def feedback_id(block: str) -> str:
    """The HTML id of a feedback form: one per article, and one per walkthrough in it."""
    return f"feedback-{block or 'article'}"


def _flash_key(lang: str, slug: str, block: str) -> str:
    return f"feedback:{lang}:{slug}:{block}"


@bp.app_template_global()
def feedback_thanks(slug: str, block: str = "") -> str | None:
    """The thank-you message for this form after a vote without JavaScript, shown once."""
    messages = get_flashed_messages(category_filter=[_flash_key(current_lang(), slug, block)])
    return str(messages[-1]) if messages else None  # the latest, if several votes were not shown


@bp.post("/<lang:lang>/feedback")
def vote(lang):
    """Count a vote, then go back to the page (or answer JSON to the script that sent it)."""
    slug = request.form.get("slug", "")
    block = request.form.get("block", "")
    helpful = {"yes": True, "no": False}.get(request.form.get("helpful", ""))
    reason = request.form.get("reason") or None
    if library().get(lang, slug) is None or not _BLOCK_ID.match(block) or helpful is None:
        abort(400)
    if reason not in (None, *REASONS):
        abort(400)
    browser_id = request.cookies.get(VOTER_COOKIE, "")
    new_browser = not _BROWSER_ID.match(browser_id)
    if new_browser:
        browser_id = secrets.token_urlsafe(24)
    try:
        counted = record_vote(
            current_app.extensions["kb_store"],
            lang=lang,
            slug=slug,
            block=block,
            voter=voter_hash(current_app.config["SECRET_KEY"], browser_id),
            helpful=helpful,
            reason=reason,
            comment=request.form.get("comment", "")[: COMMENT_MAX * 2],
        )
    except NotKept:  # the database cannot take it (the store logs why): say so, not "thanks"
        counted = None
    if counted:
        message = gettext("Thank you for your feedback.")
    elif counted is None:
        message = gettext("Your feedback could not be saved just now. Please try again later.")
    else:
        message = gettext(
            "Thank you. You already gave feedback on this today, so it was not counted again."
        )
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        response = jsonify({"counted": bool(counted), "message": message})
        if counted is None:
            response.status_code = 503  # feedback.js then posts the form itself: the same note
    else:
        flash(message, _flash_key(lang, slug, block))
        back = safe_next(request.form.get("next")) or url_for(
            "articles.article", lang=lang, slug=slug
        )
        response = redirect(back if "#" in back else f"{back}#{feedback_id(block)}")
    if new_browser:
        response.set_cookie(
            VOTER_COOKIE,
            browser_id,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response
