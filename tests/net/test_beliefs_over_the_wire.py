"""Issue 14 over the network: a team's Update carries the ladder as that team believes it, the room's the
ladder as public news has shown it; neither carries the truth the campaign keeps from them (the tutorial keeps
beliefs)."""

from __future__ import annotations

import pytest
from loopback import CODES, TEAMS, TUTORIAL, join, scripted, within

from wargame.core import perception, views
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.net.client import Client
from wargame.net.host import Host
from wargame.session import Session


@pytest.fixture
async def host(tmp_path):
    """A host of the tutorial (all three teams human), a seed at which someone misreads the ladder."""
    hosted = Host(Session.start(TUTORIAL, 6, humans=list(TEAMS), path=str(tmp_path / "g.toml")), codes=dict(CODES))
    await within(hosted.start("127.0.0.1", 0))
    yield hosted
    await within(hosted.stop(), 15)


async def test_each_update_carries_the_ladder_as_its_reader_may_know_it(host):
    teams = [await join(host, t) for t in TEAMS]
    room = await within(Client.connect(host.url(), observer=True))
    differs = False
    for _ in range(3):
        turn = teams[0].update.turn
        for client in teams:
            # Blue's patrol is ambiguous: the others read where it lands a rung off, or right, by a roll.
            orders = TeamOrders("blue", moves=(MoveOrder("patrol", "red"),)) if client.team == "blue" else None
            await within(client.submit(orders or scripted(client.team, turn)))
        for client in [*teams, room]:
            await within(client.wait_for(lambda u: u.turn > turn))
        s = host.session
        truth = views.dyads(s.campaign, s.state)
        for client in teams:
            view = s.view(client.team)
            assert (client.update.dyads, client.update.crisis) == (view.dyads, view.crisis)
            differs |= [(d.rung, d.spread) for d in view.dyads] != [(d.rung, 0) for d in truth]
        public = perception.public_state(s.campaign, s.state, s.log)
        assert room.update.dyads == views.dyads(s.campaign, public)
        assert room.update.crisis == s.campaign.rungs[public.crisis()].name
    assert differs, "no team's belief differed from the truth: the test would not see a leak"
