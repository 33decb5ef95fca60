"""Keys a player presses in the hot-seat app, each step in one place, and what the terminal shows.

The journey tests and the replay's "play from here" test share these, so that a change of keys on the
team screen is made here once.
"""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key

from wargame.tui.screens.team import TeamScreen


def visible(app) -> str:
    """The terminal as the user sees it now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot, text: str) -> None:
    """Type `text` into the focused field in one burst: every key is sent in order and the app is waited on
    once at the end (Pilot's press waits after every key, which is slow for whole sentences)."""
    for char in text:
        key = events.Key(char if char.isalnum() else _character_to_key(char), char)
        key.set_sender(pilot.app)
        pilot.app._driver.send_message(key)
    await pilot.pause()


async def stage_first_move(pilot) -> str:
    """On a team screen: stage the first move of the catalogue that the team can afford, by keys, and
    return the staged order's line. Enter in the filter (which has the focus) stages the highlighted move
    and Down moves the highlight; this is the one place to change when the team screen's keys change."""
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen)
    for _ in range(len(screen.query_one("#catalogue").shown)):
        await pilot.press("enter")
        if screen.moves:
            break
        await pilot.press("down")  # barred or over budget: a warning, and on to the next row
    assert screen.moves, f"no move could be staged:\n{visible(pilot.app)}"
    line = screen.staged_rows()[0][0]
    assert line[:30] in visible(pilot.app)
    return line
