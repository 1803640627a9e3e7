"""Verdict rules, table-driven, on a small synthetic database built for the purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimcheck.judge.verify import verify
from claimcheck.models import Relation, Verdict
from claimcheck.retrieve.index import ClaimIndex, open_index
from tests.conftest import claim_for, make_database

TEXT = (
    "Ruritania ordered nine Falcon drones from Zembla in 2018. "
    "Ruritania later gave up on the Falcon drones. "
    "Six Heron drones were delivered to Ruritania in June 2020.\n"
    "Six Heron drones reached Ruritania in July 2020, another report says.\n"
    "Acme installed 1,000 cameras in Capitalia.\n"
    "Zembla lent Ruritania USD 608 million for the Dam in 2014.\n"
    "In a 2020 poll, 46% of Ruritanians supported joining the Union.\n"
    "More than 70 percent of exports to Zembla were copper.\n"
    "It was predicted that Ruritania would order fifteen more Falcon drones.\n"
    "Ruritania did not buy the Kestrel system.\n"
    "The Long Bridge crosses the Grand River.\n"
)

ENTITIES = [
    {"id": "ruritania", "name": "Ruritania", "type": "country", "aliases": ["Ruritanian state"]},
    {"id": "ruritanians", "name": "Ruritanians", "type": "population", "broader": ["ruritania"]},
    {"id": "zembla", "name": "Zembla", "type": "country", "aliases": ["Zemblan"]},
    {"id": "falcon", "name": "Falcon", "type": "weapon_system", "aliases": ["Sokol", "Falcon-1"]},
    {"id": "heron", "name": "Heron", "type": "weapon_system", "aliases": ["HR-92"]},
    {"id": "kestrel", "name": "Kestrel", "type": "weapon_system"},
    {"id": "acme", "name": "Acme", "type": "company"},
    {"id": "horvat", "name": "Ivan Horvat", "type": "person"},
    {"id": "capitalia", "name": "Capitalia", "type": "place", "aliases": ["Čapitalija"]},
    {"id": "dam", "name": "the Dam", "type": "other"},
    {"id": "union", "name": "the Union", "type": "organization"},
    {"id": "long-bridge", "name": "Long Bridge", "type": "place"},
    {"id": "grand-river", "name": "Grand River", "type": "place"},
    {
        "id": "league",
        "name": "the league of Zembla",
        "type": "initiative",
        "aliases": ["3+1", "4+1", "3+1 league", "4+1 league"],
        "names_in_time": [
            {"name": "3+1", "from": "2010", "until": "2015"},
            {"name": "4+1", "from": "2015"},
        ],
    },
]


def claims() -> list[dict]:
    c = claim_for
    return [
        c(TEXT, "Ruritania ordered nine Falcon drones from Zembla in 2018.", "r-001",
          subject="ruritania", predicate="ordered", object="falcon",
          quantity={"value": 9, "unit": "drone"}, date="2018", status="ordered"),
        c(TEXT, "Ruritania later gave up on the Falcon drones.", "r-002",
          subject="ruritania", predicate="cancelled", object="falcon", status="cancelled"),
        c(TEXT, "Six Heron drones were delivered to Ruritania in June 2020.", "r-003",
          subject="ruritania", predicate="received", object="heron",
          quantity={"value": 6, "unit": "drone"}, date="2020-06"),
        c(TEXT, "Six Heron drones reached Ruritania in July 2020", "r-004",
          subject="ruritania", predicate="received", object="heron",
          quantity={"value": 6, "unit": "drone"}, date="2020-07"),
        c(TEXT, "Acme installed 1,000 cameras in Capitalia.", "r-005",
          subject="acme", predicate="installed", object="capitalia",
          quantity={"value": 1000, "unit": "camera"}),
        c(TEXT, "Zembla lent Ruritania USD 608 million for the Dam in 2014.", "r-006",
          subject="zembla", predicate="lent", object="dam",
          quantity={"value": 608000000, "currency": "USD"}, date="2014"),
        c(TEXT, "In a 2020 poll, 46% of Ruritanians supported joining the Union.", "r-007",
          subject="ruritanians", predicate="supported", object="union",
          quantity={"value": 46, "unit": "percent"}, date="2020"),
        c(TEXT, "More than 70 percent of exports to Zembla were copper.", "r-008",
          subject="ruritania", predicate="share_of", object="zembla",
          quantity={"value": 70, "unit": "percent", "bound": "more_than"}),
        c(TEXT, "It was predicted that Ruritania would order fifteen more Falcon drones.", "r-009",
          subject="ruritania", predicate="ordered", object="falcon",
          quantity={"value": 15, "unit": "drone"}, status="planned"),
        c(TEXT, "Ruritania did not buy the Kestrel system.", "r-010",
          subject="ruritania", predicate="purchased", object="kestrel", negated=True),
        c(TEXT, "The Long Bridge crosses the Grand River.", "r-011",
          subject="long-bridge", predicate="crosses", object="grand-river"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_database(
        tmp_path_factory.mktemp("db"), text=TEXT, claims=claims(), entities=ENTITIES
    )


@pytest.fixture(scope="module")
def index(root: Path) -> ClaimIndex:
    return open_index(root)


@pytest.mark.parametrize(
    ("statement", "verdict"),
    [
        # counts, in digits and words, against the claim's count
        ("Ruritania received six Heron drones", Verdict.SUPPORTED),
        ("Ruritania received 8 Heron drones", Verdict.CONTRADICTED),
        ("Acme installed one thousand cameras in Capitalia", Verdict.SUPPORTED),
        ("Acme installed 2,000 cameras in Capitalia", Verdict.CONTRADICTED),
        # a name that only qualifies another need not be in the claim; one in a role must
        ("Ruritanian state firm Acme installed 1,000 cameras in Capitalia", Verdict.SUPPORTED),
        ("Acme installed 1,000 cameras in Capitalia for Zembla", Verdict.NOT_FOUND),
        # a capitalised word the database does not know is no other party to a claim said whole,
        # but it is no stand-in for the claim's own place either
        ("Acme installed 1,000 cameras in Capitalia, Borduvian media say", Verdict.SUPPORTED),
        ("Acme installed 1,000 cameras in Borduvia", Verdict.NOT_FOUND),
        # who says it is no part of what is said, nor a party the claim must name
        (
            "Zembla's ministry said that Acme installed 1,000 cameras in Capitalia",
            Verdict.SUPPORTED,
        ),
        (
            "As announced by minister Vulin, Acme installed 2,000 cameras in Capitalia",
            Verdict.CONTRADICTED,
        ),
        (
            "Acme installed 1,000 cameras in Capitalia, the Zemblan minister told reporters",
            Verdict.SUPPORTED,
        ),
        # dates compared at the precision both sides have; two sources disagree on the month
        ("The Heron drones reached Ruritania in 2020", Verdict.SUPPORTED),
        ("The Heron drones reached Ruritania in June 2020", Verdict.DISPUTED),
        ("The Heron drones reached Ruritania in 2021", Verdict.CONTRADICTED),
        # a verb that may tell the order or the delivery: a date agrees with either phase's,
        # and differs from neither
        ("Ruritania procured Heron drones in 2020", Verdict.SUPPORTED),
        ("Ruritania procured Heron drones in 2017", Verdict.NOT_FOUND),
        ("Ruritania bought Heron drones in 2017", Verdict.NOT_FOUND),  # an order: another phase
        # an order that a later claim says was given up
        ("Ruritania bought nine Falcon drones", Verdict.DISPUTED),
        ("Ruritania bought nine Sokol drones", Verdict.DISPUTED),  # alias
        # money with currency and scale, in several notations
        ("Zembla lent Ruritania $608 million for the Dam", Verdict.SUPPORTED),
        ("Zembla lent Ruritania 806 million dollars for the Dam", Verdict.CONTRADICTED),
        # another currency, at the rates of around 2014 (1.05 to 1.39 dollars a euro)
        ("Zembla lent Ruritania EUR 608 million for the Dam", Verdict.CONTRADICTED),
        ("Zembla lent Ruritania EUR 500 million for the Dam", Verdict.SUPPORTED),
        # percentages and bounds
        ("46% of Ruritanians supported joining the Union in 2020", Verdict.SUPPORTED),
        ("64 percent of Ruritanians supported joining the Union", Verdict.CONTRADICTED),
        ("More than 70% of exports to Zembla were copper", Verdict.SUPPORTED),
        ("75% of exports to Zembla were copper", Verdict.SUPPORTED),
        ("60% of exports to Zembla were copper", Verdict.CONTRADICTED),
        ("60% of imports from Zembla were copper", Verdict.NOT_FOUND),  # the other way
        # a plan does not contradict what happened
        ("Ruritania ordered nine Falcon drones in 2018", Verdict.DISPUTED),
        # negation
        ("Ruritania bought the Kestrel system", Verdict.CONTRADICTED),
        ("Ruritania buys the Kestrel system", Verdict.CONTRADICTED),
        ("Ruritania did not buy the Kestrel system", Verdict.SUPPORTED),
        ("Ruritania refused to buy the Kestrel system", Verdict.SUPPORTED),
        ("Ruritania ruled out buying the Kestrel system", Verdict.SUPPORTED),
        ("Ruritania planned to order twelve more Falcon drones", Verdict.CONTRADICTED),
        # no figures: enough overlap supports; shared words alone do not
        ("The Long Bridge crosses the Grand River", Verdict.SUPPORTED),
        ("Ruritania bought Zemblan warships", Verdict.NOT_FOUND),
        ("Acme opened a factory in Capitalia", Verdict.NOT_FOUND),
        ("The moon is made of cheese", Verdict.NOT_FOUND),
        # typos, missing hyphens and diacritics
        ("Six Heron drones were delivred to Ruritania in June 2020", Verdict.DISPUTED),
        ("Acme installed 1000 cameras in Čapitalija", Verdict.SUPPORTED),
    ],
)
def test_verdicts(index: ClaimIndex, statement: str, verdict: Verdict) -> None:
    result = verify(statement, index)
    assert result.verdict is verdict, [(e.claim_id, e.relation, e.reasons) for e in result.evidence]


@pytest.mark.parametrize("plan", ["was expected to", "intended to", "promised to", "agreed to"])
def test_a_plan_said_as_a_plan_is_confirmed_by_the_planned_claim(
    index: ClaimIndex, plan: str
) -> None:
    result = verify(f"Ruritania {plan} order fifteen more Falcon drones", index)
    relations = {e.claim_id: e.relation for e in result.evidence}
    assert relations["r-009"] is Relation.SUPPORTS


def test_choosing_what_a_claim_says_was_not_bought_contradicts_it(index: ClaimIndex) -> None:
    statement = "Ruritania bought the Kestrel system rather than warships"
    relations = {e.claim_id: e.relation for e in verify(statement, index).evidence}
    assert relations["r-010"] is Relation.CONTRADICTS


def test_every_verdict_but_not_found_is_backed_by_a_verbatim_quote(index: ClaimIndex) -> None:
    result = verify("Ruritania received 8 Heron drones", index)
    contradicting = [e for e in result.evidence if e.relation is Relation.CONTRADICTS]
    assert {e.claim_id for e in contradicting} == {"r-003", "r-004"}
    for e in contradicting:
        assert TEXT[e.source.start : e.source.end] == e.quote
        assert e.source.line == TEXT.count("\n", 0, e.source.start) + 1
        assert any("8" in r and "6" in r for r in e.reasons)


def test_highlights_point_at_matching_words_of_the_quote(index: ClaimIndex) -> None:
    result = verify("Acme installed 1,000 cameras in Capitalia", index)
    best = result.evidence[0]
    marked = {best.quote[s:e] for s, e in best.highlights}
    assert {"Acme", "installed", "cameras", "Capitalia"} <= marked


def test_not_found_has_no_supporting_or_contradicting_evidence(index: ClaimIndex) -> None:
    result = verify("The moon is made of cheese", index)
    assert all(e.relation is Relation.RELATED for e in result.evidence)
    assert result.verdict is Verdict.NOT_FOUND


def test_index_is_rebuilt_when_a_claim_file_changes(index: ClaimIndex, tmp_path: Path) -> None:
    root = make_database(tmp_path / "db", text=TEXT, claims=claims()[:3], entities=ENTITIES)
    first = open_index(root)
    assert first.size == 3
    assert open_index(root).path == first.path  # unchanged content: the same cached index
    (root / "claims" / "drones.yaml").write_text(
        (root / "claims" / "drones.yaml").read_text() + "\n# an edit\n"
    )
    second = open_index(root)
    assert second.path != first.path


def test_a_corrupt_cache_is_rebuilt_not_trusted(index: ClaimIndex, tmp_path: Path) -> None:
    root = make_database(tmp_path / "db", text=TEXT, claims=claims(), entities=ENTITIES)
    # an index of its own, not the one the other tests of this module hold open
    (root / "claims" / "drones.yaml").write_text(
        (root / "claims" / "drones.yaml").read_text() + "# a copy\n"
    )
    path = open_index(root).path
    path.write_bytes(b"this is not an sqlite file" * 100)
    rebuilt = open_index(root)
    assert rebuilt.size == len(claims())
    assert verify("Acme installed 1,000 cameras in Capitalia", rebuilt).verdict is Verdict.SUPPORTED


def test_one_sentence_does_not_contradict_itself_and_a_promise_meets_a_plan(
    tmp_path: Path,
) -> None:
    text = (
        "At the summit, Zembla promised Ruritania a USD 3 billion fund and USD 10 billion in "
        "credit lines.\n"
    )
    facets = {"subject": "zembla", "predicate": "announced", "object": "ruritania",
              "status": "announced", "date": "2014"}  # fmt: skip
    fund = claim_for(
        text, text.strip(), "p-001", quantity={"value": 3e9, "currency": "USD"}, **facets
    )
    fund["text"] = "At the summit, Zembla promised Ruritania a USD 3 billion fund."
    lines = claim_for(
        text, text.strip(), "p-002", quantity={"value": 1e10, "currency": "USD"}, **facets
    )
    lines["text"] = "At the summit, Zembla promised Ruritania USD 10 billion in credit lines."
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[fund, lines]))
    promised = "Zembla promised Ruritania {} in credit lines at the summit in 2014"
    # the claim is a promise, and so is the statement; the $3 billion fund of the same
    # sentence is another figure, not a contradiction
    assert verify(promised.format("$10 billion"), index).verdict is Verdict.SUPPORTED
    assert verify(promised.format("$20 billion"), index).verdict is Verdict.CONTRADICTED


def test_a_claim_without_the_figure_does_not_confirm_a_figure_another_claim_refutes(
    tmp_path: Path,
) -> None:
    text = "Ruritania has acquired Heron drones.\nSix Heron drones were delivered to Ruritania.\n"
    acquired = claim_for(text, "Ruritania has acquired Heron drones.", "h-001",
                         subject="ruritania", predicate="acquired", object="heron")  # fmt: skip
    six = claim_for(text, "Six Heron drones were delivered to Ruritania.", "h-002",
                    subject="ruritania", predicate="received", object="heron",
                    quantity={"value": 6, "unit": "drone"})  # fmt: skip
    index = open_index(
        make_database(tmp_path, text=text, entities=ENTITIES, claims=[acquired, six])
    )
    result = verify(
        "Ruritania's army has acquired 8 Heron drones, the defence ministry said", index
    )
    relations = {e.claim_id: e.relation for e in result.evidence}
    assert result.verdict is Verdict.CONTRADICTED, result.evidence
    assert relations["h-001"] is Relation.RELATED
    # without a figure to check, the claim inside the sentence bears it out
    result = verify("Ruritania's army has acquired Heron drones, the defence ministry said", index)
    assert result.verdict is Verdict.SUPPORTED


def test_adding_a_detail_does_not_hide_a_wrong_date(tmp_path: Path) -> None:
    text = "Ruritania purchased the Kestrel air defence system in 2019.\n"
    claim = claim_for(text, text.strip(), "k-001", subject="ruritania", predicate="purchased",
                      object="kestrel", date="2019")  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[claim]))
    assert verify("Ruritania bought Kestrel systems in 2021", index).verdict is Verdict.CONTRADICTED
    # "two" is a detail the claim does not give; the date is still wrong
    result = verify("Ruritania bought two Kestrel systems in 2021", index)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence


def test_a_date_the_sources_disagree_on_is_disputed(tmp_path: Path) -> None:
    far_apart = "Weather was mild that year. " * 80  # not one passage telling two dates
    text = (
        f"Ruritania purchased the Kestrel air defence system in 2019. {far_apart}Elsewhere we "
        "read that in August 2020, Ruritania chose the Kestrel system instead of the Heron.\n"
    )
    claims = [
        claim_for(text, "Ruritania purchased the Kestrel air defence system in 2019.", "k-001",
                  subject="ruritania", predicate="purchased", object="kestrel", date="2019"),
        claim_for(text, "in August 2020, Ruritania chose the Kestrel system", "k-002",
                  subject="ruritania", predicate="purchased", object="kestrel", date="2020-08"),
        claim_for(text, "in August 2020, Ruritania chose the Kestrel system instead of the Heron",
                  "k-003", subject="ruritania", predicate="purchased", object="heron",
                  negated=True, date="2020-08"),
    ]  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=claims))
    # told as the first source tells it, or as the third claim does: the other source disagrees
    for said in (
        "Ruritania bought the Kestrel air defence system in 2019",
        "In August 2020 Ruritania opted for the Kestrel instead of the Heron",
    ):
        result = verify(said, index)
        assert result.verdict is Verdict.DISPUTED, result.evidence
        assert {e.relation for e in result.evidence} >= {Relation.SUPPORTS, Relation.CONTRADICTS}
    # a date neither source gives is contradicted, not disputed
    result = verify("Ruritania bought the Kestrel air defence system in 2017", index)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence


def test_the_date_of_an_intention_is_not_the_date_of_what_happened(tmp_path: Path) -> None:
    text = "Ruritania purchased the Kestrel air defence system in 2019.\n"
    claim = claim_for(text, text.strip(), "k-001", subject="ruritania", predicate="purchased",
                      object="kestrel", date="2019")  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[claim]))
    said = "Ruritania plans to upgrade the Kestrel air defence system in 2022, which it purchased"
    result = verify(said, index)
    assert result.verdict is not Verdict.CONTRADICTED, result.evidence
    result = verify("Ruritania purchased the Kestrel system in 2022", index)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence


def test_a_long_sentence_is_judged_on_the_part_the_database_can_check(index: ClaimIndex) -> None:
    statement = (
        "Officials said on Tuesday that the Long Bridge, which crosses the Grand River near the "
        "old harbour, will stay closed for repairs after the storm"
    )
    result = verify(statement, index)
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert {"long bridge", "crosses", "grand river"} <= set(result.covered)
    assert {"storm", "repairs", "harbour"} <= set(result.not_covered)
    assert not set(result.covered) & set(result.not_covered)


def test_not_found_covers_nothing(index: ClaimIndex) -> None:
    result = verify("The moon is made of cheese", index)
    assert (result.covered, result.not_covered) == ((), ())


@pytest.mark.parametrize(
    "statement",
    [
        "The Heron drones reached Ruritania in June 2020",
        # a day or a month without a year still meets the claims' months
        "On June 5, six Heron drones were delivered to Ruritania",
        "In late June, six Heron drones were delivered to Ruritania",
    ],
)
def test_disputed_shows_both_sides(index: ClaimIndex, statement: str) -> None:
    # r-003: six Heron drones delivered in June 2020; r-004: reached in July 2020
    result = verify(statement, index)
    relations = {e.claim_id: e.relation for e in result.evidence}
    assert (relations["r-003"], relations["r-004"]) == (Relation.SUPPORTS, Relation.CONTRADICTS)
    assert result.verdict is Verdict.DISPUTED


FIRST_DRILL = "Ruritania and Zembla held their first military drill in 2020."


@pytest.mark.parametrize(
    ("statement", "verdict"),
    [
        # no word in common with the claim but "first": the first of one kind, dated otherwise
        ("The Eagle-2025 manoeuvres were the first joint exercises between Ruritania and Zembla",
         Verdict.CONTRADICTED),
        ("Ruritanian and Zemblan troops trained together for the first time in 2020",
         Verdict.SUPPORTED),
        # a police exercise is not a military drill; an undated first has nothing to compare
        ("The first joint police exercise of Ruritania and Zembla took place in 2019",
         Verdict.NOT_FOUND),
        ("Ruritania and Zembla held their first joint exercise", Verdict.NOT_FOUND),
    ],
)  # fmt: skip
def test_a_first_is_found_and_dated_in_other_words(
    tmp_path: Path, statement: str, verdict: Verdict
) -> None:
    claim = claim_for(
        FIRST_DRILL, FIRST_DRILL, "f-001", subject="ruritania", predicate="held",
        object="zembla", date="2020",
    )  # fmt: skip
    root = make_database(tmp_path / "db", text=FIRST_DRILL, claims=[claim], entities=ENTITIES)
    assert verify(statement, open_index(root)).verdict is verdict


def test_a_claim_that_checks_the_date_outweighs_one_that_checks_nothing(tmp_path: Path) -> None:
    text = "Ruritania proclaimed neutrality in 2007.\nRuritania is neutral.\n"
    dated = claim_for(
        text,
        "Ruritania proclaimed neutrality in 2007",
        "n-001",
        subject="ruritania",
        predicate="declared",
        date="2007",
    )
    state = claim_for(text, "Ruritania is neutral", "n-002", subject="ruritania",
                      predicate="declared")  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[dated, state]))
    result = verify("Ruritania, a candidate to the Union, proclaimed neutrality in 2006.", index)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence
    assert verify("Ruritania proclaimed neutrality in 2007.", index).verdict is Verdict.SUPPORTED


def test_a_date_of_the_same_sentence_is_no_other_figure(tmp_path: Path) -> None:
    """One source sentence, two claims: six drones (agrees) and delivered in July (differs)."""
    text = "Six Heron drones were delivered to Ruritania in July 2020.\n"
    count = claim_for(
        text,
        "Six Heron drones were delivered to Ruritania",
        "h-001",
        subject="ruritania",
        predicate="received",
        object="heron",
        quantity={"value": 6, "unit": "drone"},
    )
    count["text"] = "Ruritania received six Heron drones."
    when = claim_for(text, text.strip(), "h-002", subject="ruritania", predicate="received",
                     object="heron", date="2020-07")  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[count, when]))
    statement = (
        "In late June, Ruritania received six Heron drones equipped with laser-guided missiles."
    )
    result = verify(statement, index)
    assert result.verdict is not Verdict.SUPPORTED, result.evidence
    assert any(e.relation.value == "contradicts" and e.claim_id == "h-002" for e in result.evidence)


def _one_document_claim(
    root: Path, sentence: str, document: dict[str, Any], **facets: str
) -> ClaimIndex:
    """A database of one sentence, one claim that adopts it, and one more entity: a document."""
    text = sentence + "\n"
    claim = claim_for(text, sentence, "d-001", predicate="adopted", **facets)
    entities = [*ENTITIES, {"type": "document", **document}]
    return open_index(make_database(root, text=text, entities=entities, claims=[claim]))


def test_a_country_inside_a_longer_name_is_named(tmp_path: Path) -> None:
    """The claim names the embargo on Ruritania; the statement names Ruritania twice, in the
    embargo's name and on its own ("the Ruritanian state"): the claim names it too."""
    index = _one_document_claim(
        tmp_path,
        "The Union has imposed an arms embargo on Ruritania since 1989, after the protests.",
        {"id": "embargo", "name": "Union arms embargo on Ruritania",
         "aliases": ["arms embargo on Ruritania"]},
        subject="union", object="embargo", date="1989",
    )  # fmt: skip
    statement = (
        "The Union imposed an arms embargo on Ruritania in 1989 to punish the Ruritanian state."
    )
    [evidence] = verify(statement, index).evidence
    assert "names embargo, ruritania, union" in evidence.reasons
    assert not any("does not mention" in reason for reason in evidence.reasons)


