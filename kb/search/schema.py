"""The one Whoosh schema: which field holds what, and how each is analyzed.

Articles are found through the article fields: one doc per article holds all its text, so
ranking, counting and facets read one posting per article, not one per section. Sections, steps,
outcomes and rows are docs too, searched as you type by their headings; the passages of the
articles found are then scored from the terms each doc carries as stored fields (passages.py),
the article's own doc standing for its title and summary.
"""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema

from kb import LANGUAGES
from kb.search.analysis import analyzer, prefix_analyzer, start_analyzer, word_analyzer

LANGS = tuple(LANGUAGES)
STORED_TEXT = 600  # characters of text kept for snippets: enough for two lines around a match

# Article fields searched to find articles, and how much a match in each weighs: the title
# most, then the labels (tags, category and every heading), then the text.
ARTICLE_FIELDS = {"title": 3.0, "labels": 2.0, "body": 1.0}


def field(prefix: str, lang: str) -> str:
    return f"{prefix}_{lang}"


def build_schema() -> Schema:
    fields: dict[str, Any] = {
        # Unique per doc: lang:slug#anchor@kind.
        "key": ID(unique=True),
        # lang:slug, on every doc of an article, so all of them are replaced or removed together.
        "article": ID(stored=True),
        "lang": ID(stored=True),
        "slug": ID(stored=True),
        "kind": ID(stored=True),  # article, section, step, ... or passages
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
        # On an article's passages doc: each passage's display fields, the index terms of its
        # heading and text, which score it without searching, and what its answer card shows
        # (passages.py, indexer.py).
        "passages": STORED,
        # Every distinct word of an article, folded, unstemmed: typo tolerance, "did you mean"
        # and the wrong-layout check. One field for both languages: the alphabet keeps them apart.
        "spell": TEXT(analyzer=word_analyzer(), phrase=False),
    }
    for lang in LANGS:
        text = analyzer(lang)
        # An article's title, labels and text (the weights are applied by scoring.py).
        for name in ARTICLE_FIELDS:
            fields[field(name, lang)] = TEXT(analyzer=text)
        # For search-as-you-type, the title (on article docs) or the heading (on section and
        # step docs): prefixes of the whole of it, and prefixes of each of its words.
        fields[field("start", lang)] = TEXT(analyzer=start_analyzer(), phrase=False)
        fields[field("complete", lang)] = TEXT(analyzer=prefix_analyzer(), phrase=False)
    return Schema(**fields)
