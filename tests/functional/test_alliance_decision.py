"""An alliance decision through the real app: an attack opens it, a member votes by key press on its team
screen, and the turn ends with the obligation bound or the alliance split in public."""

from __future__ import annotations

from pathlib import Path

import pytest
from play_keys import visible

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core import events as ev
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

LAB = load_campaign(str(Path(__file__).resolve().parents[1] / "data" / "alliance_lab.toml"))
SMALL, WIDE = (80, 24), (120, 40)
MAX_PAUSES = 100


async def until(pilot, shown) -> None:
    for _ in range(MAX_PAUSES):
        if isinstance(pilot.app.screen, shown):
            await pilot.pause()
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError(f"{shown} never appeared:\n{visible(pilot.app)}")


def blue_struck_red(tmp_path) -> Session:
    """Turn 2 of a lab game: Blue struck Red on turn 1, so the Pact (a consensus treaty) must decide."""
    session = Session.start(LAB, 1, humans=["blue", "green"], bots={"red": "hawk", "amber": "hawk"}, path=str(tmp_path / "g.toml"))
    session.submit(TeamOrders("blue", moves=(MoveOrder("strike", "red"),)))
    session.submit(TeamOrders("green"))
    session.submit_bots()
    session.commit()
    assert session.view("green").treaties[0].decision is not None
    return session


def treaties(screen) -> str:
    """The Treaties panel of the Situation tab as text (it may be scrolled out of sight at 80x24)."""
    return "\n".join(line.plain for line in screen.query_one("#treaties").content.renderables)


async def pass_without_moves(pilot) -> None:
    await pilot.press("enter")
    await until(pilot, TeamScreen)
    await pilot.press("ctrl+s")
    await pilot.press("y")
    await until(pilot, (HandoverScreen, AdjudicationScreen))


async def choose(pilot, ups: int) -> None:
    """In the decision dialog's focused vote: open it, move up from "No vote" (support is two up), pick."""
    await pilot.press("enter")
    for _ in range(ups):
        await pilot.press("up")
    await pilot.press("enter")
    await pilot.pause()


# (size, presses of Up from "No vote" in the dialog, the staged vote, whether the Pact binds, the line on
# the adjudication screen)
JOURNEYS = [
    (WIDE, 2, "Vote under Pact: support", True, "Pact decided to act for Red: no member blocked."),
    (SMALL, 1, "Vote under Pact: block", False, "Pact split in public: Green blocked acting for Red."),
]


@pytest.mark.parametrize("size, presses, staged, bound, outcome", JOURNEYS)
async def test_a_member_votes_on_an_alliance_decision_by_key_press_and_the_turn_binds_or_splits_the_alliance(
    tmp_path, size, presses, staged, outcome, bound
):
    session = blue_struck_red(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        await until(pilot, HandoverScreen)
        await pass_without_moves(pilot)  # Blue, the attacker
        await pilot.press("enter")  # Green's handover card
        await until(pilot, TeamScreen)
        screen = pilot.app.screen
        assert "⚖ vote: Ctrl+D" in visible(app).splitlines()[0]
        assert "⚖ Decision: act for Red against Blue? no vote yet: silence is consent · Ctrl+D to vote" in treaties(screen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        await choose(pilot, presses)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.staged_rows() == [(staged, "—")]
        said = "you support" if bound else "you block"
        assert f"⚖ Decision: act for Red against Blue? {said}" in treaties(screen)
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await until(pilot, AdjudicationScreen)
        rows = pilot.app.screen.query_one("#outcomes").options
        assert outcome in [str(row.prompt) for row in rows]
        await pilot.press("ctrl+s")
        await pilot.press("enter")
        await until(pilot, HandoverScreen)
    (taken,) = [e for e in session.log if isinstance(e, ev.DecisionTaken)]
    assert (taken.bound, taken.blocked_by) == (bound, () if bound else ("green",))
    triggered = [e for e in session.log if isinstance(e, ev.TreatyTriggered)]
    assert [e.obliged for e in triggered] == ([("green", "amber")] if bound else [])
    assert session.turn == 3
    assert outcome in [seen.text for seen in session.view("red").events if seen.turn == 2]  # public: the victim reads it


LEAGUE = """
[[treaties]]
id = "league"
name = "League"
members = ["red", "green", "amber"]
decision = "consensus"
obligation = { tag = "collective_defense", within = 2 }
"""


async def test_the_decision_dialog_takes_a_vote_on_every_decision_open_to_the_team(tmp_path):
    two = parse_campaign(LAB.path, LAB.source + LEAGUE)
    session = Session.start(two, 1, humans=["blue", "green"], bots={"red": "hawk", "amber": "hawk"}, path=str(tmp_path / "g.toml"))
    session.submit(TeamOrders("blue", moves=(MoveOrder("strike", "red"),)))
    session.submit(TeamOrders("green"))
    session.submit_bots()
    session.commit()
    assert [t.id for t in session.view("green").treaties if t.decision is not None] == ["pact", "league"]
    app = WargameApp(session=session)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, HandoverScreen)
        await pass_without_moves(pilot)
        await pilot.press("enter")
        await until(pilot, TeamScreen)
        screen = pilot.app.screen
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "act for Red against Blue?" in visible(app)
        await choose(pilot, 2)  # the Pact: support
        await pilot.press("tab")
        await choose(pilot, 1)  # the League: block
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.staged_rows() == [("Vote under Pact: support", "—"), ("Vote under League: block", "—")]
        await pilot.press("ctrl+d")  # opened again, it starts from the votes staged
        await pilot.pause()
        await choose(pilot, 0)
        await pilot.press("tab")
        await pilot.press("enter")
        await pilot.press("down")
        await pilot.press("enter")  # the League: no vote
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.staged_rows() == [("Vote under Pact: support", "—")]
