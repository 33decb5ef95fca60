"""The free-form dialog: who is told, multi-line text with counters, and who rules on it."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Select, Static, TextArea

from wargame.tui.dialogs.freeform import ACTION_LIMIT, FreeformDialog

NAMES = {"blue": "Republic of Meridia", "red": "Korvath Federation"}


class Host(App):
    def __init__(self):
        super().__init__()
        self.result = "not yet"

    def on_mount(self) -> None:
        self.push_screen(FreeformDialog("blue", NAMES), lambda r: setattr(self, "result", r))


async def test_the_dialog_says_who_rules_counts_characters_and_refuses_an_overlong_text_out_loud():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Teams told of it may counter it, then the facilitator rules on it." in str(app.screen.query_one("#who-rules", Static).render())
        app.screen.query_one("#action", TextArea).text = "x" * (ACTION_LIMIT + 3)
        await pilot.pause()
        assert "3 too many" in str(app.screen.query_one("#action-count", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "shorten it" in str(app.screen.query_one("#problem", Static).render())
        assert app.result == "not yet"


async def test_a_staged_free_form_move_keeps_its_lines_and_the_chosen_visibility():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#action", TextArea).text = "Quietly offer\na port-access deal"
        app.screen.query_one("#argument", TextArea).text = "Splits the alliance"
        app.screen.query_one("#target", Select).value = "red"
        app.screen.query_one("#visibility", Select).value = "secret"
        await pilot.press("ctrl+s")
        await pilot.pause()
    order = app.result
    assert order.action == "Quietly offer\na port-access deal" and order.target == "red" and order.visibility == "secret"
