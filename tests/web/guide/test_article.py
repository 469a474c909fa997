"""Guidance blocks on the article page, in the content check and in search."""

import html
import re

import pytest

from kb.check import check_library
from kb.guidance import KINDS
from kb.web.blocks import block_validator
from tests.web.guiding import Page

REFUND = "service-job-refund"  # a row of the shipped Retention table

BROKEN = """---
title: A broken block
---
# A broken block

Before the block.

```walkthrough
id: broken
title: Broken
steps:
  - id: one
    title: One
    choices:
      - {id: a, label: A, next: nowhere}
```

```decision-table
id: table
title: A table that works
rows:
  - id: row
    scenario: Still shown.
    decision: transfer
    to: Retention
```

## After the block

Still readable.
"""


def write(app, rel: str, text: str) -> None:
    root = app.config["KB_ARTICLES_DIR"]
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    app.extensions["kb_content"].refresh()


def test_each_block_reads_in_full_with_a_way_into_its_page(client):
    html = client.get("/en/callback-demo").get_data(as_text=True)
    for anchor in (
        "wt-porting-call",
        "wt-porting-call-dial",
        "wt-porting-call-ported",
        "cl-case-form",
    ):
        assert f'id="{anchor}"' in html
    assert 'href="/en/callback-demo/guide/porting-call">Start walkthrough' in html
    assert 'href="/en/callback-demo/guide/porting-call?view=training">Training view' in html
    assert 'href="/en/callback-demo/guide/case-form">Fill in the form' in html
    assert "A call gets an answer sooner" in html  # why and notes belong to the reference
    assert "/static/js/guide.js" in html
    assert " style=" not in html and "<script>" not in html


def test_tools_link_to_their_pages_and_the_table_has_a_filter(client):
    html = client.get("/en/tools-demo").get_data(as_text=True)
    assert 'href="/en/tools-demo/guide/pnv-balance">Open calculator' in html
    assert 'href="/en/tools-demo/guide/telesales">Check who takes the call now' in html
    page = Page(html)
    form = next(f for f in page.forms if "data-table-filter" in f)
    assert form["action"] == "/en/tools-demo/guide/retention-transfer" and form["method"] == "get"
    assert form["data-rows-url"] == "/en/tools-demo/guide/retention-transfer/rows"
    assert 'id="dt-retention-transfer-service-job-refund"' in html


def test_an_article_without_blocks_does_not_load_the_guidance_script(client):
    html = client.get("/en/key-client-switching").get_data(as_text=True)
    if "guidance-block" not in html:
        assert "/static/js/guide.js" not in html


def test_a_broken_block_shows_its_problems_and_the_rest_of_the_page_works(client, app):
    write(app, "en/broken.md", BROKEN)
    response = client.get("/en/broken")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    start = html.index('<aside class="guidance-error">')
    box = html[start : html.index("</aside>", start)]
    assert "cannot be shown because of errors" in box
    assert re.search(r"Line 15: .*nowhere", box), box
    assert "id: broken" in box  # the block as written, for whoever fixes it
    assert 'id="dt-table-row"' in html and "Still shown." in html
    assert "Still readable." in html and 'class="feedback"' in html
    assert client.get("/en/broken/guide/broken").status_code == 404
    assert client.get("/en/broken/guide/table").status_code == 200


def test_a_repeated_block_id_is_an_error_box_too(client, app):
    table = BROKEN[BROKEN.index("```decision-table") : BROKEN.index("## After")]
    write(app, "en/twice.md", "# Twice\n\n" + table + "\n" + table)
    html = client.get("/en/twice").get_data(as_text=True)
    assert html.count('id="dt-table"') == 1
    assert "block id &#39;table&#39; is also used by the block on line 4" in html


def test_the_content_check_reports_spec_errors_with_file_and_line(app, runner):
    write(app, "en/broken.md", BROKEN)
    result = runner.invoke(args=["kb-check"])
    assert result.exit_code == 1
    assert re.search(r"en/broken\.md:15: error: .*'nowhere'", result.output), result.output


def test_the_content_check_compares_a_translation_with_the_original(app):
    ru = app.config["KB_ARTICLES_DIR"] / "ru" / "tools-demo.md"
    text = ru.read_text("utf-8")
    line = text.splitlines().index("```decision-table") + 2  # the block's first line
    ru.write_text(text.replace("  - id: supervisor-request\n", "  - id: supervisor\n"), "utf-8")
    app.extensions["kb_content"].refresh()
    library = app.extensions["kb_content"].library
    problems = check_library(library, KINDS, block_validator(library))
    found = [(p.line, p.severity, p.message) for p in problems if p.path == "ru/tools-demo.md"]
    assert found == [
        (
            line,
            "error",
            "decision-table 'retention-transfer': the rows (ids and decisions) differ from "
            "the other language",
        )
    ]


