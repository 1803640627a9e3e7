"""Entry point of the `claimcheck` script and of `python -m claimcheck`.

It imports the CLI inside the `try`, so that Ctrl-C while the command's modules are still
loading ends like Ctrl-C at any later moment: one line on stderr and exit 130, no traceback.
"""

import sys


def main() -> None:
    try:
        from claimcheck.cli import main as run_command

        run_command()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
