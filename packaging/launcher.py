"""Entry point of the frozen app: the same ``main`` as the ``parallel-reader`` console script."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # A large import parses in spawned worker processes, which start this same executable: in
    # them, freeze_support runs the worker and exits before the app's own main.
    multiprocessing.freeze_support()
    sys.exit(main())
