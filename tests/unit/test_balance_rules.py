"""The balance report's figures and warnings, worked out by hand: 95% intervals (Wilson for shares,
Student's t for means), the spread of scores, the share of games a team comes last, each dyad's peak
and mean rung per turn, traffic and proposals, the examples kept of each ending, and the warnings an
instructor gets. The laboratory campaign (conftest.py): rungs peace, tension, standoff, war (a
firebreak), end (terminal); teams blue (objective no_war, 3 points), red, green; a channel "line"."""

from __future__ import annotations

import math

import pytest

from wargame.balance import outliers, warnings
from wargame.core.simulation import GameSummary, Tally, run_seed
from wargame.core.statistics import mean_interval, mean_sd, t95, wilson


@pytest.mark.parametrize(
    "count, n, interval",
    [
        # p = 0: [0, z²/(n+z²)] = [0, 3.8415/13.8415]
        (0, 10, (0.0, 0.2775)),
        # p = 1/2, n = 2: centre 1/2, half 1.96·√(1/8 + 3.8415/16)/(1 + 3.8415/2) = 0.4055
        (1, 2, (0.0945, 0.9055)),
        # p = 1/2, n = 10: half 1.96·√(0.025 + 0.0096)/1.38415 = 0.2634
        (5, 10, (0.2366, 0.7634)),
        # p = 1: the mirror of p = 0
        (10, 10, (0.7225, 1.0)),
        # no games: nothing known
        (0, 0, (0.0, 1.0)),
    ],
)
def test_a_share_has_the_wilson_interval_worked_out_by_hand(count, n, interval):
    assert wilson(count, n) == interval


@pytest.mark.parametrize(
    "values, mean, sd, interval",
    [
        # 1, 2, 3, 4: mean 2.5, s² = 5/3, se = √(5/12) = 0.6455, t(3) = 3.182: ±2.054
        ((1, 2, 3, 4), 2.5, math.sqrt(5 / 3), (0.446, 4.554)),
        # the same value every game: no spread, the interval is the mean
        ((3, 3, 3), 3.0, 0.0, (3.0, 3.0)),
        # one game: no spread can be known; the mean at both ends
        ((7,), 7.0, 0.0, (7.0, 7.0)),
        # 0 and 2: mean 1, s = √2, se = 1, t(1) = 12.706
        ((0, 2), 1.0, math.sqrt(2), (-11.706, 13.706)),
    ],
)
def test_a_mean_has_the_students_t_interval_worked_out_by_hand(values, mean, sd, interval):
    n, total, squares = len(values), sum(values), sum(v * v for v in values)
    assert mean_sd(n, total, squares) == pytest.approx((mean, sd))
    assert mean_interval(n, total, squares) == interval


@pytest.mark.parametrize("df, quantile", [(1, 12.706), (3, 3.182), (30, 2.042), (35, 2.042), (45, 2.021), (119, 2.0), (120, 1.98), (5000, 1.959964)])
def test_the_t_quantile_is_the_tables_and_the_smaller_degrees_of_freedom_between_rows(df, quantile):
    assert t95(df) == quantile


def game(ending="turn_limit", turns=2, points=None, met=(), path=None, moves=None, failed=None, refused=None,
         messages=None, proposals=None, reach=1, contained=0, leaked=0):
    return GameSummary(
        ending, turns, {r: 1 for r in range(reach + 1)}, {}, {}, dict(points or {}), tuple(met),
        moves=dict(moves or {}), failed=dict(failed or {}), refused=dict(refused or {}), path=dict(path or {}),
        contained=contained, leaked=leaked, messages=dict(messages or {}), proposals=dict(proposals or {}),
    )


