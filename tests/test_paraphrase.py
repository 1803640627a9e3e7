"""The text-pair model behind the rules: the shipped weights load and read pairs sensibly, and
verify asks it only when the rules find nothing, leaving figures and dates to the rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.judge.verify import pair_model, verify
from claimcheck.models import Relation, Verdict
from claimcheck.retrieve.index import ClaimIndex, open_index
from tests.conftest import claim_for, make_database
from tests.test_verify import ENTITIES


def test_the_shipped_model_reads_pairs() -> None:
    model = pair_model()()
    if model is None:
        pytest.skip("the semantic extra is not installed")
    claim = "Serbia purchased six Chinese CH-92A drones."
    probabilities = model.score(
        [
            ("Serbia bought six CH-92A drones from China.", claim),
            ("Serbia bought nine CH-92A drones from China.", claim),
            ("Tourists from China visited Belgrade in 2019.", claim),
        ]
    )
    assert probabilities.shape == (3, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    entails, changed, unrelated = probabilities
    assert entails[0] > unrelated[0] and unrelated[2] > entails[2]  # 0: entails, 2: neutral
    assert changed[1] > entails[1]  # 1: contradicts


class Says:
    """A stand-in model that says every statement tells every claim (or its contrary)."""

    def __init__(self, entails: float, contradicts: float):
        self.row = [entails, contradicts, 1.0 - entails - contradicts]
        self.asked: list[tuple[str, str]] = []

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        self.asked.extend(pairs)
        return np.array([self.row] * len(pairs), dtype=np.float32)


@pytest.fixture
def kestrel(tmp_path: Path):  # type: ignore[no-untyped-def]
    text = "Ruritania took delivery of six Kestrel batteries in 2019.\n"
    claim = claim_for(text, text.strip(), "k-001", subject="ruritania", predicate="received",
                      object="kestrel", date="2019", quantity={"value": 6, "unit": "battery"})  # fmt: skip
    return open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[claim]))


def test_a_claim_told_in_other_words_is_judged_by_the_rules(kestrel) -> None:  # type: ignore[no-untyped-def]
    other_words = (
        "Six Kestrel air defence units reached the Ruritanian military in 2019, officials said"
    )
    assert verify(other_words, kestrel).verdict is Verdict.NOT_FOUND  # the rules alone
    model = Says(0.9, 0.05)
    result = verify(other_words, kestrel, pairs=lambda: model)  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    assert any("in other words" in r for r in result.evidence[0].reasons)
    # the model decides relevance only: the date is still the rules' to compare
    result = verify(other_words.replace("2019", "2021"), kestrel, pairs=lambda: model)  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.CONTRADICTED
    assert result.evidence[0].relation is Relation.CONTRADICTS


def test_the_model_is_not_asked_when_the_rules_decide(kestrel) -> None:  # type: ignore[no-untyped-def]
    model = Says(0.0, 0.0)
    result = verify(
        "Ruritania received six Kestrel batteries in 2019", kestrel, pairs=lambda: model
    )  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.SUPPORTED
    assert model.asked == []


def test_a_model_that_says_neither_changes_nothing(kestrel) -> None:  # type: ignore[no-untyped-def]
    statement = (
        "Six Kestrel air defence units reached the Ruritanian military in 2019, officials said"
    )
    model = Says(0.01, 0.01)
    assert verify(statement, kestrel, pairs=lambda: model).verdict is Verdict.NOT_FOUND  # type: ignore[arg-type,return-value]
    assert model.asked  # it was asked, and said no


def test_the_model_forgives_another_verb_but_never_the_opposite_one(tmp_path: Path) -> None:
    text = "Ruritania backed Zembla on the issue of Capitalia.\n"
    claim = claim_for(text, text.strip(), "b-001", subject="ruritania", predicate="supported",
                      object="zembla")  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[claim]))
    model = Says(0.9, 0.05)
    # "welcomed" is a verb of visits to the rules; read whole, the sentence tells the backing
    other_verb = "Ruritania welcomed the position of Zembla on Capitalia at the meeting"
    assert verify(other_verb, index).verdict is Verdict.NOT_FOUND  # the rules alone
    result = verify(other_verb, index, pairs=lambda: model)  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.SUPPORTED, result.evidence
    opposite = "Ruritania criticised the position of Zembla on Capitalia at the meeting"
    assert verify(opposite, index, pairs=lambda: model).verdict is Verdict.NOT_FOUND  # type: ignore[arg-type,return-value]


def test_no_wording_makes_another_thing_of_its_kind_the_claims(tmp_path: Path) -> None:
    text = "The Falcon drones bought by Ruritania fly at up to 200 km/h.\n"
    claim = claim_for(text, text.strip(), "f-001", subject="falcon", predicate="amounted_to",
                      quantity={"value": 200, "unit": "km/h"})  # fmt: skip
    index = open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[claim]))
    model = Says(0.9, 0.05)
    # the Heron is a weapon system too: the Falcon's speed says nothing of it
    statement = (
        "The Heron drones of Ruritania, also called Rainbow, have an operating radius of about "
        "250 kilometers and a maximum altitude of 5,000 meters, with a speed of around 200 kmph"
    )
    ranked = lambda statement, limit: ["f-001"]  # noqa: E731  (as `search` would rank it)
    result = verify(statement, index, ranking=ranked, pairs=lambda: model)  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.NOT_FOUND
    assert model.asked  # the model read the pair, and the rules still said no
    same = statement.replace("Heron", "Falcon")
    result = verify(same, index, ranking=ranked, pairs=lambda: model)  # type: ignore[arg-type,return-value]
    assert result.verdict is Verdict.SUPPORTED


class Reads:
    """A stand-in model that reads the statement as telling one claim, with a given certainty,
    and no other."""

    def __init__(self, claim: str, certainty: float):
        self.claim, self.certainty = claim, certainty
        self.asked: list[str] = []

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        self.asked.extend(claim for _, claim in pairs)
        rows = [[self.certainty, 0.0, 1.0 - self.certainty] if claim == self.claim else
                [0.0, 0.0, 1.0] for _, claim in pairs]  # fmt: skip
        return np.array(rows, dtype=np.float32)


KESTREL_AND_TEAM = (
    "Ruritania took delivery of six Kestrel batteries in 2019.\nKestrel units guard the Dam.\n"
    "Zembla sent a medical team of six doctors to Ruritania in 2020.\n"
)


def kestrel_and_team(root: Path) -> ClaimIndex:
    """Three claims: the Kestrel batteries, where they stand, and Zembla's medical team."""
    text = KESTREL_AND_TEAM
    lines = text.splitlines()
    claims = [
        claim_for(text, lines[0], "k-001", subject="ruritania", predicate="received",
                  object="kestrel", date="2019", quantity={"value": 6, "unit": "battery"}),
        claim_for(text, lines[1], "k-002", subject="kestrel", predicate="deployed",
                  object="dam"),
        claim_for(text, lines[2], "m-001", subject="zembla", predicate="deployed",
                  object="ruritania", date="2020"),
    ]  # fmt: skip
    return open_index(make_database(root, text=text, entities=ENTITIES, claims=claims))


