"""Every rule with a comparison or a formula, at its boundary: each row's number worked out by hand.

The campaign is tests/data/rule_lab.toml. Its numbers, for reading the tables:
readiness blue 0.5, red 0.7, green 0.5, amber 0.8; resources blue 3, red 2.9, green 2, amber 1;
blue–red at Standoff (2), red–green at Friction (1), every other pair at Quiet (0);
the hotline (blue, red) has reliability 0.8 and dampening 0.6, the wire (red, green) starts degraded
with 0.9 and 0.5, the forum (blue, green, amber) is open with 1.0, latency 1 and dampening 0.3;
accidents: 0.01 + 0.02 × rung (+ 0.05 after an escalation this turn), times (1 − best dampening);
the Pact (blue, green) is triggered by an armed attack that leaves the dyad at Clash (3) or above,
obliges within 2 turns and asks readiness ≥ 0.5 of each member (shortfall: credibility −0.05);
the Accord (red, amber) grants basing (+0.15 to military moves) and has no trigger rung.

Rolls are checked against the documented contract, worked out here independently: one
`random.Random` per turn, seeded from SHA-256 of "seed:turn:adjudication".
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
from wargame.core.orders import FreeformOrder, Intervention, MessageOrder, MoveOrder, Response, TeamOrders
from wargame.core.model import Condition, DyadShift, Inject, InjectEffects
from wargame.core.rules import basing_bonus, clamp, has_provision, holds, refusal, success_chance, treaty_partners
from wargame.core.state import OpenProposal, PendingObligation, apply_all, initial_state
from wargame.core.views import FACILITATOR, team_view, visible_events

LAB = Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def rolls(seed: int, turn: int, n: int) -> list[float]:
    """The first `n` rolls of a turn, by the contract in the adjudicator's docstring."""
    digest = hashlib.sha256(f"{seed}:{turn}:adjudication".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    return [rng.random() for _ in range(n)]


def seed_whose_first_roll(low: float, high: float, turn: int = 1) -> int:
    """The smallest seed whose first roll of `turn` falls in [low, high)."""
    return next(seed for seed in range(10_000) if low <= rolls(seed, turn, 1)[0] < high)


def state_with(lab, turn=1, tracks=None, rungs=None, channels=None, **fields):
    """The opening state with some values changed: tracks={"blue": {"readiness": 0.4}}, rungs={"blue|red": 3}."""
    state = initial_state(lab)
    tracks = {team: {**values, **(tracks or {}).get(team, {})} for team, values in state.tracks.items()}
    return attrs.evolve(
        state, turn=turn, tracks=tracks, rungs={**state.rungs, **(rungs or {})},
        channels={**state.channels, **(channels or {})}, **fields,
    )


def play(lab, state, moves=None, messages=None, interventions=(), seed=1, last_turn=None):
    """One adjudicated turn: (events, state after). `moves` maps a team to [(move, target)]."""
    teams = set(moves or {}) | set(messages or {})
    orders = [
        TeamOrders(
            team,
            moves=tuple(MoveOrder(m, t) for m, t in (moves or {}).get(team, ())),
            messages=tuple((messages or {}).get(team, ())),
        )
        for team in sorted(teams)
    ]
    events = adjudicate(lab, state, orders, interventions, seed, last_turn)
    return events, apply_all(lab, state, events)


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


# --- the chance of success -------------------------------------------------------------------------

# (team, move, target, tracks changed, chance worked out by hand)
CHANCES = [
    # 0.6 + 0.4(0.5−0.5) − 0.5(red 0.7−0.5) − 0.2(amber, red's ally, 0.8−0.5) = 0.6 − 0.1 − 0.06
    ("blue", "raid", "red", {}, 0.44),
    # amber's readiness 0.3: the allies' term turns positive, −0.2(0.3−0.5) = +0.04
    ("blue", "raid", "red", {"amber": {"readiness": 0.3}}, 0.54),
    # 0.6 − 0.5(amber 0.8−0.5) − 0.2(red 0.7−0.5) = 0.6 − 0.15 − 0.04
    ("blue", "raid", "amber", {}, 0.41),
    # 0.6 + 0.4(0.7−0.5) − 0.5(0.5−0.5) − 0.2(green 0.5−0.5) + basing 0.15
    ("red", "raid", "blue", {}, 0.83),
    # green's ally blue at 0.9: −0.2(0.9−0.5) = −0.08; 0.6 + 0.08 − 0.08 + 0.15
    ("red", "raid", "green", {"blue": {"readiness": 0.9}}, 0.75),
    # 0.6 + 0.4(1.0−0.5) − 0.5(0.4−0.5) + 0.15 = 0.6 + 0.2 + 0.05 + 0.15: exactly 1
    ("red", "raid", "blue", {"red": {"readiness": 1.0}, "blue": {"readiness": 0.4}}, 1.0),
    # 0.6 + 0.2 + 0.25 + 0.15 = 1.2, clamped to 1
    ("red", "raid", "blue", {"red": {"readiness": 1.0}, "blue": {"readiness": 0.0}}, 1.0),
    # 0.1 + 1.0(0.5−0.5)
    ("blue", "long_shot", None, {}, 0.1),
    # 0.1 + 1.0(0.41−0.5) = 0.01: just above the floor
    ("blue", "long_shot", None, {"blue": {"readiness": 0.41}}, 0.01),
    # 0.1 + 1.0(0.4−0.5) = 0: exactly the floor
    ("blue", "long_shot", None, {"blue": {"readiness": 0.4}}, 0.0),
    # 0.1 − 0.5 = −0.4, clamped to 0
    ("blue", "long_shot", None, {"blue": {"readiness": 0.0}}, 0.0),
    # 0.1 + 0.5
    ("blue", "long_shot", None, {"blue": {"readiness": 1.0}}, 0.6),
    # 0.5 + interoperability 0.3 (centre 0)
    ("blue", "liaison", "green", {}, 0.8),
    # diplomatic: no basing bonus for red, 0.5 + interoperability 0
    ("red", "liaison", "blue", {}, 0.5),
]


@pytest.mark.parametrize("team, move, target, tracks, chance", CHANCES)
def test_a_moves_chance_is_its_base_plus_each_modifier_and_basing_clamped_to_0_and_1(lab, team, move, target, tracks, chance):
    state = state_with(lab, tracks=tracks)
    found, terms = success_chance(lab, state, team, lab.move(move), target)
    assert found == pytest.approx(chance, abs=1e-9)
    events, _ = play(lab, state, {team: [(move, target)]})
    (resolved,) = of(ev.MoveResolved, events)
    assert resolved.probability == found and resolved.base == lab.move(move).success.base
    roll = rolls(1, 1, 1)[0]  # the move is the turn's first roll
    assert resolved.roll == roll and resolved.success == (roll < chance)


def test_the_terms_of_a_chance_are_the_nonzero_modifiers_and_basing_in_order(lab):
    _, terms = success_chance(lab, state_with(lab), "blue", lab.move("raid"), "red")
    assert [t.value for t in terms] == [pytest.approx(-0.1), pytest.approx(-0.06)]  # own readiness is 0: no term
    _, terms = success_chance(lab, state_with(lab), "red", lab.move("raid"), "blue")
    assert [(t.label, t.value) for t in terms][-1] == ("basing rights (Accord)", 0.15)


def test_the_interoperability_modifier_reads_the_interoperability_now(lab):
    state = state_with(lab, interop={**initial_state(lab).interop, "blue|green": 0.45})
    assert success_chance(lab, state, "blue", lab.move("liaison"), "green")[0] == pytest.approx(0.95)
    state = state_with(lab, interop={**initial_state(lab).interop, "blue|green": 0.7})
    assert success_chance(lab, state, "blue", lab.move("liaison"), "green")[0] == 1.0  # 1.2 clamped


@pytest.mark.parametrize("chance_of, seed_range, success", [(0.44, (0.0, 0.44), True), (0.44, (0.44, 1.0), False)])
def test_a_move_succeeds_exactly_when_its_roll_is_below_its_chance(lab, chance_of, seed_range, success):
    seed = seed_whose_first_roll(*seed_range)
    events, after = play(lab, state_with(lab), {"blue": [("raid", "red")]}, seed=seed)
    (resolved,) = of(ev.MoveResolved, events)
    assert resolved.probability == chance_of and resolved.success is success
    assert after.rung("blue", "red") == (3 if success else 2)


# --- the budget ------------------------------------------------------------------------------------

# (team, moves in order, moves accepted, refusal reasons)
BUDGETS = [
    # blue has 3: mobilise costs exactly 3
    ("blue", [("mobilise", None)], ["mobilise"], []),
    # then nothing is left for a move costing 1
    ("blue", [("mobilise", None), ("push", "red")], ["mobilise"], ["over budget: costs 1, 0 of 3 left"]),
    # in the order listed: push first leaves 2 of 3, too little for mobilise
    ("blue", [("push", "red"), ("mobilise", None)], ["push"], ["over budget: costs 3, 2 of 3 left"]),
    # red's resources 2.9 give a budget of 2: raid (2) spends it exactly
    ("red", [("raid", "blue")], ["raid"], []),
    ("red", [("raid", "blue"), ("push", "blue")], ["raid"], ["over budget: costs 1, 0 of 2 left"]),
    # a move costing 0 is never over budget
    ("red", [("raid", "blue"), ("jam", None)], ["raid", "jam"], []),
    # a refused move costs nothing: raid on an ally is refused, mobilise still fits
    ("blue", [("raid", "green"), ("mobilise", None)], ["mobilise"], ["Green is an ally; this move targets rivals"]),
]


@pytest.mark.parametrize("team, moves, accepted, reasons", BUDGETS)
def test_a_team_may_spend_its_budget_exactly_and_not_one_more(lab, team, moves, accepted, reasons):
    events, _ = play(lab, state_with(lab), {team: moves})
    assert [e.move for e in of(ev.MoveResolved, events)] == accepted
    assert [e.reason for e in of(ev.OrderRefused, events)] == reasons
    numbered = [f"move {i + 1}: {move}" for i, (move, _) in enumerate(moves) if move not in accepted]
    assert [e.what for e in of(ev.OrderRefused, events)] == numbered


def test_a_budget_of_resources_just_below_a_whole_unit_is_the_unit_below(lab):
    state = state_with(lab, tracks={"blue": {"resources": 2.999}})
    events, _ = play(lab, state, {"blue": [("mobilise", None)]})
    assert [e.reason for e in of(ev.OrderRefused, events)] == ["over budget: costs 3, 2 of 2 left"]


# --- burden sharing -------------------------------------------------------------------------------

# (tracks changed, moves, who falls short with which readiness)
BURDENS = [
    ({}, {}, []),  # both members exactly at 0.5
    ({"blue": {"readiness": 0.49}}, {}, [("blue", 0.49)]),
    ({"green": {"readiness": 0.4999}}, {}, [("green", 0.4999)]),
    ({"blue": {"readiness": 0.51}, "green": {"readiness": 0.2}}, {}, [("green", 0.2)]),
    # judged after the turn's moves: mobilising 0.45 + 0.1 = 0.55 meets the target
    ({"blue": {"readiness": 0.45}}, {"blue": [("mobilise", None)]}, []),
]


@pytest.mark.parametrize("tracks, moves, short", BURDENS)
def test_burden_sharing_is_met_exactly_at_the_target_and_missed_just_below(lab, tracks, moves, short):
    events, after = play(lab, state_with(lab, tracks=tracks), moves)
    found = of(ev.BurdenShortfall, events)
    assert [(e.team, e.value) for e in found] == short
    assert all(e.treaty == "pact" and e.track == "readiness" and e.target == 0.5 for e in found)
    for team, _ in short:  # credibility 0.5 − 0.05
        assert after.tracks[team]["credibility"] == pytest.approx(0.45)
    for team in {"blue", "green"} - {team for team, _ in short}:
        assert after.tracks[team]["credibility"] == 0.5


# --- messages ------------------------------------------------------------------------------------

# (sender, channel, channel status, reliability worked out, first roll in, delivered)
DELIVERIES = [
    ("blue", "hotline", "open", 0.8, (0.0, 0.4), True),
    ("blue", "hotline", "open", 0.8, (0.4, 0.8), True),
    ("blue", "hotline", "open", 0.8, (0.8, 1.0), False),
    # degraded: half of 0.8
    ("blue", "hotline", "degraded", 0.4, (0.0, 0.4), True),
    ("blue", "hotline", "degraded", 0.4, (0.4, 0.8), False),
    # the wire starts degraded: half of 0.9
    ("red", "wire", "degraded", 0.45, (0.0, 0.45), True),
    ("red", "wire", "degraded", 0.45, (0.45, 0.9), False),
    ("red", "wire", "open", 0.9, (0.45, 0.9), True),
]


@pytest.mark.parametrize("sender, channel, status, reliability, roll_in, delivered", DELIVERIES)
def test_a_message_is_delivered_when_its_roll_is_below_the_reliability_halved_on_a_degraded_channel(
    lab, sender, channel, status, reliability, roll_in, delivered
):
    seed = seed_whose_first_roll(*roll_in)  # with no moves, the delivery is the turn's first roll
    state = state_with(lab, channels={channel: status})
    events, after = play(lab, state, messages={sender: [MessageOrder(channel, "Are we talking?")]}, seed=seed)
    arrived, lost = of(ev.MessageDelivered, events), of(ev.MessageLost, events)
    outcome = (arrived or lost)[0]
    assert outcome.reliability == reliability and outcome.roll == rolls(seed, 1, 1)[0]
    assert (bool(arrived), bool(lost)) == (delivered, not delivered)
    assert not after.in_transit


def test_a_message_on_a_suspended_channel_is_lost_without_a_roll(lab):
    state = state_with(lab, channels={"hotline": "suspended"})
    events, _ = play(lab, state, messages={"blue": [MessageOrder("hotline", "Hello?")]})
    (lost,) = of(ev.MessageLost, events)
    assert lost.reason == "Blue-Red hotline is suspended" and not of(ev.MessageDelivered, events)


def test_a_message_on_a_channel_with_latency_arrives_that_many_turns_later(lab):
    events, state = play(lab, state_with(lab), messages={"blue": [MessageOrder("forum", "Talks next week", ("amber",))]})
    (sent,) = of(ev.MessageSent, events)
    assert sent.deliver_on == 2 and not of(ev.MessageDelivered, events)
    assert [m.id for m in state.in_transit] == [sent.id]
    events, state = play(lab, state)
    (arrived,) = of(ev.MessageDelivered, events)
    assert arrived.to == ("amber",) and arrived.reliability == 1.0 and not state.in_transit


# --- accidents ------------------------------------------------------------------------------------

# (rungs, channel states, moves, {dyad: chance worked out by hand}); dyads on Quiet are never rolled.
# A dyad is named in the campaign's order of teams: blue, red, green, amber.
ACCIDENTS = [
    # blue–red at 2, hotline open: (0.01 + 0.04) × (1 − 0.6) = 0.02;
    # red–green at 1, wire degraded (dampening 0.5 / 2): (0.01 + 0.02) × 0.75 = 0.0225
    ({}, {}, {}, {("blue", "red"): 0.02, ("red", "green"): 0.0225}),
    # hotline degraded: 0.05 × (1 − 0.3) = 0.035; wire open: 0.03 × 0.5 = 0.015
    ({}, {"hotline": "degraded", "wire": "open"}, {}, {("blue", "red"): 0.035, ("red", "green"): 0.015}),
    # both suspended: nothing dampens, 0.05 and 0.03
    ({}, {"hotline": "suspended", "wire": "suspended"}, {}, {("blue", "red"): 0.05, ("red", "green"): 0.03}),
    # blue–green at 3 over the forum: (0.01 + 0.06) × 0.7 = 0.049; red–amber at 1, no channel: 0.03
    (
        {"blue|red": 0, "green|red": 0, "blue|green": 3, "amber|red": 1}, {}, {},
        {("blue", "green"): 0.049, ("red", "amber"): 0.03},
    ),
    # blue–amber at 1 over a degraded forum (0.15): 0.03 × 0.85 = 0.0255
    ({"blue|red": 0, "green|red": 0, "amber|blue": 1}, {"forum": "degraded"}, {}, {("blue", "amber"): 0.0255}),
    # blue pushes red to Clash this turn: (0.01 + 0.06 + 0.05) × 0.4 = 0.048
    ({"green|red": 0}, {}, {"blue": [("push", "red")]}, {("blue", "red"): 0.048}),
]


@pytest.mark.parametrize("rungs, channels, moves, chances", ACCIDENTS)
def test_an_accidents_chance_is_base_plus_rung_terms_times_one_minus_the_best_dampening(lab, rungs, channels, moves, chances):
    state = state_with(lab, rungs=rungs, channels=channels)
    events, _ = play(lab, state, moves, seed=3)
    rolled = of(ev.AccidentRolled, events)
    assert {e.dyad: e.chance for e in rolled} == pytest.approx(chances)
    assert all(e.happened == (e.roll < e.chance) for e in rolled)


def test_accident_rolls_are_the_turns_rolls_in_the_order_of_the_pairs_of_teams(lab):
    events, _ = play(lab, state_with(lab), seed=5)
    rolled = of(ev.AccidentRolled, events)
    assert [e.dyad for e in rolled] == [("blue", "red"), ("red", "green")]  # pairs in the campaign's order of teams
    assert [e.roll for e in rolled] == rolls(5, 1, 2)


def test_an_accidents_terms_show_base_rung_and_dampening(lab):
    events, _ = play(lab, state_with(lab))
    blue_red = next(e for e in of(ev.AccidentRolled, events) if e.dyad == ("blue", "red"))
    # 0.05 × 0.6 = 0.03 taken off by the hotline
    assert [(t.label, t.value) for t in blue_red.terms] == [
        ("base", 0.01), ("rung 2", 0.04), ("open channel dampening", pytest.approx(-0.03)),
    ]


def test_an_accident_that_happens_raises_its_dyad_one_rung(lab):
    # red–amber at 1 with no channel: chance 0.03; a seed whose first roll is below it
    seed = seed_whose_first_roll(0.0, 0.03)
    state = state_with(lab, rungs={"blue|red": 0, "green|red": 0, "amber|red": 1})
    events, after = play(lab, state, seed=seed)
    (rolled,) = of(ev.AccidentRolled, events)
    assert rolled.happened and after.rung("red", "amber") == 2
    assert of(ev.EscalationChanged, events)[0].cause.startswith("accidental escalation")


# --- the firebreak --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start, move, end, held_at",
    [
        (2, "push", 3, ""),  # Standoff to Clash
        (3, "push", 3, "war"),  # War is a firebreak: the push holds at Clash
        (3, "strike", 4, ""),  # a move that crosses firebreaks goes on to War
        (4, "push", 5, ""),  # past the firebreak already: on to Ruin, terminal
    ],
)
def test_a_firebreak_holds_a_move_that_does_not_cross_it(lab, start, move, end, held_at):
    events, after = play(lab, state_with(lab, rungs={"blue|red": start}), {"blue": [(move, "red")]})
    change = next(e for e in of(ev.EscalationChanged, events) if e.dyad == ("blue", "red"))
    assert (change.old, change.new, change.held_at) == (lab.rungs[start].id, lab.rungs[end].id, held_at)
    assert after.rung("blue", "red") == end or end == 5 and after.ended == "terminal"


