"""Benchmarks for wargame, measured side by side in one run and printed as ratios against their targets.

    python benchmarks/run.py            # all of them (about a minute)
    python benchmarks/run.py --quick    # fewer repeats

Targets (issue 5): `validate` start-up under half of a bare `import textual.app`;
5,000 engine turns per second on the largest campaign with bots deciding;
`simulate` faster with 2 jobs than 1; memory of `simulate` flat in the number of
runs; a 200-turn save loaded and verified in under a second; the first TUI screen
within 1.5x a minimal Textual app.
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
