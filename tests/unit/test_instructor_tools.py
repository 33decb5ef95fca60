"""The instructor's toolkit: the JSON Schema, the starter campaign, design warnings and located problems."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from wargame.campaign.loader import parse_campaign
from wargame.campaign.schema import campaign_schema
from wargame.campaign.starter import starter_text
from wargame.problems import ProblemsFound

CAMPAIGNS = sorted(Path("campaigns").glob("*.toml"))
SCHEMA = Path("campaigns/campaign.schema.json")


def test_the_committed_schema_is_the_one_generated_from_the_model():
    assert json.loads(SCHEMA.read_text()) == campaign_schema(), "run: wargame schema > campaigns/campaign.schema.json"


@pytest.mark.parametrize("path", CAMPAIGNS, ids=[p.stem for p in CAMPAIGNS])
def test_every_bundled_campaign_passes_the_schema_and_names_it(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./campaign.schema.json")
    jsonschema.Draft4Validator(campaign_schema()).validate(tomllib.loads(text))


def test_the_schema_refuses_unknown_keys_and_wrong_types():
    validator = jsonschema.Draft4Validator(campaign_schema())
    data = tomllib.loads(Path("campaigns/tutorial.toml").read_text(encoding="utf-8"))
    data["teams"][0]["colour"] = "blue"
    data["moves"][0]["cost"] = "ten"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("colour" in m for m in messages) and any("'ten'" in m for m in messages)


def test_the_starter_campaign_validates_without_warnings():
    loaded = parse_campaign("starter.toml", starter_text("border-crisis", Path("campaigns/border-crisis.toml")))
    assert loaded.campaign.title == "Border Crisis" and loaded.warnings == ()


def test_wargame_new_writes_a_campaign_and_its_schema_and_never_overwrites(tmp_path):
    def new(name):
        return subprocess.run([sys.executable, "-m", "wargame", "new", name], cwd=tmp_path, capture_output=True, text=True, timeout=60)

    first = new("harbour")
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "campaigns/harbour.toml").exists() and (tmp_path / "campaigns/campaign.schema.json").exists()
    again = new("harbour")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert new("no good!").returncode == 2


STARTER = starter_text("lab", Path("lab.toml"))


@pytest.mark.parametrize(
    "change, place, words",
    [
        (lambda t: t.replace('crosses_firebreak = true\n', ''), "rungs[3]", "can reach"),
        (lambda t: t.replace('tags = ["collective_defense"]', 'tags = []'), "treaties[0].obligation.tag", "never honour"),
        (lambda t: t.replace('target = "ally"\neffects = { actor = { cohesion = 0.05 }', 'target = "ally"\nteams = ["red"]\neffects = { actor = { cohesion = 0.05 }'), "moves[7]", "no team can ever make"),
    ],
)
def test_design_problems_are_warned_about_with_their_place(change, place, words):
    text = change(STARTER)
    warnings = parse_campaign("lab.toml", text).warnings
    hits = [w for w in warnings if w.at == place]
    assert hits and words in hits[0].message and hits[0].severity == "warning"
    assert hits[0].line is not None


def test_a_team_without_objectives_is_warned_about():
    start = STARTER.index('[[teams.objectives]]\nid = "loyal"')
    end = STARTER.index("[[teams]]", start)
    warnings = parse_campaign("lab.toml", STARTER[:start] + STARTER[end:]).warnings
    assert [w.at for w in warnings] == ["teams[1].objectives"]


def test_validate_strict_turns_warnings_into_errors(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(STARTER.replace('crosses_firebreak = true\n', ''), encoding="utf-8")

    def validate(*flags):
        return subprocess.run([sys.executable, "-m", "wargame", "validate", str(path), *flags], capture_output=True, text=True, timeout=60)

    relaxed, strict = validate(), validate("--strict")
    assert relaxed.returncode == 0 and ": warning: at rungs[3]" in relaxed.stderr
    assert strict.returncode == 1 and ": error: at rungs[3]" in strict.stderr


def test_problems_name_the_line_where_it_can_be_found():
    text = STARTER.replace('id = "talks"\nname = "Crisis talks"\ncategory = "diplomatic"\ncost = 1', 'id = "talks"\nname = "Crisis talks"\ncategory = "diplomatic"\ncost = "one"')
    with pytest.raises(ProblemsFound) as found:
        parse_campaign("lab.toml", text)
    problem = found.value.problems[0]
    assert problem.at == "moves[1].cost"
    assert text.split("\n")[problem.line - 1] == 'cost = "one"'
