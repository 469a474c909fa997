"""The review schedule and the translations that may be stale."""

from datetime import date

from kb.check import newer_translations
from kb.content import load_library
from kb.content.review import review_due, review_schedule
from tests.content.test_check import write

TODAY = date(2026, 11, 22)


def article(review_by, owner="Team", updated="2026-01-01", title="T"):
    front = f"title: {title}\nowner: {owner}\nupdated: {updated}\n"
    if review_by:
        front += f"review-by: {review_by}\n"
    return f"---\n{front}---\n# {title}\n"


def test_due_soonest_first_then_due_within_30_days(tmp_path):
    write(tmp_path, "en/late.md", article("2026-10-01", title="Late"))
    write(tmp_path, "ru/late.md", article("2026-11-22", title="Поздно"))
    write(tmp_path, "en/older.md", article("2025-01-01", title="Older"))
    write(tmp_path, "en/soon.md", article("2026-12-22", title="Soon"))
    write(tmp_path, "en/later.md", article("2026-12-23", title="Later"))
    write(tmp_path, "en/never.md", article(None, title="Never"))
    schedule = review_schedule(load_library(tmp_path), TODAY)
    assert [(a.lang, a.slug) for a in schedule.due] == [
        ("en", "older"),
        ("en", "late"),
        ("ru", "late"),
    ]
    assert [a.slug for a in schedule.soon] == ["soon"]
    lib = load_library(tmp_path)
    assert review_due(lib.get("ru", "late"), TODAY) and not review_due(lib.get("en", "soon"), TODAY)


def test_a_translation_updated_later_makes_the_other_possibly_stale(tmp_path):
    write(tmp_path, "en/a.md", article(None, updated="2026-05-01"))
    write(tmp_path, "ru/a.md", article(None, updated="2026-01-01"))
    write(tmp_path, "en/b.md", "# B\n")
    write(tmp_path, "ru/b.md", article(None, updated="2026-01-01"))
    lib = load_library(tmp_path)
    assert newer_translations(lib, lib.get("ru", "a")) == [lib.get("en", "a")]
    assert newer_translations(lib, lib.get("en", "a")) == []
    assert newer_translations(lib, lib.get("en", "b")) == []  # no date: nothing to compare
