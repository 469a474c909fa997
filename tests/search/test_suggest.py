"""Search-as-you-type."""

import pytest


def shown(items):
    return [(s.title, s.section) for s in items]


def test_titles_that_start_with_the_text_come_first(built):
    items = built.suggest("ro", "en")
    assert shown(items)[0] == ("Roaming activation", "")


def test_section_headings_are_suggested_with_their_anchor(built):
    items = built.suggest("charges ab", "en")
    assert [(s.slug, s.section, s.anchor) for s in items] == [
        ("mobile/roaming", "Charges abroad", "charges-abroad")
    ]


def test_the_last_word_is_a_prefix_and_words_may_come_in_any_order(built):
    assert shown(built.suggest("перед нач", "ru"))[0] == ("Подключение роуминга", "Перед началом")
    assert ("Roaming activation", "") in shown(built.suggest("activation roa", "en"))


def test_yo_and_case_do_not_matter(built):
    assert shown(built.suggest("СЧЕТ", "ru"))[0] == ("Запрос на возврат средств", "Счёт клиента")


def test_other_language_titles_are_shown_by_their_translation(built):
    assert shown(built.suggest("roam", "ru"))[:1] == [("Подключение роуминга", "")]


def test_wrong_layout_is_retyped(built):
    assert shown(built.suggest("hjev", "ru"))[:1] == [("Подключение роуминга", "")]


def test_limit(built):
    assert len(built.suggest("queue", "en", limit=3)) == 3
    assert len(built.suggest("queue", "en")) == 8


@pytest.mark.parametrize("text", ["", "r", " ", "🙂🙂", "\x00\x00", "zzzz"])
def test_too_little_or_nothing_to_match(built, text):
    assert built.suggest(text, "en") == []


def test_typos_are_forgiven_and_words_inside_passages_found(built):
    for text in ("supervisr", "refund sup", "approves"):
        (first, *_) = built.suggest(text, "en")
        assert (first.slug, first.section) == ("billing/refund", "Who approves a refund"), text
        assert first.anchor == "who-approves-a-refund"
        assert first.answer.startswith("A supervisor approves every refund")


def test_a_word_of_the_other_language_suggests_the_translation(built):
    (first, *_) = built.suggest("задолженностью", "en")
    assert (first.lang, first.slug) == ("en", "mobile/roaming")


def test_every_suggestion_matches_every_word_typed(built):
    for item in built.suggest("roaming charge", "en"):
        assert item.slug == "mobile/roaming"
