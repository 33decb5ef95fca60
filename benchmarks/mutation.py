"""Mutation run over the pure engine (`wargame/core/`) with mutmut 3: how many deliberate bugs the tests catch.

Not part of CI: it is slow. Install the tool with `pip install -e '.[mutation]'`, then from anywhere:

    python benchmarks/mutation.py                       # the default module list, on one core
    python benchmarks/mutation.py --modules rules views  # only these modules of wargame/core/
    python benchmarks/mutation.py --all                 # every module of wargame/core/ (slower)
    python benchmarks/mutation.py --sample 0            # every mutant of the modules, not a sample (hours)
    python benchmarks/mutation.py --mutants NAME ...    # only these mutants, e.g. the survivors of a run

A whole measure of core/, then the survivors tested again after tests were added, then the list:

    python benchmarks/mutation.py --all --sample 0 --max-children 2 --workdir /tmp/m1
    python benchmarks/mutation.py --survivors-of /tmp/m1 --max-children 2 --workdir /tmp/m2
    python benchmarks/mutation.py --report /tmp/m2 --verdicts docs/mutation-survivors.md > list.md
    python benchmarks/mutation.py --judge /tmp/m1       # a run stopped part way: score what it tested

The run happens in a copy of the repository (a temporary folder, or --workdir), never in the
repository itself: mutmut writes a `mutants/` folder next to the code it mutates.

It prints two scores:

1. killed by the unit tests with the golden-save replays left out (`tests/unit`, minus the tests
   that re-adjudicate a recorded save and compare every event). A mutant caught only by a replay is
   caught by accident: "turn 3 does not reproduce" says nothing about which rule broke, and
   regenerating the saves after a bad change would bake the bug in. This is the score that says
   whether the rules are tested.
2. killed with the golden-save replays as well: each mutant that survived (1) is run once more
   against the replays alone (only if the replays call its function at all).

A survivor is also imported afresh with its mutant switched on: mutmut tests each mutant in a process
forked after the engine was imported, so a mutant of code that runs at import (tables built when a
module loads) would otherwise survive though every real start of the program would fail. Those
count as killed without the replays.

The scores are printed per module and in all, then every mutant that survived both, with its diff
in one line, as a Markdown table for a human to judge: equivalent (no test could tell it from the
original) or a gap worth a test. `--verdicts FILE` fills in the verdicts and reasons already written
in an earlier list (docs/mutation-survivors.md), so only new survivors need judging. Each mutant's
verdict is kept in the working copy (results.json), for `--report` and `--survivors-of`.

Only `tests/unit` runs against the mutants: the CLI, TUI and network tests start the game in
subprocesses or drive Textual, which would not load the mutated code or would take hours.

Budget, measured on 2 cores shared with other work: all of core/ makes about 5,000 mutants
(adjudicator 1,430, bots 810, narrative 720, rules 650, views 440, state 270, simulation 270, events
220, replay 100, model 40, ladder 20). A mutant the tests kill costs under a second; a survivor runs
every unit test that reaches its function (a minute for one every test calls, such as `views.seen`);
one that makes a game loop for ever runs to its time limit. With `--max-children 2`, 2,015 mutants
of narrative, replay, simulation, ladder, views, state, events and model took 15 minutes; their 106
survivors, again with only the new test files (`--survivors-of --tests`), one minute; checking
survivors at import and against the replays (`--judge`), under a minute. The bots and the rules'
core (adjudicator, rules) are the slow part: their tests play whole games. By default a random
sample of 500 is tested (--sample, --seed), a score within about ±2 points of the whole (95% of
the time). `--all` mutates every module. `--max-children` runs mutants in parallel (default 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "wargame" / "core"
DEFAULT_MODULES = ("rules", "views", "adjudicator", "escalation")
GOLDEN_REPLAYS = (
    "tests/unit/test_saves.py::test_every_shipped_save_verifies",
    "tests/unit/test_formats.py::test_every_fixture_save_loads_through_the_chain_and_replays_identically",
    "tests/unit/test_formats.py::test_a_v0_save_is_migrated_to_the_same_game_and_verifies",
)
"""Tests that re-adjudicate a recorded save (the demo saves, the format fixtures) and compare it."""
LEFT_OUT = (
    "tests/unit/test_core_is_pure.py",  # reads the modules' imports: every mutated module imports mutmut
    "tests/unit/test_security.py",  # scans the package's source and runs the command line in a subprocess
    "tests/unit/test_instructor_tools.py",  # runs the command line in subprocesses, which would not see mutants
    "tests/unit/test_fuzz_saves.py",  # hypothesis fuzzers of loading: slow, and their examples vary from run
    "tests/unit/test_fuzz_campaigns.py",  # to run, which would make the score vary too
)
"""Unit tests left out of the mutation run: they cannot run against mutmut's copy or would make it vary."""
COPIED = ("wargame", "tests", "campaigns", "saves", "docs", "pyproject.toml", "README.md")
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
"""mutmut's statuses that mean a test (or the interpreter) noticed the mutant."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Mutation score of wargame/core/ under mutmut 3 (slow: 10-20 min on one core by default).",
    )
    parser.add_argument(
        "--modules", nargs="+", metavar="NAME", default=list(DEFAULT_MODULES),
        help=f"modules of wargame/core/ to mutate (default: {' '.join(DEFAULT_MODULES)})",
    )
    parser.add_argument("--all", action="store_true", help="mutate every module of wargame/core/ (about twice as long)")
    parser.add_argument("--workdir", type=Path, help="where to copy the repository and run (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working copy afterwards (to browse with `mutmut`)")
    parser.add_argument(
        "--sample", type=int, default=500, metavar="N",
        help="test a random sample of N of the modules' mutants (default 500, 10-20 min on one core; 0: all, ~40 min)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    parser.add_argument("--mutants", nargs="+", metavar="NAME", help="test only these mutants (names as printed)")
    parser.add_argument("--max-children", type=int, default=1, help="mutants run in parallel (default 1: one core)")
    parser.add_argument("--no-diffs", action="store_true", help="list surviving mutants by name only")
    parser.add_argument(
        "--survivors-of", type=Path, metavar="WORKDIR",
        help="test again only the mutants an earlier kept run did not kill (after adding tests); its kills stand",
    )
    parser.add_argument(
        "--tests", nargs="+", metavar="PATH",
        help="with --survivors-of: run only these test files (the ones added since): a survivor the earlier "
             "tests let through is killed exactly when one of these fails, and this is much faster",
    )
    parser.add_argument(
        "--report", type=Path, nargs="+", metavar="WORKDIR",
        help="print the results of earlier kept runs again, merged (runs over different modules, say)",
    )
    parser.add_argument(
        "--judge", type=Path, metavar="WORKDIR",
        help="score a kept run that was stopped part way: the mutants mutmut had tested there, checked at import "
             "and against the replays",
    )
    parser.add_argument(
        "--verdicts", type=Path, metavar="FILE",
        help="fill the survivors' verdicts and reasons from an earlier list, e.g. docs/mutation-survivors.md",
    )
    args = parser.parse_args(argv)
    known = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
    if args.all:
        args.modules = known
    unknown = [m for m in args.modules if m not in known]
    if unknown:
        parser.error(f"no module {', '.join(unknown)} in wargame/core/ (there are: {', '.join(known)})")
    return args


def copy_repository(workdir: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", "mutants")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, workdir / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, workdir / name)


FRESH_TABLES = '''

# --- added to the working copy by benchmarks/mutation.py -------------------------------------------
# mutmut maps each test to the functions it reaches in one run of the suite, then tests each mutant
# in a process forked from that run. The engine keeps tables it works out once per campaign
# (`Campaign.derived`) and tests keep games they played (`functools.cache`): without the lines
# below, only the first test to use a campaign would be seen reaching the code that builds its
# tables, and a mutant of that code would meet tables built by the original in the forked process.
import functools as _functools
import sys as _sys

from wargame.core import model as _model

_DERIVED = []  # every campaign's `derived` dict (campaigns are unhashable: no WeakSet)
_original_getattr = _model.Campaign.__getattr__  # attrs fills a slotted class's cached properties here


def _getattr(self, name):
    value = _original_getattr(self, name)
    if name == "derived":
        _DERIVED.append(value)
    return value


_model.Campaign.__getattr__ = _getattr


def pytest_sessionstart(session):
    for name, module in list(_sys.modules.items()):
        if name.rpartition(".")[2].startswith(("test_", "conftest")):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_tables_for_every_test():
    for derived in _DERIVED:
        derived.clear()
'''
"""What the working copy's tests/conftest.py gets: every test works out the engine's tables afresh."""


def configure(workdir: Path, modules: list[str], tests: list[str] | None = None) -> None:
    """mutmut reads its settings from [tool.mutmut] in the copy's pyproject.toml."""
    selection = [*(tests or ["tests/unit"]), *(f"--ignore={path}" for path in LEFT_OUT)]
    for test in GOLDEN_REPLAYS:
        selection += ["--deselect", test]
    settings = {
        "source_paths": ["wargame"],
        "only_mutate": [f"wargame/core/{m}.py" for m in modules],
        "also_copy": ["campaigns", "saves", "docs", "README.md"],
        "pytest_add_cli_args": ["-p", "no:cacheprovider"],
        "pytest_add_cli_args_test_selection": selection,
        "use_git_change_detection": False,
        # A mutant that makes a game loop for ever is stopped after this many times its tests' CPU time
        # (× 2, + 1 s): mutmut's 15 spent three minutes on each such mutant of the state's handlers.
        "timeout_multiplier": 2.0,
    }
    with open(workdir / "tests" / "conftest.py", "a", encoding="utf-8") as conftest:
        conftest.write(FRESH_TABLES)
    lines = ["", "[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    with open(workdir / "pyproject.toml", "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def mutmut(workdir: Path, *args: str, capture: bool = False, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run mutmut in the working copy; its progress spinner goes to `log` when given."""
    command = [sys.executable, "-m", "mutmut", *args]
    env = {**os.environ, "WARGAME_SAVE_DIR": str(workdir / "stray-saves")}
    if log is None:
        return subprocess.run(command, cwd=workdir, env=env, text=True, capture_output=capture)
    with open(log, "w", encoding="utf-8") as out:
        return subprocess.run(command, cwd=workdir, env=env, text=True, stdout=out, stderr=subprocess.STDOUT)


def statuses(workdir: Path) -> dict[str, str]:
    """Every mutant's status, read from the .meta files mutmut keeps next to each mutated module."""
    sys.path.insert(0, str(workdir))
    from mutmut.stats import status_by_exit_code

    found = {}
    for meta in sorted((workdir / "mutants").rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            found[name] = status_by_exit_code[code]
    return found


def ran(run: subprocess.CompletedProcess, log: Path) -> bool:
    if run.returncode == 0:
        return True
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    print(f"{tail}\nmutmut run stopped with exit code {run.returncode}", file=sys.stderr)
    return False


def choose(generated: list[str], args: argparse.Namespace) -> list[str]:
    """The mutants to test: those named, or a random sample (the same for the same seed and code)."""
    if args.mutants:
        unknown = sorted(set(args.mutants) - set(generated))
        if unknown:
            print(f"no such mutant: {', '.join(unknown)}", file=sys.stderr)
        return [name for name in generated if name in set(args.mutants)]
    if args.sample <= 0 or args.sample >= len(generated):
        return generated
    return sorted(random.Random(args.seed).sample(generated, args.sample))


def fresh_process_fails(workdir: Path, mutant: str, command: list[str], timeout: int) -> bool:
    """Whether `command`, run in a new process in mutmut's copy with `mutant` switched on, fails."""
    env = {**os.environ, "MUTANT_UNDER_TEST": mutant, "WARGAME_SAVE_DIR": str(workdir / "stray-saves")}
    try:
        proc = subprocess.run(command, cwd=workdir / "mutants", env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return True  # a run that never ends has failed
    return proc.returncode != 0


ENGINE_MODULES = tuple(f"wargame.core.{p.stem}" for p in sorted(CORE.glob("*.py")) if p.stem != "__init__")


def caught_at_import(workdir: Path, mutant: str) -> bool:
    """Whether importing the engine fails with `mutant` switched on.

    mutmut tests each mutant in a process forked after the engine was imported, so a mutant of code
    that runs only at import (tables built when a module loads) meets the original's result there.
    In a new process, as every real run starts, such a mutant breaks the import: every test notices.
    """
    modules = ", ".join(ENGINE_MODULES)
    return fresh_process_fails(workdir, mutant, [sys.executable, "-c", f"import {modules}"], timeout=60)


REACHED = """
import importlib, json, sys
from mutmut.stats import state
from mutmut.mutation.trampoline import set_mutant_under_test
set_mutant_under_test("stats")
if sys.argv[1] == "import":
    for module in sys.argv[2:]:
        importlib.import_module(module)
    code = 0
else:
    import pytest
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:randomly", *sys.argv[2:]])
print(json.dumps(sorted(state()._stats) if code == 0 else None))
"""


def reached(workdir: Path, *what: str) -> set[str] | None:
    """The engine's functions (mutmut's names) that importing the modules ("import", modules...) or
    running the tests ("test", tests...) calls, or None when that cannot be told.

    A mutant of a function they never call cannot make them fail: it need not be run against them.
    """
    env = {**os.environ, "WARGAME_SAVE_DIR": str(workdir / "stray-saves")}
    proc = subprocess.run([sys.executable, "-c", REACHED, *what], cwd=workdir / "mutants",
                          env=env, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    try:
        found = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        found = None
    return set(found) if found is not None else None


def caught_by_replays(workdir: Path, mutant: str) -> bool:
    """Whether the golden-save replays alone fail with `mutant` switched on."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *GOLDEN_REPLAYS]
    return fresh_process_fails(workdir, mutant, command, timeout=300)


# What became of each mutant, in the order a mutant is judged.
KILLED_BY_TESTS = "killed"
KILLED_AT_IMPORT = "killed at import"
CAUGHT_BY_REPLAY = "caught by a replay"
SURVIVED = "survived"
NO_TESTS = "no tests"
"""mutmut's "no tests": no unit test reaches the mutated function at all."""
WITHOUT_REPLAYS = {KILLED_BY_TESTS, KILLED_AT_IMPORT}
WITH_REPLAYS = WITHOUT_REPLAYS | {CAUGHT_BY_REPLAY}
RESULTS = "results.json"
"""Each mutant's verdict, kept in the working copy: `--report` and `--survivors-of` read it."""


def module_of(mutant: str) -> str:
    """`wargame.core.views.x_options__mutmut_42` -> `views`."""
    return mutant.split(".")[2]


def judge(workdir: Path, found: dict[str, str], workers: int) -> dict[str, str]:
    """Each counted mutant's verdict: killed by the unit tests, at import, by a replay, or not at all."""
    verdicts = {name: KILLED_BY_TESTS if status in KILLED else (NO_TESTS if status == "no tests" else SURVIVED)
                for name, status in found.items()}
    left = sorted(name for name, verdict in verdicts.items() if verdict not in WITHOUT_REPLAYS)
    if not left:
        return verdicts
    print(f"\nChecking {len(left)} surviving mutants at import and against the golden-save replays "
          f"({workers} at a time)", flush=True)

    sys.path.insert(0, str(workdir))
    from mutmut.utils.format_utils import mangled_name_from_mutant_name

    at_import = reached(workdir, "import", *ENGINE_MODULES)
    by_replays = reached(workdir, "test", *GOLDEN_REPLAYS)
    if at_import is not None and by_replays is not None:
        print(f"Importing the engine calls {len(at_import)} of its functions, the replays {len(by_replays)}: "
              "only their mutants are checked", flush=True)

    def check(name: str) -> str:
        function = mangled_name_from_mutant_name(name)
        if (at_import is None or function in at_import) and caught_at_import(workdir, name):
            return KILLED_AT_IMPORT
        if (by_replays is None or function in by_replays) and caught_by_replays(workdir, name):
            return CAUGHT_BY_REPLAY
        return verdicts[name]

    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        for name, verdict in zip(left, pool.map(check, left)):
            verdicts[name] = verdict
    return verdicts


def one_line(diff: str, context: int = 20) -> str:
    """A mutant's diff in one line, `old` → `new`, cut to the part that changed and some context."""
    old = " ⏎ ".join(line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---"))
    new = " ⏎ ".join(line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++"))
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[prefix:][::-1], new[prefix:][::-1]]))
    start = max(prefix - context, 0)

    def cut(text: str) -> str:
        end = len(text) - suffix
        stop = min(end + context, len(text))
        return ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")

    return f"`{cut(old)}` → `{cut(new)}`"


def diffs(workdir: Path, names: list[str]) -> dict[str, str]:
    """Each mutant's diff in one line, read from mutmut's copy."""
    sys.path.insert(0, str(workdir))
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    here = Path.cwd()
    os.chdir(workdir)  # mutmut reads the mutated modules from ./mutants
    try:
        return {name: one_line(get_diff_for_mutant(name, path=f"wargame/core/{module_of(name)}.py")) for name in names}
    finally:
        os.chdir(here)


def read_verdicts(path: Path) -> dict[str, tuple[str, str]]:
    """The verdicts and reasons a human wrote in an earlier list (`--markdown` output), by mutant."""
    found = {}
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 4 and cells[0].startswith("`wargame.core."):
            found[cells[0].strip("`")] = (cells[2], cells[3])
    return found


def score(killed: int, total: int) -> str:
    return f"{killed}/{total} = {100 * killed / total:.1f}%" if total else "no mutants"


def percent(killed: int, total: int) -> str:
    return f"{100 * killed / total:.1f}%" if total else "-"


def report(source: Path | dict[str, Path], results: dict, args: argparse.Namespace) -> None:
    """The scores, per module and in all, and every survivor with its diff (and verdict, when known).

    `source`: the working copy to read the mutants' diffs from, or one for each module."""
    verdicts: dict[str, str] = results["verdicts"]
    modules = sorted({module_of(name) for name in verdicts})
    print(f"\nMutation score of wargame/core/, {results['what']}")
    print(f"  without the golden-save replays: {score(sum(v in WITHOUT_REPLAYS for v in verdicts.values()), len(verdicts))}")
    print(f"  with the golden-save replays:    {score(sum(v in WITH_REPLAYS for v in verdicts.values()), len(verdicts))}")
    generated = results.get("generated") or {}
    print("\n| module | mutants | tested | killed without replays | | killed with replays | | survivors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for module in sorted(set(modules) | set(generated)) + ["all of core"]:
        mine = [v for n, v in verdicts.items() if module in ("all of core", module_of(n))]
        made = sum(generated.get(m, sum(module_of(n) == m for n in verdicts)) for m in set(modules) | set(generated)
                   if module in ("all of core", m))
        without = sum(v in WITHOUT_REPLAYS for v in mine)
        with_ = sum(v in WITH_REPLAYS for v in mine)
        print(f"| {module} | {made or len(mine)} | {len(mine)} | {without} | {percent(without, len(mine))} | {with_} | "
              f"{percent(with_, len(mine))} | {len(mine) - with_} |")
    by_replay = sorted(n for n, v in verdicts.items() if v == CAUGHT_BY_REPLAY)
    at_import = sorted(n for n, v in verdicts.items() if v == KILLED_AT_IMPORT)
    print(f"\nKilled at import ({len(at_import)}): code that runs when a module loads; every test notices")
    for name in at_import:
        print(f"  {name}")
    print(f"\nCaught only by a replay ({len(by_replay)}): a test of the rule should catch these")
    for name in by_replay:
        print(f"  {name}")
    survivors = sorted((n for n, v in verdicts.items() if v not in WITH_REPLAYS),
                       key=lambda n: (module_of(n), n.rpartition("__mutmut_")[0], int(n.rpartition("_")[2])))
    lines: dict[str, str] = {}
    if not args.no_diffs:
        for module in modules:
            workdir = source[module] if isinstance(source, dict) else source
            lines.update(diffs(workdir, [n for n in survivors if module_of(n) == module]))
    known = read_verdicts(args.verdicts) if args.verdicts else {}
    print(f"\nSurviving mutants ({len(survivors)})")
    for module in modules:
        mine = [n for n in survivors if module_of(n) == module]
        if not mine:
            continue
        print(f"\n### {module} ({len(mine)})\n")
        print("| mutant | diff | verdict | reason |")
        print("|---|---|---|---|")
        for name in mine:
            verdict, reason = known.get(name, ("", ""))
            if verdicts[name] == NO_TESTS and not verdict:
                reason = "no unit test reaches this function"
            diff = lines.get(name, "").replace("|", "\\|")
            print(f"| `{name}` | {diff} | {verdict} | {reason} |")


def survivors_of(previous: Path) -> tuple[dict, list[str]]:
    """An earlier run's results, and the mutants it did not kill without the replays."""
    path = previous / RESULTS
    if not path.exists():
        raise SystemExit(f"{path}: no results of an earlier run (run with --keep or --workdir first)")
    results = json.loads(path.read_text(encoding="utf-8"))
    left = sorted(n for n, v in results["verdicts"].items() if v not in WITHOUT_REPLAYS)
    return results, left


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import mutmut as _  # noqa: F401
    except ImportError:
        print("mutmut is not installed: pip install -e '.[mutation]'", file=sys.stderr)
        return 1
    if args.report:
        merged: dict = {"what": [], "verdicts": {}, "generated": {}}
        source: dict[str, Path] = {}
        for workdir in args.report:
            path = workdir / RESULTS
            if not path.exists():
                print(f"{path}: no results here (run with --keep or --workdir first)", file=sys.stderr)
                return 1
            results = json.loads(path.read_text(encoding="utf-8"))
            merged["what"].append(f"{', '.join(sorted({module_of(n) for n in results['verdicts']}))}: {results['what']}")
            merged["verdicts"].update(results["verdicts"])
            merged["generated"].update(results.get("generated") or {})
            source.update({module_of(n): workdir for n in results["verdicts"]})
        merged["what"] = "\n  " + "\n  ".join(merged["what"]) + "\n"
        report(source, merged, args)
        return 0
    if args.judge:
        if not (args.judge / "mutants").is_dir():
            print(f"{args.judge}: no mutmut working copy here", file=sys.stderr)
            return 1
        found = statuses(args.judge)
        counted = {name: status for name, status in found.items() if status not in {"skipped", "not checked"}}
        verdicts = judge(args.judge, counted, args.max_children)
        generated: dict[str, int] = {}
        for name in found:
            generated[module_of(name)] = generated.get(module_of(name), 0) + 1
        results = {"what": f"the {len(counted)} of {len(found)} mutants tested before the run was stopped",
                   "verdicts": verdicts, "generated": generated}
        (args.judge / RESULTS).write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
        report(args.judge, results, args)
        return 0
    previous: dict | None = None
    if args.survivors_of:
        previous, args.mutants = survivors_of(args.survivors_of)
        args.modules = sorted({module_of(n) for n in previous["verdicts"]})
        if not args.mutants:
            print("the earlier run left no survivor", file=sys.stderr)
            return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wargame-mutation-"))
    if args.workdir:
        if workdir.exists():
            print(f"{workdir} exists; choose a new folder for --workdir", file=sys.stderr)
            return 1
        workdir.mkdir(parents=True)
    started = time.monotonic()
    try:
        copy_repository(workdir)
        configure(workdir, args.modules, args.tests if args.survivors_of else None)
        print(f"Mutating wargame/core/{{{','.join(args.modules)}}}.py in {workdir}", flush=True)
        log = workdir / "mutmut-run.log"
        print(f"mutmut's progress goes to {log}", flush=True)
        # First only generate the mutants and map which tests reach which function: mutmut does both,
        # then stops, for a pattern that matches no mutant. Then test the chosen mutants.
        first = mutmut(workdir, "run", "--max-children", str(args.max_children), "no-such-mutant*", log=log)
        if "nothing matches" not in log.read_text(encoding="utf-8", errors="replace") and not ran(first, log):
            return 1
        generated = sorted(statuses(workdir))
        chosen = choose(generated, args)
        if not chosen:
            print("no mutant to test", file=sys.stderr)
            return 1
        print(f"Testing {len(chosen)} of the {len(generated)} mutants", flush=True)
        if not ran(mutmut(workdir, "run", "--max-children", str(args.max_children), *chosen, log=log), log):
            return 1
        speed = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "mutations/second" in line]
        print(speed[-1] if speed else "", flush=True)
        found = {name: status for name, status in statuses(workdir).items() if name in chosen}
        counted = {name: status for name, status in found.items() if status not in {"skipped", "not checked"}}
        if previous is None:
            verdicts = judge(workdir, counted, args.max_children)
        else:
            # The engine is the same and tests were only added: a survivor the added tests do not kill
            # keeps its earlier verdict (survived, or caught by a replay), and the earlier kills stand.
            verdicts = {name: KILLED_BY_TESTS if status in KILLED else previous["verdicts"][name]
                        for name, status in counted.items()}
        minutes = (time.monotonic() - started) / 60
        generated_by_module: dict[str, int] = {}
        for name in generated:
            generated_by_module[module_of(name)] = generated_by_module.get(module_of(name), 0) + 1
        if previous is not None:
            tested_with = " ".join(args.tests) if args.tests else "tests/unit"
            what = (f"{previous['what']}; its {len(chosen)} survivors tested again with {tested_with} "
                    f"({minutes:.0f} min)")
            verdicts = {**previous["verdicts"], **verdicts}
            generated_by_module = previous.get("generated", generated_by_module)
        elif len(chosen) == len(generated):
            what = f"every mutant ({minutes:.0f} min)"
        else:
            what = f"{len(chosen)} of {len(generated)} mutants ({minutes:.0f} min)"
        results = {"what": what, "verdicts": verdicts, "generated": generated_by_module}
        (workdir / RESULTS).write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
        report(workdir, results, args)
        return 0
    finally:
        if args.keep or args.workdir:
            print(f"\nThe working copy is kept in {workdir} (`--report {workdir}` prints this again)")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
