"""Shared helpers: repository paths, and dump-help documents made from the documented CLI contract."""

from __future__ import annotations

import json
import shutil
import sysconfig
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
FIXTURES = HERE / "fixtures"

def executable(name: str) -> str:
    """The path of a linter installed from tests/pipelines/requirements.txt; fails the test with the fix when it is missing."""
    beside_python = Path(sysconfig.get_path("scripts")) / name
    found = str(beside_python) if beside_python.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `python3 -m pip install -r tests/pipelines/requirements.txt` (scripts/test does)", pytrace=False)
    return found


def _name_info(name: str) -> dict:
    if name.startswith("--"):
        return {"kind": "long", "name": name[2:]}
    return {"kind": "short" if len(name) == 2 else "longWithSingleDash", "name": name[1:]}


def _argument(spec: dict) -> dict:
    names = [_name_info(n) for n in spec["names"]]
    document = {
        "isOptional": not spec.get("required", False),
        "isRepeating": spec.get("repeating", False),
        "kind": spec["kind"],
        "names": names,
        "parsingStrategy": "default",
        "preferredName": names[0],
        "shouldDisplay": True,
        "valueName": names[0]["name"],
    }
    if "values" in spec:
        document["allValues"] = spec["values"]
    return document


def tool_info(name: str, arguments: list[dict]) -> dict:
    """A ToolInfoV0 document shaped as swift-argument-parser writes it: -h/--help added, and a `help` subcommand."""
    help_flag = _argument({"kind": "flag", "names": ["-h", "--help"]})
    return {
        "serializationVersion": 0,
        "command": {
            "commandName": name,
            "shouldDisplay": True,
            "arguments": [_argument(a) for a in arguments] + [help_flag],
            "subcommands": [
                {
                    "commandName": "help",
                    "shouldDisplay": True,
                    "superCommands": [name],
                    "arguments": [
                        {"isOptional": True, "isRepeating": True, "kind": "positional", "parsingStrategy": "default", "shouldDisplay": True, "valueName": "subcommands"}
                    ],
                }
            ],
        },
    }


def contract() -> dict[str, list[dict]]:
    """The documented options of each executable (fixtures/contract.yaml, transcribed from docs/CLI.md)."""
    document = yaml.safe_load((FIXTURES / "contract.yaml").read_text())
    tools = {}
    for name, entries in document["tools"].items():
        flat: list[dict] = []
        for entry in entries:
            flat.extend(entry if isinstance(entry, list) else [entry])
        tools[name] = flat
    return tools


@pytest.fixture
def contract_dir(tmp_path: Path) -> Path:
    """A directory of NAME.json dump-help documents for the documented contract."""
    for name, arguments in contract().items():
        (tmp_path / f"{name}.json").write_text(json.dumps(tool_info(name, arguments)))
    return tmp_path
