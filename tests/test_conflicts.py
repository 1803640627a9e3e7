"""Conflict rules, table-driven, on small synthetic claim sets in two or three sources."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.judge.conflicts import filter_conflicts, find_conflicts
from claimcheck.judge.verify import verify
from claimcheck.models import Conflict, Level, Verdict
from claimcheck.retrieve.index import open_index
from claimcheck.store.anchor import context
from tests.conftest import REPO

ENTITIES = [
    {"id": "ruritania", "name": "Ruritania", "type": "country"},
    {"id": "zembla", "name": "Zembla", "type": "country"},
    {"id": "falcon", "name": "Falcon", "type": "weapon_system", "aliases": ["Sokol"]},
    {"id": "heron", "name": "Heron", "type": "weapon_system"},
    {"id": "union", "name": "the Union", "type": "organization"},
    {"id": "ruritanians", "name": "Ruritanians", "type": "population"},
    {
        "id": "league",
        "name": "the League",
        "type": "initiative",
        "aliases": ["3+1", "4+1", "3+1 league", "4+1 league"],
        "names_in_time": [
            {"name": "3+1", "from": "2010-04", "until": "2015-06"},
            {"name": "4+1", "from": "2015-06"},
        ],
    },
    {
        "id": "forum",
        "name": "the Forum",
        "type": "initiative",
        "aliases": ["5+1", "6+1", "5+1 format"],
    },
]


def fact(sentence: str, **facets: Any) -> dict[str, Any]:
    """One claim: its sentence is both its text and its quote."""
    base = {"subject": "ruritania", "predicate": "ordered", "object": "falcon"}
    return {"sentence": sentence, **base, **facets}


def build(tmp_path: Path, sources: dict[str, list[dict[str, Any]]]) -> list[Conflict]:
    index = open_index(build_database(tmp_path, sources))
    return find_conflicts(index.claims(), index.entity_types, index.matcher, index.names_in_time)


def build_database(tmp_path: Path, sources: dict[str, list[dict[str, Any]]]) -> Path:
    """A database with one source per key, each telling its facts in order."""
    root = tmp_path / "db"
    (root / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "claims" / "entities.yaml").write_text(yaml.safe_dump({"entities": ENTITIES}))
    claims = []
    for key, facts in sources.items():
        sid = f"src-{key}"
        text = "\n".join(f["sentence"] for f in facts) + "\n"
        (root / "sources" / f"{sid}.txt").write_text(text)
        meta = {"id": sid, "file": f"{sid}.txt", "title": sid.upper(), "authors": [],
                "publisher": None, "date": None, "url": None, "language": "en",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "notes": None}  # fmt: skip
        (root / "sources" / f"{sid}.yaml").write_text(yaml.safe_dump(meta))
        for n, f in enumerate(facts, 1):
            f = dict(f)
            sentence = f.pop("sentence")
            start = text.index(sentence)
            prefix, suffix = context(text, start, start + len(sentence))
            claims.append({"id": f"{sid}-{n:03d}", "text": sentence, "source": sid,
                           "quote": sentence, "start": start, "end": start + len(sentence),
                           "prefix": prefix, "suffix": suffix, **f})  # fmt: skip
    (root / "claims" / "military.yaml").write_text(
        yaml.safe_dump({"theme": "military", "claims": claims}, sort_keys=False)
    )
    return root


def fields(found: list[Conflict]) -> list[tuple[str, str]]:
    return sorted((c.field, c.severity.value) for c in found)


CASES = {
    "counts that differ": (
        {"a": [fact("Ruritania ordered six Falcon drones.", quantity={"value": 6, "unit": "drone"})],
         "b": [fact("Ruritania ordered nine Falcon drones.", quantity={"value": 9, "unit": "drone"})]},
        [("count", "high")],
    ),
    "the same count": (
        {"a": [fact("Ruritania ordered six Falcon drones.", quantity={"value": 6, "unit": "drone"})],
         "b": [fact("Ruritania bought 6 Falcon drones.", predicate="purchased",
                    quantity={"value": 6, "unit": "drone"})]},
        [],
    ),
    "compatible bounds": (
        {"a": [fact("More than 70 percent of exports were copper.", subject="ruritania",
                    predicate="share_of", object="zembla",
                    quantity={"value": 70, "unit": "percent", "bound": "more_than"})],
         "b": [fact("More than 80% of exports were copper.", subject="ruritania",
                    predicate="share_of", object="zembla",
                    quantity={"value": 80, "unit": "percent", "bound": "more_than"})]},
        [],
    ),
    "bounds that exclude each other": (
        {"a": [fact("Less than 50 percent of exports were copper.", predicate="share_of",
                    object="zembla", quantity={"value": 50, "unit": "percent", "bound": "less_than"})],
         "b": [fact("More than 80% of exports were copper.", predicate="share_of", object="zembla",
                    quantity={"value": 80, "unit": "percent", "bound": "more_than"})]},
        [("percent", "medium")],
    ),
    "dollars and euros are never compared": (
        {"a": [fact("Zembla lent USD 608 million for the Falcon.", subject="zembla", predicate="lent",
                    quantity={"value": 608e6, "currency": "USD"})],
         "b": [fact("Zembla lent EUR 500 million for the Falcon.", subject="zembla", predicate="lent",
                    quantity={"value": 500e6, "currency": "EUR"})]},
        [],
    ),
    "a year and a month in it agree": (
        {"a": [fact("The Heron drones arrived in 2020.", predicate="received", object="heron", date="2020")],
         "b": [fact("The Heron drones arrived in June 2020.", predicate="received", object="heron",
                    date="2020-06")]},
        [],
    ),
    "two months disagree": (
        {"a": [fact("The Heron drones arrived in June 2020.", predicate="received", object="heron",
                    date="2020-06")],
         "b": [fact("The Heron drones arrived in July 2020.", predicate="received", object="heron",
                    date="2020-07")]},
        [("date", "high")],
    ),
    "a decision and a purchase in different years": (
        {"a": [fact("In August 2020 Ruritania decided to buy the Falcon.", predicate="purchased",
                    date="2020-08", status="planned")],
         "b": [fact("Ruritania bought the Falcon in 2019.", predicate="purchased", date="2019")]},
        [("date", "medium")],
    ),
    "an order and its delivery have different dates": (
        {"a": [fact("Ruritania ordered the Falcon in 2019.", date="2019")],
         "b": [fact("The Falcon was delivered to Ruritania in 2022.", predicate="received", date="2022")]},
        [],
    ),
    "polls of different years": (
        {"a": [fact("In a 2020 poll 46% of Ruritanians backed the Union.", subject="ruritanians",
                    predicate="supported", object="union", date="2020",
                    quantity={"value": 46, "unit": "percent"})],
         "b": [fact("In a 2021 poll 51% of Ruritanians backed the Union.", subject="ruritanians",
                    predicate="supported", object="union", date="2021",
                    quantity={"value": 51, "unit": "percent"})]},
        [],
    ),
    "polls with different scopes": (
        {"a": [fact("46% of Ruritanians backed the Union in one survey.", subject="ruritanians",
                    predicate="supported", object="union", scope={"survey": "Survey A"},
                    quantity={"value": 46, "unit": "percent"})],
         "b": [fact("61% of Ruritanians backed the Union in another.", subject="ruritanians",
                    predicate="supported", object="union", scope={"survey": "Survey B"},
                    quantity={"value": 61, "unit": "percent"})]},
        [],
    ),
    "a sum for one country and a regional package": (
        {"a": [fact("The Union gave Ruritania EUR 93 million.", subject="union", predicate="donated",
                    object="ruritania", quantity={"value": 93e6, "currency": "EUR"}, date="2020")],
         "b": [fact("The Union gave the region EUR 3.3 billion.", subject="union", predicate="donated",
                    object="ruritania", quantity={"value": 3.3e9, "currency": "EUR"}, date="2020",
                    scope={"region": "the whole region"})]},
        [],
    ),
    "signed one year, in force the next": (
        {"a": [fact("The Falcon treaty was signed in 2023.", predicate="signed", date="2023")],
         "b": [fact("The Falcon treaty entered into force in 2024.", predicate="adopted", date="2024",
                    status="in_force")]},
        [],
    ),
    "ordered, then given up": (
        {"a": [fact("Ruritania has ordered nine Falcon drones.", status="ordered")],
         "b": [fact("Ruritania gave up on the Falcon drones.", predicate="cancelled", status="cancelled")]},
        [("status", "medium")],
    ),
    "one source telling of an order and its cancellation": (
        {"a": [fact("Ruritania ordered nine Falcon drones.", status="ordered"),
               fact("Ruritania gave up on the Falcon drones.", predicate="cancelled", status="cancelled")],
         "b": [fact("Ruritania ordered the Falcon drones in 2018.", date="2018")]},
        [],
    ),
    "did and did not": (
        {"a": [fact("Ruritania bought the Heron.", predicate="purchased", object="heron")],
         "b": [fact("Ruritania did not buy the Heron.", predicate="purchased", object="heron",
                    negated=True)]},
        [("status", "high")],
    ),
    "a source disagreeing only with itself": (
        {"a": [fact("Ruritania ordered six Falcon drones.", quantity={"value": 6, "unit": "drone"}),
               fact("Ruritania ordered nine Falcon drones, it says later.", quantity={"value": 9, "unit": "drone"})],
         "b": [fact("Ruritania ordered the Falcon in 2018.", date="2018")]},
        [],
    ),
    "a plan for more is not the count of the order": (
        {"a": [fact("Ruritania ordered nine Falcon drones.", quantity={"value": 9, "unit": "drone"})],
         "b": [fact("Ruritania will order fifteen more Falcon drones.", status="planned",
                    quantity={"value": 15, "unit": "drone"})]},
        [("count", "low")],
    ),
    "the name something had at its start": (
        {"a": [fact("Zembla launched the 5+1 format in 2012.", subject="zembla", predicate="launched",
                    object="forum", date="2012")],
         "b": [fact("The Zembla cooperation was initially named 6+1.", subject="forum", predicate="named")]},
        [("name", "medium")],
    ),
    "a name used later is no disagreement": (
        {"a": [fact("Zembla launched the 5+1 format in 2012.", subject="zembla", predicate="launched",
                    object="forum", date="2012")],
         "b": [fact("From 2019 the Zembla cooperation was named 6+1.", subject="forum", predicate="named",
                    date="2019")]},
        [],
    ),
    "a count of systems never meets a count of drones": (
        {"a": [fact("In May 2018 Ruritania agreed with Zembla to buy five drone systems.", predicate="acquired",
                    object="zembla", date="2018-05", quantity={"value": 5, "unit": "drone system"})],
         "b": [fact("In May 2018 Ruritania ordered nine Falcon drones from Zembla.", date="2018-05",
                    quantity={"value": 9, "unit": "drone"})]},
        [],
    ),
    "two systems of three drones each are six drones": (
        {"a": [fact("In May 2018 Ruritania agreed with Zembla to buy two systems of three drones each.",
                    predicate="acquired", object="zembla", date="2018-05",
                    quantity={"value": 3, "unit": "drone"}, scope={"measure": "drones per system"})],
         "b": [fact("In May 2018 Ruritania ordered nine Falcon drones from Zembla.", date="2018-05",
                    quantity={"value": 9, "unit": "drone"})]},
        [("count", "low")],
    ),
    "six drones in structure agree with six drones": (
        {"a": [fact("In May 2018 Ruritania agreed with Zembla to buy two systems of three drones each.",
                    predicate="acquired", object="zembla", date="2018-05",
                    quantity={"value": 3, "unit": "drone"}, scope={"measure": "drones per system"})],
         "b": [fact("In May 2018 Ruritania ordered six Falcon drones from Zembla.", date="2018-05",
                    quantity={"value": 6, "unit": "drone"})]},
        [],
    ),
    "five drone systems, two of which combat drones, count systems": (
        {"a": [fact("Ruritania ordered five drone systems, two of which combat drones.",
                    quantity={"value": 5, "unit": "drone system"})],
         "b": [fact("Ruritania ordered two Falcon drones.", quantity={"value": 2, "unit": "drone"})]},
        [],
    ),
    "an order and a forecast of more, told in one passage": (
        {"a": [fact("Ruritania ordered nine Falcon drones.", quantity={"value": 9, "unit": "drone"}),
               fact("Fifteen more Falcon drones are expected to be ordered.", status="planned",
                    quantity={"value": 15, "unit": "drone"})],
         "b": [fact("Ruritania has ordered nine Falcon drones.", quantity={"value": 9, "unit": "drone"})]},
        [],
    ),
    "a source contradicting itself across its pages": (
        {"a": [fact("Ruritania ordered six Falcon drones.", quantity={"value": 6, "unit": "drone"}),
               fact("Zembla " + "spoke of other matters at length. " * 25, subject="zembla",
                    predicate="stated", object="ruritania"),
               fact("Ruritania ordered nine Falcon drones.", quantity={"value": 9, "unit": "drone"})]},
        [("count", "low")],
    ),
    "the first joint exercise dated differently": (
        {"a": [fact("Ruritania and Zembla held their first joint exercise in 2019.", subject="ruritania",
                    predicate="held", object="zembla", date="2019")],
         "b": [fact("The first military drill of Ruritania and Zembla took place in 2020.",
                    subject="zembla", predicate="held", object="ruritania", date="2020")]},
        [("date", "low")],
    ),
    "the first police exercise and the first naval one": (
        {"a": [fact("Ruritania and Zembla held their first police exercise in 2019.", subject="ruritania",
                    predicate="held", object="zembla", date="2019")],
         "b": [fact("The first naval exercise of Ruritania and Zembla took place in 2020.",
                    subject="zembla", predicate="held", object="ruritania", date="2020")]},
        [],
    ),
    "the first exercise dated alike": (
        {"a": [fact("Ruritania and Zembla held their first joint exercise in 2019.", subject="ruritania",
                    predicate="held", object="zembla", date="2019")],
         "b": [fact("The first military drill of Ruritania and Zembla took place in October 2019.",
                    subject="zembla", predicate="held", object="ruritania", date="2019-10")]},
        [],
    ),
    "a cooperation begun by different agreements": (
        {"a": [fact("Ruritania and Zembla's security collaboration officially started with the Falcon "
                    "memorandum in 2017.", subject="ruritania", predicate="signed", object="zembla", date="2017")],
         "b": [fact("The first security cooperation agreement of Ruritania and Zembla was signed in 2019.",
                    subject="zembla", predicate="signed", object="ruritania", date="2019")]},
        [("date", "low")],
    ),
    "beginnings of different kinds of cooperation": (
        {"a": [fact("Ruritania and Zembla's security collaboration officially started in 2017.",
                    subject="ruritania", predicate="signed", object="zembla", date="2017")],
         "b": [fact("Military cooperation between Ruritania and Zembla began in 2014.",
                    subject="zembla", predicate="signed", object="ruritania", date="2014")]},
        [],
    ),
    "first visits of different people": (
        {"a": [fact("Ruritania's king visited Zembla for the first time in 2019.", subject="ruritania",
                    predicate="visited", object="zembla", date="2019")],
         "b": [fact("Zembla's queen visited Ruritania for the first time in 2021.", subject="zembla",
                    predicate="visited", object="ruritania", date="2021")]},
        [],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_conflict_rules(tmp_path: Path, case: str) -> None:
    sources, expected = CASES[case]
    assert fields(build(tmp_path, sources)) == expected


def test_a_conflict_quotes_both_sides_with_their_sources(tmp_path: Path) -> None:
    sources, _ = CASES["two months disagree"]
    [conflict] = build(tmp_path, sources)
    assert conflict.subject == "ruritania" and conflict.object == "heron"
    assert [s.value for s in conflict.sides] == ["2020-06", "2020-07"]
    quotes = [c.quote for s in conflict.sides for c in s.claims]
    assert quotes == [
        "The Heron drones arrived in June 2020.",
        "The Heron drones arrived in July 2020.",
    ]
    assert {c.source.id for s in conflict.sides for c in s.claims} == {"src-a", "src-b"}
    assert "June" not in conflict.explanation and "2020-06" in conflict.explanation


def test_less_precise_claims_corroborate_every_side_they_fit(tmp_path: Path) -> None:
    sources, _ = CASES["two months disagree"]
    sources = {**sources, "c": [fact("The Heron drones arrived in 2020.", predicate="received",
                                     object="heron", date="2020")]}  # fmt: skip
    [conflict] = build(tmp_path, sources)
    assert [[c.claim_id for c in s.corroborated_by] for s in conflict.sides] == [
        ["src-c-001"],
        ["src-c-001"],
    ]


def test_filters(tmp_path: Path) -> None:
    sources = {**CASES["counts that differ"][0]}
    sources["a"] = sources["a"] + CASES["ordered, then given up"][0]["b"]
    found = build(tmp_path, sources)
    assert {c.severity for c in filter_conflicts(found, level=Level.HIGH)} == {Level.HIGH}
    assert filter_conflicts(found, subject="zembla") == []
    assert filter_conflicts(found, source="zz") == []


def test_bundled_database_reports_the_known_disagreements() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["conflicts", "--json", "--db", str(REPO)])
    assert result.exit_code == 0
    found = json.loads(result.stdout)["conflicts"]
    about = {(c["object"], c["field"]) for c in found}
    assert ("ch-92a", "date") in about  # delivered in June or in July 2020
    assert ("fk-3", "date") in about  # bought in 2019, or decided in August 2020
    assert ("wing-loong", "status") in about  # ordered, or given up
    assert any(c["field"] == "count" and c["kind"] == "possible" for c in found)  # the 2018 deal
    assert ("china-ceec", "name") in {(c["subject"], c["field"]) for c in found}  # 14+1 or 16+1
    assert ("china-ceec", "name") in {(c["subject"], c["field"]) for c in found}  # 16+1 in 2014
    seen: set[tuple[str, str]] = set()
    for c in found:
        assert all(claim["quote"] for side in c["sides"] for claim in side["claims"])
        held = [(claim["claim_id"], claim["source"]) for s in c["sides"] for claim in s["claims"]]
        for claim_id, _ in held:  # one report per disagreement
            assert (c["field"], claim_id) not in seen
            seen.add((c["field"], claim_id))
        if len({source["id"] for _, source in held}) == 1:  # never one passage of one source
            starts = [source["start"] for _, source in held]
            assert max(starts) - min(starts) >= 600 and c["severity"] == "low"
    strict = runner.invoke(
        app, ["conflicts", "--fail-on-conflict", "--severity", "high", "--db", str(REPO)]
    )
    assert strict.exit_code == 1


def test_exports_and_imports_of_one_year_are_different_figures(tmp_path: Path) -> None:
    # verify knew it; conflicts now asks the same rule (rules.what_it_counts)
    trade = {"object": "zembla", "date": "2019"}
    found = build(
        tmp_path,
        {
            "a": [fact("In 2019 Ruritania exported goods worth USD 100 million to Zembla.",
                       predicate="exported", quantity={"value": 1e8, "currency": "USD"}, **trade)],
            "b": [fact("In 2019 Ruritania imported goods worth USD 500 million from Zembla.",
                       predicate="imported", quantity={"value": 5e8, "currency": "USD"}, **trade)],
            "c": [fact("In 2019 Ruritania exported goods worth USD 300 million to Zembla.",
                       predicate="exported", quantity={"value": 3e8, "currency": "USD"}, **trade)],
        },
    )  # fmt: skip
    assert [(c.field, [s.value for s in c.sides]) for c in found] == [
        ("amount", ["100,000,000 USD", "300,000,000 USD"])
    ]


def test_one_disagreement_found_twice_is_one_conflict(tmp_path: Path) -> None:
    """The structured pass (same group) and the possible pass (alike texts in another group)
    find the same dispute: one conflict, each value's claims together."""
    found = build(
        tmp_path,
        {
            "a": [fact("In May 2018 Ruritania ordered six Falcon drones.", date="2018-05",
                       quantity={"value": 6, "unit": "drone"})],
            "b": [fact("In May 2018 Ruritania ordered nine Falcon drones.", date="2018-05",
                       quantity={"value": 9, "unit": "drone"})],
            "c": [fact("In May 2018 Ruritania ordered nine Falcon drones from Zembla.",
                       predicate="acquired", object="zembla", date="2018-05",
                       quantity={"value": 9, "unit": "drone"})],
        },
    )  # fmt: skip
    [conflict] = found
    assert conflict.severity is Level.HIGH and conflict.kind == "structured"
    assert [(s.value, [c.claim_id for c in s.claims]) for s in conflict.sides] == [
        ("6 drone", ["src-a-001"]),
        ("9 drone", ["src-b-001", "src-c-001"]),
    ]


