"""Issue 17's targets for studies: a 20-cell sensitivity study of 1,000 games a cell in under a minute on
2 cores, and the Dask path within 1.5x of local processes with identical figures.

    python benchmarks/sensitivity.py                        # tutorial, 1,000 games a cell
    python benchmarks/sensitivity.py --games 200 --campaign transatlantic
    python benchmarks/sensitivity.py --no-dask              # skip the LocalCluster comparison

It times, one after the other on the same machine: a plain `simulate` of the same games (the
baseline: what one cell costs), the study with `--jobs 2`, and the study with `--scheduler local:2`
(a Dask LocalCluster of 2 worker processes, its start-up included). It prints wall times, the
study's cost per cell against the plain run, the Dask/local ratio and whether the JSON is
identical. Under a shared machine, read the ratios: they compare runs made under the same load.
It is a measurement, not a test: it is not part of CI.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wargame.ablations import ABLATIONS  # noqa: E402
from wargame.campaign.loader import load_campaign  # noqa: E402
from wargame.sensitivity import plan_cells  # noqa: E402

VARIES = [
    "rules.accident_per_rung=0.01:0.09:4",
    "rules.accident_after_escalation=0:0.15:4",
    "channels.*.dampening=0:1:4",
    "channels.*.reliability=0:1:4",
    "rules.accident_base=0:0.05:4",
]


def study_flags(path: str, cells: int) -> tuple[list[str], int]:
    """--ablate every mechanism the campaign uses, then --vary keys until `cells` cells are played."""
    loaded = load_campaign(path)
    ablates = [name for name in ABLATIONS if not plan_cells(loaded, [], [name])[1].unused]
    flags = [f for name in ablates for f in ("--ablate", name)]
    played = len(ablates)
    for vary in VARIES:
        if played >= cells:
            break
        trial = plan_cells(loaded, [vary], [])[1:]
        take = min(sum(not c.unused for c in trial), cells - played)
        path_, spread = vary.split("=")
        low, high, _ = spread.split(":")
        # Fewer steps when fewer cells are missing (a step at the campaign's own value is not played).
        while take and sum(not c.unused for c in plan_cells(loaded, [f"{path_}={low}:{high}:{take}"], [])[1:]) > cells - played:
            take -= 1
        if take >= 2:
            flags += ["--vary", f"{path_}={low}:{high}:{take}"]
            played += sum(not c.unused for c in plan_cells(loaded, [f"{path_}={low}:{high}:{take}"], [])[1:])
    return flags, played


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr}")
    return elapsed, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", default="tutorial")
    parser.add_argument("--games", type=int, default=1000, help="games a cell (default 1000)")
    parser.add_argument("--cells", type=int, default=20, help="cells besides the baseline (default 20)")
    parser.add_argument("--repeats", type=int, default=1, help="alternating repeats; the median is reported (default 1)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = parser.parse_args()
    path = str(ROOT / "campaigns" / f"{args.campaign}.toml")
    flags, played = study_flags(path, args.cells)
    base = [sys.executable, "-m", "wargame", "simulate", path, "--runs", str(args.games), "--seed", "1"]
    print(f"{args.campaign}: {played} cells and the baseline, {args.games} games a cell ({(played + 1) * args.games:,} games)")
    print("  " + " ".join(flags))
    games = (played + 1) * args.games
    # Runs alternate (plain, local, Dask, plain, local, Dask …) so each ratio compares runs made under
    # the same load; the median of the repeats is reported.
    plains, locals_, dasks, same = [], [], [], True
    for _ in range(args.repeats):
        plains.append(timed([*base, "--json", "--jobs", "2"])[0])
        elapsed, local_json = timed([*base, "--format", "json", "--jobs", "2", *flags])
        locals_.append(elapsed)
        if not args.no_dask:
            elapsed, dask_json = timed([*base, "--format", "json", "--scheduler", "local:2", *flags])
            dasks.append(elapsed)
            same = same and dask_json == local_json
    plain, local = statistics.median(plains), statistics.median(locals_)
    print(f"plain simulate, {args.games} games, --jobs 2: {plain:6.1f} s  ({plain / args.games * 1000:.2f} ms a game)")
    print(
        f"study, --jobs 2:                 {local:6.1f} s  ({local / games * 1000:.2f} ms a game; "
        f"{local / plain:.1f}x the plain run for {played + 1} cells: {local / plain / (played + 1):.2f}x a cell)"
    )
    needed = 60 / (21 * 1000) * 1000
    print(f"  target, scaled to 21 x 1,000 games: {local / games * 21000:.0f} s against 60 -> "
          f"{'PASS' if local / games * 21000 < 60 else 'FAIL'} ({local / games * 1000:.2f} ms a game against {needed:.2f} needed)")
    if dasks:
        dask = statistics.median(dasks)
        ratios = [d / x for d, x in zip(dasks, locals_, strict=True)]
        print(f"study, --scheduler local:2:      {dask:6.1f} s  ({statistics.median(ratios):.2f}x local processes, pairs: "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; target 1.5x -> {'PASS' if statistics.median(ratios) <= 1.5 else 'FAIL'})")
        print(f"  identical JSON: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
