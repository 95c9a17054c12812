"""An executable's arguments, from swift-argument-parser's `--experimental-dump-help` (ToolInfoV0).

The document's shape is `{"serializationVersion": 0, "command": CommandInfoV0}`; a command has
`commandName`, `arguments` and `subcommands` (the parser always adds a `help` subcommand); an argument
has `kind` (positional, option, flag), `names` ({kind: long|short|longWithSingleDash, name}),
`isOptional`, `isRepeating` and, for enumerable values, `allValues`.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .findings import Finding
from .shell import Call, Word

SUPPORTED_SERIALIZATION_VERSION = 0


class ToolInfoError(ValueError):
    """The tool-info document could not be obtained or read; the message says how to fix it."""


@dataclass(frozen=True)
class Argument:
    """One argument of a command, as the checker needs it."""

    kind: str
    names: tuple[str, ...]
    is_optional: bool
    is_repeating: bool
    values: Optional[tuple[str, ...]]

    @property
    def spelled(self) -> str:
        """How to write it in a message: the preferred (first long) name."""
        longs = [n for n in self.names if n.startswith("--")]
        return (longs or list(self.names) or ["<positional>"])[0]


@dataclass
class Command:
    """A command: its arguments by name, its positionals, and its subcommands."""

    name: str
    by_name: dict[str, Argument] = field(default_factory=dict)
    positionals: list[Argument] = field(default_factory=list)
    subcommands: dict[str, "Command"] = field(default_factory=dict)
    required: list[Argument] = field(default_factory=list)

    @classmethod
    def from_json(cls, document: dict) -> "Command":
        command = cls(document["commandName"])
        for raw in document.get("arguments") or []:
            prefixes = {"long": "--", "short": "-", "longWithSingleDash": "-"}
            names = tuple(prefixes[n["kind"]] + n["name"] for n in raw.get("names") or [])
            argument = Argument(raw["kind"], names, raw.get("isOptional", False), raw.get("isRepeating", False), tuple(raw["allValues"]) if raw.get("allValues") else None)
            if argument.kind == "positional":
                command.positionals.append(argument)
            else:
                for name in names:
                    command.by_name[name] = argument
                if not argument.is_optional:
                    command.required.append(argument)
        for sub in document.get("subcommands") or []:
            child = cls.from_json(sub)
            for alias in [child.name] + list(sub.get("aliases") or []):
                command.subcommands[alias] = child
        return command


def parse_tool_info(text: str, origin: str) -> Command:
    """Reads a dump-help document. Raises ToolInfoError naming `origin` when it is not one."""
    try:
        document = json.loads(text)
        version = document.get("serializationVersion")
        if version != SUPPORTED_SERIALIZATION_VERSION:
            raise ToolInfoError(f"{origin}: tool-info serializationVersion {version!r} is not {SUPPORTED_SERIALIZATION_VERSION}; update tests/pipelines/pipelinecheck/toolinfo.py")
        return Command.from_json(document["command"])
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise ToolInfoError(f"{origin}: not a swift-argument-parser tool-info document ({error})") from None


class ToolInfoSource:
    """Where tool info comes from: built executables (`DIR/NAME --experimental-dump-help`) or saved `DIR/NAME.json` files."""

    def __init__(self, directory: Path, saved: bool = False):
        self.directory = directory
        self.saved = saved
        self._cache: dict[str, Optional[Command]] = {}

    def describe(self) -> str:
        return f"{self.directory} (saved tool-info)" if self.saved else str(self.directory)

    def command(self, name: str) -> Optional[Command]:
        """The named executable's root command, or None when it does not exist. Raises ToolInfoError."""
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def _load(self, name: str) -> Optional[Command]:
        if self.saved:
            path = self.directory / f"{name}.json"
            return parse_tool_info(path.read_text(), str(path)) if path.is_file() else None
        path = self.directory / name
        if not path.is_file():
            return None
        try:
            result = subprocess.run([str(path), "--experimental-dump-help"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ToolInfoError(f"{path} --experimental-dump-help did not run: {error}") from None
        if result.returncode != 0:
            raise ToolInfoError(f"{path} --experimental-dump-help exited {result.returncode}: {result.stderr.strip()[:300]}")
        return parse_tool_info(result.stdout, f"{path} --experimental-dump-help")


def check_call(call: Call, command: Command, path: str) -> list[Finding]:
    """Problems with the arguments of one call: unknown flags, missing values, bad values, strays, missing required."""
    findings: list[Finding] = []
    words = list(call.arguments)
    seen: set[Argument] = set()
    unknowable = False
    positionals = 0

    def report(word: Word, message: str) -> None:
        findings.append(Finding(path, word.line, f"{call.name}: {message}"))

    while words:
        word = words.pop(0)
        text = word.prefix
        if word.complete and text == "--":
            positionals += len(words)
            break
        if text.startswith("--") and len(text) > 2:
            name, has_value, inline = text.partition("=")
            if not has_value and not word.complete:
                unknowable = True
                report(word, f"cannot check `{word.source}`: part of the option name is only known at run time; spell the option out")
                continue
            argument = command.by_name.get(name)
            if argument is None:
                report(word, f"unknown option {name} (not in `{call.name} --help`)")
                if not has_value and words and not words[0].prefix.startswith("-"):
                    words.pop(0)  # most likely its value; one report is enough
                continue
            seen.add(argument)
            if argument.kind == "flag":
                if has_value:
                    report(word, f"{name} is a flag and takes no value")
                continue
            if has_value:
                _check_value(argument, name, Word(inline, word.complete, word.source, word.line), report)
            elif not words:
                report(word, f"{name} needs a value")
            else:
                _check_value(argument, name, words.pop(0), report)
        elif text.startswith("-") and len(text) > 1 and not text[1:2].isdigit():
            if not word.complete:
                unknowable = True
                report(word, f"cannot check `{word.source}`: part of the option is only known at run time; spell it out")
                continue
            name, has_value, inline = text.partition("=")
            argument = command.by_name.get(name)
            if argument is not None:
                seen.add(argument)
                if argument.kind == "option":
                    if has_value:
                        _check_value(argument, name, Word(inline, True, word.source, word.line), report)
                    elif not words:
                        report(word, f"{name} needs a value")
                    else:
                        _check_value(argument, name, words.pop(0), report)
                continue
            # A group of short flags (-vq), the last of which may take the next word as its value.
            letters = [f"-{letter}" for letter in text[1:]]
            unknown = [letter for letter in letters if letter not in command.by_name]
            if unknown:
                report(word, f"unknown option {', '.join(unknown)} in `{text}` (not in `{call.name} --help`)")
                continue
            for index, letter in enumerate(letters):
                argument = command.by_name[letter]
                seen.add(argument)
                if argument.kind == "option":
                    if index != len(letters) - 1:
                        report(word, f"{letter} takes a value, so it must come last in `{text}`")
                        if words and not words[0].prefix.startswith("-"):
                            words.pop(0)
                        break
                    elif not words:
                        report(word, f"{letter} needs a value")
                    else:
                        _check_value(argument, letter, words.pop(0), report)
        else:
            if positionals == 0 and word.complete and text in command.subcommands:
                nested = Call(call.written + " " + text, call.name, tuple(words), word.line)
                return findings + check_call(nested, command.subcommands[text], path)
            if not word.complete and not text:
                unknowable = True
                report(word, f"cannot check `{word.source}`: a word only known at run time stands where an option is expected; spell the options out")
                continue
            positionals += 1
            allowed = sum(1 for p in command.positionals if not p.is_repeating)
            if not command.positionals or (positionals > allowed and not any(p.is_repeating for p in command.positionals)):
                report(word, f"unexpected argument `{word.source}` ({call.name} takes no further positional arguments)")

    if not unknowable and not any(name in {"-h", "--help"} for a in seen for name in a.names):
        for argument in command.required:
            if argument not in seen:
                findings.append(Finding(path, call.line, f"{call.name}: missing required option {argument.spelled}"))
    return findings


def _check_value(argument: Argument, name: str, value: Word, report) -> None:
    if argument.values and value.complete and value.prefix not in argument.values:
        report(value, f"{name} {value.prefix!r} is not one of: {', '.join(argument.values)}")
