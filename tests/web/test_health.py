"""/healthz: "ok", "degraded" with what is wrong (still 200: readers should still come), 503
with no articles; and the instance folder checks behind it."""

from __future__ import annotations

import os
import shutil
from collections import namedtuple

from kb.web import health


def test_a_healthy_site_says_ok(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "ok" and "problems" not in answer.get_json()


def test_records_that_cannot_be_kept_make_it_degraded_not_down(app):
    store = app.extensions["kb_store"]
    store.faults.failed("votes", OSError(28, "No space left on device"), "votes are dropped")
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "degraded"
    assert body["problems"] == {"votes": "No space left on device; votes are dropped"}
    store.faults.recovered("votes")
    assert app.test_client().get("/healthz").get_json()["status"] == "ok"


def test_no_articles_is_down(app, articles_dir):
    shutil.rmtree(articles_dir)
    app.extensions["kb_content"].refresh()
    assert app.test_client().get("/healthz").status_code == 503


def test_a_full_instance_folder_is_a_problem(tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _: usage(10, 10, 4096))
    assert health.instance_problems(tmp_path) == {
        "instance folder": f"{tmp_path} is full (4 KiB free)"
    }


def test_an_instance_folder_that_cannot_be_written_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(health.os, "access", lambda path, mode: mode != os.W_OK)
    problem = health.instance_problems(tmp_path)["instance folder"]
    assert problem.startswith(f"{tmp_path} cannot be written")
