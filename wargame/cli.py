"""The command line: parse arguments, call the campaign loader, the session and the reports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from .output_file import deliver
from .problems import Problem, ProblemsFound


def _json_dumps(value, **kwargs) -> str:
    import json  # only the commands that print JSON pay for it

    return json.dumps(value, **kwargs)


def _count(n: int, one: str, many: str) -> str:
    """'1 treaty', '3 treaties'."""
    return f"{n} {one if n == 1 else many}"


def _random_seed() -> int:
    import secrets

    return secrets.randbelow(10**9)


class UsageError(Exception):
    """Bad flags or arguments: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print and exit; we keep control of the exit code
        raise UsageError(f"{self.format_usage().rstrip()}\n{self.prog}: error: {message}\nTry '{self.prog} --help'.")


def _command(sub, name: str, summary: str) -> argparse.ArgumentParser:
    """A subcommand whose --help opens with the line `wargame --help` lists for it."""
    return sub.add_parser(name, help=summary, description=summary[:1].upper() + summary[1:] + ".")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every subcommand, or only `command`'s when the line starts with it.

    Such a line can only be parsed by that subcommand, and building all of them takes longer than
    checking a campaign does; each is built the same way either way, so help and errors match.
    """
    p = _Parser(
        prog="wargame",
        description="A crisis-management seminar wargame for the terminal.",
        epilog="Start with: wargame play (pick a bundled campaign, set up the teams, play). "
        "Each command has its own help: wargame COMMAND --help.",
    )
    from . import __version__
    from .engine_choice import version_action

    p.add_argument("--version", action=version_action(__version__))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add_subcommand in _SUBCOMMANDS.items():
        if command in (None, name):
            add_subcommand(sub)
    p.set_defaults(parsers=sub.choices)
    return p


SHOW_ODDS = ("exact", "words", "hidden")
"""What teams may be shown of chances (`rules.show_odds`)."""


def _add_play(sub) -> None:
    play = _command(sub, "play", "play at this terminal (the TUI)")
    play.add_argument("campaign", nargs="?", help="campaign TOML; without it, pick a bundled one")
    play.add_argument("--resume", metavar="SAVE", help="go on with a saved game")
    play.add_argument("--seed", type=int, help="the game's seed: the same seed and orders give the same game (default: a random one)")
    play.add_argument("--show-odds", choices=SHOW_ODDS, help="what teams see of chances: numbers, words or nothing (default: as the campaign says)")


def _add_validate(sub) -> None:
    val = _command(sub, "validate", "check campaigns and report every problem")
    val.add_argument("campaigns", nargs="+", metavar="CAMPAIGN")
    val.add_argument("--json", action="store_true", help="print a JSON list, one entry per file")
    val.add_argument("--strict", action="store_true", help="count design warnings as errors")


def _add_run(sub) -> None:
    run = _command(sub, "run", "play a whole game headless, with bots and scripted orders")
    run.add_argument("campaign", nargs="?", help="campaign TOML (or --from SAVE)")
    run.add_argument("--from", dest="from_save", metavar="SAVE", help="play on from a turn of a saved game (a fork; with --turn N)")
    run.add_argument("--turn", type=int, metavar="N", help="with --from: the first turn to play anew; earlier turns are the save's")
    run.add_argument("--orders", metavar="FILE", help="TOML of scripted orders, turn by turn")
    run.add_argument("--bot", action="append", default=[], metavar="PERSONA|TEAM=PERSONA")
    run.add_argument("--seed", type=int, help="the game's seed: the same seed and orders give the same game (default: a random one)")
    run.add_argument("--turns", type=int, help="stop after this many turns")
    run.add_argument("--save", required=True, metavar="PATH")
    run.add_argument("--force", action="store_true", help="overwrite an existing save at PATH")
    run.add_argument("--explain", metavar="TEAM", help="print, each turn, why this team's bot chose each order (its options, scores and the weights that decided)")


def _add_replay(sub) -> None:
    rep = _command(sub, "replay", "show or verify a saved game")
    rep.add_argument("save")
    rep.add_argument("--verify", action="store_true", help="re-adjudicate every turn and compare")
    rep.add_argument("--turn", type=int)
    rep.add_argument("--team", help="what this team could know")
    rep.add_argument("--text", action="store_true", help="print the timeline instead of opening the viewer")


def _add_simulate(sub) -> None:
    sim = _command(sub, "simulate", "play many bot games and report how the campaign plays")
    sim.add_argument("campaign", nargs="?", help="campaign TOML (or --from SAVE)")
    sim.add_argument("--from", dest="from_save", metavar="SAVE", help="play a saved game on from --turn N, --runs times, and compare its actual outcome")
    sim.add_argument("--turn", type=int, metavar="N", help="with --from: the first turn played anew; earlier turns are the save's")
    sim.add_argument("--runs", type=int, required=True)
    sim.add_argument("--seed", type=int, default=1, help="the seed every game's seed derives from: the same seed gives the same figures (default: 1)")
    sim.add_argument(
        "--jobs", type=int,
        help="worker processes (default: one per core, up to 8, from 100 runs; the result does not depend on it)",
    )
    sim.add_argument("--bot", action="append", default=[], metavar="PERSONA|TEAM=PERSONA")
    sim.add_argument("--json", action="store_true", help="print the result as JSON")
    sim.add_argument(
        "--set", action="append", default=[], metavar="PATH=VALUE", dest="settings",
        help="change a campaign value for this run, e.g. channels.*.reliability=0 (repeatable)",
    )
    from .ablations import ABLATIONS

    sim.add_argument(
        "--vary", action="append", default=[], metavar="PATH=LOW:HIGH[:STEPS]",
        help="a sensitivity study: play the campaign with PATH (as in --set) at STEPS values from LOW to HIGH "
        "(default 2), on the same seeds as the baseline, e.g. rules.accident_per_rung=0.01:0.05 (repeatable)",
    )
    sim.add_argument(
        "--ablate", action="append", default=[], metavar="MECHANISM", choices=tuple(ABLATIONS),
        help="a sensitivity study: play the campaign with MECHANISM switched off, on the same seeds (repeatable). "
        + "; ".join(f"{a.name}: {a.meaning}" for a in ABLATIONS.values()),
    )
    sim.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT|local:N",
        help="run the games on a Dask cluster (needs pip install 'wargame[cluster]'): a scheduler's address, "
        "or local:N to start N workers here; the figures are the same as with --jobs",
    )

    sim.add_argument(
        "--format", choices=("md", "html", "json"),
        help="the balance report as md, html (one page with charts) or json; default: the -o file's extension, else a short text",
    )
    sim.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    sim.add_argument(
        "--personas", metavar="P1,P2,…", type=lambda text: [p.strip() for p in text.split(",") if p.strip()],
        help="play every assignment of these personas to the teams, the same game seeds in each, and compare them",
    )
    sim.add_argument("--sample", type=int, metavar="N", help="with --personas: play N assignments drawn (by --seed) from all of them")
    sim.add_argument("--games", metavar="FILE.csv", dest="games_csv", help="write one row per game: index, seed, ending, turns, peak rung, scores …")
    sim.add_argument(
        "--save-game", nargs=2, metavar=("K", "DIR"),
        help="re-create game K of this run as a save in DIR, to open with wargame replay (plays that game only)",
    )


def _add_calibrate(sub) -> None:
    cal = _command(sub, "calibrate", "play history's crises with every persona and score how well the bots reproduce them")
    cal.add_argument("vignettes", nargs="*", metavar="VIGNETTE", help="a bundled vignette's name (cuba-1962) or a campaign file with [[history]]; none: every bundled vignette")
    cal.add_argument("--runs", type=int, default=200, help="games per persona and vignette (default: 200)")
    cal.add_argument("--seed", type=int, default=1, help="the seed every game's seed derives from (default: 1)")
    cal.add_argument("--format", choices=("md", "json"), default="md", help="Markdown tables (default) or JSON")


def _add_schema(sub) -> None:
    schema = _command(sub, "schema", "print the JSON Schema of the campaign format")
    schema.add_argument("--write-docs", metavar="GUIDE", help="instead, rewrite the key tables of GUIDE (docs/campaign-format.md) from wargame/campaign/keys.py")


def _add_lsp(sub) -> None:
    lsp = _command(sub, "lsp", "serve the campaign language server on stdin/stdout, for editors")
    lsp.add_argument("--stdio", action="store_true", help="the only transport; accepted because editors pass it")


def _add_new(sub) -> None:
    new = _command(sub, "new", "write a commented starter campaign that validates")
    new.add_argument("name", help="a name (written to campaigns/NAME.toml) or a path ending in .toml")


def _add_host(sub) -> None:
    host = _command(sub, "host", "host a game that teams join from their own terminals")
    host.add_argument("campaign", nargs="?", help="campaign TOML (or --resume SAVE)")
    host.add_argument("--resume", metavar="SAVE", help="go on hosting a saved game; the teams keep their codes")
    host.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    host.add_argument("--bind", default="127.0.0.1", metavar="ADDR", help="address to listen on (default 127.0.0.1; 0.0.0.0 for every network)")
    host.add_argument("--public-host", metavar="NAME", help="the host name or address teams dial, for the join lines")
    host.add_argument("--bot", action="append", default=[], metavar="TEAM=PERSONA", help="a bot plays TEAM; every other team is human")
    host.add_argument("--seed", type=int, help="the game's seed: the same seed and orders give the same game (default: a random one)")
    host.add_argument("--turns", type=int, help="stop after this many turns")
    host.add_argument("--show-odds", choices=SHOW_ODDS, help="what teams see of chances: numbers, words or nothing (default: as the campaign says)")
    host.add_argument("--save", metavar="PATH", help="where to save (default: saves/CAMPAIGN-DATE-TIME.toml)")
    host.add_argument("--force", action="store_true", help="overwrite an existing save at PATH")
    host.add_argument("--new-codes", action="store_true", help="with --resume: new codes for every team (the old ones stop working)")
    host.add_argument("--headless", action="store_true", help="no facilitator console: join lines on stdout, a log on stderr")
    host.add_argument("--auto-odds", action="store_true", help="with --headless: roll free-form moves on the campaign's default odds instead of refusing them")
    host.add_argument("--cert", metavar="FILE", help="TLS certificate (PEM), with --key: teams join with wss://")
    host.add_argument("--key", metavar="FILE", help="TLS private key (PEM)")
    host.add_argument("--web", action="store_true", help="also serve the join screen to browsers (textual-serve), on --web-port")
    host.add_argument("--web-port", type=int, metavar="N", help="port for --web (default: --port + 1; 0: any free port)")


def _add_join(sub) -> None:
    join = _command(sub, "join", "join a hosted game from this terminal, as a team or as an observer")
    join.add_argument("url", metavar="URL", help="the host's address from the join line, ws://HOST:PORT (wss:// with TLS)")
    join.add_argument("--team", metavar="ID", help="the team to play (without it, the join screen asks)")
    join.add_argument("--code", metavar="CODE", help="the team's join code (without it, the join screen asks)")
    join.add_argument("--observer", action="store_true", help="watch only: the ladder and public news, for the projector")
    join.add_argument("--cafile", metavar="FILE", help="trust this certificate (a host's self-signed --cert) for wss://")


REPORT_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
"""The report format each file name ending stands for: `report -o aar.html` writes HTML."""


def _add_report(sub) -> None:
    report = _command(sub, "report", "the after-action report of a saved game")
    report.add_argument("save")
    report.add_argument(
        "--format", choices=("md", "json", "html", "csv"),
        help="md (Markdown), html (one page to project or print), json (for analysis, see docs/report-json.md) "
        "or csv (one row per turn, for spreadsheets); default: the -o file's extension (.md, .html, .json, .csv); md on stdout",
    )
    report.add_argument("--events", action="store_true", help="with csv: one row per event instead of one per turn")
    report.add_argument("--team", metavar="ID", help="only what this team could know")
    report.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    report.add_argument(
        "--unverified", action="store_true",
        help="write the report even if the save does not reproduce when re-adjudicated; it then says so at its top",
    )


def _add_compare(sub) -> None:
    compare = _command(sub, "compare", "two games of one campaign, or a fork and its parent, side by side")
    compare.add_argument("a", metavar="A", help="a save")
    compare.add_argument("b", metavar="B", help="another save of the same campaign (e.g. a fork of A)")
    compare.add_argument("--format", choices=("md", "json", "html"), help="md, html or json; default: the -o file's extension; md on stdout")
    compare.add_argument("-o", "--output", metavar="FILE", help="write the comparison to FILE instead of stdout")
def _add_annotate(sub) -> None:
    note = _command(sub, "annotate", "add, list or delete the white cell's notes on the turns of a saved game")
    note.add_argument("save")
    note.add_argument("text", nargs="?", help="the note (quote it); without it, --turn N lists that turn's events, numbered")
    note.add_argument("--turn", type=int, metavar="N", help="the turn the note is on")
    note.add_argument("--event", type=int, metavar="K", default=0, help="the event of that turn it is on (see the numbers without a note)")
    note.add_argument("--share", action="store_true", help="show the note in the teams' reports too (else only the white cell's)")
    note.add_argument("--list", action="store_true", help="list the notes, numbered")
    note.add_argument("--delete", type=int, metavar="NUMBER", help="delete the note with this number (see --list)")
def _add_pack(sub) -> None:
    pack = _command(sub, "pack", "write printable handouts: a pack per team and the white-cell sheet")
    pack.add_argument("campaign")
    pack.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into (made if missing)")
    pack.add_argument("--force", action="store_true", help="overwrite handouts already in DIR")


# Each subcommand's arguments, in the order `wargame --help` lists the subcommands.
_SUBCOMMANDS = {
    "play": _add_play,
    "validate": _add_validate,
    "run": _add_run,
    "replay": _add_replay,
    "simulate": _add_simulate,
    "calibrate": _add_calibrate,
    "schema": _add_schema,
    "lsp": _add_lsp,
    "new": _add_new,
    "host": _add_host,
    "join": _add_join,
    "report": _add_report,
    "compare": _add_compare,
    "annotate": _add_annotate,
    "pack": _add_pack,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(argv[0] if argv and argv[0] in _SUBCOMMANDS else None)
    try:
        args, unknown = parser.parse_known_args(argv)
        if args.command == "annotate" and args.text is None and len(unknown) == 1 and not unknown[0].startswith("-"):
            args.text, unknown = unknown[0], []  # `annotate SAVE --turn N "text"`: the note after the options
        if unknown:  # argparse would blame `wargame`; the usage that helps is the command's own
            (args.parsers.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(unknown)}")
        if args.command is None:
            parser.print_help()
            return 2
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except ProblemsFound as found:
        for problem in found.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("wargame: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a message, never a traceback
        print(f"wargame: internal error: {type(exc).__name__}: {exc}\nPlease report this, with the command you ran.", file=sys.stderr)
        return 1


def _validate(args) -> int:
    from .campaign.loader import load_campaign

    results = []
    failed = False
    for path in args.campaigns:
        try:
            loaded = load_campaign(path)
        except ProblemsFound as found:
            failed = True
            results.append({"path": path, "ok": False, "errors": [p.as_json() for p in found.problems], "warnings": [], "summary": None})
            if not args.json:
                for p in found.problems:
                    print(p, file=sys.stderr)
            continue
        warnings = list(loaded.warnings)
        if args.strict:
            warnings = [attrs.evolve(w, severity="error") for w in warnings]
        if not args.json:
            for w in warnings:
                print(w, file=sys.stderr)
        if args.strict and warnings:
            failed = True
            results.append({"path": path, "ok": False, "errors": [w.as_json() for w in warnings], "warnings": [], "summary": None})
            continue
        c = loaded.campaign
        summary = {
            "title": c.title, "teams": len(c.teams), "moves": len(c.moves), "rungs": len(c.rungs),
            "channels": len(c.channels), "treaties": len(c.treaties), "injects": len(c.injects), "turns": c.turns,
        }
        results.append({"path": path, "ok": True, "errors": [], "warnings": [w.as_json() for w in warnings], "summary": summary})
        if not args.json:
            counted = ", ".join(
                _count(summary[key], one, many)
                for key, one, many in (
                    ("teams", "team", "teams"), ("turns", "turn", "turns"), ("rungs", "rung", "rungs"),
                    ("moves", "move", "moves"), ("channels", "channel", "channels"),
                    ("treaties", "treaty", "treaties"), ("injects", "inject", "injects"),
                )
            )
            flagged = f" with {_count(len(warnings), 'warning', 'warnings')}" if warnings else ""
            print(f"{path}: ok{flagged} — “{c.title}”: {counted}")
    if args.json:
        print(_json_dumps(results, indent=2, ensure_ascii=False))
    return 1 if failed else 0


def _parse_bots(flags: list[str], teams: tuple[str, ...], command: str = "run") -> dict[str, str]:
    from .core.bots import PERSONAS

    bots: dict[str, str] = {}
    for flag in flags:
        team, _, persona = flag.rpartition("=")
        if persona not in PERSONAS:
            raise UsageError(f"wargame {command}: --bot {flag}: unknown persona \"{persona}\" (personas: {', '.join(PERSONAS)})")
        if team and team not in teams:
            raise UsageError(f"wargame {command}: --bot {flag}: no team \"{team}\" (teams: {', '.join(teams)})")
        for t in [team] if team else teams:
            bots[t] = persona
    return bots


def _run(args) -> int:
    from .campaign.loader import load_campaign
    from .session import Session, SessionError

    if args.from_save is not None or args.turn is not None:
        from .forking import ForkUsage, run_from

        try:
            if args.from_save is None:
                raise ForkUsage("--turn goes with --from SAVE")
            return run_from(args, _parse_bots, _play_headless)
        except ForkUsage as exc:
            raise UsageError(f"wargame run: {exc}") from None
    if args.campaign is None:
        raise UsageError("wargame run: give a CAMPAIGN, or --from SAVE --turn N to play on from a saved game")

    loaded = load_campaign(args.campaign)
    teams = tuple(t.id for t in loaded.campaign.teams)
    bots = _parse_bots(args.bot, teams)
    last_turn = args.turns if args.turns is not None else loaded.campaign.turns
    if args.explain is not None and args.explain not in teams:
        raise UsageError(f"wargame run: --explain {args.explain}: no team \"{args.explain}\" (teams: {', '.join(teams)})")
    script = None
    if args.orders:
        from .persistence.orders_file import load_orders

        script = load_orders(args.orders, loaded.campaign, last_turn)
    seed = args.seed if args.seed is not None else _random_seed()
    save = Path(args.save)
    if save.is_dir():
        raise ProblemsFound([Problem(args.save, "is a folder; give the save a file name, such as saves/game.toml")])
    if save.exists() and not args.force:
        raise ProblemsFound([Problem(args.save, "already exists; choose another path, or pass --force to overwrite it")])
    try:
        # Started without a path, so that the first write is turn 1's commit: a headless run saves
        # once a turn (see _play_headless), and the game before turn 1 holds nothing to keep.
        session = Session.start(loaded, seed, bots=bots, turns=args.turns)
        session.path = args.save
        print(f"{loaded.campaign.title} — seed {seed}")
        _play_headless(session, script, args)
    except SessionError as exc:
        raise ProblemsFound([Problem(args.campaign, str(exc))]) from None
    except OSError as exc:
        raise ProblemsFound([Problem(args.save, f"cannot write the save: {exc.strerror or exc}")]) from None
    ending = next(e for e in reversed(session.log) if e.__class__.__name__ == "GameEnded")
    print(session.describe(ending, "facilitator"))
    print(f"saved to {args.save}")
    return 0


def _play_headless(session, script, args) -> None:
    from .session import SessionError

    # Saved once a turn, at the commit: nothing here is a person's orders that a crash could lose.
    session.journal_orders = False
    while not session.ended:
        scripted = script.for_turn(session.turn) if script else None
        try:
            for orders in scripted.orders if scripted else ():
                session.submit(orders)
            if getattr(args, "explain", None):
                _explain(session, args.explain)
            session.submit_bots()
            record = session.commit(scripted.interventions if scripted else ())
        except SessionError as exc:
            index = script.turns.index(scripted) if script and scripted else 0
            raise ProblemsFound([Problem(args.orders or args.campaign, str(exc), at=f"turns[{index}]")]) from None
        outcomes = [e for e in record.events if e.__class__.__name__ == "MoveResolved"]
        successes = sum(1 for e in outcomes if e.success)
        crisis = session.campaign.rungs[session.state.crisis()].name
        print(f"turn {record.number}: {len(outcomes)} moves, {successes} succeeded; crisis at {crisis}")


def _explain(session, team: str) -> None:
    """Why `team`'s bot orders what it does this turn, printed before it orders it."""
    from .explain import explain_turn

    if team in session.pending:
        print(f"turn {session.turn}: {team} plays scripted orders this turn: no bot to explain")
    elif session.persona(team) is None:
        print(f"turn {session.turn}: {team} is played by people: no bot to explain")
    else:
        print(explain_turn(session, team))


