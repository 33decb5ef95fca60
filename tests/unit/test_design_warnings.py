"""Design warnings follow the rules: what no game can ever do is warned about, what some game can do is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.campaign import load_campaign
from wargame.campaign.loader import parse_campaign

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "tests" / "data" / "bad_campaigns" / "design"
DESIGN_FILES = sorted(DESIGN.glob("*.toml"))
CAMPAIGNS = sorted((ROOT / "campaigns").glob("*.toml"))
CLEAN = (DESIGN / "clean.toml").read_text(encoding="utf-8")


def promised(path: Path) -> list[tuple[str, str]]:
    """(place, fragment) from each `# expect: PLACE: fragment` line; a line without a place adds to the last."""
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# expect: "):
            body = line.removeprefix("# expect: ")
            place, sep, fragment = body.partition(": ")
            if sep and " " not in place:
                out.append((place, fragment))
            else:
                out.append((out[-1][0], body))
    return out


@pytest.mark.parametrize("path", DESIGN_FILES, ids=[p.stem for p in DESIGN_FILES])
def test_each_design_fixture_gives_its_promised_warnings_at_their_places(path: Path):
    warnings = load_campaign(str(path)).warnings
    for place, fragment in promised(path):
        at_place = [w.message for w in warnings if w.at == place]
        assert any(fragment in m for m in at_place), f"{place}: {fragment!r} not in {at_place or [str(w) for w in warnings]}"
        assert all(w.line is not None for w in warnings if w.at == place)


def test_the_base_of_the_design_fixtures_gives_no_warning():
    assert load_campaign(str(DESIGN / "clean.toml")).warnings == ()


@pytest.mark.parametrize("path", CAMPAIGNS, ids=[p.stem for p in CAMPAIGNS])
def test_every_bundled_campaign_validates_without_a_design_warning(path: Path):
    assert [str(w) for w in load_campaign(str(path)).warnings] == []


def warned(text: str) -> dict[str, str]:
    return {w.at: w.message for w in parse_campaign("c.toml", text).warnings}


def fixture_text(name: str) -> str:
    return (DESIGN / name).read_text(encoding="utf-8")


def test_a_dear_move_is_not_warned_about_when_something_can_raise_resources():
    text = fixture_text("move_costs_more_than_any_budget.toml")
    assert "moves[1]" in warned(text)
    raised = text + '\n[[injects]]\nid = "aid"\nname = "Aid"\ntext = "A donor pays."\nturn = 2\neffects.tracks = [{ team = "red", track = "resources", delta = 3 }]\n'
    assert "moves[1]" not in warned(raised)


def test_a_dear_move_counts_only_the_budgets_of_the_teams_that_may_make_it():
    text = fixture_text("move_costs_more_than_any_budget.toml").replace("cost = 6", "cost = 4\nteams = [\"blue\"]")
    assert "Blue's resources" in warned(text)["moves[1]"]
    assert "moves[1]" not in warned(text.replace('teams = ["blue"]', 'teams = ["red"]'))


def test_a_channel_state_that_a_move_can_cause_is_not_warned_about():
    text = fixture_text("channel_state_never_occurs.toml")
    assert "moves[1].requires.channel_status" in warned(text)
    suspend = '\n[[moves]]\nid = "cut"\nname = "Cut the line"\ncategory = "diplomatic"\ncost = 1\neffects = { channel = "hotline", channel_status = "suspended" }\n'
    assert warned(text + suspend) == {}


def test_a_channel_state_only_an_impossible_move_causes_is_still_warned_about():
    text = fixture_text("channel_state_never_occurs.toml")
    dear = '\n[[moves]]\nid = "cut"\nname = "Cut the line"\ncategory = "diplomatic"\ncost = 20\neffects = { channel = "hotline", channel_status = "suspended" }\n'
    assert "moves[1].requires.channel_status" in warned(text + dear)


def test_a_move_with_another_allowed_target_is_not_warned_about():
    text = fixture_text("only_target_is_only_actor.toml").replace('targets = ["blue"]', 'targets = ["blue", "red"]')
    assert warned(text) == {}


def test_a_firebreak_crossed_by_a_move_allowed_below_it_is_not_warned_about():
    text = fixture_text("firebreak_crossed_only_from_above.toml").replace('requires = { min_rung = "limited_war" }\n', "")
    assert warned(text) == {}


def test_accidents_never_climb_from_the_first_rung_even_with_a_base_chance():
    # Only accidents could climb here, and the adjudicator rolls none on a dyad at the first rung.
    text = CLEAN.replace("effects = { escalation = 1 }", "effects = { escalation = -1 }") + "\n[rules]\naccident_base = 0.2\n"
    assert set(warned(text)) == {"rungs[1]", "rungs[2]"}
    started = text + '\n[[dyads]]\nteams = ["blue", "red"]\nrung = "tension"\n'
    assert warned(started) == {}


def test_an_inject_waiting_for_a_reachable_track_value_is_not_warned_about():
    text = fixture_text("inject_condition_outside_track_range.toml").replace("at_least = 55", "at_least = 0.55")
    assert warned(text) == {}
