"""The README cannot drift: its examples are the real output of the commands they show
(tests/readme.py writes them with cog), and its help texts lose no word."""

from __future__ import annotations

import re

import pytest
from cogapp import Cog
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.readme import PROLOGUE, README, REPO


def test_every_example_in_the_readme_is_what_the_command_prints_today(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = Cog().main(["cog", "--check", "--diff", "-I", str(REPO), "-p", PROLOGUE, str(README)])
    assert status == 0, (
        "README.md shows outdated output; run `python -m tests.readme` and read the diff:\n"
        + capsys.readouterr().out
    )


def test_every_command_the_readme_shows_is_run_by_it() -> None:
    """A `$ claimcheck` line outside a generated block would be an example nobody checks."""
    text = README.read_text(encoding="utf-8")
    generated = re.compile(r"<!-- \[\[\[cog.*?\[\[\[end\]\]\] -->", re.S)
    assert [
        line for line in generated.sub("", text).splitlines() if line.startswith("$ claimcheck")
    ] == []


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("links", ["[tool.claimcheck.links]", "claimcheck.toml"]),
        ("search", ["claimcheck[semantic]"]),
        ("import", ["Importing the same collection again replaces it."]),
        ("verify", ["--format", "claimreview"]),
    ],
)
def test_help_loses_no_word(command: str, words: list[str]) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    flat = " ".join(result.output.split())
    assert all(word in flat for word in words), flat


def test_help_paragraphs_are_reflowed() -> None:
    """A docstring's line breaks do not show up mid-sentence."""
    result = CliRunner().invoke(app, ["import", "--help"], env={"COLUMNS": "200"})
    assert (
        "Each claim keeps the id its file gave it; its provenance is its URL. Importing"
        in result.output
    )
