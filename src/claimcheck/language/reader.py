"""The one reader of text: a statement, a claim's sentence or a sentence of a new article ->
its Facts (names, figures, dates, kind of event, negation, plan, and the words they came from)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rapidfuzz import fuzz, process

from claimcheck.language.dates import (
    DAY_NAMES,
    MONTH_NAMES,
    DateSpan,
    YearlessDay,
    days_of_months,
    find_dates,
)
from claimcheck.language.figures import flows, places_ahead
from claimcheck.language.firsts import First, firsts
from claimcheck.language.lexicon import (
    FILLER_VERBS,
    GROUPED_WORDS,
    IRREGULAR_PAST,
    LINKING_VERBS,
    NEGATIONS,
    PHRASE_ENDS,
    REPORTING_VERBS,
    STOPWORDS,
    predicate_group,
)
from claimcheck.language.names import EntityMatcher, EntityMention
from claimcheck.language.normalize import (
    WORD,
    Initials,
    abbreviations,
    content_stems,
    fold,
    initials,
    stem,
)
from claimcheck.language.numbers import TIME_UNITS, QuantityMention, describes, find_quantities
from claimcheck.language.offices import Office, offices
from claimcheck.language.spans import Spans

# rapidfuzz ratio at which "delivred" is "delivered" and "modernisation" "modernization"
TYPO_CUTOFF = 84.0

# "instead of the Russian S-300", "rather than Huawei": what follows, up to the clause's end,
# was not chosen
_PASSED_OVER = re.compile(r"\b(?:instead of|rather than)\b[^,.;]*")
# "comparable to the S-300", "similar to the Patriot": what follows, up to the clause's end, is
# a yardstick, not a party to what happened
_COMPARED_WITH = re.compile(
    r"\b(?:comparable|similar|akin|equivalent|compared)\s+(?:to|with)\b[^,.;]*"
)
# A plan, promise or expectation, not what happened.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|going to|(?:is|are|was|were) (?:due |set |expected )?to"
    r"|(?:plans?|planned|planning|intends?|intended|promised|pledged|agreed|aims?|aimed|seeks?"
    r"|hopes?) to|expects? to|(?:expects?|expected|predicted|forecast) (?:[a-z-]+ ){1,3}to)\b"
)
# An intention and its clause ("plans to invest $120 million in 2017 to upgrade the mill"): a
# date there is when something is meant to happen, which dates no event that did.
_INTENDED = re.compile(
    r"\b(?:plans?|planned|planning|intends?|intended|aims?|aimed|seeks?|hopes?) to\b"
    r"[^,;.]*?(?=[,;.]|\b(?:which|who|while|after|before)\b|$)"
)
# "figures released in 2019", "a report published on May 3": when it was told
_TELLING = re.compile(r"\b(?:released|published|disclosed|issued)\s+(?:on|in)\s+$")
_PROMISE = re.compile(r"\b(?:promis|pledg|announc|vow|offer)\w*")
# Multi-word verbs, joined with "_" so that offsets into the text stay the same.
_PHRASES = re.compile(
    r"\b(?:gave up|give up|took control|took over|take over|took place|take place"
    r"|(?:entered|enters?|came|comes?) into (?:force|effect)|(?:took|takes?|taken) effect"
    r"|opted for|opt for|went for|go for"
    r"|took part|take part|handed over|hand over|rules? out|ruled out"
    r"|(?:came|comes?) up with)\b"
)
# Who says it, not what happened: "According to X,", "As announced by X,", "It is true that",
# "X said that" before what was said; ", according to X", ", X said" after it; ", X told
# reporters," inside it. A sentence that reports speech is checked for what it reports. Each
# frame comes with whether the names in it stay: a speaker named first is often a party
# ("Serbia's trade ministry noted that ..."), "According to X" and ", X said" name a source.
_SAYS = (
    r"(?:said|says|told|stated|announced|explained|noted|added|stressed|claimed|confirmed"
    r"|reported|emphasi[sz]ed|recalled|reminded|underlined|wrote|insisted|argued)"
)
_TOLD = r"told (?![^,;]*\bthat\b)[^,;]{1,40}"  # "told reporters", not "told them that ..."
_ATTRIBUTIONS = (
    (
        re.compile(
            r"^\s*(?:according to [^,]{1,80},|as " + _SAYS + r" by [^,]{1,80},"
            r"|it is (?:true|a fact|claimed|said) that)\s*"
        ),
        False,
    ),
    (  # the speaker stays whole when what was said refers back to it ("X announced that it")
        re.compile(
            r"^\s*(?P<opening>(?:in|on|back in|by) [^,;:]{1,25},\s*)?(?P<speaker>[^,;:\d]{1,80}?\s)?"
            r"(?:has |have |had )?"
            + _SAYS
            + r"(?: [a-z]+)? that\s+(?=(?P<back>(?:it|they|he|she|we)\b)?)"
        ),
        True,
    ),
    (
        re.compile(
            r",\s*(?:according to [^,;]{1,80}|[^,;]{1,60}\s(?:" + _SAYS + "|" + _TOLD + r")"
            r"|(?:said|says|added|noted) [^,;]{1,60})\s*[.!]?\s*$"
        ),
        False,
    ),
    (re.compile(r",\s*[^,;]{1,60}\s(?:said|says|" + _TOLD + "),"), False),
)
_WORD = re.compile(r"[a-z0-9]+(?:['_-][a-z0-9]+)*")


# Where a sentence's clauses meet: "..., while", "but", "; ", ", and"
_CLAUSE_BOUNDARY = re.compile(
    r"[;:]\s*|\.\s+|,?\s+(?:while|whereas|but|although|though)\s+|,\s+and\s+"
)
# "at the", "in", "near": what follows says where
_WHERE = re.compile(r"\b(?:at|in|near|outside)\s+(?:the\s+)?$")
# A relative clause: from ", which" (who, whose, where) to the next comma
_RELATIVE = re.compile(r",\s+(?:which|who|whose|where)\b[^,;]*")

# ... and where its phrases meet: commas and "and" too
_PHRASE_BOUNDARY = re.compile(_CLAUSE_BOUNDARY.pattern + r"|,\s+|\s+and\s+")


def _without(text: str, lo: int, hi: int, cut: list[tuple[int, int]]) -> str:
    """text[lo:hi] less the spans of `cut` (sorted) that lie inside it."""
    kept, at = [], lo
    for start, end in cut[bisect_left(cut, (lo, lo)) :]:
        if start >= hi:
            break
        kept.append(text[at:start])
        at = max(at, min(end, hi))
    return "".join(kept) + text[at:hi]


def _spans_between(boundary: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    cuts = [i for m in boundary.finditer(text) for i in m.span()]
    bounds = [0, *cuts, len(text)]
    return list(zip(bounds[::2], bounds[1::2], strict=True))


@dataclass(frozen=True)
class Facts:
    text: str
    folded: str
    entities: frozenset[str]
    quantities: tuple[QuantityMention, ...]
    dates: tuple[DateSpan, ...]
    verbs: tuple[tuple[str, str], ...]  # (word, predicate group), typos forgiven
    negated: bool  # a negation anywhere in it
    future: bool
    words: tuple[str, ...]  # content words outside names, numbers and dates
    entity_spans: tuple[tuple[int, int, str], ...] = field(default=())  # in text order
    reported: str = ""  # the text without who says it ("X said that"), for the text-pair model
    # names of who says it, kept because a speaker named first is often a party ("Serbia's
    # ministry noted that ..."): a claim may leave them out
    speakers: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # capitalised words that are no known entity: "Sarajevo"
    passed_over: frozenset[str] = frozenset()  # "FK-3 instead of the S-300": the S-300
    # names told only as a yardstick ("comparable to the S-300"): no party to the event
    yardsticks: frozenset[str] = frozenset()
    # years that end a name ("Expo 2027", "Peace Guardian-2025"): when the named thing happens,
    # which a new article's extract may use, not the date the statement asserts
    name_dates: tuple[DateSpan, ...] = ()
    yearless_days: tuple[YearlessDay, ...] = ()  # "on March 1": a day, its year not given
    intended_dates: tuple[DateSpan, ...] = ()  # of its dates, those an intention's clause gives
    # of its dates, those of a telling, not of the fact told ("figures released in 2019")
    telling_dates: tuple[DateSpan, ...] = ()
    # What its negations deny: the kinds of event of the verbs they govern ("did not buy":
    # acquire), and whether one governs a verb of no known kind ("would not hinder"), which
    # denies only when nothing else in the sentence tells the claim's kind of event.
    negated_kinds: frozenset[str] = frozenset()
    negates_other: bool = False
    # verbs told only in a participle that qualifies a noun ("the drones acquired from China
    # are stationed at ..."): a side fact, not what the statement asserts
    side_verbs: frozenset[str] = frozenset()
    # the places ahead of its ranks and who holds them ("second behind Germany": 1, germany)
    places_ahead: tuple[tuple[float, str], ...] = ()

    def denies(self, entity: str | None, kinds: frozenset[str] | None = None) -> bool:
        """Whether the statement says no about `entity` (of a claim of these `kinds` of event):
        by choosing another, or by a negation of that kind of event. A long sentence that
        says "would not hinder" has not denied the declaration it also tells of."""
        if entity in self.passed_over:
            return True
        if not self.negated or kinds is None:
            return self.negated
        if kinds & self.negated_kinds:
            return True
        told = {group for _, group in self.verbs} - self.negated_kinds
        return self.negates_other and not (kinds & told)

    @cached_property
    def stems(self) -> frozenset[str]:
        """The stems of every word it says, names included."""
        return frozenset(content_stems(self.folded))

    @cached_property
    def initials(self) -> Initials:
        """Its words in order, names and numbers included, for abbreviations to spell out."""
        return initials(WORD.findall(self.folded))

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return abbreviations(self.text)

    @cached_property
    def word_stems(self) -> frozenset[str]:
        """The stems of its content words outside names, numbers and dates."""
        return frozenset(stem(w) for w in self.words)

    @cached_property
    def _names_in_order(self) -> tuple[list[int], list[tuple[int, int, str]]]:
        ordered = list(self.entity_spans)
        return [start for start, _, _ in ordered], ordered

    def names_starting(self, start: int, end: int) -> list[str]:
        """The entities named from `start` to `end` (inclusive), asked by bisection: a figure
        of a 40,000-word statement is not compared with every name in it."""
        return [entity for _, _, entity in self.spans_starting(start, end)]

    def spans_starting(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The names from `start` to `end` (inclusive) as (start, end, entity), by bisection."""
        starts, spans = self._names_in_order
        return spans[bisect_left(starts, start) : bisect_right(starts, end)]

    @cached_property
    def firsts(self) -> frozenset[First]:
        """The kinds of event it says were the first of their kind (language.firsts)."""
        return firsts(self.folded)

    @cached_property
    def flows(self) -> frozenset[str]:
        """Which way the goods it speaks of went (exports, imports, both)."""
        return flows(self.folded)

    @cached_property
    def offices(self) -> dict[str, Office]:
        """The offices it gives the people it names (language.offices)."""
        return offices(self.folded, self.entity_spans)

    def told_as_where(self, entity: str) -> bool:
        """Whether it names the entity only as where something happened ("handed over at the
        Pancevo barracks")."""
        return self._only_where.get(entity, False)

    @cached_property
    def _only_where(self) -> dict[str, bool]:
        where: dict[str, bool] = {}
        for start, _, entity in self.entity_spans:
            said = bool(_WHERE.search(self.folded, max(0, start - 16), start))
            where[entity] = where.get(entity, True) and said
        return where

    def flows_of(self, mention: QuantityMention) -> frozenset[str]:
        """Which way the goods went that a figure counts: by its part of the sentence, else by
        its clause ("imports ... were 45 times their 2010 level, while its exports merely
        doubled"), less the relative clauses it is not in ("The EU, whose first reaction was to
        ban exports, later gave EUR 93 million": not exports)."""
        return self._part_flows.get(mention.start, frozenset())

    @cached_property  # asked for each candidate claim's figures: read each part once
    def _part_flows(self) -> dict[int, frozenset[str]]:
        return {
            start: flows(part) or flows(clause) for start, (part, clause) in self._parts.items()
        }

    def stems_of(self, mention: QuantityMention) -> frozenset[str]:
        """The stems of the words of a figure's part of the sentence (`_parts`)."""
        return self._part_stems.get(mention.start, frozenset())

    @cached_property  # asked for each candidate claim's figures: stem each part once
    def _part_stems(self) -> dict[int, frozenset[str]]:
        return {start: frozenset(content_stems(part)) for start, (part, _) in self._parts.items()}

    @cached_property
    def _parts(self) -> dict[int, tuple[str, str]]:
        """Each figure's part of it and its clause, by the figure's start. A figure's part is
        its phrase (between commas and "and"s), from it to the next figure when one follows in
        the phrase: "a $10 billion investment fund and $3 billion in credit lines" gives
        "investment fund" to the $10 billion; "5,050 workers and invest a total of $300
        million" gives "invest" to the $300 million. Its clause is a relative clause it is in,
        else its clause less the relative clauses."""
        if not self.quantities:
            return {}
        text = self.folded
        phrases = _spans_between(_PHRASE_BOUNDARY, text)
        relatives = [m.span() for m in _RELATIVE.finditer(text)]
        clauses = _spans_between(_CLAUSE_BOUNDARY, text)
        main = [_without(text, lo, hi, relatives) for lo, hi in clauses]
        parts: dict[int, tuple[str, str]] = {}
        for i, mention in enumerate(self.quantities):  # in order, as read
            lo, hi = phrases[bisect_right(phrases, (mention.start, len(text))) - 1]
            following = self.quantities[i + 1].start if i + 1 < len(self.quantities) else hi
            earlier = self.quantities[i - 1].start if i else -1
            part = text[mention.start if earlier >= lo else lo : min(following, hi)]
            inside = bisect_right(relatives, (mention.start, len(text))) - 1
            if inside >= 0 and mention.start < relatives[inside][1]:
                clause = text[slice(*relatives[inside])]
            else:
                clause = main[bisect_right(clauses, (mention.start, len(text))) - 1]
            parts[mention.start] = (part, clause)
        return parts

    @cached_property
    def spaced(self) -> str:
        """Its words joined by single spaces, with a space at each end: a name is said when
        " name " is in it ("China" in "the Bank of China")."""
        return " " + " ".join(WORD.findall(self.folded.replace("_", " "))) + " "

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(group for _, group in self.verbs)

    @property
    def figures(self) -> list[QuantityMention]:
        """Its figures, less ordinals that describe ("the first major project") rather than
        rank ("was second in Europe", "is the largest donor"): those are checked only against
        a claim that ranks."""
        return [q for q in self.quantities if not describes(self.folded, q)]

    @property
    def asserted_figures(self) -> list[QuantityMention]:
        """The figures a claim must speak of to decide the statement: lengths of time ("in the
        next six months", "a five-day visit") are checked only against a claim that gives one."""
        return [q for q in self.figures if not (q.following[:1] and q.following[0] in TIME_UNITS)]

    @property
    def checkable(self) -> bool:
        """Whether it states a figure or a date."""
        return bool(self.dates or self.figures)

    @property
    def tells_a_plan(self) -> bool:
        """What is to come, or a promise or announcement of it ("Li promised $10 billion"):
        what a claim of a plan can confirm."""
        return self.future or bool(_PROMISE.search(self.folded))

    @cached_property  # asked once per candidate claim: read the statement once
    def qualifiers(self) -> dict[str, str]:
        """Names that only qualify the name after them, wherever they stand, and that name:
        "Chinese" in "the Chinese anti-aircraft FK-3" and "Chinese prime minister Li Keqiang";
        not "Falcon" in "Falcon drones from Zembla" nor "Serbia" in "Serbia ordered nine Wing
        Loong", nor "Chinese" in "Chinese drones, delivered by China" (China is a role there)."""
        ordered = self.entity_spans
        found: dict[str, str] = {}
        standalone = set()
        for (_, end, entity), following in itertools.zip_longest(ordered, ordered[1:]):
            if following is not None and self._qualifies(end, following[0]):
                if entity != following[2]:
                    found.setdefault(entity, following[2])
            else:
                standalone.add(entity)
        return {entity: head for entity, head in found.items() if entity not in standalone}

    @cached_property
    def conjoined(self) -> dict[str, frozenset[str]]:
        """Names joined by "and" ("Colonel Milan Rankovic and Senior Colonel Ma Yongbao"), each
        with the names it is joined to: two who did the same thing."""
        ordered = self.entity_spans
        joined: dict[str, set[str]] = {}
        for (_, end, first), (start, _, second) in itertools.pairwise(ordered):
            if first != second and _AND.fullmatch(self.folded[end:start]):
                joined.setdefault(first, set()).add(second)
                joined.setdefault(second, set()).add(first)
        return {entity: frozenset(others) for entity, others in joined.items()}

    def _qualifies(self, end: int, start: int) -> bool:
        between = self.folded[end:start]
        words = between.split()
        return (
            len(words) <= 2
            and re.fullmatch(r"\s+(?:[a-z-]+\s+)*", between) is not None
            and not any(w in PHRASE_ENDS or w.endswith(("s", "ed")) for w in words)
            and not self._figure_starts.overlaps(end, start)
        )

    @cached_property
    def _figure_starts(self) -> Spans:
        return Spans((q.start, q.start + 1) for q in self.quantities)


