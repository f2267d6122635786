"""A per-user cache of facts derived from rule files that are slow to work out at every start.

Loading the bundled rules means reading and validating a hundred rule files, tokenizing every
lexicon term with Sudachi and reading every regex for the literals a match must contain: seconds of
work whose answer only changes with the files, terms and patterns themselves.  The answers are kept
in one pickle file per installation under the user's cache folder, keyed by the file, pattern or
term and by the versions of this package and of Sudachi's dictionary.  Any problem with the file
(missing, unreadable, read-only folder, another version) only means the facts are worked out again;
the results never depend on the cache.  ``NAYORO_MODERATION_CACHE=off`` turns it off.  The
package's own word lists are kept there too, parsed, and every regex compiled (lazy_regex).
"""

from __future__ import annotations

import os
import pickle
import time
import zlib
from functools import cache
from pathlib import Path

_FORMAT = 11  # 2: required literals read through \K; 3: validated rules in place of parsed TOML; 4: sets of
#             required literals, leading literals; 5: both; 6: rules and policies as dataclasses;
#             7: term tokens as tuples; 8: each kind's table pickled on its own; 9: records without slots;
#             10: pattern literals and term tokens kept per version of the code that worked them out;
#             11: each mode's tables a kind of its own


# Kinds whose keys begin with a file's path and "|": dropped when the file is gone.
_FILE_KINDS = ("rule", "data_file")


def _dictionary_stamp() -> str:
    try:
        import sudachidict_core

        dic = Path(sudachidict_core.__file__).parent / "resources" / "system.dic"
        stat = dic.stat()
        return f"{stat.st_size}-{stat.st_mtime_ns}"
    except (ImportError, OSError):
        return "unknown"


def source_stamp(*files: Path | str) -> str:
    """Which files these are (device and inode: a relative path names one without resolving it), their
    sizes and modification times: for the key of an answer worked out from them, or of an object
    their code built (one kept from older code may lack a field or hold a value the new code refuses).
    Raises OSError for a file that cannot be read."""
    return ",".join(f"{s.st_dev}:{s.st_ino}-{s.st_size}-{s.st_mtime_ns}" for s in map(os.stat, files))


@cache
def code_kind(kind: str, *code: Path) -> str:
    """The cache's name for answers of ``kind`` worked out by the code in these files: answers that
    older code gave are dropped (DerivedCache.versioned).  Named once per process."""
    return DerivedCache.shared().versioned(kind, source_stamp(*code))


def data_file(path: Path) -> dict:
    """A TOML data file of the package's (word lists), parsed once per installation: tomllib is pure
    Python, and the word lists a check reads took ~10 ms of every start to parse.  The table is
    shared: read it, never change it."""
    cache = DerivedCache.shared()

    def parse(_key: str) -> dict:
        import tomllib  # only when the cache lacks the file's answer

        with path.open("rb") as fh:
            return tomllib.load(fh)

    data = cache.get("data_file", f"{path}|{source_stamp(path)}", parse, replaces=f"{path}|")
    cache.save()  # read after the Moderator saved the cache: keep what this run parsed
    return data


def _cache_file(dictionary_stamp: str) -> Path | None:
    if os.environ.get("NAYORO_MODERATION_CACHE", "").lower() in ("off", "0", "no"):
        return None
    from . import __version__

    # One file per installation (package folder and dictionary): two virtual environments or
    # checkouts sharing a file found each other's answers stale and rewrote it, every start.
    install = zlib.crc32(f"{Path(__file__).resolve().parent}|{dictionary_stamp}".encode())
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nayoro_moderation" / f"derived-{__version__}-f{_FORMAT}-{install:08x}.pickle"


