"""A save that does not reproduce is told apart, and where it first differs is said in words."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from wargame.persistence.html_report import to_html
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import checksum, load_save
from wargame.persistence.verification import describe_divergence, verify_save

ROOT = Path(__file__).resolve().parents[2]
INDO_PACIFIC = ROOT / "saves" / "indo-pacific-demo.toml"


def forge(source: Path, target: Path, turn: int, match: dict, **changes) -> Path:
    """Edit one recorded event and recompute the checksum, as anyone who edits a save can."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    data.pop("checksum")
    event = next(e for e in data["turns"][turn - 1]["events"] if all(e.get(k) == v for k, v in match.items()))
    event.update(changes)
    data["checksum"] = checksum(data)
    target.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return target


FORGERIES = [
    pytest.param(
        6, {"kind": "track_changed", "team": "norhaven", "track": "cohesion"}, {"new": 0.99},
        "turn 6: Norhaven's alliance cohesion after Convene the Four-Power Dialogue (Commonwealth of Norhaven) recorded 0.99, re-adjudicated 0.71",
        id="a-track-value",
    ),
    pytest.param(
        4, {"kind": "move_resolved", "team": "norhaven", "move": "fonop"}, {"roll": 0.01},
        "turn 4: Freedom-of-navigation transit by Norhaven → Veya: roll recorded 0.01, re-adjudicated 0.726",
        id="a-roll",
    ),
    pytest.param(
        1, {"kind": "move_resolved", "team": "norhaven", "move": "resume_mil_to_mil"}, {"success": False},
        "turn 1: Resume mil-to-mil talks by Norhaven: outcome recorded failure, re-adjudicated success",
        id="an-outcome",
    ),
]


@pytest.mark.parametrize("turn, match, changes, words", FORGERIES)
def test_where_a_forged_save_first_differs_is_said_in_words_not_as_object_reprs(tmp_path, turn, match, changes, words):
    loaded = load_save(str(forge(INDO_PACIFIC, tmp_path / "forged.toml", turn, match, **changes)))  # the checksum passes
    verification = verify_save(loaded)
    assert not verification.reproduces
    assert verification.difference == words
    assert "(" + "turn=" not in verification.difference and "Resolved(" not in verification.difference


def test_a_missing_or_extra_event_is_described_by_its_sentence():
    from wargame.core.replay import Divergence

    loaded = load_save(str(INDO_PACIFIC))
    c = loaded.campaign.campaign
    first = loaded.save.turns[0].events[0]
    extra = describe_divergence(c, Divergence(1, 0, first, "(no event)"))
    missing = describe_divergence(c, Divergence(1, 0, "(no event)", first))
    assert extra.startswith("turn 1: the save records “Commonwealth of Norhaven: Resume mil-to-mil talks succeeded")
    assert extra.endswith("which re-adjudicating does not give")
    assert missing.startswith("turn 1: re-adjudicating gives “Commonwealth of Norhaven: Resume")


def test_every_shipped_demo_reproduces_and_its_report_says_so():
    verification = verify_save(load_save(str(INDO_PACIFIC)))
    assert verification.reproduces and verification.difference == ""
    report = build_report(load_save(str(INDO_PACIFIC)), verification=verification)
    assert report["reproduces"] is True and report["difference"] is None
    assert "does not reproduce" not in to_markdown(report) and "does not reproduce" not in to_html(report)


def test_a_report_of_a_forged_save_states_at_its_top_that_it_does_not_reproduce(tmp_path):
    turn, match, changes, _ = FORGERIES[0].values
    path = forge(INDO_PACIFIC, tmp_path / "forged.toml", turn, match, **changes)
    report = build_report(load_save(str(path)))
    assert report["reproduces"] is False
    assert report["difference"].startswith("turn 6: Norhaven's alliance cohesion")
    markdown = to_markdown(report).splitlines()
    assert markdown[2].startswith("> **Warning: this save does not reproduce.**")
    assert "recorded 0.99, re-adjudicated 0.71" in markdown[2]
    html = to_html(report)
    header = html[html.index("<header>"): html.index("</header>")]
    assert '<p class="forged" role="alert"><strong>Warning: this save does not reproduce.</strong>' in header


def test_a_forged_belief_is_named_in_words_one_belief_not_the_whole_list(tmp_path):
    data = tomllib.loads(INDO_PACIFIC.read_text(encoding="utf-8"))
    event = next(e for e in data["turns"][0]["events"] if e["kind"] == "beliefs_formed" and e["team"] == "veya")
    first = event["tracks"][0]
    estimates = [{**first, "value": first["value"] + 1}, *event["tracks"][1:]]
    loaded = load_save(str(forge(INDO_PACIFIC, tmp_path / "forged.toml", 1, {"kind": "beliefs_formed", "team": "veya"},
                                 tracks=estimates)))
    difference = verify_save(loaded).difference
    names = {t.id: t.short or t.name for t in loaded.campaign.campaign.teams}
    told = f"{names[first['team']]}'s {first['track']}"
    assert f": tracks recorded {told} {first['value'] + 1:g} ± {first['error']:g}, re-adjudicated {told} {first['value']:g} ±" in difference
    assert "TrackEstimate(" not in difference and difference.count("±") == 2
