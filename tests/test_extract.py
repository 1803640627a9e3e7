"""`claimcheck add-source` and `claimcheck extract`: a new article in, candidate claims out,
checked against what the database already says."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.author.extract import extract, split_sentences
from claimcheck.cli import app
from claimcheck.language.names import EntityMatcher
from claimcheck.models import Claim
from claimcheck.store.candidates import read_candidates
from tests.conftest import claim_for, make_database

runner = CliRunner()

ARTICLE = (
    "Ruritania and Zembla\n"
    "\n"
    "In March 2019, Ruritania ordered 12 Falcon drones from Zembla.<sup>3</sup> The next year, "
    "Zembla lent Ruritania USD 608 million for the Dam. First, the two countries agreed on a plan "
    "(Smith, 2016, p. 12). In mid-May 2018 about 45% of Ruritanians backed the deal.\n"
    "\n"
    "Nothing else happened here, as Dr. Brown said.\n"
    "\n"
    "<sup>3</sup> Falcon report. Available at: <https://example.org/falcon-report>\n"
)
ENTITIES = [
    {"id": "ruritania", "name": "Ruritania", "type": "country"},
    {"id": "ruritanians", "name": "Ruritanians", "type": "population", "broader": ["ruritania"]},
    {"id": "zembla", "name": "Zembla", "type": "country"},
    {"id": "falcon", "name": "Falcon", "type": "weapon_system"},
    {"id": "dam", "name": "the Dam", "type": "other"},
]
MATCHER = EntityMatcher((e["id"], [e["name"]]) for e in ENTITIES)


def test_candidates_carry_the_facts_of_each_sentence() -> None:
    result = extract("news", ARTICLE, MATCHER)
    by_value = {c.quantity.value: c for c in result.candidates if c.quantity}
    drones = by_value[12]
    assert (drones.quantity.unit, drones.date, drones.predicate) == (
        "falcon drone",
        "2019-03",
        "ordered",
    )
    assert (drones.subject, drones.object) == ("ruritania", "falcon")
    assert drones.cites == ("https://example.org/falcon-report",)
    loan = by_value[608_000_000]
    assert (loan.quantity.currency, loan.date) == ("USD", "2020")  # "the next year" after 2019
    assert any("The next year" in reason for reason in loan.reasons)
    poll = by_value[45]
    assert (poll.quantity.unit, poll.quantity.bound, poll.date) == ("percent", "approx", "2018-05")
    # A citation's year, "First," and "the two countries" are not facts; a footnote is not one.
    assert set(by_value) == {12, 608_000_000, 45}
    assert not any(c.date == "2016" for c in result.candidates)
    assert not any("example.org" in c.quote for c in result.candidates)


def test_every_candidate_points_at_its_quote() -> None:
    for candidate in extract("news", ARTICLE, MATCHER).candidates:
        assert ARTICLE[candidate.start : candidate.end] == candidate.quote
        assert ARTICLE[: candidate.start].endswith(candidate.prefix)
        assert ARTICLE[candidate.end :].startswith(candidate.suffix)


def test_a_story_told_in_the_past_keeps_its_date_and_what_holds_now_does_not() -> None:
    text = (
        "Ruritania has long wanted drones of its own. In March 2019, it ordered drones from "
        "Zembla, after a long debate in its parliament. The minister thanked Zembla for its help "
        "in the talks. Ruritania is a neighbour to 4 Zemblan provinces, and it has taken 2 more "
        "of them since.\n"
        "In May 2020, Ruritania received the first of the drones, in a ceremony at its largest "
        "airbase. In question are 6 drones with laser guided missiles.\n"
    )
    candidates = extract("c", text, MATCHER).candidates
    thanks = next(c for c in candidates if "thanked" in c.quote)
    assert (thanks.quantity, thanks.date) == (None, "2019-03")  # told, not counted: still a fact
    by_value = {c.quantity.value: c for c in candidates if c.quantity}
    assert (by_value[4].date, by_value[2].date) == (None, None)
    # A paragraph that opens with a date tells of that time throughout, in any tense.
    assert by_value[6].date == "2020-05"


def test_each_figure_takes_the_date_told_with_it() -> None:
    text = (
        "Ruritanian exports doubled in 2019 compared to 2010, while imports were 45 times the "
        "2010 level. In 2020 the 16 Zemblan provinces backed the deal; 87% of Ruritanians "
        "backed it too (53% in 2017). Zembla lent 1.3 trillion US dollars to Ruritania in 2018."
        "\n"
    )
    candidates = extract("e", text, MATCHER).candidates
    dates = {c.quantity.value: c.date for c in candidates if c.quantity}
    # a baseline ("compared to 2010", "the 2010 level") does not date a figure; a date
    # right after a figure is its own; "the 16 provinces" counts ("the two" would refer back)
    assert dates == {2: "2019", 45: "2019", 16: "2020", 87: "2020", 53: "2017", 1.3e12: "2018"}
    assert any(c.quantity and c.quantity.currency == "USD" for c in candidates)


def test_footnotes_in_the_middle_of_a_wrapped_page_are_read_around() -> None:
    # Text wrapped to a page width; the page's notes, one running over a blank line, cut a
    # sentence of the body in two.
    text = (
        "In a poll published in November 2020, Ruritanians were asked about \n"
        "their friends. In the poll, 40% of the respondents named Zembla, \n"
        "\n"
        "24  Zembla Times, Report on the poll of the \n"
        "\n"
        "Ruritanian centre, May 2015, https://example.org/poll. \n"
        " followed by Freedonia, named by 16%. Only 46% of Ruritanians \n"
        "still backed the deal at the time.\n"
    )
    dates = {c.quantity.value: c.date for c in extract("d", text, MATCHER).candidates if c.quantity}
    assert dates == {40: "2020-11", 16: "2020-11", 46: "2020-11"}


def test_sentences_do_not_break_at_abbreviations_or_decimals() -> None:
    text = "Dr. Brown paid $1.26 billion in Jan. 2020 to the U.S. Treasury. Then he left."
    assert [s.text for s in split_sentences(text)] == [
        "Dr. Brown paid $1.26 billion in Jan. 2020 to the U.S. Treasury.",
        "Then he left.",
    ]
    # “ closes a quotation in Serbian and German typography
    assert [s.text for s in split_sentences("He said: „We will help.“ Then he left.")] == [
        "He said: „We will help.“",
        "Then he left.",
    ]


def test_a_date_is_carried_through_its_paragraph_and_no_further() -> None:
    # One paragraph a line, as many web articles come: the second line starts a new story.
    lines = (
        "In March 2019, Ruritania ordered drones from Zembla, after a long debate in its "
        "parliament. Ruritania received 12 of them.\n"
        "Ruritania has 40 airports for its people, more than any of its neighbours has, and it "
        "plans to build more.\n"
    )
    by_value = {c.quantity.value: c for c in extract("a", lines, MATCHER).candidates if c.quantity}
    assert (by_value[12].date, by_value[40].date) == ("2019-03", None)
    # A page break cut the paragraph mid-sentence; it goes on after the page's footnotes.
    page_break = (
        "In March 2019, Ruritania signed a deal with Zembla on the\n"
        "\n"
        "---\n"
        "\n"
        "<sup>1</sup> Deal report. Zembla Times. May 2015.\n"
        "\n"
        "purchase of drones. Ruritania received 12 of them.\n"
    )
    received = next(c for c in extract("b", page_break, MATCHER).candidates if c.quantity)
    assert received.date == "2019-03"  # not the note's May 2015


def test_a_fact_already_claimed_is_set_apart_not_repeated(tmp_path: Path) -> None:
    existing = claim_for(
        ARTICLE,
        "Ruritania ordered 12 Falcon drones from Zembla.",
        "news-001",
        source="news",
        subject="ruritania",
        object="falcon",
        quantity={"value": 12, "unit": "drone"},
        date="2019-03",
    )
    claim = Claim(
        **{k: v for k, v in existing.items() if k != "quantity"},
        theme="drones",
        path=tmp_path,
        line=1,
        quantity=read_quantity(existing["quantity"]),
    )
    result = extract("news", ARTICLE, MATCHER, existing=[claim])
    assert [c.duplicate_of for c in result.duplicates] == ["news-001"]
    assert 12 not in {c.quantity.value for c in result.candidates if c.quantity}


def read_quantity(raw: dict[str, float | str]) -> object:
    from claimcheck.models import Quantity

    return Quantity(float(raw["value"]), str(raw["unit"]))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_extraction_never_crashes_and_offsets_hold(text: str) -> None:
    for candidate in extract("any", text, MATCHER).candidates:
        assert text[candidate.start : candidate.end] == candidate.quote


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(
        [
            "",
            "\x00\x01\x02\xff" * 50,
            "In 2019 Ruritania bought 5 drones. " * 400,  # one huge line
            "Рурitania купила 5 дронов в 2019 году. 鲁里塔尼亚在2019年购买了5架无人机。",
            "12.\n13.\n" * 30,
        ]
    )
)
def test_odd_texts(text: str) -> None:
    for candidate in extract("any", text, MATCHER).candidates:
        assert text[candidate.start : candidate.end] == candidate.quote


# --- the commands ---


def new_database(tmp_path: Path) -> Path:
    """A database whose one source says the Falcon order was fifteen drones."""
    text = "Ruritania ordered 15 Falcon drones from Zembla in March 2019.\n"
    root = make_database(
        tmp_path / "db",
        text=text,
        entities=ENTITIES,
        claims=[
            claim_for(
                text,
                "Ruritania ordered 15 Falcon drones from Zembla in March 2019.",
                "old-001",
                subject="ruritania",
                object="falcon",
                quantity={"value": 15, "unit": "drone"},
                date="2019-03",
            )
        ],
    )
    article = tmp_path / "news.txt"
    article.write_bytes(ARTICLE.replace("\n", "\r\n").encode())  # kept exactly, CRLF and all
    return root


def test_add_source_copies_bytes_and_writes_only_what_is_known(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    article = tmp_path / "news.txt"
    result = runner.invoke(
        app,
        [
            "add-source",
            str(article),
            "--db",
            str(root),
            "--title",
            "News",
            "--authors",
            "A. Writer",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (root / "sources" / "news.txt").read_bytes() == article.read_bytes()
    meta = yaml.safe_load((root / "sources" / "news.yaml").read_text())
    assert meta["sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert (meta["title"], meta["authors"]) == ("News", ["A. Writer"])
    assert meta["publisher"] is None and meta["date"] is None and meta["url"] is None
    assert runner.invoke(app, ["lint", "--db", str(root)]).exit_code == 0

    again = runner.invoke(app, ["add-source", str(article), "--db", str(root), "--id", "other"])
    assert again.exit_code == 3
    assert "already in the database as source 'news'" in again.stderr
    assert not (root / "sources" / "other.txt").exists()


def test_add_source_refuses_bad_input(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    result = runner.invoke(app, ["add-source", str(binary), "--db", str(root)])
    assert result.exit_code == 3
    assert "not UTF-8" in result.stderr
    bad_date = runner.invoke(
        app, ["add-source", str(tmp_path / "news.txt"), "--db", str(root), "--date", "May 2020"]
    )
    assert bad_date.exit_code == 2
    assert sorted(p.name for p in (root / "sources").iterdir()) == [
        "drones-article.txt",
        "drones-article.yaml",
    ]


def test_extract_then_check_against_the_database(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    runner.invoke(app, ["add-source", str(tmp_path / "news.txt"), "--db", str(root)])
    claims_before = sorted((root / "claims").iterdir())
    out = tmp_path / "news.candidates.yaml"
    result = runner.invoke(app, ["extract", "news", "--db", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted((root / "claims").iterdir()) == claims_before  # never writes into claims/
    candidates = read_candidates(out)
    assert {c.source for c in candidates} == {"news"}
    assert any(c.quantity and c.quantity.value == 12 for c in candidates)

    conflicts = runner.invoke(
        app, ["conflicts", "--db", str(root), "--include-candidates", str(out), "--json"]
    )
    found = json.loads(conflicts.stdout)["conflicts"]
    sides = [{c["claim_id"] for s in f["sides"] for c in s["claims"]} for f in found]
    assert any("old-001" in ids and any(i.startswith("news-c") for i in ids) for ids in sides)
    assert (
        json.loads(runner.invoke(app, ["conflicts", "--db", str(root), "--json"]).stdout)[
            "conflicts"
        ]
        == []
    )

    verdict = runner.invoke(
        app,
        ["verify", "--db", str(root), "--include-candidates", str(out), "--json",
         "Ruritania ordered 12 Falcon drones from Zembla in March 2019"],
    )  # fmt: skip
    assert json.loads(verdict.stdout)["verdict"] == "disputed"


def test_extract_can_keep_only_the_likeliest_candidates(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    runner.invoke(app, ["add-source", str(tmp_path / "news.txt"), "--db", str(root)])
    every, likeliest = tmp_path / "every.yaml", tmp_path / "likeliest.yaml"
    runner.invoke(app, ["extract", "news", "--db", str(root), "--out", str(every)])
    result = runner.invoke(
        app,
        ["extract", "news", "--db", str(root), "--out", str(likeliest), "--min-confidence", "0.8"],
    )
    assert result.exit_code == 0, result.output
    kept = yaml.safe_load(likeliest.read_text(encoding="utf-8"))["claims"]
    all_ = yaml.safe_load(every.read_text(encoding="utf-8"))["claims"]
    assert 0 < len(kept) < len(all_)
    assert all(c["review"]["confidence"] >= 0.8 for c in kept)
    assert {c["id"] for c in kept} <= {c["id"] for c in all_}  # the same ids, not renumbered
    assert "below confidence 0.8 left out" in " ".join(result.output.split())
    bad = runner.invoke(app, ["extract", "news", "--db", str(root), "--min-confidence", "2"])
    assert bad.exit_code != 0


def test_extract_refuses_to_write_into_claims(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    result = runner.invoke(
        app,
        ["extract", "drones-article", "--db", str(root), "--out", str(root / "claims" / "x.yaml")],
    )
    assert result.exit_code == 2
    assert "outside claims/" in result.stderr
    unknown = runner.invoke(app, ["extract", "nope", "--db", str(root)])
    assert unknown.exit_code == 2
    assert "drones-article" in unknown.stderr


def test_a_broken_candidates_file_is_named_with_its_line(tmp_path: Path) -> None:
    root = new_database(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims:\n- id: x\n  text: no quote\n")
    result = runner.invoke(
        app, ["conflicts", "--db", str(root), "--include-candidates", str(broken)]
    )
    assert result.exit_code == 3
    assert "broken.yaml:2" in result.stderr


def test_figures_that_are_not_facts_and_figures_that_hide() -> None:
    text = (
        "The Falcon initiative launched in 2012 plays an important role for Ruritania. "
        "Exports to Zembla have increased fifteen times in the past five years. "
        "Ruritania donated equipment worth approximately \\$1 million to Zembla. "
        "The number of Zembla tourists doubled, reaching over 100,00026 in 2018.\n"
    )
    figures = {
        (c.quantity.value, c.quantity.unit, c.quantity.currency)
        for c in extract("news", text, MATCHER).candidates
        if c.quantity
    }
    assert (15.0, "times", None) in figures
    assert (1_000_000.0, None, "USD") in figures  # a Markdown-escaped dollar sign
    assert any(value == 100_000 for value, _, _ in figures)  # note 26 glued to the figure
    assert not any(value in (2012, 5, 100_00026) for value, _, _ in figures)


def test_words_that_look_like_figures_and_sentences_about_the_paper() -> None:
    text = (
        "The paper is structured into three parts, each on one of the two countries. "
        "Ruritania was not keen on the deal at first, nor was the Western one. "
        "Zembla backed the Two Centenaries plan of Ruritania with 40 engineers.\n"
    )
    candidates = extract("f", text, MATCHER).candidates
    assert not any("paper" in c.quote for c in candidates)
    assert [c.quantity.value for c in candidates if c.quantity] == [40]


def test_what_a_figure_counts_is_the_noun_phrase_after_it() -> None:
    text = (
        "In 2011 Zembla installed 1,000 surveillance cameras in 800 locations across Ruritania. "
        "In 2012 Ruritania hosted six Zemblan pandemic experts sent by Zembla for five days, "
        "watching the drill.\n"
    )
    units = {
        c.quantity.value: c.quantity.unit
        for c in extract("g", text, MATCHER).candidates
        if c.quantity
    }
    assert units == {1000: "surveillance camera", 800: "location", 6: "pandemic expert", 5: "day"}


def test_who_did_what_in_the_passive_and_what_a_negation_denies() -> None:
    text = (
        "In June 2020, 12 Falcon drones were delivered to Ruritania. The Dam was built by "
        "Zembla in 2011. In 2015 Zembla did not sign the treaty with Ruritania. In 2016 Zembla "
        "sent engineers and not soldiers to Ruritania.\n"
    )
    facts = {
        (c.subject, c.predicate, c.object, c.negated)
        for c in extract("h", text, MATCHER).candidates
        if c.quantity is None
    }
    assert ("ruritania", "received", "falcon", False) in facts
    assert any(fact[0::2] == ("zembla", "dam") for fact in facts)  # built by Zembla
    assert ("zembla", "signed", "ruritania", True) in facts
    sent = [fact for fact in facts if fact[0::2] == ("zembla", "ruritania") and fact[1] != "signed"]
    assert sent and not any(negated for *_, negated in sent)  # "not soldiers" denies no event


def test_a_name_that_qualifies_another_is_not_the_object() -> None:
    matcher = EntityMatcher(
        [("zembla", ["Zembla", "Zemblan"]), ("ruritania", ["Ruritania"]), ("falcon", ["Falcon"])]
    )
    text = (
        "In August 2020, Ruritania decided to purchase the Zemblan anti-aircraft Falcon system. "
        "In 2021 Ruritania ordered nine Falcon drones from Zembla.\n"
    )
    roles = {(c.subject, c.object) for c in extract("i", text, matcher).candidates}
    assert roles == {("ruritania", "falcon")}


def test_windows_line_ends_read_the_same() -> None:
    # A source keeps the bytes it came with, so a text may have CRLF line ends.
    wrapped = (
        "In a poll published in November 2020, Ruritanians were asked about \n"
        "their friends. In the poll, 40% of the respondents named Zembla. \n"
        "Furthermore, 16% named Freedonia.\n"
        "\n"
        "Zembla has 12 airports.\n"
    )

    def facts(text: str) -> list[tuple[object, ...]]:
        return [
            (c.text, c.quantity, c.date, c.subject) for c in extract("w", text, MATCHER).candidates
        ]

    for text in (ARTICLE, wrapped):
        assert facts(text.replace("\n", "\r\n")) == facts(text)
