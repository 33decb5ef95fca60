"""Issue 14 item 2: red lines declared, crossed, enforced, bluffed or lapsed, and the audience cost a
bluff costs. Each value worked out by hand.

The campaign is tests/data/escalation_lab.toml with one ready-made line for Blue: "no blockade of
Blue" (Blue–Red at Blockade or above), enforced by a move tagged `kinetic`; Blue starts with support
and credibility 0.5. Red's `blockade` move lands the dyad on Blockade; `shoot_down` is tagged kinetic.
The default audience cost is support −0.1, credibility −0.15, times Blue's audience sensitivity; an
enforced line earns credibility +0.05.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.checks import check_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.model import Condition, RedLine
from wargame.core.orders import DeclareOrder, MoveOrder, TeamOrders
from wargame.core.state import apply_all, initial_state

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"
NO_BLOCKADE = RedLine(
    id="no_blockade", text="No blockade of Blue.",
    condition=Condition(dyad=("blue", "red"), rung_at_least="blockade"), enforce=("kinetic",),
)


@pytest.fixture(scope="module")
def lab():
    from wargame.campaign.loader import load_campaign

    return load_campaign(str(LAB)).campaign


def with_line(campaign, line=NO_BLOCKADE, sensitivity=1.0, **rules):
    teams = tuple(
        attrs.evolve(t, red_lines=(line,), audience_sensitivity=sensitivity) if t.id == "blue" else t
        for t in campaign.teams
    )
    return attrs.evolve(campaign, teams=teams, rules=attrs.evolve(campaign.rules, **rules))


DECLARE = {"blue": [DeclareOrder(line="no_blockade")]}
CROSS = {"red": [MoveOrder("blockade", "blue")]}
ENFORCE = {"blue": [MoveOrder("shoot_down", "red")]}


def play(campaign, turns):
    """Play `turns` (each {team: [orders]}); the red-line statuses per turn, and Blue's end tracks."""
    state = initial_state(campaign)
    statuses = []
    for orders in turns:
        given = []
        for team, items in sorted(orders.items()):
            given.append(
                TeamOrders(
                    team,
                    moves=tuple(x for x in items if isinstance(x, MoveOrder)),
                    declarations=tuple(x for x in items if isinstance(x, DeclareOrder)),
                )
            )
        events = adjudicate(campaign, state, given, (), 1)
        statuses.append(
            tuple(
                "declared" if isinstance(e, ev.RedLineDeclared) else e.status if isinstance(e, ev.RedLineChanged)
                else f"refused: {e.reason}"
                for e in events
                if isinstance(e, (ev.RedLineDeclared, ev.RedLineChanged))
                or (isinstance(e, ev.OrderRefused) and e.what.startswith("red line"))
            )
        )
        state = apply_all(campaign, state, events)
    blue = state.tracks["blue"]
    return statuses, (blue["support"], blue["credibility"]), state


# (what, line, audience sensitivity, turns, red-line news per turn, Blue's support and credibility at the end)
LIFE = [
    ("crossed and not enforced: the bluff costs the whole audience cost", NO_BLOCKADE, 1.0,
     [DECLARE, CROSS, {}], [("declared",), ("crossed",), ("bluffed",)], (0.4, 0.35)),
    ("a public half as sensitive pays half", NO_BLOCKADE, 0.5,
     [DECLARE, CROSS, {}], [("declared",), ("crossed",), ("bluffed",)], (0.45, 0.425)),
    ("a closed regime's bluff costs nothing", NO_BLOCKADE, 0.0,
     [DECLARE, CROSS, {}], [("declared",), ("crossed",), ("bluffed",)], (0.5, 0.5)),
    ("enforced the turn after the crossing: credibility +0.05", NO_BLOCKADE, 1.0,
     [DECLARE, CROSS, ENFORCE], [("declared",), ("crossed",), ("enforced",)], (0.5, 0.55)),
    ("a counting move the same turn as the crossing does not enforce it", NO_BLOCKADE, 1.0,
     [DECLARE, {**CROSS, **ENFORCE}, {}], [("declared",), ("crossed",), ("bluffed",)], (0.4, 0.35)),
    ("within 2 turns: enforced on the second turn after the crossing", attrs.evolve(NO_BLOCKADE, within=2), 1.0,
     [DECLARE, CROSS, {}, ENFORCE], [("declared",), ("crossed",), (), ("enforced",)], (0.5, 0.55)),
    ("lasts 2 turns and never crossed: it lapses at the end of turn 2, at no cost", attrs.evolve(NO_BLOCKADE, lasts=2), 1.0,
     [DECLARE, {}, CROSS], [("declared",), ("expired",), ()], (0.5, 0.5)),
    ("declared and crossed the same turn: crossed at the end of it", NO_BLOCKADE, 1.0,
     [{**DECLARE, **CROSS}, {}], [("declared", "crossed"), ("bluffed",)], (0.4, 0.35)),
    ("its own audience cost: support −0.3 at sensitivity 0.5 is −0.15", attrs.evolve(NO_BLOCKADE, audience_cost={"support": -0.3}), 0.5,
     [DECLARE, CROSS, {}], [("declared",), ("crossed",), ("bluffed",)], (0.35, 0.5)),
]


@pytest.mark.parametrize("what, line, sensitivity, turns, news, blue", LIFE, ids=[row[0] for row in LIFE])
def test_a_red_line_is_crossed_then_enforced_or_bluffed_or_lapses_untested(lab, what, line, sensitivity, turns, news, blue):
    statuses, got, _ = play(with_line(lab, line, sensitivity), turns)
    assert statuses == news
    assert got == blue


def test_the_crossing_names_the_team_whose_public_move_crossed_it_and_the_deadline(lab):
    _, _, state = play(with_line(lab), [DECLARE, CROSS])
    (line,) = state.red_lines
    assert (line.status, line.crossed, line.due, line.by) == ("crossed", 2, 3, "red")


# (what, the declaration, rules, turns before it, the refusal)
REFUSED = [
    ("an offered line the team does not have", DeclareOrder(line="nope"), {}, [],
     'there is no red line "nope" for Blue (offered: no_blockade)'),
    ("a line declared twice while it stands", DeclareOrder(line="no_blockade"), {}, [DECLARE],
     "this red line was declared already and still stands"),
    ("a line already crossed", DeclareOrder(line="no_blockade"), {}, [CROSS],
     "it is crossed already: a red line must lie ahead of where things stand"),
    ("a composed line where the campaign offers only its own",
     DeclareOrder(text="No patrols.", condition=Condition(dyad=("blue", "red"), rung_at_least="patrols"), enforce=("push",)),
     {}, [], "this campaign offers only its ready-made red lines: name one with `line`"),
    ("a composed line on another team's hidden track",
     DeclareOrder(text="Red must not mobilise.", condition=Condition(team="red", track="readiness", at_least=0.9), enforce=("push",)),
     {"compose_red_lines": True}, [],
     "readiness of another team is hidden, so nobody could see the line crossed; use a dyad's rung or credibility"),
    ("a composed line enforced by nothing the campaign has",
     DeclareOrder(text="No patrols.", condition=Condition(dyad=("blue", "red"), rung_at_least="patrols"), enforce=("nuke",)),
     {"compose_red_lines": True}, [], '"nuke" is neither a move nor a move tag of this campaign'),
    ("a composed line without words",
     DeclareOrder(text="  ", condition=Condition(dyad=("blue", "red"), rung_at_least="patrols"), enforce=("push",)),
     {"compose_red_lines": True}, [], "say the line in words (`text`): it is read out to every team"),
]


@pytest.mark.parametrize("what, order, rules, before, reason", REFUSED, ids=[row[0] for row in REFUSED])
def test_a_declaration_that_cannot_stand_is_refused_with_its_reason(lab, what, order, rules, before, reason):
    statuses, _, _ = play(with_line(lab, **rules), [*before, {"blue": [order]}])
    assert statuses[-1] == (f"refused: {reason}",)


def test_a_composed_line_stands_where_the_campaign_allows_it(lab):
    order = DeclareOrder(text="No patrols.", condition=Condition(dyad=("blue", "red"), rung_at_least="patrols"),
                         enforce=("push",), until=3)
    statuses, _, state = play(with_line(lab, compose_red_lines=True), [{"blue": [order]}])
    assert statuses == [("declared",)]
    (line,) = state.red_lines
    assert (line.line, line.deadline, line.enforce) == ("blue-1-1", 3, ("push",))


