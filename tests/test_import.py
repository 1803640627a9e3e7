"""`claimcheck import`: external collections (JSON Lines, CSV, ClaimReview) become a database
that `lint` accepts, with every bad record named by file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import DataError
from claimcheck.store.database import load_database
from claimcheck.store.importer import import_collection
from tests.conftest import DbFactory

runner = CliRunner()

ROWS = [
    {"id": 0, "claim": "Drinking bleach cures the flu.", "title": "Does Bleach Cure Flu?"},
    {
        "id": "17",
        "claim": "The Eiffel Tower was sold twice.",
        "title": "Was the Eiffel Tower Sold?",
    },
]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_import_keeps_ids_and_lints_clean(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "vclaims.jsonl", ROWS)
    root = tmp_path / "db"
    result = runner.invoke(app, ["import", str(source), "--into", str(root)])
    assert result.exit_code == 0, result.output
    assert "created collection 'vclaims': 2 claims" in result.stdout
    database = load_database(root)
    assert [(c.id, c.text, c.title) for c in database.imported] == [
        ("0", "Drinking bleach cures the flu.", "Does Bleach Cure Flu?"),
        ("17", "The Eiffel Tower was sold twice.", "Was the Eiffel Tower Sold?"),
    ]
    # Unknown stays unknown: no url, date or rating was given, so none is written.
    written = yaml.safe_load((root / "claims" / "vclaims.yaml").read_text())
    assert set(written["claims"][0]) == {"id", "text", "title"}
    lint = runner.invoke(app, ["lint", "--db", str(root)])
    assert lint.exit_code == 0, lint.output


def test_csv_and_tsv_with_other_column_names(tmp_path: Path) -> None:
    csv_file = tmp_path / "archive.csv"
    csv_file.write_text(
        "claim_id,Claim,URL,Date,Verdict\n"
        'a1,"Vaccines contain microchips, says post",https://example.org/a1,2021-03-04,False\n',
        encoding="utf-8",
    )
    tsv_file = tmp_path / "more.tsv"
    tsv_file.write_text("id\ttext\tdate\nb1\tThe moon is made of cheese.\tMarch 4, 2021\n")
    root = tmp_path / "db"
    import_collection(csv_file, root)
    import_collection(tsv_file, root)
    claims = {c.id: c for c in load_database(root).imported}
    assert claims["a1"].text == "Vaccines contain microchips, says post"
    assert (claims["a1"].url, claims["a1"].date, claims["a1"].rating) == (
        "https://example.org/a1",
        "2021-03-04",
        "False",
    )
    assert claims["b1"].date == "2021-03-04"
    assert claims["b1"].collection == "more"


CLAIMREVIEW_FEED = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [
        {
            "@type": "DataFeedItem",
            "item": [
                {
                    "@type": "ClaimReview",
                    "url": "https://factcheck.example/reviews/5g",
                    "claimReviewed": "5G towers spread the coronavirus.",
                    "datePublished": "2020-04-06T09:30:00Z",
                    "author": {"@type": "Organization", "name": "Example Check"},
                    "itemReviewed": {
                        "@type": "Claim",
                        "author": {"@type": "Person", "name": "A Blogger"},
                    },
                    "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
                }
            ],
        }
    ],
}


def test_claimreview_feed(tmp_path: Path) -> None:
    feed = tmp_path / "reviews.jsonld"
    feed.write_text(json.dumps(CLAIMREVIEW_FEED, indent=2))
    report = import_collection(feed, tmp_path / "db", name="example-check")
    assert (report.format, report.count) == ("claimreview", 1)
    (claim,) = load_database(tmp_path / "db").imported
    assert claim.id == "https://factcheck.example/reviews/5g"  # a review's id is its URL
    assert claim.text == "5G towers spread the coronavirus."
    assert (claim.date, claim.rating, claim.reviewer, claim.claimant) == (
        "2020-04-06",
        "False",
        "Example Check",
        "A Blogger",
    )


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{"id": "1", "claim": "ok"}\n{"id": "2", "claim": \n', 2, "not valid JSON"),
        ('{"id": "1", "claim": "ok"}\n\n{"id": "2"}\n', 3, "no claim text"),
        ('{"id": "1", "claim": "ok"}\n{"id": "1", "claim": "again"}\n', 2, "appears twice"),
        ('{"id": "1", "claim": "ok", "url": "ftp://x"}\n', 1, "not an http(s) address"),
        ('{"id": "1", "claim": "ok", "date": "someday"}\n', 1, "cannot read the date"),
    ],
)
def test_bad_records_are_named_by_file_and_line(
    tmp_path: Path, content: str, line: int, message: str
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(content)
    result = runner.invoke(app, ["import", str(source), "--into", str(tmp_path / "db")])
    assert result.exit_code == 3
    assert f"bad.jsonl:{line}" in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "db" / "claims").exists()  # nothing half-written


def test_reimport_replaces_the_collection(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "snopes.jsonl", ROWS)
    root = tmp_path / "db"
    import_collection(source, root)
    write_jsonl(source, ROWS[:1])
    report = import_collection(source, root)
    assert report.replaced
    assert [c.id for c in load_database(root).imported] == ["0"]


def test_ids_must_be_new_to_the_database(tmp_path: Path, make_db: DbFactory) -> None:
    root = make_db()
    write_jsonl(tmp_path / "first.jsonl", ROWS)
    import_collection(tmp_path / "first.jsonl", root)
    clash = write_jsonl(
        tmp_path / "second.jsonl", [{"id": "17", "claim": "x"}, {"id": "t-001", "claim": "y"}]
    )
    with pytest.raises(DataError, match=r"'17' \(first.yaml\), 't-001' \(drones.yaml\)"):
        import_collection(clash, root)
    assert not (root / "claims" / "second.yaml").exists()


def test_a_quoted_claims_file_is_never_overwritten(tmp_path: Path, make_db: DbFactory) -> None:
    root = make_db()
    source = write_jsonl(tmp_path / "drones.jsonl", ROWS)
    before = (root / "claims" / "drones.yaml").read_bytes()
    result = runner.invoke(app, ["import", str(source), "--into", str(root)])
    assert result.exit_code == 2
    assert "choose another --name" in result.stderr
    assert (root / "claims" / "drones.yaml").read_bytes() == before


def test_lint_checks_imported_claims_with_file_and_line(make_db: DbFactory) -> None:
    root = make_db()
    (root / "claims" / "archive.yaml").write_text(
        "collection: {name: archive, imported_from: a.jsonl, format: jsonl}\n"
        "claims:\n"
        "- id: '1'\n"
        "  text: Fine.\n"
        "- id: '2'\n"
        "  text: Has a bad link.\n"
        "  url: not a url\n"
        "- id: t-001\n"
        "  text: Same id as a quoted claim.\n"
    )
    result = runner.invoke(app, ["lint", "--db", str(root), "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    located = {(p["code"], Path(p["path"]).name, p["line"]) for p in problems}
    assert ("invalid-value", "archive.yaml", 7) in located
    # Ids are unique across quoted and imported claims.
    assert any(p["code"] == "duplicate-id" and "archive.yaml:8" in p["message"] for p in problems)


def test_quoted_claims_are_checked_as_strictly_as_before(make_db: DbFactory) -> None:
    """A collection file in the database does not relax the rules for quoted claims."""
    root = make_db(claims_yaml="theme: drones\nclaims:\n- id: t-009\n  text: No quote here.\n")
    (root / "claims" / "archive.yaml").write_text(
        "collection: {name: archive, imported_from: a.jsonl, format: jsonl}\n"
        "claims:\n- id: '1'\n  text: Fine.\n"
    )
    result = runner.invoke(app, ["lint", "--db", str(root)])
    assert result.exit_code == 1
    assert "'quote' is a required property" in result.stdout
