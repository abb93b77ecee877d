"""Speed and memory of qa on this machine; run by hand, prints one table.

    .venv/bin/python eval/benchmark.py [--scifact DIR] [--synthetic 1000000]

Rows: the bundled corpus, SciFact (its cached index in index/beir-scifact is built if missing),
and a synthetic corpus of generated text (random unit vectors stand in for its embeddings, and
the output says so). Each row gives `qa ask` one-shot wall time (median of 5, index built),
per-question latency in one process (p50, p95), embedding throughput at index time, index load
time, peak RSS and size on disk. The baseline measured in the same run is sentence-transformers:
its import time and its embedding throughput on the same texts. Below the table: embedding
throughput with 1 and 2 worker processes (`qa index --workers`) and Ray, and SciFact nDCG@10
for qa's own backend and for Milvus Lite (a row of its own too; `--no-milvus` skips it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one child process.

    The parent never loads a model itself: a child's peak RSS counts from its parent's.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss


def measure_in_child(code: str, data: object = None) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; ``data`` reaches it as ``DATA``; it prints a JSON
    object of figures last."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(data, f)
    prelude = f"import json\nDATA = json.load(open({f.name!r}))\n"
    proc = subprocess.run([PY, "-c", prelude + code], capture_output=True, text=True, cwd=ROOT)
    os.unlink(f.name)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def disk_mb(folder: Path, skip: tuple[str, ...] = ()) -> float:
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name not in skip) / 1e6
    )


def corpus_row(
    name: str, index_dir: Path, questions: list[str], sample: list[str]
) -> dict[str, str]:
    ask = [PY, "-m", "qa", "ask", questions[0], "--index", str(index_dir), "--json"]
    walls = []
    rss = 0
    for _ in range(5):
        seconds, peak = run(ask)
        walls.append(seconds)
        rss = max(rss, peak)
    inproc = measure_in_child(
        f"""
import json, time, statistics
t0 = time.perf_counter()
from qa.pipeline import Pipeline
p = Pipeline.open({str(index_dir)!r})
p.index.lexical, p.index.dense, p.index.documents
load = time.perf_counter() - t0
lat = []
for q in DATA:
    s = time.perf_counter(); p.ask(q); lat.append(time.perf_counter() - s)
