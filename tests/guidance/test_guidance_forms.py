"""Checklists (case-field forms with a CRM note) and decision tables."""

from __future__ import annotations

import re

import pytest

from kb.guidance.checklist import fill, note_text
from kb.guidance.model import Checklist, DecisionTable

from .conftest import errors, load, make_block, marked_line, spec_of, warnings


@pytest.fixture(scope="module")
def notice() -> Checklist:
    return load("en", "retention")[0][1]


@pytest.fixture(scope="module")
def case_form() -> Checklist:
    return load("ru", "potential-clients")[0][1]


NOTICE_VALUES = {
    "validation_due": "2025-03-14",
    "pnv_balance": "60.01",
    "account": "AC-1042",
    "company": "Acme Ltd",
    "customer": "Jane Roe",
    "phone": "+1 (555) 010-4477",
    "email": "",
    "ticket": "88231",
}


def test_reads_the_retention_notification(notice):
    assert [f.id for f in notice.fields][:3] == ["validation_due", "pnv_balance", "account"]
    assert [f.required for f in notice.fields] == [True] * 5 + [False, False, True]
    assert notice.field("phone").type == "phone"
    assert notice.require_any == (("phone", "email"),)


def test_the_note_is_built_from_the_values(notice, en):
    form = fill(notice, NOTICE_VALUES, locale="en", _=en)
    assert form.complete and form.errors == {}
    assert form.note == (
        "Retention: PNV Balance of 60 or more\n"
        "Validation due: Mar 14, 2025\n"
        "PNV Balance: 60.01\n"
        "Account Number: AC-1042\n"
        "Company Name: Acme Ltd\n"
        "Customer Name: Jane Roe\n"
        "Phone Number: +1 (555) 010-4477\n"
        "Ticket Number: 88231"
    )


def test_missing_and_malformed_values_are_named(notice, en):
    raw = NOTICE_VALUES | {"account": " ", "phone": "call me", "validation_due": "14/13/2025"}
    form = fill(notice, raw, locale="en", _=en)
    assert form.errors == {
        "validation_due": "Enter a date as YYYY-MM-DD or DD.MM.YYYY.",
        "account": "This field is required.",
        "phone": "Enter a phone number: digits, spaces, '+', '-' and brackets.",
    }
    assert not form.complete


def test_one_of_phone_or_email_is_needed(notice, en):
    form = fill(notice, NOTICE_VALUES | {"phone": ""}, locale="en", _=en)
    assert form.errors == {"phone": "Fill in at least one of these fields."}
    assert fill(
        notice, NOTICE_VALUES | {"phone": "", "email": "a@b.co"}, locale="en", _=en
    ).complete


@pytest.mark.parametrize(
    ("field", "typed", "shown"),
    [
        ("validation_due", "14.03.2025", "14 мар. 2025\u202fг."),
        ("pnv_balance", "1 234,5", "1\u00a0234,5"),
        ("email", "bad@", None),
    ],
)
def test_values_are_shown_in_the_locale(notice, en, field, typed, shown):
    form = fill(notice, NOTICE_VALUES | {field: typed}, locale="ru", _=en)
    if shown is None:
        assert form.errors == {field: "Enter an email address such as name@example.com."}
    else:
        assert form.values[field] == shown and form.errors == {}


def test_the_case_form_leaves_out_lines_nobody_filled(case_form, en):
    raw = {
        "company": "ООО «Ромашка»",
        "address": "Москва, Тверская, 1",
        "contact": "Иван Петров",
        "email": "ivan@example.ru",
        "staff": "120",
    }
    form = fill(case_form, raw, locale="ru", _=en)
    assert form.complete
    assert form.note == (
        "Потенциальный клиент — юридическое лицо\n"
        "Компания: ООО «Ромашка»\n"
        "Адрес: Москва, Тверская, 1\n"
        "Контактное лицо: Иван Петров\n"
        "E-mail: ivan@example.ru\n"
        "Сотрудников: 120"
    )


def test_the_fallback_needs_only_a_name_and_phone_and_says_so(case_form, en):
    raw = {"contact": "Иван", "phone": "8 800 555-35-35"}
    assert set(fill(case_form, raw, locale="ru", _=en).errors) == {"company", "address"}
    form = fill(case_form, raw, locale="ru", _=en, fallback=True)
    assert form.complete and form.fallback
    assert form.note.splitlines() == [
        "Потенциальный клиент — юридическое лицо",
        "Контактное лицо: Иван",
        "Телефон: 8 800 555-35-35",
        "CASE на нулевого клиента; в рабочее время с клиентом свяжется сотрудник СРКК.",
    ]
    assert fill(case_form, {"contact": "Иван"}, locale="ru", _=en, fallback=True).errors == {
        "phone": "This field is required."
    }


