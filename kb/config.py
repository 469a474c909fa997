"""Configuration read from the environment, with defaults that make `make run` work.

A value that cannot be used stops start-up with a SettingError naming the variable, the value and
what it accepts: a silent fallback would hide a misconfiguration until it hurts.
"""

from __future__ import annotations

import math
import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_DIR = Path(__file__).resolve().parent.parent
_WHOLE = re.compile(r"[+-]?\d+")
_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True}
_BOOLEANS |= {"0": False, "false": False, "no": False, "off": False}


class SettingError(ValueError):
    """An environment variable holds a value the app cannot use."""

    def __init__(self, name: str, value: str, accepts: str):
        super().__init__(f"{name}={value!r} is not a valid setting: it takes {accepts}")
        self.name = name


def _raw(name: str) -> str | None:
    """The variable's value, stripped; None when unset or blank (the default then applies)."""
    value = os.environ.get(name, "").strip()
    return value or None


def _env_int(name: str, default: int, minimum: int) -> int:
    value = _raw(name)
    return default if value is None else _whole(name, value, minimum)


def _whole(name: str, value: str, minimum: int) -> int:
    """A whole number, `minimum` or more: "1.9" is refused rather than cut to 1.

    >>> _whole("KB_X", "2", minimum=0)
    2
    >>> _whole("KB_X", "one", minimum=0)
    Traceback (most recent call last):
    kb.config.SettingError: KB_X='one' is not a valid setting: it takes a whole number, 0 or more
    """
    if not _WHOLE.fullmatch(value) or int(value) < minimum:
        raise SettingError(name, value, f"a whole number, {minimum} or more")
    return int(value)


def _env_float(name: str, default: float, minimum: float = 0.0, above: bool = False) -> float:
    """A finite number, `minimum` or more (more than `minimum` if `above`)."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < minimum or (above and number == minimum):
        bound = f"more than {minimum:g}" if above else f"{minimum:g} or more"
        raise SettingError(name, value, f"a number, {bound}")
    return number


def _env_bool(name: str, default: bool) -> bool:
    """1/0, true/false, yes/no or on/off, in any case."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() not in _BOOLEANS:
        raise SettingError(name, value, "1 or 0 (or true/false, yes/no, on/off)")
    return _BOOLEANS[value.lower()]


def _env_timezone(name: str, default: str) -> str:
    value = _raw(name) or default
    try:
        ZoneInfo(value)
        known = value == "UTC" or value in available_timezones()
    except (ZoneInfoNotFoundError, ValueError):
        known = False
    if not known:
        raise SettingError(name, value, "an IANA time zone name such as Europe/Moscow or UTC")
    return value


def _env_database_url(name: str) -> str:
    value = _raw(name)
    if value is None:
        return ""  # SQLite in the instance folder
    accepts = "a SQLite or PostgreSQL URL (sqlite:////path/kb.sqlite3, postgresql://...)"
    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError:
        raise SettingError(name, value, accepts) from None
    if backend not in ("sqlite", "postgresql"):
        raise SettingError(name, value, accepts)
    return value


class Config:
    """Every setting the app reads; an environment variable of the same name overrides each."""

    def __init__(self) -> None:
        env = os.environ.get
        # Absolute, but links kept: the folder a link points at is looked up at each scan (a
        # deployment may switch it), and one that loops is reported, never a crash here.
        self.KB_ARTICLES_DIR = Path(
            os.path.abspath(env("KB_ARTICLES_DIR", PROJECT_DIR / "articles"))
        )
        self.KB_INSTANCE_DIR = Path(
            os.path.abspath(env("KB_INSTANCE_DIR", PROJECT_DIR / "instance"))
        )
        self.DATABASE_URL = _env_database_url("DATABASE_URL")  # empty: SQLite in the instance
        self.SECRET_KEY = env(
            "KB_SECRET_KEY", ""
        )  # empty: one is generated into the instance folder
        # Seconds between two looks at the articles folder for changed files; 0 turns watching off.
        self.KB_WATCH_INTERVAL = _env_float("KB_WATCH_INTERVAL", 1.0)
        # Warm each index generation a process opens in the background (kb/search/warming.py):
        # its first searches then cost what later ones do (120 MB more on a 4,300-page corpus).
        self.KB_SEARCH_WARM = _env_bool("KB_SEARCH_WARM", True)
        self.KB_SITE_NAME = env("KB_SITE_NAME", "")  # empty: the translated default name
        # The time zone of dates in walkthrough summaries when the browser has not said its own
        # (an IANA name such as Europe/Moscow).
        self.KB_TIMEZONE = _env_timezone("KB_TIMEZONE", "UTC")
        self.MAX_CONTENT_LENGTH = _env_int("KB_MAX_REQUEST_BYTES", 64 * 1024, minimum=1)
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_DIR / "kb" / "translations")
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = _env_bool("KB_SECURE_COOKIES", False)
        # Host names the site answers to (comma-separated; ".example.org" takes subdomains
        # too); empty: any (None, as Flask refuses every host given an empty list). Other Host
        # headers get 400.
        hosts = [host.strip() for host in env("KB_TRUSTED_HOSTS", "").split(",")]
        self.TRUSTED_HOSTS = [host for host in hosts if host] or None
        # Proxies in front of the app (a load balancer: 1) whose X-Forwarded-For, -Proto and
        # -Host are believed; 0: none, the connection's own address is the client's.
        self.KB_PROXY_HOPS = _env_int("KB_PROXY_HOPS", 0, minimum=0)
        # Days that raw records (searches, views, votes, walkthrough events) are kept before
        # they are rolled into daily counts; seconds between two looks at whether that is due.
        self.KB_RETENTION_DAYS = _env_int("KB_RETENTION_DAYS", 180, minimum=1)
        self.KB_ROLLUP_CHECK_INTERVAL = _env_float("KB_ROLLUP_CHECK_INTERVAL", 3600)
        # 1: publishing in the browser needs a second editor's approval.
        self.KB_REQUIRE_APPROVAL = _env_bool("KB_REQUIRE_APPROVAL", False)
        # Votes counted from one client address on one article or walkthrough a day (a
        # script that throws its cookies away counts no more); 0: no limit.
        self.KB_VOTES_PER_ADDRESS = _env_int("KB_VOTES_PER_ADDRESS", 20, minimum=0)
        # How long an editor stays signed in after their last request.
        hours = _env_float("KB_EDITOR_SESSION_HOURS", 12, above=True)
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=hours)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k.isupper()}
