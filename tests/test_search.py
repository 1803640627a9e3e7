"""`claimcheck search`: the ranking a user sees, its JSON contract, its cache, and the optional
sentence-embedding ranker."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.retrieve import search as search_module
from claimcheck.retrieve.embed import Encoder
from claimcheck.retrieve.ranking import (
    Postings,
    best,
    char_terms,
    clean_query,
    fuse,
    learn_query_weights,
    word_terms,
)
from claimcheck.retrieve.search import open_search_index
from claimcheck.store.importer import import_collection
from tests.conftest import DbFactory

runner = CliRunner()

# Fact-check-like claims, invented for the tests; several share words on purpose.
COLLECTION = [
    (
        "c1",
        "A photograph shows Nancy Pelosi's mansion with a large wall around the estate.",
        "Is This a Wall Around Nancy Pelosi's Home?",
    ),
    (
        "c2",
        "Photographs show walls around the homes of President Obama and Hillary Clinton.",
        "Did These Politicians Build Walls Around Their Homes?",
    ),
    (
        "c3",
        "Electronic cigarettes contain ten times as many carcinogens as tobacco cigarettes.",
        "Do E-Cigarettes Contain Ten Times the Carcinogens?",
    ),
    (
        "c4",
        "The Fyre Festival was cancelled at the last minute, leaving attendees stranded.",
        "Luxury Fyre Festival Descends Into Chaos?",
    ),
    ("c5", "PayPal needs you to resubmit your credit card information.", "PayPal Scam"),
    (
        "c6",
        "Alexandria Ocasio-Cortez was photographed crying at an empty parking lot.",
        "Does an Image Show Ocasio-Cortez Fake-Crying?",
    ),
    (
        "c7",
        "A photograph shows Nancy Pelosi's mansion with a large wall around the estate.",
        "Is This a Wall Around Nancy Pelosi's Home?",
    ),
]


@pytest.fixture
def collection_db(tmp_path: Path) -> Path:
    source = tmp_path / "checks.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "claim": c, "title": t}) + "\n" for i, c, t in COLLECTION)
    )
    import_collection(source, tmp_path / "db")
    return tmp_path / "db"


def top_ids(root: Path, query: str, top: int = 3) -> list[str]:
    return [hit.document.id for hit in open_search_index(root).search(query, top).hits]


def test_a_paraphrase_finds_its_claim_first(collection_db: Path) -> None:
    assert (
        top_ids(collection_db, "Obama and Hillary built walls around their own houses")[0] == "c2"
    )
    assert top_ids(collection_db, "e-cigs have 10x more carcinogens than tobacco")[0] == "c3"


def test_hashtags_and_links_in_a_post(collection_db: Path) -> None:
    post = "#FyreFestival ran out of money https://t.co/trjQrQJCpW — Fan (@FyreFan) April 20, 2017"
    assert top_ids(collection_db, post)[0] == "c4"


def test_a_misspelt_name_still_matches(collection_db: Path) -> None:
    """Character 4-grams carry what a typo leaves of a name."""
    assert top_ids(collection_db, "Ocasio Cortes crying over a parking lot")[0] == "c6"


def test_duplicates_keep_the_collections_order(collection_db: Path) -> None:
    ranked = top_ids(collection_db, "Nancy Pelosi mansion wall", top=2)
    assert ranked == ["c1", "c7"]


def test_nothing_in_common_gives_no_results(collection_db: Path) -> None:
    assert top_ids(collection_db, "zzzz qqqq") == []
    assert top_ids(collection_db, "   ") == []


def test_hits_say_why_they_matched(collection_db: Path) -> None:
    (hit,) = open_search_index(collection_db).search("PayPal wants my credit card", 1).hits
    assert hit.document.id == "c5"
    assert hit.matched == ("paypal", "credit", "card")
    assert hit.ranks == {"words": 1, "chars": 1}
    assert hit.document.kind == "imported"


def test_search_finds_quoted_claims_too(make_db: DbFactory) -> None:
    root = make_db()
    hits = open_search_index(root).search("How many CH-92A drones arrived?", 2).hits
    assert hits[0].document.id == "t-002"
    assert hits[0].document.kind == "quoted"
    assert hits[0].document.origin == "drones-article"


def test_cli_json_lines_one_per_query_in_order(collection_db: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("PayPal credit card scam\n\nFyre Festival chaos\nzzzz\n")
    result = runner.invoke(
        app, ["search", "--db", str(collection_db), "--file", str(queries), "--top", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # One object per line of the file, a blank one too: output line N answers input line N.
    assert [line["query"] for line in lines] == [
        "PayPal credit card scam",
        "",
        "Fyre Festival chaos",
        "zzzz",
    ]
    assert lines[1]["results"] == []
    first = lines[0]["results"][0]
    assert (first["claim_id"], first["claim"]) == ("c5", COLLECTION[4][1])
    assert isinstance(first["score"], float)
    assert all(len(line["results"]) <= 5 for line in lines)
    scores = [r["score"] for r in lines[0]["results"]]
    assert scores == sorted(scores, reverse=True)
    assert lines[3]["results"] == []


def test_cli_human_output(collection_db: Path) -> None:
    result = runner.invoke(app, ["search", "--db", str(collection_db), "Fyre Festival"])
    assert result.exit_code == 0
    assert "c4" in result.stdout
    assert "why: words #1" in result.stdout


def test_cli_needs_a_query(collection_db: Path) -> None:
    result = runner.invoke(app, ["search", "--db", str(collection_db)])
    assert result.exit_code == 2
    assert "give a query" in result.stderr


def test_the_index_is_cached_and_survives_corruption(
    collection_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    open_search_index(collection_db)
    (cached,) = (tmp_path / "cache" / "search").glob("*.npz")
    built = []
    real_build = search_module.build_index
    monkeypatch.setattr(
        search_module, "build_index", lambda docs: built.append(1) or real_build(docs)
    )
    open_search_index(collection_db)
    assert built == []  # read from the cache
    cached.write_bytes(b"not a zip file")
    assert top_ids(collection_db, "PayPal scam")[0] == "c5"
    assert built == [1]  # rebuilt, silently
    # Any edit to the database is a new index.
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "n1", "claim": "Penguins can fly."}) + "\n")
    import_collection(more, collection_db)
    assert top_ids(collection_db, "flying penguins")[0] == "n1"


def test_semantic_without_the_extra_says_how_to_get_it(
    collection_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    result = runner.invoke(app, ["search", "--db", str(collection_db), "--semantic", "x"])
    assert result.exit_code == 2
    assert "pip install 'claimcheck[semantic]'" in result.stderr


# --- the rankers' parts ---


def test_query_cleaning() -> None:
    cleaned = clean_query(
        "Wow #DefundTheCBC https://t.co/abc pic.twitter.com/xyz (@realDonaldTrump)"
    )
    assert "http" not in cleaned and "pic.twitter" not in cleaned
    assert "Defund The CBC" in cleaned
    assert "real Donald Trump" in cleaned


def test_terms() -> None:
    assert word_terms("The drones were delivered") == ["drone", "were", "deliv"]
    assert char_terms("Fyre Festival") == [
        " fyr",
        "fyre",
        "yre ",
        "re f",
        "e fe",
        " fes",
        "fest",
        "esti",
        "stiv",
        "tiva",
        "ival",
        "val ",
    ]


def test_bm25_prefers_rare_terms_and_short_documents() -> None:
    postings = Postings.build(
        [["drone", "serbia"], ["serbia"] * 1 + ["loan"] * 5, ["serbia"]], 1.5, 0.75
    )
    scores = postings.scores(["drone", "serbia"])
    assert scores.argmax() == 0
    assert scores[2] > scores[1]  # same match, shorter document
    assert postings.scores(["unknown"]).tolist() == [0.0, 0.0, 0.0]


def test_best_and_fuse() -> None:
    scores = np.array([0.0, 2.0, 5.0, 2.0], dtype=np.float32)
    assert best(scores, 10).tolist() == [2, 1, 3]  # ties in collection order; zero left out
    assert best(scores, 2).tolist() == [2, 1]
    fused = fuse([np.array([1, 2]), np.array([2, 3])], k=10)
    assert fused[2] == pytest.approx(1 / 12 + 1 / 11)
    assert max(fused, key=fused.__getitem__) == 2


# --- the sentence encoder, on a tiny random BERT (the real model is an optional extra) ---


@dataclass
class _Encoding:
    ids: list[int]

    @property
    def type_ids(self) -> list[int]:
        return [0] * len(self.ids)


class _Tokenizer:
    def encode_batch(self, texts: list[str]) -> list[_Encoding]:
        return [_Encoding([1] + [2 + len(w) % 17 for w in t.split()] + [2]) for t in texts]


def tiny_encoder() -> Encoder:
    rng = np.random.default_rng(0)
    hidden, inner, vocab = 8, 16, 20
    weights = {
        "embeddings.word_embeddings.weight": rng.normal(size=(vocab, hidden)),
        "embeddings.position_embeddings.weight": rng.normal(size=(32, hidden)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, hidden)),
        "embeddings.LayerNorm.weight": np.ones(hidden),
        "embeddings.LayerNorm.bias": np.zeros(hidden),
    }
    shapes = {
        "attention.self.query": (hidden, hidden),
        "attention.self.key": (hidden, hidden),
        "attention.self.value": (hidden, hidden),
        "attention.output.dense": (hidden, hidden),
        "intermediate.dense": (inner, hidden),
        "output.dense": (hidden, inner),
    }
    for layer in range(2):
        p = f"encoder.layer.{layer}."
        for name, shape in shapes.items():
            weights[p + name + ".weight"] = rng.normal(scale=0.3, size=shape)
            weights[p + name + ".bias"] = rng.normal(scale=0.1, size=shape[0])
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[p + norm + ".weight"] = np.ones(hidden)
            weights[p + norm + ".bias"] = np.zeros(hidden)
    config = {"num_hidden_layers": 2, "num_attention_heads": 2}
    return Encoder(weights, _Tokenizer(), config, name="tiny")


def test_encoder_gives_unit_vectors_independent_of_batching() -> None:
    encoder = tiny_encoder()
    texts = ["a much longer sentence with many words in it", "short one", "mid length text here"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    # Padding to the batch's longest text must not change a text's vector, nor its row.
    assert np.allclose(together, alone, atol=1e-5)


def test_the_real_model_if_installed() -> None:
    pytest.importorskip("tokenizers")
    from claimcheck.errors import UsageError
    from claimcheck.retrieve.embed import load_encoder

    try:
        encoder = load_encoder()
    except UsageError:
        pytest.skip("claimcheck[semantic] is not installed")
    food, bread, baby = encoder.encode(
        [
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The girl is carrying a baby.",
        ]
    )
    assert food @ bread > 0.6 > 0.1 > food @ baby


def test_a_text_longer_than_the_model_reads_is_cut_first_to_the_same_effect() -> None:
    pytest.importorskip("tokenizers")
    from claimcheck.errors import UsageError
    from claimcheck.retrieve.embed import Encoder, model_folder

    try:
        clipped = Encoder.from_folder(model_folder(), max_tokens=32)
    except UsageError:
        pytest.skip("claimcheck[semantic] is not installed")
    whole = Encoder.from_folder(model_folder(), max_tokens=32)
    whole._max_tokens = None  # tokenizes all of it, then truncates
    long = "Serbia received  six CH-92A drones from China in June 2020, officials said. " * 50
    for inputs in ([long], [(long, "Serbia bought drones.")]):
        assert np.array_equal(clipped.pooled(inputs), whole.pooled(inputs))


def test_learned_weights_turn_chatter_down(collection_db: Path, tmp_path: Path) -> None:
    # c5 ("PayPal needs you to resubmit your credit card ...") shares only chatter with it
    query = "You need your carcinogens checked"
    before = open_search_index(collection_db).search(query, 3).hits
    assert before[0].ranks["words"] == 2 and before[1].document.id == "c5"
    assert before[1].ranks["words"] == 1
    examples = tmp_path / "examples.tsv"
    topics = {"c1": "Pelosi wall", "c2": "Obama walls", "c3": "e-cigarettes carcinogens",
              "c4": "Fyre Festival chaos", "c6": "Ocasio-Cortez crying", "c7": "Pelosi mansion"}  # fmt: skip
    lines = [
        f"you need to see your {topic} {n}\t{claim}"
        for n in range(5)
        for claim, topic in topics.items()
    ]
    examples.write_text("statement\tclaim_id\n" + "\n".join(lines) + "\n", encoding="utf-8")

    learned = runner.invoke(app, ["learn-weights", str(examples), "--db", str(collection_db)])
    assert learned.exit_code == 0, learned.output
    assert "learned from 30 statements" in learned.output
    weights = yaml.safe_load((collection_db / "query-weights.yaml").read_text(encoding="utf-8"))
    assert weights["weights"]["you"] == weights["weights"]["need"] == 0.2  # never in the claims
    assert "carcinogen" not in weights["weights"]  # a word of the claims keeps its weight
    after = open_search_index(collection_db).search(query, 3).hits
    assert [h.document.id for h in after][:1] == ["c3"]
    assert after[0].ranks["words"] == 1  # the chatter no longer outweighs the telling word

    (collection_db / "query-weights.yaml").unlink()  # deleting the file undoes it
    assert open_search_index(collection_db).search(query, 3).hits[0].ranks["words"] == 2


def test_learn_weights_refuses_bad_examples(collection_db: Path, tmp_path: Path) -> None:
    cases = {
        "unknown.tsv": ("a post about walls\tc1\na post about nothing\tc99\n", 2, "no claim 'c99'"),
        "columns.tsv": ("a post about walls\n", 1, "separated by a tab"),
        "broken.jsonl": (
            '{"statement": "walls", "claim_id": "c1"}\n{"statement": \n',
            2,
            "not JSON",
        ),
    }
    for name, (text, line, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["learn-weights", str(path), "--db", str(collection_db)])
        assert result.exit_code != 0
        assert f"{name}:{line}" in " ".join(result.output.split()) and message in result.output
        assert not (collection_db / "query-weights.yaml").exists()  # nothing written

    (collection_db / "query-weights.yaml").write_text("weights:\n  you: 7\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "walls", "--db", str(collection_db)])
    assert result.exit_code != 0 and "query-weights.yaml:2" in " ".join(result.output.split())


def test_learning_weighs_down_only_and_trusts_few_examples_less() -> None:
    examples = [(["you", "wall"], {"wall"}), (["you", "festival"], {"festival"}), (["rare"], set())]
    weights = learn_query_weights(examples, smoothing=1.0, floor=0.2)
    # "wall" and "festival" are always in the right claim: they keep 1 and are not listed
    assert set(weights) == {"you", "rare"}
    kept = 2 / 5  # of all the statements' words, the share the right claims had
    assert weights["you"] == pytest.approx(max(0.2, (0 + kept) / (2 + 1) / kept), abs=1e-3)
    assert weights["rare"] > weights["you"]  # seen once: pulled further toward 1
