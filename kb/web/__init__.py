"""The web layer: Flask blueprints and templates over the plain libraries in `kb`."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from flask import Flask

from kb.config import PROJECT_DIR, Config
from kb.content import LiveLibrary
from kb.store import Store
from kb.store.db import sqlite_url

log = logging.getLogger(__name__)


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
    instance = Path(app.config["KB_INSTANCE_DIR"])
    instance.mkdir(parents=True, exist_ok=True)
    app.instance_path = str(instance)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(instance)
    app.config["DATABASE_URL"] = app.config["DATABASE_URL"] or sqlite_url(instance / "kb.sqlite3")

    from kb.web import (
        api,
        articles,
        auth,
        csrf,
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
        templating,
    )

    csrf.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)

    content = LiveLibrary(Path(app.config["KB_ARTICLES_DIR"]))
    for error in content.library.errors:
        log.warning("%s", error)
    app.extensions["kb_content"] = content

    store = Store(app.config["DATABASE_URL"])
    store.create_all()
    app.extensions["kb_store"] = store

    app.register_blueprint(articles.bp)
    app.register_blueprint(guide.bp)
    search.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    for feature in (feedback, auth, insights, exports, review):  # votes and the editors' area
        app.register_blueprint(feature.bp)
    retention.init_app(app)
    from kb.web import cli

    cli.init_app(app)
    content.watch(app.config["KB_WATCH_INTERVAL"])
    return app


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, so sessions survive restarts without set-up."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
