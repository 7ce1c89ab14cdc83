"""The routine files: list, validate, schema, new, the warning signs, and the printable sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from unknot.commands.base import (
    A_FILE,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    Options,
    _problems,
    command,
    complete_routine,
    context_for,
    echo,
    library_for,
)


@command("list", "List routines, and broken files with their first error.", "unknot list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_command(options: Options, as_json: bool) -> int:
    from unknot.core.durations import format_duration
    from unknot.core.text import one_line

    entries = library_for(options).scan()
    if as_json:
        import json

        rows = [
            {
                "id": e.id,
                "name": e.routine.name if e.routine else None,
                "seconds": e.seconds,
                "origin": e.origin,
                "path": str(e.path),
                "tags": list(e.routine.tags) if e.routine else [],
                "error": str(e.first_error) if e.broken and e.first_error else None,
            }
            for e in entries
        ]
        # ASCII: JSON escapes controls but not C1 or bidi characters; \u escapes are safe.
        echo(json.dumps(rows, indent=2, ensure_ascii=True))
        return EXIT_OK
    if not entries:
        echo("No routines found. 'unknot new NAME' writes one to start from.")
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        if e.routine:
            tags = f"  [{', '.join(e.routine.tags)}]" if e.routine.tags else ""
            length = format_duration(e.seconds)
            echo(f"{e.id:<{width}}  {length:>7}  {e.origin:<7}  {one_line(e.routine.name)}{tags}")
        else:
            echo(f"{e.id:<{width}}  {'BROKEN':>7}  {e.origin:<7}  {e.first_error}")
    return EXIT_OK


@command(
    "validate",
    "Check routine files; exit 1 on any error.",
    "unknot validate my-routine.yaml ~/more-routines/",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
def validate_command(options: Options, paths: tuple[str, ...]) -> int:
    from unknot.core.format.programme_reader import looks_like_a_programme
    from unknot.store.library import load_file, routine_files
    from unknot.store.programmes import FOLDER, known_routines, load_programme_file
    from unknot.store.regular import read_regular

    files: list[Path] = []
    failed = False
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = routine_files(path) + routine_files(path / FOLDER)
            if not found:
                echo(f"{path}: no .yaml or .yml files here", err=True)
            files += found
        elif path.exists():
            files.append(path)
        else:
            echo(f"{path}:1:1: error: no such file or folder", err=True)
            failed = True
    errors = warnings = 0
    routines: dict[str, Any] | None = None  # read once, for the first programme file

    def is_programme(path: Path) -> bool:
        try:
            return looks_like_a_programme(read_regular(path, 256 * 1024))
        except OSError:
            return False

    for path in files:
        if is_programme(path):
            if routines is None:
                routines = known_routines(library_for(options))
                for other in files:  # the routines checked beside it count too
                    if not is_programme(other):
                        routines[other.stem] = load_file(other).routine
            result: Any = load_programme_file(path, routines)
        else:
            result = load_file(path)
        for problem in result.problems:
            echo(str(problem))
        errors += len(result.errors)
        warnings += len(result.warnings)
        if result.ok and not result.problems:
            echo(f"{path}: ok")
    echo(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    return EXIT_PROBLEM if errors or failed else EXIT_OK


@command(
    "schema", "Print the JSON Schema of the routine format.", "unknot schema > routine.schema.json"
)
@click.option("--programme", "programme", is_flag=True, help="The programme format's schema.")
def schema_command(options: Options, programme: bool) -> int:
    from unknot.core.format.schema import programme_schema_text, schema_text

    echo(programme_schema_text() if programme else schema_text(), nl=False)
    return EXIT_OK


@command(
    "new", "Write a commented template routine to your routines folder.", "unknot new my-stretches"
)
@click.argument("name", metavar="NAME")
@click.option(
    "--programme",
    "programme",
    is_flag=True,
    help="A programme (routines on days over weeks), in the programmes folder.",
)
def new_command(options: Options, name: str, programme: bool) -> int:
    """NAME is the new routine's id: lowercase letters, digits and '-'."""
    from unknot.core.format.loader import ID_PATTERN, suggest_id
    from unknot.core.format.schema import programme_schema_text, schema_text
    from unknot.core.format.template import render_programme_template, render_template
    from unknot.store import paths
    from unknot.store.programmes import FOLDER

    what = "programme" if programme else "routine"
    if name.endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not ID_PATTERN.match(name):
        echo(
            f"unknot new: '{name}' can't be a {what} id; use lowercase letters, digits and "
            f"'-', like '{suggest_id(name)}'",
            err=True,
        )
        return EXIT_USAGE
    if programme:
        render, schema, schema_name = render_programme_template, programme_schema_text, what
        folder = paths.user_routines() / FOLDER
    else:
        render, schema, schema_name = render_template, schema_text, what
        folder = paths.user_routines()
    target = folder / f"{name}.yaml"
    if target.exists():
        echo(
            f"unknot new: {target} already exists; nothing was changed. Pick another name, "
            "or edit that file.",
            err=True,
        )
        return EXIT_PROBLEM
    try:
        paths.make_private_dirs(folder)
        title = name.replace("-", " ").capitalize()
        paths.write_private(target, render(name, title, str(target)), exclusive=True)
        paths.write_private(folder / f"{schema_name}.schema.json", schema())
    except OSError as exc:
        echo(f"unknot new: can't write {target}: {exc.strerror}", err=True)
        return EXIT_PROBLEM
    echo(f"Wrote {target}")
    echo(f"Edit it, then check it with: unknot validate {target}")
    if programme:
        echo(f"Follow it with: unknot programme start {name}")
    return EXIT_OK