def _load(path: str):
    from .persistence.saves import load_save

    return load_save(path)


def _check_viewer(loaded, team: str | None, path: str) -> str:
    from .core.views import FACILITATOR

    if team is None:
        return FACILITATOR
    ids = [t.id for t in loaded.campaign.campaign.teams]
    if team not in ids:
        raise ProblemsFound([Problem(path, f'no team "{team}" in this game (teams: {", ".join(ids)})')])
    return team


def _verified(path: str, loaded):
    """Re-adjudicate a save; print a notice when another version of wargame made it."""
    from .persistence.verification import engine_note, verify_save

    verification = verify_save(loaded)
    note = engine_note(path, loaded, verification)
    if note:
        print(note, file=sys.stderr)
    return verification


def _replay(args) -> int:
    from .core.views import seen
    from .persistence.verification import does_not_reproduce

    loaded = _load(args.save)
    save = loaded.save
    from .core.arguments import with_show_odds

    campaign = with_show_odds(loaded.campaign.campaign, save.settings.show_odds)  # as the teams were shown odds
    viewer = _check_viewer(loaded, args.team, args.save)
    if args.turn is not None and not args.verify and not any(r.number == args.turn for r in save.turns):
        raise ProblemsFound([Problem(args.save, f"no turn {args.turn}; the save has turns 1 to {len(save.turns)}")])
    verification = _verified(args.save, loaded)
    if args.verify:
        if not verification.reproduces:
            raise ProblemsFound([Problem(args.save, does_not_reproduce(loaded, verification))])
        print(f"{args.save}: ok — {len(save.turns)} turns re-adjudicated and identical (seed {save.seed})")
        return 0
    if not verification.reproduces:
        # Shown all the same: the replay is how a facilitator looks at what the file claims.
        problem = does_not_reproduce(loaded, verification)
        print(f"{args.save}: warning: {problem}; what follows is what the file records", file=sys.stderr)
    if not args.text and sys.stdout.isatty() and sys.stdin.isatty():
        from .tui.replay_app import ReplayApp

        app = ReplayApp(args.save, viewer=viewer, turn=args.turn)
        app.run()
        return app.return_code or 0
    shown = seen(campaign, [e for record in save.turns for e in record.events], viewer)
    for record in save.turns:
        if args.turn is not None and record.number != args.turn:
            continue
        print(f"== Turn {record.number} ==")
        for line in shown:
            if line.turn == record.number and line.kind != "turn_completed":
                print(f"  {line.text}")
    return 0