def test_a_country_in_a_hyphenated_name_is_named(tmp_path: Path) -> None:
    """A name like "the Ruritania-Zembla Free Trade Agreement" names Zembla too."""
    index = _one_document_claim(
        tmp_path,
        "The Ruritania-Zembla Free Trade Agreement entered into force on July 1, 2024.",
        {"id": "fta", "name": "Ruritania-Zembla Free Trade Agreement",
         "aliases": ["Free Trade Agreement"]},
        subject="fta", object="ruritania", date="2024-07-01",
    )  # fmt: skip
    statement = "Ruritania's free trade agreement with Zembla took effect on 1 July 2024."
    result = verify(statement, index)
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert not any("does not mention" in r for e in result.evidence for r in e.reasons)


def test_people_of_the_same_kind_from_another_country_are_other_people(tmp_path: Path) -> None:
    text = "Around 145,000 Ruritanian tourists visited Zembla in 2019.\n"
    tourists = {"id": "ruritanian-tourists", "name": "Ruritanian tourists", "type": "population",
                "broader": ["ruritania"]}  # fmt: skip
    claim = claim_for(text, text.strip(), "t-001", subject="ruritanian-tourists",
                      predicate="visited", object="zembla", date="2019",
                      quantity={"value": 145000, "unit": "tourist", "bound": "approx"})  # fmt: skip
    index = open_index(
        make_database(tmp_path, text=text, entities=[*ENTITIES, tourists], claims=[claim])
    )
    same = "About 145,000 Ruritanian tourists travelled to Zembla in 2019."
    assert verify(same, index).verdict is Verdict.SUPPORTED
    other = verify("About 145,000 Zemblan tourists travelled to Ruritania in 2019.", index)
    assert other.verdict is Verdict.NOT_FOUND
    # the claim shares every word, so it is not said to be about nothing
    assert other.why.startswith("no claim in the database confirms or refutes this")


