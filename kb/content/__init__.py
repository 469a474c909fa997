"""Loading articles from Markdown files: no web framework here."""

from kb.content.library import Library
from kb.content.live import LiveLibrary, load_library
from kb.content.model import Article, ContentError

__all__ = ["Article", "ContentError", "Library", "LiveLibrary", "load_library"]
