"""Red lines declared by anyone, and where each stands: standing, crossed (and by when it must be
enforced), enforced, bluffed or lapsed."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ...core.narrative import track_name

STYLES = {"standing": "", "crossed": "bold yellow", "enforced": "green", "bluffed": "bold red", "expired": "dim"}


def cost_words(cost: dict[str, float], names: dict[str, str]) -> str:
    """ "support −0.1, credibility −0.15" """
    return ", ".join(f"{names.get(t, t).lower()} {d:+g}".replace("-", "−") for t, d in cost.items())


def state_words(line, team: str, names: dict[str, str], track_names: dict[str, str]) -> str:
    """Where a line stands, from `team`'s side."""
    mine = line.team == team
    if line.status == "standing":
        until = f" until the end of turn {line.deadline}" if line.deadline else " until tested"
        return f"standing{until}"
    if line.status == "crossed":
        by = f" by {names.get(line.by, line.by)}" if line.by else ""
        who = "you must" if mine else f"{names.get(line.team, line.team)} must"
        cost = f" or pay {cost_words(line.cost, track_names)}" if mine and line.cost else ""
        return f"⚑ crossed{by}: {who} answer by the end of turn {line.due}{cost}"
    if line.status == "enforced":
        return "enforced"
    if line.status == "bluffed":
        cost = f": it cost you {cost_words(line.cost, track_names)}" if mine and line.cost else ""
        return f"bluffed: not enforced by turn {line.due}{cost}"
    return "lapsed untested"


class RedLinePanel(Static):
    """Each declared line: who declared it, its words, what crosses it, what answers it, its state."""

    DEFAULT_CSS = "RedLinePanel { height: auto; width: 100%; }"

    def show(self, lines, names: dict[str, str], team: str, campaign, hint: str = "") -> None:
        track_names = {t: track_name(campaign, t) for t in campaign.track_names()}
        if not lines:
            self.update(Text(f"No red lines declared.{hint}", style="dim"))
            return
        out = []
        for line in lines:
            who = "You" if line.team == team else names.get(line.team, line.team)
            head = Text(f"{who}: ", style="bold")
            head.append(f"“{line.text}”")
            out.append(head)
            out.append(Text(f"  if {line.condition} → {line.enforce}", style="dim"))
            out.append(Text(f"  {state_words(line, team, names, track_names)}", style=STYLES.get(line.status, "")))
        if hint:
            out.append(Text(hint.strip(), style="dim"))
        self.update(Group(*out))