def test_what_search_ranks_first_is_read_when_the_best_decide_nothing_and_more_surely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.judge import verify as verify_module

    monkeypatch.setattr(verify_module, "PAIRED", 1)
    monkeypatch.setattr(verify_module, "SEARCHED", 1)
    index = kestrel_and_team(tmp_path)
    team = KESTREL_AND_TEAM.splitlines()[2]
    statement = "Physicians from abroad landed in Ruritania in 2020 to help the Kestrel crews"

    def read(model: Reads, ranked: list[str]) -> Verdict:
        ranking = lambda statement, limit: ranked  # noqa: E731  (as `search` would rank them)
        return verify(statement, index, ranking=ranking, pairs=lambda: model).verdict  # type: ignore[arg-type,return-value]

    nothing = Reads("", 0.0)
    assert read(nothing, ["m-001"]) is Verdict.NOT_FOUND
    best, searched = nothing.asked  # the rules decide nothing: both are read, best first
    assert searched == team != best
    sure = Reads(team, 0.8)  # enough for what search ranks first
    assert read(sure, ["m-001"]) is Verdict.SUPPORTED and sure.asked == [best, team]
    assert read(Reads(team, 0.8), []) is Verdict.NOT_FOUND  # search did not rank it
    unsure = Reads(team, 0.3)  # enough for the best candidates, not for search's
    assert read(unsure, ["m-001"]) is Verdict.NOT_FOUND and unsure.asked == [best, team]
    decided = Reads(best, 0.9)  # the best candidate decides: search's are not read
    assert read(decided, ["m-001"]) is not Verdict.NOT_FOUND and decided.asked == [best]
