"""The wire protocol: every message survives the converter, bad frames are refused with a reason, and
the campaign a client is given holds nothing that belongs to another team."""

from __future__ import annotations

import json

import attrs
import pytest

from wargame.converter import converter
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.net import codes
from wargame.net.protocol import (
    CLIENT_MESSAGES,
    HOST_MESSAGES,
    MAX_CLIENT_MESSAGE,
    PROTOCOL_VERSION,
    Hello,
    ProtocolError,
    Refused,
    Stage,
    Status,
    Submit,
    Update,
    VersionMismatch,
    Welcome,
    Withdraw,
    decode,
    encode,
    redact,
)
from wargame.persistence.saves import Settings, dumps, load_save

from loopback import TEAMS, TUTORIAL, new_session, scripted


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """A session two turns in, so that views hold events of every sort."""
    session = new_session(tmp_path_factory.mktemp("played"))
    for turn in (1, 2):
        for team in TEAMS:
            session.submit(scripted(team, turn))
        session.commit()
    return session


def every_message(session) -> list:
    orders = scripted("red", 3)
    return [
        Hello(PROTOCOL_VERSION, "team", "red", "a-code"),
        Hello(PROTOCOL_VERSION, "observer"),
        Stage(orders, 3, 7),
        Submit(orders),
        Withdraw(3, 9),
        Welcome(PROTOCOL_VERSION, "team", "red", redact(session.campaign, "red")),
        Update(
            turn=session.turn, turns=5, view=session.view("red"), options=session.options("red"),
            staged=orders, orders=orders, humans=TEAMS, submitted=("red",), connected=TEAMS, observers=2, ack=7,
        ),
        Update(turn=session.turn, turns=5, public=session.seen("room")),
        Status(session.turn, submitted=("red",), connected=TEAMS, observers=2),
        Refused("no", 3, fatal=True),
    ]


def test_every_message_kind_comes_back_equal_after_encoding_and_decoding(played):
    messages = every_message(played)
    assert {type(m) for m in messages} == set(CLIENT_MESSAGES + HOST_MESSAGES)
    for message in messages:
        text = encode(message)
        assert json.loads(text)["kind"] == message.KIND
        assert decode(text, limit=10**8) == message


def test_a_views_events_keep_their_own_kinds_and_fields_on_the_wire(played):
    update = Update(turn=3, turns=5, view=played.view("blue"))
    data = json.loads(encode(update))
    kinds = {e["kind"] for e in data["view"]["events"]}
    # beliefs_formed nests beliefs and estimates; where beliefs are kept the turn's close (the true crisis) is the white cell's.
    assert {"move_resolved", "beliefs_formed"} <= kinds and "turn_completed" not in kinds
    assert decode(encode(update), limit=10**8).view.events == played.view("blue").events


GOOD_STAGE = {"kind": "stage", "orders": {"team": "blue", "moves": [{"move": "demarche", "target": "red"}]}}

BAD_FRAMES = {
    "not JSON": ("{kind: stage", "not valid JSON"),
    "a JSON array": ("[1, 2]", "expected a JSON object"),
    "no kind": ('{"orders": {}}', 'no "kind"'),
    "an unknown kind": ('{"kind": "launch"}', 'unknown kind "launch"'),
    "a host's message from a client": (encode(Refused("x")), 'unknown kind "refused"'),
    "a number where a string belongs": (
        json.dumps({**GOOD_STAGE, "orders": {"team": "blue", "moves": [{"move": 5}]}}), "orders.moves[0].move: expected a string",
    ),
    "an unknown key": (json.dumps({**GOOD_STAGE, "extra": 1}), "extra: unknown key"),
    "a red line whose condition is not a table": (
        json.dumps({**GOOD_STAGE, "orders": {"team": "blue", "declarations": [{"line": "x", "condition": "soon"}]}}),
        'orders.declarations[0].condition: expected a table, got "soon"',
    ),
    "a missing key": ('{"kind": "submit"}', "orders: missing required key"),
    "a string for a number": (json.dumps({**GOOD_STAGE, "turn": "3"}), "turn: expected an integer"),
    "a boolean for a number": (json.dumps({**GOOD_STAGE, "ref": True}), "ref: expected an integer"),
    "NaN": ('{"kind": "withdraw", "turn": NaN}', "NaN is not a number"),
    "an unknown role": ('{"kind": "hello", "protocol": %d, "role": "admin"}' % PROTOCOL_VERSION, 'role: expected one of "team", "observer"'),
    "deep nesting": ('{"kind": "stage", "orders": ' + "[" * 30000 + "]" * 30000 + "}", "nested too deeply"),
    "an oversized frame": (json.dumps({**GOOD_STAGE, "pad": "x" * MAX_CLIENT_MESSAGE}), "larger than the 65,536"),
    "a binary frame": (b'{"kind": "withdraw"}', "binary frames"),
}


