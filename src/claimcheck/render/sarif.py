"""Findings as SARIF 2.1.0 (OASIS), the format code hosts show on a diff: `lint` and `links`
write it with `--format sarif`. One rule per lint code or link status, each with its help."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = ("error", "warning", "note")


@dataclass(frozen=True)
class Finding:
    rule: str  # a lint code or a link status
    level: str  # one of LEVELS
    message: str
    path: Path | None  # the file it is in; None when it is in no file
    line: int | None = None
    column: int | None = None


def sarif_log(findings: Iterable[Finding], rules: Mapping[str, str], root: Path) -> dict[str, Any]:
    """A SARIF log of one run. `rules`: each rule id with its help text; paths are written
    relative to `root` (the %SRCROOT% a code host resolves) when they are inside it."""
    found = list(findings)
    used = sorted({f.rule for f in found} | set(rules))
    index = {rule: i for i, rule in enumerate(used)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": __version__,
                        "rules": [_rule(rule, rules.get(rule, rule)) for rule in used],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
                "results": [_result(f, index[f.rule], root) for f in found],
            }
        ],
    }


def _rule(rule: str, help_text: str) -> dict[str, Any]:
    return {
        "id": rule,
        "name": "".join(part.title() for part in rule.replace("_", "-").split("-")),
        "shortDescription": {"text": help_text.split(". ")[0].rstrip(".")},
        "help": {"text": help_text},
    }


def _result(finding: Finding, rule_index: int, root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": finding.message},
    }
    if finding.path is not None:
        location: dict[str, Any] = {"artifactLocation": _artifact(finding.path, root)}
        if finding.line is not None:
            region = {"startLine": finding.line}
            if finding.column is not None:
                region["startColumn"] = finding.column
            location["region"] = region
        result["locations"] = [{"physicalLocation": location}]
    return result


def _artifact(path: Path, root: Path) -> dict[str, str]:
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return {"uri": path.resolve().as_uri()}
    return {"uri": relative.as_posix(), "uriBaseId": "%SRCROOT%"}
