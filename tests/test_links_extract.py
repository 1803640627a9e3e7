"""URL extraction and repair: one table row per kind of damage, and no crash on any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.links.extract import extract, merge


def urls(text: str) -> list[str]:
    return [ref.url for ref in merge(extract(text, "t.txt"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain, Markdown and autolinks
        ("See https://example.org/a/b for more.", ["https://example.org/a/b"]),
        ("[the report](https://example.org/r?id=1&x=2) says", ["https://example.org/r?id=1&x=2"]),
        ("Available at: <https://example.org/x>.", ["https://example.org/x"]),
        ("[https://ex.org/a\\\\_b](https://ex.org/a_b)", ["https://ex.org/a_b"]),  # escape + dedup
        ("cite https://ex.org/a\\_b here", ["https://ex.org/a_b"]),
        # trailing punctuation and brackets that belong to the text
        ("retrieved from http://ex.org/page.htm. Accessed 1 July 2024.", ["http://ex.org/page.htm"]),
        ("(see https://ex.org/wiki/Foo_(bar)) and", ["https://ex.org/wiki/Foo_(bar)"]),
        ("(see https://ex.org/x), then", ["https://ex.org/x"]),
        ("“https://ex.org/q”, he said", ["https://ex.org/q"]),
        # DOIs
        ("doi:10.1145/3626772.3657874.", ["https://doi.org/10.1145/3626772.3657874"]),
        ("https://doi.org/10.28934/ea.20.53.2.pp133-144. ", ["https://doi.org/10.28934/ea.20.53.2.pp133-144"]),
        # URLs wrapped across lines by PDF extraction
        ("Danas, 2020, https://www.danas.rs/politika/vucic-\nsrbija-prijatelj/. \n", ["https://www.danas.rs/politika/vucic-srbija-prijatelj/"]),
        ("https://ex.org/a/very-long-\npath-that-goes-\non-and-on/. \n", ["https://ex.org/a/very-long-path-that-goes-on-and-on/"]),
        ("http://www.ex.rs/sr/clanak/471643/\nEvroposlanici-zabrinuti. \n", ["http://www.ex.rs/sr/clanak/471643/Evroposlanici-zabrinuti"]),
        # ... but body text after a footnote is never glued on
        ("https://ex.org/report.pdf\nThe next paragraph starts here.\n", ["https://ex.org/report.pdf"]),
        ("https://ex.org/path/\n 12  Another footnote, by someone.\n", ["https://ex.org/path/"]),
        ("https://ex.org/a-\nb c d e f\n", ["https://ex.org/a-"]),
        # not URLs
        ("http:// nothing here, and ftp://ex.org/x", []),
    ],
)  # fmt: skip
def test_extraction_and_repairs(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


def test_repairs_and_the_printed_form_are_reported() -> None:
    [ref] = extract(
        "SEE News, https://serbia-energy.eu/energy-sector-in-the-\nwestern-balkans/. \n", "n.txt"
    )
    assert ref.url == "https://serbia-energy.eu/energy-sector-in-the-western-balkans/"
    assert ref.printed == "https://serbia-energy.eu/energy-sector-in-the-\nwestern-balkans/."
    assert any("wrapped" in r for r in ref.repairs)
    assert any("dropped '.'" in r for r in ref.repairs)
    # was the hyphen at the wrap the URL's or the PDF's? the other reading is a candidate
    assert ref.candidates == ["https://serbia-energy.eu/energy-sector-in-thewestern-balkans/"]


def test_a_wrap_without_a_hyphen_lists_the_hyphenated_reading() -> None:
    [ref] = extract("http://www.ex.rs/clanak/Vojne-spomen\nmedalje/tim. \n", "n.txt")
    assert ref.url == "http://www.ex.rs/clanak/Vojne-spomenmedalje/tim"
    assert ref.candidates == ["http://www.ex.rs/clanak/Vojne-spomen-medalje/tim"]


def test_locations_are_line_and_column_and_duplicates_merge() -> None:
    text = "first line\n  see https://ex.org/a and\nagain <https://ex.org/a>\n"
    [ref] = merge(extract(text, "doc.md"))
    assert [(loc.file, loc.line, loc.column) for loc in ref.locations] == [
        ("doc.md", 2, 7),
        ("doc.md", 3, 8),
    ]


@given(st.text(max_size=400))
def test_extraction_never_crashes(text: str) -> None:
    for ref in extract(text):
        assert ref.url.startswith(("http://", "https://"))


@given(st.text(alphabet="abc-/.:\n htps", max_size=200))
def test_extraction_never_crashes_on_url_like_text(text: str) -> None:
    extract("https://" + text)