def test_reaching_the_terminal_rung_ends_the_game(lab):
    _, after = play(lab, state_with(lab, rungs={"blue|red": 4}), {"blue": [("push", "red")]})
    assert after.ended == "terminal"


# --- treaties: the trigger rung and the obligation's due turn --------------------------------------

# (rungs, moves, interventions, [(treaty, victim, obliged, due)])
TRIGGERS = [
    # red pushes blue from Standoff to Clash: the Pact's trigger rung; green is due by 1 + 2
    ({}, {"red": [("push", "blue")]}, [], [("pact", "blue", ("green",), 3)]),
    # red pushes green from Friction to Standoff, one below: nothing
    ({}, {"red": [("push", "green")]}, [], []),
    # from Standoff to Clash: triggered, blue is obliged
    ({"green|red": 2}, {"red": [("push", "green")]}, [], [("pact", "green", ("blue",), 3)]),
    # a failed attack is still an attack, but a failed push leaves blue–red at Standoff: nothing
    ({}, {"red": [("push", "blue")]}, [Intervention("override", "it misfired", "red", 0, "failure")], []),
    # a failed push with blue–red already at Clash triggers the Pact
    ({"blue|red": 3}, {"red": [("push", "blue")]}, [Intervention("override", "misfired", "red", 0, "failure")],
     [("pact", "blue", ("green",), 3)]),
    # the Accord has no trigger rung: blue's push on red at Quiet triggers it; amber is due the next turn
    # (the Accord leaves the obligation's `within` at its default, 1)
    ({"blue|red": 0}, {"blue": [("push", "red")]}, [], [("accord", "red", ("amber",), 2)]),
    # a move without the armed_attack tag triggers nothing, even to Clash
    ({}, {"red": [("strike", "blue")]}, [], []),
]