@command(
    "signs",
    "Print the warning signs by urgency, with what to do and the number to call.",
    "unknot signs > warning-signs.txt",
)
def signs_command(options: Options) -> int:
    import textwrap

    from unknot.core.safety.signs import LEVEL_HEADINGS, LEVELS, MEDICINE_NOTE, NOT_ADVICE, advice

    context = context_for(options)
    number = context.number
    where = f" (region {number.region})" if number.region else ""
    out = [
        "WARNING SIGNS FOR BACK PAIN",
        f"Emergency number: {number.spoken}{where}" + (f"; {number.note}" if number.note else ""),
        "Read from the top. Act on the first group that has something you have.",
    ]
    for level in LEVELS:
        words = advice(level, number)
        actions = " ".join(a for a in words.actions if not a.startswith("The routine"))
        out += ["", LEVEL_HEADINGS[level], "What to do: " + actions]
        for sign in context.catalogue.at(level):
            out.append(
                textwrap.fill(sign.words, 78, initial_indent="  - ", subsequent_indent="    ")
            )
            out.append(
                textwrap.fill(
                    f"Why: {sign.why}", 78, initial_indent="    ", subsequent_indent="    "
                )
            )
    out += ["", textwrap.fill(MEDICINE_NOTE, 78), NOT_ADVICE]
    echo("\n".join(line if line.startswith(" ") else textwrap.fill(line, 78) for line in out))
    return EXIT_OK


@command(
    "sheet",
    "A printable page of a routine: figures, holds and reps, warning signs.",
    "unknot sheet gentle-floor -o gentle-floor.html",
)
@click.argument("routine", metavar="ROUTINE", shell_complete=complete_routine)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=A_FILE,
    help="Write to FILE (readable by you only), not the screen.",
)
def sheet_command(options: Options, routine: str, output: str | None) -> int:
    """One self-contained HTML page to print (A4 or Letter) or keep: nothing is fetched."""
    from unknot.core.words.sheet import sheet_html
    from unknot.store import paths

    entry = library_for(options).find(routine)
    if entry is None or entry.routine is None:
        if entry is not None:
            _problems(entry)
        echo(f"unknot sheet: no working routine '{routine}'; 'unknot list' shows them", err=True)
        return EXIT_PROBLEM
    context = context_for(options)
    page = sheet_html(entry.routine, context.number, context.catalogue.at("emergency"))
    if not output:
        echo(page, nl=False)
        return EXIT_OK
    try:
        paths.write_private(Path(output).expanduser(), page)
    except OSError as exc:
        echo(f"unknot sheet: can't write {output}: {exc.strerror or exc}", err=True)
        return EXIT_PROBLEM
    echo(f"Wrote {output}; open it in a browser and print it.")
    return EXIT_OK
