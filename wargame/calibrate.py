"""`wargame calibrate`: play each vignette with each persona and say how well the bots reproduce history.

The scoring is `core.calibration`'s; this module finds the vignettes, plays the games (the same
seeds for every persona, so differences are the personas' and not the dice's) and renders the
result as Markdown or JSON.
"""

from __future__ import annotations

import math
from pathlib import Path

from .campaign.library import bundled_folder
from .campaign.loader import LoadedCampaign, load_campaign
from .core import calibration as cal
from .core.personas import PERSONAS
from .core.simulation import run_seed
from .problems import Problem, ProblemsFound

VIGNETTES = "vignettes"
"""The folder, beside the bundled campaigns, that holds the vignettes."""


def vignette_folder() -> Path:
    return bundled_folder() / VIGNETTES


def bundled_vignettes() -> list[Path]:
    return sorted(vignette_folder().glob("*.toml"))


def find_vignette(name: str) -> Path:
    """A vignette by its bundled name (`cuba-1962`) or by the path of a campaign file."""
    bundled = vignette_folder() / f"{name}.toml"
    if bundled.is_file():
        return bundled
    path = Path(name)
    if path.is_file():
        return path
    known = ", ".join(p.stem for p in bundled_vignettes())
    raise ProblemsFound([Problem(name, f"no such vignette or file; bundled vignettes: {known}")])


def load_vignette(path: Path) -> LoadedCampaign:
    loaded = load_campaign(str(path))
    if not loaded.campaign.history:
        raise ProblemsFound([Problem(
            str(path), "has no [[history]] to calibrate against; add the observed path (see docs/campaign-format.md, \"[[history]]\")",
        )])
    return loaded


def _shown(path: Path) -> str:
    """A bundled vignette by its name, another file by the path it was given."""
    return path.stem if path.resolve().parent == vignette_folder().resolve() else str(path)


def _r(x: float) -> float:
    return round(x, 4)


def calibrate_one(loaded: LoadedCampaign, runs: int, seed: int, personas=PERSONAS) -> dict:
    """One vignette's calibration, ready for JSON."""
    c = loaded.campaign
    rung_ids = [r.id for r in c.rungs]
    # A dyad is shown in the order its history first names it (`usa–prc`, not the sorted key).
    named = {}
    for o in c.history:
        named.setdefault("|".join(sorted(o.dyad)), list(o.dyad))
    out = []
    for persona in personas:
        games = [cal.play_path(c, run_seed(seed, i), {t.id: persona for t in c.teams}) for i in range(runs)]
        result = cal.score(c, persona, games)
        out.append({
            "persona": persona, "games": result.games, "brier": _r(result.brier), "log": _r(result.log),
            "peak_match": _r(result.peak_match), "ending_match": _r(result.ending_match),
            "violence": _r(result.violence), "terminal": _r(result.terminal),
            "turns": [
                {
                    "dyad": named[t.dyad], "turn": t.turn, "observed": rung_ids[t.observed],
                    "forecast": {rung_ids[k]: _r(p) for k, p in enumerate(t.forecast) if p},
                    "p_observed": _r(t.forecast[t.observed]), "brier": _r(t.brier), "log": _r(t.log),
                }
                for t in result.turns
            ],
        })
    return {
        "path": _shown(Path(loaded.path)), "title": c.title, "turns": c.turns, "rungs": rung_ids,
        "rung_names": {r.id: r.name for r in c.rungs},
        "history": [
            {"turn": o.turn, "dyad": list(o.dyad), "rung": o.rung, "note": o.note, "source": o.source} for o in c.history
        ],
        "history_base_rates": cal.history_base_rates(c),
        "baselines": {name: {"brier": _r(b), "log": _r(lg)} for name, (b, lg) in cal.baselines(c).items()},
        "personas": out,
    }


