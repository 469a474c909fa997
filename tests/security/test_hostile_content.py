"""A hostile articles folder (tests/security/hostile.py): every page built from it, and nothing
an author (or an agent typing into a form or the search box) wrote becomes an element, an
attribute, a script or a template.

The crawl reads every page of it (articles, guide pages posted with hostile values, searches,
suggestions, the API, the editors' reports) and each HTML answer is parsed and audited
(tests/security/audit.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb.content import frontmatter
from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing, Walkthrough
from kb.guidance.specs import article_specs
from kb.render import slugify
from tests.conftest import make_app
from tests.security.audit import PROBE, Audit
from tests.security.hostile import (
    CORPUS,
    EVALUATED,
    JINJA,
    REJECTED,
    SEARCHES,
    SECRET,
    H,
    alias_bomb,
)
from tests.web.editing import csrf, make_editor, sign_in


@dataclass
class Page:
    url: str
    status: int
    mimetype: str
    body: str


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "articles"
    for name, text in CORPUS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def app(corpus, tmp_path_factory):
    instance = tmp_path_factory.mktemp("hostile-instance")
    app = make_app(corpus, instance, SECRET_KEY=SECRET)
    make_editor(app)
    yield app
    app.extensions["kb_content"].stop()
    app.extensions["kb_store"].dispose()


def read(client, url: str, pages: list[Page], method: str = "GET", **kwargs):
    response = client.open(url, method=method, **kwargs)
    pages.append(
        Page(f"{method} {url}", response.status_code, response.mimetype, response.get_data(True))
    )
    return response


def crawl_guide(client, article, pages: list[Page]) -> None:
    base = f"/{article.lang}/{article.slug}/guide"
    hostile = {"csrf_token": csrf(client), "check": ""}
    for spec in article_specs(article).specs:
        url = f"{base}/{spec.id}"
        fields = [f"f.{name}" for name in ("account", "kind", "company", "phone", "segment")]
        typed = {**hostile, **{name: H for name in fields}, "fallback.hostile-form": "1"}
        if isinstance(spec, Walkthrough):
            for path in ("", "go", "stop", "go.next", f'go."><{PROBE}>', JINJA):
                for view in ("", "training"):
                    query = {"path": path, "view": view}
                    read(client, url, pages, query_string=query, follow_redirects=True)
                    read(client, url, pages, "POST", query_string=query, data=typed)
                    read(client, url, pages, query_string={**query, "partial": "1"})
            read(client, url, pages, "POST", query_string={"path": "go"}, data=typed)
        elif isinstance(spec, Checklist):
            read(client, url, pages)
            read(client, url, pages, "POST", data=typed)
        elif isinstance(spec, Calculator):
            read(client, url, pages)
            for amount in ("100", H, "1e308", "-0", "9" * 400):
                data = {**hostile, "f.amount": amount, "f.kind": "a"}
                read(client, url, pages, "POST", data=data)
        elif isinstance(spec, DecisionTable):
            for q in ("", PROBE, H):
                read(client, url, pages, query_string={"q": q})
                read(client, f"{url}/rows", pages, query_string={"q": q})
        elif isinstance(spec, Routing):
            read(client, url, pages)
            for tz in ("Europe/Moscow", H, "../../etc/passwd"):
                query = {"tz": tz, "date": "2026-01-05", "time": "10:00"}
                read(client, url, pages, query_string=query)
            read(client, url, pages, query_string={"date": H, "time": H})


@pytest.fixture(scope="module")
def pages(app) -> list[Page]:
    """Every page of the hostile site, as an agent and as an editor sees it."""
    client = app.test_client()
    found: list[Page] = []
    library = app.extensions["kb_content"].library
    for url in ("/", "/en/", "/ru/", "/en/articles", "/ru/articles"):
        read(client, url, found, follow_redirects=True)
    for lang in ("en", "ru"):
        for title in library.categories(lang):
            read(client, f"/{lang}/category/{slugify(title) or 'none'}", found)
    for article in library.articles.values():
        url = f"/{article.lang}/{article.slug}"
        read(client, url, found)
        read(client, f"/{'ru' if article.lang == 'en' else 'en'}/{article.slug}", found)
        for hl in (PROBE, "alert script", "onclick", "href javascript", '" onmouseover=', "mark"):
            read(client, url, found, query_string={"hl": hl})
        for tag in article.tags:
            read(client, f"/{article.lang}/search", found, query_string={"tag": tag})
        crawl_guide(client, article, found)
        vote = {"slug": article.slug, "helpful": "no", "reason": "wrong", "comment": H}
        read(
            client,
            f"/{article.lang}/feedback",
            found,
            "POST",
            data=vote,
            headers={"X-CSRF-Token": csrf(client)},
        )
    for lang in ("en", "ru"):
        for q in SEARCHES:
            read(client, f"/{lang}/search", found, query_string={"q": q})
            read(client, "/api/search", found, query_string={"q": q, "lang": lang})
            read(client, "/api/suggest", found, query_string={"q": q, "lang": lang})
            read(client, "/api/suggest", found, query_string={"q": q, "format": "opensearch"})
    sign_in(client)
    for page in ("", "searches", "articles", "walkthroughs", "review"):
        for lang in ("en", "ru"):
            read(client, f"/{lang}/editors/{page}", found, query_string={"days": 7})
    for name in ("top-searches", "no-results", "not-opened", "comments", "articles", "steps"):
        read(client, f"/en/editors/export/{name}.csv", found)
    read(client, "/en/transfer-to-retention", found)  # 404 here: no such article in the corpus
    return found


def audit(page: Page) -> list[str]:
    if page.mimetype == "text/html":
        return Audit(page.body).problems
    if page.mimetype == "application/json":
        answer = json.loads(page.body)
        if isinstance(answer, dict):  # snippets are HTML that the page inserts as HTML
            snippets = [r["snippet"] for r in answer.get("results", [])]
            return [p for s in snippets for p in Audit(s).problems]
        return []
    return []


def test_the_audit_catches_what_it_looks_for():
    bad = [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        f"<{PROBE}>",
        '<p title="x" kbprobe="1">',
        '<img src="x" onerror="alert(1)">',
        '<a href=" java&#9;script:alert(1)">',
        '<a href="JAVASCRIPT:alert(1)">',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<a href="data:image/png;base64,xx">',
        '<div style="x">',
        "<iframe></iframe>",
        '<form action="https://evil.example">',
        '<meta http-equiv="refresh" content="0">',
        '<svg><a xlink:href="javascript:alert(1)"></a></svg>',
    ]
    for html in bad:
        assert Audit(html).problems, html
    good = '<a href="/en/x?a=1">x</a><img src="data:image/png;base64,xx"><a href="https://e.x">'
    assert Audit(good).problems == []


def test_the_crawl_reached_every_article_and_block(app, pages):
    library = app.extensions["kb_content"].library
    loaded = {slug for _, slug in library.articles}
    assert {Path(n).stem for n in CORPUS} - REJECTED <= loaded
    assert not REJECTED & loaded
    guide = [p for p in pages if "/guide/hostile-" in p.url and p.status == 200]
    kinds = {re.search(r"/guide/(hostile-[a-z]+)", p.url).group(1) for p in guide}
    assert kinds == {f"hostile-{k}" for k in ("walk", "form", "table", "calc", "route")}
    assert len(pages) > 250


def test_the_bad_files_are_reported_and_the_rest_loads(app):
    library = app.extensions["kb_content"].library
    reported = {e.path for e in library.errors if e.severity == "error"}
    assert {f"en/{name}.md" for name in REJECTED} <= reported
    assert all(len(e.message) < 300 for e in library.errors), "an error quotes a huge value"


@pytest.mark.parametrize(
    "where",
    [
        "GET /en/raw-html",
        "GET /ru/raw-html",
        "GET /en/callouts",
        "GET /en/links",
        "GET /en/category/kbprobe",
        "GET /en/guidance/guide/",
        "POST /en/guidance/guide/",
        "GET /en/search",
        "GET /api/search",
        "GET /api/suggest",
        "GET /en/editors/searches",
        "GET /en/editors/articles",
        "GET /en/editors/review",
    ],
)
def test_the_hostile_text_reached_every_kind_of_page(pages, where):
    """The audit means something only where the hostile text was on the page (as text)."""
    assert any(
        p.url.startswith(where)
        and p.status == 200
        and (
            f"&lt;{PROBE}" in p.body
            or (p.mimetype == "application/json" and f"<{PROBE}" in json.dumps(json.loads(p.body)))
        )
        for p in pages
    )


@pytest.mark.parametrize("key", sorted(frontmatter.KNOWN_KEYS))
def test_front_matter_bombs_are_refused_with_a_short_message(key):
    source = f"{alias_bomb(levels=5)}\n{key}: *a4\n"  # 100,000 items when expanded
    try:
        fields, _ = frontmatter.parse(source)
    except frontmatter.FrontMatterError as error:
        assert len(str(error)) < 300
    else:
        assert len(repr(fields)) < 300
    deep = f"{key}: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(frontmatter.FrontMatterError, match="nested more than"):
        frontmatter.parse(deep)


def test_no_page_fails(pages):
    failed = [(p.url[:120], p.status) for p in pages if p.status >= 500]
    assert failed == []


def test_no_attacker_controlled_element_or_attribute_survives(pages):
    problems = {}
    for page in pages:
        found = audit(page)
        if found:
            problems[page.url[:120]] = sorted(set(found))[:5]
    assert problems == {}


def test_no_template_syntax_is_run(pages):
    for page in pages:
        assert EVALUATED not in page.body, page.url[:120]
        assert SECRET not in page.body, page.url[:120]
        assert "<Config " not in page.body, page.url[:120]


def test_the_probe_shows_as_text(pages):
    """Escaped, not dropped: the words an author wrote still read on the page."""
    article = next(p for p in pages if p.url == "GET /en/raw-html" and p.status == 200)
    assert f"&lt;{PROBE} onclick=&#34;alert(1)&#34;&gt;" in article.body or (
        f"&lt;{PROBE} onclick=&quot;alert(1)&quot;&gt;" in article.body
    )


def test_json_answers_are_json_and_never_sniffed_as_html(pages):
    for page in pages:
        if page.url.split()[1].startswith("/api/"):
            assert page.mimetype == "application/json", page.url[:120]
            json.loads(page.body)


def test_csv_exports_keep_formulas_as_text(pages):
    exports = [p for p in pages if p.url.endswith(".csv") and p.status == 200]
    assert exports
    for page in exports:
        for row in csv.reader(io.StringIO(page.body.lstrip("\ufeff"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (page.url, cell)
