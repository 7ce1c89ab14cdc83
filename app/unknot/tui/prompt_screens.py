"""Which screen shows each of the visit's prompts: one entry per prompt kind (a kind without
one is a test failure). Loaded when the first prompt is shown, with the screens it names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from unknot.core.engine.prompts import (
    CheckInPrompt,
    ConfirmPrompt,
    DailyCheckPrompt,
    FunctionPrompt,
    HighPainPrompt,
    MessagePrompt,
    NoticePrompt,
    PainPrompt,
    Prompt,
    ReapplyPrompt,
    ReminderPrompt,
    RemovePackPrompt,
    SignsPrompt,
    SkinCheckPrompt,
    SkinRestPrompt,
    StopPrompt,
)
from unknot.core.safety.signs import EmergencyNumber
from unknot.tui.base import VisitScreen
from unknot.tui.screens.checkin import CheckInScreen, HighPain, PainRating
from unknot.tui.screens.confirm import Confirm, MessageScreen
from unknot.tui.screens.function import FunctionScreen
from unknot.tui.screens.reminders import ReminderDue
from unknot.tui.screens.safety import DailyCheckScreen, NoticeScreen, SafetyStopScreen, SignsScreen
from unknot.tui.screens.therapy import (
    ReapplyScreen,
    RemovePackScreen,
    SkinCheckScreen,
    SkinRestWait,
)

# Made from the prompt and the emergency number (which only a stop shows).
ScreenFor = Callable[[Any, EmergencyNumber], VisitScreen]


def _of(screen: Callable[[Any], VisitScreen]) -> ScreenFor:
    return lambda prompt, _number: screen(prompt)


SCREENS: dict[type[Prompt[Any]], ScreenFor] = {
    StopPrompt: SafetyStopScreen,
    SignsPrompt: _of(SignsScreen),
    RemovePackPrompt: _of(RemovePackScreen),
    SkinCheckPrompt: _of(SkinCheckScreen),
    ReapplyPrompt: _of(ReapplyScreen),
    ConfirmPrompt: _of(Confirm),
    MessagePrompt: _of(MessageScreen),
    NoticePrompt: _of(NoticeScreen),
    DailyCheckPrompt: _of(DailyCheckScreen),
    PainPrompt: _of(PainRating),
    HighPainPrompt: _of(HighPain),
    CheckInPrompt: _of(CheckInScreen),
    SkinRestPrompt: _of(SkinRestWait),
    ReminderPrompt: _of(ReminderDue),
    FunctionPrompt: _of(FunctionScreen),
}


def screen_for(prompt: Prompt[Any], number: EmergencyNumber) -> VisitScreen:
    return SCREENS[type(prompt)](prompt, number)
