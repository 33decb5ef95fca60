"""Nobody where they don't belong: forged, malformed and oversized frames, wrong codes and wrong versions
are refused with a reason, and the host goes on serving everyone else."""

from __future__ import annotations

import json

import pytest
from loopback import CODES, Raw, join, scripted, within
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from wargame.core.orders import FreeformOrder, TeamOrders
from wargame.net.client import Client, JoinError, RequestRefused
from wargame.net.protocol import (
    CLOSE_REFUSED,
    CLOSE_REPLACED,
    CLOSE_TOO_BIG,
    MAX_CLIENT_MESSAGE,
    PROTOCOL_VERSION,
    Hello,
    Stage,
    Submit,
    encode,
)


async def still_served(host, witness: Client) -> None:
    """The host still serves others: red submits, and `witness` hears of it."""
    red = await join(host, "red")
    await within(red.submit(scripted("red", host.session.turn)))
    update = await within(witness.wait_for(lambda u: "red" in u.submitted))
    assert update.turn == host.session.turn
    await within(red.close())


async def test_orders_forged_for_another_team_are_refused_and_the_connection_kept(host):
    blue = await join(host, "blue")
    green = await join(host, "green")
    for request in (blue.stage, blue.submit):
        with pytest.raises(RequestRefused, match='orders for "red" refused: this connection plays blue'):
            await within(request(scripted("red", 1)))
    assert "red" not in host.session.pending and host.draft("red") is None
    # The same connection goes on working.
    answer = await within(blue.submit(scripted("blue", 1)))
    assert answer.submitted == ("blue",) and answer.orders == scripted("blue", 1)
    await still_served(host, green)


BAD_FRAMES = {
    "not JSON": ("{'kind': 'stage'", "not valid JSON"),
    "an unknown kind": ('{"kind": "adjudicate"}', 'unknown kind "adjudicate"'),
    "a host's message": ('{"kind": "update", "turn": 9, "turns": 9}', 'unknown kind "update"'),
    "wrong types": (json.dumps({"kind": "submit", "orders": {"team": "blue", "moves": "demarche"}}), "orders.moves: expected an array"),
    "an unknown key": (json.dumps({"kind": "withdraw", "admin": True}), "admin: unknown key"),
    "a second hello": (encode(Hello(PROTOCOL_VERSION, "team", "red", CODES["red"])), "already joined as blue"),
    "a binary frame": (b"\x00\x01", "binary frames"),
}


