"""Issue 14 item 3: alliance politics. Members' decisions, entrapment, caveats, restraint and
per-commitment credibility, one table per mechanism, each value worked out by hand.

The campaign is tests/data/alliance_lab.toml: Blue outside; Red, Green and Amber in the Pact
(consensus; a split costs every member 0.1 credibility; the obligation entraps, within 2 turns;
Amber's caveat: armed_attack). Ladder: 0 calm, 1 tension, 2 clash, 3 war (firebreak), 4 ruin.
Credibility: green 0.7, everyone else 0.5.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.bots import bot_orders
from wargame.core.orders import MoveOrder, TeamOrders, Vote
from wargame.core.rules import success_chance
from wargame.core.state import apply_all, initial_state

LAB = Path(__file__).resolve().parents[1] / "data" / "alliance_lab.toml"
RUNGS = ["calm", "tension", "clash", "war", "ruin"]


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def with_pact(campaign, obligation=None, **changes):
    pact = campaign.treaty("pact")
    if obligation:
        changes["obligation"] = attrs.evolve(pact.obligation, **obligation)
    return attrs.evolve(campaign, treaties=(attrs.evolve(pact, **changes),))


def with_rules(campaign, **rules):
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, **rules))


def play(campaign, state, moves=None, votes=None, seed=1):
    teams = sorted(set(moves or {}) | set(votes or {}))
    orders = [
        TeamOrders(
            team,
            moves=tuple(MoveOrder(m, t) for m, t in (moves or {}).get(team, ())),
            votes=tuple(Vote(treaty, support) for treaty, support in (votes or {}).get(team, ())),
        )
        for team in teams
    ]
    events = adjudicate(campaign, state, orders, (), seed)
    return events, apply_all(campaign, state, events)


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


def rung(campaign, state, a, b):
    return RUNGS[state.rung(a, b)]


# --- members' decisions ----------------------------------------------------------------------

# (votes in turn 2, bound, blocked_by, supported_by, silent, every member's credibility after)
DECISIONS = [
    ({}, True, (), (), ("green", "amber"), {"red": 0.5, "green": 0.7, "amber": 0.5}),  # silence is consent
    ({"green": [("pact", True)]}, True, (), ("green",), ("amber",), {"red": 0.5, "green": 0.7, "amber": 0.5}),
    ({"amber": [("pact", False)]}, False, ("amber",), (), ("green",), {"red": 0.4, "green": 0.6, "amber": 0.4}),
    (
        {"green": [("pact", False)], "amber": [("pact", False)]},
        False, ("green", "amber"), (), (), {"red": 0.4, "green": 0.6, "amber": 0.4},
    ),
    (
        {"green": [("pact", True)], "amber": [("pact", False)]},
        False, ("amber",), ("green",), (), {"red": 0.4, "green": 0.6, "amber": 0.4},
    ),
]


@pytest.mark.parametrize("votes, bound, blocked_by, supported_by, silent, credibility", DECISIONS)
def test_a_consensus_treaty_binds_only_if_no_member_blocks_and_a_block_is_a_public_split(
    lab, votes, bound, blocked_by, supported_by, silent, credibility
):
    events, state = play(lab, initial_state(lab), {"blue": [("strike", "red")]})
    (opened,) = of(ev.DecisionOpened, events)
    assert (opened.treaty, opened.victim, opened.attacker, opened.voters) == ("pact", "red", "blue", ("green", "amber"))
    assert not of(ev.TreatyTriggered, events) and not state.obligations
    events, state = play(lab, state, votes=votes)
    (taken,) = of(ev.DecisionTaken, events)
    assert (taken.bound, taken.blocked_by, taken.supported_by, taken.silent) == (bound, blocked_by, supported_by, silent)
    assert taken.public and not state.decisions
    triggered = of(ev.TreatyTriggered, events)
    assert [(e.obliged, e.due, e.attacker) for e in triggered] == ([(("green", "amber"), 4, "blue")] if bound else [])
    assert {team: state.tracks[team]["credibility"] for team in credibility} == credibility


def test_an_automatic_treaty_binds_at_the_trigger_as_it_always_did(lab):
    campaign = with_pact(lab, decision="automatic")
    events, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    assert not of(ev.DecisionOpened, events)
    (triggered,) = of(ev.TreatyTriggered, events)
    assert (triggered.obliged, triggered.due) == (("green", "amber"), 3)


# (who votes, on what, the reason it is refused)
BAD_VOTES = [
    ("red", "pact", "Red does not vote on Pact"),  # the victim does not vote on its own defence
    ("green", "nato", 'there is no treaty "nato"'),
]


@pytest.mark.parametrize("team, treaty, reason", BAD_VOTES)
def test_a_vote_that_cannot_count_is_refused_with_its_reason(lab, team, treaty, reason):
    _, state = play(lab, initial_state(lab), {"blue": [("strike", "red")]})
    events, _ = play(lab, state, votes={team: [(treaty, False)]})
    (refused,) = of(ev.OrderRefused, events)
    assert (refused.team, refused.what, refused.reason) == (team, f"vote 1 on {treaty}", reason)
    assert of(ev.DecisionTaken, events)[0].bound


def test_a_vote_with_no_decision_open_and_a_second_vote_are_refused(lab):
    events, _ = play(lab, initial_state(lab), votes={"green": [("pact", False)]})
    assert [e.reason for e in of(ev.OrderRefused, events)] == ["no decision is open under Pact"]
    _, state = play(lab, initial_state(lab), {"blue": [("strike", "red")]})
    events, _ = play(lab, state, votes={"green": [("pact", False), ("pact", True)]})
    assert [e.reason for e in of(ev.OrderRefused, events)] == ["a second vote on the same decision: the first one counts"]
    assert of(ev.DecisionTaken, events)[0].blocked_by == ("green",)


# (persona, whether the Pact entraps, its vote): a bot blocks when escalation weight + obligation
# weight < 0 (dove: −2 + 1.5) and honouring could draw it in (the lab's honouring moves never climb,
# so only enters_dyad can).
BOT_VOTES = [
    ("hawk", True, True), ("deterrent", True, True), ("dove", True, False), ("tit-for-tat", True, False),
    ("dove", False, True),  # nothing to fear from a promise that cannot entrap
]


@pytest.mark.parametrize("persona, entraps, support", BOT_VOTES)
def test_bots_vote_on_an_open_decision_by_their_taste_and_the_fear_of_entrapment(lab, persona, entraps, support):
    lab = with_pact(lab, obligation={"enters_dyad": entraps})
    _, state = play(lab, initial_state(lab), {"blue": [("strike", "red")]})
    orders = bot_orders(persona, lab, state, "green", seed=1)
    assert orders.votes == (Vote("pact", support),)
    assert bot_orders(persona, lab, state, "blue", seed=1).votes == ()  # not a member: no vote


# --- entrapment ------------------------------------------------------------------------------

# (enters_dyad, Blue's attack, Green's move and target in turn 2, honoured, Green–Blue after)
ENTRAPMENT = [
    (True, "strike", ("defend", "blue"), True, "clash"),  # against the attacker: at the victim's rung
    (True, "strike", ("defend", "red"), True, "clash"),  # for the victim: entrapped all the same
    (True, "strike", ("defend", "amber"), None, "calm"),  # against anyone else: not yet met
    (True, "invade", ("defend", "blue"), True, "clash"),  # Red–Blue at war: held below the firebreak
    (False, "strike", ("defend", "amber"), True, "calm"),  # the first engine: any target, no dyad entered
]


@pytest.mark.parametrize("enters, attack, order, honoured, green_blue", ENTRAPMENT)
def test_honouring_an_entrapping_obligation_puts_the_member_on_the_ladder_with_the_attacker(
    lab, enters, attack, order, honoured, green_blue
):
    campaign = with_pact(lab, decision="automatic", obligation={"enters_dyad": enters})
    _, state = play(campaign, initial_state(campaign), {"blue": [(attack, "red")]})
    events, state = play(campaign, state, {"green": [order]})
    settled = of(ev.ObligationSettled, events)
    assert [e.honoured for e in settled] == ([honoured] if honoured is not None else [])
    assert [e.entered for e in settled] == (["blue" if enters else ""] if honoured else [])
    assert rung(campaign, state, "green", "blue") == green_blue
    if attack == "invade":
        (held,) = [e for e in of(ev.EscalationChanged, events) if set(e.dyad) == {"blue", "green"}]
        assert (held.new, held.held_at) == ("clash", "war")


# --- caveats ---------------------------------------------------------------------------------

# (member, its move in turn 2, honoured): Amber's caveat is armed_attack
CAVEATS = [("amber", "fight", None), ("amber", "defend", True), ("green", "fight", True)]


@pytest.mark.parametrize("member, move, honoured", CAVEATS)
def test_a_move_with_a_tag_under_the_members_caveat_does_not_meet_its_obligation(lab, member, move, honoured):
    campaign = with_pact(lab, decision="automatic")
    _, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    events, _ = play(campaign, state, {member: [(move, "blue")]})
    assert [e.honoured for e in of(ev.ObligationSettled, events) if e.team == member] == ([honoured] if honoured else [])


# --- restraint -------------------------------------------------------------------------------

# (Green's target in turn 1, Red's move in turn 2, its chance)
RESTRAINT = [
    ("red", "push", 0.6),  # 0.8 − 0.2
    ("red", "talk", 0.8),  # a move that does not climb is not held back
    ("blue", "push", 0.8),  # Blue is no ally of Green: nothing happens
]


@pytest.mark.parametrize("target, move, chance", RESTRAINT)
def test_restraining_an_ally_lowers_its_coercive_moves_next_turn(lab, target, move, chance):
    events, state = play(lab, initial_state(lab), {"green": [("hold_back", target)]})
    expected = [("green", "red", 2)] if target == "red" else []
    assert [(e.team, e.ally, e.until) for e in of(ev.AllyRestrained, events)] == expected
    assert state.tracks["green"]["support"] == 0.45  # the cost is the move's own
    got, terms = success_chance(lab, state, "red", lab.move(move), "blue")
    assert got == chance
    assert [t.label for t in terms] == (["restrained by an ally"] if chance != 0.8 else [])
    _, later = play(lab, state)
    assert success_chance(lab, later, "red", lab.move(move), "blue")[0] == 0.8  # one turn only


# --- per-commitment credibility ----------------------------------------------------------------

# (rules.credibility, Green's global credibility, Green's credibility under the Pact or None, chance
# of Blue coercing Red): 0.6 − 0.5 × (the highest of Green's and Amber's (0.5) values − 0.5)
PER_COMMITMENT = [
    ("global", 0.7, None, 0.5),
    ("per_commitment", 0.7, None, 0.5),  # the commitment starts at the starting credibility
    ("global", 1.0, None, 0.35),
    ("per_commitment", 1.0, None, 0.5),  # a global boost does not protect Red
    ("per_commitment", 1.0, 0.9, 0.4),
    ("per_commitment", 0.7, 0.3, 0.6),  # Green's commitment is weak: Amber (0.5) counts, for nothing
    ("global", 0.7, 0.3, 0.5),  # the global rule never reads commitments
]


@pytest.mark.parametrize("mode, green, commitment, chance", PER_COMMITMENT)
def test_deterrence_reads_the_backers_commitment_toward_the_target_when_the_campaign_opts_in(
    lab, mode, green, commitment, chance
):
    campaign = with_rules(lab, credibility=mode)
    state = initial_state(campaign)
    state = attrs.evolve(
        state,
        tracks={**state.tracks, "green": {**state.tracks["green"], "credibility": green}},
        commitments={} if commitment is None else {"pact|green": commitment},
    )
    assert success_chance(campaign, state, "blue", campaign.move("coerce"), "red")[0] == chance


# (rules.credibility, Green's move in turn 2, the commitment change: (old, new) or None)
SETTLEMENTS = [
    ("per_commitment", ("defend", "blue"), (0.7, 0.8)),  # honour: +0.1
    ("per_commitment", ("talk", "blue"), None),  # due turn 3: not settled yet
    ("global", ("defend", "blue"), None),  # older games: no commitment is held apart
]


@pytest.mark.parametrize("mode, order, change", SETTLEMENTS)
def test_honour_and_breach_change_the_members_credibility_under_that_treaty(lab, mode, order, change):
    campaign = with_rules(with_pact(lab, decision="automatic"), credibility=mode)
    _, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    events, state = play(campaign, state, {"green": [order]})
    changed = [(e.old, e.new) for e in of(ev.CommitmentChanged, events) if e.team == "green"]
    assert changed == ([change] if change else [])


def test_a_breach_lowers_the_commitment_by_the_treatys_breach_delta(lab):
    campaign = with_rules(with_pact(lab, decision="automatic"), credibility="per_commitment")
    _, state = play(campaign, initial_state(campaign), {"blue": [("strike", "red")]})
    _, state = play(campaign, state)
    events, state = play(campaign, state)
    assert {(e.team, e.old, e.new) for e in of(ev.CommitmentChanged, events)} == {("green", 0.7, 0.5), ("amber", 0.5, 0.3)}
    assert state.commitments == {"pact|green": 0.5, "pact|amber": 0.3}
