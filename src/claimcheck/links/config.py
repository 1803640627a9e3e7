"""Link settings from a configuration file and the command line, each value type- and
range-checked, made into one Options.

A file's bad value is a DataError (exit 3) with the file and the line of its key; a flag's bad
value is a UsageError (exit 2) naming the flag. Nothing is coerced: a quoted "false" is a
string, and a string is not a boolean.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimcheck.errors import DataError, UsageError
from claimcheck.links.cache import parse_age
from claimcheck.links.check import Settings, Status

ARCHIVE_API = "https://archive.org/wayback/available"
FORMATS = ("text", "json", "markdown", "github", "junit", "sarif")
# Where settings are looked for, in this order; the first file that has the table wins.
PLACES = (("claimcheck.toml", ("links",)), ("pyproject.toml", ("tool", "claimcheck", "links")))
# Upper bounds keep a typo from becoming a run that never ends or opens more sockets than a
# process may have (1,024 file descriptors is a common limit).
MAX_TIMEOUT = 3600.0
MAX_CONNECTIONS = 1000
MAX_RETRIES = 10


@dataclass
class Options:
    """Settings for one run: the checker's, and what the run around it does."""

    check: Settings = field(default_factory=Settings)
    offline: bool = False
    use_cache: bool = True
    max_cache_age: float = 86400.0
    suggest_archive: bool = False
    archive_api: str = ARCHIVE_API
    fail_on: frozenset[Status] = frozenset({Status.BROKEN, Status.ERROR, Status.TIMEOUT})
    format: str = "text"


@dataclass(frozen=True)
class Config:
    """The checked settings of one configuration file (none when there is no file)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None


class _Invalid(ValueError):
    """A value a setting cannot take; the message completes a sentence that starts with the
    setting's name ("timeout must be more than 0 seconds, not -1")."""


def _shown(value: object) -> str:
    """A value as the user wrote it, short enough for one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return "the string " + (text if len(text) <= 40 else text[:36] + '..."')
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 24 else text[:21] + "..."
    return f"a {type(value).__name__}"  # TOML dates and times


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    hint = " (quotes make it a string)" if isinstance(value, str) else ""
    raise _Invalid(f"must be true or false, not {_shown(value)}{hint}")


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"must be a number of {what}, not {_shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid(f"must be a finite number of {what}, not {_shown(value)}")
    return value


def _timeout(value: object) -> float:
    seconds = _number(value, "seconds")
    if seconds <= 0:
        raise _Invalid(f"must be more than 0 seconds, not {_shown(value)}")
    if seconds > MAX_TIMEOUT:
        raise _Invalid(f"must be at most {MAX_TIMEOUT:g} seconds, not {_shown(value)}")
    return float(seconds)


def _whole(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"must be a whole number, not {_shown(value)}")
        if value < low:
            raise _Invalid(f"must be at least {low}, not {_shown(value)}")
        if value > high:
            raise _Invalid(f"must be at most {high}, not {_shown(value)}")
        return value

    return check


def _age(value: object) -> float:
    """A duration ("12h", "30m", "2w") or a number of seconds."""
    if isinstance(value, str):
        try:
            seconds = parse_age(value)
        except ValueError:
            raise _Invalid(f"{_shown(value)} is not a duration (try 30m, 12h, 1d, 2w)") from None
    else:
        seconds = _number(value, 'seconds or a duration like "12h"')
    if seconds < 0:
        raise _Invalid(f"must be at least 0, not {_shown(value)}")
    if not math.isfinite(seconds):
        raise _Invalid(f"must be a finite duration, not {_shown(value)}")
    return float(seconds)


_CODE_OR_RANGE = re.compile(r"([0-9]+)(?:\s*\.\.\s*([0-9]+))?")


def _code(digits: str, part: str) -> int:
    code = int(digits) if len(digits) <= 3 else 0  # more digits: out of range, never huge
    if not 100 <= code <= 599:
        raise _Invalid(f"has {part!r}: HTTP status codes are 100 to 599")
    return code


def _codes(value: object) -> frozenset[int]:
    """'200..299,403' or [200, "403", "500..502"] -> the accepted codes."""
    if isinstance(value, str):
        parts: list[object] = list(value.split(","))
    elif isinstance(value, list):
        parts = value
    else:
        raise _Invalid(f'must be codes like "200..299,403" or a list of them, not {_shown(value)}')
    codes: set[int] = set()
    for part in parts:
        if isinstance(part, bool) or not isinstance(part, (int, str)):
            raise _Invalid(f"has {_shown(part)}: not a status code or a range like 200..299")
        text = str(part).strip()
        if not text and isinstance(value, str):
            continue  # "200, 403," : an empty piece between commas
        match = _CODE_OR_RANGE.fullmatch(text)
        if match is None:
            raise _Invalid(f"has {text!r}: not a status code or a range like 200..299")
        low = _code(match.group(1), text)
        high = _code(match.group(2), text) if match.group(2) else low
        if high < low:
            raise _Invalid(f"has {text!r}: an empty range (the larger code goes last)")
        codes.update(range(low, high + 1))
    if not codes:
        raise _Invalid("has no status code: nothing would count as ok")
    return frozenset(codes)


def _strings(value: object, what: str) -> list[str]:
    """A string, or a list of strings, as a list; `what` says what the strings are."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise _Invalid(f"must be a string or a list of strings ({what}), not {_shown(value)}")
    for item in items:
        if not isinstance(item, str):
            raise _Invalid(f"must hold only strings ({what}); {_shown(item)} is not a string")
    return [str(item) for item in items]


