"""`validate` messages an instructor can act on: the closest id, the key and both lines, the cause in plain words."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from wargame.campaign import load_campaign
from wargame.campaign.checks import known_ids
from wargame.campaign.loader import parse_campaign, parse_toml
from wargame.campaign.syntax import statements
from wargame.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad_campaigns"
BAD_FILES = sorted(p for p in BAD.iterdir() if p.is_file() and p.suffix == ".toml")
EXPECT = "# expect: "


def expected_fragments(path: Path) -> list[str]:
    """Every fragment a fixture promises, from its leading `# expect: ...` lines."""
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    return [line.removeprefix(EXPECT).strip() for line in lines if line.startswith(EXPECT)]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(str(path))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_every_fragment_a_bad_campaign_promises_appears_among_its_problems(path: Path):
    found = "\n".join(problems_of(path))
    for fragment in expected_fragments(path):
        assert fragment in found, f"expected {fragment!r} in:\n{found}"


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_no_message_echoes_a_raw_parser_or_python_text(path: Path):
    for message in problems_of(path):
        for raw in ("Cannot overwrite a value", "Invalid value", "Cannot declare", "datetime.", "Expected newline", "Illegal character"):
            assert raw not in message, message


SYNTAX = [
    # (what went wrong, TOML text, line, column, fragment of the message)
    ("a key written twice", 'title = "a"\nturns = 3\ntitle = "b"\n', 3, 1, '"title" is set twice at the top level of the file: first at line 1, again at line 3'),
    ("a key written twice in one entry", '[[teams]]\nid = "a"\nname = "x"\nid = "b"\n', 4, 1, "start that entry with [[teams]] first"),
    ("[teams] after [[teams]]", '[[teams]]\nid = "blue"\n\n[teams]\nid = "red"\n', 4, 1, "line 1 already started a list of them with [[teams]]: write [[teams]]"),
    ("[[teams]] after [teams]", '[teams]\nid = "blue"\n\n[[teams]]\nid = "red"\n', 4, 1, 'line 1 made "teams" a single table with [teams]: write [[teams]] there too'),
    ("a table declared twice", "[rules]\ncalm_turns = 2\n\n[rules]\nproposal_expiry = 2\n", 4, 1, "[rules] is declared twice (first at line 1)"),
    ("a table after a dotted key made it", 'requires.min_rung = "a"\n[requires]\nx = 1\n', 2, 1, "already created it with the dotted key requires.min_rung"),
    ("a table over a value", "rules = 3\n[rules]\nx = 1\n", 2, 1, 'already set "rules" to a value (rules = 3)'),
    ("a dotted key into an inline table", "x = {a = 1}\nx.b = 2\n", 2, 1, "line 1 set x = {a = 1}, a value"),
    ("a non-breaking space before =", "turns\u00a0= 3\n", 1, 6, "a non-breaking space (U+00A0)"),
    ("a non-breaking space after a value", "turns = 3\u00a0\n", 1, 10, "a non-breaking space (U+00A0)"),
    ("smart double quotes", "title = \u201cHello\u201d\n", 1, 9, "a left double quotation mark “ (U+201C)"),
    ("smart single quotes", "title = \u2018Hello\u2019\n", 1, 9, "a left single quotation mark ‘ (U+2018)"),
    ("an en dash for a minus", "turns = \u20133\n", 1, 9, "an en dash – (U+2013)"),
    ("a zero-width space", "turns\u200b = 3\n", 1, 6, "a zero-width space (U+200B)"),
    ("a word without quotes", "persona = hawk\n", 1, 11, 'put text in quotes ("hawk")'),
    ("True in capitals", "end_on_settlement = True\n", 1, 21, "write true or false, in lower case"),
    ("a missing value", "turns =\n", 1, 8, 'a value is missing after "="'),
    ("two equals signs", "turns = = 3\n", 1, 9, 'one "=" too many'),
    ("a percent sign", "base = 55%\n", 1, 10, "write 0.55 for 55%"),
    ("a decimal comma", "base = 0,5\n", 1, 9, "write decimals with a point"),
    ("a key with a space", "my key = 1\n", 1, 4, 'a key cannot contain spaces: write my_key, or put it in quotes ("my key")'),
    ("a string never closed", 'title = "abc\nturns = 3\n', 1, 9, 'the string opened here with " is never closed'),
    ("a string never closed at the end of the file", 'turns = 3\ntitle = "abc', 2, 9, "is never closed"),
    ("a multi-line string never closed", 'briefing = """abc\nturns = 3\n', 1, 12, 'opened here with """ is never closed'),
    ("an array never closed", 'members = ["a", "b"\nturns = 3\n', 2, 1, 'a "]" or a comma between items is missing'),
    ("an inline table over two lines", "x = {a = 1\n", 1, 11, 'must close with "}" on the same line'),
    ("a header missing its bracket", "[rules\nx = 1\n", 1, 7, 'the table header [rules needs a closing "]"'),
    ("an array header missing a bracket", "[[teams]\nx = 1\n", 1, 8, 'expected "]]" to close [[teams]'),
    ("a Windows path in double quotes", 'path = "C:\\Users"\n', 1, 13, "put the text in 'single quotes'"),
    ("a trailing comma in an inline table", "x = {a = 1,}\n", 1, 12, 'a comma before "}" is not allowed'),
    ("a key twice in an inline table", "x = {a = 1, a = 2}\n", 1, 18, "'a' is set twice inside the same { … }"),
    ("a control character in text", 'x = "a\x01"\n', 1, 7, "a control character (U+0001)"),
    ("a line that starts with a stray character", "turns = 3\n]\n", 2, 1, '"]" cannot start a line'),
]


@pytest.mark.parametrize("what, text, line, col, fragment", SYNTAX, ids=[case[0] for case in SYNTAX])
def test_each_common_toml_error_says_its_line_column_and_a_plain_cause(what, text, line, col, fragment):
    with pytest.raises(ProblemsFound) as caught:
        parse_toml("c.toml", text)
    (problem,) = caught.value.problems
    assert fragment in problem.message
    assert (problem.line, problem.col) == (line, col), str(problem)


def test_a_non_breaking_space_inside_quoted_text_is_left_alone():
    data = parse_toml("c.toml", 'title = "Storm\u00a0over the strait"\n')
    assert data["title"] == "Storm\u00a0over the strait"


def test_a_typographic_character_elsewhere_on_the_line_is_not_blamed_for_another_error():
    with pytest.raises(ProblemsFound) as caught:
        parse_toml("c.toml", 'title = "Storm \u201cover\u201d" = 3\n')
    assert "quotation mark" not in caught.value.problems[0].message


@pytest.mark.parametrize(
    "count, shown, more",
    [(3, 3, ""), (12, 12, ""), (13, 12, " … and 1 more"), (40, 12, " … and 28 more")],
)
def test_a_list_of_known_ids_is_whole_or_says_how_many_more_there_are(count, shown, more):
    known = [f"rung_{i}" for i in range(count)]
    hint = known_ids(known, "zzz")
    listed = hint.removeprefix("known: ").removesuffix(more).split(", ")
    assert listed == known[:shown] and hint.endswith(more or known[-1])


@pytest.mark.parametrize(
    "value, guess",
    [("blokade", "blockade"), ("Blockade", "blockade"), ("Naval blockade", "blockade"), ("strike", None)],
)
def test_an_unknown_id_suggests_the_closest_known_id_or_the_id_of_a_name(value, guess):
    hint = known_ids(["calm", "tension", "blockade", "war"], value, {"Naval blockade": "blockade"})
    if guess:
        assert hint.startswith(f'did you mean "{guess}"?')
    else:
        assert "did you mean" not in hint


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


TUTORIAL = (ROOT / "campaigns" / "tutorial.toml").read_text(encoding="utf-8")


def test_an_unknown_key_no_longer_hides_an_unknown_rung_and_a_negative_cost_elsewhere():
    text = _with(TUTORIAL, 'id = "blue"', 'id = "blue"\ncolour = "navy"')
    text = _with(text, "cost = 1\n", "cost = -2\n")
    text = _with(text, 'min_rung = "', 'min_rung = "armageddon", unused_min_rung = "')
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    messages = [str(p) for p in caught.value.problems]
    assert any("colour" in m for m in messages)
    assert any("must be 0 or more, got -2" in m for m in messages)
    assert any('unknown rung "armageddon"' in m for m in messages)
    assert any("unused_min_rung" in m for m in messages)


def test_a_wrong_type_of_a_required_value_does_not_stop_the_other_checks_and_is_reported_once():
    text = _with(TUTORIAL, "cost = 1\n", 'cost = "one"\n')
    text = _with(text, "turns = 5", "turns = 0")
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    places = [p.at for p in caught.value.problems]
    assert "turns" in places
    assert len([p for p in places if p.endswith(".cost")]) == 1


def test_a_missing_id_says_the_later_checks_did_not_run_and_why():
    text = _with(TUTORIAL, '[[moves]]\nid = "', '[[moves]]\nidd = "')
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    messages = [p.message for p in caught.value.problems]
    assert any("did not run" in m and "moves[0].id" in m for m in messages), messages


def test_a_key_after_a_sub_table_header_is_told_where_it_landed_not_to_check_its_spelling():
    text = _with(TUTORIAL, '[[moves]]\nid = "', '[[moves]]\nrequires.min_rung = "calm"\nid = "')
    start = text.index("[[moves]]")
    text = text[:start] + text[start:].replace("cost = ", "[moves.success]\nbase = 0.5\ncost = ", 1)
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    (problem,) = [p for p in caught.value.problems if p.at.endswith("success.cost")]
    assert '"cost" is a key of a move, not of a move\'s success' in problem.message
    assert "[moves.success]" in problem.message and "check its spelling" not in problem.message
    assert text.split("\n")[problem.line - 1].startswith("cost = ")


def test_a_misspelled_choice_suggests_the_allowed_one():
    text = _with(TUTORIAL, 'category = "military"', 'category = "militray"')
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    assert any('did you mean "military"?' in p.message for p in caught.value.problems)


def test_the_statement_scanner_never_raises_on_damaged_text():
    rng = random.Random(12)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in BAD_FILES] + [TUTORIAL]
    for _ in range(300):
        text = rng.choice(texts)
        cut = rng.randrange(len(text))
        damaged = text[:cut] + rng.choice(['"', "'", "[", "]", "{", '"""', "\n", "=", "\u00a0"]) + text[cut + 1 :]
        statements(damaged)
        try:
            parse_toml("d.toml", damaged)
        except ProblemsFound as found:
            assert all(p.message for p in found.problems)


