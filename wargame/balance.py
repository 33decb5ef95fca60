"""The balance report of `wargame simulate`: warnings an instructor should act on, outliers to replay, and
the report as Markdown, JSON or CSV rows. Reads a simulation's result (see `core.simulation.Tally.report`)."""

from __future__ import annotations

import csv
import io
import shlex

from .core.model import Campaign
from .core.simulation import run_seed

RARE = 0.05
"""An ending or a peak rung seen in at most this share of games is an outlier worth replaying."""
MAX_OUTLIERS = 8
HIGH_REFUSAL = 0.2
"""A team whose orders are refused this often is told so: the bots (or players) misread the requirements."""


def possible_endings(campaign: Campaign) -> dict[str, str]:
    """The endings this campaign can produce (reason -> what produces it); the facilitator's is left out."""
    endings = {"turn_limit": "the last turn is played"}
    if any(r.terminal for r in campaign.rungs):
        endings["terminal"] = "a dyad reaches a terminal rung"
    if campaign.rules.calm_rung:
        endings["de-escalation"] = f"{campaign.rules.calm_turns} turns at or below rules.calm_rung"
    if campaign.rules.end_on_settlement and campaign.channels:
        endings["settlement"] = "a settlement proposal is accepted over a channel"
    return endings


def look_at(warning: dict) -> str:
    """What to look at, as a sentence (ending in a question mark when it asks one)."""
    text = warning["look_at"]
    return text + ("?" if text.endswith(("reach it", "win anything", "stay open")) else ".")


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".0%", "%")


def warnings(result: dict, campaign: Campaign) -> list[dict]:
    """What an instructor should look at, each {"kind", "text", "look_at"}: objectives met in no game or
    in every game, endings never seen, every game ended by the turn limit, moves never used or always
    failing, teams whose orders are often refused, a team that scores lowest in every game."""
    n = result["games"]
    out: list[dict] = []

    def warn(kind: str, text: str, look_at: str) -> None:
        out.append({"kind": kind, "text": text, "look_at": look_at})

    for team in result["teams"]:
        for o in team["objectives"]:
            if o["met"] == 0:
                warn(
                    "objective_never_met",
                    f"{team['name']}: “{o['description']}” was met in none of {n} games "
                    f"(95% interval 0–{_pct(o['met_interval'][1])}).",
                    f"the condition of objective {o['id']} of team {team['id']}: can these bots ever reach it",
                )
            elif o["met"] == 1:
                warn(
                    "objective_always_met",
                    f"{team['name']}: “{o['description']}” was met in every one of {n} games.",
                    f"the condition of objective {o['id']} of team {team['id']}: it holds whatever is played, so it rewards nothing",
                )
    seen = result["endings"]
    unseen = [reason for reason in possible_endings(campaign) if reason not in seen]
    if seen.get("turn_limit") == 1 and n > 1:
        names = [reason.replace("_", " ") for reason in unseen if reason != "turn_limit"]
        others = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        warn(
            "turn_limit_only",
            f"All {n} games were decided by the turn limit" + (f": none ended by {others}." if others else "."),
            "the turn limit, the terminal rungs, rules.calm_rung and the channels that carry settlements: is the crisis meant to stay open",
        )
        unseen = []
    for reason, how in possible_endings(campaign).items():
        if reason in unseen:
            warn(
                "ending_never_seen", f"No game ended by {reason.replace('_', ' ')} ({how}).",
                {
                    "terminal": "the terminal rungs and the moves and leaks that reach them",
                    "de-escalation": "rules.calm_rung and rules.calm_turns, and the moves that step down",
                    "settlement": "the channels that carry proposals, their reliability, and the personas that accept them",
                    "turn_limit": "turns: every game ends earlier",
                }[reason],
            )
    for team in result["teams"]:
        unused = [m for m in team["moves"] if m["used"] == 0]
        if unused and n > 1:
            names = ", ".join(m["name"] for m in unused[:6]) + (f" and {len(unused) - 6} more" if len(unused) > 6 else "")
            warn(
                "move_never_used", f"{team['name']} never used: {names}.",
                "those moves' requirements, cost and the personas' tables: a move no one plays teaches nothing",
            )
        failing = [m for m in team["moves"] if m["used"] >= 10 and m["failure_rate"] == 1]
        for m in failing:
            warn(
                "move_always_fails", f"{team['name']}: {m['name']} failed every one of the {m['used']} times it was played.",
                f"the chance of move {m['id']} (base and modifiers)",
            )
        if team["refusal_rate"] >= HIGH_REFUSAL:
            warn(
                "orders_refused", f"{_pct(team['refusal_rate'])} of {team['name']}'s orders were refused.",
                f"the requirements of {team['id']}'s moves (rungs, tracks, channels) against where its games stand",
            )
        if team["last"] == 1 and n > 1:
            warn(
                "always_last", f"{team['name']} scored lowest in every game (mean {team['mean_points']:g} points).",
                f"the objectives and points of team {team['id']}: can it win anything",
            )
    return out


