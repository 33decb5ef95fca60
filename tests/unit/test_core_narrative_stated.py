"""The words a sentence chooses: the colour of each kind of news, "with", "against" or "towards" a
target, a roll against its chance, points in the singular: each row written out by hand.

The laboratory campaign (conftest.py): blue and green are allies (the Pact), red is allied to no one;
rungs Peace, Tension, Standoff, War, The end.
"""

from __future__ import annotations

import attrs
import pytest

from wargame.core import events as ev
from wargame.core.model import Effects, Modifier, Move, Success
from wargame.core.narrative import FACILITATOR, ROOM, Viewpoint, chance_is_known, describe, preposition, tone

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
    attrs.evolve(move("scout"), success=Success(0.6, (Modifier(-0.5, "readiness", "target"),))),  # reads the target's readiness
    attrs.evolve(move("liaise", aims="any"), success=Success(0.5, (Modifier(1.0, of="interop", centre=0.0),))),
    attrs.evolve(move("appeal"), success=Success(0.5, (Modifier(0.5, "credibility", "target"),))),  # a public track
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


@pytest.mark.parametrize(
    "chance, words",
    [
        (0.45, "45%"),
        (0.045, "4.5%"),
        (0.0005, "0.1%"),  # 0.05% is exactly half-way: shown with its decimal (Python rounds 0.05 up here)
        (0.0004, "0%"),  # 0.04% is nearer 0% than a tenth: rounding hides nothing worth showing
        (0.0105, "1.1%"),
    ],
)
def test_a_percentage_shows_a_decimal_only_where_rounding_would_hide_it(chance, words):
    from wargame.core.narrative import percent

    assert percent(chance) == words


@pytest.mark.parametrize(
    "reason, ending",
    [
        ("no budget", "refused — no budget."),
        ("no budget .  ", "refused — no budget."),  # one full stop, no space before it
        ("  after the audit..", "refused — after the audit."),
        ("sanctions on firm X.", "refused — sanctions on firm X."),  # only full stops are taken off the end
    ],
)
def test_a_reason_ends_its_sentence_with_one_full_stop(lab, reason, ending):
    refused = ev.OrderRefused(turn=T, public=False, audience=("blue",), team="blue", what="Push", reason=reason)
    assert describe(lab, refused, Viewpoint("blue")) == f"Blue: Push {ending}"


def test_the_white_cell_reads_every_term_of_a_chance_after_its_base(lab):
    resolved = ev.MoveResolved(
        turn=T, team="blue", index=0, move="push", name="Push", category="military", target="red", base=0.6,
        terms=(ev.Term("own readiness 0.7 (weight 0.4)", 0.08), ev.Term("Red's readiness 0.6 (weight -0.5)", -0.05)),
        probability=0.63, roll=0.25, success=True,
    )
    assert describe(lab, resolved, Viewpoint(FACILITATOR)) == (
        "Blue: Push against Red succeeded — chance 63% (base 60%, own readiness 0.7 (weight 0.4) +0.08, "
        "Red's readiness 0.6 (weight -0.5) -0.05); roll 0.250 < 0.630."
    )


@pytest.mark.parametrize(
    "known_by, words",
    [(("red",), "only Red knew"), (("red", "green"), "only Red, Green knew")],
)
def test_the_white_cell_reads_who_knew_a_secret_cause(lab, known_by, words):
    change = ev.TrackChanged(
        turn=T, team="blue", track="readiness", old=0.5, new=0.4, cause="Covert (Red)", secret=True, known_by=known_by,
    )
    assert describe(lab, change, Viewpoint(FACILITATOR)) == (
        f"Blue — Readiness: 0.5 → 0.4 (Covert (Red), in secret: {words} the cause)."
    )


def test_a_channel_is_named_by_its_name(lab):
    change = ev.ChannelChanged(turn=T, channel="line", old="open", new="suspended", cause="Cut the line (Red)")
    assert describe(lab, change, Viewpoint("blue")) == "Blue-Red line: open → suspended (Cut the line (Red))."
    sent = ev.MessageSent(turn=T, id="m1", channel="line", sender="blue", to=("red",), text="Stand down")
    assert describe(lab, sent, Viewpoint("blue")) == "Blue sent a message to Red via Blue-Red line: “Stand down”"


WHITE, BLUE, RED, GREEN = Viewpoint(FACILITATOR), Viewpoint("blue"), Viewpoint("red"), Viewpoint("green")
PROBE = dict(observer="red", team="blue", move="probe", name="Probe", target="red", success=True, chance=0.4, roll=0.123)
CLIMB = dict(dyad=("blue", "red"), cause="Push (Blue)")
LINE = dict(id="m1", channel="line", sender="blue", to=("red",))