class DerivedCache:
    """``get(kind, key, compute)``: the stored answer, or ``compute(key)`` remembered for next time."""

    _shared: DerivedCache | None = None

    @classmethod
    def shared(cls) -> DerivedCache:
        """One cache per process, read once."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __init__(self):
        self._stamp = _dictionary_stamp()
        self._file = _cache_file(self._stamp)
        # Each kind's table is stored pickled on its own and unpickled when first asked for: a start
        # that finds its rules and tables here never reads the answers they were built from (the
        # terms' tokens, the patterns' literals), a third of the file's objects.
        self._stored: dict[str, bytes] = {}
        self._data: dict[str, dict] = {}
        self._dirty = False
        self._saved_at = float("-inf")
        if self._file is not None:
            try:
                with self._file.open("rb") as fh:
                    stamp, stored = pickle.load(fh)
                if stamp == self._stamp and isinstance(stored, dict):
                    self._stored = stored
            except Exception:  # noqa: BLE001 - a broken cache is an empty cache
                self._stored = {}

    def _table(self, kind: str) -> dict:
        table = self._data.get(kind)
        if table is None:
            stored = self._stored.pop(kind, None)
            try:
                table = pickle.loads(stored) if stored is not None else {}
            except Exception:  # noqa: BLE001 - a damaged table is an empty one
                table = {}
            self._data[kind] = table = table if isinstance(table, dict) else {}
        return table

    def _kinds(self) -> list[str]:
        return [*self._data, *self._stored]

    def get(self, kind: str, key: str, compute, *, replaces: str | None = None):
        """``replaces``: the start of the keys an answer supersedes (``path|`` for the versions of one
        file), dropped when it is worked out, so that editing a file does not grow the cache."""
        table = self._table(kind)
        try:
            return table[key]
        except KeyError:
            if replaces is not None:
                for old in [k for k in table if k.startswith(replaces)]:
                    del table[old]
            value = table[key] = compute(key)
            self._dirty = True
            return value

    def versioned(self, kind: str, stamp: str) -> str:
        """The name of ``kind`` for answers of code with this ``stamp`` (source_stamp): answers of the
        kind that older code gave are dropped."""
        name = f"{kind} {stamp}"
        for old in [k for k in self._kinds() if k.startswith(f"{kind} ") and k != name]:
            self._data.pop(old, None)
            self._stored.pop(old, None)
            self._dirty = True
        return name

    def _forget_missing_files(self) -> None:
        """Answers about files that are gone (a local rule pack in a folder since deleted)."""
        for kind in _FILE_KINDS:
            table = self._table(kind)
            for key in [k for k in table if not os.path.exists(k.partition("|")[0])]:
                del table[key]

    def save(self, *, at_most_every: float = 0.0) -> None:
        """Write what this run learnt.  ``at_most_every`` (seconds) is for callers in a loop (every
        check may compile a pattern the cache lacks): the first call writes, later ones only once that
        much time has passed since the last write."""
        if not self._dirty or self._file is None or time.monotonic() - self._saved_at < at_most_every:
            return
        import tempfile  # only a run that learnt something writes; most starts only read

        written = None
        try:
            self._forget_missing_files()
            self._file.parent.mkdir(parents=True, exist_ok=True)
            stored = dict(self._stored)
            for kind, table in list(self._data.items()):
                try:
                    stored[kind] = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001
                    # An entry that cannot be pickled (an object kept from older code, its class since
                    # changed): its table is dropped, and worked out again when asked.
                    del self._data[kind]
            with tempfile.NamedTemporaryFile(dir=self._file.parent, prefix=".writing-", delete=False) as fh:
                written = fh.name
                pickle.dump((self._stamp, stored), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(written, self._file)
            self._dirty = False
            self._saved_at = time.monotonic()
            # This installation's files of older package versions or cache formats are dead.
            install = self._file.name.rpartition("-")[2]
            for older in self._file.parent.glob(f"derived-*-{install}"):
                if older != self._file:
                    older.unlink(missing_ok=True)
        except Exception:  # noqa: BLE001 - a cache that cannot be written must not fail a check
            self._saved_at = time.monotonic()  # nor be tried again at every check
            if written is not None and os.path.exists(written):
                os.unlink(written)  # a half-written file would stay in the folder for good
