"""The repository's pipeline files, checked against the documented command-line contract (docs/CLI.md)."""

import check_pipelines
from conftest import REPOSITORY
from pipelinecheck.toolinfo import ToolInfoSource


def test_default_files_cover_every_pipeline():
    """The checker's default file set includes the main, route and purge Jenkinsfiles and the workflows."""
    names = {path.relative_to(REPOSITORY).as_posix() for path in check_pipelines.default_files()}
    assert {"Jenkinsfile", "etc/Jenkinsfile.route", "etc/Jenkinsfile.purge"} <= names
    assert any(name.startswith(".github/workflows/") for name in names)


def test_pipelines_use_only_documented_flags(contract_dir):
    """Every call of our executables in every pipeline file uses only documented flags and values."""
    tools = ToolInfoSource(contract_dir, saved=True)
    findings = [f for path in check_pipelines.default_files() for f in check_pipelines.check_file(path, tools, path.relative_to(REPOSITORY).as_posix())]
    assert not findings, "\n".join(map(str, findings))


def test_pipelines_call_every_pipeline_tool(contract_dir):
    """The pipelines call bluegreen-deploy, bluegreen-route and bluegreen-purge (a check that found no calls proves nothing)."""
    from pipelinecheck import shell

    called = set()
    for path in check_pipelines.default_files():
        for script in check_pipelines.reader_for(path)(str(path), path.read_text())[0]:
            called |= {call.name for call in shell.calls(script, check_pipelines.is_ours)[0]}
    assert {"bluegreen-deploy", "bluegreen-route", "bluegreen-purge"} <= called
