"""Editors' accounts: names and scrypt password hashes, nothing else about the person."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from kb.store.db import Store
from kb.store.tables import editors

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # scrypt cost grows with length; longer is no more secure
_NAME = re.compile(r"^[\w.@-]{1,64}$")


class EditorError(ValueError):
    """A name or password that cannot be used, or an account that exists or does not."""


@dataclass(frozen=True)
class Editor:
    id: int
    name: str
    password_hash: str
    session_epoch: int = 0

    @property
    def session_stamp(self) -> str:
        """What a session signed in as this editor carries and must still match: it changes
        with the password and with the session epoch (sign-out), ending every earlier session."""
        state = f"{self.session_epoch}:{self.password_hash}"
        return hashlib.sha256(state.encode()).hexdigest()[:32]


def normalize_name(name: str) -> str:
    """Names are compared case-insensitively: 'Anna.P' and 'anna.p' are one account."""
    return name.strip().casefold()


def check_new_password(password: str) -> None:
    """Raise EditorError if the password is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise EditorError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise EditorError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")


def _hash(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_editor(store: Store, name: str, password: str) -> Editor:
    """Add an account; EditorError if the name is not usable or taken."""
    key = normalize_name(name)
    if not _NAME.match(key):
        raise EditorError("a name is 1-64 letters, digits, '.', '_', '-' or '@', without spaces")
    check_new_password(password)
    password_hash = _hash(password)
    row = {"name": key, "password_hash": password_hash, "created_at": _now()}
    try:
        with store.engine.begin() as conn:
            added = editors.insert().values(**row).returning(editors.c.id)
            editor_id = conn.execute(added).scalar_one()
    except IntegrityError:
        raise EditorError(f"an editor named {key!r} already exists") from None
    return Editor(editor_id, key, password_hash)


def set_password(store: Store, name: str, password: str) -> None:
    """Replace an editor's password, which also ends their open sessions."""
    check_new_password(password)
    with store.engine.begin() as conn:
        changed = conn.execute(
            update(editors)
            .where(editors.c.name == normalize_name(name))
            .values(password_hash=_hash(password), session_epoch=editors.c.session_epoch + 1)
        ).rowcount
    if not changed:
        raise EditorError(f"there is no editor named {normalize_name(name)!r}")


def delete_editor(store: Store, name: str) -> None:
    """Remove an account; its sessions stop working on their next request."""
    with store.engine.begin() as conn:
        removed = conn.execute(delete(editors).where(editors.c.name == normalize_name(name)))
    if not removed.rowcount:
        raise EditorError(f"there is no editor named {normalize_name(name)!r}")


def end_sessions(store: Store, editor_id: int) -> None:
    """End every session of the editor, everywhere: the next request of each, on any instance,
    finds the epoch it was signed in under gone (sign-out does this)."""
    with store.engine.begin() as conn:
        conn.execute(
            update(editors)
            .where(editors.c.id == editor_id)
            .values(session_epoch=editors.c.session_epoch + 1)
        )


_COLUMNS = (editors.c.id, editors.c.name, editors.c.password_hash, editors.c.session_epoch)


def get_editor(store: Store, editor_id: int) -> Editor | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(*_COLUMNS).where(editors.c.id == editor_id)).first()
    return Editor(*row) if row else None


def authenticate(store: Store, name: str, password: str) -> Editor | None:
    """The editor with this name and password, or None; takes as long either way."""
    with store.engine.connect() as conn:
        row = conn.execute(select(*_COLUMNS).where(editors.c.name == normalize_name(name))).first()
    password = password[:MAX_PASSWORD_LENGTH]
    if row is None:
        check_password_hash(_dummy_hash(), password)  # same work as for a real account
        return None
    if not check_password_hash(row.password_hash, password):
        return None
    with store.engine.begin() as conn:
        conn.execute(update(editors).where(editors.c.id == row.id).values(last_login_at=_now()))
    return Editor(*row)


@cache
def _dummy_hash() -> str:
    return _hash("not a password of anyone")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
