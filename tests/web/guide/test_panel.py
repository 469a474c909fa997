"""The side panel's procedures: a calculator worked inside a step drives the next one, a note is
made at the step where it is due, the agent's own note, "at a glance", small page defects."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from kb.guidance import route
from kb.guidance.specs import article_specs
from tests.web.editing import csrf
from tests.web.guiding import Page

RETENTION = "/{lang}/retention-did-porting/guide/retention-process"
INPUTS = ("subscriptions", "total_buy_cost", "total_sale_cost")


def post(client, lang, path, values, check=None, **extra):
    data = {"csrf_token": csrf(client), **{f"f.{k}": v for k, v in values.items()}, **extra}
    if check is not None:
        data["check"] = check
    url = RETENTION.format(lang=lang)
    return client.post(url, query_string={"path": path}, data=data)


def heading(response) -> str:
    return Page(response.get_data(as_text=True)).heading


def test_the_calculator_at_a_step_decides_where_the_walk_goes(client):
    """59.99 and 60.01 compare as written; the result, not a choice, leads on."""
    low = {"subscriptions": "59,99", "total_buy_cost": "0", "total_sale_cost": "0"}
    high = {**low, "subscriptions": "60.01"}
    for values, expected in (
        (low, "Do not notify the Sales team"),
        (high, "Notify the Sales team"),
    ):
        typed = {**values, "customer_type": "vc_partner"}
        assert heading(post(client, "en", "next.next", typed, check="next")) == expected


def test_a_calculator_step_does_not_let_the_walk_on_without_its_result(client):
    response = post(client, "en", "next.next", {"subscriptions": "100"}, check="next")
    page = response.get_data(as_text=True)
    assert heading(response) == "Work out the PNV Balance"
    assert "Please correct" in page and 'id="f-total_buy_cost-error"' in page
    # A link without the figures (a bookmark) waits at the calculator instead of guessing.
    assert heading(client.get(RETENTION.format(lang="en"), query_string={"path": "next.next"})) in (
        "Work out the PNV Balance",
        "",  # the first visit redirects to put the run id in the address
    )


def test_the_result_is_shown_inside_the_step(client):
    typed = {"subscriptions": "100", "total_buy_cost": "20", "total_sale_cost": "0"}
    typed["customer_type"] = "vpl_customer"
    page = post(client, "ru", "next", typed, check="next").get_data(as_text=True)
    assert 'class="wt-result"' in page and "80,00" in page


def test_the_sales_note_is_made_at_its_step_and_only_there(client):
    figures = {"subscriptions": "100", "total_buy_cost": "0", "total_sale_cost": "0"}
    figures["customer_type"] = "vc_partner"
    details = {
        "validation_due": "2026-01-15",
        "account_number": "ACC-1",
        "company_name": "Acme",
        "customer_name": "Jane",
        "phone": "+7 900 000-00-00",
        "email": "jane@example.com",
        "ticket_number": "T-1",
    }
    at_step = post(client, "ru", "next.next", {**figures, **details}, check="next.next")
    page = at_step.get_data(as_text=True)
    assert heading(at_step) == "Уведомите отдел продаж"
    assert "Отправьте сейчас: Уведомление для отдела продаж" in page
    assert "PNV Balance: 100\n" in page  # filled in from the calculator
    # At the outcome the note is not offered again: one copy box, the summary.
    path = "next.next.next.not-answered.no-reply"
    outcome = post(client, "ru", path, {**figures, **details}).get_data(as_text=True)
    assert outcome.count('class="copy-source guide-copy"') == 1


def test_the_agents_note_goes_into_the_summary_in_the_readers_language(client):
    figures = {"subscriptions": "10", "total_buy_cost": "0", "total_sale_cost": "0"}
    figures["customer_type"] = "vc_partner"
    page = post(client, "ru", "next.next", figures, note="Клиент просил перезвонить после 15:00")
    summary = Page(page.get_data(as_text=True)).textarea("wt-summary")
    assert summary.endswith("Заметка оператора:\nКлиент просил перезвонить после 15:00")
    assert "Итог: PNV Balance меньше 60: отдел продаж не уведомляли" in summary
    assert not re.search(r"\b(Outcome|Details|Next actions|Results)\b", summary)


def test_at_a_glance_says_whether_telesales_is_open_now(client, shipped_app):
    for lang, words in (
        ("en", ("Open now", "Closed now")),
        ("ru", ("Сейчас открыто", "Сейчас закрыто")),
    ):
        article = shipped_app.extensions["kb_content"].library.get(lang, "key-client-switching")
        spec = article_specs(article).get("telesales-hours")
        before = route(spec)
        page = client.get(f"/{lang}/key-client-switching").get_data(as_text=True)
        after = route(spec)
        glance = page[
            page.index('<aside class="glance"') : page.index(
                "</aside>", page.index('<aside class="glance"')
            )
        ]
        if before.open == after.open:  # not at the very minute the line opens or closes
            assert words[0 if before.open else 1] in glance
        assert spec.title in glance or "/guide/telesales-hours" in glance
        assert "/guide/case-form" in glance  # every tool of the article is linked
        assert page.index('class="glance"') < page.index('class="article-layout"')


def test_the_article_details_and_contents_are_folded(client):
    page = client.get("/en/key-client-switching").get_data(as_text=True)
    assert '<details class="article-details">' in page
    assert (
        "<details data-open-wide>" in page
        and "<details open" not in page.split('class="toc"')[1][:200]
    )


def test_a_transfer_row_carries_the_verbatim_disclosure(client):
    for lang in ("en", "ru"):
        page = client.get(f"/{lang}/transfer-to-retention").get_data(as_text=True)
        row = page[page.index('id="dt-retention-transfer-cancel"') :]
        row = row[: row.index("</tr>")]
        assert "This call may be recorded for quality assurance and training purposes." in row


def test_the_feedback_section_keeps_its_name_after_a_vote(client):
    client.post(
        "/en/feedback",
        data={"csrf_token": csrf(client), "slug": "call-next-process", "helpful": "yes"},
    )
    page = client.get("/en/call-next-process").get_data(as_text=True)
    section = re.search(r'<section class="feedback" id="([^"]+)" aria-labelledby="([^"]+)"', page)
    assert section and f'id="{section.group(2)}"' in page


def test_the_opensearch_short_name_is_never_cut_mid_word(client):
    for lang in ("en", "ru"):
        xml = client.get(f"/{lang}/opensearch.xml").get_data(as_text=True)
        name = re.search(r"<ShortName>(.*)</ShortName>", xml).group(1)
        assert len(name) <= 16 and name in ("Knowledge base", "База знаний")


def test_the_telesales_page_links_to_the_case_form_on_the_article(client):
    page = client.get("/en/key-client-switching/guide/telesales-hours").get_data(as_text=True)
    assert 'href="#cl-case-form"' not in page
    assert 'href="/en/key-client-switching#cl-case-form"' in page


def test_routing_answer_is_the_same_on_first_and_later_visits(client):
    moment = {"date": "2026-01-19", "time": "18:00"}
    url = "/en/key-client-switching/guide/telesales-hours"
    first = client.get(url, query_string=moment).get_data(as_text=True)
    client.set_cookie("kb_tz", "America/Los_Angeles")
    later = client.get(url, query_string=moment).get_data(as_text=True)
    status = [re.search(r"rt-reason-([a-z-]+)", p).group(1) for p in (first, later)]
    assert status[0] == status[1] == "outside-hours"
    assert datetime(2026, 1, 19, 18, 0, tzinfo=ZoneInfo("Europe/Moscow")).weekday() == 0
