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

# Whether what a pause made is then left out of the collector's passes for good (gc.freeze).  Set by
# the command line for its own process, where every object is the library's: else the first
# collection after a pause walks everything the pause made (about 5 ms of a check's start).  A program
# that imports the library keeps its collector as it is.
_freeze_what_pauses_make = False


def freeze_what_pauses_make() -> None:
    global _freeze_what_pauses_make
    _freeze_what_pauses_make = True


@contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze_what_pauses_make:
            gc.freeze()
        if was_enabled:
            gc.enable()