@pytest.mark.parametrize("rungs, moves, interventions, triggered", TRIGGERS)
def test_a_treaty_is_triggered_by_an_armed_attack_at_its_trigger_rung_and_not_one_below(lab, rungs, moves, interventions, triggered):
    events, after = play(lab, state_with(lab, rungs=rungs), moves, interventions=interventions)
    assert [(e.treaty, e.victim, e.obliged, e.due) for e in of(ev.TreatyTriggered, events)] == triggered
    assert [(o.treaty, o.team, o.due) for o in after.obligations] == [
        (treaty, team, due) for treaty, _, obliged, due in triggered for team in obliged
    ]


OWED = (PendingObligation("pact", "green", "collective_defense", 1, 3),)


# (turn, green's moves, settled as, green's credibility after)
OBLIGATIONS = [
    (2, [], None, 0.5),  # due on turn 3: nothing yet on turn 2
    (2, [("defend", "blue")], True, 0.6),  # honoured early: credibility + 0.1
    (3, [("defend", "blue")], True, 0.6),  # honoured on the due turn
    (3, [], False, 0.3),  # breached on the due turn: credibility − 0.2
    (4, [], False, 0.3),  # breached when overdue
]


@pytest.mark.parametrize("turn, moves, honoured, credibility", OBLIGATIONS)
def test_an_obligation_is_honoured_by_a_move_with_its_tag_until_its_due_turn_and_breached_then(lab, turn, moves, honoured, credibility):
    state = state_with(lab, turn=turn, obligations=OWED)
    events, after = play(lab, state, {"green": moves} if moves else {})
    settled = of(ev.ObligationSettled, events)
    assert [e.honoured for e in settled] == ([] if honoured is None else [honoured])
    assert after.tracks["green"]["credibility"] == pytest.approx(credibility)
    assert bool(after.obligations) == (honoured is None)
    if honoured is False:
        assert "pact|green" in after.breached


