"""The index on disk: a folder of generations and a pointer to the current one.

    index/
      CURRENT            name of the live generation, replaced atomically
      .lock              held while a build runs
      gen-<id>/          manifest.json, documents.jsonl, chunks.npy, sentences.npy,
                         chunk_hashes.npy, dense.faiss, bm25/

A build writes a new generation beside the live one and only then points CURRENT at it, so a
crash, ``kill -9`` or Ctrl-C at any moment leaves the previous index whole. Every file is JSON,
a numpy array, or FAISS's own format: nothing is ever unpickled.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from qa.dense import DenseIndex
from qa.lexical import LexicalIndex
from qa.types import Chunk, Document, QAError

FORMAT_VERSION = 1
CURRENT = "CURRENT"
LOCK = ".lock"
GEN_PREFIX = "gen-"
BUILD_PREFIX = ".building-"
MANIFEST = "manifest.json"
DOCUMENTS = "documents.jsonl"
CHUNKS = "chunks.npy"
SENTENCES = "sentences.npy"
CHUNK_HASHES = "chunk_hashes.npy"
DENSE = "dense.faiss"
BM25_DIR = "bm25"


def default_index_dir() -> Path:
    return Path(os.environ.get("QA_INDEX") or "index")


def current_name(index_dir: Path) -> str | None:
    """What CURRENT says, even if that generation is damaged (so it is never deleted)."""
    try:
        return (index_dir / CURRENT).read_bytes().decode("utf-8", "replace").strip() or None
    except FileNotFoundError:
        return None
    except OSError as e:
        raise QAError(f"cannot read the index at {index_dir}: {e.strerror or e}") from e


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None when no index has been built here."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise QAError(f"cannot read the index at {index_dir}: {e.strerror or e}") from e
    gen = index_dir / name
    if not name.startswith(GEN_PREFIX) or "/" in name or not gen.is_dir():
        raise QAError(
            f"the index at {index_dir} is damaged (CURRENT names {name!r}); run `qa index`"
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
    with open(tmp, "w", encoding="utf-8") as f:
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


def remove_stale(index_dir: Path, keep: set[str]) -> None:
    """Delete half-built folders and generations not in ``keep`` (call under the lock).

    Only folders qa made are touched: a ``gen-*`` folder without a manifest is someone else's.
    """
    for entry in index_dir.iterdir():
        if entry.is_symlink() or not entry.is_dir() or entry.name in keep:
            continue
        ours = entry.name.startswith(BUILD_PREFIX) or (
            entry.name.startswith(GEN_PREFIX) and (entry / MANIFEST).is_file()
        )
        if ours:
            shutil.rmtree(entry, ignore_errors=True)


_MANIFEST_SCHEMA: dict[str, Any] = {
    "model": {"name": str, "weights_sha256": str, "dim": int},
    "counts": {"documents": int, "chunks": int, "sentences": int},
    "chunking": {"max_words": int, "overlap_words": int},
    "bm25": dict,
    "corpus": str,
    "documents": list,
    "built_at": str,
    "build_seconds": (int, float),
}
"""What qa reads from a manifest, so a hand edit is caught when the index opens, not later."""


def _schema_problem(data: Any, schema: dict[str, Any], where: str = "") -> str | None:
    for key, expected in schema.items():
        if not isinstance(data, dict) or key not in data:
            return f"{where}{key} is missing"
        value = data[key]
        if isinstance(expected, dict) and not isinstance(value, dict):
            return f"{where}{key} has the wrong type"
        if isinstance(expected, dict):
            problem = _schema_problem(value, expected, f"{where}{key}.")
            if problem:
                return problem
        elif not isinstance(value, expected) or isinstance(value, bool):
            return f"{where}{key} has the wrong type"
    return None


def _reason(e: BaseException) -> str:
    """A short, one-line account of why a file could not be read."""
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 120 else text[:119] + "…"


@dataclass(frozen=True)
class DocumentEntry:
    """What the manifest says of one document."""

    doc_id: str
    path: str
    title: str
    author: str | None
    content_hash: str
    chunks: int


class Index:
    """A built index opened for reading: documents, chunks, BM25 and FAISS."""

    def __init__(self, index_dir: Path, generation: Path, manifest: dict[str, Any]) -> None:
        self.dir = index_dir
        self.generation = generation
        self.manifest = manifest

    @classmethod
    def open(cls, index_dir: Path) -> Index:
        """Open the live generation; one clear error if there is none or it cannot be used."""
        gen = current_generation(index_dir)
        if gen is None:
            raise QAError(f"no index at {index_dir}; build one with `qa index`")
        try:
            manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise QAError(f"the index manifest at {gen} is unreadable; run `qa index` ({e})") from e
        version = manifest.get("format_version") if isinstance(manifest, dict) else None
        if version != FORMAT_VERSION:
            raise QAError(
                f"the index at {index_dir} has format version {version!r}, this qa reads "
                f"version {FORMAT_VERSION}; run `qa index --rebuild`"
            )
        index = cls(index_dir, gen, manifest)
        problem = _schema_problem(manifest, _MANIFEST_SCHEMA)
        with index._reading(MANIFEST):
            if problem:
                raise ValueError(problem)
            _ = index.entries  # each document entry is checked as it is built
        return index

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
            raise self.damaged(part, why or _reason(e)) from e

    def _expect(self, part: str, found: object, expected: object) -> None:
        if found != expected:
            raise self.damaged(part, f"holds {found}, the manifest says {expected}")

    def verify(self) -> None:
        """Read every part of the generation and check that they agree with the manifest.

        A refresh calls this before trusting an index it would otherwise call up to date.
        """
        from qa.embed import ONNX_FILE, TOKENIZER_FILE, file_sha256

        # each property checks what it loads against the manifest
        _ = self.documents, self.chunk_hashes, self._sentence_rows, self.dense, self.lexical
        onnx = self.manifest.get("onnx")
        if onnx:
            with self._reading(ONNX_FILE):
                expected = onnx.get("sha256") if isinstance(onnx, dict) else None
                if file_sha256(self.generation / ONNX_FILE) != expected:
                    raise ValueError("its sha256 is not the one in the manifest")
            for name in (TOKENIZER_FILE, "onnx.json"):
                with self._reading(name):
                    json.loads((self.generation / name).read_text(encoding="utf-8"))

    def check_model(self, weights_sha256: str, name: str) -> None:
        """Refuse to mix query vectors from one model with an index built by another."""
        built = self.manifest["model"]
        if built["weights_sha256"] != weights_sha256:
            raise QAError(
                f"the index at {self.dir} was built with model {built['name']}, "
                f"not the configured {name}; run `qa index --rebuild`"
            )

    @cached_property
    def documents(self) -> list[Document]:
        docs = []
        with self._reading(DOCUMENTS), open(self.generation / DOCUMENTS, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                d["kept"] = tuple(tuple(s) for s in d["kept"])
                docs.append(Document(**d))
        self._expect(DOCUMENTS, f"{len(docs)} documents", f"{self.num_documents} documents")
        return docs

    @cached_property
    def entries(self) -> list[DocumentEntry]:
        return [DocumentEntry(**d) for d in self.manifest["documents"]]

    @cached_property
    def _chunk_rows(self) -> np.ndarray:
        with self._reading(CHUNKS):
            rows: np.ndarray = np.load(self.generation / CHUNKS, allow_pickle=False)
        self._expect(CHUNKS, f"shape {rows.shape}", f"shape {(self.num_chunks, 5)}")
        if rows.size and not 0 <= rows[:, 0].min() <= rows[:, 0].max() < self.num_documents:
            raise self.damaged(CHUNKS, "a chunk names a document the index does not have")
        return rows

    @cached_property
    def _sentence_rows(self) -> np.ndarray:
        with self._reading(SENTENCES):
            rows: np.ndarray = np.load(self.generation / SENTENCES, allow_pickle=False)
        needed = int(self._chunk_rows[:, 4].max()) if self.num_chunks else 0
        if rows.ndim != 2 or rows.shape[1] != 2 or len(rows) < needed:
            raise self.damaged(SENTENCES, f"shape {rows.shape} does not match {CHUNKS}")
        return rows

    @cached_property
    def chunk_hashes(self) -> np.ndarray:
        with self._reading(CHUNK_HASHES):
            hashes: np.ndarray = np.load(self.generation / CHUNK_HASHES, allow_pickle=False)
        self._expect(CHUNK_HASHES, f"{len(hashes)} hashes", f"{self.num_chunks} hashes")
        return hashes

    @cached_property
    def dense(self) -> DenseIndex:
        with self._reading(DENSE, "truncated, or not a FAISS index"):
            dense = DenseIndex.load(self.generation / DENSE)
        self._expect(
            DENSE,
            f"{dense.size} vectors of dimension {dense.dim}",
            f"{self.num_chunks} vectors of dimension {self.manifest['model']['dim']}",
        )
        return dense

    @cached_property
    def lexical(self) -> LexicalIndex:
        with self._reading(BM25_DIR):
            lexical = LexicalIndex.load(self.generation / BM25_DIR)
            size = int(lexical.engine.scores["num_docs"])
        self._expect(BM25_DIR, f"{size} chunks", f"{self.num_chunks} chunks")
        return lexical

    @property
    def chunk_documents(self) -> np.ndarray:
        """For each chunk, the position of its document in ``documents``."""
        return self._chunk_rows[:, 0]

    @property
    def num_chunks(self) -> int:
        return int(self.manifest["counts"]["chunks"])

    @property
    def num_documents(self) -> int:
        return int(self.manifest["counts"]["documents"])

    def chunk(self, i: int) -> Chunk:
        doc, start, end, lo, hi = (int(x) for x in self._chunk_rows[i])
        document = self.documents[doc]
        sentences = tuple((int(a), int(b)) for a, b in self._sentence_rows[lo:hi])
        return Chunk(document.doc_id, start, end, sentences, document.text[start:end])

    def document_sentences(self) -> dict[str, list[tuple[int, int]]]:
        """Every document's sentences, in order, without the repeats of overlapping chunks."""
        rows = self._chunk_rows
        owner = np.repeat(rows[:, 0], rows[:, 4] - rows[:, 3])  # the document of each row
        table = np.unique(np.column_stack([owner, self._sentence_rows]), axis=0)
        found: dict[str, list[tuple[int, int]]] = {d.doc_id: [] for d in self.documents}
        for doc, a, b in table.tolist():
            found[self.documents[doc].doc_id].append((a, b))
        return found

    def chunks(self) -> list[Chunk]:
        return [self.chunk(i) for i in range(self.num_chunks)]

    def disk_bytes(self) -> dict[str, int]:
        """Bytes on disk per part of the generation."""
        sizes: dict[str, int] = {}
        for entry in self.generation.iterdir():
            files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
            sizes[entry.name] = sum(p.stat().st_size for p in files)
        return sizes


