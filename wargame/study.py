"""What `wargame simulate` makes of its games for a study: the balance report in each format, the persona
matrix, the per-game CSV, and any one game re-created as a save that opens in `wargame replay`."""

from __future__ import annotations

import random
from pathlib import Path

from .balance import games_csv, look_at, outliers, render_markdown, simulate_command, warnings
from .campaign.loader import LoadedCampaign
from .core.bots import news_for_bots
from .core.simulation import game_row, play_out, run_seed
from .core.statistics import wilson
from .output_file import write_file
from .problems import Problem, ProblemsFound
from .simulate import render_simulation, run_tallies, simulate

MATRIX_LIMIT = 256
"""More assignments than this need `--sample N`: 256 cells of 100 games is already a long wait."""


class StudyUsage(ValueError):
    """A combination of flags that cannot work; the CLI turns it into a usage error (exit 2)."""


def _json(value) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def balance_report(
    loaded: LoadedCampaign, personas: dict[str, str], args, campaign_path: str, progress: bool, keep_games: bool,
) -> tuple[dict, dict[int, dict] | None]:
    """The simulation's result with warnings and outliers added, and the per-game rows if kept."""
    tallies: list = []
    result = simulate(
        loaded, personas, args.runs, args.seed, args.jobs, progress=progress, settings=tuple(args.settings),
        keep_games=keep_games, tally_out=tallies, scheduler=args.scheduler,
    )
    defaults = {t.id: t.persona for t in loaded.campaign.teams}
    command = simulate_command(campaign_path, args.runs, args.seed, personas, defaults, args.settings)
    result["warnings"] = warnings(result, loaded.campaign)
    result["outliers"] = outliers(result, loaded.campaign, command)
    return result, tallies[0].rows


def render(result: dict, fmt: str) -> str:
    if fmt == "json":
        return _json(result)
    if fmt == "md":
        return render_markdown(result)
    if fmt == "html":
        from .persistence.balance_html import balance_html

        return balance_html(result)
    text = render_simulation(result)
    extra = []
    if result.get("warnings"):
        extra += ["", "What to look at:", *(f"  - {w['text']} Look at {look_at(w)}" for w in result["warnings"])]
    if result.get("outliers"):
        extra += ["", "Games worth replaying:", *(f"  game {o['game']}: {o['why']} — {o['command']}" for o in result["outliers"])]
    return text + "\n" + "\n".join(extra) + "\n"


# --- the persona matrix ---------------------------------------------------------------------------


def assignments(teams: list[str], personas: list[str], sample: int | None, seed: int) -> list[dict[str, str]]:
    """Every assignment of `personas` to `teams` in a fixed order (the first team's persona changing
    slowest), or `sample` of them drawn with a generator seeded by `seed`, kept in that order."""
    total = len(personas) ** len(teams)
    if sample is None or sample >= total:
        if total > MATRIX_LIMIT:
            raise StudyUsage(
                f"--personas gives {total} assignments of {len(personas)} personas to {len(teams)} teams; "
                f"play a sample of them with --sample N (for example --sample 50)"
            )
        chosen = range(total)
    else:
        chosen = sorted(random.Random(f"{seed}:personas").sample(range(total), sample))
    cells = []
    for number in chosen:
        digits = []
        for _ in teams:
            number, digit = divmod(number, len(personas))
            digits.append(digit)
        cells.append({team: personas[d] for team, d in zip(teams, reversed(digits))})
    return cells


def persona_matrix(loaded: LoadedCampaign, cells: list[dict[str, str]], args, progress: bool) -> dict:
    """Outcomes per assignment, every cell playing the same game seeds (common random numbers)."""
    campaign = loaded.campaign
    tallies = run_tallies(loaded, cells, args.runs, args.seed, args.jobs, progress, scheduler=args.scheduler)
    terminal = [i for i, r in enumerate(campaign.rungs) if r.terminal]
    rows = []
    for cell, tally in zip(cells, tallies):
        report = tally.report(campaign)
        crossed = sum(tally.first_crossing.values())
        terminal_games = sum(tally.crisis_peak[i] for i in terminal)
        rows.append({
            "personas": cell,
            "endings": report["endings"],
            "mean_turns": report["mean_turns"],
            "firebreak_crossed": report["firebreak_crossed"],
            "firebreak_interval": list(wilson(crossed, tally.games)),
            "terminal": round(terminal_games / tally.games, 4),
            "terminal_interval": list(wilson(terminal_games, tally.games)),
            "mean_points": {t["id"]: t["mean_points"] for t in report["teams"]},
            "points_interval": {t["id"]: t["points_interval"] for t in report["teams"]},
        })
    return {
        "campaign": campaign.title, "seed": args.seed, "runs_per_cell": args.runs,
        "personas": sorted({p for cell in cells for p in cell.values()}, key=[*args.personas].index),
        "settings": list(args.settings),
        "teams": [{"id": t.id, "name": t.name} for t in campaign.teams],
        "assignments_possible": len(args.personas) ** len(campaign.teams), "cells": rows,
    }


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".0%", "%")