def test_a_rank_is_its_holders(tmp_path: Path) -> None:
    """The largest donor is one: the claim that Zembla was gives no rank to the Union."""
    text = ("Zembla was the largest donor to Ruritania, ahead of the Union.\n"
            "The Union was the second-largest donor to Ruritania.\n")  # fmt: skip
    first = claim_for(
        text,
        "Zembla was the largest donor to Ruritania, ahead of the Union",
        "d-001",
        subject="zembla",
        predicate="ranked",
        object="ruritania",
    )
    second = claim_for(text, "The Union was the second-largest donor to Ruritania", "d-002",
                       subject="union", predicate="ranked", object="ruritania",
                       quantity={"value": 2, "unit": "rank"})  # fmt: skip
    index = open_index(
        make_database(tmp_path, text=text, entities=ENTITIES, claims=[first, second])
    )
    assert (
        verify("The Union was the largest donor to Ruritania.", index).verdict
        is Verdict.CONTRADICTED
    )
    assert verify("Zembla was the biggest donor to Ruritania.", index).verdict is Verdict.SUPPORTED
    assert (
        verify("The Union was the second largest donor to Ruritania.", index).verdict
        is Verdict.SUPPORTED
    )


@pytest.fixture
def signed_plan(tmp_path: Path) -> ClaimIndex:
    text = (
        "In 2018, Ruritania and Zembla signed the plan of military cooperation. "
        "In mid-May 2018, Colonel Arno Vale of Ruritania signed the 2018 plan of military "
        "cooperation.\n"
    )
    people = [
        {"id": "arno-vale", "name": "Arno Vale", "type": "person"},
        {"id": "bo-lin", "name": "Bo Lin", "type": "person"},
    ]
    claims = [
        claim_for(text, "In 2018, Ruritania and Zembla signed the plan of military cooperation.",
                  "p-001", subject="ruritania", predicate="signed", object="zembla", date="2018"),
        claim_for(text, "In mid-May 2018, Colonel Arno Vale of Ruritania signed the 2018 plan of "
                  "military cooperation.", "p-002", subject="arno-vale", predicate="signed",
                  date="2018-05"),
    ]  # fmt: skip
    root = make_database(tmp_path, text=text, entities=[*ENTITIES, *people], claims=claims)
    return open_index(root)


