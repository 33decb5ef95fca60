"""A small laboratory campaign whose moves always (or never) succeed, for rule tests."""

import pytest

from wargame.campaign.loader import parse_campaign

LAB = '''
title = "Lab"
turns = 6

[rules]
accident_base = 0.0
accident_per_rung = 0.0
accident_after_escalation = 0.0
calm_rung = "peace"
calm_turns = 2

[[tracks]]
id = "cohesion"
name = "Alliance cohesion"
default = 0.5

[[teams]]
id = "blue"
name = "Blue"
resources = 4
intelligence = 0.0
[[teams.objectives]]
id = "no_war"
description = "Keep the peace"
points = 3
condition = { crisis_at_most = "tension", not_ended_by = "terminal" }

[[teams]]
id = "red"
name = "Red"
resources = 4
intelligence = 1.0

[[teams]]
id = "green"
name = "Green"
resources = 2
intelligence = 0.0

[[rungs]]
id = "peace"
name = "Peace"
band = "sub-crisis"
[[rungs]]
id = "tension"
name = "Tension"
band = "sub-crisis"
[[rungs]]
id = "standoff"
name = "Standoff"
band = "crisis"
[[rungs]]
id = "war"
name = "War"
band = "war"
firebreak = true
[[rungs]]
id = "end"
name = "The end"
band = "war"
terminal = true

[[dyads]]
teams = ["blue", "red"]
rung = "tension"

[[moves]]
id = "push"
name = "Push"
category = "military"
cost = 1
target = "rival"
effects = { escalation = 1 }
tags = ["armed_attack"]

[[moves]]
id = "shove"
name = "Shove"
category = "military"
cost = 2
target = "rival"
effects = { escalation = 3 }

[[moves]]
id = "strike"
name = "Strike"
category = "military"
cost = 1
target = "rival"
crosses_firebreak = true
effects = { escalation = 1 }

[[moves]]
id = "calm"
name = "Calm"
category = "diplomatic"
cost = 1
target = "any"
effects = { escalation = -1 }

[[moves]]
id = "gamble"
name = "Gamble"
category = "economic"
cost = 0
success = { base = 0.0 }
effects = { actor = { support = 0.5 } }
on_failure = { actor = { support = -0.1 } }

[[moves]]
id = "covert"
name = "Covert"
category = "cyber"
cost = 0
target = "rival"
visibility = "secret"
effects = { target = { readiness = -0.1 } }

[[moves]]
id = "probe"
name = "Probe"
category = "cyber"
cost = 0
target = "rival"
visibility = "detectable"

[[moves]]
id = "defend"
name = "Defend"
category = "alliance"
cost = 0
target = "ally"
tags = ["collective_defense"]

[[moves]]
id = "cut"
name = "Cut the line"
category = "information"
cost = 0
effects = { channel = "line", channel_status = "suspended" }

[[moves]]
id = "drill"
name = "Drill"
category = "military"
cost = 1
target = "ally"
requires = { tracks = [{ track = "readiness", at_least = 0.6 }] }
effects = { interoperability = 0.2 }

[[channels]]
id = "line"
name = "Blue-Red line"
members = ["blue", "red"]
reliability = 1.0
dampening = 0.5

[[treaties]]
id = "pact"
name = "Pact"
members = ["blue", "green"]
trigger = { tag = "armed_attack", min_rung = "standoff" }
obligation = { tag = "collective_defense", within = 1 }
honour = { credibility = 0.1, cohesion = 0.1 }
breach = { credibility = -0.2 }
provisions = ["intelligence_sharing"]

[[injects]]
id = "storm"
name = "Storm"
text = "A storm."
turn = 2
effects = { tracks = [{ team = "blue", track = "readiness", delta = -0.2 }] }

[[injects]]
id = "alarm"
name = "Alarm"
text = "Alarm bells."
when = { crisis_at_least = "standoff" }

[[injects]]
id = "reserve"
name = "Reserve"
text = "Held in reserve for the facilitator."
'''


@pytest.fixture(scope="session")
def lab():
    return parse_campaign("lab.toml", LAB).campaign


@pytest.fixture(scope="session")
def lab_loaded():
    return parse_campaign("lab.toml", LAB)
