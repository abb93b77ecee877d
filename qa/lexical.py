"""Chunks -> BM25 postings with bm25s (sparse matrices saved as numpy files, never pickled)."""

from __future__ import annotations

import math
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from qa.manifest import Bm25


def _import_bm25s() -> Any:
    """bm25s, imported without scipy.sparse and tqdm, a quarter of a second of every `qa ask`.

    bm25s imports both when it can, yet builds its matrices with numpy by default and shows no
    progress when asked not to, as qa always asks; hidden only while it loads, they stay
    importable for everything else.
    """
    if "bm25s" in sys.modules:
        return sys.modules["bm25s"]
    hide = "scipy.sparse" not in sys.modules
    quiet = os.environ.get("DISABLE_TQDM")
    if hide:
        sys.modules["scipy.sparse"] = None  # type: ignore[assignment]
    os.environ["DISABLE_TQDM"] = "1"
    try:
        import bm25s
    finally:
        if hide:
            del sys.modules["scipy.sparse"]
        if quiet is None:
            del os.environ["DISABLE_TQDM"]
    return bm25s


bm25s = _import_bm25s()

PARAMS = Bm25(method="lucene", k1=1.5, b=0.75, stopwords="en", stemmer="english")
"""Recorded in the manifest; Lucene's BM25 with English stop words and Snowball stemming."""


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer(PARAMS.stemmer)


def tokenize(texts: list[str]) -> list[list[str]]:
    """The terms BM25 sees: lower-cased words, English stop words dropped, stemmed."""
    tokens: list[list[str]] = bm25s.tokenize(
        texts,
        stopwords=PARAMS.stopwords,
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )
    return tokens


QUESTION_WORDS = [
    "what",
    "whats",
    "why",
    "how",
    "who",
    "whom",
    "whose",
    "which",
    "when",
    "where",
    "would",
    "could",
    "should",
    "did",
    "does",
    "do",
    "doe",
    "say",
    "said",
    "says",
    "think",
    "thinks",
    "tell",
    "according",
]
"""Words that shape a question but never its topic; dropped from queries, not from documents."""


@cache
def _question_terms() -> frozenset[str]:
    return frozenset(tokenize([" ".join(QUESTION_WORDS)])[0]) | frozenset(QUESTION_WORDS)


@cache
def function_words() -> frozenset[str]:
    """English stop words and question words, lower-cased: what ``content_words`` leaves out."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | frozenset(QUESTION_WORDS)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are neither stop words nor question words, lower-cased.

    Unlike ``tokenize`` this keeps one-letter words, so only a question made of nothing but
    stop words and punctuation comes back empty.
    """
    drop = function_words()
    return [w for w in re.findall(r"\w+", text.lower()) if w not in drop]


def query_terms(text: str) -> list[str]:
    """The terms of a question that BM25 and answer scoring should match."""
    drop = _question_terms()
    return [t for t in tokenize([text])[0] if t not in drop]


class LexicalIndex:
    """A BM25 index over chunk texts, addressed by chunk number."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        engine = bm25s.BM25(method=PARAMS.method, k1=PARAMS.k1, b=PARAMS.b)
        engine.index(tokenize(texts), show_progress=False)
        return cls(engine)

    def save(self, directory: Path) -> None:
        self.engine.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(directory), mmap=True, show_progress=False))

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Up to ``k`` (chunk number, score) pairs, best first, matching at least one term.

        ``mask`` (one 0/1 weight per chunk) restricts the search to some chunks.
        """
        tokens = [query_terms(query)]
        n = int(self.engine.scores["num_docs"])
        if not tokens[0] or n == 0:
            return []
        docs, scores = self.engine.retrieve(
            tokens,
            k=min(k, n),
            show_progress=False,
            n_threads=1,
            weight_mask=None if mask is None else mask.astype(np.float32),
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def knows(self, name: str) -> bool:
        """True when some chunk holds the last word of ``name`` (a surname: "Dunmore's" is
        "dunmor" once stemmed)."""
        terms = tokenize([name.split()[-1]])[0] if name.split() else []
        return not terms or any(t in self.engine.vocab_dict for t in terms)

    def idf(self, terms: list[str]) -> dict[str, float]:
        """Lucene idf of each term over the chunks; an unknown term counts as seen once."""
        n = int(self.engine.scores["num_docs"])
        indptr = self.engine.scores["indptr"]
        out = {}
        for term in terms:
            t = self.engine.vocab_dict.get(term)
            df = 0 if t is None or t + 1 >= len(indptr) else int(indptr[t + 1] - indptr[t])
            out[term] = math.log(1 + (n - max(df, 1) + 0.5) / (max(df, 1) + 0.5))
        return out
