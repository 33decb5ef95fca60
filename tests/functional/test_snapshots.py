"""Snapshots of the main screens at fixed sizes, seed and orders (update with --snapshot-update)."""

from wargame.campaign.loader import load_campaign
from wargame.session import Session
from wargame.tui.app import WargameApp

TUTORIAL = load_campaign("campaigns/tutorial.toml")


def hot_seat() -> WargameApp:
    session = Session.start(TUTORIAL, 7, humans=["blue", "red"], bots={"green": "dove"})
    return WargameApp(session=session)


def finished() -> WargameApp:
    session = Session.start(TUTORIAL, 7)
    while not session.ended:
        session.submit_bots()
        session.commit()
    return WargameApp(session=session)


def test_the_handover_screen(snap_compare):
    assert snap_compare(hot_seat(), terminal_size=(100, 30))


def test_the_team_screen_on_a_wide_terminal(snap_compare):
    assert snap_compare(hot_seat(), press=["enter", "_"], terminal_size=(120, 40))


def test_the_team_screen_at_80_by_24(snap_compare):
    assert snap_compare(hot_seat(), press=["enter", "_"], terminal_size=(80, 24))


def test_the_adjudication_screen(snap_compare):
    keys = ["enter", "_", "ctrl+s", "_", "enter", "_"] * 2 + ["_"]
    assert snap_compare(hot_seat(), press=keys, terminal_size=(100, 30))


def test_the_end_screen(snap_compare):
    assert snap_compare(finished(), terminal_size=(120, 40))
