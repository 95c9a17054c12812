"""The checker end to end: tool-info documents in, `path:line: message` findings and an exit code out."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import check_pipelines
from conftest import FIXTURES, HERE
from pipelinecheck.toolinfo import ToolInfoError, ToolInfoSource, parse_tool_info

PURGE_INFO = FIXTURES / "toolinfo" / "bluegreen-purge.json"


@pytest.fixture
def saved(tmp_path: Path) -> ToolInfoSource:
    """Saved tool info holding only bluegreen-purge, in swift-argument-parser's exact format."""
    directory = tmp_path / "info"
    directory.mkdir()
    shutil.copy(PURGE_INFO, directory)
    return ToolInfoSource(directory, saved=True)


def _check(tmp_path: Path, name: str, text: str, tools: ToolInfoSource) -> list[str]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return [str(f) for f in check_pipelines.check_file(path, tools, name)]


def test_reads_the_argument_parser_format():
    """A dump-help document yields long and short names, value-taking kinds, allowed values and required options."""
    command = parse_tool_info(PURGE_INFO.read_text(), "fixture")
    assert command.by_name["-o"] is command.by_name["--output"]
    assert command.by_name["--output"].values == ("text", "json")
    assert command.by_name["--dry-run"].kind == "flag" and command.by_name["--keep"].kind == "option"
    assert [a.spelled for a in command.required] == ["--app"]
    assert "help" in command.subcommands


def test_unknown_serialization_version_is_refused():
    """A newer tool-info format is refused with a message, not misread."""
    document = json.loads(PURGE_INFO.read_text())
    document["serializationVersion"] = 1
    with pytest.raises(ToolInfoError, match="serializationVersion"):
        parse_tool_info(json.dumps(document), "x")


def test_unknown_flag_is_reported_with_file_and_line(tmp_path, saved):
    """A flag the executable does not have is reported at its own line of the Jenkinsfile."""
    findings = _check(
        tmp_path,
        "Jenkinsfile",
        """\
        pipeline {
          stages {
            stage('Purge') {
              steps {
                sh '''
                  bluegreen-purge --app web \\\\
                    --kep 1 --dry-run
                '''
              }
            }
          }
        }
        """,
        saved,
    )
    assert findings == ["Jenkinsfile:7: bluegreen-purge: unknown option --kep (not in `bluegreen-purge --help`)"]


def test_correct_call_has_no_findings(tmp_path, saved):
    """Long and short names, --opt=value, grouped short flags and interpolated values all pass."""
    findings = _check(
        tmp_path,
        "Jenkinsfile",
        """\
        sh "bluegreen-purge --app ${params.APP} -n=shop -vo json --keep=\\"$KEEP\\" --dry-run > out.json"
        """,
        saved,
    )
    assert findings == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("bluegreen-purge --app a -o yaml", "-o 'yaml' is not one of: text, json"),
        ("bluegreen-purge --app a --dry-run=yes", "--dry-run is a flag and takes no value"),
        ("bluegreen-purge --app a --keep", "--keep needs a value"),
        ("bluegreen-purge --keep 1", "missing required option --app"),
        ("bluegreen-purge --app a -ov json", "-o takes a value, so it must come last in `-ov`"),
        ("bluegreen-purge --app a -x", "unknown option -x in `-x`"),
        ("bluegreen-purge --app a stray", "unexpected argument `stray`"),
        ("bluegreen-purge --app a $FLAGS", "cannot check `$FLAGS`"),
        ('bluegreen-purge --app a "--$WHAT"', "cannot check `\"--$WHAT\"`"),
        ("bluegreen-purg --app a", "bluegreen-purg: no such executable"),
    ],
)
def test_misuse_is_reported(tmp_path, saved, call, message):
    """Bad values, flags given values, missing values and required options, strays, unknowable words and typos are reported."""
    findings = _check(tmp_path, "Jenkinsfile", f"sh '{call}'\n", saved)
    assert len(findings) == 1, findings
    assert findings[0].startswith("Jenkinsfile:1: ") and message in findings[0]


