"""The terminal title: what runs and the time left, most urgent first.

'▶ Knee to chest 0:23', '⏸ Knee to chest 0:23', '❄ 14:05 left', '⚠ REMOVE PACK', '⚠ STOP'.
A title is seen from another tab or window, so it says only what matters most right now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unknot.core.engine.plan import Kind, Segment
from unknot.core.engine.prompts import StopPrompt
from unknot.core.engine.session import Session, State
from unknot.core.engine.therapy import Therapy
from unknot.core.words.glance import REMOVE_PACK, cut, short_clock, therapy_glance

if TYPE_CHECKING:  # the visit is only named: loading it here would load the whole engine
    from unknot.core.engine.visit import Visit

STOP = "⚠ STOP"


def _segment_name(segment: Segment) -> str:
    if segment.kind is Kind.REST:
        return "Rest"
    if segment.kind is Kind.SWITCH:
        return "Switch sides"
    if segment.kind is Kind.CHECK:
        return "Check-in"
    return cut(segment.title)


def session_glance(session: Session) -> str | None:
    """'▶ Knee to chest 0:23', '⏸ Knee to chest 0:23', '▶ Cat-cow'; None when not running."""
    if session.state not in (State.RUNNING, State.PAUSED):
        return None
    segment = session.segment
    if segment.kind.value == "remove":  # a plan's own "take it off now" step, where it has one
        return REMOVE_PACK
    symbol = "▶" if session.state is State.RUNNING else "⏸"
    left = session.remaining()
    clock = f" {short_clock(left)}" if left is not None else ""
    return f"{symbol} {_segment_name(segment)}{clock}"


def title_for(
    session: Session | None = None, therapy: Therapy | None = None, stopped: bool = False
) -> str | None:
    """The terminal title for the state, most urgent first; None: put the old title back.

    A safety stop outranks everything, then a pack that must come off, then a cold/heat
    timer, then the routine.
    """
    if stopped:
        return STOP
    if therapy is not None:
        shown = therapy_glance(therapy)
        if shown is not None:
            return shown
    if session is not None:
        return session_glance(session)
    return None


def visit_title(visit: Visit) -> str | None:
    """The title for what the visit shows now."""
    stopped = any(isinstance(p, StopPrompt) for p in visit.prompts())
    return title_for(visit.session, visit.therapy, stopped)
