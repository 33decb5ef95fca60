"""One source for the campaign format's documentation: every key of the model is written once in
`wargame/campaign/keys.py`, and the guide's key tables and the JSON Schema are what it generates."""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import jsonschema
import pytest

from wargame.campaign import keys
from wargame.campaign.schema import campaign_schema
from wargame.core import model

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / keys.GUIDE
SCHEMA = ROOT / "campaigns/campaign.schema.json"


def _model_classes() -> list[type]:
    """Every class a campaign file is made of, found by walking the model from `Campaign`."""
    seen: list[type] = []
    todo = [model.Campaign]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for field in attrs.fields(cls):
            inner = keys.element(keys._hint(cls, keys.key_name(field)))
            if inner is not None:
                todo.append(inner)
    return sorted(seen, key=lambda c: c.__name__)


CLASSES = _model_classes()


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
def test_every_key_of_the_model_is_documented_once_and_nothing_else_is(cls):
    in_model = {keys.key_name(f) for f in attrs.fields(cls)}
    documented = set(keys.documented(cls))
    assert in_model - documented == set(), f"add these keys of {cls.__name__} to KEYS in wargame/campaign/keys.py"
    assert documented - in_model == set(), f"{cls.__name__} has no such keys: remove them from wargame/campaign/keys.py"


def test_every_key_says_what_it_does_and_names_a_known_kind_of_id():
    for cls in CLASSES:
        for key, k in keys.documented(cls).items():
            assert k.meaning and "TODO" not in k.meaning, f"{cls.__name__}.{key}"
            assert k.ids in ("", *keys.ID_KINDS), f"{cls.__name__}.{key}: ids = {k.ids!r}"


def test_the_guide_s_key_tables_are_the_ones_generated_from_the_key_table():
    text = GUIDE.read_text(encoding="utf-8")
    assert keys.write_guide(text) == text, f"the guide's key tables are out of date; run: {keys.FIX_GUIDE}"


def test_the_guide_has_a_generated_table_for_each_section_that_lists_keys():
    marked = keys.marked_classes(GUIDE.read_text(encoding="utf-8"))
    assert len(marked) == len(set(marked)) and {"Campaign", "Rules", "Team", "Move", "Channel", "Treaty", "Condition"} <= set(marked)


def test_the_committed_schema_carries_the_key_table_s_words():
    schema = campaign_schema()
    assert SCHEMA.read_text(encoding="utf-8").strip() and schema["definitions"]["Success"]["properties"]["base"]["maximum"] == 1
    assert "first use-of-force rung" in schema["definitions"]["Rules"]["properties"]["force_rung"]["description"]


def _tutorial() -> dict:
    return tomllib.loads((ROOT / "campaigns/tutorial.toml").read_text(encoding="utf-8"))


def _set(data: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "path, value, words",
    [
        (("moves", 0, "success", "base"), 1.5, "greater than the maximum"),
        (("moves", 0, "cost"), -1, "less than the minimum"),
        (("teams", 0, "persona"), "hwak", "is not one of"),
        (("teams", 0, "readiness"), 2.0, "greater than the maximum"),
        (("channels", 0, "members"), ["blue"], "is too short"),
        (("channels", 0, "latency"), 9, "greater than the maximum"),
        (("turns",), 0, "less than the minimum"),
        (("rules", "intel_noise"), -0.1, "less than the minimum"),
    ],
)
def test_the_schema_refuses_values_out_of_the_format_s_ranges(path, value, words):
    validator = jsonschema.Draft4Validator(campaign_schema())
    assert list(validator.iter_errors(_tutorial())) == []
    messages = [e.message for e in validator.iter_errors(_set(_tutorial(), path, value))]
    assert any(words in m for m in messages), messages


def test_wargame_schema_write_docs_rewrites_a_stale_guide_and_says_so(tmp_path):
    stale = tmp_path / "guide.md"
    text = GUIDE.read_text(encoding="utf-8")
    stale.write_text(text.replace("| `title` | string | *required* |", "| `title` | text | *required* |"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "wargame", "schema", "--write-docs", str(stale)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "rewrote" in run.stdout, run.stderr
    assert stale.read_text(encoding="utf-8") == text
    missing = subprocess.run([sys.executable, "-m", "wargame", "schema", "--write-docs", str(tmp_path / "none.md")], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "none.md: error: cannot read" in missing.stderr and "Traceback" not in missing.stderr


def test_the_endings_the_schema_offers_are_the_ones_validate_accepts():
    from wargame.campaign.checks import END_REASONS

    assert keys.END_REASONS == END_REASONS
