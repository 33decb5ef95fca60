"""Saves and reports at the edge: model values to files and back, written atomically."""
