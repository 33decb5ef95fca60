"""Calibration scores, worked out by hand: the Brier score over rungs, the log score with its
floor, the forecast from games, and a vignette's summary (peak, ending, violence) from made-up games."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.calibration import GamePath, baselines, brier, forecast, history_base_rates, log_score, score

CUBA = Path(__file__).resolve().parents[2] / "campaigns" / "vignettes" / "cuba-1962.toml"


@pytest.mark.parametrize(
    ("forecast_", "observed", "expected"),
    [
        ((1.0, 0.0, 0.0), 0, 0.0),  # certain and right
        ((0.0, 1.0, 0.0), 0, 2.0),  # certain and wrong: 1² + 1²
        ((0.5, 0.5, 0.0), 0, 0.5),  # 0.5² + 0.5²
        ((0.25, 0.25, 0.25, 0.25), 2, 0.75),  # even over 4: 3 × 0.0625 + 0.75² = 1 − 1/4
        ((0.7, 0.2, 0.1), 1, 1.14),  # 0.49 + 0.64 + 0.01
    ],
)
def test_the_brier_score_sums_squared_errors_over_every_rung(forecast_, observed, expected):
    assert brier(forecast_, observed) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("forecast_", "observed", "floor", "expected"),
    [
        ((1.0, 0.0), 0, 0.01, 0.0),  # certain and right
        ((0.5, 0.5), 0, 0.01, math.log(2)),  # 0.693
        ((0.25, 0.25, 0.25, 0.25), 2, 0.01, math.log(4)),  # 1.386
        ((0.0, 1.0), 0, 0.01, math.log(100)),  # never seen: the floor, 4.605
        ((0.005, 0.995), 0, 0.01, math.log(100)),  # below the floor: the floor
        ((0.0, 1.0), 0, 0.1, math.log(10)),  # another floor: 2.303
    ],
)
def test_the_log_score_is_minus_the_log_of_the_observed_rungs_chance_floored(forecast_, observed, floor, expected):
    assert log_score(forecast_, observed, floor) == pytest.approx(expected)


def test_a_forecast_is_the_share_of_games_on_each_rung():
    assert forecast([0, 2, 2, 1], 3) == (0.25, 0.25, 0.5)


def test_a_vignettes_scores_from_two_made_up_games_match_the_hand_worked_figures():
    # Cuba's history on the US–USSR dyad: covert (1), confrontation (2), quarantine (3),
    # shots fired (4, the first firebreak), quarantine (3), confrontation (2).
    c = load_campaign(str(CUBA)).campaign
    exact = GamePath({"usa|ussr": (1, 2, 3, 4, 3, 2)}, peak_crisis=4)
    still = GamePath({"usa|ussr": (1, 1, 1, 1, 1, 1)}, peak_crisis=1)
    result = score(c, "doctrine", [exact, still])
    # Turn 1: both games on the observed rung (Brier 0, log 0); turns 2–6: half on it (0.5, ln 2).
    assert [t.brier for t in result.turns] == pytest.approx([0.0, 0.5, 0.5, 0.5, 0.5, 0.5])
    assert result.brier == pytest.approx(2.5 / 6)
    assert result.log == pytest.approx(5 * math.log(2) / 6)
    assert (result.peak_match, result.ending_match, result.violence, result.terminal) == (0.5, 0.5, 0.5, 0.0)


def test_the_baselines_are_an_even_spread_and_no_change_from_the_start():
    c = load_campaign(str(CUBA)).campaign
    found = baselines(c)
    # 8 rungs: an even spread scores 1 − 1/8 and ln 8 on every turn.
    assert found["even spread"] == pytest.approx((0.875, math.log(8)))
    # Staying on Covert deployment is right on turn 1 only: (0 + 5 × 2) / 6 and (0 + 5 × ln 100) / 6.
    assert found["no change"] == pytest.approx((10 / 6, 5 * math.log(100) / 6))


def test_what_the_crisis_itself_did_is_read_from_its_history():
    c = load_campaign(str(CUBA)).campaign
    assert history_base_rates(c) == {"violence": True, "terminal": False}
