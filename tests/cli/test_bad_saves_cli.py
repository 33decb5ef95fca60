"""The command line refuses a damaged save with exit 1 and names the backup to go on from."""

from __future__ import annotations

from pathlib import Path

from wargame.persistence.saves import load_save, turn_label

TUTORIAL = Path(__file__).resolve().parents[2] / "campaigns" / "tutorial.toml"


def test_replay_and_resume_of_a_damaged_save_exit_1_and_name_the_newest_good_backup(wargame, tmp_path):
    made = wargame("run", TUTORIAL, "--bot", "dove", "--seed", "4", "--turns", "3", "--save", "game.toml")
    assert made.code == 0, str(made)
    save = tmp_path / "game.toml"
    save.write_bytes(save.read_bytes()[:-200])  # the end of the file is lost
    turn = turn_label(load_save(str(tmp_path / "game.toml.bak1")).save)
    for args in (("replay", "game.toml", "--verify"), ("play", "--resume", "game.toml")):
        result = wargame(*args)
        assert result.code == 1, str(result)
        assert f"try the backup game.toml.bak1 ({turn})" in result.err, str(result)
        assert "Traceback" not in result.both and result.out == ""
    good = wargame("replay", "game.toml.bak1", "--verify")
    assert good.code == 0 and "ok" in good.out, str(good)
