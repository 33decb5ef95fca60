"""`wargame run` saves once a turn, at the commit: its backups are the last committed turns, none half-ordered."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.persistence.saves import dumps, load_save

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
DATA = ROOT / "tests" / "data"


def turns_and_pending(path: Path) -> tuple[int, int]:
    save = load_save(str(path)).save
    return len(save.turns), len(save.pending)


@pytest.mark.parametrize(
    "game",
    [
        pytest.param((TUTORIAL, "--bot", "random", "--seed", "7"), id="bots"),
        pytest.param((TUTORIAL, "--orders", DATA / "orders-v2.toml", "--bot", "random", "--seed", "3"), id="scripted orders"),
    ],
)
def test_a_headless_run_keeps_the_last_committed_turns_as_backups_with_no_orders_half_given(wargame, tmp_path, game):
    result = wargame("run", *game, "--save", "game.toml")
    assert result.code == 0, str(result)
    save = tmp_path / "game.toml"
    played, pending = turns_and_pending(save)
    assert played >= 4 and pending == 0
    for n in (1, 2, 3):
        assert turns_and_pending(tmp_path / f"game.toml.bak{n}") == (played - n, 0), f"game.toml.bak{n}"
    assert save.read_text(encoding="utf-8") == dumps(load_save(str(save)).save)
    verified = wargame("replay", "game.toml", "--verify")
    assert verified.code == 0 and "ok" in verified.out, str(verified)


def test_a_headless_run_over_an_old_game_with_force_pushes_it_out_of_the_backups(wargame, tmp_path):
    first = wargame("run", TUTORIAL, "--bot", "hawk", "--seed", "1", "--turns", "5", "--save", "game.toml")
    assert first.code == 0, str(first)
    again = wargame("run", TUTORIAL, "--bot", "random", "--seed", "7", "--turns", "5", "--save", "game.toml", "--force")
    assert again.code == 0, str(again)
    for n in (1, 2, 3):
        backup = load_save(str(tmp_path / f"game.toml.bak{n}")).save
        assert backup.seed == 7 and len(backup.turns) == 5 - n, f"game.toml.bak{n}"


def test_a_headless_run_writes_its_save_first_when_turn_1_is_committed(wargame, tmp_path):
    result = wargame("run", TUTORIAL, "--bot", "random", "--seed", "7", "--turns", "2", "--save", "game.toml")
    assert result.code == 0, str(result)
    assert turns_and_pending(tmp_path / "game.toml") == (2, 0)
    assert turns_and_pending(tmp_path / "game.toml.bak1") == (1, 0)
    assert not (tmp_path / "game.toml.bak2").exists()  # no save of the game before turn 1
