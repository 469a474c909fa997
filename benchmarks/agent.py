"""A simulated contact-centre agent: what one person does on the site during calls.

A call: type a query (suggestions as the letters come), search, open a result (now and then an
article straight from a list), sometimes vote on it, sometimes walk a walkthrough to an outcome
(links, then forms with typed details and the CSRF token) and vote on that. Every request is
timed and tallied by type; what the server acknowledged is counted, to be compared with the
database afterwards.
"""

from __future__ import annotations

import html
import http.client
import json
import random
import re
import statistics
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from benchmarks.queries import Query
from harness.client import Browser, Response

# Typed values for walkthrough fields, by input type (customer data: the server never keeps it).
SAMPLE = {
    "tel": "+7 900 000-00-00",
    "email": "sample@example.com",
    "date": "2026-01-15",
    "decimal": "12",
    "text": "Sample text",
    "textarea": "First line\nSecond line",
}
REASONS = ("outdated", "unclear", "wrong", "missing-case", "other")
MAX_STEPS = 30  # a walk longer than this is a loop: give up

_RESULT = re.compile(r'class="result-link" href="([^"]+)"')
_LINK = re.compile(r'<a class="button wt-choice" href="([^"]+)"')
_BUTTON = re.compile(
    r'<button type="submit" class="button wt-choice" formaction="([^"]+)"'
    r'(?: name="check" value="([^"]*)")?'
)
_WT_FORM = re.compile(r'<form class="wt-form".*?</form>', re.S)
_FEEDBACK_FORM = re.compile(r'<form class="feedback-form".*?</form>', re.S)
_INPUT = re.compile(r"<input ([^>]*)>")
_TEXTAREA = re.compile(r"<textarea ([^>]*)>")
_SELECT = re.compile(r"<select ([^>]*)>(.*?)</select>", re.S)
_OPTION = re.compile(r'<option value="([^"]+)"')
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass
class Plan:
    """What the agents draw from: queries, articles, walkthroughs, and how long they pause."""

    queries: list[Query]
    articles: list[tuple[str, str]]  # (lang, slug)
    walkthroughs: list[str]  # paths of walkthrough pages, without a run
    think: float  # mean seconds between two actions


