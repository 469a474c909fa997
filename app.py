"""Entry point for `flask --app app` and gunicorn (`app:app`)."""

from kb.web import create_app

app = create_app()
