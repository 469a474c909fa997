"""The search page, the JSON API, suggestions and the search log, through the test client."""

import json
from types import SimpleNamespace
from urllib.parse import quote

from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kb.store.tables import search_log
from kb.web.search import hit_url


def api(client, path, **params):
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/json"
    return json.loads(response.data)


def test_api_search_returns_the_documented_shape(client):
    data = api(client, "/api/search", q="recording disclosure", lang="en", limit=3)
    assert set(data) >= {"query", "corrected", "total", "results", "answer", "found_by"}
    assert data["query"] == "recording disclosure" and data["corrected"] is None
    assert 1 <= len(data["results"]) <= 3 and data["total"] >= len(data["results"])
    first = data["results"][0]
    passage = {"slug", "lang", "title", "section", "anchor", "kind", "url", "snippet", "score"}
    assert set(first) == passage | {"answer", "more"}
    assert all(set(more) == passage | {"answer"} for more in first["more"])
    assert first["slug"] == "transfer-to-retention"
    assert first["url"].startswith("/en/transfer-to-retention")
    assert "<mark>" in first["snippet"]


def test_wrong_layout_is_corrected_and_said_on_the_page(client):
    data = api(client, "/api/search", q="hjevbyu", lang="ru")
    assert data["corrected"] == "роуминг"
    assert data["results"][0]["slug"] == "key-client-switching"
    html = client.get("/ru/search", query_string={"q": "hjevbyu"}).get_data(as_text=True)
    assert "«роуминг»" in html and "«hjevbyu»" in html
    assert "<mark>роуминг" in html


def test_other_language_query_finds_the_article_in_the_active_language(client):
    data = api(client, "/api/search", q="roaming", lang="ru")
    assert data["results"][0]["slug"] == "key-client-switching"
    assert data["results"][0]["lang"] == "ru"


def test_result_links_deep_link_and_highlight_on_the_article(client):
    data = api(client, "/api/search", q="voicemail", lang="en")
    url = data["results"][0]["url"]
    assert "#" in url and "hl=voicemail" in url
    html = client.get(url.split("#")[0]).get_data(as_text=True)
    assert "<mark>voicemail</mark>" in html.lower()


def test_results_page_counts_with_russian_plurals(client):
    html = client.get("/ru/search", query_string={"q": "клиент"}).get_data(as_text=True)
    assert "результат" in html
    assert 'class="snippet"' in html


def test_empty_search_page_shows_the_form(client):
    response = client.get("/en/search")
    assert response.status_code == 200
    assert b'name="q"' in response.data


def test_filters_narrow_results(client):
    every = api(client, "/api/search", q="customer", lang="en")["total"]
    narrowed = api(client, "/api/search", q="customer", lang="en", category="Retention")["total"]
    assert 0 < narrowed < every


def test_suggest_from_the_second_character(client):
    assert api(client, "/api/suggest", q="p", lang="en")["suggestions"] == []
    suggestions = api(client, "/api/suggest", q="пере", lang="ru")["suggestions"]
    assert suggestions and all(s["lang"] == "ru" for s in suggestions)
    assert all(s["url"].startswith("/ru/") for s in suggestions)


def test_opensearch_suggestions_and_description(client):
    data = api(client, "/api/suggest", q="retention", lang="en", format="opensearch")
    assert data[0] == "retention" and len(data) == 4 and data[1]
    xml = client.get("/en/opensearch.xml")
    assert xml.mimetype == "application/opensearchdescription+xml"
    assert b"/en/search?q={searchTerms}" in xml.data


def test_searches_are_logged_without_customer_data_and_opened_results_recorded(app):
    client = app.test_client()
    html = client.get("/en/search", query_string={"q": "voicemail +1 555 123 4567"}).get_data(
        as_text=True
    )
    link = html.split('class="result-link" href="')[1].split('"')[0].replace("&amp;", "&")
    client.get(link)
    with app.extensions["kb_store"].engine.connect() as conn:
        rows = conn.execute(select(search_log)).mappings().all()
    assert len(rows) == 1
    assert rows[0]["query"] == "voicemail #"
    assert rows[0]["lang"] == "en" and rows[0]["source"] == "page"
    assert rows[0]["opened_slug"] == "call-next-process"


def test_api_errors_are_json(client):
    response = client.get("/api/nowhere")
    assert response.status_code == 404 and response.is_json


HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet='"()[]{}*?~^:+-!&|\\/ANDORNOT ', max_size=80),
    st.just("a" * 5000),
    st.just('"unbalanced'),
    st.just("😀 🚀 \x00 \x1b[31m"),
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=HOSTILE, lang=st.sampled_from(["en", "ru", "xx", ""]))
def test_no_query_gives_a_server_error(client, query, lang):
    for path in ("/api/search", "/api/suggest", f"/{lang or 'en'}/search"):
        if path.startswith("/xx"):
            continue
        response = client.get(path, query_string={"q": query, "lang": lang})
        assert response.status_code < 500, (path, query)


def test_a_clear_answer_is_shown_first_in_full_with_its_script(client):
    html = client.get("/en/search", query_string={"q": "reinstate contract"}).get_data(as_text=True)
    card = html[html.index('class="answer-card"') : html.index("</section>")]
    assert 'class="badge decision-transfer">Transfer<' in card
    assert "To: Retention" in card
    assert "This call may be recorded" in card and "copy-button" in card
    assert "#dt-retention-transfer-reinstate" in card
    data = api(client, "/api/search", q="reinstate contract", lang="en")
    answer = data["answer"]
    assert answer["anchor"] == "dt-retention-transfer-reinstate"
    assert answer["answer"]["decision"] == "transfer" and answer["answer"]["to"] == "Retention"
    assert answer["answer"]["script"].startswith("This call may be recorded")


def test_the_answer_card_is_translated(client):
    html = client.get("/ru/search", query_string={"q": "восстановить договор"}).get_data(
        as_text=True
    )
    card = html[html.index('class="answer-card"') : html.index("</section>")]
    assert "Лучший ответ" in card and "Перевести" in card


def test_no_card_when_no_passage_clearly_wins(client):
    data = api(client, "/api/search", q="customer", lang="en")
    assert data["answer"] is None and data["results"]
    html = client.get("/en/search", query_string={"q": "customer"}).get_data(as_text=True)
    assert 'class="answer-card"' not in html


def test_several_passages_of_one_article_are_grouped_under_it(client):
    data = api(client, "/api/search", q="cancel contract", lang="en")
    first = data["results"][0]
    assert first["anchor"] == "dt-retention-transfer-cancel"
    assert [m["anchor"] for m in first["more"]] == ["dt-retention-transfer-dunning-pending-cancel"]


def test_the_content_check_names_bad_synonym_lines_by_file_and_line(app, runner):
    path = app.config["KB_ARTICLES_DIR"] / "synonyms.en.txt"
    assert runner.invoke(args=["kb-check"]).exit_code == 0  # the shipped files are valid
    path.write_text(path.read_text("utf-8") + "lonely\n", "utf-8")
    line = len(path.read_text("utf-8").splitlines())
    result = runner.invoke(args=["kb-check"])
    assert result.exit_code == 1
    assert f"synonyms.en.txt:{line}: a group needs at least two" in result.output


def test_the_log_says_how_each_search_found_its_first_result(app):
    client = app.test_client()
    for query in ("voicemail", "voicemial", "голосовая почта", "voicemail zebrafinch", "qqqzzz"):
        client.get("/en/search", query_string={"q": query})
    with app.extensions["kb_store"].engine.connect() as conn:
        rows = conn.execute(select(search_log.c.query, search_log.c.found_by)).all()
    assert dict(rows) == {
        "voicemail": "exact",
        "voicemial": "expanded",  # a typo fixed
        "голосовая почта": "expanded",  # the other language
        "voicemail zebrafinch": "weak",  # no passage has both words
        "qqqzzz": None,  # nothing found
    }


@given(
    slug=st.from_regex(r"[a-z0-9][a-z0-9/_-]{0,30}", fullmatch=True),
    anchor=st.text(max_size=20),
    query=st.text(max_size=40),
    search_id=st.none() | st.integers(min_value=1),
    root=st.sampled_from(["", "/kb", "/база знаний"]),
)
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_result_links_are_written_as_url_for_writes_them(
    shipped_app, slug, anchor, query, search_id, root
):
    """Result links are put together without url_for for speed: they must be its links."""
    hit = SimpleNamespace(lang="ru", slug=slug, anchor=anchor)
    with shipped_app.test_request_context("/", base_url=f"http://kb.example{quote(root)}/"):
        params = {"hl": query[:200]} if query.strip() else {}
        if search_id is not None:
            params["from"] = search_id
        expected = url_for(
            "articles.article", lang="ru", slug=slug, _anchor=anchor or None, **params
        )
        assert hit_url(hit, query, search_id) == expected
