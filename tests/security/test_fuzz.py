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
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing, Walkthrough
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


@fuzz(40)
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


@dataclass(frozen=True)
class Form:
    """A guide page that takes input: its URL, its kind, and each field's type and options."""

    url: str
    kind: type
    fields: dict[str, tuple[str, tuple[str, ...]]]
    choices: tuple[str, ...] = ()  # a walkthrough's choice ids, for `?path=`


def forms_of(app) -> dict[type, list[Form]]:
    """Every guide page of the site, by kind."""
    found: dict[type, list[Form]] = {}
    with app.test_request_context():
        for (lang, slug), article in sorted(library().articles.items()):
            for spec in article_specs(article).specs:
                url = f"/{lang}/{slug}/guide/{spec.id}"
                fields, choices = {}, ()
                if isinstance(spec, Checklist):
                    fields = {f.id: (f.type, tuple(o.id for o in f.options)) for f in spec.fields}
                elif isinstance(spec, Calculator):
                    fields = {i.id: (i.type, tuple(o.id for o in i.options)) for i in spec.inputs}
                elif isinstance(spec, Walkthrough):
                    steps = spec.steps.values()
                    fields = {f.id: (f.type, ()) for s in steps for f in s.fields}
                    choices = tuple(c.id for s in steps for c in s.choices)
                found.setdefault(type(spec), []).append(Form(url, type(spec), fields, choices))
    return found


values = st.one_of(form_text, st.sampled_from(NASTY))
raw_bytes = st.binary(max_size=40).map(lambda b: quote(b, safe=""))  # %ff, %00...
# Numbers as people (and scripts) type them: any length, signs, grouping of either locale,
# exponents, NaN and infinity, and what Python and Decimal print.
# Every length as likely as any other, up to past what the forms accept (40 characters).
digits = st.integers(1, 45).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))
plain_numbers = st.tuples(
    st.sampled_from(["", "-", "+", "\u2212"]),
    digits,
    st.sampled_from(["", ".", ","]),
    st.text("0123456789", max_size=25),
).map("".join)
typed_numbers = st.one_of(
    plain_numbers,
    plain_numbers,  # twice: the likeliest to be read as a number, so the likeliest to go deep
    digits.map(lambda d: f"{int(d):,}"),  # 1,234,567
    digits.map(lambda d: f"{int(d):,}".replace(",", "\u00a0") + ",5"),  # 1 234 567,5
    digits.map(lambda d: f"{int(d):,}".replace(",", ".") + ",25"),  # 1.234.567,25
    st.decimals(allow_nan=True, allow_infinity=True).map(str),  # 1E+5, NaN, -Infinity
    st.floats().map(repr),
    values,
)
# The calendar's ends and the day's, where date arithmetic overflows, often.
edge_dates = st.sampled_from([date.max, date.max - timedelta(days=3), date.min])
typed_dates = st.one_of(
    edge_dates.map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    values,
)
typed_times = st.one_of(
    st.sampled_from(["23:59", "00:00", "24:00", "19:00"]),
    st.times().map(lambda t: t.isoformat()),
    values,
)
zones = st.one_of(
    st.sampled_from(["Pacific/Kiritimati", "Etc/GMT+12", "America/Adak", "UTC", "Asia/Kolkata"]),
    st.timezone_keys(),
    values,
)


def typed_value(kind: str, options: tuple[str, ...]):
    if kind == "number":
        return typed_numbers
    if kind == "date":
        return typed_dates
    if options:
        return st.one_of(st.sampled_from(options), values)
    return values


@st.composite
def form_posts(draw, forms: dict[type, list[Form]]):
    """(method, url, form, query) to send: one guide page of each kind, the feedback form,
    sometimes the sign-in form, and a couple of the other pages that take parameters."""
    sent = []
    for kind in sorted(forms, key=lambda k: k.__name__):
        form = draw(st.sampled_from(forms[kind]))
        fields = {
            f"f.{name}": draw(typed_value(*typed))
            for name, typed in form.fields.items()
            if draw(st.integers(0, 4))  # most fields filled in
        }
        fields.update(draw(st.dictionaries(values, values, max_size=2)))
        if kind in (Checklist, Walkthrough) and draw(st.booleans()):
            fields["check"] = draw(st.one_of(st.just("1"), values))
        if kind is Checklist and draw(st.booleans()):
            fields["fallback." + form.url.rsplit("/", 1)[-1]] = "1"
        query = {}
        if kind is Walkthrough:
            path = draw(st.lists(st.sampled_from([*form.choices, "next", "x", ""]), max_size=8))
            query = {
                "path": ".".join(path),
                "run": draw(values),
                "view": draw(st.sampled_from(["training", "", "x"])),
                "partial": draw(st.sampled_from(["1", "", "x"])),
            }
        sent.append(("POST", form.url, fields, query))
        for _ in range(6 if kind is Routing else 1):  # a moment costs a routing page little
            moment = {"date": draw(typed_dates), "time": draw(typed_times), "tz": draw(zones)}
            sent.append(("GET", form.url, {}, {"q": draw(values), **moment}))
    vote = {
        "slug": draw(st.sampled_from(["transfer-to-retention", "call-next-process", "x", ""])),
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
    params = ["q", "lang", "page", "days", "language", "hl", "format", "search"]
    for path in draw(st.lists(st.sampled_from(pages), max_size=2, unique=True)):
        sent.append(("GET", path, {}, {name: draw(values) for name in params}))
    return sent


@fuzz(60)
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
    urls = [form.url for group in forms.values() for form in group[:2]]
    urls += ["/en/feedback", "/en/editors/login"]
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
