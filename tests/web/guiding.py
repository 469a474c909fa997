"""Helpers for tests of the guidance pages: fixture articles, reading pages, walking them as a
browser without JavaScript would (GET links, then POST forms once there are details)."""

from __future__ import annotations

import shutil
from collections import deque
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.guidance import calculate, walk
from kb.guidance.model import Calculator, Walkthrough
from tests.web.editing import csrf

FIXTURES = Path(__file__).parent / "fixtures" / "guide"

# A valid value for each type of field, as a person would type it.
SAMPLE = {
    "text": "Sample text",
    "multiline": "First line\nSecond line",
    "phone": "+7 900 000-00-00",
    "email": "sample@example.com",
    "date": "2026-01-15",
    "number": "120",  # a PNV Balance of 120: the notification branch, the longer way
}


def add_fixtures(articles_dir: Path) -> None:
    """Copy the guidance test articles (en and ru) next to the shipped ones."""
    for lang_dir in FIXTURES.iterdir():
        for path in lang_dir.glob("*.md"):
            shutil.copy(path, articles_dir / lang_dir.name / path.name)


class Page(HTMLParser):
    """What a test needs of a guidance page: links, buttons, inputs and the step's heading."""

    CAPTURED = ("a", "button", "div", "h2", "option", "p", "span", "textarea", "tr")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.buttons: list[dict] = []
        self.inputs: list[dict] = []
        self.forms: list[dict] = []
        self.elements: list[dict] = []  # every captured element, with its text
        self._open: list[dict] = []
        self._select: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append(a)
        elif tag == "input":
            self.inputs.append({"tag": tag, "form": len(self.forms), **a})
        elif tag == "select":
            self._select = {"tag": tag, "form": len(self.forms), "options": [], **a}
            self.inputs.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["value"] = a.get("value", "")
        if tag in self.CAPTURED:
            element = {"tag": tag, "text": "", "form": len(self.forms), **a}
            self._open.append(element)
            self.elements.append(element)
            if tag == "a":
                self.links.append(element)
            elif tag == "button":
                self.buttons.append(element)
            elif tag == "textarea":
                self.inputs.append(element)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def by_id(self, html_id: str) -> dict | None:
        return next((e for e in self.elements if e.get("id") == html_id), None)

    @property
    def heading(self) -> str:
        found = self.by_id("wt-step-title")
        return found["text"].strip() if found else ""

    @property
    def guide_form(self) -> bool:
        return any("data-guide-form" in f for f in self.forms)

    def textarea(self, html_id: str) -> str:
        found = self.by_id(html_id)
        assert found is not None, f"no #{html_id} on the page"
        return found["text"].strip("\n")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def form_data(page: Page, client, fill: dict[str, str] | None = None) -> dict[str, str]:
    """The guide form's fields as a browser would send them, empty visible ones filled in."""
    data = {}
    for field in page.inputs:
        name = field.get("name")
        if not name or field.get("type") == "checkbox" and "checked" not in field:
            continue
        data[name] = field.get("value", field.get("text", ""))
    data["csrf_token"] = csrf(client)
    for name, value in (fill or {}).items():
        data[name] = value
    return data


def sample_values(page: Page) -> dict[str, str]:
    """A valid value for every empty visible field of the page."""
    values = {}
    for field in page.inputs:
        name = field.get("name", "")
        if not name.startswith("f.") or field.get("type") == "hidden" or field.get("value"):
            continue
        if field["tag"] == "select":
            values[name] = next(o for o in field["options"] if o)
        elif field["tag"] == "textarea":
            values[name] = SAMPLE["multiline"]
        else:
            kind = {"tel": "phone", "email": "email", "date": "date"}.get(field.get("type"), "text")
            values[name] = SAMPLE["number"] if field.get("inputmode") == "decimal" else SAMPLE[kind]
    return values


@cache
def _calculators() -> dict[str, Calculator]:
    """The calculators of the shipped and fixture articles, by id."""
    from kb.content import load_library
    from kb.guidance import parse_blocks
    from kb.guidance.article import article_blocks
    from tests.conftest import SHIPPED_ARTICLES

    found: dict[str, Calculator] = {}
    for root in (SHIPPED_ARTICLES, FIXTURES):
        for article in load_library(root).articles.values():
            for spec in parse_blocks(article_blocks(article.body, article.body_line))[0]:
                if isinstance(spec, Calculator):
                    found.setdefault(spec.id, spec)
    return found


def sample_results(spec: Walkthrough) -> dict:
    """The results of the calculators `spec` works out, for the SAMPLE values a walker types."""
    results = {}
    for ref in {s.calculator for s in spec.steps.values() if s.calculator}:
        calc = _calculators()[ref]
        typed = {
            i.id: SAMPLE["number"] if i.type == "number" else i.options[0].id for i in calc.inputs
        }
        results[ref] = calculate(
            calc, typed, locale="en", _=lambda m, **k: m % k if k else m
        ).values
    return results


def walk_sample(spec: Walkthrough, path):
    """`walk`, with the results of the SAMPLE values typed into calculators on the way."""
    return walk(spec, path, sample_results(spec))


def paths_to_outcomes(spec: Walkthrough) -> dict[str, list[str]]:
    """For each outcome of `spec`, the shortest list of choice ids that reaches it (with the
    SAMPLE values typed into a calculator on the way)."""
    found: dict[str, list[str]] = {}
    seen = set()
    queue = deque([[]])
    results = sample_results(spec)
    while queue:
        path = queue.popleft()
        position = walk(spec, path, results)
        if position.outcome is not None:
            found.setdefault(position.outcome.id, path)
            continue
        state = (position.step.id, tuple(sorted(position.answers.items())))
        if state in seen:
            continue
        seen.add(state)
        queue.extend([*path, choice.id] for choice in position.step.choices)
    return found


def start(client, lang: str, slug: str, block: str, **params):
    """Open a walkthrough as its link on the article does; returns the first step's response."""
    response = client.get(f"/{lang}/{slug}/guide/{block}", query_string=params)
    assert response.status_code == 302, response.status_code
    return client.get(response.headers["Location"])


def choose(client, response, path: str, fill: dict[str, str] | None = None):
    """Take the way to `path` from the page of `response`: its link, or its form button."""
    page = Page(response.get_data(as_text=True))
    if page.guide_form:
        button = next(
            b
            for b in page.buttons
            if b.get("formaction") and query(b["formaction"]).get("path", "") == path
        )
        data = form_data(page, client, {**sample_values(page), **(fill or {})})
        if button.get("name"):
            data[button["name"]] = button.get("value", "")
        return client.post(button["formaction"], data=data)
    link = next(
        a
        for a in page.links
        if "data-guide-nav" in a
        and "run" in query(a["href"])
        and query(a["href"]).get("path", "") == path
    )
    return client.get(link["href"])


def walk_to(client, lang, slug, spec: Walkthrough, path: list[str], fill=None, **params):
    """Walk the site from the start along `path`, checking each page shows the expected step."""
    response = start(client, lang, slug, spec.id, **params)
    assert Page(response.get_data(as_text=True)).heading == walk_sample(spec, "").step.title
    for i in range(len(path)):
        target = ".".join(path[: i + 1])
        response = choose(client, response, target, fill)
        assert response.status_code == 200, (target, response.status_code)
        position = walk_sample(spec, target)
        expected = (position.step or position.outcome).title
        assert Page(response.get_data(as_text=True)).heading == expected, target
    return response
