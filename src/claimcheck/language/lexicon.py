"""The words claimcheck's English reader knows by role, each list in one place: verbs by the
kind of event they report, negations, reporting and linking verbs, function words that end a
noun phrase. The reader, the judge and extract look words up here; no other module keeps a
list of words with a meaning (number words, months and currencies live with their parsers)."""

from __future__ import annotations

# Verbs people use, grouped by the kind of event they report. A claim's predicate and a
# statement's verbs are compared by group, so "bought" meets "ordered" and "received".
PREDICATE_GROUPS: dict[str, frozenset[str]] = {
    "acquire": frozenset(
        "acquired purchased ordered delivered received owned operated buy bought purchase order "
        "acquire procure procured obtain obtained get got receive deliver arrive arrived reach "
        "reached own owns possess possesses took take took_control took_over "
        "handed_over hand_over "
        "take_over supply supplied "
        "sold sell sells opted_for opt_for chose choose chosen selected select went_for "
        "go_for".split()
    ),
    "cancel": frozenset("cancelled canceled replaced cancel abandon abandoned scrap scrapped "
                        "drop dropped gave_up give_up withdrew withdraw".split()),
    "finance": frozenset("lent borrowed financed lend loan loans borrow finance funded fund "
                         "credit".split()),
    "invest": frozenset("invested invest investment investments".split()),
    "sign": frozenset("signed agreed sign agree concluded conclude".split()),
    "launch": frozenset("announced launched established announce launch unveil unveiled "
                        "propose proposed initiate initiated founded create created "
                        "introduced introduce start started opened open inaugurated "
                        "inaugurate began begin begun begins".split()),
    "hold": frozenset("held hold holds conducted conduct organised organized organise organize "
                      "staged stage participated participate took_part take_part".split()),
    "adopt": frozenset("adopted adopt enacted enact ratified ratify took_effect take_effect "
                       "takes_effect taken_effect".split()) | frozenset(
        f"{verb}_into_{what}" for verb in "entered enter enters came come comes".split()
        for what in ("force", "effect")
    ),
    "increase": frozenset("increased increase increases grew grow grown rose rise risen "
                          "doubled tripled expanded".split()),
    "decrease": frozenset("decreased decrease decreases fell fall fallen declined decline "
                          "shrank".split()),
    "detect": frozenset("detected detect found find discovered discover spotted identified "
                        "uncovered".split()),
    "attack": frozenset("bombed bomb bombing attacked attack struck destroyed destroy".split()),
    "recognize": frozenset("recognized recognised recognize recognise recognizes "
                           "recognises".split()),
    "visit": frozenset("visited met attended hosted visit meet attend host travelled traveled "
                       "came come comes "
                       "greeted greet welcomed welcome".split()),
    "install": frozenset("installed deployed built produced developed install deploy build "
                         "construct constructed produce manufacture manufactured made make makes".split()),
    "trade": frozenset("exported imported traded export import trade".split()),
    "donate": frozenset("donated donate gave give granted grant".split()),
    "support": frozenset("supported support supports backed back favour favor approve "
                         "approved".split()),
    "oppose": frozenset("opposed oppose opposes rejected reject rejects against criticised "
                        "criticized criticise criticize criticises criticizes condemned condemn "
                        "condemns denounced denounce protested".split()),
    "abolish": frozenset("abolished abolish lifted lift waived waive".split()),
    "state": frozenset("stated said say says claimed declared declare proclaimed "
                       "proclaim".split()),
}  # fmt: skip
_GROUP_OF = {word: group for group, members in PREDICATE_GROUPS.items() for word in members}
GROUPED_WORDS = tuple(_GROUP_OF)


def predicate_group(word: str) -> str | None:
    return _GROUP_OF.get(word)


# Events that happen once, on a date: a different date for the same one is a disagreement.
# Other predicates (visits, trade, polls, counts) recur, so another date is another occasion.
_ONE_TIME_GROUPS = frozenset(
    "acquire cancel finance invest sign launch install donate abolish adopt recognize hold "
    "attack".split()
)
_ONE_TIME_PREDICATES = frozenset(
    "declared established signed elected appointed joined left published".split()
)


# A cancellation is about the acquisition it cancels: "gave up on" covers "bought"; a gift is
# what its recipient acquired: "received from" covers "donated to".
RELATED_GROUPS = {frozenset({"acquire", "cancel"}), frozenset({"acquire", "donate"})}
# Kinds of event that say the opposite of each other: no paraphrase turns one into the other.
OPPOSITE_GROUPS = {
    frozenset(pair)
    for pair in (("support", "oppose"), ("increase", "decrease"), ("acquire", "cancel"))
}


def is_one_time(predicate: str) -> bool:
    return predicate_group(predicate) in _ONE_TIME_GROUPS or predicate in _ONE_TIME_PREDICATES


def is_cancellation(predicate: str, status: str | None) -> bool:
    return predicate_group(predicate) == "cancel" or status in ("cancelled", "replaced")


def is_prospective(status: str | None) -> bool:
    """A plan or an announcement says what may happen, not what did."""
    return status in ("planned", "announced")


NEGATIONS = frozenset({"not", "never", "no", "neither", "nor", "didn't", "didnt", "wasn't",
                        "weren't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "won't",
                        "refused", "refuses", "declined", "rule_out", "rules_out",
                        "ruled_out"})  # fmt: skip
