"""`wargame report`, `replay` and `play --resume` as a facilitator uses them: the format follows the
file name, a forged save is refused (or, when asked, reported with a warning at the top), and a save
made by another version of wargame says so."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from wargame import __version__
from wargame.persistence.saves import checksum


def rewrite(source: Path, target: Path, edit) -> Path:
    """Change a save's data and recompute its checksum, as anyone who edits a save can."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    data.pop("checksum")
    edit(data)
    data["checksum"] = checksum(data)
    target.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return target


def forge_a_track(data: dict) -> None:
    """Turn 2's first track change says the track went somewhere it did not."""
    event = next(e for e in data["turns"][1]["events"] if e["kind"] == "track_changed")
    event["new"] = 0.01 if event["new"] > 0.5 else 0.99


def made_by_0_1_0(data: dict) -> None:
    data["engine_version"] = "0.1.0"


@pytest.fixture
def forged(played: Path, tmp_path: Path) -> Path:
    return rewrite(played, tmp_path / "forged.toml", forge_a_track)


# --- the format follows the file name ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt, starts",
    [
        ("aar.html", "html", "<!doctype html>"),
        ("aar.htm", "html", "<!doctype html>"),
        ("AAR.HTML", "html", "<!doctype html>"),
        ("aar.md", "md", "# After-action report"),
        ("aar.markdown", "md", "# After-action report"),
        ("aar.json", "json", "{"),
        ("turns.csv", "csv", "turn,crisis,crisis_level,"),
    ],
)
def test_report_without_format_writes_the_format_the_output_files_extension_names(wargame, played, tmp_path, name, fmt, starts):
    result = wargame("report", played, "-o", name)
    assert result.code == 0, str(result)
    assert result.out == f"wrote {name} ({fmt})\n"
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith(starts)
    if fmt == "json":
        assert json.loads(text)["format_version"] == 1


@pytest.mark.parametrize(
    "args, name, message",
    [
        (["-o", "r.pdf"], "r.pdf", "wargame report: cannot tell the format from -o r.pdf (“.pdf” is not a report format); name the file .md, .html, .json or .csv, or give --format md, html, json or csv"),
        (["-o", "aar"], "aar", "wargame report: cannot tell the format from -o aar (it has no extension); name the file .md, .html, .json or .csv, or give --format md, html, json or csv"),
        (["--format", "md", "-o", "x.html"], "x.html", "wargame report: --format md does not match -o x.html, which names an HTML file; leave out --format (the extension decides), or name the file .md"),
        (["--format", "json", "-o", "x.md"], "x.md", "wargame report: --format json does not match -o x.md, which names a Markdown file; leave out --format (the extension decides), or name the file .json"),
        (["--format", "html", "-o", "x.JSON"], "x.JSON", "wargame report: --format html does not match -o x.JSON, which names a JSON file; leave out --format (the extension decides), or name the file .html"),
    ],
    ids=["unknown-extension", "no-extension", "md-into-html", "json-into-md", "html-into-json"],
)
def test_report_refuses_an_unknown_extension_or_a_format_the_extension_contradicts_and_writes_nothing(wargame, played, tmp_path, args, name, message):
    result = wargame("report", played, *args)
    assert result.code == 2, str(result)
    assert message in result.err
    assert result.out == "" and "Traceback" not in result.err
    assert not (tmp_path / name).exists()


def test_report_with_an_explicit_format_may_write_a_file_whose_extension_names_no_format(wargame, played, tmp_path):
    result = wargame("report", played, "--format", "md", "-o", "notes.txt")
    assert result.code == 0, str(result)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").startswith("# After-action report")


# --- a save that does not reproduce ----------------------------------------------------------


def test_report_of_a_forged_save_exits_1_naming_the_first_difference_and_writes_nothing(wargame, forged, tmp_path):
    result = wargame("report", forged, "-o", "aar.html")
    assert result.code == 1, str(result)
    lines = result.err.splitlines()
    assert lines[0].startswith(f"{forged}: error: does not reproduce: turn 2: ")
    assert "recorded 0." in lines[0] and ", re-adjudicated 0." in lines[0]
    assert lines[0].endswith("(the file was edited after the game was played)")
    assert lines[1] == f"{forged}: error: no report written; to write one anyway, marked at its top as not reproducing, add --unverified"
    assert not (tmp_path / "aar.html").exists() and result.out == ""


