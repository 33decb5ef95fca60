"""`wargame run --from SAVE --turn N`: a "what if" played headless from a turn of a saved game.

The turns before N are the parent's, checked to reproduce; from turn N on, bots play (the parent's
personas, or those given with --bot; teams people played in the parent go to their campaign
persona) and an orders file may replace any team's orders for the turns it scripts.
"""

from __future__ import annotations

from pathlib import Path

from .persistence.orders_file import load_orders
from .persistence.saves import load_save
from .problems import Problem, ProblemsFound


class ForkUsage(ValueError):
    """Flags that do not go with --from; the message says which and why."""


def run_from(args, parse_bots, play_headless) -> int:
    """Fork `args.from_save` before turn `args.turn`, play it to its end headless, and save it."""
    from .session import Session, SessionError

    for flag, value in (("a CAMPAIGN", args.campaign), ("--seed", args.seed), ("--turns", args.turns)):
        if value is not None:
            raise ForkUsage(f"{flag} cannot be given with --from: a fork keeps its parent's campaign, seed and length")
    if args.turn is None:
        raise ForkUsage("--from needs --turn N, the first turn to play anew (1 replays the whole game)")
    loaded = load_save(args.from_save)
    played = len(loaded.save.turns)
    if not 1 <= args.turn <= played + 1:
        raise ProblemsFound([Problem(args.from_save, f"has turns 1 to {played}; --turn must be between 1 and {played + 1}, got {args.turn}")])
    campaign = loaded.campaign.campaign
    teams = tuple(t.id for t in campaign.teams)
    bots = parse_bots(args.bot, teams)
    # Nobody sits at a terminal in a headless run: teams people played go to their bots.
    for team in loaded.save.settings.humans:
        bots.setdefault(team, campaign.team(team).persona)
    script = load_orders(args.orders, campaign, loaded.save.settings.turns) if args.orders else None
    if script is not None:
        early = [
            Problem(args.orders, f"turn {t.turn} comes before the fork's first turn {args.turn}; a fork replaces orders from turn {args.turn} on", at=f"turns[{i}].turn")
            for i, t in enumerate(script.turns) if t.turn < args.turn
        ]
        if early:
            raise ProblemsFound(early)
    save = Path(args.save)
    if save.is_dir():
        raise ProblemsFound([Problem(args.save, "is a folder; give the save a file name, such as saves/what-if.toml")])
    if save.exists() and not args.force:
        raise ProblemsFound([Problem(args.save, "already exists; choose another path, or pass --force to overwrite it")])
    if save.exists() and save.resolve() == Path(args.from_save).resolve():
        raise ProblemsFound([Problem(args.save, "is the save being forked, which is never changed; choose another path")])
    try:
        session = Session.fork(args.from_save, args.turn - 1, args.save, bots=bots, humans=(), overwrite=args.force)
    except SessionError as exc:
        raise ProblemsFound([Problem(args.from_save, str(exc))]) from None
    except OSError as exc:
        raise ProblemsFound([Problem(args.save, f"cannot write the save: {exc.strerror or exc}")]) from None
    seats = ", ".join(f"{t}={session.persona(t)}" for t in teams)
    print(f"{campaign.title} — a fork of {args.from_save} from turn {args.turn} (seed {session.seed}; bots: {seats})")
    try:
        play_headless(session, script, args)
    except OSError as exc:
        raise ProblemsFound([Problem(args.save, f"cannot write the save: {exc.strerror or exc}")]) from None
    ending = next(e for e in reversed(session.log) if e.__class__.__name__ == "GameEnded")
    print(session.describe(ending, "facilitator"))
    print(f"saved to {args.save}")
    return 0
