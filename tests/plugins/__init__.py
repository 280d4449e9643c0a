"""Fake third-party checks, loaded through hand-made entry points (nothing is installed)."""
