"""A text chart of each dyad's rung over the turns, with bands and firebreaks marked."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

MARKS = "●▲■◆★✚✖◇"


class EscalationChart(Static):
    """Rungs up the side, turns along the bottom, one mark per dyad."""

    DEFAULT_CSS = """
    EscalationChart { height: auto; padding: 0 1; }
    """

    def __init__(self, rungs: list[dict], history: dict[str, list[str]], names: dict[str, str], **kwargs):
        super().__init__(**kwargs)
        self.rungs = rungs
        self.history = history
        self.names = names

    def on_mount(self) -> None:
        self.update(self.render_chart())

    def set_history(self, history: dict[str, list[str]]) -> None:
        self.history = history
        self.update(self.render_chart())

    def render_chart(self) -> Group:
        index = {r["id"]: i for i, r in enumerate(self.rungs)}
        turns = max((len(h) for h in self.history.values()), default=0)
        dyads = list(self.history)
        top = max((index[r] for h in self.history.values() for r in h), default=0)
        shown = range(min(len(self.rungs) - 1, top + 1), -1, -1)
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True, overflow="ellipsis", max_width=18)
        for _ in range(turns):
            # Narrow fixed columns: a squeezed chart must still show every turn.
            table.add_column(justify="center", no_wrap=True, min_width=2, max_width=2)
        for i in shown:
            rung = self.rungs[i]
            mark = "╪ " if rung.get("firebreak") else "✖ " if rung.get("terminal") else ""
            style = "bold red" if rung.get("terminal") else "bold yellow" if rung.get("firebreak") else ""
            label = Text(mark + rung["name"], style=style)
            cells = []
            for t in range(turns):
                here = [MARKS[d % len(MARKS)] for d, key in enumerate(dyads) if t < len(self.history[key]) and index[self.history[key][t]] == i]
                # Two marks fit a cell; more dyads on one rung show as the first and a "+".
                shown_marks = "".join(here) if len(here) <= 2 else here[0] + "+"
                cells.append(Text(shown_marks or "·", style="bold" if here else "dim"))
            table.add_row(label, *cells)
        table.add_row(Text("turn", style="dim"), *[Text("0" if t == 0 else str(t), style="dim") for t in range(turns)])
        legend = Text()
        for d, key in enumerate(dyads):
            a, b = key.split("-", 1)
            legend.append(f"{MARKS[d % len(MARKS)]} {self.names.get(a, a)}–{self.names.get(b, b)}  ")
        legend.append("\n╪ firebreak  ✖ terminal  · turn 0 is the start", style="dim")
        return Group(table, legend)
