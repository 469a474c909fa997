"""Flask CLI commands: `flask --app app kb-check`, and more as features arrive."""

from __future__ import annotations

import click
from flask import current_app

from kb.check import check_library


def init_app(app) -> None:
    app.cli.add_command(kb_check)


@click.command("kb-check")
@click.option("--strict", is_flag=True, help="Fail on warnings too (missing or stale translations).")
def kb_check(strict: bool) -> None:
    """Validate every article; print problems as file:line and exit 1 if any must be fixed."""
    content = current_app.extensions["kb_content"]
    problems = check_library(content.library)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if p.severity == "error" or strict]
    total = len(content.library.articles)
    click.echo(f"{total} articles checked: {len(errors)} errors, {len(problems) - len(errors)} warnings")
    if errors:
        raise SystemExit(1)
