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
        table.add_column(justify="right", no_wrap=True)
        for _ in range(turns):
            table.add_column(justify="center", no_wrap=True)
        for i in shown:
            rung = self.rungs[i]
            label = Text(rung["name"], style="bold red" if rung.get("terminal") else "")
            if rung.get("firebreak"):
                label.append(" ┄ firebreak", style="bold yellow")
            cells = []
            for t in range(turns):
                here = [MARKS[d % len(MARKS)] for d, key in enumerate(dyads) if t < len(self.history[key]) and index[self.history[key][t]] == i]
                cells.append(Text("".join(here) or "·", style="bold" if here else "dim"))
            table.add_row(label, *cells)
        table.add_row(Text("turn", style="dim"), *[Text("start" if t == 0 else str(t), style="dim") for t in range(turns)])
        legend = Text()
        for d, key in enumerate(dyads):
            a, b = key.split("-", 1)
            legend.append(f"{MARKS[d % len(MARKS)]} {self.names.get(a, a)}–{self.names.get(b, b)}   ")
        return Group(table, legend)
