"""The team screen played by key presses at 80x24 and wide: staging, the filter, panels, submitting, the layout."""

import pytest
from textual import events
from textual.widgets import DataTable, Input, TabbedContent

from wargame.campaign.loader import load_campaign
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

TUTORIAL = load_campaign("campaigns/tutorial.toml")
SMALL, WIDE = (80, 24), (120, 40)


def team_app(campaign=TUTORIAL) -> tuple[Session, WargameApp]:
    teams = [t.id for t in campaign.campaign.teams]
    session = Session.start(campaign, 7, humans=teams[:2], bots={t: "dove" for t in teams[2:]})
    return session, WargameApp(session=session)


async def open_team_screen(pilot) -> TeamScreen:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TeamScreen)
    return pilot.app.screen


def filter_box(screen) -> Input:
    return screen.query_one("#move-filter", Input)


def table_text(screen) -> str:
    """The move table as drawn on screen, one line per screen row."""
    table = screen.query_one("#move-table", DataTable)
    strips = screen.app.screen._compositor.render_strips()
    region = table.region
    return "\n".join(strip.text[region.x : region.right] for strip in strips[region.y : region.bottom])


def visible_move_rows(screen) -> int:
    table = screen.query_one("#move-table", DataTable)
    return min(table.row_count, table.scrollable_content_region.height - table.header_height)


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_one_enter_in_the_filter_stages_the_highlighted_move(size):
    session, app = team_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_team_screen(pilot)
        assert screen.focused is filter_box(screen)
        await pilot.press(*"patrol", "enter")
        await pilot.pause()
        assert [m.move for m in screen.moves] == ["patrol"]
        await pilot.press("enter")  # a second Enter out of habit does not stage it twice
        await pilot.pause()
        assert [m.move for m in screen.moves] == ["patrol"]


async def test_up_and_down_in_the_filter_move_the_highlight_that_enter_stages():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"diplomatic", "down", "down", "up")
        assert screen.focused is filter_box(screen)
        highlighted = screen.query_one("#catalogue").highlighted()
        assert highlighted is screen.query_one("#catalogue").shown[1]
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.move, m.target) for m in screen.moves] == [(highlighted.move, highlighted.target or None)]


async def test_a_new_search_highlights_its_first_match_not_the_row_an_earlier_search_left():
    # Seen in play: "staff", Down, "/", "staff", Enter staged the talks with the second target.
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"staff", "down", "slash", *"staff")
        await pilot.pause()
        catalogue = screen.query_one("#catalogue")
        first = catalogue.shown[0]
        assert catalogue.highlighted() is first
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.move, m.target) for m in screen.moves] == [(first.move, first.target or None)]


async def test_slash_clears_the_filter_and_focuses_it_from_the_filter_and_from_the_table():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"patrol", "slash", *"raise")
        assert filter_box(screen).value == "raise"
        screen.query_one("#move-table", DataTable).focus()
        await pilot.press("slash")
        assert screen.focused is filter_box(screen) and filter_box(screen).value == ""


def burst(app, text: str, *keys: str) -> None:
    """Keys as a fast typist's arrive: all at once, before the app has handled the first."""
    for char in text:
        app._driver.send_message(events.Key(char if char.isalnum() else {"/": "slash", " ": "space"}[char], char))
    for key in keys:
        app._driver.send_message(events.Key(key, None))


async def test_a_slash_typed_fast_after_other_letters_starts_a_clean_search():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        burst(app, "patrol/raise")
        await pilot.pause(0.2)
        assert filter_box(screen).value == "raise"


async def test_a_message_typed_fast_and_staged_with_ctrl_s_keeps_its_last_words():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        burst(app, "We will not back down", "ctrl+s")
        await pilot.pause(0.3)
        assert [m.text for m in screen.messages] == ["We will not back down"]


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_alt_digits_switch_panels_while_typing_in_the_filter_and_plain_digits_outside_it(size):
    session, app = team_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_team_screen(pilot)
        tabs = screen.query_one("#situation", TabbedContent)
        await pilot.press(*"pat", "alt+2")
        assert tabs.active == "ladder" and filter_box(screen).value == "pat"
        assert screen.query_one("#ladder-view").region.height > 0  # the panel is on screen
        await pilot.press("slash")
        assert screen.focused is filter_box(screen)
        assert screen.query_one("#move-table").region.height > 0  # and the catalogue is back
        screen.query_one("#move-table", DataTable).focus()
        await pilot.press("5")
        assert tabs.active == "log"


async def test_alt_digits_as_xterm_and_tmux_send_them_switch_panels_from_the_filter():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"pat")
        # Esc+2 and Option+2 both reach Textual as "™" (trade_mark_sign), not as alt+2.
        for key, char, tab in (("trade_mark_sign", "™", "ladder"), ("section_sign", "§", "briefing"),
                               ("pound_sign", "£", "inbox")):
            app._driver.send_message(events.Key(key, char))
            await pilot.pause()
            assert screen.query_one("#situation", TabbedContent).active == tab
        assert filter_box(screen).value == "pat"


async def test_the_footer_and_help_list_the_keys_that_work_at_80_by_24():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_team_screen(pilot)
        footer = "".join(s.text for s in app.screen._compositor.render_strips()[-1:])
        for shown in ("^S Submit", "/ Find", "Alt+1…6 Panels", "F1 Help"):
            assert shown in footer
        await pilot.press("f1")
        await pilot.pause()
        keys = app.screen.table(app.screen.screen_commands).columns[0]._cells
        assert {"/", "Alt+1", "Alt+6", "Enter", "Esc", "a", "r"} <= set(keys)


