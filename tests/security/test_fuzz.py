"""Fuzzing, bounded and deterministic (derandomized; no example database), so CI runs the same
examples each time: `KB_FUZZ_EXAMPLES=500` runs more of them by hand.

1. Whole article folders (see `fuzzing.folders`): the watcher's rescan and `kb-check` finish in
   time, every problem is one `file:line: severity: message` line, and every page of the site
   made from the folder (home, lists, categories, articles, every interactive block, search,
   suggestions) answers without a 5xx.
2. Every form and parameter of the site gets generated values (and raw bytes that are not
   UTF-8): no answer is a 5xx.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import threading
import time
from itertools import count
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.guidance.model import Calculator, Checklist, DecisionTable, Walkthrough
from kb.guidance.specs import article_specs
from kb.web.content import library
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.security.fuzzing import NASTY, build, folders, form_text
from tests.web.editing import csrf, make_editor, sign_in
from tests.web.guiding import add_fixtures

EXAMPLES = int(os.environ.get("KB_FUZZ_EXAMPLES", "0"))
_FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def fuzz(examples: int) -> settings:
    return settings(_FUZZ, max_examples=EXAMPLES or examples)


CHECK_SECONDS = 30  # kb-check of a generated folder; the slowest seen takes under 2 s
PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:\d+: (error|warning): \S.*$")


def within(seconds: float, call):
    """call() in a thread: its result, or a failure (not a hung suite) if it runs too long."""
    result: list = []
    failure: list = []

    def run():
        try:
            result.append(call())
        except BaseException as error:  # noqa: B036 - handed to the test below
            failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if failure:
        raise failure[0]
    assert result, f"still running after {seconds} s"
    return result[0]


@pytest.fixture(scope="module")
def folder_site(tmp_path_factory):
    """An app over `articles`, a link the test points at a fresh folder for each example."""
    base = tmp_path_factory.mktemp("fuzz-folders")
    (base / "outside.md").write_text("# A file outside the articles folder\n\nsecret\n")
    link = base / "articles"
    (base / "gen-0" / "en").mkdir(parents=True)
    link.symlink_to(base / "gen-0")
    app = make_app(link, base / "instance")
    yield app, base, link
    app.extensions["kb_content"].stop()


def site_urls(app) -> list[str]:
    """Every page of the site as it is now: lists, categories, articles, blocks, search."""
    urls = ["/", "/en/", "/ru/", "/en/articles", "/ru/articles", "/en/articles?page=2"]
    with app.test_request_context():
        from flask import url_for

        from kb.render.markdown import slugify

        lib = library()
        for lang in ("en", "ru"):
            for name in lib.categories(lang):
                if name:
                    urls.append(url_for("articles.category", lang=lang, name=slugify(name)))
        for (lang, slug), article in sorted(lib.articles.items()):
            urls.append(url_for("articles.article", lang=lang, slug=slug))
            words = quote(article.title[:50])
            urls += [
                f"/{lang}/search?q={words}",
                f"/api/search?lang={lang}&q={words}",
                f"/api/suggest?lang={lang}&q={words}",
            ]
            for spec in article_specs(article).specs:
                page = url_for("guide.page", lang=lang, slug=slug, block=spec.id)
                urls.append(page)
                if isinstance(spec, DecisionTable):
                    urls.append(page + "/rows?q=" + words)
    return urls


def answers_without_5xx(client, url: str) -> None:
    response = client.get(url)
    if response.status_code in (301, 302, 308):  # a walkthrough's new run, the language
        response = client.get(response.headers["Location"])
    assert response.status_code < 500, (url, response.status_code)


_generation = count(1)


@fuzz(20)
@given(entries=folders())
def test_generated_article_folders(folder_site, entries):
    app, base, link = folder_site
    # Hypothesis seeds `random` alike for every example, and Whoosh names index segments with
    # it: the same name twice in one index fails. A server process never restarts its random.
    random.seed()
    folder = base / f"gen-{next(_generation)}"
    build(folder, entries, base / "outside.md")
    previous = link.resolve()
    tmp = base / "articles.new"
    tmp.symlink_to(folder)
    tmp.replace(link)  # the folder changes under the running app at once, as a deploy does
    if previous.name != "gen-0":
        shutil.rmtree(previous, ignore_errors=True)

    within(CHECK_SECONDS, app.extensions["kb_content"].refresh)  # the watcher's rescan
    lib = app.extensions["kb_content"].library
    assert all(a.path.resolve().is_relative_to(folder.resolve()) for a in lib.articles.values())

    started = time.monotonic()
    result = within(CHECK_SECONDS, lambda: app.test_cli_runner().invoke(args=["kb-check"]))
    assert time.monotonic() - started < CHECK_SECONDS
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    for line in result.stderr.splitlines():
        assert PROBLEM_LINE.match(line), line
    assert result.stdout.endswith("warnings\n"), result.stdout

    client = app.test_client()
    for url in site_urls(app):
        answers_without_5xx(client, url)


# Forms -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The shipped articles and the guidance test articles, an editor signed in on `editor`."""
    base = tmp_path_factory.mktemp("fuzz-forms")
    articles = base / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    add_fixtures(articles)
    app = make_app(articles, base / "instance")
    make_editor(app)
    editor = app.test_client()
    assert sign_in(editor).status_code == 302
    yield app, editor, forms_of(app)
    app.extensions["kb_content"].stop()