def _words(formats: tuple[str, ...], dot: str = "") -> str:
    """`md, html or json`, or with `dot` `.md, .html or .json`."""
    named = [dot + f for f in formats]
    return ", ".join(named[:-1]) + " or " + named[-1]


def _report_format(args, command: str = "report") -> str:
    """The format asked for, or the one the -o file's extension names; a usage error when they
    disagree or neither says (nothing has been read or written yet)."""
    if not args.output:
        return args.format or "md"
    if Path(args.output).is_dir():
        raise ProblemsFound([Problem(args.output, f"is a folder; give the report a file name, such as {Path(args.output) / 'aar.html'}")])
    suffix = Path(args.output).suffix.lower()
    formats = ("md", "html", "json", "csv") if command == "report" else ("md", "html", "json")
    named = REPORT_EXTENSIONS.get(suffix) if REPORT_EXTENSIONS.get(suffix) in formats else None
    kinds = {"md": "a Markdown", "html": "an HTML", "json": "a JSON", "csv": "a CSV"}
    if args.format is None:
        if named is None:
            what = f"“{suffix}” is not a report format" if suffix else "it has no extension"
            raise UsageError(
                f"wargame {command}: cannot tell the format from -o {args.output} ({what}); "
                f"name the file {_words(formats, '.')}, or give --format {_words(formats)}"
            )
        return named
    if named is not None and named != args.format:
        raise UsageError(
            f"wargame {command}: --format {args.format} does not match -o {args.output}, which names {kinds[named]} file; "
            f"leave out --format (the extension decides), or name the file .{args.format}"
        )
    return args.format


