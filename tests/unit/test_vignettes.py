"""The calibration vignettes: each historical crisis validates with no design warning, plays to its
end, cites its sources, and observes every turn of every dyad once; a history that names what the
campaign lacks is refused with its place."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.checks import check_campaign
from wargame.campaign.library import campaign_paths
from wargame.campaign.loader import parse_campaign
from wargame.core.model import Observation
from wargame.core.simulation import play_out

VIGNETTES = sorted((Path(__file__).resolve().parents[2] / "campaigns" / "vignettes").glob("*.toml"))
NAMES = [p.stem for p in VIGNETTES]


def _load(path: Path):
    return parse_campaign(str(path), path.read_text(encoding="utf-8"))


def test_three_vignettes_ship_with_the_game():
    assert NAMES == ["cuba-1962", "ep3-hainan-2001", "scarborough-2012"]


def test_vignettes_stay_off_the_campaign_picker():
    assert not any("vignettes" in str(p) for p in campaign_paths())


@pytest.mark.parametrize("path", VIGNETTES, ids=NAMES)
def test_each_vignette_validates_without_design_warnings_and_plays_to_its_end(path):
    loaded = _load(path)
    assert loaded.warnings == ()
    c = loaded.campaign
    game = play_out(c, 1, {t.id: "doctrine" for t in c.teams})
    assert game.ending and game.turns >= 1


@pytest.mark.parametrize("path", VIGNETTES, ids=NAMES)
def test_each_vignette_observes_every_turn_of_its_dyads_once_with_a_source(path):
    c = _load(path).campaign
    dyads = {frozenset(o.dyad) for o in c.history}
    assert dyads
    for dyad in dyads:
        assert sorted(o.turn for o in c.history if frozenset(o.dyad) == dyad) == list(range(1, c.turns + 1))
    assert all(o.source and o.note for o in c.history)
    text = path.read_text(encoding="utf-8")
    cited = {part.strip().split(",")[0].strip() for o in c.history for part in o.source.split(";")}
    for short in cited:
        assert short.split(" ch.")[0] in text.split("\n[[history]]")[0], f"{short} is cited but not listed under Sources"


@pytest.mark.parametrize(
    ("observation", "place", "message"),
    [
        (Observation(0, ("usa", "ussr"), "quarantine"), "history[6].turn", "must be between 1 and 6"),
        (Observation(2, ("usa", "cuba"), "quarantine"), "history[6].dyad[1]", 'unknown team "cuba"'),
        (Observation(2, ("usa", "ussr"), "blockade"), "history[6].rung", 'unknown rung "blockade"'),
        (Observation(2, ("ussr", "usa"), "quarantine"), "history[6]", "turn 2 of dyad ussr-usa is observed more than once"),
    ],
)
def test_a_history_entry_that_cannot_hold_is_refused_at_its_place(observation, place, message):
    c = _load(VIGNETTES[0]).campaign
    problems = check_campaign(attrs.evolve(c, history=(*c.history, observation)))
    assert any(at == place and message in text for at, text in problems), problems