# (what, the line, the place and message of the problem)
BAD_LINES = [
    ("a hidden track of another team", attrs.evolve(NO_BLOCKADE, condition=Condition(team="red", track="readiness", at_least=0.9)),
     "teams[0].red_lines[0].condition", "readiness of another team is hidden"),
    ("an unknown enforcing move", attrs.evolve(NO_BLOCKADE, enforce=("nuke",)),
     "teams[0].red_lines[0].enforce", '"nuke" is neither a move nor a move tag'),
    ("no time to enforce it", attrs.evolve(NO_BLOCKADE, within=0), "teams[0].red_lines[0].within", "must be at least 1 turn"),
    ("an audience cost on an unknown track", attrs.evolve(NO_BLOCKADE, audience_cost={"honour": -0.1}),
     "teams[0].red_lines[0].audience_cost.honour", 'unknown track "honour"'),
]


@pytest.mark.parametrize("what, line, at, message", BAD_LINES, ids=[row[0] for row in BAD_LINES])
def test_a_campaign_red_line_that_could_not_work_is_reported_at_its_place(lab, what, line, at, message):
    problems = check_campaign(with_line(lab, line))
    assert any(place == at and message in text for place, text in problems), problems


def test_a_game_without_declarations_has_no_red_line_events(lab):
    statuses, _, state = play(with_line(lab), [CROSS, {}])
    assert statuses == [(), ()]
    assert state.red_lines == ()


# --- bots read lines ---------------------------------------------------------------------------------

# (what, the move red weighs against blue, where Blue–Red stands, Blue's credibility, the weight)
WEIGHTS = [
    ("a blockade from calm would cross Blue's line: its whole credibility", "blockade", "calm", 0.5, 0.5),
    ("a more credible declarer weighs more", "blockade", "calm", 0.9, 0.9),
    ("one rung up from calm stops short of Blockade", "push", "calm", 0.5, 0.0),
    ("one rung up from Close encounter reaches it", "push", "encounter", 0.5, 0.5),
    ("a dyad already past the line: nothing left to cross", "push", "war", 0.5, 0.0),
]


@pytest.mark.parametrize("what, move, rung, credibility, weight", WEIGHTS, ids=[row[0] for row in WEIGHTS])
def test_a_bot_weighs_a_move_that_would_cross_a_standing_line_by_the_declarers_credibility(lab, what, move, rung, credibility, weight):
    from wargame.core.declarations import red_line_weight

    campaign = with_line(lab)
    _, _, state = play(campaign, [DECLARE])
    tracks = {**state.tracks, "blue": {**state.tracks["blue"], "credibility": credibility}}
    state = attrs.evolve(state, tracks=tracks, rungs={**state.rungs, "blue|red": campaign.rung_index(rung)})
    assert red_line_weight(campaign, state, "red", campaign.move(move), "blue", state.red_lines) == weight
    assert red_line_weight(campaign, state, "red", campaign.move(move), "green", state.red_lines) == 0.0


@pytest.mark.parametrize("declared, blockades", [(False, True), (True, False)], ids=["no line: it blockades", "a line held at 0.5 credibility: it holds back"])
def test_a_doctrine_bot_that_fears_red_lines_holds_back_from_crossing_one(lab, declared, blockades):
    from wargame.core.bots import bot_orders
    from wargame.core.model import Doctrine

    campaign = with_line(lab)
    doctrine = Doctrine(moves={"blockade": 1.0}, red_lines=10.0, firebreak=-10.0)
    campaign = attrs.evolve(campaign, teams=tuple(
        attrs.evolve(t, doctrine=doctrine) if t.id == "red" else t for t in campaign.teams
    ))
    _, _, state = play(campaign, [DECLARE if declared else {}])
    orders = bot_orders("doctrine", campaign, state, "red", 1)
    assert (MoveOrder("blockade", "blue") in orders.moves) is blockades


# (what, persona, declare_at, crisis rung, lines declared before, what it declares)
DECLARES = [
    ("a doctrine bot at its declare_at rung", "doctrine", "patrols", "patrols", False, ("no_blockade",)),
    ("a doctrine bot below it", "doctrine", "patrols", "friction", False, ()),
    ("a doctrine bot without declare_at", "doctrine", None, "war", False, ()),
    ("a deterrent above calm, without declare_at", "deterrent", None, "friction", False, ("no_blockade",)),
    ("a deterrent at calm", "deterrent", None, "calm", False, ()),
    ("never the same line twice", "doctrine", "patrols", "patrols", True, ()),
    ("never a line already crossed", "doctrine", "patrols", "war", False, ()),
    ("a hawk never declares", "hawk", "patrols", "patrols", False, ()),
]


