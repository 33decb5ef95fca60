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
