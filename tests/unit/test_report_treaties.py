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
    # Turn 3's trigger obliged Kaimana, Sorae and Corallia by turn 5; turn 4's found Kaimana and
    # Corallia still obliged, so the engine kept turn 3's deadline for them and set turn 6 only for Norhaven.
    report = build_report(load_save(str(INDO_PACIFIC)))
    markdown = to_markdown(report)
    row4 = next(line for line in markdown.splitlines() if line.startswith("| 4 | Four-Power Maritime Dialogue triggered"))
    assert "Commonwealth of Norhaven must act by the end of turn 6." in row4
    assert (
        "Republic of Kaimana, Corallian Commonwealth already owed action under the obligation of turn 3 "
        "(due by the end of turn 5): absorbed into that obligation, no new deadline" in row4
    )
    html = to_html(report)
    assert "Kaimana, Corallia: absorbed into the obligation of turn 3" in html
    dialogue = next(t for t in report["treaties"] if t["name"] == "Four-Power Maritime Dialogue")
    turn4 = dialogue["history"][3]["triggered"][0]
    assert turn4["obliged_now"] == ["norhaven"]
    assert {a["into_trigger_turn"] for a in turn4["absorbed"]} == {3}


def test_indo_pacific_an_obligation_owed_when_the_game_ended_is_listed_as_outstanding():
    report = build_report(load_save(str(INDO_PACIFIC)))
    line = "Still owed when the game ended (turn 10): Republic of Sorae (triggered turn 9, due by the end of turn 11)."
    assert line in to_markdown(report)
    assert line in to_html(report)
    dialogue = next(t for t in report["treaties"] if t["name"] == "Four-Power Maritime Dialogue")
    owed = [o for o in dialogue["obligations"] if o["outcome"] == "outstanding"]
    assert [(o["team"], o["trigger_turn"], o["due"], o["settled_on"]) for o in owed] == [("sorae", 9, 11, None)]
    assert dialogue["totals"]["outstanding"] == 1


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
