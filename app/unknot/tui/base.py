"""What every screen shares: typed access to the app, and the warning-signs key first."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from unknot.tui.app import UnknotApp

ResultT = TypeVar("ResultT")

# Declared on every screen, first, so the footer always shows it first; the app's own
# priority binding for the same key is the one that runs, whatever has focus.
SIGNS = Binding("exclamation_mark", "app.signs", "Warning signs")


def app_of(node: MessagePump) -> UnknotApp:
    """The running unknot app, typed."""
    return cast("UnknotApp", node.app)


class UnknotScreen(Screen[ResultT]):
    BINDINGS = [SIGNS]

    @property
    def unknot(self) -> UnknotApp:
        return app_of(self)


class UnknotModal(ModalScreen[ResultT]):
    DEFAULT_CSS = """
    UnknotModal { align: center middle; }
    """
    BINDINGS = [SIGNS]

    @property
    def unknot(self) -> UnknotApp:
        return app_of(self)
