"""Paddock Desk: season planning for motorsport teams."""

__version__ = "0.1.0"
