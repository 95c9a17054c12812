"""Shared fixtures: a real gunicorn serving the app on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

APP_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Gunicorn:
    """A gunicorn master started by a test; `stop()` sends SIGTERM and returns (exit status, stdout, stderr)."""

    process: subprocess.Popen
    port: int

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self, timeout: float = 30) -> tuple[int, str, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def wait(self, timeout: float = 30) -> tuple[int, str, str]:
        """Waits for gunicorn to exit by itself (killing it after `timeout`)."""
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, out, err


def start_gunicorn(env: dict[str, str], wait: bool = True) -> Gunicorn:
    """Starts `gunicorn --config gunicorn.conf.py bluegreen_app.wsgi:app` in app/, as the Dockerfile does."""
    port = int(env.get("PORT") or free_port())
    full_env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "PORT": str(port), **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "bluegreen_app.wsgi:app"],
        cwd=APP_DIR,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Gunicorn(process, port)
    if wait:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                _, out, err = server.stop()
                raise AssertionError(f"gunicorn exited with {process.returncode} before serving:\n{out}\n{err}")
            try:
                with urllib.request.urlopen(server.url("/readyz"), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    server.stop()
                    raise AssertionError("gunicorn did not answer /readyz within 20 s")
                time.sleep(0.1)
    return server


@pytest.fixture
def start_server() -> Iterator[Callable[..., Gunicorn]]:
    """Starts gunicorn servers for a test (`start_server(env, wait=True)`) and stops any still running after it."""
    servers: list[Gunicorn] = []

    def start(env: dict[str, str], wait: bool = True) -> Gunicorn:
        server = start_gunicorn(env, wait)
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.stop()


@pytest.fixture
def gunicorn_app(start_server: Callable[..., Gunicorn]) -> Gunicorn:
    """gunicorn serving version 42 of `web` as pod web-42-abc in namespace shop; stopped after the test."""
    return start_server({"APP_NAME": "web", "APP_VERSION": "42", "POD_NAME": "web-42-abc", "POD_NAMESPACE": "shop", "WEB_CONCURRENCY": "1"})


@pytest.fixture
def port() -> int:
    """A free loopback port."""
    return free_port()