async def staged_a_message_only(pilot) -> TeamScreen:
    screen = await open_team_screen(pilot)
    await pilot.press("ctrl+t")
    await pilot.pause()
    await pilot.press(*"We seek no wider conflict.", "ctrl+s")
    await pilot.pause()
    assert len(screen.messages) == 1
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "Submit a turn with no moves" in str(app_screen_text(pilot))
    return screen


def app_screen_text(pilot) -> str:
    return " ".join(str(w.render()) for w in pilot.app.screen.query("Label, Button"))


async def test_a_turn_of_messages_only_asks_first_and_enter_goes_back_to_the_catalogue():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await staged_a_message_only(pilot)
        await pilot.press("enter")  # the stray Enter answers "go back"
        await pilot.pause()
        assert app.screen is screen and "blue" not in session.pending


async def test_a_turn_with_no_moves_is_submitted_when_the_team_says_so():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        await staged_a_message_only(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "red"
        assert not session.pending["blue"].moves and len(session.pending["blue"].messages) == 1


async def test_keys_typed_right_after_tab_land_in_the_field_tab_moved_to():
    app = WargameApp(campaign="campaigns/tutorial.toml", seed=7)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).focus()
        await pilot.pause()
        # As a fast typist's keys arrive: all at once, before the app has handled the first.
        for key in ("p", "w", "tab", "p", "w"):
            app._driver.send_message(events.Key(key, None if key == "tab" else key))
        await pilot.pause(0.2)
        assert app.screen.query_one("#passphrase", Input).value == "pw"
        assert app.screen.query_one("#confirm", Input).value == "pw"


async def test_four_staged_orders_leave_at_least_eight_catalogue_rows_at_80_by_24():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"suspend the hotline", "enter")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"one", "ctrl+s")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"two", "ctrl+s")
        await pilot.press("slash", *"démarche korvath", "enter", "slash")
        await pilot.pause()
        assert len(screen.staged_rows()) == 4
        assert visible_move_rows(screen) >= 8


async def test_the_four_team_campaign_keeps_eight_rows_and_the_chance_column_at_80_by_24():
    session, app = team_app(load_campaign("campaigns/transatlantic.toml"))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        assert screen.query_one("#team-header").region.height == 1
        assert visible_move_rows(screen) >= 8
        assert "Chance / why not" in table_text(screen)


async def test_at_80_by_24_the_chance_column_is_whole_and_a_barred_moves_reason_is_read_in_full():
    session, app = team_app(load_campaign("campaigns/transatlantic.toml"))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        text = table_text(screen)
        assert "Chance / why not" in text and "Expel intelligence officers" in text
        await pilot.press(*"standstill dravnia")
        await pilot.pause()
        option = screen.query_one("#catalogue").highlighted()
        assert option.refusal == "the dyad with Dravnian Federation is below Mobilisation"
        detail = str(screen.query_one("#move-detail").render())
        assert f"Cannot be made: {option.refusal}." in " ".join(detail.split())


async def test_on_a_wide_terminal_a_barred_moves_reason_wraps_in_its_row_uncut():
    session, app = team_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"aldmark diplomatic")
        await pilot.pause()
        text = table_text(screen)
        assert "Commonwealth of Aldmark is an ally; this move" in text and "targets rivals" in text
        assert "Commonwealt…" not in text and "…" not in text


async def test_the_kind_column_reads_words_and_the_chance_detail_starts_from_the_base():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        text = table_text(screen)
        assert "Diplomatic" in text and "Military" in text and " dipl " not in text
        await pilot.press(*"patrol")
        await pilot.pause()
        detail = " ".join(str(screen.query_one("#move-detail").render()).split())
        assert "Chance 88%: base 80%," in detail


async def test_the_ladder_at_80_by_24_shows_every_dyad_without_scrolling_and_names_their_rung():
    session, app = team_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press("alt+2")
        await pilot.pause()
        lines = [s.text.rstrip() for s in app.screen._compositor.render_strips()]
        shown = "\n".join(lines)
        for dyad in ("◆ Meridia–Korvath", "◆ Meridia–Aldmark", "◆ Korvath–Aldmark"):
            assert dyad in shown
        # Two dyads on one rung are listed under its name, never on a line that reads like a rung of its own.
        for i, line in enumerate(lines):
            if line.strip().startswith("◆"):
                above = next(x for x in reversed(lines[:i]) if not x.strip().startswith("◆"))
                assert above.strip() and not above.strip().startswith(("──", "⋮"))


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_ctrl_y_gives_the_staged_move_a_rationale_that_goes_with_the_orders(size):
    from wargame.tui.dialogs.note import NoteDialog

    session, app = team_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_team_screen(pilot)
        await pilot.press(*"patrol", "enter", "ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Show the flag", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert [(m.move, m.rationale) for m in screen.orders().moves] == [("patrol", "Show the flag")]
        assert "why: “Show the flag”" in screen.staged_rows()[0][0]
        await pilot.press("enter")  # staging the same move again still counts as staged already
        await pilot.pause()
        assert len(screen.moves) == 1
