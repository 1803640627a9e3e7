"""Ctrl-C at any moment: one line on stderr that says what was completed, exit 130, no
traceback, and no file left half-written."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import claimcheck.__main__
import claimcheck.author.lint
import claimcheck.cli
from claimcheck.author.lint import lint
from claimcheck.cli import app
from claimcheck.errors import ExitCode, Interrupted
from tests.conftest import DbFactory, default_claims

runner = CliRunner()


def _two_drifted_files(make_db: DbFactory) -> Path:
    first, second = default_claims()[:2]
    for claim in (first, second):
        claim["start"] += 1
        claim["end"] += 1
    root = make_db(claims=[first])
    document = {"theme": "drones", "claims": [second]}
    (root / "claims" / "more.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return root


def _interrupt_on_write(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    real = claimcheck.author.lint.write_atomic
    calls = []

    def write_then_interrupt(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == call:
            raise KeyboardInterrupt
        real(path, text)

    monkeypatch.setattr(claimcheck.author.lint, "write_atomic", write_then_interrupt)


def test_interrupted_fix_says_which_files_were_fixed(
    make_db: DbFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _two_drifted_files(make_db)
    _interrupt_on_write(monkeypatch, call=2)
    with pytest.raises(Interrupted) as caught:
        lint(root, fix=True)
    fixed = [p for p in ("drones.yaml", "more.yaml") if f"{p};" in str(caught.value)]
    assert len(fixed) == 1 and "not fixed:" in str(caught.value)
    monkeypatch.undo()
    left = [p.path.name for p in lint(root).problems]
    assert left == [p for p in ("drones.yaml", "more.yaml") if p not in fixed]


def test_interrupted_fix_exits_130_with_what_was_done(
    make_db: DbFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _two_drifted_files(make_db)
    _interrupt_on_write(monkeypatch, call=2)
    result = runner.invoke(app, ["lint", "--db", str(root), "--fix"])
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert "interrupted: fixed 1 problems in" in result.stderr
    assert "Traceback" not in result.output


def test_interrupt_anywhere_in_a_command_exits_130(
    make_db: DbFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.author.lint, "read_database", interrupted)
    result = runner.invoke(app, ["lint", "--db", str(make_db())])
    assert result.exit_code == 130
    assert result.stderr.startswith("interrupted")


def test_interrupt_while_the_cli_loads_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.cli, "main", interrupted)
    with pytest.raises(SystemExit) as caught:
        claimcheck.__main__.main()
    assert caught.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_ctrl_c_in_a_verify_batch_says_how_many_were_answered(tmp_path: Path) -> None:
    statements = tmp_path / "statements.txt"
    statements.write_text("Serbia received six CH-92A drones in 2020.\n" * 5000)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimcheck",
            "verify",
            "--json",
            "--rules-only",
            "--file",
            str(statements),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # one answer given: the batch is under way
    process.send_signal(signal.SIGINT)
    rest, err = process.communicate(timeout=60)
    assert process.returncode == 130
    answered = len([first, *rest.splitlines()])
    assert json.loads(first)["verdict"]
    assert f"interrupted: answered {answered} of 5000 statements" in err
    assert "Traceback" not in err
