"""`wargame run --explain TEAM`: each turn, why that team's bot chose each order, and the game it
saves is byte for byte the game played without the explanation."""

import subprocess
import sys


def run(*args):
    done = subprocess.run([sys.executable, "-m", "wargame", "run", "campaigns/tutorial.toml", *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_explaining_a_bot_prints_its_options_and_changes_nothing_it_orders(tmp_path):
    plain, explained = tmp_path / "plain.toml", tmp_path / "explained.toml"
    assert run("--seed", "7", "--turns", "3", "--bot", "red=hawk", "--save", str(plain))[0] == 0
    code, out, err = run("--seed", "7", "--turns", "3", "--bot", "red=hawk", "--explain", "red", "--save", str(explained))
    assert code == 0, err
    assert plain.read_bytes() == explained.read_bytes()
    assert "turn 1: why Korvath Federation (red, bot hawk) orders what it does" in out
    assert "  ✓ " in out and "× (0.5 + chance" in out and "weight: category military +1.20" in out
    assert "refused by the rules: Strike the rival's naval forces → Meridia: the dyad with Republic of Meridia is below Armed standoff" in out


def test_explaining_a_team_that_is_not_in_the_campaign_is_a_usage_error(tmp_path):
    code, _, err = run("--turns", "1", "--explain", "purple", "--save", str(tmp_path / "x.toml"))
    assert code == 2 and 'wargame run: --explain purple: no team "purple" (teams: blue, red, green)' in err
