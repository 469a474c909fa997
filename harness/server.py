"""The app under gunicorn on 127.0.0.1, for the load run and the fault tests.

`Gunicorn` starts the production server (as `make serve` does, 2 workers) over given articles and
instance folders, in a process group of its own, and stops the whole group, workers included,
however the caller leaves. `flask(...)` runs one of the app's CLI commands over the same folders.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(articles: Path, instance: Path, **settings: str) -> dict[str, str]:
    """The environment that points the app at `articles` and `instance`, plus `settings`."""
    env = {**os.environ, "KB_ARTICLES_DIR": str(articles), "KB_INSTANCE_DIR": str(instance)}
    env.pop("DATABASE_URL", None)  # the records go to SQLite in `instance`, where we count them
    # Every simulated agent comes from 127.0.0.1, where real ones each have an address of their
    # own: the share of votes one address may count would be everyone's.
    env["KB_VOTES_PER_ADDRESS"] = "0"
    env.update(settings)
    return env


def flask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "app", *args]


def flask(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `flask --app app ARGS` over the folders of `env`; output captured as text."""
    return subprocess.run(
        flask_command(*args), cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout
    )


def get_json(url: str, timeout: float = 5) -> tuple[int, dict]:
    """(status, body) of a JSON endpoint, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


class Gunicorn:
    """`gunicorn --workers N app:app` on a free port of 127.0.0.1; a context manager."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int = 2):
        self.env = env
        self.log_path = Path(log_path)
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, wait: float = 120) -> Gunicorn:
        """Start it and wait until /healthz answers (its status aside)."""
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"]
                + ["--graceful-timeout", "5", "app:app"],
                cwd=PROJECT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own process group: stop() ends the workers too
            )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                get_json(self.base + "/healthz", timeout=2)
                if len(self.worker_pids()) >= self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {wait:.0f} s:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        """The pids of the master's live children, its workers."""
        if self.process is None:
            return []
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()  # after "(command name)": state, ppid, ...
            if int(fields[1]) == master and fields[0] != "Z":
                pids.append(int(entry.name))
        return sorted(pids)

    def stop(self, timeout: float = 20) -> int | None:
        """Stop gracefully, then kill the whole process group; returns the master's exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        try:  # workers left behind by a master that died first
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return self.process.wait(timeout)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
