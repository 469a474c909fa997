import pytest

from kb.store import Store
from tests.postgres import database_url


@pytest.fixture
def store(tmp_path):
    """An empty database with every table."""
    store = Store(database_url(tmp_path))
    store.migrate()
    yield store
    store.dispose()
