"""The app as the container runs it: a real gunicorn master with its workers, on a loopback port."""

import json
import os
import subprocess
import sys
import time
import urllib.request

from conftest import APP_DIR


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def test_serves_the_configured_version(gunicorn_app):
    """gunicorn serves /version with the identity from the environment, as the Deployment sets it."""
    document = _get_json(gunicorn_app.url("/version"))
    assert (document["app"], document["version"], document["pod"], document["namespace"]) == ("web", "42", "web-42-abc", "shop")


def test_logs_are_json_lines_on_stdout(gunicorn_app):
    """Everything gunicorn and the app print on stdout is one JSON object per line, requests included."""
    _get_json(gunicorn_app.url("/version"))
    status, out, err = gunicorn_app.stop()
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert any(line.get("path") == "/version" and line.get("status") == 200 for line in lines)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert "Traceback" not in err


def test_sigterm_shuts_down_gracefully(gunicorn_app):
    """SIGTERM (what Kubernetes sends) stops gunicorn with status 0, well inside its graceful timeout."""
    started = time.monotonic()
    status, out, _ = gunicorn_app.stop(timeout=30)
    assert status == 0
    assert time.monotonic() - started < 15
    assert "Shutting down" in out


def test_container_healthcheck_passes_against_the_running_app(gunicorn_app):
    """The Dockerfile's HEALTHCHECK command exits 0 while the app serves on $PORT."""
    result = subprocess.run(
        [sys.executable, "-m", "bluegreen_app.healthcheck"],
        cwd=APP_DIR, env={**os.environ, "PORT": str(gunicorn_app.port)}, capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr


def test_container_healthcheck_fails_when_nothing_listens(port):
    """The HEALTHCHECK command exits 1 with a one-line reason when nothing answers on $PORT."""
    result = subprocess.run(
        [sys.executable, "-m", "bluegreen_app.healthcheck"],
        cwd=APP_DIR, env={**os.environ, "PORT": str(port)}, capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("unhealthy:") and "Traceback" not in result.stderr


def test_malformed_setting_stops_startup_with_a_message(start_server):
    """A malformed GUNICORN_THREADS stops gunicorn with status 2 and one clear line, not a traceback."""
    server = start_server({"GUNICORN_THREADS": "many"}, wait=False)
    status, _, err = server.wait(timeout=30)
    assert status == 2
    assert "GUNICORN_THREADS='many'" in err
    assert "Traceback" not in err
