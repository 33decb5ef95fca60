"""What the team screen reads from a Session, for a game hosted elsewhere: the latest Update from the host."""

from __future__ import annotations

import attrs

from ..core import events as ev
from ..core.model import Campaign
from ..core import views
from ..core.narrative import describe
from ..core.orders import TeamOrders
from ..core.views import Option, TeamView
from ..net.protocol import Update


@attrs.frozen
class RemoteSettings:
    turns: int


class RemoteSession:
    """Read-only stand-in for `Session` on a client: the redacted campaign and the latest Update.

    The app replaces `update` as new ones arrive; nothing here talks to the host.
    """

    def __init__(self, campaign: Campaign, update: Update, team: str | None = None):
        self.campaign = campaign
        self.team = team
        self.update = update

    @property
    def turn(self) -> int:
        return self.update.turn

    @property
    def ended(self) -> str:
        return self.update.ended

    @property
    def last_turn(self) -> int:
        """The game's last turn as the host says it now (the white cell may have moved it)."""
        return self.update.turns

    @property
    def settings(self) -> RemoteSettings:
        return RemoteSettings(self.update.turns)

    @property
    def pending(self) -> dict[str, TeamOrders]:
        """This team's draft as the host keeps it, so a team that rejoins finds what it had staged."""
        staged = self.update.staged
        return {staged.team: staged} if staged is not None else {}

    def view(self, team: str) -> TeamView:
        self._check(team)
        assert self.update.view is not None
        return self.update.view

    def options(self, team: str) -> tuple[Option, ...]:
        self._check(team)
        return self.update.options

    def describe(self, event: ev.Event, viewer: str) -> str:
        """An event in words from `viewer`'s side; a client only ever holds events it may know whole."""
        return describe(self.campaign, event, views.Viewpoint(viewer))

    def events(self) -> tuple[views.Seen, ...]:
        """Every event this client may see, as it learnt them: its team's view, or what the room knows."""
        if self.update.view is not None:
            return self.update.view.events
        return self.update.public

    def _check(self, team: str) -> None:
        if team != self.team:
            raise ValueError(f"this client plays {self.team or 'no team'}, not {team}")
