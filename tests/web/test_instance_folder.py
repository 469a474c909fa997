"""The instance folder at start-up: made when missing, a clear stop when it cannot be used."""

from __future__ import annotations

import stat

import pytest

from kb.web import InstanceError
from tests.conftest import make_app


def test_a_folder_that_cannot_be_created_stops_the_app_with_what_to_do(articles_dir, tmp_path):
    (tmp_path / "a-file").write_text("")
    instance = tmp_path / "a-file" / "instance"
    with pytest.raises(InstanceError) as raised:
        make_app(articles_dir, instance)
    assert str(instance) in str(raised.value) and "KB_INSTANCE_DIR" in str(raised.value)


def test_the_secret_key_is_made_once_and_kept(articles_dir, tmp_path):
    first = make_app(articles_dir, tmp_path / "instance", SECRET_KEY="")
    second = make_app(articles_dir, tmp_path / "instance", SECRET_KEY="")
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    key = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert sorted(p.name for p in key.parent.glob("*secret*")) == ["secret_key"]
    for app in (first, second):
        app.extensions["kb_content"].stop()


def test_an_empty_secret_key_stops_the_app(articles_dir, tmp_path):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "secret_key").write_text("\n")
    with pytest.raises(InstanceError, match="KB_SECRET_KEY"):
        make_app(articles_dir, tmp_path / "instance", SECRET_KEY="")
