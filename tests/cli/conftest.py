"""Run the command line as a user would: `python -m wargame ...` in a subprocess, with a timeout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
BAD = ROOT / "tests" / "data" / "bad_campaigns"
TIMEOUT = 60  # seconds for any single command; a whole game of the tutorial takes well under one


@attrs.frozen
class Result:
    """What one run of the command line did."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def __str__(self) -> str:  # shown when an assertion on a Result fails
        return f"wargame {' '.join(self.args)} -> {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run_cli(*args: str | Path, cwd: Path | None = None) -> Result:
    """Run `python -m wargame ARGS` and capture its exit code, stdout and stderr."""
    argv = [str(a) for a in args]
    cmd = [sys.executable, "-m", "wargame", *argv]
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT
    )
    return Result(tuple(argv), proc.returncode, proc.stdout, proc.stderr)


Wargame = Callable[..., Result]


@pytest.fixture
def wargame(tmp_path: Path) -> Wargame:
    """`wargame(*args)` runs the command line with the test's tmp_path as working directory."""

    def run(*args: str | Path, cwd: Path | None = None) -> Result:
        return run_cli(*args, cwd=cwd or tmp_path)

    return run


@pytest.fixture(scope="session")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole game of the tutorial, random bots, seed 7: shared, so treat it as read-only."""
    where = tmp_path_factory.mktemp("played")
    save = where / "game.toml"
    result = run_cli("run", TUTORIAL, "--bot", "random", "--seed", "7", "--save", save, cwd=where)
    assert result.code == 0, str(result)
    return save


@pytest.fixture
def own_save(played: Path, tmp_path: Path) -> Path:
    """A private copy of the shared save, for tests that edit or overwrite it."""
    copy = tmp_path / "copy.toml"
    shutil.copyfile(played, copy)
    return copy
