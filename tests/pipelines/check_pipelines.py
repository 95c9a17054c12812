#!/usr/bin/env python3
"""Checks that the pipeline files call our executables with flags those executables really have.

    tests/pipelines/check_pipelines.py                         # built tools in .build/debug, default files
    tests/pipelines/check_pipelines.py --bin-dir .build/release Jenkinsfile
    tests/pipelines/check_pipelines.py --tool-info-dir DIR     # saved NAME.json dump-help documents

It reads every `sh` step of the Jenkinsfiles (Groovy strings decoded, `${...}` interpolation kept as
unknown values) and every `run:` step of the GitHub workflows, finds each call of bluegreen-deploy,
bluegreen-route, bluegreen-purge, eks-token or kube-sandbox (and of any other `bluegreen-*` name), and
checks it against the executable's `--experimental-dump-help`: the executable exists, every option
exists, takes a value or not as used, enumerated values are valid, and required options are present.
It also reports shell syntax errors, bash-only syntax in /bin/sh steps, and Groovy `$` mistakes.

Prints `path:line: message` for each problem; exits 0 when there is none, 1 when there are, 2 when it
could not run (bad arguments, a tool that cannot describe itself).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipelinecheck import groovy, markdown, shell, workflows  # noqa: E402
from pipelinecheck.findings import Finding  # noqa: E402
from pipelinecheck.toolinfo import ToolInfoError, ToolInfoSource, check_call  # noqa: E402

#: The executables this project builds (Sources/Tools).
EXECUTABLES = ("bluegreen-deploy", "bluegreen-route", "bluegreen-purge", "eks-token", "kube-sandbox")
REPOSITORY = Path(__file__).resolve().parents[2]


def is_ours(name: str) -> bool:
    """True for our executables, and for any other `bluegreen-*` name (most likely a typo of one)."""
    return name in EXECUTABLES or name.startswith("bluegreen-")


def default_files(root: Path = REPOSITORY) -> list[Path]:
    """The pipeline files of the repository (Jenkinsfile, etc/Jenkinsfile.*, etc/jenkins/*.groovy,
    .github/workflows/*.yml) and the documents whose shell examples call the tools (README.md, docs/*.md)."""
    files = [root / "Jenkinsfile"] if (root / "Jenkinsfile").is_file() else []
    files += sorted((root / "etc").glob("Jenkinsfile*")) + sorted((root / "etc" / "jenkins").glob("*.groovy"))
    workflows_dir = root / ".github" / "workflows"
    files += sorted(list(workflows_dir.glob("*.yml")) + list(workflows_dir.glob("*.yaml")))
    files += [root / "README.md"] if (root / "README.md").is_file() else []
    files += sorted((root / "docs").glob("*.md"))
    return files


def reader_for(path: Path):
    """The function that cuts the shell scripts out of a file of this kind."""
    if path.suffix in {".yml", ".yaml"}:
        return workflows.scripts
    if path.suffix == ".md":
        return markdown.scripts
    return groovy.scripts


def check_file(path: Path, tools: ToolInfoSource, display: Optional[str] = None) -> list[Finding]:
    """Every problem in one pipeline file. Raises ToolInfoError when a tool cannot describe itself."""
    shown = display or str(path)
    source = path.read_text(encoding="utf-8")
    found, findings = reader_for(path)(shown, source)
    for script in found:
        calls, problems = shell.calls(script, is_ours)
        findings += problems
        for call in calls:
            command = tools.command(call.name)
            if command is None:
                known = ", ".join(EXECUTABLES)
                findings.append(Finding(shown, call.line, f"{call.name}: no such executable in {tools.describe()} (ours are {known}); build them (swift build) or fix the name"))
                continue
            findings += check_call(call, command, shown)
    return sorted(set(findings))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--bin-dir",
        type=Path,
        default=Path(os.environ.get("BLUEGREEN_BIN_DIR", REPOSITORY / ".build" / "debug")),
        help="directory of the built executables (default: $BLUEGREEN_BIN_DIR, else .build/debug)",
    )
    source.add_argument("--tool-info-dir", type=Path, help="directory of saved NAME.json dump-help documents, instead of executables")
    parser.add_argument("files", nargs="*", type=Path, help="pipeline files (default: Jenkinsfile, etc/Jenkinsfile.*, etc/jenkins/*.groovy, .github/workflows/*.yml)")
    args = parser.parse_args(argv)

    tools = ToolInfoSource(args.tool_info_dir, saved=True) if args.tool_info_dir else ToolInfoSource(args.bin_dir)
    if not tools.directory.is_dir():
        hint = "build the tools first (swift build)" if not args.tool_info_dir else "pass an existing directory"
        print(f"error: {tools.directory} is not a directory: {hint}, or pass --bin-dir", file=sys.stderr)
        return 2
    files = args.files or default_files()
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    findings: list[Finding] = []
    try:
        for path in files:
            try:
                display = str(path.resolve().relative_to(Path.cwd()))
            except ValueError:
                display = str(path)
            findings += check_file(path, tools, display)
    except ToolInfoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    checked = f"{len(files)} pipeline file{'s' if len(files) != 1 else ''}"
    print(f"{checked} checked against {tools.describe()}: {len(findings)} problem{'s' if len(findings) != 1 else ''}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
