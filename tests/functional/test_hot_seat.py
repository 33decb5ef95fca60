"""A hot-seat seminar driven by key presses: handovers, team screens, adjudication, facilitator rulings."""

import pytest
from textual.widgets import DataTable, Input, Static, TabbedContent, TextArea

from wargame.campaign.loader import load_campaign
from wargame.persistence.saves import load_save
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

from test_no_leaks import plain, screen_text

TUTORIAL = load_campaign("campaigns/tutorial.toml")
SIZE = (120, 40)


@pytest.fixture
def game(tmp_path):
    def start(passphrase=""):
        session = Session.start(
            TUTORIAL, 7, humans=["blue", "red"], bots={"green": "dove"},
            path=str(tmp_path / "game.toml"), passphrase=passphrase,
        )
        return session, WargameApp(session=session)

    return start


async def stage_move(pilot, words):
    """Clear the filter, type in it and stage the first matching move with one Enter."""
    await pilot.press("slash", *words, "enter")
    await pilot.pause()


async def submit(pilot):
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_hot_seat_turn_is_played_through_key_presses(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "blue"
        await pilot.press("enter")
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "blue"
        await stage_move(pilot, "patrol")
        assert [m.move for m in app.screen.moves] == ["patrol"]
        await submit(pilot)
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "red"
        await pilot.press("enter")
        await stage_move(pilot, "démarche")
        assert [m.move for m in app.screen.moves] == ["demarche"]
        await submit(pilot)
        assert isinstance(app.screen, AdjudicationScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session.turn == 2
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "blue"
    by_team = {o.team: o for o in session.records[0].orders}
    assert [m.move for m in by_team["blue"].moves] == ["patrol"]
    assert [m.move for m in by_team["red"].moves] == ["demarche"]
    assert "green" in by_team  # the bot played its part
    assert load_save(session.path).save.turns == tuple(session.records)


def told_text(app, selector: str) -> str:
    """The text of the widgets `selector` picks (tables cell by cell, the rest as drawn content)."""
    parts = []
    for widget in app.screen.query(selector):
        for part in widget.query("*").nodes + [widget]:
            if isinstance(part, DataTable):
                parts += [plain(cell) for key in part.rows for cell in part.get_row(key)]
            elif isinstance(part, Static):
                parts.append(plain(part.content))
    assert parts, f"nothing found for {selector}"
    return " ".join(parts)


async def test_the_handover_screen_shows_nothing_of_the_previous_teams_orders(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await stage_move(pilot, "patrol")
        # The oracle can see the order where it should be: on Blue's own screen, before the handover.
        assert "Freedom-of-navigation" in told_text(app, "#staged, #full-log, #last-turn")
        await submit(pilot)
        assert isinstance(app.screen, HandoverScreen)
        assert not [s for s in app.screen_stack if isinstance(s, TeamScreen)]
        shown = screen_text(app)
        assert "Freedom-of-navigation" not in shown and "Pass the keyboard to Korvath Federation" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "red"
        # Red's own catalogue lists the patrol too; what must not show is Blue's order or its outcome.
        assert "Freedom-of-navigation" not in told_text(app, "#staged, #full-log, #last-turn")


async def test_a_facilitator_override_with_its_reason_ends_up_in_the_save(game):
    session, app = game(passphrase="white cell")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await pilot.press("enter")
            await stage_move(pilot, "démarche")
            await submit(pilot)
        assert isinstance(app.screen, AdjudicationScreen)
        screen = app.screen
        row = next(i for i, e in enumerate(screen.rows) if type(e).__name__ == "MoveResolved")
        screen.query_one("#outcomes").highlighted = row
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseDialog"  # still asking
        await pilot.press(*"white cell", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RulingDialog"
        app.screen.query_one("#reason", Input).value = "The white cell rules the note was never delivered"
        app.screen.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert session.interventions and session.interventions[0].kind == "override"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session.turn == 2
    saved = load_save(session.path).save.turns[0]
    assert saved.interventions[0].reason == "The white cell rules the note was never delivered"
    overridden = [e for e in saved.events if getattr(e, "override", "")]
    assert overridden and overridden[0].override == saved.interventions[0].reason
    assert "white cell" not in open(session.path, encoding="utf-8").read().split("passphrase")[1][:120]


async def test_digits_typed_in_the_move_filter_stay_in_the_filter(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = app.screen
        screen.query_one("#move-filter", Input).focus()
        await pilot.press("2", "3")
        assert screen.query_one("#move-filter", Input).value == "23"
        assert screen.query_one("#situation", TabbedContent).active == "situation"


async def test_a_team_can_stage_a_message_and_a_free_form_move(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"We seek no wider conflict.", "enter", *"Talk to us.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#action", TextArea).text = "Invite observers aboard our patrol ships"
        app.screen.query_one("#argument", TextArea).text = "Transparency lowers the risk of miscalculation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        team = app.screen
        assert [m.text for m in team.messages] == ["We seek no wider conflict.\nTalk to us."]
        assert [f.action for f in team.freeform] == ["Invite observers aboard our patrol ships"]
        await submit(pilot)
    staged = session.pending["blue"]
    assert staged.messages[0].channel == "hotline" and staged.freeform[0].argument.startswith("Transparency")


async def test_a_resumed_game_goes_on_with_the_orders_already_submitted(game, tmp_path):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await stage_move(pilot, "patrol")
        await submit(pilot)
        await pilot.press("enter")
        await stage_move(pilot, "démarche")  # red is typing when the laptop dies
    resumed = WargameApp(resume=session.path)
    async with resumed.run_test(size=SIZE) as pilot:
        assert isinstance(resumed.screen, HandoverScreen) and resumed.screen.team == "red"
        assert [m.move for m in resumed.session.pending["blue"].moves] == ["patrol"]
        assert "red" not in resumed.session.pending


async def test_the_help_screen_lists_this_screens_keys(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        titles = app.screen.table(app.screen.screen_commands).columns[1]._cells
        assert "Submit orders" in titles and "Free-form" in titles
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)


async def test_the_facilitator_can_fire_an_inject_from_the_console(game):
    session, app = game()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        console = app.screen
        assert type(console).__name__ == "FacilitatorScreen"
        manual = [i for i, inj in enumerate(session.campaign.injects) if inj.turn is None and inj.when is None][0]
        console.query_one("#injects").move_cursor(row=manual)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "to test the alliance"
        await pilot.press("enter")
        await pilot.pause()
        assert [i.kind for i in session.interventions] == ["fire_inject"]
        assert any(type(e).__name__ == "InjectFired" for e in session.preview())