# (event, viewer, its sentence), each written out from the lab's names: every kind of news
SENTENCES = [
    (ev.MoveDetected(turn=T, public=False, audience=("red",), detected=True, **PROBE), RED,
     "Red intelligence detects Blue: Probe towards Red (succeeded) — chance 40%, roll 0.123."),
    (ev.MoveDetected(turn=T, public=False, audience=("red",), detected=False, **PROBE), WHITE,
     "Red did not detect Blue: Probe towards Red — chance 40%, roll 0.123. [not public: seen by Red]"),
    (ev.MoveDetected(turn=T, public=False, detected=False, **PROBE), WHITE,
     "Red did not detect Blue: Probe towards Red — chance 40%, roll 0.123. [not public: seen by the white cell only]"),
    (ev.EscalationChanged(turn=T, old="tension", new="standoff", **CLIMB), GREEN,
     "Blue–Red: Tension → Standoff (Push (Blue))."),
    (ev.EscalationChanged(turn=T, old="standoff", new="standoff", held_at="war", **CLIMB), GREEN,
     "Blue–Red held below the firebreak War (Push (Blue))."),
    (ev.EscalationChanged(turn=T, old="tension", new="standoff", held_at="war", **CLIMB), GREEN,
     "Blue–Red: Tension → Standoff (Push (Blue)). Stopped below the firebreak War."),
    (ev.InteropChanged(turn=T, teams=("blue", "green"), old=0.3, new=0.5, cause="Drill (Blue)"), GREEN,
     "Interoperability Blue–Green: 0.3 → 0.5 (Drill (Blue))."),
    (ev.InteropChanged(turn=T, teams=("blue", "green"), old=0.3, new=0.5, cause="Drill (Blue)"), RED,
     "Interoperability Blue–Green rose (Drill (Blue))."),
    (ev.InteropChanged(turn=T, teams=("blue", "green"), old=0.5, new=0.3, cause="Drill (Blue)"), RED,
     "Interoperability Blue–Green fell (Drill (Blue))."),
    (ev.MessageSent(turn=T, public=False, audience=("blue", "red"), text="Stand down", proposal="stand_down", **LINE), WHITE,
     "Blue sent a mutual stand-down proposal to Red via Blue-Red line: “Stand down” [not public: seen by Blue, Red]"),
    (ev.MessageDelivered(turn=T, text="Hello", reliability=0.9, roll=0.25, **LINE), RED,
     "A message from Blue to Red arrived via Blue-Red line (reliability 90%, roll 0.250): “Hello”"),
    (ev.MessageDelivered(turn=T, text="Terms", proposal="settlement", reliability=0.9, roll=0.25, **LINE), RED,
     "Blue's settlement proposal to Red arrived via Blue-Red line (reliability 90%, roll 0.250): “Terms”"),
    (ev.MessageLost(turn=T, reason="the line is down.", reliability=0.9, roll=0.95, **LINE), BLUE,
     "A message from Blue via Blue-Red line did not arrive: the line is down (reliability 90%, roll 0.950)."),
    (ev.MessageLost(turn=T, reason="the line is suspended", **LINE), BLUE,
     "A message from Blue via Blue-Red line did not arrive: the line is suspended."),
    (ev.ProposalAnswered(turn=T, id="m1", proposal="stand_down", sender="blue", responder="red", answer="lapsed"), BLUE,
     "Blue's mutual stand-down proposal to Red lapsed unanswered."),
    (ev.ProposalAnswered(turn=T, id="m1", proposal="stand_down", sender="blue", responder="red", answer="accepted"), BLUE,
     "Red accepted Blue's mutual stand-down proposal."),
    (ev.TreatyTriggered(turn=T, treaty="pact", victim="green", cause="Red attacked Green.", obliged=("blue",), due=3), RED,
     "Pact triggered: Red attacked Green. Blue must act by the end of turn 3."),
    (ev.ConsultationHeld(turn=T, treaty="pact", team="blue"), RED, "Blue called for consultations under Pact."),
    (ev.ObligationSettled(turn=T, treaty="pact", team="blue", honoured=True, trigger_turn=1, detail="Blue defended Green."),
     RED, "Honoured: Blue defended Green."),
    (ev.ObligationSettled(turn=T, treaty="pact", team="blue", honoured=False, trigger_turn=1, detail="Blue stood aside"),
     RED, "Breached: Blue stood aside."),
    (ev.BurdenShortfall(turn=T, treaty="pact", team="green", track="readiness", value=0.4, target=0.5), GREEN,
     "Green fell short on burden sharing under Pact: Readiness 0.4 < 0.5."),
    (ev.BurdenShortfall(turn=T, treaty="pact", team="green", track="readiness", value=0.4, target=0.5), RED,
     "Green fell short on burden sharing under Pact: Readiness below the 0.5 target."),
    (ev.AccidentRolled(turn=T, dyad=("blue", "red"), terms=(ev.Term("base", 0.01), ev.Term("rung 1", 0.02)), chance=0.03,
                       roll=0.5, happened=False), BLUE,
     "Accident check Blue–Red: chance 3% (base +0.01, rung 1 +0.02); roll 0.500 — no incident"),
    (ev.AccidentRolled(turn=T, dyad=("blue", "red"), terms=(), chance=0.03, roll=0.01, happened=True), BLUE,
     "Accident check Blue–Red: chance 3% (); roll 0.010 — an incident!"),
    (ev.InjectFired(turn=T, inject="storm", name="Storm", text="A storm.", cause="turn 2", reason="to test them."), WHITE,
     "Inject — Storm: A storm. (turn 2: to test them)"),
    (ev.InjectFired(turn=T, inject="storm", name="Storm", text="A storm.", cause="turn 2", reason="to test them."), BLUE,
     "Inject — Storm: A storm. (turn 2)"),
    (ev.InjectPostponed(turn=T, inject="storm", until=3, reason="not yet."), WHITE, "Inject storm postponed to turn 3: not yet."),
    (ev.GameEnded(turn=T, reason="turn_limit", detail="the last turn was played."), BLUE,
     "The game ended (turn_limit): the last turn was played."),
    (ev.TurnCompleted(turn=2, crisis="standoff", calm_streak=0), BLUE, "Turn 2 closed at Standoff."),
    (ev.MessageSent(turn=T, id="m2", channel="line", sender="blue", to=("red", "green"), text="Talk"), BLUE,
     "Blue sent a message to Red, Green via Blue-Red line: “Talk”"),
    (ev.MessageDelivered(turn=T, id="m2", channel="line", sender="blue", to=("red", "green"), text="Talk",
                         proposal="stand_down", reliability=1.0, roll=0.5), GREEN,
     "Blue's mutual stand-down proposal to Red, Green arrived via Blue-Red line (reliability 100%, roll 0.500): “Talk”"),
    (ev.ProposalAnswered(turn=T, public=False, audience=("blue", "red"), id="m1", proposal="settlement", sender="blue",
                         responder="red", answer="rejected"), WHITE,
     "Red rejected Blue's settlement proposal. [not public: seen by Blue, Red]"),
    (ev.ProposalAnswered(turn=T, public=False, audience=("blue", "red"), id="m1", proposal="settlement", sender="blue",
                         responder="red", answer="lapsed"), WHITE,
     "Blue's settlement proposal to Red lapsed unanswered. [not public: seen by Blue, Red]"),
    (ev.TreatyTriggered(turn=T, treaty="pact", victim="green", cause="Red attacked Green", obliged=("blue", "green"), due=3),
     RED, "Pact triggered: Red attacked Green. Blue, Green must act by the end of turn 3."),
    (ev.BurdenShortfall(turn=T, treaty="pact", team="green", track="cohesion", value=0.4, target=0.5), GREEN,
     "Green fell short on burden sharing under Pact: Alliance cohesion 0.4 < 0.5."),
    (ev.BurdenShortfall(turn=T, treaty="pact", team="green", track="credibility", value=0.4, target=0.5), RED,
     "Green fell short on burden sharing under Pact: Credibility 0.4 < 0.5."),  # credibility is public
    (ev.ObjectiveScored(turn=T, team="blue", objective="no_war", description="Keep the peace", met=True, points=3), RED,
     "Blue objective “Keep the peace”: met (3 points)."),
    (ev.ObjectiveScored(turn=T, team="blue", objective="no_war", description="Keep the peace", met=False, points=0), RED,
     "Blue objective “Keep the peace”: not met (0 points)."),
    (ev.TrackChanged(turn=T, team="red", track="readiness", old=0.5, new=0.6, cause="Mobilise (Red)"), BLUE,
     "Red — Readiness rose (Mobilise (Red))."),  # another team's hidden track: its direction, not its values
    (ev.TrackChanged(turn=T, team="red", track="readiness", old=0.5, new=0.6, cause="Mobilise (Red)"), RED,
     "Red — Readiness: 0.5 → 0.6 (Mobilise (Red))."),
    (ev.MoveResolved(turn=T, public=False, audience=("blue",), team="blue", index=0, move="covert", name="Covert",
                     category="cyber", target="red", visibility="secret"), WHITE,
     "Blue: Covert against Red (a secret move) succeeded — chance 100% (base 100%). [not public: seen by Blue]"),
    (ev.MoveResolved(turn=T, public=False, audience=("blue",), team="blue", index=0, move="covert", name="Covert",
                     category="cyber", target="red", visibility="secret"), BLUE,
     "Blue: Covert against Red succeeded — chance 100% (base 100%)."),
    (ev.MoveResolved(turn=T, team="blue", index=0, move="push", name="Push", category="military", target="red",
                     base=0.5, probability=0.5, roll=0.7, success=False), WHITE,
     "Blue: Push against Red failed — chance 50% (base 50%); roll 0.700 ≥ 0.500."),
    (ev.MoveResolved(turn=T, team="blue", index=0, move="gamble", name="Gamble", category="economic",
                     base=0.0, probability=0.0, roll=0.3, success=False), RED,
     "Blue: Gamble failed — chance 0% (base 0%)."),
]


