"""Behind a load balancer: the Host names the site answers to (KB_TRUSTED_HOSTS), and whose
X-Forwarded-* headers are believed (KB_PROXY_HOPS)."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.security.conftest import app_from_environment
from tests.web.editing import make_editor, sign_in

PAGES = ["/en/", "/ru/", "/en/search?q=roaming", "/api/search?q=roaming", "/healthz"]
FORWARDED = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}


@pytest.fixture
def pinned(monkeypatch, tmp_path):
    """An app told the names it answers to."""
    names = "kb.example.org, .support.example.org"
    with app_from_environment(monkeypatch, tmp_path / "instance", KB_TRUSTED_HOSTS=names) as app:
        yield app


TRUSTED = ["kb.example.org", "kb.example.org:8000", "ru.support.example.org"]


@pytest.mark.parametrize("host", TRUSTED)
@pytest.mark.parametrize("path", PAGES)
def test_the_names_it_is_given_are_served(pinned, host, path):
    assert pinned.test_client().get(path, headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "kb.example.org.evil.example", "127.0.0.1"])
@pytest.mark.parametrize("path", PAGES)
def test_other_host_headers_get_a_short_bad_request(pinned, host, path):
    response = pinned.test_client().get(path, headers={"Host": host})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert host not in response.get_data(as_text=True)  # nothing built from the bad name
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_refusal_is_in_the_readers_language(pinned):
    headers = {"Host": "evil.example", "Accept-Language": "ru"}
    response = pinned.test_client().get("/ru/", headers=headers)
    assert response.get_data(as_text=True).strip() == "Некорректный запрос"


def test_a_forwarded_host_is_checked_too(pinned, monkeypatch, tmp_path):
    with app_from_environment(monkeypatch, tmp_path / "proxied", KB_PROXY_HOPS="1") as app:
        client = app.test_client()
        through = {"Host": "10.0.0.5:8000", "X-Forwarded-Host": "kb.example.org"}
        assert client.get("/en/", headers=through).status_code == 200
        forged = {"Host": "kb.example.org", "X-Forwarded-Host": "evil.example"}
        assert client.get("/en/", headers=forged).status_code == 400


def test_without_a_list_any_host_is_served(client):
    assert client.get("/en/", headers={"Host": "anything.example"}).status_code == 200


def opensearch_links(client, headers) -> str:
    return client.get("/en/opensearch.xml", headers=headers).get_data(as_text=True)


@pytest.mark.parametrize("hops", [0, 1])
def test_forwarded_headers_count_only_behind_a_proxy(articles_dir, tmp_path, hops):
    app = make_app(articles_dir, tmp_path / "instance", KB_PROXY_HOPS=hops)
    client = app.test_client()
    make_editor(app)
    # Twenty failed sign-ins from one address slow down every account from that address.
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong", headers=FORWARDED)
    other_agent = sign_in(client, "anna", headers={"X-Forwarded-For": "198.51.100.8"})
    absolute = opensearch_links(client, FORWARDED)
    app.extensions["kb_content"].stop()
    if hops:  # the balancer says who the client is: another client is not slowed down
        assert other_agent.status_code == 302
        assert 'template="https://localhost/en/search' in absolute
    else:  # anybody can send the header: it must not let a client pick its own address
        assert other_agent.status_code == 429
        assert 'template="http://localhost/en/search' in absolute
