"""`wargame simulate --vary/--ablate`: a sensitivity study from the command line, on the tutorial, small and fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = str(ROOT / "campaigns" / "tutorial.toml")
STUDY = ("--ablate", "channels", "--ablate", "accidents", "--vary", "rules.accident_per_rung=0.01:0.09")


def simulate(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wargame", "simulate", TUTORIAL, *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_a_study_in_markdown_says_in_words_what_each_mechanism_changes_and_draws_a_tornado():
    done = simulate("--runs", "30", *STUDY)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "30 games a cell" in out and "the same seeds in every cell" in out
    assert "- Without accidents (no incident happens that nobody ordered): " in out
    assert "incidents a game fall from" in out  # what moved with it
    assert "## Tornado charts" in out and "█" in out and "0.01: " in out
    assert "| rules.accident_per_rung = 0.09 |" in out


def test_a_studys_figures_do_not_depend_on_the_number_of_jobs_and_its_baseline_is_the_plain_simulation():
    one = simulate("--runs", "50", "--seed", "3", "--format", "json", *STUDY)
    two = simulate("--runs", "50", "--seed", "3", "--format", "json", "--jobs", "2", *STUDY)
    assert one.returncode == 0 and one.stdout == two.stdout
    study = json.loads(one.stdout)
    plain = json.loads(simulate("--runs", "50", "--seed", "3", "--json").stdout)
    assert study["baseline"]["firebreak_crossed"]["value"] == plain["firebreak_crossed"]
    assert study["baseline"]["ending:terminal"]["value"] == plain["endings"].get("terminal", 0)
    accidents = next(c for c in study["cells"] if c["id"] == "ablate:accidents")
    assert accidents["outcomes"]["incidents"]["value"] == 0
    assert accidents["outcomes"]["crossed_by:incident"]["value"] == 0  # no incident, so none carried a dyad across
    assert accidents["outcomes"]["incidents"]["difference"] == -study["baseline"]["incidents"]["value"]
    assert "incidents a game fall" in " ".join(study["findings"])


def test_an_html_study_is_one_offline_page_with_an_svg_tornado_chart(tmp_path):
    page = tmp_path / "study.html"
    done = simulate("--runs", "20", *STUDY, "-o", str(page))
    assert done.returncode == 0 and f"wrote {page} (html)" in done.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count('<svg class="tornado"') >= 2 and "Without channels" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


BAD = [
    (("--ablate", "gravity"), 2, "invalid choice: 'gravity'"),
    (("--vary", "rules.accident_per_rung=0.01"), 2, "write PATH=LOW:HIGH"),
    (("--vary", "rules.accident_per_rung=0.01:0.05:1"), 2, "STEPS must be a whole number from 2 to 21"),
    (("--vary", "channels.cable.reliability=0:1"), 1, "--vary channels.cable.reliability=0:1: channels has no entry with id 'cable'"),
    (("--vary", "rules.accident_per_rung=0:7"), 1, "after --vary rules.accident_per_rung (at 7)"),
    (("--ablate", "channels", "-o", "study.txt"), 2, "name the file .md, .html or .json"),
    (("--ablate", "channels", "--personas", "hawk,dove"), 2, "leave out --personas, --save-game and --games"),
    (("--scheduler", "somewhere"), 2, "write tcp://HOST:PORT (a Dask scheduler) or local:N"),
    (("--scheduler", "local:0"), 2, "local:N with N the number of workers, 1 to 64"),
]


@pytest.mark.parametrize(("flags", "code", "said"), BAD, ids=[" ".join(f) for f, _, _ in BAD])
def test_a_study_that_cannot_run_says_why_and_plays_nothing(flags, code, said, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "wargame", "simulate", TUTORIAL, "--runs", "5", *flags],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert done.returncode == code and said in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_without_the_cluster_extra_scheduler_says_how_to_install_it(tmp_path):
    # A `distributed` that cannot be imported stands for an install without the extra.
    (tmp_path / "distributed.py").write_text("raise ImportError('no dask here')\n")
    done = simulate("--runs", "5", "--scheduler", "local:2", env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    assert "--scheduler needs Dask distributed, which is not installed: pip install 'wargame[cluster]'" in done.stderr


def test_help_lists_every_mechanism_that_can_be_switched_off():
    out = simulate("--help").stdout
    for name in ("channels", "deterrence", "treaty-penalties", "accidents", "beliefs", "spill", "red-lines"):
        assert name in out