# "X and Y", "X, and senior colonel Y": at most two words of title before the second name
_AND = re.compile(r",?\s+and\s+(?:[a-z]+\s+){0,2}")


def _names_a_thing(folded: str, year: DateSpan, finer: set[int]) -> bool:
    """A year before a noun ("signed the 2018 plan in mid-March 2018") tells which plan, when
    a finer date of that year (`finer`: the years of the finer dates) tells when the sentence's
    event happened."""
    return (
        year.precision == "year"
        and year.lo.year in finer
        and _THE_BEFORE.search(folded[max(0, year.start - 8) : year.start]) is not None
        and _NOUN_AFTER.match(folded, year.end) is not None
    )


def _without_attributions(folded: str, names: Spans) -> tuple[str, list[tuple[int, int]]]:
    """The text with who says it blanked out by spaces, so that offsets into it stay the same,
    and the spans of the frames whose names were kept: the speakers."""
    frames = [
        (m, keeps_names) for frame, keeps_names in _ATTRIBUTIONS for m in frame.finditer(folded)
    ]
    speakers = []
    for match, keeps_names in frames:
        start = match.end("opening") if match.groupdict().get("opening") else match.start()
        if match.groupdict().get("back") and match.group("speaker"):
            start = match.end("speaker")  # "it", "they": the speaker is who the fact is about
        elif keeps_names:
            speakers.append((start, match.end()))
        blanked = "".join(
            c if keeps_names and names.covers(i, i + 1) else " "
            for i, c in enumerate(folded[start : match.end()], start)
        )
        folded = folded[:start] + blanked + folded[match.end() :]
    return folded, speakers


