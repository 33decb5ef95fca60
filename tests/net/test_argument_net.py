"""The argument round over loopback with a console host, by key presses on both terminals: Meridia
submits a public free-form move, Korvath's terminal offers it to counter and Korvath counters it on its
own screen; the facilitator's ruling dialog shows the counter, the odds are set in words, the roll
decides, and the counter reaches the save and every team told of the move. A move Korvath may not
read (target-only towards Aldmark, secret) is never offered to it."""

from __future__ import annotations

import pytest
from loopback import join, within
from test_host_console import close_all, commit, console_app, hosting, until
from test_join_tui import shown

from wargame.core import events as ev
from wargame.core.orders import FreeformOrder, TeamOrders
from wargame.net.client import Client
from wargame.tui.dialogs.counter import CounterDialog
from wargame.tui.join_app import JoinApp
from wargame.tui.screens.host_adjudication import HostAdjudicationScreen
from wargame.tui.screens.waiting import WaitingScreen

MOVES = (
    FreeformOrder("open the ports to all", "trade wins friends", "red", "public"),
    FreeformOrder("whisper to Aldmark", "", "green", "target"),  # Korvath may not read it
    FreeformOrder("plant a bug", "", "red", "secret"),  # nobody but the white cell reads it
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "wide"])
async def test_a_team_counters_over_the_network_and_the_console_host_rules_on_odds_in_words(tmp_path, size):
    app = console_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await hosting(pilot)
        host = app.host
        blue = await within(Client.connect(host.url(), "blue", host.codes["blue"]))
        red_app = JoinApp(host.url(), "red", host.codes["red"], retry_delays=(0.05, 0.1))
        try:
            async with red_app.run_test(size=size) as red:
                await within(blue.submit(TeamOrders("blue", freeform=MOVES)))
                await within(red_app.client.submit(TeamOrders("red")))
                waiting = await shown(red, WaitingScreen, "red's waiting screen with a move to counter",
                                      lambda s: bool(s.session.update.arguing))
                [offered] = waiting.session.update.arguing  # only the public move
                assert "open the ports to all" in offered.text and "trade wins friends" not in offered.text
                await red.press("a")
                dialog = await shown(red, CounterDialog, "the counter dialog")
                assert "whisper" not in str(dialog.moves) and "plant a bug" not in str(dialog.moves)
                await red.press(*"the ports are mined")
                await red.press("ctrl+s")
                await until(pilot, lambda: host.session.pending.get("red") and host.session.pending["red"].counters)
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, HostAdjudicationScreen))
            await pilot.press("o")  # the first unruled free-form move: the public one
            await until(pilot, lambda: type(app.screen).__name__ == "RulingDialog")
            dialog = app.screen
            assert "Korvath Federation counters: “the ports are mined”" in str(dialog.query_one("#counters").render())
            await pilot.press("enter", "down", "down", "enter")  # odds: likely
            dialog.query_one("#on-success .inject").focus()
            await pilot.press(*"ports open")
            dialog.query_one("#reason").focus()
            await pilot.press(*"fair", "enter")
            await until(pilot, lambda: bool(app.session.interventions))
            assert app.session.interventions[0].odds == "likely"
            await commit(pilot)
            update = await within(blue.wait_for(lambda u: u.turn == 2))
        finally:
            await close_all({"blue": blue})
        await within(host.stop())
    record = app.session.records[0]
    assert [c.text for o in record.orders if o.team == "red" for c in o.counters] == ["the ports are mined"]
    done = next(e for e in record.events if isinstance(e, ev.FreeformResolved) and e.index == 0)
    assert done.odds == "likely" and [c.team for c in done.counters] == ["red"]
    told = [s.text for s in update.view.events if "open the ports to all" in s.text]
    assert told and "Countered by Korvath Federation: “the ports are mined”." in told[0]


async def test_on_a_host_that_adjudicates_once_all_are_in_a_team_counters_before_it_submits(host):
    from test_join_tui import team_app, team_screen

    blue = await join(host, "blue")
    green = await join(host, "green")
    app = team_app(host, "red")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await team_screen(pilot)
            await within(blue.submit(TeamOrders("blue", freeform=(MOVES[0],))))
            await shown(pilot, type(screen), "the move to counter", lambda s: bool(s.session.update.arguing))
            await pilot.press("ctrl+k")
            await shown(pilot, CounterDialog, "the counter dialog")
            await pilot.press(*"the ports are mined", "ctrl+s")
            await shown(pilot, type(screen), "the team screen again")
            await pilot.press("ctrl+s", "y")  # a turn with no moves, but a counter
            await shown(pilot, WaitingScreen, "red's waiting screen")
            await within(green.submit(TeamOrders("green")))
            await within(blue.wait_for(lambda u: u.turn == 2))
    finally:
        await within(blue.close())
        await within(green.close())
    done = next(e for e in host.session.records[0].events if isinstance(e, ev.FreeformResolved))
    assert [(c.team, c.text) for c in done.counters] == [("red", "the ports are mined")]


async def test_a_move_a_team_may_not_read_sends_it_no_update_and_one_it_may_read_does(host):
    import json

    blue = await join(host, "blue", keep_transcript=True)
    red = await join(host, "red")
    await within(blue.wait_for(lambda u: u.connected == ("blue", "red")))
    await within(red.submit(TeamOrders("red", freeform=(FreeformOrder("plant a bug", "", "blue", "secret"),))))
    await within(blue.wait_for(lambda u: u.submitted == ("red",)))
    assert [json.loads(f)["kind"] for f in blue.transcript[2:]] == ["status", "status"]  # as for any orders
    await within(red.submit(TeamOrders("red", freeform=(FreeformOrder("open the ports", "", "blue", "target"),))))
    update = await within(blue.wait_for(lambda u: bool(u.arguing)))
    assert [m.text for m in update.arguing] == ["Korvath Federation: “open the ports” (towards you; told only to its target)"]
    await within(blue.close())
    await within(red.close())
