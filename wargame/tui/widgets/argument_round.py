"""The argument round for one team: each free-form move it may counter, a box for its counter-argument and, where the teams vote the odds, a word."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static, TextArea

from ...core.arguments import OpenMove
from ...core.orders import CounterArgument

COUNTER_LIMIT = 1000


class ArgumentRound(Vertical):
    """Draws the moves it is given (plain values, so a network client draws it as hot seat does);
    `counters()` reads the answers back, leaving out the moves passed on (nothing written, no vote)."""

    DEFAULT_CSS = """
    ArgumentRound { height: auto; }
    ArgumentRound .open-move { margin-top: 1; }
    ArgumentRound TextArea { height: 3; background: $boost; }
    ArgumentRound Select { width: 40; }
    """

    def __init__(self, moves: Sequence[OpenMove], words: Sequence[str], given: Sequence[CounterArgument] = (), **kwargs):
        super().__init__(**kwargs)
        self.moves = tuple(moves)
        self.words = tuple(words)
        self.given = {(c.mover, c.index): c for c in given}

    def compose(self) -> ComposeResult:
        for n, move in enumerate(self.moves):
            before = self.given.get((move.mover, move.index))
            yield Static(Text(move.text), classes="open-move")
            yield TextArea(
                before.text if before else "", id=f"counter-{n}", soft_wrap=True, compact=True, tab_behavior="focus",
                placeholder="Why it should fail (leave empty to pass)",
            )
            if move.votes:
                options = [("(no vote)", ""), *((w, w) for w in self.words)]
                value = before.odds if before and before.odds in self.words else ""
                yield Static("Odds in your judgement (your vote)", classes="muted")
                yield Select(options, value=value, id=f"vote-{n}", allow_blank=False, compact=True)

    def counters(self) -> tuple[CounterArgument, ...] | str:
        """The counter-arguments and votes as given, or what is wrong in words."""
        out = []
        for n, move in enumerate(self.moves):
            text = self.query_one(f"#counter-{n}", TextArea).text.strip()
            if len(text) > COUNTER_LIMIT:
                return f"A counter-argument is {len(text)} characters; shorten it to {COUNTER_LIMIT} or fewer."
            odds = str(self.query_one(f"#vote-{n}", Select).value or "") if move.votes else ""
            if text or odds:
                out.append(CounterArgument(move.mover, move.index, text, odds))
        return tuple(out)