# Auxiliaries and reporting verbs name the event only when nothing else does.
REPORTING_VERBS = frozenset("said says say stated claimed reported".split())
# Verbs that only link a subject to its figure ("the loan amounted to", "was worth").
FILLER_VERBS = frozenset(
    "took_place take_place amounted amounts amount totalled totaled totals stood worth happened "
    "happen occurred occur".split()
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


LINKING_VERBS = frozenset(
    "reached reach reaches hit topped exceeded came stood rose fell grew increased".split()
)


# Nouns that count the same people or things: "3,000 troops" counts what "3,000 soldiers"
# counts, so the two figures compare. (Pairs seen in a labelled set are left out on purpose:
# the sets measure, they do not teach.)
COUNTED_ALIKE = tuple(
    frozenset(group.split())
    for group in (
        "soldier soldiers troop troops serviceman servicemen",
        "worker workers employee employees job jobs",
        "dose doses vaccine vaccines jab jabs shot shots",
    )
)

# Verbs of an acquisition that tell its delivery, not its order: an order and its delivery are
# two dates of one deal.
TRANSFER_VERBS = (
    "delivered deliver received receive arrived arrive reached reach shipped got get gets "
    "handed_over hand_over".split()
)
TRANSFER_PREDICATES = frozenset({"delivered", "received"})
# The recipient's side of a handover, sold or given: "Ruritania received drones from Zembla"
# tells what "Zembla donated drones to Ruritania" tells.
RECEIVING_VERBS = frozenset("received receive receives got get gets handed_over".split())
# ... and verbs that may tell either ("Serbia procured the drones in 2020": ordered then, or
# received then): a date agrees with either phase's, and differs from neither.
EITHER_PHASE_VERBS = frozenset("acquired acquire acquires procured procure procures obtained "
                               "obtain obtains".split())  # fmt: skip


# Verbs too common in other senses to say what kind of event a claim's sentence tells of
# ("reached an agreement", "took part", "made up").
AMBIGUOUS_VERBS = frozenset("reached reach took take got get made make gave give".split())


# Lucene's English stop words: only the words that carry no content at all; "not", "no" and the
# like are kept out of it on purpose in `verify`, but ranking loses nothing by dropping them.
RANKING_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with".split()
)


# Words that end the phrase naming what a figure counts ('six drones were ...').
COUNT_ENDS = frozenset(
    "in to of for from at by on and or was were is are has have had with which that who "
    "during since until".split()
)


EVENT_KINDS_TO_EXTRACT = frozenset(
    "acquire cancel finance invest sign launch hold adopt install donate abolish recognize "
    "attack build visit".split()
)


# The predicate a candidate gets from the kind of event its verb names.
PREDICATE_OF_KIND = {
    "acquire": "acquired", "cancel": "cancelled", "finance": "lent", "invest": "invested",
    "sign": "signed", "launch": "launched", "hold": "held", "adopt": "adopted",
    "install": "installed", "donate": "donated", "abolish": "abolished",
    "recognize": "recognized", "visit": "visited", "build": "built", "increase": "stated",
}  # fmt: skip


PREDICATE_OF_VERB = {
    "bought": "purchased", "purchased": "purchased", "ordered": "ordered",
    "delivered": "delivered", "received": "received", "arrived": "delivered", "lent": "lent",
    "borrowed": "borrowed", "financed": "financed", "exported": "exported",
    "imported": "imported", "produced": "produced", "deployed": "deployed", "signed": "signed",
    "agreed": "agreed", "announced": "announced", "established": "established",
    "joined": "joined", "hosted": "hosted", "met": "met", "trained": "trained",
    "replaced": "replaced", "declared": "declared", "supported": "supported",
    "opposed": "opposed",
}  # fmt: skip


IRREGULAR_PAST = frozenset(
    "bought sold lent built held took began met won went gave made sent paid led brought "
    "spent hit set got came rose grew fell thought said told saw knew found felt became kept "
    "left lost meant stood understood wrote spoke chose flew fought sought taught broke heard "
    "struck threw wore drew".split()
)


HANDED_OVER = frozenset("delivered donated sold sent exported lent handed supplied".split())


# Function words that say nothing about which fact a statement is about.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not of off on once only or other our out over own same she should so
    some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    according reportedly said says one's type kind sort instead rather""".split()
)


_LISTS: dict[str, frozenset[str]] = {
    **{f"event:{kind}": words for kind, words in PREDICATE_GROUPS.items()},
    "function word": STOPWORDS,
    "ranking stop word": RANKING_STOP_WORDS,
    "negation": NEGATIONS,
    "reporting verb": REPORTING_VERBS,
    "filler verb": FILLER_VERBS,
    "linking verb": LINKING_VERBS,
    "ambiguous verb": AMBIGUOUS_VERBS,
    "transfer verb": frozenset(TRANSFER_VERBS),
    "receiving verb": RECEIVING_VERBS,
    "counts what its fellows count": frozenset().union(*COUNTED_ALIKE),
    "ends a noun phrase": PHRASE_ENDS,
    "ends what a figure counts": COUNT_ENDS,
    "irregular past": IRREGULAR_PAST,
    "handed over": HANDED_OVER,
}


def roles(word: str) -> list[str]:
    """Every role the lexicon gives a word, for a reader wondering why a word was read as it was
    ("had": a function word that ends a noun phrase, never a kind of event)."""
    return [role for role, words in _LISTS.items() if word in words]