def _report(args) -> int:
    from .persistence.report import build_report, to_markdown
    from .persistence.verification import does_not_reproduce

    fmt = _report_format(args)
    if args.events and fmt != "csv":
        raise UsageError(f"wargame report: --events is for CSV (one row per event); give --format csv or -o FILE.csv, not {fmt}")
    loaded = _load(args.save)
    viewer = _check_viewer(loaded, args.team, args.save)
    verification = _verified(args.save, loaded)
    if not verification.reproduces and not args.unverified:
        raise ProblemsFound([
            Problem(args.save, does_not_reproduce(loaded, verification)),
            Problem(
                args.save,
                "no report written; to write one anyway, marked at its top as not reproducing, add --unverified",
            ),
        ])
    report = build_report(loaded, viewer, verification)
    if fmt == "json":
        text = _json_dumps(report, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        from .persistence.csv_report import to_csv

        text = to_csv(report, events=args.events)
    elif fmt == "html":
        from .persistence.html_report import to_html

        text = to_html(report)
    else:
        text = to_markdown(report)
    deliver(text, args.output, fmt)
    return 0


def _compare(args) -> int:
    from .persistence.compare import build_comparison, load_pair, to_html, to_markdown

    fmt = args.format or (REPORT_EXTENSIONS.get(Path(args.output).suffix.lower()) if args.output else None) or "md"
    if args.output and Path(args.output).is_dir():
        raise ProblemsFound([Problem(args.output, "is a folder; give the comparison a file name, such as compare.html")])
    comparison = build_comparison(*load_pair(args.a, args.b))
    if fmt == "json":
        text = _json_dumps(comparison, indent=2, ensure_ascii=False) + "\n"
    else:
        text = to_html(comparison) if fmt == "html" else to_markdown(comparison)
    deliver(text, args.output, fmt)
    return 0


def _annotate(args) -> int:
    from .persistence import annotations

    if sum((args.list, args.delete is not None, args.text is not None)) > 1:
        raise UsageError("wargame annotate: give a note, --list or --delete NUMBER, one at a time")
    if args.list:
        notes = _load(args.save).save.annotations
        for number, note in enumerate(notes, 1):
            print(annotations.line(number, note))
        if not notes:
            print(f"{args.save}: no notes yet; add one with: wargame annotate {args.save} --turn N \"what the room said\"", file=sys.stderr)
        return 0
    if args.delete is not None:
        note = annotations.delete(args.save, args.delete)
        print(f"deleted note {args.delete} (turn {note.turn}): {note.text}")
        return 0
    if args.turn is None:
        raise UsageError("wargame annotate: say which turn with --turn N (or give --list or --delete NUMBER)")
    if args.text is None:
        return _numbered_events(args)
    note = annotations.add(args.save, args.turn, args.text, args.event, args.share)
    where = f"turn {note.turn}" + (f", event {note.event}" if note.event else "")
    print(f"noted on {where}{' (shared with the teams)' if note.shared else ' (white cell only)'} in {args.save}")
    return 0


def _numbered_events(args) -> int:
    """The events of one turn as the white cell sees them, numbered as `--event` takes them."""
    from .core.views import FACILITATOR, seen

    loaded = _load(args.save)
    save = loaded.save
    if not 1 <= args.turn <= len(save.turns):
        raise ProblemsFound([Problem(args.save, f"no turn {args.turn}; the save has turns 1 to {len(save.turns)}")])
    record = save.turns[args.turn - 1]
    for k, line in enumerate(seen(loaded.campaign.campaign, record.events, FACILITATOR), 1):
        print(f"{k:>3}. {line.text}")
    print(f"add a note on one: wargame annotate {args.save} --turn {args.turn} --event K \"text\"", file=sys.stderr)
    return 0


def _refuse_a_forged_save(path: str) -> None:
    """Resuming re-adjudicates the save first: a checksum anyone can recompute does not make a save true,
    and going on from a forged turn would build a whole game on it."""
    from .persistence.saves import load_save
    from .persistence.verification import does_not_reproduce

    loaded = load_save(path)
    verification = _verified(path, loaded)
    if not verification.reproduces:
        raise ProblemsFound([
            Problem(path, does_not_reproduce(loaded, verification)),
            Problem(path, f"not resumed; see what it records with: wargame replay {path}"),
        ])


def _play(args) -> int:
    if args.campaign and args.resume:
        raise UsageError("wargame play: give a CAMPAIGN or --resume SAVE, not both")
    if args.resume and args.show_odds:
        raise UsageError("wargame play: --show-odds is for a new game; a resumed game keeps its own setting")
    # Check the files before the screen takes over, so problems print as plain lines.
    if args.resume:
        _refuse_a_forged_save(args.resume)
    elif args.campaign:
        from .campaign.loader import load_campaign

        load_campaign(args.campaign)
    from .tui.app import WargameApp

    app = WargameApp(campaign=args.campaign, resume=args.resume, seed=args.seed, show_odds=args.show_odds or "")
    app.run()
    return app.return_code or 0



def _join(args) -> int:
    from urllib.parse import urlsplit

    if args.observer and (args.team or args.code):
        raise UsageError("wargame join: --observer watches without a team; leave out --team and --code")
    if "://" not in args.url:
        args.url = f"ws://{args.url}"  # HOST:PORT typed without the scheme
    parts = urlsplit(args.url)
    try:
        parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise UsageError(
            f"wargame join: {args.url} is not a host address; give it as ws://HOST:PORT "
            "(wss:// when the host uses TLS), as in the line the facilitator handed out"
        )
    tls = None
    if args.cafile:
        import ssl

        if parts.scheme != "wss":
            raise UsageError("wargame join: --cafile is for a wss:// address (a host running with --cert and --key)")
        try:
            tls = ssl.create_default_context(cafile=args.cafile)
        except (OSError, ssl.SSLError) as exc:
            raise ProblemsFound([Problem(args.cafile, f"cannot use as a certificate: {getattr(exc, 'strerror', None) or exc}")]) from None
    from .tui.join_app import JoinApp

    app = JoinApp(args.url, args.team, args.code, args.observer, ssl=tls)
    app.run()
    return app.return_code or 0


DEFAULT_PORT = 8765


def _host(args) -> int:
    if bool(args.campaign) == bool(args.resume):
        raise UsageError("wargame host: give a CAMPAIGN or --resume SAVE" + (", not both" if args.campaign else ""))
    if args.resume:
        given = [flag for flag, value in (("--bot", args.bot), ("--seed", args.seed is not None), ("--turns", args.turns is not None), ("--save", args.save), ("--force", args.force), ("--show-odds", args.show_odds)) if value]
        if given:
            raise UsageError(f"wargame host: {given[0]} is for a new game; a resumed game keeps its own settings and save")
    elif args.new_codes:
        raise UsageError("wargame host: --new-codes goes with --resume (a new game always gets new codes)")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"wargame host: --port must be between 0 and 65535, got {args.port}")
    if bool(args.cert) != bool(args.key):
        raise UsageError("wargame host: TLS needs both --cert FILE and --key FILE")
    if args.auto_odds and not args.headless:
        raise UsageError("wargame host: --auto-odds goes with --headless (with a console the facilitator rules)")
    if args.web_port is not None and not args.web:
        raise UsageError("wargame host: --web-port goes with --web")
    if args.web_port is not None and not 0 <= args.web_port <= 65535:
        raise UsageError(f"wargame host: --web-port must be between 0 and 65535, got {args.web_port}")
    if args.web and args.web_port is not None and args.web_port == args.port != 0:
        raise UsageError(f"wargame host: --web-port {args.web_port} is the game's --port; give the browsers another")
    tls = _tls_context(args.cert, args.key) if args.cert else None

    import asyncio

    from .net.headless import serve_headless
    from .net.host import Host, HostError
    from .session import Session, SessionError

    if args.resume:
        _refuse_a_forged_save(args.resume)
        try:
            host = Host.resume(args.resume, new_codes=args.new_codes)
        except HostError as exc:
            raise ProblemsFound([Problem(args.resume, str(exc).removeprefix(f"{args.resume}: "))]) from None
        except OSError as exc:
            raise ProblemsFound([Problem(args.resume, f"cannot write the save: {exc.strerror or exc}")]) from None
    else:
        from .campaign.loader import load_campaign
        from .persistence.saves import default_save_path

        loaded = load_campaign(args.campaign)
        teams = tuple(t.id for t in loaded.campaign.teams)
        for flag in args.bot:
            if "=" not in flag:
                raise UsageError(f"wargame host: --bot {flag}: say which team, as TEAM=PERSONA (the other teams are human)")
        bots = _parse_bots(args.bot, teams, "host")
        humans = [t for t in teams if t not in bots]
        if not humans:
            raise UsageError("wargame host: every team has a --bot; leave at least one team to humans (or use wargame run)")
        save = args.save or default_save_path(args.campaign)
        if Path(save).is_dir():
            raise ProblemsFound([Problem(save, "is a folder; give the save a file name, such as saves/game.toml")])
        if Path(save).exists() and not args.force:
            raise ProblemsFound([Problem(save, "already exists; choose another --save, pass --force to overwrite it, or host it with --resume")])
        seed = args.seed if args.seed is not None else _random_seed()
        try:
            session = Session.start(loaded, seed, bots=bots, turns=args.turns, path=save, humans=humans, show_odds=args.show_odds or "")
            host = Host(session)
        except SessionError as exc:
            raise UsageError(f"wargame host: {exc}") from None
        except OSError as exc:
            raise ProblemsFound([Problem(save, f"cannot write the save: {exc.strerror or exc}")]) from None
    if args.auto_odds:
        from .core.arguments import default_odds

        host.auto_odds = default_odds(host.session.campaign)
    web_port = None
    if args.web:
        from .tui.web import default_web_port

        web_port = args.web_port if args.web_port is not None else default_web_port(args.port)
    if not args.headless:
        return _host_console(host, args, tls, web_port)
    try:
        if web_port is not None:
            return asyncio.run(_serve_headless_with_web(host, args, tls, web_port))
        return asyncio.run(serve_headless(host, args.bind, args.port, tls, args.public_host))
    except OSError as exc:
        raise ProblemsFound([Problem(host.session.path or "wargame host", f"cannot write the save: {exc.strerror or exc}")]) from None


