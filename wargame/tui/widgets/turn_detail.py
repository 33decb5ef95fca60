"""One turn of a replayed game, in sections: orders, messages, interventions, outcomes with their rationale."""

from __future__ import annotations

from typing import Literal

import attrs
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Static

Mark = Literal["", "success", "failure", "warning", "accent"]


@attrs.frozen
class Line:
    """One sentence to show: a main item, or a consequence of the item above it (`sub`)."""

    text: str
    sub: bool = False
    mark: Mark = ""
    note: str = ""


@attrs.frozen
class Section:
    """A titled list of lines; `empty` is said when there are none."""

    title: str
    lines: tuple[Line, ...] = ()
    empty: str = "nothing"


class TurnDetail(Vertical):
    """Draws the sections it is given; the screen decides what the viewer may see."""

    DEFAULT_CSS = """
    TurnDetail { height: auto; }
    TurnDetail > .section-title { margin-top: 1; text-style: bold; color: $accent; }
    TurnDetail > .empty { color: $text-muted; padding-left: 2; }
    TurnDetail > .line { padding-left: 1; border-left: outer $primary 50%; }
    TurnDetail > .line.sub { margin-left: 2; color: $text-muted; border-left: none; padding-left: 1; }
    TurnDetail > .line.-success { border-left: outer $success; }
    TurnDetail > .line.-failure { border-left: outer $error; }
    TurnDetail > .line.-warning { border-left: outer $warning; }
    TurnDetail > .line.-accent { border-left: outer $accent; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sections: tuple[Section, ...] = ()

    async def show(self, sections: tuple[Section, ...]) -> None:
        """Replace what is shown with `sections` (awaited, so a quick series of steps stays in order)."""
        self.sections = sections
        widgets: list[Static] = []
        for section in sections:
            widgets.append(Static(escape(section.title), classes="section-title"))
            if not section.lines:
                widgets.append(Static(escape(section.empty), classes="empty"))
            for line in section.lines:
                text = escape(line.text)
                if line.note:
                    text += f"  [$text-muted italic]({escape(line.note)})[/]"
                classes = "line" + (" sub" if line.sub else "") + (f" -{line.mark}" if line.mark else "")
                widgets.append(Static(text, classes=classes))
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)

    @property
    def plain(self) -> str:
        """Everything shown, as plain text (for tests and for copying)."""
        out = []
        for section in self.sections:
            out.append(section.title)
            out += [line.text + (f" ({line.note})" if line.note else "") for line in section.lines] or [section.empty]
        return "\n".join(out)
