"""`wargame run --explain TEAM`: print why that team's bot chose each order, turn by turn.

The working is `core.explain`'s; this module only puts it into words for an instructor tuning a
doctrine: names rather than ids, each score with its terms, and why the other options lost.
"""

from __future__ import annotations

from .core.explain import Explanation, explain_orders

RULE = (
    "score = weight × (0.5 + chance) + noise − red lines; the best scores above 0.5 are chosen, "
    "at most 3 a turn, each move once, within the budget"
)


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _owed(duty: str) -> str:
    """An obligation's tag, or `raises:TRACK` for a burden-sharing shortfall, in words."""
    return f"a rise in {duty.split(':', 1)[1]} (burden sharing)" if duty.startswith("raises:") else f"a {duty} move"


def render(x: Explanation, campaign) -> str:
    short = campaign.short_names()
    team = campaign.team(x.team)

    def move_name(move_id: str) -> str:
        return campaign.move(move_id).name

    def aim(target: str) -> str:
        return f" → {short.get(target, target)}" if target else ""

    lines = [
        f"turn {x.turn}: why {team.name} ({x.team}, bot {x.persona}) orders what it does",
        f"  taste: {x.taste}; budget {x.budget}; owes: {', '.join(_owed(o) for o in x.owed) or 'nothing'}",
        f"  {RULE}",
    ]
    if not x.options:
        lines.append("  options: none it could weigh this turn")
    for o in x.options:
        mark = "✓" if o.verdict == "chosen" else "✗"
        terms = ", ".join(f"{label} {_signed(v)}" for label, v in o.terms) or "no term of its taste applies"
        red = f" − red lines {o.red_line:.2f}" if o.red_line else ""
        lines.append(
            f"  {mark} {move_name(o.move)}{aim(o.target)}: {o.score:.2f} = {o.weight:.2f} × (0.5 + chance {o.chance:.2f}) "
            f"+ noise {o.noise:.2f}{red}; weight: {terms}"
            + ("" if o.verdict == "chosen" else f"; not chosen: {o.verdict}")
        )
    for move, target, why in x.unweighed:
        lines.append(f"  · not weighed: {move_name(move)}{aim(target)}: {why}")
    for move, target, why in x.refused:
        lines.append(f"  · refused by the rules: {move_name(move)}{aim(target)}: {why}")
    for other in x.others:
        lines.append(f"  + {other}")
    return "\n".join(lines)


def explain_turn(session, team: str) -> str:
    """The explanation of `team`'s bot this turn, from exactly what `Session.bot_orders` reads."""
    persona = session.persona(team) or session.campaign.team(team).persona
    last = session.records[-1].events if session.records else ()
    return render(explain_orders(persona, session.campaign, session.state, team, session.seed, last), session.campaign)
