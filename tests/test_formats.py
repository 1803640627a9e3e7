"""One output option: `--format` on every command that prints, `--json` its shorthand, and every
JSON shape checked against its documented schema (src/claimcheck/schemas/output/). SARIF is
checked against the OASIS SARIF 2.1.0 schema; ClaimReview against ours and through `import`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from typer.testing import CliRunner, Result

from claimcheck.cli import app
from tests.conftest import REPO, SOURCE_TEXT, DbFactory

runner = CliRunner()
OUTPUT_SCHEMAS = REPO / "src" / "claimcheck" / "schemas" / "output"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def valid(schema: str, data: Any) -> None:
    document = json.loads((OUTPUT_SCHEMAS / f"{schema}.schema.json").read_text())
    Draft202012Validator.check_schema(document)
    errors = [e.message for e in Draft202012Validator(document).iter_errors(data)]
    assert errors == []


def lines(result: Result) -> list[Any]:
    return [json.loads(line) for line in result.stdout.splitlines() if line]


BUNDLED = ["--db", str(REPO)]


@pytest.mark.parametrize(
    ("schema", "args", "as_lines"),
    [
        (
            "verify",
            ["verify", "--rules-only", "Serbia bought FK-3 in 2019", "Moon is cheese"],
            True,
        ),
        ("search", ["search", "Chinese vaccines arrived in Belgrade", "", "CH-92A"], True),
        ("conflicts", ["conflicts"], False),
        ("lint", ["lint"], False),
        ("sources", ["sources"], False),
        ("show", ["show", "dragon-126"], False),
        ("stats", ["stats"], False),
        ("links", ["links", "--offline"], False),
        ("extract", ["extract", "security-aspect", "--min-confidence", "0.8"], False),
    ],
)
def test_format_json_follows_its_schema_and_json_is_its_shorthand(
    schema: str, args: list[str], as_lines: bool
) -> None:
    formatted = run(*args, *BUNDLED, "--format", "json")
    shorthand = run(*args, *BUNDLED, "--json")
    assert formatted.exit_code == shorthand.exit_code == 0, formatted.output
    assert formatted.stdout == shorthand.stdout
    for data in lines(formatted) if as_lines else [json.loads(formatted.stdout)]:
        valid(schema, data)


def test_commands_that_write_report_in_json_too(make_db: DbFactory, tmp_path: Path) -> None:
    root = make_db()
    article = tmp_path / "new-article.txt"
    article.write_text(SOURCE_TEXT.replace("Belgrade", "Novi Sad"))
    added = run("add-source", str(article), "--db", str(root), "--format", "json")
    valid("add-source", data := json.loads(added.stdout))
    assert (
        data["next"]
        == f"claimcheck extract new-article --db {root} --out new-article.candidates.yaml"
    )

    examples = tmp_path / "examples.tsv"
    examples.write_text("Serbia ordered nine Wing Loong drones\tt-001\n")
    learned = run("learn-weights", str(examples), "--db", str(root), "--json")
    valid("learn-weights", json.loads(learned.stdout))

    collection = tmp_path / "vclaims.jsonl"
    collection.write_text(json.dumps({"id": "v1", "claim": "The moon is cheese."}) + "\n")
    imported = run("import", str(collection), "--db", str(root), "--format", "json")
    valid("import", data := json.loads(imported.stdout))
    assert (data["collection"], data["claims"], data["replaced"]) == ("vclaims", 1, False)
    # the imported claim is counted where claims are counted
    stats = json.loads(run("stats", "--db", str(root), "--json").stdout)
    assert stats["imported"] == 1 and stats["by_collection"] == {"vclaims": 1}
    linted = json.loads(run("lint", "--db", str(root), "--json").stdout)
    assert linted["imported"] == 1
    site = run("report", "--db", str(root), "--out", str(tmp_path / "site"), "--json")
    valid("report", data := json.loads(site.stdout))
    assert data["claims"] == 2 and data["pages"] >= 4


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--json", "--format", "text"],
        ["sources", "--format", "xml"],
        ["verify", "--format", "sarif", "x"],
        ["lint", "--format", "claimreview"],
        ["links", "--offline", "--json", "--format", "junit"],
    ],
)
def test_a_format_the_command_does_not_have_is_a_usage_error(args: list[str]) -> None:
    result = run(*args, *BUNDLED)
    assert result.exit_code == 2 and "--format" in result.stderr + result.stdout


def test_conflicts_about_an_unknown_entity_or_source_is_a_usage_error() -> None:
    for flag in ("--subject", "--source"):
        result = run("conflicts", flag, "Ruritania", *BUNDLED)
        assert result.exit_code == 2 and "Ruritania" in result.stderr


def sarif_valid(data: dict[str, Any]) -> None:
    Draft4Validator.check_schema(SARIF_SCHEMA)
    errors = [e.message for e in Draft4Validator(SARIF_SCHEMA).iter_errors(data)]
    assert errors == []


def test_lint_sarif_is_valid_and_points_at_file_line_and_column() -> None:
    data = json.loads(run("lint", *BUNDLED, "--format", "sarif").stdout)
    sarif_valid(data)
    [run_] = data["runs"]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert rules["name-out-of-time"]["help"]["text"]
    results = run_["results"]
    assert results and {r["ruleId"] for r in results} <= set(rules)
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "claims/diplomacy.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"]["startLine"] > 0 and location["region"]["startColumn"] == 5


def test_links_sarif_is_valid(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("See <http://127.0.0.1:9/gone> and\n  <https://example.invalid/x>.\n")
    data = json.loads(
        run("links", str(page), "--format", "sarif", "--no-cache", "--timeout", "1").stdout
    )
    sarif_valid(data)
    results = data["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["excluded", "error"]
    assert [r["level"] for r in results] == ["note", "error"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert regions == [{"startLine": 1, "startColumn": 6}, {"startLine": 2, "startColumn": 4}]


def test_every_lint_code_is_documented() -> None:
    from claimcheck.author.lint import CODES

    documented = (REPO / "docs" / "claims-format.md").read_text()
    assert [code for code in CODES if f"`{code}`" not in documented] == []


STATEMENTS = ["Serbia received six CH-92A drones in June 2020", "The moon is made of cheese"]


def test_claimreview_follows_schema_org_and_invents_nothing() -> None:
    one = json.loads(
        run("verify", *BUNDLED, "--rules-only", "--format", "claimreview", STATEMENTS[0]).stdout
    )
    valid("claimreview", one)
    assert one["reviewRating"]["ratingValue"] == 3 and "author" not in one
    assert "datePublished" not in one and "appearance" not in one["itemReviewed"]
    assert {c["identifier"] for c in one["citation"]} == {"dragon-126", "cwb-129"}
    given = run(
        "verify", *BUNDLED, "--rules-only", "--format", "claimreview", *STATEMENTS,
        "--author", "Example Checks", "--published", "2026-12-05",
        "--appearance", "https://example.org/post",
    )  # fmt: skip
    both = json.loads(given.stdout)
    valid("claimreview", both)
    assert both[1]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Not found in the claims database",
    }
    assert (
        both[0]["author"]["name"] == "Example Checks" and both[0]["datePublished"] == "2026-12-05"
    )
    assert both[0]["itemReviewed"]["appearance"]["url"] == "https://example.org/post"


@pytest.mark.parametrize(
    "flags",
    [
        ["--published", "2026-02-30"],
        ["--published", "2026-1x-05"],
        ["--published", "May 2026"],
        ["--appearance", "x"],
    ],
)
def test_claimreview_options_are_checked(flags: list[str]) -> None:
    result = run("verify", *BUNDLED, "--format", "claimreview", *flags, STATEMENTS[0])
    assert result.exit_code == 2 and flags[0] in result.stderr


def test_claimreview_round_trips_through_import(make_db: DbFactory, tmp_path: Path) -> None:
    written = run(
        "verify", *BUNDLED, "--rules-only", "--format", "claimreview", *STATEMENTS,
        "--author", "Example Checks",
    )  # fmt: skip
    reviews = tmp_path / "reviews.json"
    reviews.write_text(written.stdout)
    root = make_db()
    assert run("import", str(reviews), "--db", str(root)).exit_code == 0
    found = json.loads(run("search", "--db", str(root), "--json", STATEMENTS[0]).stdout)
    top = found["results"][0]
    assert top["kind"] == "imported" and top["claim"] == STATEMENTS[0]
    assert top["rating"] == "Disputed: the sources disagree"
    # by its suffix or by --from
    again = shutil.copy(reviews, tmp_path / "again.txt")
    other = make_db(root=tmp_path / "other")
    assert run("import", str(again), "--db", str(other), "--from", "claimreview").exit_code == 0


def test_at_80_columns_ids_and_urls_are_never_broken() -> None:
    env = {"COLUMNS": "80"}
    sources = runner.invoke(app, ["sources", *BUNDLED], env=env).stdout
    assert "ceas-new-dimension" in sources and "china-western-balkans" in sources
    links = runner.invoke(app, ["links", "--offline", *BUNDLED], env=env).stdout
    url = "https://www.telegraph.co.uk/news/2019/09/11/china-sells-armed-drones-serbia-amid-concerns-arms-deal-could/"
    assert any(line.endswith(f" {url}") for line in links.splitlines())
    shown = runner.invoke(app, ["show", "cwb-081", *BUNDLED], env=env).stdout
    assert "mnoga-lica-srpske-spoljne-politike-javno-mnjenje-i-geopoliticko-balansiranje/" in shown


def test_counts_agree_with_their_nouns_and_figures_read_as_written() -> None:
    from claimcheck.author.extract import _describe
    from claimcheck.models import Quantity
    from claimcheck.render.text import count

    assert [count(1, "claim"), count(2, "claim"), count(1_000, "entity", "entities")] == [
        "1 claim",
        "2 claims",
        "1,000 entities",
    ]
    assert _describe(Quantity(3e8, currency="EUR")) == "the figure 300,000,000 EUR"
