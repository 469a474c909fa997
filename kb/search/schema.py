"""The one Whoosh schema: which field holds what, and how each is analyzed.

Whole articles are found through the article fields (one doc per article, holding all its text);
their sections and steps have fields of their own, searched only to find which part of an already
found article answers the query. So ranking, counting and facets read one posting per article,
not one per section.
"""

from __future__ import annotations

from whoosh.fields import ID, STORED, TEXT, Schema

from kb import LANGUAGES
from kb.search.analysis import analyzer, prefix_analyzer, start_analyzer, word_analyzer

LANGS = tuple(LANGUAGES)
STORED_TEXT = 600  # characters of text kept for snippets: enough for two lines around a match

# Article fields searched to find articles, and how much a match in each weighs: the title
# most, then the labels (tags, category and every heading), then the text.
ARTICLE_FIELDS = {"title": 3.0, "labels": 2.0, "body": 1.0}
# Section and step fields, searched to find the part of a found article that answers.
PART_FIELDS = ("heading", "text")
HEADING_BOOST = 2.0


def field(prefix: str, lang: str) -> str:
    return f"{prefix}_{lang}"


def build_schema() -> Schema:
    fields = {
        # Unique per doc: lang:slug#anchor@kind.
        "key": ID(unique=True),
        # lang:slug, on every doc of an article, so all of them are replaced or removed together.
        "article": ID(stored=True),
        "lang": ID(stored=True),
        "slug": ID(stored=True),
        "kind": ID(stored=True),  # article, section or step
        # Shown, never searched: the display fields, a short text for snippets, and the source
        # version that sync compares (on article docs only).
        "anchor": STORED,
        "title": STORED,
        "section": STORED,
        "snippet": STORED,
        "version": STORED,
        "category": STORED,
        "tags": STORED,
        "audience": STORED,
    }
    for lang in LANGS:
        text = analyzer(lang)
        # An article's title, labels and text (the weights are applied by scoring.py).
        for name in ARTICLE_FIELDS:
            fields[field(name, lang)] = TEXT(analyzer=text)
        # The heading and the text of a section or step.
        fields[field("heading", lang)] = TEXT(analyzer=text, field_boost=HEADING_BOOST)
        fields[field("text", lang)] = TEXT(analyzer=text)
        # Every distinct word of an article, unstemmed: "did you mean" and wrong-layout checks.
        fields[field("spell", lang)] = TEXT(analyzer=word_analyzer(), phrase=False)
        # For search-as-you-type, the title (on article docs) or the heading (on section and
        # step docs): prefixes of the whole of it, and prefixes of each of its words.
        fields[field("start", lang)] = TEXT(analyzer=start_analyzer(), phrase=False)
        fields[field("complete", lang)] = TEXT(analyzer=prefix_analyzer(), phrase=False)
    return Schema(**fields)
