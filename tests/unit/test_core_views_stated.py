"""What a team's catalogue of moves says of a chance resting on tracks it cannot see, and who learns
nothing hidden: each expected value worked out by hand from tests/data/rule_lab.toml.

In the lab: blue's effective intelligence is 0.49 (its own 0.2, green's 0.49 shared under the Pact),
red has exactly 0.5 (the threshold that reveals the others' tracks), amber has 0.0 and shares none.
Readiness: blue 0.5, red 0.7, green 0.5, amber 0.8. Red and amber are allies (the Accord, basing
+0.15 to military moves); blue and green are allies (the Pact).
Raid: 0.6 + 0.4 × (own readiness − 0.5) − 0.5 × (target's − 0.5) − 0.2 × (target's ally's − 0.5);
a term worth exactly 0 is left out.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.model import Modifier, Move, Success
from wargame.core.narrative import UNDISCLOSED, Viewpoint
from wargame.core.state import initial_state
from wargame.core.views import FACILITATOR, ROOM, as_known, options, reveals

LAB = Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def raising_blues_readiness(lab):
    """The opening state with blue's readiness at 0.6, so that a raid on blue reads a term of −0.05."""
    state = initial_state(lab)
    return attrs.evolve(state, tracks={**state.tracks, "blue": {**state.tracks["blue"], "readiness": 0.6}})


# (team, target, chance shown, hidden tracks named), blue's readiness at 0.6:
CATALOGUE_SECRECY = [
    # blue cannot see red's readiness (term −0.5 × 0.2 = −0.1) nor red's ally amber's (−0.2 × 0.3 = −0.06)
    ("blue", "red", -1.0, ("Red's readiness", "Amber's readiness")),
    # the same two, in the order of the move's modifiers: the target first, then its ally
    ("blue", "amber", -1.0, ("Amber's readiness", "Red's readiness")),
    # red's 0.5 reveals blue's readiness: 0.6 + 0.08 − 0.05 (blue 0.6) + 0 (green 0.5, left out) + basing 0.15
    ("red", "blue", 0.78, ()),
    # amber (0.0) cannot see blue's 0.6: only that term is hidden; its own readiness (+0.12) and basing are not
    ("amber", "blue", -1.0, ("Blue's readiness",)),
]


@pytest.mark.parametrize("team, target, chance, hidden", CATALOGUE_SECRECY)
def test_the_catalogue_names_the_tracks_a_hidden_chance_rests_on_and_shows_a_visible_one(lab, team, target, chance, hidden):
    found = [o for o in options(lab, raising_blues_readiness(lab), team) if o.move == "raid" and o.target == target]
    assert len(found) == 1
    assert found[0].unknown == hidden
    assert found[0].chance == pytest.approx(chance, abs=1e-9)
    assert (found[0].terms == ()) == bool(hidden)


@pytest.mark.parametrize(
    "team, target, terms",
    [
        ("blue", "red", ()),  # push has no modifiers: certain
        ("amber", "blue", (("basing rights (Accord)", 0.15),)),  # basing is public: 1.0 + 0.15, capped at 1
    ],
)
def test_a_chance_that_reads_no_track_is_shown_and_names_no_hidden_track(lab, team, target, terms):
    found = [o for o in options(lab, initial_state(lab), team) if o.move == "push" and o.target == target]
    assert (found[0].chance, found[0].unknown) == (1.0, ())
    assert [(t.label, t.value) for t in found[0].terms] == [(label, pytest.approx(v)) for label, v in terms]


@pytest.mark.parametrize("viewer", [FACILITATOR, ROOM, "purple", "", "Red"])
def test_a_viewer_that_is_no_team_of_the_campaign_has_no_team_revealed(lab, viewer):
    # red's 0.5 would reveal everyone: nothing of it reaches the white cell's or room's viewpoint, nor a
    # name that is no team id (ids are case-sensitive)
    assert reveals(lab, initial_state(lab), viewer) == frozenset()


def test_a_team_at_the_threshold_has_every_other_team_revealed(lab):
    assert reveals(lab, initial_state(lab), "red") == frozenset({"blue", "green", "amber"})
    assert reveals(lab, initial_state(lab), "blue") == frozenset()


SWAY = Move(
    "sway", "Sway", "diplomatic", 0, target="rival",
    success=Success(0.5, (Modifier(0.5, "credibility", "target"), Modifier(0.5, "cohesion", "target"))),
)
"""A move whose chance reads the target's credibility (public to all) and its cohesion (a campaign's own
track, hidden without intelligence): 0.5 + 0.5 × (credibility − 0.5) + 0.5 × (cohesion − 0.5)."""