def _host_console(host, args, tls, web_port: int | None) -> int:
    """The facilitator console: Textual owns the terminal, so the join lines are on screen and in a file."""
    from .tui.host_app import HostApp

    host.auto_adjudicate = False  # the facilitator says when a turn is adjudicated
    app = HostApp(host, args.bind, args.port, tls, args.public_host, web_port)
    try:
        app.run()
    except OSError as exc:
        raise ProblemsFound([Problem(host.session.path or "wargame host", f"cannot write the save: {exc.strerror or exc}")]) from None
    finally:
        if app.web is not None:  # the app stops it; this is for an app that crashed
            app.web.stop_now()
    session = host.session
    if host.port is not None and app.return_code in (0, 130, None):
        if session.ended:
            print(f"the game is over ({session.ended}); saved to {session.path}", file=sys.stderr)
        else:
            print(f"stopped at turn {session.turn}; go on with: wargame host --resume {session.path}", file=sys.stderr)
    return app.return_code or 0


async def _serve_headless_with_web(host, args, tls, web_port: int) -> int:
    """`--headless --web`: the headless host, and the browsers' join screen once the host listens."""
    import asyncio

    from .net.headless import guess_public_host, serve_headless
    from .tui.web import WebError, WebJoinServer

    serving = asyncio.create_task(serve_headless(host, args.bind, args.port, tls, args.public_host))
    for _ in range(400):  # listening takes moments; failing to listen ends `serving`
        if host.port is not None or serving.done():
            break
        await asyncio.sleep(0.025)
    if host.port is None:
        return await serving
    shown = args.public_host or guess_public_host(args.bind)
    web = WebJoinServer(host.url(shown, host.port), args.bind, web_port, shown)
    try:
        address = await web.start()
    except WebError as exc:
        print(f"wargame host: error: {exc}; hosting without it", file=sys.stderr, flush=True)
    else:
        print(f"[host] browsers: {address} (the join screen asks for team and code)", file=sys.stderr, flush=True)
        if tls is not None:
            print("[host] the browser join screen is plain HTTP: codes typed there are not encrypted", file=sys.stderr, flush=True)
    try:
        return await serving
    finally:
        await web.stop()