@pytest.mark.parametrize("event, viewer, sentence", SENTENCES, ids=[f"{i}-{type(e).__name__}" for i, (e, _, _) in enumerate(SENTENCES)])
def test_each_kind_of_news_reads_as_its_sentence(lab, event, viewer, sentence):
    assert describe(lab, event, viewer) == sentence


SCOUTED = ev.MoveResolved(
    turn=T, team="blue", index=0, move="scout", name="Scout", category="diplomatic", target="red", base=0.6,
    terms=(ev.Term("Red's readiness 0.7 (weight -0.5)", -0.1),), probability=0.5, roll=0.2, success=True,
)
PUSHED = ev.MoveResolved(turn=T, team="red", index=0, move="push", name="Push", category="military", target="blue",
                         success=False, override="the crossing was blocked by ice.")
NUDGED = ev.MoveResolved(turn=T, team="blue", index=0, move="nudge", name="Nudge", category="diplomatic", target="green")

# (event, viewer, its sentence): chances resting on hidden tracks, and the facilitator's rulings
MOVE_SENTENCES = [
    (SCOUTED, BLUE, "Blue: Scout towards Red succeeded (its chance rests on tracks your intelligence does not reveal)."),
    (SCOUTED, Viewpoint(ROOM), "Blue: Scout towards Red succeeded (its chance rests on tracks that are not public)."),
    (SCOUTED, Viewpoint("blue", frozenset({"red"})),
     "Blue: Scout towards Red succeeded — chance 50% (base 60%, Red's readiness 0.7 (weight -0.5) -0.10); roll 0.200 < 0.500."),
    (PUSHED, RED, "Red: Push against Blue failed — chance 100% (base 100%). "
                  "Facilitator override: failure — the crossing was blocked by ice."),
    (PUSHED, WHITE, "Red: Push against Blue failed — chance 100% (base 100%). "
                    "Facilitator override: failure — the crossing was blocked by ice."),
    (PUSHED, BLUE, "Red: Push against Blue failed — chance 100% (base 100%). The facilitator ruled it a failure."),
    (attrs.evolve(PUSHED, success=True), GREEN,
     "Red: Push against Blue succeeded — chance 100% (base 100%). The facilitator ruled it a success."),
    (attrs.evolve(PUSHED, success=True), RED,
     "Red: Push against Blue succeeded — chance 100% (base 100%). "
     "Facilitator override: success — the crossing was blocked by ice."),
    (NUDGED, GREEN, "Blue: Nudge with Green succeeded — chance 100% (base 100%)."),  # neither kind of move: with an ally
    (ev.MoveDetected(turn=T, observer="green", team="blue", move="push", name="Push", target="red", success=False,
                     chance=0.5, roll=0.9, detected=True), GREEN,
     "Green intelligence detects Blue: Push against Red (failed) — chance 50%, roll 0.900."),
    (ev.MoveDetected(turn=T, observer="red", team="blue", move="nudge", name="Nudge", target="green", chance=0.5,
                     roll=0.9, detected=False), RED,
     "Red did not detect Blue: Nudge with Green — chance 50%, roll 0.900."),
    (ev.MoveDetected(turn=T, observer="red", team="blue", move="gamble", name="Gamble", chance=0.4, roll=0.1,
                     detected=True), RED,
     "Red intelligence detects Blue: Gamble (succeeded) — chance 40%, roll 0.100."),
]


