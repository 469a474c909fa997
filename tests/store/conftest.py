import pytest

from kb.store import Store


@pytest.fixture
def store(tmp_path):
    """An empty database with every table."""
    store = Store(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    store.create_all()
    yield store
    store.dispose()
