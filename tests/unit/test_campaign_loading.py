"""Loading campaigns: the tutorial loads, and every bad file is refused with every problem named."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.campaign import load_campaign
from wargame.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
BAD = ROOT / "tests" / "data" / "bad_campaigns"
BAD_FILES = sorted(p for p in BAD.iterdir() if p.is_file())
HEADER = b"# expect: "


def expected_message(path: Path) -> str:
    """The substring a fixture promises, from its first line `# expect: ...`."""
    first = path.read_bytes().split(b"\n", 1)[0]
    assert first.startswith(HEADER), f"{path.name} must start with '# expect: <substring>'"
    return first.removeprefix(HEADER).decode("utf-8").strip()


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(str(path))
    assert caught.value.problems, "ProblemsFound must carry at least one problem"
    return [str(p) for p in caught.value.problems]


def test_there_are_enough_bad_campaign_fixtures_to_be_worth_having():
    assert len(BAD_FILES) >= 20


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_every_bad_campaign_is_refused_with_its_expected_message(path: Path):
    expected = expected_message(path)
    found = problems_of(path)
    assert any(expected in message for message in found), (
        f"expected {expected!r} in one of:\n" + "\n".join(found)
    )


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_every_problem_names_the_file_it_was_found_in(path: Path):
    for message in problems_of(path):
        assert message.startswith(f"{path}:"), message
        assert ": error: " in message, message


def test_a_syntax_error_is_reported_at_its_line_and_column():
    (problem,) = problems_of(BAD / "syntax_error.toml")
    # Line 4 of the fixture is `turns = = 3`; the second "=" is column 9.
    assert problem.startswith(f"{BAD / 'syntax_error.toml'}:4:9: error: ")


def test_the_tutorial_campaign_loads_without_problems():
    loaded = load_campaign(str(TUTORIAL))
    assert loaded.campaign.title
    assert loaded.warnings == ()
    assert len(loaded.sha256) == 64


def test_the_tutorial_exercises_every_mechanic_of_the_format():
    c = load_campaign(str(TUTORIAL)).campaign
    moves = c.moves
    assert len(c.teams) == 3 and c.turns == 5
    assert len(c.rungs) >= 8
    assert any(r.firebreak for r in c.rungs)
    assert c.rungs[-1].terminal
    assert {m.category for m in moves} == {
        "diplomatic", "military", "economic", "information", "cyber", "alliance"
    }
    assert {m.target for m in moves} == {"none", "any", "ally", "rival"}
    assert {m.visibility for m in moves} == {"public", "detectable", "secret"}
    # Thresholds are named and graded (issue 13): each move says which it may cross.
    assert [(m.id, m.crosses) for m in moves if m.crosses_firebreak or m.crosses] == [
        ("strike", ("first_use",)), ("nuclear_use", ("nuclear_use",))
    ]
    assert len({r.salience for r in c.rungs if r.firebreak}) > 1 and any(r.leak for r in c.rungs)
    assert any(m.effects.rung_at_least for m in moves) and any(m.effects.rung_exactly for m in moves)
    assert any(ch.containment for ch in c.channels) and c.rules.force_rung and c.rules.de_escalation == "takes_two"
    assert any(m.effects.escalation < 0 for m in moves), "a de-escalation move"
    assert any(m.effects.channel_status == "open" for m in moves)
    assert any(m.effects.channel_status == "suspended" for m in moves)
    assert any(m.effects.interoperability > 0 for m in moves)
    assert any(m.effects.invoke_treaty for m in moves)
    assert any(m.effects.consult_treaty for m in moves)
    assert any(m.requires.provision == "basing" for m in moves)
    assert {mod.of for m in moves for mod in m.success.modifiers} == {
        "self", "target", "interop", "target_allies"
    }
    assert any(
        mod.of == "target_allies" and mod.track == "credibility" and mod.weight < 0
        for m in moves
        for mod in m.success.modifiers
    ), "deterrence by credible allies"
    treaty_tags = {(t.trigger.tag, t.obligation.tag) for t in c.treaties}
    for trigger, obligation in treaty_tags:
        assert any(trigger in m.tags for m in moves), f"no move can trigger {trigger}"
        assert any(obligation in m.tags for m in moves), f"no move can honour {obligation}"
    assert all(t.burden_sharing for t in c.treaties)
    custom = {t.id for t in c.tracks}
    assert custom, "a custom track"
    uses = [
        *(k for t in c.treaties for k in (*t.honour, *t.breach)),
        *(r.track for m in moves for r in m.requires.tracks),
        *(mod.track for m in moves for mod in m.success.modifiers),
        *(o.condition.track for t in c.teams for o in t.objectives),
    ]
    assert custom <= set(uses)
    assert any(i.turn for i in c.injects)
    assert any(i.when for i in c.injects)
    assert any(i.effects.tracks or i.effects.escalation or i.effects.channel for i in c.injects)
    assert all(2 <= len(t.objectives) <= 3 and t.briefing for t in c.teams)
    assert c.briefing and c.summary
    assert c.dyads and c.interoperability and c.channels


def test_a_folder_is_refused_with_a_clear_message(tmp_path: Path):
    (problem,) = problems_of(tmp_path)
    assert "is a folder, not a campaign file" in problem


def test_a_missing_file_is_refused_without_a_traceback(tmp_path: Path):
    (problem,) = problems_of(tmp_path / "nowhere.toml")
    assert "no such file" in problem


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n"], ids=["empty", "newline", "blank"])
def test_an_empty_or_blank_file_is_refused_as_empty(tmp_path: Path, text: str):
    path = tmp_path / "empty.toml"
    path.write_text(text)
    (problem,) = problems_of(path)
    assert "is empty" in problem


MINIMAL = """\
title = "Several mistakes"
turns = 3

