"""The adjudicator: resolves one turn of simultaneous secret orders into events.

The order is fixed, so the same state, orders and seed always give the same events:

1. Legality: every move is checked against the state at the start of the turn
   (target, requirements, then budget in the order the team listed its moves);
   refused orders cost nothing. Red lines declared this turn are then recorded
   (`declarations`).
2. Moves, teams in campaign order and each team's moves in its order: chance of
   success from the start-of-turn state (base plus each modifier), one roll,
   success when roll < chance (unless the facilitator overrode it), then effects.
   A dyad lands where `escalation.Ladder.move_landing` puts it (step, anchors,
   the force floor, the firebreaks the move may cross).
   A move's `spill` moves other dyads too (`spillover`); a move on another pair's
   dyad acts there (`third_parties`); an attack on a neutral is reported.
   Detectable moves are then rolled against every other team's intelligence.
3. Free-form moves, as the facilitator ruled on them (outright, or odds in words
   and a roll on the move's own stream: `arguments`). Then, when de-escalation
   takes two (`rules.de_escalation`), the step-downs offered by moves: void where
   the other side climbed that dyad this turn, else the deepest one applies.
4. Answers to proposals; unanswered proposals lapse at their deadline.
5. Messages sent this turn, then every message due: lost if the channel is
   suspended, else delivered when roll < reliability (halved when degraded).
6. Commitments: treaties triggered by this turn's moves; obligations met by a
   move with the obligation's tag, or breached when their deadline passes;
   members' votes where a treaty needs a decision, restraint, per-commitment
   credibility (`alliances`); burden-sharing shortfalls.
7. Accidental escalation on every dyad above the first rung: chance = base +
   per-rung × rung (+ a bonus if the dyad escalated this turn, + another when
   both sides stand on high alert), times (1 − the best dampening of a working
   channel between the two). An incident is then rolled for containment by the
   channel that contains best, climbs to the next incident rung, and against a
   firebreak rolls to leak across it (see `_incident`); one that climbs may spill
   to the allies of either side (`spillover`).
8. Injects: fired by the facilitator, postponed by the facilitator, due by turn
   or by condition. Then the white cell's powers (set a track, a rung, a channel,
   an ad-hoc inject, the game's length: `arguments`); then red lines: crossed lines
   enforced or bluffed, standing ones crossed or lapsed; then credibility drifts.
   Where the campaign keeps beliefs (`rules.intel_noise`), each team's are then formed from what
   it saw this turn, each on its own stream ("perception:<team>", see `perception`).
9. End: a terminal rung, a settlement, the facilitator, sustained calm, or the
   turn limit; at the end every objective is scored.

Every roll comes from one `random.Random` seeded from the game seed and the turn
number, and is written into its event.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

from . import alliances, arguments, declarations, perception, spillover
from . import events as ev
from .escalation import NO_CROSSING, ladder
from .model import Campaign, Channel, Effects, Move, dyad_key
from .orders import MAX_MESSAGE_CHARS, Intervention, TeamOrders
from .rules import (
    budget,
    channel_between,
    containment_between,
    effective_intelligence,
    holds,
    refusal,
    success_chance,
    tidy,
)
from .state import Draft, GameState
from .streams import turn_rng
from .third_parties import apply_dyad_effects, attack_on_neutral, carried_to

INTEROP_CAP = 1.0


class _Tables:
    """What the adjudicator reads from a campaign every turn, worked out once (kept in `Campaign.derived`)."""

    def __init__(self, campaign: Campaign):
        self.teams = tuple(team.id for team in campaign.teams)
        self.names = {team.id: team.name for team in campaign.teams}
        self.observers = {team: tuple(x for x in self.teams if x != team) for team in self.teams}
        self.bounds = {track: campaign.track_bounds(track) for track in campaign.track_names()}
        # Accidents: every pair of teams with its dyad key, and the terms of the chance that
        # depend only on the campaign's rules.
        self.pairs = tuple(((a, b), dyad_key(a, b)) for i, a in enumerate(self.teams) for b in self.teams[i + 1 :])
        # By rung and whether the dyad escalated this turn: the terms of an accident's chance
        # before any dampening that are not zero (as the event shows them), and the sum of all.
        rules = campaign.rules
        base = ev.Term("base", rules.accident_base)
        escalated = ev.Term("escalated this turn", rules.accident_after_escalation)
        self.accident_terms: dict[tuple[int, bool], tuple[tuple[ev.Term, ...], float]] = {}
        for level in range(1, len(campaign.rungs)):
            per_rung = ev.Term(f"rung {level}", tidy(rules.accident_per_rung * level))
            for terms in ((base, per_rung), (base, per_rung, escalated)):
                shown = tuple(term for term in terms if term.value)
                self.accident_terms[level, len(terms) == 3] = (shown, sum(term.value for term in terms))
        self.trigger_tags = frozenset(treaty.trigger.tag for treaty in campaign.treaties)
        self.burden_sharing = tuple(treaty for treaty in campaign.treaties if treaty.burden_sharing is not None)
        self.terminal = frozenset(i for i, rung in enumerate(campaign.rungs) if rung.terminal)
        self.calm_rung = campaign.rung_index(rules.calm_rung) if rules.calm_rung else None
        self.rung_ids = tuple(rung.id for rung in campaign.rungs)
        self.ladder = ladder(campaign)
        self.takes_two = rules.de_escalation == "takes_two"
        self.alert = rules.accident_mutual_alert
        self.diminishing = rules.credibility_returns == "diminishing"
        self.drift = rules.credibility_drift
        self.baseline = {
            team.id: team.credibility if rules.credibility_baseline is None else rules.credibility_baseline
            for team in campaign.teams
        }
        self.incidents_before_step_downs = rules.incidents_before_step_downs
        # Domains and spill-over (core.spillover): asked only of campaigns that use them.
        self.domains = spillover.uses_domains(campaign)
        self.limited_channels = spillover.limited_channels(campaign)
        self.incident_spill = rules.spill > 0 or any(r.spill for r in campaign.rungs)
        self.containment = any(ch.containment for ch in campaign.channels)
        self.neutrals = frozenset(team.id for team in campaign.teams if team.neutral)
        self._campaign = campaign
        self._others: dict[tuple[str, str], tuple[str, ...]] = {}

    def others(self, channel: Channel, team: str) -> tuple[str, ...]:
        """The members of `channel` other than `team`: whom a message from `team` goes to by default."""
        key = (channel.id, team)
        others = self._others.get(key)
        if others is None:
            others = tuple(x for x in channel.members if x != team)
            if team in self.names:  # kept for the campaign's teams only: a bounded set of keys
                self._others[key] = others
        return others



def _tables(campaign: Campaign) -> _Tables:
    tables = campaign.derived.get("adjudicator")
    if tables is None:
        tables = campaign.derived["adjudicator"] = _Tables(campaign)
    return tables


class _Turn:
    """Working space for one adjudication: the evolving state and the events so far."""

    def __init__(self, campaign: Campaign, state: GameState, seed: int, explain: bool = True):
        self.c = campaign
        # False: the explanations (the terms of chances, their labels) are not built; every outcome is the same.
        self.explain = explain
        self.tables = _tables(campaign)
        self.names = self.tables.names
        self.bounds = self.tables.bounds
        self.start = state
        # Each event is applied as it is emitted, to a draft that is frozen once at the end.
        self.state = Draft(state)
        self.turn = state.turn
        self.events: list[ev.Event] = []
        self.rng = turn_rng(seed, state.turn)
        self.seed = seed  # free-form moves ruled on odds roll on streams of their own (`arguments.roll_for`)
        # De-escalation takes two: this turn's climbs by a team's moves, as (team, dyad key),
        # and the step-downs offered, resolved once every move is in (see `_step_downs`).
        self.climbed: set[tuple[str, str]] = set()
        self.offers: list[tuple] = []
        # Moves on another pair's dyad: (team, order index) -> the second team of the pair.
        self.pairs: dict[tuple[str, int], str] = {}
        self.seed = seed
        self.hard_to_read = False  # the move being resolved is `ambiguous` (see `land`)
        # Spill-over (core.spillover): the domain of the move that last raised each dyad this
        # turn, and the step-downs spills offered when de-escalation takes two.
        self.raised_in: dict[str, str] = {}
        self.spill_offers: list[tuple] = []

    @functools.cached_property
    def intelligence(self) -> dict[str, float]:
        """Each team's effective intelligence at the start of the turn, worked out at the first detectable move."""
        return {team: tidy(effective_intelligence(self.c, self.start, team)) for team in self.tables.teams}

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)
        self.state.apply(self.c, event)

    def roll(self) -> float:
        return self.rng.random()

    def name(self, team: str) -> str:
        return self.names[team]

    def change_track(
        self, team: str, track: str, delta: float, cause: str, public: bool, known_by: tuple[str, ...] = ()
    ) -> None:
        """The commonest change of all, so `clamp` and `emit` are written out here."""
        if not delta:
            return
        low, high = self.bounds[track]
        old = self.state.tracks[team][track]
        if track == "credibility" and self.tables.diminishing:
            # Diminishing returns: the step shrinks with the room left towards the bound it moves to.
            # Rounded to thousandths: a reputation reads 0.712, not 0.712493.
            room = (high - old if delta > 0 else old - low) / (high - low)
            delta = round(delta * min(1.0, 2 * room), 3)
        new = old + delta
        new = new if new > low else low  # max(low, new) and min(high, new), NaN included
        new = tidy(new if new < high else high)
        if new != old:
            # turn, public, audience, team, track, old, new, cause, secret, known_by
            event = ev.track_changed(self.turn, public, (team,), team, track, old, new, cause, bool(known_by), known_by)
            self.events.append(event)
            # As everywhere, the state changes only by applying the event (here without looking up its handler).
            self.state.apply_track(event)

    def escalate(
        self, a: str, b: str, delta: int, cause: str, may_cross: frozenset[int] = NO_CROSSING, by: str = "",
        known_by: tuple[str, ...] = (), at_least: int | None = None,
    ) -> None:
        if not delta and at_least is None:
            return
        old = self.state.rungs[dyad_key(a, b)]
        new, held = self.tables.ladder.land(old, delta, may_cross, at_least)
        self.land(a, b, old, new, held, cause, by, known_by)

    def land(
        self, a: str, b: str, old: int, new: int, held: str, cause: str, by: str = "", known_by: tuple[str, ...] = (),
        domain: str = "", spilled_from: tuple[str, ...] = (),
    ) -> None:
        """The dyad a–b moved from `old` to `new` (or was held below the firebreak `held`)."""
        if new != old or held:
            rung_ids = self.tables.rung_ids
            # Where beliefs are kept, only the maker sees where a secret or ambiguous move landed.
            hidden = perception.hides(self.c, known_by, self.hard_to_read)
            self.emit(
                ev.EscalationChanged(
                    turn=self.turn, public=not hidden, audience=(known_by or (by,)) if hidden else (),
                    dyad=(b, a) if b < a else (a, b),  # sorted
                    old=rung_ids[old], new=rung_ids[new], cause=cause, held_at=held, by=by,
                    secret=bool(known_by), known_by=known_by, domain=domain, spilled_from=spilled_from,
                )
            )

    def refuse(self, team: str, what: str, reason: str) -> None:
        """An order that cannot be carried out: only its team learns why."""
        self.emit(ev.OrderRefused(turn=self.turn, public=False, audience=(team,), team=team, what=what, reason=reason))

    def set_channel(self, channel: str, status: str, cause: str, known_by: tuple[str, ...] = ()) -> None:
        old = self.state.channels[channel]
        if old != status:
            self.emit(
                ev.ChannelChanged(
                    turn=self.turn, channel=channel, old=old, new=status, cause=cause,
                    secret=bool(known_by), known_by=known_by,
                )
            )


