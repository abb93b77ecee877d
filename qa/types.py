"""The data that flows through the pipeline, each type defined once.

files -> Document -> Chunk -> (embeddings, BM25 postings) -> Hit -> Answer
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, fields

Span = tuple[int, int]
"""A half-open character range ``(start, end)`` into a document's text."""

VERBATIM_SUFFIXES = (".txt", ".md", ".markdown")
"""Files whose decoded text is the file itself, so a line and column in it are the file's."""


@dataclass(frozen=True)
class ReadLimits:
    """What reading one corpus file may cost before it is skipped with a warning: wall-clock
    seconds, its size on disk, the memory its reader may take beyond qa's own, and the text it
    may produce. Each file is read in a child process held to these, so a parser that hangs,
    crashes or runs out of memory costs that file only. Here, not in qa.ingest, so the command
    line can show the defaults without importing the readers."""

    seconds: float = 60.0
    file_mb: float = 256.0
    memory_mb: float = 2048.0
    text_mb: float = 64.0
    """Millions of characters of text (a 64 MB plain-text file; far past any real document)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            name, value = f.name, getattr(self, f.name)
            if not 0 < value < 10**7:  # false for NaN too
                raise ValueError(f"{name} must be a positive number below 10^7, not {value}")


class QAError(Exception):
    """An error the user can act on: the CLI prints its message as one line and exits non-zero."""


def out_of_memory(e: BaseException) -> bool:
    """True when a native library's error means an allocation failed (std::bad_alloc, ENOMEM)."""
    text = str(e).lower()
    return (isinstance(e, OSError) and e.errno == errno.ENOMEM) or any(
        w in text
        for w in (
            "bad_alloc",
            "bad allocation",
            "failed to allocate",
            "cannot allocate",
            "out of memory",
            "failed to map segment",
        )
    )


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
    role: str | None = None
    """What the file's metadata says its author does ("Minister for Health"), when it names
    the author; the text's own credits are read at indexing (``qa.clean.credit_words``)."""

    def position(self, offset: int) -> tuple[int, int] | None:
        """The 1-based (line, column) of ``offset`` as an editor counts them in the file, or
        None when the text was extracted (HTML, PDF), whose lines are not the file's."""
        if not self.path.lower().endswith(VERBATIM_SUFFIXES):
            return None
        line_start = self.text.rfind("\n", 0, offset) + 1
        column = offset - line_start + 1
        if line_start == 0 and self.text.startswith("\ufeff"):
            column -= 1  # editors do not show the byte-order mark
        return self.text.count("\n", 0, offset) + 1, column

    def paragraphs(self, start: int, end: int) -> tuple[Passage, ...]:
        """The kept paragraphs that ``[start, end)`` lies in, whole."""
        return tuple(Passage(a, self.text[a:b]) for a, b in self.kept if a < end and b > start)


@dataclass(frozen=True)
class DocumentEntry:
    """What an index's manifest says of one document: enough to filter and cite without its text."""

    doc_id: str
    path: str
    title: str
    author: str | None
    content_hash: str
    chunks: int
    affiliations: tuple[str, ...] = ()
    """Organisations the byline places the author at, so questions can name them."""
    roles: tuple[str, ...] = ()
    """The words the document's credits use for who its author is ("hydrologist", "chair",
    "hosts", "association"), so a question can name them by role ("the hydrologist")."""
    stances: tuple[str, ...] = ()
    """Those of ``roles`` found only in what the credits say the author is for or against
    ("farm" of "a voice against the wind farm"): they name a role only when nothing else does."""
    nicknames: tuple[str, ...] = ()
    """Names the credits give the author beside their own: "Bernie the Bun" of 'Bernadette
    Quinlan ("Bernie the Bun"), owner, …', "Peggy" of "Margaret (Peggy) Doe"."""
    voices: tuple[str, ...] = ()
    """Whom a Q&A interview gives the words of, when not its credited writer ("Dana Whitlock"
    of an interview by Sam Okafor): a question may ask their view of it."""
    voice_roles: tuple[str, ...] = ()
    """The words the interview's standfirst uses for who they are ("midwife"), as ``roles``."""
    appositions: tuple[str, ...] = ()
    """Who the document says, in passing, people are ("Dana Kowalski: the Comets' president"):
    a question may name a writer by what another's piece calls them."""


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive sentences of one document: the unit that is embedded and indexed."""

    doc_id: str
    start: int
    end: int
    sentences: tuple[Span, ...]
    text: str
    """Always ``document.text[start:end]``."""


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the evidence for its rank: both component ranks and scores.

    Ranks are 1-based; a component that did not return the chunk leaves its rank and score None.
    """

    chunk_id: int
    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    bm25_score: float | None = None
    dense_rank: int | None = None
    dense_score: float | None = None


