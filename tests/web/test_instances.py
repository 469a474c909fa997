"""Several instances behind a load balancer: one database, each its own articles and index."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest
from sqlalchemy import select
from werkzeug.test import Client

from kb.store.tables import feedback, usage_events
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.postgres import database_url
from tests.web.editing import PASSWORD, make_editor
from tests.web.guiding import add_fixtures, choose, start

ARTICLE = "transfer-to-retention"
SLUG, BLOCK = "callback-demo", "porting-call"  # a walkthrough of the guidance fixtures
WORD = "zebrafinch"
JSON = {"Accept": "application/json"}


class Balancer:
    """A load balancer in front of the instances: each request goes to the instance `to`."""

    def __init__(self, to):
        self.to = to

    def __call__(self, environ, start_response):
        return self.to(environ, start_response)


@pytest.fixture
def instances(tmp_path):
    """Two instances, each over its own copy of the articles and instance folder; one database."""
    shared = tmp_path / "database"
    shared.mkdir()
    apps = []
    for name in ("one", "two"):
        articles = tmp_path / name / "articles"
        shutil.copytree(SHIPPED_ARTICLES, articles)
        add_fixtures(articles)
        app = make_app(
            articles,
            tmp_path / name / "instance",
            DATABASE_URL=database_url(shared),
            KB_WATCH_INTERVAL=0.1,
        )
        apps.append(app)
    yield apps
    for app in apps:
        app.extensions["kb_content"].stop()


def csrf_token(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))[1]


def rows(app, table):
    with app.extensions["kb_store"].engine.connect() as conn:
        return conn.execute(select(table).order_by(table.c.id)).all()


def test_a_browser_moving_between_instances_keeps_its_session_and_records(instances):
    one, two = instances
    balancer = Balancer(one)
    browser = Client(balancer)
    # A vote on a form from one, sent to two: the CSRF token lives in the signed session cookie.
    form = browser.get(f"/en/{ARTICLE}")
    vote = {"slug": ARTICLE, "helpful": "yes", "csrf_token": csrf_token(form)}
    balancer.to = two
    assert browser.post("/en/feedback", data=vote, headers=JSON).json["counted"] is True
    balancer.to = one
    assert browser.post("/en/feedback", data=vote, headers=JSON).json["counted"] is False
    assert rows(one, feedback) == rows(two, feedback) and len(rows(one, feedback)) == 1
    # A walkthrough run started on one goes on on two and ends on one: one run, not three.
    first = start(browser, "en", SLUG, BLOCK)
    balancer.to = two
    second = choose(browser, first, "no-answer")
    balancer.to = one
    assert choose(browser, second, "no-answer.next").status_code == 200
    events = rows(two, usage_events)
    assert events == rows(one, usage_events)
    assert len({e.session for e in events}) == 1
    assert (events[0].event, events[-1].event) == ("start", "outcome")
    # An editor added on one signs in on one with a form from two, and stays signed in on two.
    make_editor(one)
    balancer.to = two
    login = browser.get("/en/editors/login")
    balancer.to = one
    data = {"name": "anna", "password": PASSWORD, "csrf_token": csrf_token(login)}
    assert browser.post("/en/editors/login", data=data).status_code == 302
    balancer.to = two
    assert browser.get("/en/editors/").status_code == 200


def found(app) -> int:
    return app.extensions["kb_search"].search(WORD, "en").total


def add_word(articles_dir) -> None:
    """Change an article in one copy, as an editor's save or a `git pull` there would."""
    path = articles_dir / "en" / f"{ARTICLE}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nAsk about the {WORD} plan.\n", "utf-8")
    later = time.time() + 1
    os.utime(path, (later, later))  # a new mtime even on coarse clocks


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{condition} was not met in {timeout} s"
        time.sleep(0.1)


def test_each_instance_follows_its_own_articles_folder_into_its_own_index(instances, tmp_path):
    one, two = instances
    for app in instances:  # each builds its own index on start-up
        wait_until(app.extensions["kb_search"].exists)
        assert found(app) == 0
    add_word(tmp_path / "one" / "articles")
    wait_until(lambda: found(one) == 1)
    # The change on one's disk becomes a revision by the file system in the shared database,
    # and two writes it into its own copy: each folder and index still follows on its own.
    wait_until(lambda: found(two) == 1)
    copy = (tmp_path / "two" / "articles" / "en" / f"{ARTICLE}.md").read_text(encoding="utf-8")
    assert copy.count(WORD) == 1
    for app in instances:
        assert WORD in app.test_client().get(f"/en/{ARTICLE}").get_data(as_text=True)
    assert (tmp_path / "one" / "instance" / "index").is_dir()
    assert (tmp_path / "two" / "instance" / "index").is_dir()
