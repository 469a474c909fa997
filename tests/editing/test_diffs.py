"""Readable diffs: changed lines with the changed words marked, grouped with context."""

from kb.editing.diffs import intraline, line_diff


def test_no_change_no_hunks():
    diff = line_diff("a\nb\n", "a\nb\n")
    assert not diff and diff.added == diff.removed == 0


def test_a_changed_line_marks_only_the_changed_word():
    diff = line_diff("one\nCall the bank now.\nthree\n", "one\nCall the branch now.\nthree\n")
    rows = diff.hunks[0].rows
    assert [r.kind for r in rows] == ["same", "del", "add", "same"]
    deleted, added = rows[1], rows[2]
    assert (deleted.old, deleted.new, added.old, added.new) == (2, None, None, 2)
    assert [p for p in deleted.parts if p[1]] == [("bank", True)]
    assert [p for p in added.parts if p[1]] == [("branch", True)]
    assert diff.added == diff.removed == 1


def test_far_apart_changes_make_separate_hunks_with_context():
    old = "\n".join(f"line {i}" for i in range(40))
    new = old.replace("line 2\n", "line two\n").replace("line 35", "line thirty-five")
    diff = line_diff(old, new, context=2)
    assert len(diff.hunks) == 2
    assert diff.hunks[0].rows[0].text == "line 0"


def test_cyrillic_words_are_words():
    old, new = intraline("Переведите звонок в отдел", "Переведите вызов в отдел")
    assert ("звонок", True) in old and ("вызов", True) in new
