"""The shipped articles' guidance, through the site as a browser without JavaScript uses it."""

import shutil
from datetime import datetime

import pytest
from flask_babel import force_locale, gettext

from kb.content import load_library
from kb.guidance import walkthrough_summary
from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from kb.web.guide_forms import calculations, with_results
from tests.conftest import SHIPPED_ARTICLES
from tests.web.editing import csrf, editors_app
from tests.web.guiding import Page, paths_to_outcomes, walk_sample, walk_to

LIBRARY = load_library(SHIPPED_ARTICLES)
WALKTHROUGHS = [
    (article.lang, article.slug, spec.id)
    for article in sorted(LIBRARY.articles.values(), key=lambda a: (a.lang, a.slug))
    for spec in article_specs(article).specs
    if isinstance(spec, Walkthrough)
]
RUNS = [
    (lang, slug, block, outcome)
    for lang, slug, block in WALKTHROUGHS
    for outcome in paths_to_outcomes(article_specs(LIBRARY.get(lang, slug)).get(block))
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app over a copy of the shipped articles for the module: walking only adds records."""
    articles = tmp_path_factory.mktemp("shipped") / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    app = editors_app(articles, tmp_path_factory.mktemp("shipped-instance"))
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(app):
    return app.test_client()


def found(lang, slug):
    return article_specs(LIBRARY.get(lang, slug))


def test_the_shipped_articles_have_walkthroughs_in_both_languages():
    assert {(slug, block) for lang, slug, block in WALKTHROUGHS if lang == "en"} == {
        (slug, block) for lang, slug, block in WALKTHROUGHS if lang == "ru"
    }
    assert WALKTHROUGHS


@pytest.mark.parametrize("lang, slug, block, outcome", RUNS)
def test_every_walkthrough_reaches_each_outcome_and_sums_it_up(
    client, app, lang, slug, block, outcome
):
    specs = found(lang, slug)
    spec = specs.get(block)
    path = paths_to_outcomes(spec)[outcome]
    response = walk_to(client, lang, slug, spec, path)
    page = Page(response.get_data(as_text=True))
    assert page.heading == spec.outcomes[outcome].title
    typed = {
        i["name"][2:]: i.get("value", i.get("text", ""))
        for i in page.inputs
        if i.get("name", "").startswith("f.")
    }
    shown = page.textarea("wt-summary").splitlines()
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        expected = walkthrough_summary(
            spec,
            walk_sample(spec, path),
            locale=lang,
            at=datetime(2026, 1, 1),
            _=gettext,
            values=with_results(typed, done := calculations(specs.specs, typed, lang, gettext)),
            specs=specs.specs,
            calculations=done,
        ).splitlines()
    assert shown[0] == spec.title
    assert shown[2:] == expected[2:]  # line 2 is the date and time, written at the end of the run


# The PNV Balance calculator -----------------------------------------------------------------

PNV = "/{lang}/retention-did-porting/guide/pnv-balance"


def pnv(client, lang="en", subscriptions="60", buy="0", sale="0", customer="vc_partner"):
    data = {
        "csrf_token": csrf(client),
        "f.subscriptions": subscriptions,
        "f.total_buy_cost": buy,
        "f.total_sale_cost": sale,
        "f.customer_type": customer,
    }
    response = client.post(PNV.format(lang=lang), data=data)
    assert response.status_code == 200
    return Page(response.get_data(as_text=True))


def rule(page: Page) -> str:
    return next(e for e in page.elements if e.get("class") == "outcome-title")["text"]


@pytest.mark.parametrize(
    "lang, subscriptions, customer, rule_id",
    [
        ("en", "59.99", "vc_partner", "below-threshold"),
        ("en", "60", "vc_partner", "notify-nico"),
        ("en", "60.01", "vc_partner", "notify-nico"),
        ("en", "60", "vpl_customer", "notify-liam"),
        ("en", "59.99", "vpl_customer", "below-threshold"),
        ("ru", "59,99", "vc_partner", "below-threshold"),
        ("ru", "60", "vc_partner", "notify-nico"),
        ("ru", "60,01", "vpl_customer", "notify-liam"),
    ],
)
def test_the_pnv_calculator_around_its_threshold(client, lang, subscriptions, customer, rule_id):
    spec = found(lang, "retention-did-porting").get("pnv-balance")
    expected = next(r.outcome for r in spec.rules if r.outcome.id == rule_id)
    page = pnv(client, lang, subscriptions=subscriptions, customer=customer)
    assert rule(page).startswith(expected.title)
    assert expected.title in page.textarea("calc-summary")


def test_the_pnv_balance_adds_up_exactly(client):
    page = pnv(client, subscriptions="100.10", buy="40.05", sale="0.04")
    assert "PNV Balance: 60.09" in page.textarea("calc-summary")
    assert rule(page).startswith("Notify the Sales team (Nico)")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("subscriptions", "", "Enter a number."),
        ("subscriptions", "sixty", "Enter a number: digits"),
        ("subscriptions", "60..1", "Enter a number: digits"),
        ("subscriptions", "-5", "Enter 0 or more."),
        ("buy", "-0.01", "Enter 0 or more."),
        ("customer", "", "Choose one of the options."),
    ],
)
def test_the_pnv_calculator_refuses_what_is_not_a_figure(client, field, value, message):
    page = pnv(client, **{field: value})
    input_id = {"buy": "total_buy_cost", "customer": "customer_type"}.get(field, field)
    assert page.by_id(f"f-{input_id}-error")["text"].startswith(message)
    assert page.by_id("calc-summary") is None


# Telesales routing by the clock ---------------------------------------------------------------

ROUTING = "/{lang}/key-client-switching/guide/telesales-hours"


@pytest.mark.parametrize(
    "day, clock, tz, reason, opens",
    [
        ("2026-01-12", "10:00", "Europe/Moscow", "working-hours", False),
        ("2026-01-12", "17:59", "Europe/Moscow", "working-hours", False),
        ("2026-01-12", "18:00", "Europe/Moscow", "outside-hours", True),
        ("2026-01-17", "12:00", "Europe/Moscow", "day-off", True),
        ("2026-03-09", "12:00", "Europe/Moscow", "holiday", True),
        ("2026-01-05", "12:00", "Europe/Moscow", "holiday", True),
        ("2026-01-12", "06:30", "Europe/London", "working-hours", False),  # 09:30 in Moscow
        ("2026-01-12", "15:30", "Europe/London", "outside-hours", True),  # 18:30 in Moscow
        ("2026-01-13", "15:00", "Asia/Vladivostok", "outside-hours", True),  # 08:00 in Moscow
        ("2026-01-13", "16:00", "Asia/Vladivostok", "working-hours", False),  # 09:00 in Moscow
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_telesales_routing_at_any_moment(client, lang, day, clock, tz, reason, opens):
    spec = found(lang, "key-client-switching").get("telesales-hours")
    response = client.get(
        ROUTING.format(lang=lang), query_string={"date": day, "time": clock, "tz": tz}
    )
    page = Page(response.get_data(as_text=True))
    badge = next(e for e in page.elements if "rt-reason" in e.get("class", ""))
    assert f"rt-reason-{reason}" in badge["class"]
    output = spec.in_hours if reason == "working-hours" else spec.out_of_hours
    assert page.by_id("rt-result-title")["text"].startswith(output.title)
    assert any(e.get("class") == "rt-opens" for e in page.elements) is opens


def test_telesales_opens_next_on_the_first_working_day_after_the_new_year(client):
    response = client.get(
        ROUTING.format(lang="en"), query_string={"date": "2026-01-01", "time": "10:00"}
    )
    page = Page(response.get_data(as_text=True))
    opens = next(e for e in page.elements if e.get("class") == "rt-opens")["text"]
    assert opens == "Opens next: Monday, January 12, 2026, 9:00\u202fAM"


# Decision tables ----------------------------------------------------------------------------

TABLE = "/{lang}/transfer-to-retention/guide/retention-transfer/rows"


@pytest.mark.parametrize(
    "lang, query, row",
    [
        ("en", "cancel contract", "cancel"),
        ("en", "refunds", "service-job-refund"),
        ("en", "reinstatment", "reinstate"),  # a typo
        ("ru", "расторжение договора", "cancel"),
        ("ru", "договоры расторгнуть", "cancel"),  # inflected
        ("ru", "компенсацыю", "service-job-refund"),  # inflected, with a typo
        ("ru", "восстановить", "reinstate"),
    ],
)
def test_the_shipped_transfer_table_finds_rows(client, lang, query, row):
    answer = client.get(TABLE.format(lang=lang), query_string={"q": query}).get_json()
    assert f"dt-retention-transfer-{row}" in answer["rows"], answer
    assert len(answer["rows"]) <= 3, answer
