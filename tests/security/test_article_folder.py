"""Whatever is put in the articles folder, start-up, the watcher and `kb-check` finish, read only
regular files inside the folder, and say what they left out on one line per file."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from kb.check import check_library
from kb.content import LiveLibrary, load_library
from kb.content.loader import MAX_MARKUP_COST, markup_cost
from kb.render import render
from kb.render.markdown import slugify
from tests.conftest import make_app


def write(root, rel: str, text: str = "# Fine\n"):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def hostile_folder(root):
    """Every kind of entry that is not an article file, beside one good article."""
    write(root, "en/good.md")
    write(root, "ru/good.md", "# Хорошо\n")
    (root / "en/self.md").symlink_to("self.md")
    (root / "en/ping.md").symlink_to("pong.md")
    (root / "en/pong.md").symlink_to("ping.md")
    (root / "en/dangling.md").symlink_to("nowhere.md")
    (root / "en/deep").mkdir()
    (root / "en/deep/up.md").symlink_to("../deep/up.md")
    os.mkfifo(root / "en/fifo.md")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(root / "en/socket.md"))
    listener.close()
    write(root, "en/new\nline.md")
    write(root, "en/tab\there.md")
    write(root, "en/back\\slash.md")
    write(root, "en/bidi\u202eevil.md")
    (root / os.fsdecode(b"en/latin1-\xe9.md")).write_text("# Latin-1 name\n")
    write(root, "en/twice.md")
    write(root, "en/twice.MD")
    (root / "en/folder.md").mkdir()
    write(root, "en/folder.md/inside.md")
    return root


EXPECTED = {
    "en/self.md": ("error", "loops"),
    "en/ping.md": ("error", "loops"),
    "en/pong.md": ("error", "loops"),
    "en/deep/up.md": ("error", "loops"),
    "en/dangling.md": ("warning", "does not exist"),
    "en/fifo.md": ("error", "a FIFO"),
    "en/socket.md": ("error", "a socket"),
    "en/new\\nline.md": ("error", "rename the file"),
    "en/tab\\there.md": ("error", "rename the file"),
    "en/back\\slash.md": ("error", "rename the file"),
    "en/bidi\\u202eevil.md": ("error", "rename the file"),
    "en/latin1-\\xe9.md": ("error", "rename the file"),
    "en/twice.md": ("error", "same address"),
}


def finishes(call, seconds: float = 10):
    """call() in a thread; fails (instead of hanging the suite) if it has not returned in time."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"still running after {seconds} s"
    return result[0]


def test_everything_that_is_not_an_article_file_is_left_out_and_named(tmp_path):
    lib = finishes(lambda: load_library(hostile_folder(tmp_path)))
    assert sorted(lib.articles) == [
        ("en", "folder.md/inside"),
        ("en", "good"),
        ("en", "twice"),
        ("ru", "good"),
    ]
    assert lib.get("en", "twice").path.name == "twice.MD"  # the first in name order
    reported = {e.path: (e.severity, e.message) for e in lib.errors}
    for path, (severity, words) in EXPECTED.items():
        assert path in reported, path
        assert reported[path][0] == severity and words in reported[path][1], reported[path]


def test_kb_check_prints_one_line_per_problem_and_fails(tmp_path):
    app = make_app(hostile_folder(tmp_path), tmp_path / "instance")
    result = finishes(lambda: app.test_cli_runner().invoke(args=["kb-check"]))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for path in EXPECTED:
        skipped = [line for line in lines if line.startswith(f"{path}:1: ") and "skipped" in line]
        assert len(skipped) == 1, path
    assert all(line.count(": ") >= 2 and line.split(":")[1].isdigit() for line in lines), lines


def test_the_site_serves_the_good_article_beside_them(tmp_path):
    app = make_app(hostile_folder(tmp_path), tmp_path / "instance")
    client = app.test_client()
    assert client.get("/en/good").status_code == 200
    for slug in ("self", "ping", "fifo", "socket", "dangling"):
        assert client.get(f"/en/{slug}").status_code == 404