def outliers(result: dict, campaign: Campaign, command: list[str]) -> list[dict]:
    """Rare games worth replaying: the highest peak rungs and the endings seen in at most `RARE` of the
    games, each {"game", "seed", "why", "command"}; `command` is the simulate command that ran them."""
    n = result["games"]
    examples = result.get("examples", {})
    peaks = result.get("crisis_peak", {})
    rung_index = {r.id: i for i, r in enumerate(campaign.rungs)}
    out: list[dict] = []
    chosen: set[int] = set()

    def add(game: int, why: str) -> None:
        if game in chosen or len(out) >= MAX_OUTLIERS:
            return
        chosen.add(game)
        out.append({
            "game": game, "seed": run_seed(result["seed"], game), "why": why,
            "command": shlex.join([*command, "--save-game", str(game), "DIR"]),
        })

    for rung_id, share in sorted(peaks.items(), key=lambda kv: -rung_index[kv[0]]):
        if share > RARE:
            break
        rung = campaign.rungs[rung_index[rung_id]]
        for game in examples.get(f"peak|{rung_index[rung_id]}", [])[:2]:
            add(game, f"the crisis reached {rung.name} (as in {_pct(share)} of games)")
    for reason, share in result["endings"].items():
        if share <= RARE:
            for game in examples.get(f"ending|{reason}", [])[:3]:
                add(game, f"ended by {reason.replace('_', ' ')} (as in {_pct(share)} of games)")
    return out


def simulate_command(campaign_path: str, runs: int, seed: int, personas: dict[str, str], defaults: dict[str, str], settings) -> list[str]:
    """The `wargame simulate` command line that plays the same games (bots named only where they differ
    from the campaign's own)."""
    argv = ["wargame", "simulate", campaign_path, "--runs", str(runs), "--seed", str(seed)]
    for team, persona in personas.items():
        if defaults.get(team) != persona:
            argv += ["--bot", f"{team}={persona}"]
    for setting in settings:
        argv += ["--set", setting]
    return argv


# --- Markdown ---------------------------------------------------------------------------------


def _interval(lo_hi) -> str:
    lo, hi = lo_hi
    return f"{_pct(lo)}–{_pct(hi)}"