def test_two_people_who_signed_are_each_told_by_a_claim_of_one(signed_plan: ClaimIndex) -> None:
    statement = "Arno Vale and Bo Lin signed the plan of military cooperation in mid-May 2018"
    result = verify(statement, signed_plan)
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert result.evidence[0].claim_id == "p-002"


def test_a_year_cannot_confirm_the_month_another_claim_contradicts(
    signed_plan: ClaimIndex,
) -> None:
    # "the 2018 plan" tells which plan; "in mid-March 2018" when it was signed
    statement = "Arno Vale signed the 2018 plan of military cooperation in mid-March 2018"
    result = verify(statement, signed_plan)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence
    by_id = {e.claim_id: e for e in result.evidence}
    assert by_id["p-002"].relation is Relation.CONTRADICTS


def test_an_abbreviation_says_the_words_it_stands_for(tmp_path: Path) -> None:
    """ "UAVs" in the statement are the claim's "unmanned aerial vehicles", and the claim's "GDP"
    is the statement's "gross domestic product": both ways the claim is about the statement."""
    text = ("Ruritania bought six unmanned aerial vehicles from Zembla in 2020.\n"
            "Loans from Zembla equalled 15% of Ruritania's GDP in 2019.\n")  # fmt: skip
    bought = claim_for(text, "Ruritania bought six unmanned aerial vehicles from Zembla in 2020.",
                       "u-001", subject="ruritania", predicate="acquired", object="zembla",
                       quantity={"value": 6, "unit": "vehicle"}, date="2020")  # fmt: skip
    loans = claim_for(text, "Loans from Zembla equalled 15% of Ruritania's GDP in 2019.", "u-002",
                      subject="zembla", predicate="amounted_to", object="ruritania",
                      quantity={"value": 15, "unit": "percent"}, date="2019")  # fmt: skip
    index = open_index(
        make_database(tmp_path, text=text, entities=ENTITIES, claims=[bought, loans])
    )
    uavs = "Ruritania bought six UAVs from Zembla in {}."
    assert verify(uavs.format(2020), index).verdict is Verdict.SUPPORTED
    assert verify(uavs.format(2018), index).verdict is Verdict.CONTRADICTED
    gdp = "Loans from Zembla equalled {} of Ruritania's gross domestic product in 2019."
    assert verify(gdp.format("15%"), index).verdict is Verdict.SUPPORTED
    assert verify(gdp.format("40%"), index).verdict is Verdict.CONTRADICTED


