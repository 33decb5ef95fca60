"""One of the white cell's powers, with its reason: set a track, move a dyad, set a channel, write an inject, move the last turn."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...core.orders import Intervention
from .base import Dialog

TITLES = {
    "set_track": "Set a track",
    "set_rung": "Move a dyad to a rung",
    "set_channel": "Open, degrade or cut a channel",
    "adhoc_inject": "Write and fire an inject",
    "set_turns": "Extend or shorten the game",
}

Pairs = Sequence[tuple[str, str]]
"""(id, name) choices."""


class PowerDialog(Dialog):
    """Returns the `Intervention` the white cell set up, or None when cancelled. `check` says what is
    wrong with it (the session's own checks), so that a mistake is fixed here, not lost."""

    DEFAULT_CSS = """
    PowerDialog .power-row { height: 1; margin-top: 1; }
    PowerDialog .card .power-row Label { width: auto; margin: 0 1 0 0; }
    PowerDialog .power-row Select { width: 1fr; margin-right: 1; }
    PowerDialog .power-row Input { width: 1fr; }
    """

    def __init__(
        self,
        kind: str,
        teams: Pairs = (),
        tracks: Pairs = (),
        rungs: Pairs = (),
        channels: Pairs = (),
        last_turn: int = 0,
        check: Callable[[Intervention], Sequence[str]] | None = None,
    ):
        super().__init__()
        self.kind = kind
        self.teams, self.tracks, self.rungs, self.channels = teams, tracks, rungs, channels
        self.last_turn = last_turn
        self.check = check

    def compose(self) -> ComposeResult:
        def select(pairs: Pairs, ident: str) -> Select:
            return Select([(name, key) for key, name in pairs], id=ident, prompt="(choose)", compact=True)

        with VerticalScroll(classes="card", can_focus=False):
            yield Label(f"[b]{TITLES[self.kind]}[/b] (Esc to cancel)")
            with Horizontal(classes="power-row"):
                match self.kind:
                    case "set_track":
                        yield Label("Team")
                        yield select(self.teams, "team")
                        yield Select([(name, key) for key, name in self.tracks], id="track", prompt="(track)", compact=True)
                        yield Label("to")
                        yield Input(placeholder="0.5", id="value", restrict=r"[-+0-9.]*", max_length=8, compact=True)
                    case "set_rung":
                        yield select(self.teams, "team")
                        yield Label("–")
                        yield select(self.teams, "target")
                        yield Label("to")
                        yield select(self.rungs, "rung")
                    case "set_channel":
                        yield select(self.channels, "channel")
                        yield Select(
                            [("open", "open"), ("degraded", "degraded"), ("suspended", "suspended")],
                            id="status", prompt="(status)", compact=True,
                        )
                    case "adhoc_inject":
                        yield Label("Text")
                        yield Input(placeholder="What every team is told now", id="text", max_length=2000, compact=True)
                    case "set_turns":
                        yield Label(f"Last turn (now {self.last_turn})")
                        yield Input(str(self.last_turn), id="turns", restrict=r"[0-9]*", max_length=2, compact=True)
            yield Label("Reason (recorded; for the white cell's report only)")
            yield Input(placeholder="Why the white cell does this", id="reason", max_length=500, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Record", id="record", variant="warning", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "record":
            self.record()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.record()

    def _value(self, ident: str) -> str:
        widget = self.query_one(f"#{ident}")
        value = widget.value
        return "" if value is None or value == Select.BLANK else str(value).strip()

    def intervention(self) -> Intervention | str:
        """The intervention as set, or what is missing in words."""
        reason = self._value("reason")
        match self.kind:
            case "set_track":
                try:
                    value = float(self._value("value"))
                except ValueError:
                    return "Give the track's new value, such as 0.5."
                i = Intervention("set_track", reason, team=self._value("team"), track=self._value("track"), value=value)
            case "set_rung":
                i = Intervention("set_rung", reason, team=self._value("team"), target=self._value("target"), rung=self._value("rung"))
            case "set_channel":
                i = Intervention("set_channel", reason, channel=self._value("channel"), status=self._value("status"))
            case "adhoc_inject":
                i = Intervention("adhoc_inject", reason, text=self._value("text"))
            case _:
                i = Intervention("set_turns", reason, turns=int(self._value("turns") or "0"))
        needed = {"set_track": ("team", "track"), "set_rung": ("team", "target", "rung"), "set_channel": ("channel", "status")}
        if any(not self._value(ident) for ident in needed.get(self.kind, ())):
            return "Choose every field above."
        if not reason:
            return "Give a reason: it is recorded for the after-action review."
        problems = list(self.check(i)) if self.check else []
        return "; ".join(problems).capitalize() + "." if problems else i

    def record(self) -> None:
        result = self.intervention()
        if isinstance(result, str):
            self.query_one("#problem", Static).update(result)
            return
        self.dismiss(result)