def _tls_context(cert: str, key: str):
    import ssl

    for path in (cert, key):
        if not Path(path).is_file():
            raise ProblemsFound([Problem(path, "no such file")])
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise ProblemsFound([Problem(cert, f"not a usable certificate and key pair ({exc.reason or exc}); both must be PEM files that belong together")]) from None
    except OSError as exc:
        raise ProblemsFound([Problem(cert, f"cannot read: {exc.strerror or exc}")]) from None
    return context


def _simulate(args) -> int:
    from .campaign.loader import load_campaign
    from .campaign.overrides import OverrideError, parse_setting, with_settings
    if not 1 <= args.runs <= 1_000_000:
        raise UsageError("wargame simulate: --runs must be between 1 and 1000000")
    if args.jobs is None:
        from .executors import default_jobs

        args.jobs = default_jobs(args.runs)
    if not 1 <= args.jobs <= 64:
        raise UsageError("wargame simulate: --jobs must be between 1 and 64")
    for setting in args.settings:
        try:
            parse_setting(setting)
        except OverrideError as exc:
            raise UsageError(f"wargame simulate: {exc}") from None
    if args.from_save is not None or args.turn is not None:
        if args.vary or args.ablate or args.scheduler or args.format or args.output:
            raise UsageError("wargame simulate: --from SAVE plays one game on from a turn; --vary, --ablate, --scheduler, --format and -o are for a CAMPAIGN's study")
        return _simulate_from(args)
    if args.campaign is None:
        raise UsageError("wargame simulate: give a CAMPAIGN, or --from SAVE --turn N to play a saved game on from a turn")
    loaded = with_settings(load_campaign(args.campaign), args.settings)
    teams = tuple(t.id for t in loaded.campaign.teams)
    bots = _parse_bots(args.bot, teams, "simulate")
    personas = {t.id: bots.get(t.id, t.persona) for t in loaded.campaign.teams}
    if args.scheduler or args.vary or args.ablate:
        from .sensitivity_cli import StudyUsage, check_flags, run_study

        try:
            check_flags(args)
            if args.vary or args.ablate:
                return run_study(args, loaded, personas)
        except StudyUsage as exc:
            raise UsageError(str(exc)) from None
    from . import study

    return _study(args, loaded, personas, study)