def test_help_needs_no_required_options(tmp_path, saved):
    """`tool --help` is a complete call even though --app is required otherwise."""
    assert _check(tmp_path, "Jenkinsfile", "sh 'bluegreen-purge --help'\n", saved) == []


def test_workflow_run_blocks_are_checked_with_lines(tmp_path, saved):
    """In a workflow, a bad flag in a `run: |` block is reported at its line; ${{ }} values are opaque."""
    findings = _check(
        tmp_path,
        ".github/workflows/purge.yml",
        """\
        on: workflow_dispatch
        jobs:
          purge:
            runs-on: ubuntu-24.04
            steps:
              - run: bluegreen-purge --app web --dry-run
              - run: |
                  echo start
                  bluegreen-purge --app "${{ vars.APP }}" \\
                    --keeep 2
              - shell: pwsh
                run: bluegreen-purge --nonsense
        """,
        saved,
    )
    assert findings == [".github/workflows/purge.yml:10: bluegreen-purge: unknown option --keeep (not in `bluegreen-purge --help`)"]


def _fake_tool(directory: Path, name: str, document: str, status: int = 0) -> None:
    """An executable that prints `document` for --experimental-dump-help, as a built tool does."""
    (directory / f"{name}.json").write_text(document)
    script = directory / name
    script.write_text(f'#!/bin/sh\n[ "$1" = --experimental-dump-help ] || exit 64\ncat "$0.json"\nexit {status}\n')
    script.chmod(0o755)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HERE / "check_pipelines.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    """A bin directory holding a bluegreen-purge that describes itself with the fixture document."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_tool(bin_dir, "bluegreen-purge", PURGE_INFO.read_text())
    return bin_dir


def test_command_line_asks_the_built_executables(tmp_path, fake_bin):
    """With --bin-dir, tool info comes from `TOOL --experimental-dump-help`; findings go to stdout and the exit code is 1."""
    (tmp_path / "Jenkinsfile").write_text("sh 'bluegreen-purge --app web --keep 1'\nsh 'bluegreen-purge --app web --purge-all'\n")
    result = _run("--bin-dir", str(fake_bin), "Jenkinsfile", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == ["Jenkinsfile:2: bluegreen-purge: unknown option --purge-all (not in `bluegreen-purge --help`)"]
    assert "1 problem" in result.stderr


def test_command_line_exits_0_when_clean(tmp_path, fake_bin):
    """A file whose calls are all valid exits 0 with nothing on stdout."""
    (tmp_path / "Jenkinsfile").write_text("sh 'bluegreen-purge --app web --keep 1 --dry-run'\n")
    result = _run("--bin-dir", str(fake_bin), "Jenkinsfile", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_bin_dir_defaults_to_the_environment(tmp_path, fake_bin):
    """BLUEGREEN_BIN_DIR chooses the executables when --bin-dir is not given."""
    (tmp_path / "Jenkinsfile").write_text("sh 'bluegreen-purge --app web --bogus'\n")
    result = subprocess.run(
        [sys.executable, str(HERE / "check_pipelines.py"), "Jenkinsfile"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env={**os.environ, "BLUEGREEN_BIN_DIR": str(fake_bin)},
    )
    assert result.returncode == 1 and "--bogus" in result.stdout


def test_missing_bin_dir_is_a_usage_error(tmp_path):
    """A --bin-dir that does not exist exits 2 and says to build the tools."""
    (tmp_path / "Jenkinsfile").write_text("sh 'true'\n")
    result = _run("--bin-dir", str(tmp_path / "nope"), "Jenkinsfile", cwd=tmp_path)
    assert result.returncode == 2
    assert "swift build" in result.stderr and "Traceback" not in result.stderr


def test_tool_that_cannot_describe_itself_is_an_error(tmp_path):
    """An executable whose --experimental-dump-help fails stops the check with exit 2 and its stderr, not a traceback."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_tool(bin_dir, "bluegreen-purge", "not json", status=0)
    (tmp_path / "Jenkinsfile").write_text("sh 'bluegreen-purge --app web'\n")
    result = _run("--bin-dir", str(bin_dir), "Jenkinsfile", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a swift-argument-parser tool-info document" in result.stderr and "Traceback" not in result.stderr