def test_an_additional_amount_is_not_the_amount_before_it(tmp_path: Path) -> None:
    """The two thousand doses Ruritania agreed to buy on top of the first thousand neither
    contradict the thousand delivered nor are contradicted by them."""
    text = ("One thousand Zemblan doses were delivered to Ruritania in January 2021.\n"
            "In March 2021 Ruritania agreed to buy an additional 2,000 Zemblan doses.\n")  # fmt: skip
    delivered, additional = text.splitlines()
    claims = [
        claim_for(text, delivered, "v-001", subject="zembla", predicate="delivered",
                  object="ruritania", quantity={"value": 1000, "unit": "dose"}, date="2021-01"),
        claim_for(text, additional, "v-002", subject="ruritania", predicate="agreed",
                  object="zembla", quantity={"value": 2000, "unit": "dose"}, date="2021-03"),
    ]  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=claims))
    more = "Ruritania signed with Zembla for an additional 2,000 doses delivered from {}."
    result = verify(more.format("2021"), index)
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert verify(more.replace("2,000", "5,000").format("2021"), index).verdict is (
        Verdict.CONTRADICTED
    )
    # a total is compared with the total
    assert verify("Zembla delivered 2,000 doses to Ruritania in January 2021.", index).verdict is (
        Verdict.CONTRADICTED
    )