@pytest.mark.parametrize("frame, reason", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
def test_decoding_refuses_a_frame_that_is_not_a_message_and_says_why(frame, reason):
    with pytest.raises(ProtocolError) as caught:
        decode(frame, expect=CLIENT_MESSAGES)
    assert reason in str(caught.value)


@pytest.mark.parametrize("version", [4, 6], ids=["an older client (before the argument round)", "a newer client"])
def test_a_hello_of_another_protocol_version_is_refused_whatever_its_other_fields(version):
    assert PROTOCOL_VERSION == 5
    with pytest.raises(VersionMismatch, match=f"this host speaks wargame protocol 5, the client protocol {version}: install"):
        decode(f'{{"kind": "hello", "protocol": {version}, "session_token": "a field of another version"}}')


def test_a_hellos_code_never_shows_in_its_repr():
    assert "s3cret" not in repr(Hello(PROTOCOL_VERSION, "team", "blue", "s3cret"))


def test_a_team_reads_its_own_briefing_and_objectives_and_nobody_elses():
    c = TUTORIAL.campaign
    for team in TEAMS:
        mine = redact(c, team)
        for t in mine.teams:
            original = c.team(t.id)
            if t.id == team:
                assert t == original
            else:
                assert (t.briefing, t.objectives, t.doctrine, t.red_lines) == ("", (), None, ())
                assert t.name == original.name and t.resources == original.resources
        assert mine.injects == ()
        assert (mine.moves, mine.rungs, mine.channels, mine.treaties) == (c.moves, c.rungs, c.channels, c.treaties)


def test_an_observer_reads_no_teams_briefing_or_objectives():
    for t in redact(TUTORIAL.campaign, None).teams:
        assert (t.briefing, t.objectives, t.doctrine) == ("", (), None)


def test_join_codes_are_kept_as_salted_hashes_that_only_the_right_code_matches():
    code = codes.new_code()
    assert len(code) == 12
    first, second = codes.hash_code(code), codes.hash_code(code)
    assert first != second and code not in first  # salted
    assert codes.check_code(code, first) and codes.check_code(code, second)
    assert not codes.check_code(code + "x", first)
    assert not codes.check_code(code, None) and not codes.check_code(code, "") and not codes.check_code(code, "garbage")


def test_a_hot_seat_save_has_no_join_codes_entry_and_a_hosted_one_only_hashes(tmp_path):
    from wargame.net.host import Host

    session = new_session(tmp_path)
    assert "join_codes" not in dumps(session.snapshot())
    host = Host(session)
    text = (tmp_path / "game.toml").read_text()
    assert "[settings.join_codes]" in text
    for code in host.codes.values():
        assert code not in text
    assert load_save(str(tmp_path / "game.toml")).save.settings.join_codes.keys() == set(TEAMS)
    assert attrs.fields(Settings).join_codes.default.factory() == {}


def test_the_converter_unstructures_orders_in_messages_as_in_saves():
    orders = TeamOrders("blue", (MoveOrder("demarche", "red"),))
    assert json.loads(encode(Submit(orders)))["orders"] == converter.unstructure(orders, TeamOrders)
