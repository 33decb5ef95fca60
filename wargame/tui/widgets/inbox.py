"""A team's inbox: messages that reached it, what it sent, and proposals with their terms, state and answer keys."""

from __future__ import annotations

import attrs
from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@attrs.frozen
class Letter:
    """One message as the inbox shows it, written from the reading team's side."""

    turn: int
    route: str  # "from Korvath Federation" or "you → Korvath Federation"
    channel: str  # the channel's name
    text: str
    proposal: str = ""  # the proposal's id, when the message is one
    terms: str = ""  # what it proposes: "mutual stand-down on Meridia–Korvath"
    state: str = ""  # open, accepted, rejected, lapsed, awaiting an answer
    answerable: bool = False  # an open proposal this team may answer now
    due: str = ""  # "answer this turn" / "answer by turn 3"


class Inbox(OptionList):
    """One entry per message, newest first, text wrapped; on an open proposal `a` accepts and `r` rejects it
    (for this turn's orders; pressing again changes the answer)."""

    BINDINGS = [
        Binding("a", "answer(True)", "Accept proposal", show=False),  # shown on the proposal itself
        Binding("r", "answer(False)", "Reject proposal", show=False),
    ]
    DEFAULT_CSS = "Inbox { height: 1fr; border: none; padding: 0 1; } Inbox:focus { border: none; }"

    class Answered(Message):
        def __init__(self, proposal: str, accept: bool):
            super().__init__()
            self.proposal = proposal
            self.accept = accept

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.letters: list[Letter] = []

    def show(self, letters: list[Letter], answers: dict[str, bool]) -> None:
        keep = self.highlighted
        self.letters = list(letters)
        self.clear_options()
        if not letters:
            self.add_option(Option(Text("No messages yet. Ctrl+T sends one over a channel.", style="dim"), disabled=True))
            return
        for i, letter in enumerate(letters):
            self.add_option(Option(self.render_letter(letter, answers), id=f"letter-{i}"))
            if i < len(letters) - 1:
                self.add_option(None)  # a rule between messages (not an option of its own)
        if keep is not None:
            self.highlighted = min(keep, self.option_count - 1)
        else:
            # Start on the first proposal still waiting for this team's answer: it is what needs doing.
            waiting = next((i for i, x in enumerate(letters) if x.answerable and x.proposal not in answers), 0)
            self.highlighted = waiting

    def letter_at(self, index: int | None) -> Letter | None:
        return self.letters[index] if index is not None and 0 <= index < len(self.letters) else None

    @staticmethod
    def render_letter(letter: Letter, answers: dict[str, bool]) -> Group:
        head = Text()
        head.append(f"Turn {letter.turn} · ", style="dim")
        head.append(letter.route, style="bold")
        if letter.channel:
            head.append(f" · on {letter.channel}", style="dim")
        parts = [head]
        if letter.proposal:
            line = Text()  # styled span by span: a Text's own style would colour the whole line
            line.append("Proposal: ", style="bold magenta")
            line.append(letter.terms or "a proposal", style="bold")
            line.append(f" — {letter.state}", style="bold" if letter.state == "open" else "dim")
            if letter.due and letter.answerable:
                line.append(f" ({letter.due})", style="yellow")
            parts.append(line)
        parts.append(Text(letter.text, style="italic" if letter.text.startswith("(") else ""))
        if letter.answerable:
            if letter.proposal in answers:
                verdict = "accept" if answers[letter.proposal] else "reject"
                keys = Text()
                keys.append(f"You will {verdict} it (staged)", style="bold green")
                keys.append(" · a accept · r reject to change", style="yellow")
            else:
                keys = Text("a accept · r reject", style="bold yellow")
            parts.append(keys)
        return Group(*parts)

    def action_answer(self, accept: bool) -> None:
        letter = self.letter_at(self.highlighted)
        if letter is not None and letter.answerable:
            self.post_message(self.Answered(letter.proposal, accept))
        else:
            self.app.bell()
            self.notify("Highlight an open proposal (↑/↓) to answer it.", severity="warning")
