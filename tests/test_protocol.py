"""The protocol between the visit and its faces is complete: every kind of prompt has its
answer handler, rank and end-of-input meaning in the engine, a screen in the Textual face and a
line asker in the line face. A new kind fails here until all of them handle it."""

from __future__ import annotations

from typing import Any

import pytest

from unknot.core.engine import visit
from unknot.core.engine.prompts import Prompt
from unknot.plain.askers import ASKERS
from unknot.tui.prompt_screens import SCREENS


def prompt_kinds() -> set[type[Prompt[Any]]]:
    found: set[type[Prompt[Any]]] = set()
    todo = list(Prompt.__subclasses__())
    while todo:
        kind = todo.pop()
        found.add(kind)
        todo += kind.__subclasses__()
    return found


def test_there_are_prompt_kinds_to_check():
    assert len(prompt_kinds()) >= 15


@pytest.mark.parametrize(
    "registry",
    [visit._HANDLERS, SCREENS, ASKERS],
    ids=["engine answers", "Textual screens", "line askers"],
)
def test_every_prompt_kind_has_an_entry(registry):
    assert set(registry) == prompt_kinds()


def test_every_prompt_kind_declares_its_rank_and_what_no_answer_means():
    kinds = prompt_kinds()
    for kind in kinds:
        assert "rank" in vars(kind), kind  # its own, not one inherited by accident
        assert "unanswered" in vars(kind), kind
        assert kind.kind and "kind" in vars(kind), kind
    ranks = [kind.rank for kind in kinds]
    assert len(set(ranks)) == len(ranks)  # no two kinds tie for the front
    assert len({kind.kind for kind in kinds}) == len(kinds)


def test_the_ranks_keep_the_safety_order():
    from unknot.core.engine.prompts import (
        FunctionPrompt,
        MessagePrompt,
        NoticePrompt,
        ReminderPrompt,
        RemovePackPrompt,
        SignsPrompt,
        StopPrompt,
    )

    others = prompt_kinds() - {StopPrompt}
    assert all(StopPrompt.rank < kind.rank for kind in others)  # a stop outranks everything
    # the pack's alarm comes before every question but the warning signs the person opened
    assert all(RemovePackPrompt.rank < k.rank for k in others - {SignsPrompt, RemovePackPrompt})
    # a reminder and the weekly questions wait until nothing else is in front
    last = {ReminderPrompt, FunctionPrompt}
    assert all(k.rank < min(x.rank for x in last) for k in prompt_kinds() - last)
    assert not any(kind.blocking for kind in (MessagePrompt, NoticePrompt, FunctionPrompt))
