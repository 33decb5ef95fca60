"""`wargame replay SAVE` at a terminal: the replay viewer, from which "Play from here" goes on to play."""

from __future__ import annotations

from textual import events

from ..core.views import FACILITATOR
from ..persistence.saves import load_save
from ..problems import ProblemsFound
from .app import WargameApp


class ReplayApp(WargameApp):
    """Opens a save in the replay viewer; a fork continues as hot-seat play in the same app."""

    def __init__(self, path: str, viewer: str = FACILITATOR, turn: int | None = None):
        super().__init__()
        self.replay_path = path
        self.viewer = viewer
        self.start_turn = turn
        self.problem = ""

    def on_mount(self, event: events.Mount) -> None:
        from .screens.replay import ReplayScreen

        # WargameApp.on_mount would open the campaign picker; the replay takes its place.
        event.prevent_default()
        try:
            loaded = load_save(self.replay_path)
        except ProblemsFound as found:
            self.fail("\n".join(str(p) for p in found.problems))
            return
        except OSError as exc:
            self.fail(f"{self.replay_path}: error: cannot read: {exc.strerror or exc}")
            return
        teams = [t.id for t in loaded.campaign.campaign.teams]
        if self.viewer != FACILITATOR and self.viewer not in teams:
            self.fail(f'{self.replay_path}: error: no team "{self.viewer}" in this game (teams: {", ".join(teams)})')
            return
        last = len(loaded.save.turns)
        if self.start_turn is not None and not 0 <= self.start_turn <= last:
            self.fail(f"{self.replay_path}: error: no turn {self.start_turn}; this game has turns 0 (the start) to {last}")
            return
        self.push_screen(ReplayScreen(self.replay_path, loaded, self.viewer, self.start_turn))

    def fail(self, message: str) -> None:
        """Leave with the problem on stderr and exit code 1 (invalid input)."""
        self.problem = message
        self.exit(message=message, return_code=1)
