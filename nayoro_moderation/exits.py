"""Exit codes and usage errors, shared by cli.py and every subcommand (DESIGN §2, §7).

A module of its own so that a subcommand need not import cli.py, which imports the subcommands."""

from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or unreadable input: printed as one line, exit 2."""
