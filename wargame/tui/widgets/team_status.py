"""Every team of a hosted game at a glance: who plays it, whether it is online, where its orders stand."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class TeamStatus(Static):
    """One row per team; it draws the status it is given (`HostStatus` fields as plain values)."""

    DEFAULT_CSS = "TeamStatus { height: auto; width: 100%; }"

    def show(
        self,
        teams: list[tuple[str, str, str | None]],
        connected: tuple[str, ...],
        staged: tuple[str, ...],
        submitted: tuple[str, ...],
    ) -> None:
        """`teams`: (id, name, bot persona or None) in campaign order."""
        table = Table(box=None, padding=(0, 1), expand=True, show_edge=False, show_header=False)
        table.add_column("team", no_wrap=True, ratio=1, overflow="ellipsis")
        table.add_column("link", no_wrap=True)
        table.add_column("orders", no_wrap=True)
        for team, name, persona in teams:
            if persona is not None:
                table.add_row(Text(name), Text("bot", style="dim"), Text(persona, style="dim"))
                continue
            link = Text("● online", style="bold green") if team in connected else Text("○ offline", style="red")
            if team in submitted:
                orders = Text("✔ submitted", style="bold green")
            elif team in staged:
                orders = Text("✎ drafting", style="yellow")
            else:
                orders = Text("· waiting", style="dim")
            table.add_row(Text(name, style="bold"), link, orders)
        self.update(table)
