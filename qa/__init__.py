"""qa: local, offline question answering over a folder of documents, with cited verbatim quotes.

The Python API the CLI and REPL are built on::

    import qa
    qa.build_index(Path("corpus"), Path("index"))
    index = qa.open_index("index")
"""

from __future__ import annotations

import os

# Nothing may ever be downloaded: set before any Hugging Face library is imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from pathlib import Path

from qa.indexer import BuildReport, build_index
from qa.store import Index
from qa.types import Chunk, Document, QAError

__all__ = ["BuildReport", "Chunk", "Document", "Index", "QAError", "build_index", "open_index"]


def open_index(path: str | Path) -> Index:
    """Open a built index for reading."""
    return Index.open(Path(path))
