"""Milvus as a retrieval backend: BM25 and vector search served by Milvus, embedded (Milvus
Lite, a local ``.db`` file) or on a server or cluster (an ``http://`` URI), with the same code.

qa's own index folder still holds the documents, chunks, sentences and vectors (what answers
are cut from, and what a refresh reuses instead of embedding again); Milvus holds a searchable
copy of every chunk: its text with a BM25 function over it, its vector, and its document id,
author, title, path and offsets as fields. Each generation of the index gets its own collection
(``NAME_<generation>``), filled before the generation goes live and kept until the generation
after next replaces it, so a failed build never leaves the live index pointing at a half-filled
one and a session still open on the previous generation keeps working.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.lexical import PARAMS, query_terms, tokenize
from qa.types import Chunk, DocumentEntry, QAError

if TYPE_CHECKING:
    from qa.store import Index

Ranked = list[tuple[int, float]]


def _why(e: Exception) -> str:
    return " ".join(str(e).split())[:160]


MAX_TEXT = 65_535
"""Milvus's longest VARCHAR; a chunk is at most a few thousand characters."""
BATCH = 512


def collection_name(base: str, generation: str) -> str:
    """The collection of one generation: letters, digits and underscores only."""
    suffix = "".join(ch if ch.isalnum() else "_" for ch in generation)
    return f"{base}_{suffix}"


def connect(uri: str) -> Any:
    """A client for ``uri``: a path ending in .db opens Milvus Lite, a URL a server."""
    try:
        from pymilvus import MilvusClient
    except ImportError as e:
        raise QAError("the Milvus backend needs pymilvus: pip install 'qa[milvus]'") from e
    try:
        return MilvusClient(uri)
    except Exception as e:  # pymilvus raises its own exception types, all from Exception
        raise QAError(f"cannot connect to Milvus at {uri} ({_why(e)})") from e


def fill(
    uri: str,
    name: str,
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    entries: Sequence[DocumentEntry],
    say: Callable[[str], None],
) -> None:
    """Create collection ``name`` and insert every chunk (id = its position in the index)."""
    from pymilvus import DataType, Function, FunctionType

    client = connect(uri)
    try:
        if client.has_collection(name):
            client.drop_collection(name)
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=1024)
        schema.add_field("author", DataType.VARCHAR, max_length=1024)
        schema.add_field("title", DataType.VARCHAR, max_length=2048)
        schema.add_field("path", DataType.VARCHAR, max_length=4096)
        schema.add_field("start", DataType.INT64)
        schema.add_field("end", DataType.INT64)
        schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
        # qa's own BM25 terms, so Milvus's BM25 ranks exactly as the local index does
        schema.add_field(
            "terms",
            DataType.VARCHAR,
            max_length=MAX_TEXT,
            enable_analyzer=True,
            analyzer_params={"tokenizer": "standard"},
        )
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(vectors.shape[1]))
        schema.add_function(
            Function(
                name="bm25",
                function_type=FunctionType.BM25,
                input_field_names=["terms"],
                output_field_names=["sparse"],
            )
        )
        index = client.prepare_index_params()
        index.add_index(
            field_name="sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": PARAMS.k1, "bm25_b": PARAMS.b},
        )
        index.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
        client.create_collection(name, schema=schema, index_params=index)
        by_id = {e.doc_id: e for e in entries}
        say(f"filling Milvus collection {name} with {len(chunks)} chunks")
        for lo in range(0, len(chunks), BATCH):
            rows = []
            batch = range(lo, min(lo + BATCH, len(chunks)))
            terms = tokenize([chunks[i].text for i in batch])
            for i, t in zip(batch, terms, strict=True):
                c, e = chunks[i], by_id[chunks[i].doc_id]
                rows.append(
                    {
                        "id": i,
                        "doc_id": _cut(c.doc_id, 1024),
                        "author": _cut(e.author or "", 1024),
                        "title": _cut(e.title, 2048),
                        "path": _cut(e.path, 4096),
                        "start": c.start,
                        "end": c.end,
                        "text": _cut(c.text, MAX_TEXT),
                        "terms": _cut(" ".join(t), MAX_TEXT),
                        "vector": vectors[i].tolist(),
                    }
                )
            client.insert(name, rows)
        client.flush(name)
    except QAError:
        raise
    except Exception as e:
        raise QAError(f"cannot fill Milvus collection {name} ({_why(e)})") from e
    finally:
        client.close()


