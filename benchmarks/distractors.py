"""Realistic distractor procedures for the answer evaluation: the same vocabulary as the shipped
articles (transfer, cancel, refund, supervisor, call back, recording, address, invoice, SIM, ...)
spread over many products, systems and departments, in English and Russian, each with sections,
a decision table and often a walkthrough, so that a question has hundreds of near misses.

Each slug gets the same choices in both languages: the Russian article translates the English one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Slot:
    en: str
    ru: str


PRODUCTS = [
    Slot("home broadband", "домашний интернет"),
    Slot("mobile plan", "мобильный тариф"),
    Slot("TV package", "пакет ТВ"),
    Slot("home warranty", "гарантия на дом"),
    Slot("device insurance", "страховка устройства"),
    Slot("business fibre", "бизнес-оптика"),
    Slot("cloud PBX", "облачная АТС"),
    Slot("smart alarm", "умная сигнализация"),
    Slot("energy tariff", "тариф на электроэнергию"),
    Slot("streaming bundle", "пакет стриминга"),
    Slot("landline", "домашний телефон"),
    Slot("prepaid SIM", "предоплаченная SIM"),
]
SYSTEMS = [
    Slot("Siebel", "Siebel"),
    Slot("Salesforce", "Salesforce"),
    Slot("BillingOne", "BillingOne"),
    Slot("CRM Nova", "CRM Nova"),
    Slot("Genesys", "Genesys"),
    Slot("Zendesk", "Zendesk"),
]
TEAMS = [
    Slot("Billing", "отдел биллинга"),
    Slot("Technical Support", "техподдержка"),
    Slot("Collections", "отдел взыскания"),
    Slot("Loyalty", "отдел лояльности"),
    Slot("Fraud Prevention", "отдел по борьбе с мошенничеством"),
    Slot("Field Service", "выездная служба"),
    Slot("Sales", "отдел продаж"),
    Slot("Complaints", "отдел претензий"),
]


def _rows(lang: str, t: dict) -> list[dict]:
    """The decision-table rows of one procedure: scenario, decision, whom to, what to do."""
    en = lang == "en"
    p, s, team, other = t["product"], t["system"], t["team"], t["other"]
    rows = [
        (
            "late-payment",
            f"Customer has missed a {p} payment."
            if en
            else f"Клиент пропустил платёж за услугу «{p}».",
            "transfer",
            team if en else team,
            f"Check the balance in {s} first." if en else f"Сначала проверьте баланс в {s}.",
            ["late payment", "overdue", "missed payment"]
            if en
            else ["просрочка", "долг", "пропущенный платёж"],
        ),
        (
            "cancel-addon",
            f"Customer wants to cancel an add-on of their {p}."
            if en
            else f"Клиент хочет отключить дополнительную опцию услуги «{p}».",
            "do-not-transfer",
            "",
            f"Remove the add-on in {s} and confirm by email."
            if en
            else f"Отключите опцию в {s} и подтвердите по почте.",
            ["remove add-on", "cancel option"] if en else ["отключить опцию"],
        ),
        (
            "technician",
            f"The {p} technician did not arrive at the booked time."
            if en
            else f"Мастер по услуге «{p}» не пришёл в назначенное время.",
            "transfer",
            other,
            "Apologise and book a new visit." if en else "Извинитесь и назначьте новый визит.",
            ["missed appointment", "no show", "engineer"]
            if en
            else ["мастер не пришёл", "визит", "инженер"],
        ),
        (
            "wrong-charge",
            f"Customer disputes a charge for {p} on the invoice."
            if en
            else f"Клиент оспаривает начисление за услугу «{p}» в счёте.",
            "escalate",
            f"{team} team lead" if en else f"руководитель группы ({team})",
            f"Open a dispute in {s}." if en else f"Откройте спор в {s}.",
            ["dispute", "overcharged", "wrong bill"] if en else ["спор", "переплата"],
        ),
        (
            "change-owner",
            f"Customer wants to transfer the {p} to another person."
            if en
            else f"Клиент хочет переоформить услугу «{p}» на другого человека.",
            "do-not-transfer",
            "",
            f"Send the change-of-ownership form from {s}."
            if en
            else f"Отправьте форму переоформления из {s}.",
            ["change of ownership", "new owner"] if en else ["переоформление", "новый владелец"],
        ),
        (
            "outage",
            f"The customer's {p} is not working in their area."
            if en
            else f"У клиента не работает услуга «{p}» в его районе.",
            "transfer",
            "Technical Support" if en else "техподдержка",
            f"Check the outage map in {s}." if en else f"Проверьте карту аварий в {s}.",
            ["outage", "not working", "no service"] if en else ["авария", "не работает"],
        ),
        (
            "upgrade",
            f"Customer asks for a faster or bigger {p}."
            if en
            else f"Клиент хочет расширить услугу «{p}».",
            "transfer",
            "Sales" if en else "отдел продаж",
            "Note the current plan before transferring."
            if en
            else "Перед переводом запишите текущий тариф.",
            ["upgrade", "better plan"] if en else ["повысить тариф"],
        ),
        (
            "complaint-call",
            f"Customer complains about a rude agent on an earlier {p} call."
            if en
            else f"Клиент жалуется на грубость сотрудника в прошлом звонке по услуге «{p}».",
            "escalate",
            "Complaints" if en else "отдел претензий",
            "Log the complaint with the call date."
            if en
            else "Зарегистрируйте жалобу с датой звонка.",
            ["complaint", "rude"] if en else ["жалоба", "грубость"],
        ),
    ]
    random.Random(t["seed"]).shuffle(rows)
    out = []
    for rid, scenario, decision, to, do, keywords in rows[: t["rows"]]:
        row = {"id": rid, "scenario": scenario, "decision": decision}
        if decision != "do-not-transfer":
            row["to"] = to
        row["do"] = do
        row["keywords"] = keywords
        out.append(row)
    return out


def _walkthrough(lang: str, t: dict) -> dict:
    en = lang == "en"
    p, s = t["product"], t["system"]
    step = {
        "check": (
            "Check the account" if en else "Проверьте аккаунт",
            f"Open the customer's {p} account in {s} and confirm their identity."
            if en
            else f"Откройте аккаунт клиента ({p}) в {s} и подтвердите личность.",
        ),
        "reason": (
            "What does the customer want?" if en else "Что нужно клиенту?",
            "Ask why they are calling today." if en else "Спросите, зачем клиент звонит.",
        ),
        "offer": (
            "Offer a discount" if en else "Предложите скидку",
            "Offer one month at half price before anything else."
            if en
            else "Сначала предложите месяц за полцены.",
        ),
        "callback": (
            "Book a call back" if en else "Назначьте обратный звонок",
            "Agree a time to call the customer back and note it in the ticket."
            if en
            else "Договоритесь о времени обратного звонка и отметьте его в тикете.",
        ),
    }
    steps = [
        {
            "id": "check",
            "title": step["check"][0],
            "text": step["check"][1],
            "next": "reason",
        },
        {
            "id": "reason",
            "title": step["reason"][0],
            "text": step["reason"][1],
            "choices": [
                {
                    "id": "leave",
                    "label": "They want to leave" if en else "Хочет уйти",
                    "next": "offer",
                },
                {
                    "id": "later",
                    "label": "They want to talk later" if en else "Хочет поговорить позже",
                    "next": "callback",
                },
            ],
        },
        {
            "id": "offer",
            "title": step["offer"][0],
            "text": step["offer"][1],
            "script": (
                "I can offer you a month at half price if you stay with us."
                if en
                else "Могу предложить вам месяц за полцены, если вы останетесь с нами."
            ),
            "choices": [
                {"id": "stays", "label": "They accept" if en else "Согласен", "next": "kept"},
                {
                    "id": "goes",
                    "label": "They still leave" if en else "Всё равно уходит",
                    "next": "gone",
                },
            ],
        },
        {
            "id": "callback",
            "title": step["callback"][0],
            "text": step["callback"][1],
            "next": "scheduled",
        },
    ]
    outcomes = [
        {
            "id": "kept",
            "title": "Customer stays" if en else "Клиент остаётся",
            "kind": "retained",
            "text": f"Apply the discount in {s}." if en else f"Примените скидку в {s}.",
        },
        {
            "id": "gone",
            "title": "Customer leaves" if en else "Клиент уходит",
            "kind": "transferred",
            "text": f"Transfer the call to {t['team']}."
            if en
            else f"Переведите звонок: {t['team']}.",
        },
        {
            "id": "scheduled",
            "title": "Call back booked" if en else "Звонок назначен",
            "kind": "callback-scheduled",
        },
    ]
    return {
        "id": "wt-" + t["key"],
        "title": (f"Keeping a {p} customer" if en else f"Удержание клиента ({p})"),
        "steps": steps,
        "outcomes": outcomes,
    }


TOPICS = [
    ("Handling {p} requests", "Обращения по услуге «{p}»"),
    ("{p}: billing questions and transfers", "{p}: вопросы по счетам и переводы звонков"),
    ("{p} cancellations and retention", "{p}: отключение и удержание"),
    ("Service visits for {p}", "Выезд мастера: {p}"),
    ("{p} complaints and escalations", "{p}: жалобы и эскалации"),
    ("Changing {p} account details", "{p}: изменение данных аккаунта"),
]


def _article(lang: str, t: dict) -> str:
    en = lang == "en"
    title = TOPICS[t["topic"]][0 if en else 1].format(p=t["product"])
    title = title[0].upper() + title[1:]
    p, s, team = t["product"], t["system"], t["team"]
    intro = (
        f"How agents handle calls about the {p}: what to resolve in {s}, what to transfer to "
        f"{team}, and what to say before any transfer."
        if en
        else f"Как обрабатывать звонки по услуге «{p}»: что решать в {s}, что переводить "
        f"({team}) и что сказать перед переводом."
    )
    sections = [
        (
            "Before you start" if en else "Перед началом",
            f"Verify the caller's identity and open the account in {s}. Read the recording notice "
            "if the call is transferred."
            if en
            else f"Проверьте личность звонящего и откройте аккаунт в {s}. При переводе звонка "
            "зачитайте уведомление о записи.",
        ),
        (
            "Who does what" if en else "Кто чем занимается",
            f"{team} handles payments, disputes and contract changes for the {p}. Agents update "
            "contact details, email and phone themselves."
            if en
            else f"Платежи, споры и изменения договора по услуге «{p}» ведёт {team}. Контактные "
            "данные, почту и телефон оператор меняет сам.",
        ),
        (
            "After the call" if en else "После звонка",
            f"Add a note in {s} with the reason for the call and send the customer a summary by "
            "email."
            if en
            else f"Добавьте в {s} заметку с причиной звонка и отправьте клиенту итоги по почте.",
        ),
    ]
    table = {
        "id": "dt-" + t["key"],
        "title": (f"{p}: transfer or not" if en else f"{p}: переводить или нет"),
        "script": (
            "This call may be recorded for quality purposes."
            if en
            else "Разговор может записываться для контроля качества."
        ),
        "rows": _rows(lang, t),
    }
    body = [f"# {title}", "", intro, ""]
    for heading, text in sections[: t["sections"]]:
        body += [f"## {heading}", "", text, ""]
    body += ["## " + ("Transfer or not" if en else "Переводить или нет"), ""]
    body += ["```decision-table", _yaml(table), "```", ""]
    if t["walkthrough"]:
        body += ["## " + ("Step by step" if en else "По шагам"), ""]
        body += ["```walkthrough", _yaml(_walkthrough(lang, t)), "```", ""]
    front = {
        "title": title,
        "summary": intro,
        "category": "Procedures" if en else "Процедуры",
        "tags": [p, s, team],
        "audience": ["agents"],
    }
    return "---\n" + _yaml(front) + "---\n\n" + "\n".join(body)


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def generate(root: Path, count: int, seed: int = 7) -> int:
    """Write `count` distractor procedures per language under `root`/en and `root`/ru."""
    rng = random.Random(seed)
    for i in range(count):
        product, system = rng.choice(PRODUCTS), rng.choice(SYSTEMS)
        team, other = rng.sample(TEAMS, 2)
        choice = {
            "topic": rng.randrange(len(TOPICS)),
            "rows": rng.randint(4, 8),
            "sections": rng.randint(1, 3),
            "walkthrough": rng.random() < 0.5,
            "seed": rng.random(),
            "key": f"proc-{i:04d}",
        }
        for lang in ("en", "ru"):
            slots = {
                "product": getattr(product, lang),
                "system": getattr(system, lang),
                "team": getattr(team, lang),
                "other": getattr(other, lang),
            }
            path = root / lang / "procedures" / f"proc-{i:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_article(lang, choice | slots), encoding="utf-8")
    return count
