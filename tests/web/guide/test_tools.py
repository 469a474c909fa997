"""Checklists, calculators, routing by the clock and decision tables, through their pages."""

import pytest

from kb.web.guide_forms import reader_zone
from tests.web.editing import csrf
from tests.web.guiding import Page

SLUG = "tools-demo"
CALC = f"/{SLUG}/guide/pnv-balance"
ROUTING = f"/{SLUG}/guide/telesales"
TABLE = f"/{SLUG}/guide/retention-transfer"
CASE = f"/{SLUG}/guide/case-form"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


# Checklists ------------------------------------------------------------------------------


def post_case(client, lang="en", **fields):
    data = {"csrf_token": csrf(client), "check": "1"}
    data.update({f"f.{k}": v for k, v in fields.items()})
    return text(client.post(f"/{lang}{CASE}", data=data))


def test_the_checklist_form_marks_required_and_desirable_fields(client):
    page = Page(text(client.get(f"/en{CASE}")))
    marks = {e["text"] for e in page.elements if "field-mark" in e.get("class", "")}
    assert marks == {"Required", "Desirable"}
    company = next(i for i in page.inputs if i.get("name") == "f.company")
    phone = next(i for i in page.inputs if i.get("name") == "f.phone")
    assert company["aria-required"] == "true" and "aria-required" not in phone
    assert phone["type"] == "tel"
    assert next(i for i in page.inputs if i.get("name") == "f.offices")["tag"] == "textarea"
    assert page.by_id("cl-note") is None


def test_missing_and_malformed_fields_are_shown_beside_them(client):
    page = Page(post_case(client, company="Acme", phone="12", email="not-an-email"))
    assert page.by_id("f-address-error")["text"] == "This field is required."
    assert page.by_id("f-phone-error")["text"].startswith("Enter a phone number")
    assert page.by_id("f-email-error")["text"].startswith("Enter an email address")
    email = next(i for i in page.inputs if i.get("name") == "f.email")
    assert email["aria-invalid"] == "true" and email["aria-describedby"] == "f-email-error"
    assert email["value"] == "not-an-email"
    assert page.by_id("cl-note") is None


def test_one_of_phone_or_email_is_needed(client):
    page = Page(post_case(client, company="Acme", address="1 Main St", contact="Jane"))
    assert page.by_id("f-phone-error")["text"] == "Fill in at least one of these fields."


def test_a_complete_form_gives_the_note_to_copy(client):
    page = Page(
        post_case(
            client,
            company="Acme",
            address="1 Main St",
            contact="Jane",
            staff="1200",
            phone="+7 495 000-00-00",
        )
    )
    assert page.textarea("cl-note") == (
        "Potential corporate client\nCompany: Acme\nAddress: 1 Main St\nContact person: Jane\n"
        "Phone: +7 495 000-00-00\nEmployees: 1,200"
    )
    copy = next(b for b in page.buttons if b.get("data-copy-from") == "textarea")
    assert "hidden" in copy  # site.js shows it


def test_the_fallback_needs_only_a_name_and_a_phone(client):
    data = {"fallback.case-form": "1", "contact": "Jane", "phone": "+7 495 000-00-00"}
    page = Page(post_case(client, **{k: v for k, v in data.items() if k != "fallback.case-form"}))
    assert page.by_id("f-company-error") is not None  # without the switch
    response = client.post(
        f"/en{CASE}",
        data={
            "csrf_token": csrf(client),
            "check": "1",
            "fallback.case-form": "1",
            "f.contact": "Jane",
            "f.phone": "+7 495 000-00-00",
        },
    )
    page = Page(text(response))
    assert page.textarea("cl-note").endswith(
        'Phone: +7 495 000-00-00\nCASE for a "null client"; someone calls back in working hours.'
    )
    switch = next(i for i in page.inputs if i.get("name") == "fallback.case-form")
    assert "checked" in switch


# Calculators -----------------------------------------------------------------------------


