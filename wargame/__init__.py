"""wargame: a crisis-management seminar wargame for the terminal."""

__version__ = "0.5.0"
