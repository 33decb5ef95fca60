"""Team packs and the white-cell sheet (`wargame.pack`): a team's handout is its view before turn 1.

The campaign is tests/data/pack_lab.toml. Its numbers, for reading the tables: Alpha (intelligence
0.2: sees only Bravo's credibility) readiness 0.62, support 0.583, morale 0.771; Bravo (intelligence
0.9: sees all of Alpha's tracks) readiness 0.433, support 0.357, morale 0.229. Every briefing,
objective and red line carries a word found nowhere else (ZEBRA, QUOKKA, WOMBAT for Alpha; OCELOT,
PANGOLIN, NARWHAL for Bravo). Chances, worked out by hand:
  talk   = 0.7 + 0.5 × (own readiness − 0.5):      Alpha 0.76 ("76%", "likely").
  coerce = 0.6 − 0.5 × (target's readiness − 0.5): Alpha on Bravo 0.6335 (rests on Bravo's hidden
           readiness: not shown to Alpha); Bravo on Alpha 0.54 ("54%").
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from wargame.campaign.library import bundled_folder
from wargame.campaign.loader import load_campaign
from wargame.core.narrative import unwrap
from wargame.pack import pack_files, team_pack, white_cell_sheet
from wargame.persistence.html_report import e

LAB = Path(__file__).resolve().parents[1] / "data" / "pack_lab.toml"

SECRETS = {
    "alpha": ("ZEBRA", "QUOKKA", "WOMBAT", "Do not go above Tension"),
    "bravo": ("OCELOT", "PANGOLIN", "NARWHAL"),
}
"""Each team's own briefing, objective, ready-made red line and doctrine, by a word of each."""

HIDDEN_FROM_ALPHA = ("0.433", "0.357", "0.229", "63.3%", "63.4%", "63%")
"""Bravo's readiness, support and morale, and Alpha's chance to coerce Bravo, which rests on Bravo's readiness."""


def lab(show_odds: str = "exact"):
    c = load_campaign(str(LAB)).campaign
    return attrs.evolve(c, rules=attrs.evolve(c.rules, show_odds=show_odds))


@pytest.mark.parametrize("show_odds", ["exact", "words", "hidden"])
@pytest.mark.parametrize("team, other", [("alpha", "bravo"), ("bravo", "alpha")])
def test_a_team_pack_holds_its_own_secrets_and_none_of_the_other_teams(team, other, show_odds):
    page = team_pack(lab(show_odds), team)
    for word in SECRETS[team]:
        assert word in page, f"{team}'s own {word!r} is missing from its pack"
    for word in SECRETS[other]:
        assert word not in page, f"{other}'s {word!r} reached {team}'s pack"


@pytest.mark.parametrize("show_odds", ["exact", "words", "hidden"])
def test_a_team_pack_shows_no_value_of_a_track_its_intelligence_does_not_reveal(show_odds):
    page = team_pack(lab(show_odds), "alpha")
    for value in HIDDEN_FROM_ALPHA:
        assert value not in page, f"Alpha's pack gives away {value}"
    assert "credibility 0.5" in page  # credibility is public
    if show_odds == "exact":
        assert "not known: rests on Bravo&#x27;s readiness" in page


def test_a_team_whose_intelligence_reveals_the_others_reads_their_tracks_and_exact_chances():
    page = team_pack(lab(), "bravo")
    assert "readiness 0.62; credibility 0.5; domestic support 0.583" in page
    assert "Alpha: <strong>54%</strong>" in page


@pytest.mark.parametrize(
    "show_odds, shown, not_shown",
    [
        ("exact", "Bravo: <strong>76%</strong>", ("Bravo: likely",)),
        ("words", "Bravo: likely</li>", ("76%", "(own readiness")),
        ("hidden", "Bravo: not shown</li>", ("76%", "Bravo: likely", "(own readiness")),
    ],
)
def test_a_team_pack_shows_chances_as_the_campaign_shows_odds(show_odds, shown, not_shown):
    page = team_pack(lab(show_odds), "alpha")
    assert shown in page
    for text in not_shown:
        assert text not in page


@pytest.mark.parametrize("show_odds", ["exact", "words", "hidden"])
def test_the_white_cell_sheet_holds_everything_with_exact_chances(show_odds):
    page = white_cell_sheet(lab(show_odds))
    for word in (*SECRETS["alpha"], *SECRETS["bravo"], "0.433", "0.229", "0.771"):
        assert word in page
    assert "Bravo: <strong>63.3%</strong>" in page or "Bravo: <strong>63.4%</strong>" in page
    assert page.count('class="sheet-part team-sheet"') == 2  # each team starts a printed page
    assert "break-before: page" in page and "@page" in page


def test_every_page_shows_the_briefings_markdown_and_never_runs_html_typed_into_it():
    for name, page in pack_files(lab()).items():
        assert "<script>" not in page, name
    assert "&lt;script&gt;alert" in team_pack(lab(), "alpha")


def _paragraphs(html: str) -> list[str]:
    return [p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if len(p) > 40]


@pytest.mark.parametrize("path", sorted(bundled_folder().glob("*.toml")), ids=lambda p: p.stem)
def test_no_bundled_campaigns_team_pack_carries_another_teams_briefing_or_objectives(path):
    from wargame.pack import _markdown

    c = load_campaign(str(path)).campaign
    general = c.briefing or c.summary
    for team in c.teams:
        page = team_pack(c, team.id)
        for other in c.teams:
            if other.id == team.id:
                continue
            for paragraph in _paragraphs(_markdown(other.briefing)):
                if paragraph not in _markdown(team.briefing) and paragraph not in _markdown(general):
                    assert paragraph not in page, f"{other.id}'s briefing reached {team.id}'s pack"
            for objective in other.objectives:
                text = e(unwrap(objective.description))
                if text not in _markdown(team.briefing) and text not in _markdown(general) and all(
                    o.description != objective.description for o in team.objectives
                ):
                    assert text not in page, f"{other.id}'s objective reached {team.id}'s pack"
