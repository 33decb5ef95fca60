"""A text chart of each dyad's rung over the turns, with bands and firebreaks marked."""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

# One marker and one colour per dyad, so that a dyad reads right in colour and in black and white.
# None of them is a sign the chart uses for something else (╪ firebreak, ✖ terminal, + more, · empty).
MARKS = "●▲■◆★✚◇○△□▼◉◈▽♦"
COLOURS = (
    "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta",
    "bright_cyan", "dark_orange", "orchid", "spring_green2", "light_slate_blue",
    "gold1", "hot_pink", "turquoise2", "chartreuse2", "light_salmon1",
)


def marker(index: int) -> tuple[str, str]:
    """The marker and colour of the dyad at `index` (distinct for the first 15 dyads: 6 teams)."""
    return MARKS[index % len(MARKS)], COLOURS[index % len(COLOURS)]


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
        # Whole rung names: a long one wraps onto a second line rather than losing its end.
        table.add_column(justify="right", overflow="fold")
        for _ in range(turns):
            # Narrow fixed columns: a squeezed chart must still show every turn.
            table.add_column(justify="center", no_wrap=True, min_width=2, max_width=2)
        crowded = False
        for i in shown:
            rung = self.rungs[i]
            mark = "╪ " if rung.get("firebreak") else "✖ " if rung.get("terminal") else ""
            style = "bold red" if rung.get("terminal") else "bold yellow" if rung.get("firebreak") else ""
            label = Text(mark + rung["name"], style=style)
            cells = []
            for t in range(turns):
                here = [d for d, key in enumerate(dyads) if t < len(self.history[key]) and index[self.history[key][t]] == i]
                cell = Text()
                # Two marks fit a cell; more dyads on one rung show as the first and a "+".
                for d in here if len(here) <= 2 else here[:1]:
                    glyph, colour = marker(d)
                    cell.append(glyph, style=f"bold {colour}")
                if len(here) > 2:
                    cell.append("+", style="bold")
                    crowded = True
                cells.append(cell if here else Text("·", style="dim"))
            table.add_row(label, *cells)
        table.add_row(Text("turn", style="dim"), *[Text("0" if t == 0 else str(t), style="dim") for t in range(turns)])
        entries = []
        for d, key in enumerate(dyads):
            a, b = key.split("-", 1)
            glyph, colour = marker(d)
            entry = Text(no_wrap=True, overflow="ellipsis")
            entry.append(glyph + " ", style=f"bold {colour}")
            entry.append(f"{self.names.get(a, a)}–{self.names.get(b, b)}")
            entries.append(entry)
        # Columns keep each entry whole: a marker never wraps away from its dyad.
        legend = Columns(entries, padding=(0, 2))
        notes = "╪ firebreak   ✖ terminal   · turn 0 is the start" + ("   + more dyads on that rung" if crowded else "")
        return Group(table, legend, Text(notes, style="dim"))
