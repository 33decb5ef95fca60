"""Semantic checks on a structured campaign: references, ranges, and rules that cannot work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..core.model import SPILL_SIDES, Campaign, Condition, Effects

END_REASONS = ("terminal", "settlement", "facilitator", "de-escalation", "turn_limit")
LIMITS = {"teams": 12, "rungs": 64, "moves": 400, "channels": 64, "treaties": 32, "injects": 200}
from ..core.personas import PERSONAS
from ..core.red_line_terms import condition_problem, enforce_problem


SHOWN_IDS = 12
"""How many known ids an "unknown id" message lists before it says how many more there are."""


def known_ids(known: list[str], value: str, names: dict[str, str] | None = None) -> str:
    """The hint after an unknown id: the closest known id, then the known ids (all, or the first few and a count)."""
    if not known:
        return "none are defined"
    import difflib  # loaded only when a message needs a suggestion

    guess = ""
    by_name = {name.casefold(): ident for name, ident in (names or {}).items()}
    lowered = {k.casefold(): k for k in known}
    if value.casefold() in lowered:
        guess = f'did you mean "{lowered[value.casefold()]}"? '
    elif value.casefold() in by_name:
        guess = f'did you mean "{by_name[value.casefold()]}"? ("{value}" is its name; references use ids) '
    else:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        if close:
            guess = f'did you mean "{close[0]}"? '
    shown = ", ".join(known[:SHOWN_IDS])
    more = f" … and {len(known) - SHOWN_IDS} more" if len(known) > SHOWN_IDS else ""
    return f"{guess}known: {shown}{more}"


def check_campaign(c: Campaign, where: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """Every problem as (place, message); an empty list means the campaign can be played.

    `where` names a place for a message that points at a second one (a duplicate id): the
    loader adds the line; by default the place is named alone.
    """
    out: list[tuple[str, str]] = []

    def bad(at: str, message: str) -> None:
        out.append((at, message))

    for name, limit in LIMITS.items():
        if len(getattr(c, name)) > limit:
            bad(name, f"has {len(getattr(c, name))} entries; at most {limit} are allowed")
    if out:
        return out

    teams = [t.id for t in c.teams]
    rungs = [r.id for r in c.rungs]
    tracks = list(c.track_names())
    channels = [ch.id for ch in c.channels]
    treaties = [t.id for t in c.treaties]
    injects = [i.id for i in c.injects]

    def unique(kind: str, ids: list[str]) -> None:
        for ident, count in Counter(ids).items():
            if count > 1:
                at = [f"{kind}[{i}].id" for i, other in enumerate(ids) if other == ident]
                # Reported at the second use, usually the one just written, naming every use.
                bad(at[1], f'"{ident}" is used by {count} {kind}: ' + " and ".join(where(a) for a in at) + "; ids must be unique")
        for i, ident in enumerate(ids):
            if not ident or not ident.replace("_", "").replace("-", "").isalnum():
                bad(f"{kind}[{i}].id", f'"{ident}" should be letters, digits, "_" or "-"')

    for kind, ids in (
        ("teams", teams),
        ("rungs", rungs),
        ("moves", [m.id for m in c.moves]),
        ("channels", channels),
        ("treaties", treaties),
        ("injects", injects),
        ("tracks", [t.id for t in c.tracks]),
    ):
        unique(kind, ids)

    names = {
        "team": {t.name: t.id for t in c.teams},
        "rung": {r.name: r.id for r in c.rungs},
        "move": {m.name: m.id for m in c.moves},
        "channel": {ch.name: ch.id for ch in c.channels},
        "treaty": {t.name: t.id for t in c.treaties},
        "track": {t.name: t.id for t in c.tracks},
    }

    def ref(at: str, value: str | None, known: list[str], kind: str) -> None:
        if value is not None and value not in known:
            bad(at, f'unknown {kind} "{value}"; {known_ids(known, value, names.get(kind))}')

    def prob(at: str, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            # 55 for 0.55 is a percentage; 1.5 is more likely a slip than 1.5%.
            hint = f"; write {value / 100:g} for {value:g}%" if 2 <= value <= 100 else ""
            bad(at, f"must be between 0 and 1, got {value:g}{hint}")

    def pair(at: str, members: tuple[str, ...], size: int | None = 2) -> None:
        if size is not None and len(members) != size:
            bad(at, f"must name exactly {size} teams, got {len(members)}")
        elif len(set(members)) != len(members):
            bad(at, "names the same team twice")
        for j, m in enumerate(members):
            ref(f"{at}[{j}]", m, teams, "team")

    def track_map(at: str, values: dict[str, float]) -> None:
        for name in values:
            ref(f"{at}.{name}", name, tracks, "track")

    def condition(at: str, cond: Condition) -> None:
        ref(f"{at}.crisis_at_least", cond.crisis_at_least, rungs, "rung")
        ref(f"{at}.crisis_at_most", cond.crisis_at_most, rungs, "rung")
        ref(f"{at}.rung_at_least", cond.rung_at_least, rungs, "rung")
        ref(f"{at}.rung_at_most", cond.rung_at_most, rungs, "rung")
        if (cond.rung_at_least or cond.rung_at_most) and not cond.dyad:
            bad(f"{at}.dyad", "rung_at_least / rung_at_most need a dyad of two teams")
        if cond.dyad:
            pair(f"{at}.dyad", cond.dyad)
        ref(f"{at}.team", cond.team, teams, "team")
        ref(f"{at}.track", cond.track, tracks, "track")
        if cond.track is not None and cond.team is None:
            bad(at, "a track condition needs both team and track")
        if cond.team is not None and not (cond.track or cond.treaty_honoured or cond.treaty_breached):
            bad(f"{at}.team", "team goes with track, treaty_honoured or treaty_breached")
        if cond.track is not None and cond.at_least is None and cond.at_most is None:
            bad(at, "a track condition needs at_least or at_most")
        if cond.at_least is not None and cond.at_most is not None and cond.at_least > cond.at_most:
            bad(at, "at_least is above at_most: it can never hold")
        ref(f"{at}.treaty_honoured", cond.treaty_honoured, treaties, "treaty")
        ref(f"{at}.treaty_breached", cond.treaty_breached, treaties, "treaty")
        ref(f"{at}.channel", cond.channel, channels, "channel")
        if (cond.channel is None) != (cond.channel_status is None):
            bad(at, "a channel condition needs both channel and channel_status")
        if cond == Condition():
            bad(at, "is empty; say what must hold")
        for key in ("ended_by", "not_ended_by"):
            value = getattr(cond, key)
            if value is not None and value not in END_REASONS:
                bad(f"{at}.{key}", f'unknown ending "{value}" (endings: {", ".join(END_REASONS)})')
        if (cond.at_least is not None or cond.at_most is not None) and cond.track is None:
            bad(at, "at_least / at_most need a team and a track")
        if cond.dyad and not (cond.rung_at_least or cond.rung_at_most):
            bad(f"{at}.dyad", "a dyad condition needs rung_at_least or rung_at_most")
        for j, one in enumerate(cond.any):
            condition(f"{at}.any[{j}]", one)
        if cond.not_ is not None:
            condition(f"{at}.not", cond.not_)

    if c.turns < 1 or c.turns > 200:
        bad("turns", f"must be between 1 and 200, got {c.turns}")
    if len(c.teams) < 2:
        bad("teams", f"a game needs at least 2 teams, got {len(c.teams)}")
    if len(c.rungs) < 2:
        bad("rungs", f"a ladder needs at least 2 rungs, got {len(c.rungs)}")
    if c.rungs and not any(r.terminal for r in c.rungs):
        bad("rungs", "no rung is terminal; mark the rung where the game ends with terminal = true")
    if c.rungs and c.rungs[0].terminal:
        bad("rungs[0].terminal", "the first rung cannot be terminal: every game would end at once")
    if c.rungs and c.rungs[0].firebreak:
        bad("rungs[0].firebreak", "the first rung cannot be a firebreak: nothing lies below it")

    for i, t in enumerate(c.tracks):
        if t.id in ("resources", "readiness", "credibility", "support", "intelligence"):
            bad(f"tracks[{i}].id", f'"{t.id}" is a built-in track; pick another id')
        if t.min >= t.max:
            bad(f"tracks[{i}]", f"min ({t.min}) must be below max ({t.max})")
        elif not t.min <= t.default <= t.max:
            bad(f"tracks[{i}].default", f"{t.default} is outside {t.min}..{t.max}")

    for i, t in enumerate(c.teams):
        at = f"teams[{i}]"
        if t.resources < 0 or t.resources > 100:
            bad(f"{at}.resources", f"must be between 0 and 100, got {t.resources}")
        for name in ("readiness", "credibility", "support", "intelligence"):
            prob(f"{at}.{name}", getattr(t, name))
        track_map(f"{at}.tracks", t.tracks)
        for name in t.tracks:
            if name in ("resources", "readiness", "credibility", "support", "intelligence"):
                bad(f"{at}.tracks.{name}", f"{name} is a built-in track: set it as `{name} = ...` on the team itself")
        for name, value in t.tracks.items():
            if name in tracks:
                low, high = c.track_bounds(name)
                if not low <= value <= high:
                    bad(f"{at}.tracks.{name}", f"{value} is outside {low}..{high}")
        if t.persona not in PERSONAS:
            bad(f"{at}.persona", f'unknown persona "{t.persona}"; {known_ids(list(PERSONAS), t.persona)}')
        if t.doctrine is not None:
            d = t.doctrine
            for name in d.categories:
                if name not in ("diplomatic", "military", "economic", "information", "cyber", "alliance"):
                    bad(f"{at}.doctrine.categories.{name}", "not a move category")
            for name in d.moves:
                ref(f"{at}.doctrine.moves.{name}", name, [m.id for m in c.moves], "move")
            ref(f"{at}.doctrine.max_rung", d.max_rung, rungs, "rung")
            ref(f"{at}.doctrine.propose_at", d.propose_at, rungs, "rung")
            ref(f"{at}.doctrine.mediate_at", d.mediate_at, rungs, "rung")
        for j, o in enumerate(t.objectives):
            condition(f"{at}.objectives[{j}].condition", o.condition)
        unique(f"{at}.objectives", [o.id for o in t.objectives])
        if t.doctrine is not None:
            ref(f"{at}.doctrine.declare_at", t.doctrine.declare_at, rungs, "rung")
        if not 0.0 <= t.audience_sensitivity <= 2.0:
            bad(f"{at}.audience_sensitivity", f"must be between 0 and 2, got {t.audience_sensitivity:g}")
        for j, line in enumerate(t.red_lines):
            _red_line(c, t.id, f"{at}.red_lines[{j}]", line, bad, condition, track_map)
        unique(f"{at}.red_lines", [x.id for x in t.red_lines])

    for i, r in enumerate(c.rungs):
        if not r.band:
            bad(f"rungs[{i}].band", "must name the band this rung belongs to")

    seen_dyads = set()
    for i, d in enumerate(c.dyads):
        pair(f"dyads[{i}].teams", d.teams)
        if frozenset(d.teams) in seen_dyads:
            bad(f"dyads[{i}].teams", "this dyad is already given a starting rung")
        seen_dyads.add(frozenset(d.teams))
        ref(f"dyads[{i}].rung", d.rung, rungs, "rung")
        if d.rung in rungs and c.rungs[rungs.index(d.rung)].terminal:
            bad(f"dyads[{i}].rung", "a dyad cannot start on a terminal rung")
    for i, p in enumerate(c.interoperability):
        pair(f"interoperability[{i}].teams", p.teams)
        prob(f"interoperability[{i}].value", p.value)

    def effects(at: str, e: Effects, move_target: str) -> None:
        track_map(f"{at}.actor", e.actor)
        track_map(f"{at}.target", e.target)
        if move_target == "none":
            if e.target:
                bad(f"{at}.target", 'the move has target = "none", so it cannot change a target')
            if e.escalation:
                bad(f"{at}.escalation", 'escalation acts on a dyad: give the move a target')
            if e.interoperability:
                bad(f"{at}.interoperability", "interoperability needs a target partner")
            if e.restrain:
                bad(f"{at}.restrain", 'restraint acts on an ally: give the move target = "ally"')
        ref(f"{at}.channel", e.channel, channels, "channel")
        if (e.channel is None) != (e.channel_status is None):
            bad(at, "a channel effect needs both channel and channel_status")
        ref(f"{at}.invoke_treaty", e.invoke_treaty, treaties, "treaty")
        ref(f"{at}.consult_treaty", e.consult_treaty, treaties, "treaty")
        if abs(e.escalation) > len(c.rungs):
            bad(f"{at}.escalation", f"{e.escalation} is more rungs than the ladder has")
        ref(f"{at}.rung_at_least", e.rung_at_least, rungs, "rung")
        ref(f"{at}.rung_exactly", e.rung_exactly, rungs, "rung")
        if move_target == "dyad":
            # A move on another pair's dyad acts on their dyad and tracks; these need the actor's own partner.
            for key in ("interoperability", "invoke_treaty", "consult_treaty"):
                if getattr(e, key):
                    bad(f"{at}.{key}", 'a move on another pair\'s dyad (target = "dyad") cannot use it: give the move a team target')
        if move_target == "none" and (e.rung_at_least or e.rung_exactly):
            bad(at, "rung_at_least and rung_exactly act on a dyad: give the move a target")
        for j, spill in enumerate(e.spill):
            spill_at = f"{at}.spill[{j}]"
            if len(spill.dyad) != 2:
                bad(f"{spill_at}.dyad", f"must name exactly 2 sides, got {len(spill.dyad)}")
            for k, word in enumerate(spill.dyad):
                if word not in SPILL_SIDES and word not in teams:
                    known = [*SPILL_SIDES, *teams]
                    bad(f"{spill_at}.dyad[{k}]", f'unknown team or side "{word}"; {known_ids(known, word, names["team"])}')
                elif move_target == "none" and word in ("target", "target_allies"):
                    bad(f"{spill_at}.dyad[{k}]", f'the move has target = "none": there is no "{word}"')
            if abs(spill.steps) > len(c.rungs):
                bad(f"{spill_at}.steps", f"{spill.steps} is more rungs than the ladder has")
            ref(f"{spill_at}.rung_at_least", spill.rung_at_least, rungs, "rung")
            for k, crossed in enumerate(spill.crosses):
                ref(f"{spill_at}.crosses[{k}]", crossed, rungs, "rung")
                if crossed in rungs and not c.rungs[rungs.index(crossed)].firebreak:
                    bad(f"{spill_at}.crosses[{k}]", f'"{crossed}" is not a firebreak: only firebreaks hold a spill back')

    for i, m in enumerate(c.moves):
        at = f"moves[{i}]"
        if m.cost < 0:
            bad(f"{at}.cost", f"must be 0 or more, got {m.cost}")
        if m.attribution is not None:
            prob(f"{at}.attribution", m.attribution)
        for j, team in enumerate(m.teams):
            ref(f"{at}.teams[{j}]", team, teams, "team")
        for j, team in enumerate(m.targets):
            ref(f"{at}.targets[{j}]", team, teams, "team")
        if m.targets and m.target == "none":
            bad(f"{at}.targets", 'the move has target = "none": it cannot name targets')
        rq = m.requires
        ref(f"{at}.requires.min_rung", rq.min_rung, rungs, "rung")
        ref(f"{at}.requires.max_rung", rq.max_rung, rungs, "rung")
        if rq.min_rung in rungs and rq.max_rung in rungs:
            if rungs.index(rq.min_rung) > rungs.index(rq.max_rung):
                bad(f"{at}.requires", f'min_rung "{rq.min_rung}" is above max_rung "{rq.max_rung}"')
        for j, tr in enumerate(rq.tracks):
            ref(f"{at}.requires.tracks[{j}].track", tr.track, tracks, "track")
            if tr.at_least is None and tr.at_most is None:
                bad(f"{at}.requires.tracks[{j}]", "needs at_least or at_most")
            if tr.at_least is not None and tr.at_most is not None and tr.at_least > tr.at_most:
                bad(f"{at}.requires.tracks[{j}]", "at_least is above at_most: no team can meet it")
        ref(f"{at}.requires.channel", rq.channel, channels, "channel")
        if rq.channel_status and rq.channel is None:
            bad(f"{at}.requires.channel_status", "needs requires.channel too")
        ref(f"{at}.requires.treaty", rq.treaty, treaties, "treaty")
        if rq.provision is not None and rq.provision not in ("intelligence_sharing", "basing"):
            bad(f"{at}.requires.provision", 'must be "intelligence_sharing" or "basing"')
        prob(f"{at}.success.base", m.success.base)
        for j, mod in enumerate(m.success.modifiers):
            if mod.of == "interop":
                if mod.track:
                    bad(f"{at}.success.modifiers[{j}].track", 'an "interop" modifier reads interoperability; leave out track')
            elif not mod.track:
                bad(f"{at}.success.modifiers[{j}].track", "missing: which track does this modifier read?")
            else:
                ref(f"{at}.success.modifiers[{j}].track", mod.track, tracks, "track")
            if mod.of in ("target", "target_allies", "interop") and m.target == "none":
                bad(f"{at}.success.modifiers[{j}].of", f'"{mod.of}" needs a move with a target')
            if mod.of == "team":
                if not mod.team:
                    bad(f"{at}.success.modifiers[{j}].team", 'missing: of = "team" reads the track of the team named here')
                else:
                    ref(f"{at}.success.modifiers[{j}].team", mod.team, teams, "team")
            elif mod.team:
                bad(f"{at}.success.modifiers[{j}].team", 'team names whose track is read: it needs of = "team"')
        effects(f"{at}.effects", m.effects, m.target)
        effects(f"{at}.on_failure", m.on_failure, m.target)
        if m.crosses_firebreak and not any(r.firebreak for r in c.rungs):
            bad(f"{at}.crosses_firebreak", "the ladder has no firebreak to cross")
        for j, crossed in enumerate(m.crosses):
            ref(f"{at}.crosses[{j}]", crossed, rungs, "rung")
            if crossed in rungs and not c.rungs[rungs.index(crossed)].firebreak:
                bad(f"{at}.crosses[{j}]", f'"{crossed}" is not a firebreak: only firebreaks hold a move back')

    for i, ch in enumerate(c.channels):
        at = f"channels[{i}]"
        pair(f"{at}.members", ch.members, size=None)
        if len(ch.members) < 2:
            bad(f"{at}.members", "a channel needs at least 2 members")
        prob(f"{at}.reliability", ch.reliability)
        prob(f"{at}.dampening", ch.dampening)
        prob(f"{at}.containment", ch.containment)
        if ch.latency < 0 or ch.latency > 5:
            bad(f"{at}.latency", f"must be between 0 and 5 turns, got {ch.latency}")

    neutral = {t.id for t in c.teams if t.neutral}
    for i, t in enumerate(c.treaties):
        at = f"treaties[{i}]"
        pair(f"{at}.members", t.members, size=None)
        for j, m in enumerate(t.members):
            if m in neutral:
                bad(f"{at}.members[{j}]", f'"{m}" is neutral (teams.neutral = true): a neutral is nobody\'s ally; leave it out of treaties or make it not neutral')
        if len(t.members) < 2:
            bad(f"{at}.members", "a treaty needs at least 2 members")
        ref(f"{at}.trigger.min_rung", t.trigger.min_rung, rungs, "rung")
        if t.obligation.within < 1:
            bad(f"{at}.obligation.within", f"must be 1 or more turns, got {t.obligation.within}")
        track_map(f"{at}.honour", t.honour)
        track_map(f"{at}.breach", t.breach)
        if t.burden_sharing:
            ref(f"{at}.burden_sharing.track", t.burden_sharing.track, tracks, "track")
            track_map(f"{at}.burden_sharing.shortfall", t.burden_sharing.shortfall)
        prob(f"{at}.basing_bonus", t.basing_bonus)
        prob(f"{at}.commitment", t.commitment)
        track_map(f"{at}.split", t.split)
        for member in t.caveats:
            if member not in t.members:
                bad(f"{at}.caveats.{member}", f'"{member}" is not a member of {t.name}: caveats are for members ({", ".join(t.members)})')

    for i, inj in enumerate(c.injects):
        at = f"injects[{i}]"
        if inj.turn is not None and not 1 <= inj.turn <= c.turns:
            bad(f"{at}.turn", f"must be between 1 and {c.turns} (the campaign's turns)")
        if inj.when is not None:
            condition(f"{at}.when", inj.when)
        for j, d in enumerate(inj.effects.tracks):
            ref(f"{at}.effects.tracks[{j}].team", d.team, teams, "team")
            ref(f"{at}.effects.tracks[{j}].track", d.track, tracks, "track")
        for j, s in enumerate(inj.effects.escalation):
            pair(f"{at}.effects.escalation[{j}].dyad", s.dyad)
            if abs(s.delta) > len(c.rungs):
                bad(f"{at}.effects.escalation[{j}].delta", f"{s.delta} is more rungs than the ladder has")
            ref(f"{at}.effects.escalation[{j}].rung_at_least", s.rung_at_least, rungs, "rung")
        ref(f"{at}.effects.channel", inj.effects.channel, channels, "channel")
        if (inj.effects.channel is None) != (inj.effects.channel_status is None):
            bad(f"{at}.effects", "a channel effect needs both channel and channel_status")

    for i, seen in enumerate(c.history):
        at = f"history[{i}]"
        if not 1 <= seen.turn <= c.turns:
            bad(f"{at}.turn", f"must be between 1 and {c.turns} (the campaign's turns): the rung at the end of that turn")
        pair(f"{at}.dyad", seen.dyad)
        ref(f"{at}.rung", seen.rung, rungs, "rung")
    observed: set = set()
    for i, seen in enumerate(c.history):
        # Reported at the second observation, usually the one just written.
        if (seen.turn, frozenset(seen.dyad)) in observed:
            bad(f"history[{i}]", f"turn {seen.turn} of dyad {'-'.join(seen.dyad)} is observed more than once")
        observed.add((seen.turn, frozenset(seen.dyad)))

    r = c.rules
    ref("rules.start_rung", r.start_rung, rungs, "rung")
    ref("rules.calm_rung", r.calm_rung, rungs, "rung")
    if r.start_rung in rungs and c.rungs[rungs.index(r.start_rung)].terminal:
        bad("rules.start_rung", "the game cannot start on a terminal rung")
    for name in ("accident_base", "accident_per_rung", "accident_after_escalation", "accident_mutual_alert"):
        prob(f"rules.{name}", getattr(r, name))
    ref("rules.force_rung", r.force_rung, rungs, "rung")
    track_map("rules.attack_on_neutral", r.attack_on_neutral)
    prob("rules.credibility_drift", r.credibility_drift)
    prob("rules.restraint", r.restraint)
    seen_words: set[str] = set()
    for i, w in enumerate(r.estimative_scale):
        prob(f"rules.estimative_scale[{i}].chance", w.chance)
        if not w.word.strip():
            bad(f"rules.estimative_scale[{i}].word", "give the word the white cell rules with, such as \"likely\"")
        elif w.word in seen_words:
            bad(f"rules.estimative_scale[{i}].word", f'"{w.word}" is on the scale twice; each word is one chance')
        seen_words.add(w.word)
    if r.default_odds and r.default_odds not in seen_words:
        bad("rules.default_odds", f'"{r.default_odds}" is not a word of rules.estimative_scale (words: {", ".join(w.word for w in r.estimative_scale)})')
    prob("rules.intel_noise", r.intel_noise)
    prob("rules.false_alarm", r.false_alarm)
    if r.credibility_baseline is not None:
        prob("rules.credibility_baseline", r.credibility_baseline)
    for i, rung in enumerate(c.rungs):
        prob(f"rungs[{i}].salience", rung.salience)
        prob(f"rungs[{i}].leak", rung.leak)
        if rung.leak and not rung.firebreak:
            bad(f"rungs[{i}].leak", "only a firebreak can leak: set firebreak = true or leave leak out")
    prob("rules.spill", r.spill)
    for i, rung in enumerate(c.rungs):
        if rung.spill is not None:
            prob(f"rungs[{i}].spill", rung.spill)
    # Domains: the campaign's list when it has one, else every domain a rung or a move names; a
    # channel or a doctrine that names another domain is a slip (it would cover or weigh nothing).
    domains = list(c.domains) or sorted({r.domain for r in c.rungs if r.domain} | {m.domain for m in c.moves if m.domain})
    if c.domains:
        for i, rung in enumerate(c.rungs):
            if rung.domain:
                ref(f"rungs[{i}].domain", rung.domain, domains, "domain")
        for i, m in enumerate(c.moves):
            if m.domain:
                ref(f"moves[{i}].domain", m.domain, domains, "domain")
    for i, ch in enumerate(c.channels):
        for j, domain in enumerate(ch.domains):
            ref(f"channels[{i}].domains[{j}]", domain, domains, "domain")
    for i, team in enumerate(c.teams):
        for domain in team.doctrine.domains if team.doctrine else ():
            ref(f"teams[{i}].doctrine.domains.{domain}", domain, domains, "domain")
    if r.calm_turns < 1:
        bad("rules.calm_turns", f"must be 1 or more, got {r.calm_turns}")
    if r.proposal_expiry < 1:
        bad("rules.proposal_expiry", f"must be 1 or more, got {r.proposal_expiry}")
    return out


def _red_line(c: Campaign, team: str, at: str, line, bad, condition, track_map) -> None:
    """The problems of one ready-made red line (see `core.declarations`)."""
    condition(f"{at}.condition", line.condition)
    why = condition_problem(c, team, line.condition)
    if why:
        bad(f"{at}.condition", why)
    why = enforce_problem(c, line.enforce)
    if why:
        bad(f"{at}.enforce", why)
    if not line.text.strip():
        bad(f"{at}.text", "say the line in words: it is read out to every team")
    if line.within < 1:
        bad(f"{at}.within", f"must be at least 1 turn, got {line.within}")
    if line.lasts is not None and line.lasts < 1:
        bad(f"{at}.lasts", f"must be at least 1 turn, got {line.lasts}")
    track_map(f"{at}.audience_cost", line.audience_cost)
    track_map(f"{at}.enforced", line.enforced)
