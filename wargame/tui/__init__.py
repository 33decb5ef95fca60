"""The Textual interface: screens, widgets and dialogs on top of `Session`; no rules live here."""
