"""Reading a TOML file that a user wrote (a rule pack, a policy): whatever is wrong with it, one line.

``tomllib`` raises UnicodeDecodeError for a file that is not UTF-8 and RecursionError for arrays or
tables nested thousands deep (it reads them recursively); both ended in a traceback.
"""

from __future__ import annotations

from pathlib import Path


class TomlFileError(ValueError):
    """The file is not readable TOML; the message is one line, without the path."""


def read_toml(path: Path) -> dict:
    """The file's table.  Raises OSError (missing, a folder, unreadable) or TomlFileError."""
    import tomllib  # pure Python: imported by the first file a run parses, which a cached start never does

    with path.open("rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TomlFileError(f"not UTF-8 text (undecodable byte at offset {exc.start}); save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(f"invalid TOML: {exc}") from None
    except RecursionError:
        raise TomlFileError("arrays or tables nested too deeply to read") from None
