"""The web layer: Flask blueprints and templates over the plain libraries in `kb`."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.middleware.proxy_fix import ProxyFix

from kb.config import PROJECT_DIR, Config
from kb.content import LiveLibrary
from kb.faults import describe
from kb.store import Store
from kb.store.db import sqlite_url

log = logging.getLogger(__name__)


class InstanceError(RuntimeError):
    """The instance folder cannot be used at all: the app cannot start (the message says why
    and what to do)."""


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; `test_config` overrides settings read from the environment."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_DIR / "templates"),
        static_folder=str(PROJECT_DIR / "static"),
    )
    app.config.from_mapping(Config().as_dict())
    if test_config:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keys in the order built
    instance = Path(app.config["KB_INSTANCE_DIR"])
    _prepare_instance(instance)
    app.instance_path = str(instance)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(instance)
    app.config["DATABASE_URL"] = app.config["DATABASE_URL"] or sqlite_url(instance / "kb.sqlite3")

    from kb.web import (
        api,
        articles,
        auth,
        csrf,
        editor,
        editor_base,
        editor_history,
        editor_media,
        editor_pair,
        errors,
        exports,
        feedback,
        guide,
        health,
        i18n,
        insights,
        retention,
        review,
        search,
        security,
        templating,
    )

    csrf.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)

    content = LiveLibrary(Path(app.config["KB_ARTICLES_DIR"]))
    for error in content.library.errors:
        log.warning("%s", error)
    app.extensions["kb_content"] = content

    store = Store(app.config["DATABASE_URL"])
    try:
        store.migrate()  # under the database's lock: see kb.store.migrate
    except SQLAlchemyError as error:  # a read-only or full disk, a database that is down
        store.faults.failed("database", error, "records are dropped")
    app.extensions["kb_store"] = store

    app.register_blueprint(articles.bp)
    app.register_blueprint(guide.bp)
    search.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    for feature in (feedback, auth, insights, exports, review):  # votes and the editors' area
        app.register_blueprint(feature.bp)
    for feature in (editor, editor_history, editor_pair, editor_media):  # editing in the browser
        app.register_blueprint(feature.bp)
    app.register_blueprint(editor_media.serving)
    editor_base.init_app(app)
    retention.init_app(app)
    from kb.web import cli

    cli.init_app(app)
    content.watch(app.config["KB_WATCH_INTERVAL"])
    if hops := app.config["KB_PROXY_HOPS"]:  # the client's address, scheme and host, as sent
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    return app


def _prepare_instance(instance: Path) -> None:
    """Create the instance folder, or stop with a clear message if that cannot be done. One
    that cannot be written is said once: the site then serves the index it has, keeping no
    records (/healthz says "degraded")."""
    try:
        instance.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InstanceError(
            f"cannot create the instance folder {instance} ({describe(error)}): create it, or "
            "set KB_INSTANCE_DIR to a folder the app can write"
        ) from error
    from kb.web.health import instance_problems

    for kind, problem in instance_problems(instance).items():
        log.error(
            "degraded: %s: %s; records are dropped and the index is not updated", kind, problem
        )


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, so sessions survive restarts without set-up.
    Workers starting at once all end up with the first one written."""
    path = instance / "secret_key"
    try:
        if not path.exists():
            tmp = instance / f".secret_key-{os.getpid()}"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_hex(32))
                try:
                    os.link(tmp, path)  # whole, and only if no other worker was first
                except FileExistsError:
                    pass
            finally:
                tmp.unlink(missing_ok=True)
        secret = path.read_text().strip()
    except OSError as error:
        raise InstanceError(
            f"cannot keep a secret key in the instance folder {instance} ({describe(error)}): "
            "make the folder writable, or set KB_SECRET_KEY"
        ) from error
    if not secret:
        raise InstanceError(f"{path} is empty: delete it (a new key is made), or set KB_SECRET_KEY")
    return secret
