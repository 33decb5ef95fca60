"""Benchmarks for wargame, measured side by side in one run and printed as ratios against their targets.

    python benchmarks/run.py            # all of them (about a minute)
    python benchmarks/run.py --quick    # fewer repeats

Targets (issue 5): `validate` start-up under half of a bare `import textual.app`;
5,000 engine turns per second on the largest campaign with bots deciding;
`simulate` faster with 2 jobs than 1; memory of `simulate` flat in the number of
runs; a 200-turn save loaded and verified in under a second; the first TUI screen
within 1.5x a minimal Textual app.

Issue 19: the compiled engine (Cython, when the install built it) against the Python one, each in its own
process (`WARGAME_ENGINE=python` forces the reference), alternated A B A B; the peers' figures from
the performance review (perf.md) for context; one headless tutorial game as a whole process.
    python benchmarks/run.py --engines   # only the engine comparison (about a minute)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def wall(cmd: list[str], repeats: int, env: dict | None = None) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python(code: str) -> list[str]:
    return [PY, "-c", code]


def largest_campaign() -> Path:
    sys.path.insert(0, str(ROOT))
    from wargame.campaign.loader import load_campaign

    def size(p: Path) -> int:
        c = load_campaign(str(p)).campaign
        return len(c.teams) * len(c.moves)

    return max(sorted(ROOT.glob("campaigns/*.toml")), key=size)


def engine_turns(path: Path, seconds: float) -> tuple[float, float, int]:
    """Turns per second, team orders per second, on one core, bots deciding every team's orders."""
    from wargame.campaign.loader import load_campaign
    from wargame.core.simulation import play_out, run_seed

    c = load_campaign(str(path)).campaign
    personas = {t.id: t.persona for t in c.teams}
    turns, start, i = 0, time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        turns += play_out(c, run_seed(1, i), personas).turns
        i += 1
    elapsed = time.perf_counter() - start
    return turns / elapsed, turns * len(c.teams) / elapsed, turns


ENGINE_TURNS = """
import sys, time
from wargame.campaign.loader import load_campaign
from wargame.core.simulation import play_out, run_seed
from wargame.engine_choice import status
c = load_campaign(sys.argv[1]).campaign
personas = {t.id: t.persona for t in c.teams}
play_out(c, run_seed(1, 0), personas)  # warm the memo tables, as a long study would have them
turns, start, i = 0, time.perf_counter(), 0
while time.perf_counter() - start < float(sys.argv[2]):
    turns += play_out(c, run_seed(1, i), personas).turns
    i += 1
print(turns / (time.perf_counter() - start), status().engine)
"""

# Measured in the performance review (perf.md) on the same 2-core machine, not here: context for the engine's figures.
PEERS = (
    ("SWARM escalation sandbox, 5 agents", "7,346 turns/s"),
    ("SWARM escalation sandbox, 2 agents", "23,058 turns/s"),
    ("brink, 2 players", "2,295 turns/s"),
)
SWARM_GAME_MS = 601  # one SWARM escalation-sandbox game as a whole process (perf.md §2b)


