"""Re-anchoring a quote in its source: position, exact, whitespace, context, fuzzy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.store.anchor import AnchorMethod, context, locate

TEXT = "Alpha beta. The drones arrived in June 2020.\nThey were six. The drones arrived in July."


def test_stored_position_is_trusted_when_it_still_holds() -> None:
    start = TEXT.index("They were six")
    anchor = locate(TEXT, "They were six", start=start, end=start + 13)
    assert anchor is not None and anchor.method is AnchorMethod.POSITION


def test_repeated_quote_is_resolved_by_its_context() -> None:
    second = TEXT.rindex("The drones arrived")
    prefix, suffix = context(TEXT, second, second + 18)
    anchor = locate(TEXT, "The drones arrived", start=0, end=18, prefix=prefix, suffix=suffix)
    assert anchor is not None
    assert (anchor.method, anchor.start) == (AnchorMethod.EXACT, second)


def test_line_breaks_in_the_source_do_not_hide_a_quote() -> None:
    anchor = locate(TEXT, "June 2020. They were six.")
    assert anchor is not None and anchor.method is AnchorMethod.WHITESPACE
    assert TEXT[anchor.start : anchor.end] == "June 2020.\nThey were six."


def test_context_finds_a_quote_whose_words_changed() -> None:
    text = "Preface of the article here. In 2018 Serbia ordered 9 Wing Loong. And after that text."
    prefix, suffix = "Preface of the article here. ", " And after that text."
    anchor = locate(text, "In 2018 Serbia ordered nine Wing Loong.", prefix=prefix, suffix=suffix)
    assert anchor is not None and anchor.method is AnchorMethod.CONTEXT
    assert text[anchor.start : anchor.end] == "In 2018 Serbia ordered 9 Wing Loong."


def test_fuzzy_finds_a_slightly_edited_quote_and_gives_up_on_nonsense() -> None:
    anchor = locate(TEXT, "The drones arived in June 2020.")
    assert anchor is not None and anchor.method is AnchorMethod.FUZZY
    assert "June 2020" in TEXT[anchor.start : anchor.end]
    assert locate(TEXT, "Completely unrelated sentence about warships.") is None


@given(st.text(min_size=1, max_size=300), st.data())
def test_any_span_is_found_again_with_the_same_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    prefix, suffix = context(text, start, end)
    wrong_start = data.draw(st.integers(0, len(text)))
    anchor = locate(
        text, quote, start=wrong_start, end=wrong_start + len(quote), prefix=prefix, suffix=suffix
    )
    assert anchor is not None
    assert text[anchor.start : anchor.end] == quote


@given(st.text(max_size=200), st.text(max_size=50))
def test_locate_never_crashes(text: str, quote: str) -> None:
    anchor = locate(text, quote)
    if anchor is not None:
        assert 0 <= anchor.start <= anchor.end <= len(text)
