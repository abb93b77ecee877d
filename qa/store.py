"""The index on disk: a folder of generations and a pointer to the current one.

    index/
      CURRENT            name of the live generation, replaced atomically
      .lock              held while a build runs
      gen-<id>/          manifest.json, documents.jsonl (+ document_offsets.npy),
                         chunks.npy, sentences.npy (+ sentence_vectors.npy),
                         chunk_hashes.npy, dense.faiss, bm25/

A build writes a new generation beside the live one and only then points CURRENT at it, so a
crash, ``kill -9`` or Ctrl-C at any moment leaves the previous index whole. Every file is JSON,
a numpy array, or FAISS's own format: nothing is ever unpickled.
"""

from __future__ import annotations

import errno
import json
import mmap
import os
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, fields
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from qa.dense import DenseIndex
from qa.lexical import LexicalIndex
from qa.manifest import Manifest
from qa.types import Chunk, Document, DocumentEntry, QAError, Span, out_of_memory

MAX_MANIFEST_BYTES = 1 << 30
"""A manifest describes documents, not their text: a gigabyte is millions of documents."""
FORMAT_VERSION = 3
"""3 added each sentence's vector (``SENTENCE_VECTORS``)."""
REUSABLE_VERSIONS = (1, 2, 3)
"""Formats whose chunk hashes, vectors and ONNX model a build can still take over."""
CURRENT = "CURRENT"
LOCK = ".lock"
GEN_PREFIX = "gen-"
BUILD_PREFIX = ".building-"
MANIFEST = "manifest.json"
_DOCUMENT_FIELDS = {f.name for f in fields(Document)}
DOCUMENTS = "documents.jsonl"
DOCUMENT_OFFSETS = "document_offsets.npy"
CHUNKS = "chunks.npy"
SENTENCES = "sentences.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
"""One float16 vector per row of ``SENTENCES``: answering compares candidate sentences with the
question without embedding them."""
CHUNK_HASHES = "chunk_hashes.npy"
DENSE = "dense.faiss"
BM25_DIR = "bm25"
DOCUMENT_CACHE = 4096
"""How many documents (and their sentence lists) a session keeps read."""
T = TypeVar("T")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file inside an index, read without following a symbolic link and
    refused past ``limit`` bytes: an index folder is a trust boundary, and a link to
    /dev/zero or to a file elsewhere must not be read (or hang, or fill memory)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > limit:
            raise OSError(errno.EFBIG, f"{st.st_size:,} bytes, more than {limit:,}")
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(limit + 1)[:limit]
    finally:
        os.close(fd)


def _read_current(index_dir: Path) -> str | None:
    """The text of CURRENT, stripped (bytes that are not UTF-8 replaced), or None if absent."""
    try:
        return read_regular(index_dir / CURRENT, 256).decode("utf-8", "replace").strip()
    except FileNotFoundError:
        return None
    except OSError as e:
        why = "a symbolic link" if e.errno == errno.ELOOP else (e.strerror or str(e))
        raise QAError(
            f"the index at {index_dir} is damaged (CURRENT: {why}); run `qa index`"
        ) from e


