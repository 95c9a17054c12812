"""Shell examples in Markdown documents: every fenced ```sh / ```bash / ```shell block."""

from __future__ import annotations

import re

from .findings import Finding
from .script import Script

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
_SHELLS = {"sh", "bash", "shell", "console"}


def scripts(path: str, source: str) -> tuple[list[Script], list[Finding]]:
    """One script per shell code block, with the document's line numbers."""
    found: list[Script] = []
    lines = source.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, info = match.group("fence"), match.group("info").lower()
        body_start = index + 1
        end = body_start
        while end < len(lines) and not lines[end].lstrip().startswith(fence):
            end += 1
        if info in _SHELLS:
            script = Script(path, shell="bash", line=index + 1)
            for offset, line in enumerate(lines[body_start:end]):
                script.append(line, body_start + offset + 1)
            found.append(script)
        index = end + 1
    return found, []
