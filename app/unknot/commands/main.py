"""`main`: the command line, with every group of commands registered on `cli`."""

from __future__ import annotations

from collections.abc import Sequence

import click

from unknot.commands import completion, history, programme, reminders, routines, running
from unknot.commands.base import (
    EXIT_OK,
    EXIT_PROBLEM,
    Options,
    cli,
    crashed,
    echo,
    say_set_aside,
)

__all__ = ["cli", "main"]

# Imported for what they register on `cli`.
COMMANDS = (running, routines, reminders, programme, history, completion)


def main(argv: Sequence[str] | None = None) -> int:
    import io

    from unknot.store.paths import DataDirError
    from unknot.store.statefile import SaveFailed

    args = list(argv) if argv is not None else None
    options = Options()  # filled in as the options are parsed; says where the log is
    try:
        code = cli.main(args=args, prog_name="unknot", standalone_mode=False, obj=options)
    except click.ClickException as exc:
        # click would print these itself; through echo, a hostile argument is shown safely.
        message = io.StringIO()
        exc.show(file=message)
        echo(message.getvalue(), err=True, nl=False)
        return exc.exit_code
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl+C: click wrote a newline
            return 130
        echo("Aborted!", err=True)
        return EXIT_PROBLEM
    except (DataDirError, SaveFailed) as exc:  # the data folder: one line, what to do
        echo(f"unknot: {exc}", err=True)
        return EXIT_PROBLEM
    except Exception as exc:  # anything unexpected, after the errors that have their own words
        return crashed(exc, options.data_dir)
    say_set_aside(options)
    return code if isinstance(code, int) else EXIT_OK
