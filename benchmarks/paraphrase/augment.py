"""Extra training pairs for the second run (called at the end of make_pairs.build).

All generated from claims/*.yaml and sources/*.txt, with generic transformations only:
  del      ENTAILS: the statement with the claim's dates / figures deleted or generalised
           ("in 2019" removed, "six drones" -> "drones", "$1.2 billion" removed, "63% stake" ->
           "stake"); the rules check those details, the model only says "it states this claim".
           Applied to source sentences and to the claim's own text.
  xsrc     ENTAILS: claims about the same fact from different sources (same subject, same
           predicate family, same object, compatible date and quantity): the source sentence of
           one against the other's text, and text against text (both directions).
  attr     ENTAILS: attribution added ("Officials said that ...", "..., media reports said.").
  join     ENTAILS: the sentence joined with a neighbouring sentence as one clause (adds other
           facts and numbers).
  ent      ENTAILS: a person's full name replaced by the surname, a country/company name by
           "the country"/"the company" (generic, by entity type), a verb by a synonym of its
           predicate family.
  Each augmented statement also gets 2 hard negatives (neutral) by token_set_ratio, so that
  the transformations themselves do not signal "entails"; contradictions still need a changed
  figure: for a deleted-detail statement that still holds some claim figure, that figure is
  changed -> CONTRADICTS.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz

FAMILIES = [
    {"acquired", "purchased", "ordered", "bought", "received", "delivered", "imported"},
    {"signed", "concluded", "agreed", "adopted"},
    {"visited", "met", "attended", "hosted"},
    {"invested", "financed", "lent"},
    {"built", "installed", "launched", "established"},
]
EVENTFUL = {
    "donated",
    "announced",
    "declared",
    "appointed",
    "elected",
    "cancelled",
    "joined",
    "deployed",
    "trained",
    "exported",
    "produced",
    "operated",
    "owned",
    "named",
    "recognized",
    "abolished",
    "replaced",
    "awarded",
    "left",
    "borrowed",
    "published",
    "held",
    "participated",
    "amounted_to",
    "developed",
}
SYMMETRIC = {"signed", "concluded", "agreed", "met"}
VERB_SYNONYMS = {
    "acquired": ["purchased", "bought"],
    "purchased": ["bought", "acquired"],
    "bought": ["purchased", "acquired"],
    "ordered": ["purchased"],
    "received": ["took delivery of", "obtained"],
    "delivered": ["supplied", "handed over"],
    "signed": ["concluded", "inked"],
    "concluded": ["signed"],
    "visited": ["paid a visit to", "travelled to"],
    "met": ["held talks with", "met with"],
    "donated": ["gave", "provided"],
    "built": ["constructed"],
    "launched": ["started", "began"],
    "invested": ["put"],
    "increased": ["grew", "rose"],
    "attended": ["took part in"],
    "announced": ["said"],
    "stated": ["said"],
    "said": ["stated"],
}
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
NUMW = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens of|several"
DATE_PHRASE = re.compile(
    rf"(?:,\s*)?\b(?i:in|on|by|since|during|from|until|as of|as early as|back in|at the end of|in early|in late|in mid-?)\s+"
    rf"(?:(?:early|late|mid-?|the end of|the beginning of|the first half of|the second half of)\s+)?"
    rf"(?:(?:\d{{1,2}}\s+)?(?:{MONTHS})\s*(?:\d{{1,2}}(?:st|nd|rd|th)?)?,?\s*)?(?:\d{{4}})(?!\w)(?:\s*,)?"
    rf"|(?:,\s*)?\b(?i:in|on|since|during)\s+(?:{MONTHS})(?:\s+\d{{1,2}})?\b(?:\s*,)?"
    rf"|\s*\((?:\d{{4}}|[^()]{{0,20}}time)\)"
)
MONEY = re.compile(
    r"(?:\s*(?:worth|valued at|totall?ing|amounting to|of|for|at)\s+)?(?:about |around |some |nearly |over |more than |approximately )?"
    r"(?:US\s?\$|USD\s?|EUR\s?|€|\$|RMB\s?|CNY\s?)\s?\d[\d,.]*\s*(?:million|billion|bn|mn|m\b|tn|trillion)?"
    r"|(?:\s*(?:worth|valued at|of)\s+)?\d[\d,.]*\s*(?:million|billion|trillion)\s*(?:US )?(?:dollars|euros|USD|EUR|yuan|RMB)"
)
PERCENT_STAKE = re.compile(
    r"\b(?:a|an)\s+\d+(?:\.\d+)?(?:\s*%|-?\s*per\s*-?cents?|-?\s*percent)\s+(stake|share)"
)
PERCENT_OF = re.compile(r"\b\d+(?:\.\d+)?(?:\s*%|\s*per\s*cent|\s*percent)\s+of\b")
COUNT_NOUN = re.compile(
    rf"\b(?:\d[\d,]*|{NUMW})\s+(?!(?:million|billion|thousand|hundred|percent|per|of)\b)(?=(?:[A-Z][\w-]*\s+)*[A-Za-z][\w-]*s\b)",
    re.IGNORECASE,
)


def _tidy(t: str) -> str:
    t = re.sub(r"\s+([,.;:)])", r"\1", t)
    t = re.sub(r",\s*,", ",", t)
    t = re.sub(r"^\s*,\s*", "", t)
    t = re.sub(r"\(\s*\)", "", t)
    t = " ".join(t.split())
    t = re.sub(r"\b(a|an)\s+(?=[A-Z]?[a-z]+s\b)", "", t) if False else t
    return t[0].upper() + t[1:] if t else t


def drop_details(text: str, rng, which: str = "any") -> str:
    """Delete dates and generalise figures. which: 'date', 'num' or 'any' (both, each with p)."""
    out = text
    do_date = which in ("date", "any")
    do_num = which in ("num", "any")
    if do_date:
        out = DATE_PHRASE.sub(
            lambda m: " " if m.group(0).strip().endswith(",") and m.start() > 0 else "", out
        )
    if do_num:
        out = MONEY.sub("", out)
        out = PERCENT_STAKE.sub(lambda m: "a " + m.group(1), out)
        out = PERCENT_OF.sub(lambda m: rng.choice(["many of", "a share of", "part of"]), out)
        out = COUNT_NOUN.sub("", out)
    out = _tidy(out)
    return out


def family(pred: str) -> str:
    for i, f in enumerate(FAMILIES):
        if pred in f:
            return f"fam{i}"
    return pred


def compatible(a, b) -> bool:
    if a.date and b.date:
        da, db = str(a.date), str(b.date)
        if not (da.startswith(db) or db.startswith(da)):
            return False
    qa, qb = a.quantity or {}, b.quantity or {}
    if qa.get("value") is not None and qb.get("value") is not None:
        try:
            if float(qa["value"]) != float(qb["value"]):
                return False
        except (TypeError, ValueError):
            return False
    return True


ATTR_PRE = [
    "Officials said that ",
    "According to media reports, ",
    "Local media reported that ",
    "The government said that ",
    "Analysts note that ",
    "It was reported that ",
    "Sources confirmed that ",
    "State media said that ",
    "Critics point out that ",
]
ATTR_POST = [
    ", officials said.",
    ", media reports said.",
    ", the ministry said on Friday.",
    ", according to local media.",
    ", state broadcaster RTS reported.",
    ", the report said.",
]
JOINS = [", while ", "; ", ", and ", ". Meanwhile, ", ", as "]


STARTERS = {
    "The",
    "In",
    "On",
    "A",
    "An",
    "During",
    "According",
    "Since",
    "After",
    "Between",
    "At",
    "By",
    "As",
    "This",
    "These",
    "That",
    "It",
    "Its",
    "However",
    "Both",
    "From",
    "For",
    "With",
    "Although",
    "While",
    "When",
    "One",
    "Two",
    "Three",
    "Some",
    "Many",
    "Most",
    "Such",
    "There",
    "Under",
    "Over",
}


def lower_first(t: str) -> str:
    w = t.split(" ", 1)[0]
    if w in STARTERS:
        return t[0].lower() + t[1:]
    return t


def add_attribution(t: str, rng) -> str:
    t = t.rstrip()
    if rng.random() < 0.55:
        return rng.choice(ATTR_PRE) + lower_first(t)
    return t.rstrip(".") + rng.choice(ATTR_POST)


def entity_generalise(t: str, entities: list[dict], rng) -> str:
    out = t
    cands = []
    for e in entities:
        name = e["name"]
        if e.get("type") == "person" and " " in name and re.search(rf"\b{re.escape(name)}\b", out):
            cands.append((name, name.split()[-1]))
        elif e.get("type") == "country" and re.search(rf"\b{re.escape(name)}\b(?!')", out):
            cands.append((name, "the country"))
        elif e.get("type") == "company" and re.search(rf"\b{re.escape(name)}\b", out):
            cands.append((name, "the company"))
    rng.shuffle(cands)
    for name, rep in cands[:1]:
        # keep the first mention of a country/company when it occurs twice; else replace the first
        n = len(re.findall(rf"\b{re.escape(name)}\b", out))
        if rep.startswith("the") and n < 2 and rng.random() < 0.5:
            continue
        if rep.startswith("the") and n >= 2:
            out = re.sub(rf"\b[Tt]he\s+{re.escape(name)}\b", name, out)
            parts = re.split(rf"(\b{re.escape(name)}\b)", out)
            idx = [i for i, p in enumerate(parts) if p == name][1]
            parts[idx] = rep
            out = "".join(parts)
        else:
            out = re.sub(rf"(?:\b[Tt]he\s+)?\b{re.escape(name)}\b", rep, out, count=1)
    for v, syns in VERB_SYNONYMS.items():
        if re.search(rf"\b{v}\b", out) and rng.random() < 0.5:
            out = re.sub(rf"\b{v}\b", rng.choice(syns), out, count=1)
            break
    return _tidy(out)


def same_fact_map(claims) -> dict[str, set[str]]:
    """claim id -> ids of claims stating the same fact (subject, predicate family, object; compatible)."""
    groups = defaultdict(list)
    for c in claims:
        if c.object and c.subject:
            groups[(c.subject, family(c.predicate), c.object)].append(c)
            if c.predicate in SYMMETRIC:
                groups[(c.object, family(c.predicate), c.subject)].append(c)
    same_fact = defaultdict(set)
    for g in groups.values():
        for a in g:
            for b in g:
                if (
                    a.id != b.id
                    and compatible(a, b)
                    and (family(a.predicate).startswith("fam") or a.predicate in EVENTFUL)
                    and fuzz.token_set_ratio(a.text.lower(), b.text.lower()) >= 50
                ):
                    same_fact[a.id].add(b.id)
    return same_fact


def augment(
    claims, sources, sent_spans, statements, aliases, entities, near_dup, spo, by_id, tsr, rng
):
    import make_pairs as mp
    from common import normalise
    from rapidfuzz import fuzz, process

    ENT, CON, NEU = mp.ENTAILS, mp.CONTRADICTS, mp.NEUTRAL
    texts_norm = [normalise(c.text) for c in claims]
    out: list[tuple[str, str, int, str]] = []
    new_stmts: list[tuple[str, set[str]]] = []  # (statement, blocked) for hard negatives

    same_fact = same_fact_map(claims)

    def blocked_for(pos_ids):
        bl = set(pos_ids)
        for p in pos_ids:
            d = by_id[p]
            bl |= near_dup[p] | same_fact[p]
            if d.object:
                bl |= spo[(d.subject, d.predicate, d.object)]
        return bl

    def sent_of(c):
        spans = sent_spans[c.source]
        idx = [i for i, (s, e) in enumerate(spans) if s < c.end and e > c.start]
        if not idx:
            return None, None
        return idx, spans

    def positives_of(source, s0, e0):
        res = []
        for d in claims:
            if d.source != source:
                continue
            ov = min(d.end, e0) - max(d.start, s0)
            if ov > 0 and ov >= 0.8 * (d.end - d.start):
                res.append(d.id)
        return res

    for c in claims:
        idx, spans = sent_of(c)
        if idx is None:
            continue
        s0, e0 = spans[idx[0]][0], spans[idx[-1]][1]
        sent = mp.clean(sources[c.source][s0:e0])
        pos_ids = positives_of(c.source, s0, e0) or [c.id]
        bl = blocked_for(pos_ids)
        has_detail = bool(c.date) or bool(c.quantity) or bool(mp.number_tokens(c.text))
        # 1. detail deletion, on the sentence and on the claim's own text
        if has_detail:
            for base, kind in ((sent, "sent"), (c.text, "claim")):
                which = rng.choice(["date", "num", "any"])
                d = drop_details(base, rng, which)
                if d == base:
                    d = drop_details(base, rng, "any")
                if d != base and len(d) >= 25 and len(d) >= 0.4 * len(base):
                    if rng.random() < 0.3:
                        d = add_attribution(d, rng)
                    out.append((d, c.text, ENT, f"{kind}:del"))
                    new_stmts.append((d, bl))
                    # a figure the claim states that survived the deletion, changed -> contradicts
                    cn = mp.number_tokens(c.text)
                    hits = [
                        (t, s) for t, s in mp.perturbations(d, rng) if t in cn or t.lower() in cn
                    ]
                    if hits and rng.random() < 0.6:
                        out.append((rng.choice(hits)[1], c.text, CON, f"{kind}:delnum"))
        # 3. heavier rewrites of the sentence (once per claim, 2 kinds at random)
        kinds = rng.sample(["attr", "join", "ent"], 2)
        for k in kinds:
            if k == "attr":
                t = add_attribution(sent, rng)
            elif k == "join":
                j = rng.choice([idx[0] - 1, idx[-1] + 1])
                if not (0 <= j < len(spans)):
                    continue
                nb = mp.clean(sources[c.source][spans[j][0] : spans[j][1]])
                if len(nb) + len(sent) > 550 or len(nb) < 15:
                    continue
                if j > idx[-1]:
                    t = sent.rstrip(".") + rng.choice(JOINS) + lower_first(nb)
                else:
                    t = nb.rstrip(".") + rng.choice(JOINS) + lower_first(sent)
            else:
                t = entity_generalise(sent, entities, rng)
            if t == sent:
                continue
            out.append((t, c.text, ENT, f"sent:{k}"))
            new_stmts.append((t, bl))
        # claim text rewrites too (attribution / verb synonym / generic entity)
        if rng.random() < 0.5:
            t = entity_generalise(c.text, entities, rng)
            if rng.random() < 0.4:
                t = add_attribution(t, rng)
            if t != c.text:
                out.append((t, c.text, ENT, "claim:ent"))
                new_stmts.append((t, blocked_for([c.id])))
        # 2. cross-source paraphrases
        others = [by_id[o] for o in sorted(same_fact[c.id]) if by_id[o].source != c.source]
        rng.shuffle(others)
        for o in others[:3]:
            out.append((sent, o.text, ENT, "xsrc:sent"))
            out.append((c.text, o.text, ENT, "xsrc:claim"))
            if rng.random() < 0.5:
                d = drop_details(sent, rng, "any")
                if d != sent and len(d) >= 25:
                    out.append((d, o.text, ENT, "xsrc:del"))
                    new_stmts.append((d, blocked_for([o.id]) | bl))
            # a figure of the other claim, present in the sentence, changed -> contradicts
            on = mp.number_tokens(o.text)
            hits = [(t, s) for t, s in mp.perturbations(sent, rng) if t in on or t.lower() in on]
            if hits and rng.random() < 0.5:
                out.append((rng.choice(hits)[1], o.text, CON, "xsrc:num"))

    # hard negatives for the augmented statements
    if new_stmts:
        sims = process.cdist(
            [normalise(s) for s, _ in new_stmts], texts_norm, scorer=fuzz.token_set_ratio, workers=2
        )
        for i, (s, bl) in enumerate(new_stmts):
            order = np.argsort(-sims[i], kind="stable")[:30]
            hard = [claims[j].id for j in order if claims[j].id not in bl][:2]
            for h in hard:
                out.append((s, by_id[h].text, NEU, "aug:neg"))
    return out
