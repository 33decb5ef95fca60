"""The words a sentence chooses: the colour of each kind of news, "with", "against" or "towards" a
target, a roll against its chance, points in the singular: each row written out by hand.

The laboratory campaign (conftest.py): blue and green are allies (the Pact), red is allied to no one;
rungs Peace, Tension, Standoff, War, The end.
"""

from __future__ import annotations

import attrs
import pytest

from wargame.core import events as ev
from wargame.core.model import Effects, Move
from wargame.core.narrative import FACILITATOR, Viewpoint, describe, preposition, tone

T = 1


# (event, tone): what kind of news each event is, for colour
TONES = [
    (ev.MoveResolved(turn=T, team="blue", index=0, move="push", name="Push", category="military", success=True), "success"),
    (ev.MoveResolved(turn=T, team="blue", index=0, move="push", name="Push", category="military", success=False), "failure"),
    (ev.OrderRefused(turn=T, team="blue", what="Push", reason="no budget"), "failure"),
    (ev.MessageLost(turn=T, id="m1", channel="line", sender="blue", to=("red",), reason="the line is down"), "failure"),
    (ev.BurdenShortfall(turn=T, treaty="pact", team="green", track="readiness", value=0.4, target=0.5), "failure"),
    (ev.FreeformResolved(turn=T, team="blue", index=0, action="a", outcome="success"), "success"),
    (ev.FreeformResolved(turn=T, team="blue", index=0, action="a", outcome="failure"), "failure"),
    (ev.FreeformResolved(turn=T, team="blue", index=0, action="a"), "message"),  # not adjudicated
    (ev.EscalationChanged(turn=T, dyad="blue|red", old="tension", new="standoff", cause="Push"), "escalation"),
    (ev.EscalationChanged(turn=T, dyad="blue|red", old="standoff", new="tension", cause="Calm"), "calm"),
    # a climb held where it stood (a firebreak not crossed) is not news of a climb
    (ev.EscalationChanged(turn=T, dyad="blue|red", old="standoff", new="standoff", cause="Push", held_at="war"), "calm"),
    (ev.AccidentRolled(turn=T, dyad="blue|red", terms=(), chance=0.1, roll=0.05, happened=True), "escalation"),
    (ev.AccidentRolled(turn=T, dyad="blue|red", terms=(), chance=0.1, roll=0.5, happened=False), "quiet"),
    (ev.InjectFired(turn=T, inject="storm", name="Storm", text="A storm.", cause="turn 2"), "inject"),
    (ev.InjectPostponed(turn=T, inject="storm", until=3, reason="later"), "inject"),
    (ev.TreatyTriggered(turn=T, treaty="pact", victim="green", cause="Push", obliged=("blue",), due=2), "alliance"),
    (ev.ConsultationHeld(turn=T, treaty="pact", team="blue"), "alliance"),
    (ev.ObligationSettled(turn=T, treaty="pact", team="blue", honoured=True, trigger_turn=1, detail=""), "success"),
    (ev.ObligationSettled(turn=T, treaty="pact", team="blue", honoured=False, trigger_turn=1, detail=""), "escalation"),
    (ev.ChannelChanged(turn=T, channel="line", old="suspended", new="open", cause="x"), "calm"),
    (ev.ChannelChanged(turn=T, channel="line", old="open", new="degraded", cause="x"), "failure"),
    (ev.MessageSent(turn=T, id="m1", channel="line", sender="blue", to=("red",), text="hi"), "message"),
    (ev.MessageDelivered(turn=T, id="m1", channel="line", sender="blue", to=("red",), text="hi"), "message"),
    (ev.ProposalAnswered(turn=T, id="p1", proposal="stand_down", sender="blue", responder="red", answer="accept"), "message"),
    (ev.GameEnded(turn=T, reason="turn_limit", detail=""), "end"),
    (ev.ObjectiveScored(turn=T, team="blue", objective="no_war", description="Keep the peace", met=True, points=3), "success"),
    (ev.ObjectiveScored(turn=T, team="blue", objective="no_war", description="Keep the peace", met=False, points=0), "failure"),
    (ev.MoveDetected(turn=T, observer="red", team="blue", move="probe", name="Probe", detected=True), "accent"),
    (ev.MoveDetected(turn=T, observer="red", team="blue", move="probe", name="Probe", detected=False), "quiet"),
    # news with no colour of its own
    (ev.TrackChanged(turn=T, team="blue", track="support", old=0.5, new=0.6, cause="x"), ""),
    (ev.TurnCompleted(turn=T, crisis="tension", calm_streak=0), ""),
]


