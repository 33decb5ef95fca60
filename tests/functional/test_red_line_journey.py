"""Issue 14's journey for red lines, key by key through the real hot-seat app: Blue declares a red line
from its team screen, Red crosses it, the turn resolves, and Blue sees the line tested; Blue does not
answer, and sees what the bluff cost it. At 80x24 and wide.

The campaign is tests/data/red_line_lab.toml: Blue may declare that a blockade will be met with force
(a move tagged kinetic within a turn); Red's blockade always lands; a bluff costs Blue support −0.1
and credibility −0.15 (audience sensitivity 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from play_keys import visible

from wargame.campaign.loader import load_campaign
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.dialogs.declare import DeclareDialog
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen
from wargame.tui.widgets.red_lines import RedLinePanel

LAB = Path(__file__).resolve().parents[1] / "data" / "red_line_lab.toml"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_team(pilot, team: str) -> TeamScreen:
    assert isinstance(pilot.app.screen, HandoverScreen) and pilot.app.screen.team == team
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TeamScreen)
    return pilot.app.screen


async def stage(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter")
    await settle(pilot)


async def submit(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def commit(pilot) -> None:
    assert isinstance(pilot.app.screen, AdjudicationScreen)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def red_lines_seen(pilot) -> str:
    """Blue's Situation panel, scrolled to its red lines, as the terminal shows it."""
    await pilot.press("alt+1")
    await settle(pilot)
    panel = pilot.app.screen.query_one("#red-lines", RedLinePanel)
    panel.scroll_visible(animate=False)
    await settle(pilot)
    # At 80 columns a long line wraps at a word: read the terminal as one run of words.
    return " ".join(visible(pilot.app).split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "wide"])
async def test_a_team_declares_a_red_line_sees_it_crossed_and_pays_for_its_bluff(tmp_path, size):
    session = Session.start(load_campaign(str(LAB)), 3, humans=["blue", "red"], bots={}, path=str(tmp_path / "g.toml"))
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        # Turn 1: Blue declares its line by keys, and makes a statement.
        await open_team(pilot, "blue")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, DeclareDialog)
        assert "Every team reads it at once" in visible(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        await stage(pilot, "statement")
        assert "Red line: “A blockade of Blue will be met with force.”" in visible(app)
        await submit(pilot)
        await open_team(pilot, "red")
        await stage(pilot, "statement")
        await submit(pilot)
        await commit(pilot)

        # Turn 2: Red sees Blue's line standing, and blockades all the same.
        await open_team(pilot, "blue")
        await stage(pilot, "statement")
        await submit(pilot)
        await open_team(pilot, "red")
        shown = await red_lines_seen(pilot)
        assert "Blue: “A blockade of Blue will be met with force.”" in shown
        assert "standing until tested" in shown
        await pilot.press("slash")
        await stage(pilot, "blockade")
        await submit(pilot)
        await commit(pilot)

        # Turn 3: Blue sees its line crossed, and by whom; it does not answer.
        await open_team(pilot, "blue")
        shown = await red_lines_seen(pilot)
        assert "crossed by Red: you must answer by the end of turn 3" in shown
        await pilot.press("slash")
        await stage(pilot, "statement")
        await submit(pilot)
        await open_team(pilot, "red")
        await stage(pilot, "statement")
        await submit(pilot)
        await commit(pilot)

        # Turn 4: the bluff was called, and Blue reads what it cost.
        await open_team(pilot, "blue")
        shown = await red_lines_seen(pilot)
        assert "bluffed: not enforced by turn 3: it cost you domestic support −0.1, credibility −0.15" in shown
        assert session.view("blue").tracks["support"] == 0.4
        log = [s.text for s in session.view("blue").events if s.turn == 3]
        assert any(text.startswith("Bluff called: Blue did not enforce its red line") for text in log)


async def test_where_the_campaign_allows_it_a_team_composes_a_red_line_of_its_own(tmp_path):
    import attrs

    loaded = load_campaign(str(LAB))
    campaign = loaded.campaign
    campaign = attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, compose_red_lines=True))
    session = Session.start(attrs.evolve(loaded, campaign=campaign), 3, humans=["blue", "red"], bots={}, path=str(tmp_path / "g.toml"))
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_team(pilot, "blue")
        await pilot.press("ctrl+l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DeclareDialog)
        await pilot.press("enter", "down", "enter")  # the Select's last choice: compose
        await settle(pilot)
        assert dialog.query_one("#line").value == "__compose__"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Say the line in words" in visible(app)
        dialog.query_one("#text").focus()
        await pilot.press(*"No tension.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        (order,) = screen.declarations
        assert (order.text, order.condition.dyad, order.condition.rung_at_least, order.enforce) == (
            "No tension.", ("blue", "red"), "tension", ("statement",),
        )


async def test_a_team_composes_a_red_line_on_a_track(tmp_path):
    import attrs

    from wargame.core.red_line_terms import condition_problem

    loaded = load_campaign(str(LAB))
    campaign = loaded.campaign
    campaign = attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, compose_red_lines=True))
    session = Session.start(attrs.evolve(loaded, campaign=campaign), 3, humans=["blue", "red"], bots={}, path=str(tmp_path / "g.toml"))
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_team(pilot, "blue")
        await pilot.press("ctrl+l")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("enter", "down", "enter")  # compose
        await settle(pilot)
        dialog.query_one("#text").focus()
        await pilot.press(*"Our readiness holds.")
        await pilot.press("tab", "enter", "down", "enter")  # crossed when: a track crosses a bound
        await settle(pilot)
        assert dialog.query_one("#track").display and not dialog.query_one("#dyad").display
        await pilot.press("tab", "enter", "down", "enter")  # Blue's readiness (its tracks come first)
        await pilot.press("tab")  # falls to or below
        await pilot.press("tab", *"0.3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        (order,) = screen.declarations
        cond = order.condition
        assert (order.text, cond.team, cond.track, cond.at_most, cond.at_least, cond.dyad) == (
            "Our readiness holds.", "blue", "readiness", 0.3, None, (),
        )
        assert condition_problem(campaign, "blue", cond) == ""  # a line the rules accept as composed
