"""Issue 14 on the team screen: a team reads the ladder as it believes it (a rung ± a spread), other teams'
tracks as estimates ± an error, and why it believes what it does; never the rung it only estimates."""

from __future__ import annotations

import asyncio
from pathlib import Path

from test_no_leaks import screen_text

from wargame.campaign.loader import load_campaign
from wargame.core import views
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.team import TeamScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = load_campaign(str(ROOT / "campaigns" / "tutorial.toml"))


def misled(folder: Path) -> Session:
    """Seed 3: after two turns Meridia (blue) reads Aldmark's patrol against Korvath a rung off."""
    session = Session.start(TUTORIAL, 3, humans=["blue"], bots={"red": "hawk", "green": "tit-for-tat"}, path=str(folder / "g.toml"))
    for _ in range(2):
        session.submit(session.bot_orders("blue", "hawk"))
        session.submit_bots()
        session.commit()
    return session


async def shown(session: Session, size) -> str:
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        return screen_text(app)


def test_a_team_reads_its_beliefs_with_their_uncertainty_at_80x24_and_wide(tmp_path):
    session = misled(tmp_path)
    unsure = [d for d in session.view("blue").dyads if d.spread]
    assert unsure, "seed 3 no longer leaves Meridia unsure of a dyad"
    truth = {d.teams: d for d in views.dyads(session.campaign, session.state)}
    names = session.campaign.short_names()
    for size in ((80, 24), (160, 50)):
        text = asyncio.run(shown(session, size))
        for d in unsure:
            assert f"{names[d.teams[0]]}–{names[d.teams[1]]} ±{d.spread}" in text  # on the ladder, under its believed rung
        assert "What Meridia believes: " in text and "±0.12" in text  # the log, and the intelligence estimates
        wrong = [d for d in unsure if truth[d.teams].rung != d.rung]
        for d in wrong:
            assert f"{truth[d.teams].rung_name}  ◆ {names[d.teams[0]]}–{names[d.teams[1]]}" not in text