@dataclass(frozen=True)
class Passage:
    """A stretch of a document's text and the offset it starts at."""

    start: int
    text: str


@dataclass(frozen=True)
class Citation:
    """Where a quote comes from: ``document.text[start:end] == answer.text``."""

    doc_id: str
    title: str
    author: str | None
    path: str
    start: int
    end: int
    line: int | None = None
    """1-based line and column of ``start`` in the file (None for HTML and PDF)."""
    column: int | None = None


@dataclass(frozen=True)
class Answer:
    """One verbatim quote (one sentence or two consecutive ones) with its citation and context."""

    text: str
    score: float
    citation: Citation
    context: str
    context_start: int
    """Offset of ``context`` in the document, so the quote can be located inside it."""
    person: str | None = None
    """Who holds the view quoted: for questions that ask which author does ("person"), and
    for any quote from an interview's answers, its subject (not the interviewer it is
    credited to)."""
    paragraphs: tuple[Passage, ...] = ()
    """The paragraphs the quote lies in, whole: what people are shown as its context."""


@dataclass(frozen=True)
class Interpretation:
    """How the question was read: whose view it asks for, whom it mentions, what it is about.

    ``authors`` are the speakers: the documents are restricted to theirs. ``mentions`` are
    authors the question names only as content ("Lindqvist's idea"); they stay in ``topic``.
    """

    authors: tuple[str, ...]
    topic: str
    author_from: str | None = None
    """"question" or "option" when an author filter applies."""
    mentions: tuple[str, ...] = ()
    asks: str | None = None
    """"bio" (who is X, where does X work), "person" (which author argues…), "view" (what does
    X think, who proposed…) or None (a question of fact)."""
    others: tuple[str, ...] = ()
    """People the question asks the view of who are no authors of the index ("what does Jane
    Doe of the union think"): their words can only be quoted where a document names them."""
    absent: tuple[str, ...] = ()
    """Those of ``others`` no document names at all: nothing can be their view, so qa abstains."""

    @property
    def bio_of(self) -> tuple[str, ...]:
        """The authors a who-is question asks about: their documents are searched, and their
        bio lines answer."""
        return self.mentions if self.asks == "bio" and not self.authors else ()


@dataclass(frozen=True)
class Result:
    """The answer to one question; ``closest`` holds the best passages when qa abstained."""

    question: str
    abstained: bool
    interpretation: Interpretation
    answers: tuple[Answer, ...]
    closest: tuple[Answer, ...]
    hits: tuple[Hit, ...]
    mode: str

    def to_json(self) -> dict[str, object]:
        """The object `qa ask --json` prints (the contract in design.md)."""
        return {
            "question": self.question,
            "abstained": self.abstained,
            "interpretation": {
                "authors": list(self.interpretation.authors),
                "speakers": list(self.interpretation.authors),
                "mentions": list(self.interpretation.mentions),
                **(
                    {"absent": list(self.interpretation.absent)}
                    if self.interpretation.absent
                    else {}
                ),
                "topic": self.interpretation.topic,
                "mode": self.mode,
            },
            "answers": [
                {
                    "text": a.text,
                    "score": round(a.score, 4),
                    "citation": {
                        "doc_id": a.citation.doc_id,
                        "title": a.citation.title,
                        "author": a.citation.author,
                        "path": a.citation.path,
                        "start": a.citation.start,
                        "end": a.citation.end,
                        "line": a.citation.line,
                        "column": a.citation.column,
                    },
                    "context": a.context,
                    **({"person": a.person} if a.person else {}),
                }
                for a in self.answers
            ],
        }
