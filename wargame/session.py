"""One running game: the engine, the record of turns, orders in progress, and autosave."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from .campaign.loader import LoadedCampaign, load_campaign
from .converter import converter, structure_problems
from .core import arguments
from .core import events as ev
from .core import views
from .core.adjudicator import adjudicate
from .core.bots import PERSONAS, bot_orders
from .core.events import Event
from .core.model import dyad_key
from .core.narrative import describe
from .core.orders import MAX_RATIONALE_CHARS, Intervention, TeamOrders, TurnRecord
from .core.replay import state_after
from .core.state import GameState, apply_all
from .persistence.save_assembly import SaveAssembler
from .persistence.saves import MAX_EVENTS, MAX_INTERVENTIONS, MAX_ORDERS, Parent, SaveFile, Settings, load_save, new_save, write_save


class SessionError(ValueError):
    """A request the session cannot carry out; the message says why."""


class Session:
    """A game in progress. Every method takes and returns plain values, so it can sit behind a server."""

    def __init__(self, campaign: LoadedCampaign, save: SaveFile, path: str | None = None):
        self.loaded = campaign
        # What teams are shown of odds may be this game's own setting (setup, --show-odds).
        self.campaign = arguments.with_show_odds(campaign.campaign, save.settings.show_odds)
        self.path = path
        self._save = save
        self.records: list[TurnRecord] = list(save.turns)
        self.state: GameState = state_after(self.campaign, self.records)
        self.pending: dict[str, TeamOrders] = {o.team: o for o in save.pending}
        self.interventions: list[Intervention] = list(save.pending_interventions)
        self.journal_orders = True
        """Save after each team's orders, so that orders people gave are never lost. A headless run
        turns it off and saves once a turn, at the commit: its bots' orders are derived again from
        the seed, and scripted orders are read again from the orders file."""
        self._assembler = SaveAssembler()

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
        show_odds: str = "",
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
            passphrase=_hashed(passphrase),
            show_odds="" if show_odds == c.rules.show_odds else show_odds,
        )
        session = cls(loaded, new_save(loaded, seed, settings), path)
        session.save()
        return session

    @classmethod
    def resume(cls, path: str) -> Session:
        loaded = load_save(path)
        return cls(loaded.campaign, loaded.save, path)

    @classmethod
    def fork(
        cls, source: str, after_turn: int, path: str,
        bots: dict[str, str] | None = None, humans: Sequence[str] | None = None, overwrite: bool = False,
    ) -> Session:
        """A new game that continues `source` after `after_turn`; the source file is only read.

        `bots` and `humans` reseat teams: a team in `humans` is handed to people, a team in `bots`
        to that persona; every other team keeps its seat. The new save records its parent.
        """
        from .persistence.verification import does_not_reproduce, verify_save  # only forks re-adjudicate first

        loaded = load_save(source)
        turns = loaded.save.turns
        if not 0 <= after_turn <= len(turns):
            raise SessionError(f"{source} has turns 1 to {len(turns)}; cannot fork after turn {after_turn}")
        if Path(path).exists() and not overwrite:
            raise SessionError(f"{path} already exists; choose another name for the new game")
        kept = attrs.evolve(loaded, save=attrs.evolve(loaded.save, turns=turns[:after_turn]))
        verification = verify_save(kept)
        if not verification.reproduces:
            # Going on from a record the rules do not give would make a game that is itself refused
            # by `play --resume` and `report`; a forgery later than `after_turn` is cut off and harmless.
            raise SessionError(f"{source} {does_not_reproduce(kept, verification)}; cannot play on from turn {after_turn}")
        save = attrs.evolve(
            loaded.save,
            turns=turns[:after_turn],
            # Notes on the turns the fork plays anew are about the parent's game, not this one.
            annotations=tuple(n for n in loaded.save.annotations if n.turn <= after_turn),
            pending=(),
            pending_interventions=(),
            settings=attrs.evolve(
                reseated(loaded.campaign, loaded.save.settings, bots or {}, humans or ()),
                forked_from=f"{Path(source).name} after turn {after_turn}",
                parent=Parent(save=str(source), checksum=loaded.checksum, turn=after_turn + 1),
            ),
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
    def last_turn(self) -> int:
        """The game's last turn: as set up, unless the white cell has moved it since."""
        return self.state.last_turn or self.settings.turns

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
        from .passphrase import check_passphrase

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
        """Record a team's orders for this turn (replacing earlier ones) and journal them (see `journal_orders`)."""
        self._check_open()
        self._check_team(orders.team)
        self._check_shape(orders, TeamOrders)
        count = len(orders.moves) + len(orders.freeform) + len(orders.messages) + len(orders.responses)
        if count > MAX_ORDERS:
            # A save refuses more than this on reading, so it is refused before it is journalled.
            raise SessionError(f"{count} orders for {orders.team}; a team gives at most {MAX_ORDERS} in a turn")
        if any(len(o.rationale) > MAX_RATIONALE_CHARS for o in (*orders.moves, *orders.votes, *orders.declarations)):
            raise SessionError(f"a rationale of {orders.team} is longer than {MAX_RATIONALE_CHARS} characters; keep the why short")
        self.pending[orders.team] = orders
        if self.journal_orders:
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
        if decided and self.journal_orders:  # nothing new otherwise, and the host waits on this before it adjudicates
            self.save(rotate=False)

    def missing(self) -> tuple[str, ...]:
        return tuple(t for t in self.team_ids() if t not in self.pending)

    def intervene(self, intervention: Intervention) -> None:
        """Queue a facilitator intervention for this turn; a later override of the same order replaces it."""
        self._check_open()
        self._check_intervention(intervention)
        same = _slot(intervention)
        kept = [i for i in self.interventions if _slot(i) != same]
        if len(kept) >= MAX_INTERVENTIONS:
            raise SessionError(f"a turn holds at most {MAX_INTERVENTIONS} facilitator interventions")
        self.interventions = [*kept, intervention]
        self.save(rotate=False)

    def unruled_freeform(self) -> tuple[tuple[str, int], ...]:
        """(team, number) of every free-form move submitted this turn that no queued ruling decides yet."""
        ruled = {(i.team, i.order) for i in self.interventions if i.kind == "adjudicate"}
        return tuple(
            (team, index)
            for team in self.team_ids() if team in self.pending
            for index in range(len(self.pending[team].freeform))
            if (team, index) not in ruled
        )

    def annotate(self, text: str, shared: bool = False) -> int:
        """The white cell's note on the turn in play (the last one once the game is over), kept in the save
        beside the record; returns the turn. ProblemsFound says what is wrong with the note."""
        from .persistence.annotations import add_to

        turn = min(self.turn, len(self.records)) if self.ended else self.turn
        self._save = add_to(self.snapshot(), str(self.path or "the game"), turn, text, shared=shared)
        self.save(rotate=False)
        return turn

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

    def preview_changes(self, intervention: Intervention) -> tuple[str, ...]:
        """What queuing `intervention` would change in this turn's outcome, in words, before it is queued.

        The turn is adjudicated as it stands and again with the ruling (replacing an earlier ruling on
        the same order, as `intervene` would); the lines compare the two: rungs per dyad (with the
        injects that now fire or no longer do), the crisis, the end of the game, outcomes of moves,
        channels, treaty triggers and tracks. When the two agree, one line says the ruling changes
        nothing, and why when the reason is plain (the dyad is already on the lowest rung).
        """
        self._check_open()
        if not intervention.reason.strip():  # a ruling being drafted has no reason yet
            intervention = attrs.evolve(intervention, reason="(preview)")
        self._check_intervention(intervention)
        same = _slot(intervention)
        tentative = [*(i for i in self.interventions if _slot(i) != same), intervention]
        before = self.preview()
        after = adjudicate(self.campaign, self.state, self._orders(), tentative, self.seed, self.settings.turns)
        lines = _differences(self.campaign, self.state, before, after)
        return tuple(lines) or (self._why_nothing(intervention, before),)

    def _why_nothing(self, ruling: Intervention, events: Sequence[Event]) -> str:
        nothing = "This ruling changes nothing"
        if ruling.kind == "adjudicate":
            orders = self.pending.get(ruling.team or "")
            target = orders.freeform[ruling.order].target if orders and ruling.order is not None else None
            if ruling.outcome == "success" and ruling.escalation and target and target != ruling.team:
                rung = self.state.rungs.get(dyad_key(ruling.team or "", target))
                if rung == 0 and ruling.escalation < 0:
                    return f"{nothing}: the dyad is already on the lowest rung"
                if rung == len(self.campaign.rungs) - 1 and ruling.escalation > 0:
                    return f"{nothing}: the dyad is already on the highest rung"
            if ruling.outcome == "success" and ruling.escalation and not target:
                return f"{nothing} but the record: the move names no target, so no dyad can move"
            return f"{nothing} but the record: the ruling moves no rung, track or channel"
        if ruling.kind == "override":
            resolved = next(
                (e for e in events if isinstance(e, ev.MoveResolved) and e.team == ruling.team and e.index == ruling.order),
                None,
            )
            if resolved is not None and resolved.success == (ruling.outcome == "success"):
                return f"{nothing}: the move already {'succeeded' if resolved.success else 'failed'}"
            if resolved is None:
                return f"{nothing}: that move is refused before it is rolled"
        return f"{nothing}: every outcome stays as it is"

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
        write_save(target, self.snapshot(), rotate=rotate, assembler=self._assembler)

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
            if i.outcome is None and not (i.kind == "adjudicate" and i.odds):
                raise SessionError("an override or ruling needs an outcome (success or failure) or, for a free-form move, odds")
        found = arguments.problems(self.campaign, self.state, i)
        if found:
            raise SessionError("; ".join(found))
        if i.kind in ("fire_inject", "postpone_inject"):
            if i.inject not in {inj.id for inj in self.campaign.injects}:
                raise SessionError(f'no inject "{i.inject}"')
        if not i.reason.strip():
            raise SessionError("every facilitator intervention needs a reason")


