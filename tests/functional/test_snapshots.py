"""Snapshots of the main screens at fixed sizes, seed and orders (update with --snapshot-update)."""

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MessageOrder, TeamOrders
from wargame.session import Session
from wargame.tui.app import WargameApp

TUTORIAL = load_campaign("campaigns/tutorial.toml")


def hot_seat() -> WargameApp:
    session = Session.start(TUTORIAL, 7, humans=["blue", "red"], bots={"green": "dove"})
    return WargameApp(session=session)


def with_a_proposal() -> WargameApp:
    """Turn 2: Korvath proposed a mutual stand-down to Meridia over the hotline, Meridia had written first."""
    session = Session.start(TUTORIAL, 1, humans=["blue", "red"], bots={"green": "dove"})
    session.submit(TeamOrders("blue", messages=(MessageOrder("hotline", "We seek no wider conflict.", ("red",)),)))
    proposal = "Both fleets step back one rung; the hotline stays open while talks go on."
    session.submit(TeamOrders("red", messages=(MessageOrder("hotline", proposal, ("blue",), "stand_down"),)))
    session.submit_bots()
    session.commit()
    return WargameApp(session=session)


def finished() -> WargameApp:
    session = Session.start(TUTORIAL, 7)
    while not session.ended:
        session.submit_bots()
        session.commit()
    return WargameApp(session=session)


def keys_then_still(*keys: str):
    """Press `keys`, then stop the text cursor blinking, so the picture does not depend on when it is taken."""

    async def run_before(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        for box in pilot.app.screen.query("Input"):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


def test_the_handover_screen(snap_compare):
    assert snap_compare(hot_seat(), terminal_size=(100, 30))


def test_the_team_screen_on_a_wide_terminal(snap_compare):
    assert snap_compare(hot_seat(), run_before=keys_then_still("enter"), terminal_size=(120, 40))


def test_the_team_screen_at_80_by_24(snap_compare):
    assert snap_compare(hot_seat(), run_before=keys_then_still("enter"), terminal_size=(80, 24))


def test_the_team_screen_at_80_by_24_with_orders_staged(snap_compare):
    keys = ["enter", *"patrol", "enter", "slash", *"démarche", "enter", "slash", *"diplomatic", "down", "down"]
    assert snap_compare(hot_seat(), run_before=keys_then_still(*keys), terminal_size=(80, 24))


def test_the_inbox_at_80_by_24(snap_compare):
    assert snap_compare(with_a_proposal(), press=["enter", "alt+3", "wait:50"], terminal_size=(80, 24))


def test_the_adjudication_screen(snap_compare):
    keys = ["enter", "ctrl+s", "y"] * 2 + ["wait:50"]
    assert snap_compare(hot_seat(), press=keys, terminal_size=(100, 30))


def test_the_end_screen(snap_compare):
    assert snap_compare(finished(), terminal_size=(120, 40))
