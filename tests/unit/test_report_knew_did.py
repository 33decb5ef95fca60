"""Knew versus did: the white cell's report sets each team's picture going into a turn beside the truth and
what the team then did, and marks every secret event with who saw it; a team's report holds neither."""

from __future__ import annotations

from functools import cache

from wargame.core import events as ev
from wargame.core.state import apply_all, dyad_key, initial_state
from wargame.persistence.html_report import to_html
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import load_save

DEMO = "saves/capacity-building-demo.toml"  # its teams hold beliefs and get some dyads wrong


@cache
def loaded():
    return load_save(DEMO)


@cache
def report(viewer: str = "facilitator") -> dict:
    return build_report(loaded(), viewer)


def test_each_picture_is_the_teams_beliefs_formed_the_turn_before_set_beside_the_truth_then():
    c, records = loaded().campaign.campaign, loaded().save.turns
    state, checked = initial_state(c), 0
    for record, turn in zip(records, report()["knew_vs_did"][1:] + [None]):
        state = apply_all(c, state, record.events)
        for formed in (e for e in record.events if isinstance(e, ev.BeliefsFormed)):
            if turn is None:
                continue
            [row] = [t for t in turn["teams"] if t["team"] == formed.team]
            assert row["informed"] and turn["turn"] == record.number + 1
            for d in formed.dyads:
                truth = c.rungs[state.rungs[dyad_key(*d.dyad)]].id
                listed = [x for x in row["dyads"] if x["dyad"] == list(d.dyad)]
                if d.rung != truth or d.spread:
                    assert listed == [{"dyad": list(d.dyad), "believed": d.rung, "spread": d.spread, "truth": truth}]
                    checked += 1
                else:
                    assert listed == []
    assert checked > 5, "the demo has wrong or unsure beliefs to show"
    assert not any(t["informed"] for t in report()["knew_vs_did"][0]["teams"]), "turn 1: the briefing, no beliefs yet"


def test_what_a_team_did_is_its_orders_with_each_moves_outcome():
    records = loaded().save.turns
    for record, turn in zip(records, report()["knew_vs_did"]):
        for o in record.orders:
            [row] = [t for t in turn["teams"] if t["team"] == o.team]
            results = {e.index: e.success for e in record.events if isinstance(e, ev.MoveResolved) and e.team == o.team}
            assert [(d["move"], d["success"]) for d in row["did"] if "move" in d] == [
                (m.move, results.get(k)) for k, m in enumerate(o.moves)
            ]


def test_the_white_cells_report_marks_every_secret_event_with_who_saw_it_and_a_teams_does_not():
    md, page = to_markdown(report()), to_html(report())
    names = {t["id"]: t["name"] for t in report()["teams"]}
    secrets = [e for t in report()["turns"] for e in t["events"] if not e["public"] and e["kind"] != "turn_completed"]
    assert secrets
    for e in secrets[:50]:
        who = ", ".join(names[t] for t in e["audience"]) or None
        mark = f"secret: seen by {who}" if who else "secret: seen by the white cell only"
        assert f"- {e['text']}" in md and mark in md
    assert md.count("secret: seen by") == page.count('<span class="secret">') == len(secrets)
    assert "**Knew versus did**" in md and '<div class="knew">' in page
    team = report("kessaria")
    assert team["knew_vs_did"] == [] and "secret: seen by" not in to_markdown(team) and "Knew versus did" not in to_html(team)
