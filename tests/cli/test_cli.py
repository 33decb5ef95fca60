"""The command line contract (DESIGN.md, "Command line"): exit codes, where output goes, error format.

Every test runs `python -m wargame` in a subprocess, as a user or a script would.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
BAD = ROOT / "tests" / "data" / "bad_campaigns"
BAD_FILES = sorted(p for p in BAD.iterdir() if p.is_file())

PLACED = re.compile(r"^(?P<file>.+?)(?::\d+:\d+)?: error: at (?P<at>\S+): (?P<message>.+)$")
POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")
UNPLACED = re.compile(r"^(?P<file>.+?): error: (?P<message>.+)$")


def expected_message(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0]
    return first.removeprefix(b"# expect: ").decode("utf-8").strip()


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.both, str(result)


def report_json(wargame, save: Path, *extra: str) -> dict:
    result = wargame("report", save, "--format", "json", *extra)
    assert result.code == 0, str(result)
    return json.loads(result.out)


ORDERS = """\
[[turns]]
turn = 1

[[turns.orders]]
team = "blue"
moves = [{move = "demarche", target = "red"}, {move = "patrol", target = "red"}]
messages = [{channel = "hotline", text = "We seek no quarrel over the shoals."}]

[[turns.interventions]]
kind = "override"
reason = "White cell: the protest is drowned out by the fishing news"
team = "blue"
order = 0
outcome = "failure"

[[turns]]
turn = 2

