"""`/healthz`: a cheap answer for load balancers and monitoring."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 while the app has its articles; 503 when the articles folder yields none."""
    articles = len(current_app.extensions["kb_content"].library.articles)
    status = 200 if articles else 503
    return jsonify({"status": "ok" if articles else "no articles", "articles": articles}), status
