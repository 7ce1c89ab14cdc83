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
