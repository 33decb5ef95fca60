"""The move catalogue: type to filter; each move against each target with its chance, or why not."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from ...core.views import Option


class MoveCatalogue(Vertical):
    """Filter box, table of options and a detail line for the highlighted one."""

    DEFAULT_CSS = """
    MoveCatalogue { height: 1fr; }
    MoveCatalogue > Input { height: 3; }
    MoveCatalogue > DataTable { height: 1fr; }
    MoveCatalogue > #move-detail { height: auto; max-height: 7; padding: 0 1; }
    """

    class Chosen(Message):
        """The user picked an option to stage."""

        def __init__(self, option: Option):
            super().__init__()
            self.option = option

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.options: tuple[Option, ...] = ()
        self.shown: list[Option] = []
        self.names: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        self.remaining = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Type to filter moves (name, category, target)…", id="move-filter")
        yield DataTable(id="move-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="move-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Move", key="move")
        table.add_column("Kind", key="category")
        table.add_column("Target", key="target")
        table.add_column("Cost", key="cost")
        table.add_column("Chance / why not", key="chance")

    def show(self, options, names: dict[str, str], descriptions: dict[str, str], remaining: int) -> None:
        self.options = tuple(options)
        self.names = names
        self.descriptions = descriptions
        self.remaining = remaining
        self.refilter()

    def refilter(self) -> None:
        words = self.query_one(Input).value.lower().split()
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.shown = []
        # Moves that can be made come first; barred ones stay visible with their reason.
        for option in sorted(self.options, key=lambda o: bool(o.refusal)):
            haystack = f"{option.name} {option.category} {self.names.get(option.target, '')} {option.move}".lower()
            if not all(w in haystack for w in words):
                continue
            self.shown.append(option)
            target = self.names.get(option.target, "—")
            if option.refusal:
                style, chance = "dim", Text(option.refusal, style="dim italic")
            elif option.cost > self.remaining:
                style, chance = "dim", Text(f"{_chance(option)} — over budget", style="yellow")
            else:
                style, chance = "", Text(_chance(option), style="bold")
            table.add_row(
                Text(option.name, style=style),
                Text(option.category[:4], style="dim"),
                Text(target, style=style),
                Text(str(option.cost), style=style),
                chance,
            )
        if self.shown:
            table.move_cursor(row=min(max(keep, 0), len(self.shown) - 1))
        self.describe_highlighted()

    def highlighted(self) -> Option | None:
        row = self.query_one(DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def describe_highlighted(self) -> None:
        option = self.highlighted()
        detail = self.query_one("#move-detail", Static)
        if option is None:
            detail.update(Text("No move matches the filter.", style="dim"))
            return
        text = Text(self.descriptions.get(option.move, ""), style="italic")
        if option.refusal:
            text.append(f"\nCannot be made: {option.refusal}.", style="yellow")
        else:
            text.append(f"\nChance {_chance(option)}")
            if option.unknown:
                text.append(f": it rests on {', '.join(option.unknown)}, which your intelligence does not reveal", style="dim")
            if option.terms:
                text.append(": " + ", ".join(f"{t.label} {t.value:+.2f}" for t in option.terms), style="dim")
            text.append("  (Enter stages it)", style="bold cyan")
        detail.update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.describe_highlighted()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        option = self.highlighted()
        if option is not None:
            self.post_message(self.Chosen(option))


def _chance(option: Option) -> str:
    """The chance in words: "?" when it rests on a track the team cannot see (see `views.Option`)."""
    return "?" if option.unknown else f"{option.chance:.0%}"
