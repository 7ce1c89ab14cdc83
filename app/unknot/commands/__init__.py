"""The command line: parses, builds the pieces, hands them to a face; one module per group of
commands (`main` puts them together).

Start-up stays lean: these modules import click and nothing heavy of the program at the top,
so `unknot --version`, `--help` and shell completion never load Textual, YAML or SQLite. Each
command imports what it uses when it runs.
"""