def adjudicate(
    campaign: Campaign,
    state: GameState,
    orders: Sequence[TeamOrders],
    interventions: Sequence[Intervention],
    seed: int,
    last_turn: int | None = None,
) -> tuple[ev.Event, ...]:
    """Every event of the turn `state.turn`, given all teams' orders and the facilitator's rulings."""
    return resolve_turn(campaign, state, orders, interventions, seed, last_turn)[0]


def resolve_turn(
    campaign: Campaign,
    state: GameState,
    orders: Sequence[TeamOrders],
    interventions: Sequence[Intervention],
    seed: int,
    last_turn: int | None = None,
    explain: bool = True,
) -> tuple[tuple[ev.Event, ...], GameState]:
    """`adjudicate`, and the state after its events: `apply_all(campaign, state, events)`.

    The adjudicator applies every event as it emits it anyway; handing that state
    back saves the caller applying the whole turn a second time.

    With `explain=False` the explanations are left out: the `terms` of each move's chance
    and of accident and leak rolls are empty, and their labels are never built. Every
    outcome, roll, chance and track value is the same; a caller that only counts outcomes
    (`simulation.play_out` without a record) saves building what nobody reads.
    """
    if state.ended:
        return (), state
    t = _Turn(campaign, state, seed, explain)
    teams = t.tables.teams
    by_team = {o.team: o for o in orders if o.team in teams}
    accepted = _legal_moves(t, teams, by_team)
    if any(o.declarations for o in by_team.values()):
        declarations.declare(t, teams, by_team)
    resolved = _resolve_moves(t, accepted, interventions)
    _resolve_freeform(t, teams, by_team, interventions)
    if t.offers:
        _step_downs(t)
    if t.spill_offers:
        spillover.resolve_offers(t)
    settled = _answer_proposals(t, teams, by_team)
    _send_and_deliver(t, teams, by_team)
    _commitments(t, accepted, resolved, by_team)
    _accidents(t)
    _injects(t, interventions)
    if any(i.kind in arguments.POWERS for i in interventions):
        arguments.apply_powers(t, interventions, last_turn or campaign.turns)
    if t.state.red_lines:
        declarations.check(t, accepted)
    if t.tables.drift:
        _drift(t)
    alliances.drift_commitments(t)
    if perception.active(campaign):
        def streams(team: str) -> random.Random:
            return turn_rng(seed, state.turn, f"perception:{team}")

        for formed in perception.form(campaign, state, t.state, t.events, t.intelligence, streams, explain=explain):
            t.emit(formed)
    _end(t, settled, interventions, t.state.last_turn or last_turn or campaign.turns)
    return tuple(t.events), t.state.freeze()


