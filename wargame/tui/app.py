"""The wargame Textual app: starts or resumes a game and walks it through its turns."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from .. import __version__
from ..problems import ProblemsFound
from ..session import Session, SessionError
from .commands import APP_COMMANDS, Command, bindings


class BaseApp(App):
    """What every wargame app shares: the style sheet, one game screen at a time, help and the palette."""

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame"
    BINDINGS = bindings(APP_COMMANDS)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def show(self, screen: Screen) -> None:
        """Replace the current game screen, so the previous team's screen is gone, not hidden."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- help and palette ---------------------------------------------------------------------------------
    def screen_commands(self, screen: Screen) -> tuple[Command, ...]:
        return tuple(getattr(screen, "COMMAND_TABLE", ()))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen_commands(self.screen), APP_COMMANDS))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for command in self.screen_commands(screen):
            yield SystemCommand(command.title, command.help, lambda a=command.action, s=screen: s.run_action(a))
        yield SystemCommand("Help", "List every key and command of this screen", self.action_help)


class WargameApp(BaseApp):
    """Hot-seat play at one terminal: setup, handovers, team screens, adjudication, the end."""

    def __init__(
        self,
        campaign: str | None = None,
        resume: str | None = None,
        seed: int | None = None,
        session: Session | None = None,
        show_odds: str = "",
    ):
        super().__init__()
        self.show_odds = show_odds  # --show-odds: what the setup screen offers first
        self.campaign_path = campaign
        self.resume_path = resume
        self.seed = seed
        self.session: Session | None = session
        self.unlocked = False
        self.argued: set[tuple[int, str]] = set()  # (turn, team): who has had its argument round

    def on_mount(self) -> None:
        from .screens.picker import PickerScreen
        from .screens.setup import SetupScreen

        if self.session is not None:
            self.advance()
        elif self.resume_path:
            try:
                self.session = Session.resume(self.resume_path)
            except ProblemsFound as found:
                self.exit(message="\n".join(str(p) for p in found.problems), return_code=1)
                return
            self.notify(self.resumed_note(self.session))
            self.advance()
        elif self.campaign_path:
            self.push_screen(SetupScreen(self.campaign_path, self.seed))
        else:
            self.push_screen(PickerScreen(self.seed))

    def back_to_campaigns(self, seed: int | None) -> None:
        """From setup back to the campaign list: the one it came from, or a new one when setup was opened first."""
        from .screens.picker import PickerScreen

        stack = self.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], PickerScreen):
            self.pop_screen()
        else:
            self.switch_screen(PickerScreen(seed))

    def resumed_note(self, session: Session) -> str:
        """What a resumed save holds: a game to go on with at its turn, or one that is already over;
        and which wargame made it, when another (`play --resume` has checked that it reproduces)."""
        if session.ended:
            from .screens.end import HEADLINES

            headline = HEADLINES.get(session.ended, "The game is over")
            note = f"{self.resume_path}: this game is over ({headline.lower()}); here is how it ended."
        else:
            note = f"Resumed {self.resume_path} at turn {session.turn} of {session.last_turn}."
        made_by = session.snapshot().engine_version
        if made_by != __version__:
            note += f" It was made by wargame {made_by}; this is wargame {__version__}."
        return note

    # -- the flow of a game ---------------------------------------------------------------------
    def start_game(self, session: Session) -> None:
        self.session = session
        self.unlocked = not session.has_passphrase()
        self.advance()

    def advance(self) -> None:
        """Show whatever comes next: a handover to the next human team, adjudication, or the end."""
        from .screens.adjudication import AdjudicationScreen
        from .screens.end import EndScreen
        from .screens.handover import HandoverScreen

        session = self.session
        assert session is not None
        if session.ended:
            # More than one path may report the end (the commit, and the screen it replaced); one end screen.
            if not (isinstance(self.screen, EndScreen) and self.screen.session is session):
                self.show(EndScreen(session))
            return
        waiting = [t for t in session.humans() if t not in session.pending]
        if waiting:
            self.show(HandoverScreen(session, waiting[0]))
            return
        self.run_safely(session.submit_bots)
        from .screens.argument import waiting_to_argue

        arguing = waiting_to_argue(session, self.argued)
        if arguing:  # the argument round: every team that may read a free-form move counters it or passes
            self.show(HandoverScreen(session, arguing[0], argument=True))
            return
        self.show(AdjudicationScreen(session))

    def run_safely(self, action, *args) -> bool:
        """Run a session call; a refusal or a failed write becomes a notification, never a traceback."""
        try:
            action(*args)
        except SessionError as exc:
            self.notify(str(exc), severity="error", title="Not done")
            return False
        except OSError as exc:
            self.notify(f"Could not save: {exc.strerror or exc}", severity="error", title="Save failed")
            return False
        return True

    # -- facilitator access ---------------------------------------------------------------------------
    def with_facilitator(self, then) -> None:
        """Run `then` once the facilitator passphrase (if one was set) has been given this session."""
        from .dialogs.passphrase import PassphraseDialog

        if self.unlocked or self.session is None or not self.session.has_passphrase():
            then()
            return

        def checked(ok: bool | None) -> None:
            if ok:
                self.unlocked = True
                then()

        self.push_screen(PassphraseDialog(self.session.check_passphrase), checked)

    def lock_facilitator(self) -> None:
        if self.session is not None and self.session.has_passphrase():
            self.unlocked = False
