"""The figures `simulate` adds for the model's study: what first crossed a firebreak, incidents, pinned credibility."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.simulation import Tally, first_crossing_cause, play_out

LAB = load_campaign(str(Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml")).campaign
# The lab's ladder: quiet, friction, standoff, clash, war (a firebreak), ruin (terminal).


def _rolled(dyad, happened):
    return ev.AccidentRolled(turn=1, public=False, audience=dyad, dyad=dyad, terms=(), chance=0.5, roll=0.1, happened=happened)


def _moved(dyad, old, new, by=""):
    return ev.EscalationChanged(turn=1, dyad=dyad, old=old, new=new, cause="x", by=by)


BR, RG = ("blue", "red"), ("green", "red")


@pytest.mark.parametrize(
    ("events", "cause"),
    [
        ([], ""),
        ([_moved(BR, "standoff", "clash", by="red")], ""),  # below the firebreak
        ([_moved(BR, "clash", "war", by="red")], "move"),  # onto the firebreak rung
        ([_moved(BR, "standoff", "ruin", by="red")], "move"),  # over it in one step
        ([_moved(BR, "war", "ruin", by="red")], ""),  # already past it
        ([_rolled(BR, True), _moved(BR, "clash", "war")], "incident"),
        ([_rolled(BR, False), _moved(BR, "clash", "war")], "other"),  # the roll missed: not the incident's doing
        ([_rolled(RG, True), _moved(BR, "clash", "war")], "other"),  # an incident on another dyad
        ([_rolled(BR, True), _moved(RG, "quiet", "friction"), _moved(BR, "clash", "war")], "other"),
        ([_moved(BR, "clash", "war"), _moved(RG, "clash", "war", by="red")], "other"),  # the first one counts
        ([_moved(BR, "war", "clash", by="blue")], ""),  # stepping down is no crossing
    ],
)
def test_what_first_crossed_a_firebreak_is_read_from_the_events(events, cause):
    assert first_crossing_cause(LAB, events) == cause


def test_a_summary_counts_incidents_and_pinned_credibility_and_the_tally_reports_shares():
    tally = Tally()
    for seed in range(20):
        tally.add(play_out(LAB, seed, {t.id: "hawk" for t in LAB.teams}))
    report = tally.report(LAB)
    assert report["runs"] == report["games"] == 20
    assert 0 <= report["firebreak_crossed"] <= 1
    assert report["firebreak_crossed"] == pytest.approx(sum(report["first_crossing"].values()))
    assert report["inadvertent_crossing"] == report["first_crossing"]["incident"]
    assert 0 <= report["credibility_pinned"] <= 1 and report["incidents_per_game"] >= 0


def test_pinned_credibility_is_counted_per_team_at_either_bound():
    tally = Tally()
    base = play_out(LAB, 1, {t.id: "dove" for t in LAB.teams}, last_turn=1)
    tally.add(attrs.evolve(base, credibility_pinned=2, incidents=3, first_crossing="incident"))
    tally.add(attrs.evolve(base, credibility_pinned=0, incidents=0, first_crossing=""))
    report = tally.report(LAB)
    # 2 pinned of 2 games × 4 teams; 3 incidents over 2 games; one game of two crossed, by an incident
    assert report["credibility_pinned"] == 0.25
    assert report["incidents_per_game"] == 1.5
    assert report["firebreak_crossed"] == 0.5 and report["inadvertent_crossing"] == 0.5


def test_a_game_that_ends_with_credibility_at_a_bound_counts_each_such_team():
    from wargame.campaign.overrides import with_settings

    lab = load_campaign(str(Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"))
    quiet = play_out(LAB, 3, {t.id: "dove" for t in LAB.teams}, last_turn=1)
    assert quiet.credibility_pinned == 0  # every lab team starts inside (0, 1) and one dove turn keeps it there
    # Blue starts at the top of the track, red at the bottom; doves in one turn move neither.
    pinned = with_settings(lab, ["teams.blue.credibility=1.0", "teams.red.credibility=0.0"]).campaign
    assert play_out(pinned, 3, {t.id: "dove" for t in pinned.teams}, last_turn=1).credibility_pinned == 2