def _study(args, loaded, personas, study) -> int:
    """The outputs of `simulate` beyond the text summary: balance report formats, persona matrix, game rows, one game as a save."""
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"wargame simulate: --json asks for JSON and --format asks for {args.format}; give one")
    if args.json:
        args.format = "json"
    fmt = _report_format(args, "simulate") if (args.output or args.format) else "text"
    if args.save_game:
        if args.personas or args.games_csv or args.output:
            raise UsageError("wargame simulate: --save-game plays one game only; leave out --personas, --games and -o")
        index = args.save_game[0]
        if not index.isdigit() or not 0 <= int(index) < args.runs:
            raise UsageError(f"wargame simulate: --save-game {index}: give a game number from 0 to {args.runs - 1} (the run's games)")
        path, row = study.save_game(loaded, personas, args.seed, int(index), args.save_game[1])
        print(f"wrote {path}: game {row['game']} (seed {row['seed']}), {row['ending'].replace('_', ' ')} after {row['turns']} turns")
        print(f"  watch it:   wargame replay {path}\n  its report: wargame report {path} -o game-{row['game']}.html")
        return 0
    if args.personas:
        from .core.bots import PERSONAS

        unknown = [p for p in args.personas if p not in PERSONAS]
        if unknown:
            raise UsageError(f"wargame simulate: --personas: unknown persona \"{unknown[0]}\" (personas: {', '.join(PERSONAS)})")
        if args.sample is not None and args.sample < 1:
            raise UsageError("wargame simulate: --sample must be at least 1")
        if args.games_csv:
            raise UsageError("wargame simulate: --games writes the games of one set of bots; leave out --personas")
        try:
            cells = study.assignments([t.id for t in loaded.campaign.teams], args.personas, args.sample, args.seed)
        except study.StudyUsage as exc:
            raise UsageError(f"wargame simulate: {exc}") from None
        matrix = study.persona_matrix(loaded, cells, args, progress=sys.stderr.isatty())
        deliver(study.render_matrix(matrix, "md" if fmt == "text" else fmt), args.output, fmt)
        return 0
    if args.sample is not None:
        raise UsageError("wargame simulate: --sample chooses among --personas assignments; give --personas too")
    result, rows = study.balance_report(loaded, personas, args, args.campaign, sys.stderr.isatty(), bool(args.games_csv))
    if args.games_csv:
        study.write_games(args.games_csv, rows, loaded)
        print(f"wrote {args.games_csv} ({len(rows)} games)", file=sys.stderr)
    deliver(study.render(result, fmt), args.output, fmt)
    return 0


