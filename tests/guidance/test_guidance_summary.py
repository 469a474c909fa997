"""Summaries to paste into the CRM, in English and in Russian."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kb.guidance.calculator import calculate
from kb.guidance.engine import walk
from kb.guidance.routing import route
from kb.guidance.summary import calculator_summary, routing_summary, walkthrough_summary

from .conftest import load, make_block, spec_of

AT = datetime(2025, 3, 12, 14, 5, tzinfo=ZoneInfo("Europe/Moscow"))
PATH = "login.answered.next.yes.yes.done"


def test_english_summary_of_a_full_path(en):
    (spec,), _ = load("en", "call-back")
    text = walkthrough_summary(spec, walk(spec, PATH), locale="en", at=AT, _=en)
    assert text == (
        "Calling a customer back\n"
        "Date: Mar 12, 2025, 2:05\u202fPM\n"
        "\n"
        "Path taken:\n"
        "1. Why are you calling? → They need login or access help\n"
        "2. Call the customer → They answered\n"
        "3. Ask for consent to record → They agree\n"
        "4. Is it a good time to talk? → Yes\n"
        "5. Resolve their request → We talked it through\n"
        "\n"
        'Outcome: Send "No Login Checks 2a"\n'
        "They are not ready to log in yet. Make sure they have no active sub before closing.\n"
        "\n"
        "Next actions:\n"
        "- Send template: Programs - Academy - No Login Checks 2a - Outbound (Spoke)\n"
        "- Remove tag: call next\n"
        "- Add tag: final"
    )


def test_russian_summary_of_the_same_path(ru):
    (spec,), _ = load("ru", "call-back")
    text = walkthrough_summary(spec, walk(spec, PATH), locale="ru", at=AT, _=ru)
    assert text == (
        "Обратный звонок клиенту\n"
        "Дата: 12 мар. 2025\u202fг., 14:05\n"
        "\n"
        "Ход разговора:\n"
        "1. Почему вы звоните? → Клиенту нужна помощь со входом\n"
        "2. Позвоните клиенту → Клиент ответил\n"
        "3. Спросите согласие на запись → Клиент согласен\n"
        "4. Удобно ли сейчас говорить? → Да\n"
        "5. Решите вопрос клиента → Мы всё обсудили\n"
        "\n"
        "Итог: Отправьте «No Login Checks 2a»\n"
        "Клиент пока не готов войти. Перед закрытием убедитесь, что у него нет активной подписки.\n"
        "\n"
        "Дальнейшие действия:\n"
        "- Отправьте шаблон: Programs - Academy - No Login Checks 2a - Outbound (Spoke)\n"
        "- Снимите метку: call next\n"
        "- Поставьте метку: final"
    )


def test_plain_actions_have_no_label_and_markdown_is_flattened(en):
    (spec,), _ = load("en", "call-back")
    text = walkthrough_summary(
        spec, walk(spec, "login.no-answer.none.next"), locale="en", at=AT, _=en
    )
    assert text.endswith("- Add tag: final\n- Leave the ticket pending for one last follow-up.")


def test_an_unfinished_walk_names_the_current_step(en):
    (spec,), _ = load("en", "call-back")
    text = walkthrough_summary(spec, walk(spec, "voicemail"), locale="en", at=AT, _=en)
    assert text.splitlines()[-1] == "Not finished; current step: Call the customer"


def test_fields_entered_on_the_way_are_listed(en):
    specs, _ = load("en", "potential-clients")
    spec = spec_of(
        make_block(
            "walkthrough",
            """
        id: lead
        title: Corporate lead
        steps:
          - id: ask
            title: Ask for the company
            fields:
              - {id: company, label: Company name}
              - {id: staff, label: Employees, type: number}
            next: done
        outcomes:
          - {id: done, title: Create a CASE, kind: case-created, checklist: case-form}
    """,
        )
    )
    values = {"company": "Acme", "staff": "1200", "contact": "Jane", "phone": "+7 495 000-00-00"}
    text = walkthrough_summary(
        spec, walk(spec, "next"), locale="en", at=AT, _=en, values=values, specs=specs
    )
    assert (
        "Details:\nCompany name: Acme\nEmployees: 1,200\nContact person: Jane\n"
        "Contact phone: +7 495 000-00-00\n" in text
    )
    assert "Path taken" not in text  # a step with only "Continue" is no question asked


def test_calculator_results_worked_out_on_the_way_are_listed(en):
    (walkthrough,), _ = load("en", "call-back")
    specs, _ = load("en", "retention")
    raw = {
        "subscriptions": "100",
        "total_buy_cost": "40",
        "total_sale_cost": "0",
        "customer_type": "vc_partner",
    }
    done = calculate(specs[0], raw, locale="en", _=en)
    text = walkthrough_summary(
        walkthrough,
        walk(walkthrough, PATH),
        locale="en",
        at=AT,
        _=en,
        calculations=[(specs[0], done)],
    )
    assert "\n\nResults:\nPNV Balance: 60.00 USD\n\nOutcome: " in text


def test_calculator_summary_in_russian(ru):
    specs, _ = load("ru", "retention")
    raw = {
        "subscriptions": "1 000",
        "total_buy_cost": "940",
        "total_sale_cost": "0,01",
        "customer_type": "vpl_customer",
    }
    result = calculate(specs[0], raw, locale="ru", _=ru)
    text = calculator_summary(specs[0], result, locale="ru", at=AT, _=ru)
    assert text == (
        "Баланс PNV\n"
        "Дата: 12 мар. 2025\u202fг., 14:05\n"
        "\n"
        "Исходные данные:\n"
        "Подписки: 1\u00a0000 USD\n"
        "Общая стоимость закупки: 940 USD\n"
        "Общая стоимость продажи: 0,01 USD\n"
        "Тип клиента: Клиент VPL\n"
        "\n"
        "Результаты:\n"
        "Баланс PNV: 60,01 USD\n"
        "\n"
        "Итог: Сообщите отделу продаж (Лиам)\n"
        "Клиенты VPL — к Лиаму. Отправьте уведомление ниже.\n"
        "\n"
        "Дальнейшие действия:\n"
        "- Уведомите: Лиам"
    )


def test_calculator_summary_says_why_there_is_no_result(en):
    spec = spec_of(
        make_block(
            "calculator",
            """
        id: ratio
        title: Ratio
        inputs: [{id: a, label: A}, {id: b, label: B}]
        formulas: [{id: r, label: R, formula: a / b}]
    """,
        )
    )
    text = calculator_summary(
        spec, calculate(spec, {"a": "1", "b": "0"}, locale="en", _=en), locale="en", at=AT, _=en
    )
    assert text.endswith("Not calculated: Division by zero: check the inputs.")
    fine = calculator_summary(
        spec, calculate(spec, {"a": "1", "b": "4"}, locale="en", _=en), locale="en", at=AT, _=en
    )
    assert fine.endswith("Results:\nR: 0.25\n\nNo rule applies.")


def test_routing_summary_in_russian(ru):
    specs, _ = load("ru", "potential-clients")
    result = route(specs[0], datetime(2025, 3, 12, 16, 0, tzinfo=ZoneInfo("UTC")))
    assert routing_summary(specs[0], result, locale="ru", _=ru) == (
        "Телепродажи или CASE\n"
        "Дата: 12 мар. 2025\u202fг., 19:00, Москва (UTC+3)\n"
        "Статус: Нерабочее время\n"
        "Откроется: 13 мар. 2025\u202fг., 09:00\n"
        "\n"
        "Итог: Создайте CASE\n"
        "Заполните параметры CASE; в рабочее время с клиентом свяжется сотрудник СРКК."
    )
