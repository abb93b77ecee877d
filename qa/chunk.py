"""Sentence splitting and sentence-aware chunking, both as offsets into the document text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sentencex

from qa.types import Chunk, Document, Span


@dataclass(frozen=True)
class ChunkParams:
    """How documents are cut into chunks; recorded in the index manifest.

    The defaults were chosen on the bundled gold set (eval/README.md); 160 words stays inside
    the 256 word pieces MiniLM reads.
    """

    max_words: int = 160
    overlap_words: int = 0

    def __post_init__(self) -> None:
        if self.max_words < 1:
            raise ValueError("max_words must be at least 1")
        if not 0 <= self.overlap_words < self.max_words:
            raise ValueError("overlap_words must be at least 0 and less than max_words")


CHUNKER_VERSION = 2
"""Goes up when the same text and parameters would be chunked differently (2: run-on sentences
are cut), so a refresh re-chunks old indexes; vectors of unchanged chunks are kept."""

MAX_SENTENCE_CHARS = 2000
"""A longer "sentence" is run-on text (a list without full stops, a minified line) and is cut at
whitespace, so no quote, chunk or tokenizer call has to hold megabytes. MiniLM reads about 1,200
characters (256 word pieces); in SciFact one sentence in 50,000 is longer than this."""

_UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


def _pieces(text: str, a: int, z: int) -> Iterator[Span]:
    """``text[a:z]`` in spans of at most ``MAX_SENTENCE_CHARS``, cut after the last whitespace
    in the second half of each (or hard, when there is none), trimmed."""
    while z - a > MAX_SENTENCE_CHARS:
        half = a + MAX_SENTENCE_CHARS // 2
        m = _UP_TO_LAST_SPACE.match(text, half, a + MAX_SENTENCE_CHARS)
        cut = m.end() if m else a + MAX_SENTENCE_CHARS
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        yield a, end
        a = cut
        while a < z and text[a].isspace():
            a += 1
    if a < z:
        yield a, z


def split_sentences(text: str, spans: list[Span] | tuple[Span, ...]) -> list[Span]:
    """Split each kept span into sentences (sentencex), trimmed of surrounding whitespace.

    Line breaks inside a paragraph are soft wraps (PDF, hard-wrapped text), so the splitter sees
    them as spaces; the replacement keeps every offset where it was. No sentence is longer than
    ``MAX_SENTENCE_CHARS``.
    """
    out: list[Span] = []
    for start, end in spans:
        piece = text[start:end].replace("\r", " ").replace("\n", " ")
        for b in sentencex.get_sentence_boundaries("en", piece):
            a, z = start + b["start_index"], start + b["end_index"]
            while a < z and text[a].isspace():
                a += 1
            while z > a and text[z - 1].isspace():
                z -= 1
            out.extend(_pieces(text, a, z))
    return out


def _blocks(text: str, sentences: list[Span]) -> list[list[Span]]:
    """Group sentences into runs with only whitespace between: a chunk never spans removed text."""
    blocks: list[list[Span]] = []
    for s in sentences:
        if blocks and not text[blocks[-1][-1][1] : s[0]].strip():
            blocks[-1].append(s)
        else:
            blocks.append([s])
    return blocks


def chunk_document(doc: Document, params: ChunkParams) -> list[Chunk]:
    """Cut a document into overlapping chunks of whole sentences.

    Each chunk takes sentences until adding one more would pass ``max_words`` (a longer single
    sentence is a chunk of its own). The next chunk starts with the trailing sentences of the
    previous one that fit in ``overlap_words``, and always moves forward by at least one sentence.
    """
    text = doc.text
    chunks: list[Chunk] = []
    for block in _blocks(text, split_sentences(text, doc.kept)):
        words = [len(text[a:b].split()) for a, b in block]
        i = 0
        while i < len(block):
            j, total = i + 1, words[i]
            while j < len(block) and total + words[j] <= params.max_words:
                total += words[j]
                j += 1
            sents = tuple(block[i:j])
            start, end = sents[0][0], sents[-1][1]
            chunks.append(Chunk(doc.doc_id, start, end, sents, text[start:end]))
            if j == len(block):
                break
            back, overlap = j, 0
            while back - 1 > i and overlap + words[back - 1] <= params.overlap_words:
                back -= 1
                overlap += words[back]
            i = back
    return chunks
