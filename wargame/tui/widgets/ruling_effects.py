"""What one outcome of a free-form move changes, as the white cell sets it: a rung, a track, a channel, interoperability, an inject."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from ...core.orders import RulingEffects, TrackEffect

NONE = ""
MAX_TRACK_ROWS = 4
"""The most track changes one outcome of a ruling sets from the dialog."""


class RulingEffectsForm(Vertical):
    """Compact rows (one per track change, and a button for another); `effects()` reads them back as `RulingEffects`, or a sentence saying what is wrong.

    Built from plain choices (id, name) so that it draws what it is given and knows no campaign.
    """

    DEFAULT_CSS = """
    RulingEffectsForm { height: auto; }
    RulingEffectsForm .effect-row { height: 1; }
    /* Beats a dialog's own `.card Label` (a line of its own, a blank line above). */
    RulingEffectsForm.-in-card .effect-row Label { width: auto; margin: 0 1 0 0; }
    RulingEffectsForm .effect-row Select { width: 1fr; margin: 0 1 0 0; }
    RulingEffectsForm Input { width: 1fr; }
    RulingEffectsForm Input.number { width: 7; }
    RulingEffectsForm .more-tracks { margin: 0 0 0 9; }
    """

    def __init__(
        self,
        rungs: Sequence[tuple[str, str]],
        thresholds: Sequence[tuple[str, str]],
        teams: Sequence[tuple[str, str]],
        tracks: Sequence[tuple[str, str]],
        channels: Sequence[tuple[str, str]],
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.add_class("-in-card")
        self.rungs, self.thresholds, self.teams, self.tracks, self.channels = rungs, thresholds, teams, tracks, channels

    def compose(self) -> ComposeResult:
        def choices(pairs, blank: str):
            return [(blank, NONE), *((name, ident) for ident, name in pairs)]

        with Horizontal(classes="effect-row"):
            yield Label("Dyad to")
            yield Select(choices(self.rungs, "(stays)"), value=NONE, allow_blank=False, compact=True, classes="rung")
            yield Label("crossing")
            yield Select(choices(self.thresholds, "(no threshold)"), value=NONE, allow_blank=False, compact=True, classes="crosses")
        yield self.track_row()
        with Horizontal(classes="effect-row more-row"):
            yield Button("+ another track", compact=True, classes="more-tracks")
        with Horizontal(classes="effect-row"):
            yield Label("Channel")
            yield Select(choices(self.channels, "(none)"), value=NONE, allow_blank=False, compact=True, classes="channel")
            yield Select(
                [("(status)", NONE), ("open", "open"), ("degraded", "degraded"), ("suspended", "suspended")],
                value=NONE, allow_blank=False, compact=True, classes="status",
            )
            yield Label("Interop ±")
            yield Input("", placeholder="0.1", restrict=r"[-+0-9.]*", max_length=6, compact=True, classes="number interop")
        with Horizontal(classes="effect-row"):
            yield Label("Inject")
            yield Input("", placeholder="what the teams told of the move read", max_length=500, compact=True, classes="inject")

    def track_row(self) -> Horizontal:
        """One track change: a team, its track, the change. The white cell adds rows with the button
        below them, up to MAX_TRACK_ROWS, for an outcome that moves several tracks."""
        def choices(pairs, blank: str):
            return [(blank, NONE), *((name, ident) for ident, name in pairs)]

        team = Select(choices(self.teams, "(none)"), value=NONE, allow_blank=False, compact=True, classes="team")
        row = Horizontal(
            Label("Track of"),
            team,
            Select(choices(self.tracks, "(track)"), value=NONE, allow_blank=False, compact=True, classes="track"),
            Input("", placeholder="±0.1", restrict=r"[-+0-9.]*", max_length=6, compact=True, classes="number delta"),
            classes="effect-row track-row",
        )
        row.team_select = team  # focused when the white cell adds the row
        return row

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if not event.button.has_class("more-tracks"):
            return
        event.stop()
        rows = list(self.query(".track-row"))
        if len(rows) < MAX_TRACK_ROWS:
            row = self.track_row()
            self.mount(row, after=rows[-1])
            self.call_after_refresh(row.team_select.focus)
        if len(rows) + 1 >= MAX_TRACK_ROWS:
            event.button.disabled = True

    def _value(self, cls: str, within=None) -> str:
        widget = (within or self).query_one(f".{cls}")
        return str(widget.value or "").strip()

    def effects(self) -> RulingEffects | str:
        """The effects as set, or what is wrong in words."""
        tracks: list[TrackEffect] = []
        for row in self.query(".track-row"):
            team, track, delta = self._value("team", row), self._value("track", row), self._value("delta", row)
            if not (team or track or delta):
                continue
            if not (team and track and delta):
                return "A track change needs the team, the track and a change such as -0.1."
            try:
                tracks.append(TrackEffect(team, track, float(delta)))
            except ValueError:
                return f"“{delta}” is not a number: write a change such as -0.1."
        interop = 0.0
        if self._value("interop"):
            try:
                interop = float(self._value("interop"))
            except ValueError:
                return f"“{self._value('interop')}” is not a number: write a change such as 0.1."
        channel, status = self._value("channel"), self._value("status")
        if bool(channel) != bool(status):
            return "A channel effect needs the channel and its new status."
        return RulingEffects(
            tracks=tuple(tracks), rung=self._value("rung"), crosses=self._value("crosses"), channel=channel,
            channel_status=status, interop=interop, inject=self._value("inject"),
        )
