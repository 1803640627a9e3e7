"""The one reader: what it takes a statement to say, on the forms real sentences use."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.language.figures import claim_figures, own_words
from claimcheck.language.names import EntityMatcher, which_name
from claimcheck.language.reader import read
from claimcheck.language.spans import Spans
from claimcheck.models import Quantity

MATCHER = EntityMatcher([("ruritania", ["Ruritania"]), ("zembla", ["Zembla"])])


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Zembla lent Ruritania a $350mn loan", 350e6, "USD"),
        ("a €5.3bn deal", 5.3e9, "EUR"),
        ("a 943 million euro ($1.1 billion) deal", 943e6, "EUR"),
    ],
)
def test_money_with_short_scales(text: str, value: float, currency: str) -> None:
    first = read(text, MATCHER).quantities[0]
    assert (first.value, first.currency) == (value, currency)


def test_a_day_without_a_year_is_a_date_and_takes_the_texts_only_year() -> None:
    facts = read("In the early hours of May 8 (Beijing time), 1999, the embassy was hit", MATCHER)
    assert date(1999, 5, 8) in {d.lo for d in facts.dates if d.precision == "day"}
    assert facts.quantities == ()
    facts = read("Zembla launched the project on October 5", MATCHER)
    assert (facts.dates, facts.quantities) == ((), ())  # no year to give it, and no count


def test_a_year_that_ends_a_name_is_not_the_statements_date() -> None:
    facts = read("Ruritania will host Expo 2027 in its capital", MATCHER)
    assert facts.dates == () and facts.quantities == ()
    assert [d.lo.year for d in facts.name_dates] == [2027]
    assert [d.lo.year for d in read("In 2025 the exercises were held", MATCHER).dates] == [2025]


@pytest.mark.parametrize(
    "text",
    ["Zembla's premier first visited Ruritania", "Zembla visited Ruritania for the first time"],
)
def test_first_before_a_verb_is_no_rank(text: str) -> None:
    assert read(text, MATCHER).quantities == ()


def test_a_length_of_time_is_no_figure_to_check() -> None:
    facts = read("Ruritania will buy drones in the next six months", MATCHER)
    assert [q.value for q in facts.figures] == [6]
    assert facts.asserted_figures == []


@pytest.mark.parametrize("plan", ["aims to", "seeks to", "hopes to", "plans to"])
def test_an_aim_is_a_plan(plan: str) -> None:
    assert read(f"Ruritania {plan} buy drones from Zembla", MATCHER).tells_a_plan


@pytest.mark.parametrize(
    "text",
    [
        "Observers expected Ruritania to buy more drones from Zembla",
        "Analysts predicted the Ruritanian army would soon buy drones",
        "Zembla offered Ruritania a loan of $5 billion",
    ],
)
def test_an_expectation_or_an_offer_tells_a_plan(text: str) -> None:
    assert read(text, MATCHER).tells_a_plan
    assert not read("Ruritania expected delivery in 2020 and bought drones", MATCHER).future


def test_a_date_in_an_intentions_clause_is_intended() -> None:
    facts = read("Zembla plans to invest $5 million in 2017 to upgrade a mill, which it bought "
                 "in 2016", MATCHER)  # fmt: skip
    assert [d.lo.year for d in facts.dates] == [2017, 2016]
    assert [d.lo.year for d in facts.intended_dates] == [2017]
    assert read("In 2017 Zembla said it plans to invest $5 million", MATCHER).intended_dates == ()


def test_a_rank_is_the_subjects_and_whoever_the_sentence_gives_it_to() -> None:
    def holders(text: str) -> list[tuple[float, tuple[str, ...]]]:
        names = sorted(
            (m.start(), m.end(), m.group(0).lower()) for m in re.finditer("Zembla|Ruritania", text)
        )
        figures = claim_figures(text, None, holder="pollsters", names=names)
        return [(f.quantity.value, f.holders) for f in figures]

    # "biggest friend" after "second" names the ranking; the place ahead is the one "behind"
    # names, whoever the friend is of
    said = "In the poll, Zembla ranked second behind Ruritania as {} biggest friend"
    for whose in ("its people's", "Ruritania's"):
        assert holders(said.format(whose)) == [(2, ("pollsters", "zembla")), (1, ("ruritania",))]


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        (
            "Zembla was the second largest source of imports, behind only Ruritania",
            (1, "ruritania"),
        ),
        ("Zembla came third, after Ruritania", (2, "ruritania")),
        ("Zembla was second only to Ruritania as a donor", (1, "ruritania")),
        ("Zembla ranked second, trailing just Ruritania", (1, "ruritania")),
        ("Zembla ranked second after the vote in Ruritania", None),  # no name right after
        ("Zembla was the largest donor after Ruritania", None),  # no place behind the first
    ],
)
def test_the_place_ahead_of_a_rank_is_who_it_is_behind(
    text: str, ahead: tuple[float, str] | None
) -> None:
    assert read(text, MATCHER).places_ahead == ((ahead,) if ahead else ())


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("The drones ordered from Zembla are stationed near Capitalia", {"ordered"}),
        ("the embassy destroyed by bombs in 1999", {"destroyed"}),
        ("Ruritania ordered drones from Zembla", set()),  # after a name: the sentence's verb
        ("Ruritania bought from Zembla the drones it ordered", set()),
        ("The mill was originally owned by Acme", set()),
        ("The drones ordered from Zembla were ordered again", set()),  # once as its own verb
    ],
)
def test_a_participle_after_a_noun_tells_a_side_fact(text: str, side: set[str]) -> None:
    assert read(text, MATCHER).side_verbs == side


def test_a_name_told_only_as_a_yardstick_is_no_party() -> None:
    facts = read("Ruritania bought a system comparable to Zembla's, and similar to Acme's", MATCHER)
    assert facts.yardsticks == {"zembla"}  # Acme is no entity of this matcher
    facts = read("Zembla sold Ruritania a system comparable to Zembla's own", MATCHER)
    assert facts.yardsticks == frozenset()  # Zembla is a party too


def test_a_currency_never_names_a_country() -> None:
    matcher = EntityMatcher([("united-states", ["United States", "US", "U.S."])])
    assert read("Zembla lent a US$ 350 million loan", matcher).entities == frozenset()
    assert read("Zembla lent a $350 million loan to the US", matcher).entities == {"united-states"}


def test_a_name_written_with_spaces_around_a_plus_is_the_same_name() -> None:
    matcher = EntityMatcher([("league", ["3+1", "4+1 league"])])
    facts = read("a platform called “3 + 1 Cooperation” and the 4 +1 league", matcher)
    assert [e for _, _, e in facts.entity_spans] == ["league", "league"]
    assert facts.quantities == ()  # neither name is a count
    assert which_name("the 3 + 1 format", ["4+1", "3+1"]) == "3+1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_the_reader_never_crashes(text: str) -> None:
    facts = read(text, MATCHER)
    for q in facts.quantities:
        assert 0 <= q.start <= q.end <= len(facts.folded)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=12),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_spans_answer_as_a_scan_would(spans: list[tuple[int, int]], start: int, end: int) -> None:
    spans = [(min(a, b), max(a, b)) for a, b in spans]
    asked = Spans(spans)
    assert asked.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert asked.covers(start, end) == any(s <= start and end <= e for s, e in spans)


def test_a_month_without_a_year_needs_a_word_that_takes_a_time() -> None:
    assert [d.month for d in read("In late June the drones arrived", MATCHER).yearless_days] == [6]
    assert read("Ruritania may buy drones", MATCHER).yearless_days == ()


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("the first joint exercises held between Ruritania and Zembla", {("exercise", None)}),
        (
            "the first time Ruritanian and Zemblan troops trained jointly",
            {("exercise", "military")},
        ),
        ("the first joint police exercise", {("exercise", "police")}),
        ("Tito visited Zembla for the first time in 1977", {("visit", None)}),
        ("In the first quarter of 2021 Ruritania received vaccines", set()),
        ("the first phase of the project", set()),
        ("the first, and the largest, exercise", set()),  # a comma ends the phrase
        # a beginning is a first of a cooperation
        ("security collaboration officially started with the MoU", {("cooperation", "security")}),
        ("military cooperation between the two began in 2014", {("cooperation", "military")}),
        ("their partnership began to grow", set()),
    ],
)
def test_what_a_text_says_was_the_first_of_its_kind(text: str, told: set[tuple]) -> None:
    assert read(text, MATCHER).firsts == told


def test_a_year_that_ends_a_name_is_neither_a_count_nor_the_date() -> None:
    facts = read("The Peace Guardian 2025 exercises were held in Zembla", MATCHER)
    assert [d.lo.year for d in facts.name_dates] == [2025]
    assert not facts.dates and not facts.quantities


@pytest.mark.parametrize(
    ("text", "kinds", "denied"),
    [
        ("Ruritania did not buy the Falcon drones", {"acquire"}, True),
        ("Ruritania never received any Falcon drones", {"acquire"}, True),
        ("No Falcon drones were delivered to Ruritania", {"acquire"}, True),
        ("Ruritania refused to buy the Falcon", {"acquire"}, True),
        # the negation governs another verb: the purchase it tells of still happened
        ("The purchase of Falcon drones, agreed in 2018, would not hinder ties with the Union",
         {"acquire"}, False),
        ("Ruritania bought the Falcon drones, which did not hinder its ties with Zembla",
         {"acquire"}, False),
        # "not ... until" says when it happened
        ("Ruritania did not receive the Falcon drones until 2020", {"acquire"}, False),
        ("Ruritania did not receive the Falcon drones, until now", {"acquire"}, True),
    ],
)  # fmt: skip
def test_a_negation_denies_the_kind_of_event_it_governs(
    text: str, kinds: set[str], denied: bool
) -> None:
    assert read(text, MATCHER).denies("falcon", frozenset(kinds)) is denied


def test_a_year_before_a_noun_names_the_thing_when_a_finer_date_tells_when() -> None:
    facts = read("Zembla signed the 2018 plan of cooperation in mid-March 2018", MATCHER)
    assert [(d.lo, d.hi) for d in facts.dates] == [(date(2018, 3, 11), date(2018, 3, 20))]
    facts = read("The 2014 summit was held in Capitalia", MATCHER)
    assert [d.lo.year for d in facts.dates] == [2014]  # the only date: the summit's


@pytest.mark.parametrize(
    "text",
    ["The visa-free regime came into effect in 2017.", "The treaty enters into force in 2024.",
     "The agreement took effect in 2024.", "The law entered into force in 2009."],
)  # fmt: skip
def test_coming_into_force_is_adopting_not_coming(text: str) -> None:
    assert {group for _, group in read(text, MATCHER).verbs} == {"adopt"}


def test_the_two_countries_are_the_pair_told_of_not_a_count() -> None:
    assert read("Visas between the two countries were abolished in 2016.", MATCHER).figures == []
    assert [q.value for q in read("Two countries abolished visas in 2016.", MATCHER).figures] == [2]
    assert [q.value for q in read("Serbia bought the two drones in 2016.", MATCHER).figures] == [2]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Around 145,000 tourists visited Zembla", ["tourists", "visited", "zembla"]),
        ("Nearly 20 drones flew around the capital", ["drones", "flew", "around", "capital"]),
        ("Close to 20 drones were estimated lost", ["drones", "estimated", "lost"]),
    ],
)
def test_a_bound_is_part_of_its_figure_not_a_word_the_claim_says(
    text: str, words: list[str]
) -> None:
    # a statement's "roughly 145,000" tells the claim's "around 145,000"
    assert own_words(text, []) == words


@pytest.mark.parametrize(
    ("text", "said", "names"),
    [
        (
            "According to the ministry, Ruritania ordered drones",
            "ruritania ordered drones",
            {"ruritania"},
        ),
        (
            "As announced by minister Vulin, Ruritania ordered drones",
            "ruritania ordered drones",
            {"ruritania"},
        ),
        (
            "The minister said that Ruritania ordered drones",
            "ruritania ordered drones",
            {"ruritania"},
        ),
        (
            "Zembla's trade ministry noted that Ruritania ordered drones",
            "zembla's ruritania ordered drones",
            {"zembla", "ruritania"},
        ),
        (
            "Acme has announced that it plans to build a plant",
            "acme it plans to build a plant",
            set(),
        ),
        (
            "Ruritania ordered drones, Zembla's ministry told reporters.",
            "ruritania ordered drones",
            {"ruritania"},
        ),
        (
            "Ruritania ordered drones, its minister told state media, in particular Falcons",
            "ruritania ordered drones in particular falcons",
            {"ruritania"},
        ),
        (
            "Ruritania ordered drones, according to activists.",
            "ruritania ordered drones",
            {"ruritania"},
        ),
        (
            "In 2019, the minister said that Ruritania ordered drones",
            "in 2019 ruritania ordered drones",
            {"ruritania"},
        ),
        # a date is never blanked: when it is not set apart, the frame is left whole
        (
            "In 2019 Reuters reported that Ruritania ordered drones",
            "in 2019 reuters reported that ruritania ordered drones",
            {"ruritania"},
        ),
        (  # a verb of saying with no "that" may tell the fact itself
            "Ruritania stated its position at the summit",
            "ruritania stated its position at the summit",
            {"ruritania"},
        ),
    ],
)
def test_who_says_it_is_no_part_of_what_is_said(text: str, said: str, names: set[str]) -> None:
    facts = read(text, MATCHER)
    assert " ".join(re.findall(r"[\w']+", facts.folded)) == said
    assert facts.entities == names


def test_a_speaker_named_first_is_kept_as_a_speaker() -> None:
    facts = read("In 2019, Zembla's ministry noted that Ruritania ordered drones", MATCHER)
    assert (facts.entities, facts.speakers) == ({"zembla", "ruritania"}, {"zembla"})
    assert facts.reported == "In 2019, Ruritania ordered drones"
    facts = read("Zembla announced that it would buy drones", MATCHER)  # "it" is Zembla
    assert (facts.entities, facts.speakers) == ({"zembla"}, frozenset())


def test_what_is_reported_is_the_text_without_who_says_it() -> None:
    assert read("As announced by minister Vulin, Zembla ordered drones.", MATCHER).reported == (
        "Zembla ordered drones."
    )
    assert read("Zembla ordered drones, the ministry said.", MATCHER).reported == (
        "Zembla ordered drones"
    )
    assert read("Zembla ordered drones", MATCHER).reported == "Zembla ordered drones"


def test_a_typod_verb_tells_its_kind_of_event_and_a_noun_like_it_does_not() -> None:
    assert read("Six drones were delivred to Ruritania", MATCHER).verbs == (
        ("delivred", "acquire"),
    )
    assert read("Zembla won the railway construction contract", MATCHER).verbs == ()
    assert read("Zembla talked to drone manufacturers", MATCHER).verbs == ()
    assert read("Zembla later came up with USD 3 million", MATCHER).verbs == ()  # no visit
    assert read("Zembla sent its own judge", MATCHER).verbs == ()  # no owning
    assert read("Zembla and Ruritania own the mine", MATCHER).verbs == (("own", "acquire"),)


@pytest.mark.parametrize(
    ("word", "group"),
    [("acquiring", "acquire"), ("launching", "launch"), ("signing", "sign"), ("during", None)],
)
def test_a_verbs_ing_form_tells_its_kind_of_event(word: str, group: str | None) -> None:
    assert dict(read(f"Zembla was {word} it", MATCHER).verbs).get(word) == group


@pytest.mark.parametrize(
    ("text", "verbs"),
    [
        ("Zembla gave $10 million, making it the largest donor", (("gave", "donate"),)),
        ("The deal made them Zembla's biggest partner", ()),
        ("Acme made 1,000 cameras and made them in Capitalia", (("made", "install"),)),
    ],
)
def test_making_something_into_something_is_no_event(text: str, verbs: tuple[str, ...]) -> None:
    assert read(text, MATCHER).verbs == verbs


def test_a_figure_keeps_the_words_that_say_what_it_counts() -> None:
    text = "The donation included ten portable devices for detecting explosives, officials said."
    [figure] = claim_figures(text, Quantity(10, unit="device"))
    assert figure.described == ("ten", "portabl", "devic", "detect", "explos")
    [money] = claim_figures(text, Quantity(1e6, currency="USD"))
    assert money.described == ()  # money counts no noun


@pytest.mark.parametrize(
    ("text", "flows"),
    [
        ("Ruritania's imports grew 45 times while its exports merely doubled", ["import", "export"]),
        ("Some 60% of Ruritania's exports go to Zembla, which supplies 70% of its imports",
         ["export", "import"]),
        ("Zembla, whose first move was to ban exports of masks, later gave USD 93 million", [""]),
        ("Ruritania's exports to Zembla, which are mostly copper, reached USD 300 million",
         ["export"]),
    ],
)  # fmt: skip
def test_each_figure_goes_the_way_its_own_clause_says(text: str, flows: list[str]) -> None:
    facts = read(text, MATCHER)
    figures = [q for q in facts.quantities if q.unit != "rank"]
    assert ["".join(facts.flows_of(q)) for q in figures] == flows


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The Balkan nation took delivery of the drones", set()),  # one country, described
        ("a Western Balkan country signed", set()),
        ("Western Balkan countries signed", {"western-balkans"}),
        ("the Balkans signed", {"western-balkans"}),
    ],
)
def test_a_region_bent_into_an_adjective_before_one_country_describes_it(
    text: str, named: set[str]
) -> None:
    matcher = EntityMatcher([("western-balkans", ["Western Balkans", "the Balkans", "Balkans"])])
    assert read(text, matcher).entities == named
