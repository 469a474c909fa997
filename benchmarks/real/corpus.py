"""A folder of English and Russian Markdown, laid out as an articles folder the site can serve.

Any documentation tree will do: a file's language is the first `en` or `ru` folder on its path
(`docs/en/guide/a.md`, `i18n/ru/.../a.md`), or, with none, the alphabet most of its letters are in.
Its slug is its path with that folder left out, so parallel pages (`en/x.md`, `ru/x.md`) share a
slug, which is how the site pairs translations. Front matter is optional; the title is the front
matter's, else the first heading's (as the site reads it).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kb import LANGUAGES
from kb.content import Library, load_library
from kb.content.loader import MAX_FILE_BYTES

SUFFIXES = (".md", ".markdown")
_CYRILLIC = re.compile("[а-яё]", re.I)
_LATIN = re.compile("[a-z]", re.I)


@dataclass(frozen=True)
class Page:
    """One article as both engines index it."""

    lang: str
    slug: str
    title: str
    body: str


def language_of(rel: Path, text: str) -> str:
    """`en` or `ru`: from the first language folder on the path, else from the letters."""
    for part in rel.parts[:-1]:
        if part.lower() in LANGUAGES:
            return part.lower()
    return "ru" if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def _slug(rel: Path, lang: str) -> str:
    parts = list(rel.with_suffix("").parts)
    lowered = [p.lower() for p in parts]
    if lang in lowered[:-1]:
        parts.pop(lowered.index(lang))
    return "/".join(p.strip(".") or "_" for p in parts)


def _markdown_files(source: Path):
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "node_modules")))
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def lay_out(source: Path, articles: Path) -> int:
    """Copy every Markdown file of `source` into `articles/<lang>/<slug>.md`; returns how many.
    Files the site would refuse anyway (too large, not UTF-8) are left out here."""
    if (source / "en").is_dir() and (source / "ru").is_dir() and not _has_other_markdown(source):
        shutil.copytree(source, articles, dirs_exist_ok=True)  # already an articles folder
        return sum(1 for _ in _markdown_files(articles))
    copied = 0
    for path in _markdown_files(source):
        if path.stat().st_size > MAX_FILE_BYTES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        rel = path.relative_to(source)
        lang = language_of(rel, text)
        target = articles / lang / f"{_slug(rel, lang)}.md"
        if target.exists():  # README.md beside index.md, say: keep the first
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        copied += 1
    return copied


def _has_other_markdown(source: Path) -> bool:
    return any(
        entry.is_dir() and entry.name not in LANGUAGES and not entry.name.startswith(".")
        for entry in os.scandir(source)
    )


def load(articles: Path) -> tuple[Library, list[Page]]:
    """The Library the site would load from `articles`, and its pages for the lunr peer."""
    library = load_library(articles)
    pages = [
        Page(a.lang, a.slug, a.title, a.body)
        for a in sorted(library.articles.values(), key=lambda a: a.key)
    ]
    return library, pages
