"""How long a balance report takes, against the plain `simulate` (issue 17's target: a 1,000-game balance
report of the largest campaign in under 3 s on 2 cores).

    python benchmarks/balance.py                                   # capacity-building, 1,000 games, 2 jobs
    python benchmarks/balance.py --baseline-src /tmp/main-src      # also today's engine, from a source tree
    python benchmarks/balance.py --games 300 --repeat 1 --campaign campaigns/tutorial.toml

Each command runs as its own process, timed from start to exit (the median of --repeat rounds); a
round runs each once, in this order, so a machine that gets busier or quieter weighs on all alike:

- `baseline`  (with --baseline-src DIR) `wargame simulate … --json` of the engine in DIR, e.g. main
  unpacked with `git archive main | tar -x -C DIR`: the simulate of before the balance report
- `plain`     `wargame simulate … --json` of this tree (the tally with every balance counter)
- `balance`   `wargame simulate … -o report.html` of this tree (the whole balance report, with charts)
- `games`     the same with `--games games.csv` (one row per game kept as well)

With --baseline-src it also plays --per-core games on one core in each tree (play_out only, no
processes): the cost of the per-turn balance tally itself.

It prints the seconds and each one's ratio to the first. On a shared machine only the ratios mean much.
It is a measurement, not a test: it is not part of CI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(argv: list[str], env: dict[str, str], repeat: int, cwd: str) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        # Not from the repository: `python -m` puts the current folder first on sys.path, which
        # would import this tree's wargame instead of the baseline's.
        done = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=cwd)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", default=str(ROOT / "campaigns" / "capacity-building.toml"))
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-core", type=int, default=200, help="games for the one-core comparison (with --baseline-src)")
    parser.add_argument("--baseline-src", metavar="DIR", help="a source tree of the engine to compare with (its wargame/ is imported)")
    args = parser.parse_args()
    args.campaign = str(Path(args.campaign).resolve())
    common = [args.campaign, "--runs", str(args.games), "--jobs", str(args.jobs)]
    here = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as out:
        runs = []
        if args.baseline_src:
            base = dict(os.environ, PYTHONPATH=str(Path(args.baseline_src).resolve()))
            runs.append(("baseline", [sys.executable, "-m", "wargame", "simulate", *common, "--json"], base))
        runs += [
            ("plain", [sys.executable, "-m", "wargame", "simulate", *common, "--json"], here),
            ("balance", [sys.executable, "-m", "wargame", "simulate", *common, "-o", f"{out}/report.html"], here),
            ("games", [sys.executable, "-m", "wargame", "simulate", *common, "-o", f"{out}/report.html", "--games", f"{out}/g.csv"], here),
        ]
        # Round by round, every command once a round: a machine that gets busier or quieter
        # weighs on all of them alike.
        times: dict[str, list[float]] = {name: [] for name, _, _ in runs}
        for _ in range(args.repeat):
            for name, argv, env in runs:
                times[name].append(timed(argv, env, 1, out))
        results = [(name, statistics.median(seconds)) for name, seconds in times.items()]
    first = results[0][1]
    print(f"{Path(args.campaign).name}: {args.games} games, {args.jobs} jobs, median of {args.repeat} (whole process)")
    for name, seconds in results:
        print(f"  {name:<9} {seconds:6.2f} s   {seconds / first:5.2f}× {results[0][0]}")
    if args.baseline_src:
        # The tally's own cost, without processes, pools or report: one core playing games.
        loop = (
            "import time\nfrom wargame.campaign.loader import load_campaign\nfrom wargame.core.simulation import play_out, run_seed\n"
            f"c = load_campaign({args.campaign!r}).campaign\np = {{t.id: t.persona for t in c.teams}}\n"
            f"t = time.process_time()\nfor i in range({args.per_core}): play_out(c, run_seed(1, i), p)\n"
            f"print((time.process_time() - t) / {args.per_core} * 1000)"
        )
        per_game: dict[str, list[float]] = {"baseline": [], "this tree": []}
        for _ in range(args.repeat):
            for name, path in (("baseline", Path(args.baseline_src).resolve()), ("this tree", ROOT)):
                done = subprocess.run(
                    [sys.executable, "-c", loop], env=dict(os.environ, PYTHONPATH=str(path)), capture_output=True, text=True,
                    check=True, cwd=tempfile.gettempdir(),
                )
                per_game[name].append(float(done.stdout))
        base = statistics.median(per_game["baseline"])
        print(f"one core, {args.per_core} games (play_out and its summary only; CPU time, which a busy machine disturbs less), median of {args.repeat}:")
        for name, values in per_game.items():
            print(f"  {name:<9} {statistics.median(values):6.2f} ms a game   {statistics.median(values) / base:5.2f}× baseline")


if __name__ == "__main__":
    main()
