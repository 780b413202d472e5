"""Guards on the shape of the code: the layers import only downwards, and the tree stays clean.

The layers, bottom up: ``reader.core`` (no Qt), ``reader.services`` (the only way to the core's
files and databases), ``reader.models`` (Qt item models), ``reader.widgets``. The import rules are
checked by parsing each module with ``ast``: fast, no Qt, and imports inside functions count too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Core modules that read or write files and databases: widgets reach them through reader.services.
CORE_IO_MODULES = (
    "reader.core.catalog",
    "reader.core.search_index",
    "reader.core.annotation_store",
    "reader.core.corpus",
    "reader.core.user_library",
    "reader.core.atomic_files",
    "reader.core.alignment_corrections",
    "reader.core.alignment_cache",
    "reader.core.parsing",
    "reader.core.notes_export",
    "reader.core.pair_resolver",
)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path) -> Iterator[tuple[ast.stmt, set[str]]]:
    """Each import statement anywhere in the module, with the dotted names it may bring in.

    ``from a.b import c`` may import the module ``a.b.c`` or a name from ``a.b``; both are given,
    so a rule on ``a.b.c`` catches it either way. Relative imports are resolved.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package.pop()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node, {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package[: len(package) - node.level + 1]
                base = ".".join([*base_parts, node.module] if node.module else base_parts)
            else:
                base = node.module or ""
            yield node, {base} | {f"{base}.{alias.name}" for alias in node.names}


def _is_within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def _violations(
    layers: tuple[str, ...], forbidden: tuple[str, ...], root: Path = PROJECT_DIR
) -> list[str]:
    """``path:line: import`` for each import, in the ``layers`` of reader, of a ``forbidden`` module."""
    found = []
    for layer in layers:
        for path in sorted((root / "reader" / layer).rglob("*.py")):
            for node, names in _imports(path, root):
                if any(_is_within(name, module) for name in names for module in forbidden):
                    where = path.relative_to(root).as_posix()
                    found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def _report(rule: str, violations: list[str]) -> str:
    return f"{rule}; {len(violations)} offending import(s):\n" + "\n".join(violations)


def test_import_scanner_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The rules below are only as good as the scanner: check it on a module written for it."""
    package = tmp_path / "reader" / "widgets"
    package.mkdir(parents=True)
    (package / "probe.py").write_text(
        "import reader.core.catalog\n"
        "from reader.core import corpus, dates\n"
        "from ..core.parsing import parse_file\n"
        "from . import theme\n"
        "def later():\n"
        "    from reader.core.search_index import SearchIndex\n",
        encoding="utf-8",
    )
    assert _violations(("widgets",), CORE_IO_MODULES, tmp_path) == [
        "reader/widgets/probe.py:1: import reader.core.catalog",
        "reader/widgets/probe.py:2: from reader.core import corpus, dates",
        "reader/widgets/probe.py:3: from ..core.parsing import parse_file",
        "reader/widgets/probe.py:6: from reader.core.search_index import SearchIndex",
    ]
    assert _violations(("widgets",), ("reader.widgets.theme",), tmp_path) == [
        "reader/widgets/probe.py:4: from . import theme"
    ]
    assert _violations(("widgets",), ("reader.core.date",), tmp_path) == []  # not a prefix


def test_core_imports_no_qt() -> None:
    modules = sorted(
        p.stem for p in (PROJECT_DIR / "reader" / "core").glob("*.py") if p.stem != "__init__"
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module('reader.core.' + name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT_DIR, check=True
    )
    assert result.stdout.strip() == "[]"


def test_models_import_no_widgets() -> None:
    violations = _violations(("models",), ("reader.widgets",))
    assert not violations, _report("reader/models must not import reader.widgets", violations)


def test_core_and_services_import_no_widgets() -> None:
    violations = _violations(("core", "services"), ("reader.widgets",))
    assert not violations, _report(
        "reader/core and reader/services must not import reader.widgets", violations
    )


def test_widgets_reach_core_io_only_through_services() -> None:
    violations = _violations(("widgets",), CORE_IO_MODULES)
    assert not violations, _report(
        "reader/widgets must not import core I/O modules (use reader.services)", violations
    )


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "reader", "tests"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    # Strictness comes from [tool.mypy] in pyproject.toml, so the test and a plain `mypy reader`
    # at the command line agree.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "reader"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_main_window_stays_layout_and_wiring() -> None:
    """The window lays out and wires; use cases live in reader/services. No widget outgrows it."""
    widgets = PROJECT_DIR / "reader" / "widgets"
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in widgets.glob("*.py")}
    window = lengths.pop("main_window.py")
    assert window <= 600, f"main_window.py has {window} lines"
    larger = {name: count for name, count in lengths.items() if count > window}
    assert not larger, larger