@pytest.mark.parametrize("event, viewer, sentence", MOVE_SENTENCES)
def test_a_move_reads_as_its_viewer_may_know_it_with_the_facilitators_ruling(lab_plus, event, viewer, sentence):
    assert describe(lab_plus, event, viewer) == sentence


LEAK = ev.FreeformResolved(
    turn=T, team="blue", index=0, action="Leak the report", argument="It shames Red", target="red",
    outcome="success", reason="a plausible leak.", visibility="target",
)

# (free-form move, viewer, its sentence): the argument stays with its team and the white cell, the
# reason reaches teams only when shared; the white cell also reads the visibility and the ruling
FREEFORM_SENTENCES = [
    (LEAK, BLUE, "Blue free-form move (towards Red): “Leak the report” because “It shames Red” — success."),
    (LEAK, RED, "Blue free-form move (towards Red): “Leak the report” — success."),
    (attrs.evolve(LEAK, reason_shared=True), RED,
     "Blue free-form move (towards Red): “Leak the report” — success: a plausible leak."),
    (LEAK, WHITE, "Blue free-form move (towards Red): “Leak the report” because “It shames Red” — success: "
                  "a plausible leak. [told to its target; reason kept by the white cell]"),
    (attrs.evolve(LEAK, visibility="public", reason_shared=True), WHITE,
     "Blue free-form move (towards Red): “Leak the report” because “It shames Red” — success: "
     "a plausible leak. [public; reason shared with the teams]"),
    (attrs.evolve(LEAK, visibility="secret", detected=True, public=False, audience=("blue", "red")), WHITE,
     "Blue free-form move (towards Red): “Leak the report” because “It shames Red” — success: "
     "a plausible leak. [secret, ruled detected; reason kept by the white cell] [not public: seen by Blue, Red]"),
    (attrs.evolve(LEAK, target="", argument="", reason="", outcome="not adjudicated"), WHITE,
     "Blue free-form move: “Leak the report” — not adjudicated. [told to its target]"),
]


