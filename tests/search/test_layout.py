import pytest

from kb.search.layout import correct, retyped, to_english, to_russian

VOCABULARY = {
    "роуминг": 40,
    "процедура": 12,
    "ratio": 3,
    "блок": 9,
    "в": 0,
    "roaming": 30,
    "hubspot": 8,
    "звонок": 50,
    "transfer": 60,
    "не": 90,
    "любой": 4,
    "это": 30,
    "ok": 2,
}


def frequency(word):
    return VOCABULARY.get(word.lower(), 0)


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("hjevbyu", "роуминг"),
        ("ghjwtlehf", "процедура"),
        (",kjr", "блок"),
        ("k.,jq", "любой"),
        ("'nj", "это"),
        ("[jhjij ]", "хорошо ъ"),
        ("`", "ё"),
        ("Ghbdtn", "Привет"),
        ('{J"', "ХОЭ"),
        (":<>~", "ЖБЮЁ"),
        ("/?", ".,"),
        ("123", "123"),
    ],
)
def test_qwerty_keys_read_as_russian(typed, meant):
    assert to_russian(typed) == meant
    assert to_english(meant) == typed


def test_cyrillic_is_left_alone_when_retyping_latin_and_back():
    assert to_russian("роуминг ratio") == "роуминг кфешщ"
    assert to_english("роуминг ratio") == "hjevbyu ratio"


@pytest.mark.parametrize(
    "chunks, expected",
    [
        (["hjevbyu"], ["роуминг"]),
        (["ghjwtlehf"], ["процедура"]),
        (["кфешщ"], ["ratio"]),
        (["hubspot", "hjevbyu"], ["hubspot", "роуминг"]),  # each word on its own
        (["hjevbyu", "d", ",kjrt"], ["роуминг", "в", "блоке"]),  # unknown ones follow the rest
        (["роуvbyu"], ["роуминг"]),  # layout switched mid-word
    ],
)
def test_wrong_layout_is_corrected(chunks, expected):
    assert correct(chunks, frequency) == expected


@pytest.mark.parametrize(
    "chunks",
    [
        ["roaming"],
        ["роуминг"],
        ["transfer", "звонок"],
        ["HubSpot"],
        ["xyzzy"],  # unknown either way
        ["ok"],  # known as typed
        ["yt"],  # "не": too few letters to judge
        [],
    ],
)
def test_right_layout_is_not_corrected(chunks):
    assert correct(chunks, frequency) is None


def test_retyped_offers_both_alphabets_for_mixed_words():
    assert retyped("hjevbyu") == ["роуминг"]
    assert retyped("роуминг") == ["hjevbyu"]
    assert retyped("роуvbyu") == ["роуминг", "hjevbyu"]
    assert retyped("123") == []
