"""`wargame validate` as an instructor runs it: plain messages on stderr, exit 1, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad_campaigns"

DESIGN = BAD / "design"

CASES = [
    # (fixture, fragments its output must hold)
    ("key_written_twice.toml", ['"cost" is set twice', "first at line 40, again at line 42"]),
    ("non_breaking_space.toml", [":39:5: error: a non-breaking space (U+00A0)"]),
    ("table_where_array_of_tables_was_meant.toml", ["write [[teams]] to add another entry"]),
    ("misspelled_rung_suggests_the_closest.toml", ['did you mean "blockade"?']),
    ("unknown_key_and_later_problems.toml", ['unknown key "colour"', "must be 0 or more, got -2", 'unknown rung "armageddon"']),
]


@pytest.mark.parametrize("name, fragments", CASES, ids=[c[0] for c in CASES])
def test_validate_prints_the_plain_message_and_exits_1_without_a_traceback(wargame, name, fragments):
    result = wargame("validate", BAD / name)
    assert result.code == 1, str(result)
    assert "Traceback" not in result.both and result.out == ""
    for fragment in fragments:
        assert fragment in result.err, str(result)


def test_validate_json_lists_every_problem_of_a_file_in_one_run(wargame):
    result = wargame("validate", "--json", BAD / "unknown_key_and_later_problems.toml")
    assert result.code == 1, str(result)
    (entry,) = json.loads(result.out)
    assert {e["at"] for e in entry["errors"]} == {"teams[1].colour", "moves[0].cost", "moves[0].requires.min_rung"}


@pytest.mark.parametrize("path", sorted(DESIGN.glob("*.toml")), ids=lambda p: p.stem)
def test_a_design_problem_is_a_warning_and_strict_makes_it_an_error(wargame, path: Path):
    relaxed, strict = wargame("validate", path), wargame("validate", "--strict", path)
    assert relaxed.code == 0 and "Traceback" not in relaxed.both, str(relaxed)
    if path.stem == "clean":
        assert strict.code == 0 and relaxed.err == "", str(strict)
        return
    assert ": warning: at " in relaxed.err, str(relaxed)
    assert strict.code == 1 and ": error: at " in strict.err, str(strict)
