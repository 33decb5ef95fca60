"""The escalation ladder: rungs by band, firebreaks marked, and where each dyad stands."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class LadderView(Static):
    """Rungs from the top down; the dyads on a rung are listed under its name, the viewer's own in bold.

    `compact` (a short terminal) keeps only the rungs a reader needs: occupied ones, firebreaks, the
    terminal rung and the bottom one; each run of empty rungs in between becomes one "⋮ n rungs" line,
    so the dyads are on screen without scrolling past empty rungs.
    """

    DEFAULT_CSS = "LadderView { height: auto; width: 100%; padding: 0 1; }"

    def show(self, rungs, dyads, names: dict[str, str], viewer: str = "", compact: bool = False) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        by_rung: dict[int, list] = {}
        for d in dyads:
            by_rung.setdefault(d.index, []).append(d)
        band = None
        skipped = 0

        def flush_skipped() -> None:
            nonlocal skipped
            if skipped:
                table.add_row(Text(f"  ⋮ {skipped} empty rung{'s' if skipped != 1 else ''}", style="dim"))
                skipped = 0

        for i in range(len(rungs) - 1, -1, -1):
            rung = rungs[i]
            here = by_rung.get(i, [])
            if compact and not (here or rung.firebreak or rung.terminal or i == 0):
                skipped += 1
                continue
            flush_skipped()
            if rung.band != band and not compact:  # compact: every row for rungs and dyads
                band = rung.band
                table.add_row(Text(f"── {band} ──", style="dim"))
            mark = "╪ " if rung.firebreak else "✖ " if rung.terminal else "  "
            style = "bold red" if rung.terminal else "bold yellow" if rung.firebreak else ""
            name = Text(f"{mark}{rung.name}", style=style)
            if len(here) == 1:
                # One dyad fits beside its rung's name.
                name.append("  ")
                name.append(self.dyad(here[0], names, viewer))
                table.add_row(name)
                continue
            table.add_row(name)
            per_line = 2 if compact else 1  # compact: two dyads a line, still under their rung's name
            for start in range(0, len(here), per_line):
                line = Text("     ")
                for k, d in enumerate(here[start : start + per_line]):
                    if k:
                        line.append("  ")
                    line.append(self.dyad(d, names, viewer))
                table.add_row(line)
        flush_skipped()
        legend = Text("╪ firebreak: only a move that says it crosses it can pass · ✖ terminal: the game ends", style="dim")
        if any(getattr(d, "spread", 0) for d in dyads):
            legend.append(" · ±n: where you believe it is; it may be n rungs either way")
        self.update(Group(table, legend))

    @staticmethod
    def dyad(d, names: dict[str, str], viewer: str) -> Text:
        spread = f" ±{d.spread}" if getattr(d, "spread", 0) else ""  # a belief, not the truth (core.perception)
        return Text(f"◆ {names[d.teams[0]]}–{names[d.teams[1]]}{spread}", style="bold cyan" if viewer in d.teams else "cyan")
