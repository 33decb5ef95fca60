"""Every campaign key's meaning, default, range and ids, written once: the guide's key tables, the JSON Schema and the language server read them from here.

To document a new key, add one `K(...)` line to its class's table below (in the order the guide should
list it), then run `wargame schema --write-docs docs/campaign-format.md` and
`wargame schema > campaigns/campaign.schema.json`; `tests/unit/test_key_docs.py` fails until both are current.

Why a table beside the model rather than attrs `metadata` on each field: the model is read on every
start of the program and by eight people at once; 250 paragraphs of documentation inside it would
bury the rules' types and make every merge of a new field a conflict. The test checks that both
sides name the same keys, so neither can drift.
"""

from __future__ import annotations

import functools
import re
import types
import typing

import attrs

from ..core import model as m
from ..core.personas import PERSONAS

END_REASONS = ("terminal", "settlement", "facilitator", "de-escalation", "turn_limit")
"""How a game may end: the words of a condition's `ended_by` / `not_ended_by` (also `checks.END_REASONS`)."""

ID_KINDS = ("team", "rung", "track", "move", "channel", "treaty", "inject", "domain", "category")
"""What a key's value may name (`Key.ids`): a campaign's ids, its domains, or a move category."""


@attrs.frozen
class Key:
    """One key of the campaign format, as the guide, the schema and the editor explain it."""

    meaning: str
    """What the key does in the rules (Markdown): the guide's last column and the schema's description."""
    type: str = ""
    """The guide's words for its type, when the words made from the model's type say too little."""
    default: str = ""
    """The guide's words for its default, when the default itself says too little ("the first rung")."""
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    ids: str = ""
    """What the value names, one of `ID_KINDS`: for a string the id itself, for a list its items,
    for a table its keys. The editor completes these and follows them to their definition."""
    choices: tuple[str, ...] = ()
    """The only words a string may be, when the model's type does not list them (personas)."""
    example: str = ""
    """A line of TOML that uses the key, for the editor's hover."""


def K(meaning: str, **kw) -> Key:
    return Key(" ".join(meaning.split()), **kw)


DEFAULT_HEADER = ("key", "type", "default", "meaning in the rules")
TABLE_HEADERS: dict[type, tuple[str, ...]] = {
    m.Doctrine: ("key", "type", "default", "meaning for the bot"),
    m.Condition: ("key", "type", "holds when"),
}
"""The guide's columns for a class, where they differ from `DEFAULT_HEADER`."""


