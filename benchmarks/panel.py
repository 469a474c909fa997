"""The agent's side panel, measured in Chromium: choices on the first screen, clicks and keys.

    .venv/bin/python -m benchmarks.panel [--width 360 --height 720] [--no-js]

Serves the shipped articles on a free port and prints:
- for every step of every walkthrough, in both languages, whether its choices are on the first
  screen (no scrolling) when the step's page loads;
- a trainee's walk (the article page, the walkthrough, first choices to an outcome, copy the
  summary) and two agent lookups (telesales now on the KEY-client article; the disclosure to
  read for a "cancel" row reached from search), in clicks, typed characters and page-scroll keys.

A scroll key is one PageDown or PageUp: what a person does to bring the next thing into view.
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import shutil
import tempfile
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from kb.content import load_library
from kb.guidance import calculate, walk
from kb.guidance.model import Calculator, Walkthrough
from kb.guidance.specs import article_specs
from kb.web import create_app

ARTICLES = Path(__file__).resolve().parents[1] / "articles"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
SAMPLE_NUMBER = "100"  # each figure of the PNV Balance: 100, so Sales is notified
SAMPLE = {"tel": "+79000000000", "email": "a@b.ru", "date": "2026-01-15", "text": "Sample"}


@dataclass
class Tally:
    clicks: int = 0
    keys: int = 0  # characters typed
    scrolls: int = 0  # PageDown / PageUp presses

    def __str__(self) -> str:
        total = self.clicks + self.keys + self.scrolls
        return f"{self.clicks} clicks, {self.keys} keys typed, {self.scrolls} scroll keys = {total}"


def serve():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    instance = Path(tempfile.mkdtemp(prefix="kb-panel-"))
    app = create_app(
        {
            "KB_INSTANCE_DIR": instance,
            "KB_WATCH_INTERVAL": 0,
            "SECRET_KEY": "bench",
            "KB_ROLLUP_CHECK_INTERVAL": 0,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, instance


def step_paths(spec: Walkthrough, specs) -> dict[str, str]:
    """Each step's shortest path of choice ids from the start, answers and the figures typed into
    a calculator on the way (SAMPLE_NUMBER in every number input) taken into account."""
    results = {}
    for calc in specs:
        if isinstance(calc, Calculator):
            typed = {
                i.id: SAMPLE_NUMBER if i.type == "number" else i.options[0].id for i in calc.inputs
            }
            results[calc.id] = calculate(calc, typed, locale="en", _=str).values
    found: dict[str, str] = {}
    seen: set = set()
    queue: deque[list[str]] = deque([[]])
    while queue:
        path = queue.popleft()
        try:
            position = walk(spec, path, results)
        except TypeError:  # a version whose steps work out no calculator
            position = walk(spec, path)
        if position.step is None:
            continue
        state = (position.step.id, tuple(sorted(position.answers.items())))
        if state in seen:
            continue
        seen.add(state)
        found.setdefault(position.step.id, ".".join(path))
        queue.extend([*path, c.id] for c in position.step.choices)
    return found


def on_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    if box is None:
        return False
    height = page.viewport_size["height"]
    if box["height"] > height:  # taller than the screen: its top is enough
        return 0 <= box["y"] < height / 2
    return box["y"] >= 0 and box["y"] + box["height"] <= height


def bring_into_view(page, selector: str, tally: Tally) -> None:
    """Press PageDown (or PageUp) until `selector` is on screen; count the presses.

    A press moves 87.5 % of the screen, as Chromium's PageDown does; an element taller than what
    one press shows counts as seen once its top is on screen.
    """
    target = page.locator(selector).first
    target.wait_for(state="attached")
    box = target.bounding_box()
    if box is None:
        raise RuntimeError(f"{selector} is not shown on {page.url}")
    height = page.viewport_size["height"]
    step = height * 0.875
    if box["y"] < 0:
        presses = math.ceil(-box["y"] / step)
    else:
        overflow = box["y"] + min(box["height"], step) - height
        presses = max(0, math.ceil(overflow / step))
    direction = -1 if box["y"] < 0 else 1
    page.evaluate("d => window.scrollBy(0, d)", direction * presses * step)
    tally.scrolls += presses


def click(page, selector: str, tally: Tally) -> None:
    bring_into_view(page, selector, tally)
    page.locator(selector).first.click()
    tally.clicks += 1
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def choices_visible(browser, base: str, width: int, height: int, js: bool) -> tuple[int, int, int]:
    """(steps, steps whose first choice is on the first screen, steps whose every choice is)."""
    library = load_library(ARTICLES)
    total = first = every = 0
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=js
    )
    page = context.new_page()
    for article in sorted(library.articles.values(), key=lambda a: (a.lang, a.slug)):
        for spec in article_specs(article).specs:
            if not isinstance(spec, Walkthrough):
                continue
            for step_id, path in step_paths(spec, article_specs(article).specs).items():
                url = f"{base}/{article.lang}/{article.slug}/guide/{spec.id}"
                open_step(page, url, spec, path)
                total += 1
                shown = page.locator("#wt-step-title").inner_text().strip()
                if shown != spec.steps[step_id].title.strip():
                    print(f"  not reached: {article.lang} {spec.id} {step_id} (at {shown!r})")
                buttons = page.locator("#wt-run .wt-choices .wt-choice")
                count = buttons.count()
                seen = [
                    on_screen(page, f"#wt-run .wt-choices .wt-choice >> nth={i}")
                    for i in range(count)
                ]
                first += bool(seen and seen[0])
                every += bool(seen and all(seen))
                if not (seen and all(seen)):
                    print(f"  below the fold: {article.lang} {spec.id} {step_id}")
    context.close()
    return total, first, every


def open_step(page, url: str, spec: Walkthrough, path: str) -> None:
    """The step's page as a link opens it; past a step that needs typed figures (a calculator),
    walked to from there by clicks, as the figures travel in the form."""
    ids = path.split(".") if path else []
    stop = walk(spec, ids).taken  # how far a link alone gets
    page.goto(f"{url}?path={'.'.join(ids[:stop])}")
    for i in range(stop, len(ids)):
        fill_step(page, Tally())
        target = ".".join(ids[: i + 1])
        page.locator(
            f'#wt-run .wt-choices [href*="path={target}&"], '
            f'#wt-run .wt-choices [formaction*="path={target}&"]'
        ).click()
        page.wait_for_url(re.compile(re.escape(f"path={target}") + "(&|$)"))
        page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


def fill_step(page, tally: Tally, only_errors: bool = False) -> None:
    """Type into the required fields (or, after a refusal, the fields in error) of the step."""
    where = "#wt-run .has-error" if only_errors else "#wt-run"
    ids = page.locator(f"{where} [name^='f.']:not([type=hidden])").evaluate_all(
        "fields => fields.map(f => f.id)"
    )
    for field in (page.locator(f'[id="{i}"]') for i in ids):
        if field.input_value():
            continue
        if not only_errors and field.get_attribute("aria-required") != "true":
            continue  # desirable: a trainee in a hurry leaves it
        field.scroll_into_view_if_needed()
        tag = field.evaluate("e => e.tagName")
        if tag == "SELECT":
            field.select_option(index=1)
            tally.clicks += 2
            continue
        kind = field.get_attribute("type") or "text"
        text = (
            "100" if field.get_attribute("inputmode") == "decimal" else SAMPLE.get(kind, "Sample")
        )
        field.click()
        tally.clicks += 1
        field.fill(text)
        tally.keys += len(text)


def trainee_walk(page, base: str, lang: str, slug: str, block: str, js: bool) -> Tally:
    """From the article page: open the walkthrough, take first choices, copy the summary."""
    tally = Tally()
    page.goto(f"{base}/{lang}/{slug}")
    click(page, f'a[href*="/guide/{block}"]', tally)
    for _ in range(40):
        if page.locator("#wt-run .wt-choices .wt-choice").count() == 0:
            break
        fill_step(page, tally)
        click(page, "#wt-run .wt-choices .wt-choice", tally)
        if page.locator("#wt-run .guide-errors").count():
            fill_step(page, tally, only_errors=True)
            click(page, "#wt-run .wt-choices .wt-choice", tally)
    if js:
        click(page, "#wt-summary ~ .copy-button", tally)
    else:  # no Copy button: select the text and copy it
        click(page, "#wt-summary", tally)
        tally.keys += 2  # Ctrl+A, Ctrl+C
    return tally


def telesales_now(page, base: str, lang: str) -> Tally:
    """Telesales or a CASE, right now, from the top of the KEY-client article."""
    tally = Tally()
    page.goto(f"{base}/{lang}/key-client-switching")
    if page.locator("[data-glance-route]").count():
        bring_into_view(page, "[data-glance-route]", tally)
        return tally
    click(page, 'a[href*="/guide/telesales-hours"]', tally)
    bring_into_view(page, ".rt-answer, .rt-result, [data-route-answer]", tally)
    return tally


def cancel_disclosure(page, base: str, lang: str) -> Tally:
    """Landed on the "cancel" row from search: read the disclosure, then the row."""
    tally = Tally()
    page.goto(f"{base}/{lang}/transfer-to-retention#dt-retention-transfer-cancel")
    page.wait_for_timeout(100)
    if page.locator("#dt-retention-transfer-cancel .dt-disclosure").count():
        bring_into_view(page, "#dt-retention-transfer-cancel .dt-disclosure", tally)
        return tally
    bring_into_view(page, "#dt-retention-transfer .script", tally)  # above the table
    bring_into_view(page, "#dt-retention-transfer-cancel", tally)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--no-js", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, instance = serve()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            executable = shutil.which("chromium") or "/usr/bin/chromium"
            browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
            size = f"{args.width} x {args.height}, JavaScript {'off' if args.no_js else 'on'}"
            total, first, every = choices_visible(
                browser, base, args.width, args.height, not args.no_js
            )
            print(f"Walkthrough steps at {size}: {total}")
            print(f"  first choice on the first screen: {first} of {total}")
            print(f"  every choice on the first screen: {every} of {total}")
            context = browser.new_context(
                viewport={"width": args.width, "height": args.height},
                java_script_enabled=not args.no_js,
            )
            page = context.new_page()
            js = not args.no_js
            for lang in ("en", "ru"):
                walk = trainee_walk(
                    page, base, lang, "retention-did-porting", "retention-process", js
                )
                print(f"[{lang}] trainee's walk (retention, first choices): {walk}")
                walk = trainee_walk(page, base, lang, "call-next-process", "call-back", js)
                print(f"[{lang}] trainee's walk (call next, first choices): {walk}")
                print(f"[{lang}] agent: telesales now?: {telesales_now(page, base, lang)}")
                row = cancel_disclosure(page, base, lang)
                print(f"[{lang}] agent: 'cancel' row + disclosure: {row}")
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
