"""Does the model produce the crises a seminar is for? The figures of issue 13, per campaign, with 95% intervals.

    python benchmarks/plausibility.py               # 1,000 games a cell, every bundled campaign
    python benchmarks/plausibility.py --games 200   # quicker, wider intervals
    python benchmarks/plausibility.py --json out.json

For every bundled campaign it plays these cells (the same seeds in every cell, so differences
are the mechanism's, not the dice's):

- `default`        the campaign's own personas
- `no channels`    the same, every channel with reliability 0, dampening 0 and containment 0
- `no deterrence`  the same, every `of = "target_allies"` modifier removed
- `doctrine`, `doctrine, no channels`, `deterrent`, `deterrent, no channels`: cautious bots
- `all hawk`       every team a hawk
- `hawk vs deterrent`  the campaign's revisionist a hawk, every other team a deterrent
- `perfect information`  the campaign's own personas, with no beliefs (`rules.intel_noise = 0`,
  `rules.false_alarm = 0`): every team sees the true ladder (issue 14: does perception matter?)

Where beliefs are kept, bots read uncertainty as their persona does (a hawk or a deterrent the
worst its beliefs allow, a dove the best; a doctrine by its `reading`), and a doctrine that
`retaliate`s answers what it blames on a rival as a climb it saw: see the campaign guide, "How bots
read uncertainty". The perception rows set each campaign's default cell against its perfect
information cell.

It prints for each cell: the share of games with a firebreak crossed, first crossed by an incident
(inadvertent), ending on a terminal rung, ending in a settlement, and of team-games ending with
credibility pinned at a bound. Then it checks the issue's targets and prints PASS or FAIL for each, then the perception rows.
Last, horizontal escalation: under the default personas and with every team a hawk, the share of
games in which a move or an incident spilled over onto another dyad (`escalation_changed` with
`spilled_from`), and the spills a game.
It is a measurement, not a test: it is not part of CI.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wargame.campaign.loader import LoadedCampaign, load_campaign, parse_campaign, parse_toml  # noqa: E402
from wargame.campaign.overrides import apply_settings  # noqa: E402
from wargame.core import events as ev  # noqa: E402
from wargame.core.adjudicator import resolve_turn  # noqa: E402
from wargame.core.bots import bot_orders, news_for_bots  # noqa: E402
from wargame.core.simulation import run_seed  # noqa: E402
from wargame.core.state import initial_state  # noqa: E402
from wargame.simulate import simulate  # noqa: E402

CAMPAIGNS = ("tutorial", "transatlantic", "indo-pacific", "capacity-building")
REVISIONIST = {"tutorial": "red", "transatlantic": "dravnia", "indo-pacific": "veya", "capacity-building": "sarkand"}
"""The team each campaign's briefing casts as the challenger of the status quo."""
PERFECT_INFORMATION = ["rules.intel_noise=0", "rules.false_alarm=0"]
NO_CHANNELS = ["channels.*.reliability=0", "channels.*.dampening=0", "channels.*.containment=0"]


def _without_deterrence(data: dict) -> dict:
    """Every success modifier that reads the target's allies' credibility removed."""
    for move in data.get("moves", []):
        success = move.get("success")
        if isinstance(success, dict) and "modifiers" in success:
            success["modifiers"] = [m for m in success["modifiers"] if m.get("of") != "target_allies"]
    return data


def _variant(loaded: LoadedCampaign, settings: list[str], deterrence: bool = True) -> LoadedCampaign:
    data = apply_settings(parse_toml(loaded.path, loaded.source), settings)
    if not deterrence:
        data = _without_deterrence(data)
    return parse_campaign(loaded.path, tomli_w.dumps(data))


def _cells(name: str, loaded: LoadedCampaign) -> list[tuple[str, LoadedCampaign, dict[str, str]]]:
    teams = [t.id for t in loaded.campaign.teams]
    own = {t.id: t.persona for t in loaded.campaign.teams}
    everyone = lambda persona: dict.fromkeys(teams, persona)  # noqa: E731
    no_channels = _variant(loaded, NO_CHANNELS)
    hawk_vs_deterrent = {**everyone("deterrent"), REVISIONIST[name]: "hawk"}
    return [
        ("default", loaded, own),
        ("no channels", no_channels, own),
        ("no deterrence", _variant(loaded, [], deterrence=False), own),
        ("doctrine", loaded, everyone("doctrine")),
        ("doctrine, no channels", no_channels, everyone("doctrine")),
        ("deterrent", loaded, everyone("deterrent")),
        ("deterrent, no channels", no_channels, everyone("deterrent")),
        ("all hawk", loaded, everyone("hawk")),
        ("hawk vs deterrent", loaded, hawk_vs_deterrent),
        ("perfect information", _variant(loaded, PERFECT_INFORMATION), own),
    ]


