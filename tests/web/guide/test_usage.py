"""The walkthrough usage record, and what never leaves the page: the details people type."""

import logging
from datetime import timedelta

from sqlalchemy import MetaData, select, update

from kb.guidance.specs import article_specs
from kb.insights.period import Period
from kb.insights.walkthroughs import walkthrough_report
from kb.store import usage
from kb.store.tables import usage_events
from tests.web.guiding import Page, choose, query, start, walk_to

SLUG, BLOCK = "callback-demo", "porting-call"
SECRETS = {
    "f.account": "ACC-SECRET-4711",
    "f.contact": "Zebedee Quixote",
    "f.phone": "+7 912 345-67-89",
    "f.email": "zebedee@example.org",
    "f.reason": "Moving to Mars",
}


def events(app):
    with app.extensions["kb_store"].engine.connect() as conn:
        return conn.execute(select(usage_events).order_by(usage_events.c.id)).all()


def age(app, by: timedelta) -> None:
    """Make every recorded event `by` older."""
    with app.extensions["kb_store"].engine.begin() as conn:
        for row in conn.execute(select(usage_events.c.id, usage_events.c.at)).all():
            conn.execute(
                update(usage_events).where(usage_events.c.id == row.id).values(at=row.at - by)
            )


def spec(app):
    article = app.extensions["kb_content"].library.get("en", SLUG)
    return article_specs(article).get(BLOCK)


def run_of(response) -> str:
    return query(Page(response.get_data(as_text=True)).by_id("wt-run")["data-url"])["run"]


def test_a_run_records_its_start_once_its_steps_and_its_outcome(client, app):
    first = start(client, "en", SLUG, BLOCK)
    run = run_of(first)
    client.get(f"/en/{SLUG}/guide/{BLOCK}?run={run}")  # a reload
    second = choose(client, first, "no-answer")
    choose(client, second, "no-answer.next")
    client.get(f"/en/{SLUG}/guide/{BLOCK}?run={run}&path=no-answer.next")  # the outcome reloaded
    rows = events(app)
    assert [(r.event, r.step, r.outcome, r.outcome_kind) for r in rows] == [
        ("start", None, None, None),
        ("step", "dial", None, None),
        ("step", "voicemail", None, None),
        ("outcome", None, "log-voicemail", "voicemail-left"),
    ]
    assert {(r.session, r.slug, r.block, r.lang) for r in rows} == {(run, SLUG, BLOCK, "en")}
    assert rows[-1].duration is not None and rows[-1].duration >= 0
    assert all(r.duration is None for r in rows[:-1])


def test_restart_is_a_new_run(client, app):
    first = start(client, "en", SLUG, BLOCK)
    again = start(client, "en", SLUG, BLOCK)
    assert run_of(first) != run_of(again)
    assert [r.event for r in events(app)].count("start") == 2


def test_duration_counts_from_the_start_of_the_run(client, app):
    first = start(client, "en", SLUG, BLOCK)
    run = run_of(first)
    age(app, timedelta(seconds=90))
    response = choose(client, first, "no-answer")
    choose(client, response, "no-answer.next")
    outcome = events(app)[-1]
    assert outcome.session == run and 90 <= outcome.duration < 120


def test_a_run_id_from_an_old_bookmark_starts_a_new_run(client, app):
    first = start(client, "en", SLUG, BLOCK)
    run = run_of(first)
    age(app, timedelta(hours=13))
    response = client.get(f"/en/{SLUG}/guide/{BLOCK}?run={run}&path=no-answer")
    assert response.status_code == 302
    fresh = query(response.headers["Location"])
    assert fresh["run"] != run and fresh["path"] == "no-answer"
    client.get(response.headers["Location"])
    rows = [r for r in events(app) if r.session == fresh["run"]]
    # The new run starts where the bookmark opens it.
    assert [(r.event, r.step) for r in rows] == [("start", None), ("step", "voicemail")]


def test_a_shared_link_to_an_outcome_starts_the_run_it_completes(client, app):
    response = client.get(f"/en/{SLUG}/guide/{BLOCK}?path=no-answer.next")
    client.get(response.headers["Location"])
    assert [r.event for r in events(app)] == ["start", "outcome"]
    with app.extensions["kb_store"].engine.connect() as conn:
        [stats] = walkthrough_report(conn, Period.last(7), None)
    assert (stats.starts, stats.completions) == (1, 1)


def test_events_of_a_run_never_started_are_not_reported(client, app):
    where = usage.Walkthrough(SLUG, BLOCK, "en")
    store = app.extensions["kb_store"]
    usage.record(store, usage.new_run_id(), where, "outcome", outcome="x", outcome_kind="resolved")
    with store.engine.connect() as conn:
        assert walkthrough_report(conn, Period.last(7), None) == []


def test_a_run_id_that_is_not_one_is_replaced(client, app):
    response = client.get(f"/en/{SLUG}/guide/{BLOCK}?run=<script>")
    assert response.status_code == 302 and "%3Cscript" not in response.headers["Location"]


def test_typed_details_are_never_stored_logged_or_put_in_a_url(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    response = walk_to(client, "en", SLUG, spec(app), ["answered", "leaves", "done"], fill=SECRETS)
    text = response.get_data(as_text=True)
    summary = Page(text).textarea("wt-summary")
    assert "ACC-SECRET-4711" in summary and "Zebedee Quixote" in summary  # shown to the agent
    assert response.headers["Cache-Control"] == "no-store"
    page = Page(text)
    urls = [a["href"] for a in page.links] + [b.get("formaction", "") for b in page.buttons]
    urls += [f.get("action", "") for f in page.forms]
    dump = _database_text(app)
    for secret in SECRETS.values():
        assert all(secret not in url and secret.replace(" ", "+") not in url for url in urls)
        assert secret not in dump
        assert secret not in caplog.text


def _database_text(app) -> str:
    """Every value in every table, as text."""
    metadata = MetaData()
    engine = app.extensions["kb_store"].engine
    metadata.reflect(engine)
    with engine.connect() as conn:
        return "\n".join(
            repr(tuple(row))
            for table in metadata.sorted_tables
            for row in conn.execute(table.select())
        )
