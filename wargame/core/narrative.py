"""Plain-English sentences for events, written from one viewer's side: what it may know, and why.

`describe` never formats the truth and filters it afterwards: it is handed the viewer (a team, the
room or the white cell) and what that viewer knows of other teams' tracks at the time of the event,
and writes only that. The rule it follows is set out in `views`' docstring.
"""

from __future__ import annotations

import attrs

from . import events as ev
from . import perception
from .model import Campaign

FACILITATOR = "facilitator"
"""The white cell: sees every event, every value and every cause."""
ROOM = "room"
"""Everyone at once (the hot-seat public view, the observer projector): knows only what is public."""
PUBLIC_TRACKS = frozenset({"credibility"})
"""Tracks every team may follow for every other team: credibility is a public reputation."""
BUILTIN_TRACK_NAMES = {
    "resources": "Resources",
    "readiness": "Readiness",
    "credibility": "Credibility",
    "support": "Domestic support",
    "intelligence": "Intelligence",
}
UNDISCLOSED = "an undisclosed action"

_HOSTILE_TAGS = frozenset(
    {"armed_attack", "kinetic", "coercion", "grey_zone", "economic_pressure", "cyber", "espionage",
     "influence", "hybrid", "show_of_force", "nuclear", "deterrence", "sanctions", "lawfare"}
)
_FRIENDLY_TAGS = frozenset(
    {"de-escalation", "deconfliction", "defence_diplomacy", "reassurance", "interoperability",
     "technology_cooperation", "arms_transfer", "mediation", "consultation", "sustainment",
     "collective_defense", "burden_sharing", "intelligence_sharing", "confidence_building"}
)


@attrs.frozen
class Viewpoint:
    """Who reads, and whose tracks that reader's intelligence reveals at the moment described."""

    who: str
    """A team id, FACILITATOR or ROOM."""
    reveals: frozenset[str] = frozenset()
    """Other teams whose tracks (all of them) the viewer's effective intelligence shows."""

    @property
    def white_cell(self) -> bool:
        return self.who == FACILITATOR

    def sees(self, event: ev.Event) -> bool:
        """Whether the event reaches this viewer at all."""
        return self.who == FACILITATOR or event.visible_to(self.who)

    def knows_track(self, team: str, track: str) -> bool:
        """Whether the viewer may know the value of `team`'s `track`."""
        return self.who in (FACILITATOR, team) or track in PUBLIC_TRACKS or team in self.reveals

    def knows_cause(self, event) -> bool:
        """Whether the viewer may know what caused a change (a secret move's cause is kept)."""
        return self.who == FACILITATOR or not event.secret or self.who in event.known_by


WHITE_CELL = Viewpoint(FACILITATOR)
THE_ROOM = Viewpoint(ROOM)


PROPOSALS = {"stand_down": "mutual stand-down", "settlement": "settlement"}
"""Each kind of proposal as a sentence names it."""


def percent(p: float) -> str:
    """45% or 4.5%: a decimal only where rounding would hide it."""
    value = p * 100
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def treaty_name(campaign: Campaign, treaty: str) -> str:
    """A treaty's name as the campaign writes it; its id when the campaign has no such treaty."""
    return next((t.name for t in campaign.treaties if t.id == treaty), treaty)


def track_name(campaign: Campaign, track: str) -> str:
    """A track's name as the tables show it ("Domestic support", "Industrial base")."""
    return BUILTIN_TRACK_NAMES.get(track) or next((t.name for t in campaign.tracks if t.id == track), track)


def sentence(text: str) -> str:
    """A reason or detail ending a sentence: without its own full stop, so none is doubled."""
    return text.strip().rstrip(".").rstrip()


