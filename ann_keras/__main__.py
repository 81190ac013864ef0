"""`python -m ann_keras` is the same as the `ann-keras` command."""

import sys

from ann_keras.cli import main

if __name__ == "__main__":
    sys.exit(main())
