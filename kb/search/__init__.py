"""Search over the articles: analysis per language, the index and its lifecycle, and the facade.

Views use only what is exported here; nothing outside this package imports Whoosh.
"""

from kb.search.documents import SearchDoc, documents_for
from kb.search.engine import SearchEngine, SyncReport
from kb.search.results import Hit, SearchResults, Suggestion
from kb.search.snippets import mark_html

__all__ = [
    "Hit",
    "SearchDoc",
    "SearchEngine",
    "SearchResults",
    "Suggestion",
    "SyncReport",
    "documents_for",
    "mark_html",
]