@pytest.mark.parametrize("event, expected", TONES, ids=[f"{type(e).__name__}-{t or 'none'}" for e, t in TONES])
def test_each_kind_of_news_has_its_tone(lab, event, expected):
    assert tone(lab, event) == expected


def move(move_id, aims="rival", tags=(), **effects):
    """A catalogue move aimed at `aims` (rival, any, ally) with these tags and effects."""
    return Move(move_id, move_id.title(), "diplomatic", 0, target=aims, tags=tuple(tags), effects=Effects(**effects))


EXTRA_MOVES = (
    move("hack", tags=("cyber",)),  # hostile by its tag alone
    move("aid", aims="any", target={"support": 0.1}),  # friendly: raises a track of the target
    move("sap", aims="any", target={"support": -0.1}),  # hostile: lowers a track of the target
    move("link", aims="any", interoperability=0.1),  # friendly by interoperability alone
    move("talks", aims="any", tags=("de-escalation",)),  # friendly by its tag alone
    move("nudge", aims="any"),  # neither: no effect, no tag
    move("lean", aims="ally", escalation=1),  # hostile, but meant for allies
)


@pytest.fixture(scope="module")
def lab_plus(lab):
    return attrs.evolve(lab, moves=(*lab.moves, *EXTRA_MOVES))


# (move, actor, target, preposition): hostile and not friendly reads "against"; friendly and not
# hostile "with"; both or neither, and a move the campaign does not have, "with" an ally, else "towards"
PREPOSITIONS = [
    ("push", "blue", "red", "against"),  # escalation +1 and armed_attack
    ("push", "blue", "green", "against"),  # against an ally too
    ("strike", "blue", "red", "against"),  # escalation +1 alone
    ("hack", "blue", "red", "against"),  # the cyber tag alone
    ("sap", "blue", "red", "against"),  # a target's track lowered by 0.1
    ("covert", "blue", "red", "against"),
    ("calm", "blue", "red", "with"),  # escalation −1 alone
    ("aid", "blue", "red", "with"),  # a target's track raised by 0.1, escalation 0
    ("link", "blue", "red", "with"),  # interoperability +0.1 alone
    ("talks", "blue", "red", "with"),  # a friendly tag alone
    ("drill", "blue", "green", "with"),
    ("lean", "blue", "green", "with"),  # hostile and meant for allies: both, and green is an ally
    ("nudge", "blue", "red", "towards"),  # neither, not an ally
    ("nudge", "blue", "green", "with"),  # neither, an ally
    ("probe", "red", "blue", "towards"),
    ("no_such_move", "blue", "red", "towards"),
    ("no_such_move", "blue", "green", "with"),
]


@pytest.mark.parametrize("move_id, actor, target, expected", PREPOSITIONS)
def test_a_move_is_made_with_against_or_towards_its_target_by_what_it_does_and_the_alliance(
    lab_plus, move_id, actor, target, expected,
):
    assert preposition(lab_plus, move_id, actor, target) == expected


def resolved(probability, roll, success):
    return ev.MoveResolved(
        turn=T, team="blue", index=0, move="gamble", name="Gamble", category="economic",
        base=probability, probability=probability, roll=roll, success=success,
    )


# (chance, roll, how the white cell's sentence ends): a certain or impossible move shows no roll
ROLLS = [
    (0.5, 0.25, "— chance 50% (base 50%); roll 0.250 < 0.500."),
    (0.5, 0.5, "— chance 50% (base 50%); roll 0.500 ≥ 0.500."),  # a roll equal to the chance fails
    (0.5, 0.75, "— chance 50% (base 50%); roll 0.750 ≥ 0.500."),
    (1.0, 0.999, "— chance 100% (base 100%)."),
    (0.0, 0.001, "— chance 0% (base 0%)."),
    (0.001, 0.0005, "— chance 0.1% (base 0.1%); roll 0.001 < 0.001."),
]


@pytest.mark.parametrize("chance, roll, ending", ROLLS)
def test_a_sentence_shows_the_roll_against_the_chance_unless_the_outcome_was_certain(lab, chance, roll, ending):
    text = describe(lab, resolved(chance, roll, roll < chance), Viewpoint(FACILITATOR))
    assert text.endswith(ending)


@pytest.mark.parametrize("points, words", [(0, "0 points"), (1, "1 point"), (2, "2 points"), (3, "3 points")])
def test_points_are_counted_in_the_singular_only_for_one(lab, points, words):
    scored = ev.ObjectiveScored(turn=T, team="blue", objective="no_war", description="Keep the peace", met=True, points=points)
    assert describe(lab, scored, Viewpoint("blue")).endswith(f"({words}).")
