"""qa: local, offline question answering over a folder of documents, with cited verbatim quotes.

The Python API the CLI and REPL are built on::

    import qa
    qa.build_index(Path("corpus"), Path("index"))
    result = qa.open_index("index").ask("what did Roy say about nonaggression pacts")
"""

from __future__ import annotations

import os

# Nothing may ever be downloaded: set before any Hugging Face library is imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from pathlib import Path

from qa.indexer import BuildReport, build_index
from qa.pipeline import Pipeline
from qa.store import Index
from qa.types import Chunk, Document, QAError

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
    return Pipeline.open(Path(path))