def _legal_moves(t: _Turn, teams, by_team) -> list[tuple[str, int, Move, str | None]]:
    accepted = []
    c, start = t.c, t.start
    for team in teams:
        orders = by_team.get(team)
        if orders is None:
            continue
        spent, available = 0, budget(start, team)
        for index, order in enumerate(orders.moves):
            move = c.find_move(order.move)
            if move is None:
                reason = f'there is no move "{order.move}" in this campaign'
            else:
                reason = refusal(c, start, team, move, order.target, order.dyad_with)
                if not reason and spent + move.cost > available:
                    reason = f"over budget: costs {move.cost}, {available - spent} of {available} left"
            if reason:
                t.refuse(team, f"move {index + 1}: {order.move}", reason)
                continue
            spent += move.cost
            accepted.append((team, index, move, order.target))
            if order.dyad_with:
                t.pairs[team, index] = order.dyad_with
    return accepted


def _resolve_moves(t: _Turn, accepted, interventions) -> list[ev.MoveResolved]:
    overrides = {(i.team, i.order): i for i in interventions if i.kind == "override"}
    resolved = []
    c, start, turn, names, roll, explain = t.c, t.start, t.turn, t.names, t.rng.random, t.explain
    for team, index, move, target in accepted:
        chance, terms = success_chance(c, start, team, move, target, explain)
        rolled = roll()
        success = rolled < chance
        override = overrides.get((team, index)) if overrides else None
        if override is not None and override.outcome:
            success = override.outcome == "success"
        visibility = move.visibility
        public = visibility == "public"
        # In field order, not by keyword: matching eighteen keywords costs almost as much as the event.
        outcome = ev.move_resolved(
            turn, public, (team,), team, index,  # turn, public, audience, team, index
            move.id, move.name, move.category, target or "",  # move, name, category, target
            move.cost, move.success.base, terms, chance, rolled, success,  # cost, base, terms, probability, roll, success
            override.reason if override else "", visibility, move.tags,  # override, visibility, tags
            t.pairs.get((team, index), "") if t.pairs else "",  # dyad_with
        )
        t.events.append(outcome)  # no handler applies a MoveResolved: the move acts through the events below
        resolved.append(outcome)
        # The cause is always the truth; a secret move's is known only to its team (`known_by`),
        # and everyone else reads it from their side as an undisclosed action.
        cause = f"{move.name} ({names[team]})"
        known_by = () if public else (team,)
        t.hard_to_read = move.ambiguous
        if move.target == "dyad":
            second = t.pairs[team, index]
            cause = f"{move.name} ({names[team]}, between {names[target]} and {names[second]})"
            apply_dyad_effects(t, team, target, second, move, move.effects if success else move.on_failure, cause, public, known_by, success)
        else:
            _apply_effects(t, team, target, move, move.effects if success else move.on_failure, cause, public, known_by, success)
        if target and target in t.tables.neutrals and move.target != "dyad":
            attack_on_neutral(t, team, target, move, public, (team, dyad_key(team, target)) in t.climbed)
        t.hard_to_read = False
        if visibility == "detectable":
            _detect(t, team, move, target, success)
    return resolved