@pytest.mark.parametrize("what, persona, declare_at, rung, before, lines", DECLARES, ids=[row[0] for row in DECLARES])
def test_doctrine_and_deterrent_bots_declare_the_lines_their_campaign_offers(lab, what, persona, declare_at, rung, before, lines):
    from wargame.core.declarations import bot_declarations
    from wargame.core.model import Doctrine

    campaign = with_line(lab)
    campaign = attrs.evolve(campaign, teams=tuple(
        attrs.evolve(t, doctrine=Doctrine(declare_at=declare_at)) if t.id == "blue" else t for t in campaign.teams
    ))
    _, _, state = play(campaign, [DECLARE] if before else [])
    state = attrs.evolve(state, rungs={**state.rungs, "blue|red": campaign.rung_index(rung)})
    assert tuple(d.line for d in bot_declarations(persona, campaign, state, "blue")) == lines


@pytest.mark.parametrize("crossed, enforces", [(False, False), (True, True)], ids=["standing: no call to act", "crossed: it enforces"])
def test_a_doctrine_bot_whose_line_was_crossed_weighs_enforcing_it_as_an_obligation(lab, crossed, enforces):
    from wargame.core.bots import bot_orders
    from wargame.core.model import Doctrine

    campaign = with_line(lab)
    # Blue likes nothing but owing: only an obligation (here, its public's) makes a kinetic move worth it.
    doctrine = Doctrine(obligation=5.0, firebreak=-10.0, categories={"military": -1.0})
    campaign = attrs.evolve(campaign, teams=tuple(
        attrs.evolve(t, doctrine=doctrine) if t.id == "blue" else t for t in campaign.teams
    ))
    _, _, state = play(campaign, [DECLARE, CROSS if crossed else {}])
    orders = bot_orders("doctrine", campaign, state, "blue", 1)
    kinetic = {m.id for m in campaign.moves if "kinetic" in m.tags}
    assert any(m.move in kinetic for m in orders.moves) is enforces


# --- the after-action ledger ---------------------------------------------------------------------------

# (what, line, turns, the ledger's entry as (status, crossed, by, due, settled), its totals)
LEDGER = [
    ("bluffed", NO_BLOCKADE, [DECLARE, CROSS, {}], ("bluffed", 2, "red", 3, 3),
     {"declared": 1, "tested": 1, "enforced": 0, "bluffed": 1, "expired": 0, "open": 0}),
    ("enforced", NO_BLOCKADE, [DECLARE, CROSS, ENFORCE], ("enforced", 2, "red", 3, 3),
     {"declared": 1, "tested": 1, "enforced": 1, "bluffed": 0, "expired": 0, "open": 0}),
    ("lapsed", attrs.evolve(NO_BLOCKADE, lasts=1), [DECLARE], ("expired", None, None, None, 1),
     {"declared": 1, "tested": 0, "enforced": 0, "bluffed": 0, "expired": 1, "open": 0}),
    ("crossed, not yet settled", NO_BLOCKADE, [DECLARE, CROSS], ("crossed", 2, "red", 3, None),
     {"declared": 1, "tested": 1, "enforced": 0, "bluffed": 0, "expired": 0, "open": 1}),
]


@pytest.mark.parametrize("what, line, turns, entry, totals", LEDGER, ids=[row[0] for row in LEDGER])
def test_the_red_line_ledger_says_who_declared_what_and_what_became_of_it(lab, what, line, turns, entry, totals):
    from wargame.persistence.report import red_line_ledger

    campaign = with_line(lab, line)
    state, log = initial_state(campaign), []
    for orders in turns:
        given = [
            TeamOrders(team, moves=tuple(x for x in items if isinstance(x, MoveOrder)),
                       declarations=tuple(x for x in items if isinstance(x, DeclareOrder)))
            for team, items in sorted(orders.items())
        ]
        events = adjudicate(campaign, state, given, (), 1)
        log += events
        state = apply_all(campaign, state, events)
    ledger = red_line_ledger(campaign, log)
    (x,) = ledger["red_lines"]
    assert (x["team"], x["declared"]) == ("blue", 1)
    assert (x["status"], x["crossed"], x["by"], x["due"], x["settled"]) == entry
    assert ledger["red_line_totals"] == totals


@pytest.mark.parametrize("sensitivity, warned", [(0.0, True), (0.3, False)], ids=["no audience: warned", "an audience: not warned"])
def test_a_team_offered_red_lines_with_no_audience_to_punish_a_bluff_is_a_design_warning(lab, sensitivity, warned):
    from wargame.campaign.warnings import design_warnings

    places = [place for place, _ in design_warnings(with_line(lab, sensitivity=sensitivity))]
    assert ("teams[0].audience_sensitivity" in places) is warned