def _unattributed(text: str, said: str, folded: str, frames: list[tuple[int, int]]) -> str:
    """The text less what `_without_attributions` blanked out of its folded form, and less the
    speakers' names it kept (`frames`)."""
    if said == folded or len(text) != len(said):
        return text  # nothing blanked, or folding changed the length so offsets do not line up
    kept = [" " if f == " " and s != " " else t for t, s, f in zip(text, said, folded, strict=True)]
    for start, end in frames:
        kept[start:end] = " " * (end - start)
    return re.sub(r"\s+", " ", "".join(kept)).strip(" ,")


# "the Balkan nation", "a Western Balkan country": a name bent into an adjective before one
# country describes that country (elsewhere named), not the region
_ONE_COUNTRY_AFTER = re.compile(r"\s+(?:country|nation|state|republic)\b(?!s)")
# "they own", not "its own judge" nor "a home-grown" one
_OWN_AS_A_VERB = re.compile(
    r"(?<!\bits)(?<!\btheir)(?<!\bhis)(?<!\bher)(?<!\bour)(?<!\bmy)\s+own\b"
)
_THE_BEFORE = re.compile(r"\bthe\s+$")
_NOUN_AFTER = re.compile(r"\s+[a-z]")


def read(text: str, matcher: EntityMatcher) -> Facts:
    folded = fold(text)
    folded = _PHRASES.sub(lambda m: m.group(0).replace(" ", "_"), folded)
    entities = [
        m
        for m in matcher.find(folded, folded=True, fuzzy=True)
        if m.exact or not _ONE_COUNTRY_AFTER.match(folded, m.end)
    ]
    said = folded
    folded, frames = _without_attributions(folded, Spans((m.start, m.end) for m in entities))
    entities = [m for m in entities if folded[m.start : m.end] == said[m.start : m.end]]
    speaking = Spans(frames)
    entity_spans = [(m.start, m.end) for m in entities]
    every_date = find_dates(folded, folded=True)
    every_date += _years_ending_names(text, folded, Spans((d.start, d.end) for d in every_date))
    dates = [d for d in every_date if not _in_a_name(text, folded, d)]
    finer = {y for d in dates if d.precision != "year" for y in range(d.lo.year, d.hi.year + 1)}
    dates = [d for d in dates if not _names_a_thing(folded, d, finer)]
    # a year in a name and a day without a year are no counts either
    date_spans = [(d.start, d.end) for d in every_date]
    dated = Spans(date_spans)
    yearless = [
        d for d in days_of_months(folded, folded=True) if not dated.overlaps(d.start, d.end)
    ]
    date_spans += [(d.start, d.end) for d in yearless]
    quantities = find_quantities(folded, skip=entity_spans + date_spans, folded=True)
    # a currency never names a country: "US$ 350 million"
    money = Spans((q.start, q.end) for q in quantities if q.currency)
    entities = [m for m in entities if not money.covers(m.start, m.end)]
    entity_spans = [(m.start, m.end) for m in entities]
    masked = Spans([*entity_spans, *date_spans, *((q.start, q.end) for q in quantities)])
    words = []
    for match in _WORD.finditer(folded):
        if masked.covers(match.start(), match.end()):
            continue
        if "-" not in match.group(0):
            words.append(match.group(0))
            continue
        # "five-day", "107-km", "US-brokered": a part that is a figure or a name is read as
        # such already; the rest are words of their own
        parts, offset = [], match.start()
        for part in match.group(0).split("-"):
            if part and not masked.covers(offset, offset + len(part)):
                parts.append(part)
            offset += len(part) + 1
        if len(parts) == match.group(0).count("-") + 1:
            words.append(match.group(0))
        else:
            words.extend(parts)
    linking = _linking_verbs(folded, quantities)
    words = [w for w in words if w not in linking]
    if _OWN_AS_A_VERB.search(folded) is None:
        words = [w for w in words if w != "own"]  # "its own judge": no owning
    verbs = tuple(
        (w, g) for w in dict.fromkeys(words) if w not in REPORTING_VERBS and (g := _group_of(w))
    )
    proper = _unknown_names(text, folded, masked)
    negated, negated_kinds, negates_other = _negations(folded)
    kept_dates = {(d.start, d.end) for d in dates}
    intended = Spans((m.start(), m.end()) for m in _INTENDED.finditer(folded))
    named = tuple(sorted((m.start, m.end, m.entity_id) for m in entities))
    return Facts(
        text=text,
        folded=folded,
        reported=_unattributed(text, said, folded, frames),
        speakers=frozenset(m.entity_id for m in entities if speaking.covers(m.start, m.end)),
        entities=frozenset(m.entity_id for m in entities),
        quantities=tuple(quantities),
        dates=tuple(dates),
        name_dates=tuple(d for d in every_date if (d.start, d.end) not in kept_dates),
        yearless_days=tuple(yearless),
        intended_dates=tuple(d for d in dates if intended.covers(d.start, d.end)),
        telling_dates=tuple(
            d for d in dates if _TELLING.search(folded, max(0, d.start - 24), d.start)
        ),
        verbs=verbs,
        side_verbs=_side_verbs(folded, {w for w, _ in verbs}, entity_spans),
        negated=negated,
        negated_kinds=negated_kinds,
        negates_other=negates_other,
        future=bool(_FUTURE.search(folded)),
        words=tuple(
            w for w in words if w not in STOPWORDS and w not in NEGATIONS and w not in FILLER_VERBS
        ),
        names=proper,
        entity_spans=named,
        passed_over=_named_in(_PASSED_OVER, folded, entities),
        yardsticks=_named_in(_COMPARED_WITH, folded, entities, only=True),
        places_ahead=places_ahead(folded, quantities, named),
    )