def test_an_obligation_is_not_settled_on_the_turn_it_was_triggered(lab):
    events, after = play(lab, state_with(lab), {"red": [("push", "blue")], "green": [("defend", "blue")]})
    assert of(ev.TreatyTriggered, events) and not of(ev.ObligationSettled, events)
    assert [(o.team, o.trigger_turn, o.due) for o in after.obligations] == [("green", 1, 3)]


# --- the end of the game --------------------------------------------------------------------------

CALM = {"blue|red": 0, "green|red": 0}  # every pair at Quiet


@pytest.mark.parametrize(
    "rungs, streak, ended, streak_after",
    [
        (CALM, 0, "", 1),  # the first calm turn
        (CALM, 1, "de-escalation", 2),  # the second: calm_turns is 2
        ({**CALM, "amber|red": 1}, 1, "", 0),  # one dyad at Friction, one above the calm rung: the streak restarts
    ],
)
def test_the_game_ends_after_calm_turns_at_or_below_the_calm_rung(lab, rungs, streak, ended, streak_after):
    state = state_with(lab, rungs=rungs, calm_streak=streak)
    events, after = play(lab, state, seed=seed_whose_first_roll(0.5, 1.0))  # no accident on red–amber
    assert after.ended == ended and after.calm_streak == streak_after
    assert of(ev.TurnCompleted, events)[-1].calm_streak == streak_after
    if ended:
        assert of(ev.GameEnded, events)[0].detail == "2 turns at or below Quiet"


@pytest.mark.parametrize(
    "turn, last_turn, ended",
    [(3, None, ""), (4, None, "turn_limit"), (2, 3, ""), (3, 3, "turn_limit")],
)
def test_the_game_ends_on_its_last_turn_and_not_before(lab, turn, last_turn, ended):
    events, after = play(lab, state_with(lab, turn=turn), last_turn=last_turn, seed=seed_whose_first_roll(0.5, 1.0, turn))
    assert after.ended == ended
    if ended:
        assert of(ev.GameEnded, events)[0].detail == f"the last turn ({last_turn or 4}) was played"


# --- conditions (objectives, injects) --------------------------------------------------------------

C = Condition
# The opening state: turn 1, crisis Standoff (2) from blue–red, red–green at Friction (1), blue's
# support 0.5, no treaty tested, every channel as the campaign opens it (the wire degraded).
# (condition, state changes, how the game ended, holds)
CONDITIONS = [
    (C(), {}, "", True),
    (C(turn_at_least=2), {"turn": 2}, "", True),
    (C(turn_at_least=2), {}, "", False),
    (C(crisis_at_least="standoff"), {}, "", True),
    (C(crisis_at_least="clash"), {}, "", False),
    (C(crisis_at_most="standoff"), {}, "", True),
    (C(crisis_at_most="friction"), {}, "", False),
    (C(dyad=("green", "red"), rung_at_least="friction"), {}, "", True),
    (C(dyad=("green", "red"), rung_at_least="standoff"), {}, "", False),
    (C(dyad=("red", "green"), rung_at_most="friction"), {}, "", True),
    (C(dyad=("red", "green"), rung_at_most="quiet"), {}, "", False),
    (C(team="blue", track="support", at_least=0.5), {}, "", True),
    (C(team="blue", track="support", at_least=0.5), {"tracks": {"blue": {"support": 0.4999}}}, "", False),
    (C(team="blue", track="support", at_most=0.5), {}, "", True),
    (C(team="blue", track="support", at_most=0.5), {"tracks": {"blue": {"support": 0.5001}}}, "", False),
    (C(treaty_honoured="pact"), {}, "", True),  # never tested is not broken
    (C(treaty_honoured="pact"), {"breached": frozenset({"pact|green"})}, "", False),
    (C(treaty_honoured="pact", team="blue"), {"breached": frozenset({"pact|green"})}, "", True),
    (C(treaty_honoured="pact", team="green"), {"breached": frozenset({"pact|green"})}, "", False),
    (C(treaty_breached="pact"), {}, "", False),
    (C(treaty_breached="pact"), {"breached": frozenset({"pact|green"})}, "", True),
    (C(treaty_breached="pact", team="blue"), {"breached": frozenset({"pact|green"})}, "", False),
    (C(treaty_breached="accord"), {"breached": frozenset({"pact|green"})}, "", False),
    (C(channel="wire", channel_status="degraded"), {}, "", True),
    (C(channel="wire", channel_status="open"), {}, "", False),
    (C(ended_by="de-escalation"), {}, "de-escalation", True),
    (C(ended_by="de-escalation"), {}, "turn_limit", False),
    (C(not_ended_by="terminal"), {}, "turn_limit", True),
    (C(not_ended_by="terminal"), {}, "terminal", False),
    # every key must hold
    (C(turn_at_least=1, crisis_at_most="standoff", not_ended_by="terminal"), {}, "", True),
    (C(turn_at_least=1, crisis_at_most="friction", not_ended_by="terminal"), {}, "", False),
]


@pytest.mark.parametrize("cond, changes, ended_by, expected", CONDITIONS)
def test_a_condition_holds_at_its_bounds_and_not_just_beyond(lab, cond, changes, ended_by, expected):
    state = state_with(lab, **changes)
    assert holds(lab, state, cond, ended_by=ended_by) is expected


# --- who sees what ---------------------------------------------------------------------------------

