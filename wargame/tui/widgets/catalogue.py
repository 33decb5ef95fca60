"""The move catalogue: type to filter; each move against each target with its chance, or why not."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from ...core.views import Option

KIND_COLUMN = 11  # "Information", the longest category word
COST_COLUMN = 4
CHANCE_MIN = 16  # "Chance / why not" and "88% — over budget" stay whole however narrow the table gets
MOVE_MAX = 34
WRAP_FROM = 100
"""At this table width or more, a barred move's reason wraps inside its row; narrower, rows stay one line high
(so the table keeps its rows) and the detail line under the table gives the whole reason."""


ALT_DIGITS = ("inverted_exclamation_mark", "trade_mark_sign", "pound_sign", "cent_sign", "infinity", "section_sign")
"""Alt+1…6 as most terminals deliver them: Textual reads Esc+digit (xterm, tmux, GNOME Terminal) as the characters
that macOS's Option+digit types (¡ ™ £ ¢ ∞ §); only terminals with the kitty key protocol send alt+1 itself.
Screens bind both, so Alt+1…6 works in either (and Option+1…6 on a Mac); the filter box never types them."""


class FilterBox(Input):
    """The move filter. It leaves the Alt+digit keys to the screen: an input otherwise claims every printable
    key, and Textual then drops even a priority binding for it."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key not in ALT_DIGITS and super().check_consume_key(key, character)


def kind_word(category: str) -> str:
    """The category as a word a player reads at a glance: "Diplomatic", not "dipl"."""
    return category.replace("_", " ").capitalize()