[[turns.orders]]
team = "blue"
moves = [{move = "mobilise"}]
"""


# --- validate ------------------------------------------------------------------------------


def test_validate_accepts_the_tutorial_and_names_it_on_stdout(wargame):
    result = wargame("validate", TUTORIAL)
    assert result.code == 0, str(result)
    assert str(TUTORIAL) in result.out
    assert "Storm over the Calder Strait" in result.out
    assert result.err == ""


def test_validate_json_gives_a_summary_of_each_valid_file(wargame):
    result = wargame("validate", "--json", TUTORIAL)
    assert result.code == 0, str(result)
    entries = json.loads(result.out)
    assert isinstance(entries, list) and len(entries) == 1
    entry = entries[0]
    assert entry["path"] == str(TUTORIAL)
    assert entry["ok"] is True
    assert entry["errors"] == []
    summary = entry["summary"]
    assert summary["title"] == "Storm over the Calder Strait"
    assert summary == {
        "title": "Storm over the Calder Strait",
        "teams": 3,
        "moves": 26,
        "rungs": 10,
        "channels": 3,
        "treaties": 1,
        "injects": 5,
        "turns": 5,
    }


def test_validate_reports_every_problem_with_file_and_place(wargame):
    files = [BAD / n for n in ("syntax_error.toml", "unknown_key.toml", "float_for_int.toml", "treaty_unknown_team.toml")]
    result = wargame("validate", *files)
    assert result.code == 1, str(result)
    assert result.out == ""
    assert_no_traceback(result)
    lines = result.err.splitlines()
    for line in lines:
        assert POSITIONED.match(line) or PLACED.match(line), f"badly formed error line: {line!r}"
    syntax = [m for m in map(POSITIONED.match, lines) if m and not PLACED.match(m.string)]
    assert [m["file"] for m in syntax] == [str(BAD / "syntax_error.toml")]
    assert (syntax[0]["line"], syntax[0]["col"]) == ("4", "9")
    placed = {(m["file"], m["at"]) for m in map(PLACED.match, lines) if m}
    assert (str(BAD / "unknown_key.toml"), "teams[1].colour") in placed
    assert (str(BAD / "float_for_int.toml"), "turns") in placed
    assert (str(BAD / "treaty_unknown_team.toml"), "treaties[0].members[1]") in placed


def test_validate_finds_what_each_bad_fixture_promises_in_a_single_run(wargame):
    result = wargame("validate", *BAD_FILES)
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    for path in BAD_FILES:
        mine = [line for line in result.err.splitlines() if line.startswith(f"{path}:")]
        assert mine, f"nothing reported for {path.name}"
        assert any(expected_message(path) in f"{line}" for line in mine), f"{path.name}: {mine}"


def test_validate_json_gives_line_and_col_for_syntax_errors_and_at_for_structural_ones(wargame):
    syntax, unknown = BAD / "syntax_error.toml", BAD / "unknown_key.toml"
    result = wargame("validate", "--json", syntax, TUTORIAL, unknown)
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    entries = json.loads(result.out)
    assert [e["path"] for e in entries] == [str(syntax), str(TUTORIAL), str(unknown)]
    assert [e["ok"] for e in entries] == [False, True, False]
    [error] = entries[0]["errors"]
    assert (error["line"], error["col"]) == (4, 9)
    assert error["message"] and error["severity"] == "error"
    assert entries[0]["summary"] is None
    [colour] = [e for e in entries[2]["errors"] if e.get("at") == "teams[1].colour"]
    assert unknown.read_text().split("\n")[colour["line"] - 1].startswith("colour")


def test_validate_refuses_a_folder_an_empty_file_and_a_binary_file_without_a_traceback(wargame, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    binary = tmp_path / "image.toml"
    binary.write_bytes(bytes(range(256)) * 4)
    for path, words in ((folder, "folder"), (empty, "empty"), (binary, "binary")):
        result = wargame("validate", path)
        assert result.code == 1, str(result)
        assert_no_traceback(result)
        [line] = result.err.splitlines()
        assert line.startswith(f"{path}: error: ") and words in line, line


def test_validate_of_a_missing_file_exits_1_naming_it(wargame):
    result = wargame("validate", "nosuch.toml")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert result.err.startswith("nosuch.toml: error: ")


def test_validate_goes_on_past_a_bad_file_and_still_checks_the_good_one(wargame):
    result = wargame("validate", "nosuch.toml", TUTORIAL)
    assert result.code == 1, str(result)
    assert str(TUTORIAL) in result.out and "ok" in result.out


# --- usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["validate", "--bogus", str(TUTORIAL)], id="unknown-flag"),
        pytest.param(["validate"], id="validate-without-a-file"),
        pytest.param(["run", str(TUTORIAL)], id="run-without-save"),
        pytest.param(["run", str(TUTORIAL), "--bot", "berserk", "--save", "x.toml"], id="unknown-persona"),
        pytest.param(["run", str(TUTORIAL), "--bot", "purple=hawk", "--save", "x.toml"], id="unknown-bot-team"),
        pytest.param(["run", str(TUTORIAL), "--bot", "red=berserk", "--save", "x.toml"], id="unknown-team-persona"),
        pytest.param(["run", str(TUTORIAL), "--seed", "abc", "--save", "x.toml"], id="seed-not-a-number"),
        pytest.param(["report", "x.toml", "--format", "pdf"], id="unknown-report-format"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_never_a_traceback(wargame, tmp_path, args):
    result = wargame(*args)
    assert result.code == 2, str(result)
    assert_no_traceback(result)
    assert result.err.strip(), "a usage error must say what is wrong"
    assert not (tmp_path / "x.toml").exists(), "a usage error must not start a game"


def test_an_unknown_persona_or_team_is_named_in_the_usage_error(wargame):
    persona = wargame("run", TUTORIAL, "--bot", "berserk", "--save", "x.toml")
    assert "berserk" in persona.err
    team = wargame("run", TUTORIAL, "--bot", "purple=hawk", "--save", "x.toml")
    assert "purple" in team.err


def test_wargame_without_a_command_exits_2(wargame):
    result = wargame()
    assert result.code == 2, str(result)
    assert_no_traceback(result)
    assert "usage" in result.both.lower()


def test_version_prints_the_version(wargame):
    from wargame import __version__

    result = wargame("--version")
    assert result.code == 0, str(result)
    assert __version__ in result.out


# --- run -----------------------------------------------------------------------------------


def test_run_with_random_bots_plays_the_whole_game_and_writes_the_save(played):
    assert played.is_file()
    data = tomllib.loads(played.read_text(encoding="utf-8"))
    assert data["seed"] == 7
    assert [t["number"] for t in data["turns"]] == [1, 2, 3, 4, 5]


def test_replay_verify_of_a_played_game_exits_0(wargame, played):
    result = wargame("replay", played, "--verify")
    assert result.code == 0, str(result)
    assert "ok" in result.out and "seed 7" in result.out


def test_the_same_seed_gives_a_byte_identical_report_and_another_seed_a_different_one(wargame, played, tmp_path):
    again, other = tmp_path / "again.toml", tmp_path / "other.toml"
    assert wargame("run", TUTORIAL, "--bot", "random", "--seed", "7", "--save", again).code == 0
    assert wargame("run", TUTORIAL, "--bot", "random", "--seed", "8", "--save", other).code == 0
    first = wargame("report", played, "--format", "json")
    second = wargame("report", again, "--format", "json")
    third = wargame("report", other, "--format", "json")
    assert first.code == second.code == third.code == 0
    assert first.out == second.out
    assert json.loads(first.out)["turns"] != json.loads(third.out)["turns"]


def test_run_with_turns_2_stops_after_two_turns(wargame, tmp_path):
    save = tmp_path / "short.toml"
    result = wargame("run", TUTORIAL, "--bot", "random", "--seed", "7", "--turns", "2", "--save", save)
    assert result.code == 0, str(result)
    assert re.findall(r"^turn (\d+):", result.out, re.M) == ["1", "2"]
    report = report_json(wargame, save)
    assert report["turns_played"] == 2
    assert [t["turn"] for t in report["turns"]] == [1, 2]
    assert wargame("replay", save, "--verify").code == 0


def test_run_with_a_persona_for_one_team_plays_that_team_with_it(wargame, tmp_path):
    save = tmp_path / "hawk.toml"
    result = wargame("run", TUTORIAL, "--bot", "red=hawk", "--bot", "blue=dove", "--seed", "3", "--turns", "1", "--save", save)
    assert result.code == 0, str(result)
    played_by = {t["id"]: t["played_by"] for t in report_json(wargame, save)["teams"]}
    assert played_by["red"] == "hawk"
    assert played_by["blue"] == "dove"


@pytest.mark.parametrize("turns", ["0", "6", "-1"])
def test_run_refuses_a_number_of_turns_outside_the_campaign(wargame, tmp_path, turns):
    result = wargame("run", TUTORIAL, "--turns", turns, "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert "--turns" in result.err


def test_run_of_an_invalid_campaign_exits_1_with_its_problems(wargame, tmp_path):
    result = wargame("run", BAD / "unknown_key.toml", "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert "at teams[1].colour" in result.err
    assert not (tmp_path / "x.toml").exists()


def test_run_refuses_to_save_over_a_folder_without_a_traceback(wargame, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "keep.txt").write_text("precious")
    result = wargame("run", TUTORIAL, "--seed", "1", "--save", folder)
    assert_no_traceback(result)
    assert result.code == 1, str(result)
    assert (folder / "keep.txt").read_text() == "precious"


# --- run --orders ----------------------------------------------------------------------------


def test_run_with_an_orders_file_plays_the_scripted_moves_and_records_the_override(wargame, tmp_path):
    orders = tmp_path / "orders.toml"
    orders.write_text(ORDERS, encoding="utf-8")
    save = tmp_path / "scripted.toml"
    result = wargame("run", TUTORIAL, "--orders", orders, "--bot", "random", "--seed", "3", "--save", save)
    assert result.code == 0, str(result)
    report = report_json(wargame, save)
    turn1, turn2 = report["turns"][0], report["turns"][1]
    [blue1] = [o for o in turn1["orders"] if o["team"] == "blue"]
    assert blue1["moves"] == [{"move": "demarche", "target": "red", "dyad_with": None, "rationale": ""}, {"move": "patrol", "target": "red", "dyad_with": None, "rationale": ""}]
    assert blue1["messages"][0]["text"] == "We seek no quarrel over the shoals."
    [blue2] = [o for o in turn2["orders"] if o["team"] == "blue"]
    assert [m["move"] for m in blue2["moves"]] == ["mobilise"]
    reasons = [i["reason"] for i in turn1["interventions"]]
    assert "White cell: the protest is drowned out by the fishing news" in reasons
    demarche = [e for e in turn1["events"] if e["kind"] == "move_resolved" and e.get("team") == "blue" and e.get("move") == "demarche"]
    assert demarche and all(e["success"] is False for e in demarche), "the override forces the démarche to fail"
    md = wargame("report", save, "--format", "md")
    assert "White cell: the protest is drowned out by the fishing news" in md.out
    assert wargame("replay", save, "--verify").code == 0


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param('[[turns]]\nturn = 1\n\n[[turns.orders]]\nteam = "purple"\n', "turns[0].orders[0].team", id="unknown-team"),
        pytest.param('[[turns]]\nturn = "one"\n', "turns[0].turn", id="string-for-number"),
        pytest.param(
            '[[turns]]\nturn = 1\n\n[[turns.interventions]]\nkind = "smite"\nreason = "x"\n',
            "turns[0].interventions[0].kind",
            id="unknown-intervention",
        ),
        pytest.param(
            '[[turns]]\nturn = 1\n\n[[turns.orders]]\nteam = "blue"\n\n[[turns.orders.declarations]]\nline = "no_such_line"\n',
            "turns[0].orders[0].declarations[0].line",
            id="unknown-red-line",
        ),
        pytest.param(
            '[[turns]]\nturn = 1\n\n[[turns.orders]]\nteam = "blue"\n\n[[turns.orders.declarations]]\nline = 3\n',
            "turns[0].orders[0].declarations[0].line",
            id="red-line-not-a-string",
        ),
    ],
)
def test_a_bad_orders_file_exits_1_naming_the_file_and_the_place(wargame, tmp_path, text, place):
    orders = tmp_path / "orders.toml"
    orders.write_text(text, encoding="utf-8")
    save = tmp_path / "x.toml"
    result = wargame("run", TUTORIAL, "--orders", orders, "--seed", "1", "--save", save)
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert f"{orders}: error: at {place}: " in result.err
    assert not save.exists(), "a bad orders file is refused before the game starts"


def test_an_orders_file_with_a_syntax_error_gives_line_and_column(wargame, tmp_path):
    orders = tmp_path / "orders.toml"
    orders.write_text("[[turns]]\nturn = 1\nteam = \n", encoding="utf-8")
    result = wargame("run", TUTORIAL, "--orders", orders, "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1, str(result)
    assert re.match(rf"^{re.escape(str(orders))}:3:\d+: error: ", result.err), str(result)


def test_an_override_of_a_move_that_does_not_exist_exits_1_naming_the_turn(wargame, tmp_path):
    orders = tmp_path / "orders.toml"
    orders.write_text(
        '[[turns]]\nturn = 1\n\n[[turns.interventions]]\nkind = "override"\nreason = "x"\n'
        'team = "blue"\norder = 7\noutcome = "success"\n',
        encoding="utf-8",
    )
    result = wargame("run", TUTORIAL, "--orders", orders, "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert f"{orders}: error: at turns[0]: " in result.err


def test_a_missing_orders_file_exits_1(wargame, tmp_path):
    result = wargame("run", TUTORIAL, "--orders", "nosuch.toml", "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert result.err.startswith("nosuch.toml: error: ")


# --- replay ----------------------------------------------------------------------------------


def test_replay_verify_of_a_tampered_save_exits_1_about_the_checksum(wargame, own_save):
    text = own_save.read_text(encoding="utf-8")
    assert "\nseed = 7\n" in text
    own_save.write_text(text.replace("\nseed = 7\n", "\nseed = 8\n"), encoding="utf-8")
    result = wargame("replay", own_save, "--verify")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert result.err.startswith(f"{own_save}: error: ")
    assert "checksum" in result.err


def test_replay_verify_catches_a_forged_roll_even_with_a_recomputed_checksum(wargame, own_save):
    from wargame.persistence.saves import checksum

    data = tomllib.loads(own_save.read_text(encoding="utf-8"))
    data.pop("checksum")
    event = next(e for e in data["turns"][0]["events"] if e["kind"] == "move_resolved" and "roll" in e)
    event["roll"] = 0.0 if event["roll"] > 0.5 else 0.999
    event["success"] = not event["success"]
    data["checksum"] = checksum(data)
    own_save.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    result = wargame("replay", own_save, "--verify")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert "does not reproduce: turn 1: " in result.err


@pytest.mark.parametrize("keep", [0.4, 0.99])
def test_replay_verify_of_a_truncated_save_exits_1(wargame, own_save, keep):
    data = own_save.read_bytes()
    own_save.write_bytes(data[: int(len(data) * keep)])
    result = wargame("replay", own_save, "--verify")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert str(own_save) in result.err


def test_replay_verify_of_a_save_cut_at_a_line_end_blames_the_checksum(wargame, own_save):
    lines = own_save.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = max(i for i, line in enumerate(lines) if line.startswith("[[turns]]"))
    own_save.write_text("".join(lines[:cut]), encoding="utf-8")
    result = wargame("replay", own_save, "--verify")
    assert result.code == 1, str(result)
    assert "checksum" in result.err


def test_replay_of_a_campaign_file_says_it_is_not_a_save(wargame):
    result = wargame("replay", TUTORIAL, "--verify")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert "not a wargame save" in result.err


def test_replay_of_a_missing_file_or_a_folder_exits_1(wargame, tmp_path):
    for path in (tmp_path / "nosuch.toml", tmp_path):
        result = wargame("replay", path)
        assert result.code == 1, str(result)
        assert_no_traceback(result)


def test_replay_of_one_turn_for_one_team_prints_only_that_turn(wargame, played):
    result = wargame("replay", played, "--turn", "2", "--team", "blue")
    assert result.code == 0, str(result)
    headers = re.findall(r"^== Turn (\d+) ==$", result.out, re.M)
    assert headers == ["2"]
    assert len(result.out.splitlines()) > 1


def test_replay_for_a_team_shows_less_than_the_facilitator_sees(wargame, played):
    facilitator = wargame("replay", played, "--turn", "1")
    blue = wargame("replay", played, "--turn", "1", "--team", "blue")
    assert facilitator.code == blue.code == 0
    # Each team line is the white cell's line of the same event, written from blue's side: the same
    # opening words (the white cell's adds who saw it, and names secret causes; where the campaign
    # keeps beliefs, another team's track reads "rose" where the white cell's reads its values).
    def opening(line: str) -> str:
        return re.split(r": | rose | fell ", line)[0][:40]

    openings = {opening(line) for line in facilitator.out.splitlines()}
    assert all(opening(line) in openings for line in blue.out.splitlines())
    assert len(blue.out.splitlines()) < len(facilitator.out.splitlines())


def test_replay_for_an_unknown_team_exits_1_naming_it(wargame, played):
    result = wargame("replay", played, "--team", "nosuch")
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert '"nosuch"' in result.err


def test_replay_of_a_turn_that_was_not_played_exits_1(wargame, played):
    result = wargame("replay", played, "--turn", "9")
    assert result.code == 1, str(result)
    assert "no turn 9" in result.err


# --- report ----------------------------------------------------------------------------------


def test_report_in_markdown_starts_with_its_title(wargame, played):
    result = wargame("report", played, "--format", "md")
    assert result.code == 0, str(result)
    assert result.out.splitlines()[0].startswith("# After-action report")
    assert "Storm over the Calder Strait" in result.out.splitlines()[0]


def test_report_for_a_team_holds_no_event_hidden_from_it(wargame, played):
    everything = report_json(wargame, played)
    blue = report_json(wargame, played, "--team", "blue")
    assert blue["viewer"] == "blue"

    def hidden_from_blue(report):
        return [
            e for t in report["turns"] for e in t["events"]
            if e.get("public", True) is False and "blue" not in e.get("audience", [])
        ]

    assert hidden_from_blue(everything), "the facilitator's report should hold something blue may not see"
    assert hidden_from_blue(blue) == []
    assert all(o["team"] == "blue" for t in blue["turns"] for o in t["orders"])
    assert all("interventions" not in t for t in blue["turns"])


def test_report_for_an_unknown_team_exits_1(wargame, played):
    result = wargame("report", played, "--team", "nosuch")
    assert result.code == 1, str(result)
    assert_no_traceback(result)


def test_report_with_output_writes_the_file_and_not_the_report_on_stdout(wargame, played, tmp_path):
    out = tmp_path / "aar.md"
    result = wargame("report", played, "-o", out)
    assert result.code == 0, str(result)
    assert out.read_text(encoding="utf-8").startswith("# After-action report")
    assert "# After-action report" not in result.out
    as_json = tmp_path / "aar.json"
    assert wargame("report", played, "--format", "json", "--output", as_json).code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["seed"] == 7


def test_report_to_a_folder_exits_1_without_a_traceback(wargame, played, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = wargame("report", played, "-o", folder)
    assert result.code == 1, str(result)
    assert_no_traceback(result)
    assert folder.is_dir()


def test_run_refuses_to_overwrite_an_existing_save_unless_forced(wargame, tmp_path):
    save = tmp_path / "x.toml"
    first = wargame("run", TUTORIAL, "--seed", "1", "--save", save)
    assert first.code == 0, str(first)
    before = save.read_bytes()
    again = wargame("run", TUTORIAL, "--seed", "2", "--save", save)
    assert again.code == 1 and "already exists" in again.err and "--force" in again.err
    assert save.read_bytes() == before
    forced = wargame("run", TUTORIAL, "--seed", "2", "--save", save, "--force")
    assert forced.code == 0 and save.read_bytes() != before


def test_an_orders_file_naming_an_unknown_move_or_a_turn_past_the_end_is_refused(wargame, tmp_path):
    orders = tmp_path / "orders.toml"
    orders.write_text(
        '[[turns]]\nturn = 1\n[[turns.orders]]\nteam = "blue"\nmoves = [{ move = "teleport" }]\n'
        "[[turns]]\nturn = 9\n",
        encoding="utf-8",
    )
    result = wargame("run", TUTORIAL, "--orders", orders, "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 1
    assert f"{orders}: error: at turns[0].orders[0].moves[0].move: no move \"teleport\"" in result.err
    assert "at turns[1].turn: this game has turns 1 to 5" in result.err
    assert not (tmp_path / "x.toml").exists()


def test_the_orders_example_in_the_readme_runs(wargame, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    orders = tmp_path / "orders.toml"
    orders.write_text(example, encoding="utf-8")
    result = wargame("run", TUTORIAL, "--orders", orders, "--seed", "1", "--save", tmp_path / "x.toml")
    assert result.code == 0, str(result)
    report = report_json(wargame, tmp_path / "x.toml")
    assert report["turns"][0]["interventions"][0]["reason"].startswith("The white cell")


def test_join_checks_its_cafile_before_connecting(wargame, tmp_path):
    plain = wargame("join", "ws://127.0.0.1:9", "--observer", "--cafile", tmp_path / "ca.pem")
    assert plain.code == 2 and "--cafile is for a wss:// address" in plain.err
    (tmp_path / "ca.pem").write_text("not a certificate")
    bad = wargame("join", "wss://127.0.0.1:9", "--observer", "--cafile", tmp_path / "ca.pem")
    assert bad.code == 1 and "ca.pem: error: cannot use as a certificate" in bad.err
    assert_no_traceback(bad)


def test_a_usage_error_points_to_the_help_of_the_command_that_was_mistyped(wargame):
    result = wargame("play", "--seed", "abc")
    assert result.code == 2, str(result)
    assert "Try 'wargame play --help'." in result.err
    assert "Traceback" not in result.both


def test_the_top_level_help_tells_a_newcomer_where_to_start(wargame):
    result = wargame("--help")
    assert result.code == 0, str(result)
    assert "Start with: wargame play" in result.out


def test_every_seed_flag_says_what_the_seed_does(wargame):
    for command in ("play", "run", "host"):
        result = wargame(command, "--help")
        assert "the same seed and orders give the same game" in " ".join(result.out.split()), command