@pytest.mark.parametrize("frame, reason", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
async def test_a_malformed_frame_is_refused_with_a_reason_and_the_host_serves_on(host, frame, reason):
    raw = await Raw.join(host, "blue")
    green = await join(host, "green")
    await within(raw.ws.send(frame))
    refused = await raw.next_of("refused")
    assert reason in refused["reason"] and not refused.get("fatal")
    # The connection stays open and usable.
    await within(raw.ws.send(encode(Stage(scripted("blue", 1), ref=5))))
    assert (await raw.next_of("update"))["ack"] == 5
    assert host.draft("blue") == scripted("blue", 1)
    await still_served(host, green)


async def test_an_oversized_frame_closes_that_connection_only(host):
    raw = await Raw.join(host, "blue")
    green = await join(host, "green")
    huge = encode(Submit(TeamOrders("blue", freeform=(FreeformOrder("x" * MAX_CLIENT_MESSAGE),))))
    await within(raw.ws.send(huge))
    with pytest.raises(ConnectionClosed) as closed:
        for _ in range(20):
            await raw.next()
    assert closed.value.rcvd.code == CLOSE_TOO_BIG and "exceeds limit of 65536 bytes" in closed.value.rcvd.reason
    assert "blue" not in host.session.pending
    await still_served(host, green)


async def test_a_frame_just_under_the_limit_with_too_many_orders_is_refused_with_the_limit(host):
    blue = await join(host, "blue")
    many = TeamOrders("blue", freeform=tuple(FreeformOrder(f"act {i}") for i in range(65)))
    with pytest.raises(RequestRefused, match="at most 64"):
        await within(blue.submit(many))


JOIN_REFUSALS = {
    "a wrong code": ("blue", "not-the-code", "wrong code for blue"),
    "another team's code": ("blue", CODES["red"], "wrong code for blue"),
    "an empty code": ("blue", "", "wrong code for blue"),
    "an unknown team": ("purple", CODES["blue"], 'no team "purple" in this game (teams to join: blue, red, green)'),
}


@pytest.mark.parametrize("team, code, reason", JOIN_REFUSALS.values(), ids=JOIN_REFUSALS.keys())
async def test_a_wrong_code_or_team_is_refused_and_closed_and_the_host_serves_on(host, team, code, reason):
    green = await join(host, "green")
    async with connect(host.url(), proxy=None) as ws:
        await within(ws.send(encode(Hello(PROTOCOL_VERSION, "team", team, code))))
        refused = json.loads(await within(ws.recv()))
        assert refused == {"kind": "refused", "reason": refused["reason"], "fatal": True}
        assert reason in refused["reason"]
        assert code not in refused["reason"] or not code
        with pytest.raises(ConnectionClosed) as closed:
            await within(ws.recv())
        assert closed.value.rcvd.code == CLOSE_REFUSED
    assert host.connected() == ("green",)
    await still_served(host, green)


async def test_the_client_reports_a_wrong_code_as_a_join_error(host):
    with pytest.raises(JoinError, match="wrong code for red"):
        await within(Client.connect(host.url(), "red", "guess"))


async def test_a_team_played_by_a_bot_cannot_be_joined(tmp_path):
    from loopback import new_session

    from wargame.net.host import Host

    bots_host = Host(new_session(tmp_path, humans=("blue",), bots={"red": "hawk", "green": "dove"}))
    await within(bots_host.start())
    try:
        with pytest.raises(JoinError, match="red is played by a bot"):
            await within(Client.connect(bots_host.url(), "red", "anything"))
        assert set(bots_host.codes) == {"blue"}
        assert bots_host.join_lines() == [f"wargame join {bots_host.url()} --team blue --code {bots_host.codes['blue']}"]
    finally:
        await within(bots_host.stop(), 15)


FIRST_FRAMES = {
    "another protocol version": (
        json.dumps({"kind": "hello", "protocol": PROTOCOL_VERSION + 1, "team": "blue", "code": CODES["blue"]}),
        f"this host speaks wargame protocol {PROTOCOL_VERSION}, the client protocol {PROTOCOL_VERSION + 1}",
    ),
    "orders before a hello": (encode(Submit(scripted("blue", 1))), "the first message must be a hello, not submit"),
    "garbage before a hello": ("hello?", "not valid JSON"),
}


@pytest.mark.parametrize("frame, reason", FIRST_FRAMES.values(), ids=FIRST_FRAMES.keys())
async def test_a_connection_that_does_not_start_with_a_good_hello_is_refused_and_closed(host, frame, reason):
    green = await join(host, "green")
    async with connect(host.url(), proxy=None) as ws:
        await within(ws.send(frame))
        refused = json.loads(await within(ws.recv()))
        assert refused["kind"] == "refused" and refused["fatal"] and reason in refused["reason"]
        with pytest.raises(ConnectionClosed):
            await within(ws.recv())
    assert "blue" not in host.session.pending
    await still_served(host, green)


async def test_an_observer_cannot_give_orders(host):
    observer = await within(Client.connect(host.url(), observer=True))
    with pytest.raises(RequestRefused, match="an observer cannot give orders"):
        await within(observer.submit(scripted("blue", 1)))
    assert host.session.pending == {}


async def test_orders_written_for_a_turn_already_adjudicated_are_refused(host):
    raw = await Raw.join(host, "blue")
    await within(raw.ws.send(encode(Submit(scripted("blue", 2), turn=2, ref=3))))
    refused = await raw.next_of("refused")
    assert refused["ref"] == 3 and "that was for turn 2, but turn 1 is open now" in refused["reason"]


async def test_joining_again_replaces_the_older_connection(host):
    first = await join(host, "blue")
    second = await join(host, "blue")
    await within(first.wait_closed())
    assert first.close_code == CLOSE_REPLACED and "joined again" in first.close_reason
    assert host.connected() == ("blue",)
    assert (await within(second.submit(scripted("blue", 1)))).submitted == ("blue",)


async def test_a_host_without_a_white_cell_refuses_free_form_moves_staged_or_submitted_and_says_why(host):
    host.white_cell = False  # as `wargame host --headless` serves
    blue = await join(host, "blue")
    for request in (blue.stage, blue.submit):
        with pytest.raises(RequestRefused, match="without a facilitator .* nobody can rule on a free-form move: remove it"):
            await within(request(scripted("blue", 1)))
    assert "blue" not in host.session.pending and host.draft("blue") is None
    catalogue_only = TeamOrders("blue", scripted("blue", 1).moves)
    assert (await within(blue.submit(catalogue_only))).submitted == ("blue",)
