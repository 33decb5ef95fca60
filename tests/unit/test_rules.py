"""Table-driven tests of the rules: legality, chances, escalation, channels, treaties, injects, ending."""

import pytest
from attrs import evolve

from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.narrative import FACILITATOR, Viewpoint, describe
from wargame.core.orders import Intervention, MessageOrder, MoveOrder, Response, TeamOrders
from wargame.core.state import apply_all, initial_state


def turn(campaign, orders=None, state=None, interventions=(), seed=1, **extra):
    """One adjudicated turn: (events, state after). `orders` maps team to [(move, target)]."""
    state = state or initial_state(campaign)
    team_orders = []
    for team, moves in (orders or {}).items():
        team_orders.append(TeamOrders(team, moves=tuple(MoveOrder(m, t) for m, t in moves), **extra.get(team, {})))
    events = adjudicate(campaign, state, team_orders, interventions, seed)
    return events, apply_all(campaign, state, events)


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


@pytest.mark.parametrize(
    "start, delta, crosses, expected",
    [
        (1, 1, False, (2, "")),
        (2, 1, False, (2, "war")),  # the next rung is a firebreak
        (2, 1, True, (3, "")),
        (1, 3, False, (2, "war")),
        (3, 5, False, (4, "")),  # past the firebreak already; stops at the top
        (2, -5, False, (0, "")),
        (0, 0, False, (0, "")),
    ],
)
def test_escalation_stops_below_a_firebreak_unless_the_move_crosses_it(lab, start, delta, crosses, expected):
    from wargame.core.escalation import NO_CROSSING, ladder

    rungs = ladder(lab)
    assert rungs.land(start, delta, rungs.every_firebreak if crosses else NO_CROSSING) == expected


@pytest.mark.parametrize(
    "team, move, target, reason",
    [
        ("blue", "push", None, "needs a target"),
        ("blue", "push", "green", "is an ally"),
        ("blue", "push", "blue", "cannot target itself"),
        ("blue", "defend", "red", "not an ally"),
        ("blue", "gamble", "red", "takes no target"),
        ("blue", "drill", "green", "readiness is 0.5, needs at least 0.6"),
        ("blue", "nosuch", None, 'no move "nosuch"'),
        ("blue", "push", "nobody", 'no team "nobody"'),
    ],
)
def test_orders_that_break_a_rule_are_refused_with_the_reason(lab, team, move, target, reason):
    events, _ = turn(lab, {team: [(move, target)]})
    refused = of(ev.OrderRefused, events)
    assert len(refused) == 1 and reason in refused[0].reason
    assert refused[0].audience == (team,) and not refused[0].public
    assert not of(ev.MoveResolved, events)


def test_orders_beyond_the_budget_are_refused_and_cost_nothing(lab):
    events, _ = turn(lab, {"green": [("push", "red"), ("shove", "red")]})
    assert [e.move for e in of(ev.MoveResolved, events)] == ["push"]
    assert "over budget" in of(ev.OrderRefused, events)[0].reason


def test_a_move_escalates_its_dyad_and_the_rationale_records_chance_and_roll(lab):
    events, state = turn(lab, {"blue": [("push", "red")]})
    move = of(ev.MoveResolved, events)[0]
    assert move.success and move.probability == 1.0 and 0 <= move.roll < 1
    assert state.rung("blue", "red") == 2


def test_a_failed_move_applies_its_failure_effects_only(lab):
    events, state = turn(lab, {"blue": [("gamble", None)]})
    assert not of(ev.MoveResolved, events)[0].success
    assert state.tracks["blue"]["support"] == pytest.approx(0.4)


def test_a_facilitator_override_forces_the_outcome_and_is_recorded(lab):
    override = Intervention("override", "the white cell rules the gamble paid off", "blue", 0, "success")
    events, state = turn(lab, {"blue": [("gamble", None)]}, interventions=[override])
    move = of(ev.MoveResolved, events)[0]
    assert move.success and move.override == override.reason
    assert state.tracks["blue"]["support"] == 1.0


def test_a_secret_move_is_seen_only_by_its_maker_and_its_effect_only_by_the_target(lab):
    events, _ = turn(lab, {"blue": [("covert", "red")]})
    move = of(ev.MoveResolved, events)[0]
    assert not move.public and move.audience == ("blue",)
    change = of(ev.TrackChanged, events)[0]
    assert change.team == "red" and change.audience == ("red",) and not change.public
    # The event keeps the truth for the white cell; the target reads it from its side.
    assert change.secret and change.known_by == ("blue",) and "blue" not in change.audience
    assert "undisclosed" in describe(lab, change, Viewpoint("red"))
    assert "undisclosed" not in describe(lab, change, Viewpoint(FACILITATOR))
    assert not of(ev.MoveDetected, events)


