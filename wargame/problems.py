"""Problems found in a user's file, and how they are printed: `FILE:LINE:COL: error: ...`."""

from __future__ import annotations

from typing import Literal

import attrs


@attrs.frozen
class Problem:
    """One thing wrong (or, as a warning, doubtful) in a file, with where it is when known."""

    path: str
    message: str
    at: str = ""
    line: int | None = None
    col: int | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        if self.line is not None:
            where = f"{self.path}:{self.line}:{self.col or 1}"
        else:
            where = self.path
        place = f"at {self.at}: " if self.at else ""
        return f"{where}: {self.severity}: {place}{self.message}"

    def as_json(self) -> dict:
        out: dict = {"message": self.message, "severity": self.severity}
        if self.line is not None:
            out["line"] = self.line
            out["col"] = self.col or 1
        if self.at:
            out["at"] = self.at
        return out


class ProblemsFound(Exception):
    """Raised at the edge when a file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
