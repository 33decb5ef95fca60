"""How the adjudicator records what it decides: who may see each outcome and when it happened, on the
laboratory campaign of conftest.py (blue has 4 resources a turn; push costs 1, shove 2)."""

from __future__ import annotations

import attrs

from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.state import initial_state


def test_a_refused_order_is_news_for_its_team_alone_dated_the_turn_it_was_made(lab):
    state = attrs.evolve(initial_state(lab), turn=3)
    # 2 + 2 of blue's 4: the third shove is over budget
    orders = [TeamOrders("blue", moves=(MoveOrder("shove", "red"),) * 3)]
    refused = [e for e in adjudicate(lab, state, orders, (), seed=1) if isinstance(e, ev.OrderRefused)]
    assert len(refused) == 1
    assert (refused[0].turn, refused[0].team, refused[0].audience) == (3, "blue", ("blue",))
    assert refused[0].public is False
    assert not refused[0].visible_to("red")


def test_a_channel_cut_by_a_secret_move_keeps_its_cause_from_everyone_but_the_cutter(lab):
    from wargame.core.model import Effects, Move
    from wargame.core.narrative import UNDISCLOSED, Viewpoint, describe

    sever = Move("sever", "Sever the line", "cyber", 0, visibility="secret",
                 effects=Effects(channel="line", channel_status="suspended"))
    campaign = attrs.evolve(lab, moves=(*lab.moves, sever))
    orders = [TeamOrders("blue", moves=(MoveOrder("sever"),))]
    events = adjudicate(campaign, initial_state(campaign), orders, (), seed=1)
    cut = [e for e in events if isinstance(e, ev.ChannelChanged)]
    assert len(cut) == 1
    assert (cut[0].old, cut[0].new, cut[0].secret, cut[0].known_by) == ("open", "suspended", True, ("blue",))
    assert describe(campaign, cut[0], Viewpoint("red")) == f"Blue-Red line: open → suspended ({UNDISCLOSED})."


def test_a_secret_free_form_move_ruled_to_escalate_keeps_its_cause_unless_ruled_detected(lab):
    from wargame.core.orders import FreeformOrder, Intervention

    orders = [TeamOrders("blue", freeform=(FreeformOrder("Sabotage the port", target="red", visibility="secret"),))]

    def climb(detected):
        ruling = Intervention("adjudicate", "it works", team="blue", order=0, outcome="success", escalation=1,
                              detected=detected)
        events = adjudicate(lab, initial_state(lab), orders, (ruling,), seed=1)
        return next(e for e in events if isinstance(e, ev.EscalationChanged))

    hidden, seen = climb(False), climb(True)
    # the ladder moves for all to see (Tension → Standoff); who moved it stays with blue unless detected
    assert (hidden.old, hidden.new, hidden.public) == ("tension", "standoff", True)
    assert (hidden.secret, hidden.known_by) == (True, ("blue",))
    assert (seen.secret, seen.known_by) == (False, ())


def test_an_inject_postponed_until_this_turn_fires_saying_so(lab):
    # "reserve" has no turn and no condition: only the facilitator's postponement brings it back
    state = attrs.evolve(initial_state(lab), turn=3, postponed={"reserve": 3}, fired=frozenset({"storm"}))
    fired = [e for e in adjudicate(lab, state, [], (), seed=1) if isinstance(e, ev.InjectFired)]
    assert [(e.inject, e.cause, e.reason) for e in fired] == [("reserve", "postponed by the facilitator until now", "")]
    early = attrs.evolve(state, turn=2)
    assert not [e for e in adjudicate(lab, early, [], (), seed=1) if isinstance(e, ev.InjectFired)]


def test_a_settlement_ends_the_game_when_the_crisis_is_left_at_or_below_the_calm_rung(lab):
    from wargame.core.orders import Response
    from wargame.core.state import OpenProposal

    calm_at_tension = attrs.evolve(lab, rules=attrs.evolve(lab.rules, calm_rung="tension"))
    state = attrs.evolve(
        initial_state(calm_at_tension), turn=2, rungs={"blue|red": 1, "blue|green": 0, "green|red": 1},
        proposals=(OpenProposal("m1.1", "settlement", "blue", "red", 3),),
    )
    orders = [TeamOrders("red", responses=(Response("m1.1", True),))]
    ended = [e for e in adjudicate(calm_at_tension, state, orders, (), seed=1) if isinstance(e, ev.GameEnded)]
    # blue–red settles at Peace; green–red stays at Tension, the calm rung itself
    assert [(e.reason, e.detail) for e in ended] == [("settlement", "the parties agreed a settlement")]
