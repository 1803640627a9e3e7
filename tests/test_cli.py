"""The command line as a user meets it: help, show, stats, sources, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.conftest import REPO, DbFactory

runner = CliRunner()


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("lint", "sources", "show", "stats"):
        assert command in result.stdout


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("claimcheck ")


def test_show_highlights_the_quote_with_its_line(make_db: DbFactory) -> None:
    root = make_db()
    result = runner.invoke(app, ["show", "t-002", "--db", str(root)])
    assert result.exit_code == 0
    assert "The first six CH-92A drones arrived in June 2020." in result.stdout
    assert "    3 │" in result.stdout  # the quote is on line 3 of the source
    assert "2020-06" in result.stdout


def test_show_json_gives_source_location(make_db: DbFactory) -> None:
    root = make_db()
    result = runner.invoke(app, ["show", "t-001", "--db", str(root), "--json"])
    data = json.loads(result.stdout)
    assert data["source"]["line"] == 2
    assert data["quantity"] == {
        "value": 9.0,
        "unit": "drone",
        "currency": None,
        "bound": "exact",
        "max": None,
    }


def test_unknown_claim_is_a_usage_error(make_db: DbFactory) -> None:
    result = runner.invoke(app, ["show", "nope-001", "--db", str(make_db())])
    assert result.exit_code == 2
    assert "no claim with id 'nope-001'" in result.stderr


def test_broken_database_exits_3_with_file_and_line(make_db: DbFactory) -> None:
    root = make_db(claims_yaml="theme: drones\nclaims: [\n")
    result = runner.invoke(app, ["stats", "--db", str(root)])
    assert result.exit_code == 3
    assert "drones.yaml:" in result.stderr


def test_stats_counts_by_source_theme_predicate_entity(make_db: DbFactory) -> None:
    result = runner.invoke(app, ["stats", "--db", str(make_db()), "--json"])
    data = json.loads(result.stdout)
    assert data["claims"] == 2
    assert data["by_source"] == {"drones-article": 2}
    assert data["by_theme"] == {"drones": 2}
    assert data["by_predicate"] == {"ordered": 1, "received": 1}
    assert data["by_entity"]["serbia"] == 2


def test_sources_lists_metadata_of_the_bundled_database() -> None:
    result = runner.invoke(app, ["sources", "--db", str(REPO), "--json"])
    data = json.loads(result.stdout)
    assert len(data) == 5
    dragon = next(s for s in data if s["id"] == "dragon-lands")
    assert dragon["authors"] == ["Vuk Vuksanović"]
    assert dragon["date"] is None  # the text prints no date, so none is invented


def test_readme_example_verify_on_the_bundled_database() -> None:
    result = runner.invoke(app, ["verify", "Serbia bought nine Wing Loong", "--db", str(REPO)])
    assert result.exit_code == 0
    assert "DISPUTED" in result.stdout
    assert "Serbia gave up on Wing Loong drones" in result.stdout  # the quote behind it
    assert "line " in result.stdout


def test_verify_json_lines_in_input_order(tmp_path: Path) -> None:
    statements = tmp_path / "statements.txt"
    # a byte-order mark is no part of the first statement; a blank line keeps its place
    statements.write_text(
        "\ufeffSerbia received eight CH-92A drones.\n\nThe Great Wall of China is visible from space.\n"
    )
    result = runner.invoke(
        app, ["verify", "Six CH-92A drones were delivered to Serbia.", "--file", str(statements),
              "--json", "--top", "2", "--db", str(REPO)]
    )  # fmt: skip
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == [
        "supported",
        "contradicted",
        "not_found",
        "not_found",
    ]
    assert records[1]["statement"] == "Serbia received eight CH-92A drones."
    assert (records[2]["statement"], records[2]["why"]) == ("", "an empty line: nothing to check")
    evidence = records[1]["evidence"]
    assert len(evidence) <= 2
    assert set(evidence[0]) >= {
        "claim_id",
        "relation",
        "score",
        "claim",
        "quote",
        "source",
        "cites",
        "reasons",
    }
    assert set(evidence[0]["source"]) == {"id", "title", "line", "start", "end"}
    assert isinstance(records[0]["confidence"], float)


def test_verify_reads_stdin() -> None:
    result = runner.invoke(
        app, ["verify", "--file", "-", "--json", "--db", str(REPO)],
        input="Serbia proclaimed military neutrality in 2007.\n",
    )  # fmt: skip
    assert json.loads(result.stdout)["verdict"] == "supported"


@pytest.mark.parametrize(
    ("statement", "verdict"),
    [
        # one source dates the FK-3 purchase August 2020, another 2019
        ("In August 2020 Serbia chose the FK-3 instead of the Russian S-300.", "disputed"),
        ("In August 2020 Serbia chose the S-300 rather than the Chinese FK-3.", "contradicted"),
        # a unit with a slash is still the figure's unit
        ("The Wing Loong drones Serbia ordered reach a top speed of 200 km/h.", "supported"),
        ("The Wing Loong drones Serbia ordered reach a top speed of 300 km/h.", "contradicted"),
    ],
)
def test_bundled_database_verdicts(statement: str, verdict: str) -> None:
    result = runner.invoke(app, ["verify", statement, "--json", "--db", str(REPO)])
    assert json.loads(result.stdout)["verdict"] == verdict


def test_fail_on_makes_ci_fail_only_for_the_named_verdicts() -> None:
    args = ["verify", "Serbia received eight CH-92A drones.", "--db", str(REPO), "--json"]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args, "--fail-on", "contradicted,disputed"]).exit_code == 1
    assert runner.invoke(app, [*args, "--fail-on", "disputed"]).exit_code == 0


def test_verify_usage_errors() -> None:
    assert runner.invoke(app, ["verify", "--db", str(REPO)]).exit_code == 2
    bad = runner.invoke(app, ["verify", "x", "--fail-on", "wrong", "--db", str(REPO)])
    assert bad.exit_code == 2
    assert "unknown verdict 'wrong'" in bad.stderr