def test_without_a_template_the_note_lists_label_and_value():
    spec = spec_of(
        make_block(
            "checklist",
            """
        id: short
        title: Short
        fields:
          - {id: name, label: Name, required: yes}
          - {id: kind, label: Kind, type: choice, options: [{id: a, label: Type A}]}
          - {id: braces, label: Braces}
    """,
        )
    )
    assert (
        note_text(spec, {"name": "Jo", "kind": "Type A", "braces": ""}) == "Name: Jo\nKind: Type A"
    )
    assert spec.fields[0].required


def test_literal_braces_in_a_template():
    spec = spec_of(
        make_block(
            "checklist",
            """
        id: b
        title: B
        fields: [{id: n, label: N}]
        note: "{{literal}} {n}"
    """,
        )
    )
    assert note_text(spec, {"n": "1"}) == "{literal} 1"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "fields:\n  - {id: a, label: A}\n  - {id: a, label: Again}  # <-",
            "field 'a' is given twice",
        ),
        (
            "fields:\n  - {id: a, label: A, type: money}  # <-",
            "'type' is 'money'; use one of: text",
        ),
        (
            "fields:\n  - {id: a, label: A, required: maybe}  # <-",
            "'required' must be true or false",
        ),
        ("fields:\n  - {id: a, label: A, type: choice}  # <-", "a 'choice' field needs 'options'"),
        (
            "fields:\n  - {id: a, label: A}\nnote: |\n  A: {a}\n  B: {b}  # <-",
            "\\{b\\} is not a field of this checklist",
        ),
        ("fields:\n  - {id: a, label: A}\nnote: 'A: {a'  # <-", "a lone '\\{' or '\\}'"),
        (
            "fields:\n  - {id: a, label: A}\nrequire-any:\n  - [a, z]  # <-",
            "names unknown field 'z'",
        ),
        ("fields:\n  - {id: a, label: A}\nrequire-any:\n  - [a]  # <-", "two fields or more"),
        (
            "fields:\n  - {id: a, label: A}\nfallback:\n  label: L\n  required: [b]  # <-",
            "fallback 'required' names unknown field 'b'",
        ),
        (
            "fields:\n  - {id: a, label: A}\nfallback:  # <-\n  label: L",
            "missing required key 'required'",
        ),
    ],
)
def test_checklist_mistakes_are_reported_at_their_line(source, message):
    block = make_block("checklist", "id: c\ntitle: C\n" + source)
    found = errors(block)
    assert any(at == marked_line(block) and re.search(message, text) for at, text in found), found


def test_options_on_a_text_field_are_a_warning():
    block = make_block(
        "checklist",
        "id: c\ntitle: C\nfields:\n  - {id: a, label: A, options: [{id: x, label: X}]}  # <-",
    )
    assert errors(block) == []
    assert warnings(block) == [
        (marked_line(block), "checklist: field 'a': 'options' are only used by 'choice' fields")
    ]


def test_reads_the_transfer_table():
    (table,), problems = load("en", "transfer-to-retention")
    assert problems == []
    assert isinstance(table, DecisionTable)
    assert [(r.id, r.decision) for r in table.rows][:6] == [
        ("coverage-items", "do-not-transfer"),
        ("update-contact", "do-not-transfer"),
        ("dunning", "do-not-transfer"),
        ("service-job-refund", "escalate"),
        ("supervisor-request", "escalate"),
        ("cancel", "transfer"),
    ]
    assert table.rows[5].to == "Retention"
    assert table.rows[0].keywords == ("dec page", "fulfillment kit", "coverage")
    assert table.script.startswith("This call may be recorded")
    ru_table = load("ru", "transfer-to-retention")[0][0]
    assert dict(ru_table.columns) == {"scenario": "Ситуация"}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{id: r, scenario: S, decision: transfer}  # <-", "row 'r': 'transfer' needs 'to'"),
        ("{id: r, scenario: S, decision: escalate}  # <-", "row 'r': 'escalate' needs 'to'"),
        ("{id: r, scenario: S, decision: do-not-transfer}  # <-", "say in 'do' what to do instead"),
        ("{id: r, scenario: S, decision: maybe, to: X}  # <-", "'decision' is 'maybe'; use one of"),
        ("{id: r, decision: transfer, to: X}  # <-", "row 'r': missing required key 'scenario'"),
    ],
)
def test_decision_table_mistakes_are_reported_at_their_line(row, message):
    block = make_block("decision-table", f"id: t\ntitle: T\nrows:\n  - {row}")
    found = errors(block)
    assert any(at == marked_line(block) and re.search(message, text) for at, text in found), found


def test_duplicate_rows_and_a_target_that_is_not_used():
    block = make_block(
        "decision-table",
        """
        id: t
        title: T
        rows:
          - {id: r, scenario: S, decision: transfer, to: Retention}
          - {id: r, scenario: S2, decision: do-not-transfer, do: D, to: X}  # <-
    """,
    )
    assert (marked_line(block), "row 'r' is given twice") in errors(block)
    assert (marked_line(block), "row 'r': 'to' is ignored when the call is not transferred") in (
        warnings(block)
    )
