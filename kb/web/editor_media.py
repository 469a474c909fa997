"""Images: editors upload screenshots, articles show them from /media/<name>."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from kb.editing import media, records
from kb.editing.images import MAX_BYTES, ImageError, clean_image
from kb.web.auth import login_required, safe_next
from kb.web.content import library
from kb.web.editor_base import editor_name, store
from kb.web.security import IMMUTABLE, allow_body

bp = Blueprint("editor_media", __name__, url_prefix="/<lang:lang>/editors/media")
serving = Blueprint("media", __name__)
_NAME = re.compile(r"^[0-9a-f]{24}\.(png|jpg|webp)$")


@serving.get("/media/<name>")
def image(name):
    """An uploaded image; its name is its content's digest, so it is cached for good."""
    if not _NAME.match(name):
        abort(404)
    with store().engine.connect() as conn:
        found = media.get_media(conn, name)
    if found is None:
        abort(404)
    content_type, data = found
    response = Response(data, mimetype=content_type)
    response.headers["Cache-Control"] = IMMUTABLE
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.get("/")
@login_required
def images(lang):
    """Every image with its Markdown; those no article or draft uses are listed apart."""
    with store().engine.connect() as conn:
        texts = [a.body for a in library().articles.values()] + records.draft_texts(conn)
        unused = {row.name for row in media.unused_media(conn, texts)}
        rows = media.list_media(conn)
    return render_template("editor/media.html", rows=rows, unused=unused)


@bp.post("/upload")
@login_required
@allow_body(MAX_BYTES + 64 * 1024)
def upload(lang):
    """Check and store an uploaded image; JSON for editor.js, else back to the page."""
    sent = request.files.get("image")
    try:
        image = clean_image(sent.read(MAX_BYTES + 1) if sent else b"")
    except ImageError as error:
        message = gettext("The image was not accepted: %(reason)s", reason=gettext(str(error)))
        if _wants_json():
            return jsonify(error=message), 400
        flash(message)
        return redirect(_back(lang))
    with store().engine.begin() as conn:
        media.add_media(conn, image, editor_name())
        records.audit(conn, editor_name(), "upload", detail=image.name)
    url = url_for("media.image", name=image.name)
    markdown = f"![]({url})"
    if _wants_json():
        return jsonify(url=url, markdown=markdown, width=image.width, height=image.height)
    flash(gettext("Uploaded. Put this in the text: %(markdown)s", markdown=markdown))
    return redirect(_back(lang))


@bp.post("/delete/<name>")
@login_required
def delete(lang, name):
    """Delete an image that nothing uses."""
    with store().engine.begin() as conn:
        texts = [a.body for a in library().articles.values()] + records.draft_texts(conn)
        if name not in {row.name for row in media.unused_media(conn, texts)}:
            abort(409)
        media.delete_media(conn, name)
        records.audit(conn, editor_name(), "delete-image", detail=name)
    flash(gettext("The image was deleted."))
    return redirect(url_for("editor_media.images", lang=lang))


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _back(lang: str) -> str:
    return safe_next(request.form.get("next")) or url_for("editor_media.images", lang=lang)