def test_a_one_off_event_is_told_by_its_exact_figure_with_one_party(tmp_path: Path) -> None:
    """The statement names the investor and, to say which it is, Zembla; the claim names the
    investor and the Dam: the same exact sum tells the same pledge, and is found among claims
    that name both Acme and Zembla."""
    pledge = "Acme said it would invest USD 300 million over the next few years in the Dam."
    others = [f"Acme built road number {n} in Zembla in 201{n}." for n in range(1, 7)]
    text = "\n".join([pledge, *others]) + "\n"
    claims = [
        claim_for(
            text,
            pledge,
            "a-001",
            subject="acme",
            predicate="invested",
            object="dam",
            quantity={"value": 3e8, "currency": "USD"},
        ),
        *(
            claim_for(
                text,
                other,
                f"a-00{n + 2}",
                subject="acme",
                predicate="built",
                object="zembla",
                date=f"201{n + 1}",
            )
            for n, other in enumerate(others)
        ),
    ]
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=claims))
    said = (
        "Acme, Zembla's biggest builder, paid EUR 40 million to take over the loss-making plant, "
        "pledging to keep its 900 workers and invest a total of USD {} million in its future."
    )
    result = verify(said.format(300), index)
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert result.evidence[0].claim_id == "a-001"
    assert verify(said.format(200), index).verdict is Verdict.NOT_FOUND


