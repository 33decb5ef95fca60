"""Per-commitment credibility that fades and has diminishing returns (`rules.commitment_drift`,
`rules.commitment_returns`), each row worked out by hand.

The campaign is tests/data/alliance_lab.toml with the Pact automatic and credibility per commitment:
Blue strikes Red on turn 1, Green honours on turn 2 (the treaty's honour: +0.1 credibility), Green's
commitment starts at its starting credibility, 0.7, on a 0–1 track.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.state import apply_all, initial_state

LAB = Path(__file__).resolve().parents[1] / "data" / "alliance_lab.toml"


@pytest.fixture(scope="module")
def lab():
    campaign = load_campaign(str(LAB)).campaign
    pact = attrs.evolve(campaign.treaty("pact"), decision="automatic")
    return attrs.evolve(campaign, treaties=(pact,), rules=attrs.evolve(campaign.rules, credibility="per_commitment"))


def play(campaign, state, moves):
    orders = [TeamOrders(team, moves=tuple(MoveOrder(m, t) for m, t in ms)) for team, ms in sorted(moves.items())]
    events = adjudicate(campaign, state, orders, (), 1)
    return events, apply_all(campaign, state, events)


# (why, commitment_returns, commitment_drift, Green's commitment changes in turn 2 as (old, new))
ROWS = [
    ("the defaults keep today's rule: honour adds its full delta, nothing fades", "linear", 0.0, [(0.7, 0.8)]),
    ("diminishing: the gain shrinks with the room left, 0.1 × min(1, 2 × 0.3) = 0.06", "diminishing", 0.0,
     [(0.7, 0.76)]),
    ("drift: half the gap back to the base 0.7 at the end of the turn, 0.5 × (0.7 − 0.8) = −0.05", "linear", 0.5,
     [(0.7, 0.8), (0.8, 0.75)]),
    ("both: 0.76, then 0.5 × (0.7 − 0.76) = −0.03", "diminishing", 0.5, [(0.7, 0.76), (0.76, 0.73)]),
]


@pytest.mark.parametrize("why, returns, drift, changes", ROWS, ids=[r[0] for r in ROWS])
def test_a_commitments_credibility_has_diminishing_returns_and_fades_toward_its_base_where_the_campaign_says(
    lab, why, returns, drift, changes
):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, commitment_returns=returns, commitment_drift=drift))
    _, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    events, state = play(campaign, state, {"green": [("defend", "blue")]})
    assert [(e.old, e.new) for e in events if isinstance(e, ev.CommitmentChanged) and e.team == "green"] == changes
    assert state.commitments["pact|green"] == changes[-1][1]


def test_a_global_credibility_campaign_holds_no_commitment_to_drift(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, credibility="global", commitment_drift=0.5))
    _, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    events, _ = play(campaign, state, {"green": [("defend", "blue")]})
    assert not [e for e in events if isinstance(e, ev.CommitmentChanged)]
