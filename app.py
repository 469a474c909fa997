"""Entry point for `flask --app app` and gunicorn (`app:app`)."""

import sys

from kb.config import SettingError
from kb.store.migrate import SchemaError
from kb.web import InstanceError, create_app

try:
    app = create_app()
except (InstanceError, SchemaError, SettingError) as error:
    # One clear line, not a traceback per worker. Exit status 3 is gunicorn's "worker failed to
    # boot": it stops, rather than starting worker after worker that fails the same way.
    print(f"kb: cannot start: {error}", file=sys.stderr)
    raise SystemExit(3) from None