def _simulate_from(args) -> int:
    from .continuations import render, study_command

    if args.from_save is None or args.turn is None or args.campaign is not None:
        raise UsageError("wargame simulate: --from SAVE goes with --turn N (the first turn played anew) and no CAMPAIGN")
    result = study_command(args, _parse_bots)
    print(_json_dumps(result, indent=2, ensure_ascii=False) if args.json else render(result))
    return 0


def _calibrate(args) -> int:
    from .calibrate import bundled_vignettes, calibrate, find_vignette, render_markdown

    if not 1 <= args.runs <= 100_000:
        raise UsageError("wargame calibrate: --runs must be between 1 and 100000")
    paths = [find_vignette(name) for name in args.vignettes] or bundled_vignettes()
    result = calibrate(paths, args.runs, args.seed)
    print(_json_dumps(result, indent=2, ensure_ascii=False) if args.format == "json" else render_markdown(result), end="" if args.format == "md" else "\n")
    return 0


def _schema(args) -> int:
    if args.write_docs:
        from .campaign.keys import write_guide_file

        print(write_guide_file(args.write_docs))
        return 0
    from .campaign.schema import campaign_schema

    print(_json_dumps(campaign_schema(), indent=2, ensure_ascii=False))
    return 0


def _lsp(args) -> int:
    try:
        from .lsp.server import serve
    except ImportError as exc:  # pygls is a dependency, but a broken install should say what is missing
        raise ProblemsFound([Problem("wargame lsp", f"cannot start: {exc}; reinstall wargame (pip install wargame) to get pygls")]) from None
    return serve()


def _new(args) -> int:
    from .campaign.starter import starter_path, write_starter

    try:
        path = starter_path(args.name)
    except ValueError as exc:
        raise UsageError(f"wargame new: {exc}") from None
    try:
        write_starter(path, args.name)
    except FileExistsError:
        raise ProblemsFound([Problem(str(path), "already exists; choose another name")]) from None
    except OSError as exc:
        raise ProblemsFound([Problem(str(path), f"cannot write: {exc.strerror or exc}")]) from None
    print(f"wrote {path}\n  check it:          wargame validate --strict {path}\n  see how it plays:  wargame simulate {path} --runs 300")
    return 0


def _pack(args) -> int:
    from .campaign.loader import load_campaign
    from .pack import PackError, write_pack

    loaded = load_campaign(args.campaign)
    try:
        written = write_pack(loaded, args.output, args.force)
    except PackError as exc:
        raise ProblemsFound([Problem(exc.path, exc.message)]) from None
    teams = len(written) - 2
    print(f"wrote {_count(teams, 'team pack', 'team packs')}, the white-cell sheet and an index to {args.output}")
    for path in written:
        print(f"  {path}")
    print(f"open {Path(args.output) / 'index.html'} in a browser and print each page (A4 or Letter)")
    return 0


_COMMANDS = {"pack": _pack, "calibrate": _calibrate, "validate": _validate, "simulate": _simulate, "schema": _schema, "lsp": _lsp, "new": _new, "run": _run, "replay": _replay, "report": _report, "annotate": _annotate, "compare": _compare, "play": _play, "host": _host, "join": _join}


def _root() -> Path:
    return Path(__file__).resolve().parent
