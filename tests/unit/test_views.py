"""What one team may know: tracks by intelligence, its own proposals, channels and treaties, budget,
ladder and options, each expected value worked out by hand from tests/data/rule_lab.toml.

In the lab: blue has intelligence 0.2 and shares green's (0.49) under the Pact; red has exactly 0.5
and shares nothing (the Accord grants basing only); amber has 0.0. Tracks are revealed at 0.5.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.rules import success_chance
from wargame.core.state import OpenProposal, PendingObligation, initial_state
from wargame.core.views import dyads, options, team_view

LAB = Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"
TEAMS = ("blue", "red", "green", "amber")
ALL_TRACKS = {"resources", "readiness", "credibility", "support", "intelligence", "cohesion"}


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def with_tracks(state, **changes):
    """`state` with some teams' tracks changed: with_tracks(s, blue={"intelligence": 0.5})."""
    tracks = {team: {**values, **changes.get(team, {})} for team, values in state.tracks.items()}
    return attrs.evolve(state, tracks=tracks)


def view(lab, team, state=None):
    return team_view(lab, state or initial_state(lab), (), team)


# --- the intelligence threshold ------------------------------------------------------------------

# (viewer, intelligence changes, effective intelligence, whether all tracks of the others are shown)
THRESHOLD_CASES = [
    # own 0.2, shared from green 0.49: max = 0.49, below 0.5
    ("blue", {}, 0.49, False),
    # green's shared intelligence raised to exactly 0.5: blue's effective is 0.5, at the threshold
    ("blue", {"green": {"intelligence": 0.5}}, 0.5, True),
    # blue's own raised to exactly 0.5 (green still 0.49)
    ("blue", {"blue": {"intelligence": 0.5}}, 0.5, True),
    # just below by a hair, own and shared
    ("blue", {"blue": {"intelligence": 0.4999}, "green": {"intelligence": 0.4999}}, 0.4999, False),
    # red: own exactly 0.5
    ("red", {}, 0.5, True),
    # red just below: amber's 0.9 is not lent (the Accord has no intelligence sharing)
    ("red", {"red": {"intelligence": 0.49}, "amber": {"intelligence": 0.9}}, 0.49, False),
    # green: own 0.49, blue's 0.2 shared: 0.49
    ("green", {}, 0.49, False),
    # green borrows blue's 0.5
    ("green", {"blue": {"intelligence": 0.5}}, 0.5, True),
    # amber: 0.0 and red's 0.5 not lent
    ("amber", {}, 0.0, False),
]


@pytest.mark.parametrize("viewer, changes, level, revealed", THRESHOLD_CASES)
def test_other_teams_tracks_are_shown_at_an_effective_intelligence_of_half_and_only_credibility_below(
    lab, viewer, changes, level, revealed
):
    state = with_tracks(initial_state(lab), **changes)
    seen = view(lab, viewer, state)
    assert seen.intel_level == pytest.approx(level)
    others = [t for t in TEAMS if t != viewer]
    assert sorted(seen.intel) == sorted(others)
    for other in others:
        expected = dict(state.tracks[other]) if revealed else {"credibility": state.tracks[other]["credibility"]}
        assert seen.intel[other] == expected, other


def test_a_team_always_sees_its_own_tracks_in_full_whatever_its_intelligence(lab):
    state = with_tracks(initial_state(lab), amber={"readiness": 0.33})
    seen = view(lab, "amber", state)
    assert seen.tracks == {
        "resources": 1, "readiness": 0.33, "credibility": 0.5, "support": 0.5, "intelligence": 0.0, "cohesion": 0.5
    }
    assert "amber" not in seen.intel


def test_below_the_threshold_the_values_of_hidden_tracks_appear_nowhere_in_the_intelligence_picture(lab):
    state = with_tracks(initial_state(lab), red={"readiness": 0.777, "support": 0.123})
    seen = view(lab, "blue", state)
    shown = [value for tracks in seen.intel.values() for value in tracks.values()]
    assert 0.777 not in shown and 0.123 not in shown
    assert seen.intel["red"] == {"credibility": 0.5}


# --- proposals, channels, treaties ----------------------------------------------------------------

PROPOSALS = (
    OpenProposal("m1.1", "stand_down", "blue", "red", 3),
    OpenProposal("m1.2", "settlement", "red", "blue", 3),
    OpenProposal("m1.3", "stand_down", "green", "amber", 3),
    OpenProposal("m1.4", "settlement", "amber", "red", 3),
)


@pytest.mark.parametrize(
    "viewer, expected",
    [("blue", ["m1.2"]), ("red", ["m1.1", "m1.4"]), ("green", []), ("amber", ["m1.3"])],
)
def test_a_team_sees_only_the_open_proposals_it_must_answer(lab, viewer, expected):
    state = attrs.evolve(initial_state(lab), proposals=PROPOSALS)
    assert [p.id for p in view(lab, viewer, state).proposals] == expected


