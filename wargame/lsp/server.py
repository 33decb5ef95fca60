"""The language server over stdio (`wargame lsp`): the protocol's side of `analysis`, on pygls.

Each request reads the document as it stands in the editor. A handler that fails answers nothing
rather than taking the server down: an editor that loses its server loses every feature at once.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from .. import __version__
from . import analysis

log = logging.getLogger(__name__)


class CampaignServer(LanguageServer):
    """The server, holding for each document the last version of its campaign that validated."""

    def __init__(self) -> None:
        super().__init__("wargame", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.campaigns: dict = {}


server = CampaignServer()


def _safe(default):
    """Answer `default` when a handler fails, and log why: the server must outlive any text."""

    def wrap(handler):
        def run(ls, params):
            try:
                return handler(ls, params)
            except JsonRpcException:
                raise  # a refusal meant for the editor (a rename to an id that exists)
            except Exception:  # a text the analysis did not foresee: no answer, never a dead server
                log.exception("wargame lsp: %s failed", handler.__name__)
                return default

        run.__name__ = handler.__name__
        return run

    return wrap


def _text(ls: CampaignServer, uri: str) -> str:
    return ls.workspace.get_text_document(uri).source


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _range(item) -> lsp.Range:
    return lsp.Range(lsp.Position(item.line, item.start), lsp.Position(item.line, item.end))


def _publish(ls: CampaignServer, uri: str) -> None:
    try:
        found, campaign = analysis.problems(_path(uri), _text(ls, uri))
    except Exception:  # the checks themselves failed on this text: say nothing rather than die
        log.exception("wargame lsp: checking %s failed", uri)
        return
    if campaign is not None:
        ls.campaigns[uri] = campaign
    severity = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning}
    diagnostics = [
        lsp.Diagnostic(
            range=lsp.Range(lsp.Position(d.line, d.col), lsp.Position(d.line, d.end)),
            message=d.message,
            severity=severity.get(d.severity, lsp.DiagnosticSeverity.Error),
            source="wargame validate",
        )
        for d in found
    ]
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CampaignServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CampaignServer, params: lsp.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CampaignServer, params: lsp.DidSaveTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


_KINDS = {"key": lsp.CompletionItemKind.Property, "id": lsp.CompletionItemKind.Reference, "word": lsp.CompletionItemKind.EnumMember}


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=['"', ".", "[", " "]))
@_safe(None)
def completion(ls: CampaignServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    found = analysis.complete(_text(ls, params.text_document.uri), params.position.line, params.position.character)
    return lsp.CompletionList(
        is_incomplete=False,
        items=[
            lsp.CompletionItem(
                label=c.label,
                kind=_KINDS[c.kind],
                detail=c.detail or None,
                documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, c.documentation) if c.documentation else None,
                insert_text=c.insert or None,
            )
            for c in found
        ],
    )


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@_safe(None)
def hover(ls: CampaignServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    text = _text(ls, uri)
    # The text as it is now, when it reads as a campaign; else its last version that validated.
    campaign = analysis.readable_campaign(text) or ls.campaigns.get(uri)
    found = analysis.hover(text, params.position.line, params.position.character, campaign)
    if found is None:
        return None
    item, text = found
    return lsp.Hover(contents=lsp.MarkupContent(lsp.MarkupKind.Markdown, text), range=_range(item))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
@_safe(None)
def definition(ls: CampaignServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
    uri = params.text_document.uri
    return [lsp.Location(uri, _range(i)) for i in analysis.definition(_text(ls, uri), params.position.line, params.position.character)]


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
@_safe(None)
def references(ls: CampaignServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    uri = params.text_document.uri
    found = analysis.uses(_text(ls, uri), params.position.line, params.position.character, params.context.include_declaration)
    return [lsp.Location(uri, _range(i)) for i in found]


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
@_safe(None)
def rename(ls: CampaignServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    uri = params.text_document.uri
    edits = analysis.rename(_text(ls, uri), params.position.line, params.position.character, params.new_name)
    if isinstance(edits, str):
        raise JsonRpcInvalidParams(edits)
    return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(lsp.Position(e.line, e.start), lsp.Position(e.line, e.end)), e.text) for e in edits]})


def serve() -> int:
    """Serve on stdin and stdout until the editor says to exit."""
    logging.basicConfig(level=logging.WARNING, format="wargame lsp: %(message)s")  # to stderr, which editors log
    server.start_io()
    return 0
