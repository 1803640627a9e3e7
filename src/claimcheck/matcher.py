"""Statement x index -> scored candidate claims: what the statement says (entities, numbers,
dates, verbs) and how much of it each candidate claim is about (rapidfuzz lives here)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from claimcheck.compare import GROUPED_WORDS, predicate_group
from claimcheck.dates import DateSpan, find_dates
from claimcheck.entities import EntityMatcher
from claimcheck.index import ClaimIndex, IndexedClaim
from claimcheck.normalize import STOPWORDS, fold, stem
from claimcheck.quantities import QuantityMention, find_quantities

CANDIDATES = 60
# A cancellation is about the acquisition it cancels: "gave up on" covers "bought".
_RELATED_GROUPS = {frozenset({"acquire", "cancel"})}
# rapidfuzz ratio at which "delivred" is "delivered" and "modernisation" "modernization"
TYPO_CUTOFF = 84.0

_NEGATIONS = frozenset({"not", "never", "no", "neither", "nor", "didn't", "didnt", "wasn't",
                        "weren't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "won't",
                        "refused", "refuses", "declined", "rule_out", "rules_out",
                        "ruled_out"})  # fmt: skip
# "instead of the Russian S-300", "rather than Huawei": what follows, up to the clause's end,
# was not chosen
_PASSED_OVER = re.compile(r"\b(?:instead of|rather than)\b[^,.;]*")
# A plan, promise or expectation, not what happened.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|going to|(?:is|are|was|were) (?:due |set |expected )?to"
    r"|(?:plans?|planned|planning|intends?|intended|promised|pledged|agreed) to|expects? to)\b"
)
_PROMISE = re.compile(r"\b(?:promis|pledg|announc|vow)\w*")
# Multi-word verbs, joined with "_" so that offsets into the text stay the same.
_PHRASES = re.compile(
    r"\b(?:gave up|give up|took control|took over|take over|took place|take place"
    r"|entered into force|came into force|took effect|opted for|opt for|went for|go for"
    r"|took part|take part|handed over|hand over|rules? out|ruled out)\b"
)
# "According to X," and "It is true that" say who says it, not what happened.
_ATTRIBUTION = re.compile(
    r"^\s*(?:according to [^,]{1,80},|it is (?:true|a fact|claimed|said) that)\s*"
)
# Auxiliaries and reporting verbs name the event only when nothing else does.
_WEAK_VERBS = frozenset("has have had said says say stated claimed reported".split())
# Verbs that only link a subject to its figure ("the loan amounted to", "was worth").
_FILLER = frozenset(
    "took_place take_place amounted amounts amount totalled totaled totals stood worth happened "
    "happen occurred occur".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:['_-][a-z0-9]+)*")


@dataclass(frozen=True)
class Statement:
    text: str
    folded: str
    entities: frozenset[str]
    quantities: tuple[QuantityMention, ...]
    dates: tuple[DateSpan, ...]
    verbs: tuple[tuple[str, str], ...]  # (word, predicate group), typos forgiven
    negated: bool
    future: bool
    words: tuple[str, ...]  # content words outside names, numbers and dates
    entity_spans: tuple[tuple[int, int, str], ...] = field(default=())
    names: tuple[str, ...] = ()  # capitalised words that are no known entity: "Sarajevo"
    passed_over: frozenset[str] = frozenset()  # "FK-3 instead of the S-300": the S-300

    def denies(self, entity: str | None) -> bool:
        """Whether the statement says no about `entity`: outright, or by choosing another."""
        return self.negated or entity in self.passed_over

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(group for _, group in self.verbs)

    @property
    def figures(self) -> list[QuantityMention]:
        """Its figures, less ordinals that describe ("the first major project") rather than
        rank ("was second in Europe"): those are checked only against a claim that ranks."""
        return [
            q for q in self.quantities
            if not (q.unit == "rank" and re.search(r"\b(?:the|its|a|their)\s+$", self.folded[: q.start]))
        ]  # fmt: skip

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
        ordered = sorted(self.entity_spans)
        found: dict[str, str] = {}
        standalone = set()
        for (_, end, entity), following in itertools.zip_longest(ordered, ordered[1:]):
            if following is not None and self._qualifies(end, following[0]):
                if entity != following[2]:
                    found.setdefault(entity, following[2])
            else:
                standalone.add(entity)
        return {entity: head for entity, head in found.items() if entity not in standalone}

    def _qualifies(self, end: int, start: int) -> bool:
        between = self.folded[end:start]
        words = between.split()
        return (
            len(words) <= 2
            and re.fullmatch(r"\s+(?:[a-z-]+\s+)*", between) is not None
            and not any(w in PHRASE_ENDS or w.endswith(("s", "ed")) for w in words)
            and not any(end <= q.start < start for q in self.quantities)
        )


# Function words that end a noun phrase: between two names they mean two roles, not one
# qualifying the other ("drones from Zembla", "Serbia and China"); `extract` reads what a
# figure counts up to one of them.
PHRASE_ENDS = frozenset(
    "in to of for from at by on with across over under between among into through per about "
    "against within without after before around near than as since and or but while whereas "
    "which "
    "that who whose where when was were is are be been being has have had will would can could "
    "may might must should the a an its their his her this these those each".split()
)


def analyze(text: str, matcher: EntityMatcher) -> Statement:
    folded = fold(text)
    folded = _PHRASES.sub(lambda m: m.group(0).replace(" ", "_"), folded)
    # Blank out the attribution with spaces, so that offsets into the text stay the same.
    folded = _ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), folded)
    entities = matcher.find(folded, folded=True, fuzzy=True)
    entity_spans = [(m.start, m.end) for m in entities]
    dates = find_dates(folded, folded=True)
    date_spans = [(d.start, d.end) for d in dates]
    quantities = find_quantities(folded, skip=entity_spans + date_spans, folded=True)
    masked = [*entity_spans, *date_spans, *((q.start, q.end) for q in quantities)]
    words = []
    for match in _WORD.finditer(folded):
        if _inside(match.start(), match.end(), masked):
            continue
        if "-" not in match.group(0):
            words.append(match.group(0))
            continue
        # "five-day", "107-km", "US-brokered": a part that is a figure or a name is read as
        # such already; the rest are words of their own
        parts, offset = [], match.start()
        for part in match.group(0).split("-"):
            if part and not _inside(offset, offset + len(part), masked):
                parts.append(part)
            offset += len(part) + 1
        if len(parts) == match.group(0).count("-") + 1:
            words.append(match.group(0))
        else:
            words.extend(parts)
    linking = _linking_verbs(folded, quantities)
    words = [w for w in words if w not in linking]
    verbs = tuple(
        (w, g) for w in dict.fromkeys(words) if w not in _WEAK_VERBS and (g := _group_of(w))
    )
    proper = _unknown_names(text, folded, masked)
    return Statement(
        text=text,
        folded=folded,
        entities=frozenset(m.entity_id for m in entities),
        quantities=tuple(quantities),
        dates=tuple(dates),
        verbs=verbs,
        negated=any(w in _NEGATIONS or w.endswith("n't") for w in folded.split()),
        future=bool(_FUTURE.search(folded)),
        words=tuple(
            w for w in words if w not in STOPWORDS and w not in _NEGATIONS and w not in _FILLER
        ),
        names=proper,
        entity_spans=tuple((m.start, m.end, m.entity_id) for m in entities),
        passed_over=frozenset(
            m.entity_id
            for clause in _PASSED_OVER.finditer(folded)
            for m in entities
            if clause.start() <= m.start < clause.end()
        ),
    )


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _unknown_names(text: str, folded: str, masked: list[tuple[int, int]]) -> tuple[str, ...]:
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
            and not _inside(match.start(), match.end(), masked)
        ):
            names.append(word)
    return tuple(dict.fromkeys(names))


_LINKING_VERBS = frozenset(
    "reached reach reaches hit topped exceeded came stood rose fell grew increased".split()
)


def _linking_verbs(folded: str, quantities: list[QuantityMention]) -> set[str]:
    """'exports reached $377 million': a verb followed by a figure only links the two."""
    linking = set()
    for match in re.finditer(r"[a-z_]+", folded):
        word = match.group(0)
        if word in _LINKING_VERBS:
            rest = folded[match.end() : match.end() + 12]
            gap = re.match(r"\s+(?:to\s+|by\s+|about\s+|over\s+)?", rest)
            start = match.end() + (gap.end() if gap else 0)
            if any(q.start <= start <= q.start + 1 for q in quantities):
                linking.add(word)
    return linking


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _group_of(word: str) -> str | None:
    group = predicate_group(word)
    if group is None and word.endswith("s"):
        group = predicate_group(word[:-1])  # "backs", "opposes": a listed verb's third person
    if group is None and len(word) >= 6:
        # a typo'd verb ("delivred") still says what kind of event it is
        best = process.extractOne(word, GROUPED_WORDS, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        group = predicate_group(best[0]) if best else None
    return group


@dataclass(frozen=True)
class Candidate:
    claim: IndexedClaim
    about: float  # share of what the statement says (by idf weight) that the claim also says
    words: float  # the same share for its words alone, names left out
    matched: frozenset[str]  # statement words the claim covers
    missing: tuple[str, ...]  # statement words it does not
    shared_entities: frozenset[str]
    missing_entities: frozenset[str]
    bm25: float


def candidates(statement: Statement, index: ClaimIndex, limit: int = CANDIDATES) -> list[Candidate]:
    """Claims that may be about the statement, best first by how much of it they cover."""
    return score_claims(statement, index, index.search(statement.words, statement.entities, limit))


def score_claims(
    statement: Statement, index: ClaimIndex, hits: list[tuple[IndexedClaim, float]]
) -> list[Candidate]:
    """Each (claim, retrieval score) scored by how much of the statement it covers, best first."""
    stems = {w: stem(w) for w in statement.words}
    df = index.document_frequency([*stems.values(), *statement.entities])
    scored = [_score(statement, claim, bm25, stems, df, index) for claim, bm25 in hits]
    return sorted(scored, key=lambda c: (-c.about, -c.bm25))


def _score(
    statement: Statement,
    claim: IndexedClaim,
    bm25: float,
    stems: dict[str, str],
    df: dict[str, int],
    index: ClaimIndex,
) -> Candidate:
    claim_stems = list(claim.stems)
    claim_group = predicate_group(claim.predicate)
    total = covered = 0.0
    matched: set[str] = set()
    missing: list[str] = []
    verb_groups = dict(statement.verbs)
    for word in dict.fromkeys(statement.words):
        word_stem = stems[word]
        weight = index.idf(df.get(word_stem, 0))
        total += weight
        group = verb_groups.get(word)
        hit = (
            word_stem in claim.stems
            or (group is not None and group == claim_group)
            or (group is not None and frozenset({group, claim_group}) in _RELATED_GROUPS)
            or (
                len(word_stem) >= 4
                and process.extractOne(
                    word_stem, claim_stems, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
                )
                is not None
            )
        )
        if hit:
            covered += weight
            matched.add(word)
        else:
            missing.append(word)
    words_total, words_covered = total, covered
    shared = {e for e in statement.entities if index.kin(e) & claim.entities}
    for entity in statement.entities:
        weight = index.idf(df.get(entity, 0))
        total += weight
        if entity in shared:
            covered += weight
    # "Chinese prime minister Li Keqiang": a claim about Li Keqiang need not say "Chinese"
    qualified = {e for e, head in statement.qualifiers.items() if head in shared}
    missing_entities = set(statement.entities - shared - qualified)
    missing_entities.update(n for n in statement.names if stem(n) not in claim.stems)
    return Candidate(
        claim=claim,
        about=covered / total if total else 0.0,
        words=words_covered / words_total if words_total else 1.0,
        matched=frozenset(matched),
        missing=tuple(missing),
        shared_entities=frozenset(shared),
        missing_entities=frozenset(missing_entities),
        bm25=bm25,
    )
