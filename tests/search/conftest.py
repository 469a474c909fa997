"""A small bilingual knowledge base and search engines over it, built in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.content import load_library
from kb.search_engine import build_engine

ARTICLES = {
    "en/mobile/roaming.md": """---
title: Roaming activation
summary: How to switch on roaming before a customer travels abroad.
category: Mobile
tags: [roaming, sim]
audience: [agents, trainees]
---

# Roaming activation

Check that the customer's account has no debt before you switch roaming on.

## Before you start

Verify the customer's identity and the SIM card number in HubSpot.

## Transferring the call

If the customer disputes a roaming charge, transfer the call to Billing.

## Charges abroad

Daily charges apply in every country of the zone.
""",
    "ru/mobile/roaming.md": """---
title: Подключение роуминга
summary: Как включить роуминг, пока клиент ещё не уехал за границу.
category: Мобильная связь
tags: [роуминг, sim]
audience: [agents, trainees]
---

# Подключение роуминга

Убедитесь, что у клиента нет задолженности по лицевому счёту, прежде чем подключать роуминг.

## Перед началом

Проверьте личность клиента и номер SIM-карты в HubSpot.

## Перевод звонка

Если клиент оспаривает начисление за роуминг, переведите звонок в отдел биллинга.

## Начисления за границей

Ежедневная плата действует во всех странах зоны.
""",
    "en/billing/refund.md": """---
title: Refund request
summary: When a customer may get money back, and who approves it.
category: Billing
tags: [refund, payments]
audience: [agents, supervisors]
---

## Who approves a refund

A supervisor approves every refund above the limit.

## Recording disclosure

This call may be recorded for quality purposes.

## Unsafe input

Never paste <script>alert("x")</script> into the ticket & never share passwords.
""",
    "ru/billing/refund.md": """---
title: Запрос на возврат средств
summary: Когда клиент может вернуть деньги и кто это согласует.
category: Биллинг
tags: [возврат, платежи]
audience: [agents, supervisors]
---

## Кто согласует возврат

Каждый возврат выше лимита согласует руководитель.

## Счёт клиента

Проверьте счёт и историю платежей клиента.
""",
    "en/security/passwords.md": """---
title: Password reset
category: Security
tags: [security]
audience: [agents]
---

Reset the password only after the identity check. The procedure takes five minutes.
Customers recieve the new password by text message.
""",
    "ru/security/fraud.md": """---
title: Сообщение о мошенничестве
category: Безопасность
tags: [безопасность]
audience: [agents]
---

Если клиент сообщает о мошенничестве, заблокируйте лицевой счёт и эскалируйте кейс.
""",
}

# Twelve more English articles with a shared word, for pages.
for i in range(12):
    ARTICLES[f"en/queue/queue-{i:02d}.md"] = (
        f"---\ntitle: Queue rule {i}\ncategory: Queues\ntags: [queue]\naudience: [agents]\n---\n\n"
        f"Escalation queue rule number {i} for the overflow desk. Agents receive the calls.\n"
    )


def write_articles(root: Path, articles: dict[str, str] = ARTICLES) -> Path:
    for rel, text in articles.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """An engine over the small knowledge base, built once: for tests that only search."""
    root = write_articles(tmp_path_factory.mktemp("articles"))
    library = load_library(root)
    assert library.errors == []
    engine = build_engine(tmp_path_factory.mktemp("index") / "search")
    engine.rebuild(library)
    yield engine
    engine.close()


@pytest.fixture
def articles(tmp_path):
    """A private copy of the small knowledge base that a test may change."""
    return write_articles(tmp_path / "articles")


@pytest.fixture
def engine(articles, tmp_path):
    """An engine over the private copy, built on first use."""
    engine = build_engine(tmp_path / "index", library=lambda: load_library(articles))
    yield engine
    engine.close()