@pytest.mark.parametrize("event, viewer, sentence", FREEFORM_SENTENCES)
def test_a_free_form_move_reads_as_its_viewer_may_know_it(lab, event, viewer, sentence):
    assert describe(lab, event, viewer) == sentence


LIAISED = ev.MoveResolved(
    turn=T, team="blue", index=0, move="liaise", name="Liaise", category="diplomatic", target="green", base=0.5,
    terms=(ev.Term("interoperability with Green 0.3 (weight 1.0)", 0.3),), probability=0.8, roll=0.5, success=True,
)
APPEALED = ev.MoveResolved(
    turn=T, team="blue", index=0, move="appeal", name="Appeal", category="diplomatic", target="red", base=0.5,
    terms=(ev.Term("Red's credibility 0.7 (weight 0.5)", 0.1),), probability=0.6, roll=0.5, success=True,
)

# (move, viewer, whether the viewer may see its chance): a pair's interoperability is known to both
# partners, else as their tracks are; credibility is public
CHANCES_KNOWN = [
    (LIAISED, BLUE, True),
    (LIAISED, GREEN, True),
    (LIAISED, RED, False),
    (LIAISED, Viewpoint("red", frozenset({"blue"})), True),  # red's intelligence reveals the mover
    (LIAISED, Viewpoint("red", frozenset({"green"})), True),  # or its partner
    (APPEALED, GREEN, True),
    (APPEALED, Viewpoint(ROOM), True),
    (SCOUTED, GREEN, False),
    (SCOUTED, Viewpoint("green", frozenset({"red"})), True),
    # a term whose label matches none of the move's modifiers (an older save's wording) counts as hidden
    (attrs.evolve(SCOUTED, terms=(ev.Term("target readiness (old wording)", -0.1),)),
     Viewpoint("green", frozenset({"blue", "red"})), False),
    (attrs.evolve(SCOUTED, terms=(ev.Term("target readiness (old wording)", -0.1),)), WHITE, True),
]


@pytest.mark.parametrize("event, viewer, known", CHANCES_KNOWN)
def test_a_chance_is_known_to_a_viewer_who_may_know_every_track_it_reads(lab_plus, event, viewer, known):
    assert chance_is_known(lab_plus, event, viewer) is known
