"""The guidance pages' tests run on their own app, over the shipped articles with the guidance
test articles beside them."""

import pytest

from tests.web.guiding import add_fixtures


@pytest.fixture
def articles_dir(articles_dir):
    """The shipped articles with the guidance test articles beside them."""
    add_fixtures(articles_dir)
    return articles_dir


@pytest.fixture
def client(app):
    """A client of the test's own app (the shared `client` reads the shipped one)."""
    return app.test_client()
