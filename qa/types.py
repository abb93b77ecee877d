"""The data that flows through the pipeline, each type defined once.

files -> Document -> Chunk -> (embeddings, BM25 postings) -> Hit -> Answer
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]
"""A half-open character range ``(start, end)`` into a document's text."""


class QAError(Exception):
    """An error the user can act on: the CLI prints its message as one line and exits non-zero."""


@dataclass(frozen=True)
class Document:
    """One source file, decoded, with the spans that cleaning kept.

    ``text`` is the file's decoded text (for .txt and .md, the file itself), so every offset
    anywhere in qa indexes it and ``text[start:end]`` can be checked against the file.
    """

    doc_id: str
    path: str
    title: str
    author: str | None
    text: str
    content_hash: str
    kept: tuple[Span, ...]
    """Paragraph spans that survived boilerplate removal, in order, trimmed of whitespace."""


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive sentences of one document: the unit that is embedded and indexed."""

    doc_id: str
    start: int
    end: int
    sentences: tuple[Span, ...]
    text: str
    """Always ``document.text[start:end]``."""
