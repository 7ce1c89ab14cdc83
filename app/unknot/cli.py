"""The command line's entry, kept where the program and its tests have always started it: the
commands themselves are in `unknot.commands`, one module per group."""

from __future__ import annotations

from unknot.commands.main import cli, main

__all__ = ["cli", "main"]