def test_a_detectable_move_is_rolled_against_each_other_teams_intelligence(lab):
    events, _ = turn(lab, {"blue": [("probe", "red")]})
    rolls = {e.observer: e for e in of(ev.MoveDetected, events)}
    assert rolls["red"].detected and rolls["red"].audience == ("red",)  # intelligence 1.0
    assert not rolls["green"].detected and rolls["green"].audience == ()  # intelligence 0.0


def test_intelligence_sharing_lends_an_allys_intelligence(lab):
    events, _ = turn(lab, {"red": [("probe", "blue")]})
    rolls = {e.observer: e for e in of(ev.MoveDetected, events)}
    assert rolls["blue"].chance == 0.0 and rolls["green"].chance == 0.0
    # Give green a good service: blue now detects through the pact's intelligence sharing.
    state = initial_state(lab)
    state = evolve(state, tracks={**state.tracks, "green": {**state.tracks["green"], "intelligence": 0.9}})
    events, _ = turn(lab, {"red": [("probe", "blue")]}, state=state)
    assert {e.observer: e.chance for e in of(ev.MoveDetected, events)}["blue"] == 0.9


def test_an_armed_attack_at_the_trigger_rung_obliges_the_allies_and_honour_is_rewarded(lab):
    events, state = turn(lab, {"red": [("push", "blue")]})  # tension -> standoff: the trigger rung
    triggered = of(ev.TreatyTriggered, events)
    assert triggered and triggered[0].obliged == ("green",) and triggered[0].due == 2
    assert [(o.team, o.due) for o in state.obligations] == [("green", 2)]
    events, after = turn(lab, {"green": [("defend", "blue")]}, state=state)
    settled = of(ev.ObligationSettled, events)
    assert settled[0].honoured and after.tracks["green"]["credibility"] == pytest.approx(0.6)
    assert after.tracks["green"]["cohesion"] == pytest.approx(0.6)
    assert not after.obligations


def test_an_obligation_not_met_by_its_deadline_is_breached_and_costs_credibility(lab):
    _, state = turn(lab, {"red": [("push", "blue")]})
    events, after = turn(lab, {}, state=state)
    settled = of(ev.ObligationSettled, events)
    assert settled and not settled[0].honoured
    assert after.tracks["green"]["credibility"] == pytest.approx(0.3)
    assert "pact|green" in after.breached


def test_an_attack_below_the_trigger_rung_triggers_nothing(lab):
    _, state = turn(lab, {"red": [("calm", "blue")]})  # blue–red back to peace
    events, _ = turn(lab, {"red": [("push", "blue")]}, state=state)  # peace -> tension only
    assert not of(ev.TreatyTriggered, events)


@pytest.mark.parametrize(
    "channel_status, delivered",
    [("open", True), ("suspended", False)],
)
def test_messages_cross_a_working_channel_and_are_lost_on_a_suspended_one(lab, channel_status, delivered):
    moves = {"blue": [("cut", None)]} if channel_status == "suspended" else {"blue": []}
    message = {"blue": {"messages": (MessageOrder("line", "Stand down?"),)}}
    events, state = turn(lab, moves, **message)
    sent = of(ev.MessageSent, events)[0]
    assert sent.audience == ("blue",) and sent.to == ("red",)
    if delivered:
        arrived = of(ev.MessageDelivered, events)[0]
        assert arrived.audience == ("blue", "red") and arrived.text == "Stand down?"
    else:
        lost = of(ev.MessageLost, events)[0]
        assert lost.audience == ("blue",) and "suspended" in lost.reason
    assert not state.in_transit


def test_a_message_on_a_channel_the_sender_is_not_on_is_refused(lab):
    events, _ = turn(lab, {"green": []}, green={"messages": (MessageOrder("line", "hello"),)})
    assert "not on" in of(ev.OrderRefused, events)[0].reason


def test_an_accepted_stand_down_lowers_the_dyad_one_rung(lab):
    proposal = {"blue": {"messages": (MessageOrder("line", "Mutual stand-down", ("red",), "stand_down"),)}}
    _, state = turn(lab, {"blue": [("push", "red")]}, **proposal)
    assert state.rung("blue", "red") == 2 and len(state.proposals) == 1
    pid = state.proposals[0].id
    events, after = turn(lab, {"red": []}, state=state, red={"responses": (Response(pid, True),)})
    assert of(ev.ProposalAnswered, events)[0].answer == "accepted"
    assert after.rung("blue", "red") == 1 and not after.proposals


def test_a_proposal_nobody_answers_lapses(lab):
    proposal = {"blue": {"messages": (MessageOrder("line", "Settle?", ("red",), "settlement"),)}}
    _, state = turn(lab, {"blue": []}, **proposal)
    _, state = turn(lab, {}, state=state)
    events, state = turn(lab, {}, state=state)
    assert [e.answer for e in of(ev.ProposalAnswered, events)] == ["lapsed"]


