import pytest

from kb.search.query import MAX_CHARS, MAX_UNITS, Chunk, clean, join, split, units


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("  roaming \t charges\n", "roaming charges"),
        ("a\x00b\x1fc", "a b c"),
        ("пере\xadвод", "перевод"),  # soft hyphen
        ("ｒｏａｍｉｎｇ", "roaming"),  # full-width
        ("«роуминг»", '"роуминг"'),
        (None, ""),
        (42, ""),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_clean_cuts_long_text_between_words():
    text = clean("word " * 2000)
    assert len(text) <= MAX_CHARS and text.endswith("word")
    assert len(clean("x" * 5000)) == MAX_CHARS


@pytest.mark.parametrize(
    "text, chunks",
    [
        ("roaming charges", [Chunk("roaming", False), Chunk("charges", False)]),
        ('"recording disclosure" now', [Chunk("recording disclosure", True), Chunk("now", False)]),
        ('unclosed "quote here', [Chunk(w, False) for w in ("unclosed", "quote", "here")]),
        ('"" ! ""', []),
        (
            "field:value AND (x OR y)*",
            [Chunk(w, False) for w in "field:value AND (x OR y)*".split()],
        ),
    ],
)
def test_split(text, chunks):
    assert split(text) == chunks


def test_join_quotes_phrases_again():
    assert join([Chunk("a b", True), Chunk("c", False)]) == '"a b" c'


def test_units_are_words_hyphenated_words_and_phrases():
    found = units(split('e-mail "call next" field:value value SIM-карта'))
    assert [(u.words, u.phrase, u.text) for u in found] == [
        (("e", "mail"), False, "e-mail"),
        (("call", "next"), True, '"call next"'),
        (("field",), False, "field"),
        (("value",), False, "value"),
        (("SIM", "карта"), False, "SIM-карта"),
    ]


def test_units_are_capped():
    assert len(units(split(" ".join(f"w{i}" for i in range(50))))) == MAX_UNITS
