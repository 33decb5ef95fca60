"""The starter `wargame new` writes: it validates strictly, plays like a crisis, and teaches by example."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from wargame.campaign.loader import parse_campaign
from wargame.campaign.starter import starter_text
from wargame.core import events as ev
from wargame.core.adjudicator import resolve_turn
from wargame.core.bots import bot_orders, news_for_bots
from wargame.core.model import Campaign
from wargame.core.simulation import Tally, play_out, run_seed
from wargame.core.state import initial_state

TEXT = starter_text("border-crisis", Path("campaigns/border-crisis.toml"))
LOADED = parse_campaign("border-crisis.toml", TEXT)
CAMPAIGN = LOADED.campaign
GAMES = 200


@pytest.fixture(scope="module")
def tally() -> dict:
    """GAMES games of the starter, every team played by its campaign persona."""
    personas = {t.id: t.persona for t in CAMPAIGN.teams}
    total = Tally()
    for index in range(GAMES):
        total.add(play_out(CAMPAIGN, run_seed(1, index), personas))
    return total.report(CAMPAIGN)


def _reached(report: dict, rung: str) -> float:
    return next(r["reached"] for r in report["rungs"] if r["id"] == rung)


# A crisis, not a war: the endings spread over talks and stalemate, the firebreak is
# crossed now and then, and open war is rare (the old starter ended 89% of games there).
@pytest.mark.parametrize(
    "figure, low, high",
    [
        ("ending: terminal", 0.0, 0.05),
        ("ending: de-escalation", 0.15, 0.60),
        ("ending: turn_limit", 0.30, 0.80),
        ("reached: clash", 0.10, 0.50),
    ],
)
def test_bot_games_of_the_starter_end_in_a_spread_with_war_rare(tally, figure, low, high):
    kind, _, name = figure.partition(": ")
    value = tally["endings"].get(name, 0.0) if kind == "ending" else _reached(tally, name)
    assert low <= value <= high, f"{figure} = {value:.0%} of {GAMES} games, expected {low:.0%}–{high:.0%}: {tally['endings']}"


def _played(campaign: Campaign, games: int) -> tuple[Counter, Counter]:
    """How often bots made each move and each inject fired, over `games` games."""
    moves: Counter = Counter()
    injects: Counter = Counter()
    for index in range(games):
        seed = run_seed(1, index)
        state, news = initial_state(campaign), []
        while not state.ended:
            orders = [bot_orders(t.persona, campaign, state, t.id, seed, news) for t in campaign.teams]
            events, state = resolve_turn(campaign, state, orders, (), seed)
            news = news_for_bots(events)
            moves.update(e.move for e in events if isinstance(e, ev.MoveResolved))
            injects.update(e.inject for e in events if isinstance(e, ev.InjectFired))
    return moves, injects


def test_every_move_and_scheduled_inject_of_the_starter_happens_in_some_bot_game():
    moves, injects = _played(CAMPAIGN, GAMES)
    assert [m.id for m in CAMPAIGN.moves if not moves[m.id]] == []
    scheduled = [i.id for i in CAMPAIGN.injects if i.turn is not None or i.when is not None]
    assert [i for i in scheduled if not injects[i]] == []


def _entry_after(keyword: str) -> str:
    """The campaign entry that follows the first comment line opening with `# KEYWORD`: from
    the next table header to the blank line that ends it."""
    found = re.search(rf"^# {keyword}\b.*$", TEXT, re.MULTILINE)
    assert found, f"no comment starts with '# {keyword}'"
    header = re.search(r"^\[", TEXT[found.end():], re.MULTILINE)
    start = found.end() + header.start()
    end = TEXT.find("\n\n", start)
    return TEXT[start:end if end != -1 else len(TEXT)]


def _tags_trigger_a_treaty(c: Campaign) -> bool:
    return any(t.trigger.tag in m.tags and m.target != "none" for t in c.treaties for m in c.moves)


def _burden_can_be_made_good(c: Campaign) -> bool:
    return any(
        t.burden_sharing and m.effects.actor.get(t.burden_sharing.track, 0) > 0 for t in c.treaties for m in c.moves
    )


# Each mechanism the comments explain: the comment's keyword, what the entry right after it
# must say, and that the campaign really uses the mechanism.
@pytest.mark.parametrize(
    "keyword, example, used",
    [
        ("CHANCE", "modifiers = [", lambda c: any(m.success.modifiers for m in c.moves)),
        ("TAGS", 'tags = ["armed_attack"]', _tags_trigger_a_treaty),
        ("TREATY", 'trigger = { tag = "armed_attack", min_rung =', lambda c: any(t.trigger.min_rung for t in c.treaties)),
        ("CONDITION", "condition = {", lambda c: any(i.when for i in c.injects)),
        ("INJECT", "turn = ", lambda c: any(i.turn is None and i.when is None for i in c.injects)),
        ("DOCTRINE", "firebreak = ", lambda c: any(t.persona == "doctrine" and t.doctrine for t in c.teams)),
        ("SECRET", 'visibility = "secret"', lambda c: any(m.visibility == "secret" for m in c.moves)),
        ("BURDEN", "burden_sharing = {", _burden_can_be_made_good),
    ],
)
def test_every_mechanism_the_starter_explains_sits_next_to_a_working_example(keyword, example, used):
    assert example in _entry_after(keyword)
    assert used(CAMPAIGN)


def test_the_starter_s_worked_numbers_are_the_ones_the_adjudicator_computes():
    from wargame.core.rules import success_chance

    state = initial_state(CAMPAIGN)
    # (actor, move, target, the chance the comments work out)
    for actor, move, target, chance in [
        ("blue", "talks", "red", 0.55),
        ("red", "patrol", "blue", 0.76),
        ("red", "strike", "blue", 0.49),
        ("red", "offensive", "blue", 0.38),
    ]:
        computed, _ = success_chance(CAMPAIGN, state, actor, CAMPAIGN.find_move(move), target)
        assert computed == pytest.approx(chance), move
        assert f"= {chance}" in TEXT, f"the comment on {move} should work out {chance}"
