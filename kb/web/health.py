"""`/healthz`: a cheap answer for load balancers and monitoring."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)
LOW_SPACE = 1 << 20  # bytes: with less free, the instance folder counts as full


def instance_problems(folder: Path) -> dict[str, str]:
    """What keeps the instance folder from taking writes now: read-only, or full."""
    try:
        if not os.access(folder, os.W_OK):
            why = "read-only file system" if os.statvfs(folder).f_flag & os.ST_RDONLY else ""
            return {"instance folder": f"{folder} cannot be written ({why or 'permissions'})"}
        free = shutil.disk_usage(folder).free
    except OSError as error:
        return {"instance folder": f"{folder}: {error.strerror}"}
    if free < LOW_SPACE:
        return {"instance folder": f"{folder} is full ({free // 1024} KiB free)"}
    return {}


def problems() -> dict[str, str]:
    """Everything degraded now, as seen by this process: the instance folder, records that are
    dropped, index updates that fail (each said by what failed, then what it means)."""
    return {
        **instance_problems(Path(current_app.instance_path)),
        **current_app.extensions["kb_store"].faults.current(),
        **current_app.extensions["kb_search"].faults.current(),
    }


@bp.get("/healthz")
def healthz():
    """200 while articles can be read and searched: "ok", or "degraded" with the problems
    (records dropped, index not updated), when readers should still be sent here; 503 when
    the articles folder yields no article."""
    articles = len(current_app.extensions["kb_content"].library.articles)
    if not articles:
        return jsonify({"status": "no articles", "articles": 0}), 503
    found = problems()
    body = {"status": "degraded" if found else "ok", "articles": articles}
    if found:
        body["problems"] = found
    return jsonify(body), 200
