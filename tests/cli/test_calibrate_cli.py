"""`wargame calibrate`: every bundled vignette played by every persona, scored against history; the
same seed gives the same figures; a name that is no vignette, or a campaign with no history, is
refused with a message naming it."""

import json
import subprocess
import sys


def calibrate(*args):
    done = subprocess.run([sys.executable, "-m", "wargame", "calibrate", *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_every_vignette_is_scored_for_every_persona_and_the_same_seed_gives_the_same_json():
    code, out, err = calibrate("--runs", "8", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert [v["path"] for v in result["vignettes"]] == ["cuba-1962", "ep3-hainan-2001", "scarborough-2012"]
    for v in result["vignettes"]:
        assert [p["persona"] for p in v["personas"]] == ["random", "hawk", "dove", "tit-for-tat", "deterrent", "doctrine"]
        for p in v["personas"]:
            assert p["games"] == 8 and 0 <= p["brier"] <= 2 and len(p["turns"]) == v["turns"]
            assert all(abs(sum(t["forecast"].values()) - 1) < 1e-3 for t in p["turns"])
    assert result["base_rates"]["history"] == {"vignettes": 3, "violence": 1, "terminal": 0}
    assert calibrate("--runs", "8", "--format", "json")[1] == out


def test_the_markdown_report_shows_a_table_per_vignette_and_the_base_rates():
    code, out, _ = calibrate("ep3-hainan-2001", "--runs", "5")
    assert code == 0
    assert "## Vignette: the EP-3 collision off Hainan (2001)" in out
    assert "| persona | Brier | log | peak | ending | force | terminal |" in out
    assert "| *even spread* (no bot) | 0.857 | 1.946 |" in out and "## Base rates" in out


def test_an_unknown_vignette_and_a_campaign_without_history_are_refused_by_name():
    code, _, err = calibrate("cuba-1963", "--runs", "2")
    assert code == 1 and "cuba-1963: error: no such vignette or file; bundled vignettes: cuba-1962," in err
    code, _, err = calibrate("campaigns/tutorial.toml", "--runs", "2")
    assert code == 1 and "campaigns/tutorial.toml: error: has no [[history]] to calibrate against" in err
    assert "Traceback" not in err
    assert calibrate("--runs", "0")[0] == 2
