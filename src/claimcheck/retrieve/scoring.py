"""Statement facts x index -> scored candidate claims: how much of what the statement says each
candidate claim is about (rapidfuzz lives here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimcheck.language.lexicon import RELATED_GROUPS, predicate_group
from claimcheck.language.normalize import abbreviations, initials, spelled_out, stem, words
from claimcheck.language.reader import TYPO_CUTOFF, Facts
from claimcheck.retrieve.index import ClaimIndex, IndexedClaim

CANDIDATES = 60


@dataclass(frozen=True)
class ScoredClaim:
    claim: IndexedClaim
    about: float  # share of what the statement says (by idf weight) that the claim also says
    words: float  # the same share for its words alone, names left out
    matched: frozenset[str]  # statement words the claim covers
    missing: tuple[str, ...]  # statement words it does not
    shared_entities: frozenset[str]
    missing_entities: frozenset[str]
    bm25: float
    # The other direction: the share (by idf weight) of the claim's own words and names that
    # the statement says. A long sentence that tells the whole claim and more contains it.
    contained: float = 0.0
    unsaid: tuple[str, ...] = ()  # the claim's own words and names the statement does not say
    # how sure the text-pair model is that the statement says the claim or its contrary (0 when
    # it was not asked)
    paraphrase: float = 0.0
    # what the claim is about (its subject or object), where the statement names another thing
    # of the same type instead: the CH-92A's speed is not the Wing Loong's
    stand_ins: frozenset[str] = frozenset()
    # the field (a date, a count) on which the sources disagree between this claim and one that
    # decides the statement: `conflicts` found the two to be one fact told two ways
    disputes: str | None = None


def candidates(statement: Facts, index: ClaimIndex, limit: int = CANDIDATES) -> list[ScoredClaim]:
    """Claims that may be about the statement, best first by how much of it they cover."""
    return score_claims(statement, index, index.search(statement.words, statement.entities, limit))


def score_claims(
    statement: Facts, index: ClaimIndex, hits: list[tuple[IndexedClaim, float]]
) -> list[ScoredClaim]:
    """Each (claim, retrieval score) scored by how much of the statement it covers, best first."""
    stems = {w: stem(w) for w in statement.words}
    own = {stem(w) for claim, _ in hits for w in claim.own_words}
    entities = {e for claim, _ in hits for e in claim.entities}
    df = index.document_frequency([*stems.values(), *statement.entities, *own, *entities])
    scored = [_score(statement, claim, bm25, stems, df, index) for claim, bm25 in hits]
    return sorted(scored, key=lambda c: (-c.about, -c.bm25))


def _score(
    statement: Facts,
    claim: IndexedClaim,
    bm25: float,
    stems: dict[str, str],
    df: dict[str, int],
    index: ClaimIndex,
) -> ScoredClaim:
    claim_stems = list(claim.stems)
    claim_group = predicate_group(claim.predicate)
    total = covered = 0.0
    matched: set[str] = set()
    missing: list[str] = []
    verb_groups = dict(statement.verbs)
    in_claim, in_statement = _abbreviated(statement, claim)
    for word in dict.fromkeys(statement.words):
        word_stem = stems[word]
        weight = index.idf(df.get(word_stem, 0))
        total += weight
        group = verb_groups.get(word)
        hit = (
            word_stem in claim.stems
            or word in in_claim
            or (group is not None and group == claim_group)
            or (group is not None and frozenset({group, claim_group}) in RELATED_GROUPS)
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
    shared = {
        e
        for e in statement.entities
        if index.kin(e) & claim.entities or _named_within(e, claim.entities, index)
    }
    for entity in statement.entities:
        if entity in statement.speakers and entity not in shared:
            continue  # who says it: a claim of what was said may leave the speaker out
        weight = index.idf(df.get(entity, 0))
        total += weight
        if entity in shared:
            covered += weight
    # "Chinese prime minister Li Keqiang": a claim about Li Keqiang need not say "Chinese"
    qualified = {e for e, head in statement.qualifiers.items() if head in shared}
    # "A and B signed": a claim that A signed tells A's part, when B is someone of A's kind
    partners = {
        e
        for e in statement.entities - shared
        for partner in statement.conjoined.get(e, ())
        if partner in shared
        and index.entity_types.get(e) in _PEOPLE
        and index.entity_types.get(e) == index.entity_types.get(partner)
    }
    missing_entities = set(statement.entities - shared - qualified - partners - statement.speakers)
    missing_entities.update(n for n in statement.names if stem(n) not in claim.stems)
    if not any(index.entity_types.get(e) == "place" for e in claim.entities):
        # where it happened ("handed over at the Pancevo barracks") is a detail a claim that
        # names no place may lack, not another party
        missing_entities -= {
            e
            for e in missing_entities
            if index.entity_types.get(e) == "place" and statement.told_as_where(e)
        }
    contained, unsaid = _contained(statement, claim, df, index, in_statement)
    return ScoredClaim(
        claim=claim,
        contained=contained,
        unsaid=unsaid,
        about=covered / total if total else 0.0,
        words=words_covered / words_total if words_total else 1.0,
        matched=frozenset(matched),
        missing=tuple(missing),
        shared_entities=frozenset(shared),
        missing_entities=frozenset(missing_entities),
        bm25=bm25,
        stand_ins=_stand_ins(statement, claim, shared, index),
    )


_COUNTRIES = frozenset({"country"})
_PEOPLE = frozenset({"person"})


def _stand_ins(
    statement: Facts, claim: IndexedClaim, shared: set[str], index: ClaimIndex
) -> frozenset[str]:
    """The claim's subject or object that the statement does not name, where it names another
    entity of that type that the claim does not; or people of the claim's kind from another
    country ("Serbian tourists" where the claim's are "Chinese tourists")."""
    types = index.entity_types
    others = {types.get(e) for e in statement.entities - shared - claim.entities}
    return frozenset(
        e
        for e in (claim.subject, claim.object)
        if e in claim.entities
        and (
            (
                e not in shared
                and e not in statement.entities
                and not index.kin(e) & statement.entities
                and types.get(e) in others
            )
            or _of_another_country(statement, e, index)
        )
    )


_NEXT_WORD = re.compile(r"\s+(\S+)")


def _of_another_country(statement: Facts, people: str, index: ClaimIndex) -> bool:
    """Whether the statement speaks of the same kind of people as `people` (a population such
    as "Chinese tourists") from another country: "Serbian tourists"."""
    names = index.names_of(people)
    if index.entity_types.get(people) != "population" or not names:
        return False
    head = words(names[0])[-1]
    kin = index.kin(people)
    return any(
        (after := _NEXT_WORD.match(statement.folded, end)) is not None and after[1] == head
        for _, end, other in statement.entity_spans
        if other not in kin and index.entity_types.get(other) in _COUNTRIES
    )


def _named_within(entity: str, others: frozenset[str], index: ClaimIndex) -> bool:
    """A country named inside another entity's name: the EU arms embargo on China names China.
    Not a region: the Huawei hub "for the Western Balkans" stands in Belgrade."""
    if index.entity_types.get(entity) not in _COUNTRIES:
        return False
    spelled = [_spaced(name) for name in index.names_of(entity)]
    return any(
        name in _spaced(longer)
        for other in others
        if other != entity
        for longer in index.names_of(other)
        for name in spelled
    )


def _spaced(name: str) -> str:
    """A name's words between single spaces, a hyphenated pair as two ("China-Serbia")."""
    return f" {' '.join(words(name)).replace('-', ' ')} "


def _abbreviated(statement: Facts, claim: IndexedClaim) -> tuple[set[str], set[str]]:
    """The words each side says by the other's abbreviation ("UAVs" for "unmanned aerial
    vehicles", "gross domestic product" for "GDP"): the statement's words the claim says, and
    the claim's words the statement says."""
    in_claim: set[str] = set()
    in_statement: set[str] = set()
    claim_initials = initials(words(claim.text)) if statement.abbreviations else None
    for ours, theirs, ours_said, theirs_said in (
        (statement.abbreviations, claim_initials, in_claim, in_statement),
        (abbreviations(claim.text), statement.initials, in_statement, in_claim),
    ):
        for abbreviation in ours:
            run = spelled_out(abbreviation, theirs) if theirs else ()
            if run:
                ours_said.update((abbreviation, abbreviation + "s"))  # "uav", "uavs"
                theirs_said.update(run)
    return in_claim, in_statement


def _contained(
    statement: Facts,
    claim: IndexedClaim,
    df: dict[str, int],
    index: ClaimIndex,
    abbreviated: set[str],
) -> tuple[float, tuple[str, ...]]:
    """How much of the claim's own content (its words and names) the statement says, by idf
    weight, and what it does not say. Names count in either direction: a statement that names
    the Bank of China names China; Chinese tourists are China's kin."""
    groups = statement.groups
    total = covered = 0.0
    unsaid: list[str] = []
    for word in claim.own_words:
        weight = index.idf(df.get(stem(word), 0))
        total += weight
        if (
            stem(word) in statement.stems
            or predicate_group(word) in groups - {None}
            or word in abbreviated
        ):
            covered += weight
        else:
            unsaid.append(word)
    for entity in claim.entities:
        weight = index.idf(df.get(entity, 0))
        total += weight
        if index.kin(entity) & statement.entities or any(
            f" {' '.join(words(name))} " in statement.spaced for name in index.names_of(entity)
        ):
            covered += weight
        else:
            unsaid.append(entity)
    return (covered / total if total else 0.0), tuple(unsaid)
