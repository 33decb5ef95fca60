"""Find the line of a place like `moves[3].cost` in TOML source, when it can be found without guessing."""

from __future__ import annotations

import re

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+)\])?")


def locate(source: str, at: str) -> int | None:
    """The 1-based line of `at`, or None when the text does not pin it down to one line.

    Arrays of tables are found by counting their `[[header]]` lines; inside a table,
    a key is found as `key =` or `key.sub =` at the start of a line before the next
    header. Inline tables and nested arrays are left unlocated rather than guessed.
    """
    lines = source.split("\n")
    steps = [m for m in _STEP.finditer(at)]
    if not steps:
        return None
    start, end = 0, len(lines)
    header = ""
    found: int | None = None
    for step in steps:
        name, index = step.group(1), step.group(2)
        if index is not None:
            header = f"{header}.{name}" if header else name
            pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]\s*(#.*)?$")
            hits = [i for i in range(start, end) if pattern.match(lines[i])]
            if int(index) >= len(hits):
                return found
            start = hits[int(index)]
            following = [i for i in range(start + 1, end) if re.match(r"^\s*\[", lines[i]) and not lines[i].strip().startswith(f"[[{header}.") and not lines[i].strip().startswith(f"[{header}.")]
            end = following[0] if following else end
            found = start + 1
            continue
        key = re.compile(rf"^\s*{re.escape(name)}\s*(=|\.)")
        hits = [i for i in range(start + (1 if found else 0), end) if key.match(lines[i])]
        return hits[0] + 1 if len(hits) == 1 else found
    return found
