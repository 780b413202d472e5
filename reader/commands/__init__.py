"""Command-line subcommands. Each module has NAME, HELP, add_arguments(parser) and run(args) -> int."""
