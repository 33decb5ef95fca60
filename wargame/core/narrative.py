"""Plain-English sentences for events, each with its rationale: rule, chance, modifiers, roll."""

from __future__ import annotations

from . import events as ev
from .model import Campaign


def percent(p: float) -> str:
    """45% or 4.5%: a decimal only where rounding would hide it."""
    value = p * 100
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def _terms(terms) -> str:
    return ", ".join(f"{t.label} {t.value:+.2f}" for t in terms)


def describe(campaign: Campaign, e: ev.Event) -> str:
    """One sentence (or two) a seminar can read aloud."""
    names = {t.id: t.name for t in campaign.teams}
    rungs = {r.id: r.name for r in campaign.rungs}

    def n(team: str) -> str:
        return names.get(team, team)

    def towards(actor: str, target: str) -> str:
        if not target:
            return ""
        return f" {'with' if target in campaign.allies(actor) else 'against'} {n(target)}"

    match e:
        case ev.MoveResolved():
            against = towards(e.team, e.target)
            outcome = "succeeded" if e.success else "failed"
            why = f"base {percent(e.base)}"
            if e.terms:
                why += f", {_terms(e.terms)}"
            text = (
                f"{n(e.team)}: {e.name}{against} {outcome} — chance {percent(e.probability)} ({why}); "
                f"roll {e.roll:.3f} {'<' if e.roll < e.probability else '≥'} {e.probability:.3f}."
            )
            if e.override:
                text += f" Facilitator override: {'success' if e.success else 'failure'} — {e.override}."
            return text
        case ev.OrderRefused():
            return f"{n(e.team)}: {e.what} refused — {e.reason}."
        case ev.MoveDetected():
            against = towards(e.team, e.target)
            if e.detected:
                return (
                    f"{n(e.observer)} intelligence detects {n(e.team)}: {e.name}{against} "
                    f"({'succeeded' if e.success else 'failed'}) — chance {percent(e.chance)}, roll {e.roll:.3f}."
                )
            return (
                f"{n(e.observer)} did not detect {n(e.team)}: {e.name} — chance {percent(e.chance)}, "
                f"roll {e.roll:.3f}."
            )
        case ev.FreeformResolved():
            against = f" (towards {n(e.target)})" if e.target else ""
            text = f"{n(e.team)} free-form move{against}: “{e.action}”"
            if e.argument:
                text += f" because “{e.argument}”"
            text += f" — {e.outcome}"
            return text + (f": {e.reason}." if e.reason else ".")
        case ev.TrackChanged():
            return f"{n(e.team)} {e.track}: {e.old:g} → {e.new:g} ({e.cause})."
        case ev.EscalationChanged():
            pair = f"{n(e.dyad[0])}–{n(e.dyad[1])}"
            if e.old == e.new and e.held_at:
                return f"{pair} held below the firebreak {rungs.get(e.held_at, e.held_at)} ({e.cause})."
            text = f"{pair}: {rungs.get(e.old, e.old)} → {rungs.get(e.new, e.new)} ({e.cause})."
            if e.held_at:
                text += f" Stopped below the firebreak {rungs.get(e.held_at, e.held_at)}."
            return text
        case ev.InteropChanged():
            return f"Interoperability {n(e.teams[0])}–{n(e.teams[1])}: {e.old:g} → {e.new:g} ({e.cause})."
        case ev.ChannelChanged():
            name = next((c.name for c in campaign.channels if c.id == e.channel), e.channel)
            return f"{name}: {e.old} → {e.new} ({e.cause})."
        case ev.MessageSent():
            kind = f"proposal ({e.proposal.replace('_', ' ')})" if e.proposal else "message"
            return f"{n(e.sender)} sent a {kind} to {', '.join(n(t) for t in e.to)} on {e.channel}: “{e.text}”"
        case ev.MessageDelivered():
            kind = f"Proposal {e.id} ({e.proposal.replace('_', ' ')})" if e.proposal else f"Message {e.id}"
            return (
                f"{kind} from {n(e.sender)} to {', '.join(n(t) for t in e.to)} arrived on {e.channel} "
                f"(reliability {percent(e.reliability)}, roll {e.roll:.3f}): “{e.text}”"
            )
        case ev.MessageLost():
            rolled = f" (reliability {percent(e.reliability)}, roll {e.roll:.3f})" if e.roll else ""
            return f"Message {e.id} from {n(e.sender)} on {e.channel} did not arrive: {e.reason}{rolled}."
        case ev.ProposalAnswered():
            kind = e.proposal.replace("_", " ")
            if e.answer == "lapsed":
                return f"{n(e.sender)}'s {kind} proposal {e.id} to {n(e.responder)} lapsed unanswered."
            return f"{n(e.responder)} {e.answer} {n(e.sender)}'s {kind} proposal {e.id}."
        case ev.TreatyTriggered():
            treaty = next((t.name for t in campaign.treaties if t.id == e.treaty), e.treaty)
            return (
                f"{treaty} triggered: {e.cause}. {', '.join(n(t) for t in e.obliged)} "
                f"must act by the end of turn {e.due}."
            )
        case ev.ConsultationHeld():
            treaty = next((t.name for t in campaign.treaties if t.id == e.treaty), e.treaty)
            return f"{n(e.team)} called for consultations under {treaty}."
        case ev.ObligationSettled():
            return f"{'Honoured' if e.honoured else 'Breached'}: {e.detail}."
        case ev.BurdenShortfall():
            treaty = next((t.name for t in campaign.treaties if t.id == e.treaty), e.treaty)
            return f"{n(e.team)} fell short on burden sharing under {treaty}: {e.track} {e.value:g} < {e.target:g}."
        case ev.AccidentRolled():
            pair = f"{n(e.dyad[0])}–{n(e.dyad[1])}"
            verdict = "an incident!" if e.happened else "no incident"
            return f"Accident check {pair}: chance {percent(e.chance)} ({_terms(e.terms)}); roll {e.roll:.3f} — {verdict}"
        case ev.InjectFired():
            return f"Inject — {e.name}: {e.text.strip()} ({e.cause})"
        case ev.InjectPostponed():
            return f"Inject {e.inject} postponed to turn {e.until}: {e.reason}."
        case ev.GameEnded():
            return f"The game ended ({e.reason}): {e.detail}."
        case ev.ObjectiveScored():
            mark = "met" if e.met else "not met"
            return f"{n(e.team)} objective “{e.description}”: {mark} ({e.points} points)."
        case ev.TurnCompleted():
            return f"Turn {e.turn} closed at {rungs.get(e.crisis, e.crisis)}."
    return repr(e)
