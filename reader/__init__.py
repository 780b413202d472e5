"""Parallel Reader: archival documents in two languages, side by side."""

__version__ = "0.1.0"
APP_NAME = "Parallel Reader"
