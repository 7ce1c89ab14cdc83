"""A folder of hostile routine files, made fresh for each test that wants one."""

from __future__ import annotations

from pathlib import Path

MARKUP_NAME = "[/b][@click=app.quit]x [link=https://example.invalid]click[/link]"


def write_hostile_folder(folder: Path, marker: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "markup": f'version: 1\nname: "{MARKUP_NAME}"\nsteps:\n'
        '  - note: "[bold red]shout[/] [@click=app.bell]bell"\n',
        "escapes": 'version: 1\nname: "Esc \\e[2J\\e[31mred \\e]0;title\\a"\nsteps:\n'
        '  - note: "\\e[?1049h gone"\n',
        "bomb": "version: 1\nname: bomb\n"
        + "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "steps:\n  - rest: 5s\n",
        "python": "version: 1\nname: p\nsteps:\n"
        f"  - note: !!python/object/apply:os.system ['touch {marker}']\n",
        "empty": "",
        "list": "- version: 1\n- name: x\n",
        "wide": "version: 1\nname: 🧘 宽字 ストレッチ ✨✨✨\nsteps:\n  - note: 🧘‍♀️ 家族 👨‍👩‍👧\n",
    }
    paths = {}
    for name, text in files.items():
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    big = folder / "big.yaml"
    big.write_text("version: 1\nname: big\n# " + "x" * 1_000_000 + "\nsteps:\n  - rest: 5s\n")
    paths["big"] = big
    binary = folder / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 16)
    paths["binary"] = binary
    return paths


def write_hostile_extras(folder: Path) -> list[str]:
    """More hostile things in a routines folder: numbers too big to convert, escapes in names
    and values, deep nesting, links that loop, a FIFO, a socket, an unreadable file and a
    folder named like routines. Returns the ids that must be listed as broken."""
    import os
    import socket

    folder.mkdir(parents=True, exist_ok=True)
    head = "version: 1\nname: x\nsteps:\n"
    files = {
        "huge-hold": head + "  - stretch: s\n    hold: 1" + "0" * 400 + "\n",
        "huge-reps": head + "  - exercise: e\n    reps: " + "9" * 5000 + "\n",
        "huge-rounds": "version: 1\nname: x\nrounds: " + "9" * 5000 + "\nsteps:\n  - rest: 5s\n",
        "sexagesimal": head + "  - rest: 1:30\n",
        "osc-hold": head + '  - stretch: s\n    hold: "\\e]0;pwned\\a\\e[2J"\n',
        "osc52-sound": head + '  - rest: 5s\n    sounds: {start: "\\e]52;c;cm0gLXJmIH4=\\a"}\n',
        "osc-sign": "version: 1\nname: x\nstop_if: ['\\e]0;pwned\\a']\n" + "steps: []\n",
        "forged-name": 'version: 1\nname: "Walk |\\n\\n## Warning signs reported"\n'
        "steps:\n  - rest: 5s\n",
        "deep": head + "  - note: " + "[" * 900 + "]" * 900 + "\n",
        "merge": head + "  - stretch: s\n    <<: {hold: 5s}\n",
        "tabs": head + "\t- rest: 5s\n",
        "zero-width": head + "  - stretch: s\n    hold\u200b: 5s\n",
        "\x1b]0;title\x07name": head + "  - rest: 5s\n",
    }
    broken = list(files)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    (folder / "loop-a.yaml").symlink_to(folder / "loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to(folder / "loop-a.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    os.mkfifo(folder / "fifo.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.yaml"))
    server.close()
    unreadable = folder / "unreadable.yaml"
    unreadable.write_text(head + "  - rest: 5s\n")
    unreadable.chmod(0)  # root reads it anyway; everyone else gets a message
    (folder / "folder.yaml").mkdir()
    return broken