lat.sort()
import resource
print(json.dumps({{"load": load, "p50": statistics.median(lat),
                   "p95": lat[round(0.95 * (len(lat) - 1))],
                   "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
""",
        questions,
    )
    speed = measure_in_child(
        f"""
import json, time
from pathlib import Path
from qa.embed import Embedder, OnnxEmbedder, resolve_model
from qa.store import Index
texts = DATA
info = resolve_model()
index = Index.open(Path({str(index_dir)!r}))
gen = index.generation
sizes = index.disk_bytes()
disk = {{"disk": sum(sizes.values()), "onnx_file": sizes["model.onnx"]}}
onnx = OnnxEmbedder(info, gen); onnx.encode(texts[:8])
t = time.perf_counter(); onnx.encode(texts); o = len(texts) / (time.perf_counter() - t)
st = Embedder(info); st.encode(texts[:8])
t = time.perf_counter(); st.encode(texts); s = len(texts) / (time.perf_counter() - t)
print(json.dumps({{"onnx": o, "st": s, **disk}}))
""",
        sample,
    )
    return {
        "corpus": name,
        "qa ask wall (median of 5)": f"{statistics.median(walls):.2f} s",
        "per question p50 / p95": f"{inproc['p50'] * 1000:.0f} / {inproc['p95'] * 1000:.0f} ms",
        "embedding chunks/s (onnx vs st)": f"{speed['onnx']:.0f} vs {speed['st']:.0f} "
        f"({speed['onnx'] / speed['st']:.1f}x)",
        "index load": f"{inproc['load']:.2f} s",
        "peak RSS (ask / in-process)": f"{rss / 1024:.0f} / {inproc['rss'] / 1024:.0f} MB",
        "index on disk (without model.onnx)": f"{speed['disk'] / 1e6:.1f} MB "
        f"({(speed['disk'] - speed['onnx_file']) / 1e6:.1f} MB)",
    }


PARALLEL = """
import json, time
from pathlib import Path
from qa.embed import OnnxEmbedder
from qa.store import Index
index = Index.open(Path(DATA["index"]))
m = index.manifest.model
from qa.embed import ModelInfo
embedder = OnnxEmbedder(ModelInfo(m.name, m.path or "", m.weights_sha256), index.generation)
figures = {}
for workers in (1, 2):
    t = time.perf_counter()
    embedder.encode_parallel(DATA["texts"], workers)
    figures[workers] = len(DATA["texts"]) / (time.perf_counter() - t)
t = time.perf_counter()
embedder.encode_ray(DATA["texts"], "local")  # starts Ray on this machine, one actor per CPU
figures["ray"] = len(DATA["texts"]) / (time.perf_counter() - t)
print(json.dumps(figures))
"""


def ndcg(beir: Path, index_dir: Path) -> str:
    """nDCG@10 of each hybrid fusion, from `qa eval --compare --json`."""
    proc = subprocess.run(
        [PY, "-m", "qa", "eval", str(beir), "--index", str(index_dir), "--compare", "--json"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    runs = json.loads(proc.stdout)
    return ", ".join(f"{r['mode']} {r['metrics']['ndcg@10']:.3f}" for r in runs)


def parallel_line(index_dir: Path, texts: list[str]) -> str:
    """Embedding throughput with 1 and 2 worker processes (`qa index --workers`) and with a
    local Ray instance (`qa index --ray local`), start-up included, as a build pays it."""
    f = measure_in_child(PARALLEL, {"index": str(index_dir), "texts": texts})
    return (
        f"parallel embedding of {len(texts)} chunks: 1 worker {f['1']:.0f} chunks/s, "
        f"2 workers {f['2']:.0f} chunks/s (qa index --workers), Ray on this machine "
        f"{f['ray']:.0f} chunks/s (qa index --ray local, one actor per CPU)"
    )


SYNTHETIC_BUILD = """
import json, resource, sys, time
from pathlib import Path
import numpy as np
from qa import store
from qa.dense import DenseIndex
from dataclasses import asdict
from qa.lexical import PARAMS, LexicalIndex
from qa.manifest import Manifest
from qa.types import Chunk, Document

n, folder = DATA["n"], Path(DATA["folder"])
rng = np.random.default_rng(0)
vocab = np.array([f"w{i}" for i in range(50000)])
per_doc = 10
docs, chunks = [], []
for d in range(n // per_doc):
    ranks = np.minimum(rng.zipf(1.3, size=(per_doc, 60)) - 1, 49999)
    texts = [" ".join(vocab[r]) + "." for r in ranks]
    text, spans = "", []
    for t in texts:
        spans.append((len(text), len(text) + len(t)))
        text += t + " "
    doc_id = f"doc{d}"
    docs.append(Document(doc_id, f"{doc_id}.txt", doc_id, None, text, "", ((0, len(text)),)))
    chunks += [Chunk(doc_id, a, b, ((a, b),), text[a:b]) for a, b in spans]
t = time.perf_counter()
lexical = LexicalIndex.build([c.text for c in chunks])
bm25_seconds = time.perf_counter() - t
# random unit vectors around 10,000 centres stand in for embeddings (clustered, as real ones are)
centres = rng.standard_normal((10000, 384), dtype=np.float32)


def unit(m):
    v = centres[rng.integers(0, 10000, m)] + 0.8 * rng.standard_normal((m, 384), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


vectors, queries = unit(n), unit(200)
t = time.perf_counter()
dense = DenseIndex.build(vectors)
dense_seconds = time.perf_counter() - t
exact = DenseIndex.build(vectors, exact_below=n + 1)
recall = float(np.mean([
    len({i for i, _ in exact.search(q, 10)} & {i for i, _ in dense.search(q, 10)}) / 10
    for q in queries
]))
del exact, vectors
folder.mkdir()
manifest = Manifest.parse({
    "format_version": store.FORMAT_VERSION, "faiss": dense.describe(),
    "model": {"name": "random unit vectors", "weights_sha256": "", "dim": 384},
    "counts": {"documents": len(docs), "chunks": len(chunks),
               "sentences": sum(len(c.sentences) for c in chunks)},
    "chunking": {"max_words": 60, "overlap_words": 0}, "bm25": asdict(PARAMS), "corpus": "",
    "built_at": "", "build_seconds": 0,
    "documents": [{"doc_id": d.doc_id, "path": d.path, "title": d.title, "author": None,
                   "content_hash": "", "chunks": per_doc} for d in docs]})
sentence_vectors = np.zeros((sum(len(c.sentences) for c in chunks), 384), dtype=np.float16)
store.write_generation(
    folder, manifest, docs, chunks, [b""] * len(chunks), dense, lexical, sentence_vectors
)
np.save(folder / "queries.npy", queries)
print(json.dumps({"bm25_build": bm25_seconds, "dense_build": dense_seconds, "recall": recall,
                  "kind": dense.describe()["type"],
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

SYNTHETIC_QUERY = """
import json, resource, statistics, time
from pathlib import Path
import numpy as np
from qa.retrieve import LocalBackend, RetrievalParams, Retriever
from qa.store import Index

folder = Path(DATA["folder"])
t = time.perf_counter()
(folder.parent / "CURRENT").write_text(folder.name)
index = Index.open(folder.parent)
index.lexical, index.dense, index.chunk_documents
load = time.perf_counter() - t
queries = np.load(folder / "queries.npy")
rng = np.random.default_rng(1)
words = [" ".join(f"w{i}" for i in rng.integers(0, 3000, 5)) for _ in range(len(queries))]
vectors = dict(zip(words, queries))
retriever = Retriever(LocalBackend(index), vectors.__getitem__)
params = RetrievalParams(k=10)
for w in words[:10]:
    retriever.search(w, params)  # warm up
lat = []
for w in words:
    s = time.perf_counter(); hits = retriever.search(w, params); lat.append(time.perf_counter() - s)
    assert hits and hits[0].chunk.text
lat.sort()
print(json.dumps({"load": load, "p50": statistics.median(lat),
                  "p95": lat[round(0.95 * (len(lat) - 1))],
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def synthetic_row(n: int) -> dict[str, str]:
    """A real index generation of n generated chunks, opened and searched as qa does.

    BM25 is built over the generated text; random unit vectors clustered around 10,000 centres
    stand in for embeddings, so the dense side shows FAISS's speed and the recall of the
    approximate index against exact search, not the model's quality.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "gen-synthetic"
        built = measure_in_child(SYNTHETIC_BUILD, {"n": n, "folder": str(folder)})
        queried = measure_in_child(SYNTHETIC_QUERY, {"folder": str(folder)})
        disk = disk_mb(folder, ("queries.npy",))
    return {
        "corpus": f"synthetic {n:,} chunks (random vectors)",
        "qa ask wall (median of 5)": "n/a",
        "per question p50 / p95": f"hybrid retrieval {queried['p50'] * 1000:.0f} / "
        f"{queried['p95'] * 1000:.0f} ms ({built['kind']}, recall@10 {built['recall']:.3f})",
        "embedding chunks/s (onnx vs st)": f"n/a (bm25 build {built['bm25_build']:.0f} s, "
        f"faiss build {built['dense_build']:.0f} s)",
        "index load": f"{queried['load']:.2f} s",
        "peak RSS (ask / in-process)": f"- / {queried['rss'] / 1024:.0f} MB "
        f"(build {built['rss'] / 1024:.0f} MB)",
        "index on disk (without model.onnx)": f"{disk:.0f} MB",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/benchmarks/scifact")
    parser.add_argument("--synthetic", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--no-milvus", action="store_true", help="skip the Milvus Lite rows")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from qa.evaluation import load_beir_queries, load_gold
    from qa.indexer import bundled_corpus
    from qa.store import Index

    baseline = measure_in_child(
        "import json, time\nt = time.perf_counter()\nimport sentence_transformers\n"
        "print(json.dumps({'import': time.perf_counter() - t}))"
    )
    rows = []
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        bundled_index = Path(tmp) / "index"
        run([PY, "-m", "qa", "index", str(bundled_corpus()), "--index", str(bundled_index)])
        questions = [q.question for q in load_gold(ROOT / "eval" / "bundled.jsonl")]
        sample = [c.text for c in Index.open(bundled_index).chunks()]
        rows.append(corpus_row("bundled (3 documents)", bundled_index, questions, sample))
    if args.scifact.is_dir():
        scifact_index = ROOT / "index" / "beir-scifact"
        run([PY, "-m", "qa", "index", str(args.scifact), "--index", str(scifact_index)])
        queries, _ = load_beir_queries(args.scifact)
        chunks = Index.open(scifact_index).chunks()
        sample = [c.text for c in chunks[:: max(1, len(chunks) // 300)]][:300]
        rows.append(
            corpus_row(
                "SciFact (5,183 documents)", scifact_index, list(queries.values())[:100], sample
            )
        )
        notes.append(parallel_line(scifact_index, [c.text for c in chunks[:640]]))
        if not args.no_milvus:
            # a copy of the local index (vectors reused, nothing embedded) searched in Milvus Lite
            milvus_index = ROOT / "index" / "beir-scifact-milvus"
            if not milvus_index.exists():
                shutil.copytree(scifact_index, milvus_index)
            run([PY, "-m", "qa", "index", str(args.scifact), "--index", str(milvus_index),
                 "--backend", "milvus"])  # fmt: skip
            rows.append(
                corpus_row(
                    "SciFact, Milvus Lite backend",
                    milvus_index,
                    list(queries.values())[:100],
                    sample,
                )
            )
            for label, folder in (("qa's own", scifact_index), ("Milvus Lite", milvus_index)):
                notes.append(f"SciFact nDCG@10, {label} backend: {ndcg(args.scifact, folder)}")
    if args.synthetic:
        rows.append(synthetic_row(args.synthetic))

    print(
        f"baseline in this run: importing sentence-transformers takes {baseline['import']:.1f} s "
        "(qa ask avoids it); the embedding column compares against it on the same texts"
    )
    keys = list(rows[0])
    widths = {k: max(len(k), *(len(r[k]) for r in rows)) for k in keys}
    print(" | ".join(k.ljust(widths[k]) for k in keys))
    print("-|-".join("-" * widths[k] for k in keys))
    for r in rows:
        print(" | ".join(r[k].ljust(widths[k]) for k in keys))
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
