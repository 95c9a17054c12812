"""The Dockerfile and .dockerignore, checked without a Docker engine (none here): hadolint, structure, consistency with the app.

What is not checked here: that the image builds and runs. The app's own tests run the same gunicorn
command and HEALTHCHECK module against a real server (app/tests/test_gunicorn.py).
"""

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docker.utils.build import exclude_paths
from dockerfile_parse import DockerfileParser

from conftest import REPOSITORY, executable

DOCKERFILE = REPOSITORY / "Dockerfile"
sys.path.insert(0, str(REPOSITORY / "app"))
serving = importlib.import_module("bluegreen_app.serving")


@pytest.fixture(scope="module")
def parsed() -> DockerfileParser:
    return DockerfileParser(path=str(DOCKERFILE))


def _final_stage(parsed: DockerfileParser) -> list[dict]:
    instructions = [i for i in parsed.structure if i["instruction"] != "COMMENT"]
    last_from = max(index for index, i in enumerate(instructions) if i["instruction"] == "FROM")
    return instructions[last_from:]


def _one(stage: list[dict], name: str) -> dict:
    found = [i for i in stage if i["instruction"] == name]
    assert len(found) == 1, f"expected one {name} in the final stage, found {len(found)}"
    return found[0]


def test_hadolint_finds_nothing():
    """hadolint (the Dockerfile linter, run from its pip wheel) reports no issue at any severity."""
    result = subprocess.run([executable("hadolint"), "--no-color", "--failure-threshold", "style", str(DOCKERFILE)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_image_is_slim_python_pinned_to_a_full_tag(parsed):
    """Every stage starts from the same python:X.Y.Z-slim-<debian> image: a full tag, never latest."""
    images = set(parsed.parent_images)
    assert len(images) == 1, images
    (image,) = images
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-[a-z]+", image), image


def test_runs_as_a_numeric_non_root_user(parsed):
    """The final stage switches to a numeric uid:gid other than 0, which runAsNonRoot can verify."""
    user = _one(_final_stage(parsed), "USER")["value"]
    uid, _, gid = user.partition(":")
    assert uid.isdigit() and int(uid) > 0 and gid.isdigit() and int(gid) > 0


def test_version_build_arg_reaches_the_environment(parsed):
    """APP_VERSION is a build argument of the final stage and is carried into its environment."""
    stage = _final_stage(parsed)
    assert any(i["instruction"] == "ARG" and i["value"].split("=")[0] == "APP_VERSION" for i in stage)
    env = " ".join(i["value"] for i in stage if i["instruction"] == "ENV")
    assert re.search(r"\bAPP_VERSION=\$\{APP_VERSION\}", env)


def test_exposes_the_port_gunicorn_listens_on(parsed):
    """EXPOSE and ENV PORT equal the app's default port (bluegreen_app.serving.DEFAULT_PORT)."""
    stage = _final_stage(parsed)
    assert _one(stage, "EXPOSE")["value"].split("/")[0] == str(serving.DEFAULT_PORT)
    env = " ".join(i["value"] for i in stage if i["instruction"] == "ENV")
    assert f"PORT={serving.DEFAULT_PORT}" in env.split()


def test_serves_with_gunicorn_in_exec_form(parsed):
    """CMD is exec form (gunicorn is PID 1 and gets SIGTERM) with the app's config and a WSGI target that exists."""
    command = json.loads(_one(_final_stage(parsed), "CMD")["value"])
    assert command[0] == "gunicorn" and command[1:3] == ["--config", "gunicorn.conf.py"]
    module, _, attribute = command[3].partition(":")
    assert hasattr(importlib.import_module(module), attribute)


def test_healthcheck_uses_python_not_curl(parsed):
    """HEALTHCHECK runs the app's stdlib-only check module (the slim image has no curl or wget)."""
    healthcheck = _one(_final_stage(parsed), "HEALTHCHECK")["value"]
    assert "curl" not in healthcheck and "wget" not in healthcheck
    command = json.loads(healthcheck.split("CMD", 1)[1])
    assert command == ["python", "-m", "bluegreen_app.healthcheck"]
    assert callable(importlib.import_module("bluegreen_app.healthcheck").main)
    assert re.search(r"--timeout=\d+s", healthcheck) and re.search(r"--interval=\d+s", healthcheck)


def test_no_debug_server_or_dev_settings(parsed):
    """The image runs no Flask debug server and sets no FLASK_DEBUG."""
    text = DOCKERFILE.read_text()
    assert "flask run" not in text and "FLASK_DEBUG" not in text and "--reload" not in text


def _context_tree(root: Path) -> None:
    """A stand-in for the repository's build context: the files that matter, and large ones that must stay out."""
    for name in [
        "app/requirements.txt", "app/requirements-dev.txt", "app/gunicorn.conf.py", "app/bluegreen_app/__init__.py",
        "app/bluegreen_app/templates/index.html", "app/bluegreen_app/__pycache__/x.pyc", "app/tests/test_routes.py",
        ".build/debug/bluegreen-deploy", ".git/HEAD", "Sources/BlueGreen/Engine.swift", "Jenkinsfile", "Dockerfile",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_dockerignore_sends_only_what_the_dockerfile_copies(parsed, tmp_path):
    """With .dockerignore (as docker-py applies it), the context holds the COPY sources and not .build, .git, tests or Swift sources."""
    _context_tree(tmp_path)
    patterns = [line.strip() for line in (REPOSITORY / ".dockerignore").read_text().splitlines() if line.strip() and not line.startswith("#")]
    included = set(exclude_paths(str(tmp_path), patterns))
    copied = [i["value"].split()[0] for i in parsed.structure if i["instruction"] == "COPY" and not i["value"].startswith("--from")]
    assert copied
    for source in copied:
        assert (REPOSITORY / source).exists(), f"COPY source {source} does not exist"
        assert any(path == source or path.startswith(source.rstrip("/") + "/") for path in included), f"{source} is excluded by .dockerignore"
    assert "app/bluegreen_app/templates/index.html" in included
    for excluded in [".build/debug/bluegreen-deploy", ".git/HEAD", "Sources/BlueGreen/Engine.swift", "app/tests/test_routes.py", "app/bluegreen_app/__pycache__/x.pyc"]:
        assert excluded not in included
