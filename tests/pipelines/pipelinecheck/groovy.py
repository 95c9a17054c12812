"""Finds the `sh` steps of a Jenkinsfile and decodes their scripts as Groovy would.

A small lexer, enough for pipeline files: comments, identifiers, punctuation and the four string
forms ('...', '''...''', "...", \"\"\"...\"\"\") with their escapes and GString interpolation
(`${expr}`, `$name.path`). Slashy strings are not supported (pipelines rarely use them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

from .findings import Finding
from .script import Script

_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "s": " ", "\\": "\\", "'": "'", '"': '"', "$": "$"}


class GroovySyntaxError(ValueError):
    """The file cannot be read as Groovy (an unterminated string or comment, a bad escape)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass
class Interpolation:
    """A GString `${...}` or `$name` part: the expression text and its line."""

    expression: str
    line: int


@dataclass
class StringLiteral:
    """A decoded Groovy string: literal text and interpolations, each with the line where it starts."""

    parts: list[tuple[Union[str, Interpolation], int]] = field(default_factory=list)
    line: int = 0
    #: Problems that Groovy itself would refuse (e.g. a `$` that starts no expression).
    problems: list[tuple[int, str]] = field(default_factory=list)

    def add_text(self, text: str, line: int) -> None:
        if self.parts and isinstance(self.parts[-1][0], str):
            previous, start = self.parts[-1]
            self.parts[-1] = (previous + text, start)
        else:
            self.parts.append((text, line))

    @property
    def is_plain(self) -> bool:
        """True when the string has no interpolation."""
        return all(isinstance(part, str) for part, _ in self.parts)

    def text(self) -> str:
        """The literal value, interpolations shown as `${...}`."""
        return "".join(part if isinstance(part, str) else "${" + part.expression + "}" for part, _ in self.parts)


@dataclass
class Token:
    """A lexer token: kind is 'ident', 'string', 'punct' or 'newline'."""

    kind: str
    value: Union[str, StringLiteral]
    line: int


class _Lexer:
    def __init__(self, source: str):
        self.source = source
        self.position = 0
        self.line = 1

    def peek(self, offset: int = 0) -> str:
        index = self.position + offset
        return self.source[index] if index < len(self.source) else ""

    def startswith(self, text: str) -> bool:
        return self.source.startswith(text, self.position)

    def advance(self, count: int = 1) -> str:
        text = self.source[self.position : self.position + count]
        self.line += text.count("\n")
        self.position += count
        return text

    def tokens(self) -> Iterator[Token]:
        while self.position < len(self.source):
            char = self.peek()
            if char == "\n":
                yield Token("newline", "\n", self.line)
                self.advance()
            elif char in " \t\r\f":
                self.advance()
            elif char == "\\" and self.peek(1) == "\n":
                self.advance(2)
            elif self.startswith("//") or (self.position == 0 and self.startswith("#!")):
                while self.position < len(self.source) and self.peek() != "\n":
                    self.advance()
            elif self.startswith("/*"):
                start = self.line
                end = self.source.find("*/", self.position + 2)
                if end < 0:
                    raise GroovySyntaxError(start, "unterminated /* comment")
                self.advance(end + 2 - self.position)
            elif char in "'\"":
                yield Token("string", self.string(), self.line)
            elif char.isalpha() or char == "_" or char == "$":
                start = self.position
                while self.peek() and (self.peek().isalnum() or self.peek() in "_$"):
                    self.advance()
                yield Token("ident", self.source[start : self.position], self.line)
            else:
                yield Token("punct", self.advance(), self.line)

    def string(self) -> StringLiteral:
        start_line = self.line
        quote = self.advance()
        triple = self.startswith(quote * 2)
        if triple:
            self.advance(2)
        delimiter = quote * 3 if triple else quote
        interpolating = quote == '"'
        literal = StringLiteral(line=start_line)
        while True:
            if self.position >= len(self.source):
                raise GroovySyntaxError(start_line, f"unterminated string starting with {delimiter}")
            if self.startswith(delimiter):
                self.advance(len(delimiter))
                return literal
            char = self.peek()
            line = self.line
            if char == "\n" and not triple:
                raise GroovySyntaxError(start_line, f"unterminated string starting with {delimiter} (use {delimiter * 3} for several lines)")
            if char == "\\":
                self.escape(literal)
            elif char == "$" and interpolating:
                self.interpolation(literal)
            else:
                literal.add_text(self.advance(), line)

    def escape(self, literal: StringLiteral) -> None:
        line = self.line
        self.advance()
        char = self.peek()
        if char == "\n":  # a line continuation: the backslash and the newline vanish
            self.advance()
        elif char in _ESCAPES:
            self.advance()
            literal.add_text(_ESCAPES[char], line)
        elif char == "u" and all(c in "0123456789abcdefABCDEF" for c in self.source[self.position + 1 : self.position + 5]) and len(self.source) >= self.position + 5:
            literal.add_text(chr(int(self.advance(5)[1:], 16)), line)
        else:
            raise GroovySyntaxError(line, f"unexpected escape \\{char} in a Groovy string (write \\\\ for a backslash)")

    def interpolation(self, literal: StringLiteral) -> None:
        line = self.line
        self.advance()  # $
        if self.peek() == "{":
            self.advance()
            start = self.position
            depth = 1
            while depth:
                char = self.peek()
                if not char:
                    raise GroovySyntaxError(line, "unterminated ${ in a GString")
                if char in "'\"":
                    self.string()
                    continue
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                self.advance()
            literal.parts.append((Interpolation(self.source[start : self.position - 1].strip(), line), line))
        elif self.peek().isalpha() or self.peek() == "_":
            start = self.position
            while True:
                while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
                    self.advance()
                if self.peek() == "." and (self.peek(1).isalpha() or self.peek(1) == "_"):
                    self.advance()
                    continue
                break
            literal.parts.append((Interpolation(self.source[start : self.position], line), line))
        else:
            literal.problems.append(
                (line, "a `$` in a Groovy double-quoted string must start ${expression} or $name: write \\$ for a literal dollar sign (Groovy refuses the file otherwise)")
            )
            literal.add_text("$", line)


