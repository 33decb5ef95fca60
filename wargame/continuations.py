"""`wargame simulate --from SAVE --turn N`: play a saved game on from turn N many times, and say
how the game's actual outcome compares with what the continuations came to.

With `--set`, every continuation is played twice with the same seeds, once on the campaign as
saved and once changed, so that the difference is the change's and not the dice's.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor

import attrs

from .campaign.loader import parse_campaign
from .campaign.overrides import with_settings
from .core.continuations import ContinuationTally, actual_outcome, history, play_on
from .core.simulation import run_seed
from .persistence.saves import LoadedSave, load_save
from .persistence.verification import does_not_reproduce, verify_save
from .problems import Problem, ProblemsFound

CHUNK = 25

_PREPARED: dict[tuple, tuple] = {}
"""What a worker process built once per study: the campaign, the state at the fork, the actual outcome."""


@attrs.frozen
class Study:
    """Everything a worker needs to play continuations: plain values, so they pickle."""

    source: str
    path: str
    settings: tuple[str, ...]
    records: tuple
    kept: int
    personas: dict[str, str]
    last_turn: int
    seed: int


def _prepared(study: Study):
    key = (study.source, study.settings, study.kept, len(study.records))
    if key not in _PREPARED:
        loaded = parse_campaign(study.path, study.source)
        changed = with_settings(loaded, list(study.settings)).campaign if study.settings else loaded.campaign
        actual = actual_outcome(loaded.campaign, study.records)
        state, peaks, points, last = history(changed, study.records[: study.kept])
        _PREPARED[key] = (changed, actual, state, peaks, points, last)
    return _PREPARED[key]


def _run_chunk(args) -> ContinuationTally:
    study, start, stop = args
    campaign, actual, state, peaks, points, last = _prepared(study)
    tally = ContinuationTally()
    for index in range(start, stop):
        outcome = play_on(campaign, state, peaks, points, last, study.personas, run_seed(study.seed, index), study.last_turn)
        tally.add(outcome, campaign, actual)
    return tally


def _tally(study: Study, runs: int, jobs: int, progress, label: str) -> ContinuationTally:
    chunks = [(study, start, min(start + CHUNK, runs)) for start in range(0, runs, CHUNK)]
    total = ContinuationTally()

    def advance(tally: ContinuationTally) -> None:
        total.merge(tally)
        if progress:
            filled = total.games * 30 // runs
            sys.stderr.write(f"\r{label}[{'#' * filled}{'.' * (30 - filled)}] {total.games}/{runs} games")
            sys.stderr.flush()

    if jobs == 1:
        for chunk in chunks:
            advance(_run_chunk(chunk))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for tally in pool.map(_run_chunk, chunks):
                advance(tally)
    if progress:
        sys.stderr.write("\n")
    return total


def simulate_from(
    loaded: LoadedSave, turn: int, bots: dict[str, str], settings: tuple[str, ...], runs: int, seed: int, jobs: int, progress: bool,
) -> dict:
    """The continuations of the game in `loaded` from `turn`, and with `settings` the same runs changed."""
    path = loaded.path
    save = loaded.save
    played = len(save.turns)
    if not 1 <= turn <= played:
        raise ProblemsFound([Problem(path, f"has turns 1 to {played}; --turn must be one of them (the first turn played anew), got {turn}")])
    kept = attrs.evolve(loaded, save=attrs.evolve(save, turns=save.turns[: turn - 1]))
    verification = verify_save(kept)
    if not verification.reproduces:
        raise ProblemsFound([Problem(path, f"{does_not_reproduce(kept, verification)}; cannot play on from turn {turn}")])
    campaign = loaded.campaign.campaign
    personas = {
        t.id: bots.get(t.id, save.settings.bots.get(t.id, t.persona)) for t in campaign.teams
    }
    if settings:
        with_settings(loaded.campaign, list(settings))  # a setting the campaign refuses is refused before any game
    study = Study(
        loaded.campaign.source, loaded.campaign.path, (), save.turns, turn - 1, personas, save.settings.turns, seed,
    )
    actual = actual_outcome(campaign, save.turns)
    result = {
        "save": path, "campaign": campaign.title, "from_turn": turn, "seed": seed, "personas": personas,
        "settings": list(settings),
        "rung_names": {rung.id: rung.name for rung in campaign.rungs},
        "baseline": _tally(study, runs, jobs, progress, "as saved " if settings else "").report(campaign, actual),
    }
    if settings:
        changed = attrs.evolve(study, settings=tuple(settings))
        result["changed"] = _tally(changed, runs, jobs, progress, "changed  ").report(campaign, actual)
    return result


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%" if x * 100 == round(x * 100) or x * 100 >= 10 else f"{x * 100:.1f}%"


def render(r: dict) -> str:
    """The study as sentences a facilitator can read out: the actual outcome against the continuations."""
    base = r["baseline"]
    changed = r.get("changed")
    n, turn = base["runs"], r["from_turn"]
    bots = ", ".join(f"{team}={persona}" for team, persona in r["personas"].items())
    change = " and ".join(r["settings"])
    lines = [
        f"{n} continuations of {r['save']} from turn {turn} (“{r['campaign']}”; seed {r['seed']}; bots: {bots})",
        *([f"Changed in a second set of {n}, with the same seeds: {change}"] if changed else []),
        "",
    ]

    def with_change(key_fn) -> str:
        if not changed:
            return ""
        return f"; with {change}: {_pct(key_fn(changed))}"

    ending = (base["actual_ending"] or "not ended yet").replace("_", " ")
    lines.append(
        f"In this game the ending was “{ending}”; from turn {turn}, {_pct(base['actual_ending_share'])} of {n} continuations end so"
        + with_change(lambda x: x["actual_ending_share"])
    )
    if base["firebreak"] is not None:
        did = "a firebreak was crossed" if base["actual_firebreak_crossed"] else "no firebreak was crossed"
        lines.append(
            f"In this game {did}; from turn {turn}, {_pct(base['firebreak_crossed'])} of continuations cross one"
            + with_change(lambda x: x["firebreak_crossed"])
        )
    lowest = next(iter(r["rung_names"]))
    for i, d in enumerate(base["dyads"]):
        if d["actual_peak"] == lowest:
            continue  # every continuation "reaches" the bottom rung: the line would say nothing
        other = changed["dyads"][i]["reach_actual_peak"] if changed else None
        lines.append(
            f"In this game {d['name']} reached {r['rung_names'][d['actual_peak']]}; from turn {turn}, "
            f"{_pct(d['reach_actual_peak'])} of continuations reach it or higher"
            + (f"; with {change}: {_pct(other)}" if changed else "")
        )
    lines += ["", "How continuations end:"]
    for reason, share in base["endings"].items():
        tail = f"   (with {change}: {_pct(changed['endings'].get(reason, 0))})" if changed else ""
        lines.append(f"  {reason.replace('_', ' '):<14} {_pct(share):>6}{tail}")
    if changed:
        for reason, share in changed["endings"].items():
            if reason not in base["endings"]:
                lines.append(f"  {reason.replace('_', ' '):<14} {'0%':>6}   (with {change}: {_pct(share)})")
    lines += ["", "Points (this game; continuations: mean, and how often a team does at least as well):"]
    for i, t in enumerate(base["teams"]):
        tail = f"; with {change}: mean {changed['teams'][i]['mean_points']:.1f}" if changed else ""
        lines.append(
            f"  {t['name']}: {t['actual_points']}; mean {t['mean_points']:.1f}, at least {t['actual_points']} in {_pct(t['at_least_actual'])}{tail}"
        )
    return "\n".join(lines)


def study_command(args, parse_bots) -> dict:
    """`simulate --from`: the save, the players and the study; the CLI prints the result."""
    loaded = load_save(args.from_save)
    teams = tuple(t.id for t in loaded.campaign.campaign.teams)
    bots = parse_bots(args.bot, teams, "simulate")
    return simulate_from(loaded, args.turn, bots, tuple(args.settings), args.runs, args.seed, args.jobs, progress=sys.stderr.isatty())
