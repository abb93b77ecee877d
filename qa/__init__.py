"""qa: local, offline question answering over a folder of documents, with cited verbatim quotes.

The Python API the CLI and REPL are built on::

    import qa
    qa.build_index(Path("corpus"), Path("index"))
    result = qa.open_index("index").ask("what did Roy say about nonaggression pacts")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.types import Chunk, Document, QAError

if TYPE_CHECKING:
    from qa.indexer import BuildReport, build_index
    from qa.pipeline import Pipeline
    from qa.store import Index

_LAZY = {
    "BuildReport": "qa.indexer",
    "build_index": "qa.indexer",
    "Pipeline": "qa.pipeline",
    "Index": "qa.store",
}


def __getattr__(name: str) -> Any:
    """The engine's parts load on first use (FAISS, onnxruntime, bm25s): `qa --version` and
    `qa -h` start fast, and a memory limit can be checked before native code loads."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qa' has no attribute {name!r}")


__all__ = [
    "BuildReport",
    "Chunk",
    "Document",
    "Index",
    "Pipeline",
    "QAError",
    "build_index",
    "open_index",
]


def open_index(path: str | Path) -> Pipeline:
    """Open a built index for asking: ``qa.open_index("index").ask(question) -> Result``."""
    from qa.pipeline import Pipeline

    return Pipeline.open(Path(path))
