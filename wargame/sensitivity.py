"""`wargame simulate --vary/--ablate`: which mechanism matters, measured on the same dice in every cell.

A study plays a baseline (the campaign, with any `--set`) and one cell per `--ablate MECHANISM` and
per step of each `--vary PATH=LOW:HIGH[:STEPS]`. Game i of every cell is played from the same seed
(common random numbers), so a difference between a cell and the baseline is the mechanism's, not
the dice's; its 95% interval is worked out from the per-game differences (a paired interval),
which is much narrower than two independent intervals would be. Each chunk of games returns sums of
whole numbers only, so the figures do not depend on how the games were split or where they ran.
"""

from __future__ import annotations

import copy
import math
import sys
import tomllib
from collections import Counter

import attrs
import tomli_w

from .ablations import ABLATIONS
from .campaign.loader import LoadedCampaign, parse_campaign, parse_toml
from .campaign.overrides import OverrideError, apply_settings, parse_setting
from .core.simulation import GameSummary, play_out, run_seed
from .problems import Problem, ProblemsFound

CHUNK = 25
"""Seeds a chunk plays in every cell: small enough to keep both cores busy to the end."""

Z95 = 1.96
"""The normal quantile of a two-sided 95% interval; with hundreds of games a cell, Student's t is the same."""


# --- cells ----------------------------------------------------------------------------------------


class StudyError(ValueError):
    """A --vary or --ablate that cannot be used; the message names it and says what to write."""


