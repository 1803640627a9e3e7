"""The exception tree and exit codes shared by the library and the CLI.

ClaimcheckError
├── UsageError            bad arguments or an unknown claim/source id   (exit 2)
├── DataError             unreadable or invalid database/config file    (exit 3)
│   └── DatabaseNotFound  no claims/ + sources/ anywhere in the search order
└── Interrupted           Ctrl-C; its message says what was completed   (exit 130)
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    BAD_DATA = 3
    INTERRUPTED = 130  # the shell's code for a run ended by SIGINT


class ClaimcheckError(Exception):
    """Base of every error claimcheck raises on purpose; carries where it happened."""

    exit_code: ExitCode = ExitCode.BAD_DATA

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}"


class UsageError(ClaimcheckError):
    exit_code = ExitCode.USAGE


class DataError(ClaimcheckError):
    exit_code = ExitCode.BAD_DATA


class DatabaseNotFound(DataError):
    pass


class Interrupted(ClaimcheckError):
    """Ctrl-C during work that is done piece by piece (files fixed, statements answered): the
    message says which pieces were completed, so the user knows what to run again."""

    exit_code = ExitCode.INTERRUPTED
