"""The editors' CLI commands: accounts and the roll-up."""

from kb.store.editors import authenticate

PASSWORD = "a long enough password"


def test_create_set_password_and_delete(app, runner):
    store = app.extensions["kb_store"]
    created = runner.invoke(args=["kb-create-editor", "Anna"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert created.exit_code == 0 and "Editor 'anna' created." in created.output
    assert PASSWORD not in created.output
    assert authenticate(store, "anna", PASSWORD)
    again = runner.invoke(args=["kb-create-editor", "anna"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert again.exit_code == 1 and "already exists" in again.output
    new = "another long password"
    changed = runner.invoke(args=["kb-set-password", "anna"], input=f"{new}\n{new}\n")
    assert changed.exit_code == 0 and authenticate(store, "anna", new)
    deleted = runner.invoke(args=["kb-delete-editor", "anna", "--yes"])
    assert deleted.exit_code == 0 and authenticate(store, "anna", new) is None


def test_short_passwords_are_refused(runner):
    result = runner.invoke(args=["kb-create-editor", "anna"], input="short\nshort\n")
    assert result.exit_code == 1 and "at least 12 characters" in result.output


def test_unknown_editor(runner):
    result = runner.invoke(args=["kb-set-password", "nobody"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 1 and "no editor named" in result.output


def test_rollup(runner):
    result = runner.invoke(args=["kb-rollup"])
    assert result.exit_code == 0
    assert "0 searches, 0 views, 0 votes, 0 walkthrough events" in result.output
