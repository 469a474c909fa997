import pymorphy3.dawg
import pytest

from kb.search.analysis import (
    analyzer,
    normalize,
    prefix_analyzer,
    spelling_word,
    start_analyzer,
    terms,
    typed,
    word_analyzer,
)


def tokens(an, text):
    return [t.text for t in an(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Transferring calls to the customers", ["transfer", "call", "custom"]),
        ("The customer's accounts", ["custom", "account"]),
        ("Do NOT transfer; no answer", ["not", "transfer", "no", "answer"]),  # negation kept
        ("Check TIMX SCM and HubSpot", ["check", "timx", "scm", "hubspot"]),
        ("e-mail, Wi-Fi and v1.2", ["mail", "wi", "fi", "v1", "2"]),
        # An error code or a setting is searched by its parts
        (
            "ERR.DS_API.DB.CHYT.INVALID_SORTED_JOIN.NOT_KEY_PREFIX_COLUMN error",
            [
                "err",
                "ds",
                "api",
                "db",
                "chyt",
                "invalid",
                "sort",
                "join",
                "not",
                "key",
                "prefix",
                "column",
                "error",
            ],
        ),
        ("Step 3 of 10", ["step", "3", "10"]),
        ("Клиенту нужен роуминг", ["клиент", "нужный", "роуминг"]),  # Cyrillic: lemmas
        ("a b", []),
        ("", []),
    ],
)
def test_english_analyzer(text, expected):
    assert tokens(analyzer("en"), text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Переключение ключевого клиента", ["переключение", "ключевой", "клиент"]),
        ("переключите клиентам номера", ["переключить", "клиент", "номер"]),
        ("Звонка, звонку, звонками", ["звонок", "звонок", "звонок"]),
        ("переведите звонок в отдел удержания", ["перевести", "звонок", "отдел", "удержание"]),
        # ё is folded before the stop list: ещё and всё are stop words however they are written
        ("Счёт и счет, ещё всё еще все", ["счет", "счет"]),
        ("Её номер: нет ответа", ["номер", "нет", "ответ"]),  # нет kept
        ("Не переводить без согласия", ["не", "переводить", "без", "согласие"]),
        ("нельзя и можно", ["нельзя", "можно"]),
        # Latin words in Russian text: English stems, and no English stop list (IT is a name)
        (
            "Отдел IT переводит tickets в HubSpot",
            ["отдел", "it", "переводить", "ticket", "hubspot"],
        ),
        ("РОУМИНГ с латинской O: PОУМИНГ", ["роуминг", "латинский", "роуминг"]),
    ],
)
def test_russian_analyzer(text, expected):
    assert tokens(analyzer("ru"), text) == expected


def test_stop_words_leave_no_gap_so_phrases_match_across_them():
    positions = [(t.text, t.pos) for t in analyzer("ru")("звонок в отдел", positions=True)]
    assert positions == [("звонок", 0), ("отдел", 1)]


@pytest.mark.parametrize(
    "word, lang, expected",
    [
        ("Счёта", "ru", "счет"),
        ("для", "ru", None),
        ("для", "en", "для"),  # a Cyrillic word in an English text is not stopped
        ("the", "en", None),
        ("the", "ru", "the"),
        ("x" * 41, "en", None),
        ("7", "en", "7"),
    ],
)
def test_normalize(word, lang, expected):
    assert normalize(word, lang) == expected


def test_terms_of_a_text():
    assert terms("Блокировка лицевого счёта", "ru") == ["блокировка", "лицевой", "счет"]


@pytest.mark.parametrize(
    "word, expected",
    [("Счёта", "счета"), ("Transferring", "transferring"), ("2026", None), ("я", None)],
)
def test_spelling_words_are_folded_not_stemmed(word, expected):
    assert spelling_word(word) == expected


def test_word_analyzer_keeps_stop_words_for_the_vocabulary():
    assert tokens(word_analyzer(), "Звонок в отдел, ещё раз") == ["звонок", "отдел", "еще", "раз"]


def test_prefix_analyzer_emits_every_prefix_of_every_word():
    assert tokens(prefix_analyzer(), "Роуминг ok") == [
        *["р", "ро", "роу", "роум", "роуми", "роумин", "роуминг"],
        *["o", "ok"],
    ]


def test_start_analyzer_emits_prefixes_of_the_whole_heading():
    assert tokens(start_analyzer(), "Смена  тарифа!") == [
        *["см", "сме", "смен", "смена"],
        *["смена т", "смена та", "смена тар", "смена тари", "смена тариф", "смена тарифа"],
    ]


def test_typed_text_is_folded_words_one_space_apart():
    assert typed("  Счёт, ТАРИФ ") == "счет тариф"


def test_the_parts_of_a_compound_word_take_one_position_each():
    """So a phrase of parts matches, and the words after a compound keep their order."""
    found = [
        (t.text, t.pos) for t in analyzer("en")("the max_retry.count is the limit", positions=True)
    ]
    assert found == [("max", 0), ("retri", 1), ("count", 2), ("limit", 3)]


def test_russian_dictionaries_are_read_by_the_c_word_graphs():
    """pymorphy3 falls back to pure Python silently without DAWG2 (8 times slower)."""
    assert pymorphy3.dawg.EXTENSION_AVAILABLE
