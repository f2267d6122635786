import os
import sys

# The command line uses no pydantic plugins; looking for them imports importlib.metadata and costs
# a noticeable share of the cold start of `check`.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .gc_pause import freeze_what_pauses_make, gc_paused

freeze_what_pauses_make()  # this process is the command line's own (gc_pause.py)
with gc_paused():  # the imports make tens of thousands of lasting objects (gc_pause.py)
    from .cli import main  # noqa: E402

code = main()
if sys.argv[1:2] == ["check"]:
    # Tearing the interpreter down (freeing every rule, pattern and cached word and the Sudachi
    # dictionary) took ~50 ms, a tenth of the start-up budget of `check`, which has nothing left to
    # do once its output is out: the Moderator saved the derived cache when it was built.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away, or main() closed the stream
            pass
    os._exit(code)
sys.exit(code)