def _named_in(
    clause: re.Pattern[str], folded: str, names: list[EntityMention], only: bool = False
) -> frozenset[str]:
    """The entities named inside the clauses `clause` finds (`only`: and nowhere else)."""
    spans = Spans((m.start(), m.end()) for m in clause.finditer(folded))
    inside = {m.entity_id for m in names if spans.covers(m.start, m.end)}
    outside = {m.entity_id for m in names if not spans.covers(m.start, m.end)}
    return frozenset(inside - outside if only else inside)


_NAME_BEFORE = re.compile(
    r"(?:^|[\s(\"“])(?!(?:In|By|Since|From|Until|Of|The|And|Or|To)\b)[A-Z][\w.]*[\s-]$"
)


def _in_a_name(text: str, folded: str, span: DateSpan) -> bool:
    """A year that ends a name ("Expo 2027", "Peace Guardian-2025") is not the statement's date."""
    if len(text) != len(folded) or span.precision != "year" or span.end - span.start != 4:
        return False
    before = text[max(0, span.start - 30) : span.start]
    return (
        bool(_NAME_BEFORE.search(before))
        and folded[: span.start].rstrip(" -")[-1:].isalpha()
        and not any(folded[: span.start].rstrip(" -").endswith(month) for month in _MONTH_NAMES)
    )


