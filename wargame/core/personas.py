"""The bot personas' names: a tiny module so that checking a campaign need not load the bots."""

PERSONAS = ("random", "hawk", "dove", "tit-for-tat", "deterrent", "doctrine")