def calibrate(paths: list[Path], runs: int, seed: int) -> dict:
    vignettes = [calibrate_one(load_vignette(p), runs, seed) for p in paths]
    n = max(len(vignettes), 1)
    rates = {
        "history": {
            "vignettes": len(vignettes),
            "violence": sum(v["history_base_rates"]["violence"] for v in vignettes),
            "terminal": sum(v["history_base_rates"]["terminal"] for v in vignettes),
        },
        "personas": {
            p: {
                "violence": _r(sum(v["personas"][i]["violence"] for v in vignettes) / n),
                "terminal": _r(sum(v["personas"][i]["terminal"] for v in vignettes) / n),
                "brier": _r(sum(v["personas"][i]["brier"] for v in vignettes) / n),
                "log": _r(sum(v["personas"][i]["log"] for v in vignettes) / n),
            }
            for i, p in enumerate(PERSONAS)
        },
    }
    return {"runs": runs, "seed": seed, "log_floor": cal.LOG_FLOOR, "vignettes": vignettes, "base_rates": rates}


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def render_markdown(result: dict) -> str:
    lines = [
        f"# Calibration against history ({result['runs']} games per persona and vignette, seed {result['seed']})",
        "",
        "Every team plays the same persona (`doctrine`: each team's doctrine in the vignette). For each observed",
        "turn, the games give a forecast (the share of games on each rung), scored against the rung that happened:",
        f"**Brier** over rungs (0 best, 2 worst) and **log** (−ln of the observed rung's share, floored at {result['log_floor']}:",
        f"{-math.log(result['log_floor']):.2f} at worst), averaged over the observed turns; lower is better.",
        "**Peak** and **ending**: the share of games whose highest rung and last rung are history's.",
        "**Force**: games that crossed a firebreak; **terminal**: games that reached the top of the ladder.",
        "Two forecasts without bots show what the scores are worth: an even spread over the rungs, and no change from the start.",
    ]
    for v in result["vignettes"]:
        names = v["rung_names"]
        path = " → ".join(names[h["rung"]] for h in v["history"])
        rates = v["history_base_rates"]
        lines += [
            "", f"## {v['title']}", "",
            f"`{v['path']}` · {v['turns']} turns · observed: {path} · force used: {'yes' if rates['violence'] else 'no'}",
            "",
            "| persona | Brier | log | peak | ending | force | terminal |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for p in v["personas"]:
            lines.append(
                f"| {p['persona']} | {p['brier']:.3f} | {p['log']:.3f} | {_pct(p['peak_match'])} | {_pct(p['ending_match'])} "
                f"| {_pct(p['violence'])} | {_pct(p['terminal'])} |"
            )
        for name, b in v["baselines"].items():
            lines.append(f"| *{name}* (no bot) | {b['brier']:.3f} | {b['log']:.3f} | | | | |")
        personas = [p["persona"] for p in v["personas"]]
        lines += [
            "", "Share of games on the observed rung, turn by turn:", "",
            "| turn | dyad | observed | " + " | ".join(personas) + " |",
            "|---:|---|---|" + "---:|" * len(personas),
        ]
        for i, t in enumerate(v["personas"][0]["turns"]):
            shares = " | ".join(_pct(p["turns"][i]["p_observed"]) for p in v["personas"])
            lines.append(f"| {t['turn']} | {'–'.join(t['dyad'])} | {names[t['observed']]} | {shares} |")
        best = min(v["personas"], key=lambda p: (p["brier"], p["persona"]))
        lines += [
            "", f"The best persona here by Brier, **{best['persona']}**, forecast:", "",
            "| turn | observed | forecast (most likely rungs) | Brier | log |", "|---:|---|---|---:|---:|",
        ]
        for t in best["turns"]:
            top = sorted(t["forecast"].items(), key=lambda kv: -kv[1])[:3]
            shown = ", ".join(f"{names[r]} {_pct(p)}" for r, p in top)
            lines.append(f"| {t['turn']} | {names[t['observed']]} | {shown} | {t['brier']:.3f} | {t['log']:.3f} |")
    rates = result["base_rates"]
    h = rates["history"]
    lines += [
        "", "## Base rates", "",
        f"In history, force was used in {h['violence']} of these {h['vignettes']} crises and none reached the top of its ladder;",
        "nuclear weapons have not been used since August 1945, in any of the crises the International Crisis Behavior",
        "project records (Brecher and Wilkenfeld, *A Study of Crisis*, 1997). A persona that often ends a vignette at",
        "the top of its ladder is off the historical record.", "",
        "| persona | mean Brier | mean log | force (mean share) | terminal (mean share) |", "|---|---:|---:|---:|---:|",
        f"| *history* | | | {h['violence']} of {h['vignettes']} | {h['terminal']} of {h['vignettes']} |",
    ]
    for persona, r in rates["personas"].items():
        lines.append(f"| {persona} | {r['brier']:.3f} | {r['log']:.3f} | {_pct(r['violence'])} | {_pct(r['terminal'])} |")
    return "\n".join(lines) + "\n"
