"""`--set PATH=VALUE`: a campaign value changed for one run, by path, element id, `*` or position."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.campaign.overrides import OverrideError, apply_settings, parse_setting, with_settings
from wargame.problems import ProblemsFound

LAB = Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"

DATA = {
    "title": "t",
    "channels": [{"id": "hotline", "reliability": 0.8}, {"id": "wire", "reliability": 0.9}],
    "teams": [{"id": "blue", "persona": "dove"}],
}


@pytest.mark.parametrize(
    ("setting", "path", "value"),
    [
        ("channels.*.reliability=0", ["channels", "*", "reliability"], 0),
        ("rules.accident_base = 0.05", ["rules", "accident_base"], 0.05),
        ("teams.blue.persona=hawk", ["teams", "blue", "persona"], "hawk"),  # a bare word is text
        ('teams.blue.persona="hawk"', ["teams", "blue", "persona"], "hawk"),
        ("channels=[]", ["channels"], []),
        ("rules.end_on_settlement=false", ["rules", "end_on_settlement"], False),
    ],
)
def test_a_setting_is_read_as_a_path_and_a_toml_value(setting, path, value):
    assert parse_setting(setting) == (path, value)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        # every element of a list of tables
        ("channels.*.reliability=0", [0, 0]),
        # one element, by its id
        ("channels.wire.reliability=0.5", [0.8, 0.5]),
        # one element, by its position from 0
        ("channels.0.reliability=0.1", [0.1, 0.9]),
    ],
)
def test_elements_of_a_list_are_picked_by_star_id_or_position(setting, expected):
    changed = apply_settings(DATA, [setting])
    assert [c["reliability"] for c in changed["channels"]] == expected
    assert [c["reliability"] for c in DATA["channels"]] == [0.8, 0.9]  # the original is left alone


def test_a_table_the_file_leaves_to_its_defaults_is_created():
    assert apply_settings(DATA, ["rules.accident_base=0.2"])["rules"] == {"accident_base": 0.2}


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("channels.nope.reliability=0", "channels has no entry with id 'nope' (known: hotline, wire)"),
        ("channels.5.reliability=0", "channels has 2 entries; there is no entry 5"),
        ("title.sub=1", "title is a value, not a table"),
        ("reliability", "write PATH=VALUE"),
        ("=3", "write PATH=VALUE"),
        ("channels..reliability=1", "write PATH=VALUE"),
    ],
)
def test_a_setting_that_cannot_apply_says_why(setting, fragment):
    with pytest.raises(OverrideError, match=None) as caught:
        apply_settings(DATA, [setting])
    assert fragment in str(caught.value)


def test_the_changed_campaign_is_checked_and_the_message_names_the_setting():
    loaded = load_campaign(str(LAB))
    with pytest.raises(ProblemsFound) as caught:
        with_settings(loaded, ["channels.*.reliability=2"])
    messages = [p.message for p in caught.value.problems]
    assert messages and all("after --set channels.*.reliability=2" in m and "between 0 and 1" in m for m in messages)


def test_a_changed_campaign_plays_with_the_new_value():
    loaded = load_campaign(str(LAB))
    changed = with_settings(loaded, ["channels.hotline.reliability=0.25", "rules.accident_base=0.03"])
    assert {c.id: c.reliability for c in changed.campaign.channels}["hotline"] == 0.25
    assert changed.campaign.rules.accident_base == 0.03
    assert with_settings(loaded, []) is loaded
