"""A corpus of games that pins the engine's events: every bundled campaign under every persona, and games
where bots' orders are spoiled at random and the white cell intervenes.

Each game is fingerprinted as the SHA-256 of the `repr` of every turn's orders, interventions and events
(attrs reprs give every field, floats exactly). `tests/data/engine-golden.json` keeps the fingerprints of
the reference engine; a change that alters any event of any game shows there. When events are meant to
change (a rule or a bot changes, and the engine version goes up), write the file anew:

    python -m tests.engine_corpus --write
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import attrs

from wargame.campaign.loader import load_campaign
from wargame.core.adjudicator import resolve_turn
from wargame.core.arguments import CHANNEL_STATUSES, problems, scale
from wargame.core.bots import bot_orders, news_for_bots
from wargame.core.orders import (
    FreeformOrder, Intervention, MessageOrder, MoveOrder, Response, RulingEffects, TeamOrders, TrackEffect, Vote,
)
from wargame.core.personas import PERSONAS
from wargame.core.simulation import run_seed
from wargame.core.state import initial_state

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "engine-golden.json"
CAMPAIGNS = sorted(
    [*ROOT.glob("campaigns/*.toml"), *ROOT.glob("campaigns/vignettes/*.toml"), *ROOT.glob("docs/recipes/*.toml")]
)
SEEDS = (0, 1)
SPOILED_SEEDS = (0, 1, 2)


def campaign_files() -> list[Path]:
    """The corpus's campaigns: every bundled campaign, vignette and recipe that is a whole campaign."""
    out = []
    for path in CAMPAIGNS:
        try:
            load_campaign(str(path))
        except Exception:  # a recipe's orders file, not a campaign
            continue
        out.append(path)
    return out


def _spoil(rng: random.Random, campaign, orders: TeamOrders, teams: list[str]) -> TeamOrders:
    """The bot's orders with some made wrong the way people get them wrong: unknown moves, bad
    targets, moves twice, channels that do not exist, answers to proposals nobody made."""
    moves = list(orders.moves)
    ids = [m.id for m in campaign.moves]
    for _ in range(rng.randrange(3)):
        kind = rng.randrange(5)
        if kind == 0:
            moves.append(MoveOrder("no-such-move", rng.choice(teams)))
        elif kind == 1:
            moves.append(MoveOrder(rng.choice(ids), rng.choice([*teams, "nobody", None])))
        elif kind == 2 and moves:
            moves.append(moves[0])
        elif kind == 3:
            moves.append(MoveOrder(rng.choice(ids), "dyad", rng.choice([*teams, None])))
        else:
            moves.append(MoveOrder(rng.choice(ids), orders.team))
    messages = list(orders.messages)
    if rng.random() < 0.3:
        channel = rng.choice([*(c.id for c in campaign.channels), "no-such-channel"])
        messages.append(MessageOrder(channel, "We hold our position.", (rng.choice(teams),), rng.choice([None, "stand_down", "settlement"])))
    responses = list(orders.responses)
    if rng.random() < 0.3:
        responses.append(Response("p-does-not-exist", rng.random() < 0.5))
    votes = list(orders.votes)
    if campaign.treaties and rng.random() < 0.2:
        votes.append(Vote(rng.choice([t.id for t in campaign.treaties]), rng.random() < 0.5))
    freeform = list(orders.freeform)
    if rng.random() < 0.2:
        freeform.append(FreeformOrder("Seize the relay station", "It is lightly held.", rng.choice(teams), "public"))
    return attrs.evolve(
        orders, moves=tuple(moves), messages=tuple(messages), responses=tuple(responses), votes=tuple(votes),
        freeform=tuple(freeform),
    )


