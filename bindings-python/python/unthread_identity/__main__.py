"""``python -m unthread_identity`` and the ``unthread-identity`` console script: the Rust CLI.

The arguments are passed on unchanged; the command, its output and its exit codes are the
Rust binary's (``cargo install unthread-identity-cli``).
"""

import sys

from ._native import run_cli


def main() -> None:
    sys.stdout.flush()
    raise SystemExit(run_cli(sys.argv[1:]))


if __name__ == "__main__":
    main()