def test_an_order_refusal_reaches_its_team_a_secret_move_its_maker_and_the_ladder_everyone(lab):
    events, _ = play(lab, state_with(lab), {"blue": [("raid", "green"), ("push", "red")]}, seed=seed_whose_first_roll(0.5, 1.0))
    refused = of(ev.OrderRefused, events)[0]
    pushed = of(ev.MoveResolved, events)[0]
    climbed = of(ev.EscalationChanged, events)[0]
    seen = {team: set(visible_events(events, team)) for team in ("blue", "red", "green", "amber")}
    assert refused in seen["blue"] and not any(refused in seen[t] for t in ("red", "green", "amber"))
    assert pushed.public and all(pushed in seen[t] for t in seen)
    assert all(climbed in seen[t] for t in seen)
    assert set(visible_events(events, FACILITATOR)) == set(events)
    # The team's view carries what reached it, each written from its side (see views.seen).
    told = team_view(lab, state_with(lab), events, "red").events
    assert [(r.turn, r.kind) for r in told] == [(e.turn, e.KIND) for e in events if e in seen["red"]]


# --- legality: who may make a move, against whom, and what it needs -------------------------------

def changed(lab, move_id, **fields):
    """A lab move with some fields changed (requires=..., effects=... take dicts of their fields)."""
    move = lab.move(move_id)
    for part in ("requires", "effects", "on_failure"):
        if part in fields:
            fields[part] = attrs.evolve(getattr(move, part), **fields[part])
    return attrs.evolve(move, **fields)


# (team, move, its changes, target, state changes, the reason it is refused or "")
REFUSALS = [
    ("blue", "jam", {"teams": ("red",)}, None, {}, "only Red may make this move"),
    ("blue", "jam", {"teams": ("red", "nobody")}, None, {}, "only Red, nobody may make this move"),
    ("red", "jam", {"teams": ("red",)}, None, {}, ""),
    ("blue", "raid", {"targets": ("amber",)}, "red", {}, "this move can only target Amber"),
    ("blue", "raid", {"targets": ("amber",)}, "amber", {}, ""),
    ("blue", "long_shot", {}, "red", {}, "this move takes no target"),
    ("blue", "raid", {}, None, {}, "this move needs a target team"),
    ("blue", "raid", {}, "nobody", {}, 'there is no team "nobody"'),
    ("blue", "liaison", {}, "blue", {}, "a team cannot target itself"),
    ("blue", "jam", {"requires": {"treaty": "accord"}}, None, {}, "you are not a member of Accord"),
    ("amber", "mobilise", {"requires": {"treaty": "accord"}}, None, {}, ""),
    ("blue", "mobilise", {"requires": {"provision": "basing"}}, None, {}, "no treaty of yours grants basing"),
    ("red", "mobilise", {"requires": {"provision": "basing"}}, None, {}, ""),
    ("blue", "mobilise", {"requires": {"provision": "intelligence_sharing"}}, None, {}, ""),
    ("red", "mobilise", {"requires": {"provision": "intelligence_sharing"}}, None, {},
     "no treaty of yours grants intelligence sharing"),
    ("blue", "mobilise", {"requires": {"channel": "wire", "channel_status": ("open",)}}, None, {},
     "you are not on Red-Green wire"),
    ("red", "mobilise", {"requires": {"channel": "wire", "channel_status": ("open",)}}, None, {},
     "Red-Green wire is degraded"),
    ("red", "mobilise", {"requires": {"channel": "wire", "channel_status": ("open", "degraded")}}, None, {}, ""),
    ("red", "mobilise", {"requires": {"channel": "wire", "channel_status": ("open",)}}, None,
     {"channels": {"wire": "open"}}, ""),
    ("red", "mobilise", {"effects": {"invoke_treaty": "pact"}}, None, {}, "you are not a member of Pact"),
    ("red", "mobilise", {"effects": {"consult_treaty": "pact"}}, None, {}, "you are not a member of Pact"),
    ("blue", "mobilise", {"effects": {"invoke_treaty": "pact"}}, None, {}, ""),
    ("blue", "mobilise", {"on_failure": {"channel": "wire"}}, None, {}, "you are not on Red-Green wire"),
    ("amber", "jam", {}, None, {}, "you are not on Blue-Red hotline"),
    # the crisis, not a dyad, for a move without a target: Standoff is 2
    ("blue", "mobilise", {"requires": {"min_rung": "clash"}}, None, {}, "the crisis is below Clash"),
    ("blue", "mobilise", {"requires": {"max_rung": "friction"}}, None, {}, "the crisis is above Friction"),
    ("blue", "mobilise", {"requires": {"min_rung": "standoff", "max_rung": "standoff"}}, None, {}, ""),
]


@pytest.mark.parametrize("team, move, changes, target, state_changes, reason", REFUSALS)
def test_a_move_is_refused_for_the_first_rule_it_breaks_and_allowed_when_it_breaks_none(
    lab, team, move, changes, target, state_changes, reason
):
    assert refusal(lab, state_with(lab, **state_changes), team, changed(lab, move, **changes), target) == reason


@pytest.mark.parametrize(
    "team, target, bonus",
    [("red", "blue", 0.15), ("red", "green", 0.15), ("blue", "red", 0.0), ("amber", "blue", 0.15)],
)
def test_basing_rights_help_a_member_of_a_basing_treaty_against_a_team_outside_it(lab, team, target, bonus):
    assert basing_bonus(lab, team, target) == bonus


def test_treaty_partners_are_the_members_of_the_teams_treaties_with_the_provision_asked_for(lab):
    assert treaty_partners(lab, "blue") == ["green"]
    assert treaty_partners(lab, "blue", "intelligence_sharing") == ["green"]
    assert treaty_partners(lab, "blue", "basing") == []
    assert treaty_partners(lab, "amber", "basing") == ["red"]
    assert (has_provision(lab, "amber", "basing"), has_provision(lab, "blue", "basing")) == (True, False)


# --- messages refused, proposals lapsing, values kept in range -------------------------------------

LONGEST = 2000  # characters a message may hold


@pytest.mark.parametrize(
    "sender, message, reason",
    [
        ("blue", MessageOrder("hotline", "x" * LONGEST), ""),
        ("blue", MessageOrder("hotline", "x" * (LONGEST + 1)), f"the message is longer than {LONGEST} characters"),
        ("blue", MessageOrder("hotline", "  \n "), "the message is empty"),
        ("blue", MessageOrder("nowhere", "hello"), 'there is no channel "nowhere"'),
        ("amber", MessageOrder("hotline", "hello"), "amber is not on Blue-Red hotline"),
        ("blue", MessageOrder("forum", "hello", ("red",)), "recipients must be other members of Forum: green, amber"),
        ("blue", MessageOrder("forum", "hello", ("blue",)), "recipients must be other members of Forum: green, amber"),
        ("blue", MessageOrder("forum", "Stand down?", (), "stand_down"),
         "a proposal goes to one team, or to two when you carry it between them: set `to`"),
        ("blue", MessageOrder("forum", "Stand down?", ("green", "amber"), "stand_down"), ""),  # carried between the two
        ("blue", MessageOrder("hotline", "Stand down?", (), "stand_down"), ""),  # the hotline's one other member
    ],
)
def test_a_message_is_sent_only_when_every_rule_of_messages_holds(lab, sender, message, reason):
    events, _ = play(lab, state_with(lab), messages={sender: [message]})
    assert [e.reason for e in of(ev.OrderRefused, events)] == ([reason] if reason else [])
    assert len(of(ev.MessageSent, events)) == (0 if reason else 1)


