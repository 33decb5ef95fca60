"""What-if from a saved game by the command line: `run --from` forks, `compare` and `simulate --from`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wargame.persistence.saves import load_save

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "saves" / "transatlantic-demo.toml"

ORDERS = """
[[turns]]
turn = 3

[[turns.orders]]
team = "dravnia"
moves = [{ move = "demarche", target = "valdia" }]
"""


@pytest.fixture(scope="module")
def fork(tmp_path_factory) -> Path:
    """The demo forked from turn 3, Dravnia played by the dove: shared, treat as read-only."""
    where = tmp_path_factory.mktemp("fork")
    done = subprocess.run(
        [sys.executable, "-m", "wargame", "run", "--from", str(DEMO), "--turn", "3", "--bot", "dravnia=dove", "--save", "fork.toml"],
        cwd=where, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return where / "fork.toml"


def test_run_from_a_save_keeps_the_turns_before_the_fork_and_records_the_parent(fork, wargame):
    parent, child = load_save(str(DEMO)), load_save(str(fork))
    assert child.save.turns[:2] == parent.save.turns[:2]
    assert child.save.settings.bots["dravnia"] == "dove"
    recorded = child.save.settings.parent
    assert (recorded.save, recorded.checksum, recorded.turn) == (str(DEMO), parent.checksum, 3)
    assert wargame("replay", fork, "--verify").code == 0
    report = wargame("report", fork)
    assert f"- A fork of {DEMO} from turn 3 (the parent's checksum {parent.checksum[:12]}…)" in report.out


def test_an_orders_file_replaces_a_teams_orders_from_the_fork_turn(wargame, tmp_path):
    (tmp_path / "orders.toml").write_text(ORDERS)
    done = wargame("run", "--from", DEMO, "--turn", "3", "--orders", "orders.toml", "--save", "f.toml")
    assert done.code == 0, str(done)
    turn3 = load_save(str(tmp_path / "f.toml")).save.turns[2]
    dravnia = next(o for o in turn3.orders if o.team == "dravnia")
    assert [(m.move, m.target) for m in dravnia.moves] == [("demarche", "valdia")]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--turn", "3"), 2, "wargame run: --turn goes with --from SAVE"),
        (("--from", DEMO), 2, "wargame run: --from needs --turn N, the first turn to play anew"),
        (("--from", DEMO, "--turn", "3", "--seed", "4"), 2, "wargame run: --seed cannot be given with --from"),
        (("--from", DEMO, "--turn", "12"), 1, f"{DEMO}: error: has turns 1 to 9; --turn must be between 1 and 10, got 12"),
        (("--from", "missing.toml", "--turn", "3"), 1, "missing.toml: error: no such file"),
        (("--from", DEMO, "--turn", "3", "--orders", "early.toml"), 1, "early.toml: error: at turns[0].turn: turn 1 comes before the fork's first turn 3"),
    ],
)
def test_run_from_refuses_what_a_fork_cannot_do_with_a_message(wargame, tmp_path, args, code, message):
    (tmp_path / "early.toml").write_text(ORDERS.replace("turn = 3", "turn = 1"))
    done = wargame("run", *args, "--save", "f.toml")
    assert done.code == code and message in done.err, str(done)
    assert not (tmp_path / "f.toml").exists()


def test_compare_a_fork_with_its_parent_says_where_they_diverged_and_sets_escalation_side_by_side(fork, wargame):
    done = wargame("compare", DEMO, fork)
    assert done.code == 0, str(done)
    text = done.out
    assert "- B is a fork of A from turn 3." in text
    assert "Turn 3 is the first that differs:" in text and "- Dravnia ordered differently" in text
    assert "| Varenne–Dravnia | A | Competitive peacetime |" in text
    assert "- A: turn 9: the last turn (9) was played (turn limit)" in text


def test_compare_writes_json_and_an_offline_html_page(fork, wargame, tmp_path):
    import json

    data = json.loads(wargame("compare", DEMO, fork, "--format", "json").out)
    assert data["diverged"]["turn"] == 3 and data["relation"] == "B is a fork of A from turn 3"
    assert data["a"]["played_by"]["dravnia"] == "hawk" and data["b"]["played_by"]["dravnia"] == "dove"
    assert wargame("compare", DEMO, fork, "-o", "c.html").out == "wrote c.html (html)\n"
    page = (tmp_path / "c.html").read_text()
    assert page.startswith("<!doctype html>") and "Where they diverged" in page
    assert "http://" not in page and "https://" not in page  # projected in rooms without a network


def test_a_game_compared_with_itself_does_not_diverge(wargame):
    done = wargame("compare", DEMO, DEMO)
    assert done.code == 0 and "They do not differ in any turn both played." in done.out


def test_compare_refuses_games_of_different_campaigns_and_unreadable_saves_naming_the_file(wargame, tmp_path):
    other = ROOT / "saves" / "tutorial-demo.toml"
    done = wargame("compare", DEMO, other)
    assert done.code == 1 and done.err.startswith(f"{other}: error: plays another campaign (tutorial.toml")
    assert "compare needs two games of the same campaign" in done.err
    (tmp_path / "broken.toml").write_text("not = [toml")
    done = wargame("compare", DEMO, "broken.toml")
    assert done.code == 1 and done.err.startswith("broken.toml:1:") and "Traceback" not in done.err


def test_simulate_from_a_turn_says_where_the_actual_outcome_falls_and_is_the_same_with_one_or_two_jobs(wargame):
    one = wargame("simulate", "--from", DEMO, "--turn", "3", "--runs", "26", "--json", "--jobs", "1")
    two = wargame("simulate", "--from", DEMO, "--turn", "3", "--runs", "26", "--json", "--jobs", "2")
    assert one.code == 0 and one.out == two.out, str(one)  # 26 runs: two chunks, one in each worker
    text = wargame("simulate", "--from", DEMO, "--turn", "3", "--runs", "10").out
    assert text.startswith(f"10 continuations of {DEMO} from turn 3")
    assert "In this game the ending was “turn limit”; from turn 3, " in text
    assert "In this game Valdia–Dravnia reached Coercive blockade; from turn 3, " in text


def test_simulate_from_with_a_change_plays_the_same_seeds_twice_and_states_the_change(wargame):
    import json

    args = ("simulate", "--from", DEMO, "--turn", "3", "--runs", "12", "--bot", "dravnia=dove")
    plain = json.loads(wargame(*args, "--json").out)
    done = wargame(*args, "--set", "channels.*.reliability=0")
    assert done.code == 0, str(done)
    assert "Changed in a second set of 12, with the same seeds: channels.*.reliability=0" in done.out
    assert "; with channels.*.reliability=0: " in done.out
    both = json.loads(wargame(*args, "--set", "channels.*.reliability=0", "--json").out)
    assert both["baseline"] == plain["baseline"] and both["changed"] != both["baseline"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--from", DEMO), 2, "wargame simulate: --from SAVE goes with --turn N"),
        (("--from", DEMO, "--turn", "10"), 1, f"{DEMO}: error: has turns 1 to 9; --turn must be one of them"),
        (("--from", DEMO, "--turn", "3", "--bot", "dravnia=owl"), 2, 'unknown persona "owl"'),
        (("--from", DEMO, "--turn", "3", "--set", "channels.*.nothing=1"), 1, "nothing"),
        (("--from", DEMO, "--turn", "3", "--ablate", "channels"), 2, "--vary, --ablate, --scheduler, --format and -o are for a CAMPAIGN's study"),
    ],
)
def test_simulate_from_refuses_bad_flags_with_a_message(wargame, args, code, message):
    done = wargame("simulate", *args, "--runs", "5")
    assert done.code == code and message in done.err and "Traceback" not in done.err, str(done)
