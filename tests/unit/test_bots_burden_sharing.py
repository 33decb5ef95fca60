"""Bots make good a burden-sharing shortfall as they honour obligations (a dove was seen falling short every turn)."""

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.bots import bot_orders
from wargame.core.state import initial_state

TUTORIAL = load_campaign("campaigns/tutorial.toml").campaign
RAISES_READINESS = {m.id for m in TUTORIAL.moves if m.effects.actor.get("readiness", 0) > 0}
SEEDS = range(40)


def choosing_readiness(persona: str, readiness: float) -> int:
    """In how many of 40 seeds Aldmark (the Calder Pact's member that owes readiness ≥ 0.4) picks a move raising it."""
    state = initial_state(TUTORIAL)
    tracks = {**state.tracks, "green": {**state.tracks["green"], "readiness": readiness}}
    state = attrs.evolve(state, tracks=tracks)
    return sum(any(o.move in RAISES_READINESS for o in bot_orders(persona, TUTORIAL, state, "green", seed).moves) for seed in SEEDS)


@pytest.mark.parametrize("persona", ["dove", "hawk", "deterrent"])
def test_a_member_below_the_burden_sharing_target_raises_that_track(persona):
    assert choosing_readiness(persona, 0.35) == len(SEEDS)


def test_a_dove_at_the_target_no_longer_spends_on_readiness():
    # Exactly at the target is not a shortfall (the rule is "below"): the dove's own taste decides again.
    assert choosing_readiness("dove", 0.40) == 0