def test_the_watcher_goes_on_after_a_loop_and_a_fifo_appear_and_go(tmp_path):
    good = write(tmp_path, "en/good.md", "# One\n")
    live = LiveLibrary(tmp_path)
    (tmp_path / "en/self.md").symlink_to("self.md")
    os.mkfifo(tmp_path / "en/fifo.md")
    good.write_text("# Two\n")
    os.utime(good, ns=(good.stat().st_mtime_ns + 10**9,) * 2)
    assert finishes(live.refresh) is True
    assert live.library.get("en", "good").title == "Two"
    (tmp_path / "en/fifo.md").unlink()
    (tmp_path / "en/self.md").unlink()
    good.write_text("# Three\n")
    os.utime(good, ns=(good.stat().st_mtime_ns + 2 * 10**9,) * 2)
    assert finishes(live.refresh) is True
    assert live.library.get("en", "good").title == "Three"
    assert live.library.errors == []


def test_a_file_swapped_for_a_fifo_after_the_scan_is_not_waited_on(tmp_path, monkeypatch):
    """The race the scan cannot see: the reader opens without blocking and checks again."""
    from kb.content import live as live_module

    path = write(tmp_path, "en/a.md")
    scanned = list(live_module.scan(tmp_path, []))
    path.unlink()
    os.mkfifo(path)
    monkeypatch.setattr(live_module, "scan", lambda root, problems: iter(scanned))
    lib = finishes(lambda: LiveLibrary(tmp_path).library)
    assert lib.articles == {}
    assert [(e.path, e.message) for e in lib.errors] == [("en/a.md", "not a regular file")]


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    write(tmp_path, "en/locked/a.md")
    write(tmp_path, "en/open/b.md")
    scandir = os.scandir

    def refuse(path):  # what chmod 0 does, for root too (who reads every folder)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    lib = load_library(tmp_path)
    assert list(lib.articles) == [("en", "open/b")]
    assert [(e.path, e.message) for e in lib.errors] == [
        ("en/locked", "folder cannot be read: Permission denied")
    ]


def test_repeated_headings_get_unique_anchors_in_linear_time():
    count = 20_000
    body = "## a\n\n" * count + "## a-2\n\n## a\n"
    started = time.process_time()
    page = render(body, "x", _Hooks())
    assert time.process_time() - started < 20  # was 31 s and more: quadratic
    anchors = [h.anchor for h in page.headings]
    assert len(set(anchors)) == len(anchors) == count + 2
    assert anchors[:3] == ["a", "a-2", "a-3"] and anchors[-2] == "a-2-2"


def test_a_task_list_of_thousands_of_items_renders_as_checkboxes():
    page = render("- [ ] a\n- [x] b\n" * 3000, "x", _Hooks())
    assert page.html.count('type="checkbox"') == 6000
    assert page.html.count('checked="checked"') == 3000


@pytest.mark.parametrize("unit", ["- a\n", "## a\n\n", "[a](b.md#c)\n\n", "*a*" * 30 + "\n", "a\n"])
def test_an_article_with_more_markup_than_renders_quickly_is_left_out(tmp_path, unit):
    repeat = MAX_MARKUP_COST // markup_cost(unit) + 1
    write(tmp_path, "en/huge.md", unit * repeat)
    write(tmp_path, "en/fine.md", unit * (repeat // 20))
    lib = load_library(tmp_path)
    assert lib.get("en", "huge") is None and lib.get("en", "fine") is not None
    [error] = lib.errors
    assert error.path == "en/huge.md" and "too much markup" in error.message
    assert check_library(lib)  # and kb-check says so


class _Hooks:
    block_kinds = frozenset()

    def link(self, slug, anchor):
        return slug

    def label(self, key):
        return key

    def block(self, block):
        return None


def test_slugify_keeps_anchor_bases_short():
    assert len(slugify("word " * 100)) <= 80


def test_a_looping_articles_folder_or_language_folder_is_reported(tmp_path):
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("one")
    lib = finishes(lambda: load_library(tmp_path / "one"))
    assert "link that loops" in lib.errors[0].message
    root = tmp_path / "articles"
    root.mkdir()
    (root / "en").symlink_to("en")
    write(root, "ru/a.md")
    lib = load_library(root)
    assert list(lib.articles) == [("ru", "a")]
    assert [(e.path, e.severity) for e in lib.errors] == [("en/", "error")]


def test_the_setting_keeps_a_link_to_the_articles_folder(monkeypatch, tmp_path):
    from kb.config import Config

    (tmp_path / "loop").symlink_to("loop")
    monkeypatch.setenv("KB_ARTICLES_DIR", str(tmp_path / "loop"))
    assert Config().KB_ARTICLES_DIR == tmp_path / "loop"  # reported by the scan, no crash here
