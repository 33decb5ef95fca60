"""The after-action report: JSON, Markdown and HTML carry the same game, filtered for the viewer, and safe to open."""

import html
import json
import re

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MessageOrder, TeamOrders
from wargame.persistence.html_report import to_html
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import load_save
from wargame.session import Session

TUTORIAL = load_campaign("campaigns/tutorial.toml")
TEAMS = ("blue", "red", "green")
SCRIPT = "<script>alert(1)</script>"


def play(path, seed: int, message: str = "") -> str:
    session = Session.start(TUTORIAL, seed, path=str(path))
    while not session.ended:
        if message and session.turn == 1:
            session.submit(TeamOrders("blue", messages=(MessageOrder("hotline", message),)))
        session.submit_bots()
        session.commit()
    return str(path)


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    return {
        "plain": play(folder / "plain.toml", 7),
        "again": play(folder / "again.toml", 7),
        "script": play(folder / "script.toml", 11, SCRIPT),
    }


def render(path: str, viewer: str = "facilitator") -> tuple[dict, str, str, str]:
    report = build_report(load_save(path), viewer)
    return report, json.dumps(report, indent=2, ensure_ascii=False), to_markdown(report), to_html(report)


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_the_html_is_self_contained_and_runs_no_script(saves):
    for path in saves.values():
        for viewer in ("facilitator", *TEAMS):
            page = render(path, viewer)[3]
            assert page.startswith("<!doctype html>")
            assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
            assert "http://" not in page and "https://" not in page
            assert "<script" not in page.lower()
            assert "@import" not in page and "url(" not in page
            assert "<svg" in page, "the charts are inline SVG"


def test_the_html_holds_the_scores_and_every_visible_outcome_sentence(saves):
    for viewer in ("facilitator", "blue"):
        report, _, _, page = render(saves["plain"], viewer)
        assert report["ended"] and report["scores"]
        for team, points in report["scores"].items():
            name = next(t["name"] for t in report["teams"] if t["id"] == team)
            assert re.search(rf"<strong>{re.escape(html.escape(name))}</strong>.*?<td class=\"num score\">{points}</td>", page)
        for o in report["objectives"]:
            assert html.escape(o["description"]) in page
        sentences = [e["text"] for t in report["turns"] for e in t["events"]]
        assert sentences
        missing = [s for s in sentences if html.escape(s) not in page]
        assert missing == []


@pytest.mark.parametrize("save", ["plain", "script"])
def test_a_team_report_holds_no_text_of_an_event_hidden_from_that_team(saves, save):
    everything = render(saves[save])[0]
    events = [e for t in everything["turns"] for e in t["events"]]
    for team in TEAMS:
        seen = {e["text"] for e in events if e["public"] or team in e["audience"]}
        hidden = {e["text"] for e in events if not (e["public"] or team in e["audience"])} - seen
        assert hidden, f"{team} should miss something in a bot game"
        report, as_json, md, page = render(saves[save], team)
        values = set(strings(json.loads(as_json)))
        for text in hidden:
            assert text not in values, f"{team}'s JSON holds: {text}"
            assert text not in md, f"{team}'s Markdown holds: {text}"
            assert text not in page and html.escape(text) not in page, f"{team}'s HTML holds: {text}"
        assert all(o["team"] == team for t in report["turns"] for o in t["orders"])


def test_a_team_follows_its_own_tracks_the_others_credibility_and_only_its_channels(saves):
    everything = render(saves["plain"])[0]
    turns = len(everything["turns"])
    for team, tracks in everything["tracks"].items():
        assert list(tracks) == list(TUTORIAL.campaign.track_names())
        assert all(len(values) == turns + 1 for values in tracks.values())
    green = render(saves["plain"], "green")[0]
    assert list(green["tracks"]["green"]) == list(TUTORIAL.campaign.track_names())
    assert {t: list(v) for t, v in green["tracks"].items() if t != "green"} == {"blue": ["credibility"], "red": ["credibility"]}
    assert green["tracks"]["red"]["credibility"] == everything["tracks"]["red"]["credibility"]
    assert [c["id"] for c in everything["channels"]] == ["hotline", "pact_liaison", "mediator"]
    assert [c["id"] for c in green["channels"]] == ["pact_liaison", "mediator"], "green is not on the hotline"
    for channel in everything["channels"]:
        assert len(channel["status"]) == turns + 1 and len(channel["traffic"]) == turns
        assert all(c["kind"] == "channel_changed" and c["channel"] == channel["id"] for c in channel["changes"])
    [pact] = everything["treaties"]
    assert [h["turn"] for h in pact["history"]] == [t["turn"] for t in everything["turns"]]
    assert pact["totals"]["shortfalls"] == sum(len(h["shortfalls"]) for h in pact["history"])


def test_markdown_json_and_html_carry_the_same_turns_and_scores(saves):
    for viewer in ("facilitator", "red"):
        report, as_json, md, page = render(saves["plain"], viewer)
        turns = [t["turn"] for t in json.loads(as_json)["turns"]]
        assert turns == [t["turn"] for t in report["turns"]] and turns
        assert [int(n) for n in re.findall(r"^## Turn (\d+) ", md, re.M)] == turns
        assert [int(n) for n in re.findall(r'<details class="turn[^"]*" id="turn-(\d+)"', page)] == turns
        names = {t["id"]: t["name"] for t in report["teams"]}
        scores = json.loads(as_json)["scores"]
        md_scores = dict(re.findall(r"^\| ([^|]+) \| (\d+) \|$", md, re.M))
        assert {names[t]: str(p) for t, p in scores.items()} == md_scores
        page_scores = re.findall(r'<strong>([^<]+)</strong>.*?<td class="num score">(\d+)</td>', page)
        assert {html.unescape(n): int(p) for n, p in page_scores} == {names[t]: p for t, p in scores.items()}
        for section in ("## Tracks over turns", "## Channels", "## Treaty: Calder Pact"):
            assert section in md


def test_the_same_save_gives_byte_identical_json_and_html(saves):
    first, second = render(saves["plain"]), render(saves["plain"])
    assert first[1] == second[1] and first[3] == second[3]
    replayed = render(saves["again"])
    assert replayed[1] == first[1], "the same campaign and seed give the same report"


def test_a_message_with_markup_is_escaped_in_the_html(saves):
    for viewer in ("facilitator", "blue"):
        report, as_json, md, page = render(saves["script"], viewer)
        assert SCRIPT in as_json, "the JSON keeps the message as written"
        assert SCRIPT not in page
        assert html.escape(SCRIPT) in page