KEYS: dict[type, dict[str, Key]] = {
    m.Campaign: {
        "title": K("The campaign's name, shown in the picker, saves and reports."),
        "turns": K("The turn limit, 1–200. The game ends after this turn at the latest (`wargame run --turns N` may stop earlier, N ≤ `turns`).", minimum=1, maximum=200),
        "summary": K("One or two sentences shown in the campaign picker."),
        "briefing": K("The general situation, shown to every team.", type="string (Markdown)"),
        "purpose": K("Why the seminar plays this campaign. The after-action report (`wargame report`) opens with it; see [Purpose and learning questions](#purpose-and-learning-questions)."),
        "learning_questions": K("What the players should be able to answer afterwards; listed at the top of the report.", type="list of strings"),
        "rules": K("Campaign-wide numbers.", default="see [`[rules]`](#rules)"),
        "tracks": K("Campaign-declared tracks, see [`[[tracks]]`](#tracks).", default="none"),
        "teams": K("2–12 teams, see [`[[teams]]`](#teams).", min_items=2, max_items=12),
        "rungs": K("The ladder, 2–64 rungs, see [`[[rungs]]`](#rungs).", min_items=2, max_items=64),
        "moves": K("The move catalogue, see [`[[moves]]`](#moves).", max_items=400),
        "dyads": K("Dyads that start above the default rung, see [`[[dyads]]`](#dyads).", default="none"),
        "interoperability": K("Starting interoperability of pairs, see [`[[interoperability]]`](#interoperability).", default="none"),
        "channels": K("Deconfliction channels, see [`[[channels]]`](#channels).", max_items=64, default="none"),
        "treaties": K("Alliance commitments, see [`[[treaties]]`](#treaties).", max_items=32, default="none"),
        "injects": K("Scripted events, see [`[[injects]]`](#injects).", max_items=200, default="none"),
        "domains": K("The domains rungs, moves, channels and doctrines may name (`maritime`, `cyber` …); with none listed, any domain a rung or a move names. See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", ids="domain", type="list of ids", default="`[]`: any"),
        "history": K("The observed path of a historical crisis, for `wargame calibrate`; no rule reads it. See [`[[history]]`](#history-the-observed-path-of-a-vignette).", default="none"),
    },
    m.Rules: {
        "accident_base": K("Base chance of accidental escalation on every dyad above the first rung.", minimum=0, maximum=1),
        "accident_per_rung": K("Added to the accident chance per rung index of the dyad.", minimum=0, maximum=1),
        "accident_after_escalation": K("Added to the accident chance of a dyad that rose this turn.", minimum=0, maximum=1),
        "start_rung": K("Where every dyad starts unless listed in `[[dyads]]`. Cannot be terminal.", ids="rung", default="the first rung"),
        "calm_rung": K("The \"calm\" level for the de-escalation and settlement endings. Without it, the game never ends by de-escalation, and a settlement ends it only if the crisis is back at the first rung.", ids="rung"),
        "calm_turns": K("How many turns in a row the crisis must end at or below `calm_rung` for the game to end by de-escalation.", minimum=1),
        "proposal_expiry": K("How many turns a delivered proposal stays open for its recipient to answer.", minimum=1),
        "attack_on_neutral": K("What a team pays (its own tracks) when a public move of its attacks a [neutral team](#allies-rivals-and-neutral-teams): carries one of `force_tags` or climbs their dyad. Empty: the attack is reported, and costs nothing.", type="table of track deltas"),
        "credibility": K("`\"per_commitment\"`: credibility is held per treaty × member, and deterrence reads the commitment toward the target (see [Per-commitment credibility](#per-commitment-credibility))."),
        "commitment_returns": K("Where credibility is per commitment: `\"diminishing\"` shrinks honour's gain and breach's loss near the bound they move to (see [Per-commitment credibility](#per-commitment-credibility))."),
        "commitment_drift": K("Where credibility is per commitment: the share of the gap to each commitment's base (the member's starting credibility) closed at the end of each turn.", minimum=0, maximum=1),
        "restraint": K("What a restrained ally's coercive moves lose from their chance (see [Restraint](#restraint)).", minimum=0, maximum=1),
        "compose_red_lines": K("Whether teams may compose red lines of their own in play, besides the ones their campaign offers; see [red lines and threats](#red-lines-and-threats)."),
        "intel_noise": K("Above 0, every team keeps [beliefs](#beliefs-and-intelligence): estimates of other teams' tracks within ± `intel_noise × (1 − its intelligence)` × the track's range and of every dyad's rung within a spread. 0: every team sees the true ladder and, at intelligence 0.5 or more, exact tracks.", minimum=0, maximum=1),
        "false_alarm": K("Where beliefs are kept: each team's chance, each turn, that its intelligence reports a move against it that nobody made.", minimum=0, maximum=1),
        "spill": K("The chance that an incident that climbs draws each side's allies in against the other side; see [Horizontal escalation and domains](#horizontal-escalation-and-domains).", minimum=0, maximum=1),
        "end_on_settlement": K("Whether an accepted settlement ends the game (when the crisis is then at or below `calm_rung`, or on the first rung if there is none; see [ending](#how-a-game-ends-and-scoring)). With `false`, a settlement only resets its dyad."),
        "estimative_scale": K("The words the white cell sets a free-form move's odds with, and their chances; see [free-form moves](#free-form-moves-and-the-white-cell).", type="list of `{ word, chance }`", default="almost certain 0.95, likely 0.75, even chance 0.5, unlikely 0.25, remote 0.05"),
        "show_odds": K("What teams see of chances: numbers, the nearest word of `estimative_scale`, or nothing. The white cell always sees numbers; `play --show-odds` and the setup screen override it for one game."),
        "odds_by": K("Who sets a free-form move's odds: the white cell, or the teams not party to it that may read it, each voting a word in the argument round; the odds are the median word (on a tie, the less likely of the two middle words), and with no vote the white cell's word stands. See [the argument round](#the-argument-round)."),
        "default_odds": K("The odds free-form moves are rolled on when no facilitator rules (`wargame host --headless --auto-odds`); they then change nothing beyond their outcome.", type="a word of `estimative_scale`", default="the middle word"),
        "force_rung": K("The campaign's first use-of-force rung. A move with one of `force_tags` whose effects climb (a positive step or an anchor) lands at least on it, and may cross every firebreak up to it: declaring force *is* crossing that threshold. A failed attack whose `on_failure` climbs is still an attack.", ids="rung"),
        "force_tags": K("The tags that make a move a declared use of force."),
        "de_escalation": K("\"takes_two\": a move that steps a dyad down is an offer, void if the other side climbs that dyad the same turn; of several step-downs on one dyad the deepest applies. \"unilateral\": each step applies as it comes (the first engine's rule, kept for older campaigns and their saves)."),
        "leak_readiness": K("Added to a firebreak's leak chance per point of the two sides' mean readiness above 0.5."),
        "alert_at": K("The readiness at or above which a team stands on high alert."),
        "accident_mutual_alert": K("Added to the chance of an incident when both sides of a dyad stand on high alert."),
        "credibility_baseline": K("Where credibility drifts back to at the end of each turn (by `credibility_drift`); None: to each team's own starting credibility. Reputations fade when nothing tests them (Press 2005).", minimum=0, maximum=1),
        "credibility_drift": K("The share of the gap to the baseline closed at the end of each turn (0–1); 0, the default: credibility never drifts.", minimum=0, maximum=1),
        "incidents_before_step_downs": K("true: an incident is rolled where the dyad stood at the start of the turn when a step-down took it lower since (forces ordered back are still in contact while they withdraw: Posen's inadvertent escalation, Schelling's threat that leaves something to chance). false: where the dyad stands once every move is in (the first engine's rule)."),
        "credibility_returns": K("\"diminishing\": a change of credibility shrinks as it nears the bound it moves towards (full at the middle of the range, none at the bound), so reputations stop piling up at 0 or 1."),
    },
    m.TrackDef: {
        "id": K("How moves, conditions etc. refer to the track. Cannot be a built-in name (`resources`, `readiness`, `credibility`, `support`, `intelligence`)."),
        "name": K("Shown to players."),
        "min": K("Lowest value; every change is clamped to `min`..`max`. Must be below `max`."),
        "max": K("Highest value."),
        "default": K("Starting value for a team that does not set it in its `tracks`; must lie in `min`..`max`."),
        "description": K("Shown to players."),
    },
    m.Team: {
        "id": K("How everything else refers to the team."),
        "name": K("Shown everywhere."),
        "short": K("A short name for tight spaces (ladder, modifier labels).", default="`\"\"` (the name)"),
        "briefing": K("Shown only to this team.", type="string (Markdown)"),
        "resources": K("Starting **budget** per turn (see below).", minimum=0, maximum=100),
        "readiness": K("Starting readiness.", minimum=0, maximum=1),
        "credibility": K("Starting credibility.", minimum=0, maximum=1),
        "support": K("Starting domestic support.", minimum=0, maximum=1),
        "intelligence": K("Starting intelligence.", minimum=0, maximum=1),
        "tracks": K("Starting values of campaign-declared tracks; each must lie within the track's `min`..`max`. Unlisted tracks start at their `default`. (Set built-in tracks with their own keys above; a built-in name here is refused.)", ids="track", type="table: track id → number"),
        "persona": K("The bot that plays the team when no human does: `random`, `hawk`, `dove`, `tit-for-tat`, `deterrent` or `doctrine` (see [personas](#bot-personas)). `wargame run --bot` overrides it.", choices=PERSONAS),
        "doctrine": K("The weights the `doctrine` persona plays by; see [doctrine](#teamsdoctrine). Only read when the persona is `doctrine`."),
        "objectives": K("What the team scores at the end; see [objectives](#teamsobjectives).", default="none"),
        "neutral": K("The team is neither ally nor rival of anyone: `target = \"rival\"` moves neither reach it nor are made by it, it may not join a treaty, and a public attack on it is reported and costs the attacker `rules.attack_on_neutral`; see [neutral teams](#allies-rivals-and-neutral-teams)."),
        "red_lines": K("Ready-made red lines the team may declare in play; see [red lines and threats](#red-lines-and-threats).", default="none"),
        "audience_sensitivity": K("How much the team's public punishes a bluff: the share of a red line's `audience_cost` it pays (an open democracy about 1, a closed regime about 0.3). `0` means a bluff costs nothing.", minimum=0, maximum=2),
    },
    m.Objective: {
        "id": K("Unique within the team."),
        "description": K("Shown to the team and in the after-action report."),
        "points": K("Earned if the condition holds at the end; 0 otherwise. (A negative number is not refused and works as a penalty.)"),
        "condition": K("What must hold at the end. May use `ended_by` / `not_ended_by`.", type="[condition](#conditions)"),
    },
    m.Doctrine: {
        "categories": K("Added to the score of every move of that category (`diplomatic`, `military`, `economic`, `information`, `cyber`, `alliance`).", ids="category"),
        "moves": K("Added to the score of that move.", ids="move", type="table: move id → number"),
        "domains": K("Added to the score of every move in that domain (`cyber = -1.0`: this team keeps out of cyberspace). See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", ids="domain", type="table: domain id → number"),
        "escalation": K("× the move's `effects.escalation` (rungs it climbs; negative values mean restraint)."),
        "firebreak": K("Added if the move has `crosses_firebreak = true`."),
        "obligation": K("Added if the move carries a tag the team currently owes under a treaty obligation."),
        "channels": K("Added if the move's effects set a channel to `\"open\"`."),
        "max_rung": K("Never choose a targeted move whose `effects.escalation` would take the dyad with the target above this rung.", ids="rung"),
        "propose_at": K("Propose a mutual stand-down over a channel to a rival whose dyad with this team is at or above this rung (unless that rival \"escalated against\" it last turn, see below). Without it, the bot never proposes.", ids="rung"),
        "accept": K("How the bot answers proposals: accept all, reject all, or accept unless the sender \"escalated against\" this team last turn."),
        "mediate_at": K("From this rung on a dyad of two other teams, mediate there: make a step-down move on other pairs' dyads (`target = \"dyad\"`) and carry a stand-down proposal between the two over a channel shared with both; see [third parties](#allies-rivals-and-neutral-teams). Without it, the bot never mediates.", ids="rung"),
        "red_lines": K("Subtracted from a move that would cross another team's declared red line, times that team's credibility."),
        "declare_at": K("From this crisis rung on, the bot declares each red line the campaign offers the team (once each; never one already crossed).", ids="rung"),
        "fear": K("Times ten times the leak chance of the firebreak just above the dyad, added for a step down or a channel opened there: how much the team fears an incident crossing the next threshold."),
        "settle_after": K("Once the crisis has run this many turns, the team proposes a settlement instead of a stand-down (from `propose_at`). `0`: never."),
        "reading": K("Where [beliefs](#beliefs-and-intelligence) are kept: how the bot reads what it is unsure of. `worst`: its own dyads at the top of their band and rivals' readiness at the top of its error, and it blames the rival on the other side of a dyad it cannot read; `hopeful`: the bottom of both. See [How bots read uncertainty](#how-bots-read-uncertainty)."),
        "retaliate": K("Added to `escalation` on the dyad with a rival the team believes moved against it last turn (a climb it saw, or one it blames on that rival). 0: every rival is weighed alike."),
    },
    m.RedLine: {
        "id": K("How orders name it (`declarations = [{ line = \"no_blockade\" }]`). Unique within the team."),
        "text": K("The line in words, read out to every team."),
        "condition": K("What crosses it: a `dyad` with `rung_at_least`, or a `team`, `track` and bound, on a public track (credibility) or on the declarer's own tracks: a crossing everyone can see.", type="[condition](#conditions)"),
        "enforce": K("A move the declarer makes (and the adjudicator accepts) with one of these ids or tags, in the turns after the crossing, enforces the line.", ids="move", type="array of move ids or tags"),
        "within": K("Turns the declarer has to enforce it once crossed.", minimum=1),
        "lasts": K("The line lapses untested this many turns after it is declared (counting the turn it is declared).", minimum=1),
        "audience_cost": K("What a bluff costs, times the team's `audience_sensitivity`.", ids="track"),
        "enforced": K("What enforcing it earns (not scaled).", ids="track"),
    },
    m.Rung: {
        "id": K("How moves, conditions etc. refer to the rung."),
        "name": K("Shown on the ladder and in explanations."),
        "band": K("Groups rungs for display (\"sub-crisis\", \"crisis\", \"nuclear\" …).", type="string, not empty"),
        "description": K("Shown to players."),
        "firebreak": K("Escalation cannot step **onto** this rung except by a move with `crosses_firebreak = true` (or a free-form move the facilitator rules escalates). Anything else that would climb onto or past it (other moves, accidents, injects) stops on the rung just below. The first rung cannot be a firebreak."),
        "terminal": K("When any dyad ends a turn on a terminal rung, the game ends (\"terminal\"). At least one rung must be terminal; the first rung cannot be."),
        "domain": K("Where the rung is fought (`maritime`, `cyber` …): the domain of an incident on it when no move raised the dyad this turn. See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", ids="domain"),
        "spill": K("The chance that an incident landing here draws each side's allies in (one rung).", minimum=0, maximum=1, default="`rules.spill`"),
        "threshold": K("A firebreak's name as a threshold (\"the nuclear taboo\"); the rung's name when empty."),
        "salience": K("How strongly a firebreak holds (0–1): what crossing it weighs with the bots, as a share of their `firebreak` weight. The first shot is not the nuclear taboo.", minimum=0, maximum=1),
        "leak": K("A firebreak's chance that an incident on the rung below crosses it (before readiness).", minimum=0, maximum=1),
        "incident": K("An incident may land here. When no rung says so, an incident climbs one rung, as before."),
    },
    m.DyadStart: {
        "teams": K("The pair (order does not matter). Each pair may be listed once.", ids="team", min_items=2, max_items=2),
        "rung": K("Its starting rung. Cannot be terminal.", ids="rung"),
    },
    m.Interoperability: {
        "teams": K("The pair.", ids="team", min_items=2, max_items=2),
        "value": K("Starting interoperability.", minimum=0, maximum=1),
    },
    m.Move: {
        "id": K("How orders and doctrines refer to the move."),
        "name": K("Shown to players and in explanations."),
        "category": K("Groups the catalogue; bots weigh categories; `military` moves get the [basing bonus](#the-basing-bonus)."),
        "cost": K("Counted against the team's budget this turn (see [resources](#built-in-tracks)).", minimum=0),
        "description": K("Shown to players."),
        "target": K("`none`: no target. `any`: any other team. `ally`: a team sharing at least one treaty with the actor. `rival`: a team sharing no treaty with it, neither of the two [neutral](#allies-rivals-and-neutral-teams). `dyad`: two other teams, whose dyad the move acts on (mediation; see [third parties](#allies-rivals-and-neutral-teams)). A team can never target itself."),
        "teams": K("Only these teams may make the move.", ids="team", default="`[]` (every team)"),
        "targets": K("Only these teams may be the move's target (for example, a hotline move aimed only at the other end of the line).", ids="team", default="`[]` (any team the target kind allows)"),
        "requires": K("See [requires](#requires).", default="nothing required"),
        "success": K("See [success](#success-and-modifiers).", default="always succeeds"),
        "effects": K("What the move does when it succeeds. See [effects](#effects-and-on_failure).", default="nothing"),
        "on_failure": K("What it does when it fails (same keys as `effects`).", default="nothing"),
        "visibility": K("Who learns of it. See [visibility](#visibility)."),
        "tags": K("Free labels the rules match: treaty triggers and obligations (`armed_attack`, `collective_defense` …) and doctrine obligations. Any word may be used."),
        "crosses_firebreak": K("The move's escalation may climb onto and past firebreak rungs. Refused if the ladder has no firebreak."),
        "ambiguous": K("Where [beliefs](#beliefs-and-intelligence) are kept: where the move lands is hard to read; every team but its maker reads it a rung lower, right or a rung higher, by a roll."),
        "attribution": K("Where beliefs are kept: the chance that the target of this secret or detectable move, when it did not detect it, learns who made it (it always knows it was hit). None: it never learns.", minimum=0, maximum=1),
        "domain": K("Where the move acts (`maritime`, `cyber` …): an incident on a dyad it raised this turn takes this domain; doctrines may weigh it. See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", ids="domain"),
        "crosses": K("The firebreaks (rung ids) this move may cross; a firebreak it may not cross holds it below.", ids="rung"),
    },
    m.Requirements: {
        "min_rung": K("The dyad with the target (for a move without target: the crisis level) must be at or above this rung.", ids="rung"),
        "max_rung": K("… at or below this rung. Must not be below `min_rung`.", ids="rung"),
        "tracks": K("Bounds on the **actor's** tracks; each needs `at_least` or `at_most` (or both, with `at_least` ≤ `at_most`).", type="array of `{ track, at_least, at_most }`"),
        "channel": K("The actor must be a member of this channel.", ids="channel"),
        "channel_status": K("The channel must currently be in one of these states. Needs `channel`.", type="array of `\"open\"`, `\"degraded\"`, `\"suspended\"`", default="`[]` (any)"),
        "treaty": K("The actor must be a member of this treaty.", ids="treaty"),
        "provision": K("At least one treaty the actor belongs to must grant this provision (any treaty, not necessarily `treaty`).", choices=('intelligence_sharing', 'basing')),
    },
    m.TrackRequirement: {
        "track": K("The actor's track that is bounded.", ids="track"),
        "at_least": K("The track must be at least this."),
        "at_most": K("The track must be at most this. Not below `at_least`."),
    },
    m.Success: {
        "base": K("The chance before modifiers. With the default 1.0 and no modifiers the move always succeeds.", minimum=0, maximum=1),
        "modifiers": K("Terms added to the chance."),
    },
    m.Modifier: {
        "weight": K("Multiplies the distance from the centre; negative to make a high value hurt."),
        "track": K("The track read. Required, except with `of = \"interop\"` where it must be left out.", ids="track"),
        "of": K("Whose value: the actor's track; the target's track; the **highest** value of that track among the target's allies (other than the actor) — a modifier with no such ally is skipped; the actor–target interoperability; the track of the team named by `team`. `target`, `target_allies` and `interop` need a move with a target."),
        "centre": K("The value at which the modifier adds nothing."),
        "team": K("With `of = \"team\"` (and only then): the team whose track is read, whoever acts and whoever is targeted — a mediator's standing, a patron's resolve. Its label reads \"Grey's credibility 0.8 (weight 0.5)\"; a team that cannot see Grey's tracks sees the chance without numbers, as with `of = \"target\"`.", ids="team"),
    },
    m.Effects: {
        "actor": K("Added to the actor's tracks (clamped to each track's range).", ids="track"),
        "target": K("Added to the target's tracks. Not allowed on a move with `target = \"none\"`.", ids="track"),
        "escalation": K("Rungs the actor–target dyad climbs (negative: descends). Climbing stops below a firebreak unless `crosses_firebreak`; never below the first or above the last rung. Needs a target. At most the number of rungs."),
        "interoperability": K("Added to the actor–target interoperability, clamped to 0–1. Needs a target."),
        "channel": K("A channel whose status the move sets. Needs `channel_status`; the actor must be a member.", ids="channel"),
        "channel_status": K("The status set. Needs `channel`."),
        "invoke_treaty": K("Invoke the treaty (Article 5 style): every other member now owes the treaty's obligation, due `obligation.within` turns from now — no trigger needed. The actor must be a member.", ids="treaty"),
        "consult_treaty": K("Record consultations under the treaty (Article 4 style): a public event; no obligation follows. The actor must be a member.", ids="treaty"),
        "restrain": K("Aimed at an ally: its coercive moves lose `rules.restraint` of their chance next turn (see [Restraint](#restraint)). Needs a target."),
        "spill": K("Other dyads the move moves too (allies drawn in, a second front): `dyad` names two sides (`\"actor\"`, `\"target\"`, `\"actor_allies\"`, `\"target_allies\"` or a team id), `steps` (default 1) and `rung_at_least` as for the move, crossing only the firebreaks `crosses` names. See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", type="array of `{ dyad, steps, rung_at_least, crosses }`"),
        "rung_at_least": K("After the step (`escalation`, or an inject's `delta`, default 0), the dyad lands at least on this rung.", ids="rung"),
        "rung_exactly": K("The dyad lands on this rung. Below where it is, it is a step down (see below).", ids="rung"),
    },
    m.Spill: {
        "dyad": K("The two sides of the other dyad, each `\"actor\"`, `\"target\"`, `\"actor_allies\"`, `\"target_allies\"` (every treaty partner of that team, a pair of partners left out) or a team id.", min_items=2, max_items=2),
        "steps": K("Rungs that dyad climbs.", minimum=1),
        "rung_at_least": K("The dyad lands at least on this rung.", ids="rung"),
        "crosses": K("The firebreaks the spill may cross; every other firebreak holds it below.", ids="rung"),
    },
    m.Channel: {
        "id": K("How moves and conditions refer to it."),
        "name": K("Shown to players."),
        "members": K("At least 2, no repeats. Only members may send on it, receive from it, or change it with a move.", ids="team", min_items=2),
        "kind": K("A free label (\"hotline\", \"mil-to-mil\", \"mediator\" …), shown to players; no rule reads it."),
        "status": K("Starting status. Moves and injects change it."),
        "reliability": K("Chance a message arrives.", minimum=0, maximum=1),
        "latency": K("Turns a message takes: sent on turn T, it is rolled for on turn T + latency (0 = the same turn).", minimum=0, maximum=5),
        "dampening": K("How much the channel lowers the accident chance between any two of its members (see [accidents](#accidental-escalation-step-7)).", minimum=0, maximum=1),
        "domains": K("The domains whose incidents the channel dampens and contains; an incident in another domain is out of its reach. See [Horizontal escalation and domains](#horizontal-escalation-and-domains).", ids="domain", default="`[]`: all"),
        "containment": K("The chance that an incident between two of its members is resolved over it without a climb.", minimum=0, maximum=1),
    },
    m.Treaty: {
        "id": K("How moves and conditions refer to it."),
        "name": K("Shown to players."),
        "members": K("At least 2, no repeats. Members are each other's **allies**.", ids="team", min_items=2),
        "description": K("Shown to players."),
        "trigger": K("What activates the treaty (below).", default="`{ tag = \"armed_attack\" }`"),
        "obligation": K("What it then asks of the other members (below).", default="`{ tag = \"collective_defense\", within = 1 }`"),
        "honour": K("Added to a member's tracks when it meets an obligation. A table you write **replaces** the default entirely.", ids="track"),
        "breach": K("Added to a member's tracks when it misses an obligation's deadline. Replaces the default entirely.", ids="track"),
        "burden_sharing": K("A per-turn target on a member track (below)."),
        "provisions": K("Standing benefits (below)."),
        "basing_bonus": K("Added to the chance of members' military moves against non-members, if `provisions` includes `basing`.", minimum=0, maximum=1),
        "commitment": K("How firmly members stand behind one another: a `target_allies` modifier reads an ally's value only `commitment` of the way from its centre (1: a defence pact; about 0.5: consultation only).", minimum=0, maximum=1),
        "decision": K("`\"consensus\"`: a trigger opens a members' decision; the obligation binds only if no member blocks it (see [Members' decisions](#members-decisions))."),
        "split": K("Added to every member's tracks when a decision is blocked (a public split).", ids="track"),
        "caveats": K("Per member, tags that do not count for it: a move of that member with one of them never meets its obligations here (see [Caveats](#caveats)).", ids="team", type="table: member → array of tags"),
    },
    m.Trigger: {
        "tag": K("The tag a move must carry."),
        "min_rung": K("The attacker–victim dyad must be at or above this rung when commitments are checked (after all of this turn's moves).", ids="rung"),
    },
    m.Obligation: {
        "tag": K("The tag of the move that meets the obligation."),
        "within": K("Turns allowed: the obligation is due on turn (trigger turn + `within`).", minimum=1),
        "enters_dyad": K("`true`: only a move against the attacker or for the victim meets it, and honouring puts the member on the ladder with the attacker (see [Entrapment](#entrapment))."),
    },
    m.BurdenSharing: {
        "track": K("The member track measured.", ids="track"),
        "at_least": K("The target."),
        "shortfall": K("Added to the tracks of a member below the target.", ids="track"),
    },
    m.Inject: {
        "id": K("How the facilitator refers to it."),
        "name": K("Shown to everyone; also the cause of its effects."),
        "text": K("Read to every team when it fires.", type="string (Markdown)"),
        "turn": K("Due on this turn (or the first later turn its `when` holds).", minimum=1, type="integer 1–`turns`"),
        "when": K("Due on the first turn this holds (and `turn` has come, if set).", type="[condition](#conditions)"),
        "effects": K("What it does (below).", default="nothing"),
    },
    m.InjectEffects: {
        "tracks": K("Each `delta` (a number) is added to that team's track, publicly.", type="array of `{ team, track, delta }`"),
        "escalation": K("`dyad` is 2 team ids, `delta` an integer number of rungs. An inject never crosses a firebreak: it is held on the rung below.", type="array of `{ dyad, delta }`"),
        "channel": K("A channel whose status changes. Needs `channel_status`.", ids="channel"),
        "channel_status": K("Its new status."),
    },
    m.TrackDelta: {
        "team": K("The team whose track changes.", ids="team"),
        "track": K("The track that changes.", ids="track"),
        "delta": K("Added to the track (clamped to its range), publicly."),
    },
    m.DyadShift: {
        "dyad": K("The two teams of the dyad.", min_items=2, max_items=2, ids="team"),
        "delta": K("Rungs the dyad climbs (negative: descends). An inject never crosses a firebreak: it is held on the rung below."),
        "rung_at_least": K("After the step (`escalation`, or an inject's `delta`, default 0), the dyad lands at least on this rung.", ids="rung"),
    },
    m.EstimativeWord: {
        "word": K("The word the white cell rules with (\"likely\")."),
        "chance": K("The chance the word stands for.", minimum=0, maximum=1),
    },
    m.Condition: {
        "turn_at_least": K("The current turn (for objectives: the last turn played) is at least this."),
        "crisis_at_least": K("The crisis level (highest dyad) is at or above this rung.", ids="rung"),
        "crisis_at_most": K("The crisis level is at or below this rung.", ids="rung"),
        "dyad": K("— names the dyad for `rung_at_least` / `rung_at_most`.", ids="team", type="array of 2 team ids"),
        "rung_at_least": K("That dyad is at or above this rung. Needs `dyad`.", ids="rung"),
        "rung_at_most": K("That dyad is at or below this rung. Needs `dyad`.", ids="rung"),
        "team": K("— names the team for `track`, `treaty_honoured` or `treaty_breached`.", ids="team"),
        "track": K("— the team's track tested by `at_least` / `at_most`. Needs `team` and at least one bound.", ids="track"),
        "at_least": K("The team's track is at least this."),
        "at_most": K("The team's track is at most this. Not below `at_least`."),
        "treaty_honoured": K("Nobody (or, with `team`, that team) has breached an obligation under this treaty. True also if the treaty was never triggered.", ids="treaty"),
        "treaty_breached": K("Someone (or, with `team`, that team) has breached an obligation under this treaty.", ids="treaty"),
        "channel": K("— names the channel for `channel_status`; both are needed together.", ids="channel"),
        "channel_status": K("The channel is in this status."),
        "ended_by": K("The game ended for this reason: `\"terminal\"`, `\"settlement\"`, `\"facilitator\"`, `\"de-escalation\"` or `\"turn_limit\"`. Only meaningful in objectives; never holds in an inject.", choices=END_REASONS),
        "not_ended_by": K("The game did not end for this reason. Always holds in an inject.", choices=END_REASONS),
        "any": K("At least one of them holds (or). ANDed with the other keys of its table.", type="array of conditions"),
        "not": K("That condition does not hold. ANDed with the other keys of its table.", type="a condition"),
    },
    m.Observation: {
        "turn": K("The turn at whose end the dyad stood on `rung`.", type="integer 1–`turns`", minimum=1, maximum=200),
        "dyad": K("The pair (order does not matter). Each turn of a dyad is observed once.", min_items=2, max_items=2, ids="team", type="array of 2 team ids"),
        "rung": K("Where the dyad stood.", ids="rung"),
        "note": K("What happened (dates, events): shown in `calibrate`'s table."),
        "source": K("Where it is documented: author, title, year. List the full references in a comment at the top of the file."),
    },
}


