"""One running game: the engine, the record of turns, orders in progress, and autosave."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from .campaign.loader import LoadedCampaign, load_campaign
from .converter import converter, structure_problems
from .core import views
from .core.adjudicator import adjudicate
from .core.bots import PERSONAS, bot_orders
from .core.events import Event
from .core.narrative import describe
from .core.orders import Intervention, TeamOrders, TurnRecord
from .core.replay import state_after
from .core.state import GameState, apply_all
from .passphrase import check_passphrase, hash_passphrase
from .persistence.saves import MAX_EVENTS, MAX_INTERVENTIONS, MAX_ORDERS, SaveFile, Settings, load_save, new_save, write_save


class SessionError(ValueError):
    """A request the session cannot carry out; the message says why."""


class Session:
    """A game in progress. Every method takes and returns plain values, so it can sit behind a server."""

    def __init__(self, campaign: LoadedCampaign, save: SaveFile, path: str | None = None):
        self.loaded = campaign
        self.campaign = campaign.campaign
        self.path = path
        self._save = save
        self.records: list[TurnRecord] = list(save.turns)
        self.state: GameState = state_after(self.campaign, self.records)
        self.pending: dict[str, TeamOrders] = {o.team: o for o in save.pending}
        self.interventions: list[Intervention] = list(save.pending_interventions)

    # -- starting and resuming -------------------------------------------------------------
    @classmethod
    def start(
        cls,
        campaign: LoadedCampaign | str,
        seed: int,
        bots: dict[str, str] | None = None,
        turns: int | None = None,
        path: str | None = None,
        humans: Sequence[str] = (),
        passphrase: str = "",
    ) -> Session:
        loaded = load_campaign(campaign) if isinstance(campaign, str) else campaign
        c = loaded.campaign
        ids = [t.id for t in c.teams]
        bots = dict(bots or {})
        for team, persona in bots.items():
            if team not in ids:
                raise SessionError(f'no team "{team}" in {loaded.path} (teams: {", ".join(ids)})')
            if persona not in PERSONAS:
                raise SessionError(f'no bot persona "{persona}" (personas: {", ".join(PERSONAS)})')
        for team in humans:
            if team not in ids:
                raise SessionError(f'no team "{team}" in {loaded.path} (teams: {", ".join(ids)})')
        limit = c.turns if turns is None else turns
        if not 1 <= limit <= c.turns:
            raise SessionError(f"--turns must be between 1 and {c.turns} for this campaign, got {limit}")
        settings = Settings(
            turns=limit,
            bots=dict(sorted(bots.items())),
            humans=tuple(t for t in ids if t in humans),
            passphrase=hash_passphrase(passphrase) if passphrase else "",
        )
        session = cls(loaded, new_save(loaded, seed, settings), path)
        session.save()
        return session

    @classmethod
    def resume(cls, path: str) -> Session:
        loaded = load_save(path)
        return cls(loaded.campaign, loaded.save, path)

    @classmethod
    def fork(cls, source: str, after_turn: int, path: str) -> Session:
        """A new game that continues `source` after `after_turn`; the source file is only read."""
        loaded = load_save(source)
        turns = loaded.save.turns
        if not 0 <= after_turn <= len(turns):
            raise SessionError(f"{source} has turns 1 to {len(turns)}; cannot fork after turn {after_turn}")
        if Path(path).exists():
            raise SessionError(f"{path} already exists; choose another name for the new game")
        save = attrs.evolve(
            loaded.save,
            turns=turns[:after_turn],
            pending=(),
            pending_interventions=(),
            settings=attrs.evolve(loaded.save.settings, forked_from=f"{Path(source).name} after turn {after_turn}"),
        )
        session = cls(loaded.campaign, save, path)
        if session.ended:
            raise SessionError(f"the game had already ended by turn {after_turn}; fork from an earlier turn")
        session.save()
        return session

    # -- what players and the facilitator see ----------------------------------------------
    @property
    def seed(self) -> int:
        return self._save.seed

    @property
    def settings(self) -> Settings:
        return self._save.settings

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def ended(self) -> str:
        return self.state.ended

    @property
    def log(self) -> tuple[Event, ...]:
        return tuple(e for r in self.records for e in r.events)

    def team_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.campaign.teams)

    def humans(self) -> tuple[str, ...]:
        return tuple(t for t in self.team_ids() if self.persona(t) is None)

    def has_passphrase(self) -> bool:
        return bool(self.settings.passphrase)

    def check_passphrase(self, attempt: str) -> bool:
        return check_passphrase(attempt, self.settings.passphrase)

    def set_join_codes(self, hashes: dict[str, str]) -> None:
        """Keep the hashes of the teams' join codes in the save (for `wargame host`; never the codes)."""
        for team in hashes:
            self._check_team(team)
        settings = attrs.evolve(self.settings, join_codes=dict(sorted(hashes.items())))
        self._save = attrs.evolve(self._save, settings=settings)
        self.save(rotate=False)

    def persona(self, team: str) -> str | None:
        """The bot persona playing `team`, or None when humans play it."""
        if team in self.settings.humans:
            return None
        return self.settings.bots.get(team, self.campaign.team(team).persona)

    def view(self, team: str) -> views.TeamView:
        self._check_team(team)
        return views.team_view(self.campaign, self.state, self.log, team)

    def options(self, team: str) -> tuple[views.Option, ...]:
        self._check_team(team)
        return views.options(self.campaign, self.state, team)

    def describe(self, event: Event, viewer: str) -> str:
        """One event in words as `viewer` (a team id, views.ROOM or views.FACILITATOR) may know it now."""
        return describe(self.campaign, event, views.viewpoint(self.campaign, self.state, viewer))

    def seen(self, viewer: str) -> tuple[views.Seen, ...]:
        """Every event of the game that reaches `viewer`, written from its side (see `views`)."""
        return views.seen(self.campaign, self.log, viewer)

    # -- a turn --------------------------------------------------------------------------------
    def submit(self, orders: TeamOrders) -> None:
        """Record a team's orders for this turn (replacing earlier ones) and journal them."""
        self._check_open()
        self._check_team(orders.team)
        self._check_shape(orders, TeamOrders)
        count = len(orders.moves) + len(orders.freeform) + len(orders.messages) + len(orders.responses)
        if count > MAX_ORDERS:
            # A save refuses more than this on reading, so it is refused before it is journalled.
            raise SessionError(f"{count} orders for {orders.team}; a team gives at most {MAX_ORDERS} in a turn")
        self.pending[orders.team] = orders
        self.save(rotate=False)

    def withdraw(self, team: str) -> None:
        self.pending.pop(team, None)
        self.save(rotate=False)

    def bot_orders(self, team: str, persona: str | None = None) -> TeamOrders:
        chosen = persona or self.persona(team) or self.campaign.team(team).persona
        # Bots read only last turn's news; handing them the whole log would cost time each turn.
        last = self.records[-1].events if self.records else ()
        return bot_orders(chosen, self.campaign, self.state, team, self.seed, last)

    def submit_bots(self) -> None:
        """Orders for every bot-played team that has none yet, journalled when there were any."""
        decided = False
        for team in self.team_ids():
            if team not in self.pending and self.persona(team) is not None:
                self.pending[team] = self.bot_orders(team)
                decided = True
        if decided:  # nothing new otherwise, and the host waits on this before it adjudicates
            self.save(rotate=False)

    def missing(self) -> tuple[str, ...]:
        return tuple(t for t in self.team_ids() if t not in self.pending)

    def intervene(self, intervention: Intervention) -> None:
        """Queue a facilitator intervention for this turn; a later override of the same order replaces it."""
        self._check_open()
        self._check_intervention(intervention)
        same = (intervention.kind, intervention.team, intervention.order, intervention.inject)
        kept = [i for i in self.interventions if (i.kind, i.team, i.order, i.inject) != same]
        if len(kept) >= MAX_INTERVENTIONS:
            raise SessionError(f"a turn holds at most {MAX_INTERVENTIONS} facilitator interventions")
        self.interventions = [*kept, intervention]
        self.save(rotate=False)

    def withdraw_intervention(self, index: int) -> None:
        if 0 <= index < len(self.interventions):
            del self.interventions[index]
            self.save(rotate=False)

    def preview(self, interventions: Sequence[Intervention] = ()) -> tuple[Event, ...]:
        """The events this turn would produce with the queued interventions, without committing it."""
        self._check_open()
        return adjudicate(
            self.campaign, self.state, self._orders(), (*self.interventions, *interventions),
            self.seed, self.settings.turns,
        )

    def commit(self, interventions: Sequence[Intervention] = ()) -> TurnRecord:
        """Adjudicate the turn with every team's orders (missing ones count as none) and save."""
        self._check_open()
        for i in interventions:
            self._check_intervention(i)
        if len(self.interventions) + len(interventions) > MAX_INTERVENTIONS:
            raise SessionError(f"a turn holds at most {MAX_INTERVENTIONS} facilitator interventions")
        events = self.preview(interventions)
        if len(events) > MAX_EVENTS:
            raise SessionError(
                f"this turn would produce {len(events)} events, more than the {MAX_EVENTS} a save holds; "
                "withdraw some orders or interventions"
            )
        record = TurnRecord(self.turn, self._orders(), (*self.interventions, *interventions), events)
        self.records.append(record)
        self.state = apply_all(self.campaign, self.state, events)
        self.pending = {}
        self.interventions = []
        self.save()
        return record

    def save(self, path: str | None = None, rotate: bool = True) -> None:
        target = path or self.path
        if target is None:
            return
        write_save(target, self.snapshot(), rotate=rotate)

    def snapshot(self) -> SaveFile:
        return attrs.evolve(
            self._save,
            turns=tuple(self.records),
            pending=self._orders(),
            pending_interventions=tuple(self.interventions),
        )

    # -- checks --------------------------------------------------------------------------------
    def _orders(self) -> tuple[TeamOrders, ...]:
        return tuple(self.pending[t] for t in self.team_ids() if t in self.pending)

    def _check_team(self, team: str) -> None:
        if team not in self.team_ids():
            raise SessionError(f'no team "{team}" (teams: {", ".join(self.team_ids())})')

    def _check_open(self) -> None:
        if self.ended:
            raise SessionError(f"the game is over ({self.ended})")

    @staticmethod
    def _check_shape(value, kind) -> None:
        """Refuse values a save could not read back (wrong types, unknown literals) before journalling them."""
        try:
            converter.structure(converter.unstructure(value, kind), kind)
        except Exception as exc:  # cattrs groups the problems; each is reported
            problems = "; ".join(f"{at}: {message}" if at else message for at, message in structure_problems(exc))
            raise SessionError(f"malformed {kind.__name__}: {problems}") from None

    def _check_intervention(self, i: Intervention) -> None:
        self._check_shape(i, Intervention)
        if i.kind in ("override", "adjudicate"):
            self._check_team(i.team or "")
            orders = self.pending.get(i.team or "")
            listed = (orders.moves if i.kind == "override" else orders.freeform) if orders else ()
            if i.order is None or not 0 <= i.order < len(listed):
                raise SessionError(f"{i.team} has no {'move' if i.kind == 'override' else 'free-form move'} number {i.order}")
            if i.outcome is None:
                raise SessionError("an override or ruling needs an outcome: success or failure")
        if i.kind in ("fire_inject", "postpone_inject"):
            if i.inject not in {inj.id for inj in self.campaign.injects}:
                raise SessionError(f'no inject "{i.inject}"')
        if not i.reason.strip():
            raise SessionError("every facilitator intervention needs a reason")
