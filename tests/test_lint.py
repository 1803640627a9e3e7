"""Every lint rule on a small broken database, through the library and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from claimcheck.author.lint import lint
from claimcheck.cli import app
from tests.conftest import SOURCE_TEXT, DbFactory, default_claims

runner = CliRunner()


def codes(root: Path) -> list[str]:
    return [p.code for p in lint(root).problems]


def run_lint(root: Path, *args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["lint", "--db", str(root), "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_clean_database_has_no_problems_and_exits_zero(make_db: DbFactory) -> None:
    root = make_db()
    exit_code, report = run_lint(root)
    assert exit_code == 0
    assert report["problems"] == []
    assert report["claims"] == 2


def test_yaml_syntax_error_is_reported_with_its_line(make_db: DbFactory) -> None:
    root = make_db(claims_yaml="theme: drones\nclaims:\n  - id: t-001\n    text: [unclosed\n")
    exit_code, report = run_lint(root)
    assert exit_code == 1
    [problem] = report["problems"]
    assert problem["code"] == "yaml-syntax"
    assert problem["path"].endswith("drones.yaml")
    assert problem["line"] in (4, 5)


def test_unknown_key_is_rejected_at_the_key_line(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[1]["conflicts_with"] = "t-001"
    root = make_db(claims=claims)
    [problem] = lint(root).problems
    assert problem.code == "unknown-key"
    assert "conflicts_with" in problem.message
    lines = (root / "claims" / "drones.yaml").read_text().splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1].strip().startswith("conflicts_with:")


def test_missing_field_is_reported(make_db: DbFactory) -> None:
    claims = default_claims()
    del claims[0]["quote"]
    root = make_db(claims=claims)
    problems = lint(root).problems
    assert [p.code for p in problems] == ["missing-field"]
    assert "'quote' is a required property" in problems[0].message


def test_every_problem_is_reported_not_just_the_first(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["colour"] = "red"
    claims[1]["predicate"] = "teleported"
    claims.append(dict(claims[1], id="t-001", predicate="received"))
    root = make_db(claims=claims)
    assert sorted(codes(root)) == ["duplicate-id", "invalid-value", "unknown-key"]


def test_duplicate_id_names_the_first_place(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[1]["id"] = "t-001"
    root = make_db(claims=claims)
    [problem] = lint(root).problems
    assert problem.code == "duplicate-id"
    assert "drones.yaml:" in problem.message


def test_unknown_source_and_entity(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["object"] = "warship"
    claims[1]["source"] = "no-such-article"
    root = make_db(claims=claims)
    assert sorted(codes(root)) == ["unknown-entity", "unknown-source"]


def test_tampered_quote_is_found_fuzzily_and_not_auto_fixed(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["quote"] = claims[0]["quote"].replace("nine", "ten")
    root = make_db(claims=claims)
    exit_code, report = run_lint(root, "--fix")
    assert exit_code == 1
    codes = {p["code"]: p for p in report["problems"]}
    # The facet check notices too: nine is no longer in the quote.
    assert set(codes) == {"quote-mismatch", "quantity-not-in-quote"}
    problem = codes["quote-mismatch"]
    assert "nine Wing Loong" in problem["message"]
    assert report["fixed"] == []


def test_quote_that_is_nowhere_in_the_source(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["quote"] = "Serbia bought Chinese warships and a submarine fleet last week."
    root = make_db(claims=claims)
    assert "quote-not-found" in codes(root)


def test_shifted_offsets_are_reported_and_fixed_in_place(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[1]["start"] += 7
    claims[1]["end"] += 7
    root = make_db(claims=claims)
    path = root / "claims" / "drones.yaml"
    path.write_text("# a comment that must survive\n" + path.read_text())

    [problem] = lint(root).problems
    assert problem.code == "offset-drift"
    expected = SOURCE_TEXT.index("The first six")
    # The context was right all along; only the offsets are rewritten.
    assert problem.fix == {"start": expected, "end": expected + len(claims[1]["quote"])}

    exit_code, report = run_lint(root, "--fix")
    assert exit_code == 0
    assert [p["code"] for p in report["fixed"]] == ["offset-drift"]
    text = path.read_text()
    assert text.startswith("# a comment that must survive\n")
    assert yaml.safe_load(text)["claims"][1]["start"] == expected
    assert lint(root).problems == []


def test_fix_keeps_the_rest_of_the_file_byte_for_byte(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["start"] += 1
    claims[0]["end"] += 1
    root = make_db(claims=claims)
    path = root / "claims" / "drones.yaml"
    before = path.read_text().splitlines()
    lint(root, fix=True)
    after = path.read_text().splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert all(before[i].split(":")[0] in ("  start", "  end") for i in changed)
    assert len(changed) == 2


def test_whitespace_only_difference_is_fixable(make_db: DbFactory) -> None:
    text = SOURCE_TEXT.replace("ordered nine", "ordered\nnine")
    claims = default_claims(SOURCE_TEXT)
    root = make_db(text=text, claims=claims[:1])
    [problem] = lint(root).problems
    assert problem.code == "quote-mismatch" and problem.fix is not None
    lint(root, fix=True)
    assert lint(root).problems == []


def test_changed_source_is_an_error(make_db: DbFactory) -> None:
    root = make_db(sha256="0" * 64)
    problems = lint(root).problems
    assert [p.code for p in problems] == ["source-changed"]
    assert problems[0].path.name == "drones-article.yaml"
    assert problems[0].line is not None


def test_quantity_missing_from_quote_is_a_warning(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[0]["quantity"]["value"] = 12
    root = make_db(claims=claims)
    exit_code, report = run_lint(root)
    assert exit_code == 0
    [problem] = report["problems"]
    assert (problem["severity"], problem["code"]) == ("warning", "quantity-not-in-quote")
    exit_code, _ = run_lint(root, "--strict")
    assert exit_code == 1


def test_number_words_count_as_the_quantity(make_db: DbFactory) -> None:
    # "nine" in the quote states the quantity 9.
    assert codes(make_db()) == []


def test_ambiguous_alias_is_a_warning(make_db: DbFactory) -> None:
    entities = [
        {"id": "serbia", "name": "Serbia", "type": "country"},
        {"id": "wing-loong", "name": "Wing Loong", "type": "weapon_system", "aliases": ["UAV"]},
        {"id": "ch-92a", "name": "CH-92A", "type": "weapon_system", "aliases": ["uav"]},
    ]
    assert codes(make_db(entities=entities)) == ["ambiguous-alias"]


def test_unreadable_database_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", "--db", str(tmp_path)])
    assert result.exit_code == 3


def test_human_output_names_file_and_line(make_db: DbFactory) -> None:
    claims = default_claims()
    claims[1]["id"] = "t-001"
    root = make_db(claims=claims)
    result = runner.invoke(app, ["lint", "--db", str(root)])
    assert result.exit_code == 1
    assert "claims/drones.yaml:" in result.stdout
    assert "duplicate-id" in result.stdout