def forms_of(app) -> list[tuple[str, list[str], type]]:
    """(URL, field names, kind) of every guide page that takes input."""
    found = []
    with app.test_request_context():
        for (lang, slug), article in sorted(library().articles.items()):
            for spec in article_specs(article).specs:
                url = f"/{lang}/{slug}/guide/{spec.id}"
                if isinstance(spec, Checklist):
                    found.append((url, [f.id for f in spec.fields], Checklist))
                elif isinstance(spec, Calculator):
                    found.append((url, [i.id for i in spec.inputs], Calculator))
                elif isinstance(spec, Walkthrough):
                    fields = [f.id for s in spec.steps.values() for f in s.fields]
                    choices = [c.id for s in spec.steps.values() for c in s.choices]
                    found.append((url, fields + choices, Walkthrough))
                else:
                    found.append((url, [], type(spec)))
    return found


values = st.one_of(form_text, st.sampled_from(NASTY))
raw_bytes = st.binary(max_size=40).map(lambda b: quote(b, safe=""))  # %ff, %00...


@st.composite
def form_posts(draw, forms):
    """A list of (method, url, body or query) to send, one per form and page of the site."""
    sent = []
    for url, names, kind in draw(st.lists(st.sampled_from(forms), min_size=1, max_size=3)):
        fields = {f"f.{name}": draw(values) for name in names if draw(st.booleans())}
        fields.update(draw(st.dictionaries(values, values, max_size=3)))
        if kind in (Checklist, Walkthrough) and draw(st.booleans()):
            fields["check"] = draw(st.one_of(values, st.just("1")))
        if kind is Checklist and draw(st.booleans()):
            fields["fallback." + url.rsplit("/", 1)[-1]] = "1"
        query = {}
        if kind is Walkthrough:
            path = draw(st.lists(st.sampled_from([*names, "next", "x", ""]), max_size=8))
            query = {
                "path": ".".join(path),
                "run": draw(values),
                "view": draw(st.sampled_from(["training", "", "x"])),
                "partial": draw(st.sampled_from(["1", "", "x"])),
            }
        sent.append(("POST", url, fields, query))
        sent.append(
            (
                "GET",
                url,
                {},
                {"q": draw(values), "date": draw(values), "time": draw(values), "tz": draw(values)},
            )
        )
    slug = draw(st.sampled_from(["transfer-to-retention", "call-next-process", "x", ""]))
    vote = {
        "slug": slug,
        "block": draw(st.one_of(values, st.sampled_from(["", "call-back", "porting-call"]))),
        "helpful": draw(st.sampled_from(["yes", "no", "", "maybe"])),
        "reason": draw(st.one_of(values, st.sampled_from(["wrong", "other"]))),
        "comment": draw(values),
        "next": draw(values),
    }
    sent.append(("POST", f"/{draw(st.sampled_from(['en', 'ru']))}/feedback", vote, {}))
    if draw(st.integers(0, 3)) == 0:  # scrypt makes each sign-in cost a third of a second
        login = {"name": draw(values), "password": draw(values), "next": draw(values)}
        sent.append(("POST", "/en/editors/login", login, {}))
    pages = ["/en/search", "/api/search", "/api/suggest", "/ru/articles", "/en/editors/"]
    pages += ["/en/editors/searches", "/en/editors/export/comments.csv", "/ru/editors/review"]
    for path in draw(st.lists(st.sampled_from(pages), max_size=2, unique=True)):
        sent.append(
            (
                "GET",
                path,
                {},
                {
                    "q": draw(values),
                    "lang": draw(values),
                    "page": draw(values),
                    "days": draw(values),
                    "language": draw(values),
                    "hl": draw(values),
                    "format": draw(values),
                    "search": draw(values),
                },
            )
        )
    return sent


@fuzz(40)
@given(data=st.data())
def test_generated_values_in_every_form(form_site, data):
    app, editor, forms = form_site
    client = data.draw(st.sampled_from([app.test_client(), editor]))
    for method, url, fields, query in data.draw(form_posts(forms)):
        if method == "POST":
            body = {**fields, "csrf_token": csrf(client)}
            response = client.post(url, data=body, query_string=query)
        else:
            response = client.get(url, query_string=query)
        assert response.status_code < 500, (method, url, fields, query)


@fuzz(15)
@given(parts=st.lists(st.tuples(raw_bytes, raw_bytes), max_size=6))
def test_form_bodies_that_are_not_utf8(form_site, parts):
    app, editor, forms = form_site
    urls = [url for url, _, _ in forms][::4] + ["/en/feedback", "/en/editors/login"]
    for client in (app.test_client(), editor):
        token = csrf(client)
        body = "&".join(f"{k}={v}" for k, v in parts) + f"&csrf_token={token}"
        for url in urls:
            response = client.post(
                url, data=body.encode(), content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code < 500, (url, body)
            query = "&".join(f"{k}={v}" for k, v in parts)
            assert client.get(f"{url}?{query}").status_code < 500, (url, query)
