"""Vectors -> a FAISS inner-product index (cosine similarity on L2-normalised vectors)."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    """Exact inner-product search over chunk vectors, addressed by chunk number."""

    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def vectors(self) -> np.ndarray:
        """Every stored vector, so unchanged chunks can be reused without re-embedding."""
        out: np.ndarray = self.index.reconstruct_n(0, self.size)
        return out

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Up to ``k`` (chunk number, cosine) pairs, best first; ``allowed`` limits the chunks."""
        if self.size == 0:
            return []
        params = None
        if allowed is not None:
            params = faiss.SearchParameters()
            params.sel = faiss.IDSelectorBatch(allowed.astype(np.int64))
        scores, ids = self.index.search(
            np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, self.size), params=params
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
