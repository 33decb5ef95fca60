"""Treaties a team belongs to, with the obligations it owes and their deadlines."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static


class TreatyPanel(Static):
    """Each treaty, its members and provisions, and what is owed by when."""

    DEFAULT_CSS = "TreatyPanel { height: auto; width: 100%; }"

    def show(self, treaties, names: dict[str, str], turn: int, votes: dict[str, bool] | None = None) -> None:
        if not treaties:
            self.update(Text("No treaties: you stand alone.", style="dim"))
            return
        lines = []
        for t in treaties:
            line = Text(t.name, style="bold")
            line.append(f"  with {', '.join(names[m] for m in t.members)}", style="dim")
            if t.provisions:
                line.append(f"  ({', '.join(p.replace('_', ' ') for p in t.provisions)})", style="dim")
            lines.append(line)
            for o in t.owed:
                left = o.due - turn
                when = "this turn" if left <= 0 else f"by turn {o.due}"
                lines.append(Text(f"  ⚑ You must act ({o.tag.replace('_', ' ')}) {when}", style="bold yellow"))
            if getattr(t, "decision", None) is not None:
                d = t.decision
                against = f" against {names[d.attacker]}" if d.attacker else ""
                vote = (votes or {}).get(t.id)
                said = "you support" if vote else "you block" if vote is False else "no vote yet: silence is consent"
                lines.append(Text(f"  ⚖ Decision: act for {names[d.victim]}{against}? {said} · Ctrl+D to vote", style="bold yellow"))
        self.update(Group(*lines))