LANDED = [
    # (how the key was written, old text, new text, place, fragment)
    ("after [rules]", "[rules]", "[rules]\nturns = 4", "rules.turns",
     "it comes after the header [rules] (line 81)"),
    ("as a dotted key", '[[moves]]\nid = "', '[[moves]]\nrequires.visibility = "secret"\nid = "', "moves[0].requires.visibility",
     "write visibility = …, not requires.visibility = …"),
    ("inside braces", 'id = "blue"', 'id = "blue"\ndoctrine = { escalation = 0.5, persona = "hawk" }', "teams[0].doctrine.persona",
     "write it outside the braces"),
]


@pytest.mark.parametrize("how, old, new, place, fragment", LANDED, ids=[case[0] for case in LANDED])
def test_a_key_of_an_enclosing_table_is_told_how_it_landed_in_a_sub_table(how, old, new, place, fragment):
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", _with(TUTORIAL, old, new))
    messages = [p.message for p in caught.value.problems if p.at == place]
    assert messages and fragment in messages[0], [str(p) for p in caught.value.problems]
    assert "move it to the top of the file" in messages[0] or how != "after [rules]"


def test_a_value_of_the_wrong_type_does_not_set_off_a_check_of_the_table_around_it():
    # terminal = "yes" is reported; "no rung is terminal", which only its removal causes, is not.
    assert [p.split(": error: ")[1] for p in problems_of(BAD / "bool_as_yes.toml")] == [
        'at rungs[1].terminal: expected true or false, got "yes"'
    ]


@pytest.mark.parametrize("value, hint", [(55, "; write 0.55 for 55%"), (2, "; write 0.02 for 2%"), (1.5, ""), (-0.2, "")])
def test_only_a_chance_that_looks_like_a_percentage_is_told_to_write_a_fraction(value, hint):
    text = _with(TUTORIAL, "reliability = ", f"reliability = {value}\nunused = ")
    text = text.replace(f"reliability = {value}\nunused = ", f"reliability = {value}\n#", 1)
    with pytest.raises(ProblemsFound) as caught:
        parse_campaign("t.toml", text)
    (problem,) = caught.value.problems
    assert problem.message == f"must be between 0 and 1, got {value:g}{hint}"
