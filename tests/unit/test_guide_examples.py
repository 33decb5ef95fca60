"""Every TOML example in docs/campaign-format.md is one the game accepts: the worked example
validates strictly, and each fragment uses only keys and types the campaign format has."""

from __future__ import annotations

import re
import textwrap
import tomllib
from pathlib import Path

import jsonschema
import pytest

from wargame.campaign.loader import parse_campaign
from wargame.campaign.schema import campaign_schema

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "campaign-format.md"
BLOCKS = [textwrap.dedent(b) for b in re.findall(r"```toml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)]
TOP_LEVEL = set(campaign_schema()["properties"])
WRAP = {"requires": "moves", "success": "moves", "effects": "moves", "condition": "objectives", "when": "injects"}


def _chunks(block: str) -> list[str]:
    """The block, or, when it lists alternatives that cannot stand in one file (the same key
    written in several styles), each alternative: a line, or a [table] header and what follows."""
    try:
        tomllib.loads(block)
        return [block]
    except tomllib.TOMLDecodeError:
        lines = block.strip().splitlines()
        header = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
        return [*lines[:header], *(["\n".join(lines[header:])] if header < len(lines) else [])]


def _as_campaign(chunk: str) -> dict:
    """A fragment placed where the guide says it goes, as part of a campaign file."""
    table = re.match(r"\[\[?(\w+)\.", chunk)
    if table and table.group(1) in TOP_LEVEL:  # [moves.requires] belongs to the last [[moves]]
        chunk = f"[[{table.group(1)}]]\n{chunk}"
    data = tomllib.loads(chunk)
    first = next(iter(data))
    if first in TOP_LEVEL:
        return data
    if WRAP.get(first) == "moves":
        return {"moves": [data]}
    if WRAP.get(first) == "objectives":
        return {"teams": [{"objectives": [data]}]}
    if WRAP.get(first) == "injects":
        return {"injects": [data]}
    raise AssertionError(f"the test does not know where {first!r} goes: {chunk}")


FRAGMENTS = [chunk for block in BLOCKS for chunk in _chunks(block)]


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=[f.strip().splitlines()[0][:40] for f in FRAGMENTS])
def test_every_example_in_the_guide_uses_only_keys_and_types_the_format_has(fragment):
    validator = jsonschema.Draft4Validator(campaign_schema())
    # A fragment shows a few keys and one rung or team of many, so what it leaves out is not its problem.
    problems = [e.message for e in validator.iter_errors(_as_campaign(fragment)) if e.validator not in ("required", "minItems")]
    assert problems == []


def test_the_guide_s_worked_example_validates_strictly():
    [example] = [b for b in BLOCKS if b.startswith("title = ") and "[[teams]]" in b]
    loaded = parse_campaign("example.toml", example)
    assert [w.message for w in loaded.warnings] == []


def test_the_guide_has_the_examples_this_test_reads():
    assert len(BLOCKS) >= 10 and len(FRAGMENTS) > len(BLOCKS)
