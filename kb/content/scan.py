"""Finding the article files in an articles folder: regular files inside it, nothing else.

Whatever else an editor, a script or an attacker leaves in the folder (a link that loops or
leads nowhere or out of the folder, a FIFO, a socket, a device, a name with a newline) is
left out with one line that says why, never followed, opened or waited on.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb import LANGUAGES
from kb.content.model import ContentError

_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # Unicode categories a report must not print as they are
Stamp = tuple[int, int, int, int]  # device, inode, mtime in ns, size: changes when the file does

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class Found:
    """An article file: its language, its slug, the regular file to read and its stamp."""

    lang: str
    slug: str
    path: Path  # the real file (a link's target), inside the folder
    stamp: Stamp


def shown_name(name: str) -> str:
    """A file name as a report shows it: on one line, with control, format and line-break
    characters and bytes that are not UTF-8 escaped, so that no name can break or forge a
    line of a report.

    >>> shown_name("a\\nb.md"), shown_name("\\udcffx.md")
    ('a\\\\nb.md', '\\\\xffx.md')
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system decoding made
        raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _HIDDEN else c for c in text)


def usable_name(rel: str) -> bool:
    """Whether a path can be an article's address: UTF-8, no control or line characters."""
    return shown_name(rel) == rel and "\\" not in rel


def scan(root: Path, problems: list[ContentError]) -> Iterator[Found]:
    """Every article file under root/<lang>/, hidden files and folders (`.x`, `_x`) skipped;
    what cannot be an article is appended to `problems`, one per file or folder.

    Symbolic links within the folder are followed to a regular file; linked folders are not
    entered. A link whose target lies outside the folder is a warning (it must not publish
    the secret key, say), as is a link to nothing; a loop, a FIFO or a device is an error.
    """
    try:
        inside = root.resolve(strict=True)
    except (OSError, RuntimeError):  # missing (the caller says so), or a loop
        return
    for lang in LANGUAGES:
        base = root / lang
        if not base.is_dir():
            if os.path.lexists(base):
                why = "is not a folder, or is a link to none (or that loops)"
                problems.append(ContentError(f"{lang}/", 1, f"skipped: {why}"))
            continue

        def unlisted(error: OSError, lang: str = lang, base: Path = base) -> None:
            where = _rel(Path(error.filename or base), base)
            why = f"folder cannot be read: {error.strerror or error}"
            problems.append(ContentError(f"{lang}/{shown_name(where)}", 1, why))

        slugs: dict[str, str] = {}  # "a.MD" and "a.md" would both be /<lang>/a
        for dirpath, dirnames, filenames in os.walk(base, onerror=unlisted):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(".md"):
                    continue
                path = Path(dirpath) / name
                rel = _rel(path, base)
                found, problem = _examine(path, rel, inside)
                if problem is not None:
                    message, severity = problem
                    problems.append(ContentError(f"{lang}/{shown_name(rel)}", 1, message, severity))
                elif found is not None and rel[: -len(".md")] in slugs:
                    message = f"skipped: {shown_name(slugs[rel[:-3]])} has the same address"
                    problems.append(ContentError(f"{lang}/{shown_name(rel)}", 1, message))
                elif found is not None:
                    slugs[rel[: -len(".md")]] = rel
                    yield Found(lang, rel[: -len(".md")], *found)


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _examine(
    path: Path, rel: str, inside: Path
) -> tuple[tuple[Path, Stamp] | None, tuple[str, str] | None]:
    """(the file to read and its stamp, None) or (None, (why it is skipped, severity))."""
    if not usable_name(rel):
        return None, (
            "skipped: the name has a line break, a control character, a backslash or bytes "
            "that are not UTF-8, so it cannot be an address; rename the file",
            "error",
        )
    try:
        target = path.resolve(strict=True)
        st = os.stat(target)
    except RuntimeError:  # Python 3.11 reports a loop this way, later versions as ELOOP
        return None, ("skipped: a symbolic link that loops", "error")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, ("skipped: a symbolic link that loops", "error")
        if error.errno == errno.ENOENT:
            return None, ("skipped: a symbolic link to a file that does not exist", "warning")
        return None, (f"skipped: cannot be read: {error.strerror or error}", "error")
    if not target.is_relative_to(inside):
        return None, ("skipped: a link to a file outside the articles folder", "warning")
    if not stat.S_ISREG(st.st_mode):
        kind = next((what for test, what in _KINDS if test(st.st_mode)), "not a file")
        return None, (f"skipped: {kind}, not a regular file", "error")
    return (target, (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)), None