@dataclass
class Tally:
    """Every request's type, latency and result; the records the server acknowledged."""

    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # Latencies of every type, by whether a full rebuild of the index was running meanwhile.
    rebuilding: threading.Event = field(default_factory=threading.Event)
    by_rebuild: dict[bool, list[float]] = field(default_factory=lambda: defaultdict(list))
    results: Counter = field(default_factory=Counter)  # (type, "2xx" | "3xx" | "4xx" | ...)
    acked: Counter = field(default_factory=Counter)  # record kind → acknowledged
    notes: Counter = field(default_factory=Counter)  # things worth a line in the report
    failures: list[str] = field(default_factory=list)  # the first few 5xx and connection errors
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, result: str, seconds: float | None = None, detail: str = "") -> None:
        with self.lock:
            self.results[kind, result] += 1
            if seconds is not None:
                self.latency[kind].append(seconds * 1000)
                self.by_rebuild[self.rebuilding.is_set()].append(seconds * 1000)
            if result in ("5xx", "conn") and len(self.failures) < 20:
                self.failures.append(f"{kind}: {detail}")

    def ack(self, kind: str, n: int = 1) -> None:
        with self.lock:
            self.acked[kind] += n

    def note(self, what: str) -> None:
        with self.lock:
            self.notes[what] += 1

    @classmethod
    def merged(cls, tallies: list[Tally]) -> Tally:
        out = cls()
        for tally in tallies:
            for kind, samples in tally.latency.items():
                out.latency[kind] += samples
            for rebuilding, samples in tally.by_rebuild.items():
                out.by_rebuild[rebuilding] += samples
            out.results += tally.results
            out.acked += tally.acked
            out.notes += tally.notes
            out.failures += tally.failures[: 20 - len(out.failures)]
        return out

    def count(self, result: str, kind: str | None = None) -> int:
        return sum(n for (k, r), n in self.results.items() if r == result and kind in (None, k))

    def percentiles(self, kind: str | None) -> tuple[float, float, float]:
        """p50, p95, p99 in ms of the requests of `kind` (None: of all)."""
        if kind is None:
            return percentiles([ms for every in self.latency.values() for ms in every])
        return percentiles(self.latency.get(kind, []))


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 of `samples` (zeros when there are none)."""
    if len(samples) < 2:
        return (samples[0],) * 3 if samples else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


class Agent:
    """One agent in a thread of its own, with its own browser (cookies, vote id, session)."""

    def __init__(self, base: str | list[str], plan: Plan, tally, stop: threading.Event, seed: int):
        self.browser = Browser(base)  # several bases: each request to the next instance
        self.plan = plan
        self.tally = tally
        self.stop = stop
        self.rng = random.Random(seed)

    def run(self) -> None:
        self.pause(self.rng.random())  # agents start their calls at different moments
        while not self.stop.is_set():
            self.call()

    # One call

    def call(self) -> None:
        query = self.rng.choice(self.plan.queries)
        self.type_query(query)
        results = self.search(query)
        self.pause()
        opened = None
        if results and self.rng.random() < 0.7:
            opened = self.read(self.rng.choice(results[:3]))
        elif self.rng.random() < 0.3:
            lang, slug = self.rng.choice(self.plan.articles)
            opened = self.read(f"/{lang}/{quote(slug)}")
        if opened is not None and self.rng.random() < 0.25:
            self.pause(0.5)
            self.vote(opened)
        if self.plan.walkthroughs and self.rng.random() < 0.3:
            self.pause()
            self.walk(self.rng.choice(self.plan.walkthroughs))
        self.pause()

    def pause(self, factor: float = 1.0) -> None:
        self.stop.wait(self.rng.expovariate(1 / (self.plan.think * factor)))

    def type_query(self, query: Query) -> None:
        """Suggestions as the agent types: every few letters from the second on, as the page's
        script asks after a short pause in typing."""
        text = query.text.strip('"')
        for end in range(2, len(text) + 1, self.rng.randint(2, 4))[:4]:
            if self.stop.is_set():
                return
            self.send("suggest", "GET", f"/api/suggest?lang={query.lang}&q={quote(text[:end])}")
            self.pause(0.15)

    def search(self, query: Query) -> list[str]:
        """The results page (mostly) or the API; returns the result links."""
        q = quote(query.text)
        if self.rng.random() < 0.8:
            page = self.send("search page", "GET", f"/{query.lang}/search?q={q}")
            if page is None:
                return []
            self.tally.ack("searches")
            return [html.unescape(u).split("#")[0] for u in _RESULT.findall(page.text)]
        answer = self.send("search api", "GET", f"/api/search?lang={query.lang}&q={q}")
        if answer is None:
            return []
        self.tally.ack("searches")
        return [r["url"].split("#")[0] for r in json.loads(answer.text)["results"]]

    def read(self, path: str) -> Response | None:
        page = self.send("article", "GET", path, expect_missing=True)
        if page is not None and page.status == 200:
            self.tally.ack("article views")
            return page
        return None

    def vote(self, page: Response) -> None:
        """Answer "Was this helpful?" on `page` as feedback.js does (JSON, token in the form)."""
        found = _FEEDBACK_FORM.search(page.text)
        if found is None:
            return
        form = dict(_hidden(found.group(0)))
        form.pop("next", None)
        if self.rng.random() < 0.8:
            form["helpful"] = "yes"
        else:
            form.update(helpful="no", reason=self.rng.choice(REASONS), comment="Load test")
        lang = page_lang(page)
        answer = self.send("vote", "POST", f"/{lang}/feedback", form, accept="application/json")
        if answer is not None and json.loads(answer.text)["counted"]:
            self.tally.ack("votes")

    def walk(self, start: str) -> None:
        """From the start to an outcome: links, then the step's form once there are fields."""
        first = self.send("walkthrough start", "GET", start, redirect=True)
        if first is None:
            return
        if first.status != 302 or "run=" not in first.location:
            self.tally.note("walkthrough start without a new run")
            return
        self.tally.ack("walkthrough starts")
        page = self.send("walkthrough step", "GET", first.location)
        for _ in range(MAX_STEPS):
            if page is None:
                return
            if 'class="wt-outcome"' in page.text:
                self.tally.ack("walkthrough outcomes")
                if self.rng.random() < 0.3 and not self.stop.is_set():
                    self.pause(0.5)
                    self.vote(page)
                return
            if self.stop.is_set():
                return
            if "guide-errors" in page.text:
                self.tally.note("walkthrough stopped at a form it could not fill")
                return
            self.pause(0.5)
            page = self.next_step(page)
        self.tally.note("walkthrough longer than MAX_STEPS")

    def next_step(self, page: Response) -> Response | None:
        links = _LINK.findall(page.text)
        if links:
            return self.send("walkthrough step", "GET", html.unescape(self.rng.choice(links)))
        form = _WT_FORM.search(page.text)
        buttons = _BUTTON.findall(form.group(0)) if form else []
        if not buttons:
            self.tally.note("walkthrough step with no way forward")
            return None
        action, check = self.rng.choice(buttons)
        values = _hidden(form.group(0)) + _filled(form.group(0))
        if check:
            values.append(("check", html.unescape(check)))
        return self.send("walkthrough form", "POST", html.unescape(action), values)

    # Sending

    def send(
        self,
        kind: str,
        method: str,
        path: str,
        form: dict | list | None = None,
        *,
        accept: str = "text/html",
        redirect: bool = False,
        expect_missing: bool = False,
    ) -> Response | None:
        """One request, tallied; returns the response unless it failed (5xx, connection error,
        an unexpected 4xx). Redirects are followed unless `redirect` asks for the 302 itself."""
        try:
            if method == "GET":
                response = self.browser.get(path, Accept=accept)
            else:
                response = self.browser.post(path, form or {}, Accept=accept)
        except (OSError, http.client.HTTPException) as error:
            self.tally.add(kind, "conn", detail=f"{method} {path}: {error!r}")
            return None
        result = f"{response.status // 100}xx"
        self.tally.add(kind, result, response.seconds, f"{method} {path}: {response.status}")
        if response.status >= 400:
            if not (expect_missing and response.status == 404):
                self.tally.note(f"{kind} answered {response.status}")
            return None
        if response.status in (301, 302, 303) and not redirect:
            return self.send(kind, "GET", response.location)
        return response