@pytest.mark.parametrize("turn, expires, lapsed", [(3, 3, True), (3, 2, True), (3, 4, False)])
def test_a_proposal_lapses_on_the_turn_it_expires_and_not_before(lab, turn, expires, lapsed):
    proposal = OpenProposal("m1.1", "stand_down", "blue", "red", expires)
    events, after = play(lab, state_with(lab, turn=turn, proposals=(proposal,)))
    assert [e.answer for e in of(ev.ProposalAnswered, events)] == (["lapsed"] if lapsed else [])
    assert after.proposals == (() if lapsed else (proposal,))


def test_a_delivered_proposal_expires_proposal_expiry_turns_after_delivery(lab):
    message = MessageOrder("hotline", "Stand down?", ("red",), "stand_down")
    events, after = play(lab, state_with(lab), messages={"blue": [message]}, seed=seed_whose_first_roll(0.0, 0.8))
    assert of(ev.MessageDelivered, events)
    assert [(p.sender, p.responder, p.expires) for p in after.proposals] == [("blue", "red", 1 + 2)]


@pytest.mark.parametrize(
    "interop, new",
    [(0.3, 0.4), (0.95, 1.0), (1.0, None)],  # + 0.1, capped at 1; at the cap nothing changes
)
def test_interoperability_grows_by_the_moves_amount_up_to_one(lab, interop, new):
    state = state_with(lab, interop={**initial_state(lab).interop, "blue|green": interop})
    seed = seed_whose_first_roll(0.0, 0.8)  # liaison's chance is 0.5 + interop ≥ 0.8
    events, after = play(lab, state, {"blue": [("liaison", "green")]}, seed=seed)
    changes = of(ev.InteropChanged, events)
    assert [(e.old, e.new) for e in changes] == ([] if new is None else [(interop, new)])
    assert after.interop["blue|green"] == pytest.approx(new if new is not None else interop)


@pytest.mark.parametrize(
    "support, after_support",
    [(0.5, 0.4), (0.05, 0.0), (0.0, None)],  # a failed long shot costs 0.1 support, down to 0 and no lower
)
def test_a_track_falls_by_the_effects_amount_down_to_its_floor(lab, support, after_support):
    state = state_with(lab, tracks={"blue": {"support": support, "readiness": 0.0}})  # chance 0: it fails
    events, after = play(lab, state, {"blue": [("long_shot", None)]})
    changes = [e for e in of(ev.TrackChanged, events) if e.track == "support"]
    assert [(e.old, e.new) for e in changes] == ([] if after_support is None else [(support, after_support)])
    assert after.tracks["blue"]["support"] == pytest.approx(support if after_support is None else after_support)


# --- free-form moves and invoked treaties ------------------------------------------------------------

def play_freeform(lab, state, team, freeform, ruling=None):
    orders = [TeamOrders(team, freeform=(freeform,))]
    events = adjudicate(lab, state, orders, [ruling] if ruling else [], seed_whose_first_roll(0.5, 1.0))
    return events, apply_all(lab, state, events)


@pytest.mark.parametrize(
    "target, ruling, outcome, audience, rung",
    [
        # no ruling: recorded, told to its team and its target, nothing moves
        ("red", None, "not adjudicated", ("blue", "red"), 3),
        # ruled a success with +2: Clash would stop below War, but the white cell's ruling crosses it
        ("red", Intervention("adjudicate", "bold", "blue", 0, "success", escalation=2), "success", ("blue", "red"), 5),
        ("red", Intervention("adjudicate", "weak", "blue", 0, "failure", escalation=2), "failure", ("blue", "red"), 3),
        # a ruling for another order of the team's does not apply
        ("red", Intervention("adjudicate", "bold", "blue", 1, "success", escalation=2), "not adjudicated", ("blue", "red"), 3),
        # its own team, or a team that does not exist, is no target: told to the team alone
        ("blue", None, "not adjudicated", ("blue",), 3),
        ("nobody", None, "not adjudicated", ("blue",), 3),
    ],
)
def test_a_free_form_move_is_recorded_with_its_ruling_and_escalates_only_when_ruled_a_success(
    lab, target, ruling, outcome, audience, rung
):
    state = state_with(lab, rungs={"blue|red": 3})
    events, after = play_freeform(lab, state, "blue", FreeformOrder("Blockade the port", "to force talks", target), ruling)
    (resolved,) = of(ev.FreeformResolved, events)
    assert (resolved.outcome, resolved.audience, resolved.target) == (outcome, audience, target if len(audience) == 2 else "")
    assert (resolved.action, resolved.argument) == ("Blockade the port", "to force talks")
    assert resolved.reason == (ruling.reason if ruling and ruling.order == 0 else "")
    assert after.rung("blue", "red") == rung or (rung == 5 and after.ended == "terminal")


def test_a_free_form_text_is_cut_to_the_longest_message(lab):
    events, _ = play_freeform(lab, state_with(lab), "blue", FreeformOrder("a" * 2500, "b" * 2001))
    (resolved,) = of(ev.FreeformResolved, events)
    assert (len(resolved.action), len(resolved.argument)) == (2000, 2000)


def test_a_move_that_invokes_a_treaty_obliges_the_other_members_within_the_treatys_time(lab):
    invoke = attrs.evolve(lab.move("mobilise"), id="invoke", cost=0, effects=attrs.evolve(lab.move("mobilise").effects, invoke_treaty="pact"))
    campaign = attrs.evolve(lab, moves=(*lab.moves, invoke))
    events, after = play(campaign, state_with(campaign, turn=2), {"green": [("invoke", None)]})
    (triggered,) = of(ev.TreatyTriggered, events)
    assert (triggered.treaty, triggered.victim, triggered.obliged, triggered.due) == ("pact", "green", ("blue",), 2 + 2)
    assert triggered.cause == "Green invoked Pact"
    assert [(o.team, o.trigger_turn, o.due) for o in after.obligations] == [("blue", 2, 4)]


# --- answers to proposals, and what a free-form move tells -------------------------------------------

@pytest.mark.parametrize(
    "responder, proposal_id, reason",
    [
        ("red", "m9.9", "no open proposal with that id for you"),  # no such proposal
        ("green", "m1.1", "no open proposal with that id for you"),  # red's to answer, not green's
        ("red", "m1.1", ""),
    ],
)
def test_only_the_team_a_proposal_went_to_can_answer_it(lab, responder, proposal_id, reason):
    state = state_with(lab, turn=2, proposals=(OpenProposal("m1.1", "stand_down", "blue", "red", 3),))
    orders = [TeamOrders(responder, responses=(Response(proposal_id, True),))]
    events = adjudicate(lab, state, orders, [], seed_whose_first_roll(0.5, 1.0, 2))
    assert [e.reason for e in of(ev.OrderRefused, events)] == ([reason] if reason else [])
    answered = of(ev.ProposalAnswered, events)
    assert [(e.id, e.answer, e.turn) for e in answered] == ([] if reason else [("m1.1", "accepted", 2)])


def test_a_lapsed_proposal_is_told_to_both_sides_on_the_turn_it_lapses(lab):
    state = state_with(lab, turn=3, proposals=(OpenProposal("m1.1", "settlement", "blue", "red", 3),))
    (lapsed,) = of(ev.ProposalAnswered, play(lab, state)[0])
    assert (lapsed.turn, lapsed.audience, lapsed.public, lapsed.proposal) == (3, ("blue", "red"), False, "settlement")