def calc(client, lang="en", subscriptions="60", buy="0", sale="0", customer="vc_partner"):
    data = {
        "csrf_token": csrf(client),
        "f.subscriptions": subscriptions,
        "f.total_buy_cost": buy,
        "f.total_sale_cost": sale,
        "f.customer_type": customer,
    }
    return Page(text(client.post(f"/{lang}{CALC}", data=data)))


def rule_title(page: Page) -> str:
    return next(e["text"] for e in page.elements if e.get("class") == "outcome-title").strip()


@pytest.mark.parametrize(
    "subscriptions, customer, rule",
    [
        ("59.99", "vc_partner", "No notification"),
        ("60", "vc_partner", "Notify Sales (Nico)"),
        ("60.01", "vc_partner", "Notify Sales (Nico)"),
        ("60", "vpl_customer", "Notify Sales (Liam)"),
        ("-5", "vc_partner", "No notification"),
    ],
)
def test_the_pnv_calculator_around_the_threshold(client, subscriptions, customer, rule):
    page = calc(client, subscriptions=subscriptions, customer=customer)
    assert rule_title(page).startswith(rule)
    summary = page.textarea("calc-summary")
    assert "\nOutcome: " in summary and rule in summary


def test_the_rule_that_applies_is_said_in_words(client):
    page = calc(client, subscriptions="100", buy="40", sale="0")
    values = [e["text"] for e in page.elements if e["tag"] == "div" and "class" not in e]
    assert "PNV Balance60.00 USD" in values
    when = next(e["text"] for e in page.elements if e.get("class") == "calc-when")
    assert when == "Rule that applies: PNV Balance ≥ 60 and Customer type = “VC Partner”"


def test_the_calculator_in_russian_reads_a_decimal_comma(client):
    page = calc(client, "ru", subscriptions="59,99")
    assert rule_title(page).startswith("Уведомление не нужно")
    assert "Баланс PNV: 59,99 USD" in page.textarea("calc-summary")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("subscriptions", "", "Enter a number."),
        ("subscriptions", "sixty", "Enter a number: digits"),
        ("buy", "-1", "Enter 0 or more."),
        ("customer", "", "Choose one of the options."),
    ],
)
def test_calculator_input_errors_are_shown_beside_the_inputs(client, field, value, message):
    page = calc(client, **{field: value})
    input_id = {"buy": "total_buy_cost", "customer": "customer_type"}.get(field, field)
    assert page.by_id(f"f-{input_id}-error")["text"].startswith(message)
    assert page.by_id("calc-summary") is None


def test_a_rule_with_a_checklist_opens_it_filled_in_with_the_result(client):
    page = calc(client, subscriptions="75.5")
    form = next(f for f in page.forms if f.get("action", "").endswith("/retention-notice"))
    hidden = {i["name"]: i["value"] for i in page.inputs if i.get("name") == "f.pnv_balance"}
    assert hidden == {"f.pnv_balance": "75.50"} and form["method"] == "post"
    response = client.post(
        form["action"], data={"csrf_token": csrf(client), "f.pnv_balance": "75.50"}
    )
    notice = Page(text(response))
    balance = next(i for i in notice.inputs if i.get("name") == "f.pnv_balance")
    assert balance["value"] == "75.50"
    assert notice.by_id("f-account-error") is None  # not checked until sent


# Routing ---------------------------------------------------------------------------------


def routing(client, lang="en", **params):
    return Page(text(client.get(f"/{lang}{ROUTING}", query_string=params)))


def decision(page: Page) -> tuple[str, str]:
    reason = next(e for e in page.elements if "rt-reason" in e.get("class", ""))
    heading = page.by_id("rt-result-title")["text"]
    return reason["text"], heading


