"""Building the Moderator without the cyclic garbage collector looking on.

A start makes a few hundred thousand objects that all live on (the derived cache's answers, rules,
lexicon entries, the matcher's trie and automata) and no cyclic garbage.  Python's collector runs a
pass every 700 new objects and, every hundred passes, walks every object made so far: on a check's
start that walking was 60-90 ms of about 300 (measured with the collector off for a whole `check`).
The collector is paused while such a structure is built and then set as it was; nothing is freed
later than it would have been but for cycles made in that time, and none are.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
