"""The escalation ladder: rungs by band, firebreaks marked, and where each dyad stands."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class LadderView(Static):
    """Rungs from the top down; each dyad is listed beside its rung, the viewer's own dyads in bold."""

    DEFAULT_CSS = "LadderView { height: auto; width: 100%; }"

    def show(self, rungs, dyads, names: dict[str, str], viewer: str = "") -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(no_wrap=True)
        table.add_column()
        by_rung: dict[int, list] = {}
        for d in dyads:
            by_rung.setdefault(d.index, []).append(d)
        band = None
        for i in range(len(rungs) - 1, -1, -1):
            rung = rungs[i]
            band_label = rung.band if rung.band != band else ""
            band = rung.band
            name = Text(rung.name, style="bold red" if rung.terminal else "")
            if rung.firebreak:
                name.append("  ┄┄ firebreak", style="bold yellow")
            here = Text()
            for d in by_rung.get(i, []):
                mine = viewer in d.teams
                here.append(f"◆ {names[d.teams[0]]}–{names[d.teams[1]]}  ", style="bold cyan" if mine else "cyan")
            table.add_row(band_label, name, here)
        self.update(table)