def prune(uri: str, base: str, keep: set[str]) -> None:
    """Drop the collections of ``base`` not in ``keep``: those of older generations, and any a
    failed build left half-filled. A failure here loses nothing; the next build tries again."""
    try:
        client = connect(uri)
        try:
            for name in client.list_collections():
                if name.startswith(f"{base}_") and name not in keep:
                    client.drop_collection(name)
        finally:
            client.close()
    except Exception:
        pass


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` bytes of UTF-8, whole characters: Milvus counts VARCHAR in bytes."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def drop(uri: str, name: str) -> None:
    """Drop a collection a newer generation replaced; a failure here loses nothing."""
    try:
        client = connect(uri)
        try:
            if client.has_collection(name):
                client.drop_collection(name)
        finally:
            client.close()
    except Exception:  # the old collection stays; the next build tries again
        pass


class MilvusBackend:
    """Candidate lists from a Milvus collection; chunks from qa's own index, by the same id."""

    def __init__(self, index: Index, uri: str, name: str) -> None:
        self.index = index
        self.uri = uri
        self.name = name
        self.client = connect(uri)
        fields: set[str] = set()
        try:
            found = self.client.has_collection(name)
            if found:
                self.client.load_collection(name)
                fields = {f["name"] for f in self.client.describe_collection(name)["fields"]}
        except Exception as e:
            raise QAError(f"Milvus at {uri} cannot load collection {name} ({_why(e)})") from e
        if not found:
            raise QAError(
                f"Milvus at {uri} has no collection {name} for the index at {index.dir}; "
                "run `qa index --rebuild`"
            )
        if "terms" not in fields:
            raise QAError(
                f"Milvus collection {name} was filled by an older qa (BM25 over other terms); "
                "run `qa index --rebuild`"
            )

    def _filter(self, doc_ids: set[str] | None) -> str:
        return "" if doc_ids is None else f"doc_id in {json.dumps(sorted(doc_ids))}"

    def _search(
        self, data: Any, field: str, metric: str, depth: int, doc_ids: set[str] | None
    ) -> Ranked:
        if doc_ids is not None and not doc_ids:
            return []
        try:
            found = self.client.search(
                self.name,
                data=[data],
                anns_field=field,
                limit=min(depth, 16_384),
                search_params={"metric_type": metric},
                filter=self._filter(doc_ids),
                output_fields=["id"],
            )
        except Exception as e:
            raise QAError(f"Milvus search failed ({_why(e)})") from e
        return [(int(h["id"]), float(h["distance"])) for h in found[0]]

    def lexical_candidates(self, query: str, depth: int, doc_ids: set[str] | None) -> Ranked:
        terms = query_terms(query)
        if not terms:
            return []
        ranked = self._search(" ".join(terms), "sparse", "BM25", depth, doc_ids)
        # Milvus Lite reports BM25 scores negated, and keeps Robertson's (k1 + 1) factor,
        # which bm25s's Lucene variant drops
        return [(i, float(np.float32(abs(s) / (PARAMS.k1 + 1)))) for i, s in ranked]

    def dense_candidates(self, vector: np.ndarray, depth: int, doc_ids: set[str] | None) -> Ranked:
        return self._search(vector.astype(np.float32).tolist(), "vector", "IP", depth, doc_ids)

    def chunk(self, i: int) -> Chunk:
        return self.index.chunk(i)
