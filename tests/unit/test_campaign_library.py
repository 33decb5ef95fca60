"""The bundled seminar campaigns: each is full-sized, uses every category, and plays sensibly with bots."""

from collections import Counter
from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.bots import PERSONAS
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGNS = sorted((ROOT / "campaigns").glob("*.toml"))
SEMINARS = [p for p in CAMPAIGNS if p.stem != "tutorial"]
CATEGORIES = {"diplomatic", "military", "economic", "information", "cyber", "alliance"}


@pytest.mark.parametrize("path", SEMINARS, ids=[p.stem for p in SEMINARS])
def test_a_seminar_campaign_has_the_size_and_parts_of_a_full_seminar(path):
    c = load_campaign(str(path)).campaign
    assert len(c.teams) >= 4
    assert len(c.rungs) >= 16 and len({r.band for r in c.rungs}) >= 4
    assert any(r.firebreak for r in c.rungs) and any(r.terminal for r in c.rungs)
    assert len(c.moves) >= 25 and {m.category for m in c.moves} == CATEGORIES
    assert len(c.channels) >= 2 and len(c.treaties) >= 2
    assert len(c.injects) >= 6 and any(i.when is not None for i in c.injects)
    for team in c.teams:
        assert team.objectives, f"{team.id} has no objectives"
        assert len(team.briefing.split()) >= 120, f"{team.id}'s briefing is too short to read aloud"
    assert len(c.briefing.split()) >= 150 and c.summary


@pytest.mark.parametrize("path", SEMINARS, ids=[p.stem for p in SEMINARS])
def test_a_seminar_campaign_plays_sensibly_with_bots(path):
    loaded = load_campaign(str(path))
    endings, lengths, escalations = Counter(), [], 0
    for seed in range(24):
        persona = PERSONAS[seed % len(PERSONAS)]
        session = Session.start(loaded, seed, bots={t.id: persona for t in loaded.campaign.teams})
        while not session.ended:
            session.submit_bots()
            session.commit()
        endings[session.ended] += 1
        lengths.append(len(session.records))
        escalations += sum(isinstance(e, ev.EscalationChanged) for e in session.log)
    assert sum(n == 1 for n in lengths) <= 2, f"games end on turn 1: {lengths}"
    assert escalations >= 24, "hardly anything happens on the ladder"
    assert len(endings) >= 2, f"every game ends the same way: {endings}"


def test_the_library_holds_the_tutorial_and_three_seminars_whatever_the_working_folder():
    assert [p.stem for p in CAMPAIGNS] == ["capacity-building", "indo-pacific", "transatlantic", "tutorial"]


def test_every_bundled_campaign_has_a_demo_save():
    for path in CAMPAIGNS:
        assert (ROOT / "saves" / f"{path.stem}-demo.toml").is_file(), path.stem
