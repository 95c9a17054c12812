"""A shell script cut out of a pipeline file, with the source line of every byte, and its opaque parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Stands in for an expression the checker cannot evaluate (Groovy `${...}`, GitHub `${{ ... }}`).
PLACEHOLDER = "__PIPELINE_EXPR_{}__"
PLACEHOLDER_PATTERN = re.compile(r"__PIPELINE_EXPR_(\d+)__")


@dataclass
class Script:
    """Shell source as the shell will see it, except that pipeline expressions are placeholders.

    `byte_lines[i]` is the 1-based line, in `path`, of byte `i` of the UTF-8 encoded `text`.
    """

    path: str
    text: str = ""
    byte_lines: list[int] = field(default_factory=list)
    expressions: list[str] = field(default_factory=list)
    #: The shell that runs it: "sh" (Jenkins `sh` steps run /bin/sh) or "bash" (GitHub's default).
    shell: str = "sh"
    #: The line of the step itself, used when a problem has no better position.
    line: int = 0

    def append(self, text: str, line: int) -> None:
        """Appends literal text that starts on `line`; newlines inside it advance the line."""
        for char in text:
            self.text += char
            self.byte_lines.extend([line] * len(char.encode()))
            if char == "\n":
                line += 1

    def append_expression(self, expression: str, line: int) -> None:
        """Appends a placeholder for an expression the checker treats as an unknown value."""
        self.expressions.append(expression)
        placeholder = PLACEHOLDER.format(len(self.expressions) - 1)
        self.text += placeholder
        self.byte_lines.extend([line] * len(placeholder))

    def line_at(self, byte_offset: int) -> int:
        """The source line of a byte of `text` (the step's line if out of range)."""
        if 0 <= byte_offset < len(self.byte_lines):
            return self.byte_lines[byte_offset]
        return self.byte_lines[-1] if self.byte_lines else self.line

    def describe(self, text: str) -> str:
        """`text` with placeholders shown as the expressions they stand for."""
        return PLACEHOLDER_PATTERN.sub(lambda m: self.expressions[int(m.group(1))], text)