def test_an_accepted_settlement_ends_the_game_when_the_crisis_is_calm(lab):
    proposal = {"blue": {"messages": (MessageOrder("line", "Settle?", ("red",), "settlement"),)}}
    _, state = turn(lab, {"blue": []}, **proposal)
    events, after = turn(lab, {"red": []}, state=state, red={"responses": (Response(state.proposals[0].id, True),)})
    assert after.ended == "settlement"
    scored = of(ev.ObjectiveScored, events)
    assert [(e.team, e.met, e.points) for e in scored] == [("blue", True, 3)]


@pytest.mark.parametrize(
    "rung, channel_open, expected_chance",
    [(2, True, 0.1), (2, False, 0.2), (1, True, 0.05)],
)
def test_accident_chance_rises_with_the_rung_and_falls_with_an_open_channel(lab, rung, channel_open, expected_chance):
    campaign = evolve(lab, rules=evolve(lab.rules, accident_per_rung=0.1))
    state = initial_state(campaign)
    state = evolve(state, rungs={**state.rungs, "blue|red": rung}, channels={"line": "open" if channel_open else "suspended"})
    events, _ = turn(campaign, {}, state=state)
    rolled = [e for e in of(ev.AccidentRolled, events) if e.dyad == ("blue", "red")]
    assert rolled and rolled[0].chance == pytest.approx(expected_chance)


def test_injects_fire_at_their_turn_when_their_condition_holds_and_when_the_facilitator_says(lab):
    events, state = turn(lab, {})
    assert not of(ev.InjectFired, events)
    events, state = turn(lab, {"blue": [("push", "red")]}, state=state)
    assert [e.inject for e in of(ev.InjectFired, events)] == ["storm", "alarm"]
    assert state.tracks["blue"]["readiness"] == pytest.approx(0.3)
    fire = Intervention("fire_inject", "to test the teams", inject="reserve")
    events, state = turn(lab, {}, state=state, interventions=[fire])
    assert [e.inject for e in of(ev.InjectFired, events)] == ["reserve"]


def test_a_postponed_inject_fires_on_the_turn_it_was_postponed_to(lab):
    _, state = turn(lab, {})
    hold = Intervention("postpone_inject", "the teams need time", inject="storm", turns=2)
    events, state = turn(lab, {}, state=state, interventions=[hold])
    assert of(ev.InjectPostponed, events)[0].until == 4 and not of(ev.InjectFired, events)
    _, state = turn(lab, {}, state=state)
    events, state = turn(lab, {}, state=state)
    assert [e.inject for e in of(ev.InjectFired, events)] == ["storm"]


def test_crossing_the_firebreak_and_then_the_terminal_rung_ends_the_game(lab):
    _, state = turn(lab, {"red": [("shove", "blue")]})
    assert state.rung("blue", "red") == 2
    _, state = turn(lab, {"red": [("strike", "blue")]}, state=state)
    assert state.rung("blue", "red") == 3
    events, state = turn(lab, {"red": [("push", "blue")]}, state=state)
    assert state.ended == "terminal"
    assert of(ev.ObjectiveScored, events)[0].met is False


def test_sustained_calm_ends_the_game_by_de_escalation(lab):
    _, state = turn(lab, {"blue": [("calm", "red")]})
    assert not state.ended and state.calm_streak == 1
    events, state = turn(lab, {}, state=state)
    assert state.ended == "de-escalation"


def test_the_game_ends_at_the_turn_limit(lab):
    state = initial_state(lab)
    for _ in range(lab.turns):
        assert not state.ended
        _, state = turn(lab, {"red": [("push", "green")], "green": [("calm", "red")]}, state=state)
    assert state.ended == "turn_limit"


def test_the_facilitator_can_end_the_game(lab):
    events, state = turn(lab, {}, interventions=[Intervention("end_game", "time is up")])
    assert state.ended == "facilitator" and "time is up" in of(ev.GameEnded, events)[0].detail


def test_an_ended_game_adjudicates_nothing_more(lab):
    _, state = turn(lab, {}, interventions=[Intervention("end_game", "stop")])
    assert adjudicate(lab, state, [], [], 1) == ()


def test_interoperability_grows_with_joint_drills(lab):
    state = initial_state(lab)
    state = evolve(state, tracks={**state.tracks, "blue": {**state.tracks["blue"], "readiness": 0.7}})
    events, after = turn(lab, {"blue": [("drill", "green")]}, state=state)
    assert after.interop["blue|green"] == pytest.approx(0.2)
    assert of(ev.InteropChanged, events)[0].audience == ("blue", "green")
