"""Candidate sentences -> the probability that each answers the question: a cross-encoder.

The model is all-MiniLM-L6-v2 fine-tuned here as a cross-encoder on answer sentences from SQuAD
train (``eval/train_reranker.py``), exported to ONNX and quantised to int8; it ships inside the
package (``qa/models/reranker/``, whose ``reranker.json`` records its sha256 and how it was
trained). It reads the question and the sentence together, with the sentence before it and the
document's title as context, so it sees what a bi-encoder's cosine cannot: whether the sentence
states the thing asked for. Runs on onnxruntime; torch is never imported here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from qa.embed import file_sha256, load_failure, onnx_feed, onnx_session

MODEL_DIR = Path(__file__).resolve().parent / "models" / "reranker"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CARD_FILE = "reranker.json"
MAX_LENGTH = 128
"""Word pieces the model reads (the question, the sentence, then context until this is full),
unless its card says otherwise: a model is read as it was trained."""
CONTEXT_WORDS = 40
"""Words of the sentence before that the model reads, unless its card says otherwise."""


AFTER_WORDS = 0
"""Words of the sentence after it that the model reads, unless its card says otherwise."""


def candidate_text(
    sentence: str,
    before: str = "",
    title: str = "",
    context_words: int = CONTEXT_WORDS,
    after: str = "",
    after_words: int = AFTER_WORDS,
) -> str:
    """What the cross-encoder reads beside the question: the sentence first, then after a
    separator the title and the last ``context_words`` words of the sentence before it (what
    "he" or "that year" points to), and for a model trained so, after another the first
    ``after_words`` of the sentence after it (what the sentence leads to). Training and
    answering both build the text here."""
    context = " ".join(before.split()[-context_words:]) if context_words > 0 else ""
    title = " ".join(title.split()[:12])
    tail = " — ".join(t for t in (title, context) if t)
    text = f"{' '.join(sentence.split())} [SEP] {tail}" if tail else " ".join(sentence.split())
    follow = " ".join(after.split()[:after_words]) if after_words > 0 else ""
    return f"{text}{'' if tail else ' [SEP]'} [SEP] {follow}" if follow else text


class Reranker:
    """Scores (question, candidate text) pairs with the packaged ONNX cross-encoder."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self.folder = folder
        self._model: tuple[Any, Any] | None = None
        self._card: dict[str, Any] | None = None
        self._pool: ThreadPoolExecutor | None = None
        self.workers = max(1, min(4, os.cpu_count() or 1))
        """Candidates scored at once, each by one thread: a pair is too small for one run to
        keep two cores busy (12 candidates: 141 ms one after another on two cores, 73 ms two
        at a time, the same logits)."""

    @property
    def card(self) -> dict[str, Any]:
        """The settings and hash recorded when the model was exported (read once)."""
        if self._card is None:
            try:
                self._card = dict(json.loads((self.folder / CARD_FILE).read_text("utf-8")))
            except (OSError, ValueError, TypeError) as e:
                raise load_failure(
                    e, f"the answer reranker in {self.folder}", "reinstall qa"
                ) from e
        return self._card

    @property
    def max_length(self) -> int:
        return int(self.card.get("max_length", MAX_LENGTH))

    @property
    def context_words(self) -> int:
        return int(self.card.get("context_words", CONTEXT_WORDS))

    @property
    def after_words(self) -> int:
        return int(self.card.get("after_words", AFTER_WORDS))

    def text(self, sentence: str, before: str = "", title: str = "", after: str = "") -> str:
        """``candidate_text`` with the context this model was trained with."""
        return candidate_text(sentence, before, title, self.context_words, after, self.after_words)

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            from tokenizers import Tokenizer

            path = self.folder / MODEL_FILE
            card = self.card
            try:
                if file_sha256(path) != card["sha256"]:
                    raise ValueError(f"{MODEL_FILE} does not match the sha256 in {CARD_FILE}")
                tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
                tokenizer.enable_truncation(max_length=self.max_length, strategy="only_second")
                tokenizer.enable_padding()
                session = onnx_session(path, threads=1)
            except Exception as e:  # OSError, onnxruntime's and tokenizers' errors
                raise load_failure(
                    e, f"the answer reranker in {self.folder}", "reinstall qa"
                ) from e
            self._model = (tokenizer, session)
        return self._model

    def logits(self, question: str, texts: Sequence[str], batch_size: int = 1) -> np.ndarray:
        """One logit per text.

        Each text is scored alone by default: the int8 model quantises its activations per run,
        so in a batch a text's logit moved by up to 0.9 with the other texts and their padding.
        Alone, a sentence scores the same whatever else was retrieved, and no slower; runs
        go ``workers`` at a time."""
        out = np.zeros(len(texts), dtype=np.float32)
        if not texts:
            return out
        tokenizer, session = self._load()
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        pairs = [[(question, texts[j]) for j in idx] for idx in batches]
        feeds = [onnx_feed(tokenizer.encode_batch(batch)) for batch in pairs]
        if self._pool is None and self.workers > 1:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="qa-rerank")
        run = partial(session.run, None)  # releases the GIL, so runs on threads overlap
        runs = self._pool.map(run, feeds) if self._pool else map(run, feeds)
        for idx, (logits,) in zip(batches, runs, strict=True):
            out[idx] = logits.reshape(-1)
        return out

    def score(self, question: str, texts: Sequence[str]) -> np.ndarray:
        """The model's probability that each text answers ``question``."""
        p: np.ndarray = 1 / (1 + np.exp(-self.logits(question, texts).astype(np.float64)))
        return p


_SHARED: dict[Path, Reranker] = {}


def shared(folder: Path = MODEL_DIR) -> Reranker:
    """The process's one reranker for ``folder``: the model is read-only, so every index opened
    (a REPL that reopens one after a rebuild, a test suite) loads it once, on first use."""
    if folder not in _SHARED:
        _SHARED[folder] = Reranker(folder)
    return _SHARED[folder]
