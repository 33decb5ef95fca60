"""Nobody where they don't belong: a team's screen never shows another team's secret orders or messages,
and the facilitator console stays shut without the passphrase."""

from __future__ import annotations

import asyncio
import html
import io
import re
import tempfile
from pathlib import Path

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import DataTable, Input, Markdown, Static

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.bots import PERSONAS
from wargame.core.orders import FreeformOrder, MessageOrder, MoveOrder, TeamOrders
from wargame.core.views import visible
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = load_campaign(str(ROOT / "campaigns" / "tutorial.toml"))
TEAMS = [t.id for t in TUTORIAL.campaign.teams]
VISIBILITY = {m.id: m.visibility for m in TUTORIAL.campaign.moves}
SIZE = (140, 50)


def plain(renderable) -> str:
    """The text a Rich renderable or Textual content shows, without styles."""
    if isinstance(renderable, str):
        return renderable
    if hasattr(renderable, "plain"):
        return renderable.plain
    console = Console(width=400, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def screen_text(app) -> str:
    """Everything the current screen holds for display, in every tab, scrolled into view or not, and what
    is drawn on the terminal right now."""
    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(plain(widget.content))
        elif isinstance(widget, DataTable):
            for key in widget.rows:
                parts += [plain(cell) for cell in widget.get_row(key)]
        elif isinstance(widget, Markdown):
            parts.append(widget.source or "")
        elif isinstance(widget, Input):
            parts.append(widget.value)
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text [^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        lines.setdefault(y, []).append(html.unescape(text))
    parts += ["".join(line) for line in lines.values()]
    return "\n".join(parts)


def strings_in(event: ev.Event) -> set[str]:
    return {v for v in attrs.asdict(event, recurse=False).values() if isinstance(v, str) and len(v) >= 6}


def secret_orders(session: Session, team: str, viewer: str, tag: str) -> TeamOrders:
    """Secret and detectable moves, a free-form move, and messages to everyone but `viewer`, each marked with `tag`."""
    moves = [
        MoveOrder(o.move, o.target or None) for o in session.options(team)
        if not o.refusal and VISIBILITY[o.move] != "public"
    ][:2]
    view = session.view(team)
    messages = []
    for channel in view.channels:
        members = getattr(channel, "members", ())
        to = tuple(t for t in members if t not in (team, viewer))
        if to:
            messages.append(MessageOrder(channel.id, f"{tag}-MESSAGE on {channel.id}", to))
    return TeamOrders(
        team, moves=tuple(moves), messages=tuple(messages),
        freeform=(FreeformOrder(f"{tag}-ACTION covert", f"{tag}-ARGUMENT because"),),
    )


async def shown_to(session: Session, viewer: str) -> str:
    app = WargameApp(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == viewer
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == viewer
        return screen_text(app)


pairs = st.sampled_from([(a, b) for a in TEAMS for b in TEAMS if a != b])


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), holder_viewer=pairs, turns=st.integers(1, 3), persona=st.sampled_from(PERSONAS))
def test_no_team_screen_ever_shows_another_teams_secret_orders_or_messages(seed, holder_viewer, turns, persona):
    holder, viewer = holder_viewer
    third = next(t for t in TEAMS if t not in holder_viewer)
    with tempfile.TemporaryDirectory() as folder:
        session = Session.start(
            TUTORIAL, seed, humans=[holder, viewer], bots={third: persona}, path=str(Path(folder) / "g.toml"),
        )
        for turn in range(1, turns + 1):
            session.submit(secret_orders(session, holder, viewer, f"SECRET{seed}T{turn}"))
            session.submit(session.bot_orders(viewer, "random"))
            session.submit_bots()
            session.commit()
            if session.ended:
                break
        assume(not session.ended)
        pending = secret_orders(session, holder, viewer, f"PENDING{seed}")
        session.submit(pending)  # journalled, not yet adjudicated: nobody else may see any of it
        text = asyncio.run(shown_to(session, viewer))

    seen = [e for e in session.log if visible(e, viewer)]
    unseen = [e for e in session.log if not visible(e, viewer)]
    known = {session.describe(e) for e in seen} | {s for e in seen for s in strings_in(e)}
    secret = {f"PENDING{seed}-MESSAGE", f"PENDING{seed}-ACTION", f"PENDING{seed}-ARGUMENT"}
    secret |= {session.describe(e) for e in unseen} | {s for e in unseen for s in strings_in(e) if "SECRET" in s}
    leaked = sorted(s for s in secret - known if s and s in text)
    assert leaked == [], f"{viewer}'s screen shows what only others know: {leaked}"
    # The extraction sees the screen: the team's own news is there.
    news = [session.describe(e) for e in seen if not isinstance(e, ev.TurnCompleted)]
    assert any(sentence in text for sentence in news)


async def test_the_facilitator_console_needs_the_passphrase_from_a_team_screen(tmp_path):
    session = Session.start(TUTORIAL, 2, humans=["blue", "red"], path=str(tmp_path / "g.toml"), passphrase="white cell")
    app = WargameApp(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseDialog"

        async def answer(words: str) -> None:
            box = app.screen.query_one("#passphrase", Input)
            box.value = words
            box.focus()
            await pilot.press("enter")
            await pilot.pause()

        await answer("red cell")
        assert type(app.screen).__name__ == "PassphraseDialog"  # still asking, console shut
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("f2")
        await pilot.pause()
        await answer("white cell")
        assert type(app.screen).__name__ == "FacilitatorScreen"
