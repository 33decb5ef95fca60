"""`wargame join` on loopback: a team's terminal and the projector, driven by key presses against a real host."""

from __future__ import annotations

import io
import time

import pytest
from loopback import CODES, SEED, TEAMS, TUTORIAL, draft, join, scripted, within
from rich.console import Console
from textual.content import Content
from textual.widgets import DataTable, Input, Markdown

from wargame.core.orders import TeamOrders
from wargame.net.host import Host
from wargame.session import Session
from wargame.tui.join_app import JoinApp
from wargame.tui.screens.game_over import GameOverScreen
from wargame.tui.screens.join import JoinScreen
from wargame.tui.screens.observer import ObserverScreen
from wargame.tui.screens.remote_team import RemoteTeamScreen
from wargame.tui.screens.waiting import WaitingScreen

SIZE = (120, 40)
FAST = (0.05, 0.1, 0.2, 0.4)  # rejoin delays: the app's own are for people, not tests


def text_of(app, selector: str = "Static") -> str:
    """The text the current screen shows in the widgets matching `selector`."""
    parts = []
    for widget in app.screen.query(selector):
        content = widget.content
        if isinstance(content, Content):
            parts.append(content.plain)
        elif isinstance(content, str):
            parts.append(Content.from_markup(content).plain)
        else:
            console = Console(width=160, file=io.StringIO(), record=True, color_system=None)
            console.print(content)
            parts.append(console.export_text())
    return "\n".join(parts)


