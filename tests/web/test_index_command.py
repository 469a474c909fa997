"""`flask kb-index`: builds the index, once with --if-missing, yields the CPU to the site, shares
the work between processes and says how it is going."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from harness.server import PROJECT, app_env

# The command as `make index` runs it, then the priority the process was left at.
SCRIPT = """
import os
from app import app
result = app.test_cli_runner().invoke(args=["kb-index", *os.environ["ARGS"].split()])
print(result.output.strip())
print(os.getpriority(os.PRIO_PROCESS, 0))
"""


def kb_index(articles_dir, instance, *args: str, nice: int = 0) -> tuple[str, int]:
    """(what the command said last, the niceness it ended at), in a process started `nice` below
    this one. Lines before the last tell the progress of a build that takes a while."""
    env = app_env(articles_dir, instance, KB_WATCH_INTERVAL="0", ARGS=" ".join(args))
    done = subprocess.run(
        ["nice", "-n", str(nice), sys.executable, "-c", SCRIPT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    said, niceness = done.stdout.strip().rsplit("\n", 1)
    return said.splitlines()[-1], int(niceness)


def own_niceness() -> int:
    """This process's niceness: 10 already if a test ran `kb-index` in it."""
    return os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.parametrize("lower", [0, 15])
def test_a_rebuild_runs_below_the_sites_priority(articles_dir, tmp_path, lower):
    started = min(own_niceness() + lower, 19)
    said, niceness = kb_index(articles_dir, tmp_path / "instance", nice=lower)
    assert said.startswith("indexed 10 articles into gen-")
    assert niceness == max(started, 10)  # never raised back: an operator's own `nice` is kept


def test_if_missing_builds_only_the_first_time(articles_dir, tmp_path):
    said, _ = kb_index(articles_dir, tmp_path / "instance", "--if-missing")
    assert said.startswith("indexed 10 articles")
    said, niceness = kb_index(articles_dir, tmp_path / "instance", "--if-missing")
    assert (said, niceness) == ("search index present", own_niceness())


@pytest.mark.parametrize("processes", ["1", "2"])
def test_the_build_is_shared_between_processes(app, processes):
    result = app.test_cli_runner().invoke(args=["kb-index", "--processes", processes])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("indexed 10 articles into gen-")
    engine = app.extensions["kb_search"]
    assert engine.search("retention", "en").total >= 1
