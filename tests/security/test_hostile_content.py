"""A hostile articles folder: every page built from it, and nothing an author (or an agent typing
into a form or the search box) wrote becomes an element, an attribute, a script or a template.

The corpus holds raw HTML, script URLs, attribute-breaking quotes in every front matter field,
`</script>` in YAML, HTML in callout titles, guidance blocks whose texts carry HTML and Jinja
syntax, a huge line, deep nesting, alias bombs and ten thousand links. The crawl reads every
page of it (articles, guide pages posted with hostile values, searches, suggestions, the API,
the editors' reports) and each HTML answer is parsed and audited.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.content import frontmatter
from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing, Walkthrough
from kb.render import slugify
from kb.web.blocks import article_specs
from tests.conftest import make_app
from tests.web.editing import csrf, make_editor, sign_in

PROBE = "kbprobe"  # an element or attribute of this name in any page means an injection worked
JINJA = "{{ 7*7*7*7*7*7 }}"
EVALUATED = "117649"  # what the line above would become if a template ran it
SECRET = "hostile-test-secret"
# One line of hostility: breaks out of text, attributes (both quotes) and script, runs templates.
H = (
    f'<{PROBE} onclick="alert(1)">x</{PROBE}> "><{PROBE} x=" \'><{PROBE} x=\' '
    f"x\" {PROBE}=\"1 x' {PROBE}='1 </script><script>alert(1)</script> "
    f"{JINJA} {{% if true %}}J{{% endif %}} {{{{ config }}}} javascript:alert(1)"
)
MD_H = (  # the same in Markdown fields, with links and images that try script URLs
    f"{H} [a](javascript:alert(1)) [b](vbscript:msgbox(1)) "
    "![i](javascript:alert(1)) ![j](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>"
)


def yaml_text(text: str, indent: int) -> str:
    """`text` as a YAML block scalar at `indent`, so no quoting can go wrong."""
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line for line in text.splitlines())


def front(**fields: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n"


RAW_HTML = f"""# Raw HTML

<script>alert(1)</script>

<{PROBE} onclick="alert(1)">a block of HTML</{PROBE}>

Inline <img src=x onerror=alert(1)> and <{PROBE}>inline</{PROBE}>
and <a href="javascript:alert(1)">a</a>.

<iframe src="javascript:alert(1)"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<svg onload=alert(1)><script>alert(1)</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>
<style>body {{ display: none }}</style>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example">
<link rel="stylesheet" href="https://evil.example/x.css">
<form action="https://evil.example"><button formaction="javascript:alert(1)">x</button></form>
<!-- <script>alert(1)</script> -->
<![CDATA[<script>alert(1)</script>]]>
<details open ontoggle=alert(1)><summary>s</summary></details>
<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>

| head <{PROBE}> | <script>alert(1)</script> |
| --- | --- |
| <img src=x onerror=alert(1)> | {H} |

`</code><{PROBE}>` and

```"><{PROBE} x="
</code></pre><script>alert(1)</script>
```

    indented <script>alert(1)</script>

## <{PROBE}> heading "quotes" 'single' {JINJA}

- [ ] <{PROBE}> a task
- [x] {H}
"""

LINKS = """# Links

