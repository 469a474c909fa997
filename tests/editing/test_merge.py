"""Three-way merges of concurrent edits: what does not overlap is combined, the rest conflicts."""

import pytest

from kb.editing.merge import has_conflict_markers, merge3

BASE = "title\n\nfirst paragraph\n\nsecond paragraph\n\nthird paragraph\n"


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (BASE, BASE, BASE),
        (BASE.replace("first", "1st"), BASE, BASE.replace("first", "1st")),
        (BASE, BASE.replace("third", "3rd"), BASE.replace("third", "3rd")),
        (
            BASE.replace("first", "1st"),
            BASE.replace("third", "3rd"),
            BASE.replace("first", "1st").replace("third", "3rd"),
        ),
        (BASE.replace("first", "1st"), BASE.replace("first", "1st"), BASE.replace("first", "1st")),
        (
            BASE + "added by me\n",
            BASE.replace("title", "Title"),
            "Title" + BASE[5:] + "added by me\n",
        ),
        (
            BASE.replace("second paragraph\n\n", ""),
            BASE.replace("first", "1st"),
            BASE.replace("second paragraph\n\n", "").replace("first", "1st"),
        ),
    ],
)
def test_changes_that_do_not_overlap_merge(mine, theirs, expected):
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert result.text == expected


def test_the_same_line_changed_both_ways_is_a_conflict_with_both_versions():
    mine = BASE.replace("second", "my second").replace("title", "Title")
    theirs = BASE.replace("second", "their second").replace("third", "3rd")
    result = merge3(BASE, mine, theirs, "anna", "boris")
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.base == "second paragraph\n"
    assert conflict.mine == "my second paragraph\n"
    assert conflict.theirs == "their second paragraph\n"
    lines = result.text.splitlines()
    assert lines[0] == "Title" and lines[-1] == "3rd paragraph"  # clean parts merged
    assert lines[conflict.line - 1] == "<<<<<<< anna"
    assert ">>>>>>> boris" in lines
    assert has_conflict_markers(result.text)


def test_both_adding_at_the_end_conflicts_without_losing_either():
    result = merge3("a\n", "a\nmine", "a\ntheirs")
    assert not result.clean
    assert "mine\n=======\ntheirs\n" in result.text


def test_markers_are_only_markers_when_complete():
    assert not has_conflict_markers("<<<<<<< not a conflict, a quote\n")
    assert not has_conflict_markers("=======\n")
    assert has_conflict_markers("<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n")
