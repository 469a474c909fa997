"""Synonyms files, Russian word formation, and how they widen a search."""

import pytest

from kb.content import load_library
from kb.search.derivation import related
from kb.search.synonyms import check, parse
from kb.search_engine import build_engine

from .conftest import write_articles

# Nouns and the verbs they are made from (or the other way round): each finds the other.
JOINED = [
    ("переключение", "переключить"),
    ("расторжение", "расторгнуть"),
    ("возражение", "возразить"),
    ("возражать", "возражение"),
    ("отказ", "отказать"),
    ("отказаться", "отказ"),
    ("блокировка", "блокировать"),
    ("активация", "активировать"),
    ("подключение", "подключить"),
    ("закрытие", "закрыть"),
    ("возврат", "возвратить"),
    ("изменение", "изменить"),
    ("оплата", "оплатить"),
    ("проверка", "проверить"),
    ("ожидание", "ожидать"),
]
# Look alike, mean different things: must stay apart.
APART = [
    ("отдел", "отделить"),
    ("отделение", "отделить"),
    ("договор", "договорить"),
    ("разговор", "разговорить"),
    ("положение", "положить"),
    ("состояние", "состоять"),
    ("значение", "значить"),
    ("справка", "справить"),
    ("лист", "листать"),
    ("счет", "считать"),
    ("звонок", "звонить"),  # joined by synonyms where wanted, not by this rule
]


@pytest.mark.parametrize("word, other", JOINED)
def test_derived_words_are_related(word, other):
    assert other in related(word)
    assert word in related(other) or word.endswith("ся") or other.endswith("ся")


@pytest.mark.parametrize("word, other", APART)
def test_false_friends_stay_apart(word, other):
    assert other not in related(word)
    assert word not in related(other)


def test_a_synonyms_file_is_read_and_its_problems_named_by_line():
    table, problems = parse(
        "# comment\nrefund, money back\n\nsupervisor\nmanager, , boss\nrefund, money back\n"
        "call, calls\nthe, a\n",
        "en",
        "synonyms.en.txt",
    )
    assert table.phrases[("refund",)] == [("money", "back")]
    assert table.phrases[("money", "back")] == [("refund",)]
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (4, "a"),  # one entry only
        (5, "an"),  # empty entry
        (6, "the"),  # the same group again
        (7, "'calls'"),  # the same word twice
        (8, "'the'"),  # stop words only
    ]
    assert str(problems[0]).startswith("synonyms.en.txt:4: ")


def test_the_shipped_synonyms_files_are_valid():
    from ..conftest import SHIPPED_ARTICLES

    assert check(SHIPPED_ARTICLES) == []


ARTICLES = {
    "en/billing.md": "---\ntitle: Billing questions\n---\n\n## Getting a refund\n\n"
    "A supervisor approves every refund.\n",
    "en/other.md": "---\ntitle: Something else\n---\n\n## Counting\n\n"
    "Money is counted at the back.\n",
    "ru/porting.md": "---\ntitle: Порядок работы\n---\n\n## Как переключить звонок\n\n"
    "Переключите клиента на вторую линию.\n",
    "ru/other.md": "---\ntitle: Другое\n---\n\n## Запись\n\nЕсли клиент возражает, "
    "предложите решить вопрос по почте.\n",
}


@pytest.fixture
def engine(tmp_path):
    root = write_articles(tmp_path / "articles", ARTICLES)
    engine = build_engine(tmp_path / "index", synonyms=root)
    engine.rebuild(load_library(root))
    yield engine, root
    engine.close()


def test_synonyms_widen_a_search_and_an_edit_needs_no_rebuild(engine):
    engine, root = engine
    assert [h.slug for h in engine.search("money back", "en").hits] == ["other"]
    assert engine.search("reimbursement", "en").total == 0
    (root / "synonyms.en.txt").write_text("refund, money back, reimbursement\n")
    # the words typed first, their synonyms after
    assert [h.slug for h in engine.search("money back", "en").hits] == ["other", "billing"]
    found = engine.search("reimbursement", "en")
    assert (found.hits[0].slug, found.hits[0].section) == ("billing", "Getting a refund")
    assert found.found_by == "expanded"  # found only through a synonym
    assert engine.search("refund", "en").found_by == "exact"
    (root / "synonyms.en.txt").write_text("# nothing\n")
    assert engine.search("reimbursement", "en").total == 0


def test_a_noun_finds_its_verb_in_russian(engine):
    engine, _ = engine
    hit = engine.search("переключение", "ru").hits[0]
    assert (hit.slug, hit.section) == ("porting", "Как переключить звонок")
    assert engine.search("возражение", "ru").hits[0].slug == "other"