def _years_ending_names(text: str, folded: str, dated: Spans) -> list[DateSpan]:
    """Years that end a name but read as counts on their own: "the Peace Guardian 2025
    exercises" is no count of 2,025 exercises."""
    found = []
    for match in _YEAR.finditer(folded):
        if dated.overlaps(match.start(), match.end()):
            continue
        year = int(match.group(0))
        span = DateSpan(date(year, 1, 1), date(year, 12, 31), "year", match.start(), match.end())
        if _in_a_name(text, folded, span):
            found.append(span)
    return found


_YEAR = re.compile(r"(?<![\d,.])\b(?:19|20)\d\d\b(?![\d,.]\d)")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
_MONTH_NAMES = MONTH_NAMES | DAY_NAMES


def _unknown_names(text: str, folded: str, masked: Spans) -> tuple[str, ...]:
    """Proper names the entity table does not know: a claim that lacks one is about
    something else ("Huawei installed cameras in Sarajevo" is not about Belgrade)."""
    if len(text) != len(folded):
        return ()  # folding changed the length, so offsets do not line up; skip the check
    names = []
    for match in _CAPITALISED.finditer(text):
        word = folded[match.start() : match.end()]
        if (
            word.strip()  # not blanked out with an attribution ("According to X,")
            and word not in _MONTH_NAMES
            and word not in STOPWORDS
            and not masked.covers(match.start(), match.end())
        ):
            names.append(word)
    return tuple(dict.fromkeys(names))


