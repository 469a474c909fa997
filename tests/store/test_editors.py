"""Editors' accounts: scrypt hashes, case-insensitive names, password changes."""

import pytest

from kb.store.editors import (
    EditorError,
    authenticate,
    create_editor,
    delete_editor,
    get_editor,
    set_password,
)

PASSWORD = "correct horse battery"


def test_create_and_sign_in(store):
    editor = create_editor(store, " Anna.P ", PASSWORD)
    assert editor.name == "anna.p"
    assert editor.password_hash.startswith("scrypt:")
    assert authenticate(store, "ANNA.P", PASSWORD) == editor
    assert authenticate(store, "anna.p", "wrong password!") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    assert get_editor(store, editor.id) == editor


@pytest.mark.parametrize(
    "name, password",
    [
        ("has space", PASSWORD),
        ("", PASSWORD),
        ("x" * 65, PASSWORD),
        ("ok", "short"),
        ("ok", "x" * 2000),
    ],
)
def test_unusable_names_and_passwords_are_refused(store, name, password):
    with pytest.raises(EditorError):
        create_editor(store, name, password)


def test_names_are_unique_whatever_the_case(store):
    create_editor(store, "anna", PASSWORD)
    with pytest.raises(EditorError, match="already exists"):
        create_editor(store, "Anna", PASSWORD)


def test_a_new_password_changes_the_session_stamp(store):
    editor = create_editor(store, "anna", PASSWORD)
    set_password(store, "anna", "another long password")
    assert authenticate(store, "anna", PASSWORD) is None
    changed = authenticate(store, "anna", "another long password")
    assert changed.session_stamp != editor.session_stamp
    with pytest.raises(EditorError):
        set_password(store, "nobody", "another long password")


def test_delete(store):
    editor = create_editor(store, "anna", PASSWORD)
    delete_editor(store, "ANNA")
    assert get_editor(store, editor.id) is None
    with pytest.raises(EditorError):
        delete_editor(store, "anna")
