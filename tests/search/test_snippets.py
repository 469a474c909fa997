from kb.search.snippets import mark_html, snippet


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