# Three games written by hand: blue scores 3, 0, 3; red 0, 2, 0; green nothing.
GAMES = (
    game(points={"blue": 3, "red": 0}, met=[("blue", "no_war")], path={"blue|red": (2, 1), "blue|green": (0, 0)},
         moves={"blue|push": 2, "red|shove": 1}, failed={"blue|push": 1}, refused={"red": 1},
         messages={"line|sent": 2, "line|delivered": 1, "line|lost": 1}, proposals={"stand_down|sent": 1, "stand_down|accepted": 1}),
    game("terminal", 1, points={"blue": 0, "red": 2}, path={"blue|red": (4,)}, reach=4, moves={"red|strike": 1},
         contained=1, leaked=1),
    game(points={"blue": 3, "red": 0}, met=[("blue", "no_war")], path={"blue|red": (0, 1)}, moves={"blue|push": 1}),
)


def tallied(lab, games=GAMES, order=None):
    tally = Tally()
    for index in order or range(len(games)):
        tally.add(games[index], index, run_seed(1, index))
    return tally


def test_three_games_give_the_balance_figures_worked_out_by_hand(lab):
    r = tallied(lab).report(lab)
    blue, red, green = r["teams"]
    # blue 3, 0, 3: mean 2, s² = (1 + 4 + 1)/2 = 3, se = 1, t(2) = 4.303
    assert (blue["mean_points"], blue["sd_points"], blue["points_interval"]) == (2.0, round(math.sqrt(3), 3), [-2.303, 6.303])
    # lowest in a game where some team scored more: blue in game 2; red in games 1 and 3; green never scored,
    # so it is lowest (0) with whoever else has 0, but only teams that scored count
    assert (blue["last"], red["last"]) == (0.3333, 0.6667)
    assert blue["objectives"][0]["met_interval"] == list(wilson(2, 3))
    push = next(m for m in blue["moves"] if m["id"] == "push")
    assert (push["used"], push["per_game"], push["failure_rate"]) == (3, 1.0, 0.3333)
    assert (red["orders"], red["refused"], red["refusal_rate"]) == (3, 1, 0.3333)  # shove, strike and one refused
    dyad = next(d for d in r["dyads"] if d["dyad"] == ["blue", "red"])
    # peaks 2 (then down to 1), 4, 1 -> standoff, end, tension a third each; turn 1: (2 + 4 + 0)/3,
    # turn 2: (1 + 1)/2 (game 2 ended on turn 1)
    assert dyad["peak"] == {"tension": 0.3333, "standoff": 0.3333, "end": 0.3333} and dyad["highest"] == "end"
    assert dyad["mean_rung_by_turn"] == [2.0, 1.0] and r["games_still_going_by_turn"] == [3, 2]
    assert r["channels"] == [{"id": "line", "name": "Blue-Red line", "sent_per_game": 0.667, "delivered_per_game": 0.333, "lost_per_game": 0.333}]
    assert r["proposals"] == [{"kind": "stand_down", "sent_per_game": 0.333, "accepted_per_game": 0.333, "rejected_per_game": 0.0, "lapsed_per_game": 0.0}]
    assert r["incidents"] == {"per_game": 0.0, "contained_per_game": 0.333, "leaked_per_game": 0.333}
    assert r["ending_intervals"] == {"terminal": list(wilson(1, 3)), "turn_limit": list(wilson(2, 3))}
    assert r["crisis_peak"] == {"tension": 0.6667, "end": 0.3333}
    assert r["examples"] == {"ending|terminal": [1], "ending|turn_limit": [0, 2], "peak|1": [0, 2], "peak|4": [1]}


def test_the_balance_figures_do_not_depend_on_the_order_games_are_added_or_merged(lab):
    whole = tallied(lab).report(lab)
    assert tallied(lab, order=[2, 0, 1]).report(lab) == whole
    first, second = Tally(), Tally()
    second.add(GAMES[2], 2, 0)
    second.add(GAMES[1], 1, 0)
    first.add(GAMES[0], 0, 0)
    first.merge(second)
    assert first.report(lab) == whole


