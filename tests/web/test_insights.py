"""The insight pages for editors: charts and tables in both languages, filters, view counts."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kb.store.tables import article_views
from tests.insights.conftest import add_run, add_search, add_view, add_vote
from tests.web.editing import editors_app, make_editor, sign_in

HOSTILE = '<script>alert("x")</script>'


def now(days_ago=0):
    return datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days_ago)


def fill(store):
    """A little of everything, today and 20 days ago."""
    add_search(store, now(), "en", "retention", 4, opened="transfer-to-retention")
    add_search(store, now(), "en", "retention", 4)
    add_search(store, now(), "en", HOSTILE, 0)
    add_search(store, now(), "ru", "перевод звонка", 0)
    add_search(
        store, now(), "ru", "rfhnf", 2, corrected="карта", correction="layout", found_by="expanded"
    )
    add_search(store, now(20), "en", "porting", 0)
    add_view(store, now(), "en", "transfer-to-retention", 3)
    add_view(store, now(), "ru", "transfer-to-retention", 2)
    add_vote(store, now(), "en", "transfer-to-retention", True, "a")
    add_vote(store, now(), "ru", "transfer-to-retention", False, "b", "outdated", "Устарел номер")
    add_vote(store, now(), "en", "call-next-process", False, "c", "unclear", HOSTILE, "triage")
    where = ("en", "call-next-process", "triage")
    add_run(store, "s1", now(), *where, ["ask-reason", "check-plan"], "resolved", "resolved")
    add_run(store, "s2", now(), *where, ["ask-reason"])


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    fill(app.extensions["kb_store"])
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def editor(app):
    client = app.test_client()
    sign_in(client)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("section", ["", "searches", "articles", "walkthroughs", "review"])
def test_every_page_renders_in_both_languages(editor, lang, section):
    html = page(editor, f"/{lang}/editors/{section}")
    assert f'<html lang="{lang}">' in html
    assert 'aria-current="page"' in html
    assert " style=" not in html and "<script>" not in html


def test_overview_totals_and_daily_charts(editor):
    html = page(editor, "/en/editors/?days=7")
    assert html.count('role="img"') == 3
    totals = dict(re.findall(r"<dt>([^<]+)</dt><dd>([\d,]+)", html))
    assert totals["Searches"] == "5" and totals["With no result"] == "2"
    assert totals["Article views"] == "5" and totals["Walkthroughs started"] == "2"
    assert 'href="/en/editors/export/daily.csv?days=7&amp;language=both"' in html


def test_searches_page(editor):
    html = page(editor, "/en/editors/searches")
    assert html.count('role="img"') == 5
    expanded = html[html.index('id="found-by-expansion"') : html.index('id="weak-matches"')]
    assert "rfhnf" in expanded and "retention" not in expanded
    assert "1 found something only by expanding the search, 0 only weak matches" in html
    for text in ("retention", "перевод звонка", "rfhnf", "карта", "Keyboard layout", "porting"):
        assert text in html
    assert HOSTILE not in html and "&lt;script&gt;" in html


def test_filters_choose_the_period_and_the_language(editor):
    html = page(editor, "/en/editors/searches?days=7&language=ru")
    assert "перевод звонка" in html and "retention" not in html and "porting" not in html
    assert '<option value="7" selected>' in html and '<option value="ru" selected' in html
    html = page(editor, "/en/editors/searches?days=5&language=xx")  # nonsense: the defaults
    assert '<option value="30" selected>' in html and '<option value="both" selected>' in html


def test_articles_page(editor):
    html = page(editor, "/ru/editors/articles")
    assert "Transferring a call to Retention" in html and "Устарел номер" in html
    assert "Out of date" in html or "Устарел" in html
    assert HOSTILE not in html


def test_walkthroughs_page(editor):
    html = page(editor, "/en/editors/walkthroughs")
    assert "triage" in html and "ask-reason" in html and "check-plan" in html
    assert 'id="chart-steps-1"' in html and 'id="chart-outcomes-1"' in html
    assert "Went no further" in html


def test_empty_reports_say_so(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    client = app.test_client()
    sign_in(client)
    for section in ("searches", "articles", "walkthroughs"):
        assert "Nothing recorded in this period." in page(client, f"/en/editors/{section}")
    app.extensions["kb_content"].stop()


def test_reading_an_article_counts_one_view(app):
    client = app.test_client()
    client.get("/en/call-next-process")
    client.get("/ru/call-next-process")
    client.get("/en/no-such-article")
    with app.extensions["kb_store"].engine.connect() as conn:
        counted = conn.execute(
            select(func.count()).where(article_views.c.slug == "call-next-process")
        ).scalar()
    assert counted == 2


def test_a_walkthrough_reads_in_its_own_terms_with_its_map(app, editor):
    """Runs of the shipped call-back walkthrough in both languages: one row, step titles in the
    walkthrough's order, outcome titles, and a map with the runs on each step and branch."""
    store = app.extensions["kb_store"]
    steps = ["reason", "dial", "voicemail"]
    add_run(
        store,
        "r1",
        now(),
        "en",
        "call-next-process",
        "call-back",
        steps,
        "sr-login-vm",
        "email-sent",
    )
    add_run(store, "r2", now(), "ru", "call-next-process", "call-back", ["reason", "dial"])
    both = page(editor, "/en/editors/walkthroughs")
    assert both.count(">Calling a customer back step by step<") >= 1
    table = both[both.index("Where people stop: Calling a customer back") :]
    titles = re.findall(r'<th scope="row">([^<]+)</th>', table)[:3]
    assert titles == ["Why are you calling?", "Call the customer", "Leave a voicemail"]
    assert "Map with runs: Calling a customer back step by step" in both
    svg = both[both.index('<svg class="wt-map"') :]
    assert 'data-node="dial"' in svg and ">2 runs</text>" in svg  # one English, one Russian
    russian = page(editor, "/ru/editors/walkthroughs?language=ru")
    assert "Звонок клиенту по шагам" in russian and "Зачем вы звоните?" in russian
