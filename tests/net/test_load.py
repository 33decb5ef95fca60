"""A host that holds a lecture hall (issue 20): latest state wins for a client that reads slowly, a client is
cut only when it answers no ping, a room joining at once is not dropped, status changes travel small."""

from __future__ import annotations

import asyncio
import json

from loopback import TEAMS, join, scripted, stop_reading, within

from wargame.net.client import Client
from wargame.net.host import Host, HostEvent

ROOM = 100


async def observers(host: Host, count: int) -> list[Client]:
    return await within(asyncio.gather(*(Client.connect(host.url(), observer=True) for _ in range(count))), 60)


async def play_a_turn(teams: list[Client]) -> None:
    turn = teams[0].update.turn
    for client in teams:
        await within(client.submit(scripted(client.team, turn)))


async def a_lagging_observer(host: Host) -> tuple[Client, list[Client], int]:
    """An observer that stops reading while a room of observers joins and two turns are played, then reads again.
    Returns it, the teams, and how many frames it had been sent when it stopped reading."""
    teams = [await join(host, t) for t in TEAMS]
    slow = await within(Client.connect(host.url(), observer=True, keep_transcript=True))
    stop_reading(host, slow)
    before = len(slow.transcript)
    room = await observers(host, ROOM)
    for _ in range(2):
        await play_a_turn(teams)
    return slow, teams + room, before


async def test_a_client_that_stops_reading_for_a_while_is_brought_up_to_date_and_stays_connected(host):
    slow, others, before = await a_lagging_observer(host)
    turn = others[0].update.turn
    assert turn == 3
    slow._ws.transport.resume_reading()
    update = await within(slow.wait_for(lambda u: u.turn == turn and u.observers == ROOM + 1), 10)
    assert not slow.closed and update.turn == 3
    # The newest state, not a queue of the hundred-odd states it missed: the few frames in flight, then the newest.
    assert len(slow.transcript) - before <= 8


async def test_what_the_host_holds_for_a_client_that_does_not_read_stays_under_one_update(host):
    slow, others, _ = await a_lagging_observer(host)
    lagging = next(c for c in host._observers if c.ws.remote_address[1] == slow._ws.local_address[1])
    largest = max(len(frame.encode()) for frame in slow.transcript)
    assert not lagging.answers  # no queue of frames: only what it is owed, as a flag
    assert lagging.ws.transport.get_write_buffer_size() <= 2**15 + 2 * largest
    slow._ws.transport.resume_reading()  # so that the host can close it without waiting out its close timeout


async def test_a_client_that_answers_no_ping_is_cut_and_the_log_says_why(host):
    host.ping_interval, host.ping_timeout = 0.2, 0.5
    events: list[HostEvent] = []
    host.subscribe(events.append)
    red = await join(host, "red")
    blue = await join(host, "blue")
    blue._ws.transport.pause_reading()  # alive a moment ago, now nothing comes back
    await asyncio.sleep(0.5)  # slower than a ping, faster than the timeout: kept
    assert host.connected() == ("blue", "red")
    await within(red.wait_for(lambda u: u.connected == ("red",)), 5)
    left = [e for e in events if e.kind == "left"]
    assert [e.team for e in left] == ["blue"]
    assert "no answer to a ping within 0.5 seconds" in left[0].detail and "dead" in left[0].detail


async def test_a_room_of_observers_joining_at_once_all_see_the_next_turn_and_none_is_dropped(host):
    teams = [await join(host, t) for t in TEAMS]
    room = await observers(host, ROOM)
    await play_a_turn(teams)
    await within(asyncio.gather(*(c.wait_for(lambda u: u.turn == 2, 20) for c in room + teams)), 30)
    assert not [c for c in room + teams if c.closed]
    assert host.status().observers == ROOM


async def test_who_submitted_and_who_is_online_reach_the_other_teams_as_a_small_status_naming_no_orders(host):
    blue = await join(host, "blue", keep_transcript=True)
    red = await join(host, "red")
    await within(blue.wait_for(lambda u: u.connected == ("blue", "red")))
    await within(red.submit(scripted("red", 1)))
    update = await within(blue.wait_for(lambda u: u.submitted == ("red",)))
    assert update.view is not None and update.view.turn == 1  # the rest of blue's update is kept
    frames = [json.loads(f) for f in blue.transcript[2:]]
    assert [f["kind"] for f in frames] == ["status", "status"]
    assert frames[-1] == {"kind": "status", "turn": 1, "submitted": ["red"], "connected": ["blue", "red"]}
    assert max(len(f) for f in blue.transcript[2:]) < 200


async def test_every_observer_is_sent_the_same_update_text(host):
    teams = [await join(host, t) for t in TEAMS]
    watching = [await within(Client.connect(host.url(), observer=True, keep_transcript=True)) for _ in range(3)]
    await play_a_turn(teams)
    await within(asyncio.gather(*(c.wait_for(lambda u: u.turn == 2) for c in watching)))
    last = [next(f for f in reversed(c.transcript) if '"kind":"update"' in f) for c in watching]
    assert last[0] is not last[1] and last[0] == last[1] == last[2]
    assert list(host._observer_frames[1].values()) == [last[0]]