# "making it the number one donor": what something became, not something made
_BECOMING = re.compile(
    r"\b(make|makes|made|making)\s+(?:it|them|him|her|this|that)\s+"
    r"(?:the|a|an|one|its|their|possible|[a-z]+'s)\b"
)


def _linking_verbs(folded: str, quantities: list[QuantityMention]) -> set[str]:
    """'exports reached $377 million': a verb followed by a figure only links the two; and a
    verb of making followed by what it made into something ("making it the largest donor")."""
    linking = {match.group(1) for match in _BECOMING.finditer(folded)}
    starts = {q.start for q in quantities}
    for match in re.finditer(r"[a-z_]+", folded):
        word = match.group(0)
        if word in LINKING_VERBS:
            rest = folded[match.end() : match.end() + 12]
            gap = re.match(r"\s+(?:to\s+|by\s+|about\s+|over\s+)?", rest)
            start = match.end() + (gap.end() if gap else 0)
            if start in starts or start - 1 in starts:
                linking.add(word)
    return linking


_CLAUSE_WORDS = re.compile(r"[a-z0-9]+(?:['_-][a-z0-9]+)*|[,;:.()!?]")
_NEGATION_REACH = 4  # words after a negation where the verb it governs may be
_UNTIL_REACH = 8  # words after a negation where "until" makes it say when, not whether


