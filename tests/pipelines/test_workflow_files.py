"""Static checks of the GitHub Actions workflows: schema, OIDC credentials, tool builds, variables, exit codes."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import check_pipelines
from conftest import REPOSITORY
from pipelinecheck import shell, workflows
from pipelinecheck.script import Script

WORKFLOWS = REPOSITORY / ".github" / "workflows"
PIPELINES = ["deploy.yml", "route.yml", "purge.yml"]
RUNNER_ENVIRONMENT = {"HOME", "PATH", "PWD", "CI", "RUNNER_TEMP", "RUNNER_OS"}


def _load(name: str) -> dict:
    document = yaml.safe_load((WORKFLOWS / name).read_text())
    if True in document:  # YAML 1.1 reads the key `on` as a boolean
        document["on"] = document.pop(True)
    return document


def _aws_jobs(document: dict) -> dict:
    return {name: job for name, job in document["jobs"].items() if any("configure-aws-credentials" in str(step.get("uses", "")) for step in job.get("steps", []))}


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path):
    """Each workflow validates against SchemaStore's GitHub workflow schema (check-jsonschema's vendored copy)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", PIPELINES)
def test_aws_access_is_oidc_only(name):
    """Jobs reaching AWS assume a role through OIDC (id-token: write, role-to-assume) and hold no access keys."""
    jobs = _aws_jobs(_load(name))
    assert jobs
    for job in jobs.values():
        assert job["permissions"]["id-token"] == "write"
        step = next(s for s in job["steps"] if "configure-aws-credentials" in s.get("uses", ""))
        assert step["with"]["role-to-assume"] and step["with"]["aws-region"]
        assert not {"aws-access-key-id", "aws-secret-access-key"} & set(step["with"])


@pytest.mark.parametrize("name", PIPELINES)
def test_tools_come_from_the_release_build(name):
    """Each pipeline builds its tools with the reusable tools workflow, asking for every tool its jobs call."""
    document = _load(name)
    products = set(document["jobs"]["tools"]["with"]["products"].split())
    assert document["jobs"]["tools"]["uses"] == "./.github/workflows/tools.yml"
    called = set()
    for script in workflows.scripts(name, (WORKFLOWS / name).read_text())[0]:
        called |= {call.name for call in shell.calls(script, check_pipelines.is_ours)[0]}
    assert called and called <= products, f"calls {called - products} without building them"


def test_tools_workflow_builds_release_binaries_that_run_outside_the_container():
    """The tools workflow builds with `swift build -c release --static-swift-stdlib`, caches .build and uploads the binaries."""
    document = _load("tools.yml")
    assert "workflow_call" in document["on"]
    steps = document["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "swift build -c release --static-swift-stdlib" in runs
    assert any(step.get("uses", "").startswith("actions/cache@") and step["with"]["path"] == ".build" for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["name"] == "bluegreen-tools" for step in steps)


def test_deploy_runs_on_push_and_versions_by_run_number():
    """The main workflow deploys on pushes to main and on demand, with the run number as the version, after the app's tests."""
    document = _load("deploy.yml")
    assert document["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in document["on"]
    deploy = document["jobs"]["deploy"]
    assert deploy["env"]["VERSION"] == "${{ github.run_number }}"
    assert "test" in deploy["needs"]
    assert any("pytest app" in step.get("run", "") for step in document["jobs"]["test"]["steps"])


def test_route_and_purge_inputs():
    """route takes a version and a rollback switch; purge takes keep and defaults to a dry run."""
    route = _load("route.yml")["on"]["workflow_dispatch"]["inputs"]
    purge = _load("purge.yml")["on"]["workflow_dispatch"]["inputs"]
    assert set(route) == {"version", "rollback"}
    assert purge["keep"]["type"] == "number" and purge["dry_run"]["default"] is True


@pytest.mark.parametrize("name", PIPELINES)
def test_pipeline_jobs_share_one_concurrency_group(name):
    """deploy, route and purge of one app queue behind each other instead of racing (and never cancel each other)."""
    for job in _aws_jobs(_load(name)).values():
        assert job["concurrency"] == {"group": "bluegreen-${{ vars.APP || 'web' }}", "cancel-in-progress": False}


@pytest.mark.parametrize("name", PIPELINES)
def test_every_tool_call_explains_its_exit_code(name):
    """Each run step that calls a tool keeps its exit code and hands it to explain-exit --github for the same tool."""
    for script in workflows.scripts(name, (WORKFLOWS / name).read_text())[0]:
        for call in shell.calls(script, check_pipelines.is_ours)[0]:
            assert "|| code=$?" in script.text
            assert f'etc/ci/explain-exit --github {call.name} "$code"' in script.text, f"{name}:{call.line}"


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_run_steps_read_only_defined_variables(name):
    """Every $VAR a run step reads is set by the workflow, job or step env, by GitHub, or by the step itself."""
    document = _load(name)
    undefined = []
    for job in document["jobs"].values():
        job_env = set(document.get("env", {})) | set(job.get("env", {}))
        for step in job.get("steps", []):
            if "run" not in step:
                continue
            script = Script(name, shell="bash")
            script.append(step["run"], 1)
            reads, assigned = shell.variables(script)
            defined = job_env | set(step.get("env", {})) | assigned | RUNNER_ENVIRONMENT
            undefined += [f"{name}: ${var}" for var, _ in reads if var not in defined and not re.match(r"(GITHUB|RUNNER)_", var)]
    assert not undefined, undefined