def test_a_free_form_move_ruled_a_success_is_private_and_its_escalation_names_its_team(lab):
    ruling = Intervention("adjudicate", "bold", "blue", 0, "success", escalation=1)
    events, _ = play_freeform(lab, state_with(lab), "blue", FreeformOrder("Blockade", "", "red"), ruling)
    (resolved,) = of(ev.FreeformResolved, events)
    assert not resolved.public and resolved.turn == 1 and resolved.index == 0
    change = next(e for e in of(ev.EscalationChanged, events) if e.dyad == ("blue", "red"))
    assert (change.old, change.new, change.by) == ("standoff", "clash", "blue")
    assert change.cause == "free-form move by Blue, ruled by the facilitator"


@pytest.mark.parametrize("value, expected", [(-0.1, 0.0), (0.0, 0.0), (0.4, 0.4), (1.0, 1.0), (1.2, 1.0)])
def test_clamp_keeps_a_value_between_its_bounds(value, expected):
    assert clamp(value, 0.0, 1.0) == expected


# --- what the mutation run found untested -------------------------------------------------------------

def test_an_accident_chance_above_one_is_one_and_the_accident_happens(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, accident_base=1.5))
    state = state_with(campaign, rungs={"green|red": 0}, channels={"hotline": "suspended"})
    events, after = play(campaign, state)
    (rolled,) = of(ev.AccidentRolled, events)  # blue–red: 1.5 + 0.04, no dampening
    assert (rolled.chance, rolled.happened) == (1.0, True) and after.rung("blue", "red") == 3


def test_an_accepted_settlement_at_the_calm_rung_ends_the_game_saying_so(lab):
    state = state_with(lab, turn=2, rungs={"green|red": 0}, proposals=(OpenProposal("m1.1", "settlement", "blue", "red", 3),))
    orders = [TeamOrders("red", responses=(Response("m1.1", True),))]
    events = adjudicate(lab, state, orders, [], 1)
    after = apply_all(lab, state, events)
    assert after.rung("blue", "red") == 0 and after.ended == "settlement"
    assert of(ev.GameEnded, events)[0].detail == "the parties agreed a settlement"


def test_a_settlement_with_another_dyad_still_in_crisis_does_not_end_the_game(lab):
    state = state_with(lab, turn=2, rungs={"green|red": 2}, proposals=(OpenProposal("m1.1", "settlement", "blue", "red", 3),))
    orders = [TeamOrders("red", responses=(Response("m1.1", True),))]
    after = apply_all(lab, state, adjudicate(lab, state, orders, [], seed_whose_first_roll(0.5, 1.0, 2)))
    assert after.rung("blue", "red") == 0 and after.ended == ""


@pytest.mark.parametrize("turns, until", [(2, 3), (1, 2), (0, 2)])  # postponed at least one turn
def test_a_postponed_inject_is_held_until_a_later_turn_and_only_the_white_cell_is_told(lab, turns, until):
    campaign = attrs.evolve(lab, injects=(Inject("storm", "Storm", "A storm.", turn=1),))
    hold = Intervention("postpone_inject", "not yet", inject="storm", turns=turns)
    events, after = play(campaign, state_with(campaign), interventions=[hold])
    (held,) = of(ev.InjectPostponed, events)
    assert (held.until, held.reason, held.public, held.audience) == (until, "not yet", False, ())
    assert not of(ev.InjectFired, events) and after.postponed == {"storm": until}


def test_a_refused_message_is_named_by_its_number_and_channel(lab):
    messages = [MessageOrder("hotline", "fine"), MessageOrder("wire", "not mine")]
    events, _ = play(lab, state_with(lab), messages={"blue": messages})
    assert [e.what for e in of(ev.OrderRefused, events)] == ["message 2 on wire"]


def test_a_move_changed_from_the_catalogues_has_its_own_chance_not_the_catalogues(lab):
    state = state_with(lab)
    push = lab.move("push")
    assert success_chance(lab, state, "blue", push, "red")[0] == 1.0  # the catalogue's, worked out and kept
    weaker = attrs.evolve(push, success=attrs.evolve(push.success, base=0.3))
    assert success_chance(lab, state, "blue", weaker, "red")[0] == 0.3


@pytest.mark.parametrize(
    "cond, expected",
    [
        (C(treaty_breached="pact", team="green"), True),
        (C(treaty_breached="pact", team="blue"), False),
        (C(treaty_honoured="pact", team="green"), False),
        (C(treaty_honoured="pact", team="blue"), True),
    ],
)
def test_a_treaty_condition_for_one_team_reads_only_that_teams_record(lab, cond, expected):
    state = state_with(lab, breached=frozenset({"pact|green"}))
    assert holds(lab, state, cond) is expected


# --- what only the golden-save replays caught ---------------------------------------------------------

def test_an_accident_at_the_rung_below_a_firebreak_is_held_there(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, accident_base=1.5))
    state = state_with(campaign, rungs={"blue|red": 3, "green|red": 0}, channels={"hotline": "suspended"})
    events, after = play(campaign, state)
    (change,) = of(ev.EscalationChanged, events)
    assert (change.old, change.new, change.held_at) == ("clash", "clash", "war") and after.rung("blue", "red") == 3


def test_an_injects_escalation_is_held_by_a_firebreak(lab):
    shove = InjectEffects(escalation=(DyadShift(("blue", "red"), 2),))
    campaign = attrs.evolve(lab, injects=(Inject("border", "Border clash", "Shots fired.", turn=1, effects=shove),))
    events, after = play(campaign, state_with(campaign), seed=seed_whose_first_roll(0.5, 1.0))
    change = [e for e in of(ev.EscalationChanged, events) if e.cause == "Border clash"]
    assert [(e.old, e.new, e.held_at) for e in change] == [("standoff", "clash", "war")]


@pytest.mark.parametrize(
    "kind, accept, answer, rung, cause",
    [
        ("stand_down", True, "accepted", 1, "mutual stand-down agreed by Blue and Red"),
        ("stand_down", False, "rejected", 2, None),
        ("settlement", False, "rejected", 2, None),
    ],
)
def test_an_answer_to_a_proposal_moves_the_ladder_only_when_accepted(lab, kind, accept, answer, rung, cause):
    state = state_with(lab, turn=2, proposals=(OpenProposal("m1.1", kind, "blue", "red", 3),))
    orders = [TeamOrders("red", responses=(Response("m1.1", accept),))]
    events = adjudicate(lab, state, orders, [], seed_whose_first_roll(0.5, 1.0, 2))
    after = apply_all(lab, state, events)
    (answered,) = of(ev.ProposalAnswered, events)
    assert (answered.answer, answered.audience, answered.public) == (answer, ("blue", "red"), False)
    assert after.rung("blue", "red") == rung and not after.proposals
    changes = [e.cause for e in of(ev.EscalationChanged, events) if e.dyad == ("blue", "red")]
    assert changes == ([cause] if cause else [])