def _negations(folded: str) -> tuple[bool, frozenset[str], bool]:
    """Whether the sentence denies anything, the kinds of event its negations govern, and
    whether one governs a verb of no known kind (or none): the verb within a few words after
    it, in the same clause. "Did not visit China until 1977" denies nothing: it says when."""
    tokens = _CLAUSE_WORDS.findall(folded)
    kinds: set[str] = set()
    other = negated = False
    for i, token in enumerate(tokens):
        if not (token in NEGATIONS or token.endswith("n't")) or _until(tokens, i):
            continue
        negated = True
        governed = None
        for word in tokens[i + 1 : i + 1 + _NEGATION_REACH]:
            if not word[0].isalnum():
                break  # a comma or a full stop ends the clause
            if word not in REPORTING_VERBS and (group := _group_of(word)):
                governed = group
                break
        if governed is None:
            other = True
        else:
            kinds.add(governed)
    return negated, frozenset(kinds), other


def _until(tokens: list[str], negation: int) -> bool:
    """Whether "until" follows the negation in its clause: "not ... until 1977"."""
    for word in tokens[negation + 1 : negation + 1 + _UNTIL_REACH]:
        if not word[0].isalnum():
            return False
        if word == "until":
            return True
    return False


# Words that cannot be the noun a participle qualifies: "was owned by" is the verb itself.
_NOT_A_NOUN = frozenset(
    "is are was were be been being has have had it they he she we i you who which that to not "
    "also and or but then only just already as".split()
)


