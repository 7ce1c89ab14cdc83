"""Shell completion."""

from __future__ import annotations

import click

from unknot.commands.base import (
    EXIT_OK,
    Options,
    cli,
    command,
    echo,
)


@command(
    "completion",
    "Print the shell-completion script for bash, zsh or fish.",
    'eval "$(unknot completion bash)"   # in ~/.bashrc',
)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(options: Options, shell: str) -> int:
    from click.shell_completion import get_completion_class

    completion = get_completion_class(shell)
    assert completion is not None
    echo(completion(cli, {}, "unknot", "_UNKNOT_COMPLETE").source())
    return EXIT_OK
