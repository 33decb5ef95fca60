"""Turning points are found from the events a report's viewer learnt, weighed, capped and put in turn order.

Each row is one mechanism on a hand-built report: three rungs (calm, tense, war; `tense` a firebreak, `war`
terminal), two teams, one track from 0 to 1.
"""

from __future__ import annotations

import pytest

from wargame.persistence.turning_points import MAX_TURNING_POINTS, find_turning_points

RUNGS = [
    {"id": "calm", "name": "Calm", "firebreak": False, "terminal": False},
    {"id": "watch", "name": "Watch", "firebreak": False, "terminal": False},
    {"id": "tense", "name": "Tense", "firebreak": True, "terminal": False},
    {"id": "war", "name": "War", "firebreak": False, "terminal": True},
]


def report(events=(), escalation=None, tracks=None, crisis=("calm", "calm")):
    turns = [{"turn": n + 1, "crisis": c, "events": []} for n, c in enumerate(crisis)]
    for e in events:
        turns[e["turn"] - 1]["events"].append({"withheld": False, "text": f"{e['kind']} sentence", **e})
    return {
        "teams": [{"id": "a", "name": "Avar"}, {"id": "b", "name": "Boru"}],
        "rungs": RUNGS,
        "turns": turns,
        "escalation": escalation or {"a-b": ["calm", "calm", "calm"]},
        "track_defs": [{"id": "support", "name": "Support", "min": 0.0, "max": 1.0}],
        "tracks": tracks or {"a": {"support": [0.5, 0.5, 0.5]}},
    }


def esc(turn, old, new):
    return {"kind": "escalation_changed", "turn": turn, "old": old, "new": new}


CASES = [
    # (what, report, expected [(turn, kind)])
    ("a climb across a firebreak is a threshold", report([esc(2, "watch", "tense")]), [(2, "threshold")]),
    ("a climb below any firebreak is not", report([esc(2, "calm", "watch")]), []),
    ("a step down across a firebreak is not a threshold", report([esc(1, "tense", "watch")]), []),
    ("reaching a terminal rung", report([esc(2, "tense", "war")]), [(2, "terminal")]),
    ("a treaty invoked", report([{"kind": "treaty_triggered", "turn": 1}]), [(1, "treaty")]),
    ("an obligation breached", report([{"kind": "obligation_settled", "turn": 2, "honoured": False}]), [(2, "breach")]),
    ("an obligation honoured", report([{"kind": "obligation_settled", "turn": 2, "honoured": True}]), [(2, "honoured")]),
    ("a channel cut", report([{"kind": "channel_changed", "turn": 1, "old": "open", "new": "suspended"}]), [(1, "channel_cut")]),
    ("a channel restored", report([{"kind": "channel_changed", "turn": 2, "old": "suspended", "new": "open"}]), [(2, "channel_restored")]),
    ("a channel degraded is not a turning point", report([{"kind": "channel_changed", "turn": 2, "old": "open", "new": "degraded"}]), []),
    ("a red line crossed", report([{"kind": "red_line_changed", "turn": 1, "status": "crossed"}]), [(1, "red_line")]),
    ("a red line enforced is not", report([{"kind": "red_line_changed", "turn": 1, "status": "enforced"}]), []),
    ("an inject in a turn that ended with the crisis higher", report([{"kind": "inject_fired", "turn": 2}], crisis=("calm", "watch")), [(2, "inject")]),
    ("an inject in a quiet turn is not", report([{"kind": "inject_fired", "turn": 2}], crisis=("watch", "watch")), []),
    ("a dyad that climbs two rungs in a turn", report(escalation={"a-b": ["calm", "calm", "tense"]}), [(2, "swing")]),
    ("a dyad that falls two rungs in a turn", report(escalation={"a-b": ["tense", "calm", "calm"]}), [(1, "swing")]),
    ("one rung a turn is ordinary play", report(escalation={"a-b": ["calm", "watch", "tense"]}), []),
    ("a track that moves a quarter of its range", report(tracks={"a": {"support": [0.5, 0.5, 0.2]}}), [(2, "track")]),
    ("a track that moves less is not", report(tracks={"a": {"support": [0.5, 0.4, 0.3]}}), []),
    ("an event the viewer only has the sentence of is skipped", report([{"kind": "treaty_triggered", "turn": 1, "withheld": True}]), []),
]


@pytest.mark.parametrize("what, given, expected", CASES, ids=[c[0] for c in CASES])
def test_each_mechanism_gives_its_turning_point(what, given, expected):
    assert [(p["turn"], p["kind"]) for p in find_turning_points(given)] == expected


def test_a_threshold_swing_is_told_once_as_the_threshold():
    given = report([esc(2, "calm", "tense")], escalation={"a-b": ["calm", "calm", "tense"]})
    assert [(p["turn"], p["kind"]) for p in find_turning_points(given)] == [(2, "threshold")]


def test_the_cap_keeps_the_weightiest_and_lists_them_in_turn_order():
    cuts = [{"kind": "channel_changed", "turn": 1, "old": "open", "new": "suspended"}] * (MAX_TURNING_POINTS + 2)
    given = report([*cuts, esc(2, "watch", "tense")])
    points = find_turning_points(given)
    assert len(points) == MAX_TURNING_POINTS
    assert [p["turn"] for p in points] == sorted(p["turn"] for p in points)
    assert (2, "threshold") in [(p["turn"], p["kind"]) for p in points], "the threshold outweighs the cuts"
