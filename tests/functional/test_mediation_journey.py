"""A mediator's journey by key presses: the neutral team stages its good offices on another pair's dyad,
carries a stand-down proposal between the two from the message dialog, and the turns resolve with the
proposal answered by both sides (tests/data/third_party_lab.toml: grey mediates between blue and red)."""

from __future__ import annotations

from pathlib import Path

from play_keys import type_text, visible

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

LAB = load_campaign(str(Path(__file__).resolve().parents[1] / "data" / "third_party_lab.toml"))
SMALL = (80, 24)


async def stage_good_offices(pilot) -> None:
    """In the move filter: type the move's name and stage the first pair it offers with Enter."""
    await pilot.press("slash", *"good offices", "enter")
    await pilot.pause()


async def carry_a_stand_down(pilot, text: str) -> None:
    """Ctrl+T, the text, then back (Shift+Tab) to the kind (a stand-down) and the recipients (both others)."""
    await pilot.press("ctrl+t")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("shift+tab", "enter", "down", "enter")  # kind: the mutual stand-down
    await pilot.pause()
    await pilot.press("shift+tab", "enter", "end", "enter")  # to: the last entry, "Between Blue and Red"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def submit_and_commit(pilot) -> None:
    await pilot.press("ctrl+s")  # submit the team's orders
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AdjudicationScreen), visible(pilot.app)
    await pilot.press("ctrl+s")  # commit the turn
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_mediator_carries_a_stand_down_between_two_others_by_keys_and_both_accept_it(tmp_path):
    session = Session.start(LAB, 3, humans=["grey"], bots={"blue": "doctrine", "red": "doctrine"}, path=str(tmp_path / "g.toml"))
    app = WargameApp(session=session)
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "grey"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        await stage_good_offices(pilot)
        assert screen.staged_rows()[0][0] == "Move: Good offices → Blue–Red"
        await carry_a_stand_down(pilot, "Both of you: step back and talk.")
        assert [(m.channel, m.to, m.proposal) for m in screen.messages] == [("good_offices", ("blue", "red"), "stand_down")]
        await submit_and_commit(pilot)
        assert session.turn == 2
        # Turn 2: both sides have the proposal as from Grey; the doctrine bots answer it, Grey only submits.
        assert {p.responder for p in session.state.proposals} == {"blue", "red"}
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", *"visit", "enter")  # a move of its own: the answers are what steps the dyad down
        await pilot.pause()
        await submit_and_commit(pilot)
        assert session.turn == 3
    events = session.records[1].events
    answers = {(e.responder, e.answer) for e in events if isinstance(e, ev.ProposalAnswered)}
    assert answers == {("blue", "accepted"), ("red", "accepted")}
    carried = [e for e in events if isinstance(e, ev.EscalationChanged) and "carried by Grey" in e.cause]
    assert carried and carried[0].dyad == ("blue", "red")
