"""`wargame simulate`: many bot games across worker processes, with a progress bar and a readable summary."""

from __future__ import annotations

import sys

from .campaign.loader import LoadedCampaign, parse_campaign
from .core.simulation import Tally, play_out, run_seed
from .executors import chunk_map

CHUNK = 25


_PARSED: dict[str, object] = {}
"""Campaigns parsed in this worker process, by source text: each worker parses once, not per chunk."""


def _run_chunk(args) -> Tally:
    source, path, personas, seed, start, stop, *rest = args
    keep_games = bool(rest and rest[0])
    if source not in _PARSED:
        _PARSED[source] = parse_campaign(path, source).campaign
    campaign = _PARSED[source]
    tally = Tally(keep_games)
    for index in range(start, stop):
        game_seed = run_seed(seed, index)
        tally.add(play_out(campaign, game_seed, personas), index, game_seed)
    return tally


def run_tallies(
    loaded: LoadedCampaign, cells: list[dict[str, str]], runs: int, seed: int, jobs: int, progress: bool,
    keep_games: bool = False, scheduler: str | None = None,
) -> list[Tally]:
    """One merged `Tally` of `runs` games per cell (a persona for every team), all through one pool of
    `jobs` processes (or on the Dask cluster `scheduler` names). Every cell plays the same game seeds (common random numbers), and game i of a
    cell always has the same seed, whatever `jobs` is."""
    chunks = [
        (cell, (loaded.source, loaded.path, personas, seed, start, min(start + CHUNK, runs), keep_games))
        for cell, personas in enumerate(cells)
        for start in range(0, runs, CHUNK)
    ]
    totals = [Tally(keep_games) for _ in cells]
    total_games = runs * len(cells)
    done = 0

    def advance(cell: int, tally: Tally) -> None:
        nonlocal done
        totals[cell].merge(tally)
        done += tally.games
        if progress:
            filled = done * 30 // total_games
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total_games} games")
            sys.stderr.flush()

    with chunk_map(jobs, scheduler) as run:
        for (cell, _), tally in zip(chunks, run(_run_chunk, [chunk for _, chunk in chunks])):
            advance(cell, tally)
    if progress:
        sys.stderr.write("\n")
    return totals


def simulate(
    loaded: LoadedCampaign, personas: dict[str, str], runs: int, seed: int, jobs: int, progress: bool,
    settings: tuple[str, ...] = (), keep_games: bool = False, tally_out: list | None = None, scheduler: str | None = None,
) -> dict:
    """The tallied result of `runs` games; run i always has the same seed, whatever `jobs` is.

    `keep_games`: the tally also keeps one row per game; `tally_out`, when given, receives the
    merged `Tally` (for the per-game rows, or for callers that combine tallies themselves)."""
    (total,) = run_tallies(loaded, [personas], runs, seed, jobs, progress, keep_games, scheduler)
    if tally_out is not None:
        tally_out.append(total)
    result = total.report(loaded.campaign)
    return {"campaign": loaded.campaign.title, "seed": seed, "personas": personas, "settings": list(settings), **result}


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


def render_simulation(r: dict) -> str:
    """The result as a short text a facilitator can read."""
    bots = ", ".join(f"{team}={persona}" for team, persona in r["personas"].items())
    lines = [
        f"{r['games']} games of “{r['campaign']}” (seed {r['seed']}; bots: {bots})",
        *(f"Changed for this run: {setting}" for setting in r.get("settings", ())),
        f"Average length: {r['mean_turns']:.1f} turns",
        f"Incidents (accidents that happened): {r['incidents_per_game']:.2f} a game",
        f"A firebreak crossed: {_pct(r['firebreak_crossed']).strip()} of games"
        f" (first by a move {_pct(r['first_crossing']['move']).strip()},"
        f" by an incident {_pct(r['first_crossing']['incident']).strip()},"
        f" by an inject or ruling {_pct(r['first_crossing']['other']).strip()})",
        f"Credibility ends at its lowest or highest value: {_pct(r['credibility_pinned']).strip()} of teams",
        "",
        "How games end:",
        *(f"  {reason:<14} {_pct(share)}" for reason, share in r["endings"].items()),
        "",
        "Chance that the crisis reaches each rung (and the average turn it first does):",
    ]
    for rung in reversed(r["rungs"]):
        # Both marks when a rung is both: a terminal firebreak ends the game, and only a crossing move gets there.
        mark = ("╪" if rung["firebreak"] else " ") + ("✖" if rung["terminal"] else " ")
        mark = mark if mark != "╪ " else " ╪"
        when = f"turn {rung['first_turn']:.1f}" if rung["first_turn"] is not None else "never"
        lines.append(f"{mark} {rung['name']:<34} {_pct(rung['reached'])}  {when}")
    lines.append("   (╪ a firebreak: only a move that crosses it climbs onto it; ✖ terminal: the game ends there)")
    if r["firebreaks"]:
        lines += ["", "Firebreaks crossed:"]
        for rung in r["firebreaks"]:
            when = f", first on turn {rung['first_turn']:.1f} on average" if rung["first_turn"] is not None else ""
            lines.append(f"  {rung['name']}: {_pct(rung['reached']).strip()} of games{when}")
    if r["treaties"]:
        lines += ["", "Commitments (per game):"]
        for t in r["treaties"]:
            lines.append(
                f"  {t['name']}: honoured {t['honoured_per_game']:.2f}, breached {t['breached_per_game']:.2f}"
                f" (a breach in {_pct(t['games_with_breach']).strip()} of games)"
            )
    lines += ["", "Objectives (average points; how often each is met):"]
    for team in r["teams"]:
        lines.append(f"  {team['name']}: {team['mean_points']:.2f} points")
        for o in team["objectives"]:
            lines.append(f"    {_pct(o['met'])}  {o['description']} ({o['points']} pts)")
    return "\n".join(lines)
