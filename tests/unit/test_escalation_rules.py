"""Issue 13's escalation rules, one table per mechanism, each expected value worked out by hand.

The campaign is tests/data/escalation_lab.toml. Its numbers, for reading the tables:
rungs 0 calm, 1 friction*, 2 patrols, 3 encounter*, 4 blockade, 5 first_shot (firebreak "the first
shot", salience 0.3, leak 0.2), 6 war, 7 alert, 8 nuclear_use (firebreak "the nuclear taboo",
salience 1.0, no leak), 9 ruin (terminal); * an incident may land there.
force_rung = first_shot (force tags: armed_attack, kinetic); de-escalation takes two;
readiness blue 0.5, red 0.7, green 0.9; leak + 0.4 × (mean readiness − 0.5); mutual alert (both at
0.7 or more) adds 0.1 to an incident's chance; accidents otherwise 0 unless a row sets them.
Hotline (blue, red): dampening 0.5, containment 0.5. Wire (red, green): dampening 0, containment 1.0.

Rolls are checked against the documented contract: one `random.Random` per turn, seeded from
SHA-256 of "seed:turn:adjudication"; a turn without moves rolls first for incidents, pair by pair
(blue–red, blue–green, red–green), each: occurrence, then containment if a channel contains, then leak.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.bots import bot_orders
from wargame.core.escalation import ladder
from wargame.core.narrative import WHITE_CELL, Viewpoint, describe
from wargame.core.orders import Intervention, MoveOrder, TeamOrders
from wargame.core.simulation import first_crossing_cause
from wargame.core.state import apply_all, initial_state
from wargame.core.views import as_known

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"
RUNGS = ["calm", "friction", "patrols", "encounter", "blockade", "first_shot", "war", "alert", "nuclear_use", "ruin"]


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def with_rules(campaign, **rules):
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, **rules))


def rolls(seed: int, turn: int, n: int) -> list[float]:
    digest = hashlib.sha256(f"{seed}:{turn}:adjudication".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    return [rng.random() for _ in range(n)]


def seed_where(test, n: int, turn: int = 1) -> int:
    """The smallest seed whose first `n` rolls of `turn` pass `test`."""
    return next(seed for seed in range(20_000) if test(rolls(seed, turn, n)))


def state_at(campaign, rungs=None, channels=None, turn=1):
    state = initial_state(campaign)
    levels = {key: RUNGS.index(rung) for key, rung in (rungs or {}).items()}
    return attrs.evolve(
        state, turn=turn, rungs={**state.rungs, **levels}, channels={**state.channels, **(channels or {})}
    )


def play(campaign, state, moves=None, interventions=(), seed=1):
    orders = [TeamOrders(team, moves=tuple(MoveOrder(m, t) for m, t in ms)) for team, ms in sorted((moves or {}).items())]
    events = adjudicate(campaign, state, orders, interventions, seed)
    return events, apply_all(campaign, state, events)


def rung_of(campaign, state, key):
    return campaign.rungs[state.rungs[key]].id


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


# --- 1. anchored rungs ------------------------------------------------------------------------------

# (blue–red rung before, blue's move against red, rung after, firebreak that held it)
ANCHORED = [
    # rung_at_least = blockade from Friction: the blockade lands on Blockade, not on Patrols
    ("friction", "blockade", "blockade", ""),
    # ...and never lowers a dyad above it: War stays War
    ("war", "blockade", "war", ""),
    # a declared use of force (kinetic) from Close encounter: +1 would be Blockade; the force
    # floor puts it on First shot, crossing the first-shot threshold it implies
    ("encounter", "shoot_down", "first_shot", ""),
    # a failed shot whose on_failure climbs is still a shot: Patrols → First shot
    ("patrols", "miss", "first_shot", ""),
    # the force floor lets force cross only the firebreaks up to the force rung: held below the taboo
    ("alert", "shoot_down", "alert", "nuclear_use"),
    # a plain +1 without leave to cross is held below the first shot
    ("blockade", "push", "blockade", "first_shot"),
    # crosses = ["nuclear_use"] crosses that threshold only...
    ("alert", "nuclear_strike", "nuclear_use", ""),
    # ...and is held below the first shot it does not name
    ("blockade", "nuclear_strike", "blockade", "first_shot"),
    # crosses_firebreak = true (older files) still crosses every firebreak: Blockade + 2 = War
    ("blockade", "old_style_strike", "war", ""),
    # rung_exactly sets the dyad, here down from War to Friction (red does not climb: it stands)
    ("war", "ceasefire_line", "friction", ""),
]


@pytest.mark.parametrize("before, move, after, held", ANCHORED)
def test_a_move_lands_its_dyad_on_the_rung_its_anchor_and_its_thresholds_allow(lab, before, move, after, held):
    events, state = play(lab, state_at(lab, {"blue|red": before}), {"blue": [(move, "red")]})
    assert rung_of(lab, state, "blue|red") == after
    changes = of(ev.EscalationChanged, events)
    assert [c.held_at for c in changes] == ([held] if held or before != after else [])


def _variant(lab, move_id: str, **effects):
    """The lab's move with other effects (a copy: the campaign's own move is left alone)."""
    move = next(m for m in lab.moves if m.id == move_id)
    return move, attrs.evolve(move, effects=attrs.evolve(move.effects, **effects))


# (start rung, effects of a kinetic move, where it lands): the force floor, worked out by hand.
# The ladder: 0 calm, 1 friction, 2 patrols, 3 encounter, 4 blockade, 5 first_shot (the force
# rung and a firebreak), 6 war, 7 alert, 8 nuclear_use (firebreak), 9 ruin.
FORCE_FLOOR = [
    # a use of force that does not climb is not lifted to the force rung: it stays at Patrols
    ("patrols", {"escalation": 0}, "patrols"),
    # anchored below the force rung (at least Encounter), it still lands on First shot
    ("patrols", {"escalation": 0, "rung_at_least": "encounter"}, "first_shot"),
    # anchored above the force rung (at least War), it lands on War: the higher of the two
    ("patrols", {"escalation": 0, "rung_at_least": "war"}, "war"),
]


@pytest.mark.parametrize("start, effects, lands", FORCE_FLOOR)
def test_the_force_floor_lifts_a_climbing_use_of_force_to_the_force_rung_and_never_lowers_its_anchor(lab, start, effects, lands):
    _, shot = _variant(lab, "shoot_down", **effects)
    index = {r.id: i for i, r in enumerate(lab.rungs)}
    assert ladder(lab).move_landing(index[start], shot, shot.effects)[0] == index[lands]


def test_a_changed_copy_of_a_move_is_judged_by_its_own_thresholds_not_the_campaigns_copy():
    # The ladder remembers which firebreaks each of the campaign's moves may cross; a copy with the
    # same id but other leave (as a ruling or --set could make) must not be given the original's.
    campaign = load_campaign(str(LAB)).campaign
    lad = ladder(campaign)
    index = {r.id: i for i, r in enumerate(campaign.rungs)}
    strike = next(m for m in campaign.moves if m.id == "nuclear_strike")
    assert lad.may_cross(strike) == {index["nuclear_use"]}
    lad.may_cross(strike)  # asked twice: the remembered answer
    widened = attrs.evolve(strike, crosses=("first_shot", "nuclear_use"))
    assert lad.may_cross(widened) == {index["first_shot"], index["nuclear_use"]}
    assert lad.may_cross(strike) == {index["nuclear_use"]}


# (inject, blue–green rung after from Calm, firebreak that held it)
INJECTS = [
    ("convoy", "encounter", ""),  # rung_at_least = encounter
    ("rumour", "blockade", "first_shot"),  # rung_at_least = war, but an inject never crosses a firebreak
]


@pytest.mark.parametrize("inject, after, held", INJECTS)
def test_an_inject_anchored_at_a_rung_lands_there_or_below_the_first_firebreak(lab, inject, after, held):
    fire = [Intervention("fire_inject", "test", inject=inject)]
    events, state = play(lab, state_at(lab), interventions=fire)
    assert rung_of(lab, state, "blue|green") == after
    (change,) = of(ev.EscalationChanged, events)
    assert (change.new, change.held_at, change.cause) == (after, held, inject.capitalize() and change.cause)


# --- 2. de-escalation takes two ---------------------------------------------------------------------

# (blue–red before, blue's moves, red's moves, blue–red after, step-downs voided)
TAKES_TWO = [
    # a step down the other side lets stand: Blockade → Close encounter
    ("blockade", [("talks", "red")], [], "encounter", 0),
    # the other side climbs the same turn: the offer is void, the climb stands (Patrols → Close encounter)
    ("patrols", [("talks", "red")], [("push", "blue")], "encounter", 1),
    # both step down: the deepest applies (Blockade − 2 = Patrols), not the sum (Friction)
    ("blockade", [("talks", "red")], [("summit", "blue")], "patrols", 0),
    # the other side climbs elsewhere (red–green): the offer stands
    ("blockade", [("talks", "red")], [("push", "green")], "encounter", 0),
]


@pytest.mark.parametrize("before, blue, red, after, voided", TAKES_TWO)
def test_a_step_down_lowers_the_dyad_only_if_the_other_side_does_not_climb_it(lab, before, blue, red, after, voided):
    events, state = play(lab, state_at(lab, {"blue|red": before}), {"blue": blue, "red": red})
    assert rung_of(lab, state, "blue|red") == after
    void = of(ev.StepDownVoided, events)
    assert len(void) == voided
    for e in void:
        assert (e.team, e.other, e.dyad) == ("blue", "red", ("blue", "red"))
        assert describe(lab, e, WHITE_CELL) == "Blue's step down on Blue–Red (Talks (Blue)) came to nothing: Red climbed the same turn."


def test_an_older_campaign_without_the_rule_steps_down_by_arithmetic_as_before(lab):
    # de_escalation = "unilateral": blue's −1 then red's +1, in campaign order: Patrols → Friction → Patrols
    unilateral = with_rules(lab, de_escalation="unilateral")
    events, state = play(unilateral, state_at(unilateral, {"blue|red": "patrols"}), {"blue": [("talks", "red")], "red": [("push", "blue")]})
    assert rung_of(unilateral, state, "blue|red") == "patrols"
    assert [(c.old, c.new) for c in of(ev.EscalationChanged, events)] == [("patrols", "friction"), ("friction", "patrols")]


# --- 3. graded thresholds ---------------------------------------------------------------------------

# (rung of the next firebreak an incident on this rung meets, or the rung it climbs to)
INCIDENT_GOALS = [
    ("calm", "friction"),
    ("friction", "encounter"),  # Patrols is not a rung an incident lands on
    ("patrols", "encounter"),
    ("encounter", "first_shot"),  # Blockade neither: the incident meets the first-shot firebreak
    ("blockade", "first_shot"),
    ("war", "nuclear_use"),
    ("nuclear_use", "ruin"),  # a terminal rung stops the climb
]


@pytest.mark.parametrize("level, goal", INCIDENT_GOALS)
def test_an_incident_climbs_to_the_next_incident_rung_or_meets_the_first_firebreak(lab, level, goal):
    assert ladder(lab).incident_goal(RUNGS.index(level)) == RUNGS.index(goal)


# (blue–red rung, first_shot salience, whether a hawk crosses a threshold in every one of 20 seeds
# or in none). Crossing costs the hawk 5 × salience; a move scores military 1.2 + 1.5 per rung
# climbed + 0.3 against a rival, less that; it is weighed × (0.5 + chance 1) + noise (at most 0.6)
# against 0.5, so a score of 0 or less is never chosen.
HAWK_THRESHOLDS = [
    # at Blockade: a shot (+1, first shot) 1.2 + 1.5 − 1.5 + 0.3 = 1.5; old_style_strike (+2) 3.0
    ("blockade", 0.3, "every"),
    # at Nuclear alert: nuclear_strike (+1, the taboo) 1.2 + 1.5 − 5 + 0.3 = −2.0; old_style_strike
    # (+2: onto Ruin) 1.2 + 3.0 − 5 + 0.3 = −0.5
    ("alert", 0.3, "none"),
    # the first shot made as salient as the taboo: shot −2.0, old_style_strike −0.5
    ("blockade", 1.0, "none"),
]


@pytest.mark.parametrize("level, salience, crosses", HAWK_THRESHOLDS)
def test_a_hawk_weighs_each_threshold_by_its_salience(lab, level, salience, crosses):
    rungs = tuple(attrs.evolve(r, salience=salience) if r.id == "first_shot" else r for r in lab.rungs)
    moves = tuple(attrs.evolve(m, targets=("blue",)) for m in lab.moves)  # red faces blue only
    campaign = attrs.evolve(lab, rungs=rungs, moves=moves)
    lad = ladder(campaign)
    state = state_at(campaign, {"blue|red": level})
    crossed = 0
    for seed in range(20):
        orders = bot_orders("hawk", campaign, state, "red", seed)
        crossings = [
            lad.crossed(state.rungs["blue|red"], lad.move_landing(state.rungs["blue|red"], move, move.effects)[0])
            for move in (campaign.move(order.move) for order in orders.moves)
        ]
        crossed += any(crossings)
    assert crossed == (20 if crosses == "every" else 0)


# --- 4. incidents that leak, channels that contain them ---------------------------------------------

def certain_incidents(campaign):
    return with_rules(campaign, accident_base=1.0)


# (blue–green before, leak roll wanted, blue–green after, leaked): leak = 0.2 + 0.4 × ((0.5 + 0.9)/2 − 0.5) = 0.28
LEAKS = [
    ("blockade", "below", "first_shot", True),
    ("blockade", "above", "blockade", False),
    ("encounter", "below", "first_shot", True),  # from Close encounter an incident meets the first shot too
]


@pytest.mark.parametrize("before, roll, after, leaked", LEAKS)
def test_an_incident_below_a_firebreak_crosses_it_when_its_leak_roll_succeeds(lab, before, roll, after, leaked):
    campaign = certain_incidents(lab)
    # blue–green has no channel: roll 1 is the incident (certain), roll 2 the leak
    seed = seed_where(lambda r: (r[1] < 0.28) == (roll == "below"), 2)
    events, state = play(campaign, state_at(campaign, {"blue|green": before}), seed=seed)
    (incident,) = of(ev.AccidentRolled, events)
    assert incident.happened and incident.threshold == "first_shot" and incident.leak == 0.28
    assert [t.value for t in incident.leak_terms] == [0.2, 0.08]
    assert incident.leak_roll == rolls(seed, 1, 2)[1] and incident.leaked is leaked
    assert rung_of(campaign, state, "blue|green") == after
    (change,) = of(ev.EscalationChanged, events)
    if leaked:
        assert change.cause == "an incident neither side ordered crossed the threshold: the first shot"
        assert first_crossing_cause(campaign, events) == "incident"
    else:
        assert change.held_at == "first_shot" and first_crossing_cause(campaign, events) == ""


def test_a_firebreak_without_a_leak_holds_every_incident_as_before(lab):
    campaign = certain_incidents(lab)
    events, state = play(campaign, state_at(campaign, {"blue|green": "alert"}))
    (incident,) = of(ev.AccidentRolled, events)
    assert incident.happened and not incident.threshold and not incident.leak_roll  # no leak: no roll
    assert rung_of(campaign, state, "blue|green") == "alert"
    assert of(ev.EscalationChanged, events)[0].held_at == "nuclear_use"


# (wire status, containment, contained): red–green, incident certain (no dampening on the wire)
CONTAINMENT = [
    ("open", 1.0, True),
    ("suspended", 0.0, False),  # a suspended channel contains nothing (and is not rolled for)
]


@pytest.mark.parametrize("status, containment, contained", CONTAINMENT)
def test_a_working_channel_contains_an_incident_between_its_members_without_a_climb(lab, status, containment, contained):
    campaign = certain_incidents(lab)
    state = state_at(campaign, {"green|red": "friction"}, channels={"wire": status})
    events, after = play(campaign, state)
    (incident,) = of(ev.AccidentRolled, events)
    assert (incident.containment, incident.contained) == (containment, contained)
    assert rung_of(campaign, after, "green|red") == ("friction" if contained else "encounter")
    if contained:
        assert incident.channel == "wire" and not of(ev.EscalationChanged, events)


def test_a_degraded_channel_contains_half_as_often_and_its_roll_is_in_the_event(lab):
    campaign = certain_incidents(lab)
    # hotline: dampening 0.5 makes the chance 0.5; containment 0.5 open. Roll 1 < 0.5 (incident),
    # roll 2 ≥ 0.5 (not contained), roll 3 the leak: 0.2 + 0.4 × (0.6 − 0.5) = 0.24, rolled ≥ 0.24.
    seed = seed_where(lambda r: r[0] < 0.5 and r[1] >= 0.5 and r[2] >= 0.24, 3)
    events, state = play(campaign, state_at(campaign, {"blue|red": "blockade"}), seed=seed)
    (incident,) = of(ev.AccidentRolled, events)
    assert (incident.chance, incident.channel, incident.containment, incident.contained) == (0.5, "hotline", 0.5, False)
    assert (incident.containment_roll, incident.leak, incident.leaked) == (rolls(seed, 1, 2)[1], 0.24, False)
    degraded = state_at(campaign, {"blue|red": "blockade"}, channels={"hotline": "degraded"})
    events, _ = play(campaign, degraded, seed=seed)
    (incident,) = of(ev.AccidentRolled, events)
    # degraded: dampening 0.25 (chance 0.75) and containment 0.25
    assert (incident.chance, incident.containment) == (0.75, 0.25)


# (red–green readiness, chance of an incident on red–green at Friction, base 0.05)
ALERT = [
    ((0.7, 0.9), 0.15),  # both at or above 0.7: + 0.1
    ((0.69, 0.9), 0.05),  # red just below
]


@pytest.mark.parametrize("readiness, chance", ALERT)
def test_mutual_high_alert_raises_the_chance_of_an_incident(lab, readiness, chance):
    campaign = with_rules(lab, accident_base=0.05)
    state = state_at(campaign, {"green|red": "friction"})
    tracks = {**state.tracks, "red": {**state.tracks["red"], "readiness": readiness[0]}, "green": {**state.tracks["green"], "readiness": readiness[1]}}
    events, _ = play(campaign, attrs.evolve(state, tracks=tracks))
    (incident,) = of(ev.AccidentRolled, events)
    assert incident.chance == chance
    assert ("mutual high alert" in [t.label for t in incident.terms]) is (chance == 0.15)


# --- what each viewer may know of an incident ------------------------------------------------------

def test_an_incident_whose_chances_read_the_other_sides_readiness_is_told_without_them(lab):
    campaign = certain_incidents(lab)
    seed = seed_where(lambda r: r[0] < 0.5 and r[1] >= 0.5 and r[2] < 0.24, 3)
    events, _ = play(campaign, state_at(campaign, {"blue|red": "blockade"}), seed=seed)
    (incident,) = of(ev.AccidentRolled, events)
    assert incident.leaked
    # Blue's intelligence (0.2) does not reveal Red's readiness: no chance, no terms, no rolls
    blue = describe(campaign, incident, Viewpoint("blue"))
    assert blue == (
        "Accident check Blue–Red — an incident! (its chance rests on tracks your intelligence does not reveal) "
        "Hotline did not contain it (containment 50%, roll " f"{incident.containment_roll:.3f}). "
        "It crossed the threshold the first shot."
    )
    assert as_known(campaign, incident, Viewpoint("blue")) is None
    # Red sees Blue's tracks (intelligence 0.6 reveals): the leak and its terms
    red = describe(campaign, incident, Viewpoint("red", frozenset({"blue", "green"})))
    assert f"(leak 24%: leak at the first shot +0.20, both sides' readiness +0.04; roll {incident.leak_roll:.3f})" in red
    assert "leak 24%" in describe(campaign, incident, WHITE_CELL)


def test_a_contained_incident_followed_by_an_inject_across_a_firebreak_is_not_counted_as_inadvertent(lab):
    contained = ev.AccidentRolled(
        turn=1, public=False, audience=("blue", "green"), dyad=("blue", "green"), terms=(), chance=1.0, roll=0.1,
        happened=True, channel="wire", containment=1.0, containment_roll=0.2, contained=True,
    )
    crossing = ev.EscalationChanged(turn=1, dyad=("blue", "green"), old="blockade", new="war", cause="Inject")
    assert first_crossing_cause(lab, [contained, crossing]) == "other"
    assert first_crossing_cause(lab, [attrs.evolve(contained, contained=False), crossing]) == "incident"


# --- 5. bots that propose settlements ---------------------------------------------------------------

# (persona, turn, proposal sent to red over the hotline, blue–red at Patrols)
PROPOSALS = [
    ("dove", 3, "stand_down"),
    ("dove", 4, "settlement"),  # after SETTLE_AFTER = 3 turns of crisis
    ("deterrent", 4, "settlement"),
    ("hawk", 4, None),
]


@pytest.mark.parametrize("persona, turn, proposal", PROPOSALS)
def test_a_persona_that_proposes_stand_downs_proposes_a_settlement_once_the_crisis_has_run_three_turns(lab, persona, turn, proposal):
    state = state_at(lab, {"blue|red": "patrols"}, turn=turn)
    orders = bot_orders(persona, lab, state, "blue", 1)
    sent = [m.proposal for m in orders.messages if m.proposal]
    assert sent == ([proposal] if proposal else [])


# --- 6. credibility with diminishing returns --------------------------------------------------------

# (credibility before, move, rule, credibility after): the step × min(1, 2 × room left / range)
CREDIBILITY = [
    (0.5, "pledge", "diminishing", 0.7),  # at the middle: the whole +0.2
    (0.9, "pledge", "diminishing", 0.94),  # 0.1 left: +0.2 × 0.2 = +0.04
    (1.0, "pledge", "diminishing", 1.0),  # at the bound: nothing
    (0.15, "bluff_called", "diminishing", 0.09),  # 0.15 left below: −0.2 × 0.3 = −0.06
    (0.9, "pledge", "linear", 1.0),  # the first engine's rule: +0.2, clamped
]


@pytest.mark.parametrize("before, move, rule, after", CREDIBILITY)
def test_credibility_changes_less_the_nearer_it_is_to_the_bound_it_moves_towards(lab, before, move, rule, after):
    campaign = with_rules(lab, credibility_returns=rule)
    state = state_at(campaign)
    state = attrs.evolve(state, tracks={**state.tracks, "blue": {**state.tracks["blue"], "credibility": before}})
    _, state = play(campaign, state, {"blue": [(move, None)]})
    assert state.tracks["blue"]["credibility"] == after