def _patterns(value: object) -> tuple[str, ...]:
    patterns = _strings(value, "regular expressions")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            raise _Invalid(f"has {pattern!r}: not a regular expression ({exc})") from None
    return tuple(patterns)


def _statuses(value: object) -> frozenset[Status]:
    """'broken,timeout' or ["broken"]; empty means no status fails the run."""
    names = value.split(",") if isinstance(value, str) else _strings(value, "statuses")
    known = ", ".join(s.value for s in Status)
    statuses: set[Status] = set()
    for name in (n.strip() for n in names):
        if not name:
            continue
        try:
            statuses.add(Status(name.lower()))
        except ValueError:
            raise _Invalid(f"has an unknown status {name!r} (known: {known})") from None
    return frozenset(statuses)


def _format(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string ({', '.join(FORMATS)}), not {_shown(value)}")
    if value.lower() not in FORMATS:
        raise _Invalid(f"has an unknown format {value!r} (known: {', '.join(FORMATS)})")
    return value.lower()


def _url(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string (an http(s) URL), not {_shown(value)}")
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise _Invalid(f"must be an http(s) URL, not {_shown(value)}")
    return value


_CHECKS: dict[str, Callable[[object], object]] = {
    "exclude": _patterns,
    "accept": _codes,
    "timeout": _timeout,
    "max_concurrency": _whole(1, MAX_CONNECTIONS),
    "max_per_host": _whole(1, MAX_CONNECTIONS),
    "retries": _whole(0, MAX_RETRIES),
    "max_cache_age": _age,
    "allow_private": _boolean,
    "suggest_archive": _boolean,
    "archive_api": _url,
    "fail_on": _statuses,
    "format": _format,
    "offline": _boolean,
    "no_cache": _boolean,
}
KEYS = frozenset(_CHECKS)


def load_config(folder: Path) -> Config:
    """The checked [links] table of claimcheck.toml, else [tool.claimcheck.links] of
    pyproject.toml, in `folder`. Every problem in the table is reported, the first one's line
    is the error's line."""
    for name, table in PLACES:
        file = folder / name
        if not file.is_file():
            continue
        text = _read(file)
        document = _parse(text, file)
        found = _table(document, table)
        if found is None:
            continue
        lines = _key_lines(text)
        if not isinstance(found, dict):
            where = _line_of(lines, table)
            raise DataError(f"[{'.'.join(table)}] must be a table, not {_shown(found)}",
                            path=file, line=where)  # fmt: skip
        values: dict[str, Any] = {}
        problems: list[tuple[int, str]] = []  # (line or 0, message)
        for key, value in found.items():
            line = _line_of(lines, (*table, key)) or 0
            check = _CHECKS.get(key)
            if check is None:
                known = ", ".join(sorted(KEYS))
                problems.append((line, f"unknown link setting {key!r} (known: {known})"))
                continue
            try:
                values[key] = check(value)
            except _Invalid as exc:
                problems.append((line, f"{key} {exc}"))
        if problems:
            problems.sort(key=lambda problem: problem[0])
            first_line, message = problems[0]
            also = [f"line {line}: {text}" if line else text for line, text in problems[1:]]
            if also:
                message += "; also " + "; ".join(also)
            raise DataError(message, path=file, line=first_line or None)
        return Config(values, file)
    return Config()


def _read(file: Path) -> str:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read configuration: {exc.strerror or exc}", path=file) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError("not UTF-8 text", path=file, line=line) from None


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def _parse(text: str, file: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        line = int(where.group(1)) if where and where.group(1) else None
        message = str(exc)[: where.start()] if where else str(exc)
        raise DataError(f"not valid TOML: {message}", path=file, line=line) from None
    except (ValueError, RecursionError) as exc:  # an integer of thousands of digits, say
        raise DataError(f"not valid TOML: {exc}", path=file) from None


def _table(document: dict[str, Any], path: tuple[str, ...]) -> object:
    """The value at `path`, or None when it is not there. A file whose [tool] is not a table
    is pyproject's business, not ours: only the last step may be something else."""
    value: object = document
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def options_from(config: Config, flags: Mapping[str, Any]) -> Options:
    """Flags win over the configuration file, which wins over the defaults. `flags` maps a
    setting's name to the flag's value, None when the flag was not given."""
    values = dict(config.values)
    for key, value in flags.items():
        if value is None:
            continue
        flag = "--" + key.replace("_", "-")
        check = _CHECKS.get(key)
        if check is None:
            raise UsageError(f"{flag}: not a link setting")
        try:
            values[key] = check(value)
        except _Invalid as exc:
            raise UsageError(f"{flag} {exc}") from None
    base, defaults = Settings(), Options()
    settings = Settings(
        timeout=values.get("timeout", base.timeout),
        max_concurrency=values.get("max_concurrency", base.max_concurrency),
        max_per_host=values.get("max_per_host", base.max_per_host),
        retries=values.get("retries", base.retries),
        # accept replaces the default set, so that `--accept 200..299` is strict
        accept=values.get("accept", base.accept),
        exclude=values.get("exclude", base.exclude),
        allow_private=values.get("allow_private", base.allow_private),
    )
    return Options(
        check=settings,
        offline=values.get("offline", defaults.offline),
        use_cache=not values.get("no_cache", not defaults.use_cache),
        max_cache_age=values.get("max_cache_age", defaults.max_cache_age),
        suggest_archive=values.get("suggest_archive", defaults.suggest_archive),
        archive_api=values.get("archive_api", defaults.archive_api),
        fail_on=values.get("fail_on", defaults.fail_on),
        format=values.get("format", defaults.format),
    )


# Where keys are written. tomllib keeps no positions, so the text is scanned once more; it has
# parsed already, so the scanner may assume valid TOML. It knows headers, dotted and quoted
# keys, and values that span lines (arrays, multi-line strings) so that their insides are
# never taken for keys.

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _line_of(lines: Mapping[tuple[str, ...], int], path: tuple[str, ...]) -> int | None:
    """The line of `path`; for a key inside an inline table (`links = { timeout = 0 }`), the
    line of the longest written part of its path."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line where each table header and each key (as a full path) is first written."""
    scanner = _Scanner(text)
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    try:
        while True:
            scanner.skip_blank(newlines=True)
            if scanner.at_end():
                break
            if scanner.text.startswith("[", scanner.pos):
                double = scanner.text.startswith("[[", scanner.pos)
                scanner.pos += 2 if double else 1
                table = scanner.key()
                found.setdefault(table, scanner.line)
                scanner.skip_blank(newlines=False)
                scanner.pos += 2 if double else 1
            else:
                path = (*table, *scanner.key())
                found.setdefault(path, scanner.line)
                scanner.skip_blank(newlines=False)
                scanner.pos += 1  # the "="
                scanner.value()
    except (ValueError, IndexError):
        pass  # cannot happen for a document tomllib read; the lines found so far still serve
    return found


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def skip_blank(self, *, newlines: bool) -> None:
        """Spaces, tabs and comments; line ends too when asked."""
        while not self.at_end():
            char = self.text[self.pos]
            if char in " \t\r":
                self.pos += 1
            elif char == "\n" and newlines:
                self.pos += 1
                self.line += 1
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    def key(self) -> tuple[str, ...]:
        """A dotted key, each part bare or quoted: links."time out" -> ("links", "time out")."""
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.text[self.pos] in "\"'":
                start = self.pos
                self.string()
                parts.append(str(tomllib.loads("k = " + self.text[start : self.pos])["k"]))
            else:
                bare = _BARE_KEY.match(self.text, self.pos)
                if bare is None:
                    raise ValueError(f"no key at offset {self.pos}")
                parts.append(bare.group())
                self.pos = bare.end()
            self.skip_blank(newlines=False)
            if not self.text.startswith(".", self.pos):
                return tuple(parts)
            self.pos += 1

    def string(self) -> None:
        """Past one string of any of TOML's four kinds, counting the lines it spans."""
        quote = self.text[self.pos]
        start = self.pos
        if self.text.startswith(quote * 3, self.pos):
            self.pos += 3
            while not self.text.startswith(quote * 3, self.pos):
                self.pos += 2 if quote == '"' and self.text[self.pos] == "\\" else 1
                if self.at_end():
                    raise ValueError("unterminated string")
            self.pos += 3
            # a string may end in one or two quotes of its own: """say "hi"""""
            for _ in range(2):
                if self.text.startswith(quote, self.pos):
                    self.pos += 1
        else:
            self.pos += 1
            while self.text[self.pos] != quote:
                self.pos += 2 if quote == '"' and self.text[self.pos] == "\\" else 1
            self.pos += 1
        self.line += self.text.count("\n", start, self.pos)

    def value(self) -> None:
        """Past one value, which may span lines (an array, a multi-line string)."""
        depth = 0
        while not self.at_end():
            char = self.text[self.pos]
            if char in "\"'":
                self.string()
                continue
            if char == "#":
                self.skip_blank(newlines=False)
                continue
            if char == "\n":
                if depth == 0:
                    return
                self.line += 1
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            self.pos += 1