def league(sentence: str, **facets: Any) -> dict[str, Any]:
    return fact(
        sentence, **{"subject": "zembla", "predicate": "hosted", "object": "league", **facets}
    )


NAMES_IN_TIME = {
    "a 2013 summit named by a name of 2015": (
        {"a": [league("Zembla hosted the 3+1 summit in 2013.", date="2013")],
         "b": [league("Zembla hosted a 4+1 summit in 2013.", date="2013")]},
        [("name", "medium")],
    ),
    "both name it as it was called then": (
        {"a": [league("Zembla hosted the 3+1 summit in 2013.", date="2013")],
         "b": [league("In 2013 Zembla hosted a summit of the 3+1.", date="2013")]},
        [],
    ),
    "each name at its own date": (
        {"a": [league("Zembla hosted the 3+1 summit in 2013.", date="2013")],
         "b": [league("Zembla hosted a 4+1 summit in 2016.", date="2016")]},
        [],
    ),
    "a year in which both names held": (
        {"a": [league("Zembla hosted the 3+1 summit in 2015.", date="2015")],
         "b": [league("Zembla hosted a 4+1 summit in 2015.", date="2015")]},
        [],
    ),
    "initially named by a later name": (
        {"a": [league("The League was initially named 4+1.", subject="league", predicate="named",
                      object="zembla")],
         "b": [league("Zembla launched the 3+1 in 2010.", predicate="launched", date="2010")]},
        [("name", "medium")],
    ),
    "a claim telling the renaming": (
        {"a": [league("In 2015 the 3+1 became the 4+1.", subject="league", predicate="named",
                      object="zembla", date="2015")],
         "b": [league("Zembla hosted a 4+1 summit in 2016.", date="2016")]},
        [],
    ),
    "one source only": (
        {"a": [league("Zembla hosted the 3+1 summit in 2013.", date="2013"),
               league("Zembla hosted a 4+1 summit in 2013, it says later.", date="2013")]},
        [],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(NAMES_IN_TIME), ids=list(NAMES_IN_TIME))
def test_names_in_time(tmp_path: Path, case: str) -> None:
    sources, expected = NAMES_IN_TIME[case]
    assert fields(build(tmp_path, sources)) == expected


def test_a_name_of_another_period_says_when_it_was_used(tmp_path: Path) -> None:
    [conflict] = build(tmp_path, NAMES_IN_TIME["a 2013 summit named by a name of 2015"][0])
    assert [s.value for s in conflict.sides] == ["3+1", "4+1"]
    assert "4+1 was not in use at 2013: only from 2015-06" in conflict.reasons[0]


def test_lint_warns_of_a_name_not_in_use_at_the_claims_date(tmp_path: Path) -> None:
    from claimcheck.author.lint import lint

    build(tmp_path, NAMES_IN_TIME["a 2013 summit named by a name of 2015"][0])
    report = lint(tmp_path / "db")
    assert [(p.code, p.claim_id) for p in report.warnings] == [("name-out-of-time", "src-b-001")]
    assert "'4+1' at 2013, a name in use only from 2015-06" in report.warnings[0].message


@pytest.mark.parametrize(
    ("period", "why"),
    [
        ({"name": "9+1", "from": "2010"}, "not among its name and aliases"),
        ({"name": "3+1", "from": "2010-13"}, "not a date in the calendar"),
        ({"name": "3+1", "from": "2016", "until": "2012"}, "ends (2012) before it starts"),
    ],
)
def test_lint_checks_the_names_in_time(tmp_path: Path, period: dict[str, str], why: str) -> None:
    from claimcheck.author.lint import lint

    build(tmp_path, CASES["the same count"][0])
    path = tmp_path / "db" / "claims" / "entities.yaml"
    entities = yaml.safe_load(path.read_text())
    entities["entities"][-2]["names_in_time"] = [period]
    path.write_text(yaml.safe_dump(entities))
    [problem] = lint(tmp_path / "db").errors
    assert problem.code == "names-in-time" and why in problem.message


def test_verify_judges_the_other_side_of_a_disagreement(tmp_path: Path) -> None:
    # worded so that the order claim alone is not about the statement
    ordered = fact("Ruritania has ordered nine Falcon drones, known to pilots as the Hawk.",
                   quantity={"value": 9, "unit": "drone"})  # fmt: skip
    gave_up = fact("Ruritania gave up on the Falcon drones.", predicate="cancelled",
                   status="cancelled")  # fmt: skip
    index = open_index(build_database(tmp_path, {"a": [ordered], "b": [gave_up]}))
    assert fields(find_conflicts(index.claims(), index.entity_types)) == [("status", "medium")]
    # one source says it was bought, the other that it was given up; the order claim alone
    # gives nothing to check this statement against
    result = verify("Ruritania bought the Falcon drones for its army", index)
    assert result.verdict is Verdict.DISPUTED, result.evidence
    # an order told with its date is not undone by a later cancellation
    result = verify("Ruritania ordered nine Falcon drones in 2018", index)
    assert result.verdict is not Verdict.DISPUTED, result.evidence