def tokenize(source: str) -> list[Token]:
    """The tokens of a Groovy source file. Raises GroovySyntaxError."""
    return list(_Lexer(source).tokens())


@dataclass
class ShStep:
    """An `sh` step: its script (or None when it is not a string literal) and where it is."""

    line: int
    script: Optional[StringLiteral]
    returns: bool = False


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token closing the bracket at `start`."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.kind == "punct" and token.value in pairs:
            stack.append(pairs[token.value])
        elif token.kind == "punct" and stack and token.value == stack[-1]:
            stack.pop()
            if not stack:
                return index
    return len(tokens) - 1


def _arguments(tokens: list[Token], start: int) -> list[Token]:
    """The argument tokens of a call whose name is at `start - 1`: parenthesised or command-style."""
    if start < len(tokens) and tokens[start].kind == "punct" and tokens[start].value == "(":
        return [t for t in tokens[start + 1 : _closing(tokens, start)] if t.kind != "newline"]
    arguments: list[Token] = []
    index = start
    depth = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "punct" and token.value in "([{":
            depth += 1
        elif token.kind == "punct" and token.value in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (token.kind == "newline" or (token.kind == "punct" and token.value == ";")):
            previous = arguments[-1] if arguments else None
            if not (previous and previous.kind == "punct" and previous.value in ",:"):
                break
        if token.kind != "newline":
            arguments.append(token)
        index += 1
    return arguments


def _split_top_level(arguments: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = [[]]
    depth = 0
    for token in arguments:
        if token.kind == "punct" and token.value in "([{":
            depth += 1
        elif token.kind == "punct" and token.value in ")]}":
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [group for group in groups if group]


def sh_steps(tokens: list[Token]) -> list[ShStep]:
    """Every `sh` step call in the token stream (`sh '...'`, `sh(script: ..., returnStatus: true)`, ...)."""
    steps = []
    significant = tokens
    for index, token in enumerate(significant):
        if token.kind != "ident" or token.value != "sh":
            continue
        previous = next((t for t in reversed(significant[:index]) if t.kind != "newline"), None)
        if previous is not None and ((previous.kind == "punct" and previous.value == ".") or (previous.kind == "ident" and previous.value in {"def", "void"})):
            continue
        following = significant[index + 1] if index + 1 < len(significant) else None
        if following is None or following.kind == "newline" or (following.kind == "punct" and following.value not in "("):
            continue  # `sh` used as a name, not called
        script: Optional[StringLiteral] = None
        returns = False
        for group in _split_top_level(_arguments(significant, index + 1)):
            named = len(group) >= 2 and group[0].kind == "ident" and group[1].kind == "punct" and group[1].value == ":"
            value = group[2:] if named else group
            if named and group[0].value in {"returnStatus", "returnStdout"}:
                returns = True
            if (named and group[0].value == "script") or (not named and script is None):
                script = value[0].value if len(value) == 1 and value[0].kind == "string" else None
        steps.append(ShStep(token.line, script, returns))
    return steps


def scripts(path: str, source: str) -> tuple[list[Script], list[Finding]]:
    """The shell scripts of a Jenkinsfile's `sh` steps, and problems that stop one from being checked."""
    try:
        tokens = tokenize(source)
    except GroovySyntaxError as error:
        return [], [Finding(path, error.line, f"cannot read as Groovy: {error}")]
    found: list[Script] = []
    findings: list[Finding] = []
    for step in sh_steps(tokens):
        if step.script is None:
            findings.append(Finding(path, step.line, "the sh step's script is not a string literal, so its calls cannot be checked: pass the command as a literal"))
            continue
        for line, problem in step.script.problems:
            findings.append(Finding(path, line, problem))
        found.append(step_script(path, step.script, step.line))
    return found, findings


def step_script(path: str, literal: StringLiteral, line: int) -> Script:
    """The shell script of an `sh` step's string literal, interpolations as placeholders."""
    script = Script(path, shell="sh", line=line)
    for part, part_line in literal.parts:
        if isinstance(part, Interpolation):
            script.append_expression("${" + part.expression + "}", part_line)
        else:
            script.append(part, part_line)
    return script