def matrix_markdown(m: dict) -> str:
    teams = [t["id"] for t in m["teams"]]
    endings = sorted({reason for cell in m["cells"] for reason in cell["endings"]})
    lines = [
        f"# Persona matrix: {m['campaign']}",
        "",
        f"{len(m['cells'])} of {m['assignments_possible']} assignments of {', '.join(m['personas'])}, "
        f"{m['runs_per_cell']} games each, the same game seeds in every row (seed {m['seed']}).",
        *(f"Changed for this run: `{s}`." for s in m.get("settings", ())),
        "",
        "| " + " | ".join(teams) + " | " + " | ".join(e.replace("_", " ") for e in endings)
        + " | firebreak crossed | terminal | " + " | ".join(f"{t} pts" for t in teams) + " |",
        "|" + "---|" * len(teams) + "---:|" * (len(endings) + 2 + len(teams)),
    ]
    for cell in m["cells"]:
        lines.append(
            "| " + " | ".join(cell["personas"][t] for t in teams) + " | "
            + " | ".join(_pct(cell["endings"].get(e, 0)) for e in endings)
            + f" | {_pct(cell['firebreak_crossed'])} | {_pct(cell['terminal'])} | "
            + " | ".join(f"{cell['mean_points'][t]:g}" for t in teams) + " |"
        )
    return "\n".join(lines) + "\n"


def render_matrix(m: dict, fmt: str) -> str:
    if fmt == "json":
        return _json(m)
    if fmt == "html":
        from .persistence.balance_html import matrix_html

        return matrix_html(m)
    return matrix_markdown(m)


# --- one game as a save ---------------------------------------------------------------------------


def save_game(loaded: LoadedCampaign, personas: dict[str, str], seed: int, index: int, directory: str) -> tuple[str, dict]:
    """Game `index` of a simulation started with `seed`, written as a save in `directory`; returns the
    path and the game's row. The save is checked to be the very game the simulation played: read back
    from disk, its turns are the played ones, it re-adjudicates, and the bots give its orders again."""
    from .core.bots import bot_orders
    from .core.state import apply_all, initial_state
    from .persistence.saves import Settings, load_save, new_save, write_save
    from .persistence.verification import verify_save

    campaign = loaded.campaign
    game_seed = run_seed(seed, index)
    turns: list = []
    summary = play_out(campaign, game_seed, personas, record=turns)
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ProblemsFound([Problem(directory, "is a file; give a folder for the save")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProblemsFound([Problem(directory, f"cannot make the folder: {exc.strerror or exc}")]) from None
    path = folder / f"{Path(loaded.path).stem}-game-{index}.toml"
    if path.exists():  # it may be game `index` of another run (other seed, bots or settings): never overwrite it
        raise ProblemsFound([Problem(str(path), "already exists; choose another folder, or move that save away first")])
    save = new_save(loaded, game_seed, Settings(turns=campaign.turns, bots=dict(sorted(personas.items()))))
    import attrs

    write_save(path, attrs.evolve(save, turns=tuple(turns)), rotate=False)
    # The proof that the file is the simulated game, read back from disk.
    back = load_save(str(path))
    verification = verify_save(back)
    state, news = initial_state(back.campaign.campaign), []
    for record in back.save.turns:
        again = tuple(bot_orders(personas[o.team], back.campaign.campaign, state, o.team, game_seed, news) for o in record.orders)
        if again != record.orders:
            raise ProblemsFound([Problem(str(path), f"turn {record.number}: the bots' orders differ from the simulated game's")])
        state = apply_all(back.campaign.campaign, state, record.events)
        news = news_for_bots(record.events)
    if not verification.reproduces or tuple(back.save.turns) != tuple(turns):
        raise ProblemsFound([Problem(str(path), f"does not reproduce the simulated game: {verification.difference or 'its turns differ when read back'}")])
    return str(path), game_row(summary, index, game_seed)


def write_games(path: str, rows: dict[int, dict], loaded: LoadedCampaign) -> None:
    write_file(path, games_csv(rows, loaded.campaign))
