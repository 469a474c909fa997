"""Paths editors choose stay inside the articles folder."""

import os

import pytest

from kb.editing.paths import PathError, article_file, clean_slug, read_text, write_atomically


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "../etc/passwd",
        "a/../../b",
        "/",
        ".hidden",
        "_drafts/x",
        "a//b",
        "a/./b",
        "x" * 300,
        "search",
        "editors/x",
        "a/guide/b",
        "a b",
        "a\\b",
        "a\x00b",
        "a/b.",
    ],
)
def test_bad_paths_are_refused(slug):
    with pytest.raises(PathError):
        clean_slug(slug)


@pytest.mark.parametrize(
    ("slug", "clean"),
    [
        ("billing/refunds", "billing/refunds"),
        ("/billing/refunds.md", "billing/refunds"),
        ("возвраты/счёт-1", "возвраты/счёт-1"),
        ("v1.2/notes", "v1.2/notes"),
    ],
)
def test_good_paths(slug, clean):
    assert clean_slug(slug) == clean


def test_the_file_is_under_the_language_folder(tmp_path):
    assert article_file(tmp_path, "ru", "a/b") == tmp_path / "ru" / "a" / "b.md"
    with pytest.raises(PathError):
        article_file(tmp_path, "de", "a")


def test_a_linked_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "articles" / "en").mkdir(parents=True)
    os.symlink(outside, tmp_path / "articles" / "en" / "linked")
    with pytest.raises(PathError):
        article_file(tmp_path / "articles", "en", "linked/x")


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "en" / "a.md"
    write_atomically(path, "one\n")
    write_atomically(path, "two\n")
    assert read_text(path) == "two\n"
    assert [p.name for p in path.parent.iterdir()] == ["a.md"]
