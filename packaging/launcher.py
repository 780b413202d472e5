"""Entry point of the frozen app: the same ``main`` as the ``parallel-reader`` console script."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
