"""What `wargame simulate` keeps of each game and how it adds games up: a game's summary agrees with
its own log, and the shares and means of a tally are worked out by hand from games written here.

The laboratory campaign (conftest.py) has rungs Peace, Tension, Standoff, War (a firebreak) and The
end (terminal); teams blue (objective no_war, 3 points), red and green; one treaty, the Pact.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.bots import bot_orders
from wargame.core.simulation import GameSummary, Tally, play_out, run_seed
from wargame.core.state import apply_all, initial_state

INDO_PACIFIC = Path(__file__).resolve().parents[2] / "campaigns" / "indo-pacific.toml"


@pytest.fixture(scope="module")
def indo_pacific():
    return load_campaign(str(INDO_PACIFIC)).campaign


def logged_game(campaign, seed, personas, last_turn=None):
    """The game play_out plays, turn by turn: [(turn, crisis level after it, its events)]."""
    state, last, turns = initial_state(campaign), (), []
    while not state.ended:
        orders = [bot_orders(personas[t.id], campaign, state, t.id, seed, last) for t in campaign.teams]
        events = adjudicate(campaign, state, orders, (), seed, last_turn or campaign.turns)
        turn, state, last = state.turn, apply_all(campaign, state, events), events
        turns.append((turn, state.crisis(), events))
    return turns


def first_crossing_from_log(campaign, events) -> str:
    """What first carried a dyad onto or over a firebreak: a team's move (the event names it), an
    incident (an incident that happened on that dyad earlier in the same turn and was not contained),
    or anything else (an inject, an agreement)."""
    rung = {r.id: i for i, r in enumerate(campaign.rungs)}
    firebreaks = [i for i, r in enumerate(campaign.rungs) if r.firebreak]
    for index, e in enumerate(events):
        if not isinstance(e, ev.EscalationChanged):
            continue
        if not any(rung[e.old] < f <= rung[e.new] for f in firebreaks):
            continue
        if e.by:
            return "move"
        earlier = [a for a in events[:index] if isinstance(a, ev.AccidentRolled) and a.turn == e.turn]
        # An incident names its dyad in campaign order, an escalation sorted: compare the pairs.
        if earlier and sorted(earlier[-1].dyad) == sorted(e.dyad) and earlier[-1].happened and not earlier[-1].contained:
            return "incident"
        return "other"
    return ""


def summary_from_log(turns, campaign=None, end_state=None) -> GameSummary:
    """What a summary must say, read from the log: the turn each crisis level was first reached, the
    obligations settled per treaty, the points scored per team, the objectives met, the ending."""
    first_reach = {}
    for turn, crisis, _ in turns:
        for rung in range(crisis + 1):
            first_reach.setdefault(rung, turn)
    events = [e for _, _, log in turns for e in log]
    settled = [e for e in events if isinstance(e, ev.ObligationSettled)]
    scored = [e for e in events if isinstance(e, ev.ObjectiveScored)]
    points: Counter = Counter()
    for e in scored:
        points[e.team] += e.points
    return GameSummary(
        ending=next(e.reason for e in events if isinstance(e, ev.GameEnded)),
        turns=len(turns),
        first_reach=first_reach,
        honoured=dict(Counter(e.treaty for e in settled if e.honoured)),
        breached=dict(Counter(e.treaty for e in settled if not e.honoured)),
        points=dict(points),
        met=tuple((e.team, e.objective) for e in scored if e.met),
        incidents=sum(1 for e in events if isinstance(e, ev.AccidentRolled) and e.happened),
        first_crossing=first_crossing_from_log(campaign, events) if campaign else "",
        credibility_pinned=sum(
            end_state.tracks[t.id]["credibility"] in campaign.track_bounds("credibility") for t in campaign.teams
        ) if end_state else 0,
        **(balance_from_log(turns, events, campaign) if campaign else {}),
    )


def balance_from_log(turns, events, campaign) -> dict:
    """The balance report's part of a summary, read from the log: moves rolled and failed per team and
    move, orders refused, every dyad's rung after each turn, incidents contained and leaked, messages
    per channel, proposals per kind and answer."""
    moves = [e for e in events if isinstance(e, ev.MoveResolved)]
    state, path = initial_state(campaign), {}
    for _, _, log in turns:
        state = apply_all(campaign, state, log)
        for key, rung_index in state.rungs.items():
            path.setdefault(key, []).append(rung_index)
    incidents = [e for e in events if isinstance(e, ev.AccidentRolled)]
    messages: Counter = Counter()
    proposals: Counter = Counter()
    for e in events:
        if isinstance(e, (ev.MessageSent, ev.MessageDelivered, ev.MessageLost)):
            what = {ev.MessageSent: "sent", ev.MessageDelivered: "delivered", ev.MessageLost: "lost"}[type(e)]
            messages[f"{e.channel}|{what}"] += 1
            if isinstance(e, ev.MessageSent) and e.proposal:
                proposals[f"{e.proposal}|sent"] += 1
        elif isinstance(e, ev.ProposalAnswered):
            proposals[f"{e.proposal}|{e.answer}"] += 1
    return {
        "moves": dict(Counter(f"{e.team}|{e.move}" for e in moves)),
        "failed": dict(Counter(f"{e.team}|{e.move}" for e in moves if not e.success)),
        "refused": dict(Counter(e.team for e in events if isinstance(e, ev.OrderRefused))),
        "path": {key: tuple(rungs) for key, rungs in path.items()},
        "contained": sum(e.contained for e in incidents),
        "leaked": sum(e.leaked for e in incidents),
        "messages": dict(messages),
        "proposals": dict(proposals),
    }


PERSONAS = ("random", "hawk", "dove", "tit-for-tat", "deterrent")


def personas_of(campaign, mixed):
    """Every team random, or each team a different persona."""
    return {t.id: PERSONAS[i % len(PERSONAS)] if mixed else "random" for i, t in enumerate(campaign.teams)}


@pytest.mark.parametrize("seed, mixed, last_turn", [(1, False, None), (0, True, None), (0, True, 3), (1, True, None)])
def test_a_games_summary_is_what_its_log_says(indo_pacific, seed, mixed, last_turn):
    personas = personas_of(indo_pacific, mixed)
    turns = logged_game(indo_pacific, seed, personas, last_turn)
    end = initial_state(indo_pacific)
    for _, _, events in turns:
        end = apply_all(indo_pacific, end, events)
    assert play_out(indo_pacific, seed, personas, last_turn) == summary_from_log(turns, indo_pacific, end)


def test_a_tutorial_game_with_an_incident_leaking_and_one_contained_is_summarised_as_its_log_says():
    tutorial = load_campaign(str(INDO_PACIFIC.parent / "tutorial.toml")).campaign
    personas = {t.id: t.persona for t in tutorial.teams}
    turns = logged_game(tutorial, 10, personas)
    end = initial_state(tutorial)
    for _, _, events in turns:
        end = apply_all(tutorial, end, events)
    expected = summary_from_log(turns, tutorial, end)
    assert (expected.leaked, expected.contained) == (1, 1)  # so that both counts are checked
    assert play_out(tutorial, 10, personas) == expected


def test_the_first_game_checked_above_settles_obligations_both_ways_and_meets_objectives(indo_pacific):
    # so that the comparison above has obligations honoured more than once and breached, points and met objectives
    summary = summary_from_log(logged_game(indo_pacific, 1, personas_of(indo_pacific, False)))
    assert max(summary.honoured.values()) > 1 and summary.breached and summary.met and summary.turns == 10


def test_a_shorter_limit_ends_the_game_at_it(indo_pacific):
    personas = {t.id: "dove" for t in indo_pacific.teams}
    summary = play_out(indo_pacific, 4, personas, last_turn=2)
    assert (summary.turns, summary.ending) == (2, "turn_limit")


def test_a_runs_seed_is_the_first_eight_bytes_of_the_hash_of_seed_run_and_index():
    for seed, index in [(0, 0), (7, 3), (2**40, 999)]:
        digest = hashlib.sha256(f"{seed}:run:{index}".encode()).digest()
        assert run_seed(seed, index) == int.from_bytes(digest[:8], "big")
        assert 0 <= run_seed(seed, index) < 2**64


# Three games of the lab, written by hand (rungs by index: 0 Peace … 3 War, 4 The end):
GAME_1 = GameSummary("turn_limit", 3, {0: 1, 1: 1, 2: 3}, {"pact": 1}, {}, {"blue": 3, "red": 0}, (("blue", "no_war"),))
GAME_2 = GameSummary("calm", 2, {0: 1, 1: 1, 2: 1, 3: 2}, {}, {"pact": 2}, {"blue": 0, "red": 2}, ())
GAME_3 = GameSummary("agreement", 5, {0: 1, 1: 2}, {}, {}, {}, ())


def rung(report, rung_id):
    return next(r for r in report["rungs"] if r["id"] == rung_id)


def test_two_games_are_reported_as_shares_and_means_worked_out_by_hand(lab):
    tally = Tally()
    tally.add(GAME_1)
    tally.add(GAME_2)
    report = tally.report(lab)
    assert (report["games"], report["mean_turns"]) == (2, 2.5)  # (3 + 2) / 2
    assert report["endings"] == {"calm": 0.5, "turn_limit": 0.5}  # a tie is listed by name
    assert [(r["id"], r["reached"], r["first_turn"]) for r in report["rungs"]] == [
        ("peace", 1.0, 1.0),
        ("tension", 1.0, 1.0),
        ("standoff", 1.0, 2.0),  # reached in both, on turns 3 and 1
        ("war", 0.5, 2.0),  # reached in one game, on turn 2
        ("end", 0.0, None),  # never reached: no first turn
    ]
    assert rung(report, "war") | {"reached": 0, "first_turn": 0} == {
        "id": "war", "name": "War", "band": "war", "firebreak": True, "terminal": False, "reached": 0, "first_turn": 0,
    }
    assert rung(report, "end")["terminal"] is True and rung(report, "end")["firebreak"] is False
    assert report["firebreaks"] == [rung(report, "war")]
    assert report["treaties"] == [
        {"id": "pact", "name": "Pact", "honoured_per_game": 0.5, "breached_per_game": 1.0, "games_with_breach": 0.5},
    ]
    blue, red, green = report["teams"]
    assert (blue["id"], blue["name"], blue["mean_points"]) == ("blue", "Blue", 1.5)  # (3 + 0) / 2
    assert blue["objectives"] == [
        {"id": "no_war", "description": "Keep the peace", "points": 3, "met": 0.5, "met_interval": [0.0945, 0.9055]},
    ]
    assert (red["mean_points"], red["objectives"]) == (1.0, [])  # (0 + 2) / 2
    assert (green["id"], green["mean_points"]) == ("green", 0.0)


def test_three_games_round_shares_to_four_places_and_per_game_figures_to_three(lab):
    tally = Tally()
    for game in (GAME_1, GAME_2, GAME_3):
        tally.add(game)
    report = tally.report(lab)
    assert (report["games"], report["mean_turns"]) == (3, 3.333)  # (3 + 2 + 5) / 3
    assert rung(report, "tension")["first_turn"] == 1.33  # (1 + 1 + 2) / 3, to two places
    assert report["endings"] == {"agreement": 0.3333, "calm": 0.3333, "turn_limit": 0.3333}
    assert (rung(report, "standoff")["reached"], rung(report, "war")["reached"]) == (0.6667, 0.3333)
    assert report["treaties"][0] | {"id": "", "name": ""} == {
        "id": "", "name": "", "honoured_per_game": 0.333, "breached_per_game": 0.667, "games_with_breach": 0.3333,
    }
    assert [t["mean_points"] for t in report["teams"]] == [1.0, 0.667, 0.0]  # 3/3, 2/3, 0
    assert report["teams"][0]["objectives"][0]["met"] == 0.3333


def test_endings_are_listed_most_frequent_first(lab):
    tally = Tally()
    for game in (GAME_2, GAME_1, GAME_3, GAME_1):
        tally.add(game)
    assert list(tally.report(lab)["endings"].items()) == [("turn_limit", 0.5), ("agreement", 0.25), ("calm", 0.25)]


def test_a_breach_in_a_game_counts_that_game_once_however_many_obligations_it_breached(lab):
    tally = Tally()
    tally.add(GameSummary("calm", 1, {0: 1}, {}, {"pact": 3}, {}, ()))
    tally.add(GameSummary("calm", 1, {0: 1}, {}, {"pact": 1}, {}, ()))
    tally.add(GameSummary("calm", 1, {0: 1}, {"pact": 1}, {}, {}, ()))
    # two games of three with a breach; four breaches in three games
    assert tally.report(lab)["treaties"][0]["games_with_breach"] == 0.6667
    assert tally.report(lab)["treaties"][0]["breached_per_game"] == 1.333


def test_tallies_merged_report_what_one_tally_of_every_game_reports(lab):
    one, first, second = Tally(), Tally(), Tally()
    for game in (GAME_1, GAME_2, GAME_3):
        one.add(game)
    first.add(GAME_1)
    second.add(GAME_2)
    second.add(GAME_3)
    first.merge(second)
    assert first.report(lab) == one.report(lab)
    assert vars(first) == vars(one)


def test_no_games_report_zeros_rather_than_dividing_by_zero(lab):
    report = Tally().report(lab)
    assert (report["games"], report["mean_turns"], report["endings"]) == (0, 0.0, {})
    assert {(r["reached"], r["first_turn"]) for r in report["rungs"]} == {(0.0, None)}
    assert report["teams"][0]["mean_points"] == 0.0


def test_one_game_is_reported_as_itself(lab):
    tally = Tally()
    tally.add(GAME_1)
    report = tally.report(lab)
    assert (report["games"], report["mean_turns"], report["endings"]) == (1, 3.0, {"turn_limit": 1.0})
    assert (report["treaties"][0]["honoured_per_game"], report["teams"][0]["mean_points"]) == (1.0, 3.0)
