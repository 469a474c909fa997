"""Flask CLI commands: checking content, building the index, migrating the database, editors'
accounts, the roll-up."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from kb.check import check_library
from kb.faults import describe
from kb.guidance import KINDS
from kb.insights import rollup
from kb.search.synonyms import check as check_synonyms
from kb.store.editors import EditorError, create_editor, delete_editor, set_password
from kb.web.blocks import block_validator
from kb.web.progress import Progress

REBUILD_NICENESS = 10


def init_app(app) -> None:
    app.cli.add_command(kb_check)
    app.cli.add_command(kb_index)
    app.cli.add_command(kb_migrate)
    for command in (kb_create_editor, kb_set_password, kb_delete_editor, kb_rollup):
        app.cli.add_command(command)


@click.command("kb-check")
@with_appcontext
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (missing or stale translations)."
)
def kb_check(strict: bool) -> None:
    """Validate every article; print problems as file:line and exit 1 if any must be fixed."""
    library = current_app.extensions["kb_content"].library
    problems = check_library(library, KINDS, block_validator(library))
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if p.severity == "error" or strict]
    # The synonyms files beside the articles: each unusable line is an error.
    synonyms = check_synonyms(Path(current_app.config["KB_ARTICLES_DIR"]))
    for unusable in synonyms:
        click.echo(str(unusable), err=True)
    total = len(library.articles)
    count = len(errors) + len(synonyms)
    click.echo(f"{total} articles checked: {count} errors, {len(problems) - len(errors)} warnings")
    if errors or synonyms:
        raise SystemExit(1)


@click.command("kb-index")
@with_appcontext
@click.option("--if-missing", is_flag=True, help="Only build when there is no index yet.")
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes that share the work.",
)
def kb_index(if_missing: bool, processes: int) -> None:
    """Rebuild the search index in a new folder and swap it in; no search sees it half-built.
    Says how it is going: a bar on a terminal, a line every few seconds otherwise."""
    engine = current_app.extensions["kb_search"]
    if if_missing and engine.exists():
        click.echo("search index present")
        return
    library = current_app.extensions["kb_content"].library
    _yield_to_the_site()
    started = time.perf_counter()
    try:
        generation = engine.rebuild(
            library, procs=processes, progress=Progress("Indexing", sys.stderr)
        )
    except OSError as error:  # a full or read-only disk: what was written is removed again
        current = engine.index_dir.current()
        serving = f"searches go on using {current}" if current else "there is no index yet"
        raise click.ClickException(
            f"could not rebuild the search index in {engine.index_dir.path} "
            f"({describe(error)}); {serving}"
        ) from None
    seconds = time.perf_counter() - started
    click.echo(f"indexed {len(library.articles)} articles into {generation} in {seconds:.1f} s")


def _yield_to_the_site() -> None:
    """Run at a lower priority (nice 10 at least), so that a rebuild on the cores that serve
    agents takes what they leave rather than slowing their answers."""
    niceness = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(niceness, REBUILD_NICENESS))


def _store():
    return current_app.extensions["kb_store"]


@click.command("kb-migrate")
@with_appcontext
def kb_migrate() -> None:
    """Bring the database schema to the newest migration, under the database's lock. The app
    does it on start too; run this first so that workers do not each wait for a long one."""
    store = _store()
    try:
        # The app migrated on start unless the database could not be reached then.
        upgrade = store.schema or store.migrate()
    except SQLAlchemyError as error:
        raise click.ClickException(
            f"could not migrate the database ({describe(error)}); nothing was changed"
        ) from None
    if upgrade.before == upgrade.after:
        click.echo(f"database schema up to date (revision {upgrade.after})")
    else:
        click.echo(f"database schema migrated from {upgrade.before or 'none'} to {upgrade.after}")


def _new_password() -> str:
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.command("kb-create-editor")
@with_appcontext
@click.argument("name")
def kb_create_editor(name: str) -> None:
    """Create an editor's account; the password is asked for, never passed on the command line."""
    try:
        editor = create_editor(_store(), name, _new_password())
    except EditorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Editor {editor.name!r} created.")


@click.command("kb-set-password")
@with_appcontext
@click.argument("name")
def kb_set_password(name: str) -> None:
    """Set a new password for an editor; their open sessions end."""
    try:
        set_password(_store(), name, _new_password())
    except EditorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Password changed.")


@click.command("kb-delete-editor")
@with_appcontext
@click.argument("name")
@click.confirmation_option(prompt="Delete this editor's account?")
def kb_delete_editor(name: str) -> None:
    """Delete an editor's account; their open sessions end."""
    try:
        delete_editor(_store(), name)
    except EditorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Editor deleted.")


@click.command("kb-rollup")
@with_appcontext
def kb_rollup() -> None:
    """Roll records older than KB_RETENTION_DAYS into daily counts (the app also does it daily)."""
    result = rollup(_store(), current_app.config["KB_RETENTION_DAYS"])
    click.echo(
        f"Rolled up records before {result.cutoff:%Y-%m-%d}: {result.searches} searches, "
        f"{result.views} views, {result.votes} votes, "
        f"{result.walkthrough_events} walkthrough events."
    )
