"""Bad save files are refused with a message that names the place, and the newest good backup."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MessageOrder, MoveOrder, TeamOrders
from wargame.persistence import saves
from wargame.persistence.saves import (
    MAX_EVENTS, MAX_ORDERS, MAX_TURNS, SaveRefused, checksum, load_save,
)
from wargame.problems import ProblemsFound
from wargame.session import Session, SessionError

TUTORIAL = load_campaign("campaigns/tutorial.toml")


def two_turns(path: Path) -> Session:
    """A game committed twice: the save is at turn 3, `.bak1` at turn 2 and `.bak2` at turn 1, both with orders journalled."""
    session = Session.start(TUTORIAL, 5, path=str(path))
    for _ in range(2):
        session.submit_bots()
        session.commit()
    return session


def refusal(path: Path) -> SaveRefused:
    with pytest.raises(ProblemsFound) as found:
        load_save(str(path))
    assert isinstance(found.value, SaveRefused)
    return found.value


def signed(data: dict) -> str:
    """TOML text of raw save data with a valid checksum, as if wargame had written it."""
    data = {k: v for k, v in data.items() if k != "checksum"}
    return tomli_w.dumps({**data, "checksum": checksum(data)}, multiline_strings=True)


def raw(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


DAMAGE = {
    "edited": lambda b: b.replace(b"seed = 5", b"seed = 6"),
    "truncated": lambda b: b[: len(b) // 3],
    "flipped bytes": lambda b: b[:200] + bytes(x ^ 0x5A for x in b[200:260]) + b[260:],
    "edited checksum": lambda b: b.replace(b'checksum = "', b'checksum = "0'),
    "foreign": lambda b: b'title = "A campaign, not a save"\nturns = 3\n',
    "binary": lambda b: b"\x00\x01\x02" * 100,
    "emptied": lambda b: b"",
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_save_is_refused_naming_the_newest_backup_that_loads_and_its_turn(tmp_path, damage):
    path = tmp_path / "g.toml"
    two_turns(path)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    refused = refusal(path)
    hint = f"try the backup {path}.bak1 (turn 2)"
    assert hint in str(refused)
    assert refused.backup == f"{path}.bak1" and refused.turn == "turn 2"
    assert str(refused).splitlines()[0].startswith(str(path))  # the problem itself comes first
    resumed = Session.resume(refused.backup)
    assert resumed.turn == 2 and resumed.missing() == ()  # the orders journalled for turn 2 are there


def test_when_the_newest_backup_is_damaged_too_the_next_one_is_named(tmp_path):
    path = tmp_path / "g.toml"
    two_turns(path)
    path.write_text("garbage = [", encoding="utf-8")
    Path(f"{path}.bak1").write_bytes(b"")
    refused = refusal(path)
    assert refused.backup == f"{path}.bak2"
    assert f"try the backup {path}.bak2 (turn 1)" in str(refused)


def test_a_missing_save_with_backups_left_names_the_backup(tmp_path):
    path = tmp_path / "g.toml"
    two_turns(path)
    path.unlink()
    refused = refusal(path)
    assert "no such file" in str(refused) and refused.backup == f"{path}.bak1"


def test_a_finished_game_backup_is_named_as_game_over(tmp_path):
    path = tmp_path / "g.toml"
    session = Session.start(TUTORIAL, 5, path=str(path), turns=2)
    while not session.ended:
        session.submit_bots()
        session.commit()
    session.save()  # the finished game is now `.bak1` as well
    path.write_text("oops", encoding="utf-8")
    assert "(game over after turn 2)" in str(refusal(path))


def test_a_damaged_save_without_backups_is_refused_without_naming_one(tmp_path):
    path = tmp_path / "g.toml"
    Session.start(TUTORIAL, 5, path=str(path))
    path.write_text("oops", encoding="utf-8")
    refused = refusal(path)
    assert refused.backup is None and "backup" not in str(refused)


@pytest.mark.parametrize(
    "edit, place, words",
    [
        (lambda d: d["turns"].extend([d["turns"][0]] * MAX_TURNS), "at turns:", f"at most {MAX_TURNS}"),
        (
            lambda d: d["turns"][0]["orders"][0].__setitem__("moves", [{"move": "demarche", "target": "red"}] * (MAX_ORDERS + 1)),
            "at turns[0].orders[0]:", f"at most {MAX_ORDERS}",
        ),
        (
            lambda d: d["turns"][0]["events"].extend([d["turns"][0]["events"][0]] * MAX_EVENTS),
            "at turns[0].events:", f"at most {MAX_EVENTS}",
        ),
        (
            lambda d: d.__setitem__("pending", [{"team": "blue", "messages": [{"channel": "hotline", "text": "x"}] * (MAX_ORDERS + 1)}]),
            "at pending[0]:", f"at most {MAX_ORDERS}",
        ),
        (
            lambda d: d.__setitem__("pending_interventions", [{"kind": "end_game", "reason": "x"}] * 65),
            "at pending_interventions:", "at most 64",
        ),
        (lambda d: d.__setitem__("campaign_source", "#" * 1_000_001), "at campaign_source:", "larger than 1,000,000 bytes"),
    ],
    ids=["turns", "orders", "events", "pending", "interventions", "campaign"],
)
def test_a_save_over_a_count_limit_is_refused_naming_the_place(tmp_path, edit, place, words):
    path = tmp_path / "g.toml"
    two_turns(path)
    data = raw(path)
    edit(data)
    path.write_text(signed(data), encoding="utf-8")
    message = str(refusal(path))
    assert place in message and words in message


def test_a_save_larger_than_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    path = tmp_path / "g.toml"
    two_turns(path)
    monkeypatch.setattr(saves, "MAX_SAVE_BYTES", 10_000)
    assert "is larger than 10,000 bytes, the limit for a save" in str(refusal(path))


@pytest.mark.parametrize("depth", [30, 100_000])
def test_a_deeply_nested_save_is_refused_cleanly(tmp_path, depth):
    path = tmp_path / "g.toml"
    path.write_text("format_version = 1\nx = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert "nested too deeply" in str(refusal(path))


@pytest.mark.parametrize(
    "edit, place",
    [
        (lambda d: d["turns"][0]["orders"][0].__setitem__("team", "purple"), "at turns[0].orders[0].team:"),
        (lambda d: d["turns"][1].__setitem__("number", 7), "at turns[1].number:"),
        (lambda d: d["settings"].__setitem__("turns", 999), "at settings.turns:"),
        (lambda d: d["settings"].__setitem__("bots", {"blue": "kraken"}), "at settings.bots.blue:"),
        (lambda d: d.__setitem__("pending", [{"team": "blue"}, {"team": "blue"}]), "at pending[1].team:"),
        (lambda d: [e.__setitem__("team", "purple") for e in d["turns"][0]["events"] if "team" in e], "at turns[0].events:"),
    ],
    ids=["order-team", "turn-number", "turn-limit", "persona", "twice", "event-team"],
)
def test_a_well_typed_save_that_does_not_fit_its_campaign_is_refused_naming_the_place(tmp_path, edit, place):
    path = tmp_path / "g.toml"
    two_turns(path)
    data = raw(path)
    edit(data)
    path.write_text(signed(data), encoding="utf-8")
    assert place in str(refusal(path))


def test_a_session_refuses_more_orders_than_a_save_can_hold(tmp_path):
    session = Session.start(TUTORIAL, 5, path=str(tmp_path / "g.toml"))
    too_many = TeamOrders("blue", moves=(MoveOrder("demarche", "red"),) * MAX_ORDERS, messages=(MessageOrder("hotline", "hi"),))
    with pytest.raises(SessionError, match=f"at most {MAX_ORDERS}"):
        session.submit(too_many)
    assert "blue" not in Session.resume(str(tmp_path / "g.toml")).pending
