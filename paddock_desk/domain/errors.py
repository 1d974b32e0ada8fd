"""Errors meant for the user: the command line prints them and exits 1, the app shows them."""

from __future__ import annotations


class PaddockError(Exception):
    """Bad input or data, explained in words a team manager understands."""