# (viewer, [(channel, status, reliability, latency)]) in campaign order; the wire starts degraded.
CHANNELS = [
    ("blue", [("hotline", "open", 0.8, 0), ("forum", "open", 1.0, 1)]),
    ("red", [("hotline", "open", 0.8, 0), ("wire", "degraded", 0.9, 0)]),
    ("green", [("wire", "degraded", 0.9, 0), ("forum", "open", 1.0, 1)]),
    ("amber", [("forum", "open", 1.0, 1)]),
]


@pytest.mark.parametrize("viewer, expected", CHANNELS)
def test_a_team_is_shown_only_the_channels_it_is_on_with_their_state_now(lab, viewer, expected):
    seen = view(lab, viewer)
    assert [(c.id, c.status, c.reliability, c.latency) for c in seen.channels] == expected
    assert all(viewer in c.members for c in seen.channels)


def test_a_channel_view_carries_its_name_kind_and_members(lab):
    assert [(c.name, c.kind, c.members) for c in view(lab, "amber").channels] == [("Forum", "mediator", ("blue", "green", "amber"))]


def test_a_channel_shows_the_status_of_the_state_not_the_campaigns_opening_status(lab):
    state = attrs.evolve(initial_state(lab), channels={"hotline": "suspended", "wire": "open", "forum": "degraded"})
    assert [(c.id, c.status) for c in view(lab, "red", state).channels] == [("hotline", "suspended"), ("wire", "open")]


OBLIGATIONS = (
    PendingObligation("pact", "blue", "collective_defense", 1, 3),
    PendingObligation("pact", "green", "collective_defense", 1, 3),
    PendingObligation("accord", "amber", "collective_defense", 2, 3),
)


@pytest.mark.parametrize(
    "viewer, treaties, owed",
    [
        ("blue", ["pact"], [("pact", "blue")]),
        ("green", ["pact"], [("pact", "green")]),
        ("red", ["accord"], []),
        ("amber", ["accord"], [("accord", "amber")]),
    ],
)
def test_a_team_sees_only_its_treaties_and_only_what_it_owes_under_them(lab, viewer, treaties, owed):
    state = attrs.evolve(initial_state(lab), obligations=OBLIGATIONS)
    seen = view(lab, viewer, state)
    assert [t.id for t in seen.treaties] == treaties
    assert [(o.treaty, o.team) for t in seen.treaties for o in t.owed] == owed


def test_a_treaty_view_carries_its_members_and_provisions(lab):
    (pact,) = view(lab, "blue").treaties
    assert (pact.name, pact.members, pact.provisions) == ("Pact", ("blue", "green"), ("intelligence_sharing",))


# --- budget and the ladder ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "team, resources, expected",
    [("blue", None, 3), ("red", None, 2), ("amber", None, 1), ("blue", 0.99, 0), ("blue", 4.0, 4), ("green", 1.5, 1)],
)
def test_the_budget_is_the_resources_track_in_whole_units_rounded_down(lab, team, resources, expected):
    state = initial_state(lab)
    if resources is not None:
        state = with_tracks(state, **{team: {"resources": resources}})
    assert view(lab, team, state).budget == expected


def test_the_ladder_lists_every_pair_of_teams_with_its_rung_and_the_crisis_is_the_highest(lab):
    expected = [
        (("blue", "red"), "standoff", "Standoff", "crisis", 2),
        (("blue", "green"), "quiet", "Quiet", "sub-crisis", 0),
        (("blue", "amber"), "quiet", "Quiet", "sub-crisis", 0),
        (("red", "green"), "friction", "Friction", "sub-crisis", 1),
        (("red", "amber"), "quiet", "Quiet", "sub-crisis", 0),
        (("green", "amber"), "quiet", "Quiet", "sub-crisis", 0),
    ]
    for team in TEAMS:  # the ladder is public: every team sees the same
        seen = view(lab, team)
        assert [(d.teams, d.rung, d.rung_name, d.band, d.index) for d in seen.dyads] == expected
        assert seen.crisis == "Standoff"
    state = attrs.evolve(initial_state(lab), rungs={**initial_state(lab).rungs, "amber|green": 4})
    assert view(lab, "blue", state).crisis == "War"
    assert [d.index for d in dyads(lab, state)] == [2, 0, 0, 1, 0, 4]


def test_a_team_view_carries_the_turn_and_whether_the_game_ended(lab):
    state = attrs.evolve(initial_state(lab), turn=3, ended="turn_limit")
    seen = view(lab, "green", state)
    assert (seen.team, seen.turn, seen.ended) == ("green", 3, "turn_limit")


# --- options: chances and refusals -----------------------------------------------------------------

def option(lab, team, move, target="", state=None):
    found = [o for o in options(lab, state or initial_state(lab), team) if o.move == move and o.target == target]
    assert len(found) == 1, (team, move, target)
    return found[0]


