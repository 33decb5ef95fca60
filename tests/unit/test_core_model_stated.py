"""The campaign model's small promises: a value reads as attrs would write it, short names fall back
to names, and every part of a campaign is found by its id (the laboratory campaign of conftest.py)."""

from __future__ import annotations

import attrs

from wargame.core.model import Modifier, TrackDef


def test_a_model_value_reads_as_attrs_writes_a_class_with_its_fields_in_order():
    assert repr(TrackDef("cohesion", "Alliance cohesion")) == (
        "TrackDef(id='cohesion', name='Alliance cohesion', min=0.0, max=1.0, default=0.5, description='')"
    )
    assert repr(Modifier(0.4, "readiness")) == "Modifier(weight=0.4, track='readiness', of='self', centre=0.5, team='')"


def test_a_nested_value_reads_with_its_parts_written_the_same_way():
    nested = repr(attrs.evolve(TrackDef("x", "X"), name=Modifier(1.0)))
    assert nested == "TrackDef(id='x', name=Modifier(weight=1.0, track='', of='self', centre=0.5, team=''), min=0.0, max=1.0, default=0.5, description='')"


def test_short_names_fall_back_to_each_teams_name_and_a_caller_may_change_its_copy(lab):
    short = lab.short_names()
    assert short == {"blue": "Blue", "red": "Red", "green": "Green"}
    short["blue"] = "B"
    assert lab.short_names()["blue"] == "Blue"
    named = attrs.evolve(lab, teams=(attrs.evolve(lab.teams[0], short="Bl"), *lab.teams[1:]))
    assert named.short_names() == {"blue": "Bl", "red": "Red", "green": "Green"}


def test_an_inject_is_found_by_its_id(lab):
    assert [lab.inject(i).name for i in ("storm", "alarm", "reserve")] == ["Storm", "Alarm", "Reserve"]
