"""Article paths chosen by editors: checked, and never outside the articles folder."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from kb import LANGUAGES
from kb.check import GUIDE_SEGMENT, RESERVED_SLUGS
from kb.editing.labels import N_

MAX_SLUG = 200
# A path segment: letters (any script), digits, '-', '_' and '.', starting with a letter or digit.
_SEGMENT = re.compile(r"^[^\W_][\w.-]*$")


class PathError(ValueError):
    """A path an article cannot have; the message says why."""


def clean_slug(slug: str) -> str:
    """The slug as it will be stored (no '.md', no slashes around it), or PathError.

    >>> clean_slug(" billing/Refunds.md ")
    'billing/Refunds'
    """
    slug = slug.strip().strip("/")
    if slug.lower().endswith(".md"):
        slug = slug[:-3]
    if not slug:
        raise PathError(N_("the path is empty"))
    if len(slug) > MAX_SLUG:
        raise PathError(N_("the path is longer than 200 characters"))  # MAX_SLUG
    parts = slug.split("/")
    for part in parts:
        if not _SEGMENT.match(part) or part.endswith("."):
            raise PathError(
                N_(
                    "each part of the path is letters, digits, '-', '_' or '.', "
                    "starting with a letter or a digit"
                )
            )
    if parts[0] in RESERVED_SLUGS or GUIDE_SEGMENT in parts[1:]:
        raise PathError(N_("this path is taken by a page of the site"))
    return slug


def article_file(root: Path, lang: str, slug: str) -> Path:
    """The file of the article, checked to lie inside `root/lang` with no link on the way."""
    if lang not in LANGUAGES:
        raise PathError(N_("unknown language"))
    slug = clean_slug(slug)
    base = Path(root) / lang
    path = base.joinpath(*slug.split("/")).with_name(slug.rsplit("/", 1)[-1] + ".md")
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():  # a linked folder or file could lead anywhere
            raise PathError(N_("the path goes through a symbolic link"))
    if not path.resolve().is_relative_to(Path(root).resolve()):
        raise PathError(N_("the path leaves the articles folder"))
    return path


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: readers see the old text or the new, never half of it.
    The temporary file is hidden (a leading dot), so the content watcher never loads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_text(path: Path) -> str | None:
    """The file's text with newlines made plain, or None when there is no readable file."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    text = raw.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")
