"""The projector's ladder (folded) keeps every dyad of a 4-team campaign in sight at 80x24."""

from textual.app import App

from wargame.campaign.loader import load_campaign
from wargame.core.state import initial_state
from wargame.core.views import dyads
from wargame.tui.widgets.ladder import LadderView

TRANSATLANTIC = load_campaign("campaigns/transatlantic.toml").campaign


class OneLadder(App):
    def compose(self):
        yield LadderView()

    def on_mount(self) -> None:
        c = TRANSATLANTIC
        self.query_one(LadderView).show(c.rungs, dyads(c, initial_state(c)), c.short_names(), compact=True)


async def test_a_folded_ladder_of_six_dyads_fits_the_rows_a_projector_has_at_80_by_24():
    app = OneLadder()
    async with app.run_test(size=(78, 40)) as pilot:
        await pilot.pause()
        rows = [strip.text.rstrip() for strip in app.screen._compositor.render_strips() if strip.text.strip()]
        # The observer screen at 80x24 leaves the ladder about 16 rows (header, status, label and footer aside).
        assert len(rows) <= 15, "\n".join(rows)
        shown = "\n".join(rows)
        names = TRANSATLANTIC.short_names()
        for d in dyads(TRANSATLANTIC, initial_state(TRANSATLANTIC)):
            assert f"◆ {names[d.teams[0]]}–{names[d.teams[1]]}" in shown, shown
