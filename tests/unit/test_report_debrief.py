"""The report is a debrief first: purpose, learning questions, the starting situation, who played whom,
how it ended and the turning points come before the log, and a team's turning points are only what it saw."""

from __future__ import annotations

import re
from functools import cache

from wargame.persistence.html_report import to_html
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import load_save

DEMO = "saves/indo-pacific-demo.toml"


@cache
def report(viewer: str = "facilitator") -> dict:
    return build_report(load_save(DEMO), viewer)


def test_the_markdown_opens_with_purpose_questions_situation_and_turning_points_before_the_scores():
    md = to_markdown(report())
    order = [md.index(h) for h in ("## Purpose", "## Learning questions", "## Starting situation", "## Turning points", "## Objectives and scores")]
    assert order == sorted(order)
    assert "1. When did the first shot at sea become likely" in md
    assert "Teams: Commonwealth of Norhaven (deterrent)" in md


def test_every_turning_point_links_to_its_turn_in_the_markdown_and_the_html():
    md, page = to_markdown(report()), to_html(report())
    points = report()["turning_points"]
    assert points
    for p in points:
        assert f"[Turn {p['turn']}](#turn-{p['turn']})" in md and f'<a id="turn-{p["turn"]}"></a>' in md
        assert f'<a href="#turn-{p["turn"]}">Turn {p["turn"]}</a>' in page


def test_the_html_timeline_is_one_collapsible_section_a_turn_open_where_a_turning_point_is():
    page = to_html(report())
    opened = {int(n) for n in re.findall(r'<details class="turn pivotal" id="turn-(\d+)" open>', page)}
    closed = {int(n) for n in re.findall(r'<details class="turn" id="turn-(\d+)">', page)}
    assert opened == {p["turn"] for p in report()["turning_points"]}
    assert opened | closed == {t["turn"] for t in report()["turns"]} and not opened & closed
    assert "<script" not in page


def test_a_teams_turning_points_are_sentences_of_events_it_saw_or_swings_of_what_it_followed():
    for team in ("veya", "sorae"):
        mine = report(team)
        texts = {e["text"] for t in mine["turns"] for e in t["events"]}
        for p in mine["turning_points"]:
            assert p["kind"] in ("swing", "track") or p["text"] in texts, p
    veya_secrets = {e["text"] for t in report()["turns"] for e in t["events"] if not e["public"] and "veya" not in e["audience"]}
    assert not veya_secrets & {p["text"] for p in report("veya")["turning_points"]}
