"""Vectors -> a FAISS inner-product index (cosine similarity on L2-normalised vectors).

The index type follows the size: exact search (``IndexFlatIP``) up to ``EXACT_BELOW`` vectors,
where one query costs a few milliseconds, and HNSW above it, whose recall@10 against exact
search is measured by ``eval/benchmark.py``. Files are memory-mapped on load, so only the
vectors a query touches need to be in RAM.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

EXACT_BELOW = 200_000
"""Up to this many vectors search is exact (about 15 ms a query at the limit on 2 cores)."""
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 128
FILTER_EXACT_BELOW = 50_000
"""A filtered search over at most this many vectors scores them all directly: exact, and
immune to HNSW losing neighbours behind a narrow filter."""


class DenseIndex:
    """Inner-product search over chunk vectors, addressed by chunk number."""

    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, exact_below: int = EXACT_BELOW) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        index: faiss.Index
        if len(vectors) < exact_below:
            index = faiss.IndexFlatIP(dim)
        else:
            hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            hnsw.hnsw.efSearch = HNSW_EF_SEARCH
            index = hnsw
        index.add(vectors)
        return cls(index)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    @property
    def exact(self) -> bool:
        return not isinstance(self.index, faiss.IndexHNSW)

    def describe(self) -> dict[str, Any]:
        """What the manifest records of the index type."""
        metric = "inner product on L2-normalised vectors"
        if self.exact:
            return {"type": "IndexFlatIP", "metric": metric}
        return {
            "type": "IndexHNSWFlat",
            "metric": metric,
            "M": HNSW_M,
            "efConstruction": HNSW_EF_CONSTRUCTION,
            "efSearch": HNSW_EF_SEARCH,
        }

    def vectors(self) -> np.ndarray:
        """Every stored vector, so unchanged chunks can be reused without re-embedding."""
        out: np.ndarray = self.index.reconstruct_n(0, self.size)
        return out

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
        if isinstance(index, faiss.IndexHNSW):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index)

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Up to ``k`` (chunk number, cosine) pairs, best first; ``allowed`` limits the chunks."""
        if self.size == 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        if allowed is not None and len(allowed) <= FILTER_EXACT_BELOW:
            return self._score(query[0], np.asarray(allowed, dtype=np.int64), k)
        params: Any = None
        if not self.exact:
            params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
            params.efSearch = max(HNSW_EF_SEARCH, k)
        elif allowed is not None:
            params = faiss.SearchParameters()
        selector = None if allowed is None else faiss.IDSelectorBatch(allowed.astype(np.int64))
        if selector is not None:
            params.sel = selector  # kept alive by the local name until the search returns
        scores, ids = self.index.search(query, min(k, self.size), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def _score(self, query: np.ndarray, ids: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Exact scores of the given chunks, best first (ties by chunk number)."""
        if len(ids) == 0:
            return []
        ids = np.sort(ids)
        scores = self.index.reconstruct_batch(ids) @ query
        top = np.lexsort((ids, -scores))[:k]
        return [(int(ids[i]), float(scores[i])) for i in top]
