"""The argument round in hot seat, driven by key presses through the real app at 80x24 and wide: Meridia
writes a public free-form move, Korvath submits, then in the argument round counters it; the white cell
reads the counter in its ruling dialog, sets the odds in words and two track changes, the roll decides,
and the counter is stored with Korvath's orders and told with the move."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core import events as ev
from wargame.core.narrative import describe
from wargame.core.orders import FreeformOrder, TeamOrders
from wargame.core.views import viewpoint
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.dialogs.ruling import RulingDialog
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.argument import ArgumentScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

from play_keys import type_text, visible
from test_journeys import until

TUTORIAL = load_campaign("campaigns/tutorial.toml")
SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "wide"])
async def test_a_team_counters_a_public_free_form_move_and_the_white_cell_rules_on_it_in_words(tmp_path, size):
    session = Session.start(TUTORIAL, 3, humans=["blue", "red"], bots={"green": "dove"}, path=str(tmp_path / "g.toml"))
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        await until(pilot, HandoverScreen)
        await pilot.press("enter")
        await until(pilot, TeamScreen)
        await pilot.press("ctrl+o")  # Meridia writes its move
        await pilot.pause()
        await type_text(pilot, "open the ports to Aldmark")
        await pilot.press("tab")
        await type_text(pilot, "trade wins friends")
        await pilot.press("tab", "enter", "down", "down", "enter")  # towards Korvath
        await pilot.press("tab", "enter", "down", "enter")  # public
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "Submit 1 order" in visible(app)
        await pilot.press("enter")
        await until(pilot, HandoverScreen)
        assert "Pass the keyboard to Korvath" in visible(app) and "Start this team's turn" in visible(app)
        await pilot.press("enter")
        await until(pilot, TeamScreen)
        await pilot.press("ctrl+s")
        await pilot.press("y")  # a turn with no moves, on purpose
        await until(pilot, HandoverScreen)
        assert app.screen.argument and "Argument round" in visible(app)
        # The footer says what Enter does now (it said "Start this team's turn" in the argument round too).
        assert "Counter the free-form moves" in visible(app) and "Start this team's turn" not in visible(app)
        await pilot.press("enter")
        await until(pilot, ArgumentScreen)
        shown = visible(app)
        assert "open the ports to Aldmark" in shown and "trade wins friends" not in shown  # the reasons stay with the white cell
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "the ports are mined")
        await pilot.press("ctrl+s")
        await until(pilot, AdjudicationScreen)
        assert [c.text for c in session.pending["red"].counters] == ["the ports are mined"]
        await pilot.press("o")  # the facilitator rules on the first unruled move
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RulingDialog)
        assert "Korvath Federation counters: “the ports are mined”" in str(dialog.query_one("#counters").render())
        await pilot.press("enter", "down", "down", "enter")  # odds: likely
        form = "#on-success"
        dialog.query_one(f"{form} .team").focus()
        await pilot.press("enter", "down", "enter")  # Meridia
        await pilot.press("tab", "enter", "down", "enter")  # its first track
        await pilot.press("tab", *"0.1")
        dialog.query_one(f"{form} .more-tracks").focus()
        await pilot.press("enter")  # + another track
        await pilot.pause()
        await pilot.press("enter", "down", "down", "enter")  # Korvath
        await pilot.press("tab", "enter", "down", "enter")
        await pilot.press("tab", *"-0.1")
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"a fair point both ways", "enter")
        await pilot.pause()
        assert app.screen is not dialog, visible(app)
        [ruling] = session.interventions
        assert ruling.odds == "likely", ruling
        assert [(d.team, d.delta) for d in ruling.on_success.tracks] == [("blue", 0.1), ("red", -0.1)]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, HandoverScreen)
    record = session.records[-1]
    assert [c.text for o in record.orders if o.team == "red" for c in o.counters] == ["the ports are mined"]
    done = next(e for e in record.events if isinstance(e, ev.FreeformResolved))
    assert (done.odds, [c.text for c in done.counters]) == ("likely", ["the ports are mined"])
    moved = [e for e in record.events if isinstance(e, ev.TrackChanged) and "free-form" in e.cause]
    assert len(moved) == (2 if done.outcome == "success" else 0)
    # Aldmark, told of the public move, reads the counter beside it.
    told = describe(session.campaign, done, viewpoint(session.campaign, session.state, "green"))
    assert "Countered by Korvath Federation: “the ports are mined”." in told
    assert Session.resume(str(tmp_path / "g.toml")).records[-1] == record  # stored in the save


VOTING = parse_campaign(TUTORIAL.path, TUTORIAL.source.replace("[rules]\n", '[rules]\nodds_by = "vote"\n', 1))


async def test_where_the_uninvolved_teams_vote_the_odds_their_word_is_picked_by_keys_and_the_move_is_rolled_on_it(tmp_path):
    session = Session.start(VOTING, 3, humans=["blue", "red", "green"], path=str(tmp_path / "g.toml"))
    session.submit(TeamOrders("blue", freeform=(FreeformOrder("open the ports", "", "red", "public"),)))
    session.submit(TeamOrders("red"))
    session.submit(TeamOrders("green"))
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, HandoverScreen)
        assert app.screen.team == "red"  # the target may counter but is a party: no vote
        await pilot.press("enter")
        await until(pilot, ArgumentScreen)
        assert not app.screen.query(Select)
        await pilot.press("ctrl+s")  # passes
        await until(pilot, HandoverScreen)
        assert app.screen.team == "green"
        await pilot.press("enter")
        await until(pilot, ArgumentScreen)
        await type_text(pilot, "they never pay")
        await pilot.press("tab", "enter", *["down"] * 5, "enter")  # (no vote), almost certain … remote
        assert app.screen.query_one(Select).value == "remote"
        await pilot.press("ctrl+s")
        await until(pilot, AdjudicationScreen)
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RulingDialog) and dialog.odds() == "remote"  # the vote's median, to start from
        assert "The teams' vote sets the odds: remote" in visible(app)
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"as voted", "enter")
        await pilot.pause()
    [ruling] = session.interventions
    resolved = next(e for e in session.preview() if isinstance(e, ev.FreeformResolved))
    assert (resolved.odds, resolved.chance, resolved.voted) == ("remote", 0.05, True)
    assert [(c.team, c.text, c.odds) for c in resolved.counters] == [("green", "they never pay", "remote")]
