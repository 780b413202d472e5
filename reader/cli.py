"""Command line: global options, then either a subcommand or document files to open in the window.

    parallel-reader [--data-dir DIR] [--corpus DIR] [FILE ...]
    parallel-reader [--data-dir DIR] [--corpus DIR] SUBCOMMAND ...

Global options go before any subcommand, so ``parallel-reader --data-dir D notes export`` works.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from collections.abc import Sequence
from types import ModuleType

from reader import APP_NAME, __version__
from reader.workspace import Workspace

# Moves the data folder like --data-dir (an option given on the command line wins).
DATA_DIR_ENV = "PARALLEL_READER_DATA_DIR"

# Subcommand modules in reader.commands, loaded only when used so the GUI starts without them.
SUBCOMMANDS = ("inspect", "align", "import", "search", "notes", "cite")
# Command names that are not valid module names ("import" is a Python keyword).
_COMMAND_MODULES = {"import": "import_documents"}


def _global_parser(add_help: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallel-reader",
        description=f"{APP_NAME}: archival documents in two languages, side by side.",
        epilog="subcommands: " + ", ".join(SUBCOMMANDS) + " (parallel-reader SUBCOMMAND --help)",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep all user data in DIR")
    parser.add_argument(
        "--corpus", metavar="DIR", help="read documents from DIR instead of the bundled corpus"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the first document, paint the window, and exit",
    )
    return parser


def _load_command(name: str) -> ModuleType:
    return importlib.import_module(f"reader.commands.{_COMMAND_MODULES.get(name, name)}")


def _split_at_subcommand(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Global arguments before the first subcommand name, and the subcommand with its arguments."""
    takes_value = {"--data-dir", "--corpus"}
    position = 0
    while position < len(argv):
        word = argv[position]
        if word in SUBCOMMANDS:
            return list(argv[:position]), list(argv[position:])
        position += 2 if word in takes_value else 1
    return list(argv), []


# Subcommands that read or write the workspace (inspect and align read only the files given).
_USES_WORKSPACE = {"import", "search", "notes", "cite"}


def _run_subcommand(global_args: argparse.Namespace, words: list[str], workspace: Workspace) -> int:
    name, rest = words[0], words[1:]
    problem = workspace.problem() if name in _USES_WORKSPACE else None
    if problem:
        print(f"parallel-reader {name}: {problem}", file=sys.stderr)
        return 2
    command = _load_command(name)
    parser = argparse.ArgumentParser(prog=f"parallel-reader {name}", description=command.HELP)
    command.add_arguments(parser)
    args = parser.parse_args(rest, namespace=argparse.Namespace(**vars(global_args)))
    return int(command.run(args, workspace))


def build_workspace(args: argparse.Namespace) -> Workspace:
    """The one place that turns options and the environment into folders."""
    data_dir = args.data_dir or os.environ.get(DATA_DIR_ENV) or None
    if data_dir is None and getattr(args, "smoke_test", False):
        # The smoke test runs anywhere and never touches the user's real data.
        data_dir = tempfile.mkdtemp(prefix="parallel-reader-smoke-")
    return Workspace.create(data_dir, args.corpus)


PRIVATE_UMASK = 0o077  # notes, and the caches and exports that hold their text, are owner-only


def main(argv: Sequence[str] | None = None) -> int:
    # Every file and folder this process creates (data, settings, caches, indexes, exports,
    # temporary files) is readable by its owner alone, whatever library creates it.
    os.umask(PRIVATE_UMASK)
    argv = list(sys.argv[1:] if argv is None else argv)
    before, subcommand = _split_at_subcommand(argv)
    parser = _global_parser(add_help=True)
    if subcommand:
        global_args = parser.parse_args(before)
        return _run_subcommand(global_args, subcommand, build_workspace(global_args))
    parser.add_argument("files", nargs="*", metavar="FILE", help="document files to open")
    args = parser.parse_args(before)
    from reader.app import run_gui  # Qt is imported only for the window

    return run_gui(args, build_workspace(args))
