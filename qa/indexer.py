"""Build or refresh an index: ingest, chunk, embed what is new, write a generation, publish it."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from qa import lexical, store
from qa import milvus as mv
from qa.chunk import CHUNKER_VERSION, ChunkParams, chunk_document
from qa.clean import (
    appositions,
    byline_affiliations,
    credit_words,
    credited_nicknames,
    interview_voices,
    role_tokens,
    voice_credit,
)
from qa.dense import DenseIndex
from qa.embed import (
    ONNX_FILE,
    ONNX_FILES,
    QUANTIZATION,
    ModelInfo,
    OnnxEmbedder,
    cached_onnx,
    export_onnx,
    file_sha256,
    resolve_model,
)
from qa.ingest import load_corpus
from qa.lexical import LexicalIndex
from qa.manifest import Chunking, Counts, Manifest, MilvusRecord, ModelRecord, OnnxRecord
from qa.store import Index
from qa.types import Chunk, Document, DocumentEntry, QAError, ReadLimits

Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def bundled_corpus() -> Path:
    """The three op-eds shipped in the repository's ``corpus/`` folder."""
    return Path(__file__).resolve().parent.parent / "corpus"


def _recorded(index_dir: Path) -> Manifest | None:
    """The manifest of the index there, if any. An index of an older format counts too: `qa
    index` upgrades it from what it records."""
    try:
        return Index.open(index_dir, reuse=True).manifest
    except QAError:
        return None


def _folder(recorded: str | None) -> Path | None:
    return Path(recorded) if recorded and Path(recorded).is_dir() else None


def _built_model(index_dir: Path) -> str | None:
    """The model folder an existing index was built with, if it still exists."""
    m = _recorded(index_dir)
    path = _folder(m.model.path) if m else None
    return str(path) if path else None


def corpus_of(index_dir: Path) -> Path | None:
    """The corpus folder an existing index was built from, if there is one that still exists."""
    m = _recorded(index_dir)
    return _folder(m.corpus) if m else None


def recorded_chunking(index_dir: Path) -> ChunkParams | None:
    """The chunking an existing index was built with, so a plain refresh keeps it."""
    m = _recorded(index_dir)
    try:
        return ChunkParams(m.chunking.max_words, m.chunking.overlap_words) if m else None
    except ValueError:
        return None


def recorded_limits(index_dir: Path) -> ReadLimits | None:
    """The limits on reading a file an existing index was built with, so a refresh keeps a
    raised limit (and the file it let in)."""
    m = _recorded(index_dir)
    return m.limits if m else None


