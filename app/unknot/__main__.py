"""The `unknot` command and `python -m unknot`.

Three answers are given here, before the command line proper (unknot.cli, with click) is even
imported: `unknot --version`; `unknot completion SHELL`, which a shell's start-up file runs
every time a shell opens; and `unknot status [--format F] [--data-dir D]`, which a status bar
runs every few seconds. They then cost little more than starting Python. Everything else, and
any other spelling of these (other options, --help, a mistake), goes to unknot.cli, which
says what is wrong.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from unknot import __version__

# The scripts click writes for `completion`, kept as files so printing one needs no click;
# a test holds them equal to what click itself would write.
SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_UNKNOT_COMPLETE"  # click's name for the variable that asks for completions


def completion_script(shell: str) -> str:
    """The completion script for `shell` (one of SHELLS), as click would write it."""
    folder = os.path.join(os.path.dirname(__file__), "completion")
    with open(os.path.join(folder, f"unknot.{shell}"), encoding="utf-8") as file:
        return file.read()


def bash_version() -> str:
    """What `bash` says its version is; "" if there is no bash. Asked with posix_spawn where
    there is one, as importing subprocess would cost more than the rest of the answer."""
    command = ["bash", "--norc", "-c", 'echo "${BASH_VERSION}"']
    if not hasattr(os, "posix_spawnp"):
        import subprocess

        try:
            return subprocess.run(command, stdout=subprocess.PIPE).stdout.decode()
        except OSError:
            return ""
    read, write = os.pipe()
    try:
        pid = os.posix_spawnp(
            command[0], command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, write, 1)]
        )
    except OSError:
        os.close(read)
        return ""
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as said:
        out = said.read()
    os.waitpid(pid, 0)
    return out.decode(errors="replace")


def bash_too_old() -> str | None:
    """click's warning when the bash here can't use the script (older than 4.4), or None."""
    parts = bash_version().split(".")
    if len(parts) < 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        return "Couldn't detect Bash version, shell completion is not supported."
    if (int(parts[0]), int(parts[1])) < (4, 4):
        return "Shell completion is not supported for Bash versions older than 4.4."
    return None


INTERRUPTED = 130  # the shell's code for a program ended by Ctrl+C (128 + SIGINT)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl+C while starting up (importing): nothing to undo yet
        return INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # A shell asking for completions runs the program with this set: that is click's work.
    if COMPLETE_VAR not in os.environ:
        if args == ["--version"]:
            return _say(f"unknot {__version__}")
        if len(args) == 2 and args[0] == "completion" and args[1] in SHELLS:
            warning = bash_too_old() if args[1] == "bash" else None
            if warning:
                print(warning, file=sys.stderr)
            return _say(completion_script(args[1]))
        status = _status_options(args)
        if status is not None:
            return _status(*status)
    return _command_line(args)


def _status_options(args: list[str]) -> tuple[str | None, str | None] | None:
    """(data folder, format) when `args` are `status` with only those two options, each
    given once (before or after the command); None for anything else."""
    found: dict[str, str] = {}
    rest = []
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if name in ("--format", "--data-dir") and name not in found:
            if not equals:
                value = next(words, "")
                if not value or value.startswith("-"):
                    return None
            found[name] = value
        else:
            rest.append(word)
    if rest != ["status"]:
        return None
    return found.get("--data-dir"), found.get("--format")


def _status(data_dir: str | None, template: str | None) -> int:
    from unknot.core.text import terminal_safe
    from unknot.services.status import DEFAULT, UnknownPlaceholder, status_line
    from unknot.store import paths

    try:
        line, problems = status_line(paths.data_dir(data_dir), template or DEFAULT)
    except UnknownPlaceholder:
        return _command_line(["status", "--format", template or ""])  # click says it as usage
    for problem in problems:
        print(terminal_safe(f"unknot: {problem}"), file=sys.stderr)
    return _say(terminal_safe(line)) if line else 0


def _command_line(args: list[str]) -> int:
    from unknot.cli import main as command_line

    return command_line(args)


def _say(text: str) -> int:
    try:
        print(text, flush=True)
    except BrokenPipeError:  # `unknot completion bash | head`: the reader has gone, fine.
        # What is still buffered goes nowhere, rather than failing again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
