"""`wargame lsp` as an editor meets it: a real server process over stdio, driven by pytest-lsp's client.

One server serves the whole module (starting one costs about a second); each test opens its own
document, so none sees another's text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "campaigns/tutorial.toml").read_text(encoding="utf-8")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "wargame", "lsp", "--stdio"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=ROOT.as_uri()))
    yield
    await lsp_client.shutdown_session()


_opened = [0]


async def _open(client: LanguageClient, text: str) -> str:
    """Open `text` as a new document and wait for its diagnostics; its uri."""
    _opened[0] += 1
    uri = (ROOT / f"campaigns/edited-{_opened[0]}.toml").as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def _where(text: str, line_text: str, word: str, after: str = "") -> lsp.Position:
    """The position of `word` on the first line that starts with `line_text` (right after a line `after`)."""
    lines = text.split("\n")
    line = next(i for i, one in enumerate(lines) if one.startswith(line_text) and (not after or lines[i - 1] == after))
    return lsp.Position(line, lines[line].index(word, len(line_text) - len(line_text.lstrip())) + 1)


async def test_a_valid_campaign_opens_without_problems(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    assert [d for d in client.diagnostics[uri] if d.severity == lsp.DiagnosticSeverity.Error] == []


@pytest.mark.parametrize(
    "change, words, severity",
    [
        (lambda t: t.replace('requires.max_rung = "standoff"', 'requires.max_rung = "stanoff"', 1), 'unknown rung "stanoff"', lsp.DiagnosticSeverity.Error),
        (lambda t: t.replace("turns = 5", "turns = 5\nturns = 6", 1), "turns", lsp.DiagnosticSeverity.Error),
        (lambda t: t + "\n[[moves]]\nid = \"unreachable\"\nname = \"Unreachable\"\ncategory = \"military\"\ncost = 1\nteams = [\"nobody\"]\n", "unknown team", lsp.DiagnosticSeverity.Error),
    ],
    ids=["an unknown rung", "a key written twice (TOML that does not parse)", "an unknown team"],
)
async def test_validate_s_problems_come_back_as_diagnostics_on_their_line(client: LanguageClient, change, words, severity):
    text = change(TUTORIAL)
    uri = await _open(client, text)
    hits = [d for d in client.diagnostics[uri] if words in d.message]
    assert hits and hits[0].severity == severity, client.diagnostics[uri]
    assert words.split('"')[-2] in text.split("\n")[hits[0].range.start.line] if '"' in words else True


async def test_a_toml_file_that_is_not_a_campaign_gets_no_diagnostics(client: LanguageClient):
    uri = await _open(client, '[project]\nname = "something-else"\n')
    assert list(client.diagnostics[uri]) == []


async def test_a_change_is_checked_again_as_it_is_typed(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    broken = TUTORIAL.replace("cost = 2", "cost = -1", 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(text=broken)]))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert any("cost" in d.message and "0 or more" in d.message for d in client.diagnostics[uri]), client.diagnostics[uri]


async def test_keys_are_completed_with_their_documentation(client: LanguageClient):
    text = TUTORIAL + '\n[[moves]]\nid = "new_move"\nreq\n'
    uri = await _open(client, text)
    result = await client.text_document_completion_async(lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(len(text.split("\n")) - 2, 3)))
    labels = {i.label: i for i in result.items}
    assert {"requires", "success", "cost", "crosses"} <= set(labels)
    assert "See requires" in labels["requires"].documentation.value or "requires" in labels["requires"].documentation.value


@pytest.mark.parametrize(
    "line, ids",
    [
        ('requires.min_rung = "', {"peacetime", "standoff", "first_use"}),
        ('teams = ["', {"blue", "red", "green"}),
        ('effects.actor = { ', {"credibility", "cohesion", "readiness"}),
        ('requires.channel = "', {"hotline"}),
        ('effects.invoke_treaty = "', {"calder_pact"}),
        ('visibility = "', {"public", "detectable", "secret"}),
    ],
)
async def test_ids_are_completed_where_the_format_expects_one(client: LanguageClient, line, ids):
    text = TUTORIAL + f'\n[[moves]]\nid = "new_move"\n{line}\n'
    uri = await _open(client, text)
    result = await client.text_document_completion_async(lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(len(text.split("\n")) - 2, len(line))))
    assert ids <= {i.label for i in result.items}, [i.label for i in result.items]


async def test_go_to_definition_finds_where_a_rung_is_defined_and_references_find_every_use(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    at = _where(TUTORIAL, 'requires.max_rung = "standoff"', "standoff")
    [found] = await client.text_document_definition_async(lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri), position=at))
    assert TUTORIAL.split("\n")[found.range.start.line] == 'id = "standoff"'
    uses = await client.text_document_references_async(lsp.ReferenceParams(text_document=lsp.TextDocumentIdentifier(uri), position=at, context=lsp.ReferenceContext(include_declaration=True)))
    assert len(uses) == sum(line.count('"standoff"') for line in TUTORIAL.split("\n") if not line.lstrip().startswith("#"))


async def test_hover_on_a_key_shows_its_documentation(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    result = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=_where(TUTORIAL, "turns = ", "turns")))
    assert "The turn limit, 1–200" in result.contents.value and "integer 1–200" in result.contents.value


async def test_hover_on_a_move_shows_its_chance_formula_and_its_chance_on_turn_one(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    result = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=_where(TUTORIAL, 'id = "quarantine"', "quarantine", after="[[moves]]")))
    text = result.contents.value
    assert "chance = 0.6 + 0.5 × (own readiness − 0.5)" in text and "Korvath against Meridia: 56%" in text, text
    # While another part of the file is wrong (a misspelt rung), the move's chance is still shown.
    misspelt = TUTORIAL.replace('requires.max_rung = "standoff"', 'requires.max_rung = "stanoff"', 1)
    uri = await _open(client, misspelt)
    result = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=_where(misspelt, 'id = "quarantine"', "quarantine", after="[[moves]]")))
    assert "chance = 0.6" in result.contents.value and client.diagnostics[uri]


async def test_rename_changes_an_id_everywhere_and_refuses_one_that_exists(client: LanguageClient):
    uri = await _open(client, TUTORIAL)
    at = _where(TUTORIAL, 'id = "hotline"', "hotline")
    edit = await client.text_document_rename_async(lsp.RenameParams(text_document=lsp.TextDocumentIdentifier(uri), position=at, new_name="red_phone"))
    changes = edit.changes[uri]
    lines = TUTORIAL.split("\n")
    assert {lines[c.range.start.line][c.range.start.character : c.range.end.character] for c in changes} == {"hotline"}
    # `kind = "hotline"` is a free label, not the channel's id.
    assert len(changes) == sum(line.count('"hotline"') for line in lines if not line.lstrip().startswith(("#", "kind")))
    with pytest.raises(Exception, match="exists already"):
        await client.text_document_rename_async(lsp.RenameParams(text_document=lsp.TextDocumentIdentifier(uri), position=at, new_name="mediator"))


async def test_text_that_does_not_parse_still_gets_answers_and_never_stops_the_server(client: LanguageClient):
    text = TUTORIAL.replace('turns = 5', 'turns = ', 1) + '\n[[moves]]\nid = "x"\nrequires.min_rung = "pea\n{ [ "\n'
    uri = await _open(client, text)
    assert client.diagnostics[uri]
    line = len(text.split("\n")) - 3
    result = await client.text_document_completion_async(lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(line, 23)))
    assert "peacetime" in {i.label for i in result.items}
    for position in (lsp.Position(0, 0), lsp.Position(line + 1, 3), lsp.Position(9999, 0)):
        await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=position))
    again = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=_where(TUTORIAL, "title = ", "title")))
    assert again is not None and "campaign's name" in again.contents.value
