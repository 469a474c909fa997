"""Static HTML of each kind, escaping, and the text given to search."""

from __future__ import annotations

import re

import pytest

from kb.guidance.html import render_html
from kb.guidance.text import anchor, block_text, markdown_html, plain_text

from .conftest import load, make_block, spec_of

HOSTILE = """
id: x
title: <script>alert(1)</script>
text: "Click [here](javascript:alert(1)) or <img src=x onerror=alert(1)>"
steps:
  - id: a
    title: A & B
    script: Say "<b>hi</b>"
    choices:
      - {id: go, label: "<i>Go</i>", next: done}
outcomes:
  - id: done
    title: Done
    kind: resolved
    actions:
      - send: "<template>"
"""


def html_of(lang, slug, index=0, **options):
    specs, _ = load(lang, slug)
    return render_html(specs[index], locale=lang, _=lambda s: s, specs=specs, **options)


def test_author_text_is_escaped_and_scripts_cannot_run():
    html = render_html(spec_of(make_block("walkthrough", HOSTILE)), locale="en", _=lambda s: s)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html.replace("[here](javascript:alert(1))", "")
    assert 'href="javascript' not in html
    assert "<i>Go</i>" not in html and "&lt;i&gt;Go&lt;/i&gt;" in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and "&lt;template&gt;" in html
    assert "A &amp; B" in html


def test_walkthrough_reads_as_a_complete_procedure():
    html = html_of("en", "call-back")
    assert html.startswith('<section class="guidance guidance-walkthrough" id="wt-call-back"')
    assert html.count('class="wt-step"') == 9
    assert '<li class="wt-step" id="wt-call-back-resolve">' in html
    assert (
        '<span class="wt-choice">Nobody answered</span> → '
        '<a href="#wt-call-back-voicemail">Step 8: Leave a voicemail</a>'
    ) in html
    # a conditional next is shown as its conditions, in words, with the default last
    assert (
        "<li>If reason = “They need login or access help” → "
        '<a href="#wt-call-back-sr-spoke">Outcome: Send &quot;No Login Checks 2a&quot;</a></li>'
    ) in html
    assert "If reason = “They need login or access help” and message = “I left a voicemail”" in html
    assert '<li>Otherwise → <a href="#wt-call-back-standard-sr">' in html
    assert '<figure class="script">' in html and "Hello, this is [your name]" in html
    assert '<span class="badge kind-refunded">Refund</span>' in html
    assert '<span class="action-kind">Remove tag:</span> call next' in html
    assert "<strong>call next</strong>" in html  # Markdown in text


def test_why_and_notes_only_in_the_training_view():
    assert "wt-why" not in html_of("en", "call-back")
    training = html_of("en", "call-back", training=True)
    assert '<aside class="wt-why training-only">' in training
    assert '<aside class="wt-notes training-only">' in training


def test_labels_go_through_the_translation_function():
    specs, _ = load("ru", "call-back")
    html = render_html(specs[0], locale="ru", _=lambda s: f"[{s}]")
    assert "[Script]" in html and "[Next actions]" in html and "[Email]" in html
    assert "[Step] 2: Позвоните клиенту" in html


def test_checklist_marks_required_and_desirable_fields():
    html = html_of("ru", "potential-clients", 1)
    assert '<li class="cl-field cl-required" id="cl-case-form-company">' in html
    assert (
        '<span class="cl-label">Профиль деятельности</span> '
        '<span class="badge cl-desirable">Desirable</span>'
    ) in html
    assert '<p class="cl-any">At least one of: Контактный телефон, E-mail</p>' in html
    assert "<strong>Клиент оставляет только имя и контактный телефон</strong>" in html
    assert "Required instead: Контактное лицо, Контактный телефон" in html
    assert "Компания: [Название компании]" in html  # the note template, readable


