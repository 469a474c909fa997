"""Limits on what a request may carry: bodies, form fields, query strings and headers."""

from __future__ import annotations

import io
import re

import pytest

from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.editing import csrf

LIMIT = 64 * 1024
VOTE = {"slug": "transfer-to-retention", "helpful": "yes"}
GUIDE = "/en/retention-did-porting/guide/pnv-balance"
TOO_LARGE = {"en": "Request too large", "ru": "Слишком большой запрос"}


def test_the_body_limit_is_the_documented_default(app):
    assert app.config["MAX_CONTENT_LENGTH"] == LIMIT


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("with_token", [True, False])
def test_a_body_over_the_limit_gets_the_translated_413_page(client, lang, with_token):
    headers = {"X-CSRF-Token": csrf(client)} if with_token else {}
    data = {**VOTE, "comment": "x" * LIMIT}
    response = client.post(f"/{lang}/feedback", data=data, headers=headers)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert f"<h1>{TOO_LARGE[lang]}</h1>" in html and f'<html lang="{lang}">' in html


def test_a_multipart_body_over_the_limit_is_refused(client):
    token = csrf(client)
    data = {**VOTE, "csrf_token": token, "file": (io.BytesIO(b"x" * (LIMIT + 1)), "big.txt")}
    response = client.post("/en/feedback", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


@pytest.mark.parametrize(("size", "status"), [(LIMIT * 2, 413), (LIMIT, 413), (1000, 200)])
def test_a_chunked_body_is_refused_once_it_reaches_the_limit(client, size, status):
    """Without a Content-Length the body is read up to the limit: reaching it means too large,
    where Werkzeug alone would parse a form silently cut short."""
    token = csrf(client)
    body = f"csrf_token={token}&f.subscriptions=".encode() + b"1" * (size - 60)
    response = client.post(
        GUIDE,
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked"},  # gunicorn passes such bodies on unmeasured
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == status


def test_the_limit_follows_kb_max_request_bytes(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_MAX_REQUEST_BYTES", "1000")
    app = make_app(SHIPPED_ARTICLES, tmp_path / "instance")
    client = app.test_client()
    try:
        token = csrf(client)
        small = client.post("/en/feedback", data={**VOTE, "csrf_token": token})
        large = client.post("/en/feedback", data={**VOTE, "csrf_token": token, "c": "x" * 1000})
    finally:
        app.extensions["kb_content"].stop()
    assert small.status_code == 302 and large.status_code == 413


def test_the_largest_real_form_fits(client):
    """A calculator posted with every field filled in is far from the limits."""
    token = csrf(client)
    data = {"csrf_token": token, **{f"f.field_{i}": "12345" for i in range(200)}}
    assert client.post(GUIDE, data=data).status_code == 200


@pytest.fixture
def roomy(tmp_path):
    """A client of an app that takes 4 MiB bodies, so that only the number of fields limits."""
    app = make_app(SHIPPED_ARTICLES, tmp_path / "instance", MAX_CONTENT_LENGTH=4 * 1024 * 1024)
    yield app.test_client()
    app.extensions["kb_content"].stop()


@pytest.mark.parametrize("encoding", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_form_with_thousands_of_fields_is_refused(roomy, encoding):
    token = csrf(roomy)
    most = roomy.application.config["MAX_FORM_PARTS"]
    assert most == 1000

    def post(fields: int) -> tuple[int, str]:
        data = {"csrf_token": token, **{f"f.x{i}": "1" for i in range(fields - 1)}}
        with roomy.post(GUIDE, data=data, content_type=encoding) as response:
            return response.status_code, response.get_data(as_text=True)

    assert post(most)[0] == 200
    status, html = post(most + 1)
    assert status == 413 and "Request too large" in html
    assert post(3000)[0] == 413


def test_within_the_body_limit_thousands_of_fields_are_refused_too(client):
    token = csrf(client)
    body = f"csrf_token={token}&" + "&".join(f"{i}" for i in range(5000))  # 23 KiB
    response = client.post(GUIDE, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_repeated_fields_count_one_by_one(client):
    token = csrf(client)
    body = f"csrf_token={token}&" + "&".join(["f.x=1"] * 3000)
    response = client.post(GUIDE, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


# ---- Query strings and headers -------------------------------------------------------------


def test_a_huge_search_query_is_cut_down(client):
    huge = "refund " * 20_000
    html = client.get("/en/search", query_string={"q": huge}).get_data(as_text=True)
    shown = re.search(r'id="search-q" name="q" type="search" value="([^"]*)"', html).group(1)
    assert 0 < len(shown) <= 1000
    answer = client.get("/api/search", query_string={"q": huge}).get_json()
    assert len(answer["query"]) <= 1000
    suggest = client.get("/api/suggest", query_string={"q": huge, "lang": "en"}).get_json()
    assert len(suggest["query"]) <= 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/transfer-to-retention?hl=" + "refund+" * 20_000,
        "/en/transfer-to-retention/guide/retention-transfer?q=" + "refund+" * 20_000,
        "/en/transfer-to-retention/guide/retention-transfer/rows?q=" + "x" * 100_000,
        "/en/retention-did-porting/guide/retention-process?path=" + "a." * 50_000,
        "/en/key-client-switching/guide/telesales-hours?date=" + "9" * 100_000,
        "/en/articles?page=" + "9" * 10_000,
        "/en/search?" + "&".join(f"x{i}=1" for i in range(10_000)),
        "/en/editors/login?next=" + "/" * 100_000,
        "/en/" + "a" * 100_000,
    ],
)
def test_huge_query_strings_and_paths_are_answered(client, url):
    response = client.get(url, follow_redirects=True)
    assert response.status_code in (200, 404), url[:80]


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": "ru;q=0.9, " * 10_000},
        {"Accept": "text/html;q=0.5, " * 10_000},
        {"User-Agent": "x" * 100_000},
        {"X-CSRF-Token": "x" * 100_000},
        {"Cookie": "; ".join(f"c{i}={'x' * 20}" for i in range(5_000))},
        {"Cookie": "kb_lang=" + "x" * 100_000 + "; session=" + "y" * 100_000},
    ],
)
def test_huge_headers_are_answered(client, headers):
    assert client.get("/en/transfer-to-retention", headers=headers).status_code == 200
    assert client.get("/", headers=headers).status_code == 302
    posted = client.post("/en/feedback", data=VOTE, headers=headers)
    assert posted.status_code == 400