[[teams]]
id = "blue"
name = "Blue"

[[teams]]
id = "red"
name = "Red"

[[rungs]]
id = "calm"
name = "Calm"
band = "peace"

[[rungs]]
id = "war"
name = "War"
band = "war"
terminal = true

[[moves]]
id = "talk"
name = "Talk"
category = "diplomatic"
cost = 1
target = "rival"
"""

# Each case: edits to MINIMAL (old, new), tables appended to it, and every message expected.
SEVERAL_MISTAKES = [
    pytest.param(
        [
            ("turns = 3", 'turns = "three"'),
            ('name = "Red"', 'name = "Red"\nresources = "lots"\ncolour = "crimson"'),
            ('category = "diplomatic"', 'category = "naval"'),
            ("cost = 1", "cost = 1.5"),
            ("terminal = true", 'terminal = "yes"'),
        ],
        "",
        [
            'at turns: expected an integer, got "three"',
            'at teams[1].resources: expected a number, got "lots"',
            "at teams[1].colour: unknown key",
            'at moves[0].category: expected one of "diplomatic"',
            "at moves[0].cost: expected an integer, got 1.5",
            'at rungs[1].terminal: expected true or false, got "yes"',
        ],
        id="wrong types and unknown keys in several tables",
    ),
    pytest.param(
        [
            ('name = "Red"', 'name = "Red"\npersona = "berserk"'),
            ('target = "rival"', 'target = "rival"\nrequires.min_rung = "armageddon"\nsuccess.base = 1.5'),
        ],
        """
[[moves]]
id = "talk"
name = "Talk again"
category = "diplomatic"
cost = 1

[[channels]]
id = "hotline"
name = "Hotline"
members = ["blue", "purple"]

[[treaties]]
id = "pact"
name = "Pact"
members = ["blue", "green"]

[[injects]]
id = "late"
name = "Too late"
text = "Never happens."
turn = 9
""",
        [
            'at teams[1].persona: unknown persona "berserk"',
            'at moves[0].requires.min_rung: unknown rung "armageddon"',
            "at moves[0].success.base: must be between 0 and 1, got 1.5",
            '"talk" is used by 2 moves',
            'at channels[0].members[1]: unknown team "purple"',
            'at treaties[0].members[1]: unknown team "green"',
            "at injects[0].turn: must be between 1 and 3",
        ],
        id="bad references and ranges across sections",
    ),
    pytest.param(
        [],
        """
[[moves]]
id = "shout"
name = "Shout"
category = "information"
cost = 1
effects.escalation = 1

[[moves]]
id = "cheer"
name = "Cheer"
category = "information"
cost = 1
effects.actor = { morale = 0.1 }

[[moves]]
id = "never"
name = "Never"
category = "military"
cost = 1
target = "rival"
requires.min_rung = "war"
requires.max_rung = "calm"
""",
        [
            "at moves[1].effects.escalation: escalation acts on a dyad",
            'at moves[2].effects.actor.morale: unknown track "morale"',
            'at moves[3].requires: min_rung "war" is above max_rung "calm"',
        ],
        id="a different mistake in each of several moves",
    ),
]


@pytest.mark.parametrize(("edits", "appended", "expected"), SEVERAL_MISTAKES)
def test_several_mistakes_in_one_file_are_all_reported_not_just_the_first(
    tmp_path: Path, edits: list[tuple[str, str]], appended: str, expected: list[str]
):
    text = MINIMAL
    for old, new in edits:
        assert old in text, f"edit {old!r} does not apply"
        text = text.replace(old, new, 1)
    path = tmp_path / "several.toml"
    path.write_text(text + appended)
    found = problems_of(path)
    missing = [e for e in expected if not any(e in message for message in found)]
    assert not missing, f"not reported: {missing}\nreported:\n" + "\n".join(found)