def test_the_catalogue_names_only_the_hidden_tracks_of_a_chance_and_names_a_campaigns_own_track_by_its_name(lab):
    campaign = attrs.evolve(lab, moves=(*lab.moves, SWAY))
    state = initial_state(campaign)
    red = {**state.tracks["red"], "credibility": 0.7, "cohesion": 0.6}
    state = attrs.evolve(state, tracks={**state.tracks, "red": red})
    found = [o for o in options(campaign, state, "blue") if o.move == "sway" and o.target == "red"]
    # red's credibility (+0.1) is public; red's cohesion (+0.05) is not: "Alliance cohesion", lower case
    assert found[0].unknown == ("Red's alliance cohesion",)
    assert found[0].chance == -1.0
    # red's own intelligence reveals blue's: blue's opening credibility and cohesion give 0.5 + 0 + 0
    seen_by_red = [o for o in options(campaign, state, "red") if o.move == "sway" and o.target == "blue"]
    assert (seen_by_red[0].chance, seen_by_red[0].unknown) == (pytest.approx(0.5), ())


# --- as_known: each event as far as a viewer may know it --------------------------------------------

RAID = ev.MoveResolved(
    turn=1, team="blue", index=0, move="raid", name="Raid", category="military", target="red", cost=2, base=0.6,
    terms=(ev.Term("Red's readiness 0.7 (weight -0.5)", -0.1), ev.Term("Red's ally Amber: readiness 0.8 (weight -0.2)", -0.06)),
    probability=0.44, roll=0.34, success=True,
)
"""Blue's raid on red, as the lab adjudicates it: its chance reads red's and amber's readiness."""
PUSH = ev.MoveResolved(turn=1, team="red", index=0, move="push", name="Push", category="military", target="blue")
RULED = attrs.evolve(PUSH, success=False, override="the crossing was blocked by ice")
FREEFORM = ev.FreeformResolved(
    turn=1, team="blue", index=0, action="Leak the report", argument="It shames red", target="red",
    outcome="success", reason="a plausible leak",
)
READINESS = ev.TrackChanged(turn=1, team="red", track="readiness", old=0.7, new=0.6, cause="Raid (Blue)")
CREDIBILITY = ev.TrackChanged(turn=1, team="red", track="credibility", old=0.5, new=0.4, cause="Breach")
INTEROP = ev.InteropChanged(turn=1, teams=("blue", "green"), old=0.3, new=0.4, cause="Liaison (Blue)")
SHORTFALL = ev.BurdenShortfall(turn=1, treaty="pact", team="green", track="readiness", value=0.4, target=0.5)
FIRED = ev.InjectFired(turn=1, inject="storm", name="Storm", text="A storm.", cause="fired by the facilitator", reason="to test them")
POSTPONED = ev.InjectPostponed(turn=1, inject="storm", until=3, reason="not yet")
SECRETLY = ev.TrackChanged(
    turn=1, team="blue", track="readiness", old=0.5, new=0.4, cause="Sabotage (Red)", secret=True, known_by=("red",),
)
SECRET_CLIMB = ev.EscalationChanged(
    turn=1, dyad=("blue", "red"), old="standoff", new="clash", cause="Sabotage (Red)", by="red", secret=True,
    known_by=("red",),
)
TOLD_BLUE = ev.OrderRefused(turn=1, public=False, audience=("blue",), team="blue", what="Raid", reason="no budget")

BLUE, RED, GREEN = Viewpoint("blue"), Viewpoint("red"), Viewpoint("green")
BLUE_SEES_ALL = Viewpoint("blue", frozenset({"red", "green", "amber"}))
SAME = object()
"""The event itself, unchanged."""

