"""The recipes of docs/recipes/: each campaign validates with no design warning, plays headless with
its bots (and, for the argued turn, its orders file) to its end, and shows the pattern it teaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.persistence.orders_file import load_orders
from wargame.session import Session

RECIPES = Path(__file__).resolve().parents[2] / "docs" / "recipes"

# One row per recipe: the event that shows its pattern at work, and a seed whose game shows it.
PATTERNS = [
    ("neutral-mediator", 1, "MoveResolved", lambda e: e.move == "good_offices" and e.team == "grey" and e.success),
    ("export-controls", 1, "MoveResolved", lambda e: e.move == "take_delivery" and e.success),
    ("article-4-vs-5", 1, "ConsultationHeld", lambda e: True),
    ("burden-sharing", 1, "BurdenShortfall", lambda e: e.team == "green"),
    ("settlement", 1, "GameEnded", lambda e: e.reason == "settlement"),
    ("red-line", 1, "RedLineChanged", lambda e: e.status == "enforced"),
    ("matrix-turn", 1, "FreeformResolved", lambda e: e.team == "blue" and e.odds == "better than even"),
]


def test_every_recipe_campaign_has_a_row_here_and_a_section_in_the_chapter():
    campaigns = {p.stem for p in RECIPES.glob("*.toml") if not p.stem.endswith("-orders")}
    assert campaigns == {name for name, *_ in PATTERNS}
    chapter = (RECIPES / "README.md").read_text(encoding="utf-8")
    for name in campaigns:
        assert f"({name}.toml)" in chapter, f"the chapter does not link {name}.toml"


def play(name: str, seed: int) -> Session:
    loaded = load_campaign(str(RECIPES / f"{name}.toml"))
    assert loaded.warnings == (), "\n".join(str(w) for w in loaded.warnings)
    orders = RECIPES / f"{name}-orders.toml"
    script = load_orders(str(orders), loaded.campaign, loaded.campaign.turns) if orders.exists() else None
    session = Session.start(loaded, seed, bots={t.id: t.persona for t in loaded.campaign.teams})
    while not session.ended:
        scripted = script.for_turn(session.turn) if script else None
        for team_orders in scripted.orders if scripted else ():
            session.submit(team_orders)
        session.submit_bots()
        session.commit(scripted.interventions if scripted else ())
    return session


@pytest.mark.parametrize("name, seed, kind, shows", PATTERNS, ids=[row[0] for row in PATTERNS])
def test_a_recipe_validates_plays_to_its_end_and_shows_its_pattern(name, seed, kind, shows):
    session = play(name, seed)
    assert session.ended
    assert any(type(e).__name__ == kind and shows(e) for e in session.log), f"{name}: no {kind} shows the pattern"
