"""The mechanisms `wargame simulate --ablate` can switch off, each a documented change to the campaign's keys.

Light on purpose (attrs only): the command line lists them in `--help` without loading the engine.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs


def _each(data: dict, key: str) -> list[dict]:
    return [item for item in data.get(key, []) if isinstance(item, dict)]


def _no_channels(data: dict) -> None:
    for channel in _each(data, "channels"):
        channel.update(reliability=0.0, dampening=0.0, containment=0.0)


def _no_deterrence(data: dict) -> None:
    for move in _each(data, "moves"):
        success = move.get("success")
        if isinstance(success, dict) and "modifiers" in success:
            success["modifiers"] = [m for m in success["modifiers"] if m.get("of") != "target_allies"]


def _no_treaty_penalties(data: dict) -> None:
    for treaty in _each(data, "treaties"):
        treaty["breach"] = {}


def _no_treaty_rewards(data: dict) -> None:
    for treaty in _each(data, "treaties"):
        treaty["honour"] = {}


def _no_accidents(data: dict) -> None:
    rules = data.setdefault("rules", {})
    rules.update(accident_base=0.0, accident_per_rung=0.0, accident_after_escalation=0.0, accident_mutual_alert=0.0)


def _no_leaks(data: dict) -> None:
    for rung in _each(data, "rungs"):
        if rung.get("leak"):
            rung["leak"] = 0.0


def _perfect_information(data: dict) -> None:
    rules = data.setdefault("rules", {})
    if rules.get("intel_noise") or rules.get("false_alarm"):
        rules.update(intel_noise=0.0, false_alarm=0.0)


def _no_spill(data: dict) -> None:
    rules = data.get("rules", {})
    if rules.get("spill"):
        rules["spill"] = 0.0
    for rung in _each(data, "rungs"):
        if rung.get("spill"):
            rung["spill"] = 0.0
    for move in _each(data, "moves"):
        for part in ("effects", "on_failure"):
            if isinstance(move.get(part), dict):
                move[part].pop("spill", None)


def _no_red_lines(data: dict) -> None:
    for team in _each(data, "teams"):
        team.pop("red_lines", None)
    if data.get("rules", {}).get("compose_red_lines"):
        data["rules"]["compose_red_lines"] = False


def _no_audience_costs(data: dict) -> None:
    for team in _each(data, "teams"):
        for line in team.get("red_lines", []):
            line["audience_cost"] = {}


@attrs.frozen
class Ablation:
    """One mechanism switched off: what it changes in the campaign, in plain words and in keys."""

    name: str
    label: str
    """How a sentence opens about the cell: "without deterrence"."""
    meaning: str
    """What switching it off means in the game, for a reader who does not know the keys."""
    keys: str
    """What it changes, as the campaign's keys (the `--set` it stands for)."""
    apply: Callable[[dict], None]


ABLATIONS = {
    a.name: a
    for a in (
        Ablation(
            "channels", "without channels",
            "no channel delivers a message or a proposal, dampens an accident or contains an incident",
            "channels.*.reliability=0, channels.*.dampening=0, channels.*.containment=0", _no_channels,
        ),
        Ablation(
            "deterrence", "without deterrence",
            "a coercive move's chance no longer falls with the credibility or cohesion of the target's allies",
            "every success modifier with of = \"target_allies\" removed", _no_deterrence,
        ),
        Ablation(
            "treaty-penalties", "without treaty penalties", "a breached obligation costs the breaching member nothing",
            "treaties.*.breach={}", _no_treaty_penalties,
        ),
        Ablation(
            "treaty-rewards", "without treaty rewards", "an honoured obligation earns the member nothing",
            "treaties.*.honour={}", _no_treaty_rewards,
        ),
        Ablation(
            "accidents", "without accidents", "no incident happens that nobody ordered",
            "rules.accident_base=0, rules.accident_per_rung=0, rules.accident_after_escalation=0, rules.accident_mutual_alert=0",
            _no_accidents,
        ),
        Ablation(
            "leaks", "without leaks", "an incident never crosses a firebreak; it is held on the rung below",
            "rungs.*.leak=0", _no_leaks,
        ),
        Ablation(
            "beliefs", "with perfect information", "every team sees the true ladder and, at intelligence 0.5 or more, exact tracks",
            "rules.intel_noise=0, rules.false_alarm=0", _perfect_information,
        ),
        Ablation(
            "spill", "without spill-over", "neither incidents nor moves draw allies in on other dyads",
            "rules.spill=0, rungs.*.spill=0, every move's effects.spill and on_failure.spill removed", _no_spill,
        ),
        Ablation(
            "red-lines", "without red lines", "no team can declare a red line, so none is tested, enforced or bluffed",
            "teams.*.red_lines removed, rules.compose_red_lines=false", _no_red_lines,
        ),
        Ablation(
            "audience-costs", "without audience costs", "a bluffed red line costs its declarer nothing",
            "teams.*.red_lines.*.audience_cost={}", _no_audience_costs,
        ),
    )
}
"""Every `--ablate MECHANISM`, in the order `--help` and the docs list them."""