# ---- reading the table -------------------------------------------------------------------------


def key_name(field: attrs.Attribute) -> str:
    """The key a field is written as: a Python keyword (a condition's `not`) is held by a field of another name."""
    return field.metadata.get("key", field.name)


def field_of(cls: type, key: str) -> attrs.Attribute | None:
    for field in attrs.fields(cls):
        if key_name(field) == key:
            return field
    return None


def documented(cls: type) -> dict[str, Key]:
    """The keys of `cls` in the order the guide lists them."""
    return KEYS.get(cls, {})


@functools.cache
def _hints(cls: type) -> dict:
    return typing.get_type_hints(cls)


def _hint(cls: type, key: str):
    return _hints(cls)[field_of(cls, key).name]


def _present(t):
    """`t` without None: the type of the value when the key is written."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(t) if a is not type(None)]
        if len(present) == 1:
            return present[0]
    return t


def element(t):
    """The class a key's value is made of (a table, or the tables of an array), or None for a plain value."""
    t = _present(t)
    if typing.get_origin(t) is tuple:
        t = _present(typing.get_args(t)[0])
    return t if isinstance(t, type) and attrs.has(t) else None


def choices(cls: type, key: str) -> tuple[str, ...]:
    """The words a key's value (or each item of it) may be: a Literal of the model, or the table's `choices`."""
    k = KEYS[cls][key]
    if k.choices:
        return k.choices
    t = _present(_hint(cls, key))
    if typing.get_origin(t) is tuple:
        t = _present(typing.get_args(t)[0])
    if typing.get_origin(t) is typing.Literal:
        return tuple(typing.get_args(t))
    return ()


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _range(k: Key) -> str:
    if k.minimum is not None and k.maximum is not None:
        return f" {_number(k.minimum)}–{_number(k.maximum)}"
    if k.minimum is not None:
        return f" ≥ {_number(k.minimum)}"
    if k.maximum is not None:
        return f" ≤ {_number(k.maximum)}"
    return ""


