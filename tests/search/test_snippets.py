import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.search.analysis import WORD, normalize
from kb.search.schema import LANGS
from kb.search.snippets import mark_html, marked, snippet


def test_snippet_marks_matched_forms_and_escapes_everything_else():
    html = snippet('Переведите <b>звонок</b> & "клиента" в отдел', "ru", {"звонок", "клиент"})
    assert html == (
        'Переведите &lt;b&gt;<mark>звонок</mark>&lt;/b&gt; &amp; "<mark>клиента</mark>" в отдел'
    )


def test_snippet_shows_the_window_with_the_most_matches():
    text = "intro " * 60 + "refund approved refund " + "tail " * 60
    html = snippet(text, "en", {"refund"})
    assert html.startswith("… ") and html.endswith(" …")
    assert html.count("<mark>") == 2
    assert len(html) < 320


def test_snippet_without_matches_shows_the_start():
    assert snippet("word " * 100, "en", {"absent"}).startswith("word word")


def test_mark_html_marks_text_only():
    html = (
        '<p title="refund">A refund &amp; <a href="/refund">refunds</a></p>'
        "<script>var refund = 1;</script><p>&refund;</p>"
    )
    assert mark_html(html, "Refund", "en") == (
        '<p title="refund">A <mark>refund</mark> &amp; '
        '<a href="/refund"><mark>refunds</mark></a></p>'
        "<script>var refund = 1;</script><p>&refund;</p>"
    )


def test_mark_html_with_nothing_to_mark_returns_the_html():
    assert mark_html("<p>text</p>", "the and", "en") == "<p>text</p>"


WORDS = ["Счёт", "счета", "PОУМИНГ", "роуминг", "İstanbul", "Straße", "refunds", "the", "SIM-карты"]
JOINERS = [" ", "", ".", "'", "_", ". ", "-"]  # "e.mail" and "don't" are one word each


@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS) | st.text(max_size=8), st.sampled_from(JOINERS)),
        max_size=12,
    ),
    st.sampled_from(LANGS),
)
@settings(max_examples=300, deadline=None)
def test_marks_every_word_whose_term_is_searched_and_no_other(words, lang):
    """Marking skips most words by their first letters; it marks exactly the words whose index
    term was searched, whatever the case, alphabet mix, joining punctuation or letters that grow
    when lower-cased."""
    text = "".join(word + joiner for word, joiner in words)
    searched = frozenset(t for w in WORD.findall(" ".join(WORDS)) if (t := normalize(w, lang)))
    expected = [w for w in WORD.findall(text) if normalize(w, lang) in searched]
    html = marked(text, lang, searched)
    assert re.findall(r"<mark>(.*?)</mark>", html) == [escape(w, quote=False) for w in expected]