def page_lang(page: Response) -> str:
    found = re.search(r'<html lang="(\w+)"', page.text)
    return found.group(1) if found else "en"


def _hidden(form: str) -> list[tuple[str, str]]:
    out = []
    for tag in _INPUT.findall(form):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("type") == "hidden" and "name" in attrs:
            out.append((attrs["name"], html.unescape(attrs.get("value", ""))))
    return out


def _filled(form: str) -> list[tuple[str, str]]:
    """A valid value in every field of a walkthrough step's form, as an agent would type it."""
    out = []
    for tag in _INPUT.findall(form):
        attrs = dict(_ATTR.findall(tag))
        name = attrs.get("name", "")
        if name.startswith("f."):
            kind = "decimal" if attrs.get("inputmode") == "decimal" else attrs.get("type", "text")
            out.append((name, SAMPLE.get(kind, SAMPLE["text"])))
    for tag in _TEXTAREA.findall(form):
        name = dict(_ATTR.findall(tag)).get("name", "")
        if name.startswith("f."):
            out.append((name, SAMPLE["textarea"]))
    for tag, options in _SELECT.findall(form):
        name = dict(_ATTR.findall(tag)).get("name", "")
        choices = _OPTION.findall(options)
        if name.startswith("f.") and choices:
            out.append((name, html.unescape(choices[0])))
    return out
