"""`wargame simulate` as a study tool: the balance report in md, html and json (to stdout or -o), the
persona matrix, one row per game in a CSV, and any game of the run re-created as a save that replays."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

TUTORIAL = "campaigns/tutorial.toml"


def simulate(*args, cwd=None):
    done = subprocess.run(
        [sys.executable, "-m", "wargame", "simulate", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
    )
    return done.returncode, done.stdout, done.stderr


def test_the_json_balance_report_has_intervals_warnings_and_is_what_json_prints():
    code, out, err = simulate(TUTORIAL, "--runs", "30", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert simulate(TUTORIAL, "--runs", "30", "--json")[1] == out  # --json is the same report
    blue = result["teams"][0]
    lo, hi = blue["points_interval"]
    assert lo <= blue["mean_points"] <= hi and blue["sd_points"] >= 0 and 0 <= blue["refusal_rate"] <= 1
    assert all(len(o["met_interval"]) == 2 for o in blue["objectives"])
    assert {m["id"] for m in blue["moves"]} and result["dyads"][0]["mean_rung_by_turn"]
    assert {"channels", "proposals", "incidents", "warnings", "outliers", "ending_intervals"} <= result.keys()
    documented = (Path(__file__).resolve().parents[2] / "docs" / "simulate-json.md").read_text(encoding="utf-8")
    for key in [*result, *blue, *blue["moves"][0], *result["dyads"][0], *result["channels"][0]]:
        assert f"`{key}`" in documented or f"`{key}[]`" in documented, key
    # Every game of the tutorial's default bots runs to the turn limit: the report says so.
    assert any(w["kind"] == "turn_limit_only" for w in result["warnings"])


@pytest.mark.parametrize(
    "args, name, starts",
    [
        (("--format", "md"), None, "# Balance report: Storm over the Calder Strait"),
        (("-o", "{dir}/report.md"), "report.md", "# Balance report"),
        (("-o", "{dir}/report.html"), "report.html", "<!doctype html>"),
        (("--format", "html"), None, "<!doctype html>"),
    ],
)
def test_the_balance_report_is_written_in_the_format_asked_or_named_by_the_file(tmp_path, args, name, starts):
    args = [a.format(dir=tmp_path) for a in args]
    code, out, err = simulate(TUTORIAL, "--runs", "10", *args)
    assert code == 0, err
    text = (tmp_path / name).read_text(encoding="utf-8") if name else out
    assert text.startswith(starts)
    if name:
        assert out == f"wrote {tmp_path / name} ({name.split('.')[1]})\n"
    if "html" in starts:
        assert "<svg" in text and "<script" not in text and "http" not in text.replace("http://www.w3.org", "")
    else:
        assert "## What to look at" in text and "## Escalation by dyad" in text and "| team | mean points | sd |" in text


def test_the_text_summary_ends_with_what_to_look_at():
    code, out, _ = simulate(TUTORIAL, "--runs", "10")
    assert code == 0 and "How games end:" in out and "\n\nWhat to look at:\n  - " in out
    assert "\n  - All 10 games were decided by the turn limit: none ended by terminal, de-escalation or settlement." in out


@pytest.mark.parametrize(
    "args, message",
    [
        (("--format", "md", "-o", "r.html"), "--format md does not match -o r.html"),
        (("-o", "report.txt"), "wargame simulate: cannot tell the format from -o report.txt"),
        (("--json", "--format", "md"), "--json asks for JSON and --format asks for md"),
        (("--personas", "hawk,zealot"), 'unknown persona "zealot"'),
        (("--sample", "3"), "--sample chooses among --personas assignments"),
        (("--personas", "hawk,dove", "--sample", "0"), "--sample must be at least 1"),
        (("--save-game", "10", "out"), "--save-game 10: give a game number from 0 to 9"),
        (("--save-game", "x", "out"), "--save-game x: give a game number from 0 to 9"),
        (("--personas", "hawk,dove", "--games", "g.csv"), "--games writes the games of one set of bots"),
    ],
)
def test_flags_that_cannot_work_together_are_usage_errors(tmp_path, args, message):
    code, out, err = simulate(str(Path.cwd() / TUTORIAL), "--runs", "10", *args, cwd=tmp_path)
    assert (code, out) == (2, "") and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_persona_matrix_plays_every_assignment_with_the_same_seeds():
    code, out, err = simulate(TUTORIAL, "--runs", "4", "--personas", "hawk,dove", "--format", "json", "--jobs", "2")
    assert code == 0, err
    matrix = json.loads(out)
    cells = [tuple(c["personas"][t] for t in ("blue", "red", "green")) for c in matrix["cells"]]
    assert cells == [(a, b, c) for a in ("hawk", "dove") for b in ("hawk", "dove") for c in ("hawk", "dove")]
    # A cell is the plain run with those bots: the same seeds give the same figures.
    plain = json.loads(simulate(TUTORIAL, "--runs", "4", "--json", "--bot", "blue=dove", "--bot", "red=hawk", "--bot", "green=dove")[1])
    cell = matrix["cells"][cells.index(("dove", "hawk", "dove"))]
    assert cell["endings"] == plain["endings"] and cell["mean_points"] == {t["id"]: t["mean_points"] for t in plain["teams"]}
    code, out, _ = simulate(TUTORIAL, "--runs", "2", "--personas", "hawk,dove,deterrent,doctrine")
    assert code == 0 and "64 of 64 assignments" in out and out.count("\n| ") == 65  # a header and 64 rows


def test_a_sample_of_the_assignments_is_drawn_by_the_seed_and_the_same_each_time():
    args = (TUTORIAL, "--runs", "2", "--personas", "hawk,dove,deterrent,doctrine", "--sample", "5", "--format", "json")
    first, again = json.loads(simulate(*args)[1]), json.loads(simulate(*args)[1])
    assert len(first["cells"]) == 5 and first == again and first["assignments_possible"] == 64
    other = json.loads(simulate(*args, "--seed", "2")[1])
    assert [c["personas"] for c in other["cells"]] != [c["personas"] for c in first["cells"]]


def test_the_games_csv_has_a_row_per_game_that_adds_up_to_the_report(tmp_path):
    code, out, err = simulate(TUTORIAL, "--runs", "12", "--jobs", "2", "--games", str(tmp_path / "games.csv"), "--json")
    assert code == 0 and f"wrote {tmp_path / 'games.csv'} (12 games)" in err
    rows = list(csv.DictReader((tmp_path / "games.csv").open(encoding="utf-8")))
    result = json.loads(out)
    assert [int(r["game"]) for r in rows] == list(range(12))
    assert set(rows[0]) >= {"seed", "ending", "turns", "peak_rung", "firebreak_crossed", "terminal", "points_blue", "points_red"}
    assert sum(int(r["points_blue"]) for r in rows) / 12 == pytest.approx(result["teams"][0]["mean_points"], abs=1e-3)
    assert sum(r["firebreak_crossed"] == "yes" for r in rows) / 12 == pytest.approx(result["firebreak_crossed"], abs=1e-4)


def test_save_game_recreates_the_simulated_game_as_a_save_that_replays(tmp_path):
    code, _, err = simulate(TUTORIAL, "--runs", "12", "--bot", "red=hawk", "--games", str(tmp_path / "games.csv"))
    assert code == 0, err
    row = list(csv.DictReader((tmp_path / "games.csv").open(encoding="utf-8")))[9]
    code, out, err = simulate(TUTORIAL, "--runs", "12", "--bot", "red=hawk", "--save-game", "9", str(tmp_path / "games"))
    assert code == 0, err
    save = tmp_path / "games" / "tutorial-game-9.toml"
    assert out.startswith(f"wrote {save}: game 9 (seed {row['seed']}), {row['ending'].replace('_', ' ')} after {row['turns']} turns")
    assert f"wargame replay {save}" in out
    verified = subprocess.run(
        [sys.executable, "-m", "wargame", "replay", str(save), "--verify"], capture_output=True, text=True, timeout=60,
    )
    assert verified.returncode == 0 and f"ok — {row['turns']} turns re-adjudicated and identical" in verified.stdout
    report = subprocess.run(
        [sys.executable, "-m", "wargame", "report", str(save), "--format", "json"], capture_output=True, text=True, timeout=60,
    )
    scores = json.loads(report.stdout)["scores"]
    assert {team: str(points) for team, points in scores.items()} == {t: row[f"points_{t}"] for t in ("blue", "red", "green")}
    code, out, err = simulate(TUTORIAL, "--runs", "12", "--save-game", "9", str(tmp_path / "games"))
    assert (code, out) == (1, "") and err == f"{save}: error: already exists; choose another folder, or move that save away first\n"
