"""The treaty tables show what the engine held: a trigger absorbed into an earlier obligation says so,
and an obligation still owed when the game ended is listed as outstanding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.core import events as ev
from wargame.core.state import apply_all, initial_state
from wargame.persistence.html_report import to_html
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import load_save

ROOT = Path(__file__).resolve().parents[2]
DEMOS = [ROOT / "saves" / f"{name}-demo.toml" for name in ("capacity-building", "indo-pacific", "transatlantic", "tutorial")]
INDO_PACIFIC = ROOT / "saves" / "indo-pacific-demo.toml"


def held_after_each_trigger(path: Path) -> list[tuple[ev.TreatyTriggered, set, set]]:
    """For each trigger of a save, in order: the obligations (treaty, team, due) the engine held just
    before it and just after it."""
    loaded = load_save(str(path))
    c = loaded.campaign.campaign
    state, out = initial_state(c), []
    for record in loaded.save.turns:
        for e in record.events:
            before = {(o.treaty, o.team, o.due) for o in state.obligations}
            state = apply_all(c, state, (e,))
            if isinstance(e, ev.TreatyTriggered):
                out.append((e, before, {(o.treaty, o.team, o.due) for o in state.obligations}))
    return out


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_every_deadline_a_treaty_trigger_states_is_one_the_engine_holds(path):
    names = {t.id: t.name for t in load_save(str(path)).campaign.campaign.teams}
    report = build_report(load_save(str(path)))
    written = [e for t in report["turns"] for e in t["events"] if e["kind"] == "treaty_triggered"]
    held = held_after_each_trigger(path)
    assert len(written) == len(held)
    for e, (trigger, before, after) in zip(written, held):
        for team in trigger.obliged:
            if (trigger.treaty, team, trigger.due) in after - before:
                assert team in e["obliged_now"]
            else:
                assert team in [a["team"] for a in e["absorbed"]]
        said = re.search(r"\. ([^.]*) must act by the end of turn (\d+)\.", e["text"])
        if said:
            for team in e["obliged_now"]:
                assert names[team] in said.group(1)
                assert (trigger.treaty, team, int(said.group(2))) in after - before, e["text"]
        else:
            assert e["obliged_now"] == [], e["text"]


def test_indo_pacific_a_trigger_absorbed_into_an_earlier_obligation_says_so_in_markdown_and_html():
    # The Dialogue decided on turn 4 to act, obliging Kaimana and Corallia by turn 6; its decision of
    # turn 5 found both still obliged, so the engine kept turn 4's deadline for them and set turn 7
    # only for Norhaven.
    report = build_report(load_save(str(INDO_PACIFIC)))
    markdown = to_markdown(report)
    row5 = next(line for line in markdown.splitlines() if line.startswith("| 5 | Four-Power Maritime Dialogue triggered"))
    assert "Commonwealth of Norhaven must act by the end of turn 7." in row5
    assert (
        "Republic of Kaimana, Corallian Commonwealth already owed action under the obligation of turn 4 "
        "(due by the end of turn 6): absorbed into that obligation, no new deadline" in row5
    )
    html = to_html(report)
    assert "Kaimana: absorbed into the obligation of turn 4" in html
    dialogue = next(t for t in report["treaties"] if t["name"] == "Four-Power Maritime Dialogue")
    turn5 = dialogue["history"][4]["triggered"][0]
    assert turn5["obliged_now"] == ["norhaven"]
    assert {a["into_trigger_turn"] for a in turn5["absorbed"]} == {4}


def test_an_obligation_owed_when_the_game_ended_is_listed_as_outstanding(tmp_path):
    # The alliance lab: Blue strikes Red on turn 1; the Pact decides (silence is consent) on turn 2,
    # obliging Green and Amber by turn 4; the game ends after turn 2.
    from wargame.campaign.loader import load_campaign
    from wargame.core.orders import MoveOrder, TeamOrders
    from wargame.session import Session

    lab = load_campaign(str(ROOT / "tests" / "data" / "alliance_lab.toml"))
    teams = [t.id for t in lab.campaign.teams]
    session = Session.start(lab, 1, turns=2, humans=teams, path=str(tmp_path / "g.toml"))
    for turn in (1, 2):
        for team in teams:
            session.submit(TeamOrders(team, moves=(MoveOrder("strike", "red"),) if (team, turn) == ("blue", 1) else ()))
        session.commit()
    report = build_report(load_save(str(tmp_path / "g.toml")))
    line = (
        "Still owed when the game ended (turn 2): Green (triggered turn 2, due by the end of turn 4); "
        "Amber (triggered turn 2, due by the end of turn 4)."
    )
    assert line in to_markdown(report)
    assert line in to_html(report)
    pact = report["treaties"][0]
    owed = [o for o in pact["obligations"] if o["outcome"] == "outstanding"]
    assert [(o["team"], o["trigger_turn"], o["due"], o["settled_on"]) for o in owed] == [
        ("green", 2, 4, None), ("amber", 2, 4, None),
    ]
    assert pact["totals"]["outstanding"] == 2


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_the_obligations_listed_are_those_the_engine_created_and_each_ends_as_the_events_say(path):
    loaded = load_save(str(path))
    c = loaded.campaign.campaign
    settled = {
        (e.treaty, e.team, e.trigger_turn): ("honoured" if e.honoured else "breached", e.turn)
        for r in loaded.save.turns for e in r.events if isinstance(e, ev.ObligationSettled)
    }
    end = initial_state(c)
    for r in loaded.save.turns:
        end = apply_all(c, end, r.events)
    still = {(o.treaty, o.team, o.trigger_turn) for o in end.obligations}
    listed = [o for t in build_report(loaded)["treaties"] for o in t["obligations"]]
    for o in listed:
        key = (o["treaty"], o["team"], o["trigger_turn"])
        if key in still:
            assert (o["outcome"], o["settled_on"]) == ("outstanding", None)
        else:
            assert (o["outcome"], o["settled_on"]) == settled[key]
    assert {(o["treaty"], o["team"], o["trigger_turn"]) for o in listed} >= still | set(settled)
