"""What every screen shares: typed access to the app, the warning-signs key first, and what
the app asks of a screen that shows part of the visit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from unknot.core.engine.prompts import Prompt
    from unknot.tui.app import UnknotApp

ResultT = TypeVar("ResultT")

# Declared on every screen, first, so the footer always shows it first; the app's own
# priority binding for the same key is the one that runs, whatever has focus.
SIGNS = Binding("exclamation_mark", "app.signs", "Warning signs")


def app_of(node: MessagePump) -> UnknotApp:
    """The running unknot app, typed."""
    return cast("UnknotApp", node.app)


class ShowsVisit:
    """What the app calls on the screens it shows for the visit; a screen overrides what it
    needs. The app calls these on every wake, whatever the screen."""

    def show(self, prompt: Prompt[Any]) -> None:
        """The same prompt as on screen, with newer figures (how overdue, how long left)."""

    def refresh_view(self) -> None:
        """Draw the view again from the engine's state."""

    def next_change(self) -> float | None:
        """Seconds until this screen next shows something different, if it knows."""
        return None


class UnknotScreen(ShowsVisit, Screen[ResultT]):
    BINDINGS = [SIGNS]

    @property
    def unknot(self) -> UnknotApp:
        return app_of(self)


class UnknotModal(ShowsVisit, ModalScreen[ResultT]):
    BINDINGS = [SIGNS]

    @property
    def unknot(self) -> UnknotApp:
        return app_of(self)


# A screen the app shows for the visit: its view (run, timer, finish) or the prompt in front.
VisitScreen = UnknotScreen[Any] | UnknotModal[Any]