def _or(words: typing.Iterable[str]) -> str:
    quoted = [f'`"{w}"`' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def type_words(cls: type, key: str) -> str:
    """The guide's type column: the table's own words, or words made from the model's type, range and ids."""
    k = KEYS[cls][key]
    if k.type:
        return k.type
    t = _present(_hint(cls, key))
    words = choices(cls, key)
    origin = typing.get_origin(t)
    if origin is tuple:
        item = _present(typing.get_args(t)[0])
        count = f"{k.min_items} " if k.min_items is not None and k.min_items == k.max_items else ""
        if attrs.has(item):
            return "array of tables"
        if words:
            return "array of " + _or(words)
        return f"array of {count}{k.ids} ids" if k.ids else "array of strings"
    if origin is dict:
        return f"table: {k.ids or 'key'} → number"
    if words:
        return _or(words)
    if t is str:
        return f"{k.ids} id" if k.ids else "string"
    if t is bool:
        return "boolean"
    if t is int:
        return "integer" + _range(k)
    if t is float:
        return "number" + _range(k)
    return "table"


def default_value(cls: type, key: str):
    """The key's default as a plain value (attrs.NOTHING when the key is required)."""
    default = field_of(cls, key).default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return default


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    return str(value)


def default_words(cls: type, key: str) -> str:
    """The guide's default column: the table's own words, or the model's default written as TOML."""
    k = KEYS[cls][key]
    if k.default:
        return k.default
    value = default_value(cls, key)
    if value is attrs.NOTHING:
        return "*required*"
    if value is None:
        return "none"
    return f"`{_toml(value)}`"


# ---- the guide ---------------------------------------------------------------------------------

GUIDE = "docs/campaign-format.md"
FIX_GUIDE = f"wargame schema --write-docs {GUIDE}"
_MARKED = re.compile(r"(<!-- keys: (\w+)[^\n]*-->\n)(.*?)(<!-- end of keys: \2 -->)", re.S)


def guide_table(cls: type) -> str:
    """The guide's key table of `cls`, in Markdown."""
    header = TABLE_HEADERS.get(cls, DEFAULT_HEADER)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, k in documented(cls).items():
        cells = [f"`{key}`", type_words(cls, key)]
        if len(header) == 4:
            cells.append(default_words(cls, key))
        cells.append(k.meaning)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def classes() -> dict[str, type]:
    return {cls.__name__: cls for cls in KEYS}


def write_guide(text: str) -> str:
    """The guide with every marked key table replaced by the one generated from this module.

    A table sits between `<!-- keys: Rules … -->` and `<!-- end of keys: Rules -->`; the prose
    around it stays as written.
    """
    by_name = classes()

    def table(match: re.Match) -> str:
        cls = by_name.get(match[2])
        if cls is None:
            raise ValueError(f'{GUIDE}: "<!-- keys: {match[2]}" names no class of the campaign model')
        return match[1] + guide_table(cls) + match[4]

    return _MARKED.sub(table, text)


def write_guide_file(path: str) -> str:
    """Rewrite the key tables of the guide at `path`; what was done, in words. ProblemsFound when it cannot be."""
    from pathlib import Path

    from ..problems import Problem, ProblemsFound

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsFound([Problem(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")]) from None
    if not marked_classes(text):
        raise ProblemsFound([Problem(path, "has no key tables to write (no `<!-- keys: Class -->` … `<!-- end of keys: Class -->` markers)")])
    try:
        written = write_guide(text)
    except ValueError as exc:
        raise ProblemsFound([Problem(path, str(exc).split(": ", 1)[-1])]) from None
    if written == text:
        return f"{path}: the key tables are current"
    Path(path).write_text(written, encoding="utf-8")
    return f"{path}: rewrote {len(marked_classes(text))} key tables"


def marked_classes(text: str) -> list[str]:
    return [match[2] for match in _MARKED.finditer(text)]


# ---- places in a campaign ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # an editor asks for the same few hundred paths on every keystroke
def table_class(path: tuple[str, ...]) -> type | None:
    """The class whose keys may be written in the table at `path` (keys, no array indices); None: no table there."""
    cls: type = m.Campaign
    for step in path:
        field = field_of(cls, step)
        if field is None:
            return None
        inner = element(_hint(cls, step))
        if inner is None:
            return None
        cls = inner
    return cls


@functools.lru_cache(maxsize=4096)
def key_at(path: tuple[str, ...]) -> tuple[type, str] | None:
    """The class and key at `path` (`("moves", "requires", "min_rung")`), when the format has one there."""
    if not path:
        return None
    cls = table_class(path[:-1])
    if cls is None or field_of(cls, path[-1]) is None or path[-1] not in KEYS.get(cls, {}):
        return None
    return cls, path[-1]


def markdown(cls: type, key: str) -> str:
    """The key's documentation as the editor shows it on hover."""
    k = KEYS[cls][key]
    out = [f"**`{key}`** ({cls.__name__}) — {plain(type_words(cls, key))}, default {plain(default_words(cls, key))}", "", plain(k.meaning)]
    if k.example:
        out += ["", "```toml", k.example, "```"]
    return "\n".join(out)


def plain(text: str) -> str:
    """Markdown links without their targets: `[teams](#teams)` reads "teams" in an editor's tooltip."""
    return re.sub(r"\[(.+?)\]\(#[^)]*\)", r"\1", text)
