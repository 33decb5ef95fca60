"""`wargame simulate`: many bot games, the same result whatever the number of worker processes."""

import json
import subprocess
import sys

TUTORIAL = "campaigns/tutorial.toml"


def simulate(*args):
    done = subprocess.run([sys.executable, "-m", "wargame", "simulate", TUTORIAL, *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_the_same_seed_gives_the_same_result_whatever_the_number_of_jobs():
    one = simulate("--runs", "60", "--seed", "5", "--json", "--jobs", "1")
    two = simulate("--runs", "60", "--seed", "5", "--json", "--jobs", "2")
    assert one[0] == 0 and one[1] == two[1]
    result = json.loads(one[1])
    assert result["games"] == 60 and abs(sum(result["endings"].values()) - 1) < 1e-6
    assert {r["id"] for r in result["rungs"]} and result["teams"][0]["objectives"]


def test_different_seeds_give_different_results():
    assert simulate("--runs", "40", "--seed", "1", "--json")[1] != simulate("--runs", "40", "--seed", "2", "--json")[1]


def test_bots_can_be_chosen_per_team_and_the_text_report_names_them():
    code, out, _ = simulate("--runs", "20", "--bot", "red=dove", "--bot", "blue=deterrent")
    assert code == 0 and "red=dove" in out and "blue=deterrent" in out and "How games end" in out


def test_bad_numbers_and_personas_are_usage_errors():
    assert simulate("--runs", "0")[0] == 2
    assert simulate("--runs", "5", "--jobs", "0")[0] == 2
    code, _, err = simulate("--runs", "5", "--bot", "red=zealot")
    assert code == 2 and "zealot" in err and "Traceback" not in err