def _hashed(passphrase: str) -> str:
    """The facilitator's passphrase as kept in the save: a salted hash, or "" for none. Imported here,
    since hashing loads modules that only games with a passphrase need."""
    if not passphrase:
        return ""
    from .passphrase import hash_passphrase

    return hash_passphrase(passphrase)


def reseated(loaded: LoadedCampaign, settings: Settings, bots: dict[str, str], humans: Sequence[str]) -> Settings:
    """`settings` with teams handed to people (`humans`) or to bot personas (`bots`); others keep their seat."""
    ids = [t.id for t in loaded.campaign.teams]
    for team in [*bots, *humans]:
        if team not in ids:
            raise SessionError(f'no team "{team}" in {loaded.path} (teams: {", ".join(ids)})')
    for team, persona in bots.items():
        if persona not in PERSONAS:
            raise SessionError(f'no bot persona "{persona}" (personas: {", ".join(PERSONAS)})')
        if team in humans:
            raise SessionError(f'{team} cannot be both played by people and by the bot "{persona}"')
    people = (set(settings.humans) - set(bots)) | set(humans)
    seated = {t: p for t, p in settings.bots.items() if t not in people} | bots
    return attrs.evolve(settings, bots=dict(sorted(seated.items())), humans=tuple(t for t in ids if t in people))