def _side_verbs(folded: str, verbs: set[str], names: list[tuple[int, int]]) -> frozenset[str]:
    """The verbs every use of which is a participle qualifying the noun before it, with its
    agent or origin after: "the embassy destroyed by NATO bombs", "the drones acquired from
    China" (after a name, "Serbia bought from China", it is the sentence's own verb)."""
    named_ends = {end for _, end in names}
    side: dict[str, bool] = {}
    tokens = list(_WORD.finditer(folded))
    for k, token in enumerate(tokens):
        before = tokens[k - 1] if k else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        word = token.group(0)
        if word not in verbs:
            continue
        participle = (
            before is not None
            and after is not None
            and after.group(0) in ("by", "from")
            and (word.endswith("ed") or word in IRREGULAR_PAST)
            and not folded[before.end() : token.start()].strip()
            and before.group(0) not in _NOT_A_NOUN
            and not before.group(0).endswith("ly")  # "was originally owned by"
            and before.end() not in named_ends
        )
        side[word] = side.get(word, True) and participle
    return frozenset(word for word, only in side.items() if only)


_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ance|ence|ness|ity|ship|er|or)s?$")


def _group_of(word: str) -> str | None:
    group = predicate_group(word)
    if group is None and word.endswith("s"):
        group = predicate_group(word[:-1])  # "backs", "opposes": a listed verb's third person
    if group is None and word.endswith("ing") and len(word) >= 6:
        # "acquiring", "launching", "signing": a listed verb's -ing form
        root = word[:-3]
        for base in (root, root + "e", root[:-1] if root[-1:] == root[-2:-1] else ""):
            group = group or predicate_group(base)
    if group is None and len(word) >= 6 and not _NOUN_ENDING.search(word):
        # a typo'd verb ("delivred") still says what kind of event it is; a noun that looks
        # like one ("construction", "constructed") does not
        best = process.extractOne(word, GROUPED_WORDS, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        group = predicate_group(best[0]) if best else None
    return group