[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [spaced](<java script:alert(1)>)
[entity](&#106;avascript:alert(1)) [colon](javascript&colon;alert(1))
[hex](&#x6A;avascript&#x3A;alert(1)) [tab](java&#9;script:alert(1)) [nl](java&#10;script:alert(1))
[pct](%6Aavascript:alert(1)) [vb](vbscript:msgbox(1)) [file](file:///etc/passwd)
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[datasvg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
[quote](x" onmouseover="alert(1)) [title](https://example.com "t\\" onmouseover=\\"alert(1)")
[single](https://example.com 't\\' onmouseover=alert(1)')
<javascript:alert(1)> <vbscript:msgbox(1)> <https://example.com/"onmouseover="alert(1)>
![img](javascript:alert(1)) ![svg](data:image/svg+xml,<svg/onload=alert(1)>)
![png](data:image/png;base64,iVBORw0KGgo=) ![alt "><kbprobe x="](x.png "t\\"><kbprobe>")
[ref][r1] [ref2][r2] ![ref3][r3]
[deep](../../../../../../etc/passwd.md) [dots](..%2F..%2Fapp.py.md) [abs](/etc/passwd.md)
[other](raw-html.md#%22%3E%3Ckbprobe%3E) [anchor](#%22%3E%3Ckbprobe%3E)
[nul](raw-html%00.md) [back](..\\..\\app.md)

[r1]: javascript:alert(1)
[r2]: <javascript:alert(1)> "x\\" onclick=\\"alert(1)"
[r3]: javascript:alert(1)
"""

CALLOUTS = f"""# Callouts

::: warning <{PROBE} onclick=alert(1)>Title</{PROBE}> "quoted" {JINJA}
Body <script>alert(1)</script>
:::

::: note "><{PROBE} x="
{H}
:::

::: tip </p><script>alert(1)</script>
tip
:::

::: script
Say <script>alert(1)</script> and {H}
:::
"""


def guidance() -> str:
    md, t = (lambda n: yaml_text(MD_H, n)), (lambda n: yaml_text(H, n))
    return f"""# Guidance

```walkthrough
id: hostile-walk
title: {t(2)}
text: {md(2)}
steps:
  - id: first
    title: {t(6)}
    text: {md(6)}
    why: {md(6)}
    notes: {md(6)}
    script: {t(6)}
    fields:
      - id: account
        label: {t(10)}
        help: {t(10)}
        required: true
      - id: kind
        label: {t(10)}
        type: choice
        options:
          - id: one
            label: {t(14)}
          - id: two
            label: {t(14)}
    choices:
      - id: go
        label: {t(10)}
        set: {{answer: "<{PROBE}>"}}
        next: second
      - id: stop
        label: {t(10)}
        next: done
  - id: second
    title: {t(6)}
    checklist: hostile-form
    next:
      - when: answer == "<{PROBE}>"
        go: done
      - go: other
outcomes:
  - id: done
    title: {t(6)}
    kind: resolved
    text: {md(6)}
    checklist: hostile-form
    actions:
      - send: {t(10)}
      - add-tag: {t(10)}
      - {t(8)}
  - id: other
    title: {t(6)}
    kind: escalated
```

```checklist
id: hostile-form
title: {t(2)}
text: {md(2)}
fields:
  - id: company
    label: {t(6)}
    help: {t(6)}
    required: true
  - id: phone
    label: {t(6)}
    type: phone
  - id: segment
    label: {t(6)}
    type: choice
    options:
      - id: vip
        label: {t(10)}
note: |
  Company: {{company}} <{PROBE}> {{{{ 7*7*7*7*7*7 }}}} </script>
  Phone: {{phone}} {{segment}}
fallback:
  label: {t(4)}
  required: [company]
  note: {yaml_text(H.replace("{", "{{").replace("}", "}}"), 4)}
```

```decision-table
id: hostile-table
title: {t(2)}
script: {t(2)}
text: {md(2)}
columns:
  scenario: {t(4)}
  decision: {t(4)}
  do: {t(4)}
rows:
  - id: one
    scenario: {md(6)}
    decision: transfer
    to: {t(6)}
    keywords: ["<{PROBE}>", "{JINJA}"]
  - id: two
    scenario: {md(6)}
    decision: do-not-transfer
    do: {md(6)}
  - id: three
    scenario: {md(6)}
    decision: escalate
    to: {t(6)}
```

```calculator
id: hostile-calc
title: {t(2)}
text: {md(2)}
inputs:
  - id: amount
    label: {t(6)}
    unit: {t(6)}
  - id: kind
    label: {t(6)}
    type: choice
    options:
      - id: a
        label: {t(10)}
formulas:
  - id: total
    label: {t(6)}
    unit: {t(6)}
    formula: amount * 2
rules:
  - id: big
    when: total >= 10 and kind == "a"
    title: {t(6)}
    kind: notified
    text: {md(6)}
    checklist: hostile-form
    actions:
      - notify: {t(10)}
  - id: small
    title: {t(6)}
    kind: no-action
```

```routing
id: hostile-route
title: {t(2)}
text: {md(2)}
timezone: Europe/Moscow
hours:
  mon-fri: 09:00-18:00
in-hours:
  title: {t(4)}
  kind: transferred
  text: {md(4)}
  actions:
    - transfer: {t(8)}
out-of-hours:
  title: {t(4)}
  kind: case-created
  text: {md(4)}
  checklist: hostile-form
```
"""


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


def hostile_front(**extra: str) -> str:
    return front(
        title=yaml_text(H, 2),
        summary=yaml_text(H, 2),
        category=yaml_text(f'"><{PROBE} x=" Hostile', 2),
        tags=f'["\\"><{PROBE} x=\\"", "javascript:alert(1)", "</script>", "{JINJA}"]',
        audience=f'["<{PROBE}>", "agents", "\\" {PROBE}=\\"1"]',
        owner=yaml_text(H, 2),
        updated="2026-01-01",
        **{"review-by": "2026-01-02"},
        **extra,
    )


CORPUS = {
    "en/raw-html.md": hostile_front() + RAW_HTML,
    "ru/raw-html.md": hostile_front() + "# Сырой HTML\n\nТекст по-русски.\n\n" + RAW_HTML,
    "en/links.md": front(title="Links") + LINKS,
    "en/script-in-yaml.md": front(
        title='"</script><script>alert(1)</script>"',
        summary="'</title><script>alert(1)</script>'",
        category="'</script>'",
        tags="['</script><script>alert(1)</script>']",
    )
    + "# Body\n\nwords\n",
    "en/callouts.md": front(title="Callouts", category="Hostile") + CALLOUTS,
    "en/guidance.md": front(title="Guidance", category="Hostile") + guidance(),
    "en/huge-line.md": front(title="Huge line")
    + "# Huge line\n\n"
    + f"hugeword <{PROBE}> [x](javascript:alert(1)) " * 20_000
    + "\n",
    "en/nested.md": front(title="Nested")
    + "# Nested\n\n"
    + "> " * 1000
    + f"<{PROBE}> deep quote\n\n"
    + "".join("  " * i + f"- <{PROBE}> level {i}\n" for i in range(200))
    + "\n"
    + "*" * 5000
    + "x"
    + "*" * 5000
    + "\n\n"
    + "[" * 5000
    + "x"
    + "](javascript:alert(1))" * 50
    + "\n",
    "en/many-links.md": front(title="Many links")
    + "# Many links\n\n"
    + " ".join(
        ("[x](javascript:alert(1))", "[y](links.md)", "<https://example.com>")[i % 3]
        for i in range(10_000)
    )
    + "\n",
    # Left out and reported: these must not stop the rest from loading.
    "en/alias-bomb.md": "---\n" + alias_bomb() + "\ntitle: Bomb\nupdated: *a8\n---\n# Bomb\n",
    "en/alias-tags.md": "---\n" + alias_bomb() + "\ntags: *a8\n---\n# Tags bomb\n",
    "en/deep-yaml.md": "---\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n---\n# Deep\n",
    # Loaded, with the block shown as an error box.
    "en/block-bomb.md": front(title="Block bomb")
    + "# Block bomb\n\n```walkthrough\n"
    + alias_bomb()
    + "\nid: bomb\ntitle: Bomb\nsteps: *a8\n```\n\n```checklist\nid: deep\ntitle: Deep\nfields: "
    + "[" * 5000
    + "]" * 5000
    + "\n```\n",
    "en/odd \"name' <kbprobe>.md": hostile_front() + "# Odd name\n\nwords\n",
}
REJECTED = {"alias-bomb", "alias-tags", "deep-yaml"}
SEARCHES = [
    PROBE,
    "hugeword",
    "alert script",
    "javascript",
    "onclick onerror",
    "hostile",
    f"<{PROBE}>",
    f'"><{PROBE} x="',
    JINJA,
    "{% if true %}",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    '=HYPERLINK("https://evil.example")',
]


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


# ---- The audit ----------------------------------------------------------------------------

FORBIDDEN = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "template",
    "animate", "set", "animatetransform", "foreignobject", "use", "noscript", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "ping", "srcset", "lowsrc", "dynsrc", "longdesc", "manifest", "codebase",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SAFE_DATA = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]", re.I)
SAFE_META = {("charset", None), ("name", "viewport"), ("name", "robots")}
SAFE_LINKS = {"stylesheet", "icon", "search", "alternate", "next", "prev"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class Audit(HTMLParser):
    """Everything in a page that a browser would run or that lets content act as markup."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag == "script":
            self._script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if PROBE in tag or tag in FORBIDDEN:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = True
            if not (found.get("src") or "").startswith("/static/js/"):
                self.problems.append(f"<script src={found.get('src')!r}>")
        elif tag == "meta":
            key = "charset" if "charset" in found else "name"
            if (key, None if key == "charset" else found.get("name")) not in SAFE_META:
                self.problems.append(f"<meta {found}>")
        elif tag == "link":
            rel = set((found.get("rel") or "").split())
            if not rel <= SAFE_LINKS or not (found.get("href") or "").startswith("/"):
                self.problems.append(f"<link {found}>")
        elif tag == "form" and not (found.get("action") or "/").startswith("/"):
            self.problems.append(f"<form action={found.get('action')!r}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc") or PROBE in name:
                self.problems.append(f"<{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and value and not self._safe_url(tag, name, value):
                self.problems.append(f"<{tag} {name}={value!r}>")

    @staticmethod
    def _safe_url(tag: str, name: str, value: str) -> bool:
        """As a browser reads it: control characters and spaces dropped, scheme lower-cased."""
        url = _CONTROL.sub("", value).replace("\\", "/")
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url, re.I)
        if scheme is None:
            return True  # relative: on this site
        if scheme.group(1).lower() == "data":
            return tag == "img" and name == "src" and bool(SAFE_DATA.match(url))
        return scheme.group(1).lower() in SAFE_SCHEMES


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
