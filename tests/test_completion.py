"""Shell completion: the real program answering the shell's completion requests, and the
scripts `unknot completion bash|zsh|fish` prints, the bash one run in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need, run_cli

UNKNOT = Path(sys.executable).with_name("unknot")
ROUTINE = "version: 1\nname: {name}\nsteps:\n  - rest: 5s\n"


def offered(line: str) -> list[str]:
    """What the program offers for the words typed so far (`line`; the last word is the one
    being completed), asked as bash's completion function asks it."""
    words = line.split(" ")
    result = run_cli(
        env={
            "_UNKNOT_COMPLETE": "bash_complete",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
    )
    assert result.returncode == 0, result.stderr
    return [
        line.split(",", 1)[1] for line in result.stdout.splitlines() if line.startswith("plain,")
    ]


def write_routine(folder: Path, routine_id: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{routine_id}.yaml").write_text(ROUTINE.format(name=routine_id))


def test_routine_ids_from_the_bundled_the_users_and_an_extra_folder(tmp_path):
    write_routine(Path(os.environ["UNKNOT_ROUTINES_DIR"]), "gecko-crawl")  # the user's own
    write_routine(tmp_path / "extra", "germ-free")
    assert offered("unknot run ge") == ["gecko-crawl", "gentle-floor"]
    assert offered(f"unknot --routines {tmp_path / 'extra'} run ge") == [
        "gecko-crawl",
        "gentle-floor",
        "germ-free",
    ]


def test_commands_options_and_programme_ids():
    commands = offered("unknot ")
    for command in ("run", "ice", "heat", "remind", "list", "validate", "programme", "today"):
        assert command in commands
    assert {"--plain", "--speed", "--data-dir", "--mute"} <= set(offered("unknot run --"))
    assert offered("unknot programme start gentle") == ["gentle-six-weeks"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script_for_each_shell(shell):
    result = run_cli("completion", shell)
    assert result.returncode == 0, result.stderr
    script = result.stdout
    assert "_UNKNOT_COMPLETE" in script and f"{shell}_complete" in script
    assert "_unknot_completion" in script  # the function the shell is told to call
    assert "unknot" in script.replace("_unknot_completion", "").replace("_UNKNOT_COMPLETE", "")


def test_the_bash_script_completes_a_routine_in_a_real_bash():
    need(UNKNOT.exists(), "the installed unknot command")
    bash = shutil.which("bash")
    need(bash is not None, "bash")
    script = run_cli("completion", "bash").stdout
    # As bash calls it on Tab: the words so far, and the command's name as the first argument.
    line = (
        "COMP_WORDS=(unknot run gen); COMP_CWORD=2; _unknot_completion unknot run gen; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run(
        [str(bash), "--norc", "--noprofile", "-c", f"{script}\n{line}"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": f"{UNKNOT.parent}{os.pathsep}{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["gentle-floor"]


def test_file_names_with_escapes_or_line_breaks_never_reach_the_shell_raw(tmp_path):
    folder = tmp_path / "my-routines"  # the user's routines folder in every test
    folder.mkdir()
    (folder / "evil\x1b[31mred.yaml").write_text(ROUTINE.format(name="evil"))
    (folder / "two\nlines.yaml").write_text(ROUTINE.format(name="two"))
    (folder / "programmes").mkdir()
    (folder / "programmes" / "p\x07rog.yaml").write_text("x")
    for line in ("unknot run ", "unknot programme start "):
        result = run_cli(
            env={
                "_UNKNOT_COMPLETE": "bash_complete",
                "COMP_WORDS": line,
                "COMP_CWORD": str(len(line.split(" ")) - 1),
            }
        )
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "\x1b" not in out and "\x07" not in out
        assert all(said.startswith("plain,") for said in out.splitlines()), out
    assert {"evil\\x1b[31mred", "two\\nlines"} <= set(offered("unknot run "))
    assert "p\\x07rog" in offered("unknot programme start ")
