"""Arguments: free-form moves ruled as in a matrix game (odds in words, a roll, any effect), and the white cell's powers.

A free-form move states what a team does and why. The white cell rules on it either outright
(success or failure plus an optional rung shift: the first engine's ruling, which older saves hold
and which keeps its meaning, crossing every firebreak) or, as in a matrix game, by setting the odds
in words of the campaign's estimative scale (`rules.estimative_scale`). A ruled-on-odds move is then
rolled: the roll comes from the game seed, the turn and the move (team and number), so it does not
depend on any other ruling or move, and it is written into the move's event. Success when the roll
is below the word's chance. The effects of the outcome (`RulingEffects`) then apply: track deltas,
the move's dyad to a named rung (stopping below every firebreak but the one the ruling names),
a channel's status, interoperability, an ad-hoc inject. Whoever learns of the move learns of its
effects; a secret move's effects read "an undisclosed action" to everyone else.

Before the ruling comes the argument round: every team that may see a free-form move (all of them
for a public move, its target for a target-only one, none for a secret one, which only the white
cell reads) may answer it with a counter-argument (`may_counter`), and, where the campaign says
`rules.odds_by = "vote"`, the teams not party to it each vote a word of the scale (`voters`); the
odds are then the median word (`median_word`). The counters and votes are orders of the teams that
gave them, stored with the turn, and written into the move's event for whoever learns of the move.

The white cell may also, at any turn, set a track, put a dyad on a rung, set a channel, write an
inject or move the last turn (`apply_powers`, step 8 of the turn with the scripted injects). Every
one is an intervention with its reason, recorded in the save, and replays.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from . import events as ev
from .escalation import NO_CROSSING
from .model import Campaign, EstimativeWord, dyad_key
from .narrative import odds_in_words
from .orders import MAX_MESSAGE_CHARS, CounterArgument, FreeformOrder, Intervention, RulingEffects, TeamOrders
from .streams import turn_rng

MAX_TURNS = 99
"""The furthest the white cell may move the last turn."""

POWERS = ("set_track", "set_rung", "set_channel", "adhoc_inject", "set_turns")
"""The intervention kinds that are the white cell's powers rather than rulings on an order."""

CHANNEL_STATUSES = ("open", "degraded", "suspended")


def scale(campaign: Campaign) -> tuple[EstimativeWord, ...]:
    """The campaign's estimative scale, most likely first as the campaign lists it."""
    return campaign.rules.estimative_scale


def chance_of(campaign: Campaign, word: str) -> float | None:
    """The chance the campaign gives `word`, or None when its scale has no such word."""
    return next((w.chance for w in scale(campaign) if w.word == word), None)


def word_for(campaign: Campaign, chance: float) -> str:
    """The word of the scale nearest `chance` (the likelier one on a tie): how a team reads odds in words."""
    return odds_in_words(campaign, chance)


def with_show_odds(campaign: Campaign, show_odds: str) -> Campaign:
    """`campaign` with teams shown odds as `show_odds` says (a game's setting); "" leaves it as written.
    The rules of adjudication do not read it, so a game replays the same whatever it is."""
    if not show_odds or show_odds == campaign.rules.show_odds:
        return campaign
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, show_odds=show_odds))


