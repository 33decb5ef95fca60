"""A command's result: written to its -o file (atomically, saying so) or to standard output."""

from __future__ import annotations

import sys

from .problems import Problem, ProblemsFound


def write_file(path: str, text: str) -> None:
    """Write `text` to `path` atomically; a file that cannot be written is a problem naming it."""
    from .persistence.saves import atomic_write

    try:
        atomic_write(path, text, backups=0)
    except OSError as exc:
        raise ProblemsFound([Problem(path, f"cannot write: {exc.strerror or exc}")]) from None


def deliver(text: str, output: str | None, fmt: str, out=None) -> None:
    """Write `text` to `output` and say so on `out` (standard output by default), or print it when there is no file."""
    out = out or sys.stdout
    if not output:
        out.write(text)
        return
    write_file(output, text)
    print(f"wrote {output} ({fmt})", file=out)
