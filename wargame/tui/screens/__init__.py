"""Full screens of the TUI, one a module."""
