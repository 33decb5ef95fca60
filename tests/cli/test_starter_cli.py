"""`wargame new` as an instructor uses it: write the starter, check it strictly, simulate it."""

from __future__ import annotations


def test_a_new_campaign_passes_validate_strict_and_simulates(wargame, tmp_path):
    path = tmp_path / "border-crisis.toml"
    made = wargame("new", path)
    assert made.code == 0, str(made)
    # It says what to do next: check it, then see how it plays.
    assert f"wargame validate --strict {path}" in made.out and f"wargame simulate {path} --runs 300" in made.out

    checked = wargame("validate", "--strict", path)
    assert checked.code == 0, str(checked)
    assert checked.err == "" and "“Border Crisis”: 3 teams" in checked.out

    simulated = wargame("simulate", path, "--runs", "40")
    assert simulated.code == 0, str(simulated)
    assert "40 games of “Border Crisis”" in simulated.out and "How games end:" in simulated.out
    # The ladder marks a rung that is both a firebreak and terminal with both signs, under a legend.
    assert "╪✖ Open war" in simulated.out and " ╪ Limited clash" in simulated.out
    assert "(╪ a firebreak: only a move that crosses it climbs onto it; ✖ terminal: the game ends there)" in simulated.out