@pytest.mark.parametrize(
    "day, clock, tz, reason, title",
    [
        ("2026-01-12", "10:00", "Europe/Moscow", "Within working hours", "Transfer the client"),
        ("2026-01-12", "18:59", "Europe/Moscow", "Within working hours", "Transfer the client"),
        ("2026-01-12", "19:00", "Europe/Moscow", "Outside working hours", "Create a CASE"),
        ("2026-01-17", "12:00", "Europe/Moscow", "Day off", "Create a CASE"),
        ("2026-05-01", "12:00", "Europe/Moscow", "Public holiday", "Create a CASE"),
        ("2026-01-12", "07:30", "Europe/London", "Within working hours", "Transfer the client"),
        ("2026-01-12", "16:30", "Europe/London", "Outside working hours", "Create a CASE"),
        ("2026-01-12", "01:30", "America/New_York", "Within working hours", "Transfer the client"),
    ],
)
def test_routing_at_a_chosen_moment(client, day, clock, tz, reason, title):
    page = routing(client, date=day, time=clock, tz=tz)
    found_reason, heading = decision(page)
    assert found_reason == reason and heading.startswith(title)


def test_routing_says_when_the_line_opens_next_and_names_both_clocks(client):
    page = routing(client, date="2026-01-17", time="12:00", tz="Europe/London")
    opens = next(e["text"] for e in page.elements if e.get("class") == "rt-opens")
    assert opens == "Opens next: Monday, January 19, 2026, 9:00\u202fAM"
    moment = next(e["text"] for e in page.elements if e.get("class") == "rt-moment")
    assert "Saturday, January 17, 2026, 3:00\u202fPM" in moment  # Moscow's clock
    assert "12:00\u202fPM in London (UTC)" in moment
    summary = page.textarea("rt-summary")
    assert summary.startswith(
        "Telesales or a CASE\nDate: Jan 17, 2026, 3:00\u202fPM, Moscow (UTC+3)"
    )
    assert "Status: Day off" in summary


def test_routing_now_and_a_bad_date(client):
    page = routing(client)
    assert page.by_id("rt-result-title") is not None
    assert next(e for e in page.elements if e.get("class") == "rt-moment")["text"].startswith(
        "Now: "
    )
    bad = routing(client, date="2026-13-40", time="10:00")
    assert bad.by_id("rt-error")["text"] == "Enter a date as YYYY-MM-DD and a time as HH:MM."
    assert next(i for i in bad.inputs if i.get("name") == "date")["aria-invalid"] == "true"


def test_an_unknown_zone_is_read_as_the_procedures_own(client):
    page = routing(client, date="2026-01-12", time="10:00", tz="Mars/Olympus")
    assert decision(page)[0] == "Within working hours"
    selected = next(i for i in page.inputs if i.get("name") == "tz")
    assert selected["value"] == "Europe/Moscow"


def test_the_routing_checklist_is_one_click_away(client):
    page = routing(client, date="2026-01-17", time="12:00")
    assert any(a["href"] == f"/en{CASE}" for a in page.links)


# Decision tables -------------------------------------------------------------------------


def shown_rows(page: Page) -> list[str]:
    return [
        e["id"].removeprefix("dt-retention-transfer-")
        for e in page.elements
        if e["tag"] == "tr" and e.get("id", "").startswith("dt-") and "hidden" not in e
    ]


def rows(client, lang, q):
    response = client.get(f"/{lang}{TABLE}/rows", query_string={"q": q})
    return [r.removeprefix("dt-retention-transfer-") for r in response.get_json()["rows"]]


@pytest.mark.parametrize(
    "lang, q, expected",
    [
        ("en", "", None),
        ("en", "refund", ["service-job-refund"]),
        ("en", "refunds", ["service-job-refund"]),  # stemmed
        ("en", "cancelation", ["dunning", "cancel"]),  # "Dunning pending cancel" counts
        ("en", "fulfilment kit", ["coverage-items"]),  # British spelling: one letter off
        ("en", "supervisor", ["supervisor-request"]),
        ("en", "paym", ["payment"]),  # still typing
        ("ru", "возврата", ["service-job-refund"]),  # inflected
        ("ru", "компенсацыю", ["service-job-refund"]),  # inflected, with a typo
        ("ru", "расторгнуть договора", ["cancel"]),
        ("ru", "мастеру", ["service-job-refund", "supervisor-request"]),
        ("ru", "zzzz", []),
    ],
)
def test_the_table_filter_uses_the_search_analysis(client, lang, q, expected):
    everything = [
        "coverage-items",
        "update-contact",
        "dunning",
        "service-job-refund",
        "supervisor-request",
        "cancel",
        "property-address",
        "payment",
    ]
    expected = everything if expected is None else expected
    assert rows(client, lang, q) == expected
    page = Page(text(client.get(f"/{lang}{TABLE}", query_string={"q": q})))
    assert shown_rows(page) == expected


