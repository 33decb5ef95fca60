"""One line for network play: which teams have handed in orders this turn, who is online, and the link to the host."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TurnStatus(Static):
    """Given who is awaited, who has submitted and who is connected, draws a line a room can read at a glance."""

    # One line however many teams play: at 80 columns the end (the bots) is cut with …, rather than the line
    # wrapping onto a second one that the move table pays for.
    DEFAULT_CSS = "TurnStatus { height: auto; width: 100%; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }"

    def show(
        self,
        names: dict[str, str],
        humans: tuple[str, ...],
        submitted: tuple[str, ...],
        connected: tuple[str, ...],
        bots: tuple[str, ...] = (),
        problem: str = "",
    ) -> None:
        text = Text("Orders in: ", style="bold")
        for i, team in enumerate(humans):
            if i:
                text.append(" · ")
            if team in submitted:
                text.append(f"✓ {names.get(team, team)}", style="bold green")
            else:
                text.append(f"… {names.get(team, team)}", style="yellow")
            if team not in connected:
                text.append(" (offline)", style="dim")
        text.append(f"   {len(submitted)} of {len(humans)}", style="dim")
        if bots:
            text.append(f" · bots: {', '.join(names.get(t, t) for t in bots)}", style="dim")
        if problem:
            text.append(f"\n⚠ {problem}", style="bold red")
        self.update(text)
