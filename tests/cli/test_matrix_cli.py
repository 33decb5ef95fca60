"""Free-form moves ruled on odds and the white cell's powers, from the command line: a scripted game
with every kind of intervention replays, and the reports keep the white cell's reasons to itself."""

from __future__ import annotations

import json
from pathlib import Path

import subprocess
import sys

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
REASONS = ("the strait is lightly held", "a storm", "a border clash", "the wire is repaired", "the room is too calm", "time is short")


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    save = tmp_path_factory.mktemp("matrix") / "game.toml"
    args = ["run", DATA / "escalation_lab.toml", "--orders", DATA / "orders-matrix.toml", "--seed", "3", "--save", save]
    played = subprocess.run([sys.executable, "-m", "wargame", *map(str, args)], capture_output=True, text=True, timeout=60)
    assert played.returncode == 0, played.stderr
    return save


def test_a_game_with_every_kind_of_intervention_replays_identically(wargame, game):
    result = wargame("replay", game, "--verify")
    assert result.code == 0, result
    assert "2 turns re-adjudicated and identical" in result.out


def test_the_white_cell_report_shows_the_odds_in_words_and_number_the_roll_the_reason_and_the_effects(wargame, game):
    report = wargame("report", game).out
    section = report.split("## Free-form moves", 1)[1].split("## Turn 1", 1)[0]
    assert "success (odds: likely, 75%; roll 0.117 < 0.750): the strait is lightly held." in section
    assert "Red — Domestic support: 0.5 → 0.4 (free-form move by Blue, ruled by the facilitator)." in section
    assert "Inject — Ad-hoc inject: Fishing boats scatter." in section
    for reason in REASONS:
        assert reason in report
    assert "*Facilitator: dyad moved* (Red–Green put on Blockade): a border clash" in report


@pytest.mark.parametrize("team", ["red", "green"])
def test_a_teams_report_keeps_every_white_cell_reason_out(wargame, game, team):
    for fmt in ("md", "json", "html"):
        report = wargame("report", game, "--team", team, "--format", fmt).out
        for reason in REASONS:
            assert reason not in report, (team, fmt, reason)


def test_a_team_learns_of_a_free_form_move_only_when_it_may(wargame, game):
    red = json.loads(wargame("report", game, "--team", "red", "--format", "json").out)
    green = json.loads(wargame("report", game, "--team", "green", "--format", "json").out)
    assert [(a["team"], a["odds"], a["outcome"], a["argument"]) for a in red["arguments"]] == [("blue", "likely", "success", "")]
    assert green["arguments"] == []


def test_a_game_played_with_odds_in_words_replays_and_reports_in_words_for_its_teams(wargame, tmp_path):
    from wargame.session import Session

    session = Session.start(str(DATA.parent.parent / "campaigns" / "tutorial.toml"), 7, bots={"red": "hawk", "green": "dove", "blue": "doctrine"}, path=str(tmp_path / "w.toml"), show_odds="words")
    for _ in range(2):
        session.submit_bots()
        session.commit()
    for args in (("replay", "--text", "--team", "blue"), ("report", "--team", "blue")):
        shown = wargame(args[0], tmp_path / "w.toml", *args[1:])
        assert shown.code == 0, shown
        moves = [line for line in shown.out.splitlines() if ("succeeded" in line or "failed" in line) and "detect" not in line]
        assert moves and all("%" not in line and "roll" not in line for line in moves), moves
        assert any("(odds: " in line for line in moves)
    white = wargame("replay", tmp_path / "w.toml", "--text").out
    assert "chance " in white and "roll " in white