def unwrap(text: str) -> str:
    """Text from a TOML multi-line string: the file's hard line breaks go, paragraphs stay."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def preposition(campaign: Campaign, move_id: str, actor: str, target: str) -> str:
    """"with", "against" or "towards": read from what the move does, then from the alliance."""
    move = campaign.find_move(move_id)
    allied = target in campaign.allies(actor)
    if move is None:
        return "with" if allied else "towards"
    tags = set(move.tags)
    effects = move.effects
    hostile = (
        effects.escalation > 0
        or any(v < 0 for v in effects.target.values())
        or bool(tags & _HOSTILE_TAGS)
    )
    friendly = (
        effects.escalation < 0
        or effects.interoperability > 0
        or any(v > 0 for v in effects.target.values())
        or bool(tags & _FRIENDLY_TAGS)
        or move.target == "ally"
    )
    if hostile and not friendly:
        return "against"
    if friendly and not hostile:
        return "with"
    return "with" if allied else "towards"


def term_reads(campaign: Campaign, e: ev.MoveResolved) -> list[tuple[str, str] | None]:
    """For each term of a move's chance, whose track it reads ((team, track)), or None when it reads
    nothing hidden (basing rights). A term that cannot be matched counts as reading something hidden."""
    move = campaign.find_move(e.move)
    short = campaign.short_name_of
    prefixes: list[tuple[str, tuple[str, str]]] = []
    for mod in move.success.modifiers if move else ():
        if mod.of == "self":
            prefixes.append((f"own {mod.track} ", (e.team, mod.track)))
        elif mod.of == "target" and e.target:
            prefixes.append((f"{short[e.target]}'s {mod.track} ", (e.target, mod.track)))
        elif mod.of == "interop" and e.target:
            prefixes.append((f"interoperability with {short[e.target]} ", (e.target, "interoperability")))
        elif mod.of == "team":
            prefixes.append((f"{short[mod.team]}'s {mod.track} ", (mod.team, mod.track)))
        elif e.target:
            for backer in campaign.allies(e.target):
                prefixes.append((f"{short[e.target]}'s ally {short[backer]}: {mod.track} ", (backer, mod.track)))
    out: list[tuple[str, str] | None] = []
    for t in e.terms:
        if t.label.startswith("basing rights"):
            out.append(None)
            continue
        out.append(next((reads for prefix, reads in prefixes if t.label.startswith(prefix)), ("?", "?")))
    return out


def _knows_reading(viewer: Viewpoint, e: ev.MoveResolved, reads: tuple[str, str] | None) -> bool:
    if reads is None or viewer.white_cell:
        return True
    team, track = reads
    if track == "interoperability":
        # The pair's interoperability is known to both partners, else as their tracks are.
        return viewer.who in (e.team, team) or e.team in viewer.reveals or team in viewer.reveals
    return team != "?" and viewer.knows_track(team, track)


def chance_is_known(campaign: Campaign, e: ev.MoveResolved, viewer: Viewpoint) -> bool:
    """Whether the viewer may see a move's chance: not when a term reads a track it cannot see
    (the percentage and the known terms would let it work the hidden value out)."""
    return all(_knows_reading(viewer, e, reads) for reads in term_reads(campaign, e))


INCIDENT_HIDDEN_TERMS = ("mutual high alert", "both sides' readiness")
"""Terms of an incident's chances that read both sides' readiness, a track each may not see of the other."""


def incident_chance_is_known(e: ev.AccidentRolled, viewer: Viewpoint) -> bool:
    """Whether the viewer may see an incident's chances: not when a term reads the readiness of a
    side whose tracks it cannot see (the value would give the other side's readiness away)."""
    if viewer.white_cell:
        return True
    reads = any(t.label in INCIDENT_HIDDEN_TERMS for t in (*e.terms, *e.leak_terms))
    return not reads or all(viewer.knows_track(team, "readiness") for team in e.dyad)


def _threshold(campaign: Campaign, rung_id: str) -> str:
    rung = next((r for r in campaign.rungs if r.id == rung_id), None)
    return (rung.threshold or rung.name) if rung else rung_id


def _terms(terms) -> str:
    return ", ".join(f"{t.label} {t.value:+.2f}" for t in terms)


def _roll(chance: float, roll: float) -> str:
    """The roll against the chance; a certain (or impossible) outcome rolls nothing worth showing."""
    if chance >= 1.0 or chance <= 0.0:
        return ""
    return f"; roll {roll:.3f} {'<' if roll < chance else '≥'} {chance:.3f}"


def odds_in_words(campaign: Campaign, chance: float) -> str:
    """A chance as the nearest word of the campaign's estimative scale (the likelier word on a tie)."""
    words = campaign.rules.estimative_scale
    if not words:
        return "unknown"
    return min(words, key=lambda w: (abs(w.chance - chance), -w.chance)).word


def _argued_odds(campaign: Campaign, viewer: Viewpoint, word: str, chance: float, roll: float) -> str:
    """The odds a free-form move was ruled on, and its roll, as much as `viewer` is shown of odds."""
    shown = "exact" if viewer.white_cell else campaign.rules.show_odds
    if shown == "hidden":
        return ""
    if shown == "words":
        return f" (odds: {word})"
    return f" (odds: {word}, {percent(chance)}; roll {roll:.3f} {'<' if roll < chance else '≥'} {chance:.3f})"


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def describe(campaign: Campaign, e: ev.Event, viewer: Viewpoint) -> str:
    """One sentence (or two) a seminar can read aloud, as `viewer` may know it."""
    names = {t.id: t.name for t in campaign.teams}
    rungs = {r.id: r.name for r in campaign.rungs}
    white = viewer.white_cell

    def n(team: str) -> str:
        return names.get(team, team)

    def channel(channel_id: str) -> str:
        return next((c.name for c in campaign.channels if c.id == channel_id), channel_id)

    def cause(x) -> str:
        """The change's cause as this viewer may know it; the white cell is also told who knew."""
        if not getattr(x, "secret", False):
            return x.cause
        if not viewer.knows_cause(x):
            return UNDISCLOSED
        if white:
            knew = ", ".join(n(t) for t in x.known_by) or "nobody"
            return f"{x.cause}, in secret: only {knew} knew the cause"
        return x.cause

    def seen_by(x: ev.Event) -> str:
        """For the white cell: who saw an event that was not public."""
        if not white or x.public:
            return ""
        return f" [not public: seen by {', '.join(n(t) for t in x.audience) or 'the white cell only'}]"

    match e:
        case ev.MoveResolved():
            towards = f" {preposition(campaign, e.move, e.team, e.target)} {n(e.target)}" if e.target else ""
            if e.dyad_with:
                towards = f" between {n(e.target)} and {n(e.dyad_with)}"
            outcome = "succeeded" if e.success else "failed"
            secret = f" (a {e.visibility} move)" if white and e.visibility != "public" else ""
            shown = "exact" if white else campaign.rules.show_odds
            if shown == "hidden" or (shown == "words" and chance_is_known(campaign, e, viewer)):  # the campaign or the setup keeps numbers from the teams: words, or nothing
                odds = f" (odds: {odds_in_words(campaign, e.probability)})" if shown == "words" else ""
                text = f"{n(e.team)}: {e.name}{towards} {outcome}{odds}."
            elif chance_is_known(campaign, e, viewer):
                why = f"base {percent(e.base)}"
                if e.terms:
                    why += f", {_terms(e.terms)}"
                text = (
                    f"{n(e.team)}: {e.name}{towards}{secret} {outcome} — chance {percent(e.probability)} ({why})"
                    f"{_roll(e.probability, e.roll)}."
                )
            else:
                hidden = "that are not public" if viewer.who == ROOM else "your intelligence does not reveal"
                text = f"{n(e.team)}: {e.name}{towards} {outcome} (its chance rests on tracks {hidden})."
            if e.override:
                ruled = "success" if e.success else "failure"
                if white or viewer.who == e.team:
                    text += f" Facilitator override: {ruled} — {sentence(e.override)}."
                else:
                    text += f" The facilitator ruled it a {ruled}."
            return text + seen_by(e)
        case ev.OrderRefused():
            return f"{n(e.team)}: {e.what} refused — {sentence(e.reason)}." + seen_by(e)
        case ev.MoveDetected():
            towards = f" {preposition(campaign, e.move, e.team, e.target)} {n(e.target)}" if e.target else ""
            if e.detected:
                return (
                    f"{n(e.observer)} intelligence detects {n(e.team)}: {e.name}{towards} "
                    f"({'succeeded' if e.success else 'failed'}) — chance {percent(e.chance)}, roll {e.roll:.3f}."
                ) + seen_by(e)
            return (
                f"{n(e.observer)} did not detect {n(e.team)}: {e.name}{towards} — chance {percent(e.chance)}, "
                f"roll {e.roll:.3f}."
            ) + seen_by(e)
        case ev.FreeformResolved():
            towards = f" (towards {n(e.target)})" if e.target else ""
            own = white or viewer.who == e.team
            text = f"{n(e.team)} free-form move{towards}: “{e.action}”"
            if e.argument and own:
                text += f" because “{e.argument}”"
            text += f" — {e.outcome}"
            if e.odds:
                text += _argued_odds(campaign, viewer, e.odds, e.chance, e.roll)
            if e.reason and (white or e.reason_shared):
                text += f": {sentence(e.reason)}"
            text += "."
            if e.counters:
                text += " " + counters_in_words(campaign, e.counters, e.voted)
            if white:
                chosen = {"public": "public", "target": "told to its target", "secret": "secret"}.get(e.visibility, e.visibility)
                detected = ", ruled detected" if e.detected else ""
                shared = "; reason shared with the teams" if e.reason_shared else "; reason kept by the white cell" if e.reason else ""
                text += f" [{chosen}{detected}{shared}]"
            return text + seen_by(e)
        case ev.TrackChanged():
            name = track_name(campaign, e.track)
            if viewer.knows_track(e.team, e.track):
                return f"{n(e.team)} — {name}: {e.old:g} → {e.new:g} ({cause(e)})." + seen_by(e)
            went = "rose" if e.new > e.old else "fell"
            return f"{n(e.team)} — {name} {went} ({cause(e)})."
        case ev.EscalationChanged():
            pair = f"{n(e.dyad[0])}–{n(e.dyad[1])}"
            if e.old == e.new and e.held_at:
                return f"{pair} held below the firebreak {rungs.get(e.held_at, e.held_at)} ({cause(e)})."
            text = f"{pair}: {rungs.get(e.old, e.old)} → {rungs.get(e.new, e.new)} ({cause(e)})."
            if e.held_at:
                text += f" Stopped below the firebreak {rungs.get(e.held_at, e.held_at)}."
            if e.domain and viewer.knows_cause(e):  # a secret move's domain would give the move away
                text += f" Domain: {e.domain}."
            return text
        case ev.InteropChanged():
            pair = f"{n(e.teams[0])}–{n(e.teams[1])}"
            known = white or viewer.who in e.teams or any(t in viewer.reveals for t in e.teams)
            if known:
                return f"Interoperability {pair}: {e.old:g} → {e.new:g} ({cause(e)})." + seen_by(e)
            return f"Interoperability {pair} {'rose' if e.new > e.old else 'fell'} ({cause(e)})."
        case ev.ChannelChanged():
            name = next((c.name for c in campaign.channels if c.id == e.channel), e.channel)
            return f"{name}: {e.old} → {e.new} ({cause(e)})."
        case ev.MessageSent():
            kind = f"{PROPOSALS.get(e.proposal, e.proposal)} proposal" if e.proposal else "message"
            return f"{n(e.sender)} sent a {kind} to {', '.join(n(t) for t in e.to)} via {channel(e.channel)}: “{e.text}”" + seen_by(e)
        case ev.MessageDelivered():
            kind = f"{n(e.sender)}'s {PROPOSALS.get(e.proposal, e.proposal)} proposal" if e.proposal else f"A message from {n(e.sender)}"
            return (
                f"{kind} to {', '.join(n(t) for t in e.to)} arrived via {channel(e.channel)} "
                f"(reliability {percent(e.reliability)}, roll {e.roll:.3f}): “{e.text}”"
            ) + seen_by(e)
        case ev.MessageLost():
            rolled = f" (reliability {percent(e.reliability)}, roll {e.roll:.3f})" if e.roll else ""
            return f"A message from {n(e.sender)} via {channel(e.channel)} did not arrive: {sentence(e.reason)}{rolled}." + seen_by(e)
        case ev.ProposalAnswered():
            kind = PROPOSALS.get(e.proposal, e.proposal)
            if e.answer == "lapsed":
                return f"{n(e.sender)}'s {kind} proposal to {n(e.responder)} lapsed unanswered." + seen_by(e)
            return f"{n(e.responder)} {e.answer} {n(e.sender)}'s {kind} proposal." + seen_by(e)
        case ev.TreatyTriggered():
            treaty = treaty_name(campaign, e.treaty)
            return (
                f"{treaty} triggered: {sentence(e.cause)}. {', '.join(n(t) for t in e.obliged)} "
                f"must act by the end of turn {e.due}."
            )
        case ev.ConsultationHeld():
            treaty = treaty_name(campaign, e.treaty)
            return f"{n(e.team)} called for consultations under {treaty}."
        case ev.ObligationSettled():
            entered = f" {n(e.team)} is now on the ladder with {n(e.entered)}." if e.entered else ""
            return f"{'Honoured' if e.honoured else 'Breached'}: {sentence(e.detail)}.{entered}"
        case ev.DecisionOpened():
            treaty = treaty_name(campaign, e.treaty)
            return (
                f"{treaty} must decide: {sentence(e.cause)}. {', '.join(n(t) for t in e.voters)} vote next turn "
                f"whether to act for {n(e.victim)}; one block stops it, silence is consent."
            )
        case ev.DecisionTaken():
            treaty = treaty_name(campaign, e.treaty)
            if e.bound:
                return f"{treaty} decided to act for {n(e.victim)}: no member blocked."
            return f"{treaty} split in public: {', '.join(n(t) for t in e.blocked_by)} blocked acting for {n(e.victim)}."
        case ev.AllyRestrained():
            return f"{n(e.team)} held {n(e.ally)} back ({e.cause}): its coercive moves on turn {e.until} are less likely to succeed."
        case ev.CommitmentChanged():
            treaty = treaty_name(campaign, e.treaty)
            return f"{n(e.team)}'s credibility under {treaty}: {e.old:g} → {e.new:g} ({sentence(e.cause)})."
        case ev.RedLineDeclared() | ev.RedLineChanged():
            from .declarations import describe as red_line  # declarations reads the rules; this module need not

            return red_line(campaign, e, n)
        case ev.BurdenShortfall():
            treaty = treaty_name(campaign, e.treaty)
            name = track_name(campaign, e.track)
            if viewer.knows_track(e.team, e.track):
                return f"{n(e.team)} fell short on burden sharing under {treaty}: {name} {e.value:g} < {e.target:g}."
            return f"{n(e.team)} fell short on burden sharing under {treaty}: {name} below the {e.target:g} target."
        case ev.AccidentRolled():
            pair = f"{n(e.dyad[0])}–{n(e.dyad[1])}"
            verdict = "an incident!" if e.happened else "no incident"
            known = incident_chance_is_known(e, viewer)
            if known:
                text = f"Accident check {pair}: chance {percent(e.chance)} ({_terms(e.terms)}); roll {e.roll:.3f} — {verdict}"
            else:
                text = f"Accident check {pair} — {verdict} (its chance rests on tracks your intelligence does not reveal)"
            if e.contained:
                text += (
                    f" Contained over {channel(e.channel)}: resolved without a climb "
                    f"(containment {percent(e.containment)}, roll {e.containment_roll:.3f})."
                )
                return text + seen_by(e)
            if e.channel and e.happened:
                text += (
                    f" {channel(e.channel)} did not contain it "
                    f"(containment {percent(e.containment)}, roll {e.containment_roll:.3f})."
                )
            if e.threshold and e.leak:
                name = _threshold(campaign, e.threshold)
                odds = f" (leak {percent(e.leak)}: {_terms(e.leak_terms)}; roll {e.leak_roll:.3f})" if known else ""
                if e.leaked:
                    text += f" It crossed the threshold {name}{odds}."
                else:
                    text += f" It did not cross the threshold {name}{odds}."
            if e.domain and e.happened:
                text += f" Domain: {e.domain}."
            if e.spill:
                # The spill chance is the campaign's, not a track's: every reader of the check may see it.
                drawn = "It drew allies in" if e.spilled else "It did not draw allies in"
                text += f" {drawn} (spill-over {percent(e.spill)}, roll {e.spill_roll:.3f})."
            return text + seen_by(e)
        case ev.StepDownVoided():
            pair = f"{n(e.dyad[0])}–{n(e.dyad[1])}"
            # The cause is the step down itself: the other side's climb has its own line.
            return f"{n(e.team)}'s step down on {pair} ({cause(e)}) came to nothing: {n(e.other)} climbed the same turn."
        case ev.NeutralityViolated():
            how = "took their dyad higher" if e.climbed else "used force"
            return f"{n(e.attacker)}'s {e.name} against neutral {n(e.neutral)} {how}: a violation of its neutrality."
        case ev.InjectFired():
            why = f": {sentence(e.reason)}" if white and e.reason else ""
            return f"Inject — {e.name}: {unwrap(e.text)} ({e.cause}{why})"
        case ev.GameLengthChanged():
            why = f": {sentence(e.reason)}" if white and e.reason else ""
            return f"The white cell moved the last turn from {e.old} to {e.new}{why}."
        case ev.InjectPostponed():
            return f"Inject {e.inject} postponed to turn {e.until}: {sentence(e.reason)}." + seen_by(e)
        case ev.GameEnded():
            return f"The game ended ({e.reason}): {sentence(e.detail)}."
        case ev.ObjectiveScored():
            mark = "met" if e.met else "not met"
            return f"{n(e.team)} objective “{e.description}”: {mark} ({_points(e.points)})."
        case ev.TurnCompleted():
            return f"Turn {e.turn} closed at {rungs.get(e.crisis, e.crisis)}."
        case ev.BeliefsFormed():
            return perception.describe(campaign, e, white)
    return repr(e) if white else f"({type(e).__name__})"


def tone(campaign: Campaign, e: ev.Event) -> str:
    """What kind of news an event is, for colour: success, failure, escalation, calm, inject,
    alliance, message, end or quiet. Nothing in it is hidden from anyone who sees the event."""
    match e:
        case ev.MoveResolved():
            return "success" if e.success else "failure"
        case ev.OrderRefused() | ev.MessageLost() | ev.BurdenShortfall():
            return "failure"
        case ev.FreeformResolved():
            return "success" if e.outcome.startswith("succe") else "failure" if e.outcome.startswith("fail") else "message"
        case ev.EscalationChanged():
            return "escalation" if campaign.rung_index(e.new) > campaign.rung_index(e.old) else "calm"
        case ev.AccidentRolled():
            return "calm" if e.contained else "escalation" if e.happened else "quiet"
        case ev.StepDownVoided():
            return "failure"
        case ev.NeutralityViolated():
            return "escalation"
        case ev.InjectFired() | ev.InjectPostponed() | ev.GameLengthChanged():
            return "inject"
        case ev.TreatyTriggered() | ev.ConsultationHeld() | ev.DecisionOpened() | ev.AllyRestrained() | ev.CommitmentChanged():
            return "alliance"
        case ev.DecisionTaken():
            return "alliance" if e.bound else "failure"
        case ev.ObligationSettled():
            return "success" if e.honoured else "escalation"
        case ev.RedLineDeclared():
            return "alliance"
        case ev.RedLineChanged():
            return {"crossed": "escalation", "enforced": "success", "bluffed": "failure"}.get(e.status, "quiet")
        case ev.ChannelChanged():
            return "calm" if e.new == "open" else "failure"
        case ev.MessageSent() | ev.MessageDelivered() | ev.ProposalAnswered():
            return "message"
        case ev.GameEnded():
            return "end"
        case ev.ObjectiveScored():
            return "success" if e.met else "failure"
        case ev.MoveDetected():
            return "accent" if e.detected else "quiet"
    return ""


def counters_in_words(campaign: Campaign, counters, voted: bool) -> str:
    """A free-form move's counter-arguments and votes in one sentence: 'Countered by Korvath: “…”.
    Votes: Aldmark likely, Meridia unlikely (the odds are their median).'"""
    names = {t.id: t.name for t in campaign.teams}
    parts = []
    said = [f"{names.get(c.team, c.team)}: “{c.text}”" for c in counters if c.text]
    if said:
        parts.append("Countered by " + "; ".join(said) + ".")
    votes = [f"{names.get(c.team, c.team)} {c.odds}" for c in counters if c.odds]
    if votes:
        parts.append("Votes: " + ", ".join(votes) + (" (the odds are their median)." if voted else "."))
    return " ".join(parts)
