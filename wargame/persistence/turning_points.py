"""Turning points of a game, found in a report's events: thresholds crossed, the largest swings,
treaty invocations and breaches, channels cut or restored, red lines tested, injects that changed the course.

Pure functions over the report data (`report.build_report`): each reads only the events and the
histories the report's viewer learnt, so a team's turning points come from what that team saw and
its texts are the sentences written for that team.
"""

from __future__ import annotations

MAX_TURNING_POINTS = 8
"""How many a report lists: enough for a debrief's discussion, few enough to read aloud."""

TRACK_SWING = 0.25
"""A track's change in one turn counts as a swing from this share of its range."""

DYAD_SWING = 2
"""A dyad's change in one turn counts as a swing from this many rungs (one rung is ordinary play)."""

# How much each kind of point matters, so that the cap keeps the ones a debrief needs first.
WEIGHTS = {
    "terminal": 120,
    "threshold": 100,
    "breach": 85,
    "red_line": 75,
    "treaty": 70,
    "channel_cut": 60,
    "swing": 45,
    "channel_restored": 50,
    "inject": 55,
    "honoured": 40,
    "track": 30,
}

LABELS = {
    "terminal": "Terminal rung reached",
    "threshold": "Threshold crossed",
    "breach": "Obligation breached",
    "red_line": "Red line tested",
    "treaty": "Treaty invoked",
    "channel_cut": "Channel cut",
    "channel_restored": "Channel restored",
    "swing": "Largest swing",
    "inject": "Inject changed the course",
    "honoured": "Obligation honoured",
    "track": "Track swing",
}


def _point(kind: str, turn: int, text: str, weight: float) -> dict:
    return {"turn": turn, "kind": kind, "label": LABELS[kind], "text": text, "weight": round(weight, 3)}


def _escalation_points(report: dict, rung_index: dict[str, int], firebreaks: set[int], terminal: set[int]) -> list[dict]:
    out = []
    for ev in _events(report):
        if ev["kind"] != "escalation_changed" or ev["withheld"]:
            continue
        old, new = rung_index.get(ev["old"], 0), rung_index.get(ev["new"], 0)
        if new <= old:
            continue
        crossed = [i for i in range(old + 1, new + 1) if i in firebreaks]
        if new in terminal:
            out.append(_point("terminal", ev["turn"], ev["text"], WEIGHTS["terminal"]))
        elif crossed:
            out.append(_point("threshold", ev["turn"], ev["text"], WEIGHTS["threshold"] + max(crossed)))
    return out


def _dyad_swings(report: dict, rung_index: dict[str, int], names: dict[str, str], rung_names: dict[str, str]) -> list[dict]:
    """The largest one-turn change of each dyad, from the escalation the viewer knew (a team: its beliefs)."""
    out = []
    for key, history in report["escalation"].items():
        a, b = key.split("-", 1)
        best = None
        for k in range(1, len(history)):
            delta = rung_index.get(history[k], 0) - rung_index.get(history[k - 1], 0)
            if abs(delta) >= DYAD_SWING and (best is None or abs(delta) > abs(best[1])):
                best = (k, delta)
        if best is None:
            continue
        k, delta = best
        way = "climbed" if delta > 0 else "fell"
        text = (
            f"{names.get(a, a)}–{names.get(b, b)} {way} {abs(delta)} rungs in one turn, "
            f"from {rung_names.get(history[k - 1], history[k - 1])} to {rung_names.get(history[k], history[k])}."
        )
        out.append(_point("swing", report["turns"][k - 1]["turn"], text, WEIGHTS["swing"] + 5 * abs(delta)))
    return out


def _track_swings(report: dict, names: dict[str, str]) -> list[dict]:
    bounds = {d["id"]: (d["min"], d["max"], d["name"]) for d in report["track_defs"]}
    out = []
    for team, tracks in report["tracks"].items():
        for track, values in tracks.items():
            lo, hi, name = bounds.get(track, (0.0, 1.0, track))
            span = (hi - lo) or 1.0
            best = None
            for k in range(1, len(values)):
                share = abs(values[k] - values[k - 1]) / span
                if share >= TRACK_SWING and (best is None or share > best[1]):
                    best = (k, share)
            if best is None:
                continue
            k, share = best
            way = "rose" if values[k] > values[k - 1] else "fell"
            text = f"{names.get(team, team)}'s {name} {way} from {values[k - 1]:g} to {values[k]:g}."
            out.append(_point("track", report["turns"][k - 1]["turn"], text, WEIGHTS["track"] + 40 * share))
    return out


def _crisis_rose(report: dict, rung_index: dict[str, int]) -> set[int]:
    """The turns at whose end the crisis stood higher than at the end of the turn before."""
    out, before = set(), None
    for turn in report["turns"]:
        level = rung_index.get(turn["crisis"], 0)
        if before is not None and level > before:
            out.add(turn["turn"])
        before = level
    return out


def _events(report: dict):
    for turn in report["turns"]:
        yield from turn["events"]


def find_turning_points(report: dict, limit: int = MAX_TURNING_POINTS) -> list[dict]:
    """The game's turning points as the report's viewer learnt them, the `limit` weightiest, in turn order.

    Each is {turn, kind, label, text, weight}; `kind` is one of LABELS' keys.
    """
    names = {t["id"]: t["name"] for t in report["teams"]}
    rung_index = {r["id"]: i for i, r in enumerate(report["rungs"])}
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    firebreaks = {i for i, r in enumerate(report["rungs"]) if r["firebreak"]}
    terminal = {i for i, r in enumerate(report["rungs"]) if r["terminal"]}
    points = _escalation_points(report, rung_index, firebreaks, terminal)
    rose = _crisis_rose(report, rung_index)
    for ev in _events(report):
        kind = ev["kind"]
        if ev["withheld"]:
            continue
        if kind == "treaty_triggered":
            points.append(_point("treaty", ev["turn"], ev["text"], WEIGHTS["treaty"]))
        elif kind == "obligation_settled":
            key = "honoured" if ev["honoured"] else "breach"
            points.append(_point(key, ev["turn"], ev["text"], WEIGHTS[key]))
        elif kind == "channel_changed" and ev["new"] == "suspended":
            points.append(_point("channel_cut", ev["turn"], ev["text"], WEIGHTS["channel_cut"]))
        elif kind == "channel_changed" and ev["old"] == "suspended" and ev["new"] == "open":
            points.append(_point("channel_restored", ev["turn"], ev["text"], WEIGHTS["channel_restored"]))
        elif kind == "red_line_changed" and ev["status"] in ("crossed", "bluffed"):
            points.append(_point("red_line", ev["turn"], ev["text"], WEIGHTS["red_line"]))
        elif kind == "inject_fired" and ev["turn"] in rose:
            # An inject counts when the crisis stood higher at the end of its turn: it changed the course.
            points.append(_point("inject", ev["turn"], ev["text"], WEIGHTS["inject"]))
    threshold_turns = {p["turn"] for p in points if p["kind"] in ("threshold", "terminal")}
    points += _dyad_swings(report, rung_index, names, rung_names)
    points = [p for p in points if not (p["kind"] == "swing" and p["turn"] in threshold_turns and "climbed" in p["text"])]
    points += _track_swings(report, names)
    order = {id(p): i for i, p in enumerate(points)}
    kept = sorted(points, key=lambda p: (-p["weight"], p["turn"], order[id(p)]))[:limit]
    return sorted(kept, key=lambda p: (p["turn"], -p["weight"], order[id(p)]))
