"""Fine-tune an all-MiniLM-L6-v2 cross-encoder on database-generated pairs (CPU, torch).

Run: python train_pairs.py
  -> train_pairs.tsv (from make_pairs.build), pairmodel_torch.pt (full fp32 state of the trained
     parts), pairmodel.npz (shipped weights: the trained top layers and the head, float16).

Input "[CLS] statement [SEP] claim [SEP]" (token types 0/1), at most 128 tokens, longest-first
truncation. The embeddings and the lower layers are frozen: their output is computed once, and
only the top TRAIN_LAYERS layers and a 3-way head on the mean-pooled output are trained.
Deterministic: fixed seeds, one thread pool of 2, fixed batch composition.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from common import OUT
from make_pairs import LABELS, build
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from claimcheck.retrieve.embed import model_folder

MODEL_DIR = model_folder()  # the installed all-MiniLM-L6-v2 package
SEED = 13
TRAIN_LAYERS = 3
MAX_TOKENS = 128
BATCH = 32
EPOCHS = 2
LR_LAYERS = 1e-4
LR_HEAD = 2e-3

VARIANT = os.environ.get(
    "PAIR_VARIANT", ""
)  # "" (shipped default) or "b": heavier entail/contradict weights
CLASS_WEIGHTS = (3.0, 3.0, 1.0) if VARIANT == "b" else (1.5, 2.5, 1.0)
SUFFIX = f"_{VARIANT}" if VARIANT else ""
VAL_SHARE = 0.05


class Layer(torch.nn.Module):
    """One BERT layer, parameters named as in the safetensors file."""

    def __init__(self, width: int, heads: int, inner: int, eps: float, dropout: float):
        super().__init__()
        self.heads, self.eps, self.p = heads, eps, dropout
        L = torch.nn.Linear
        self.q, self.k, self.v, self.o = (
            L(width, width),
            L(width, width),
            L(width, width),
            L(width, width),
        )
        self.ln1 = torch.nn.LayerNorm(width, eps=eps)
        self.up, self.down = L(width, inner), L(inner, width)
        self.ln2 = torch.nn.LayerNorm(width, eps=eps)

    def names(self, prefix: str) -> dict[str, torch.Tensor]:
        m = {
            "attention.self.query": self.q,
            "attention.self.key": self.k,
            "attention.self.value": self.v,
            "attention.output.dense": self.o,
            "attention.output.LayerNorm": self.ln1,
            "intermediate.dense": self.up,
            "output.dense": self.down,
            "output.LayerNorm": self.ln2,
        }
        out = {}
        for k, mod in m.items():
            out[f"{prefix}{k}.weight"] = mod.weight
            out[f"{prefix}{k}.bias"] = mod.bias
        return out

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, w = x.shape
        h = self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, h, w // h).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(w // h) + bias
        att = F.dropout(scores.softmax(-1), self.p, self.training)
        ctx = (att @ v).transpose(1, 2).reshape(b, n, w)
        x = self.ln1(F.dropout(self.o(ctx), self.p, self.training) + x)
        y = self.down(F.gelu(self.up(x)))
        return self.ln2(F.dropout(y, self.p, self.training) + x)


class CrossEncoder(torch.nn.Module):
    def __init__(self, config: dict, weights: dict[str, np.ndarray]):
        super().__init__()
        width, self.n_layers = config["hidden_size"], config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        self.emb = {
            k: torch.from_numpy(v.astype(np.float32))
            for k, v in weights.items()
            if k.startswith("embeddings.")
        }
        self.layers = torch.nn.ModuleList(
            Layer(
                width,
                config["num_attention_heads"],
                config["intermediate_size"],
                self.eps,
                config["hidden_dropout_prob"],
            )
            for _ in range(self.n_layers)
        )
        self.head = torch.nn.Linear(width, len(LABELS))
        with torch.no_grad():
            for i, layer in enumerate(self.layers):
                for name, p in layer.names(f"encoder.layer.{i}.").items():
                    p.copy_(torch.from_numpy(weights[name].astype(np.float32)))
            self.head.weight.normal_(0, 0.02)
            self.head.bias.zero_()

    def embed(self, ids: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        e = self.emb
        x = (
            e["embeddings.word_embeddings.weight"][ids]
            + e["embeddings.position_embeddings.weight"][: ids.shape[1]]
        )
        x = x + e["embeddings.token_type_embeddings.weight"][types]
        return F.layer_norm(
            x,
            (x.shape[-1],),
            e["embeddings.LayerNorm.weight"],
            e["embeddings.LayerNorm.bias"],
            self.eps,
        )

    @staticmethod
    def bias(mask: torch.Tensor) -> torch.Tensor:
        return ((1.0 - mask) * -1e9)[:, None, None, :]

    def lower(
        self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor, upto: int
    ) -> torch.Tensor:
        x, b = self.embed(ids, types), self.bias(mask)
        for layer in self.layers[:upto]:
            x = layer(x, b)
        return x

    def upper(self, x: torch.Tensor, mask: torch.Tensor, start: int) -> torch.Tensor:
        b = self.bias(mask)
        for layer in self.layers[start:]:
            x = layer(x, b)
        m = mask[:, :, None]
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.head(F.dropout(pooled, 0.1, self.training))

    def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(ids, types, mask, 0), mask, 0)


def tokenizer() -> Tokenizer:
    tok = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)  # longest first
    tok.no_padding()
    return tok


def encode(tok: Tokenizer, pairs: list[tuple[str, str]]) -> list:
    return tok.encode_batch(pairs)


def pad(encs: list) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(e.ids) for e in encs)
    ids = torch.zeros(len(encs), n, dtype=torch.long)
    types = torch.zeros(len(encs), n, dtype=torch.long)
    mask = torch.zeros(len(encs), n)
    for i, e in enumerate(encs):
        ids[i, : len(e.ids)] = torch.tensor(e.ids)
        types[i, : len(e.ids)] = torch.tensor(e.type_ids)
        mask[i, : len(e.ids)] = 1.0
    return ids, types, mask


def batches_by_length(encs: list, idx: list[int], rng: random.Random, size: int) -> list[list[int]]:
    """Shuffle, then sort within chunks of 50 batches by length, so padding stays small."""
    idx = idx[:]
    rng.shuffle(idx)
    out = []
    chunk = size * 50
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s : s + chunk], key=lambda i: len(encs[i].ids))
        out += [part[j : j + size] for j in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def main() -> int:
    t_start = time.time()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    pairs = build()
    with open(OUT / f"train_pairs{SUFFIX}.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["statement", "claim", "label", "kind"])
        for s, c, y, k in pairs:
            w.writerow([s, c, LABELS[y], k])
    labels = torch.tensor([p[2] for p in pairs])
    # validation: pairs whose claim text hashes into the held-out share
    val = [
        i
        for i, p in enumerate(pairs)
        if int(hashlib.sha1(p[1].encode()).hexdigest()[:8], 16) % 1000 < VAL_SHARE * 1000
    ]
    val_set = set(val)
    train = [i for i in range(len(pairs)) if i not in val_set]
    print(f"pairs {len(pairs)}: train {len(train)}, val {len(val)}", flush=True)

    config = json.loads((MODEL_DIR / "config.json").read_text())
    weights = load_file(str(MODEL_DIR / "model.safetensors"))
    model = CrossEncoder(config, weights)
    first = model.n_layers - TRAIN_LAYERS
    tok = tokenizer()
    encs = encode(tok, [(p[0], p[1]) for p in pairs])
    print(
        f"tokens: mean {np.mean([len(e.ids) for e in encs]):.1f}, truncated at {MAX_TOKENS}: "
        f"{sum(len(e.ids) >= MAX_TOKENS for e in encs)}",
        flush=True,
    )

    # frozen part, computed once per fixed batch
    rng = random.Random(SEED)
    model.eval()
    cache: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
    train_batches = batches_by_length(encs, train, rng, BATCH)
    val_batches = batches_by_length(encs, val, rng, 64)
    t0 = time.time()
    with torch.no_grad():
        for bi, b in enumerate(train_batches + val_batches):
            ids, types, mask = pad([encs[i] for i in b])
            cache[bi] = (model.lower(ids, types, mask, first).to(torch.bfloat16), mask)
            if bi % 100 == 0:
                print(
                    f"  frozen forward {bi}/{len(train_batches) + len(val_batches)} {time.time() - t0:.0f}s",
                    flush=True,
                )
    print(f"frozen forward: {time.time() - t0:.0f}s", flush=True)

    params = [p for layer in model.layers[first:] for p in layer.parameters()]
    for layer in model.layers[:first]:
        for p in layer.parameters():
            p.requires_grad_(False)
    opt = torch.optim.AdamW(
        [{"params": params, "lr": LR_LAYERS}, {"params": model.head.parameters(), "lr": LR_HEAD}],
        weight_decay=0.01,
    )
    steps = EPOCHS * len(train_batches)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    cw = torch.tensor(CLASS_WEIGHTS)
    step = 0
    t0 = time.time()
    for epoch in range(EPOCHS):
        model.train()
        order = list(range(len(train_batches)))
        rng.shuffle(order)
        total = 0.0
        for n, bi in enumerate(order):
            x, mask = cache[bi]
            y = labels[train_batches[bi]]
            logits = model.upper(x.float(), mask, first)
            loss = F.cross_entropy(logits, y, weight=cw)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params + list(model.head.parameters()), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            if n % 100 == 0:
                print(
                    f"  epoch {epoch} step {n}/{len(order)} loss {total / (n + 1):.4f} {time.time() - t0:.0f}s",
                    flush=True,
                )
        model.eval()
        correct = np.zeros((3, 3), dtype=int)
        with torch.no_grad():
            for k, b in enumerate(val_batches):
                x, mask = cache[len(train_batches) + k]
                pred = model.upper(x.float(), mask, first).argmax(-1)
                for t, p in zip(labels[b].tolist(), pred.tolist(), strict=True):
                    correct[t, p] += 1
        acc = np.trace(correct) / correct.sum()
        print(
            f"epoch {epoch}: train loss {total / len(order):.4f}, val acc {acc:.3f}\nconfusion (rows gold e/c/n):\n{correct}",
            flush=True,
        )
    print(f"training: {time.time() - t0:.0f}s", flush=True)
    # temperature on the held-out generated pairs (grid search on NLL); written as a second file
    with torch.no_grad():
        vl = torch.cat(
            [
                model.upper(
                    cache[len(train_batches) + k][0].float(),
                    cache[len(train_batches) + k][1],
                    first,
                )
                for k in range(len(val_batches))
            ]
        )
        vy = torch.cat([labels[b] for b in val_batches])
        grid = [round(0.5 + 0.05 * i, 2) for i in range(71)]
        nll = [F.cross_entropy(vl / T, vy).item() for T in grid]
        temp = grid[int(np.argmin(nll))]
    print(
        f"temperature on val: {temp} (nll {min(nll):.4f}; at T=1 {F.cross_entropy(vl, vy).item():.4f})",
        flush=True,
    )

    trained: dict[str, np.ndarray] = {}
    for i in range(first, model.n_layers):
        for name, p in model.layers[i].names(f"encoder.layer.{i}.").items():
            trained[name] = p.detach().numpy().copy()
    trained["head.weight"] = model.head.weight.detach().numpy().copy()
    trained["head.bias"] = model.head.bias.detach().numpy().copy()
    torch.save(
        {k: torch.from_numpy(v) for k, v in trained.items()}, OUT / f"pairmodel{SUFFIX}_torch.pt"
    )
    meta = {
        "base": "all-MiniLM-L6-v2",
        "trained_layers": list(range(first, model.n_layers)),
        "max_tokens": MAX_TOKENS,
        "labels": list(LABELS),
        "pooling": "mean",
    }
    # uncompressed: float16 weights shrink little, and loading skips 45 ms of zlib
    np.savez(
        OUT / f"pairmodel{SUFFIX}.npz",
        __meta__=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        **{k: v.astype(np.float16) for k, v in trained.items()},
    )
    meta_t = dict(meta, temperature=temp)
    np.savez(
        OUT / f"pairmodel{SUFFIX}_T.npz",
        __meta__=np.frombuffer(json.dumps(meta_t).encode(), dtype=np.uint8),
        **{
            k: (v / temp if k.startswith("head.") else v).astype(np.float16)
            for k, v in trained.items()
        },
    )
    size = (OUT / f"pairmodel{SUFFIX}.npz").stat().st_size
    print(
        f"wrote pairmodel.npz ({size / 1e6:.2f} MB); total {time.time() - t_start:.0f}s", flush=True
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
