"""The layout holds: arrows point down only (faces -> services -> store/sound -> core), no
module-level import cycles, and no private names imported from another package."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "app" / "unknot"

# What each part may import from unknot. The faces never import each other.
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "sound": {"core", "sound"},
    "services": {"core", "store", "sound", "services"},
    "plain": {"core", "store", "sound", "services", "plain"},
    "tui": {"core", "store", "sound", "services", "tui"},
    "commands": {"core", "store", "sound", "services", "plain", "tui", "commands", "package"},
    # The entry points (`unknot.cli`, `unknot.__main__`'s quick answers) and the commands.
    "cli": {"core", "store", "sound", "services", "plain", "tui", "cli", "commands", "package"},
    "package": {"package", "cli"},
}
# Inside core, each part imports only the parts before it: the shared modules at its top level
# ("base"), then the figure, the file format, the safety rules, the engine, and its words.
CORE_PARTS = ("base", "figures", "format", "safety", "engine", "words")
# Third-party imports the engine may use: it reads YAML text, and nothing else outside stdlib.
CORE_THIRD_PARTY = {"yaml"}
STDLIB = set(sys.stdlib_module_names)


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # the module imported (for `from X import y`: X, and X.y if that is a module)
    names: tuple[str, ...]
    line: int
    runtime: bool  # at module level and not under TYPE_CHECKING


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] == "__main__":  # the entry point answers its quick commands itself
        return "cli"
    return parts[1]


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _deferred(node: ast.AST) -> bool:
    """Imports that don't run when the module is imported: under TYPE_CHECKING, in functions."""
    if isinstance(node, ast.If):
        return _type_checking(node)
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)


def imports_of(path: Path) -> list[Import]:
    me = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, runtime: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(me, alias.name, (), child.lineno, runtime))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = (
                        me.split(".")[: -child.level]
                        if path.name != "__init__.py"
                        else me.split(".")
                    )
                    base = ".".join([*package, base] if base else package)
                names = tuple(a.name for a in child.names)
                found.append(Import(me, base, names, child.lineno, runtime))
            elif _deferred(child):
                visit(child, False)
            else:
                visit(child, runtime)

    visit(tree, True)
    return found


@functools.cache
def all_imports() -> tuple[Import, ...]:
    """Every import in the package, read once for all the checks in this process."""
    out: list[Import] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        out += imports_of(path)
    return tuple(out)


def core_part_of(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[2] in CORE_PARTS else "base"


def wrong_core_arrows(imports: list[Import]) -> list[str]:
    wrong = []
    for imp in imports:
        if part_of(imp.importer) != "core" or not imp.target.startswith("unknot.core"):
            continue
        src = CORE_PARTS.index(core_part_of(imp.importer))
        targets = [imp.target, *(f"{imp.target}.{n}" for n in imp.names)]
        up = [t for t in targets if CORE_PARTS.index(core_part_of(t)) > src]
        if up:
            wrong.append(f"{imp.importer}:{imp.line} imports {up[0]} (core: up a layer)")
    return wrong


def test_the_walk_sees_every_part():
    parts = {part_of(module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert {"core", "store", "sound", "services", "plain", "tui", "cli", "package"} <= parts


def wrong_arrows(imports: list[Import]) -> list[str]:
    wrong = []
    for imp in imports:
        if not imp.target.startswith("unknot"):
            continue
        src, dst = part_of(imp.importer), part_of(imp.target)
        if dst not in ALLOWED[src]:
            wrong.append(f"{imp.importer}:{imp.line} imports {imp.target} ({src} -> {dst})")
    return wrong


def test_arrows_point_down_only():
    wrong = wrong_arrows(all_imports())
    assert not wrong, "\n".join(wrong)


def test_inside_core_arrows_point_down_only():
    assert {core_part_of(module_name(p)) for p in (PACKAGE / "core").rglob("*.py")} == set(
        CORE_PARTS
    )
    wrong = wrong_core_arrows(list(all_imports()))
    assert not wrong, "\n".join(wrong)


def test_core_uses_only_the_standard_library_and_yaml():
    wrong = []
    for imp in all_imports():
        if part_of(imp.importer) != "core" or imp.target.startswith("unknot"):
            continue
        top = imp.target.split(".")[0]
        if top not in STDLIB and top not in CORE_THIRD_PARTY:
            wrong.append(f"{imp.importer}:{imp.line} imports {imp.target}")
    assert not wrong, "\n".join(wrong)


def test_no_private_imports_across_packages():
    wrong = []
    for imp in all_imports():
        if imp.target == "__future__":
            continue
        private_module = [p for p in imp.target.split(".") if p.startswith("_") and p != "__main__"]
        if private_module and not imp.target.startswith("unknot"):
            wrong.append(f"{imp.importer}:{imp.line} imports the private module {imp.target}")
        same_package = imp.target.rsplit(".", 1)[0] == imp.importer.rsplit(".", 1)[0]
        for name in imp.names:
            dunder = name.startswith("__") and name.endswith("__")  # __version__ is public
            if name.startswith("_") and not dunder and not same_package:
                wrong.append(f"{imp.importer}:{imp.line} imports the private name {name}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for imp in all_imports():
        if not imp.runtime:
            continue
        candidates = [imp.target, *(f"{imp.target}.{n}" for n in imp.names)]
        graph[imp.importer].update(c for c in candidates if c in modules and c != imp.importer)
    # A package's __init__ is imported before its modules: count that arrow too.
    for m in modules:
        parent = m.rsplit(".", 1)[0]
        if parent in modules and parent != m:
            graph[m].add(parent)
    cycles = _cycles(graph)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def connect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return out


def test_the_checks_catch_a_cycle_and_a_wrong_arrow():
    """The checks above can fail: a made-up cycle and a made-up wrong arrow are caught."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    made_up = [
        Import("unknot.core.engine.session", "unknot.store.history", (), 1, True),
        Import("unknot.tui.app", "unknot.plain.runner", (), 2, False),
        Import("unknot.store.timers", "unknot.core.engine.therapy", (), 3, True),
    ]
    assert len(wrong_arrows(made_up)) == 2
    inside = [
        Import("unknot.core.engine.visit", "unknot.core.words.alerts", ("LOST_TIMER",), 1, True),
        Import("unknot.core.durations", "unknot.core", ("engine",), 2, True),
        Import("unknot.core.words.alerts", "unknot.core.engine.visit", ("Visit",), 3, False),
        Import("unknot.core.format.routine", "unknot.core.figures.pose", ("Pose",), 4, True),
    ]
    assert [w.split(":")[1].split()[0] for w in wrong_core_arrows(inside)] == ["1", "2"]


def test_the_engine_loads_without_textual_or_a_face():
    code = (
        "import pkgutil, importlib, sys, unknot.core\n"
        "for m in pkgutil.walk_packages(unknot.core.__path__, 'unknot.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'\n"
        "             or m.startswith(('unknot.tui', 'unknot.plain', 'unknot.store')))\n"
        "print(len([m for m in sys.modules if m.startswith('unknot.core.')]))\n"
        "sys.exit('imported: ' + ', '.join(bad[:5]) if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10  # the walk really imported the core modules
