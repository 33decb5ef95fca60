"""The Inbox read and answered by key presses at 80x24: who wrote, on which channel, what a proposal proposes."""

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MessageOrder, Response, TeamOrders
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

TUTORIAL = load_campaign("campaigns/tutorial.toml")
SMALL, WIDE = (80, 24), (120, 40)
PROPOSAL = "Korvath proposes that both fleets step back one rung and keep the hotline open while talks go on."


def a_proposal_to_meridia() -> Session:
    """Turn 2 of a game in which Korvath proposed a mutual stand-down to Meridia over the hotline."""
    session = Session.start(TUTORIAL, 1, humans=["blue", "red"], bots={"green": "dove"})
    session.submit(TeamOrders("blue", messages=(MessageOrder("hotline", "We seek no wider conflict.", ("red",)),)))
    session.submit(TeamOrders("red", messages=(MessageOrder("hotline", PROPOSAL, ("blue",), "stand_down"),)))
    session.submit_bots()
    session.commit()
    assert session.view("blue").proposals, "the hotline delivered the proposal with this seed"
    return session


def screen_lines(app) -> list[str]:
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


async def open_inbox(pilot) -> TeamScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen)
    await pilot.press("alt+3")  # from the move filter, where the focus starts
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_the_inbox_shows_sender_channel_turn_the_wrapped_text_and_a_proposals_terms_state_and_keys(size):
    app = WargameApp(session=a_proposal_to_meridia())
    async with app.run_test(size=size) as pilot:
        await open_inbox(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Turn 1 · from Korvath Federation · on Meridia–Korvath hotline" in shown
        assert "Proposal: mutual stand-down on Meridia–Korvath — open (answer by turn 3)" in shown
        assert " ".join(PROPOSAL.split()) in " ".join(shown.split())  # every word of it, wrapped
        assert "a accept · r reject" in shown
        assert "Turn 1 · you → Korvath Federation · on Meridia–Korvath hotline" in shown
        assert max(len(line) for line in screen_lines(app)) <= size[0]


async def test_a_proposal_is_answered_by_keys_from_the_inbox_and_the_staged_answer_names_what_it_accepts():
    session = a_proposal_to_meridia()
    app = WargameApp(session=session)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_inbox(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert screen.staged_rows() == [("Accept Korvath's mutual stand-down proposal", "—")]
        assert "You will accept it (staged)" in "\n".join(screen_lines(app))
        await pilot.press("r")  # a change of mind replaces the answer
        await pilot.pause()
        assert screen.staged_rows() == [("Reject Korvath's mutual stand-down proposal", "—")]
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # an answer alone is a turn with no moves: it asks first
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
    assert [(r.accept) for r in session.pending["blue"].responses] == [True]


async def test_once_answered_the_proposal_reads_accepted_and_offers_no_answer_keys():
    session = a_proposal_to_meridia()
    proposal = session.view("blue").proposals[0].id
    session.submit(TeamOrders("blue", responses=(Response(proposal, True),)))
    session.submit(TeamOrders("red"))
    session.submit_bots()
    session.commit()
    app = WargameApp(session=session)
    async with app.run_test(size=SMALL) as pilot:
        await open_inbox(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Proposal: mutual stand-down on Meridia–Korvath — accepted by you" in shown
        assert not [line for line in screen_lines(app) if line.strip().startswith(("a accept", "You will"))]
