"""The repository's own database: every quote is its source's exact words, and lint is clean."""

from __future__ import annotations

import hashlib

import pytest

from claimcheck.author.lint import lint
from claimcheck.models import Severity
from claimcheck.store.anchor import context
from claimcheck.store.database import load_database
from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
db = load_database(REPO)


def test_every_quote_equals_its_source_at_its_offsets() -> None:
    wrong = [c.id for c in db.claims if db.sources[c.source].text[c.start : c.end] != c.quote]
    assert wrong == []


def test_every_quote_selector_matches_the_text_around_it() -> None:
    wrong = [
        c.id
        for c in db.claims
        if context(db.sources[c.source].text, c.start, c.end) != (c.prefix, c.suffix)
    ]
    assert wrong == []


def test_lint_finds_no_errors() -> None:
    report = lint(REPO)
    assert [p.message for p in report.problems if p.severity is Severity.ERROR] == []


def test_sources_are_unchanged_since_they_were_received() -> None:
    for source in db.sources.values():
        assert hashlib.sha256(source.text_path.read_bytes()).hexdigest() == source.sha256


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
def test_sources_are_byte_identical_to_the_seeds() -> None:
    seed_hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    assert seed_hashes == {s.sha256 for s in db.sources.values()}


def test_every_source_has_claims_and_the_database_is_substantial() -> None:
    per_source = {sid: sum(c.source == sid for c in db.claims) for sid in db.sources}
    assert min(per_source.values()) >= 20, per_source
    assert len(db.claims) >= 400


def test_aliases_people_type_resolve_to_the_corpus_entities() -> None:
    names = {
        alias.casefold(): entity.id
        for entity in db.entities.values()
        for alias in (entity.name, *entity.aliases)
    }
    expected = {
        "pterodactyl": "wing-loong",
        "chengdu pterodactyl-1": "wing-loong",
        "hesteel": "hbis",
        "hebei iron and steel group": "hbis",
        "zijing mining": "zijin-mining",
        "serbia zijin bor copper": "rtb-bor",
        "17+1": "china-ceec",
        "14+1": "china-ceec",
        "pegasus": "pegaz",
        "vucic": "aleksandar-vucic",
        "djordjevic": "zoran-djordjevic",
        "dordevic": "zoran-djordjevic",
        "nis": "nis",
    }
    assert {alias: names.get(alias) for alias in expected} == expected


def test_verify_falls_back_on_the_search_ranking() -> None:
    """A misspelt statement with no name: the names-first retrieval finds nothing, `search`'s
    ranking (character n-grams) finds the vaccine delivery, and the verdict follows from it."""
    from claimcheck.judge.verify import search_ranking, verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    index = open_index(REPO)
    statement = "The vacine donations arrived in early 2021"
    assert verify(statement, index).verdict is Verdict.NOT_FOUND
    result = verify(statement, index, ranking=search_ranking(REPO))
    assert result.verdict is Verdict.SUPPORTED
    assert "dragon-154" in [e.claim_id for e in result.evidence]


def test_a_figure_over_a_period_meets_a_statement_that_names_the_period() -> None:
    """ "fifteen times in the past five years": a statement that gives the length of time, not
    a date, is about the same figure."""
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    index = open_index(REPO)
    grew = "Serbian exports to China grew {} in five years."
    assert verify(grew.format("fifteen-fold"), index).verdict is Verdict.SUPPORTED
    assert verify(grew.format("twelve-fold"), index).verdict is Verdict.CONTRADICTED


def test_exports_and_imports_are_not_the_trade_of_both_ways() -> None:
    """The $1.3 trillion of China's trade with BRI countries is neither its $704.73 billion of
    exports to them nor its $563.07 billion of imports."""
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    index = open_index(REPO)
    trade = "Trade between China and Belt and Road countries reached {} in 2018."
    assert verify(trade.format("$1.3 trillion"), index).verdict is Verdict.SUPPORTED
    assert verify(trade.format("$3.1 trillion"), index).verdict is Verdict.CONTRADICTED
    # and the growth of exports is not the growth of the trade of both ways
    exports = "China's exports to BRI countries rose 10.9 per cent year-on-year in 2018."
    assert verify(exports, index).verdict is Verdict.SUPPORTED


def test_a_sum_over_years_is_not_the_sum_of_one_year() -> None:
    """$5.2 million donated between 2008 and 2018 is not contradicted by $1 million in 2017."""
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    index = open_index(REPO)
    donated = "Between 2008 and 2018, China donated {} to the Serbian army."
    assert verify(donated.format("$5.2 million"), index).verdict is Verdict.SUPPORTED
    assert verify(donated.format("$2.5 million"), index).verdict is Verdict.CONTRADICTED


def test_a_rank_over_years_is_the_standing_an_undated_statement_tells() -> None:
    """Second-largest donor between 2008 and 2018: a statement that gives no years tells the same
    standing (a sum over those years is not the figure of an undated statement)."""
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    index = open_index(REPO)
    donor = "China was the {} donor to the Serbian army."
    assert verify(donor.format("second-largest"), index).verdict is Verdict.SUPPORTED
    assert verify(donor.format("largest"), index).verdict is Verdict.CONTRADICTED


@pytest.mark.parametrize(
    "statement",
    [
        "Li Keqiang attended the 16+1 summit of 2014 in Belgrade.",
        "Li Keqiang attended the 2014 China-CEEC summit in Belgrade.",
    ],
)
def test_a_name_of_its_time_and_the_lasting_name_are_one_thing(statement: str) -> None:
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    result = verify(statement, open_index(REPO))
    assert result.verdict is Verdict.SUPPORTED
    assert "dragon-029" in [e.claim_id for e in result.evidence]


def test_a_capital_stands_for_its_country() -> None:
    """Belgrade is part of Serbia (entities.yaml, broader): "Belgrade purchased" is Serbia's
    purchase, so the claim that dates it decides the statement."""
    from claimcheck.judge.verify import verify
    from claimcheck.models import Verdict
    from claimcheck.retrieve.index import open_index

    statement = "Belgrade purchased the Chinese FK-3 air defence system in 2021."
    result = verify(statement, open_index(REPO))
    assert result.verdict is Verdict.CONTRADICTED
    assert result.evidence[0].claim_id == "mil-138"