def engine_env(engine: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("WARGAME_ENGINE", None)
    if engine == "python":
        env["WARGAME_ENGINE"] = "python"
    return env


def engine_pairs(path: Path, seconds: float, rounds: int) -> tuple[list[float], list[float], str]:
    """Turns/s of the compiled and the Python engine, each round one process of each, alternated."""
    compiled, interpreted, name = [], [], "Python"
    for _ in range(rounds):
        for engine, into in (("auto", compiled), ("python", interpreted)):
            out = subprocess.run([PY, "-c", ENGINE_TURNS, str(path), str(seconds)], cwd=ROOT, env=engine_env(engine),
                                 capture_output=True, text=True, check=True).stdout.split()
            into.append(float(out[0]))
            if engine == "auto":
                name = out[1]
    return compiled, interpreted, name


def paired(a: list[float], b: list[float]) -> str:
    """Median ratio a/b over the pairs, with its range."""
    ratios = sorted(x / y for x, y in zip(a, b))
    return f"{statistics.median(ratios):.2f}x [{ratios[0]:.2f}-{ratios[-1]:.2f}]"


def compare_engines(quick: bool, row) -> None:
    from wargame.campaign.loader import load_campaign

    rounds, seconds = (3, 1.5) if quick else (5, 3.0)
    for path in (largest_campaign(), ROOT / "campaigns/indo-pacific.toml", ROOT / "campaigns/tutorial.toml"):
        c = load_campaign(str(path)).campaign
        compiled, interpreted, name = engine_pairs(path, seconds, rounds)
        label = f"{path.stem}: {len(c.teams)} teams, {len(c.moves)} moves"
        if name != "compiled":
            print(f"  {label:<42} Python {statistics.median(interpreted):,.0f} turns/s "
                  "(no compiled engine here: `wargame --version` says why)", flush=True)
            continue
        row(f"compiled / Python engine ({path.stem})",
            f"{statistics.median(compiled):,.0f} / {statistics.median(interpreted):,.0f} turns/s = {paired(compiled, interpreted)}",
            ">= 10,000 turns/s", statistics.median(compiled) >= 10_000)
    for name, figure in PEERS:
        print(f"  {name:<42} {figure} (measured in perf.md, not here)", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        game = [PY, "-m", "wargame", "run", "campaigns/tutorial.toml", "--bot", "random", "--seed", "7", "--save",
                str(Path(folder) / "x.toml"), "--force"]
        times = {"auto": [], "python": []}
        for _ in range(3 if quick else 7):
            for engine in times:
                times[engine].append(wall(game, 1, engine_env(engine)))
    for engine, label in (("auto", "default engine"), ("python", "Python engine")):
        ms = statistics.median(times[engine]) * 1000
        row(f"one headless tutorial game, {label}", f"{ms:.0f} ms = {ms / SWARM_GAME_MS:.2f}x SWARM's 601 ms (perf.md)",
            "< 0.30x SWARM's game", ms / SWARM_GAME_MS < 0.30)


def peak_rss_mb(cmd: list[str]) -> float:
    code = (
        "import resource, subprocess, sys; "
        f"subprocess.run({cmd!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def long_save(folder: Path, turns: int = 200) -> Path:
    """A bot-played save of `turns` turns: the tutorial, stretched, played by doves and deterrents."""
    from wargame.campaign.loader import parse_campaign
    from wargame.session import Session

    text = (ROOT / "campaigns/tutorial.toml").read_text(encoding="utf-8")
    # No calm ending, and a settlement only resets its dyad: bots that settle (issue 13) would end it early.
    text = text.replace("turns = 5", f"turns = {turns}", 1).replace('calm_rung = "peacetime"', "")
    text = text.replace("end_on_settlement = true", "end_on_settlement = false", 1)
    loaded = parse_campaign(str(folder / "long.toml"), text)
    for seed in range(50):
        path = folder / f"long-{seed}.toml"
        bots = {t.id: "deterrent" for t in loaded.campaign.teams}
        session = Session.start(loaded, seed, bots=bots, path=None)
        while not session.ended:
            session.submit_bots()
            session.commit()
        if len(session.records) == turns:
            session.save(str(path))
            return path
    raise SystemExit("could not make a 200-turn game")


FIRST_SCREEN = """
import sys
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Minimal().run(headless=True)
"""

FIRST_GAME_SCREEN = """
from wargame.tui.app import WargameApp
class Timed(WargameApp):
    def on_mount(self):
        self.call_after_refresh(self.exit)
Timed(campaign=None).run(headless=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--engines", action="store_true", help="only compare the compiled and the Python engine")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    rows = []

    def row(name, measured, target, ok):
        rows.append((name, measured, target, "yes" if ok else "NO"))
        print(f"{name:<44} {measured:<34} {target:<26} {'met' if ok else 'NOT MET'}", flush=True)

    # An installed package carries compiled bytecode; a source checkout run with
    # PYTHONDONTWRITEBYTECODE would recompile every module at each start and skew start-up times.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "wargame")], check=True)
    print(f"{'benchmark':<44} {'measured':<34} {'target':<26} result")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    compare_engines(args.quick, row)
    if args.engines:
        return

    validate = wall([PY, "-m", "wargame", "validate", "campaigns/tutorial.toml"], repeats, env)
    textual = wall(python("import textual.app"), repeats, env)
    ratio = validate / textual
    row("validate start-up / import textual.app", f"{validate*1000:.0f} ms / {textual*1000:.0f} ms = {ratio:.2f}", "< 0.50", ratio < 0.5)

    from wargame.campaign.loader import load_campaign

    path = largest_campaign()
    per_s, orders_s, _ = engine_turns(path, 3.0 if args.quick else 8.0)
    row(f"engine turns/s ({path.stem}, bots)", f"{per_s:,.0f} turns/s, {orders_s:,.0f} orders/s", ">= 5,000 turns/s", per_s >= 5000)
    # Context, not a target: the cost of a turn grows with its teams and moves, while the
    # cost of one team's orders stays about the same from the smallest campaign to the largest.
    for other in sorted(ROOT.glob("campaigns/*.toml")):
        if other != path:
            c = load_campaign(str(other)).campaign
            per_s, orders_s, _ = engine_turns(other, 1.0 if args.quick else 3.0)
            size = f"{other.stem}: {len(c.teams)} teams, {len(c.moves)} moves"
            print(f"  {size:<42} {per_s:,.0f} turns/s, {orders_s:,.0f} orders/s", flush=True)

    runs = "200" if args.quick else "600"
    one = wall([PY, "-m", "wargame", "simulate", str(path), "--runs", runs, "--json"], 1, env)
    two = wall([PY, "-m", "wargame", "simulate", str(path), "--runs", runs, "--json", "--jobs", "2"], 1, env)
    row(f"simulate {runs} runs: 1 job / 2 jobs", f"{one:.2f} s / {two:.2f} s = {one/two:.2f}x", "> 1.0x (2 cores)", one / two > 1.0)

    small = peak_rss_mb([PY, "-m", "wargame", "simulate", "campaigns/tutorial.toml", "--runs", "100"])
    large = peak_rss_mb([PY, "-m", "wargame", "simulate", "campaigns/tutorial.toml", "--runs", "1000"])
    row("simulate peak memory: 1000 runs / 100 runs", f"{large:.0f} MB / {small:.0f} MB = {large/small:.2f}", "<= 1.10 (flat)", large / small <= 1.10)

    with tempfile.TemporaryDirectory() as folder:
        save = long_save(Path(folder))
        verify = wall([PY, "-m", "wargame", "replay", str(save), "--verify"], repeats, env)
        row("load + verify a 200-turn save", f"{verify*1000:.0f} ms", "< 1000 ms", verify < 1.0)

    minimal = wall(python(FIRST_SCREEN), repeats, env)
    ours = wall(python(FIRST_GAME_SCREEN), repeats, env)
    row("first TUI screen / minimal Textual app", f"{ours*1000:.0f} ms / {minimal*1000:.0f} ms = {ours/minimal:.2f}", "<= 1.50", ours / minimal <= 1.5)

    print(json.dumps([dict(zip(("benchmark", "measured", "target", "met"), r)) for r in rows], indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
