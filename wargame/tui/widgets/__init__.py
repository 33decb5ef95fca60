"""Widgets that draw the state they are given and post messages upward, one a module."""