def render_markdown(r: dict) -> str:
    """The balance report as Markdown: what to act on first, then each figure with its 95% interval."""
    bots = ", ".join(f"{team}={persona}" for team, persona in r["personas"].items())
    lines = [
        f"# Balance report: {r['campaign']}",
        "",
        f"{r['games']} games, seed {r['seed']}; bots: {bots}.",
        *(f"Changed for this run: `{s}`." for s in r.get("settings", ())),
        "Intervals are 95%: Wilson for shares, Student's t for means.",
        "",
        "## What to look at",
        "",
    ]
    if r.get("warnings"):
        lines += [f"- **{w['text']}** Look at {look_at(w)}" for w in r["warnings"]]
    else:
        lines.append("Nothing stands out: every objective is met in some games and missed in others, and every ending occurs.")
    if r.get("outliers"):
        lines += ["", "## Games worth replaying", ""]
        lines += [f"- game {o['game']}: {o['why']} — `{o['command']}`" for o in r["outliers"]]
    lines += ["", "## How games end", "", "| ending | share | 95% interval |", "|---|---:|---|"]
    for reason, share in r["endings"].items():
        lines.append(f"| {reason.replace('_', ' ')} | {_pct(share)} | {_interval(r['ending_intervals'][reason])} |")
    lines += [
        "",
        f"Average length {r['mean_turns']:g} turns. A firebreak crossed in {_pct(r['firebreak_crossed'])} of games "
        f"({_interval(r['firebreak_interval'])}); first by a move {_pct(r['first_crossing']['move'])}, "
        f"by an incident {_pct(r['first_crossing']['incident'])}, by an inject or ruling {_pct(r['first_crossing']['other'])}.",
        "",
        "## Scores",
        "",
        "| team | mean points | sd | 95% interval | scores lowest |",
        "|---|---:|---:|---|---:|",
    ]
    for t in r["teams"]:
        lo, hi = t["points_interval"]
        lines.append(f"| {t['name']} | {t['mean_points']:g} | {t['sd_points']:g} | {lo:g}–{hi:g} | {_pct(t['last'])} |")
    lines += ["", "## Objectives", "", "| team | objective | points | met | 95% interval | |", "|---|---|---:|---:|---|---|"]
    for t in r["teams"]:
        for o in t["objectives"]:
            flag = "never met" if o["met"] == 0 else "always met" if o["met"] == 1 else ""
            lines.append(
                f"| {t['name']} | {o['description']} | {o['points']} | {_pct(o['met'])} | {_interval(o['met_interval'])} | {flag} |"
            )
    lines += ["", "## Moves", "", "Times played per game, the share that failed, and the orders refused per team.", ""]
    for t in r["teams"]:
        lines += [
            f"### {t['name']}: {t['orders']} orders, {_pct(t['refusal_rate'])} refused",
            "",
            "| move | per game | failed |",
            "|---|---:|---:|",
        ]
        for m in t["moves"]:
            failed = _pct(m["failure_rate"]) if m["failure_rate"] is not None else "never played"
            lines.append(f"| {m['name']} | {m['per_game']:g} | {failed} |")
        lines.append("")
    lines += ["## Escalation by dyad", "", "How often each rung was a dyad's highest, and the mean rung after each turn (of the games still going).", ""]
    rung_names = {rung["id"]: rung["name"] for rung in r["rungs"]}
    going = r["games_still_going_by_turn"]
    lines += [
        "| dyad | highest rung | peaks | " + " | ".join(f"T{i + 1}" for i in range(len(going))) + " |",
        "|---|---|---|" + "---:|" * len(going),
    ]
    for d in r["dyads"]:
        peaks = ", ".join(f"{rung_names[k]} {_pct(v)}" for k, v in d["peak"].items())
        lines.append(
            f"| {d['name']} | {rung_names[d['highest']]} | {peaks} | " + " | ".join(f"{x:.1f}" for x in d["mean_rung_by_turn"]) + " |"
        )
    lines += ["", "Games still going: " + ", ".join(f"T{i + 1} {g}" for i, g in enumerate(going)) + "."]
    lines += ["", "## Rungs reached", "", "| rung | reached | first turn (mean) |", "|---|---:|---:|"]
    for rung in reversed(r["rungs"]):
        mark = (" ╪" if rung["firebreak"] else "") + (" ✖" if rung["terminal"] else "")
        when = f"{rung['first_turn']:g}" if rung["first_turn"] is not None else "never"
        lines.append(f"| {rung['name']}{mark} | {_pct(rung['reached'])} | {when} |")
    i = r["incidents"]
    lines += [
        "",
        "## Incidents and channels",
        "",
        f"Incidents {i['per_game']:g} a game; contained by a channel {i['contained_per_game']:g}; "
        f"leaked across a threshold {i['leaked_per_game']:g}.",
        "",
        "| channel | sent per game | delivered | lost |",
        "|---|---:|---:|---:|",
        *(f"| {c['name']} | {c['sent_per_game']:g} | {c['delivered_per_game']:g} | {c['lost_per_game']:g} |" for c in r["channels"]),
        "",
        "## Proposals and settlements",
        "",
    ]
    if r["proposals"]:
        lines += ["| proposal | sent per game | accepted | rejected | lapsed |", "|---|---:|---:|---:|---:|"]
        for p in r["proposals"]:
            lines.append(
                f"| {p['kind'].replace('_', ' ')} | {p['sent_per_game']:g} | {p['accepted_per_game']:g} | "
                f"{p['rejected_per_game']:g} | {p['lapsed_per_game']:g} |"
            )
    else:
        lines.append("No proposal was sent in any game.")
    if r["treaties"]:
        lines += ["", "## Commitments", "", "| treaty | honoured per game | breached per game | games with a breach |", "|---|---:|---:|---:|"]
        for t in r["treaties"]:
            lines.append(f"| {t['name']} | {t['honoured_per_game']:g} | {t['breached_per_game']:g} | {_pct(t['games_with_breach'])} |")
    return "\n".join(lines) + "\n"


# --- per-game rows ------------------------------------------------------------------------------


def games_csv(rows: dict[int, dict], campaign: Campaign) -> str:
    """One row per game, in game order: what `--games FILE.csv` writes."""
    teams = [t.id for t in campaign.teams]
    terminal = {i for i, r in enumerate(campaign.rungs) if r.terminal}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["game", "seed", "ending", "turns", "peak_rung", "firebreak_crossed", "first_crossing_by", "terminal", "incidents", *(f"points_{t}" for t in teams)])
    for index in sorted(rows):
        row = rows[index]
        writer.writerow([
            row["game"], row["seed"], row["ending"], row["turns"], campaign.rungs[row["peak"]].id,
            "yes" if row["first_crossing"] else "no", row["first_crossing"], "yes" if row["peak"] in terminal else "no",
            row["incidents"], *(row["points"].get(t, 0) for t in teams),
        ])
    return out.getvalue()