def test_a_tally_keeps_only_the_lowest_indices_as_examples_whatever_the_order(lab):
    one, other = Tally(), Tally()
    for index in (9, 3, 7, 6, 5, 0):
        one.add(GAMES[0], index)
    assert one.examples["ending|turn_limit"] == (0, 3, 5, 6, 7)
    for index in (1, 8, 4, 2):
        other.add(GAMES[0], index)
    one.merge(other)
    assert one.examples["ending|turn_limit"] == (0, 1, 2, 3, 4)


def test_a_game_everyone_scores_alike_makes_no_team_last(lab):
    tally = tallied(lab)
    tally.add(game(points={"blue": 1, "red": 1}))
    assert [t["last"] for t in tally.report(lab)["teams"]] == [0.25, 0.5, 0.0]  # as before, out of four


def kinds(result, lab):
    return [w["kind"] for w in warnings(result, lab)]


@pytest.mark.parametrize(
    "games, present, absent",
    [
        # blue's objective met in 2 of 3, a terminal ending seen: no objective flag, no turn-limit flag
        (GAMES, {"ending_never_seen"}, {"objective_never_met", "objective_always_met", "turn_limit_only", "always_last"}),
        # the objective met in every game, blue top every time, red last every time: red always loses
        ((GAMES[0], GAMES[2]), {"objective_always_met", "turn_limit_only", "always_last"}, {"objective_never_met", "ending_never_seen"}),
        # the objective never met
        ((GAMES[1], game("terminal", points={"blue": 0, "red": 1})), {"objective_never_met"}, {"objective_always_met"}),
        # red's orders refused in 1 of 2: a refusal rate of 50%
        ((game(moves={"red|shove": 1}, refused={"red": 1}), game()), {"orders_refused"}, set()),
        # a move played 10 times, failing each time
        ((game(moves={"blue|gamble": 10}, failed={"blue|gamble": 10}), game()), {"move_always_fails"}, set()),
    ],
)
def test_warnings_name_what_an_instructor_should_look_at(lab, games, present, absent):
    found = set(kinds(tallied(lab, games).report(lab) | {"seed": 1}, lab))
    assert present <= found and not absent & found


def test_each_warning_says_what_happened_and_where_to_look(lab):
    result = tallied(lab, (GAMES[0], GAMES[2])).report(lab)
    by_kind = {w["kind"]: w for w in warnings(result, lab)}
    assert by_kind["objective_always_met"]["text"] == "Blue: “Keep the peace” was met in every one of 2 games."
    assert "objective no_war of team blue" in by_kind["objective_always_met"]["look_at"]
    assert by_kind["turn_limit_only"]["text"] == (
        "All 2 games were decided by the turn limit: none ended by terminal, de-escalation or settlement."
    )
    assert by_kind["always_last"]["text"] == "Red scored lowest in every game (mean 0 points)."
    unused = [w for w in warnings(result, lab) if w["kind"] == "move_never_used"]
    assert unused and unused[0]["text"].startswith("Blue never used: ") and "Push" not in unused[0]["text"]


def test_a_rare_peak_or_ending_is_named_as_a_game_to_replay_with_its_command(lab):
    games = [GAMES[0]] * 19 + [GAMES[1]]  # one game in twenty reaches the end: 5%
    result = tallied(lab, games).report(lab) | {"seed": 1}
    found = outliers(result, lab, ["wargame", "simulate", "lab.toml", "--runs", "20"])
    assert found[0] == {
        "game": 19, "seed": run_seed(1, 19), "why": "the crisis reached The end (as in 5% of games)",
        "command": "wargame simulate lab.toml --runs 20 --save-game 19 DIR",
    }
    assert len(found) == 1  # the terminal ending is the same game, named once
    common = tallied(lab, [GAMES[0]] * 9 + [GAMES[1]]).report(lab) | {"seed": 1}  # 10%: not rare
    assert outliers(common, lab, ["wargame"]) == []
