"""Configuration read from the environment, with defaults that make `make run` work."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


class Config:
    """Every setting the app reads; an environment variable of the same name overrides each."""

    def __init__(self) -> None:
        env = os.environ.get
        self.KB_ARTICLES_DIR = Path(env("KB_ARTICLES_DIR", PROJECT_DIR / "articles")).resolve()
        self.KB_INSTANCE_DIR = Path(env("KB_INSTANCE_DIR", PROJECT_DIR / "instance")).resolve()
        self.DATABASE_URL = env("DATABASE_URL", "")  # empty: SQLite in the instance folder
        self.SECRET_KEY = env(
            "KB_SECRET_KEY", ""
        )  # empty: one is generated into the instance folder
        # Seconds between two looks at the articles folder for changed files; 0 turns watching off.
        self.KB_WATCH_INTERVAL = _env_float("KB_WATCH_INTERVAL", 1.0)
        self.KB_SITE_NAME = env("KB_SITE_NAME", "")  # empty: the translated default name
        # The time zone of dates in walkthrough summaries when the browser has not said its own
        # (an IANA name such as Europe/Moscow).
        self.KB_TIMEZONE = env("KB_TIMEZONE", "UTC")
        self.MAX_CONTENT_LENGTH = int(_env_float("KB_MAX_REQUEST_BYTES", 64 * 1024))
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_DIR / "kb" / "translations")
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = env("KB_SECURE_COOKIES", "0") == "1"
        # Host names the site answers to (comma-separated; ".example.org" takes subdomains
        # too); empty: any (None, as Flask refuses every host given an empty list). Other Host
        # headers get 400.
        hosts = [host.strip() for host in env("KB_TRUSTED_HOSTS", "").split(",")]
        self.TRUSTED_HOSTS = [host for host in hosts if host] or None
        # Proxies in front of the app (a load balancer: 1) whose X-Forwarded-For, -Proto and
        # -Host are believed; 0: none, the connection's own address is the client's.
        self.KB_PROXY_HOPS = max(int(_env_float("KB_PROXY_HOPS", 0)), 0)
        self.JSON_SORT_KEYS = False
        # Days that raw records (searches, views, votes, walkthrough events) are kept before
        # they are rolled into daily counts; seconds between two looks at whether that is due.
        self.KB_RETENTION_DAYS = max(int(_env_float("KB_RETENTION_DAYS", 180)), 1)
        self.KB_ROLLUP_CHECK_INTERVAL = _env_float("KB_ROLLUP_CHECK_INTERVAL", 3600)
        # 1: publishing in the browser needs a second editor's approval.
        self.KB_REQUIRE_APPROVAL = env("KB_REQUIRE_APPROVAL", "0") == "1"
        # How long an editor stays signed in after their last request.
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=_env_float("KB_EDITOR_SESSION_HOURS", 12))

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k.isupper()}
