"""A language server for campaign files (`wargame lsp`): completion, definitions, references, hover, diagnostics and rename."""
