"""Fixtures shared by every test: an app over a folder of articles, its client and CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.web import create_app

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED_ARTICLES = PROJECT / "articles"


def make_app(articles: Path, instance: Path, **overrides):
    config = {
        "TESTING": True,
        "KB_ARTICLES_DIR": articles,
        "KB_INSTANCE_DIR": instance,
        "KB_WATCH_INTERVAL": 0,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": "",
    }
    config.update(overrides)
    return create_app(config)


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
