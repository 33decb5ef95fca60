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


def test_set_changes_a_campaign_value_for_the_run_and_the_report_says_so():
    code, out, err = simulate("--runs", "40", "--json", "--set", "channels.*.reliability=0", "--set", "channels.*.dampening=0")
    assert code == 0, err
    result = json.loads(out)
    assert result["settings"] == ["channels.*.reliability=0", "channels.*.dampening=0"]
    for key in ("runs", "firebreak_crossed", "inadvertent_crossing", "credibility_pinned", "incidents_per_game"):
        assert key in result
    baseline = json.loads(simulate("--runs", "40", "--json")[1])
    # No dampening: the same seeds see at least as many incidents (the tutorial's hotline damps them).
    assert result["incidents_per_game"] > baseline["incidents_per_game"]
    code, out, _ = simulate("--runs", "5", "--set", "channels.*.reliability=0")
    assert "Changed for this run: channels.*.reliability=0" in out and "A firebreak crossed:" in out


def test_a_set_that_cannot_apply_is_an_error_naming_it():
    code, _, err = simulate("--runs", "5", "--set", "nonsense")
    assert code == 2 and "write PATH=VALUE" in err and "Traceback" not in err
    code, _, err = simulate("--runs", "5", "--set", "channels.nope.reliability=0")
    assert code == 1 and "no entry with id 'nope'" in err and "Traceback" not in err
    code, _, err = simulate("--runs", "5", "--set", "channels.*.reliability=7")
    assert code == 1 and "after --set channels.*.reliability=7" in err and "Traceback" not in err
