"""Cuts the `run:` scripts out of a GitHub Actions workflow, with the file line of each script line."""

from __future__ import annotations

import re
from typing import Optional

import yaml

from .findings import Finding
from .script import Script

_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)
_SHELLS = {"bash": "bash", "sh": "sh"}


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    return {}


def _shell(*levels: dict[str, yaml.Node]) -> Optional[str]:
    """The shell of a step: its own `shell:`, else the job's then the workflow's `defaults.run.shell`, else bash."""
    for level in levels:
        node = level.get("shell")
        if isinstance(node, yaml.ScalarNode):
            first = node.value.split()[0] if node.value.split() else ""
            return _SHELLS.get(first.rsplit("/", 1)[-1])
    return "bash"


def _defaults(node: dict[str, yaml.Node]) -> dict[str, yaml.Node]:
    return _mapping(_mapping(node.get("defaults", yaml.MappingNode("", []))).get("run", yaml.MappingNode("", [])))


def scripts(path: str, source: str) -> tuple[list[Script], list[Finding]]:
    """The shell scripts of a workflow's `run:` steps (steps in another shell, e.g. pwsh, are left out)."""
    try:
        root = yaml.compose(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Finding(path, mark.line + 1 if mark else 1, f"cannot read as YAML: {getattr(error, 'problem', error)}")]
    top = _mapping(root) if root is not None else {}
    found: list[Script] = []
    for job in _mapping(top.get("jobs", yaml.MappingNode("", []))).values():
        job_map = _mapping(job)
        steps = job_map.get("steps")
        if not isinstance(steps, yaml.SequenceNode):
            continue
        for step in steps.value:
            step_map = _mapping(step)
            run = step_map.get("run")
            if not isinstance(run, yaml.ScalarNode):
                continue
            shell = _shell(step_map, _defaults(job_map), _defaults(top))
            if shell is None:
                continue
            found.append(_script(path, run, shell))
    return found, []


def _script(path: str, node: yaml.ScalarNode, shell: str) -> Script:
    # A literal block (`run: |`) keeps its lines: line i of the value is line i after the indicator.
    # Other styles are mapped to the line where the value starts.
    first_line = node.start_mark.line + (2 if node.style == "|" else 1)
    script = Script(path, shell=shell, line=node.start_mark.line + 1)
    line_offsets = [0]
    for index, char in enumerate(node.value):
        if char == "\n":
            line_offsets.append(index + 1)

    def line_of(offset: int) -> int:
        if node.style != "|":
            return first_line
        return first_line + sum(1 for start in line_offsets[1:] if start <= offset)

    position = 0
    for match in _EXPRESSION.finditer(node.value):
        _append(script, node.value[position : match.start()], position, line_of)
        script.append_expression(match.group(0), line_of(match.start()))
        position = match.end()
    _append(script, node.value[position:], position, line_of)
    return script


def _append(script: Script, text: str, offset: int, line_of) -> None:
    for index, char in enumerate(text):
        script.append(char, line_of(offset + index))
