"""The compiled engine runs only where it is fresh, and plays every game of the golden corpus as the Python engine does.

The choice itself (`wargame.engine_choice.decide`) is tested on made-up builds in a temporary folder, so
these tests hold on every machine. The equivalence test needs a compiled build (`pip install -e .` with a
C compiler) and skips, saying so, where there is none.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import wargame.core.rules
from wargame import engine_choice

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")
BUILT = engine_choice.decide({})
needs_compiled = pytest.mark.skipif(
    not BUILT.compiled,
    reason=f"no compiled engine is built here ({BUILT.reason or 'installed without a C compiler or Cython, or with WARGAME_PURE_BUILD=1'})",
)


@pytest.fixture
def build(tmp_path, monkeypatch):
    """A made-up install: core sources `rules` and `bots`, and a build of both recorded in a manifest."""
    core, compiled = tmp_path / "core", tmp_path / "_compiled"
    core.mkdir()
    compiled.mkdir()
    modules = {}
    for name in ("rules", "bots"):
        (core / f"{name}.py").write_text(f'"""{name}"""\n')
        (compiled / f"{name}{SUFFIX}").write_bytes(b"")
        modules[name] = hashlib.sha256((core / f"{name}.py").read_bytes()).hexdigest()
    (compiled / "manifest.json").write_text(json.dumps({"ext_suffix": SUFFIX, "modules": modules}))
    monkeypatch.setattr(engine_choice, "CORE_DIR", core)
    monkeypatch.setattr(engine_choice, "COMPILED_DIR", compiled)
    return tmp_path


def test_compiled_modules_whose_sources_are_unchanged_are_all_chosen(build):
    status = engine_choice.decide({})
    assert status.compiled == ("bots", "rules") and status.stale == () and status.reason == ""


def test_a_module_whose_source_changed_after_the_build_runs_as_python_and_the_reason_says_how_to_rebuild(build):
    (build / "core" / "rules.py").write_text('"""rules, edited by a developer"""\n')
    status = engine_choice.decide({})
    assert status.compiled == ("bots",) and status.stale == ("rules",)
    assert "rules changed since the build" in status.reason and "pip install -e ." in status.reason


def test_a_source_edited_back_to_what_was_built_makes_its_module_fresh_again(build):
    rules = build / "core" / "rules.py"
    original = rules.read_text()
    rules.write_text("changed\n")
    rules.write_text(original)
    assert engine_choice.decide({}).compiled == ("bots", "rules")


def test_wargame_engine_python_forces_the_python_modules_even_where_fresh_compiled_ones_exist(build):
    status = engine_choice.decide({"WARGAME_ENGINE": "python"})
    assert status.compiled == () and status.installed == 2 and "WARGAME_ENGINE=python" in status.reason


def test_modules_built_for_another_python_are_not_loaded(build):
    manifest = build / "_compiled" / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "ext_suffix": ".cpython-39-x.so"}))
    status = engine_choice.decide({})
    assert status.compiled == () and "another Python" in status.reason


def test_a_compiled_module_missing_its_file_is_not_chosen(build):
    (build / "_compiled" / f"rules{SUFFIX}").unlink()
    assert engine_choice.decide({}).compiled == ("bots",)


def test_without_a_compiled_build_the_python_engine_runs_and_nothing_is_said(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_choice, "COMPILED_DIR", tmp_path / "none")
    assert engine_choice.decide({}) == engine_choice.EngineStatus()


def test_an_unknown_wargame_engine_value_is_named_in_the_reason(build):
    assert "WARGAME_ENGINE='fast' is not one of auto, python" in engine_choice.decide({"WARGAME_ENGINE": "fast"}).reason


@needs_compiled
def test_this_process_runs_the_compiled_modules_it_says_it_runs():
    # The suite itself runs on the compiled engine where one is built: every other test exercises it too.
    if os.environ.get("WARGAME_ENGINE", "").lower() == "python":
        pytest.skip("WARGAME_ENGINE=python is set for this test run")
    assert engine_choice.status().compiled == BUILT.compiled
    assert wargame.core.rules.__file__.endswith(SUFFIX)


def _fingerprints(engine: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "WARGAME_ENGINE"}
    if engine == "python":
        env["WARGAME_ENGINE"] = "python"
    code = (
        "import json; from tests import engine_corpus; from wargame.engine_choice import status; "
        "print(json.dumps([status().engine, engine_corpus.fingerprints()]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@needs_compiled
def test_the_compiled_and_the_python_engine_give_the_golden_corpus_the_same_events_game_for_game():
    compiled_engine, compiled = _fingerprints("auto")
    python_engine, python = _fingerprints("python")
    assert (compiled_engine, python_engine) == ("compiled", "Python")
    golden = json.loads((ROOT / "tests" / "data" / "engine-golden.json").read_text())
    differ = sorted(name for name in python if compiled.get(name) != python[name])
    assert not differ, f"{len(differ)} of {len(python)} games differ between the engines (first: {differ[:5]})"
    assert compiled == golden