def _interventions(rng: random.Random, campaign, state, orders: list[TeamOrders], teams: list[str]) -> tuple:
    """A few white-cell decisions of the turn, drawn at random and kept when the white cell's own checks
    (`arguments.problems`) would let them through, as the session does."""
    words = [w.word for w in scale(campaign)]
    tracks = list(campaign.track_names())
    out = []
    for o in orders:
        for i, _ in enumerate(o.freeform):
            out.append(Intervention(
                "adjudicate", "The room found it plausible.", team=o.team, order=i,
                outcome=rng.choice(["success", "failure"]), escalation=rng.randrange(2),
                odds=rng.choice(["", "", *words]),
                on_success=RulingEffects(tracks=(TrackEffect(o.team, rng.choice(tracks), 0.1),)),
            ))
        if o.moves and rng.random() < 0.15:
            out.append(Intervention("override", "The white cell decided.", team=o.team, order=rng.randrange(len(o.moves) + 1),
                                    outcome=rng.choice(["success", "failure"])))
    roll = rng.random()
    a, b = rng.sample(teams, 2)
    if roll < 0.1:
        out.append(Intervention("set_track", "Reset.", team=a, track=rng.choice([*tracks, "nope"]), value=round(rng.random(), 2)))
    elif roll < 0.2:
        out.append(Intervention("set_rung", "Moved.", team=a, target=b, rung=rng.choice([r.id for r in campaign.rungs])))
    elif roll < 0.25 and campaign.channels:
        out.append(Intervention("set_channel", "Cut.", channel=rng.choice(campaign.channels).id,
                                status=rng.choice([*CHANNEL_STATUSES, "bad"])))
    elif roll < 0.3 and campaign.injects:
        inject = rng.choice(campaign.injects).id
        out.append(Intervention(rng.choice(["fire_inject", "postpone_inject"]), "Timing.", inject=inject, turns=1))
    elif roll < 0.33:
        out.append(Intervention("adhoc_inject", "News.", text="A ferry is missing."))
    elif roll < 0.35:
        out.append(Intervention("set_turns", "Shorter.", turns=state.turn + rng.randrange(3)))
    return tuple(i for i in out if not problems(campaign, state, i))


def play(campaign, seed: int, personas: dict[str, str], spoil: int | None = None) -> str:
    """One game's fingerprint: the SHA-256 of every turn's orders, interventions and events."""
    rng = random.Random(spoil) if spoil is not None else None
    teams = [t.id for t in campaign.teams]
    state = initial_state(campaign)
    news: list = []
    digest = hashlib.sha256()
    while not state.ended:
        orders = [bot_orders(personas[t], campaign, state, t, seed, news) for t in teams]
        interventions: tuple = ()
        if rng is not None:
            orders = [_spoil(rng, campaign, o, teams) if rng.random() < 0.5 else o for o in orders]
            interventions = _interventions(rng, campaign, state, orders, teams)
        events, state = resolve_turn(campaign, state, orders, interventions, seed, campaign.turns)
        digest.update(repr((orders, interventions, events)).encode())
        news = news_for_bots(events)
    return digest.hexdigest()


def games():
    """(name, campaign, seed, personas, spoil) for every game of the corpus, in a fixed order."""
    for path in campaign_files():
        campaign = load_campaign(str(path)).campaign
        name = path.relative_to(ROOT).as_posix()
        own = {t.id: t.persona for t in campaign.teams}
        for persona in ("own", *PERSONAS):
            personas = own if persona == "own" else {t: persona for t in own}
            for seed in SEEDS:
                yield f"{name}|{persona}|{seed}", campaign, run_seed(seed, 0), personas, None
        for spoil in SPOILED_SEEDS:
            yield f"{name}|spoiled|{spoil}", campaign, run_seed(spoil, 1), own, spoil


def fingerprints() -> dict[str, str]:
    return {name: play(campaign, seed, personas, spoil) for name, campaign, seed, personas, spoil in games()}


if __name__ == "__main__":
    if "--write" in sys.argv:
        GOLDEN.write_text(json.dumps(fingerprints(), indent=1, sort_keys=True) + "\n")
        print(f"wrote {GOLDEN}")
    else:
        golden = json.loads(GOLDEN.read_text())
        now = fingerprints()
        differ = [k for k in now if golden.get(k) != now[k]]
        print(f"{len(now)} games, {len(differ)} differ from the golden corpus")
        for k in differ[:20]:
            print("  ", k)
        sys.exit(1 if differ else 0)