def _slot(i: Intervention) -> tuple:
    """What a later intervention replaces: the same ruling on the same order, or the same power on the same thing."""
    return (i.kind, i.team, i.order, i.inject, i.track, i.target, i.channel, i.text if i.kind == "adhoc_inject" else "")


def _differences(campaign, state: GameState, before: Sequence[Event], after: Sequence[Event]) -> list[str]:
    """The differences between two adjudications of one turn, as sentences for the white cell."""
    names = campaign.short_names()
    rung_names = [r.name for r in campaign.rungs]
    track_names = {"resources": "resources", "support": "domestic support"} | {t.id: t.name for t in campaign.tracks}
    end_before, end_after = apply_all(campaign, state, before), apply_all(campaign, state, after)
    injects = {i.id: i.name for i in campaign.injects}
    fired_before = {e.inject for e in before if isinstance(e, ev.InjectFired)}
    fired_after = {e.inject for e in after if isinstance(e, ev.InjectFired)}
    inject_notes = [f"{injects.get(i, i)} inject now fires" for i in sorted(fired_after - fired_before)]
    inject_notes += [f"{injects.get(i, i)} inject no longer fires" for i in sorted(fired_before - fired_after)]
    # Which injects moved each dyad, so that a jump is put down to the inject that caused it.
    moved_by: dict[str, set[str]] = {}
    for events in (before, after):
        cause = None
        for e in events:
            if isinstance(e, ev.InjectFired):
                cause = e.inject
            elif isinstance(e, ev.EscalationChanged) and cause is not None:
                moved_by.setdefault(dyad_key(*e.dyad[:2]), set()).add(cause)
            elif not isinstance(e, (ev.TrackChanged, ev.InteropChanged, ev.ChannelChanged, ev.MoveDetected)):
                cause = None
    changed_injects = (fired_after - fired_before) | (fired_before - fired_after)
    lines: list[str] = []
    told: set[str] = set()
    for key, rung in end_before.rungs.items():
        new = end_after.rungs[key]
        if new == rung:
            continue
        a, b = key.split("|", 1)
        why = sorted(moved_by.get(key, set()) & changed_injects)
        told.update(why)
        notes = [n for n in inject_notes if any(n.startswith(f"{injects.get(i, i)} inject") for i in why)]
        tail = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"{names.get(a, a)}–{names.get(b, b)}: {rung_names[rung]} → {rung_names[new]}{tail}")
    for inject in sorted(changed_injects - told):
        lines.append(f"{injects.get(inject, inject)} inject {'now fires' if inject in fired_after else 'no longer fires'}")
    if end_before.crisis() != end_after.crisis():
        lines.append(f"The crisis: {rung_names[end_before.crisis()]} → {rung_names[end_after.crisis()]}")
    if end_after.ended and not end_before.ended:
        lines.append(f"The game now ends this turn ({end_after.ended.replace('_', ' ')})")
    elif end_before.ended and not end_after.ended:
        lines.append("The game no longer ends this turn")
    outcomes_before = {(e.team, e.index): e for e in before if isinstance(e, ev.MoveResolved)}
    for e in after:
        if isinstance(e, ev.MoveResolved):
            old = outcomes_before.get((e.team, e.index))
            if old is not None and old.success != e.success:
                lines.append(f"{names.get(e.team, e.team)}: {e.name} {'succeeded' if old.success else 'failed'} → {'succeeds' if e.success else 'fails'}")
    for channel in campaign.channels:
        old, new = end_before.channels.get(channel.id), end_after.channels.get(channel.id)
        if old != new:
            lines.append(f"{channel.name}: {old} → {new}")
    triggered_before = {(e.treaty, e.victim) for e in before if isinstance(e, ev.TreatyTriggered)}
    triggered_after = {(e.treaty, e.victim) for e in after if isinstance(e, ev.TreatyTriggered)}
    treaties = {t.id: t.name for t in campaign.treaties}
    for treaty, victim in sorted(triggered_after - triggered_before):
        lines.append(f"{treaties.get(treaty, treaty)} is now triggered (for {names.get(victim, victim)})")
    for treaty, victim in sorted(triggered_before - triggered_after):
        lines.append(f"{treaties.get(treaty, treaty)} is no longer triggered (for {names.get(victim, victim)})")
    for team, tracks in end_before.tracks.items():
        for track, old in tracks.items():
            new = end_after.tracks[team][track]
            if abs(new - old) > 1e-9:
                lines.append(f"{names.get(team, team)} {track_names.get(track, track)}: {old:g} → {new:g}")
    return lines