def _apply_effects(
    t: _Turn, team, target, move: Move, e: Effects, cause: str, public: bool, known_by: tuple[str, ...], success: bool
) -> None:
    change_track = t.change_track
    for track, delta in e.actor.items():
        change_track(team, track, delta, cause, public, known_by)
    for track, delta in e.target.items():
        change_track(target, track, delta, cause, public, known_by)
    if target and (e.escalation or e.rung_at_least or e.rung_exactly):
        key = dyad_key(team, target)
        old = t.state.rungs[key]
        new, held = t.tables.ladder.move_landing(old, move, e)
        if new < old and t.tables.takes_two:
            t.offers.append((key, team, target, move, success, cause, known_by))
        else:
            if new > old:
                t.climbed.add((team, key))
                if move.domain:
                    t.raised_in[key] = move.domain
            t.land(team, target, old, new, held, cause, team, known_by, domain=move.domain)
    if e.spill:
        spillover.after_move(t, team, target or "", move, e, cause, known_by)
    if target and e.interoperability:
        key = dyad_key(team, target)
        old = t.state.interop[key]
        new = old + e.interoperability
        new = new if new > 0.0 else 0.0  # clamp(new, 0.0, INTEROP_CAP), written out (NaN included)
        new = tidy(new if new < INTEROP_CAP else INTEROP_CAP)
        if new != old:
            t.emit(
                ev.InteropChanged(
                    turn=t.turn, public=public, audience=(team, target),
                    teams=(target, team) if target < team else (team, target),  # sorted
                    old=old, new=new, cause=cause, secret=bool(known_by), known_by=known_by,
                )
            )
    if e.channel and e.channel_status:
        t.set_channel(e.channel, e.channel_status, cause, known_by)
    if e.consult_treaty:
        t.events.append(ev.ConsultationHeld(turn=t.turn, treaty=e.consult_treaty, team=team))  # no handler applies it
    if target and e.restrain:
        alliances.restrain(t, team, target, cause, public, known_by)
    if e.invoke_treaty:
        treaty = t.c.treaty(e.invoke_treaty)
        if treaty.decision == "consensus":
            alliances.open_decision(t, treaty, team, "", f"{t.name(team)} invoked {treaty.name}")
            return
        t.emit(
            ev.TreatyTriggered(
                turn=t.turn, treaty=treaty.id, victim=team, cause=f"{t.name(team)} invoked {treaty.name}",
                obliged=tuple(m for m in treaty.members if m != team),
                due=t.turn + treaty.obligation.within,
            )
        )


def _detect(t: _Turn, team, move: Move, target, success: bool) -> None:
    intelligence, roll, turn, target = t.intelligence, t.rng.random, t.turn, target or ""
    record = t.events.append  # no handler applies a MoveDetected: it only tells the observer
    for observer in t.tables.observers[team]:
        chance = intelligence[observer]
        rolled = roll()
        detected = rolled < chance
        record(
            ev.move_detected(  # in field order, as with `move_resolved`
                turn, False, (observer,) if detected else (),  # turn, public, audience
                observer, team, move.id, move.name, target, success, chance, rolled, detected,
            )
        )