def default_corpus(index_dir: Path, fallback: Path | None = None) -> Path:
    """The corpus to index when none is named: the index's own, then ``fallback`` (the CLI's
    QA_CORPUS), then the bundled one."""
    return corpus_of(index_dir) or fallback or bundled_corpus()


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI to print and tests to check."""

    corpus: Path
    index_dir: Path
    documents: int
    chunks: int
    embedded: int
    reused: int
    added: list[str]
    changed: list[str]
    removed: list[str]
    seconds: float
    up_to_date: bool
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """(old doc_id, new doc_id) of files moved or renamed with their bytes unchanged."""
    recredited: list[str] = field(default_factory=list)
    """Files with the same bytes whose title, author or credits read differently now: an index
    built by an older qa takes a newer one's reading of its credits without a ``--rebuild``."""

    def to_json(self) -> dict[str, Any]:
        """What `qa index --json` prints."""
        data = asdict(self)
        data.update(corpus=str(self.corpus), index_dir=str(self.index_dir))
        data["renamed"] = [{"from": a, "to": b} for a, b in self.renamed]
        data["seconds"] = round(self.seconds, 3)
        return data

    def changes(self) -> list[str]:
        """A line per kind of change that has any: "added: a, b", "renamed: a → b", …"""
        kinds = (
            ("added", self.added),
            ("changed", self.changed),
            ("renamed", [f"{a} → {b}" for a, b in self.renamed]),
            ("removed", self.removed),
            ("credits re-read", self.recredited),
        )
        return [f"{label}: {', '.join(ids)}" for label, ids in kinds if ids]

    def summary(self) -> str:
        """One line on what the build did, the same wherever an index is built."""
        if self.up_to_date:
            return (
                f"{self.index_dir} is up to date: {_count(self.documents, 'document')}, "
                f"{_count(self.chunks, 'chunk')}; re-embedded 0 chunks"
            )
        return (
            f"indexed {_count(self.documents, 'document')} from {self.corpus} into "
            f"{self.index_dir}: {_count(self.chunks, 'chunk')}, "
            f"{self.embedded} embedded, {self.reused} reused ({self.seconds:.1f} s)"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def chunk_hash(chunk: Chunk) -> bytes:
    """Identifies a chunk's text, so an unchanged chunk keeps its vector across builds."""
    return hashlib.sha1(chunk.text.encode("utf-8")).digest()


def _previous(index_dir: Path, say: Say) -> Index | None:
    """The live index, if it is whole; a damaged one is rebuilt, never reused or called current."""
    try:
        if store.current_generation(index_dir) is None:
            return None
        previous = Index.open(index_dir, reuse=True)
        previous.verify()
        return previous
    except QAError as e:
        say(f"warning: ignoring the existing index ({e})")
        return None


def _follows_symlinks(index: Index | None) -> bool:
    """Whether an index was built following symbolic links (a refresh keeps doing what it did)."""
    return index is not None and index.manifest.follow_symlinks


def build_index(
    corpus: str | Path,
    index_dir: str | Path,
    model: str | None = None,
    params: ChunkParams | None = None,
    rebuild: bool = False,
    progress: bool = False,
    say: Say = _quiet,
    follow_symlinks: bool | None = None,
    cache: Path | None = None,
    workers: int = 1,
    milvus: MilvusRecord | None = None,
    local: bool = False,
    ray: str | None = None,
    limits: ReadLimits | None = None,
) -> BuildReport:
    """Index ``corpus`` into ``index_dir``, re-embedding only chunks whose text is new.

    With ``rebuild`` every chunk is embedded again. An unchanged corpus leaves the index as it is.
    Only one build runs per index folder at a time; a second one waits for the first.
    ``follow_symlinks`` None keeps what the existing index did (else they are not followed), and
    ``params`` None the chunking it was built with (else the defaults). ``cache`` holds the
    shared ONNX export of the model (default: the user cache folder). ``workers`` processes
    embed in parallel, with the same vectors as one; ``ray`` (an address, "auto" or "local")
    spreads embedding over a Ray cluster instead. A file that breaks one of ``limits`` (time,
    size, memory, text; None for those the index recorded, else the defaults) is skipped
    with a warning. ``milvus`` (a
    URI and a collection name) also fills a Milvus collection that searches then go to; None
    keeps what the index did, unless ``local`` (back to the local files only). A build that cannot
    write (read-only folder, full disk) leaves the previous index as it was, and a first build
    that fails leaves no folder behind.
    """
    started = time.perf_counter()
    corpus, index_dir = Path(corpus), Path(index_dir)  # the API takes strings too
    params = params or recorded_chunking(index_dir) or ChunkParams()
    if model is None:  # a refresh keeps the model the index was built with
        built = _built_model(index_dir)
        model = built if built and built != resolve_model().path else None
    info = resolve_model(model)
    created = not index_dir.exists()
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise QAError(f"cannot create the index folder {index_dir}: {e.strerror or e}") from e
    lock = FileLock(str(index_dir / store.LOCK))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            say(f"another `qa index` is building {index_dir}; waiting for it to finish")
            lock.acquire()
    except OSError as e:
        raise QAError(
            f"cannot write to the index folder {index_dir} ({e.strerror or e}); "
            "the index there is unchanged"
        ) from e
    try:
        return _build_locked(
            corpus,
            index_dir,
            info,
            params,
            rebuild,
            progress,
            say,
            started,
            follow_symlinks,
            cache,
            workers,
            milvus,
            local,
            ray,
            limits,
        )
    except BaseException:
        if created:  # a first build that failed leaves no folder (nor a Milvus Lite file in it)
            lock.release()
            shutil.rmtree(index_dir, ignore_errors=True)
        raise
    finally:
        lock.release()


def _build_locked(
    corpus: Path,
    index_dir: Path,
    info: ModelInfo,
    params: ChunkParams,
    rebuild: bool,
    progress: bool,
    say: Say,
    started: float,
    follow_symlinks: bool | None,
    cache: Path | None,
    workers: int,
    milvus: MilvusRecord | None,
    local: bool,
    ray: str | None,
    limits: ReadLimits | None,
) -> BuildReport:
    previous = _previous(index_dir, say)
    # a damaged index still says in its manifest where its collection is
    recorded_before = previous.manifest if previous is not None else _recorded(index_dir)
    before = recorded_before.milvus if recorded_before is not None else None
    if milvus is None and not local and before is not None:
        milvus = MilvusRecord(before.uri, before.base)
    same_backend = (before is None and milvus is None) or (
        before is not None
        and milvus is not None
        and (before.uri, before.base) == (milvus.uri, milvus.base)
    )
    if follow_symlinks is None:
        follow_symlinks = _follows_symlinks(previous)
    # what an interrupted build left behind goes first, even when nothing needs rebuilding
    store.remove_stale(index_dir, keep={store.current_name(index_dir) or ""})
    if limits is None:
        limits = (recorded_before.limits if recorded_before else None) or ReadLimits()
    docs = load_corpus(corpus, lambda m: say(f"warning: {m}"), follow_symlinks, limits)
    old = {e.doc_id: e for e in previous.entries} if previous else {}
    new = {d.doc_id: d for d in docs}
    added = sorted(new.keys() - old.keys())
    removed = sorted(old.keys() - new.keys())
    changed = sorted(
        k for k in new.keys() & old.keys() if new[k].content_hash != old[k].content_hash
    )
    renamed = _renamed(old, new, added, removed)
    added = [k for k in added if k not in {b for _, b in renamed}]
    removed = [k for k in removed if k not in {a for a, _ in renamed}]

    # a chunk's vector depends only on its text and the model (weights and quantisation), so
    # vectors are reused whenever those match; any other setting only stops "up to date"
    recorded = previous.manifest if previous is not None else None
    same_model = recorded is not None and (
        recorded.model.weights_sha256 == info.weights_sha256
        and recorded.onnx is not None
        and recorded.onnx.quantization == QUANTIZATION
    )
    same_settings = (
        same_model
        and recorded is not None
        and recorded.chunking == _chunking(params)
        and recorded.bm25 == lexical.PARAMS
        and same_backend
    )
    # credits are read again on every build: a newer qa may read them better than the one
    # that built the index, and the manifest has to follow even when no text changed
    entries = [document_entry(d, 0) for d in docs]
    read_before = [replace(e, chunks=0) for e in previous.entries] if previous else []
    read_by_id = {e.doc_id: e for e in read_before}
    recredited = sorted(
        e.doc_id
        for e in entries
        if e.doc_id in read_by_id and e.doc_id not in changed and e != read_by_id[e.doc_id]
    )
    metadata_same = previous is not None and read_before == entries
    metadata_same = metadata_same and _follows_symlinks(previous) == follow_symlinks
    current_format = recorded is not None and recorded.format_version == store.FORMAT_VERSION
    if (
        same_settings
        and current_format
        and metadata_same
        and not (added or removed or changed or renamed or rebuild)
    ):
        assert previous is not None
        return BuildReport(
            corpus,
            index_dir,
            len(docs),
            previous.num_chunks,
            0,
            previous.num_chunks,
            [],
            [],
            [],
            time.perf_counter() - started,
            up_to_date=True,
        )

    chunks = [c for d in docs for c in chunk_document(d, params)]
    if not chunks:
        raise QAError(f"no text to index in {corpus}: every document is empty or boilerplate")
    hashes = [chunk_hash(c) for c in chunks]
    filling: str | None = None  # a Milvus collection being filled, dropped if the build fails
    try:
        tmp = Path(tempfile.mkdtemp(prefix=store.BUILD_PREFIX, dir=index_dir))
    except OSError as e:
        raise _cannot_write(index_dir, e) from e
    try:
        os.chmod(tmp, 0o755)
        onnx = _onnx_model(info, previous if same_model else None, tmp, say, cache)
        embedder = OnnxEmbedder(info, tmp)

        def embed(texts: list[str]) -> np.ndarray:
            if ray is not None:
                return embedder.encode_ray(texts, ray, progress=progress)
            return embedder.encode_parallel(texts, workers, progress=progress)

        reuse = previous if same_model and not rebuild else None
        old_rows = (
            {bytes(h).ljust(20, b"\0"): i for i, h in enumerate(reuse.chunk_hashes)}
            if reuse is not None
            else {}
        )
        vectors = np.zeros((len(chunks), 0), dtype=np.float32)
        todo = list(range(len(chunks)))
        if reuse is not None:
            old_vectors = reuse.dense.vectors()
            vectors = np.zeros((len(chunks), old_vectors.shape[1]), dtype=np.float32)
            todo = []
            for i, h in enumerate(hashes):
                row = old_rows.get(h)
                if row is None:
                    todo.append(i)
                else:
                    vectors[i] = old_vectors[row]
        if todo:
            say(f"embedding {len(todo)} of {len(chunks)} chunks with {info.name}")
            fresh = embed([chunks[i].text for i in todo])
            if vectors.shape[1] == 0:
                vectors = np.zeros((len(chunks), fresh.shape[1]), dtype=np.float32)
            vectors[todo] = fresh

        sentence_vectors = _sentence_vectors(
            chunks, hashes, reuse, old_rows, vectors.shape[1], embed, say
        )
        dense = DenseIndex.build(vectors)
        bm25 = LexicalIndex.build([c.text for c in chunks])
        seconds = time.perf_counter() - started
        manifest = _manifest(
            corpus,
            info,
            params,
            entries,
            chunks,
            dense,
            onnx,
            follow_symlinks,
            limits,
            len(todo),
            seconds,
        )
        if milvus is not None:
            name = mv.collection_name(milvus.base, tmp.name.rsplit("-", 1)[-1])
            filling = name
            mv.fill(milvus.uri, name, chunks, vectors, manifest.documents, say)
            manifest = replace(manifest, milvus=replace(milvus, collection=name))
        store.write_generation(tmp, manifest, docs, chunks, hashes, dense, bm25, sentence_vectors)
        store.publish(index_dir, tmp)
        filling = None
        _retire_collections(before, manifest.milvus)
    except BaseException as e:
        # the half-built generation goes at once; the live index was never touched
        shutil.rmtree(tmp, ignore_errors=True)
        if milvus is not None and filling is not None:
            mv.drop(milvus.uri, filling)
        if isinstance(e, OSError):
            raise _cannot_write(index_dir, e) from e
        raise
    return BuildReport(
        corpus,
        index_dir,
        len(docs),
        len(chunks),
        len(todo),
        len(chunks) - len(todo),
        added,
        changed,
        removed,
        time.perf_counter() - started,
        up_to_date=False,
        renamed=renamed,
        recredited=recredited,
    )


def _sentence_vectors(
    chunks: list[Chunk],
    hashes: list[bytes],
    previous: Index | None,
    old_rows: dict[bytes, int],
    dim: int,
    embed: Callable[[list[str]], np.ndarray],
    say: Say,
) -> np.ndarray:
    """A vector per sentence of each chunk, in chunk order: those of unchanged chunks taken
    over from ``previous`` (same model; ``old_rows`` maps its chunk hashes to its chunks), the
    rest embedded. Stored, so answering never embeds a candidate sentence."""
    counts = [len(c.sentences) for c in chunks]
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    out = np.zeros((int(starts[-1]), dim), dtype=np.float16)
    old = previous.sentence_vectors if previous is not None else None
    todo: list[int] = []
    for i, h in enumerate(hashes):
        lo, hi = int(starts[i]), int(starts[i + 1])
        row = old_rows.get(h)
        if row is not None and previous is not None and old is not None:
            a, b = previous.chunk_sentence_rows(row)
            if b - a == hi - lo:
                out[lo:hi] = old[a:b]
                continue
        todo.extend(range(lo, hi))
    if todo:
        texts = [c.text[a - c.start : b - c.start] for c in chunks for a, b in c.sentences]
        say(f"embedding {len(todo)} of {len(texts)} sentences")
        out[todo] = embed([texts[r] for r in todo])
    return out


def _retire_collections(before: MilvusRecord | None, now: MilvusRecord | None) -> None:
    """After a generation is published, drop the Milvus collections nothing needs: older
    generations' and half-filled ones. The previous one stays a generation longer, for
    sessions still open on it; going back to the local files drops them all."""
    keep = {r.collection for r in (now, before if now else None) if r is not None}
    for uri, base in {(r.uri, r.base) for r in (before, now) if r is not None}:
        mv.prune(uri, base, keep)


def _renamed(
    old: dict[str, DocumentEntry], new: dict[str, Document], added: list[str], removed: list[str]
) -> list[tuple[str, str]]:
    """Pairs of a removed and an added document with the same bytes: one file renamed."""
    gone = {old[k].content_hash: k for k in removed}
    return [(gone[new[k].content_hash], k) for k in added if new[k].content_hash in gone]


def _chunking(params: ChunkParams) -> Chunking:
    """What the manifest records of chunking: the parameters and the chunker's version."""
    return Chunking(params.max_words, params.overlap_words, CHUNKER_VERSION)


def _cannot_write(index_dir: Path, e: OSError) -> QAError:
    where = f" ({Path(e.filename).name})" if e.filename else ""
    return QAError(
        f"cannot write the new index in {index_dir}: {e.strerror or e}{where}; "
        "the previous index is unchanged"
    )


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def _onnx_model(
    info: ModelInfo, same: Index | None, folder: Path, say: Say, cache: Path | None
) -> OnnxRecord:
    """Put the ONNX export of the model into ``folder``: linked from ``same``, a previous
    generation of the same model and quantisation, else from the shared model cache, exported
    there first if need be (the one step that needs torch)."""
    old = same.manifest.onnx if same is not None else None
    if same is not None and old and all((same.generation / f).is_file() for f in ONNX_FILES):
        for f in ONNX_FILES:
            _link_or_copy(same.generation / f, folder / f)
        return old
    cached = cached_onnx(info, say, cache)
    if cached is None:
        say(f"exporting {info.name} to ONNX for fast queries")
        export_onnx(info, folder)
    else:
        for f in ONNX_FILES:
            _link_or_copy(cached / f, folder / f)
    return OnnxRecord(file_sha256(folder / ONNX_FILE), QUANTIZATION, info.weights_sha256)


def _manifest(
    corpus: Path,
    info: ModelInfo,
    params: ChunkParams,
    entries: list[DocumentEntry],
    chunks: list[Chunk],
    dense: DenseIndex,
    onnx: OnnxRecord,
    follow_symlinks: bool,
    limits: ReadLimits,
    embedded: int,
    seconds: float,
) -> Manifest:
    """Everything a generation's manifest.json records."""
    per_doc: dict[str, int] = {}
    for c in chunks:
        per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
    return Manifest(
        format_version=store.FORMAT_VERSION,
        model=ModelRecord(info.name, info.weights_sha256, dense.dim, info.path),
        chunking=_chunking(params),
        bm25=lexical.PARAMS,
        corpus=str(corpus.resolve()),
        documents=tuple(replace(e, chunks=per_doc.get(e.doc_id, 0)) for e in entries),
        counts=Counts(len(entries), len(chunks), sum(len(c.sentences) for c in chunks), embedded),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(seconds, 3),
        faiss=dense.describe(),
        onnx=onnx,
        follow_symlinks=follow_symlinks,
        limits=limits,
        built_by_pid=os.getpid(),
    )


def document_entry(d: Document, chunks: int) -> DocumentEntry:
    """What the manifest keeps of a document: its identity, and the credits a question may name
    its author by (the organisations of the byline, the words of the credits)."""
    roles, stances = credit_words(d.text, d.kept, d.author) if d.author else ([], [])
    if d.author and d.role:
        roles = sorted({*roles, *role_tokens(d.role)})
    voices = interview_voices(d.text, d.kept, d.author)
    voice_roles = sorted({w for v in voices for w in role_tokens(voice_credit(d.text, d.kept, v))})
    return DocumentEntry(
        d.doc_id,
        d.path,
        d.title,
        d.author,
        d.content_hash,
        chunks,
        tuple(byline_affiliations(d.text, d.kept, d.author)) if d.author else (),
        tuple(roles),
        tuple(stances),
        tuple(credited_nicknames(d.text, d.author)) if d.author else (),
        tuple(voices),
        tuple(voice_roles),
        tuple(appositions(d.text, d.kept)),
    )
