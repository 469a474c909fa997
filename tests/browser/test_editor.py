"""Editing in a real browser, in both languages: sign in, edit with the live preview and check,
publish and find the new words by search within 2 s, history and restore, two editors at once,
the side-by-side translation flow, an uploaded image on the page."""

from __future__ import annotations

import io
import re
import shutil
import threading
import time

import pytest
from PIL import Image
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.editing import PASSWORD, make_editor

SHOTS = SCREENSHOTS / "editor"
WORDS = {"en": "wombatquill", "ru": "выхухольперо"}
ARTICLES = {"en": "transfer-to-retention", "ru": "key-client-switching"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An app of its own (its articles are changed here), served with the folder watched."""
    root = tmp_path_factory.mktemp("editor-browser")
    shutil.copytree(SHIPPED_ARTICLES, root / "articles")
    app = make_app(root / "articles", root / "instance", KB_WATCH_INTERVAL=0.5)
    make_editor(app)
    make_editor(app, "boris")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app, root / "articles"
    server.shutdown()
    app.extensions["kb_content"].stop()


def shot(page, name: str, width: int | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if width:
        page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if width:
        page.set_viewport_size({"width": 1280, "height": 900})


def sign_in(page, base: str, lang: str, name: str = "anna") -> None:
    page.goto(f"{base}/{lang}/editors/login")
    page.locator("#login-name").fill(name)
    page.locator("#login-password").fill(PASSWORD)
    page.locator(".login-form button[type=submit]").click()
    expect(page.locator(".editors-nav")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_edit_preview_publish_search_history_restore(page, server, lang):
    base, _app, folder = server
    slug, word = ARTICLES[lang], WORDS[lang]
    sign_in(page, base, lang)
    page.goto(f"{base}/{lang}/{slug}")
    page.locator(".editor-actions-bar a").first.click()
    area = page.locator("#editor-text")
    expect(area).to_have_value(re.compile("^---"))
    original = area.input_value()
    # Live preview and check: a broken link is reported at its line as you type.
    area.fill(original + f"\n\n{word} [broken](nowhere.md)\n")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("nowhere.md")
    expect(page.locator("#editor-preview")).to_contain_text(word)
    line = len((original + f"\n\n{word} [broken](nowhere.md)\n").splitlines()) - 0
    expect(problems.locator(f"[data-line='{line}']")).to_be_visible()
    shot(page, f"edit-problems-{lang}-1280")
    shot(page, f"edit-problems-{lang}-360", width=360)
    problems.locator(f"[data-line='{line}']").click()  # takes the cursor to that line
    selected = page.evaluate(
        "() => { const a = document.getElementById('editor-text');"
        " return a.value.slice(a.selectionStart, a.selectionEnd); }"
    )
    assert selected == f"{word} [broken](nowhere.md)"
    area.fill(original + f"\n\n{word}\n")
    expect(problems).not_to_contain_text("nowhere.md")
    page.locator("#editor-message").fill("new word")
    agent = page.context.browser.new_page()  # an agent already at work, searching
    agent.goto(f"{base}/{lang}/search?q={word}")
    assert f"/{lang}/{slug}" not in agent.content()
    page.locator("button[value=publish]").click()
    clicked = time.monotonic()
    expect(page.locator(".editor-flash")).to_be_visible()
    # Searchable as soon as the editor is told it is published: publishing re-indexes before it
    # answers (the time from the click is printed; `make bench-publish` gives the figures).
    agent.goto(f"{base}/{lang}/search?q={word}")
    assert f"/{lang}/{slug}" in agent.content()
    print(f"searchable {time.monotonic() - clicked:.2f} s after the click on Publish")
    agent.close()
    assert word in (folder / lang / f"{slug}.md").read_text()
    # History shows the change as a diff; the previous revision is restored as a new one.
    page.goto(f"{base}/{lang}/editors/history/{lang}/{slug}")
    expect(page.locator("table.history")).to_contain_text("new word")
    page.locator(".history-form button[type=submit]").last.click()
    expect(page.locator("table.diff ins", has_text=word)).to_be_visible()
    shot(page, f"compare-{lang}-1280")
    page.go_back()
    page.locator("table.history button[form^=restore-]").first.click()
    expect(page.locator(".editor-flash")).to_be_visible()
    assert word not in (folder / lang / f"{slug}.md").read_text()
    shot(page, f"history-{lang}-1280")


def test_two_editors_at_once_get_a_merge_not_an_overwrite(browser, server):
    base, _app, folder = server
    slug = "post-turn-up-customer-care"
    anna = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    boris = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(anna, base, "en")
    sign_in(boris, base, "ru", "boris")
    anna.goto(f"{base}/en/editors/edit/en/{slug}")
    boris.goto(f"{base}/ru/editors/edit/en/{slug}")
    text = anna.locator("#editor-text").input_value()
    lines = text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    last = len(lines) - 1
    anna_lines = list(lines)
    anna_lines[heading] = "# Anna's heading"
    boris_lines = list(lines)
    boris_lines[last] = lines[last] + " Boris's ending."
    anna.locator("#editor-text").fill("\n".join(anna_lines) + "\n")
    boris.locator("#editor-text").fill("\n".join(boris_lines) + "\n")
    anna.locator("button[value=publish]").click()
    expect(anna.locator(".editor-flash")).to_be_visible()
    boris.locator("button[value=publish]").click()
    expect(boris.locator(".editor-merge")).to_be_visible()
    merged = boris.locator("#editor-text").input_value()
    assert "# Anna's heading" in merged and "Boris's ending." in merged
    shot(boris, "merge-ru-1280")
    on_disk = (folder / "en" / f"{slug}.md").read_text()
    assert "Anna's heading" in on_disk and "Boris's ending." not in on_disk
    boris.locator("button[value=publish]").click()
    expect(boris.locator(".editor-flash")).to_be_visible()
    on_disk = (folder / "en" / f"{slug}.md").read_text()
    assert "Anna's heading" in on_disk and "Boris's ending." in on_disk
    # Both changing the same line: both versions are shown, markers must be resolved.
    anna.goto(f"{base}/en/editors/edit/en/{slug}")
    boris.goto(f"{base}/ru/editors/edit/en/{slug}")
    text = anna.locator("#editor-text").input_value()
    anna.locator("#editor-text").fill(text.replace("# Anna's heading", "# Anna again"))
    boris.locator("#editor-text").fill(text.replace("# Anna's heading", "# Boris instead"))
    anna.locator("button[value=save]").click()
    boris.locator("button[value=save]").click()
    conflict = boris.locator(".conflict")
    expect(conflict).to_contain_text("# Anna again")
    expect(conflict).to_contain_text("# Boris instead")
    shot(boris, "conflict-ru-1280")
    shot(boris, "conflict-ru-360", width=360)
    boris.locator("button[value=save]").click()
    expect(boris.locator(".form-error")).to_be_visible()
    for p in (anna, boris):
        p.context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_side_by_side_translation_flow(page, server, lang):
    base, _app, _folder = server
    slug = "call-next-process"
    sign_in(page, base, lang)
    page.goto(f"{base}/{lang}/editors/translate/{slug}")
    page.locator("button[value=in-line]").click()
    expect(page.locator(".editor-badge-stale")).to_have_count(0)
    en = page.locator("#text-en")
    en.fill(en.input_value().replace("## ", f"## {WORDS[lang]} ", 1))
    page.locator("button[value=publish]").click()
    expect(page.locator(".editor-flash")).to_be_visible()
    ru_side = page.locator(".pair-side[data-lang=ru]")
    expect(ru_side.locator(".editor-badge-stale")).to_be_visible()
    expect(ru_side.locator("table.diff ins", has_text=WORDS[lang])).to_be_visible()
    expect(page.locator(".pair-side[data-lang=en] .editor-badge-stale")).to_have_count(0)
    # The structure check follows typing: a walkthrough id changed in one language only.
    ru = page.locator("#text-ru")
    ru.fill(ru.input_value().replace("id: call-back", "id: call-back-other", 1))
    expect(page.locator("#structure li").first).to_contain_text("call-back")
    shot(page, f"pair-{lang}-1280")
    shot(page, f"pair-{lang}-360", width=360)
    page.reload()
    page.locator("button[value=in-line]").click()
    expect(page.locator(".editor-badge-stale")).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_uploaded_image_is_shown_on_the_page(page, server, tmp_path, lang):
    base, _app, _folder = server
    slug = "retention-did-porting"
    image = io.BytesIO()
    colour = (20, 140, 90) if lang == "en" else (140, 20, 90)
    Image.new("RGB", (320, 120), colour).save(image, "PNG")
    path = tmp_path / "screenshot.png"
    path.write_bytes(image.getvalue())
    sign_in(page, base, lang)
    page.goto(f"{base}/{lang}/editors/edit/{lang}/{slug}")
    area = page.locator("#editor-text")
    area.evaluate("a => a.setSelectionRange(a.value.length, a.value.length)")
    page.locator("#image-file").set_input_files(str(path))
    page.locator(".image-upload button[type=submit]").click()
    expect(area).to_have_value(re.compile(r"!\[\]\(/media/[0-9a-f]{24}\.png\)\n$"))
    preview_image = page.locator("#editor-preview img").last
    expect(preview_image).to_be_visible()
    page.locator("button[value=publish]").click()
    expect(page.locator(".editor-flash")).to_be_visible()
    agent = page.context.browser.new_page()
    agent.goto(f"{base}/{lang}/{slug}")
    shown = agent.locator(".article-body img").last
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.complete && img.naturalWidth") == 320
    agent.close()
    page.goto(f"{base}/{lang}/editors/media/")
    shot(page, f"media-{lang}-1280")
