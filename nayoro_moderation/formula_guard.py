"""Spreadsheet formula injection: a CSV cell that Excel or LibreOffice would run as a formula.

Comments, ids, times and matched text are untrusted (``=HYPERLINK(…)``, ``+81-90-…``, ``@SUM(…)``), so
every string cell the command line writes to CSV passes through ``formula_safe``; ``--resume`` reads
them back through ``formula_unsafe``.
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(cell: str) -> str:
    """The cell with a leading ' when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def formula_unsafe(cell: str) -> str:
    """A cell as it was before formula_safe."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell
