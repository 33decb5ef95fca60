"""The campaign picker: every campaign on the shelf, with the highlighted one's briefing beside it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from ...campaign.library import Entry, shelf
from ..commands import Command, bindings

COMMAND_TABLE = (
    Command("enter", "pick", "Set up", "Set up a game of the highlighted campaign"),
    Command("tab", "app.focus_next", "Briefing", "Between the list and the briefing", footer=False),
    Command("q", "app.quit", "Quit", "Leave wargame"),
)


def _prompt(entry: Entry) -> Text:
    """Two lines per campaign: its title, then its teams and length (or why it cannot be used)."""
    if entry.loaded is None:
        text = Text(Path(entry.path).name, style="strike")
        text.append("\ncannot be used: ", style="bold")
        first = entry.problems[0] if entry.problems else "unknown problem"
        text.append(first.split(": error: ", 1)[-1])
        return text
    c = entry.loaded.campaign
    text = Text(c.title, style="bold")
    text.append(f"\n{c.turns} turns · {', '.join(t.name for t in c.teams)}", style="dim")
    return text


def _briefing(entry: Entry) -> str:
    if entry.loaded is None:
        problems = "\n".join(entry.problems) or "unknown problem"
        return (
            f"# {Path(entry.path).name} cannot be used\n\n"
            f"Fix these problems (`wargame validate {entry.path}` lists them too):\n\n```text\n{problems}\n```\n"
        )
    c = entry.loaded.campaign
    teams = "\n".join(f"- **{t.name}** (`{t.id}`)" for t in c.teams)
    head = f"*{c.summary.strip()}*\n\n" if c.summary.strip() else ""
    body = c.briefing.strip() or f"# {c.title}\n\n(This campaign has no general briefing.)"
    return f"{head}{body}\n\n---\n\n**Teams**\n\n{teams}\n\n**Turns:** {c.turns}\n"


class PickerScreen(Screen[None]):
    """Choose a campaign; Enter goes on to the game setup."""

    COMMAND_TABLE = COMMAND_TABLE
    BINDINGS = bindings(COMMAND_TABLE)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    DEFAULT_CSS = """
    PickerScreen #picker-body { height: 1fr; }
    PickerScreen #picker-side { width: 38; height: 1fr; }
    PickerScreen #campaigns { height: 1fr; border: round $primary 60%; }
    PickerScreen #campaigns:focus { border: round $accent; }
    PickerScreen #picker-hint { height: auto; padding: 0 1; color: $text-muted; }
    PickerScreen #briefing-scroll { width: 1fr; height: 1fr; border: round $primary 60%; padding: 0 1; }
    PickerScreen #briefing-scroll:focus { border: round $accent; }
    PickerScreen.-narrow #picker-body { layout: vertical; }
    PickerScreen.-narrow #picker-side { width: 100%; height: auto; max-height: 45%; }
    PickerScreen.-narrow #campaigns { height: auto; max-height: 100%; }
    """

    def __init__(self, seed: int | None = None):
        super().__init__()
        self.seed = seed
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="picker-body"):
            with Vertical(id="picker-side"):
                yield OptionList(id="campaigns")
                yield Label("Enter: set up · Tab: briefing", id="picker-hint")
            with VerticalScroll(id="briefing-scroll"):
                yield Markdown(id="briefing")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Choose a campaign"
        self.entries = shelf()
        campaigns = self.query_one("#campaigns", OptionList)
        campaigns.border_title = "Campaigns"
        self.query_one("#briefing-scroll").border_title = "Briefing"
        if not self.entries:
            self.query_one("#briefing", Markdown).update(
                "# No campaigns found\n\nPut campaign files in `./campaigns/` or run `wargame new NAME`."
            )
            return
        options: list[Option | None] = []
        for i, e in enumerate(self.entries):
            options += [None] if options else []
            options.append(Option(_prompt(e), id=str(i), disabled=e.loaded is None))
        campaigns.add_options(options)
        first = next((i for i, e in enumerate(self.entries) if e.loaded is not None), None)
        if first is not None:
            campaigns.highlighted = campaigns.get_option_index(str(first))
        else:
            self.query_one("#briefing", Markdown).update(_briefing(self.entries[0]))
        campaigns.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries[int(event.option.id or 0)]
        self.query_one("#briefing", Markdown).update(_briefing(entry))
        self.query_one("#briefing-scroll", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        from .setup import SetupScreen

        option = self.query_one("#campaigns", OptionList).highlighted_option
        if option is None or not self.entries:
            self.notify("There is no campaign to set up.", severity="warning")
            return
        entry = self.entries[int(option.id or 0)]
        if entry.loaded is None:
            self.notify("This campaign has problems; fix them first.", severity="error")
            return
        self.app.push_screen(SetupScreen(entry.path, self.seed))
