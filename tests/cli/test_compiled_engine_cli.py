"""From the command line: `wargame --version` names the engine that runs, every shipped save and fixture
verifies under the compiled and the Python engine, and a build without a C compiler gives a pure-Python wheel.

Every test runs `python -m wargame` (or pip) in a subprocess, as a user would. The tests that need a
compiled build skip, saying so, where `pip install -e .` found no C compiler.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from wargame import engine_choice

ROOT = Path(__file__).resolve().parents[2]
SAVES = sorted([*ROOT.glob("saves/*-demo.toml"), *ROOT.glob("tests/data/saves/v*.toml")])
BUILT = engine_choice.decide({})
needs_compiled = pytest.mark.skipif(
    not BUILT.compiled,
    reason=f"no compiled engine is built here ({BUILT.reason or 'installed without a C compiler or Cython, or with WARGAME_PURE_BUILD=1'})",
)


def wargame(*args: str, engine: str = "auto", pythonpath: Path | None = None, cwd: Path = ROOT):
    env = {k: v for k, v in os.environ.items() if k != "WARGAME_ENGINE"}
    if engine != "auto":
        env["WARGAME_ENGINE"] = engine
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "wargame", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_version_names_the_engine_that_runs():
    result = wargame("--version")
    assert result.returncode == 0, result.stderr
    expected = f"compiled: {len(BUILT.compiled)} modules" if BUILT.compiled else "(Python"
    assert result.stdout.splitlines()[1].startswith("engine 0.") and expected in result.stdout


@needs_compiled
def test_version_says_the_python_engine_runs_and_why_when_wargame_engine_forces_it():
    result = wargame("--version", engine="python")
    assert result.returncode == 0, result.stderr
    assert f"(Python: {BUILT.installed} compiled modules installed but not used: WARGAME_ENGINE=python)" in result.stdout


@needs_compiled
def test_an_edited_rule_runs_as_python_and_version_names_it_and_how_to_rebuild(tmp_path):
    # A copy of the installed package, as an editable install is after a developer edits rules.py.
    package = tmp_path / "wargame"
    shutil.copytree(ROOT / "wargame", package, ignore=shutil.ignore_patterns("__pycache__"))
    rules = package / "core" / "rules.py"
    rules.write_text(rules.read_text() + "\n# a developer's edit\n")
    result = wargame("--version", pythonpath=tmp_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"compiled: {len(BUILT.compiled) - 1} modules; rules changed since the build" in result.stdout
    assert "pip install -e ." in result.stdout
    loaded = subprocess.run(
        [sys.executable, "-c", "import wargame.core.rules as r, wargame.core.bots as b; print(r.__file__); print(b.__file__)"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert loaded[0] == str(rules)
    assert loaded[1].endswith(sysconfig.get_config_var("EXT_SUFFIX"))


@needs_compiled
@pytest.mark.parametrize("save", SAVES, ids=[p.name for p in SAVES])
def test_every_shipped_save_and_fixture_verifies_under_the_compiled_and_the_python_engine(save, tmp_path):
    for engine in ("auto", "python"):
        # A copy: an old fixture is migrated on load, and the test must not touch the repository's files.
        copy = tmp_path / engine / save.name
        copy.parent.mkdir()
        shutil.copy(save, copy)
        result = wargame("replay", str(copy), "--verify", engine=engine)
        assert result.returncode == 0, f"{engine} engine: {result.stdout}{result.stderr}"


def test_a_build_without_a_c_compiler_gives_a_pure_python_wheel_and_says_why_in_one_line(tmp_path):
    pytest.importorskip("hatchling", reason="building a wheel here needs hatchling (pip install -e '.[dev]')")
    env = {**os.environ, "CC": str(tmp_path / "no-such-compiler")}
    env.pop("WARGAME_PURE_BUILD", None)
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    said = [line for line in (result.stdout + result.stderr).splitlines() if "building the pure-Python engine" in line]
    assert said == [f"wargame: building the pure-Python engine (no C compiler: {env['CC']} not found)"]
    [wheel] = tmp_path.glob("wargame-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "wargame/core/rules.py" in names and not any("_compiled" in n for n in names)
