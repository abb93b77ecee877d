"""Chunks for a query: BM25, dense, or a fusion of both that keeps each component's evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from qa.types import Chunk, Hit, QAError

if TYPE_CHECKING:
    from qa.store import Index

Mode = Literal["bm25", "dense", "hybrid"]
Fusion = Literal["rrf", "weighted"]
MODES: tuple[Mode, ...] = ("bm25", "dense", "hybrid")
FUSIONS: tuple[Fusion, ...] = ("rrf", "weighted")


@dataclass(frozen=True)
class RetrievalParams:
    """How to retrieve: the mode, how many hits, and how hybrid fuses its two lists.

    The default fusion (weighted, 0.5) was chosen over RRF on the bundled gold set.

    ``rrf`` scores a chunk by sum(1 / (rrf_k + rank)); ``weighted`` min-max normalises each list
    and adds ``dense_weight`` of the dense score to ``1 - dense_weight`` of the BM25 score.
    """

    mode: Mode = "hybrid"
    k: int = 10
    fusion: Fusion = "weighted"
    rrf_k: int = 60
    dense_weight: float = 0.5
    depth: int = 100
    """How many candidates each component contributes before fusion."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise QAError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")
        if self.fusion not in FUSIONS:
            raise QAError(f"unknown fusion {self.fusion!r}; choose one of {', '.join(FUSIONS)}")
        if self.k < 1:
            raise QAError("k must be at least 1")
        if not 0 <= self.dense_weight <= 1:
            raise QAError("the dense weight must be between 0 and 1")


Ranked = list[tuple[int, float]]


def _normalise(ranked: Ranked) -> dict[int, float]:
    if not ranked:
        return {}
    scores = np.array([s for _, s in ranked])
    lo, hi = float(scores.min()), float(scores.max())
    span = hi - lo
    return {i: (s - lo) / span if span > 0 else 1.0 for i, s in ranked}


def _ordered(ranked: Ranked) -> Ranked:
    """Best first, ties by chunk id: every backend breaks ties the same way."""
    return sorted(ranked, key=lambda item: (-item[1], item[0]))


def fuse(lexical: Ranked, dense: Ranked, params: RetrievalParams) -> list[tuple[int, float]]:
    """Fused (chunk, score) pairs, best first."""
    scores: dict[int, float] = {}
    if params.fusion == "rrf":
        for ranked in (lexical, dense):
            for rank, (i, _) in enumerate(ranked, 1):
                scores[i] = scores.get(i, 0.0) + 1.0 / (params.rrf_k + rank)
    else:
        w = params.dense_weight
        for ranked, weight in ((lexical, 1 - w), (dense, w)):
            for i, s in _normalise(ranked).items():
                scores[i] = scores.get(i, 0.0) + weight * s
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


class Backend(Protocol):
    """Where candidates come from: ranked (chunk id, score) lists from BM25 and from vector
    search, each optionally limited to some documents, and the chunks behind the ids. The
    retriever fuses the lists and the answerer reads the chunks; neither knows the engine."""

    def lexical_candidates(self, query: str, depth: int, doc_ids: set[str] | None) -> Ranked:
        """Up to ``depth`` chunks by BM25 score, best first."""
        ...

    def dense_candidates(self, vector: np.ndarray, depth: int, doc_ids: set[str] | None) -> Ranked:
        """Up to ``depth`` chunks by cosine similarity to ``vector``, best first."""
        ...

    def chunk(self, i: int) -> Chunk:
        """The chunk with id ``i``."""
        ...


class LocalBackend:
    """qa's own index: bm25s and FAISS files in one generation folder (``qa.store``)."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def chunk_mask(self, doc_ids: set[str]) -> np.ndarray:
        """1 for each chunk of the given documents, 0 elsewhere."""
        positions = [self.index.positions[d] for d in doc_ids if d in self.index.positions]
        return np.isin(self.index.chunk_documents, positions).astype(np.float32)

    def lexical_candidates(self, query: str, depth: int, doc_ids: set[str] | None) -> Ranked:
        mask = None if doc_ids is None else self.chunk_mask(doc_ids)
        if mask is not None and not mask.any():
            return []
        return self.index.lexical.search(query, depth, mask)

    def dense_candidates(self, vector: np.ndarray, depth: int, doc_ids: set[str] | None) -> Ranked:
        allowed = None if doc_ids is None else np.flatnonzero(self.chunk_mask(doc_ids))
        if allowed is not None and not len(allowed):
            return []
        return self.index.dense.search(vector, depth, allowed)

    def chunk(self, i: int) -> Chunk:
        return self.index.chunk(i)


class Retriever:
    """Searches one backend; ``embed`` turns the query into a vector (only called when needed)."""

    def __init__(self, backend: Backend, embed: Callable[[str], np.ndarray]) -> None:
        self.backend = backend
        self.embed = embed

    def search(
        self, query: str, params: RetrievalParams, doc_ids: set[str] | None = None
    ) -> list[Hit]:
        """The top ``params.k`` chunks for ``query``, optionally only from ``doc_ids``."""
        if doc_ids is not None and not doc_ids:
            return []
        depth = max(params.depth, params.k)
        lexical: Ranked = []
        dense: Ranked = []
        if params.mode in ("bm25", "hybrid"):
            lexical = _ordered(self.backend.lexical_candidates(query, depth, doc_ids))
        if params.mode in ("dense", "hybrid"):
            dense = _ordered(self.backend.dense_candidates(self.embed(query), depth, doc_ids))
        if params.mode == "bm25":
            fused = lexical
        elif params.mode == "dense":
            fused = dense
        else:
            fused = fuse(lexical, dense, params)
        lex = {i: (r, s) for r, (i, s) in enumerate(lexical, 1)}
        den = {i: (r, s) for r, (i, s) in enumerate(dense, 1)}
        hits = []
        for i, score in fused[: params.k]:
            lr, ls = lex.get(i, (None, None))
            dr, ds = den.get(i, (None, None))
            hits.append(Hit(i, self.backend.chunk(i), score, lr, ls, dr, ds))
        return hits
