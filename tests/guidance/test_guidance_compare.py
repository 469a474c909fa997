"""English and Russian copies of a spec must keep the same structure."""

from __future__ import annotations

import pytest

from kb.guidance.compare import compare_articles, compare_specs

from .conftest import FIXTURES, load, make_block, spec_of


@pytest.mark.parametrize("slug", sorted(p.stem for p in (FIXTURES / "en").glob("*.md")))
def test_the_fixture_translations_match(slug):
    en, _ = load("en", slug)
    ru, _ = load("ru", slug)
    assert compare_articles(en, ru) == []


def ru_call_back(edit):
    """The Russian call-back spec with its source edited by `edit`, read again."""
    (source_spec,), _ = load("ru", "call-back")
    text = (FIXTURES / "ru" / "call-back.md").read_text("utf-8")
    body = text.split("```walkthrough\n", 1)[1].split("```", 1)[0]
    return spec_of(make_block("walkthrough", edit(body), line=source_spec.line - 1))


def test_a_missing_step_and_a_renamed_choice_are_flagged():
    (en,), _ = load("en", "call-back")
    ru = ru_call_back(
        lambda s: s.replace("id: later", "id: later-on").replace(
            "      - id: left\n", "      - id: left-vm\n"
        )
    )
    messages = [p.message for p in compare_specs(en, ru)]
    assert (
        "walkthrough 'call-back': step 'reschedule': choice 'later' is missing here but is "
        "in the other language" in messages
    )
    assert (
        "walkthrough 'call-back': step 'reschedule': choice 'later-on' is not in the other "
        "language" in messages
    )
    assert any("choice 'left' is missing" in m for m in messages)


def test_a_changed_target_or_condition_is_flagged_at_its_line():
    (en,), _ = load("en", "call-back")
    ru = ru_call_back(
        lambda s: s.replace(
            '- when: reason == "exchange"\n            go: refund-final',
            '- when: reason == "voicemail"\n            go: refund-final',
        )
    )
    problems = compare_specs(en, ru)
    assert [p.message for p in problems] == [
        "walkthrough 'call-back': step 'resolve', choice 'done': where it leads and what it sets "
        "differ from the other language"
    ]
    assert problems[0].line == ru.steps["resolve"].choice("done").line


def test_outcome_kinds_and_actions_are_compared():
    (en,), _ = load("en", "call-back")
    ru = ru_call_back(lambda s: s.replace("kind: refunded", "kind: resolved"))
    assert [p.message for p in compare_specs(en, ru)] == [
        "walkthrough 'call-back': outcome 'hung-up-refund': the kind, actions and checklist "
        "differ from the other language"
    ]


def test_missing_and_extra_blocks_and_kinds():
    en, _ = load("en", "retention")
    ru, _ = load("ru", "retention")
    problems = compare_articles(en, ru[:1], first_line=5)
    assert [(p.line, p.message) for p in problems] == [
        (5, "checklist 'retention-notice' is missing here but is in the other language")
    ]
    extra = compare_articles(en[:1], ru)
    assert [p.message for p in extra] == [
        "checklist 'retention-notice' is not in the other language"
    ]
    table, _ = load("en", "transfer-to-retention")
    renamed = spec_of(
        make_block("checklist", "id: retention-transfer\ntitle: T\nfields: [{id: a, label: A}]")
    )
    assert [p.message for p in compare_specs(table[0], renamed)] == [
        "checklist 'retention-transfer' is a decision-table in the other language"
    ]


@pytest.mark.parametrize(
    ("slug", "index", "old", "new", "message"),
    [
        (
            "retention",
            0,
            "formula: subscriptions - total_buy_cost",
            "formula: subscriptions + total_buy_cost",
            "the formulas differ",
        ),
        (
            "retention",
            0,
            "    min: 0\n  - id: total_sale_cost",
            "    min: 1\n  - id: total_sale_cost",
            "the inputs (ids, types, limits, options) differ",
        ),
        (
            "retention",
            0,
            'pnv_balance >= 60 and customer_type == "vc_partner"',
            'pnv_balance > 60 and customer_type == "vc_partner"',
            "the rules (ids, conditions",
        ),
        (
            "retention",
            1,
            "    type: phone\n",
            "    type: text\n",
            "the field types, required marks and options differ",
        ),
        ("retention", 1, "  Тикет: {ticket}\n", "", "the fields used in the note differ"),
        (
            "potential-clients",
            0,
            "mon-fri: 09:00-19:00",
            "mon-fri: 09:00-18:00",
            "the working hours differ",
        ),
        ("potential-clients", 0, "  - 2026-12-31\n", "", "the holidays differ"),
        (
            "potential-clients",
            0,
            "timezone: Europe/Moscow",
            "timezone: Europe/Samara",
            "the time zones differ",
        ),
        (
            "potential-clients",
            1,
            "required: [contact, phone]",
            "required: [contact, email]",
            "the fallback fields differ",
        ),
        (
            "transfer-to-retention",
            0,
            "decision: escalate\n    to: ваш",
            "decision: transfer\n    to: ваш",
            "the rows (ids and decisions) differ",
        ),
    ],
)
def test_structural_changes_of_other_kinds_are_flagged(slug, index, old, new, message):
    en, _ = load("en", slug)
    ru, _ = load("ru", slug)
    text = (FIXTURES / "ru" / f"{slug}.md").read_text("utf-8")
    source = text.split(f"```{ru[index].kind}\n")[1].split("```")[0]  # one block of each kind
    assert old in source
    changed = spec_of(make_block(ru[index].kind, source.replace(old, new), line=ru[index].line - 1))
    problems = compare_specs(en[index], changed)
    assert len(problems) == 1 and message in problems[0].message, problems