# (event, viewer, what the viewer may know of it: SAME, None, or the fields changed)
KNOWN = [
    (RAID, BLUE, None),  # its maker cannot see red's readiness: chance, terms and roll would give it away
    (RAID, BLUE_SEES_ALL, SAME),
    (RAID, Viewpoint(FACILITATOR), SAME),
    (PUSH, BLUE, SAME),  # no terms: nothing hidden
    (RULED, RED, SAME),  # its maker reads the facilitator's reason
    (RULED, BLUE, {"override": "ruled by the facilitator"}),  # others only that it was ruled
    (FREEFORM, BLUE, {"reason": ""}),  # the reason was not shared; the argument stays with its team
    (FREEFORM, RED, {"reason": "", "argument": ""}),
    (attrs.evolve(FREEFORM, reason_shared=True), RED, {"argument": ""}),
    (READINESS, BLUE, None),  # red's readiness is hidden from blue
    (READINESS, RED, SAME),
    (READINESS, BLUE_SEES_ALL, SAME),
    (CREDIBILITY, BLUE, SAME),  # credibility is public
    (INTEROP, BLUE, SAME),  # a partner knows the pair's interoperability
    (INTEROP, GREEN, SAME),
    (INTEROP, RED, None),
    (INTEROP, Viewpoint("red", frozenset({"green"})), SAME),  # or a team whose intelligence reveals a partner
    (SHORTFALL, GREEN, SAME),
    (SHORTFALL, BLUE, None),
    (SHORTFALL, BLUE_SEES_ALL, SAME),
    (attrs.evolve(SHORTFALL, track="credibility"), BLUE, SAME),  # a shortfall on a public track is known to all
    (FIRED, BLUE, {"reason": ""}),  # why the white cell fired it is its own
    (attrs.evolve(FIRED, reason=""), BLUE, SAME),
    (POSTPONED, BLUE, None),
    (POSTPONED, Viewpoint(FACILITATOR), SAME),
    (SECRETLY, BLUE, {"cause": UNDISCLOSED, "known_by": ()}),  # its target reads an undisclosed action
    (SECRETLY, Viewpoint("red", frozenset({"blue"})), SAME),  # the maker knows the cause (and here, the value)
    (SECRETLY, RED, None),  # without intelligence, blue's readiness is hidden from red, whatever caused it
    (SECRET_CLIMB, BLUE, {"cause": UNDISCLOSED, "known_by": (), "by": ""}),
    (SECRET_CLIMB, RED, SAME),
    (TOLD_BLUE, RED, None),  # not in its audience
    (TOLD_BLUE, BLUE, SAME),
]


@pytest.mark.parametrize("event, viewer, expected", KNOWN)
def test_an_event_is_known_to_a_viewer_only_as_far_as_it_may_know_it(lab, event, viewer, expected):
    known = as_known(lab, event, viewer)
    if expected is SAME:
        assert known == event
    elif expected is None:
        assert known is None
    else:
        assert known == attrs.evolve(event, **expected)


def test_what_a_viewer_learns_of_an_event_carries_its_sentence_tone_and_what_it_may_know(lab):
    from wargame.core.views import seen_one

    learnt = seen_one(lab, TOLD_BLUE, BLUE)
    assert (learnt.turn, learnt.kind, learnt.tone, learnt.public) == (1, "order_refused", "failure", False)
    assert learnt.text == "Blue: Raid refused — no budget."
    assert learnt.known == (TOLD_BLUE,) and learnt.event == TOLD_BLUE
    hidden = seen_one(lab, READINESS, BLUE)  # red's readiness: blue learns that it fell, not the event's values
    assert (hidden.tone, hidden.known, hidden.event) == ("", (), None)
    assert hidden.text == "Red — Readiness fell (Raid (Blue))."


def test_a_team_reads_each_turns_news_with_the_intelligence_it_had_once_that_turn_was_over(lab):
    from wargame.core.views import seen

    before = ev.TrackChanged(turn=1, team="red", track="readiness", old=0.7, new=0.6, cause="Drill (Red)")
    # in turn 2 green's intelligence reaches 0.5, which blue shares under the Pact: from then on blue
    # reads the others' values, for the news of turn 2 but not retroactively for turn 1
    sharpened = ev.TrackChanged(turn=2, team="green", track="intelligence", old=0.49, new=0.5, cause="Satellites (Green)")
    after = ev.TrackChanged(turn=2, team="red", track="readiness", old=0.6, new=0.5, cause="Drill (Red)")
    learnt = seen(lab, (before, sharpened, after), "blue")
    assert [s.text for s in learnt] == [
        "Red — Readiness fell (Drill (Red)).",
        "Green — Intelligence: 0.49 → 0.5 (Satellites (Green)).",  # read once turn 2 was over: at 0.5
        "Red — Readiness: 0.6 → 0.5 (Drill (Red)).",
    ]
    assert [s.known for s in learnt] == [(), (sharpened,), (after,)]
    # the white cell reads every value, whatever anyone's intelligence
    assert [s.known for s in seen(lab, (before, sharpened, after), FACILITATOR)] == [(before,), (sharpened,), (after,)]
