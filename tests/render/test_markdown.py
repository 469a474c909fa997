import pytest

from kb.render import render
from kb.render.markdown import slugify


class Hooks:
    block_kinds = frozenset({"walkthrough"})

    def link(self, slug, anchor):
        return f"/en/{slug}" + (f"#{anchor}" if anchor else "")

    def label(self, key):
        return {"note": "Note", "script": "Say word for word", "copy": "Copy"}.get(key, key)

    def block(self, block):
        return f'<div class="wt" data-line="{block.line}"></div>'


def html_of(body, **kw):
    return render(body, kw.pop("slug", "page"), Hooks(), **kw).html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<iframe src='//evil'></iframe>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_raw_html_and_script_urls_never_reach_the_page(hostile):
    html = html_of(f"Text {hostile} more\n\n{hostile}\n")
    assert "<script" not in html
    assert "<iframe" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html.lower()
    assert 'href="data:' not in html.lower()
    assert 'src="javascript:' not in html.lower()


def test_headings_get_unique_anchors_with_cyrillic_kept():
    page = render("## Звонок клиенту\n\n## Звонок клиенту\n\n### Счёт\n", "p", Hooks())
    assert [(h.level, h.anchor) for h in page.headings] == [
        (2, "звонок-клиенту"),
        (2, "звонок-клиенту-2"),
        (3, "счет"),
    ]
    assert '<h2 id="звонок-клиенту">' in page.html


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Calls That Should NOT be Transferred", "calls-that-should-not-be-transferred"),
        ("Step 1: Identify (PNV ≥ 60)", "step-1-identify-pnv-60"),
        ("Ёмкость и объём", "емкость-и-объем"),
        ("!!!", "section"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_a_leading_title_heading_is_dropped_because_the_page_shows_it():
    page = render("# Refunds\n\nBody\n", "p", Hooks(), title="Refunds")
    assert "<h1" not in page.html
    page = render("# Something else\n\nBody\n", "p", Hooks(), title="Refunds")
    assert "<h1" in page.html


def test_callouts_and_verbatim_script():
    html = html_of(
        "::: note\nCheck the account.\n:::\n\n::: script\nThis call may be recorded.\n:::\n"
    )
    assert (
        '<aside class="callout callout-note" role="note"><p class="callout-title">Note</p>' in html
    )
    assert '<figure class="script"><figcaption>Say word for word</figcaption>' in html
    assert "This call may be recorded." in html
    assert 'class="copy-button"' in html and " hidden>Copy</button>" in html


def test_callout_custom_title_is_escaped():
    html = html_of("::: warning <b>Careful</b>\nx\n:::\n")
    assert "&lt;b&gt;Careful&lt;/b&gt;" in html


def test_tables_and_task_lists():
    html = html_of("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] first\n- [x] second\n")
    assert '<div class="table-wrap"><table>' in html and "<td>2</td>" in html
    assert html.count('type="checkbox"') == 2 and 'checked="checked"' in html


def test_links_to_other_articles_are_rewritten_and_collected_with_lines():
    page = render(
        "Intro\n\nSee [other](other.md#a-part) and [up](../top.md) and [here](#local)"
        " and [web](https://example.org).\n",
        "folder/page",
        Hooks(),
        first_line=10,
    )
    assert 'href="/en/folder/other#a-part"' in page.html
    assert 'href="/en/top"' in page.html
    assert 'href="https://example.org" rel="noopener noreferrer"' in page.html
    assert [(link.slug, link.anchor, link.line) for link in page.links] == [
        ("folder/other", "a-part", 12),
        ("top", "", 12),
        ("", "local", 12),
    ]


def test_cyrillic_link_targets_are_decoded():
    page = render("[см.](раздел.md#если-клиент-ответил) [тут](#параметры-case)\n", "p", Hooks())
    assert [(link.slug, link.anchor) for link in page.links] == [
        ("раздел", "если-клиент-ответил"),
        ("", "параметры-case"),
    ]


def test_interactive_blocks_are_handed_to_the_hook_with_their_file_line():
    body = "Text\n\n```walkthrough\nid: w\n```\n\n```python\nprint(1)\n```\n"
    page = render(body, "p", Hooks(), first_line=5)
    assert [(b.kind, b.line, b.source) for b in page.blocks] == [("walkthrough", 7, "id: w\n")]
    assert '<div class="wt" data-line="7"></div>' in page.html
    assert '<code class="language-python">' in page.html


def test_sections_hold_plain_text_under_each_heading_without_block_specs():
    body = (
        "Intro words\n\n## First\n\nAlpha **bold**\n\n"
        "```walkthrough\nid: secret\n```\n\n## Second\n\nBeta\n"
    )
    page = render(body, "p", Hooks())
    assert [(s.anchor, s.title, s.text) for s in page.sections] == [
        ("", "", "Intro words"),
        ("first", "First", "Alpha bold"),
        ("second", "Second", "Beta"),
    ]


def test_deeply_nested_input_renders_without_error():
    render("> " * 500 + "deep\n" + "[" * 5000 + "\n" + "*" * 10000, "p", Hooks())