def wilson(share: float, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of a share observed in n games."""
    z = 1.96
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _figures(result: dict) -> dict:
    return {
        "firebreak_crossed": result["firebreak_crossed"],
        "inadvertent_crossing": result["inadvertent_crossing"],
        "terminal": result["endings"].get("terminal", 0.0),
        "settlement": result["endings"].get("settlement", 0.0),
        "credibility_pinned": result["credibility_pinned"],
        "incidents_per_game": result["incidents_per_game"],
    }


def _shown(share: float, n: int) -> str:
    low, high = wilson(share, n)
    return f"{share * 100:5.1f} [{low * 100:4.1f}–{high * 100:5.1f}]"


def _targets(table: dict) -> list[tuple[str, bool, str]]:
    """The issue's targets, each with whether it holds and the figures it was judged on."""
    out = []
    for name, cells in table.items():
        base, bare = cells["default"], cells["no channels"]
        rise = (bare["firebreak_crossed"] - base["firebreak_crossed"]) * 100
        out.append((
            f"{name}: removing channels raises firebreak crossings by ≥ 5 points and never lowers terminal endings",
            rise >= 5 and bare["terminal"] >= base["terminal"],
            f"{base['firebreak_crossed'] * 100:.1f}% → {bare['firebreak_crossed'] * 100:.1f}%; "
            f"terminal {base['terminal'] * 100:.1f}% → {bare['terminal'] * 100:.1f}%",
        ))
        for persona in ("doctrine", "deterrent"):
            worked, broken = cells[persona]["inadvertent_crossing"], cells[f"{persona}, no channels"]["inadvertent_crossing"]
            out.append((
                f"{name}: {persona} bots see an inadvertent crossing in ≥ 1% of games, fewer with channels",
                broken >= 0.01 and worked >= 0.01 and worked < broken,
                f"{worked * 100:.1f}% with channels, {broken * 100:.1f}% without",
            ))
        out.append((
            f"{name}: all-hawk games end on a terminal rung in under half",
            cells["all hawk"]["terminal"] < 0.5, f"{cells['all hawk']['terminal'] * 100:.1f}%",
        ))
        out.append((
            f"{name}: a hawk against deterrent teams ends on a terminal rung in under 10%",
            cells["hawk vs deterrent"]["terminal"] < 0.1, f"{cells['hawk vs deterrent']['terminal'] * 100:.1f}%",
        ))
        out.append((
            f"{name}: credibility ends pinned at a bound in under 20% of team-games (default personas)",
            base["credibility_pinned"] < 0.2, f"{base['credibility_pinned'] * 100:.1f}%",
        ))
    # Issue 14: with perfect information against the campaign's intelligence, the share of games with
    # a firebreak crossed differs by at least 5 points in at least two campaigns.
    differ = {
        name: round((cells["default"]["firebreak_crossed"] - cells["perfect information"]["firebreak_crossed"]) * 100, 1)
        for name, cells in table.items()
    }
    out.append((
        "perception matters: the campaign's intelligence against perfect information moves firebreak crossings "
        "by ≥ 5 points in at least two campaigns (default personas)",
        sum(abs(d) >= 5 for d in differ.values()) >= 2, ", ".join(f"{n} {d:+.1f} points" for n, d in differ.items()),
    ))
    settled = [name for name, cells in table.items() if cells["default"]["settlement"] >= 0.05]
    out.append((
        "the settlement ending occurs in ≥ 5% of games in at least two campaigns (default personas)",
        len(settled) >= 2, ", ".join(f"{n} {c['default']['settlement'] * 100:.1f}%" for n, c in table.items()),
    ))
    return out


def spill_figures(loaded: LoadedCampaign, personas: dict[str, str], games: int, seed: int) -> dict:
    """Shares of games in which a move, an incident, or either spilled over onto another dyad, and
    spills a game, playing the games `simulate` plays (`run_seed(seed, i)`) one by one."""
    c = loaded.campaign
    teams = [t.id for t in c.teams]
    by_move = by_incident = count = 0
    for game in range(games):
        state, news, moved, incident = initial_state(c), [], False, False
        game_seed = run_seed(seed, game)
        while not state.ended:
            orders = [bot_orders(personas[t], c, state, t, game_seed, news) for t in teams]
            events, state = resolve_turn(c, state, orders, (), game_seed)
            news = news_for_bots(events)
            for e in events:
                if isinstance(e, ev.EscalationChanged) and e.spilled_from:
                    count += 1
                    # An incident's spill names no team that moved (`by`) and says so in its cause.
                    if "incident" in e.cause and not e.by:
                        incident = True
                    else:
                        moved = True
        by_move += moved
        by_incident += incident
    return {"from_a_move": by_move / games, "from_an_incident": by_incident / games, "spills_per_game": count / games}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=1000, help="games a cell (default 1000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--campaigns", nargs="*", default=list(CAMPAIGNS), choices=CAMPAIGNS)
    parser.add_argument("--json", metavar="PATH", help="also write every figure as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    table: dict[str, dict[str, dict]] = {}
    n = args.games
    for name in args.campaigns:
        loaded = load_campaign(str(ROOT / "campaigns" / f"{name}.toml"))
        table[name] = {}
        print(f"\n{name} ({n} games a cell; share of games in %, 95% interval)")
        print(f"  {'cell':<24} {'firebreak':>19} {'inadvertent':>19} {'terminal':>19} {'settlement':>19} {'cred. pinned':>19} {'incidents':>9}")
        for cell, variant, personas in _cells(name, loaded):
            result = simulate(variant, personas, n, args.seed, args.jobs, progress=False)
            f = table[name][cell] = _figures(result)
            print(
                f"  {cell:<24} {_shown(f['firebreak_crossed'], n):>19} {_shown(f['inadvertent_crossing'], n):>19}"
                f" {_shown(f['terminal'], n):>19} {_shown(f['settlement'], n):>19}"
                f" {_shown(f['credibility_pinned'], n * len(loaded.campaign.teams)):>19} {f['incidents_per_game']:9.2f}",
                flush=True,
            )
    print("\nTargets (issues 13 and 14):")
    targets = _targets(table)
    for what, held, figures in targets:
        print(f"  {'PASS' if held else 'FAIL'}  {what}: {figures}")
    print(f"\n{sum(h for _, h, _ in targets)} of {len(targets)} targets hold")
    print(f"\nPerception (issue 14; default personas, {n} games a cell): the campaign's intelligence against perfect information")
    print(f"  {'campaign':<20} {'firebreak, beliefs':>19} {'perfect info.':>19} {'difference':>11} {'settlement, beliefs':>20} {'perfect info.':>19}")
    for name, cells in table.items():
        held, perfect = cells["default"], cells["perfect information"]
        print(
            f"  {name:<20} {_shown(held['firebreak_crossed'], n):>19} {_shown(perfect['firebreak_crossed'], n):>19}"
            f" {(held['firebreak_crossed'] - perfect['firebreak_crossed']) * 100:+10.1f}"
            f" {_shown(held['settlement'], n):>20} {_shown(perfect['settlement'], n):>19}"
        )
    print(f"\nHorizontal escalation ({n} games a cell; share of games with a spill-over in %, 95% interval)")
    print(f"  {'campaign, cell':<36} {'from a move':>19} {'from an incident':>19} {'spills a game':>13}")
    spill: dict[str, dict[str, dict]] = {}
    for name in args.campaigns:
        loaded = load_campaign(str(ROOT / "campaigns" / f"{name}.toml"))
        teams = [t.id for t in loaded.campaign.teams]
        spill[name] = {}
        for cell, personas in (("default", {t.id: t.persona for t in loaded.campaign.teams}), ("all hawk", dict.fromkeys(teams, "hawk"))):
            f = spill[name][cell] = spill_figures(loaded, personas, n, args.seed)
            print(
                f"  {name + ', ' + cell:<36} {_shown(f['from_a_move'], n):>19} {_shown(f['from_an_incident'], n):>19}"
                f" {f['spills_per_game']:13.2f}",
                flush=True,
            )
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"games": n, "seed": args.seed, "cells": table, "spill_over": spill}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
