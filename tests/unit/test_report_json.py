"""The report as JSON is data for analysis: every field written, a version, visibility that does not
mislead, and every key documented in docs/report-json.md."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import attrs
import pytest

from wargame.core import events as ev
from wargame.core.orders import Intervention, TeamOrders
from wargame.persistence.report import REPORT_FORMAT_VERSION, build_report
from wargame.persistence.saves import load_save

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "report-json.md"
SAVES = [
    *(ROOT / "saves" / f"{name}-demo.toml" for name in ("capacity-building", "indo-pacific", "transatlantic", "tutorial")),
    ROOT / "tests" / "data" / "saves" / "v2.toml",  # free-form moves and facilitator interventions
    ROOT / "tests" / "data" / "alliance-game.toml",  # an ally drawn into the fight (alliance_ledger[].entered)
    ROOT / "tests" / "data" / "annotated-game.toml",  # the white cell's notes, one shared (annotations[])
]
KINDS = {t.KIND for t in ev.EVENT_TYPES}
EVERY_EVENT = {"text", "kind", "turn", "public", "audience", "tone", "withheld"}
# Keys that are ids, by the path of the object that holds them: docs/report-json.md names them so.
ID_KEYS = {"tracks": "{team}", "tracks.{team}": "{track}", "escalation": "{dyad}", "scores": "{team}", "move_names": "{move}", "start.dyads": "{dyad}"}


def key_paths(value, path: str = ""):
    """Every key `value` holds, as docs/report-json.md names it: `turns[].orders[].team`, and for an
    event `event.KEY` (the keys every event has) or `KIND.KEY`."""
    if isinstance(value, list):
        for item in value:
            yield from key_paths(item, f"{path}[]")
        return
    if not isinstance(value, dict):
        return
    if value.get("kind") in KINDS and "turn" in value:
        for key, item in value.items():
            named = f"event.{key}" if key in EVERY_EVENT else f"{value['kind']}.{key}"
            yield named
            yield from key_paths(item, named)
        return
    for key, item in value.items():
        named = (f"{path}." if path else "") + ID_KEYS.get(path, key)
        yield named
        yield from key_paths(item, named)


def documented() -> set[str]:
    """The keys docs/report-json.md lists: the first cell of its table rows."""
    return set(re.findall(r"^\| `([^`]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.M))


@cache
def reports() -> dict[str, dict]:
    """The report of each save from every point of view: the white cell's and each team's."""
    out = {}
    for path in SAVES:
        loaded = load_save(str(path))
        for viewer in ["facilitator", *(t.id for t in loaded.campaign.campaign.teams)]:
            out[f"{path.name} as {viewer}"] = build_report(loaded, viewer)
    return out


def test_every_key_the_report_json_writes_is_documented_in_docs_report_json_md():
    known = documented()
    written = {key: name for name, report in reports().items() for key in key_paths(report)}
    missing = {key: name for key, name in written.items() if key not in known}
    assert not missing, f"keys written but not in {DOC.name} (key: first report that writes it): {missing}"


def test_every_field_of_every_kind_of_event_orders_and_interventions_is_documented():
    # Event kinds no shipped save holds (a refused order, a postponed inject) are documented too.
    known = documented()
    fields = {
        f"{t.KIND}.{'body' if a.name == 'text' else a.name}"
        for t in ev.EVENT_TYPES for a in attrs.fields(t) if a.name not in EVERY_EVENT
    }
    fields |= {f"turns[].orders[].{a.name}" for a in attrs.fields(TeamOrders)}
    fields |= {f"turns[].interventions[].{a.name}" for a in attrs.fields(Intervention)}
    assert sorted(fields - known) == []


def test_the_documentation_lists_no_key_the_report_does_not_write():
    # A key documented here but never written is a stale line. Event keys are checked from the event
    # classes above, and nested orders from their classes, since no shipped game uses every kind.
    written = {key for report in reports().values() for key in key_paths(report)}
    kinds = {key.split(".", 1)[0] for key in documented()} & KINDS
    stale = {key for key in documented() - written if key.split(".", 1)[0] not in kinds | {"event"}}
    assert sorted(stale) == []


def test_the_report_json_carries_its_format_version():
    assert all(r["format_version"] == REPORT_FORMAT_VERSION == 1 for r in reports().values())


@pytest.mark.parametrize("path", SAVES, ids=[p.name for p in SAVES])
def test_a_count_of_success_in_the_white_cells_json_finds_every_move_that_succeeded(path):
    loaded = load_save(str(path))
    truth = [e for r in loaded.save.turns for e in r.events if isinstance(e, ev.MoveResolved)]
    moves = [e for t in reports()[f"{path.name} as facilitator"]["turns"] for e in t["events"] if e["kind"] == "move_resolved"]
    assert len(moves) == len(truth)
    assert sum(e["success"] for e in moves) == sum(e.success for e in truth) > 0
    assert all(set(attrs.fields_dict(ev.MoveResolved)) <= set(e) for e in moves)


def test_every_event_not_withheld_carries_every_field_of_its_kind():
    classes = {t.KIND: t for t in ev.EVENT_TYPES}
    for name, report in reports().items():
        for turn in report["turns"]:
            for e in turn["events"]:
                fields = {"body" if a.name == "text" else a.name for a in attrs.fields(classes[e["kind"]])}
                assert e["withheld"] or fields <= set(e), (name, e)


def test_a_public_events_audience_is_every_team_and_a_private_ones_the_teams_it_reached():
    for name, report in reports().items():
        teams = [t["id"] for t in report["teams"]]
        for turn in report["turns"]:
            for e in turn["events"]:
                if e["public"]:
                    assert e["audience"] == teams, (name, e["text"])
                else:
                    assert set(e["audience"]) <= set(teams), (name, e["text"])
                    assert report["viewer"] == "facilitator" or report["viewer"] in e["audience"], (name, e["text"])


def test_a_team_view_withholds_an_event_whose_substance_it_may_not_know_and_says_so():
    view = reports()["capacity-building-demo.toml as ostrand"]
    withheld = [e for t in view["turns"] for e in t["events"] if e["withheld"]]
    assert withheld, "a team with poor intelligence does not know every value"
    assert all(set(e) == EVERY_EVENT for e in withheld)
