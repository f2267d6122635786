"""Long texts are checked in overlapping windows, so that a check's time and memory grow in
proportion to the text whatever the text holds.

A megabyte pasted into a comment box holds hundreds of thousands of candidates, and some context
steps look at a whole sentence (a text without 。 is one sentence): checked whole, such a text took
minutes and gigabytes.  Each window is a core of about WINDOW characters, cut at a line or sentence
end where one is near, with OVERLAP characters of the text on each side as context.  A finding
belongs to the window whose core holds its start, so every finding is found once, at its exact
offsets in the whole text; what a rule reads around a match (at most a sentence's worth, a window of
200 characters at most) is the same as in the whole text unless the sentence itself is longer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

LONG_TEXT = 20_000  # characters; a text up to this long is checked whole
WINDOW = 5_000
OVERLAP = 300  # more than any rule's context window (200) and a finding's length
_CUTS = ("\n", "。", "！", "？", "!", "?", " ", "　")


class Window(NamedTuple):
    start: int  # of the text checked, core and overlap
    end: int
    core_start: int  # a finding starting in [core_start, core_end) belongs to this window
    core_end: int


def windows(text: str) -> Iterator[Window]:
    """The windows of a text longer than LONG_TEXT (one window, the whole text, otherwise)."""
    n = len(text)
    if n <= LONG_TEXT:
        yield Window(0, n, 0, n)
        return
    start = 0
    while start < n:
        end = min(start + WINDOW, n)
        if end < n:
            for mark in _CUTS:
                cut = text.rfind(mark, start + WINDOW // 2, end)
                if cut != -1:
                    end = cut + 1
                    break
        yield Window(max(0, start - OVERLAP), min(n, end + OVERLAP), start, end)
        start = end