def current_name(index_dir: Path) -> str | None:
    """What CURRENT says, even if that generation is damaged (so it is never deleted); None
    when CURRENT itself cannot be trusted (a link, a device), so a build replaces it."""
    try:
        return _read_current(index_dir) or None
    except QAError:
        return None


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None when no index has been built here."""
    name = _read_current(index_dir)
    if name is None:
        return None
    gen = index_dir / name
    if (
        not name.startswith(GEN_PREFIX)
        or "/" in name
        or "\\" in name
        or gen.is_symlink()
        or not gen.is_dir()
    ):
        raise QAError(
            f"the index at {index_dir} is damaged (CURRENT names {name[:40]!r}); run `qa index`"
        )
    return gen


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def fsync_tree(path: Path) -> None:
    """Flush a finished generation to disk before it is made current."""
    for root, _, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def publish(index_dir: Path, built: Path) -> Path:
    """Make the finished generation ``built`` the live one, atomically, and drop older ones.

    The generation it replaces is kept until the next build, so a session that opened it (a
    REPL) goes on working.
    """
    previous = current_name(index_dir)
    gen = index_dir / (GEN_PREFIX + built.name.removeprefix(BUILD_PREFIX))
    fsync_tree(built)
    built.rename(gen)
    tmp = index_dir / (CURRENT + ".tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()  # never write through a link someone left in its place
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(gen.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, index_dir / CURRENT)
    dir_fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    remove_stale(index_dir, keep={gen.name, previous or ""})
    return gen


TRASH_PREFIX = ".deleting-"
"""A generation is renamed to this before it is deleted, so a crash mid-delete leaves a folder
the next build knows to finish deleting (a gen-* folder that lost its manifest first used to
stay for ever)."""


def _ours(entry: Path) -> bool:
    """A folder qa made: half-built, half-deleted, or a generation (with its manifest, or, left
    by an older qa's interrupted delete, holding nothing but files qa writes)."""
    if entry.name.startswith((BUILD_PREFIX, TRASH_PREFIX)):
        return True
    if not entry.name.startswith(GEN_PREFIX):
        return False
    if (entry / MANIFEST).is_file():
        return True
    try:
        names = [p.name for p in entry.iterdir()]
    except OSError:
        return False
    known = {
        MANIFEST,
        DOCUMENTS,
        DOCUMENT_OFFSETS,
        CHUNKS,
        SENTENCES,
        SENTENCE_VECTORS,
        CHUNK_HASHES,
        DENSE,
    }
    return bool(names) and all(
        n in known or n.startswith(("bm25", "model", "tokenizer", "onnx")) for n in names
    )


def remove_stale(index_dir: Path, keep: set[str]) -> None:
    """Delete half-built folders and generations not in ``keep`` (call under the lock).

    Only folders qa made are touched (see ``_ours``); each is renamed aside before it is
    deleted, so an interruption never leaves something that looks like a live generation.
    """
    for entry in index_dir.iterdir():
        if entry.is_symlink() or not entry.is_dir() or entry.name in keep or not _ours(entry):
            continue
        target = entry
        if not entry.name.startswith(TRASH_PREFIX):
            target = entry.with_name(TRASH_PREFIX + entry.name)
            try:
                entry.rename(target)
            except OSError:
                continue
        shutil.rmtree(target, ignore_errors=True)


def _reason(e: BaseException) -> str:
    """A short, one-line account of why a file could not be read."""
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 120 else text[:119] + "…"


class Index:
    """A built index opened for reading: documents, chunks, BM25 and FAISS.

    Opening reads only the manifest. The arrays, BM25 and FAISS files are memory-mapped, and a
    document's text is read from ``documents.jsonl`` by its byte offset when a hit needs it, so a
    million-chunk index answers without holding its texts in RAM.
    """

    def __init__(self, index_dir: Path, generation: Path, manifest: Manifest) -> None:
        self.dir = index_dir
        self.generation = generation
        self.manifest = manifest

    @classmethod
    def open(cls, index_dir: Path, reuse: bool = False) -> Index:
        """Open the live generation; one clear error if there is none or it cannot be used.

        With ``reuse`` an older format opens too, for a build to take its vectors and ONNX model.
        """
        gen = current_generation(index_dir)
        if gen is None:
            raise QAError(f"no index at {index_dir}; build one with `qa index`")
        try:
            manifest = json.loads(read_regular(gen / MANIFEST, MAX_MANIFEST_BYTES))
        except OSError as e:
            why = "a symbolic link" if e.errno == errno.ELOOP else (e.strerror or str(e))
            raise QAError(
                f"the index at {index_dir} is damaged ({MANIFEST}: {why}); run `qa index --rebuild`"
            ) from e
        except (ValueError, RecursionError) as e:
            why = " ".join(str(e).split())[:120]
            raise QAError(
                f"the index at {index_dir} is damaged ({MANIFEST}: not valid JSON, {why}); "
                "run `qa index --rebuild`"
            ) from e
        version = manifest.get("format_version") if isinstance(manifest, dict) else None
        if version != FORMAT_VERSION and not (reuse and version in REUSABLE_VERSIONS):
            raise QAError(
                f"the index at {index_dir} has format version {version!r}, this qa reads "
                f"version {FORMAT_VERSION}; run `qa index`"
                + ("" if version in REUSABLE_VERSIONS else " --rebuild")
            )
        for entry in gen.iterdir():
            # nothing in a generation is a link, or anything but a file (bm25s's is a folder)
            if entry.is_symlink() or not (entry.is_file() or entry.name == BM25_DIR):
                what = "a symbolic link" if entry.is_symlink() else "not a regular file"
                raise QAError(
                    f"the index at {index_dir} is damaged ({entry.name[:60]}: {what}); "
                    "run `qa index --rebuild`"
                )
        try:
            parsed = Manifest.parse(manifest)
        except ValueError as e:
            raise QAError(
                f"the index at {index_dir} is damaged ({MANIFEST}: {e}); run `qa index --rebuild`"
            ) from e
        return cls(index_dir, gen, parsed)

    def damaged(self, part: str, why: str) -> QAError:
        return QAError(
            f"the index at {self.dir} is damaged ({part}: {why}); run `qa index --rebuild`"
        )

    @contextmanager
    def _reading(self, part: str, why: str | None = None) -> Iterator[None]:
        """Turn a failure to read one part of the generation into one clear error (``why``, or
        what the exception says)."""
        try:
            yield
        except QAError:
            raise
        except (OSError, ValueError, RuntimeError, KeyError, TypeError, IndexError) as e:
            if out_of_memory(e):
                raise MemoryError(str(e)) from e  # not the index's fault
            raise self.damaged(part, why or _reason(e)) from e

    def _integers(self, part: str, array: np.ndarray, ndim: int) -> None:
        """Offsets must be integers of the right rank: a float or string array, or an object
        array, is damage, not something to index with."""
        if array.dtype.kind not in "iu" or array.ndim != ndim:
            raise self.damaged(part, f"holds {array.dtype} of rank {array.ndim}, not integers")

    def _expect(self, part: str, found: object, expected: object) -> None:
        if found != expected:
            raise self.damaged(part, f"holds {found}, the manifest says {expected}")

    def verify(self) -> None:
        """Read every part of the generation and check that they agree with the manifest.

        A refresh calls this before trusting an index it would otherwise call up to date.
        """
        from qa.embed import ONNX_CONFIG_FILE, ONNX_FILE, TOKENIZER_FILE, file_sha256

        # each property checks what it loads against the manifest; of an older format, only
        # what a build takes over (chunk hashes, vectors, the ONNX model) is read
        _ = self.chunk_hashes, self.dense
        if self.manifest.format_version == FORMAT_VERSION:
            _ = self.documents, self._sentence_rows, self.sentence_vectors, self.lexical
        onnx = self.manifest.onnx
        if onnx:
            with self._reading(ONNX_FILE):
                if file_sha256(self.generation / ONNX_FILE) != onnx.sha256:
                    raise ValueError("its sha256 is not the one in the manifest")
            for name in (TOKENIZER_FILE, ONNX_CONFIG_FILE):
                with self._reading(name):
                    json.loads((self.generation / name).read_text(encoding="utf-8"))

    def check_model(self, weights_sha256: str, name: str) -> None:
        """Refuse to mix query vectors from one model with an index built by another."""
        built = self.manifest.model
        if built.weights_sha256 != weights_sha256:
            raise QAError(
                f"the index at {self.dir} was built with model {built.name}, "
                f"not the configured {name}; run `qa index --rebuild`"
            )

    @property
    def entries(self) -> tuple[DocumentEntry, ...]:
        """Every document's metadata, in index order, from the manifest."""
        return self.manifest.documents

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each document's position in ``entries`` (and in the chunk table)."""
        return {e.doc_id: i for i, e in enumerate(self.entries)}

    @cached_property
    def _document_file(self) -> mmap.mmap | bytes:
        with self._reading(DOCUMENTS), open(self.generation / DOCUMENTS, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    @cached_property
    def _document_offsets(self) -> np.ndarray:
        with self._reading(DOCUMENT_OFFSETS):
            offsets: np.ndarray = np.load(
                self.generation / DOCUMENT_OFFSETS, mmap_mode="r", allow_pickle=False
            )
        self._integers(DOCUMENT_OFFSETS, offsets, 1)
        self._expect(
            DOCUMENT_OFFSETS, f"{len(offsets) - 1} documents", f"{self.num_documents} documents"
        )
        if len(offsets) and offsets[-1] != len(self._document_file):
            raise self.damaged(DOCUMENTS, "its size does not match its offsets")
        return offsets

    def document(self, position: int) -> Document:
        """The document at ``position``, text included, read from disk on first use."""
        return self.by_id[self.entries[position].doc_id]

    def _read_document(self, position: int) -> Document:
        with self._reading(DOCUMENTS):
            a, b = (int(x) for x in self._document_offsets[position : position + 2])
            d = json.loads(self._document_file[a:b])
            d["kept"] = tuple(tuple(s) for s in d["kept"])
            # a field a newer qa added is left out, so an older qa still reads its index
            return Document(**{k: v for k, v in d.items() if k in _DOCUMENT_FIELDS})

    @property
    def documents(self) -> list[Document]:
        """Every document with its text: for building and checking, not for answering."""
        return [self.by_id[e.doc_id] for e in self.entries]

    def load_all(self) -> None:
        """Open every part of the generation now. Its files are mapped or read into memory, so
        a reader keeps working after a rebuild publishes a new generation and deletes this one
        (a REPL left open across two `qa index --rebuild` used to fail on every question)."""
        for part in (
            "entries",
            "_document_file",
            "_document_offsets",
            "_chunk_rows",
            "_sentence_rows",
            "sentence_vectors",
            "dense",
            "lexical",
            "chunk_documents",
        ):
            getattr(self, part)

    @cached_property
    def by_id(self) -> ByDocumentId[Document]:
        """Documents by id, each read when first asked for."""
        return ByDocumentId(self, self._read_document)

    @cached_property
    def sentences_by_id(self) -> ByDocumentId[list[Span]]:
        """Each document's sentences by id, found when first asked for."""
        return ByDocumentId(self, self.sentences_of)

    @cached_property
    def _chunk_rows(self) -> np.ndarray:
        with self._reading(CHUNKS):
            rows: np.ndarray = np.load(self.generation / CHUNKS, mmap_mode="r", allow_pickle=False)
        self._integers(CHUNKS, rows, 2)
        self._expect(CHUNKS, f"shape {rows.shape}", f"shape {(self.num_chunks, 5)}")
        if rows.size and not 0 <= rows[:, 0].min() <= rows[:, 0].max() < self.num_documents:
            raise self.damaged(CHUNKS, "a chunk names a document the index does not have")
        return rows

    @cached_property
    def _sentence_rows(self) -> np.ndarray:
        with self._reading(SENTENCES):
            rows: np.ndarray = np.load(
                self.generation / SENTENCES, mmap_mode="r", allow_pickle=False
            )
        self._integers(SENTENCES, rows, 2)
        needed = int(self._chunk_rows[:, 4].max()) if self.num_chunks else 0
        if rows.ndim != 2 or rows.shape[1] != 2 or len(rows) < needed:
            raise self.damaged(SENTENCES, f"shape {rows.shape} does not match {CHUNKS}")
        return rows

    @cached_property
    def sentence_vectors(self) -> np.ndarray | None:
        """Each sentence row's vector (float16, memory-mapped); None in an index of an older
        format, whose sentences a build embeds again."""
        if self.manifest.format_version < 3:
            return None
        with self._reading(SENTENCE_VECTORS):
            vectors: np.ndarray = np.load(
                self.generation / SENTENCE_VECTORS, mmap_mode="r", allow_pickle=False
            )
        if vectors.dtype != np.float16:
            raise self.damaged(SENTENCE_VECTORS, f"holds {vectors.dtype}, not float16")
        self._expect(
            SENTENCE_VECTORS,
            f"shape {vectors.shape}",
            f"shape {(len(self._sentence_rows), self.manifest.model.dim)}",
        )
        return vectors

    def chunk_sentence_rows(self, i: int) -> tuple[int, int]:
        """The rows of ``SENTENCES`` (and ``SENTENCE_VECTORS``) that hold chunk ``i``'s."""
        return int(self._chunk_rows[i, 3]), int(self._chunk_rows[i, 4])

    @cached_property
    def sentence_rows_by_id(self) -> ByDocumentId[dict[Span, int]]:
        """Each document's sentences by id: span -> row of ``SENTENCE_VECTORS``."""
        return ByDocumentId(self, self._sentence_row_map)

    def _sentence_row_map(self, position: int) -> dict[Span, int]:
        first, last = np.searchsorted(self.chunk_documents, [position, position + 1])
        found: dict[Span, int] = {}
        for lo, hi in self._chunk_rows[first:last, 3:5]:
            for r in range(int(lo), int(hi)):
                a, b = self._sentence_rows[r]
                found.setdefault((int(a), int(b)), r)
        return found

    @cached_property
    def chunk_hashes(self) -> np.ndarray:
        with self._reading(CHUNK_HASHES):
            hashes: np.ndarray = np.load(self.generation / CHUNK_HASHES, allow_pickle=False)
        if hashes.dtype.kind != "S" or hashes.ndim != 1:
            raise self.damaged(CHUNK_HASHES, f"holds {hashes.dtype}, not 20-byte hashes")
        self._expect(CHUNK_HASHES, f"{len(hashes)} hashes", f"{self.num_chunks} hashes")
        return hashes

    @cached_property
    def dense(self) -> DenseIndex:
        with self._reading(DENSE, "truncated, or not a FAISS index"):
            dense = DenseIndex.load(self.generation / DENSE)
        # another index type of the right size (IVF, PQ) would search wrongly or fail later
        self._expect(DENSE, type(dense.index).__name__, str(self.manifest.faiss["type"]))
        self._expect(
            DENSE,
            f"{dense.size} vectors of dimension {dense.dim}",
            f"{self.num_chunks} vectors of dimension {self.manifest.model.dim}",
        )
        return dense

    @cached_property
    def lexical(self) -> LexicalIndex:
        with self._reading(BM25_DIR):
            lexical = LexicalIndex.load(self.generation / BM25_DIR)
            size = int(lexical.engine.scores["num_docs"])
        self._expect(BM25_DIR, f"{size} chunks", f"{self.num_chunks} chunks")
        return lexical

    @cached_property
    def chunk_documents(self) -> np.ndarray:
        """For each chunk, the position of its document (ascending: chunks are stored in
        document order)."""
        owners: np.ndarray = np.ascontiguousarray(self._chunk_rows[:, 0])
        return owners

    @property
    def num_chunks(self) -> int:
        return self.manifest.counts.chunks

    @property
    def num_documents(self) -> int:
        return self.manifest.counts.documents

    def chunk(self, i: int) -> Chunk:
        doc, start, end, lo, hi = (int(x) for x in self._chunk_rows[i])
        document = self.document(doc)
        sentences = tuple((int(a), int(b)) for a, b in self._sentence_rows[lo:hi])
        return Chunk(document.doc_id, start, end, sentences, document.text[start:end])

    def sentences_of(self, position: int) -> list[Span]:
        """A document's sentences, in order, without the repeats of overlapping chunks."""
        owners = self.chunk_documents
        first, last = np.searchsorted(owners, [position, position + 1])
        if first == last:
            return []
        rows = self._chunk_rows[first:last]
        spans = np.concatenate([self._sentence_rows[lo:hi] for lo, hi in rows[:, 3:5]])
        return [(int(a), int(b)) for a, b in np.unique(spans, axis=0)]

    def chunks(self) -> list[Chunk]:
        return [self.chunk(i) for i in range(self.num_chunks)]

    def disk_bytes(self) -> dict[str, int]:
        """Bytes on disk per part of the generation."""
        sizes: dict[str, int] = {}
        for entry in self.generation.iterdir():
            files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
            sizes[entry.name] = sum(p.stat().st_size for p in files)
        return sizes


class ByDocumentId(Mapping[str, T]):
    """An index's per-document values by doc id, each computed on first use and kept (at most
    ``DOCUMENT_CACHE`` at a time): what answering and rendering look texts and sentences up in."""

    def __init__(self, index: Index, compute: Callable[[int], T]) -> None:
        self.index = index
        self.compute = compute
        self._cache: dict[str, T] = {}

    def __getitem__(self, doc_id: str) -> T:
        if doc_id not in self._cache:
            value = self.compute(self.index.positions[doc_id])
            if len(self._cache) >= DOCUMENT_CACHE:
                self._cache.clear()
            self._cache[doc_id] = value
        return self._cache[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.index.positions)

    def __len__(self) -> int:
        return len(self.index.positions)


def write_generation(
    folder: Path,
    manifest: Manifest,
    documents: list[Document],
    chunks: list[Chunk],
    hashes: list[bytes],
    dense: DenseIndex,
    lexical: LexicalIndex,
    sentence_vectors: np.ndarray,
) -> None:
    """Write every file of a generation into ``folder`` (not yet live); ``sentence_vectors``
    has a row per sentence of each chunk, in chunk order."""
    position = {d.doc_id: i for i, d in enumerate(documents)}
    owners = np.array([position[c.doc_id] for c in chunks], dtype=np.int64)
    if np.any(np.diff(owners) < 0):  # Index.sentences_of finds a document's chunks by bisection
        raise ValueError("chunks must come in the order of their documents")
    chunk_rows = np.zeros((len(chunks), 5), dtype=np.int64)
    sentence_rows: list[tuple[int, int]] = []
    for i, c in enumerate(chunks):
        lo = len(sentence_rows)
        sentence_rows.extend(c.sentences)
        chunk_rows[i] = (owners[i], c.start, c.end, lo, len(sentence_rows))
    np.save(folder / CHUNKS, chunk_rows, allow_pickle=False)
    np.save(
        folder / SENTENCES,
        np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 2),
        allow_pickle=False,
    )
    if sentence_vectors.shape[0] != len(sentence_rows):
        raise ValueError("one sentence vector per sentence of each chunk")
    np.save(folder / SENTENCE_VECTORS, sentence_vectors.astype(np.float16), allow_pickle=False)
    np.save(folder / CHUNK_HASHES, np.asarray(hashes, dtype="S20"), allow_pickle=False)
    offsets = [0]
    with open(folder / DOCUMENTS, "wb") as f:
        for d in documents:
            offsets.append(offsets[-1] + f.write((json.dumps(asdict(d)) + "\n").encode()))
    np.save(folder / DOCUMENT_OFFSETS, np.asarray(offsets, dtype=np.int64), allow_pickle=False)
    dense.save(folder / DENSE)
    (folder / BM25_DIR).mkdir()
    lexical.save(folder / BM25_DIR)
    write_json(folder / MANIFEST, manifest.to_json())
