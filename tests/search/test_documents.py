"""What gets indexed for an article, and extra documents from the guidance layer."""

from kb.content import load_library
from kb.render import Rendered
from kb.search import SearchDoc, SearchEngine, documents_for
from kb.search.documents import INDEX_FORMAT, IndexHooks, render_for_index
from kb.search.indexer import kept_text
from kb.search.schema import STORED_TEXT

from .conftest import write_articles

ARTICLE = {
    "en/steps.md": """---
title: Callback steps
summary: Calling a customer back.
category: Care
tags: [callback]
audience: [agents]
---

Intro text before any heading.

## When the customer answers

Say who you are.

```walkthrough
id: callback
steps: [a, b]
```

### Voicemail

Leave a short message.
""",
}


def test_an_article_becomes_its_own_doc_and_one_per_section(tmp_path):
    article = load_library(write_articles(tmp_path, ARTICLE)).get("en", "steps")
    docs = documents_for(article, render_for_index(article, IndexHooks({"walkthrough"})))
    own, *sections = docs
    assert (own.kind, own.anchor, own.section) == ("article", "", "")
    assert own.text.startswith("Calling a customer back.\nIntro text before any heading.")
    assert own.headings == ("When the customer answers", "Voicemail")
    assert [(d.kind, d.anchor, d.section, d.text) for d in sections] == [
        ("section", "when-the-customer-answers", "When the customer answers", "Say who you are."),
        ("section", "voicemail", "Voicemail", "Leave a short message."),
    ]
    assert all(d.title == "Callback steps" and d.tags == ("callback",) for d in docs)
    assert all(d.version == f"{INDEX_FORMAT}:{article.mtime!r}" for d in docs)
    assert "walkthrough" not in own.text and "steps:" not in own.text  # interactive blocks left out


def test_code_that_is_not_an_interactive_block_is_text(tmp_path):
    article = load_library(write_articles(tmp_path, ARTICLE)).get("en", "steps")
    own = documents_for(article, render_for_index(article, IndexHooks()))[0]
    assert "steps: [a, b]" in own.text


def test_extra_docs_are_indexed_with_their_article(tmp_path):
    def steps(article, rendered: Rendered):
        yield SearchDoc(
            lang="xx",
            slug="ignored",
            anchor="step-voicemail",
            title="",
            section="Leave a voicemail",
            text="Use the zebrafinch template.",
            kind="step",
        )

    library = load_library(write_articles(tmp_path / "articles", ARTICLE))
    engine = SearchEngine(tmp_path / "index", block_kinds={"walkthrough"}, extra_docs=steps)
    engine.rebuild(library)
    hit = engine.search("zebrafinch template", "en").hits[0]
    assert (hit.slug, hit.kind, hit.anchor, hit.section) == (
        "steps",
        "step",
        "step-voicemail",
        "Leave a voicemail",
    )
    assert [s.section for s in engine.suggest("leave a voi", "en")][0] == "Leave a voicemail"
    engine.close()


def test_failing_extra_docs_leave_the_article_searchable(tmp_path, caplog):
    def broken(article, rendered):
        raise ValueError("bad walkthrough")

    library = load_library(write_articles(tmp_path / "articles", ARTICLE))
    engine = SearchEngine(tmp_path / "index", extra_docs=broken)
    engine.rebuild(library)
    assert [h.slug for h in engine.search("voicemail message", "en").hits] == ["steps"]
    assert "no extra search documents for en/steps" in caplog.text
    engine.close()


def test_a_long_text_is_kept_for_snippets_up_to_a_whole_word():
    long = "Transfer the call to Retention.\n" * 40  # 1,280 characters
    kept = kept_text(long)
    start = kept.removesuffix(" …")
    assert kept.endswith(" …") and STORED_TEXT - 12 < len(start) <= STORED_TEXT
    assert long.startswith(start) and long[len(start)].isspace()  # a whole word last
    assert kept_text("Short text.") == "Short text."
    assert kept_text("x" * 2000) == "x" * STORED_TEXT + " …"  # no space to cut at
    exact = "word " * (STORED_TEXT // 5)  # a space falls right after the limit
    assert kept_text(exact + "more") == exact.rstrip() + " …"
