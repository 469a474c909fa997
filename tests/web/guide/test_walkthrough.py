"""Walkthrough pages without JavaScript: links and forms, Back and Restart, views, summaries."""

import re

import pytest

from kb.guidance.specs import article_specs
from tests.web.editing import csrf
from tests.web.guiding import (
    Page,
    choose,
    form_data,
    paths_to_outcomes,
    query,
    start,
    walk_sample,
    walk_to,
)

SLUG, BLOCK = "callback-demo", "porting-call"
DETAILS = {"f.account": "ACC-1", "f.contact": "Jane Doe", "f.reason": "Cheaper elsewhere"}


def spec_of(app, lang=None, slug=SLUG, block=BLOCK):
    article = app.extensions["kb_content"].library.get(lang or "en", slug)
    return article_specs(article).get(block)


def html(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_outcome_can_be_reached_with_plain_links_and_forms(client, app, lang):
    spec = spec_of(app, lang)
    paths = paths_to_outcomes(spec)
    assert set(paths) == set(spec.outcomes)
    for outcome, path in paths.items():
        response = walk_to(client, lang, SLUG, spec, path, fill=DETAILS)
        page = Page(html(response))
        assert page.heading == spec.outcomes[outcome].title
        assert spec.title in page.textarea("wt-summary")


def test_choices_are_links_that_keep_the_path_in_the_address(client):
    page = Page(html(start(client, "en", SLUG, BLOCK)))
    choices = [a for a in page.links if "wt-choice" in a.get("class", "")]
    assert [a["text"] for a in choices] == ["They answered", "Nobody answered"]
    assert [query(a["href"])["path"] for a in choices] == ["answered", "no-answer"]
    assert not page.guide_form  # nothing typed yet: no form, the page can be bookmarked


def test_progress_back_restart_and_the_path_so_far(client, app):
    first = start(client, "en", SLUG, BLOCK)
    run = query(Page(html(first)).by_id("wt-run")["data-url"])["run"]
    response = choose(client, first, "no-answer")
    text = html(response)
    page = Page(text)
    assert page.heading == "Leave a voicemail"
    assert "Step 2 of 2" in text
    back = next(a for a in page.links if a["text"] == "Back")
    assert query(back["href"]) == {"run": run}
    restart = next(a for a in page.links if a["text"] == "Restart")
    assert restart["href"] == f"/en/{SLUG}/guide/{BLOCK}"  # a new run
    trail = [e for e in page.links if "wt-trail-step" in e.get("class", "")]
    assert [t["text"] for t in trail] == ["Call the customer"]
    assert "Nobody answered" in text[text.index("wt-trail") :]
    assert Page(html(client.get(back["href"]))).heading == "Call the customer"


def test_the_script_has_a_copy_button(client):
    response = client.get(f"/en/{SLUG}/guide/{BLOCK}", query_string={"path": "no-answer"})
    response = client.get(response.headers["Location"])
    text = html(response)
    assert "Hello, this is the porting team calling back.<br>Please call us" in text
    assert 'data-copy-from=".script-text"' in text


def test_the_training_view_shows_why_and_notes_and_the_agent_view_does_not(client):
    agent = html(start(client, "en", SLUG, BLOCK))
    training = html(start(client, "en", SLUG, BLOCK, view="training"))
    assert "A call gets an answer sooner" not in agent
    assert "A call gets an answer sooner" in training
    page = Page(training)
    assert all(
        "view=training" in a["href"] for a in page.links if "wt-choice" in a.get("class", "")
    )
    switch = next(a for a in Page(agent).links if "wt-view-switch" in a.get("class", ""))
    assert query(switch["href"])["view"] == "training"


def test_a_step_with_fields_is_a_form_and_required_fields_are_checked(client):
    response = choose(client, start(client, "en", SLUG, BLOCK), "answered")
    page = Page(html(response))
    assert page.heading == "Take down their details"
    assert page.guide_form
    stays = next(b for b in page.buttons if b["text"] == "They stay with us")
    assert query(stays["formaction"])["path"] == "answered.stays"
    assert stays["name"] == "check" and stays["value"] == "answered"
    data = form_data(page, client, {"f.callback_on": "31.02.2026"})
    data["check"] = "answered"
    text = html(client.post(stays["formaction"], data=data))
    page = Page(text)
    assert page.heading == "Take down their details"  # not moved on
    account = next(i for i in page.inputs if i.get("name") == "f.account")
    assert account["aria-invalid"] == "true" and account["aria-required"] == "true"
    assert account["aria-describedby"] == "f-account-error"
    assert page.by_id("f-account-error")["text"] == "This field is required."
    assert page.by_id("f-callback_on-error")["text"].startswith("Enter a date")
    assert 'value="31.02.2026"' in text  # what was typed stays, to be corrected
    assert 'role="alert"' in text and 'href="#f-account"' in text


def test_details_travel_in_hidden_fields_into_the_summary_and_the_note(client, app):
    spec = spec_of(app)
    fill = {**DETAILS, "f.callback_on": "2026-02-03", "f.phone": "+7 900 111-22-33"}
    response = walk_to(client, "en", SLUG, spec, ["answered", "leaves", "done"], fill=fill)
    page = Page(html(response))
    hidden = {i["name"]: i["value"] for i in page.inputs if i.get("type") == "hidden"}
    assert hidden["f.account"] == "ACC-1" and hidden["f.callback_on"] == "2026-02-03"
    summary = page.textarea("wt-summary")
    assert re.fullmatch(
        "Porting call-back\n"
        r"Date: \w{3} \d+, \d{4}, \d+:\d\d\s[AP]M\n"
        "\n"
        "Path taken:\n"
        "1. Call the customer → They answered\n"
        "2. Take down their details → They still want to leave\n"
        "3. Open a CASE → The CASE is filled in\n"
        "\n"
        "Details:\n"
        "Account number: ACC-1\n"
        "Call-back date: Feb 3, 2026\n"
        "Contact person: Jane Doe\n"
        "Contact phone: \\+7 900 111-22-33\n"
        "Email: sample@example.com\n"  # filled in by walk_to
        "Reason for leaving: Cheaper elsewhere\n"
        "\n"
        "Outcome: Let them port away\n"
        "\n"
        "Next actions:\n"
        "- Send template: Porting - Final confirmation",
        summary,
    ), summary
    note = page.textarea("wt-note-1")
    assert note == (
        "Porting away\nContact: Jane Doe\nPhone: +7 900 111-22-33\nEmail: sample@example.com\n"
        "Reason: Cheaper elsewhere"
    )


def test_the_summary_in_russian(client, app):
    spec = spec_of(app, "ru")
    response = walk_to(client, "ru", SLUG, spec, ["no-answer", "next"])
    summary = Page(html(response)).textarea("wt-summary")
    lines = summary.splitlines()
    assert lines[0] == "Обратный звонок по переносу"
    assert re.fullmatch(r"\w+: \d+ \w+\.? \d{4}\sг\., \d+:\d\d", lines[1]), lines[1]
    assert "1. Позвоните клиенту → Никто не ответил" in lines
    assert lines[-1] == "- Оставьте тикет в ожидании."


def test_the_fallback_asks_only_for_a_name_and_phone(client, app):
    spec = spec_of(app)
    response = walk_to(client, "en", SLUG, spec, ["answered", "leaves"], fill=DETAILS)
    page = Page(html(response))
    done = next(b for b in page.buttons if b["text"] == "The CASE is filled in")
    data = form_data(page, client, {"fallback.case-form": "1", "f.contact": "Jane Doe"})
    data.pop("f.reason", None)
    data["check"] = done["value"]
    page = Page(html(client.post(done["formaction"], data=data)))
    assert page.heading == "Open a CASE"
    assert page.by_id("f-phone-error")["text"] == "This field is required."
    assert page.by_id("f-reason-error") is None  # not needed with the fallback
    data["f.phone"] = "+7 900 111-22-33"
    page = Page(html(client.post(done["formaction"], data=data)))
    assert page.heading == "Let them port away"
    assert page.textarea("wt-note-1").endswith("Call back in working hours.")


def test_the_outcome_form_updates_the_summary(client, app):
    spec = spec_of(app)
    response = walk_to(client, "en", SLUG, spec, ["answered", "leaves", "done"], fill=DETAILS)
    page = Page(html(response))
    update = next(b for b in page.buttons if b["text"] == "Update the summary")
    data = form_data(page, client, {"f.email": "jane@example.com"})
    data["check"] = update["value"]
    page = Page(html(client.post(update["formaction"], data=data)))
    assert "Email: jane@example.com" in page.textarea("wt-summary")
    assert "Email: jane@example.com" in page.textarea("wt-note-1")


def test_enter_in_a_field_checks_the_details_instead_of_choosing(client):
    page = Page(html(choose(client, start(client, "en", SLUG, BLOCK), "answered")))
    first = next(b for b in page.buttons if b.get("formaction"))
    assert first["text"] == "Check the details"
    assert query(first["formaction"])["path"] == "answered" and first["value"] == "answered"


def test_back_keeps_the_details_typed(client, app):
    spec = spec_of(app)
    response = walk_to(client, "en", SLUG, spec, ["answered", "leaves"], fill=DETAILS)
    page = Page(html(response))
    back = next(b for b in page.buttons if b["text"] == "Back")
    assert "name" not in back  # going back checks nothing
    page = Page(html(client.post(back["formaction"], data=form_data(page, client))))
    assert page.heading == "Take down their details"
    account = next(i for i in page.inputs if i.get("name") == "f.account")
    assert account["value"] == "ACC-1"


def test_partial_answers_only_the_run_for_the_script_to_swap(client):
    first = start(client, "en", SLUG, BLOCK)
    link = next(a for a in Page(html(first)).links if a["text"] == "Nobody answered")
    response = client.get(link["href"] + "&partial=1")
    text = html(response)
    assert text.lstrip().startswith("<div") and "<html" not in text
    page = Page(text)
    run = page.by_id("wt-run")
    assert "partial" not in run["data-url"] and "path=no-answer" in run["data-url"]
    assert run["data-title"].startswith("Leave a voicemail · Porting call-back")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_path_that_no_longer_fits_stops_at_the_last_step_that_does(client):
    first = start(client, "en", SLUG, BLOCK)
    run = query(Page(html(first)).by_id("wt-run")["data-url"])["run"]
    response = client.get(
        f"/en/{SLUG}/guide/{BLOCK}", query_string={"path": "answered.gone.x", "run": run}
    )
    page = Page(html(response))
    assert page.heading == "Take down their details"
    assert "stops at the last step that still fits" in html(response)
    assert query(page.by_id("wt-run")["data-url"])["path"] == "answered"


def test_unknown_blocks_and_articles_are_not_found(client):
    assert client.get(f"/en/{SLUG}/guide/nothing").status_code == 404
    assert client.get(f"/en/missing/guide/{BLOCK}").status_code == 404
    assert client.get(f"/en/{SLUG}/guide/case-form/rows").status_code == 404


def test_posting_needs_the_csrf_token(client):
    assert client.post(f"/en/{SLUG}/guide/{BLOCK}", data={"f.account": "x"}).status_code == 400
    token = csrf(client)
    assert client.post(f"/en/{SLUG}/guide/{BLOCK}", data={"csrf_token": token}).status_code == 200


def test_the_language_switch_keeps_the_step(client, app):
    response = choose(client, start(client, "en", SLUG, BLOCK), "no-answer")
    switch = next(a for a in Page(html(response)).links if a.get("hreflang") == "ru")
    assert query(switch["href"])["path"] == "no-answer"
    assert (
        Page(html(client.get(switch["href"]))).heading
        == walk_sample(spec_of(app, "ru"), "no-answer").step.title
    )