def _format_number(value: float) -> str:
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def parse_vary(flag: str) -> tuple[str, list[str]]:
    """`PATH=LOW:HIGH[:STEPS]` to its path and the values of its steps, as TOML text."""
    path, sep, spread = flag.partition("=")
    parts = spread.split(":")
    if not sep or not path.strip() or len(parts) not in (2, 3):
        raise StudyError(f"--vary {flag!r}: write PATH=LOW:HIGH or PATH=LOW:HIGH:STEPS, e.g. rules.accident_per_rung=0.01:0.05:3")
    try:
        low, high = (tomllib.loads(f"v = {p.strip()}")["v"] for p in parts[:2])
    except tomllib.TOMLDecodeError:
        low = high = None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high)) or low == high:
        raise StudyError(f"--vary {flag!r}: LOW and HIGH must be two different numbers, e.g. 0:1")
    steps = parts[2].strip() if len(parts) == 3 else "2"
    if not steps.isdigit() or not 2 <= int(steps) <= 21:
        raise StudyError(f"--vary {flag!r}: STEPS must be a whole number from 2 to 21 (the values from LOW to HIGH, both included)")
    n = int(steps)
    if isinstance(low, int) and isinstance(high, int) and (high - low) % (n - 1) == 0:
        values = [low + (high - low) // (n - 1) * i for i in range(n)]
    else:
        values = [round(low + (high - low) * i / (n - 1), 10) for i in range(n)]
    path = path.strip()
    try:
        parse_setting(f"{path}=0")
    except OverrideError:
        raise StudyError(f"--vary {flag!r}: PATH is the campaign's keys joined by dots, as in --set") from None
    return path, [_format_number(float(v) if isinstance(v, float) else v) for v in values]


@attrs.frozen
class Cell:
    """One column of a study: the baseline, a mechanism switched off, or one value of a varied key."""

    id: str
    kind: str
    """"baseline", "ablate" or "vary"."""
    factor: str
    """What the tornado chart groups it under: the mechanism's name or the varied path."""
    label: str
    spec: tuple[str, str] = ("baseline", "")
    value: str = ""
    unused: bool = False
    """The cell's campaign is the baseline's (a mechanism the campaign does not use, a varied key at the
    campaign's own value): it is not played again, and its difference is 0."""


def cell_data(data: dict, spec: tuple[str, str]) -> dict:
    """The campaign's TOML data as the cell `spec` changes it (a new dict; `data` is left as it was)."""
    kind, what = spec
    if kind == "ablate":
        changed = copy.deepcopy(data)
        ABLATIONS[what].apply(changed)
        return changed
    if kind == "set":
        return apply_settings(data, [what])
    return data


def plan_cells(loaded: LoadedCampaign, varies: list[str], ablates: list[str]) -> list[Cell]:
    """The baseline and every cell, each checked like a campaign; ProblemsFound names the flag at fault."""
    data = parse_toml(loaded.path, loaded.source)
    cells = [Cell("baseline", "baseline", "baseline", "baseline")]
    for name in ablates:
        if name not in ABLATIONS:
            raise StudyError(f"--ablate {name}: no such mechanism (mechanisms: {', '.join(ABLATIONS)})")
        a = ABLATIONS[name]
        cells.append(Cell(f"ablate:{name}", "ablate", name, a.label, ("ablate", name), unused=cell_data(data, ("ablate", name)) == data))
    for flag in varies:
        path, values = parse_vary(flag)
        for value in values:
            setting = f"{path}={value}"
            try:
                same = cell_data(data, ("set", setting)) == data
            except OverrideError as exc:
                reason = str(exc).removeprefix(f"--set {setting}: ")
                raise ProblemsFound([Problem(loaded.path, f"--vary {flag}: {reason}")]) from None
            cells.append(Cell(f"vary:{setting}", "vary", path, f"{path} = {value}", ("set", setting), value, unused=same))
    seen = set()
    for cell in cells:
        if cell.id in seen:
            raise StudyError(f"{cell.id.replace(':', ' ', 1)} is asked for twice; each cell is played once")
        seen.add(cell.id)
    for cell in cells[1:]:
        if cell.unused:
            continue
        what = f"--ablate {cell.factor}" if cell.kind == "ablate" else f"--vary {cell.factor} (at {cell.value})"
        try:
            parse_campaign(loaded.path, tomli_w.dumps(cell_data(data, cell.spec)))
        except OverrideError as exc:
            raise ProblemsFound([Problem(loaded.path, f"{what}: {exc}")]) from None
        except ProblemsFound as found:
            raise ProblemsFound(
                [Problem(p.path, f"after {what}: {p.message}", at=p.at, severity=p.severity) for p in found.problems]
            ) from None
    return cells


# --- playing --------------------------------------------------------------------------------------


def game_values(firebreaks: list[str], summary: GameSummary, rung_ids: list[str]) -> dict[str, int]:
    """What a study compares of one game, as whole numbers: 1/0 for a yes-or-no outcome, counts and points."""
    values = {
        "firebreak_crossed": int(bool(summary.first_crossing)),
        f"ending:{summary.ending}": 1,
        "turns": summary.turns,
        "incidents": summary.incidents,
        "honoured": sum(summary.honoured.values()),
        "breached": sum(summary.breached.values()),
        "credibility_pinned": summary.credibility_pinned,
    }
    if summary.first_crossing:
        values[f"crossed_by:{summary.first_crossing}"] = 1
    for rung in firebreaks:
        values[f"reached:{rung}"] = int(rung_ids.index(rung) in summary.first_reach)
    for team, points in summary.points.items():
        values[f"points:{team}"] = points
    return values


class PairedTally:
    """Sums over games of each cell's values and of each cell's per-game difference from the baseline.

    Whole numbers only (counts, squares), so tallies add up to the same figures in any order.
    """

    def __init__(self) -> None:
        self.games = 0
        self.sums: Counter = Counter()
        """(cell index, metric, "x" | "xx" | "d" | "dd") → sum over games."""

    def add(self, values: list[dict[str, int]]) -> None:
        """One seed's values in every cell, the baseline first."""
        self.games += 1
        base = values[0]
        for c, cell in enumerate(values):
            for metric, x in cell.items():
                self.sums[c, metric, "x"] += x
                self.sums[c, metric, "xx"] += x * x
            if c:
                for metric in cell.keys() | base.keys():
                    d = cell.get(metric, 0) - base.get(metric, 0)
                    if d:
                        self.sums[c, metric, "d"] += d
                        self.sums[c, metric, "dd"] += d * d

    def merge(self, other: PairedTally) -> None:
        self.games += other.games
        self.sums.update(other.sums)

    def mean(self, c: int, metric: str, stat: str = "x") -> tuple[float, float]:
        """The mean of a cell's value (stat "x") or of its difference from the baseline ("d"), and
        the half-width of its 95% interval (0 with fewer than two games)."""
        n = self.games
        s, ss = self.sums[c, metric, stat], self.sums[c, metric, stat * 2]
        return mean_interval(n, s, ss)


def mean_interval(n: int, total: int, squares: int) -> tuple[float, float]:
    """The mean of n values whose sum is `total` and sum of squares `squares`, and the half-width of
    its 95% interval (normal approximation; 0 with fewer than two values)."""
    if n == 0:
        return 0.0, 0.0
    mean = total / n
    if n < 2:
        return mean, 0.0
    variance = max(squares - total * total / n, 0) / (n - 1)
    return mean, Z95 * math.sqrt(variance / n)


_CAMPAIGNS: dict[tuple, list] = {}
"""The cells' campaigns parsed in this worker process: each worker parses them once, not per chunk."""


def _cell_campaigns(path: str, source: str, specs: tuple[tuple[str, str], ...]) -> list:
    key = (source, specs)
    if key not in _CAMPAIGNS:
        data = parse_toml(path, source)
        _CAMPAIGNS[key] = [
            parse_campaign(path, source if spec[0] == "baseline" else tomli_w.dumps(cell_data(data, spec))).campaign
            for spec in specs
        ]
    return _CAMPAIGNS[key]


def run_chunk(args) -> PairedTally:
    """Play seeds start..stop-1 in every cell (a pure function of `args`, so it runs anywhere)."""
    path, source, specs, personas, seed, start, stop = args
    campaigns = _cell_campaigns(path, source, specs)
    base = campaigns[0]
    rung_ids = [r.id for r in base.rungs]
    firebreaks = [r.id for r in base.rungs if r.firebreak]
    tally = PairedTally()
    for index in range(start, stop):
        game_seed = run_seed(seed, index)
        tally.add([game_values(firebreaks, play_out(campaign, game_seed, personas), rung_ids) for campaign in campaigns])
    return tally


def study(
    loaded: LoadedCampaign, cells: list[Cell], personas: dict[str, str], runs: int, seed: int, jobs: int,
    progress: bool, settings: tuple[str, ...] = (), scheduler: str | None = None,
) -> dict:
    """Play every cell that changes something on the same `runs` seeds and report the differences."""
    from .executors import chunk_map

    played = [cell for cell in cells if not cell.unused]
    specs = tuple(cell.spec for cell in played)
    chunks = [
        (loaded.path, loaded.source, specs, personas, seed, start, min(start + CHUNK, runs))
        for start in range(0, runs, CHUNK)
    ]
    total = PairedTally()
    with chunk_map(jobs, scheduler) as run:
        for tally in run(run_chunk, chunks):
            total.merge(tally)
            if progress:
                filled = total.games * 30 // runs
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {total.games}/{runs} seeds × {len(played)} cells")
                sys.stderr.flush()
    if progress:
        sys.stderr.write("\n")
    return study_report(loaded, cells, total, personas, seed, settings)


# --- the report -----------------------------------------------------------------------------------


def outcomes(loaded: LoadedCampaign) -> list[dict]:
    """What a study reports, in order: the outcomes a seminar is about, then what moves them."""
    c = loaded.campaign
    found = [{"id": "firebreak_crossed", "name": "a firebreak crossed", "kind": "share", "group": "outcome"}]
    found += [
        {"id": f"reached:{r.id}", "name": f"{r.name} reached", "kind": "share", "group": "outcome"}
        for r in c.rungs if r.firebreak
    ]
    found += [
        {"id": f"ending:{reason}", "name": f"ending by {reason.replace('_', ' ')}", "kind": "share", "group": "outcome"}
        for reason in ("terminal", "settlement", "de-escalation", "turn_limit")
    ]
    found += [{"id": f"points:{t.id}", "name": f"{t.name}'s mean score", "kind": "mean", "group": "outcome"} for t in c.teams]
    found += [
        {"id": "crossed_by:move", "name": "a firebreak first crossed by a move", "kind": "share", "group": "mechanism"},
        {"id": "crossed_by:incident", "name": "a firebreak first crossed by an incident nobody ordered", "kind": "share", "group": "mechanism"},
        {"id": "incidents", "name": "incidents a game", "kind": "mean", "group": "mechanism"},
        {"id": "breached", "name": "obligations breached a game", "kind": "mean", "group": "mechanism"},
        {"id": "honoured", "name": "obligations honoured a game", "kind": "mean", "group": "mechanism"},
        {"id": "credibility_pinned", "name": "teams ending with credibility pinned at a bound", "kind": "mean", "group": "mechanism"},
        {"id": "turns", "name": "turns a game", "kind": "mean", "group": "mechanism"},
    ]
    return found


def _rounded(value: float, kind: str) -> float:
    return round(value, 4 if kind == "share" else 3)


def study_report(
    loaded: LoadedCampaign, cells: list[Cell], tally: PairedTally, personas: dict[str, str], seed: int,
    settings: tuple[str, ...] = (),
) -> dict:
    """The study as plain values, ready for JSON; every figure comes from whole-number sums."""
    measures = outcomes(loaded)
    index = {cell.id: i for i, cell in enumerate(c for c in cells if not c.unused)}
    baseline = {}
    for m in measures:
        value, half = tally.mean(0, m["id"])
        baseline[m["id"]] = {"value": _rounded(value, m["kind"]), "interval": _rounded(half, m["kind"])}
    reported = []
    for cell in cells[1:]:
        entry = {
            "id": cell.id, "kind": cell.kind, "factor": cell.factor, "label": cell.label, "unused": cell.unused,
        }
        if cell.kind == "ablate":
            a = ABLATIONS[cell.factor]
            entry.update(meaning=a.meaning, keys=a.keys)
        else:
            entry.update(value=cell.value, keys=cell.spec[1])
        figures = {}
        for m in measures:
            if cell.unused:
                value, half, diff, dhalf = tally.mean(0, m["id"])[0], 0.0, 0.0, 0.0
            else:
                value, half = tally.mean(index[cell.id], m["id"])
                diff, dhalf = tally.mean(index[cell.id], m["id"], "d")
            figures[m["id"]] = {
                "value": _rounded(value, m["kind"]),
                "difference": _rounded(diff, m["kind"]),
                "interval": _rounded(dhalf, m["kind"]),
                "significant": abs(diff) > dhalf and dhalf > 0 or (dhalf == 0 and diff != 0),
            }
        entry["outcomes"] = figures
        reported.append(entry)
    result = {
        "campaign": loaded.campaign.title, "seed": seed, "runs": tally.games, "personas": personas,
        "settings": list(settings), "outcomes": measures,
        "baseline": baseline, "cells": reported,
    }
    result["tornado"] = tornado(result)
    result["findings"] = findings(result)
    return result


def tornado(result: dict) -> dict[str, list[dict]]:
    """Per outcome, one bar per factor (a mechanism, or a varied key over its steps): the range of the
    change from the baseline, widest first; a factor that changed nothing is left out."""
    bars: dict[str, list[dict]] = {}
    for m in result["outcomes"]:
        by_factor: dict[str, list[dict]] = {}
        for cell in result["cells"]:
            if not cell["unused"]:
                by_factor.setdefault(cell["factor"], []).append(cell)
        rows = []
        for factor, group in by_factor.items():
            diffs = [c["outcomes"][m["id"]]["difference"] for c in group]
            if not any(diffs):
                continue
            row = {
                "factor": factor, "label": group[0]["label"] if group[0]["kind"] == "ablate" else factor,
                "low": min(0.0, *diffs), "high": max(0.0, *diffs),
                "steps": [
                    {"label": c["label"], "value": c.get("value", ""), "difference": c["outcomes"][m["id"]]["difference"],
                     "interval": c["outcomes"][m["id"]]["interval"]}
                    for c in group
                ],
            }
            rows.append(row)
        rows.sort(key=lambda r: (-(r["high"] - r["low"]), r["factor"]))
        if rows:
            bars[m["id"]] = rows
    return bars


def figure(value: float, kind: str) -> str:
    """A value as a reader reads it: a share in percent, a mean with two decimals."""
    return f"{value * 100:.1f}%" if kind == "share" else f"{value:.2f}"


def change(diff: float, half: float, kind: str) -> str:
    """A difference and its interval: "−17.6 points ±2.5" (percentage points for shares)."""
    if diff == 0 and half == 0:
        return "no change"
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    if kind == "share":
        return f"{sign}{abs(diff) * 100:.1f} points ±{half * 100:.1f}"
    return f"{sign}{abs(diff):.2f} ±{half:.2f}"


PLURAL = {"incidents", "breached", "honoured", "credibility_pinned", "turns"}
"""Outcomes named in the plural, which take "rise" and "fall"."""


def _sentence(m: dict, base: dict, fig: dict) -> str:
    plural = m["id"] in PLURAL  # "incidents a game rise", "a firebreak crossed rises"
    verb = ("rise" if plural else "rises") if fig["difference"] > 0 else ("fall" if plural else "falls")
    return (
        f"{m['name']} {verb} from {figure(base['value'], m['kind'])} to {figure(fig['value'], m['kind'])}"
        f" ({change(fig['difference'], fig['interval'], m['kind'])})"
    )


def findings(result: dict) -> list[str]:
    """One plain-words paragraph per cell: what it means, the outcomes that changed beyond the noise,
    and what changed with them (incidents, breaches …), the likeliest path of the effect."""
    lines = []
    for cell in result["cells"]:
        what = cell["label"] if cell["kind"] == "ablate" else f"with {cell['label']}"
        what = what[:1].upper() + what[1:]
        if cell["kind"] == "ablate":
            what += f" ({cell['meaning']})"
        if cell["unused"]:
            why = "the campaign does not use this mechanism" if cell["kind"] == "ablate" else "this is the campaign's own value"
            lines.append(f"{what}: {why}, so nothing changes (the baseline's figures).")
            continue
        moved = {"outcome": [], "mechanism": []}
        for m in result["outcomes"]:
            fig = cell["outcomes"][m["id"]]
            if fig["significant"]:
                moved[m["group"]].append(_sentence(m, result["baseline"][m["id"]], fig))
        if not moved["outcome"]:
            text = f"{what}: no outcome changes beyond the noise of {result['runs']} games"
        else:
            text = f"{what}: " + "; ".join(moved["outcome"])
        if moved["mechanism"]:
            text += ". With it, " + "; ".join(moved["mechanism"])
        lines.append(text + ".")
    return lines