def _resolve_freeform(t: _Turn, teams, by_team, interventions) -> None:
    rulings = {(i.team, i.order): i for i in interventions if i.kind == "adjudicate"}
    for team in teams:
        orders = by_team.get(team)
        for index, ff in enumerate(orders.freeform if orders else ()):
            target = ff.target if ff.target in t.state.tracks and ff.target != team else ""
            ruling = rulings.get((team, index))
            counters = arguments.counters_for(t.c, [by_team[x] for x in teams if x in by_team], team, index, ff)
            if ruling and ruling.odds:  # ruled as in a matrix game: odds in words, then a roll
                arguments.rule_on_odds(t, team, index, ff, ruling, target, t.seed, counters)
                continue
            outcome = ruling.outcome if ruling and ruling.outcome else "not adjudicated"
            visibility = ff.visibility
            detected = bool(ruling and ruling.detected) and visibility == "secret"
            public, audience = arguments.freeform_audience(visibility, detected, team, target)
            t.emit(
                ev.FreeformResolved(
                    turn=t.turn, public=public, audience=audience, team=team, index=index,
                    action=ff.action[:MAX_MESSAGE_CHARS], argument=ff.argument[:MAX_MESSAGE_CHARS],
                    target=target, outcome=outcome, reason=ruling.reason if ruling else "",
                    visibility=visibility, detected=detected, reason_shared=bool(ruling and ruling.share_reason),
                    counters=counters,
                )
            )
            if ruling and outcome == "success" and target and ruling.escalation:
                cause = f"free-form move by {t.name(team)}, ruled by the facilitator"
                known_by = (team,) if visibility == "secret" and not detected else ()
                # The white cell may rule that an action crosses a firebreak.
                key = dyad_key(team, target)
                old = t.state.rungs[key]
                t.escalate(team, target, ruling.escalation, cause, t.tables.ladder.every_firebreak, team, known_by)
                if t.state.rungs[key] > old:
                    t.climbed.add((team, key))


def _step_downs(t: _Turn) -> None:
    """De-escalation takes two: each step-down offered this turn by a move, dyad by dyad.

    An offer is void when the other side climbed the same dyad this turn by a move or a ruling;
    of the offers that stand, the one that takes the dyad lowest applies (they are not added).
    """
    ladder = t.tables.ladder
    by_dyad: dict[str, list] = {}
    for offer in t.offers:
        by_dyad.setdefault(offer[0], []).append(offer)
    for key, offers in by_dyad.items():
        best = None
        for offer in offers:
            _, team, target, move, success, cause, known_by = offer[:7]
            # A mediator's offer (an eighth part: `third_parties.apply_dyad_effects`) is void when either side climbed.
            mediator = offer[7] if len(offer) > 7 else ""
            climber = target if (target, key) in t.climbed else team if mediator and (team, key) in t.climbed else ""
            if climber:
                t.emit(
                    ev.StepDownVoided(
                        # A secret step-down is news only to the team that offered it.
                        turn=t.turn, public=not known_by, audience=known_by, dyad=tuple(sorted((team, target))), team=mediator or team, other=climber, cause=cause,
                        secret=bool(known_by), known_by=known_by,
                    )
                )
                continue
            old = t.state.rungs[key]
            new, held = ladder.move_landing(old, move, move.effects if success else move.on_failure)
            if new < old and (best is None or new < best[0]):
                best = (new, team, target, old, cause, known_by, mediator or team)
        if best is not None:
            new, team, target, old, cause, known_by, by = best
            t.land(team, target, old, new, "", cause, by, known_by)


def _answer_proposals(t: _Turn, teams, by_team) -> bool:
    settled = False
    for team in teams:
        orders = by_team.get(team)
        for response in orders.responses if orders else ():
            proposal = next(
                (p for p in t.state.proposals if p.id == response.proposal and p.responder == team), None
            )
            if proposal is None:
                t.refuse(team, f"answer to {response.proposal}", "no open proposal with that id for you")
                continue
            answer = "accepted" if response.accept else "rejected"
            t.emit(
                ev.ProposalAnswered(
                    turn=t.turn, public=False, audience=(proposal.sender, team, *carried_to(proposal)), id=proposal.id,
                    proposal=proposal.kind, sender=proposal.sender, responder=team, answer=answer,
                )
            )
            if not response.accept:
                continue
            side, names = proposal.sender, f"{t.name(proposal.sender)} and {t.name(team)}"
            if proposal.other:
                if any(p.id == proposal.id for p in t.state.proposals):
                    continue  # carried: the other side has not accepted yet
                side, names = proposal.other, f"{t.name(proposal.other)} and {t.name(team)}, carried by {t.name(proposal.sender)}"
            if proposal.kind == "stand_down":
                t.escalate(side, team, -1, f"mutual stand-down agreed by {names}")
            else:
                level = t.state.rung(side, team)
                t.escalate(side, team, -level, f"settlement agreed by {names}")
                settled = True
    for p in t.state.proposals:
        if p.expires <= t.turn:
            t.emit(
                ev.ProposalAnswered(
                    turn=t.turn, public=False, audience=(p.sender, p.responder, *carried_to(p)), id=p.id,
                    proposal=p.kind, sender=p.sender, responder=p.responder, answer="lapsed",
                )
            )
    return settled


