"""Events travel once (issue 20): an Update carries only the events after those the client has been sent, and
every client still ends with exactly the events it may see, in order, none twice, however it joined or read."""

from __future__ import annotations

import asyncio
import json

import attrs
import pytest
from loopback import CODES, TEAMS, join, new_session, scripted, within

from wargame.converter import converter
from wargame.core.views import ROOM, Seen
from wargame.net.client import Client
from wargame.net.host import Host
from wargame.net.protocol import ProtocolError, Update, decode, encode


def sent(client: Client) -> list[tuple[int, list[dict]]]:
    """Each Update frame the client received, as (events_from, the events it carried), from its transcript."""
    frames = [json.loads(text) for text in client.transcript]
    return [
        (f.get("events_from", 0), f["view"].get("events", []) if "view" in f else f.get("public", []))
        for f in frames if f["kind"] == "update"
    ]


def rebuilt(frames: list[tuple[int, list[dict]]]) -> list[dict]:
    """The events a client holds after these frames, checking that each continues exactly where the last ended."""
    events: list[dict] = []
    for start, carried in frames:
        assert start == len(events), f"an update continuing from event {start} reached a client holding {len(events)}"
        events += carried
    return events


def wire(events) -> list[dict]:
    return [converter.unstructure(e, Seen) for e in events]


def slow_network(host: Host, team: str) -> None:
    """Hold every frame the host sends `team` until `host._teams[team].ws.send.gate` is set: its writer waits on the
    frame it has, while the game goes on, as behind a network that has stalled."""
    ws = host._teams[team].ws
    send, gate = ws.send, asyncio.Event()

    async def held(frame):
        await gate.wait()
        await send(frame)

    held.gate = gate
    ws.send = held


async def play_turn(teams: list[Client]) -> None:
    turn = teams[0].update.turn
    for client in teams:
        await within(client.submit(scripted(client.team, turn)))
    for client in teams:
        await within(client.wait_for(lambda u: u.turn > turn))


async def test_an_observer_joining_late_is_sent_every_event_so_far_then_only_what_each_turn_adds(host):
    teams = [await join(host, t) for t in TEAMS]
    for _ in range(2):
        await play_turn(teams)
    late = await within(Client.connect(host.url(), observer=True, keep_transcript=True))
    so_far = host.session.seen(ROOM)
    assert len(so_far) > 10 and late.update.public == so_far
    await play_turn(teams)
    update = await within(late.wait_for(lambda u: u.turn == 4))
    assert update.public == host.session.seen(ROOM)
    frames = sent(late)
    assert frames[0] == (0, wire(so_far))
    assert frames[-1] == (len(so_far), wire(host.session.seen(ROOM)[len(so_far):]))
    assert rebuilt(frames) == wire(update.public)


async def test_a_team_that_skipped_frames_ends_with_exactly_the_events_it_may_see_in_order_none_twice(tmp_path):
    host = Host(new_session(tmp_path), codes=dict(CODES), auto_adjudicate=False)
    await within(host.start())
    try:
        blue = await join(host, "blue", keep_transcript=True)
        others = [await join(host, t) for t in TEAMS if t != "blue"]
        slow_network(host, "blue")
        turns = 4
        for _ in range(turns):  # blue reads nothing while four turns pass
            turn = host.session.turn
            for client in others:
                await within(client.submit(scripted(client.team, turn)))
            await within(host.adjudicate_now())
            for client in others:
                await within(client.wait_for(lambda u: u.turn > turn))
        host._teams["blue"].ws.send.gate.set()
        update = await within(blue.wait_for(lambda u: u.turn == turns + 1))
        assert update.view.events == host.session.view("blue").events
        frames = sent(blue)
        assert len(frames) < 1 + turns  # it did skip states: the newest came with every event it had missed
        assert rebuilt(frames) == wire(update.view.events)
    finally:
        await within(host.stop(), 15)


async def test_a_team_that_joins_again_is_sent_its_whole_list_then_continues_from_it(host):
    teams = {t: await join(host, t) for t in TEAMS}
    for _ in range(2):
        await play_turn(list(teams.values()))
    await within(teams["blue"].close())
    teams["blue"] = again = await join(host, "blue", keep_transcript=True)
    whole = host.session.view("blue").events
    assert again.update.view.events == whole
    await play_turn(list(teams.values()))
    frames = sent(again)
    assert frames[0] == (0, wire(whole))
    assert frames[-1][0] == len(whole) and frames[-1][1]  # the next turn's news only
    assert rebuilt(frames) == wire(again.update.view.events) == wire(host.session.view("blue").events)


async def test_when_a_viewers_events_are_rewritten_its_clients_are_sent_the_whole_list_again(host):
    teams = [await join(host, t) for t in TEAMS]
    watching = await within(Client.connect(host.url(), observer=True, keep_transcript=True))
    await play_turn(teams)
    await within(watching.wait_for(lambda u: u.turn == 2))
    # As if the room's news of turn 1 had been told otherwise than the host remembers sending it.
    host._events[ROOM] = tuple(attrs.evolve(e, text=e.text + " (as first told)") for e in host._events[ROOM])
    await play_turn(teams)
    update = await within(watching.wait_for(lambda u: u.turn == 3))
    assert sent(watching)[-1] == (0, wire(host.session.seen(ROOM)))
    assert update.public == host.session.seen(ROOM)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    session = new_session(tmp_path_factory.mktemp("played"))
    for turn in (1, 2):
        for team in TEAMS:
            session.submit(scripted(team, turn))
        session.commit()
    return session


def whole_updates(session) -> dict[str, Update]:
    return {
        "a team's": Update(turn=session.turn, turns=5, view=session.view("red"), options=session.options("red")),
        "an observer's": Update(turn=session.turn, turns=5, public=session.seen(ROOM)),
    }


@pytest.mark.parametrize("whose", ["a team's", "an observer's"])
@pytest.mark.parametrize("held", [0, 1, "all but the last", "all"])
def test_an_update_sent_from_any_event_on_is_made_whole_again_on_a_client_holding_those_before(played, whose, held):
    whole = whole_updates(played)[whose]
    count = {"all but the last": len(whole.events) - 1, "all": len(whole.events)}.get(held, held)
    on_the_wire = decode(encode(whole.from_event(count)), limit=10**8)
    assert on_the_wire.events_from == count and len(on_the_wire.events) == len(whole.events) - count
    assert on_the_wire.continuing(whole.events[:count]) == whole


def test_a_client_holding_fewer_events_than_an_update_continues_from_refuses_it(played):
    whole = whole_updates(played)["an observer's"]
    with pytest.raises(ProtocolError, match="continuing the events from number 5, but this client has 4"):
        whole.from_event(5).continuing(whole.events[:4])
