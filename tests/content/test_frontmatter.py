from datetime import date

import pytest

from kb.content import frontmatter


def test_split_returns_front_matter_body_and_body_line():
    meta, body, line = frontmatter.split("---\ntitle: A\ntags: [x]\n---\n# Body\n")
    assert meta == "title: A\ntags: [x]\n"
    assert body == "# Body\n"
    assert line == 5


def test_split_without_front_matter_keeps_everything_as_body():
    assert frontmatter.split("# Only body\n") == (None, "# Only body\n", 1)


def test_split_accepts_dots_as_closing_fence():
    meta, body, _ = frontmatter.split("---\ntitle: A\n...\nbody")
    assert meta == "title: A\n" and body == "body"


def test_unclosed_front_matter_is_an_error_on_line_one():
    with pytest.raises(frontmatter.FrontMatterError) as exc:
        frontmatter.split("---\ntitle: A\n# Body\n")
    assert exc.value.line == 1


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("title: Roaming\n", {"title": "Roaming"}),
        ("tags: [a, b, a]\n", {"tags": ("a", "b")}),
        ("tags: a, b\n", {"tags": ("a", "b")}),
        ("audience: agents\n", {"audience": ("agents",)}),
        ("updated: 2026-11-22\n", {"updated": date(2026, 11, 22)}),
        ("review-by: '2027-01-31'\n", {"review-by": date(2027, 1, 31)}),
        ("title: 42\n", {"title": "42"}),
        ("", {}),
    ],
)
def test_parse_cleans_known_fields(source, expected):
    fields, warnings = frontmatter.parse(source)
    assert fields == expected
    assert warnings == []


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("title: A\nupdated: yesterday\n", 3, "not a date"),
        ("title: A\ntags: {a: 1}\n", 3, "list"),
        ("title: [unclosed\n", 3, "not valid YAML"),
        ("- just\n- a list\n", 2, "mapping"),
        ("title: {nested: map}\n", 2, "must be text"),
    ],
)
def test_parse_errors_name_the_file_line(source, line, fragment):
    with pytest.raises(frontmatter.FrontMatterError) as exc:
        frontmatter.parse(source)
    assert exc.value.line == line
    assert fragment in str(exc.value)


def test_unknown_keys_are_warnings_with_their_line():
    fields, warnings = frontmatter.parse("title: A\ncolour: blue\n")
    assert fields == {"title": "A"}
    assert warnings == [(3, "unknown front matter key 'colour' is ignored")]
