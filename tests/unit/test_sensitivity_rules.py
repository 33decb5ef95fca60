"""Issue 17 item 3: the arithmetic of a sensitivity study and what each `--ablate` switches off.

Intervals are worked out by hand: for n values with sum S and sum of squares Q, the mean is S/n,
the variance (Q − S²/n)/(n − 1) and the 95% half-width 1.96 × √(variance / n). A cell's change
from the baseline takes the same formula over the per-game differences (paired), not over the
two cells apart.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from wargame.ablations import ABLATIONS
from wargame.campaign.loader import load_campaign
from wargame.sensitivity import PairedTally, StudyError, mean_interval, parse_vary, plan_cells

ROOT = Path(__file__).resolve().parents[2]

# (values, mean, half-width of the 95% interval)
MEANS = [
    ([1, 0, 1, 1], 0.75, 1.96 * math.sqrt((3 - 9 / 4) / 3 / 4)),  # a share: 3 games in 4
    ([2, 4, 6], 4.0, 1.96 * math.sqrt((56 - 144 / 3) / 2 / 3)),  # points: variance 4
    ([5, 5, 5], 5.0, 0.0),  # no spread, no width
    ([7], 7.0, 0.0),  # one game: no interval can be said
    ([], 0.0, 0.0),
]


@pytest.mark.parametrize(("values", "mean", "half"), MEANS)
def test_a_mean_and_its_interval_come_from_whole_number_sums(values, mean, half):
    got = mean_interval(len(values), sum(values), sum(v * v for v in values))
    assert got == pytest.approx((mean, half))


# (baseline values per game, cell values per game, paired change, its half-width)
PAIRS = [
    # every game loses its firebreak crossing: the change is exactly −1, with no spread at all
    ([1, 1, 1, 1], [0, 0, 0, 0], -1.0, 0.0),
    # d = −1, 0, 0, −1: mean −0.5, variance (2 − 1) / 3
    ([1, 0, 1, 1], [0, 0, 1, 0], -0.5, 1.96 * math.sqrt((2 - 1) / 3 / 4)),
    # points: d = 1, 1, 2, 0, mean 1, variance (6 − 16/4) / 3
    ([3, 5, 2, 4], [4, 6, 4, 4], 1.0, 1.96 * math.sqrt((6 - 4) / 3 / 4)),
]


@pytest.mark.parametrize(("base", "cell", "change", "half"), PAIRS)
def test_a_cells_change_and_its_interval_are_taken_over_the_per_game_differences(base, cell, change, half):
    tally = PairedTally()
    for b, c in zip(base, cell, strict=True):
        tally.add([{"m": b}, {"m": c}])
    assert tally.mean(1, "m", "d") == pytest.approx((change, half))
    assert tally.mean(1, "m")[0] == pytest.approx(sum(cell) / len(cell))


def test_the_paired_interval_is_narrower_than_two_independent_ones_when_the_dice_are_shared():
    # The same seeds: games that go to war in the baseline mostly still do in the cell.
    base = [1] * 30 + [0] * 70
    cell = [1] * 25 + [0] * 75
    tally = PairedTally()
    for b, c in zip(base, cell, strict=True):
        tally.add([{"war": b}, {"war": c}])
    _, paired = tally.mean(1, "war", "d")
    independent = math.hypot(tally.mean(0, "war")[1], tally.mean(1, "war")[1])
    assert paired < independent / 2


def test_a_metric_that_only_one_cell_has_counts_as_zero_in_the_other():
    # An ending reached only in the cell: +1 there, and −1 on the ending the baseline had.
    tally = PairedTally()
    tally.add([{"ending:turn_limit": 1}, {"ending:terminal": 1}])
    assert tally.mean(1, "ending:terminal", "d")[0] == 1.0
    assert tally.mean(1, "ending:turn_limit", "d")[0] == -1.0


def test_tallies_merged_in_any_order_give_the_same_sums():
    games = [[{"m": i % 3}, {"m": i % 2}] for i in range(10)]
    parts = []
    for start in range(0, 10, 3):
        part = PairedTally()
        for g in games[start:start + 3]:
            part.add(g)
        parts.append(part)
    forward, backward = PairedTally(), PairedTally()
    for p in parts:
        forward.merge(p)
    for p in reversed(parts):
        backward.merge(p)
    assert forward.games == backward.games == 10 and forward.sums == backward.sums


# (mechanism, campaign data before, after)
ABLATED = [
    (
        "channels",
        {"channels": [{"id": "hotline", "reliability": 0.9, "dampening": 0.5}]},
        {"channels": [{"id": "hotline", "reliability": 0.0, "dampening": 0.0, "containment": 0.0}]},
    ),
    (
        "deterrence",
        {"moves": [{"id": "coerce", "success": {"base": 0.6, "modifiers": [
            {"track": "credibility", "of": "target_allies", "weight": -0.5},
            {"track": "readiness", "of": "actor", "weight": 0.2},
        ]}}]},
        {"moves": [{"id": "coerce", "success": {"base": 0.6, "modifiers": [
            {"track": "readiness", "of": "actor", "weight": 0.2},
        ]}}]},
    ),
    (
        "treaty-penalties",
        {"treaties": [{"id": "pact", "honour": {"credibility": 0.1}}]},  # breach left to its default, −0.2
        {"treaties": [{"id": "pact", "honour": {"credibility": 0.1}, "breach": {}}]},
    ),
    (
        "treaty-rewards",
        {"treaties": [{"id": "pact", "breach": {"credibility": -0.2}}]},
        {"treaties": [{"id": "pact", "breach": {"credibility": -0.2}, "honour": {}}]},
    ),
    (
        "accidents",
        {"rules": {"accident_per_rung": 0.05, "calm_turns": 2}},
        {"rules": {"accident_base": 0.0, "accident_per_rung": 0.0, "accident_after_escalation": 0.0,
                   "accident_mutual_alert": 0.0, "calm_turns": 2}},
    ),
    (
        "leaks",
        {"rungs": [{"id": "calm"}, {"id": "war", "firebreak": True, "leak": 0.15}]},
        {"rungs": [{"id": "calm"}, {"id": "war", "firebreak": True, "leak": 0.0}]},
    ),
    (
        "beliefs",
        {"rules": {"intel_noise": 0.3}},
        {"rules": {"intel_noise": 0.0, "false_alarm": 0.0}},
    ),
    (
        "spill",
        {"rules": {"spill": 0.3}, "rungs": [{"id": "sea", "spill": 0.5}],
         "moves": [{"id": "strike", "effects": {"escalation": 1, "spill": [{"dyad": ["target_allies", "actor"]}]}}]},
        {"rules": {"spill": 0.0}, "rungs": [{"id": "sea", "spill": 0.0}],
         "moves": [{"id": "strike", "effects": {"escalation": 1}}]},
    ),
    (
        "red-lines",
        {"rules": {"compose_red_lines": True}, "teams": [{"id": "blue", "red_lines": [{"id": "no_blockade"}]}, {"id": "red"}]},
        {"rules": {"compose_red_lines": False}, "teams": [{"id": "blue"}, {"id": "red"}]},
    ),
    (
        "audience-costs",
        {"teams": [{"id": "blue", "red_lines": [{"id": "no_blockade", "audience_cost": {"support": -0.2}}]}, {"id": "red"}]},
        {"teams": [{"id": "blue", "red_lines": [{"id": "no_blockade", "audience_cost": {}}]}, {"id": "red"}]},
    ),
]


def test_every_mechanism_has_a_row_in_the_table_of_ablations():
    assert [name for name, _, _ in ABLATED] == list(ABLATIONS)


@pytest.mark.parametrize(("name", "before", "after"), ABLATED, ids=[row[0] for row in ABLATED])
def test_an_ablation_switches_off_its_mechanism_and_nothing_else(name, before, after):
    data = before
    ABLATIONS[name].apply(data)
    assert data == after
    assert ABLATIONS[name].meaning and ABLATIONS[name].keys


@pytest.mark.parametrize("name", list(ABLATIONS))
def test_an_ablation_leaves_a_campaign_without_the_mechanism_as_it_was(name):
    bare = {"rules": {"calm_turns": 2}, "teams": [{"id": "blue"}], "moves": [{"id": "wait", "effects": {}}]}
    data = {"rules": {"calm_turns": 2}, "teams": [{"id": "blue"}], "moves": [{"id": "wait", "effects": {}}]}
    ABLATIONS[name].apply(data)
    if name != "accidents":  # the accident rules have defaults above zero: switching them off is a change
        assert data == bare


# (flag, path, values as written into --set)
VARIES = [
    ("rules.accident_per_rung=0.01:0.05", "rules.accident_per_rung", ["0.01", "0.05"]),
    ("rules.accident_per_rung=0.01:0.05:3", "rules.accident_per_rung", ["0.01", "0.03", "0.05"]),
    ("channels.hotline.reliability=0:1:5", "channels.hotline.reliability", ["0", "0.25", "0.5", "0.75", "1"]),
    ("teams.red.resources=2:10:5", "teams.red.resources", ["2", "4", "6", "8", "10"]),
    ("rules.spill=0.5:0", "rules.spill", ["0.5", "0"]),
]


@pytest.mark.parametrize(("flag", "path", "values"), VARIES)
def test_a_vary_gives_evenly_spaced_values_from_low_to_high(flag, path, values):
    assert parse_vary(flag) == (path, values)


BAD_VARIES = [
    ("rules.spill", "PATH=LOW:HIGH"),
    ("rules.spill=0.1", "PATH=LOW:HIGH"),
    ("rules.spill=a:b", "two different numbers"),
    ("rules.spill=0.1:0.1", "two different numbers"),
    ("rules.spill=0:1:1", "STEPS"),
    ("rules.spill=0:1:x", "STEPS"),
    ("rules..spill=0:1", "keys joined by dots"),
]


@pytest.mark.parametrize(("flag", "said"), BAD_VARIES)
def test_a_vary_that_cannot_be_read_says_what_to_write(flag, said):
    with pytest.raises(StudyError, match=said):
        parse_vary(flag)


def test_cells_that_would_play_the_baseline_again_are_marked_and_not_played():
    loaded = load_campaign(str(ROOT / "campaigns" / "tutorial.toml"))
    # The tutorial has no spill-over, and its accident_per_rung is already 0.05.
    cells = plan_cells(loaded, ["rules.accident_per_rung=0.01:0.05"], ["spill", "channels"])
    assert [(c.id, c.unused) for c in cells] == [
        ("baseline", False), ("ablate:spill", True), ("ablate:channels", False),
        ("vary:rules.accident_per_rung=0.01", False), ("vary:rules.accident_per_rung=0.05", True),
    ]


# (low, high, scale, the bar: 20 characters a side of zero)
BARS = [
    (0.0, 0.5, 0.5, " " * 20 + "|" + "█" * 20),  # the widest rise fills the right side
    (-0.25, 0.0, 0.5, " " * 10 + "█" * 10 + "|" + " " * 20),  # half the scale, falling
    (-0.1, 0.2, 0.4, " " * 15 + "█" * 5 + "|" + "█" * 10 + " " * 10),  # a varied key's steps on both sides
    (0.0, 0.0, 1.0, " " * 20 + "|" + " " * 20),  # no change, no bar
]


@pytest.mark.parametrize(("low", "high", "scale", "bar"), BARS)
def test_a_text_tornado_bar_fills_from_zero_to_the_change_in_proportion(low, high, scale, bar):
    from wargame.sensitivity_report import text_bar

    assert text_bar(low, high, scale) == bar
