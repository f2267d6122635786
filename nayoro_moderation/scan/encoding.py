"""Opening a log as text whatever Japanese tools saved it as: UTF-8 (with or without BOM), UTF-16 with
BOM, or CP932 (Excel's Japanese CSV).  Undecodable bytes do not stop the file: they are kept as lone
surrogates (surrogateescape), and the record holding them becomes an error row."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp932")
_SAMPLE_BYTES = 1 << 20


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
    if b"\x00" in sample:
        raise ScanInputError("looks like a binary file (or UTF-16 without a BOM): save it as UTF-8")
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "cp932"):
        return "cp932"
    return "utf-8"  # mostly UTF-8 with damage: the damaged records become error rows


def open_text(path: str | Path, encoding: str = "auto") -> tuple[io.TextIOWrapper, str]:
    """The log as a text stream (newlines untranslated, for csv) and the encoding used."""
    path = Path(path)
    if path.is_dir():
        raise ScanInputError(f"{path}: is a directory, not a log file")
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise ScanInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise ScanInputError(f"{path}: cannot read: {exc.strerror}") from None
    if encoding == "auto":
        try:
            encoding = detect_encoding(raw.read(_SAMPLE_BYTES))
        except ScanInputError as exc:
            raw.close()
            raise ScanInputError(f"{path}: {exc}") from None
        raw.seek(0)
    elif encoding == "utf-8" and raw.read(3) == codecs.BOM_UTF8:
        encoding = "utf-8-sig"
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline=""), encoding


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
