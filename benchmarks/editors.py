"""What changes under a load run: an editor adding, editing and removing articles, and full
rebuilds of the index (`flask kb-index`) at given moments."""

from __future__ import annotations

import os
import random
import re
import subprocess
import threading
import time
from pathlib import Path

from harness.server import PROJECT, flask_command

_TITLE = re.compile(r'^title: "(.*)"$', re.M)


def marker(n: int) -> str:
    """A made-up word that no article contains: zqaab, zqaac, ..."""
    letters = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
    return "zq" + letters


class Churn:
    """Edits, adds and removes articles every few seconds, as editors do, and remembers which
    marker word the index must (and must no longer) find for each."""

    def __init__(self, roots: list[Path], pool: list[tuple[str, str]], every: float, seed: int):
        self.roots = roots  # each instance's copy of the articles: every change goes to each
        self.pool = pool  # (lang, slug) of articles it may edit
        self.every = every
        self.rng = random.Random(seed)
        self.originals: dict[tuple[str, str], str] = {}
        self.found: dict[tuple[str, str], str] = {}  # article → marker it must be found by
        self.gone: dict[tuple[str, str], str] = {}  # article → marker it must not be found by
        self.counts = {"edited": 0, "added": 0, "removed": 0}
        self._added: list[tuple[str, str]] = []
        self._n = 0

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.rng.uniform(0.5, 1.5) * self.every):
            self.step()

    def step(self) -> None:
        self._n += 1
        word = marker(self._n)
        roll = self.rng.random()
        if roll < 0.2 and self._added:
            key = self._added.pop(self.rng.randrange(len(self._added)))
            for root in self.roots:
                self._path(key, root).unlink()
            self.gone[key] = self.found.pop(key)
            self.counts["removed"] += 1
        elif roll < 0.45:
            lang, base = self.rng.choice(self.pool)
            key = (lang, f"load-churn/article-{self._n}")
            text = _TITLE.sub(rf'title: "{word} \1"', self._original((lang, base)), count=1)
            self._write(key, text + f"\n\n{word}\n")
            self._added.append(key)
            self.found[key] = word
            self.counts["added"] += 1
        else:
            key = self.rng.choice(self.pool)
            if key in self.found:
                self.gone[key] = self.found[key]
            self._write(key, self._original(key) + f"\n\n{word}\n")
            self.found[key] = word
            self.counts["edited"] += 1

    @staticmethod
    def _path(key: tuple[str, str], root: Path) -> Path:
        return root / key[0] / f"{key[1]}.md"

    def _original(self, key: tuple[str, str]) -> str:
        if key not in self.originals:
            self.originals[key] = self._path(key, self.roots[0]).read_text(encoding="utf-8")
        return self.originals[key]

    def _write(self, key: tuple[str, str], text: str) -> None:
        """Write whole files only (a temporary file renamed over), as an editor's tool does."""
        for root in self.roots:
            path = self._path(key, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)


class Rebuilds:
    """`flask kb-index` in a subprocess at the given moments, for each instance in turn; each
    one's seconds and result."""

    def __init__(self, envs: list[dict[str, str]], at: list[float], running: threading.Event):
        self.envs = envs
        self.at = at
        self.running = running  # set while a rebuild runs
        self.done: list[tuple[float, int, str]] = []  # (seconds, exit code, last output line)
        self.process: subprocess.Popen | None = None

    def run(self, stop: threading.Event, started: float) -> None:
        for moment in self.at:
            if stop.wait(max(0.0, started + moment - time.monotonic())):
                return
            self.running.set()
            for env in self.envs:
                begin = time.monotonic()
                self.process = subprocess.Popen(
                    flask_command("kb-index"),
                    cwd=PROJECT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                out, _ = self.process.communicate()
                lines = out.strip().splitlines()
                self.done.append((time.monotonic() - begin, self.process.returncode, lines[-1:]))
            self.running.clear()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
