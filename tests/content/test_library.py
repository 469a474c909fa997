import os
import threading
from datetime import date

import pytest

from kb.content import LiveLibrary, load_library
from kb.content.loader import first_heading


def write(root, rel, text, mode="w"):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_articles_load_with_front_matter_and_slug_from_path(tmp_path):
    write(
        tmp_path,
        "en/billing/refunds.md",
        "---\ntitle: Refunds\ncategory: Billing\n"
        "tags: [refund]\nupdated: 2026-01-02\n---\nBody text\n",
    )
    lib = load_library(tmp_path)
    article = lib.get("en", "billing/refunds")
    assert article.title == "Refunds"
    assert article.category == "Billing"
    assert article.tags == ("refund",)
    assert article.updated == date(2026, 1, 2)
    assert article.body == "Body text\n"
    assert article.body_line == 7
    assert lib.errors == []


def test_plain_markdown_takes_its_title_from_the_first_heading_and_category_from_folder(tmp_path):
    write(tmp_path, "ru/роуминг/тарифы.md", "Intro\n\n## Тарифы в роуминге\n\ntext\n")
    article = load_library(tmp_path).get("ru", "роуминг/тарифы")
    assert article.title == "Тарифы в роуминге"
    assert article.category == "Роуминг"


def test_without_any_heading_the_file_name_is_the_title(tmp_path):
    write(tmp_path, "en/lost-card_process.md", "just text\n")
    assert load_library(tmp_path).get("en", "lost-card_process").title == "Lost card process"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("# Simple\n", "Simple"),
        ("Setext title\n====\n", "Setext title"),
        ("```\n# not a heading\n```\n## Real *one*\n", "Real one"),
        ("# [Linked](x.md) `code`\n", "Linked code"),
        ("#hashtag\n", ""),
    ],
)
def test_first_heading(body, title):
    assert first_heading(body) == title


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (b"", 1, "empty"),
        (b"   \n\n", 1, "empty"),
        (b"line one\nline two \xff\xfe\n", 2, "UTF-8"),
        (b"---\ntitle: [x\n---\nbody", 3, "YAML"),
        (b"---\ntitle: A\n", 1, "never closed"),
        (b"ok\n\x00bad", 2, "NUL"),
    ],
)
def test_malformed_files_are_reported_with_line_and_left_out(tmp_path, content, line, fragment):
    write(tmp_path, "en/bad.md", content, mode="wb")
    write(tmp_path, "en/good.md", "# Good\n")
    lib = load_library(tmp_path)
    assert lib.get("en", "bad") is None
    assert lib.get("en", "good") is not None
    [error] = lib.errors
    assert (error.path, error.line) == ("en/bad.md", line)
    assert fragment in error.message


def test_hidden_files_and_other_extensions_are_ignored(tmp_path):
    write(tmp_path, "en/.draft.md", "# Draft\n")
    write(tmp_path, "en/.git/x.md", "# Git\n")
    write(tmp_path, "en/notes.txt", "text")
    write(tmp_path, "en/README.MD", "# Readme\n")
    assert sorted(slug for _, slug in load_library(tmp_path).articles) == ["README"]


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    write(tmp_path, "en/a.md", "\ufeff---\r\ntitle: A\r\n---\r\nBody\r\n".encode(), mode="wb")
    article = load_library(tmp_path).get("en", "a")
    assert article.title == "A" and article.body == "Body\n"


def test_missing_folder_is_an_error_not_a_crash(tmp_path):
    lib = load_library(tmp_path / "nowhere")
    assert lib.articles == {}
    assert "does not exist" in lib.errors[0].message


def test_live_library_reloads_changed_added_and_removed_files(tmp_path):
    a = write(tmp_path, "en/a.md", "# A\n")
    b = write(tmp_path, "en/b.md", "# B\n")
    live = LiveLibrary(tmp_path)
    seen = []
    live.on_change(lambda lib: seen.append(sorted(s for _, s in lib.articles)))
    first_b = live.library.get("en", "b")

    assert live.refresh() is False
    a.write_text("# A changed\n")
    os.utime(a, ns=(a.stat().st_mtime_ns + 10**9,) * 2)
    write(tmp_path, "en/c.md", "# C\n")
    assert live.refresh() is True
    assert live.library.get("en", "a").title == "A changed"
    assert live.library.get("en", "b") is first_b  # unchanged files are not read again

    b.unlink()
    assert live.refresh() is True
    assert seen == [["a", "b", "c"], ["a", "c"]]


def test_live_library_keeps_serving_when_a_file_breaks(tmp_path):
    a = write(tmp_path, "en/a.md", "# A\n")
    live = LiveLibrary(tmp_path)
    a.write_bytes(b"---\ntitle: [\n---\n")
    os.utime(a, ns=(a.stat().st_mtime_ns + 10**9,) * 2)
    live.refresh()
    assert live.library.get("en", "a") is None
    assert live.library.errors[0].path == "en/a.md"


def test_library_groups_categories_and_lists_recent_updates(tmp_path):
    write(tmp_path, "en/x.md", "---\ntitle: X\ncategory: Billing\nupdated: 2026-01-01\n---\n")
    write(tmp_path, "en/y.md", "---\ntitle: Y\ncategory: Billing\nupdated: 2026-03-01\n---\n")
    write(tmp_path, "en/z.md", "---\ntitle: Z\n---\n")
    lib = load_library(tmp_path)
    assert {k: [a.title for a in v] for k, v in lib.categories("en").items()} == {
        "Billing": ["X", "Y"],
        "": ["Z"],
    }
    assert [a.title for a in lib.recently_updated("en")] == ["Y", "X"]


def test_followers_are_called_after_every_refresh_changed_or_not(tmp_path):
    a = write(tmp_path, "en/a.md", "# A\n")
    live = LiveLibrary(tmp_path)
    changes, looks = [], []
    live.on_change(changes.append)
    live.after_refresh(looks.append)
    live.refresh()
    a.write_text("# A changed\n")
    os.utime(a, ns=(a.stat().st_mtime_ns + 10**9,) * 2)
    live.refresh()
    assert len(changes) == 1 and len(looks) == 2
    assert looks[-1] is live.library


def test_a_job_run_at_once_starts_before_its_interval_and_stops_with_the_library(tmp_path):
    live = LiveLibrary(tmp_path)
    first, later = threading.Event(), threading.Event()
    live.every(60.0, first.set, "at-once", at_once=True)
    live.every(60.0, later.set, "after-the-interval")
    assert first.wait(5)
    assert not later.wait(0.3)  # its first run is a minute away
    live.stop()
    assert not any(t.name in ("at-once", "after-the-interval") for t in threading.enumerate())
