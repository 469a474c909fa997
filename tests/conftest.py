"""Fixtures shared by every test: an app over a folder of articles, its client and CLI runner."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from kb.web import create_app
from tests import postgres
from tests.postgres import database_url

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED_ARTICLES = PROJECT / "articles"


_made: list = []  # the apps make_app built that may still hold database connections


def pytest_configure(config):
    config.pluginmanager.register(postgres, "kb-test-database")  # its hooks: see the module


def make_app(articles: Path, instance: Path, **overrides):
    config = {
        "TESTING": True,
        "KB_ARTICLES_DIR": articles,
        "KB_INSTANCE_DIR": instance,
        "KB_WATCH_INTERVAL": 0,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url(instance),
        "KB_ROLLUP_CHECK_INTERVAL": 0,  # no background roll-up touching a test's records
        "KB_SEARCH_WARM": False,  # no thread per app holding its index open
    }
    config.update(overrides)
    app = create_app(config)
    _made.append(app)
    return app


def with_index(app):
    """`app` with its search index built, as `make run` serves it: a live server's first search
    must not wait for the whole build (which a loaded CI machine stretches past a browser
    test's timeout)."""
    app.extensions["kb_search"].rebuild(app.extensions["kb_content"].library)
    return app


@pytest.fixture(autouse=True)
def _close_connections():
    """The apps a test built close their database connections when it ends; those of session
    and module fixtures are kept (and referenced) until the session ends."""
    before = len(_made)
    yield
    _dispose(_made[before:])
    del _made[before:]


@pytest.fixture(autouse=True)
def _collect_all():
    """Warming leaves what it read out of the collector's full passes (gc.freeze): each test
    ends with every object back in them, so no test keeps another's garbage from the collector."""
    yield
    gc.unfreeze()


def pytest_sessionfinish(session):
    _dispose(_made)


def _dispose(apps) -> None:
    for app in apps:
        app.extensions["kb_content"].stop()
        app.extensions["kb_store"].dispose()


@pytest.fixture(scope="session")
def shipped_app(tmp_path_factory):
    """The app over the shipped articles, built once: for tests that only read."""
    app = make_app(SHIPPED_ARTICLES, tmp_path_factory.mktemp("instance"))
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(shipped_app):
    return shipped_app.test_client()


@pytest.fixture
def articles_dir(tmp_path):
    """A private copy of the shipped articles that a test may change."""
    target = tmp_path / "articles"
    shutil.copytree(SHIPPED_ARTICLES, target)
    return target


@pytest.fixture
def app(articles_dir, tmp_path):
    """An app over a private copy of the articles, with its own instance folder."""
    app = make_app(articles_dir, tmp_path / "instance")
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
