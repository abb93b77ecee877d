"""An index's manifest as one typed, frozen record: built once by the indexer, parsed and
checked once when an index opens, then read by attribute everywhere.

A hand-edited or damaged ``manifest.json`` (a missing key, an author that is a list, a count
that is a string) fails ``Manifest.parse`` with a reason, which the store reports as damage;
nothing later reads a key that may not be there.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field
from typing import Any

from qa.types import DocumentEntry, ReadLimits


@dataclass(frozen=True)
class ModelRecord:
    """The embedding model an index was built with."""

    name: str
    weights_sha256: str
    dim: int
    path: str | None = None


@dataclass(frozen=True)
class OnnxRecord:
    """The ONNX export inside the generation, and the hash it must still have."""

    sha256: str
    quantization: str
    weights_sha256: str
    file: str = "model.onnx"
    opset: int = 17


@dataclass(frozen=True)
class MilvusRecord:
    """Where the Milvus backend keeps this generation's searchable copy of the chunks."""

    uri: str
    base: str
    """The collection name asked for; each generation's collection adds a suffix."""
    collection: str = ""


@dataclass(frozen=True)
class Chunking:
    max_words: int
    overlap_words: int
    chunker: int = 1


@dataclass(frozen=True)
class Bm25:
    """The BM25 variant and text processing the lexical index was built with."""

    method: str
    k1: float
    b: float
    stopwords: str
    stemmer: str


@dataclass(frozen=True)
class Counts:
    documents: int
    chunks: int
    sentences: int
    embedded_this_build: int = 0


@dataclass(frozen=True)
class Manifest:
    """Everything a generation's ``manifest.json`` records."""

    format_version: int
    model: ModelRecord
    chunking: Chunking
    bm25: Bm25
    corpus: str
    documents: tuple[DocumentEntry, ...]
    counts: Counts
    built_at: str
    build_seconds: float
    faiss: dict[str, Any]
    onnx: OnnxRecord | None = None
    follow_symlinks: bool = False
    built_by_pid: int = 0
    milvus: MilvusRecord | None = None
    """Set when searches go to Milvus instead of the local BM25 and FAISS files."""
    limits: ReadLimits | None = None
    """The limits on reading one file it was built with, so a plain refresh keeps them."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Keys this version does not know (from a newer qa), kept so nothing is lost."""

    def to_json(self) -> dict[str, Any]:
        """The JSON object written as ``manifest.json`` (and printed by `qa info --json`)."""
        return {
            **self.extra,
            "format_version": self.format_version,
            "model": asdict(self.model),
            "chunking": asdict(self.chunking),
            "bm25": asdict(self.bm25),
            "corpus": self.corpus,
            "documents": [
                {**asdict(d), **{key: list(getattr(d, key)) for key in _LIST_FIELDS}}
                for d in self.documents
            ],
            "counts": asdict(self.counts),
            "built_at": self.built_at,
            "build_seconds": self.build_seconds,
            "built_by_pid": self.built_by_pid,
            "onnx": asdict(self.onnx) if self.onnx else None,
            "faiss": dict(self.faiss),
            "ingest": {
                "follow_symlinks": self.follow_symlinks,
                "limits": asdict(self.limits) if self.limits else None,
            },
            "milvus": asdict(self.milvus) if self.milvus else None,
        }

    @classmethod
    def parse(cls, data: Any) -> Manifest:
        """The manifest in ``data`` (parsed JSON), every field checked; ValueError says which
        field is missing or of the wrong type."""
        top = _object(data, "the manifest")
        known = set(cls.__dataclass_fields__) | {"ingest"}
        ingest = _object(top.get("ingest", {}), "ingest")
        onnx = top.get("onnx")
        milvus = top.get("milvus")
        return cls(
            format_version=_get(top, "format_version", int),
            model=_record(ModelRecord, top, "model"),
            chunking=_record(Chunking, top, "chunking"),
            bm25=_record(Bm25, top, "bm25"),
            corpus=_get(top, "corpus", str),
            documents=tuple(_entry(d) for d in _get(top, "documents", list)),
            counts=_record(Counts, top, "counts"),
            built_at=_get(top, "built_at", str),
            build_seconds=_seconds(_get(top, "build_seconds", (int, float))),
            faiss=_faiss(top.get("faiss")),
            onnx=None if onnx is None else _record(OnnxRecord, top, "onnx"),
            follow_symlinks=ingest.get("follow_symlinks") is True,
            limits=None if ingest.get("limits") is None else _record(ReadLimits, ingest, "limits"),
            built_by_pid=_get(top, "built_by_pid", int, 0),
            milvus=None if milvus is None else _record(MilvusRecord, top, "milvus"),
            extra={k: v for k, v in top.items() if k not in known},
        )


_MISSING = object()


def _object(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        raise ValueError(f"{where} is missing")
    if not isinstance(value, dict):
        raise ValueError(f"{where} has the wrong type")
    return value


def _get(data: dict[str, Any], key: str, kind: Any, default: Any = _MISSING) -> Any:
    value = data.get(key, default)
    if value is _MISSING:
        raise ValueError(f"{key} is missing")
    if value is not default and (not isinstance(value, kind) or isinstance(value, bool)):
        raise ValueError(f"{key} has the wrong type")
    return value


_TYPES: dict[str, Any] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "str | None": (str, type(None)),
}


def _record(kind: Any, data: dict[str, Any], key: str) -> Any:
    """One nested record; its fields with defaults may be absent (older formats)."""
    obj = _object(data.get(key), key)
    values = {}
    for name, f in kind.__dataclass_fields__.items():
        wanted = _TYPES[f.type]
        if name in obj:
            values[name] = _get(obj, name, wanted)
        elif f.default is MISSING:
            raise ValueError(f"{key}.{name} is missing")
    return kind(**values)


def _seconds(value: float) -> float:
    try:
        return float(value)
    except OverflowError as e:  # an integer too large for a float
        raise ValueError("build_seconds is out of range") from e


def _faiss(value: Any) -> dict[str, Any]:
    faiss = _object(value, "faiss")
    if not isinstance(faiss.get("type"), str):
        raise ValueError("faiss.type is missing or has the wrong type")
    return faiss


_LIST_FIELDS = (
    "affiliations",
    "roles",
    "stances",
    "nicknames",
    "voices",
    "voice_roles",
    "appositions",
)
"""A document entry's tuples of strings, lists in JSON; absent from older indexes."""
_ENTRY_FIELDS: dict[str, Any] = {
    "doc_id": str,
    "path": str,
    "title": str,
    "author": (str, type(None)),
    "content_hash": str,
    "chunks": int,
}


def _entry(d: Any) -> DocumentEntry:
    """One document entry, every field checked: an author that is a list or a doc_id that is
    a number is damage, found when the index opens, not an internal error later."""
    if not isinstance(d, dict):
        raise ValueError("a document entry is not an object")
    for key, kind in _ENTRY_FIELDS.items():
        if not isinstance(d.get(key), kind) or isinstance(d.get(key), bool):
            raise ValueError(f"a document entry's {key!r} is missing or of the wrong type")
    fields: dict[str, Any] = {k: d.get(k) for k in _ENTRY_FIELDS}  # a missing author is None
    for key in _LIST_FIELDS:  # absent from older indexes
        value = d.get(key, [])
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            raise ValueError(f"a document entry's {key!r} is not a list of strings")
        fields[key] = tuple(value)
    return DocumentEntry(**fields)
