"""Sorted, non-overlapping spans with logarithmic overlap queries.

Checks ask "does this span touch a known one?" once per candidate; a linear scan makes a 1 MB
document quadratic, and a long paste must be checked in time linear in its size.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """Half-open `[start, end)` spans that do not overlap each other."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._ends, start + 1)  # first span ending after `start`
        return i < len(self._starts) and self._starts[i] < end

    def first_start(self, start: int, end: int) -> int | None:
        """Where the first held span touching `[start, end)` begins (not before `start`)."""
        i = bisect.bisect_left(self._ends, start + 1)
        if i < len(self._starts) and self._starts[i] < end:
            return max(start, self._starts[i])
        return None

    @classmethod
    def merged(cls, spans: Iterable[tuple[int, int]]) -> Spans:
        """Spans that may overlap, joined where they do."""
        out: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return cls(out)

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already held."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
