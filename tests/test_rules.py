"""The rule table: every rule has examples, and each example is decided by its own rule."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.judge.rules import RULES, Example, Rule, _same_measure, judge, rules_markdown
from claimcheck.language.names import EntityMatcher
from claimcheck.language.reader import read
from claimcheck.models import Figure, Quantity
from claimcheck.retrieve.index import open_index
from claimcheck.retrieve.scoring import candidates
from tests.conftest import claim_for, make_database
from tests.test_verify import ENTITIES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_rule_has_examples_and_a_unique_name() -> None:
    assert all(rule.examples for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in RULES for example in rule.examples],
    ids=lambda x: x.name if isinstance(x, Rule) else x.statement[:40],
)
def test_each_example_is_decided_by_its_rule(rule: Rule, example: Example, tmp_path: Path) -> None:
    claim = claim_for(
        example.claim, example.claim, "x-001", **{"subject": "ruritania", **example.facets}
    )
    index = open_index(
        make_database(tmp_path, text=example.claim, claims=[claim], entities=ENTITIES)
    )
    statement = read(example.statement, index.matcher)
    found = [c for c in candidates(statement, index) if c.claim.id == "x-001"]
    assert found, "the example's claim is not even retrieved"
    asked = replace(found[0], paraphrase=example.paraphrase, disputes=example.disputes)
    judgement = judge(statement, asked)
    assert (judgement.rule, judgement.relation) == (rule.name, example.relation), judgement.reasons


def test_the_readme_shows_the_rule_table_as_it_is() -> None:
    text = README.read_text()
    shown = text[
        text.index("<!-- rules -->") + len("<!-- rules -->\n") : text.index("<!-- /rules -->")
    ]
    assert shown.strip() == rules_markdown()


@pytest.mark.parametrize(("said", "alike"), [("300 troops", True), ("300 tanks", False)])
def test_nouns_that_count_the_same_meet(said: str, alike: bool) -> None:
    statement = read(f"Zembla deployed {said} last year", EntityMatcher([]))
    soldiers = Figure(Quantity(200, unit="soldier"), "soldier", None, ())
    assert _same_measure(statement, statement.quantities[0], soldiers) is alike
