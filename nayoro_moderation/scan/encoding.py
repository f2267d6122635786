"""Opening a log as text whatever Japanese tools saved it as: UTF-8 (with or without BOM), UTF-16 with
BOM, or CP932 (Excel's Japanese CSV).  Undecodable bytes do not stop the file: they are kept as lone
surrogates (surrogateescape), and the record holding them becomes an error row."""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp932")
_SAMPLE_BYTES = 1 << 20
_FORMAT_SAMPLE_BYTES = 1 << 16  # what the readers look at to tell the export


class ScanInputError(ValueError):
    """A log that cannot be read at all (missing, a directory, binary, unknown format)."""


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # A stray NUL is a character of its record, wherever it stands; a file whose start is full of
    # them is an image, an archive, or UTF-16 saved without a BOM.
    if sample.count(b"\x00") * 10 > len(sample):
        raise ScanInputError("looks like a binary file (or UTF-16 without a BOM): save it as UTF-8")
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "cp932"):
        return "cp932"
    return "utf-8"  # mostly UTF-8 with damage: the damaged records become error rows


class _Replayed(io.RawIOBase):
    """A byte stream whose first bytes were already read (to guess the encoding and the format),
    served again before the rest: a pipe cannot seek back (``scan /dev/stdin``)."""

    def __init__(self, head: bytes, rest):
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buffer)

    def close(self) -> None:
        self._rest.close()
        super().close()


def open_text(path: str | Path, encoding: str = "auto") -> tuple[io.TextIOWrapper, str, str]:
    """The log as a text stream (newlines untranslated, for csv), the encoding used, and the text of
    its first bytes (to recognise the export by).  Never seeks: a pipe is read like a file."""
    path = Path(path)
    if path.is_dir():
        raise ScanInputError(f"{path}: is a directory, not a log file")
    try:
        raw = sys.stdin.buffer.raw if str(path) == "-" else path.open("rb", buffering=0)
    except FileNotFoundError:
        raise ScanInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise ScanInputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        head = _read_up_to(raw, _SAMPLE_BYTES)
    except OSError as exc:
        raw.close()
        raise ScanInputError(f"{path}: cannot read: {exc.strerror}") from None
    if encoding == "auto":
        try:
            encoding = detect_encoding(head)
        except ScanInputError as exc:
            raw.close()
            raise ScanInputError(f"{path}: {exc}") from None
    elif encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head[:_FORMAT_SAMPLE_BYTES])
    stream = io.TextIOWrapper(io.BufferedReader(_Replayed(head, raw)), encoding=encoding, errors="surrogateescape", newline="")
    return stream, encoding, sample


def _read_up_to(raw, size: int) -> bytes:
    """``size`` bytes, or all there are: a pipe hands them over a piece at a time."""
    pieces, total = [], 0
    while total < size:
        piece = raw.read(size - total)
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def decode_text(data: bytes, encoding: str = "auto", label: str = "input") -> str:
    """A whole small text (a draft) decoded with the same guess as a log; here an undecodable byte is
    an error, since there is no row to carry it."""
    try:
        if encoding == "auto":
            encoding = detect_encoding(data)
        elif encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        return data.decode(encoding)
    except ScanInputError as exc:
        raise ScanInputError(f"{label}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ScanInputError(
            f"{label}: not {encoding.upper()} text (undecodable byte at offset {exc.start}); save it as UTF-8 or name --encoding"
        ) from None
