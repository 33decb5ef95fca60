"""Game setup: the seed, who plays each team, the facilitator passphrase and where the game is saved."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from rich.cells import cell_len
from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import Function
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Select, Static

from ...campaign.loader import LoadedCampaign, load_campaign
from ...core.bots import PERSONAS
from ...problems import ProblemsFound
from ...session import Session, SessionError
from ..commands import Command, bindings

HUMAN = "human"
SEED_DIGITS = 18  # a save is TOML, whose integers stop at 2**63
PASS_NOTE = "Guards overrides and the console; stored as a hash."

COMMAND_TABLE = (
    Command("ctrl+s", "start", "Start", "Start the game (Enter in a field does too)"),
    Command("ctrl+r", "new_seed", "New seed", "Fill in a fresh random seed"),
    Command("escape", "back", "Back", "Back to the list of campaigns"),
)


def _seed_ok(value: str) -> bool:
    return re.fullmatch(r"[0-9]{1,%d}" % SEED_DIGITS, value.strip()) is not None


class SetupScreen(Screen[None]):
    """Set up a game of one campaign, then hand it to the app to play."""

    COMMAND_TABLE = COMMAND_TABLE
    BINDINGS = bindings(COMMAND_TABLE)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    SetupScreen #setup-body { height: 1fr; }
    SetupScreen #setup-form { width: 1fr; height: 1fr; padding: 0 1; }
    SetupScreen #setup-brief { display: none; width: 1fr; height: 1fr; border: round $primary 60%; padding: 0 1; }
    SetupScreen.-wide #setup-form { width: 80; }
    SetupScreen.-wide #setup-brief { display: block; }
    SetupScreen .setup-title { text-style: bold; color: $accent; width: 100%; }
    SetupScreen .setup-summary { color: $text-muted; width: 100%; }
    SetupScreen .setup-section { text-style: bold; color: $primary; margin-top: 1; width: 100%; }
    SetupScreen .setup-row { height: auto; width: 100%; }
    SetupScreen .setup-first { margin-top: 1; }
    SetupScreen .setup-label { width: 24; padding-right: 1; }
    SetupScreen .setup-row Input { width: 1fr; max-width: 48; }
    SetupScreen .setup-row Select { width: 1fr; max-width: 48; }
    SetupScreen #seed { max-width: 22; }
    SetupScreen .setup-row #save-path { max-width: 100%; }
    SetupScreen #new-seed { margin-left: 1; }
    SetupScreen .setup-note { color: $text-muted; width: 100%; padding-left: 24; }
    SetupScreen .setup-error { color: $error; width: 100%; padding-left: 24; }
    SetupScreen .setup-warning { color: $warning; width: 100%; }
    SetupScreen #start-row { height: auto; margin-top: 1; margin-bottom: 1; }
    SetupScreen #problems { border: round $error; padding: 0 1; height: auto; }
    """

    def __init__(self, campaign_path: str, seed: int | None = None):
        super().__init__()
        self.campaign_path = campaign_path
        self.seed = seed if seed is not None else secrets.randbelow(10**9)
        self.loaded: LoadedCampaign | None = None
        self.problems: tuple[str, ...] = ()
        self.starting = False
        try:
            self.loaded = load_campaign(campaign_path)
        except ProblemsFound as found:
            self.problems = tuple(str(p) for p in found.problems)

    # -- what it shows ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        if self.loaded is None:
            with VerticalScroll(id="setup-form"):
                yield Label(f"{escape(Path(self.campaign_path).name)} cannot be used", classes="setup-title")
                yield Static(escape("\n".join(self.problems) or "unknown problem"), id="problems")
                yield Label("Fix the file (wargame validate lists the same problems), then try again. "
                            "Esc goes back to the campaigns.", classes="setup-summary")
            yield Footer()
            return
        from ...persistence.saves import default_save_path

        c = self.loaded.campaign
        with Horizontal(id="setup-body"):
            with VerticalScroll(id="setup-form"):
                yield Label(escape(c.title), classes="setup-title")
                if c.summary.strip():
                    yield Label(escape(" ".join(c.summary.split())), classes="setup-summary")

                with Horizontal(classes="setup-row setup-first"):
                    yield Label("Seed", classes="setup-label")
                    seed = Input(
                        str(self.seed), id="seed", compact=True, max_length=SEED_DIGITS + 4,
                        validators=[Function(_seed_ok, f"digits only, 1 to {SEED_DIGITS} of them")],
                    )
                    seed.tooltip = "The same seed and the same orders give the same game."
                    yield seed
                    yield Button("New seed", id="new-seed", compact=True)
                yield Label("", id="seed-error", classes="setup-error")
                with Horizontal(classes="setup-row"):
                    yield Label("Save to", classes="setup-label")
                    path = Input(default_save_path(self.campaign_path), id="save-path", compact=True)
                    path.tooltip = "Written after every step; go on later with: wargame play --resume FILE"
                    yield path
                yield Label("", id="save-path-whole", classes="setup-note")

                yield Label("Who plays each team", classes="setup-section")
                for team in c.teams:
                    with Horizontal(classes="setup-row"):
                        yield Label(escape(team.name), classes="setup-label")
                        yield Select(
                            self._player_options(team.persona), value=HUMAN, allow_blank=False,
                            id=f"who-{team.id}", compact=True,
                        )
                yield Label("", id="all-bots", classes="setup-warning")

                yield Label("Facilitator passphrase (optional)", classes="setup-section")
                with Horizontal(classes="setup-row"):
                    yield Label("Passphrase", classes="setup-label")
                    yield Input(id="passphrase", password=True, compact=True, placeholder="empty: none")
                with Horizontal(classes="setup-row"):
                    yield Label("Type it again", classes="setup-label")
                    yield Input(id="confirm", password=True, compact=True)
                yield Label(PASS_NOTE, id="pass-note", classes="setup-note")

                # After the passphrase: a choice most games leave as the campaign has it.
                with Horizontal(classes="setup-row"):
                    yield Label("Odds for teams", classes="setup-label")
                    shown = getattr(self.app, "show_odds", "") or c.rules.show_odds
                    odds = Select(
                        [("exact: numbers", "exact"), ("in words only", "words"), ("hidden", "hidden")],
                        value=shown, allow_blank=False, id="show-odds", compact=True,
                    )
                    odds.tooltip = "What teams see of every chance; the white cell always sees the numbers."
                    yield odds

                with Horizontal(id="start-row"):
                    yield Button("Start the game", id="start", variant="primary")
            with VerticalScroll(id="setup-brief"):
                yield Markdown(c.briefing.strip() or f"# {c.title}")
        yield Footer()

    def _player_options(self, suggested: str) -> list[tuple[str, str]]:
        bots = sorted(PERSONAS, key=lambda p: p != suggested)
        return [("Human", HUMAN)] + [
            (f"Bot: {p}" + (" (campaign's choice)" if p == suggested else ""), p) for p in bots
        ]

    def on_mount(self) -> None:
        self.sub_title = "Set up the game"
        if self.loaded is None:
            return
        self.query_one("#setup-brief").border_title = "Briefing"
        self.query_one("#seed-error").display = False
        self.query_one("#seed", Input).focus()
        self._show_all_bots()
        self.call_after_refresh(self._show_whole_path)

    # -- keeping the form honest as it is filled in --------------------------------------------------
    @on(Input.Changed, "#seed")
    def _seed_changed(self, event: Input.Changed) -> None:
        message = "" if _seed_ok(event.value) else f"Digits only, 1 to {SEED_DIGITS} of them."
        error = self.query_one("#seed-error", Label)
        error.update(message)
        error.display = bool(message)

    @on(Input.Changed, "#save-path")
    def _save_path_changed(self) -> None:
        self._show_whole_path()

    def on_resize(self) -> None:
        if self.loaded is not None:
            self.call_after_refresh(self._show_whole_path)

    def _show_whole_path(self) -> None:
        """A path longer than its field scrolls out of sight there; the whole of it is shown beneath, wrapped."""
        field = self.query_one("#save-path", Input)
        note = self.query_one("#save-path-whole", Label)
        path = field.value.strip()
        note.update(escape(path))
        note.display = cell_len(path) >= field.content_size.width > 0

    @on(Input.Changed, "#passphrase, #confirm")
    def _passphrase_changed(self) -> None:
        first = self.query_one("#passphrase", Input).value
        again = self.query_one("#confirm", Input).value
        note = self.query_one("#pass-note", Label)
        if again and first != again:
            note.update("The two passphrases differ.")
            note.set_classes("setup-error")
        else:
            note.update(PASS_NOTE)
            note.set_classes("setup-note")

    @on(Select.Changed)
    def _player_changed(self) -> None:
        self._show_all_bots()

    def _show_all_bots(self) -> None:
        humans, _ = self._players()
        note = self.query_one("#all-bots", Label)
        note.update("No human team: the bots play every turn and you watch as facilitator (a demo).")
        note.display = not humans

    def _players(self) -> tuple[list[str], dict[str, str]]:
        assert self.loaded is not None
        humans, bots = [], {}
        for team in self.loaded.campaign.teams:
            value = self.query_one(f"#who-{team.id}", Select).value
            if value == HUMAN or value == Select.NULL:
                humans.append(team.id)
            else:
                bots[team.id] = str(value)
        return humans, bots

    # -- actions ------------------------------------------------------------------------------------------
    @on(Button.Pressed, "#new-seed")
    def action_new_seed(self) -> None:
        if self.loaded is not None:
            self.query_one("#seed", Input).value = str(secrets.randbelow(10**9))

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        if self.loaded is None or self.starting:
            return
        seed_input = self.query_one("#seed", Input)
        if not _seed_ok(seed_input.value):
            self.notify(f"The seed must be digits only (1 to {SEED_DIGITS}); got “{seed_input.value}”.",
                        severity="error", title="Not started")
            seed_input.focus()
            return
        passphrase = self.query_one("#passphrase", Input).value
        if passphrase != self.query_one("#confirm", Input).value:
            self.notify("The passphrase and its confirmation differ; type them again.",
                        severity="error", title="Not started")
            self.query_one("#confirm", Input).focus()
            return
        path = self.query_one("#save-path", Input).value.strip()
        if not path:
            self.notify("Give a file to save the game to.", severity="error", title="Not started")
            self.query_one("#save-path", Input).focus()
            return
        if Path(path).exists():
            self.notify(f"{path} already exists; choose another file name so it is not overwritten.",
                        severity="error", title="Not started")
            self.query_one("#save-path", Input).focus()
            return
        humans, bots = self._players()
        self.starting = True
        self.query_one("#start", Button).disabled = True
        show_odds = str(self.query_one("#show-odds", Select).value)
        self._start(int(seed_input.value.strip()), humans, bots, path, passphrase, show_odds)

    @work(thread=True, exclusive=True, group="setup-start")
    def _start(
        self, seed: int, humans: list[str], bots: dict[str, str], path: str, passphrase: str, show_odds: str = ""
    ) -> None:
        """Hashing the passphrase and writing the first save take a moment: not on the UI thread."""
        assert self.loaded is not None
        try:
            session = Session.start(
                self.loaded, seed, bots=bots, humans=humans, path=path, passphrase=passphrase, show_odds=show_odds
            )
        except SessionError as exc:
            self.app.call_from_thread(self._failed, str(exc))
        except OSError as exc:
            self.app.call_from_thread(self._failed, f"Could not write {path}: {exc.strerror or exc}")
        else:
            self.app.call_from_thread(self.app.start_game, session)

    def _failed(self, message: str) -> None:
        self.starting = False
        self.query_one("#start", Button).disabled = False
        self.notify(message, severity="error", title="Not started")

    def action_back(self) -> None:
        self.app.back_to_campaigns(self.seed)
