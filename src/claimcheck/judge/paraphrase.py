"""The text-pair model behind the rules: does a statement say what a claim says, in other words?

A cross-encoder reads "[CLS] statement [SEP] claim [SEP]" and gives the probabilities that the
statement entails the claim, contradicts it, or says something else. It is all-MiniLM-L6-v2 with
its top layers and a three-way head fine-tuned on pairs generated from the database alone
(`benchmarks/train_paraphrase.py` reproduces the weights): a claim against the source sentence
around its quote, which says more than the claim, as entailment; the same sentence with a figure
or year changed as contradiction; other claims and swapped names as neither.

`verify` asks it only when the rules find no claim about a statement, and only about the few
best candidates; it decides relevance, never a figure or a date, which stay with the rules. It
needs the `semantic` extra (the base model's package, tokenizers); without it
`verify` runs on the rules alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from claimcheck.retrieve.embed import Encoder, Floats, model_folder

WEIGHTS = Path(__file__).with_name("paraphrase.npz")
LABELS = ("entails", "contradicts", "neutral")


@dataclass
class PairModel:
    encoder: Encoder
    head: Floats  # (3, width)
    bias: Floats
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> PairModel:
        """The fine-tuned weights in `path` over the installed base model; UsageError when the
        `semantic` extra is missing."""
        with np.load(path) as stored:
            meta = json.loads(bytes(stored["__meta__"]).decode())
            replaced = {k: stored[k].astype(np.float32) for k in stored.files if k != "__meta__"}
        head, bias = replaced.pop("head.weight"), replaced.pop("head.bias")
        encoder = Encoder.from_folder(model_folder(), int(meta["max_tokens"]), replaced)
        return cls(encoder, head, bias, meta)

    def score(self, pairs: list[tuple[str, str]]) -> Floats:
        """(n, 3) probabilities, in the order of LABELS, of each (statement, claim) pair."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        # A few short pairs make small matrices: BLAS threads cost more than they save, and on a
        # busy machine they wait on each other (2.8 s instead of 0.08 s for 4 pairs, measured).
        with threadpool_limits(limits=1, user_api="blas"):
            pooled = self.encoder.pooled(pairs)
        logits = pooled @ self.head.T + self.bias
        logits -= logits.max(-1, keepdims=True)
        odds = np.exp(logits)
        result: Floats = (odds / odds.sum(-1, keepdims=True)).astype(np.float32)
        return result
