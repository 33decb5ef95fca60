"""The orders a team has staged this turn, editable until they are submitted."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


class StagedOrders(DataTable):
    """One row per staged move, message, free-form move or answer; Delete removes the highlighted one."""

    BINDINGS = [Binding("delete,backspace", "remove", "Remove order", show=True)]
    DEFAULT_CSS = "StagedOrders { height: auto; max-height: 12; }"

    class Removed(Message):
        """The user removed staged order `index` (in the order rows are shown)."""

        def __init__(self, index: int):
            super().__init__()
            self.index = index

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", **kwargs)
        self.count = 0

    def on_mount(self) -> None:
        self.add_columns("Staged order", "Cost")

    def show(self, rows: list[tuple[str, str]]) -> None:
        self.clear()
        self.count = len(rows)
        for label, cost in rows:
            self.add_row(label, cost)
        if not rows:
            self.add_row(Text("Nothing staged yet: pick moves above, or send a message.", style="dim"), "")

    def action_remove(self) -> None:
        if self.count and 0 <= self.cursor_row < self.count:
            self.post_message(self.Removed(self.cursor_row))