def _send_and_deliver(t: _Turn, teams, by_team) -> None:
    sent = 0
    for team in teams:
        orders = by_team.get(team)
        for index, m in enumerate(orders.messages if orders else ()):
            channel = t.c.find_channel(m.channel)
            others = t.tables.others(channel, team) if channel else ()
            to = m.to or others
            if channel is None:
                reason = f'there is no channel "{m.channel}"'
            elif team not in channel.members:
                reason = f"{team} is not on {channel.name}"
            elif any(x not in others for x in to):
                reason = f"recipients must be other members of {channel.name}: {', '.join(others)}"
            elif m.proposal and not (len(to) == 1 or len(m.to) == 2):
                reason = "a proposal goes to one team, or to two when you carry it between them: set `to`"
            elif not m.text.strip():
                reason = "the message is empty"
            elif len(m.text) > MAX_MESSAGE_CHARS:
                reason = f"the message is longer than {MAX_MESSAGE_CHARS} characters"
            else:
                reason = ""
            if reason:
                t.refuse(team, f"message {index + 1} on {m.channel}", reason)
                continue
            sent += 1
            t.emit(
                ev.MessageSent(
                    turn=t.turn, public=False, audience=(team,), id=f"m{t.turn}.{sent}",
                    channel=channel.id, sender=team, to=tuple(to), text=m.text,
                    proposal=m.proposal or "", deliver_on=t.turn + channel.latency,
                )
            )
    due = [m for m in t.state.in_transit if m.deliver_on <= t.turn] if t.state.in_transit else ()
    for msg in due:
        channel = t.c.channel(msg.channel)
        status = t.state.channels[msg.channel]
        if status == "suspended":
            t.emit(
                ev.MessageLost(
                    turn=t.turn, public=False, audience=(msg.sender,), id=msg.id, channel=msg.channel,
                    sender=msg.sender, to=msg.to, reason=f"{channel.name} is suspended",
                )
            )
            continue
        reliability = channel.reliability / 2 if status == "degraded" else channel.reliability
        roll = t.roll()
        if roll < reliability:
            t.emit(
                ev.MessageDelivered(
                    turn=t.turn, public=False, audience=(msg.sender, *msg.to), id=msg.id, channel=msg.channel,
                    sender=msg.sender, to=msg.to, text=msg.text, proposal=msg.proposal,
                    reliability=reliability, roll=roll,
                )
            )
        else:
            t.emit(
                ev.MessageLost(
                    turn=t.turn, public=False, audience=(msg.sender,), id=msg.id, channel=msg.channel,
                    sender=msg.sender, to=msg.to, reason="no acknowledgement: lost or garbled in transmission",
                    reliability=reliability, roll=roll,
                )
            )


def _commitments(t: _Turn, accepted, resolved: list[ev.MoveResolved], by_team=None) -> None:
    if t.state.decisions or (by_team and any(o.votes for o in by_team.values())):
        alliances.decide(t, by_team or {})
    # Only a move with a treaty's trigger tag can trigger it: in most turns no move has one.
    triggering = [e for e in resolved if not t.tables.trigger_tags.isdisjoint(e.tags)]
    for treaty in t.c.treaties if triggering else ():
        trigger = treaty.trigger
        for e in triggering:
            # An armed attack that fails is still an attack: success is not required.
            if not (trigger.tag in e.tags and e.target in treaty.members):
                continue
            if e.team in treaty.members:
                continue
            if trigger.min_rung and t.state.rung(e.team, e.target) < t.c.rung_index(trigger.min_rung):
                continue
            if treaty.decision == "consensus":
                alliances.open_decision(t, treaty, e.target, e.team, f"{e.name} by {t.name(e.team)} against {t.name(e.target)}")
                break
            t.emit(
                ev.TreatyTriggered(
                    turn=t.turn, treaty=treaty.id, victim=e.target, attacker=e.team,
                    cause=f"{e.name} by {t.name(e.team)} against {t.name(e.target)}",
                    obliged=tuple(m for m in treaty.members if m != e.target),
                    due=t.turn + treaty.obligation.within,
                )
            )
            break
    owed = t.state.obligations
    acted = {(team, tag) for team, _, move, _ in accepted for tag in move.tags} if owed else set()
    for o in owed:
        if o.trigger_turn >= t.turn:
            continue
        treaty = t.c.treaty(o.treaty)
        entrapping = treaty.caveats or treaty.obligation.enters_dyad
        move = alliances.honouring(treaty, o, accepted) if entrapping else None
        met = move is not None if entrapping else (o.team, o.tag) in acted
        if met:
            honoured, deltas = True, treaty.honour
            detail = f"{t.name(o.team)} acted ({o.tag}) under {treaty.name}"
        elif o.due <= t.turn:
            honoured, deltas = False, treaty.breach
            detail = f"{t.name(o.team)} did not act ({o.tag}) under {treaty.name} by turn {o.due}"
        else:
            continue
        entered = alliances.entered(treaty, o) if honoured else ""
        t.emit(
            ev.ObligationSettled(
                turn=t.turn, treaty=o.treaty, team=o.team, honoured=honoured,
                trigger_turn=o.trigger_turn, detail=detail, entered=entered,
            )
        )
        for track, delta in deltas.items():
            t.change_track(o.team, track, delta, detail, True)
        if t.c.rules.credibility == alliances.PER_COMMITMENT:
            alliances.settle_commitment(t, treaty, o.team, deltas.get("credibility", 0.0), detail)
        if entered:
            alliances.enter_dyad(t, o, move, f"{t.name(o.team)} entered the conflict on {t.name(o.victim)}'s behalf under {treaty.name}")
    for treaty in t.tables.burden_sharing:
        burden = treaty.burden_sharing
        for member in treaty.members:
            value = t.state.tracks[member][burden.track]
            if value < burden.at_least:
                t.emit(
                    ev.BurdenShortfall(
                        turn=t.turn, treaty=treaty.id, team=member, track=burden.track,
                        value=value, target=burden.at_least,
                    )
                )
                cause = f"burden-sharing shortfall under {treaty.name}"
                for track, delta in burden.shortfall.items():
                    t.change_track(member, track, delta, cause, True)


