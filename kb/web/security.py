"""Defences every response and request share: security headers, caching rules, form limits.

Each header says what it stops; README's "Security" section explains the choices.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Request, current_app, g, request, session
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.security import safe_join

from kb.web.auth import EDITOR_ID
from kb.web.csrf import TOKEN_SENT

# Everything comes from this origin: no inline script or style, no plug-ins, no framing, and
# forms post only here. `data:` images are allowed because Markdown may embed PNG/JPEG/GIF/WebP.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",  # a file is only ever what its Content-Type says
    # Search addresses carry what agents typed (?q=, ?hl=): other sites get no Referer at all,
    # not even the intranet host name that strict-origin-when-cross-origin would send.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors, for browsers that predate it
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"  # no includeSubDomains: other intranet hosts may still be plain HTTP
NO_STORE = "no-store"
REVALIDATE = "no-cache, private"  # pages follow the articles folder live and vary by cookie
IMMUTABLE = "public, max-age=31536000, immutable"
STATIC_VERSION = "v"  # ?v=<digest of the file> on every static URL the app builds


class LimitedFormParser(FormDataParser):
    """Werkzeug's form parser, with two gaps in its limits closed."""

    def parse(self, stream, mimetype, content_length, options=None):
        parsed = super().parse(stream, mimetype, content_length, options)
        # Without a Content-Length (a chunked body), Werkzeug stops reading at the limit and
        # parses what it has: a body that reaches the limit is refused, not silently cut short.
        if content_length is None and getattr(stream, "is_exhausted", False):
            raise RequestEntityTooLarge()
        return parsed

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        # Werkzeug applies `max_form_parts` to multipart forms only.
        stream, form, files = super()._parse_urlencoded(stream, mimetype, content_length, options)
        if (
            self.max_form_parts is not None
            and sum(map(len, form.listvalues())) > self.max_form_parts
        ):
            raise RequestEntityTooLarge()
        return stream, form, files


class LimitedRequest(Request):
    form_data_parser_class = LimitedFormParser

    @property
    def max_content_length(self) -> int | None:
        """KB_MAX_REQUEST_BYTES, or more for a view marked with `allow_body` (the editor)."""
        view = current_app.view_functions.get(self.endpoint or "") if current_app else None
        limit = getattr(view, BODY_LIMIT, None)
        return limit if limit is not None else super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


BODY_LIMIT = "kb_max_request_bytes"


def allow_body(limit: int):
    """Let one view take request bodies up to `limit` bytes (an article, an image)."""

    def mark(view):
        setattr(view, BODY_LIMIT, limit)
        return view

    return mark


def init_app(app) -> None:
    app.request_class = LimitedRequest

    @app.url_defaults
    def version_static_urls(endpoint, values):
        if endpoint == "static" and "filename" in values and STATIC_VERSION not in values:
            version = static_version(app.static_folder, values["filename"])
            if version:
                values[STATIC_VERSION] = version

    @app.after_request
    def secure_response(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        response.headers["Cache-Control"] = cache_control(response)
        return response


def cache_control(response) -> str:
    """Static files cached for good when their URL names their version; no page that carries a
    CSRF token, typed details or an editor's reports ever stored; the rest revalidated."""
    if request.endpoint == "static":
        if request.args.get(STATIC_VERSION) and response.status_code == 200:
            return IMMUTABLE
        return response.headers.get("Cache-Control") or "no-cache"
    if response.headers.get("Cache-Control") == IMMUTABLE and response.status_code == 200:
        return IMMUTABLE  # a response named by its content (an uploaded image)
    if (
        g.get(TOKEN_SENT)
        or EDITOR_ID in session
        or NO_STORE in (response.headers.get("Cache-Control") or "")
    ):
        return NO_STORE
    return REVALIDATE


def static_version(folder: str | None, filename: str) -> str | None:
    """A short digest of a static file's content, so a changed file gets a new URL."""
    path = safe_join(folder or "", filename)
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _digest(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """Read once per version of the file (its mtime and size are part of the cache key)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except OSError:
        return ""
