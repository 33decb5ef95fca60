"""A save assembled from kept pieces is byte for byte the save written whole, and a turn is rendered once."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core.bots import PERSONAS
from wargame.core.orders import FreeformOrder, TurnRecord
from wargame.persistence import save_assembly
from wargame.persistence.save_assembly import SaveAssembler
from wargame.persistence.saves import Annotation, SaveFile, checksum, dumps, load_save
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "saves").glob("*-demo.toml"))
FIXTURES = sorted((ROOT / "tests" / "data" / "saves").glob("v*.toml"))
CAMPAIGNS = ("tutorial", "indo-pacific", "transatlantic", "capacity-building")


def assert_same_text_at_every_turn(save: SaveFile, compared=lambda played: True) -> None:
    """One assembler, as a running game uses it, writes what `dumps` writes after every turn
    (after the turns `compared` picks: writing a long game whole after every turn takes minutes)."""
    assembler = SaveAssembler()
    for played in range(len(save.turns) + 1):
        partial = attrs.evolve(save, turns=save.turns[:played])
        assembled = assembler.text(partial)
        if compared(played):
            plain = dumps(partial)
            assert assembled == plain, f"after {played} turns"
            assert assembler.text(partial) == plain, f"written again after {played} turns"
    written = SaveAssembler().text(save)
    assert tomllib.loads(written)["checksum"] == checksum_of(save)


def checksum_of(save: SaveFile) -> str:
    from wargame.converter import converter

    return checksum(converter.unstructure(save, SaveFile))


@pytest.mark.parametrize("path", [*SHIPPED, *FIXTURES], ids=lambda p: p.name)
def test_every_shipped_save_and_fixture_is_assembled_to_the_same_bytes_as_written_whole(path):
    assert SHIPPED and FIXTURES
    assert_same_text_at_every_turn(load_save(str(path)).save)


@functools.cache
def long_campaign():
    """The tutorial with 200 turns and no end by calm, so that random bots play all of them."""
    source = (ROOT / "campaigns" / "tutorial.toml").read_text(encoding="utf-8")
    source = source.replace("turns = 5\n", "turns = 200\n", 1).replace("calm_turns = 2", "calm_turns = 200", 1)
    return parse_campaign("long-tutorial.toml", source)


def test_a_200_turn_bot_game_is_assembled_to_the_same_bytes_as_written_whole():
    loaded = long_campaign()
    session = Session.start(loaded, 7, bots={t.id: "random" for t in loaded.campaign.teams})
    while not session.ended:
        session.submit_bots()
        session.commit()
    assert len(session.records) == 200
    assert_same_text_at_every_turn(session.snapshot(), compared=lambda played: played % 40 in (0, 1, 39))


def test_turns_short_enough_to_fit_on_a_line_are_written_as_tomli_w_writes_them():
    save = load_save(str(FIXTURES[-1])).save
    for turns in ((TurnRecord(1, (), (), ()),), (TurnRecord(1, (), (), ()), *save.turns[1:])):
        tiny = attrs.evolve(save, turns=turns, annotations=())
        assert SaveAssembler().text(tiny) == dumps(tiny)


TRICKY = ('"', '"""', "\\", '\\"', "\r\n", "a\rb", "\n\r\n", "tab\there", "\x00\x01\x08\x0b\x0c\x1f\x7f", "é\u2028\U0001f600", "x" * 120)
TEXT = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(TRICKY), max_size=6).map("\n".join))
"""Words players type: quotes, backslashes, newlines, control characters, any script, long lines."""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    campaign=st.sampled_from(CAMPAIGNS),
    seed=st.integers(0, 2**31),
    persona=st.sampled_from(sorted(PERSONAS)),
    turns=st.integers(1, 5),
    action=TEXT,
    argument=TEXT,
    note=TEXT,
    pending=st.booleans(),
)
def test_generated_games_are_assembled_to_the_same_bytes_as_written_whole(campaign, seed, persona, turns, action, argument, note, pending):
    loaded = cached_campaign(campaign)
    session = Session.start(loaded, seed, bots={t.id: persona for t in loaded.campaign.teams})
    first = loaded.campaign.teams[0].id
    while not session.ended and len(session.records) < turns:
        orders = session.bot_orders(first)
        if action.strip():
            orders = attrs.evolve(orders, freeform=(FreeformOrder(action=action, argument=argument),))
        session.pending[first] = orders
        session.submit_bots()
        session.commit()
    if pending and not session.ended:
        session.submit_bots()
    save = session.snapshot()
    if note.strip():
        save = attrs.evolve(save, annotations=(Annotation(turn=1, text=note, shared=True),))
    assert_same_text_at_every_turn(save)


@functools.cache
def cached_campaign(name: str):
    return load_campaign(str(ROOT / "campaigns" / f"{name}.toml"))


def test_a_running_game_renders_each_committed_turn_once_however_often_it_saves(tmp_path, monkeypatch):
    rendered: list[int] = []
    real = save_assembly.converter

    class Counting:
        def unstructure(self, value, kind=None):
            if kind is TurnRecord:
                rendered.append(value.number)
            return real.unstructure(value, kind)

    monkeypatch.setattr(save_assembly, "converter", Counting())
    session = Session.start(cached_campaign("tutorial"), 3, bots={"blue": "dove"}, path=str(tmp_path / "game.toml"))
    while not session.ended:
        session.submit_bots()  # journalled: the save is written twice a turn
        session.commit()
    assert rendered == [r.number for r in session.records]
    assert (tmp_path / "game.toml").read_text(encoding="utf-8") == dumps(session.snapshot())


def test_a_session_still_journals_every_teams_orders_as_they_are_given(tmp_path):
    path = tmp_path / "game.toml"
    session = Session.start(cached_campaign("tutorial"), 3, path=str(path))
    blue = session.bot_orders("blue")
    session.submit(blue)
    assert load_save(str(path)).save.pending == (blue,)
    session.submit_bots()
    assert len(load_save(str(path)).save.pending) == len(session.team_ids())
