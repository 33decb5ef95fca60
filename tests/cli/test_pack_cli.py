"""`wargame pack` as an instructor uses it: handouts in a folder, and a clear refusal for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
BAD = ROOT / "tests" / "data" / "bad_campaigns"


def test_pack_writes_an_index_the_white_cell_sheet_and_one_pack_per_team(wargame, tmp_path):
    result = wargame("pack", TUTORIAL, "-o", "handouts")
    assert result.code == 0, result
    assert "wrote 3 team packs, the white-cell sheet and an index to handouts" in result.out
    written = sorted(p.name for p in (tmp_path / "handouts").iterdir())
    assert written == ["index.html", "team-blue.html", "team-green.html", "team-red.html", "white-cell.html"]
    index = (tmp_path / "handouts" / "index.html").read_text(encoding="utf-8")
    assert 'href="team-red.html"' in index and 'href="white-cell.html"' in index
    assert result.err == ""


def test_pack_overwrites_handouts_only_when_told_to(wargame, tmp_path):
    assert wargame("pack", TUTORIAL, "-o", "handouts").code == 0
    again = wargame("pack", TUTORIAL, "-o", "handouts")
    assert again.code == 1, again
    assert again.err.startswith("handouts/index.html: error: already exists; choose another folder, or pass --force"), again
    assert wargame("pack", TUTORIAL, "-o", "handouts", "--force").code == 0


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("pack", TUTORIAL), 2, "wargame pack: error: the following arguments are required: -o/--output"),
        (("pack", "missing.toml", "-o", "out"), 1, "missing.toml: error: no such file"),
        (("pack", BAD / "float_for_int.toml", "-o", "out"), 1, "float_for_int.toml:"),
        (("pack", TUTORIAL, "-o", "a-file.txt"), 1, "a-file.txt: error: is a file; give -o a folder for the handouts"),
    ],
    ids=["no output folder", "no such campaign", "invalid campaign", "output is a file"],
)
def test_pack_refuses_bad_input_with_a_message_and_writes_nothing(wargame, tmp_path, args, code, message):
    (tmp_path / "a-file.txt").write_text("keep me", encoding="utf-8")
    result = wargame(*args)
    assert result.code == code, result
    assert message in result.err, result
    assert "Traceback" not in result.both
    assert not (tmp_path / "out").exists()
    assert (tmp_path / "a-file.txt").read_text(encoding="utf-8") == "keep me"
