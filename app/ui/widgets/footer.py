"""The footer, with the warning-signs key always first so no terminal width can hide it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

SIGNS_ACTION = "signs"


class SafetyFooter(Footer):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action == SIGNS_ACTION]
        yield from first
        yield from (k for k in keys if k not in first)