@pytest.fixture
def two_figures(tmp_path: Path) -> ClaimIndex:
    """Two claims of one poll, each with its figure, and two of one trade, each with its way."""
    text = (
        "In the poll, 46% of Ruritanians supported joining the Union.\n"
        "In the poll, 51% of Ruritanians rejected joining the Union.\n"
        "Ruritania's exports to Zembla in 2019 were 45 times their 2010 level.\n"
        "Ruritania's imports from Zembla in 2019 were double their 2010 level.\n"
    )
    poll = {"subject": "ruritanians", "object": "union"}
    trade = {"subject": "ruritania", "object": "zembla", "date": "2019"}
    lines = text.splitlines()
    claims = [
        claim_for(text, lines[0], "p-001", predicate="supported", **poll,
                  quantity={"value": 46, "unit": "percent"}),
        claim_for(text, lines[1], "p-002", predicate="opposed", **poll,
                  quantity={"value": 51, "unit": "percent"}),
        claim_for(text, lines[2], "t-001", predicate="exported", **trade,
                  quantity={"value": 45, "unit": "times"}),
        claim_for(text, lines[3], "t-002", predicate="imported", **trade,
                  quantity={"value": 2, "unit": "times"}),
    ]  # fmt: skip
    return open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=claims))


def test_a_statement_wrong_in_one_part_is_contradicted_not_disputed(
    two_figures: ClaimIndex,
) -> None:
    said = "Just 36% of Ruritanians supported joining the Union, while 51% rejected it outright."
    result = verify(said, two_figures)
    assert result.verdict is Verdict.CONTRADICTED, result.evidence
    right = "Just 46% of Ruritanians supported joining the Union, while 51% rejected it outright."
    assert verify(right, two_figures).verdict is Verdict.SUPPORTED


def test_each_figure_goes_the_way_its_own_clause_says(two_figures: ClaimIndex) -> None:
    swapped = (
        "Ruritania's imports from Zembla in 2019 were 45 times their 2010 level, while its "
        "exports to Zembla merely doubled."
    )
    assert verify(swapped, two_figures).verdict is Verdict.CONTRADICTED
    told = swapped.replace("imports from", "TMP").replace("exports to", "imports from")
    assert verify(told.replace("TMP", "exports to"), two_figures).verdict is Verdict.SUPPORTED