@pytest.mark.parametrize("name, warning", [
    ("aar.md", "> **Warning: this save does not reproduce.** Re-adjudicating its orders gives another game: turn 2: "),
    ("aar.html", '<p class="forged" role="alert"><strong>Warning: this save does not reproduce.</strong> Re-adjudicating its orders gives another game: turn 2: '),
])
def test_report_unverified_writes_a_forged_saves_report_with_the_warning_at_its_top(wargame, forged, tmp_path, name, warning):
    result = wargame("report", forged, "--unverified", "-o", name)
    assert result.code == 0, str(result)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert warning in text
    assert text.index(warning) < text.index("Seed")


def test_report_unverified_json_of_a_forged_save_says_it_does_not_reproduce(wargame, forged):
    result = wargame("report", forged, "--unverified", "--format", "json")
    assert result.code == 0, str(result)
    report = json.loads(result.out)
    assert report["reproduces"] is False and report["difference"].startswith("turn 2: ")


def test_replay_verify_play_resume_and_report_refuse_a_forged_save_with_the_same_words(wargame, forged):
    said = []
    for args in (
        ("replay", forged, "--verify"), ("play", "--resume", forged), ("report", forged),
        ("host", "--resume", forged, "--headless", "--port", "0"),
    ):
        result = wargame(*args)
        assert result.code == 1, str(result)
        assert result.out == "" and "Traceback" not in result.err
        said.append(result.err.splitlines()[0])
    assert said[0] == said[1] == said[2] == said[3]
    assert "does not reproduce: turn 2: " in said[0]
    assert "MoveResolved(" not in said[0] and "TrackChanged(" not in said[0]


def test_replay_text_of_a_forged_save_shows_it_under_a_warning(wargame, forged):
    result = wargame("replay", forged, "--text")
    assert result.code == 0, str(result)
    assert result.err.startswith(f"{forged}: warning: does not reproduce: turn 2: ")
    assert result.err.rstrip().endswith("what follows is what the file records")
    assert result.out.startswith("== Turn 1 ==")


# --- a save made by another version of wargame -----------------------------------------------


def test_replay_of_a_save_made_by_another_version_that_still_verifies_gives_a_one_line_notice(wargame, played, tmp_path):
    older = rewrite(played, tmp_path / "older.toml", made_by_0_1_0)
    note = f"{older}: note: made by wargame 0.1.0; this is wargame {__version__}; it re-adjudicates identically\n"
    verified = wargame("replay", older, "--verify")
    assert verified.code == 0, str(verified)
    assert verified.err == note
    assert "ok — 5 turns re-adjudicated and identical" in verified.out
    shown = wargame("replay", older, "--text")
    assert shown.code == 0 and shown.err == note, str(shown)


def test_a_save_of_this_version_gives_no_notice(wargame, played):
    result = wargame("replay", played, "--verify")
    assert result.code == 0 and result.err == "", str(result)


def test_a_save_made_by_another_version_that_does_not_reproduce_says_the_versions_may_differ(wargame, played, tmp_path):
    def both(data):
        made_by_0_1_0(data)
        forge_a_track(data)

    older = rewrite(played, tmp_path / "older.toml", both)
    result = wargame("play", "--resume", older)
    assert result.code == 1, str(result)
    assert f"(it was made by wargame 0.1.0 and this is {__version__}, whose rules or bots may differ)" in result.err
    assert f"not resumed; see what it records with: wargame replay {older}" in result.err


def test_a_resumed_game_made_by_another_version_says_so_on_the_screen(played, tmp_path):
    from wargame.session import Session
    from wargame.tui.app import WargameApp

    older = rewrite(played, tmp_path / "older.toml", made_by_0_1_0)
    app = WargameApp(resume=str(older))
    note = app.resumed_note(Session.resume(str(older)))
    assert note.endswith(f"It was made by wargame 0.1.0; this is wargame {__version__}.")
    assert not WargameApp(resume=str(played)).resumed_note(Session.resume(str(played))).endswith(f"{__version__}.")