def test_the_table_page_says_how_many_match_and_links_each_row(client):
    page = Page(text(client.get(f"/en{TABLE}", query_string={"q": "refund"})))
    assert page.by_id("dt-status")["text"] == "1 of 8 scenarios matches."
    link = next(a for a in page.links if a.get("class") == "dt-link")
    assert link["href"] == f"/en/{SLUG}#dt-retention-transfer-coverage-items"
    none = Page(text(client.get(f"/en{TABLE}", query_string={"q": "zzzz"})))
    assert none.by_id("dt-status")["text"].startswith("No scenario matches.")
    answer = client.get(f"/en{TABLE}/rows", query_string={"q": "refund"}).get_json()
    assert answer["status"] == "1 of 8 scenarios matches."


def test_decisions_are_badges(client):
    html = text(client.get(f"/en{TABLE}"))
    assert (
        '<span class="badge decision-transfer">Transfer</span> <span class="dt-to">Retention</span>'
        in html
    )
    assert '<span class="badge decision-do-not-transfer">Do not transfer</span>' in html
    assert '<span class="badge decision-escalate">Escalate</span>' in html


def test_a_table_page_takes_no_post(client):
    assert client.post(f"/en{TABLE}", data={"csrf_token": csrf(client)}).status_code == 405


# Time zones and what every page leaves out -----------------------------------------------


def test_the_browsers_time_zone_is_used_when_it_is_one(app, client):
    with app.test_request_context(headers={"Cookie": "kb_tz=Asia/Tokyo"}):
        assert str(reader_zone()) == "Asia/Tokyo"
    with app.test_request_context(headers={"Cookie": "kb_tz=Nowhere/Else"}):
        assert str(reader_zone()) == app.config["KB_TIMEZONE"]


def test_the_zone_picker_is_short_translated_and_defaults_to_the_blocks_zone(client):
    """The same date and time give the same answer on the first visit and later ones: the
    browser's zone (a cookie set by guide.js) is offered, never chosen for the reader."""
    first = routing(client, date="2026-01-19", time="18:00")
    client.set_cookie("kb_tz", "Asia/Tokyo")
    later = routing(client, date="2026-01-19", time="18:00")
    for page in (first, later):
        picker = next(i for i in page.inputs if i.get("name") == "tz")
        assert picker["value"] == "Europe/Moscow"
        assert 10 <= len(picker["options"]) <= 25
    moment = [
        next(e["text"] for e in p.elements if e.get("class") == "rt-moment") for p in (first, later)
    ]
    assert moment[0] == moment[1]
    labels = client.get("/ru" + ROUTING).get_data(as_text=True)
    assert ">Москва (UTC+3)</option>" in labels and ">Токио (UTC+9)</option>" in labels
    assert "Europe/Moscow</option>" not in labels


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", CASE),
        ("post", CASE),
        ("get", CALC),
        ("post", CALC),
        ("get", ROUTING),
        ("get", TABLE),
    ],
)
def test_no_page_has_inline_script_or_style(client, method, url):
    data = {"csrf_token": csrf(client), "check": "1", "f.subscriptions": "1"}
    response = client.get(f"/en{url}") if method == "get" else client.post(f"/en{url}", data=data)
    html = text(response)
    assert " style=" not in html and "<script>" not in html
    assert "/static/js/guide.js" in html
    assert response.headers["Cache-Control"] == "no-store"