def write_generation(
    folder: Path,
    manifest: dict[str, Any],
    documents: list[Document],
    chunks: list[Chunk],
    hashes: list[bytes],
    dense: DenseIndex,
    lexical: LexicalIndex,
) -> None:
    """Write every file of a generation into ``folder`` (not yet live)."""
    position = {d.doc_id: i for i, d in enumerate(documents)}
    chunk_rows = np.zeros((len(chunks), 5), dtype=np.int64)
    sentence_rows: list[tuple[int, int]] = []
    for i, c in enumerate(chunks):
        lo = len(sentence_rows)
        sentence_rows.extend(c.sentences)
        chunk_rows[i] = (position[c.doc_id], c.start, c.end, lo, len(sentence_rows))
    np.save(folder / CHUNKS, chunk_rows, allow_pickle=False)
    np.save(
        folder / SENTENCES,
        np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 2),
        allow_pickle=False,
    )
    np.save(folder / CHUNK_HASHES, np.asarray(hashes, dtype="S20"), allow_pickle=False)
    with open(folder / DOCUMENTS, "w", encoding="utf-8") as f:
        for d in documents:
            f.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
    dense.save(folder / DENSE)
    (folder / BM25_DIR).mkdir()
    lexical.save(folder / BM25_DIR)
    write_json(folder / MANIFEST, manifest)
