"""A generated claims database of any size, for benchmarks (not tests): sources whose sentences
are the claims' quotes, entities with aliases, and claims with counts, money and dates."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import yaml

SYLLABLES = "ka lo mi ra ven tor sel dun bra zi po nek al mar ost vil gor tes lin um".split()
UNITS = ["drone", "camera", "tank", "ship", "school", "bridge", "tourist", "worker"]
VERBS = ["ordered", "received", "installed", "purchased", "built", "donated"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(
    root: Path, claims: int, *, per_source: int = 100, entities: int = 2000, seed: int = 7
) -> list[tuple[str, str]]:
    """Write the database under `root`; return (statement, expected verdict) pairs about it."""
    rng = random.Random(seed)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    names: dict[str, str] = {}
    spelled: set[str] = set()  # "Umbra Tes" and "Umbrates" would be one name to the matcher
    while len(names) < entities:
        n = f"{name(rng)} {name(rng, 1)}" if rng.random() < 0.3 else name(rng, 3)
        if n.lower().replace(" ", "") not in spelled:
            spelled.add(n.lower().replace(" ", ""))
            names[n.lower().replace(" ", "-")] = n
    ids = list(names)
    (root / "claims" / "entities.yaml").write_text(
        yaml.safe_dump(
            {
                "entities": [
                    {
                        "id": i,
                        "name": names[i],
                        "type": "organization",
                        "aliases": [names[i].upper()],
                    }
                    for i in ids
                ]
            },
            sort_keys=False,
        )
    )
    themes: dict[str, list[dict]] = {f"theme-{t}": [] for t in range(10)}
    statements: list[tuple[str, str]] = []
    for s in range((claims + per_source - 1) // per_source):
        sentences, records = [], []
        offset = 0
        for _ in range(min(per_source, claims - s * per_source)):
            subject, obj = rng.sample(ids, 2)
            count, unit, verb = rng.randint(2, 5000), rng.choice(UNITS), rng.choice(VERBS)
            year, month = rng.randint(1995, 2024), rng.choice(MONTHS)
            sentence = (
                f"In {month} {year}, {names[subject]} {verb} {count:,} {unit}s for {names[obj]}."
            )
            records.append(
                (offset, sentence, subject, obj, count, unit, verb, year, MONTHS.index(month) + 1)
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
            if rng.random() < 0.01:
                wrong = count + rng.randint(1, 50)
                statement = f"{names[subject]} {verb} {wrong} {unit}s for {names[obj]} in {year}."
                statements.append((statement, "contradicted"))
            elif rng.random() < 0.01:
                statement = (
                    f"{names[subject]} {verb} {count} {unit}s for {names[obj]} in {month} {year}."
                )
                statements.append((statement, "supported"))
        text = "\n".join(sentences) + "\n"
        sid = f"source-{s:05d}"
        (root / "sources" / f"{sid}.txt").write_text(text)
        meta = {"id": sid, "file": f"{sid}.txt", "title": f"Generated source {s}", "authors": [],
                "publisher": None, "date": None, "url": None, "language": "en",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "notes": "generated"}  # fmt: skip
        (root / "sources" / f"{sid}.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
        for n, (start, sentence, subject, obj, count, unit, verb, year, month) in enumerate(
            records
        ):
            themes[f"theme-{(s + n) % 10}"].append({
                "id": f"g{s:05d}-{n:03d}", "text": sentence, "source": sid, "quote": sentence,
                "start": start, "end": start + len(sentence),
                "prefix": text[max(0, start - 32):start], "suffix": text[start + len(sentence):start + len(sentence) + 32],
                "subject": subject, "predicate": verb, "object": obj,
                "quantity": {"value": count, "unit": unit}, "date": f"{year}-{month:02d}",
            })  # fmt: skip
    for theme, items in themes.items():
        doc = {"theme": "military", "claims": items}
        (root / "claims" / f"{theme}.yaml").write_text(
            yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False)
        )
    statements += [
        (f"{names[rng.choice(ids)]} built {rng.randint(2, 99)} warships.", "not_found")
        for _ in range(20)
    ]
    rng.shuffle(statements)
    return statements
