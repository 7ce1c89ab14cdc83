from unknot.sound.attention import attention, desktop_notification


def test_bell_and_both_desktop_notifications_outside_tmux():
    assert attention("unknot", "Remove it now") == (
        "\a\x1b]777;notify;unknot;Remove it now\x07\x1b]9;unknot: Remove it now\x07"
    )


def test_inside_tmux_the_sequences_are_wrapped_with_escapes_doubled():
    assert desktop_notification("unknot", "Off", tmux=True) == (
        "\x1bPtmux;\x1b\x1b]777;notify;unknot;Off\x07\x1b\x1b]9;unknot: Off\x07\x1b\\"
    )


def test_each_part_can_be_switched_off():
    assert attention("t", "b", bell=False, desktop=False) == ""
    assert attention("t", "b", bell=True, desktop=False) == "\a"
    assert not attention("t", "b", bell=False).startswith("\a")


def test_text_cannot_break_out_of_the_sequence():
    out = desktop_notification("a;b", "c\x07\x1b]0;evil\x07d")
    assert out.count("\x07") == 2
    assert "evil" in out and "\x1b]0" not in out
