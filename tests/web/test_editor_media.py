"""Images: upload checked by content, served with their type and for good, unused listed."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.web.editing import csrf, editors_app, make_editor, sign_in

JSON = {"Accept": "application/json"}


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(app):
    client = app.test_client()
    sign_in(client)
    return client


def png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, data: bytes, name="shot.png", **kw):
    return client.post(
        "/en/editors/media/upload",
        data={"image": (io.BytesIO(data), name), "csrf_token": csrf(client)},
        content_type="multipart/form-data",
        **kw,
    )


def test_an_upload_is_served_with_its_type_and_cached_for_good(app, client):
    sent = upload(client, png(), headers=JSON)
    assert sent.status_code == 200
    url = sent.json["url"]
    assert sent.json["markdown"] == f"![]({url})"
    agent = app.test_client()
    served = agent.get(url)
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "img-src 'self'" in served.headers["Content-Security-Policy"]
    Image.open(io.BytesIO(served.data)).verify()
    assert agent.get("/media/" + "0" * 24 + ".png").status_code == 404
    assert agent.get("/media/..%2F..%2Fetc%2Fpasswd").status_code == 404


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<svg onload=alert(1)></svg>", "shot.png"),
        (b"<html><script>alert(1)</script></html>", "page.jpg"),
        (b"GIF89a\x01\x00\x01\x00", "x.webp"),
    ],
)
def test_content_decides_not_the_name(client, data, name):
    refused = upload(client, data, name, headers=JSON)
    assert refused.status_code == 400 and "not accepted" in refused.json["error"]


def test_unused_images_are_listed_for_clean_up(app, client):
    url = upload(client, png(), headers=JSON).json["url"]
    other = upload(client, png((10, 10)), headers=JSON).json["url"]
    edit = "/en/editors/edit/en/call-next-process"
    page = client.get(edit).get_data(as_text=True)
    import html
    import re

    text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[1])
    token = re.search(r'name="token" value="([^"]+)"', page)[1]
    client.post(
        edit,
        data={
            "text": text + f"\n![Screen]({url})\n",
            "token": token,
            "action": "publish",
            "csrf_token": csrf(client),
        },
    )
    assert f'src="{url}"' in app.test_client().get("/en/call-next-process").get_data(as_text=True)
    listing = client.get("/en/editors/media/").get_data(as_text=True)
    name, other_name = url.rsplit("/", 1)[1], other.rsplit("/", 1)[1]
    assert f"/en/editors/media/delete/{other_name}" in listing
    assert f"/en/editors/media/delete/{name}" not in listing
    assert (
        client.post(
            f"/en/editors/media/delete/{name}", data={"csrf_token": csrf(client)}
        ).status_code
        == 409
    )
    assert (
        client.post(
            f"/en/editors/media/delete/{other_name}", data={"csrf_token": csrf(client)}
        ).status_code
        == 302
    )
    assert app.test_client().get(other).status_code == 404


def test_uploads_need_an_editor_and_a_token(app, client):
    assert upload(app.test_client(), png()).status_code in (302, 400)
    no_token = client.post(
        "/en/editors/media/upload",
        data={"image": (io.BytesIO(png()), "a.png")},
        content_type="multipart/form-data",
    )
    assert no_token.status_code == 400
