"""Accessibility helpers for the browser tests: axe-core from a local file (`make test` installs it
from the npm registry into .cache/axe, never a CDN; in CI a missing file fails the test), the
site's colour themes, contrast arithmetic, and a private server per test module."""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import SHIPPED_ARTICLES, make_app, with_index

PROJECT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"  # the Makefile's AXE_VERSION (test_accessibility checks they agree)
AXE_JS = PROJECT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# What fails a page: anything axe rates serious or critical, and the moderate rules about the
# page's structure that screen-reader users navigate by.
FAILING_IMPACTS = {"serious", "critical"}
STRUCTURE_RULES = {
    "heading-order",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-one-main",
    "landmark-unique",
    "page-has-heading-one",
    "region",
}

# The site's themes, as the media features that choose them (static/css/site.css).
THEMES = {
    "light": {"color_scheme": "light", "contrast": "no-preference"},
    "dark": {"color_scheme": "dark", "contrast": "no-preference"},
    "contrast": {"color_scheme": "light", "contrast": "more"},
    "contrast-dark": {"color_scheme": "dark", "contrast": "more"},
}
# Text contrast asked of each theme: WCAG AA everywhere, AAA (7:1) in the high-contrast ones.
CONTRAST_RULES = {
    "light": ["color-contrast"],
    "dark": ["color-contrast"],
    "contrast": ["color-contrast", "color-contrast-enhanced"],
    "contrast-dark": ["color-contrast", "color-contrast-enhanced"],
}


def axe_path() -> Path:
    """The axe-core file; skips the test without it, or fails it in CI."""
    if not AXE_JS.is_file():
        message = (
            f"axe-core is not installed at {AXE_JS.relative_to(PROJECT)}: run `make test`, or "
            f"`npm install --no-save --prefix .cache/axe axe-core@{AXE_VERSION}`"
        )
        if os.environ.get("CI"):
            pytest.fail(message + ": the accessibility tests must run in CI")
        pytest.skip(message)
    return AXE_JS


def inject(page) -> None:
    """Load axe into the page (again after each navigation). The contexts that use it bypass the
    site's Content-Security-Policy, which rightly refuses a script it did not send."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))


def run(page, rules: list[str] | None = None) -> list[dict]:
    """axe's violations on the page as it is now: of every rule, or only of `rules`."""
    inject(page)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate(
        """async (options) => {
            const result = await axe.run(document, options);
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                         summary: n.failureSummary || ""})),
            }));
        }""",
        options,
    )


def failing(violations: list[dict]) -> list[dict]:
    """The violations that fail a page (see FAILING_IMPACTS and STRUCTURE_RULES)."""
    return [v for v in violations if v["impact"] in FAILING_IMPACTS or v["id"] in STRUCTURE_RULES]


def report(violations: list[dict], where: str) -> str:
    """A readable list of violations, for an assertion message."""
    lines = [f"{len(violations)} accessibility violation(s) on {where}"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:6]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append("      " + " ".join(node["summary"].split())[:300])
        if len(v["nodes"]) > 6:
            lines.append(f"    ...and {len(v['nodes']) - 6} more")
    return "\n".join(lines)


# Ids used more than once: a label, an anchor or an aria reference would find the wrong one.
DUPLICATE_IDS = """() => {
    const count = {};
    document.querySelectorAll("[id]").forEach(e => { count[e.id] = (count[e.id] || 0) + 1; });
    return Object.keys(count).filter(id => count[id] > 1);
}"""


def check_page(page, where: str) -> list[str]:
    """Every rule in the light theme, then text contrast in each other theme; the reports of
    what fails (empty when nothing does). The page is left in the light theme."""
    problems = []
    duplicates = page.evaluate(DUPLICATE_IDS)
    if duplicates:
        problems.append(f"ids used more than once on {where}: {duplicates}")
    found = failing(run(page))
    if found:
        problems.append(report(found, f"{where} [light]"))
    for theme, media in THEMES.items():
        if theme == "light":
            continue
        page.emulate_media(**media)
        found = run(page, CONTRAST_RULES[theme])  # any contrast failure counts, whatever impact
        if found:
            problems.append(report(found, f"{where} [{theme}]"))
    page.emulate_media(**THEMES["light"])
    return problems


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two CSS colours given as `rgb(...)` or `rgba(...)` strings.

    >>> round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 1)
    21.0
    """

    def luminance(css: str) -> float:
        parts = css[css.index("(") + 1 : css.index(")")].replace("/", " ").replace(",", " ")
        r, g, b = (float(p) / 255 for p in parts.split()[:3])

        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The focused element's focus indicator: its outline (or box-shadow), and the colour it is drawn
# against, i.e. the first opaque background behind the element.
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const style = getComputedStyle(el);
    let behind = el.parentElement, background = "rgb(255, 255, 255)";
    while (behind) {
        const bg = getComputedStyle(behind).backgroundColor;
        if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0)")) {
            background = bg; break;
        }
        behind = behind.parentElement;
    }
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, cls: el.className && String(el.className),
        text: (el.innerText || el.value || el.getAttribute("aria-label") || "").slice(0, 40),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor, boxShadow: style.boxShadow, background: background,
        width: box.width, height: box.height,
    };
}"""


def focus_problem(focus: dict | None, least_contrast: float = 3.0) -> str | None:
    """Why the focus indicator described by FOCUS_STYLE is not visible enough, or None."""
    if focus is None:
        return "nothing is focused"
    name = f"<{focus['tag']} id={focus['id']!r} class={focus['cls']!r}> {focus['text']!r}"
    if focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2:
        ratio = contrast(focus["outlineColor"], focus["background"])
        if ratio < least_contrast:
            return f"{name}: focus outline {focus['outlineColor']} on {focus['background']} " + (
                f"has contrast {ratio:.2f}, under {least_contrast}"
            )
        return None
    if focus["boxShadow"] not in ("", "none"):
        return None
    return f"{name}: no visible focus indicator (outline {focus['outlineStyle']})"


@contextmanager
def serve(tmp_path_factory, name: str, extra_articles: dict[str, str] | None = None):
    """The app over a copy of the shipped articles (plus `extra_articles`, path -> text), served
    on 127.0.0.1 in a thread; yields (base URL, app)."""
    articles = tmp_path_factory.mktemp(name) / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    for path, text in (extra_articles or {}).items():
        (articles / path).write_text(text, encoding="utf-8")
    app = with_index(make_app(articles, tmp_path_factory.mktemp(f"{name}-instance")))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        app.extensions["kb_content"].stop()


# Text in Cyrillic script on an English page, not inside an element marked lang="ru": a screen
# reader would read it with the English voice.
UNMARKED_RUSSIAN = r"""() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!/[\u0400-\u04FF]/.test(node.data)) { continue; }
        const owner = node.parentElement.closest("[lang]");
        if (owner && owner.lang.startsWith("ru")) { continue; }
        if (node.parentElement.closest("script, style, svg, [hidden], [aria-hidden=true]")) {
            continue;  // the charts' SVG is drawn by kb.insights.charts; its table says the same
        }
        const quoted = ".snippet, .result-section, .result-more a, .answer-heading, " +
            ".answer-to, .answer-do, .script-text";
        if (node.parentElement.closest(quoted)) {
            continue;  // an article's own words, quoted in a search result or answer card
        }
        found.push(node.parentElement.tagName.toLowerCase() + ": " + node.data.trim().slice(0, 60));
    }
    return found;
}"""
