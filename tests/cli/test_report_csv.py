"""`wargame report --format csv`: one row per turn (or per event with --events) that a spreadsheet reads,
holding only what the viewer may know."""

from __future__ import annotations

import csv
import io
import json


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_turn_with_the_crisis_the_dyads_and_the_tracks_as_the_json_has_them(wargame, played):
    table = rows(wargame("report", played, "--format", "csv").out)
    report = json.loads(wargame("report", played, "--format", "json").out)
    assert [int(r["turn"]) for r in table] == [t["turn"] for t in report["turns"]]
    assert [r["crisis"] for r in table] == [t["crisis"] for t in report["turns"]]
    assert [r["dyad blue-red"] for r in table] == report["escalation"]["blue-red"][1:]
    assert [float(r["red.credibility"]) for r in table] == report["tracks"]["red"]["credibility"][1:]
    moves = [sum(e["kind"] == "move_resolved" for e in t["events"]) for t in report["turns"]]
    assert [int(r["moves"]) for r in table] == moves


def test_with_events_one_row_per_event_the_viewer_learnt_and_a_teams_csv_holds_only_its_tracks(wargame, played):
    white = rows(wargame("report", played, "--format", "csv", "--events").out)
    report = json.loads(wargame("report", played, "--format", "json").out)
    assert [r["text"] for r in white] == [e["text"] for t in report["turns"] for e in t["events"]]
    green = rows(wargame("report", played, "--format", "csv", "--team", "green").out)
    assert "green.readiness" in green[0] and "red.readiness" not in green[0] and "red.credibility" in green[0]


def test_events_without_csv_is_a_usage_error(wargame, played):
    result = wargame("report", played, "--events")
    assert result.code == 2 and "--events is for CSV" in result.err and result.out == ""