async def until(pilot, check, what: str, seconds: float = 5.0):
    """Let the app run until `check()` holds; fail saying `what` was expected after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        await pilot.pause(0.03)
    raise AssertionError(f"after {seconds:g} s, still waiting for: {what}")


def team_app(host: Host, team: str = "blue", code: str | None = "", **kwargs) -> JoinApp:
    return JoinApp(host.url(), team, CODES[team] if code == "" else code, retry_delays=FAST, **kwargs)


async def shown(pilot, kind: type, what: str, check=lambda screen: True):
    """The current screen once it is of `kind`, mounted and drawn, and `check(screen)` holds."""

    def ready():
        screen = pilot.app.screen
        return isinstance(screen, kind) and screen.is_mounted and check(screen) and screen

    screen = await until(pilot, ready, what)
    await pilot.pause()
    return screen


async def team_screen(pilot, turn: int = 1) -> RemoteTeamScreen:
    return await shown(pilot, RemoteTeamScreen, f"the team screen of turn {turn}", lambda s: s.turn_number == turn)


async def stage_move(pilot, words: str) -> None:
    pilot.app.screen.query_one("#move-filter", Input).focus()
    await pilot.press(*words)
    await pilot.press("enter", "enter")
    await pilot.pause()


async def submit(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_team_stages_and_submits_by_key_presses_waits_for_the_others_and_sees_the_next_turn(host):
    app = team_app(host)
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_screen(pilot)
        assert "Republic of Meridia · turn 1 of 5" in text_of(app, "#team-header")
        assert app.screen.query_one(Markdown).source.startswith("# Republic of Meridia")
        await stage_move(pilot, "patrol")
        assert [m.move for m in screen.moves] == ["patrol"]
        await until(pilot, lambda: host.draft("blue") and host.draft("blue").moves, "the draft staged on the host")
        assert "blue" not in host.session.pending  # staged is not submitted
        await submit(pilot)
        await until(pilot, lambda: "blue" in host.session.pending, "blue's orders on the host")
        assert [m.move for m in host.session.pending["blue"].moves] == ["patrol"]
        await shown(pilot, WaitingScreen, "the waiting screen")
        listed = text_of(app, "#waiting-teams")
        assert "✓ Republic of Meridia — orders in" in listed and "… Korvath Federation — still deciding" in listed

        red, green = await join(host, "red"), await join(host, "green")
        await within(red.submit(scripted("red", 1)))
        await until(pilot, lambda: "✓ Korvath Federation" in text_of(app, "#waiting-teams"), "red shown as submitted")
        assert "Orders in: ✓ Meridia · ✓ Korvath · … Aldmark" in text_of(app, "#turn-status")
        await within(green.submit(scripted("green", 1)))
        await team_screen(pilot, turn=2)
        assert "turn 2 of 5" in text_of(app, "#team-header")
        assert "Freedom-of-navigation patrol" in text_of(app, "#last-turn")
        assert app.screen.moves == []  # a new turn starts with a clean sheet
        await red.close(), await green.close()


async def test_the_join_screen_asks_for_a_missing_code_masks_it_and_explains_a_wrong_one(host):
    app = team_app(host, code=None)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, JoinScreen, "the join screen")
        code = app.screen.query_one("#code", Input)
        await until(pilot, lambda: code.has_focus, "the cursor in the code field")
        await pilot.press(*"not-the-code")
        assert code.password and "not-the-code" not in str(code.render_line(0).text)  # masked on screen
        await pilot.press("enter")
        await until(pilot, lambda: "wrong code for blue" in text_of(app, "#join-problem"), "the refusal on the join screen")
        assert isinstance(app.screen, JoinScreen) and not code.disabled and code.has_focus
        code.value = ""
        await pilot.press(*CODES["blue"], "enter")
        await team_screen(pilot)


async def test_an_unreachable_host_is_explained_on_the_join_screen_without_a_traceback():
    app = JoinApp("ws://127.0.0.1:9", "blue", "some-code", retry_delays=FAST)
    async with app.run_test(size=SIZE) as pilot:
        problem = await until(pilot, lambda: text_of(app, "#join-problem"), "a problem on the join screen")
        assert problem.startswith("Could not join: cannot reach ws://127.0.0.1:9")
        assert "Traceback" not in problem


async def test_the_projector_shows_the_ladder_and_public_news_but_no_teams_secrets(host):
    clients = {team: await join(host, team) for team in TEAMS}
    app = JoinApp(host.url(), observer=True, retry_delays=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, ObserverScreen, "the observer screen")
        for team, client in clients.items():
            await within(client.stage(draft(team, 1)))
            await within(client.submit(scripted(team, 1)))
        await until(pilot, lambda: "turn 2 of 5" in text_of(app, "#observer-header"), "turn 2 on the projector")
        screen_text = text_of(app)
        assert "firebreak" in screen_text and "◆ Meridia–Korvath" in screen_text  # the ladder with its dyads
        assert "crisis: " in text_of(app, "#observer-header")
        assert "Turn 1" in text_of(app, "#public-log")
        for secret in ("-ONLY-", "-TO-", "-DRAFT-"):
            assert secret not in screen_text
    for client in clients.values():
        await client.close()


async def test_at_80_by_24_the_projector_shows_where_every_dyad_stands_without_scrolling(host):
    app = JoinApp(host.url(), observer=True, retry_delays=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown(pilot, ObserverScreen, "the observer screen")
        await pilot.pause()
        on_screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        for pair in ("Meridia–Korvath", "Meridia–Aldmark", "Korvath–Aldmark"):
            assert f"◆ {pair}" in on_screen, on_screen
        assert "empty rung" in on_screen  # the empty rungs are folded, not listed


async def test_a_dropped_connection_is_shown_rejoins_by_itself_and_keeps_the_draft(host):
    app = team_app(host)
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_screen(pilot)
        await stage_move(pilot, "patrol")
        await until(pilot, lambda: host.draft("blue") and host.draft("blue").moves, "the draft staged on the host")
        first = app.client
        first._ws.transport.abort()  # as a dropped network would
        await until(pilot, lambda: "Rejoining" in text_of(app, "#turn-status"), "the lost connection on the status line")
        await until(pilot, lambda: app.client is not first and not app.client.closed, "a new connection")
        await until(pilot, lambda: not app.problem, "the status line clear again")
        assert app.screen is screen and [m.move for m in screen.moves] == ["patrol"]
        assert [m.move for m in host.draft("blue").moves] == ["patrol"]
        await stage_move(pilot, "démarche")  # edits after rejoining are staged too
        await until(pilot, lambda: len(host.draft("blue").moves) == 2, "the new edit staged")


async def test_a_team_that_joins_again_from_a_new_terminal_finds_its_draft(host):
    first = team_app(host)
    async with first.run_test(size=SIZE) as pilot:
        await team_screen(pilot)
        await stage_move(pilot, "patrol")
        await until(pilot, lambda: host.draft("blue") and host.draft("blue").moves, "the draft staged on the host")
    again = team_app(host)
    async with again.run_test(size=SIZE) as pilot:
        screen = await team_screen(pilot)
        assert [m.move for m in screen.moves] == ["patrol"]
        assert screen.query_one("#staged").get_row_at(0)[0].startswith("Move: Freedom-of-navigation patrol")


async def test_a_team_that_has_submitted_can_take_its_orders_back_to_change_them(host):
    app = team_app(host)
    async with app.run_test(size=SIZE) as pilot:
        await team_screen(pilot)
        await stage_move(pilot, "patrol")
        await submit(pilot)
        await shown(pilot, WaitingScreen, "the waiting screen")
        await pilot.press("e")
        screen = await team_screen(pilot)
        assert [m.move for m in screen.moves] == ["patrol"]
        assert "blue" not in host.session.pending


async def test_a_team_terminal_has_no_facilitator_console(host):
    app = team_app(host)
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_screen(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is screen
        assert "Facilitator" not in [c.title for c in app.screen_commands(screen)]


async def test_the_end_card_says_why_the_game_ended_and_shows_the_scores(tmp_path):
    session = Session.start(TUTORIAL, SEED, humans=list(TEAMS), turns=1, path=str(tmp_path / "short.toml"))
    host = Host(session, codes=dict(CODES))
    await within(host.start("127.0.0.1", 0))
    try:
        others = [await join(host, team) for team in ("red", "green")]
        app = team_app(host)
        async with app.run_test(size=SIZE) as pilot:
            await team_screen(pilot)
            for client in others:
                await within(client.submit(TeamOrders(client.team)))
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("y")  # a turn with no moves is handed in only when the team says so
            await shown(pilot, GameOverScreen, "the end card")
            assert "Time ran out — on turn 1" in text_of(app, "#over-reason")
            assert app.screen.query_one("#scores", DataTable).row_count == 3
            await pilot.pause(0.3)
            assert not app.problem and isinstance(app.screen, GameOverScreen)  # no rejoining a finished game
    finally:
        await within(host.stop(), 15)


async def test_on_an_80_by_24_terminal_the_status_line_sits_under_the_team_header(host):
    app = team_app(host)
    async with app.run_test(size=(80, 24)) as pilot:
        await team_screen(pilot)
        status = app.screen.query_one("#turn-status")
        assert status.region.height >= 1 and status.region.y < 5


BAD_JOINS = {
    "not a ws:// address": (("http://127.0.0.1:8765", "--team", "blue"), "is not a host address"),
    "no host name": (("ws://:8765",), "is not a host address"),
    "a port that is no number": (("ws://127.0.0.1:port",), "is not a host address"),
    "an observer with a team": (("ws://127.0.0.1:8765", "--observer", "--team", "blue"), "--observer watches without a team"),
    "an observer with a code": (("ws://127.0.0.1:8765", "--observer", "--code", "x"), "--observer watches without a team"),
}


@pytest.mark.parametrize("args, message", BAD_JOINS.values(), ids=BAD_JOINS.keys())
def test_a_bad_join_line_exits_2_with_a_message_before_any_screen_opens(capsys, args, message):
    from wargame.cli import main

    assert main(["join", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
