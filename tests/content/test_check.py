from kb.check import check_library
from kb.content import load_library


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def messages(problems):
    return [(p.path, p.line, p.severity, p.message) for p in problems]


def test_a_clean_pair_of_articles_has_no_problems(tmp_path):
    write(tmp_path, "en/a.md", "# A\n\n## Part\n\nSee [b](b.md#part).\n")
    write(tmp_path, "en/b.md", "# B\n\n## Part\n")
    write(tmp_path, "ru/a.md", "# А\n\n## Часть\n")
    write(tmp_path, "ru/b.md", "# Б\n")
    assert check_library(load_library(tmp_path)) == []


def test_broken_links_and_anchors_are_errors_with_their_line(tmp_path):
    write(
        tmp_path,
        "en/a.md",
        "---\ntitle: A\n---\n\n[x](missing.md)\n\n[y](b.md#nowhere)\n\n[z](#gone)\n",
    )
    write(tmp_path, "en/b.md", "# B\n")
    problems = messages(check_library(load_library(tmp_path)))
    assert ("en/a.md", 5, "error", "link to a missing article: missing.md") in problems
    assert ("en/a.md", 7, "error", "link to a missing section: b.md#nowhere") in problems
    assert ("en/a.md", 9, "error", "link to a missing section: this article#gone") in problems


def test_missing_and_stale_translations_are_warnings(tmp_path):
    write(tmp_path, "en/a.md", "---\nupdated: 2026-05-01\n---\n# A\n")
    write(tmp_path, "ru/a.md", "---\nupdated: 2026-01-01\n---\n# А\n")
    write(tmp_path, "en/only.md", "# Only\n")
    problems = messages(check_library(load_library(tmp_path)))
    assert ("en/only.md", 1, "warning", "has no translation at ru/only.md") in problems
    stale = [p for p in problems if p[0] == "ru/a.md"]
    assert len(stale) == 1 and "may be stale" in stale[0][3]


def test_load_errors_and_reserved_paths_are_reported(tmp_path):
    write(tmp_path, "en/search.md", "# Search\n")
    write(tmp_path, "ru/search.md", "# Поиск\n")
    write(tmp_path, "en/bad.md", "---\ntitle: [\n---\n")
    problems = messages(check_library(load_library(tmp_path)))
    assert any(p[0] == "en/bad.md" and "YAML" in p[3] for p in problems)
    assert any(p[0] == "en/search.md" and "shadowed" in p[3] for p in problems)


def test_block_validator_problems_carry_the_article_file(tmp_path):
    write(tmp_path, "en/a.md", "# A\n\n```walkthrough\nid: w\n```\n")
    write(tmp_path, "ru/a.md", "# А\n")

    def validate(article, blocks):
        return [(b.line, f"{b.kind} is wrong") for b in blocks]

    problems = check_library(load_library(tmp_path), {"walkthrough"}, validate)
    assert messages(problems) == [("en/a.md", 3, "error", "walkthrough is wrong")]
