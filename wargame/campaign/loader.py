"""Read a campaign file into the model, reporting every problem with its file and place."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs

from ..converter import converter, structure_problems
from ..core.model import Campaign
from ..problems import Problem, ProblemsFound
from .checks import check_campaign
from .locate import locate
from .warnings import design_warnings

MAX_BYTES = 1_000_000
UNKNOWN_KEY = "unknown key; check its spelling"
"""The converter's message for a key the format does not know (`converter.structure_problems`)."""
MAX_DEPTH = 24


@attrs.frozen
class LoadedCampaign:
    """A campaign that passed every check, with the exact text it came from."""

    path: str
    source: str
    campaign: Campaign
    warnings: tuple[Problem, ...] = ()

    @property
    def sha256(self) -> str:
        """The SHA-256 of the source, by which a save knows its campaign again."""
        import hashlib  # loading OpenSSL takes 2 ms, and checking a campaign never needs the digest

        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


def _toml_position(message: str, text: str) -> tuple[int | None, int | None, str]:
    """tomllib's message in plain words, at the line and column where the cause is."""
    from .syntax import explain  # loaded only for a file with a syntax error

    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        return explain(text, message[: match.start()].strip(), int(match[1]), int(match[2]))
    match = re.search(r"\(at end of document\)", message)
    if match:
        line, col, said = explain(text, message[: match.start()].strip(), None, None)
        if line is None:
            lines = text.split("\n")
            return len(lines), len(lines[-1]) + 1, said + " (at the end of the file)"
        return line, col, said
    return None, None, message


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def read_toml_text(path: str, what: str, limit: int = MAX_BYTES) -> str:
    """The text of a TOML file of at most `limit` bytes, or ProblemsFound saying why it cannot be read."""
    p = Path(path)
    if p.is_dir():
        raise ProblemsFound([Problem(path, f"is a folder, not a {what} file")])
    if not p.exists():
        raise ProblemsFound([Problem(path, "no such file")])
    if not p.is_file():
        # Devices and pipes report size 0 and may never end: refuse them before reading.
        raise ProblemsFound([Problem(path, f"is not a regular file, so it cannot be a {what}")])
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise ProblemsFound([Problem(path, f"cannot read: {exc.strerror or exc}")]) from None
    if len(data) > limit:
        raise ProblemsFound([Problem(path, f"is larger than {limit:,} bytes, the limit for a {what}")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark, as some Windows editors write; TOML does not allow it
    if b"\x00" in data:
        raise ProblemsFound([Problem(path, f"is a binary file, not a {what} in TOML")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemsFound(
            [Problem(path, f"is not UTF-8 text (bad byte at offset {exc.start})")]
        ) from None
    if not text.strip():
        raise ProblemsFound([Problem(path, f"is empty; a {what} needs at least a title")])
    return text


def parse_toml(path: str, text: str) -> dict:
    """TOML text to a dict, or ProblemsFound with the line and column of the syntax error."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, message = _toml_position(str(exc), text)
        raise ProblemsFound([Problem(path, message, line=line, col=col)]) from None
    except RecursionError:
        raise ProblemsFound([Problem(path, f"is nested too deeply (limit {MAX_DEPTH})")]) from None
    if _depth(data) > MAX_DEPTH:
        raise ProblemsFound([Problem(path, f"is nested too deeply (limit {MAX_DEPTH})")])
    if not data:
        raise ProblemsFound([Problem(path, "has only comments; it sets nothing")])
    return data


def parse_campaign(path: str, text: str) -> LoadedCampaign:
    """Campaign text to a checked campaign, or ProblemsFound listing every problem."""
    data = parse_toml(path, text)
    scanned: list = []  # the text's statements, read only when a problem needs a line

    def found() -> list:
        from .syntax import statements  # loaded only when a problem or a warning needs a line

        if not scanned:
            scanned.append(statements(text))
        return scanned[0]

    def line_of(at: str) -> int | None:
        if not at:
            return None
        from . import structure

        s = structure.statement_at(found(), at)
        return s.line if s is not None else locate(text, at)

    def placed(at: str, message: str, severity: str = "error") -> Problem:
        line = line_of(at)
        return Problem(path, message, at=at, line=line, col=1 if line else None, severity=severity)

    def where(at: str) -> str:
        line = line_of(at)
        return f"{at} (line {line})" if line else at

    problems: list[Problem] = []
    replaced: set[str] = set()
    try:
        campaign = converter.structure(data, Campaign)
    except Exception as exc:  # cattrs groups every structuring error; all are reported
        raw = structure_problems(exc)
        replaced = {at for at, message in raw if message != UNKNOWN_KEY}
        campaign, problems = _structure_again(path, data, raw, found, placed)
    if campaign is not None:
        reported = {p.at for p in problems}
        # A value replaced by its default or a stand-in may upset a check of the table around it
        # (terminal = "yes" dropped leaves "no rung is terminal"): those wait for the fix too.
        problems += [
            placed(at, message) for at, message in check_campaign(campaign, where)
            if not (reported and _under(at, reported)) and not (replaced and _encloses(at, replaced))
        ]
    if problems:
        raise ProblemsFound(problems)
    warnings = tuple(placed(at, message, "warning") for at, message in design_warnings(campaign))
    return LoadedCampaign(path=path, source=text, campaign=campaign, warnings=warnings)


def _under(place: str, reported: set[str]) -> bool:
    """Whether `place` is, or lies inside, a place already reported (where a stand-in now stands)."""
    return any(place == other or place.startswith((other + ".", other + "[")) for other in reported)


def _encloses(place: str, replaced: set[str]) -> bool:
    """Whether `place` is a table around a place whose value was replaced."""
    return bool(place) and any(other.startswith((place + ".", place + "[")) for other in replaced)


def _structure_again(path: str, data: dict, raw: list[tuple[str, str]], found, placed) -> tuple[Campaign | None, list[Problem]]:
    """The problems of `raw` in plain words, and the campaign read from a repaired copy when one can be.

    The campaign comes back only for the later checks to run on; the problems say it is not valid.
    """
    from . import structure  # loaded only for a file with structural problems

    problems = [placed(at, structure.explain(at, message, data, found())) for at, message in raw]
    fixed, blocking = structure.repaired(data, raw)
    for _ in range(4):  # a stand-in table may lack keys of its own: repair those too, a few levels deep
        if blocking:
            break
        try:
            return converter.structure(fixed, Campaign), problems
        except Exception as exc:  # same as above: the stand-ins' own gaps
            more = structure_problems(exc)
            fixed, blocking = structure.repaired(fixed, more)
    skipped = (
        "the checks of ids, references, ranges and rules did not run: they need "
        + (", ".join(blocking) if blocking else "the file's tables")
        + " to be readable; fix the problems above and validate again"
    )
    first = problems[0] if problems else None
    if first is not None:
        problems.append(attrs.evolve(first, message=skipped, at="", line=None, col=None))
    return None, problems


def load_campaign(path: str) -> LoadedCampaign:
    """Read and check a campaign file."""
    return parse_campaign(path, read_toml_text(path, "campaign"))
