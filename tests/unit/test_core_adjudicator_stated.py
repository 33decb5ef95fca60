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
