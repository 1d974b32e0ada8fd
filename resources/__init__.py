"""Data files shipped with Paddock Desk (demo season, icons)."""
