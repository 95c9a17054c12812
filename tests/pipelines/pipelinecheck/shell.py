"""Finds calls of given executables in a shell script, with tree-sitter's bash grammar.

Calls are found anywhere a command can stand: in lists and pipelines, under `if`/`while`, inside
`$(...)` and backticks, after wrappers such as `exec`, `env X=1`, `time`, `timeout 5m`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from .findings import Finding
from .script import PLACEHOLDER_PATTERN, Script

_PARSER = Parser(Language(tree_sitter_bash.language()))

#: Commands that run the command after them; `env` and `timeout` take operands of their own first.
_WRAPPERS = {"exec", "command", "nohup", "time", "env", "timeout", "builtin"}

#: Node types a POSIX /bin/sh (dash, as Jenkins runs `sh` steps on Debian agents) does not understand.
_BASHISMS = {
    "array": "arrays",
    "herestring_redirect": "here-strings (<<<)",
    "process_substitution": "process substitution (<(...))",
    "ansi_c_string": "$'...' strings",
    "c_style_for_statement": "C-style for loops",
}


@dataclass(frozen=True)
class Word:
    """One shell word: its value up to the first part only known at run time, and whether that is all of it."""

    prefix: str
    complete: bool
    source: str
    line: int
    #: The value with every run-time part replaced by a NUL character.
    shape: str = ""

    @property
    def value(self) -> Optional[str]:
        """The whole value when it is known before the script runs, else None."""
        return self.prefix if self.complete else None


@dataclass(frozen=True)
class Call:
    """A call of an executable: its name as written, the basename, its argument words, and its line."""

    written: str
    name: str
    arguments: tuple[Word, ...]
    line: int


def _unescape(text: str, in_double_quotes: bool) -> str:
    if in_double_quotes:
        return re.sub(r'\\([$`"\\\n])', lambda m: "" if m.group(1) == "\n" else m.group(1), text)
    return re.sub(r"\\(.)", lambda m: "" if m.group(1) == "\n" else m.group(1), text, flags=re.S)


def _split_placeholders(text: str) -> list[Optional[str]]:
    parts: list[Optional[str]] = []
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        parts += [text[position : match.start()], None]
        position = match.end()
    return parts + [text[position:]]


def _parts(node: Node) -> list[Optional[str]]:
    """The parts of a word node: known text, or None for a part only known at run time."""
    if node.type == "command_name" and node.named_child_count == 1:
        node = node.named_children[0]
    text = node.text.decode()
    kind = node.type
    if kind in {"word", "number"}:
        return _split_placeholders(_unescape(text, False))
    if kind == "raw_string":
        return _split_placeholders(text[1:-1])
    if kind == "ansi_c_string":
        return _split_placeholders(text[2:-1])
    if kind in {"string", "translated_string"}:
        parts: list[Optional[str]] = []
        for child in node.children:
            if child.type in {'"', '$"'}:
                continue
            if child.type == "string_content":
                parts += _split_placeholders(_unescape(child.text.decode(), True))
            else:
                parts.append(None)
        return parts
    if kind == "concatenation":
        return [part for child in node.children for part in _parts(child)]
    return [None]


def _word(node: Node, script: Script) -> Word:
    parts = _parts(node)
    known = []
    for part in parts:
        if part is None:
            break
        known.append(part)
    return Word(
        "".join(known),
        None not in parts,
        script.describe(node.text.decode()),
        script.line_at(node.start_byte),
        "".join("\0" if part is None else part for part in parts),
    )


def _commands(node: Node) -> Iterator[Node]:
    if node.type == "command":
        yield node
    for child in node.children:
        yield from _commands(child)


def _unwrap(words: list[Word]) -> list[Word]:
    """Drops wrapper commands (`exec`, `env A=1`, `timeout 5m`, ...) from the front of a command's words."""
    while words and words[0].value in _WRAPPERS:
        wrapper = words.pop(0).value
        if wrapper == "env":
            while words and words[0].value is not None and ("=" in words[0].value or words[0].value.startswith("-")):
                words.pop(0)
        elif wrapper == "timeout":
            while words and (words[0].value or "").startswith("-"):
                words.pop(0)
            if words:
                words.pop(0)  # the duration
        elif wrapper in {"command", "builtin", "time"}:
            while words and (words[0].value or "").startswith("-"):
                words.pop(0)
    return words


def calls(script: Script, wanted: Callable[[str], bool]) -> tuple[list[Call], list[Finding]]:
    """The calls in `script` of executables whose basename `wanted` accepts, and problems in the script."""
    source = script.text.encode()
    tree = _PARSER.parse(source)
    findings: list[Finding] = []
    if tree.root_node.has_error:
        findings.extend(_syntax_errors(tree.root_node, script))
    if script.shell == "sh" and not script.text.lstrip().startswith("#!"):
        findings.extend(_bashisms(tree.root_node, script))
    found: list[Call] = []
    for command in _commands(tree.root_node):
        name_node = command.child_by_field_name("name")
        if name_node is None:
            continue
        words = [_word(name_node, script)] + [_word(child, script) for child in command.children_by_field_name("argument")]
        words = _unwrap(words)
        if not words:
            continue
        head = words[0]
        name = posixpath.basename(head.shape)
        if "\0" in name:
            continue
        if name and wanted(name):
            found.append(Call(head.source, name, tuple(words[1:]), head.line))
    return found, findings


def _syntax_errors(root: Node, script: Script) -> list[Finding]:
    findings = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            snippet = script.describe(node.text.decode()).strip().splitlines()
            detail = f" near `{snippet[0][:60]}`" if snippet else ""
            findings.append(Finding(script.path, script.line_at(node.start_byte), f"shell syntax error{detail}: check the quoting of this step"))
            continue
        stack.extend(node.children)
    return sorted(set(findings))


def _bashisms(root: Node, script: Script) -> list[Finding]:
    findings = []
    stack = [root]
    while stack:
        node = stack.pop()
        what = _BASHISMS.get(node.type)
        if node.type == "test_command" and node.children and node.children[0].type == "[[":
            what = "[[ ... ]] tests"
        if what:
            findings.append(
                Finding(script.path, script.line_at(node.start_byte), f"{what} are bash-only, but this step runs under /bin/sh: use POSIX sh, or start the script with #!/bin/bash")
            )
        stack.extend(node.children)
    return sorted(findings)


def variables(script: Script) -> tuple[list[tuple[str, int]], set[str]]:
    """The variables a script reads (name and line, in order) and the ones it assigns itself (incl. `for` and `read`)."""
    tree = _PARSER.parse(script.text.encode())
    reads: list[tuple[str, int]] = []
    assigned: set[str] = set()
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in {"simple_expansion", "expansion"}:
            name = next((c for c in node.named_children if c.type == "variable_name"), None)
            if name is not None:
                reads.append((name.text.decode(), script.line_at(name.start_byte)))
        elif node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            if name is not None:
                assigned.add(name.text.decode())
        elif node.type == "for_statement":
            name = node.child_by_field_name("variable")
            if name is not None:
                assigned.add(name.text.decode())
        elif node.type == "command":
            words = [_word(child, script).value for child in [node.child_by_field_name("name"), *node.children_by_field_name("argument")] if child is not None]
            if words and words[0] == "read":
                assigned.update(w for w in words[1:] if w and not w.startswith("-"))
        stack.extend(reversed(node.children))
    return sorted(reads, key=lambda read: read[1]), assigned