def _accidents(t: _Turn) -> None:
    tables, draft, start_rungs, roll = t.tables, t.state, t.start.rungs, t.rng.random
    alert, alert_at, explain = tables.alert, t.c.rules.alert_at, t.explain
    for pair, key in tables.pairs:
        level = now = draft.rungs[key]  # read afresh: an accident on an earlier pair replaced the dict
        if tables.incidents_before_step_downs and start_rungs[key] > level:
            # Forces ordered back are still in contact while they withdraw: the incident happens
            # where the dyad stood, though the step-down stands unless the incident climbs past it.
            level = start_rungs[key]
        if level == 0:
            continue
        shown, raw = tables.accident_terms[level, level > start_rungs[key]]
        if not explain:
            shown = ()
        domain = spillover.incident_domain(t, key, level) if tables.domains else ""
        if alert:
            a, b = pair
            if draft.tracks[a]["readiness"] >= alert_at and draft.tracks[b]["readiness"] >= alert_at:
                # Both sides on high alert: forces close up, rules of engagement loosen.
                shown, raw = (*shown, ev.term("mutual high alert", alert)) if explain else (), raw + alert
        if tables.limited_channels:
            dampening = spillover.dampening_in(t.c, draft, *pair, domain)
        else:
            dampening = channel_between(t.c, draft, *pair)
        if dampening and explain:
            damped = ev.term("open channel dampening", tidy(-raw * dampening))
            shown = (*shown, damped) if damped.value else shown
        chance = raw * (1 - dampening)
        chance = chance if chance > 0.0 else 0.0  # clamp(chance, 0.0, 1.0), written out (NaN included)
        chance = tidy(chance if chance < 1.0 else 1.0)
        if chance <= 0:
            continue
        rolled = roll()
        happened = rolled < chance
        incident = _incident(t, pair, level, domain) if happened else None
        # No handler applies an AccidentRolled: only the escalation it may cause changes the state.
        if incident is None:
            t.events.append(
                ev.AccidentRolled(
                    turn=t.turn, public=False, audience=pair, dyad=pair,
                    terms=shown, chance=chance,
                    roll=rolled, happened=happened, domain=domain,
                )
            )
            continue
        channel, containment, contained_roll, contained, goal, held, threshold, leak, leak_terms, leak_roll, leaked = incident
        spill, spill_roll, spilled = 0.0, 0.0, False
        if tables.incident_spill and not contained and (leaked or (not held and goal > now)):
            # The incident climbed: it may draw each side's allies in (a second front).
            spill = spillover.incident_spill_chance(t.c, goal)
            if spill > 0:
                spill_roll = roll()
                spilled = spill_roll < spill
        t.events.append(
            ev.AccidentRolled(
                turn=t.turn, public=False, audience=pair, dyad=pair, terms=shown, chance=chance,
                roll=rolled, happened=happened, channel=channel, containment=containment,
                containment_roll=contained_roll, contained=contained, threshold=threshold, leak=leak,
                leak_terms=leak_terms, leak_roll=leak_roll, leaked=leaked, domain=domain,
                spill=spill, spill_roll=spill_roll, spilled=spilled,
            )
        )
        if contained:
            continue
        if leaked:
            name = tables.ladder.threshold_name(goal)
            cause = f"an incident neither side ordered crossed the threshold: {name}"
            t.land(pair[0], pair[1], now, goal, "", cause, domain=domain)
        elif held:  # the firebreak held: the dyad stays where it stands now
            t.land(pair[0], pair[1], now, now, held, ACCIDENT, domain=domain)
        elif goal > now:
            t.land(pair[0], pair[1], now, goal, "", ACCIDENT, domain=domain)
        if spilled:
            spillover.after_incident(t, pair, domain)


ACCIDENT = "accidental escalation: an incident neither side ordered"


def _incident(t: _Turn, pair: tuple[str, str], level: int, domain: str = "") -> tuple:
    """What an incident on the dyad `pair` at `level` does: whether a channel contains it, where
    it would climb, and whether it leaks across the firebreak it comes up against.

    (channel, containment, its roll, contained, the rung it lands on, the firebreak that held it,
    the firebreak it rolled to leak across, leak chance, leak terms, leak roll, leaked). Containment is rolled first, then the leak: a roll is drawn
    only for a chance above zero, so campaigns without either roll as the first engine did.
    """
    ladder = t.tables.ladder
    channel, containment, contained_roll, contained = "", 0.0, 0.0, False
    if t.tables.containment:
        if t.tables.limited_channels:  # only the channels that cover the incident's domain
            channel, containment = spillover.containment_in(t.c, t.state, *pair, domain)
        else:
            channel, containment = containment_between(t.c, t.state, *pair)
        if containment > 0:
            contained_roll = t.roll()
            contained = contained_roll < containment
    held_at, threshold, leak, leak_terms, leak_roll, leaked = "", "", 0.0, (), 0.0, False
    goal = level
    if not contained:
        goal = ladder.incident_goal(level)
        if goal > level and ladder.firebreak[goal]:
            held_at = ladder.ids[goal]
            base = t.c.rungs[goal].leak
            if base > 0:
                threshold = held_at  # named in the event only when a leak is rolled for: old events stay as they were
                values = [base]
                weight = t.c.rules.leak_readiness
                if weight:
                    tracks = t.state.tracks
                    mean = (tracks[pair[0]]["readiness"] + tracks[pair[1]]["readiness"]) / 2
                    value = tidy(weight * (mean - 0.5))
                    if value:
                        values.append(value)
                if t.explain:
                    labels = (f"leak at {ladder.threshold_name(goal)}", "both sides' readiness")
                    leak_terms = tuple(ev.term(label, value) for label, value in zip(labels, values))
                leak = tidy(min(1.0, max(0.0, sum(values))))
                if leak > 0:
                    leak_roll = t.roll()
                    leaked = leak_roll < leak
            if leaked:
                held_at = ""
            else:
                goal = level
    return channel, containment, contained_roll, contained, goal, held_at, threshold, leak, leak_terms, leak_roll, leaked


