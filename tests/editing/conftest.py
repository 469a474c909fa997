from tests.store.conftest import store  # noqa: F401  (an empty database with every table)
