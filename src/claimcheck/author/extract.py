"""`claimcheck extract`: propose candidate claims from a source's text, for a person to review.

One candidate per checkable fact: a sentence gives one per figure it states (with the date it
gives, or the date "that year" points back to), one per date when it has no figure, and one for
a named event (a known entity and an event verb) when it has neither. Each candidate has the
database's own fields: the verbatim quote with exact offsets and context, facets filled as far
as rules can, and the URLs of the footnotes the sentence cites; plus a confidence and the reasons
for it. Nothing is written into claims/: the output is a file to review.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from claimcheck.judge.compare import Agreement, compare_dates
from claimcheck.language.dates import DateSpan, find_dates, parse_iso
from claimcheck.language.lexicon import (
    EVENT_KINDS_TO_EXTRACT,
    HANDED_OVER,
    IRREGULAR_PAST,
    PHRASE_ENDS,
    PREDICATE_OF_KIND,
    PREDICATE_OF_VERB,
)
from claimcheck.language.names import EntityMatcher
from claimcheck.language.numbers import QuantityMention
from claimcheck.language.reader import Facts, read
from claimcheck.models import Claim, Quantity
from claimcheck.store.anchor import context

# Footnote markers, which must not be read as figures: <sup>7</sup>, ⁷, and a number glued to
# the end of a sentence or word ("low level.2 This", "the drones23 ").
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER = re.compile(
    rf"<sup>\s*(?P<sup>\d{{1,3}})\s*</sup>|(?P<uni>[{_SUPERSCRIPTS}]+)"
    r"|(?:(?<=[a-z)\]”\"’])|(?<=[a-z)\]”\"’][.,;:]))(?P<glued>\d{1,3})(?=\s|$)"
    # "reaching over 100,00026": a note number after a figure's last group of three digits
    r"|(?<=\d,\d{3})(?P<after_figure>\d{1,2})(?=[\s.,;]|$)"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no vs etc e.g i.e u.s u.k u.n jan feb mar apr jun jul aug sep sept "
    "oct nov dec gen col lt sgt rev fig approx inc ltd co corp jr sr p pp vol ed eds al cf".split()
)
# An academic citation, "(Pajtinka, 2016, p. 176)": its year dates the book, not the fact.
_CITATION = re.compile(
    r"\((?:[^()]*?[A-Z][^()]*?,?\s*)?(?:19|20)\d{2}[a-z]?(?:[,;:]\s*(?:pp?\.\s*)?[\d\s,–-]+)?"
    r"(?:;[^()]*)?\)"
)
_REFERENCES_HEADING = re.compile(
    r"^[#*\s]*(?:references|bibliography|works cited|literature|sources|endnotes|notes)[*:\s]*$",
    re.IGNORECASE,
)
_REFERENCE_CUE = re.compile(
    r"\bAccessed\b|\bpp?\.\s*\d|\bno\.\s*\d|\bvol\.\s*\d|\bet al\.|\bIbid\b|\bdoi\b"
    r"|\(\d{4}[a-z]?(?:,\s*[A-Z][a-z]+ \d{1,2})?\)\.|[:,]\s*\d{1,4}\s*[-–]\s*\d{1,4}\)?\.?\s*$"
    r"|\(here:?\s*\d|\bed\.\s|\):\s*\d{1,4}\s*[-–]\s*\d"
)
# A note that goes on like body text ("³ On the other hand, 18 EU member states have joined")
# states facts; one that names a title, outlet and date only cites.
_STATES_SOMETHING = re.compile(r"\b(?:is|are|was|were|has|have|had)\b|\w+ed\b")
# The text speaking of itself: "The paper is structured into three parts."
_ABOUT_THE_TEXT = re.compile(
    r"^\W*(?:the|this|our)\s+(?:(?:first|second|third|fourth|fifth|last|final|next|following)\s+)?"
    r"(?:paper|article|essay|report|study|section|chapter|part)\b",
    re.IGNORECASE,
)
# Not facts of their own: "First, ...", "the two countries", "thirty years ago".
_DISCOURSE_ORDINAL = re.compile(r"^\W*(?:first|second|third|fourth|fifth|finally)\b", re.IGNORECASE)
_BEFORE_FIGURE = re.compile(r"\b(?:the|these|those|both|its|their|his|her)\s+$")
_RELATIVE_SPAN = re.compile(
    r"^\s*(?:years?|months?|decades?)\s+(?:ago|after|later|before|earlier)\b"
)
# What may close a sentence after its full stop: quotes (“ closes in Serbian and German
# typography), brackets.
_CLOSERS = r"\"”“’»)\]"
_SENTENCE_END = re.compile(
    rf"[.!?…][{_CLOSERS}]*(?:<sup>\s*\d{{1,3}}\s*</sup>|[{_SUPERSCRIPTS}]+|\d{{1,3}}(?=\s))?(?=\s)"
)
# Line ends may be Windows ones: a source is kept with the bytes it came with.
_PARAGRAPH = re.compile(r"\r?\n[ \t\r]*\n")
_LINE_END = re.compile(r"\r?\n")
_ENDS_NOTE = re.compile(r"[.!?…]\S{0,2}\s*$|https?://\S+\s*$|>\s*$")
_ENDS_SENTENCE = re.compile(
    rf"[.!?…:][{_CLOSERS}]*(?:<sup>\s*\d{{1,3}}\s*</sup>|[{_SUPERSCRIPTS}]+|\d{{1,3}})?\s*$"
)
# Where PDF extraction put a page's footnotes inside a sentence that runs on to the next page:
# before a line that starts a note ("18  Danas online, ..."), and after a note's last line when
# the body text goes on in lower case ("...pp133-144. \n ranked second behind Germany").
_FOOTNOTE_BREAK = re.compile(
    rf"\n(?=[ \t]*(?:\d{{1,3}}[ \t]{{2,}}|<sup>\s*\d{{1,3}}\s*</sup>|[{_SUPERSCRIPTS}]+)\S)"
    r"|(?<=[.)/])[ \t\r]*\n(?=[ \t]+[a-z])"
)
# "that year", "the following year": a date written relative to the last one the text gave.
_RELATIVE_YEAR = re.compile(
    r"\b(?P<which>that|the same|the following|the next|the previous|the preceding) year\b"
    r"|\b(?P<later>a|one|two|three) years? (?P<dir>later|after|earlier|before)\b",
    re.IGNORECASE,
)
_YEAR_SHIFT = {"that": 0, "the same": 0, "the following": 1, "the next": 1,
               "the previous": -1, "the preceding": -1}  # fmt: skip
_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}
_MONTHS = [calendar.month_name[i].lower() for i in range(1, 13)]
# A month named without a year; "May" opening a sentence may be the verb.
_BARE_MONTH = re.compile(
    r"(?<!^)(?<!\d )\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s*\d)(?!,?\s*(?:19|20)\d\d)"
)
# Between a figure and the date it is told with: "53% in 2017", "USD 1.3 trillion in 2018".
_JUST_BEFORE_DATE = re.compile(r"(?:\s+[a-z]+){0,2}?\s+(?:in|by|as of|at the end of)\s+")
_BEFORE_BASELINE = re.compile(r"\b(?:compared (?:to|with)|than(?: in)?|relative to)\s+(?:the\s+)?$")
_AFTER_BASELINE = re.compile(r"\s+levels?\b")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_FOOTNOTE_LINE = re.compile(
    rf"^[ \t]*(?:<sup>\s*(?P<sup>\d{{1,3}})\s*</sup>|(?P<uni>[{_SUPERSCRIPTS}]+)|\[?(?P<num>\d{{1,3}})[\].)]?(?=\s))",
    re.MULTILINE,
)


NOTES = -1  # the paragraph number of footnotes


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Candidate:
    """A proposed claim: the fields of a claim, and what a reviewer needs to judge it."""

    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    subject: str | None
    predicate: str | None
    object: str | None
    quantity: Quantity | None
    date: str | None
    date_bound: str | None
    negated: bool
    cites: tuple[str, ...]
    confidence: float
    reasons: tuple[str, ...]
    duplicate_of: str | None = None
    id: str = ""

    @property
    def text(self) -> str:
        return " ".join(_MARKER.sub("", self.quote).split())


@dataclass(frozen=True)
class Extraction:
    source_id: str
    candidates: tuple[Candidate, ...]  # new facts
    duplicates: tuple[Candidate, ...]  # facts an existing claim of the source already states
    sentences: int = 0

    def at_least(self, confidence: float) -> Extraction:
        """Only the candidates of at least this confidence; ids stay as they were."""
        kept = tuple(c for c in self.candidates if c.confidence >= confidence)
        return replace(self, candidates=kept)


def extract(
    source_id: str,
    text: str,
    matcher: EntityMatcher,
    existing: Sequence[Claim] = (),
) -> Extraction:
    """Candidate claims for the source's text; those that an existing claim of the same source
    already states (overlapping quote, same figure and date) are set apart as duplicates."""
    footnotes = footnote_urls(text)
    sentences = list(split_sentences(text))
    candidates: list[Candidate] = []
    last: _Story | None = None
    paragraph = NOTES  # of the last sentence of the body read; none yet
    for sentence in sentences:
        if _REFERENCES_HEADING.match(sentence.text):
            break  # the rest is the bibliography
        if _is_reference(sentence.text) or sentence.text.rstrip('”"’)').endswith("?"):
            continue
        opens = sentence.paragraph != paragraph
        found, told = _candidates(sentence, opens, text, matcher, footnotes, last)
        if sentence.paragraph != NOTES:  # a note's date is not the story's
            last, paragraph = told, sentence.paragraph
        if len(re.findall(r"[A-Za-z]{2,}", sentence.text)) >= 4:
            # a shorter piece ("In 2020, China already", cut by a page break) only dates
            candidates.extend(found)
    fresh, duplicates = [], []
    for candidate in candidates:
        twin = next(
            (c.id for c in existing if c.source == source_id and same_fact(c, candidate)), None
        )
        if twin is None:
            fresh.append(candidate)
        else:
            candidate.duplicate_of = twin
            duplicates.append(candidate)
    for number, candidate in enumerate(fresh, 1):
        candidate.id = f"{source_id}-c{number:03d}"
    return Extraction(source_id, tuple(fresh), tuple(duplicates), len(sentences))


def same_fact(claim: Claim, candidate: Candidate, *, exact_dates: bool = False) -> bool:
    """A claim and a candidate state the same fact: their quotes overlap and their figure and
    date agree (the measure eval_extract.py uses, and how duplicates are found). Dates agree as
    `verify` and `conflicts` compare them, at the precision both have ("2018" and "2018-05");
    `exact_dates` asks for the same string instead."""
    return (
        claim.start < candidate.end
        and candidate.start < claim.end
        and same_quantity(claim.quantity, candidate.quantity)
        and (
            claim.date == candidate.date
            if exact_dates
            else same_date(claim.date, claim.date_bound, candidate.date, candidate.date_bound)
        )
    )


def same_date(a: str | None, a_bound: str | None, b: str | None, b_bound: str | None) -> bool:
    if a is None or b is None:
        return a is b
    first, second = parse_iso(a, a_bound), parse_iso(b, b_bound)
    if first is None or second is None:
        return a == b
    return compare_dates(first, second) is Agreement.AGREE


def same_quantity(a: Quantity | None, b: Quantity | None) -> bool:
    if a is None or b is None:
        return a is b
    special = {"percent", "times", "rank"}
    return (
        abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))
        and (a.max or 0) == (b.max or 0)
        and a.currency == b.currency
        and (a.unit in special) == (b.unit in special)
    )


def split_sentences(text: str) -> Iterator[Sentence]:
    """Sentences with their offsets and paragraph. Paragraphs end at blank lines, and at every
    line end in a text whose lines are paragraphs (not wrapped to a page width); a paragraph a
    page break cut mid-sentence goes on after the page's footnotes. Sentences end where a
    capital, a digit or a quote follows and no abbreviation closes."""
    paragraph = 0
    last_body: Sentence | None = None
    last_note: Sentence | None = None  # the note just read, if the last sentence was one
    notes: int | None = None  # the stretch of text whose footnotes are being read
    for sentence in _sentences(text):
        stretch = sentence.paragraph
        if last_note is not None and not _ENDS_NOTE.search(last_note.text):
            is_note = True  # the note goes on
        elif (
            sentence.text[0].islower()
            and last_body is not None
            and stretch != last_body.paragraph
            and not _ENDS_SENTENCE.search(last_body.text)
        ):
            is_note = False  # the body's sentence goes on after the page's notes
            notes = None
            last_body = replace(last_body, paragraph=stretch)
        else:
            is_note = bool(
                _FOOTNOTE_LINE.match(sentence.text)
                or stretch == notes
                or not sentence.text.strip("-* ")
            )
        if is_note:
            notes, last_note = stretch, sentence
            yield replace(sentence, paragraph=NOTES)
            continue
        if last_body is None or stretch != last_body.paragraph:
            paragraph += 1
        last_body, last_note = sentence, None
        yield replace(sentence, paragraph=paragraph)


def _sentences(text: str) -> Iterator[Sentence]:
    """Sentences, numbered by the stretch of text between paragraph breaks they stand in."""
    ends = _PARAGRAPH if _is_wrapped(text) else _LINE_END
    paragraph_start = 0
    for number, paragraph_end in enumerate([*(m.start() for m in ends.finditer(text)), len(text)]):
        start = paragraph_start
        breaks = sorted(
            [
                *(
                    (m.end(), True)
                    for m in _SENTENCE_END.finditer(text, paragraph_start, paragraph_end)
                ),
                *(
                    (m.start(), False)
                    for m in _FOOTNOTE_BREAK.finditer(text, paragraph_start, paragraph_end)
                ),
            ]
        )
        for end, at_punctuation in breaks:
            if end <= start:
                continue
            if not at_punctuation:
                yield from _trimmed(text, start, end, number)
                start = end
                continue
            following = text[end : end + 8].lstrip()  # " \r\nF": room for a Windows line end
            if not following or not (
                following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'(<*[„«"
            ):
                continue
            word = re.search(
                rf"([\w.]+)[.!?…][{_CLOSERS}]*$",
                text[start:end].rstrip("0123456789<>/sup⁰¹²³⁴⁵⁶⁷⁸⁹ "),
            )
            if word and (
                word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))
            ):
                continue
            yield from _trimmed(text, start, end, number)
            start = end
        yield from _trimmed(text, start, paragraph_end, number)
        paragraph_start = paragraph_end


def _is_wrapped(text: str) -> bool:
    """Whether the text was wrapped to a page width (most lines short), so that a single line
    end is not a paragraph's end."""
    lengths = sorted(len(line.rstrip("\r")) for line in text.split("\n") if line.strip())
    return bool(lengths) and lengths[len(lengths) // 2] < 100


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(start, end, text[start:end], paragraph)


def footnote_urls(text: str) -> dict[str, tuple[str, ...]]:
    """Footnote number -> the URLs its note gives (repaired where PDF extraction broke them)."""
    from claimcheck.links.extract import extract as extract_links

    notes = [
        (m.start(), m.group("sup") or _from_superscript(m.group("uni") or "") or m.group("num"))
        for m in _FOOTNOTE_LINE.finditer(text)
    ]
    if not notes:
        return {}
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    urls: dict[str, list[str]] = {}
    for link in extract_links(text):
        where = link.locations[0]
        offset = line_starts[where.line - 1] + where.column - 1
        owner = None
        for note_start, number in notes:
            if note_start > offset:
                break
            owner = number
        if owner is not None:
            urls.setdefault(owner, [])
            if link.url not in urls[owner]:
                urls[owner].append(link.url)
    return {number: tuple(found) for number, found in urls.items()}


def _from_superscript(marks: str) -> str:
    return marks.translate(str.maketrans(_SUPERSCRIPTS, "0123456789"))


def _is_reference(sentence: str) -> bool:
    """A footnote, bibliography entry or byline: it cites or credits, it does not state."""
    return (
        bool(_URL.search(sentence))
        or bool(_REFERENCE_CUE.search(sentence))
        or bool(_FOOTNOTE_LINE.match(sentence) and not _STATES_SOMETHING.search(sentence))
        or "@" in sentence
        or "ORCID" in sentence
    )


def _candidates(
    sentence: Sentence,
    opens: bool,
    text: str,
    matcher: EntityMatcher,
    footnotes: dict[str, tuple[str, ...]],
    last: _Story | None,
) -> tuple[list[Candidate], _Story | None]:
    markers = list(_MARKER.finditer(sentence.text))
    # Footnote markers and citations become spaces, so offsets into the sentence stay the same.
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    readable = _CITATION.sub(blank, _MARKER.sub(blank, sentence.text)).replace("\\$", " $")
    statement = read(readable, matcher)
    cites = tuple(
        dict.fromkeys(
            url
            for m in markers
            for url in footnotes.get(
                m.group("sup")
                or _from_superscript(m.group("uni") or "")
                or m.group("glued")
                or m.group("after_figure")
                or "",
                (),
            )
        )
    )
    every_date = sorted([*statement.dates, *statement.name_dates], key=lambda d: d.start)
    dates = [_written(span, statement.folded) for span in every_date]
    relative = _RELATIVE_YEAR.search(readable)
    month = _BARE_MONTH.search(readable)
    carried = None
    same = last is not None and last.paragraph == sentence.paragraph
    past = _tells_the_past(statement)
    if last is not None and same and (last.opened or past):
        # The paragraph goes on telling the event its last date placed. Unless the paragraph
        # opened with that date, a sentence in the present ("It is a neighbour to four EU
        # states") says what holds now, not then.
        where = "an earlier sentence of the paragraph"
        carried = _Dated(last.span, None, where if past else f"{where}, told in the present")
    opened = opens or (same and last is not None and last.opened)
    if dates:
        # "(53% in 2017)": a date in brackets is an aside, the story stays where it was.
        told = [d for d in dates if not _in_brackets(statement.folded, d.span.start)]
        if told:
            last = _Story(told[-1].span, sentence.paragraph, opened)
    elif relative and last is not None:
        year = last.span.hi.year + _shift(relative)
        span = DateSpan(date(year, 1, 1), date(year, 12, 31), "year", *relative.span())
        dates = [_Dated(span, None, f"“{relative.group(0)}”")]
        last = _Story(span, sentence.paragraph, opened)
    elif month and last is not None:
        # "In March, an agreement was reached": the month of the year the text is telling.
        number = _MONTHS.index(month.group(1).lower()) + 1
        first = date(last.span.hi.year, number, 1)
        span = DateSpan(
            first, date(first.year, number, calendar.monthrange(first.year, number)[1]), "month"
        )
        dates = [_Dated(span, None, f"“{month.group(1)}” in {first.year}")]
        last = _Story(span, sentence.paragraph, opened)
    elif carried is not None:
        dates = [carried]

    figures = [q for q in statement.figures if _is_fact_figure(q, statement)]
    found: list[Candidate] = []
    if _ABOUT_THE_TEXT.match(sentence.text) and not (statement.dates or statement.name_dates):
        return found, last  # "The paper is structured into three parts."
    if figures:
        for figure in figures:
            dated = _date_of(figure, figures, dates, statement.folded) or carried
            found.append(_candidate(sentence, text, statement, figure, dated, cites))
        if dates and dates[0] is not carried and _tells_an_event(statement):
            # The event itself, dated: "In June 2017 the minister received a delegation" is a
            # fact of its own beside the three days it lasted.
            found.append(_candidate(sentence, text, statement, None, dates[0], cites))
    elif dates and dates[0].note is None:  # a date carried over is not a fact by itself
        for written in dates:
            found.append(_candidate(sentence, text, statement, None, written, cites))
    elif (_tells_an_event(statement) or dates) and not _is_fragment(sentence.text):
        found.append(
            _candidate(sentence, text, statement, None, dates[0] if dates else None, cites)
        )
    return found, last


def _date_of(
    figure: QuantityMention, figures: list[QuantityMention], dates: list[_Dated], folded: str
) -> _Dated | None:
    """The date a figure is told with: the one right after it ("53% in 2017"), else the
    nearest before it ("in 2019, ... with around 145,000 tourists"), else the first. A date
    that is what a figure is compared with ("the 2010 level") or an aside about another figure
    ("87% ... (53% in 2017)") does not date it."""
    own = [d for d in dates if _told_with(figure, d, folded)]
    if own:
        return own[0]
    free = [
        d
        for d in dates
        if not _is_baseline(d, folded)
        and not (
            _in_brackets(folded, d.span.start) and any(_told_with(f, d, folded) for f in figures)
        )
    ]
    before = [d for d in free if d.span.start <= figure.start]
    chosen = before[-1:] or free
    return chosen[0] if chosen else None


def _told_with(figure: QuantityMention, dated: _Dated, folded: str) -> bool:
    return dated.span.start >= figure.end and bool(
        _JUST_BEFORE_DATE.fullmatch(folded[figure.end : dated.span.start])
    )


def _is_baseline(dated: _Dated, folded: str) -> bool:
    """A date a figure is measured against, not when it holds: 2010 in "doubled in 2019
    compared to 2010" and "45 times the 2010 level"."""
    return bool(
        _BEFORE_BASELINE.search(folded[: dated.span.start])
        or _AFTER_BASELINE.match(folded[dated.span.end :])
    )


def _in_brackets(folded: str, offset: int) -> bool:
    before = folded[:offset]
    return before.count("(") > before.count(")")


def _is_fragment(sentence: str) -> bool:
    """The rest of a sentence a page break cut ("official visit to China."): its figures and
    dates are read, but the event it tells was proposed with the sentence's start."""
    return sentence[0].islower()


def _tells_an_event(statement: Facts) -> bool:
    """A known name and a verb in the past that names an event: "Serbia signed", "Xi visited"."""
    return bool(statement.entities) and any(
        group in EVENT_KINDS_TO_EXTRACT and _is_past(word) for word, group in statement.verbs
    )


def _tells_the_past(statement: Facts) -> bool:
    """A sentence in the simple past: "Serbia ordered", "the hub was opened" (not "has taken",
    "is", "will provide"). The first verb that shows a tense decides."""
    for match in _TENSE.finditer(statement.folded):
        if match.group("present"):
            return False
        if not _NOT_A_PAST_TENSE.search(statement.folded[: match.start()]):
            return True
    return False


def _is_past(word: str) -> bool:
    """A verb that tells what happened: "signed", "bought", "gave_up" (not "investments")."""
    head = word.split("_")[0]
    return head.endswith("ed") or head in IRREGULAR_PAST


_TENSE = re.compile(
    r"\b(?:(?P<present>is|are|am|has|have|does|do|will|can|may|must|should|remains?|continues?"
    r"|seems?|appears?)"
    rf"|was|were|did|had|(?<!-)[a-z]{{2,}}ed|{'|'.join(sorted(IRREGULAR_PAST))})\b(?!-)"
)
# "is owned", "have been sold", "a newly established", "poorly developed": a participle or an
# adjective, not a past tense.
_NOT_A_PAST_TENSE = re.compile(
    r"\b(?:has|have|is|are|be|been|being|the|a|an|its|their|most|more|less|well"
    r"|highly|poorly|newly|so)\s+(?:\w+ly\s+|also\s+|already\s+|not\s+|been\s+)?$"
)


def _shift(match: re.Match[str]) -> int:
    if match.group("which"):
        return _YEAR_SHIFT[match.group("which").lower()]
    count = _COUNT_WORDS[match.group("later").lower()]
    return count if match.group("dir").lower() in ("later", "after") else -count


def _is_fact_figure(figure: QuantityMention, statement: Facts) -> bool:
    """A figure a claim would state: not a date read twice, not "First," opening a list, not
    "the two countries" (a reference back), not "thirty years ago" (a date in other words)."""
    before = statement.folded[: figure.start]
    after = statement.folded[figure.end :]
    if any(d.start <= figure.start < d.end for d in (*statement.dates, *statement.name_dates)):
        return False
    if figure.unit == "rank" and _DISCOURSE_ORDINAL.match(statement.folded[: figure.end]):
        return False
    if (
        not (figure.unit or figure.currency)
        and _BEFORE_FIGURE.search(before)
        and not statement.folded[figure.start].isdigit()
    ):
        return False  # "the two countries" refers back; "the 16 European states" counts
    if figure.value == 1 and statement.folded[figure.start :].startswith("one"):
        return False  # "one of the largest", "at one point", "the Western one": not a count
    if figure.unit == "rank" and re.search(r"\bat\s+$", before):
        return False  # "at first"
    written = statement.text[figure.start : figure.start + 1]  # "¼" folds longer: slice
    if figure.start > 0 and not figure.currency and written.isupper():
        return False  # "the Two Centenaries", "the Ten-Point Guidelines": part of a name
    if (
        not (figure.unit or figure.currency)
        and figure.value.is_integer()
        and 1900 <= figure.value <= 2100
        and re.search(r"\b(?:in|since|by|from|until|of|during)\s+$", before)
    ):
        return False  # "launched in 2012 plays a role": a year the date reader passed over
    if re.search(r"\b(?:past|last|next|previous|following|coming)\s+$", before):
        return False  # "in the past five years": a period, not a count
    return not _RELATIVE_SPAN.match(after)


def _candidate(
    sentence: Sentence,
    text: str,
    statement: Facts,
    figure: QuantityMention | None,
    dated: _Dated | None,
    cites: tuple[str, ...],
) -> Candidate:
    reasons: list[str] = []
    confidence = 0.5
    quantity = None
    if figure is not None:
        quantity = _quantity(figure, statement.text, statement.folded)
        reasons.append(f"states {_describe(quantity)}")
        confidence += 0.2 if (quantity.unit or quantity.currency) else 0.05
    iso = bound = None
    if dated is not None:
        iso, bound = _iso(dated.span), dated.bound
        if dated.note:
            reasons.append(f"date {iso} from {dated.note}")
            confidence -= 0.2 if dated.note.endswith("in the present") else 0.1
        else:
            reasons.append(f"dated {iso}" + (f" ({bound})" if bound else ""))
            confidence += 0.1
    predicate, verb = _predicate(statement)
    subject, obj, predicate = _roles(statement, predicate, verb)
    negated = _negates(statement, verb)
    if statement.negated and not negated:
        reasons.append("a negation that is not on the event's verb: check what it denies")
    if subject:
        confidence += 0.1
    else:
        reasons.append("no known entity: subject left for the reviewer")
    if predicate:
        confidence += 0.05
    else:
        reasons.append("no verb the predicate list knows")
    if figure is None and dated is None:
        reasons.append("a named event without figure or date")
        confidence = min(confidence, 0.45)
    if statement.future:
        reasons.append("a plan or expectation, not a fact yet")
    start, end = sentence.start, sentence.end
    prefix, suffix = context(text, start, end)
    return Candidate(
        quote=text[start:end],
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
        subject=subject,
        predicate=predicate,
        object=obj,
        quantity=quantity,
        date=iso,
        date_bound=bound,
        negated=negated,
        cites=cites,
        confidence=round(max(0.05, min(confidence, 0.95)), 2),
        reasons=tuple(reasons),
    )


def _predicate(statement: Facts) -> tuple[str | None, str | None]:
    """The predicate the sentence's event verb gives, and that verb. A verb in the past tells
    the event ("China sent a unit ... tries to accumulate" is about the sending)."""
    verbs = sorted(statement.verbs, key=lambda verb: not _is_past(verb[0]))
    for word, _ in verbs:
        if word in PREDICATE_OF_VERB:
            return PREDICATE_OF_VERB[word], word
    for word, group in verbs:
        if group in PREDICATE_OF_KIND:
            return PREDICATE_OF_KIND[group], word
    return None, None


def _roles(
    statement: Facts, predicate: str | None, verb: str | None
) -> tuple[str | None, str | None, str | None]:
    """Subject, object and predicate: the names in the order the sentence gives them, with two
    exceptions. Something handed over to a named receiver is told from the receiver's side, as
    the database tells it ("drones were delivered by China to Serbia": Serbia received the
    drones); and in the passive, the name after "by" is the subject ("signed by Xi")."""
    ordered = sorted(statement.entity_spans, key=lambda s: s[0])
    # "the Chinese anti-aircraft FK-3": a name that only qualifies the next one is not a role
    qualifiers = statement.qualifiers
    heads = [span for span in ordered if span[2] not in qualifiers]
    names = list(dict.fromkeys(entity for _, _, entity in heads or ordered))
    if verb is None:
        return (names[0] if names else None), (names[1] if len(names) > 1 else None), predicate
    after_verb = re.search(rf"\b{re.escape(verb)}\b", statement.folded)
    at = after_verb.end() if after_verb else 0
    linked: dict[str, str | None] = {"by": None, "to": None}
    for start, _, entity in ordered:
        how = re.search(r"\b(by|to)\s+(?:the\s+)?$", statement.folded[at:start])
        if start >= at and how and linked[how.group(1)] is None:
            linked[how.group(1)] = entity
    agent, receiver = linked["by"], linked["to"]
    if receiver is not None and verb in HANDED_OVER:
        thing = next((n for n in names if n not in (receiver, agent)), agent)
        return receiver, thing, "received"
    passive = re.search(
        rf"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?{re.escape(verb)}\b",
        statement.folded,
    )
    if passive and agent is not None:
        return agent, next((n for n in names if n != agent), None), predicate
    return (names[0] if names else None), (names[1] if len(names) > 1 else None), predicate


def _negates(statement: Facts, verb: str | None) -> bool:
    """Whether the negation falls on the event's verb ("did not sign", "never bought"), not
    elsewhere ("sent a police unit and not a military unit")."""
    return (
        statement.negated
        and verb is not None
        and bool(
            re.search(
                rf"\b(?:not|never|no longer|\w+n't)\s+(?:\w+\s+){{0,2}}{re.escape(verb)}\b",
                statement.folded,
            )
        )
    )


def _quantity(figure: QuantityMention, written: str, folded: str) -> Quantity:
    unit = figure.unit
    if unit is None and not figure.currency:
        # the written text, whose dashes folding made hyphens ("states—twice")
        unit = _counted((written if len(written) == len(folded) else folded)[figure.end :])
    return Quantity(
        value=figure.value,
        unit=unit,
        currency=figure.currency,
        bound=figure.bound,
        max=figure.max,
    )


def _counted(after: str) -> str | None:
    """What a figure counts: the noun phrase after it, to the first word that ends a noun
    phrase, by its last two words ("1,000 surveillance cameras in 800 locations" gives
    "surveillance camera"; "five sophisticated drone systems" gives "drone system")."""
    phrase = re.match(r"[^,.;:()\[\]—–\"“”]*", after)
    written = re.findall(r"[A-Za-z][\w'-]*", phrase.group(0) if phrase else "")
    words = [w.lower() for w in written]
    counted: list[str] = []
    for at, word in enumerate(words):
        following = words[at + 1] if at + 1 < len(words) else ""
        if (
            word in _ENDS_NOUN_PHRASE
            # "five days watching the drill"; but "34 joint training exercises"
            or (counted and word.endswith("ing") and following in ("", *_ENDS_NOUN_PHRASE))
            or len(counted) == 4
        ):
            break
        counted.append(word)
        if word.endswith("s") and not word.endswith("ss") and written[at].islower():
            break  # the plural noun that heads the phrase: "six pandemic experts sent"
    return _singular(" ".join(counted[-2:])) if counted else None


# Besides the function words, comparatives and "worth" end what a figure counts ("12
# projects worth 4 billion", "two out of three").
_ENDS_NOUN_PHRASE = PHRASE_ENDS | frozenset("out worth higher lower more less".split())


def _singular(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _describe(quantity: Quantity) -> str:
    return f"the figure {quantity.describe()}"


@dataclass(frozen=True)
class _Story:
    """The date the text is telling of: the latest it gave, in which paragraph, and whether
    that paragraph opened with a date (then all of it tells of that time)."""

    span: DateSpan
    paragraph: int
    opened: bool


@dataclass(frozen=True)
class _Dated:
    span: DateSpan  # as written, without its bound
    bound: str | None  # "by", "since"
    note: str | None  # where a date not written in the sentence came from


def _written(span: DateSpan, folded: str) -> _Dated:
    """A date as the sentence writes it: "by late 2012" is late 2012, bounded by."""
    if span.lo != date.min and span.hi != date.max:
        return _Dated(span, None, None)
    again = find_dates(folded[span.start : span.end], folded=True)
    written = replace(again[0], start=span.start, end=span.end) if again else span
    return _Dated(written, "by" if span.lo == date.min else "since", None)


def _iso(span: DateSpan) -> str:
    """A date facet at the precision written ("mid-May 2018" is 2018-05)."""
    if span.lo == date.min:
        return _at(span.hi, span.precision)
    if span.hi == date.max:
        return _at(span.lo, span.precision)
    precision = span.precision
    if (
        precision == "day"
        and span.lo != span.hi
        and (span.lo.year, span.lo.month) == (span.hi.year, span.hi.month)
    ):
        precision = "month"  # "mid-May 2018" was written to the month
    first, last = _at(span.lo, precision), _at(span.hi, precision)
    return first if first == last else f"{first}/{last}"


def _at(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def candidates_document(extraction: Extraction, title: str | None) -> dict[str, Any]:
    """The YAML document `extract` writes: claims in the database's format, each with a
    `review` block the reviewer deletes when moving it into claims/<theme>.yaml."""
    return {
        "extracted_from": extraction.source_id,
        "title": title,
        "claims": [_claim_fields(c, extraction.source_id) for c in extraction.candidates],
        "already_claimed": [
            {"start": c.start, "end": c.end, "claim": c.duplicate_of} for c in extraction.duplicates
        ],
    }


def _claim_fields(candidate: Candidate, source_id: str) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": candidate.id,
        "text": candidate.text,
        "source": source_id,
        "quote": candidate.quote,
        "start": candidate.start,
        "end": candidate.end,
        "prefix": candidate.prefix,
        "suffix": candidate.suffix,
        "subject": candidate.subject,
        "predicate": candidate.predicate,
    }
    if candidate.object:
        fields["object"] = candidate.object
    if candidate.negated:
        fields["negated"] = True
    if candidate.quantity is not None:
        q = candidate.quantity
        quantity: dict[str, Any] = {"value": int(q.value) if q.value.is_integer() else q.value}
        if q.unit:
            quantity["unit"] = q.unit
        if q.currency:
            quantity["currency"] = q.currency
        quantity["bound"] = q.bound
        if q.max is not None:
            quantity["max"] = int(q.max) if q.max.is_integer() else q.max
        fields["quantity"] = quantity
    if candidate.date:
        fields["date"] = candidate.date
    if candidate.date_bound:
        fields["date_bound"] = candidate.date_bound
    if candidate.cites:
        fields["cites"] = list(candidate.cites)
    fields["review"] = {"confidence": candidate.confidence, "reasons": list(candidate.reasons)}
    return fields


def entity_matcher(entities: Iterable[Any]) -> EntityMatcher:
    return EntityMatcher((e.id, [e.name, *e.aliases]) for e in entities)
