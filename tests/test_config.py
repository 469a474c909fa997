"""Settings from the environment: a bad value stops start-up with its name, never a fallback."""

from __future__ import annotations

from datetime import timedelta

import pytest

from harness.server import app_env, flask
from kb.config import Config, SettingError

GOOD = [
    ("KB_PROXY_HOPS", "2", "KB_PROXY_HOPS", 2),
    ("KB_PROXY_HOPS", " 1 ", "KB_PROXY_HOPS", 1),
    ("KB_PROXY_HOPS", "", "KB_PROXY_HOPS", 0),  # blank: the default
    ("KB_RETENTION_DAYS", "30", "KB_RETENTION_DAYS", 30),
    ("KB_MAX_REQUEST_BYTES", "100000", "MAX_CONTENT_LENGTH", 100000),
    ("KB_WATCH_INTERVAL", "0", "KB_WATCH_INTERVAL", 0.0),
    ("KB_WATCH_INTERVAL", "2.5", "KB_WATCH_INTERVAL", 2.5),
    ("KB_ROLLUP_CHECK_INTERVAL", "60", "KB_ROLLUP_CHECK_INTERVAL", 60.0),
    ("KB_EDITOR_SESSION_HOURS", "0.5", "PERMANENT_SESSION_LIFETIME", timedelta(minutes=30)),
    ("KB_SECURE_COOKIES", "1", "SESSION_COOKIE_SECURE", True),
    ("KB_SECURE_COOKIES", "True", "SESSION_COOKIE_SECURE", True),
    ("KB_SECURE_COOKIES", "off", "SESSION_COOKIE_SECURE", False),
    ("KB_TIMEZONE", "Europe/Moscow", "KB_TIMEZONE", "Europe/Moscow"),
    ("DATABASE_URL", "postgresql://kb@db/kb", "DATABASE_URL", "postgresql://kb@db/kb"),
    ("DATABASE_URL", "sqlite:////srv/kb.sqlite3", "DATABASE_URL", "sqlite:////srv/kb.sqlite3"),
]

BAD = [
    ("KB_PROXY_HOPS", "one", "a whole number, 0 or more"),
    ("KB_PROXY_HOPS", "1.9", "a whole number, 0 or more"),
    ("KB_PROXY_HOPS", "-1", "a whole number, 0 or more"),
    ("KB_RETENTION_DAYS", "0", "a whole number, 1 or more"),
    ("KB_MAX_REQUEST_BYTES", "64k", "a whole number, 1 or more"),
    ("KB_WATCH_INTERVAL", "fast", "a number, 0 or more"),
    ("KB_WATCH_INTERVAL", "nan", "a number, 0 or more"),
    ("KB_ROLLUP_CHECK_INTERVAL", "-5", "a number, 0 or more"),
    ("KB_EDITOR_SESSION_HOURS", "0", "a number, more than 0"),
    ("KB_EDITOR_SESSION_HOURS", "inf", "a number, more than 0"),
    ("KB_SECURE_COOKIES", "2", "1 or 0"),
    ("KB_TIMEZONE", "Moscow", "an IANA time zone name"),
    ("KB_TIMEZONE", "../../etc/passwd", "an IANA time zone name"),
    ("DATABASE_URL", "mysql://kb@db/kb", "a SQLite or PostgreSQL URL"),
    ("DATABASE_URL", "not a url", "a SQLite or PostgreSQL URL"),
]


@pytest.mark.parametrize("name,value,key,expected", GOOD)
def test_good_values_are_read(monkeypatch, name, value, key, expected):
    monkeypatch.setenv(name, value)
    assert Config().as_dict()[key] == expected


@pytest.mark.parametrize("name,value,accepts", BAD)
def test_a_bad_value_names_the_variable_what_it_got_and_what_it_takes(
    monkeypatch, name, value, accepts
):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError) as raised:
        Config()
    message = str(raised.value)
    assert message.startswith(f"{name}={value!r} is not a valid setting: it takes {accepts}")
    assert raised.value.name == name


def test_a_bad_setting_stops_flask_commands_with_one_line(articles_dir, tmp_path):
    env = app_env(articles_dir, tmp_path / "instance", KB_PROXY_HOPS="one")
    done = flask(env, "kb-check", timeout=120)
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stderr == (
        "kb: cannot start: KB_PROXY_HOPS='one' is not a valid setting: "
        "it takes a whole number, 0 or more\n"
    )


def test_json_keeps_the_order_keys_were_built_in(shipped_app):
    """Flask 3 ignores JSON_SORT_KEYS; the app sets its JSON provider instead."""
    assert shipped_app.json.dumps({"query": "x", "hits": [], "about": 1}) == (
        '{"query": "x", "hits": [], "about": 1}'
    )
