"""ShellCheck over every shell script the pipelines run (each sh step and run: block) and over etc/ci."""

import json
import subprocess

import pytest

import check_pipelines
from conftest import REPOSITORY, executable
from pipelinecheck import groovy, workflows
from pipelinecheck.script import PLACEHOLDER_PATTERN


def _scripts():
    for path in check_pipelines.default_files():
        reader = workflows.scripts if path.suffix in {".yml", ".yaml"} else groovy.scripts
        for script in reader(path.relative_to(REPOSITORY).as_posix(), path.read_text())[0]:
            yield script


def test_pipeline_scripts_pass_shellcheck():
    """No ShellCheck warning in any pipeline script, in the shell that runs it (/bin/sh for Jenkins, bash for GitHub)."""
    problems = []
    scripts = list(_scripts())
    assert len(scripts) > 10
    for script in scripts:
        # Pipeline expressions become a plain word: their values are not the shell's business.
        text = PLACEHOLDER_PATTERN.sub("pipeline_value", script.text)
        result = subprocess.run([executable("shellcheck"), "--shell", script.shell, "--format", "json", "-"], input=text, capture_output=True, text=True, timeout=60)
        assert result.returncode in (0, 1), result.stderr
        lines = text.split("\n")
        for comment in json.loads(result.stdout or "[]"):
            offset = len("\n".join(lines[: comment["line"] - 1]).encode()) + (1 if comment["line"] > 1 else 0)
            problems.append(f"{script.path}:{script.line_at(offset)}: SC{comment['code']} {comment['message']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", sorted((REPOSITORY / "etc" / "ci").iterdir()), ids=lambda p: p.name)
def test_ci_scripts_pass_shellcheck(path):
    """The helper scripts under etc/ci pass ShellCheck."""
    result = subprocess.run([executable("shellcheck"), str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
