"""Every outcome line of the adjudication list is shown whole, whatever the width (a roll without its number was seen)."""

import pytest
from textual.widgets import OptionList

from wargame.campaign.loader import load_campaign
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen

TUTORIAL = load_campaign("campaigns/tutorial.toml")


def rendered_text(listing: OptionList) -> str:
    """The whole list as a user scrolling through it would read it, lines joined."""
    lines: dict[int, str] = {}
    for top in range(0, listing.virtual_size.height, listing.size.height):
        listing.scroll_to(y=top, animate=False, immediate=True)
        offset = listing.scroll_offset.y  # the last page stops at the end of the list
        for y in range(listing.size.height):
            lines[offset + y] = listing.render_line(y).text.strip()
    return " ".join(" ".join(lines[n] for n in sorted(lines)).split())


@pytest.mark.parametrize("width", [80, 100, 120, 140])
async def test_no_outcome_loses_its_last_wrapped_line(width):
    session = Session.start(TUTORIAL, 1)
    session.submit_bots()
    app = WargameApp(session=session)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        screen.full = True  # the facilitator's view: the longest list
        screen.refresh_outcomes()
        await pilot.pause()
        listing = screen.query_one("#outcomes", OptionList)
        assert listing.virtual_size.height > listing.size.height, "the list must scroll for this test to mean anything"
        shown = rendered_text(listing)
        for option in listing.options:
            whole = " ".join(str(option.prompt).split())
            assert whole in shown, f"cut at width {width}: {whole}"