def test_decision_table_has_badges_and_row_anchors():
    html = html_of("en", "transfer-to-retention")
    assert '<th scope="col">Scenario</th><th scope="col">Decision</th>' in html
    assert re.search(
        r'<tr class="dt-row decision-transfer" id="dt-retention-transfer-cancel">'
        r'.*?<span class="badge decision-transfer">Transfer</span> '
        r'<span class="dt-to">Retention</span>',
        html,
        re.S,
    )
    assert '<span class="badge decision-do-not-transfer">Do not transfer</span>' in html
    assert "This call may be recorded for quality assurance" in html
    ru_html = html_of("ru", "transfer-to-retention")
    assert '<th scope="col">Ситуация</th><th scope="col">Decision</th>' in ru_html


def test_calculator_shows_its_formula_and_rules_in_words():
    html = html_of("en", "retention")
    assert (
        "<strong>PNV Balance</strong> = Subscriptions − Total buy cost + Total sale cost (USD)"
    ) in html
    assert "If PNV Balance ≥ 60 and Customer type = “VC Partner”:" in html
    assert '<p class="calc-when">Otherwise:</p>' in html
    assert "<strong>Total buy cost</strong> (USD): at least 0" in html
    assert "<strong>Customer type</strong>: VC Partner, VPL Customer" in html
    assert '<a href="#cl-retention-notice">Retention notification</a>' in html


def test_routing_shows_hours_holidays_and_outputs():
    html = html_of("ru", "potential-clients")
    assert "Time zone: Europe/Moscow" in html
    assert '<th scope="row">Понедельник</th><td>09:00–19:00</td>' in html
    assert '<th scope="row">Суббота</th><td>Closed</td>' in html
    assert "<li>1 января – 8 января (every year)</li>" in html
    assert "<li>31 декабря 2026\u202fг.</li>" in html
    assert "Переключите клиента на отдел телепродаж" in html
    assert '<a href="#cl-case-form">Параметры для заполнения CASE</a>' in html


def test_links_can_be_rewritten_by_the_caller():
    rewrite = lambda href: "/en/" + href.removesuffix(".md")  # noqa: E731
    html = markdown_html("See [the table](transfer.md) or [a site](https://x.test).", rewrite)
    assert '<a href="/en/transfer">the table</a>' in html
    assert '<a href="https://x.test" rel="noopener noreferrer">a site</a>' in html


def test_plain_text_keeps_words_and_bullets():
    assert plain_text("Call **now**.\n\n- one `code`\n- two [link](x.md)") == (
        "Call now.\n- one code\n- two link"
    )


def test_block_text_gives_one_entry_per_step_outcome_and_row():
    (walkthrough,), _ = load("en", "call-back")
    entries = block_text(walkthrough)
    assert entries[0] == (
        "wt-call-back",
        "Calling a customer back",
        "Follow the steps while you call; the summary at the end goes into the ticket.",
        (),
    )
    dial = {e.anchor: (e.title, e.text) for e in entries}["wt-call-back-dial"]
    assert dial == (
        "Call the customer",
        "Dial the number on the ticket.\nThey answered\nNobody answered",
    )
    assert len(entries) == 1 + 9 + 10  # the block, its steps, its outcomes
    (table,), _ = load("en", "transfer-to-retention")
    rows = block_text(table)
    assert rows[1][0] == "dt-retention-transfer-coverage-items"
    assert rows[1][1].startswith("Customer asks what their coverage includes")
    assert "Dec Page" in rows[1].text and "dec page" not in rows[1].text
    assert {"dec page", "fulfillment kit"} <= set(rows[1].keywords)
    assert anchor(table, "cancel") == "dt-retention-transfer-cancel"


@pytest.mark.parametrize("slug", ["retention", "potential-clients"])
def test_block_text_of_single_entry_kinds(slug):
    specs, _ = load("en", slug)
    for spec in specs:
        (entry,) = block_text(spec)
        assert entry[0] == anchor(spec) and entry[1] == spec.title and entry[2]
