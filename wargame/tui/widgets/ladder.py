"""The escalation ladder: rungs by band, firebreaks marked, and where each dyad stands."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class LadderView(Static):
    """Rungs from the top down; each dyad is listed beside its rung, the viewer's own dyads in bold."""

    DEFAULT_CSS = "LadderView { height: auto; width: 100%; }"

    def show(self, rungs, dyads, names: dict[str, str], viewer: str = "") -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        by_rung: dict[int, list] = {}
        for d in dyads:
            by_rung.setdefault(d.index, []).append(d)
        band = None
        for i in range(len(rungs) - 1, -1, -1):
            rung = rungs[i]
            if rung.band != band:
                band = rung.band
                table.add_row(Text(f"── {band} ──", style="dim"), "")
            mark = "╪ " if rung.firebreak else "✖ " if rung.terminal else "  "
            style = "bold red" if rung.terminal else "bold yellow" if rung.firebreak else ""
            name = Text(f"{mark}{rung.name}", style=style)
            here = [
                Text(f"◆ {names[d.teams[0]]}–{names[d.teams[1]]}", style="bold cyan" if viewer in d.teams else "cyan")
                for d in by_rung.get(i, [])
            ]
            table.add_row(name, here[0] if here else "")
            for extra in here[1:]:
                table.add_row("", extra)
        legend = Text("╪ firebreak: only a move that says it crosses it can pass · ✖ terminal: the game ends", style="dim")
        self.update(Group(table, legend))