def default_odds(campaign: Campaign) -> str:
    """The word free-form moves are ruled on when no facilitator is there: `rules.default_odds`, else the middle word."""
    words = scale(campaign)
    if campaign.rules.default_odds or not words:
        return campaign.rules.default_odds
    return words[len(words) // 2].word


def roll_for(seed: int, turn: int, team: str, index: int) -> float:
    """The roll of `team`'s free-form move number `index` in `turn`: its own stream, so that ruling
    one move (or changing its odds) never changes another outcome of the turn."""
    return turn_rng(seed, turn, f"argument:{team}:{index}").random()


def problems(campaign: Campaign, state, i: Intervention, pending_freeform: Sequence[FreeformOrder] = ()) -> list[str]:
    """What is wrong with a ruling on odds or a white-cell power, in words for the facilitator; [] when nothing."""
    out: list[str] = []
    teams = {t.id for t in campaign.teams}
    rungs = {r.id for r in campaign.rungs}
    channels = {c.id for c in campaign.channels}
    tracks = set(campaign.track_names())
    if i.kind == "adjudicate" and i.odds:
        if chance_of(campaign, i.odds) is None:
            words = ", ".join(w.word for w in scale(campaign))
            out.append(f'no word "{i.odds}" on this campaign\'s estimative scale (words: {words})')
        for name, effects in (("success", i.on_success), ("failure", i.on_failure)):
            for d in effects.tracks:
                if d.team not in teams:
                    out.append(f'on {name}: no team "{d.team}"')
                if d.track not in tracks:
                    out.append(f'on {name}: no track "{d.track}"')
            if effects.rung and effects.rung not in rungs:
                out.append(f'on {name}: no rung "{effects.rung}"')
            if effects.crosses and effects.crosses not in rungs:
                out.append(f'on {name}: no threshold "{effects.crosses}" to cross')
            if (effects.channel == "") != (effects.channel_status == ""):
                out.append(f"on {name}: a channel effect needs both the channel and its status")
            if effects.channel and effects.channel not in channels:
                out.append(f'on {name}: no channel "{effects.channel}"')
            if effects.channel_status and effects.channel_status not in CHANNEL_STATUSES:
                out.append(f'on {name}: a channel is open, degraded or suspended, not "{effects.channel_status}"')
    elif i.kind == "set_track":
        if i.team not in teams:
            out.append(f'no team "{i.team}"')
        if i.track not in tracks:
            out.append(f'no track "{i.track}"')
        elif not campaign.track_bounds(i.track)[0] <= i.value <= campaign.track_bounds(i.track)[1]:
            low, high = campaign.track_bounds(i.track)
            out.append(f"{i.track} runs from {low:g} to {high:g}, not {i.value:g}")
    elif i.kind == "set_rung":
        if i.team not in teams or i.target not in teams or i.team == i.target:
            out.append("a dyad is two different teams of the campaign")
        if i.rung not in rungs:
            out.append(f'no rung "{i.rung}"')
    elif i.kind == "set_channel":
        if i.channel not in channels:
            out.append(f'no channel "{i.channel}"')
        if i.status not in CHANNEL_STATUSES:
            out.append(f'a channel is open, degraded or suspended, not "{i.status}"')
    elif i.kind == "adhoc_inject":
        if not i.text.strip():
            out.append("an ad-hoc inject needs its text")
    elif i.kind == "set_turns":
        if not state.turn <= i.turns <= MAX_TURNS:
            out.append(f"the last turn must be between this turn ({state.turn}) and {MAX_TURNS}, got {i.turns}")
    return out


def may_counter(ff: FreeformOrder, mover: str, team: str) -> bool:
    """Whether `team` may read (and so counter) `mover`'s free-form move `ff` in the argument round:
    any other team for a public move, its target for a target-only one, nobody for a secret one."""
    if team == mover:
        return False
    if ff.visibility == "public":
        return True
    return ff.visibility == "target" and ff.target == team


def voters(campaign: Campaign, ff: FreeformOrder, mover: str) -> tuple[str, ...]:
    """The teams that vote the odds of `mover`'s move `ff` (`rules.odds_by = "vote"`): those not party
    to it (neither its maker nor its target) that may read it, in campaign order; () otherwise."""
    if campaign.rules.odds_by != "vote":
        return ()
    return tuple(t.id for t in campaign.teams if t.id != ff.target and may_counter(ff, mover, t.id))


def median_word(campaign: Campaign, words: Sequence[str]) -> str:
    """The median of `words` on the campaign's scale, the less likely of the two middle words when
    their number is even (a move must convince the room); "" when none is a word of the scale."""
    chances = sorted(c for c in (chance_of(campaign, w) for w in words) if c is not None)
    if not chances:
        return ""
    middle = chances[(len(chances) - 1) // 2]
    return next(w.word for w in scale(campaign) if w.chance == middle)


def counters_for(
    campaign: Campaign, orders: Sequence[TeamOrders], mover: str, index: int, ff: FreeformOrder
) -> tuple[ev.Counter, ...]:
    """The counter-arguments and votes given to `mover`'s free-form move `index`, one per team in the
    order of `orders` (the first a team gave): only from teams that may read the move, a vote only
    from a team that may vote and only a word of the scale, texts cut to the longest a message is."""
    may_vote = set(voters(campaign, ff, mover))
    out: list[ev.Counter] = []
    for o in orders:
        given = next((c for c in o.counters if c.mover == mover and c.index == index), None)
        if given is None or not may_counter(ff, mover, o.team):
            continue
        text = given.text.strip()[:MAX_MESSAGE_CHARS]
        odds = given.odds if o.team in may_vote and chance_of(campaign, given.odds) is not None else ""
        if text or odds:
            out.append(ev.Counter(o.team, text, odds))
    return tuple(out)


def counterable(campaign: Campaign, orders: Sequence[TeamOrders], team: str) -> tuple[tuple[str, int, FreeformOrder], ...]:
    """The free-form moves of this turn `team` may counter, as (mover, index, move), in campaign order."""
    by_team = {o.team: o for o in orders}
    return tuple(
        (t.id, i, ff)
        for t in campaign.teams if t.id in by_team
        for i, ff in enumerate(by_team[t.id].freeform)
        if may_counter(ff, t.id, team)
    )


@attrs.frozen
class OpenMove:
    """A free-form move as a team that may counter it reads it in the argument round: who makes it
    (`mover`, and its number `index`), what it says in that team's words (`text`: the maker, the
    action, whom it is towards, who is told; never the maker's reasons, which only the white cell
    reads), and whether this team votes its odds (`votes`)."""

    mover: str
    index: int
    text: str
    votes: bool = False


def open_moves(campaign: Campaign, orders: Sequence[TeamOrders], team: str) -> tuple[OpenMove, ...]:
    """The free-form moves `team` may counter this turn, written from its side, in campaign order."""
    names = {t.id: t.name for t in campaign.teams}
    told = {"public": "public", "target": "told only to its target"}
    out = []
    for mover, index, ff in counterable(campaign, orders, team):
        towards = "you" if ff.target == team else names.get(ff.target or "", "")
        text = f"{names.get(mover, mover)}: “{ff.action[:MAX_MESSAGE_CHARS]}”"
        text += f" (towards {towards}; {told.get(ff.visibility, ff.visibility)})" if towards else f" ({told.get(ff.visibility, ff.visibility)})"
        out.append(OpenMove(mover, index, text, team in voters(campaign, ff, mover)))
    return tuple(out)


def freeform_audience(visibility: str, detected: bool, team: str, target: str) -> tuple[bool, tuple[str, ...]]:
    """Who learns of a free-form move: everyone, its target, or (secret) only those the ruling says
    detected it: its target, or every other team when it has none. Returns (public, audience)."""
    public = visibility == "public" or (detected and not target)
    if visibility == "target" or (detected and target):
        return public, ((team, target) if target else (team,))
    return public, (team,)

def rule_on_odds(
    t, team: str, index: int, ff: FreeformOrder, ruling: Intervention, target: str, seed: int,
    counters: tuple[ev.Counter, ...] = (),
) -> None:
    """Roll `team`'s free-form move `index` against the odds the white cell set (or, under
    `rules.odds_by = "vote"`, the median of the votes when there are any), emit it, apply its effects."""
    voted = median_word(t.c, [c.odds for c in counters if c.odds]) if t.c.rules.odds_by == "vote" else ""
    odds = voted or ruling.odds
    chance = chance_of(t.c, odds)
    chance = 0.0 if chance is None else chance
    rolled = roll_for(seed, t.turn, team, index)
    success = rolled < chance
    visibility = ff.visibility
    detected = ruling.detected and visibility == "secret"
    public, audience = freeform_audience(visibility, detected, team, target)

    t.emit(
        ev.FreeformResolved(
            turn=t.turn, public=public, audience=audience, team=team, index=index,
            action=ff.action[:MAX_MESSAGE_CHARS], argument=ff.argument[:MAX_MESSAGE_CHARS],
            target=target, outcome="success" if success else "failure", reason=ruling.reason,
            visibility=visibility, detected=detected, reason_shared=ruling.share_reason,
            odds=odds, chance=chance, roll=rolled, counters=counters, voted=bool(voted),
        )
    )
    effects = ruling.on_success if success else ruling.on_failure
    cause = f"free-form move by {t.name(team)}, ruled by the facilitator"
    known_by = (team,) if visibility == "secret" and not detected else ()
    _apply(t, team, target, effects, cause, known_by, public, audience)


def _apply(t, team: str, target: str, effects: RulingEffects, cause: str, known_by, public: bool, audience) -> None:
    for d in effects.tracks:
        t.change_track(d.team, d.track, d.delta, cause, True, known_by)
    if effects.rung and target:
        key = dyad_key(team, target)
        old = t.state.rungs[key]
        goal = t.c.rung_index(effects.rung)
        index = t.c._index["rung"]
        may_cross = frozenset({index[effects.crosses]}) if effects.crosses in index else NO_CROSSING
        new, held = t.tables.ladder.land(old, goal - old, may_cross)
        t.land(team, target, old, new, held, cause, team, known_by)
        if new > old:
            t.climbed.add((team, key))
    if effects.channel and effects.channel_status:
        t.set_channel(effects.channel, effects.channel_status, cause, known_by)
    if effects.interop and target:
        key = dyad_key(team, target)
        old = t.state.interop[key]
        new = round(max(0.0, min(1.0, old + effects.interop)), 6)
        if new != old:
            t.emit(
                ev.InteropChanged(
                    turn=t.turn, public=public, audience=(team, target),
                    teams=(target, team) if target < team else (team, target),
                    old=old, new=new, cause=cause, secret=bool(known_by), known_by=known_by,
                )
            )
    if effects.inject.strip():
        # Told to whoever learns of the move, as the move itself is.
        t.emit(
            ev.InjectFired(
                turn=t.turn, public=public, audience=audience, inject="", name="Ad-hoc inject",
                text=effects.inject[:2000], cause=f"the outcome of {cause}",
            )
        )


def apply_powers(t, interventions: Sequence[Intervention], last_turn: int) -> None:
    """The white cell's powers queued for this turn, in the order the facilitator queued them."""
    cause = "set by the white cell"
    for i in interventions:
        if i.kind == "set_track" and i.team in t.state.tracks:
            # Set, not stepped: no diminishing returns, and the value is the one the white cell gave.
            old = t.state.tracks[i.team][i.track]
            if i.value != old:
                event = ev.track_changed(t.turn, True, (i.team,), i.team, i.track, old, i.value, cause, False, ())
                t.emit(event)
        elif i.kind == "set_rung" and i.team in t.state.tracks and i.target in t.state.tracks and i.team != i.target:
            key = dyad_key(i.team, i.target)
            old, new = t.state.rungs[key], t.c.rung_index(i.rung)
            t.land(i.team, i.target, old, new, "", cause)
        elif i.kind == "set_channel":
            t.set_channel(i.channel, i.status, cause)
        elif i.kind == "adhoc_inject":
            t.emit(
                ev.InjectFired(
                    turn=t.turn, inject="", name="Ad-hoc inject", text=i.text[:2000], cause="written by the white cell",
                    reason=i.reason,
                )
            )
        elif i.kind == "set_turns":
            old = t.state.last_turn or last_turn
            if i.turns != old:
                t.emit(ev.GameLengthChanged(turn=t.turn, public=True, old=old, new=i.turns, reason=i.reason))


def what_it_does(campaign: Campaign, i: Intervention) -> str:
    """An intervention in a few words for the white cell: what it rules or changes (its reason apart)."""
    names = {t.id: t.name for t in campaign.teams}
    rungs = {r.id: r.name for r in campaign.rungs}
    channels = {c.id: c.name for c in campaign.channels}

    def n(team) -> str:
        return names.get(team or "", team or "?")

    match i.kind:
        case "adjudicate" if i.odds:
            chance = chance_of(campaign, i.odds)
            number = f", {round(chance * 100):g}%" if chance is not None else ""
            parts = [f"{n(i.team)}'s free-form move {(i.order or 0) + 1} on odds: {i.odds}{number}"]
            for label, effects in (("success", i.on_success), ("failure", i.on_failure)):
                said = effects_in_words(campaign, effects)
                if said:
                    parts.append(f"on {label}: {said}")
            return "; ".join(parts)
        case "adjudicate":
            shift = f", escalation {i.escalation:+d}" if i.escalation else ""
            return f"{n(i.team)}'s free-form move {(i.order or 0) + 1}: {i.outcome or 'no outcome'}{shift}"
        case "override":
            return f"{n(i.team)}'s move {(i.order or 0) + 1}: {i.outcome}"
        case "fire_inject" | "postpone_inject":
            later = f" by {i.turns} turn{'s' if i.turns != 1 else ''}" if i.kind == "postpone_inject" else ""
            return f"inject {i.inject}{later}"
        case "set_track":
            return f"{n(i.team)}'s {i.track} set to {i.value:g}"
        case "set_rung":
            return f"{n(i.team)}–{n(i.target)} put on {rungs.get(i.rung, i.rung)}"
        case "set_channel":
            return f"{channels.get(i.channel, i.channel)} {i.status}"
        case "adhoc_inject":
            return f"“{i.text}”"
        case "set_turns":
            return f"the game now ends after turn {i.turns}"
    return ""


def effects_in_words(campaign: Campaign, effects: RulingEffects) -> str:
    """A ruling's effects for the white cell, or "" when it has none."""
    names = {t.id: t.name for t in campaign.teams}
    rungs = {r.id: r.name for r in campaign.rungs}
    parts = [f"{names.get(d.team, d.team)} {d.track} {d.delta:+g}" for d in effects.tracks]
    if effects.rung:
        crossing = f" (may cross {rungs.get(effects.crosses, effects.crosses)})" if effects.crosses else ""
        parts.append(f"the dyad to {rungs.get(effects.rung, effects.rung)}{crossing}")
    if effects.channel:
        parts.append(f"{effects.channel} {effects.channel_status}")
    if effects.interop:
        parts.append(f"interoperability {effects.interop:+g}")
    if effects.inject:
        parts.append(f"inject “{effects.inject}”")
    return ", ".join(parts)
