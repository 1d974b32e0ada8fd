"""Turning printable content (built by services.printing, Qt-free) into pages: PDF or printer."""
