"""Nothing lost: a client whose connection dies joins again and finds its draft and its submitted orders."""

from __future__ import annotations

from loopback import join, scripted, within

from wargame.core.orders import FreeformOrder, TeamOrders


def kill(client) -> None:
    """Drop the client's TCP connection without a closing handshake, as a crashed terminal would."""
    client._ws.transport.abort()


async def test_a_killed_client_joins_again_and_gets_its_staged_draft_back(host):
    blue = await join(host, "blue")
    red = await join(host, "red")
    draft = TeamOrders("blue", freeform=(FreeformOrder("half-written plan", "to finish after lunch"),))
    await within(blue.stage(draft))
    kill(blue)
    await within(blue.wait_closed())
    await within(red.wait_for(lambda u: "blue" not in u.connected))  # the host noticed
    again = await join(host, "blue")
    assert again.update.staged == draft and again.update.orders is None
    assert again.update.turn == 1 and "blue" in again.update.connected


async def test_a_client_killed_after_submitting_finds_its_orders_submitted(host):
    blue = await join(host, "blue")
    await within(blue.stage(TeamOrders("blue", freeform=(FreeformOrder("first idea"),))))
    await within(blue.submit(scripted("blue", 1)))
    kill(blue)
    await within(blue.wait_closed())
    again = await join(host, "blue")
    assert again.update.orders == scripted("blue", 1) and again.update.submitted == ("blue",)
    assert again.update.staged == scripted("blue", 1)  # the draft becomes what was submitted


async def test_a_client_that_reconnects_before_the_host_notices_replaces_its_dead_connection(host):
    blue = await join(host, "blue")
    draft = TeamOrders("blue", freeform=(FreeformOrder("kept"),))
    await within(blue.stage(draft))
    kill(blue)
    again = await join(host, "blue")  # at once: the host may still hold the dead connection
    assert again.update.staged == draft
    assert host.connected() == ("blue",)
    assert (await within(again.withdraw())).submitted == ()


async def test_drafts_are_cleared_when_the_turn_is_adjudicated(host):
    clients = {team: await join(host, team) for team in ("blue", "red", "green")}
    for team, client in clients.items():
        await within(client.stage(TeamOrders(team, freeform=(FreeformOrder("draft"),))))
    for team, client in clients.items():
        answer = await within(client.submit(scripted(team, 1)))
    assert answer.turn == 2 and answer.staged is None and answer.orders is None
    update = await within(clients["blue"].wait_for(lambda u: u.turn == 2))
    assert update.staged is None and update.submitted == ()