class MoveCatalogue(Vertical):
    """Filter box, table of options and a detail line for the highlighted one.

    The filter box keeps the keys that choose a move: Up/Down (and Page Up/Down) move the table's
    highlight and Enter stages the highlighted move, so typing a few letters and pressing Enter once
    is enough.
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous move", show=False),
        Binding("down", "cursor(1)", "Next move", show=False),
        Binding("pageup", "cursor(-8)", "Page up", show=False),
        Binding("pagedown", "cursor(8)", "Page down", show=False),
    ]
    DEFAULT_CSS = """
    MoveCatalogue { height: 1fr; }
    MoveCatalogue > Input { height: 1; margin: 0 1; }
    MoveCatalogue > DataTable { height: 1fr; min-height: 9; }
    MoveCatalogue > #move-detail { height: auto; max-height: 4; padding: 0 1; }
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
        self.bases: dict[str, float] = {}
        self.remaining = 0
        self.widths: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        yield FilterBox(placeholder="Type to filter moves (name, kind, target), Enter stages…", id="move-filter", compact=True)
        yield DataTable(id="move-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="move-detail")

    def show(
        self, options, names: dict[str, str], descriptions: dict[str, str], remaining: int,
        bases: dict[str, float] | None = None,
    ) -> None:
        self.options = tuple(options)
        self.names = names
        self.descriptions = descriptions
        self.bases = bases or {}
        self.remaining = remaining
        self.refilter()

    # -- the table ---------------------------------------------------------------------------------------------
    def column_widths(self) -> tuple[int, int, int, int, int]:
        """Move, kind, target, cost and chance widths that fill the table: the chance column is never cut to
        "Cha"; the move name gives way first (it wraps on a wide table, is cut with … on a narrow one)."""
        table = self.query_one(DataTable)
        # Each cell has a column of padding either side; a vertical scrollbar may take two more.
        room = max(self.table_width(), 40) - 2 * 5 - 2
        target = max([len(n) for n in self.names.values()] + [6])
        longest_name = max([len(o.name) for o in self.options] + [10])
        wide = self.wraps()
        fixed = KIND_COLUMN + target + COST_COLUMN
        move = min(longest_name, MOVE_MAX if wide else room - fixed - CHANCE_MIN)
        move = max(move, 16)
        chance = max(room - fixed - move, CHANCE_MIN)
        return move, KIND_COLUMN, target, COST_COLUMN, chance

    def table_width(self) -> int:
        """The table's width; before the first layout, the screen's (the catalogue spans it), so the first
        drawing is already the right one rather than waiting for a resize."""
        return self.query_one(DataTable).size.width or (self.size.width or self.app.size.width) - 2  # its scrollbar

    def wraps(self) -> bool:
        return self.table_width() >= WRAP_FROM

    def on_resize(self, event: Resize) -> None:
        if self.options and self.column_widths() != self.widths:
            self.refilter()

    def refilter(self, from_top: bool = False) -> None:
        """Redraw the rows the filter admits; `from_top` puts the highlight on the first of them (a new
        search), else it stays on its row (a redraw after staging or a resize)."""
        words = self.query_one(Input).value.lower().split()
        table = self.query_one(DataTable)
        keep = 0 if from_top else table.cursor_row
        table.clear(columns=True)
        self.widths = self.column_widths()
        for (label, key), width in zip(
            (("Move", "move"), ("Kind", "category"), ("Target", "target"), ("Cost", "cost"),
             ("Chance / why not", "chance")),
            self.widths,
        ):
            table.add_column(label, key=key, width=width)
        wrap = self.wraps()
        self.shown = []
        # Moves that can be made come first; barred ones stay visible with their reason.
        for option in sorted(self.options, key=lambda o: bool(o.refusal)):
            haystack = (
                f"{option.name} {option.category} {kind_word(option.category)} "
                f"{self.names.get(option.target, '')} {self.names.get(option.dyad_with, '')} {option.move}"
            ).lower()
            if not all(w in haystack for w in words):
                continue
            self.shown.append(option)
            target = self.names.get(option.target, "—")
            if option.dyad_with:  # a move on another pair's dyad
                target += f"–{self.names.get(option.dyad_with, option.dyad_with)}"
            if option.refusal:
                style, chance = "dim", Text(option.refusal, style="dim italic")
            elif option.cost > self.remaining:
                style, chance = "dim", Text(f"{_chance(option)} — over budget", style="yellow")
            else:
                style, chance = "", Text(_chance(option), style="bold")
            cells = (
                Text(option.name, style=style),
                Text(kind_word(option.category), style="dim"),
                Text(target, style=style),
                Text(str(option.cost), style=style),
                chance,
            )
            if not wrap:
                for cell in cells:
                    cell.no_wrap, cell.overflow = True, "ellipsis"
            table.add_row(*cells, height=None if wrap else 1)
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
            detail.update(Text("No move matches the filter. / clears it.", style="dim"))
            return
        # The name in full (the table may have cut it), then what the move does.
        text = Text()
        text.append(option.name, style="bold")
        if option.target:
            text.append(f" → {self.names.get(option.target, option.target)}", style="bold")
            if option.dyad_with:
                text.append(f"–{self.names.get(option.dyad_with, option.dyad_with)}", style="bold")
        text.append(f": {self.descriptions.get(option.move, '')}", style="italic")
        if option.refusal:
            text.append(f"\nCannot be made: {option.refusal}.", style="yellow")
            return detail.update(text)
        text.append(f"\nChance {_chance(option)}")
        if option.estimated:
            text.append(f", as you estimate {', '.join(option.unknown)}", style="dim")
        elif option.unknown:
            text.append(f": it rests on {', '.join(option.unknown)}, which your intelligence does not reveal", style="dim")
        parts = []
        if option.move in self.bases and (option.estimated or not option.unknown) and not option.odds:
            parts.append(f"base {self.bases[option.move]:.0%}")
            parts += [f"{t.label} {t.value:+.2f}" for t in option.terms]
        if parts:
            text.append(": " + ", ".join(parts), style="dim")
            if option.move in self.bases:
                total = self.bases[option.move] + sum(t.value for t in option.terms)
                if abs(total - option.chance) > 0.005:
                    text.append(f" (kept within {option.chance:.0%})", style="dim")
        if option.cost > self.remaining:
            text.append(f"  costs {option.cost}, you have {self.remaining} left", style="yellow")
        else:
            text.append("  (Enter stages it)", style="bold cyan")
        detail.update(text)

    # -- keys ----------------------------------------------------------------------------------------------------
    def clear_filter(self) -> None:
        """Empty the filter and put the cursor in it, ready for a new search."""
        box = self.query_one(Input)
        box.focus()
        # Through the box's own queue: keys typed before `/` and still queued there land first and are
        # cleared with the rest, rather than after the clearing, in the new search.
        box.call_later(setattr, box, "value", "")

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.shown:
            table.move_cursor(row=min(max(table.cursor_row + step, 0), len(self.shown) - 1))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # A new search starts at its best match: a highlight left lower down by an earlier search
        # would have Enter stage a move the player never looked at.
        self.refilter(from_top=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """One Enter in the filter stages the highlighted move, as the detail line promises."""
        event.stop()
        option = self.highlighted()
        if option is None:
            self.app.bell()
            return
        self.post_message(self.Chosen(option))
        # The filter stays (the list does not jump), selected, so the next word typed starts a new search.
        event.input.select_all()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.describe_highlighted()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        option = self.highlighted()
        if option is not None:
            self.post_message(self.Chosen(option))


def _chance(option: Option) -> str:
    """The chance in words: "?" when it rests on a track the team cannot see, "≈62%" when it rests on the
    team's estimates of such a track (see `views.Option`)."""
    if option.odds:  # the campaign shows teams odds in words, or none
        return option.odds
    if option.estimated:
        return f"≈{option.chance:.0%}"
    return "?" if option.unknown else f"{option.chance:.0%}"
