"""Free-form moves over the network with no facilitator (issue 15, item 6): a headless host tells a
team before it writes one that nobody can rule on it, unless it rolls them on the campaign's default
odds (`host --headless --auto-odds`), in which case they are ruled, rolled and recorded."""

from __future__ import annotations

from loopback import join, scripted, within

from wargame.core import events as ev


async def test_a_host_with_a_facilitator_takes_free_form_moves_and_says_nothing_against_them(host):
    blue = await join(host, "blue")
    assert blue.welcome.freeform == ""
    await within(blue.close())


async def test_a_host_without_a_white_cell_tells_each_team_on_joining_that_free_form_moves_are_refused(host):
    host.white_cell = False  # as `wargame host --headless` serves
    blue = await join(host, "blue")
    assert blue.welcome.freeform.startswith("this game runs without a facilitator (a headless host), so nobody can rule")
    await within(blue.close())


async def test_with_auto_odds_a_host_without_a_white_cell_rolls_free_form_moves_on_the_default_odds(host):
    host.white_cell, host.auto_odds = False, "even chance"  # as `wargame host --headless --auto-odds` serves
    clients = {team: await join(host, team) for team in ("blue", "red", "green")}
    assert clients["blue"].welcome.freeform == ""
    for team, client in clients.items():
        await within(client.submit(scripted(team, 1)))
    await within(clients["blue"].wait_for(lambda u: u.turn == 2))
    record = host.session.records[0]
    ruled = [i for i in record.interventions if i.kind == "adjudicate"]
    assert ruled and all(i.odds == "even chance" and "no facilitator at this host" in i.reason for i in ruled)
    rolled = [e for e in record.events if isinstance(e, ev.FreeformResolved)]
    assert rolled and all(e.odds == "even chance" and e.chance == 0.5 and e.outcome == ("success" if e.roll < 0.5 else "failure") for e in rolled)
    for client in clients.values():
        await within(client.close())


async def test_on_a_headless_host_ctrl_o_says_why_there_are_no_free_form_moves_and_opens_no_dialog(host):
    from test_join_tui import shown, team_app

    from wargame.tui.screens.remote_team import RemoteTeamScreen

    host.white_cell = False
    app = team_app(host)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot, RemoteTeamScreen, "blue's team screen")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen is screen  # no free-form dialog to write into
        notes = [n.message for n in app._notifications]
        assert any(n.startswith("This game runs without a facilitator (a headless host)") for n in notes), notes