def test_the_shipped_articles_pass_the_content_check(shipped_app):
    library = shipped_app.extensions["kb_content"].library
    problems = check_library(library, KINDS, block_validator(library))
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_a_path_with_a_guide_segment_would_be_shadowed(app):
    write(app, "en/tools/guide/x.md", "# X\n")
    library = app.extensions["kb_content"].library
    problems = check_library(library, KINDS, block_validator(library))
    assert any(p.path == "en/tools/guide/x.md" and "shadowed" in p.message for p in problems)


@pytest.mark.parametrize(
    "lang, query, anchor",
    [
        ("en", "voicemail porting team", "wt-porting-call-voicemail"),
        ("en", "service job refund", "dt-retention-transfer-service-job-refund"),
        ("ru", "возврат за выезд мастера", "dt-retention-transfer-service-job-refund"),
    ],
)
def test_search_finds_steps_and_rows_and_links_to_their_anchor(client, app, lang, query, anchor):
    app.extensions["kb_search"].rebuild(app.extensions["kb_content"].library)
    found = app.extensions["kb_search"].search(query, lang)
    assert found.hits and found.hits[0].anchor == anchor and found.hits[0].kind == "step"
    html = client.get(f"/{lang}/search", query_string={"q": query}).get_data(as_text=True)
    link = re.search(rf'href="(/{lang}/[^"#]+)\?[^"]*#{anchor}"', html)
    assert link, html
    article = client.get(link.group(1)).get_data(as_text=True)
    assert f'id="{anchor}"' in article


@pytest.mark.parametrize(
    "lang, query, row",
    [
        ("en", "reimbursement", "service-job-refund"),  # only among the row's keywords
        ("en", "postcode", "contact-details"),
        ("ru", "жалоба", "service-job-refund"),
    ],
)
def test_a_rows_keywords_find_it_but_the_snippet_shows_what_to_do(shipped_app, lang, query, row):
    app = shipped_app
    source = app.extensions["kb_content"].library.get(lang, "transfer-to-retention").body
    keywords = re.search(rf"- id: {row}\n(?:    .*\n)*?    keywords: \[(.*)\]", source)[1]
    assert query in keywords.lower()
    (hit, *_) = app.extensions["kb_search"].search(query, lang).hits
    assert (hit.slug, hit.anchor) == ("transfer-to-retention", f"dt-retention-transfer-{row}")
    snippet = re.sub(r"</?mark>", "", hit.snippet_html)
    listed = " ".join(keywords.split(", ")[:3])  # as the list used to be shown
    assert listed not in snippet  # the list of words is searched, not shown
    do = re.search(rf"- id: {row}\n(?:    .*\n)*?    do: \|?\n?\s*(\S+ \S+ \S+)", source)[1]
    assert do in snippet  # whom to and what to do, under the scenario shown as the title
    assert hit.section not in snippet


@pytest.mark.parametrize(
    "lang, query, slug, anchor",
    [
        ("en", "роуминг", "key-client-switching", "dt-key-client-topics-roaming"),
        ("en", "hjevbyu", "key-client-switching", "dt-key-client-topics-roaming"),  # layout
        ("ru", "reimbursement", "transfer-to-retention", f"dt-retention-transfer-{REFUND}"),
    ],
)
def test_a_row_found_in_the_other_language_links_to_the_same_row_of_the_translation(
    shipped_app, lang, query, slug, anchor
):
    (hit, *_) = shipped_app.extensions["kb_search"].search(query, lang).hits
    assert (hit.lang, hit.slug, hit.anchor, hit.kind) == (lang, slug, anchor, "step")
    cyrillic = re.compile("[а-яё]", re.I)
    assert bool(cyrillic.match(hit.section)) == (lang == "ru")  # the row as the reader reads it
    page = shipped_app.test_client().get(f"/{lang}/{slug}").get_data(as_text=True)
    heading = html.escape(hit.section.removesuffix("…"), quote=False)  # a long one is cut
    assert f'id="{anchor}"' in page and heading in page


def test_the_yaml_of_blocks_is_not_searched_as_text(app):
    app.extensions["kb_search"].rebuild(app.extensions["kb_content"].library)
    # Keys of the blocks' YAML, not words of what they show ("vc_partner" is searched as its
    # parts, and the page says "VC Partners").
    for key in ("inputs", "formulas", "choice", "multiline"):
        found = app.extensions["kb_search"].search(key, "en")
        assert not [h for h in found.hits if h.slug == "tools-demo"], key


def test_a_fault_in_showing_a_block_costs_only_that_block(client, app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("kb.web.blocks.render_html", broken)
    response = client.get("/en/tools-demo")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('<aside class="guidance-error">') == 5
    assert "could not be shown because of a fault" in html and 'class="feedback"' in html
    assert "guidance block on line" in caplog.text