def test_a_triggered_treaty_names_its_attacker_and_the_turns_other_commitments_still_count(lab):
    state = state_with(lab, tracks={"blue": {"readiness": 0.4}})
    events, _ = play(lab, state, {"red": [("push", "blue")]})
    (triggered,) = of(ev.TreatyTriggered, events)
    assert (triggered.attacker, triggered.victim) == ("red", "blue")
    assert triggered.cause == "Push by Red against Blue"
    assert [(e.team, e.value) for e in of(ev.BurdenShortfall, events)] == [("blue", 0.4)]


def test_a_detectable_move_without_a_target_is_rolled_for_by_every_other_team(lab):
    snoop = attrs.evolve(lab.move("jam"), id="snoop", name="Snoop", visibility="detectable", effects=attrs.evolve(lab.move("jam").effects, channel=None, channel_status=None))
    campaign = attrs.evolve(lab, moves=(*lab.moves, snoop))
    seed = 7
    events, _ = play(campaign, state_with(campaign), {"blue": [("snoop", None)]}, seed=seed)
    detections = of(ev.MoveDetected, events)
    # rolls: the move first, then red (0.5), green (0.49), amber (0.0) in campaign order
    drawn = rolls(seed, 1, 4)[1:]
    assert [(e.observer, e.target, e.chance, e.roll) for e in detections] == [
        ("red", "", 0.5, drawn[0]), ("green", "", 0.49, drawn[1]), ("amber", "", 0.0, drawn[2]),
    ]
    assert [e.detected for e in detections] == [drawn[0] < 0.5, drawn[1] < 0.49, False]
    assert all(e.audience == ((e.observer,) if e.detected else ()) and not e.public for e in detections)


def test_a_lost_message_is_told_only_to_its_sender(lab):
    seed = seed_whose_first_roll(0.8, 1.0)
    events, _ = play(lab, state_with(lab), messages={"blue": [MessageOrder("hotline", "Hello?")]}, seed=seed)
    (lost,) = of(ev.MessageLost, events)
    assert (lost.public, lost.audience, lost.reason) == (False, ("blue",), "no acknowledgement: lost or garbled in transmission")


def test_an_accident_after_an_escalation_shows_the_escalation_term(lab):
    events, _ = play(lab, state_with(lab, rungs={"green|red": 0}), {"blue": [("push", "red")]})
    (rolled,) = of(ev.AccidentRolled, events)
    assert [(t.label, t.value) for t in rolled.terms][:3] == [("base", 0.01), ("rung 3", 0.06), ("escalated this turn", 0.05)]


# --- several orders of one kind in a turn: each is dealt with, in order -----------------------------------

def test_every_answer_of_a_turn_is_dealt_with_after_one_that_is_refused(lab):
    proposals = (
        OpenProposal("m1.1", "stand_down", "blue", "red", 3),
        OpenProposal("m1.2", "settlement", "green", "red", 3),
    )
    state = state_with(lab, turn=2, proposals=proposals)
    answers = (Response("m9.9", True), Response("m1.2", False), Response("m1.1", True))
    events = adjudicate(lab, state, [TeamOrders("red", responses=answers)], [], seed_whose_first_roll(0.5, 1.0, 2))
    assert [(e.team, e.what) for e in of(ev.OrderRefused, events)] == [("red", "answer to m9.9")]
    assert [(e.id, e.proposal, e.sender, e.responder, e.answer) for e in of(ev.ProposalAnswered, events)] == [
        ("m1.2", "settlement", "green", "red", "rejected"),
        ("m1.1", "stand_down", "blue", "red", "accepted"),
    ]


def test_a_lapsed_proposal_names_both_sides(lab):
    state = state_with(lab, turn=3, proposals=(OpenProposal("m1.1", "stand_down", "green", "amber", 3),))
    (lapsed,) = of(ev.ProposalAnswered, play(lab, state)[0])
    assert (lapsed.sender, lapsed.responder, lapsed.answer) == ("green", "amber", "lapsed")


def test_an_accepted_settlement_takes_the_dyad_to_the_first_rung_saying_who_agreed(lab):
    state = state_with(lab, turn=2, proposals=(OpenProposal("m1.1", "settlement", "blue", "red", 3),))
    events = adjudicate(lab, state, [TeamOrders("red", responses=(Response("m1.1", True),))], [], 1)
    change = next(e for e in of(ev.EscalationChanged, events) if e.dyad == ("blue", "red"))
    assert (change.old, change.new, change.cause) == ("standoff", "quiet", "settlement agreed by Blue and Red")


def test_every_message_of_a_turn_is_numbered_in_order_after_one_that_is_refused(lab):
    messages = [MessageOrder("wire", "not mine"), MessageOrder("hotline", "first"), MessageOrder("forum", "second", ("green",))]
    events, _ = play(lab, state_with(lab), messages={"blue": messages})
    assert [(e.team, e.what) for e in of(ev.OrderRefused, events)] == [("blue", "message 1 on wire")]
    assert [(e.id, e.channel, e.text, e.proposal) for e in of(ev.MessageSent, events)] == [
        ("m1.1", "hotline", "first", ""), ("m1.2", "forum", "second", ""),
    ]


def test_every_message_due_on_a_suspended_channel_is_lost_and_told_only_to_its_sender(lab):
    state = state_with(lab, channels={"hotline": "suspended"})
    messages = {"blue": [MessageOrder("hotline", "one")], "red": [MessageOrder("hotline", "two")]}
    events, _ = play(lab, state, messages=messages)
    lost = of(ev.MessageLost, events)
    assert [(e.sender, e.public, e.audience) for e in lost] == [("blue", False, ("blue",)), ("red", False, ("red",))]


def test_every_obligation_of_a_turn_is_settled_with_what_it_was_and_publicly(lab):
    owed = (
        PendingObligation("pact", "blue", "collective_defense", 1, 3),
        PendingObligation("pact", "green", "collective_defense", 1, 2),
    )
    events, _ = play(lab, state_with(lab, turn=2, obligations=owed), {"blue": [("defend", "green")]})
    settled = of(ev.ObligationSettled, events)
    assert [(e.team, e.honoured, e.turn, e.trigger_turn, e.detail) for e in settled] == [
        ("blue", True, 2, 1, "Blue acted (collective_defense) under Pact"),
        ("green", False, 2, 1, "Green did not act (collective_defense) under Pact by turn 2"),
    ]
    changes = [(e.team, e.track, e.public, e.cause) for e in of(ev.TrackChanged, events) if e.track in ("credibility", "cohesion")]
    assert changes == [
        ("blue", "credibility", True, "Blue acted (collective_defense) under Pact"),
        ("blue", "cohesion", True, "Blue acted (collective_defense) under Pact"),
        ("green", "credibility", True, "Green did not act (collective_defense) under Pact by turn 2"),
    ]


def test_a_burden_sharing_shortfall_is_public(lab):
    events, _ = play(lab, state_with(lab, tracks={"green": {"readiness": 0.3}}))
    (change,) = [e for e in of(ev.TrackChanged, events) if e.track == "credibility"]
    assert (change.team, change.public, change.cause) == ("green", True, "burden-sharing shortfall under Pact")


def test_an_attack_below_the_trigger_rung_does_not_stop_a_later_attack_of_the_turn_from_triggering(lab):
    events, _ = play(lab, state_with(lab), {"red": [("push", "green"), ("push", "blue")]})
    assert [(e.treaty, e.victim) for e in of(ev.TreatyTriggered, events)] == [("pact", "blue")]