# (team, move, target, chance, refusal), worked out from the lab's opening state:
# readiness blue 0.5, red 0.7, green 0.5, amber 0.8; support 0.5 everywhere; blue–red at Standoff.
OPTIONS = [
    # 0.6 + 0.4(0.5−0.5) − 0.5(0.7−0.5) − 0.2(amber 0.8−0.5) = 0.6 − 0.1 − 0.06
    ("blue", "raid", "red", 0.44, ""),
    # 0.6 + 0 − 0.5(0.8−0.5) − 0.2(red 0.7−0.5) = 0.6 − 0.15 − 0.04
    ("blue", "raid", "amber", 0.41, ""),
    ("blue", "raid", "green", 0.0, "Green is an ally; this move targets rivals"),
    # 0.6 + 0.4(0.7−0.5) − 0.5(0.5−0.5) − 0.2(green 0.5−0.5) + basing 0.15 (Accord; blue not in it)
    ("red", "raid", "blue", 0.83, ""),
    # 0.5 + interoperability 0.3
    ("blue", "liaison", "green", 0.8, ""),
    # 0.5 + interoperability 0.0
    ("blue", "liaison", "red", 0.5, ""),
    # 0.1 + 1.0(0.5−0.5)
    ("blue", "long_shot", "", 0.1, ""),
    # 0.1 + 1.0(0.8−0.5)
    ("amber", "long_shot", "", 0.4, ""),
    ("blue", "ultimatum", "red", 1.0, ""),  # Standoff is the lowest rung it allows
    ("blue", "ultimatum", "amber", 0.0, "the dyad with Amber is below Standoff"),
    ("red", "ultimatum", "green", 0.0, "the dyad with Green is below Standoff"),
    ("blue", "broadcast", "", 1.0, ""),  # support 0.5 is exactly the least it needs
    ("green", "jam", "", 0.0, "you are not on Blue-Red hotline"),
    ("blue", "jam", "", 1.0, ""),
    ("blue", "defend", "red", 0.0, "Red is not an ally (no shared treaty)"),
    ("blue", "defend", "green", 1.0, ""),
]


HIDDEN_FROM_BLUE = {("blue", "raid", "red"), ("blue", "raid", "amber")}
"""Blue's intelligence (below 0.5) does not reveal the target's readiness these chances read: its catalogue
shows no number for them (a percentage would give the value away), though the rules work them out as above."""


@pytest.mark.parametrize("team, move, target, chance, reason", OPTIONS)
def test_each_option_shows_its_chance_worked_out_by_hand_or_why_it_is_barred(lab, team, move, target, chance, reason):
    found = option(lab, team, move, target)
    catalogue = lab.move(move)
    assert (found.name, found.category, found.cost) == (catalogue.name, catalogue.category, catalogue.cost)
    assert found.refusal == reason
    if (team, move, target) in HIDDEN_FROM_BLUE:
        assert found.unknown and found.chance == -1.0 and found.terms == ()
        worked_out, _ = success_chance(lab, initial_state(lab), team, catalogue, target)
        assert worked_out == pytest.approx(chance, abs=1e-9)
        return
    assert not found.unknown
    assert found.chance == pytest.approx(chance, abs=1e-9)
    if reason:
        assert found.terms == ()


def test_options_list_every_move_for_every_other_team_and_untargeted_moves_once(lab):
    found = options(lab, initial_state(lab), "blue")
    # 4 untargeted moves once, 7 targeted moves against each of the 3 other teams
    assert len(found) == 4 + 7 * 3
    assert {o.target for o in found if o.move == "raid"} == {"red", "green", "amber"}
    assert [o.target for o in found if o.move == "mobilise"] == [""]


@pytest.mark.parametrize(
    "support, reason",
    [
        (0.49, "your support is 0.49, needs at least 0.5"),
        (0.5, ""),
        (0.8, ""),
        (0.81, "your support is 0.81, needs at most 0.8"),
    ],
)
def test_an_option_that_needs_a_track_in_a_range_is_barred_just_outside_it(lab, support, reason):
    state = with_tracks(initial_state(lab), blue={"support": support})
    assert option(lab, "blue", "broadcast", "", state).refusal == reason


@pytest.mark.parametrize("rung, reason", [(1, "below Standoff"), (2, ""), (3, ""), (4, "above Clash")])
def test_an_option_that_needs_a_rung_in_a_range_is_barred_just_outside_it(lab, rung, reason):
    state = attrs.evolve(initial_state(lab), rungs={**initial_state(lab).rungs, "blue|red": rung})
    found = option(lab, "blue", "ultimatum", "red", state).refusal
    assert (found == "") if not reason else (found == f"the dyad with Red is {reason}")


def test_an_options_terms_explain_its_chance_from_the_base(lab):
    found = option(lab, "red", "raid", "blue")
    assert [(t.value) for t in found.terms] == [pytest.approx(0.08), pytest.approx(0.15)]
    assert 0.6 + sum(t.value for t in found.terms) == pytest.approx(found.chance)
    assert "basing rights (Accord)" in [t.label for t in found.terms]