def _drift(t: _Turn) -> None:
    """Credibility drifts back toward its baseline by `rules.credibility_drift` of the gap each
    turn: a reputation neither tested nor renewed fades (Press 2005), so tracks stop piling up at
    their bounds. Rounded to thousandths, as credibility changes with diminishing returns are."""
    drift, baseline, tracks = t.tables.drift, t.tables.baseline, t.state.tracks
    for team in t.tables.teams:
        old = tracks[team]["credibility"]
        delta = round(drift * (baseline[team] - old), 3)
        if delta:
            t.change_track(team, "credibility", delta, "credibility drifts back toward its baseline", False)


def _injects(t: _Turn, interventions) -> None:
    fire = {i.inject: i for i in interventions if i.kind == "fire_inject"}
    hold = {i.inject: i for i in interventions if i.kind == "postpone_inject"}
    for inj in t.c.injects:
        if inj.id in t.state.fired:
            continue
        reason = ""
        if inj.id in fire:
            # The reason is the white cell's: the event keeps it apart from what the room reads.
            cause, reason = "fired by the facilitator", fire[inj.id].reason
        elif inj.id in t.state.postponed:
            if t.turn < t.state.postponed[inj.id]:
                continue
            cause = "postponed by the facilitator until now"
        elif inj.turn is None and inj.when is None:
            continue
        elif (inj.turn is None or t.turn >= inj.turn) and (
            inj.when is None or holds(t.c, t.state, inj.when)
        ):
            cause = f"scheduled for turn {inj.turn}" if inj.when is None else "its condition holds"
        else:
            continue
        if inj.id in hold and inj.id not in fire:
            until = t.turn + max(1, hold[inj.id].turns)
            t.emit(
                ev.InjectPostponed(
                    turn=t.turn, public=False, inject=inj.id, until=until, reason=hold[inj.id].reason
                )
            )
            continue
        t.emit(ev.InjectFired(turn=t.turn, inject=inj.id, name=inj.name, text=inj.text, cause=cause, reason=reason))
        for d in inj.effects.tracks:
            t.change_track(d.team, d.track, d.delta, inj.name, True)
        for s in inj.effects.escalation:
            at_least = t.c.rung_index(s.rung_at_least) if s.rung_at_least else None
            t.escalate(s.dyad[0], s.dyad[1], s.delta, inj.name, at_least=at_least)
        if inj.effects.channel and inj.effects.channel_status:
            t.set_channel(inj.effects.channel, inj.effects.channel_status, inj.name)


def _end(t: _Turn, settled: bool, interventions, last_turn: int) -> None:
    c, state, tables = t.c, t.state, t.tables
    crisis = state.crisis()
    calm_rung = tables.calm_rung
    calm_streak = state.calm_streak + 1 if calm_rung is not None and crisis <= calm_rung else 0
    terminal = next((r for r in state.rungs.values() if r in tables.terminal), None) if tables.terminal else None
    stop = next((i for i in interventions if i.kind == "end_game"), None)
    if terminal is not None:
        reason, detail = "terminal", f"the crisis reached {c.rungs[terminal].name}"
    elif settled and c.rules.end_on_settlement and crisis <= (calm_rung or 0):
        reason, detail = "settlement", "the parties agreed a settlement"
    elif stop is not None:
        reason, detail = "facilitator", f"ended by the facilitator: {stop.reason}"
    elif calm_rung is not None and calm_streak >= c.rules.calm_turns:
        reason, detail = "de-escalation", f"{calm_streak} turns at or below {c.rungs[calm_rung].name}"
    elif t.turn >= last_turn:
        reason, detail = "turn_limit", f"the last turn ({last_turn}) was played"
    else:
        reason = ""
    if reason:
        t.emit(ev.GameEnded(turn=t.turn, reason=reason, detail=detail))
        for team in c.teams:
            for o in team.objectives:
                met = holds(c, t.state, o.condition, ended_by=reason)
                t.emit(
                    ev.ObjectiveScored(
                        turn=t.turn, team=team.id, objective=o.id, description=o.description,
                        met=met, points=o.points if met else 0,
                    )
                )
    # Where beliefs are kept the true crisis level is the white cell's: teams read their own beliefs.
    public = not perception.active(c)
    t.emit(ev.TurnCompleted(turn=t.turn, public=public, crisis=tables.rung_ids[crisis], calm_streak=calm_streak))
