"""The report as CSV for spreadsheets: one row per turn (`wargame report SAVE --format csv`), or one row
per event (`--events`). Both are read from the report's data, so they hold what its viewer may know."""

from __future__ import annotations

import csv
import io

_COUNTED = {
    "moves": lambda e: e["kind"] == "move_resolved",
    "succeeded": lambda e: e["kind"] == "move_resolved" and not e["withheld"] and e["success"],
    "refused": lambda e: e["kind"] == "order_refused",
    "messages_sent": lambda e: e["kind"] == "message_sent",
    "messages_lost": lambda e: e["kind"] == "message_lost",
    "injects_fired": lambda e: e["kind"] == "inject_fired",
    "treaties_triggered": lambda e: e["kind"] == "treaty_triggered",
    "obligations_breached": lambda e: e["kind"] == "obligation_settled" and not e["honoured"],
    "secret_events": lambda e: not e["public"],
}
"""Per-turn counts: column -> which of the viewer's events it counts."""


def turn_rows(report: dict) -> list[dict]:
    """One row per turn: the crisis, counts of what happened, turning points, then every dyad's rung and
    every track the viewer followed at the turn's close (columns `dyad a-b`, `team.track`)."""
    rung_index = {r["id"]: i for i, r in enumerate(report["rungs"])}
    points: dict[int, list[str]] = {}
    for p in report.get("turning_points", []):
        points.setdefault(p["turn"], []).append(p["label"])
    notes = {}
    for n in report.get("annotations", []):
        notes.setdefault(n["turn"], []).append(n["text"])
    rows = []
    for k, turn in enumerate(report["turns"], 1):
        events = [e for e in turn["events"] if e["kind"] != "turn_completed"]
        row = {"turn": turn["turn"], "crisis": turn["crisis"], "crisis_level": rung_index[turn["crisis"]]}
        row.update((name, sum(1 for e in events if test(e))) for name, test in _COUNTED.items())
        row["interventions"] = len(turn.get("interventions", []))
        row["turning_points"] = "; ".join(points.get(turn["turn"], []))
        row["notes"] = " | ".join(notes.get(turn["turn"], []))
        for dyad, history in report["escalation"].items():
            row[f"dyad {dyad}"] = history[k]
        for team, tracks in report["tracks"].items():
            for track, values in tracks.items():
                row[f"{team}.{track}"] = values[k]
        rows.append(row)
    return rows


EVENT_COLUMNS = ("turn", "number", "kind", "team", "tone", "public", "audience", "withheld", "text", "rationale")


def event_rows(report: dict) -> list[dict]:
    """One row per event the viewer learnt, in order; `number` counts from 1 within the turn."""
    rows = []
    for turn in report["turns"]:
        for k, e in enumerate(turn["events"], 1):
            rows.append({
                "turn": turn["turn"], "number": k, "kind": e["kind"], "team": e.get("team", ""), "tone": e["tone"],
                "public": str(e["public"]).lower(), "audience": " ".join(e["audience"]),
                "withheld": str(e["withheld"]).lower(), "text": e["text"], "rationale": e.get("rationale", ""),
            })
    return rows


def to_csv(report: dict, events: bool = False) -> str:
    """The report as CSV text, with a header row."""
    rows = event_rows(report) if events else turn_rows(report)
    columns = list(EVENT_COLUMNS) if events else (list(rows[0]) if rows else ["turn", "crisis", "crisis_level"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
