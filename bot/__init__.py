"""Copydesk: catches factual and copy errors in news copy before it is published."""

__version__ = "0.1.0"
