"""SciFact nDCG@10 of Milvus's own hybrid rankers against qa's fusion over the same Milvus lists.

    .venv/bin/python eval/milvus_rankers.py [--index index/beir-scifact-milvus]

The index is one built with `qa index ../shared/benchmarks/scifact --backend milvus`
(eval/benchmark.py makes it). For each query, Milvus's `hybrid_search` runs the BM25 and vector
requests (300 candidates each) and fuses them with `RRFRanker(60)` or `WeightedRanker(0.5, 0.5)`;
qa's fusions take the same two lists from `MilvusBackend` and fuse them as `qa ask` does.
Documents are ranked by their best chunk, as `qa eval` does. Prints one table.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.evaluation import VARIANTS, load_beir_queries, trec_metrics  # noqa: E402
from qa.lexical import query_terms  # noqa: E402
from qa.pipeline import Pipeline  # noqa: E402
from qa.retrieve import RetrievalParams  # noqa: E402

DEPTH = 300


def documents(pipeline: Pipeline, chunk_ids: list[int]) -> list[str]:
    """Documents in the order of their best chunk, at most 100."""
    ranked: list[str] = []
    for i in chunk_ids:
        doc = pipeline.index.chunk(i).doc_id
        if doc not in ranked:
            ranked.append(doc)
            if len(ranked) == 100:
                break
    return ranked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=ROOT / "index" / "beir-scifact-milvus")
    ap.add_argument("--beir", type=Path, default=ROOT.parent / "shared/benchmarks/scifact")
    args = ap.parse_args()
    from pymilvus import AnnSearchRequest, RRFRanker, WeightedRanker

    pipeline = Pipeline.open(args.index)
    milvus = pipeline.index.manifest.milvus
    if milvus is None:
        raise SystemExit(f"{args.index} does not search in Milvus; build it with --backend milvus")
    queries, qrels = load_beir_queries(args.beir)
    vectors = dict(zip(queries, pipeline.embed_many(list(queries.values())), strict=True))
    terms = {qid: " ".join(query_terms(q)) or q for qid, q in queries.items()}
    client = pipeline.retriever.backend.client  # type: ignore[attr-defined]
    runs: dict[str, dict[str, list[str]]] = {}
    for label, ranker in (
        ("Milvus RRFRanker(60)", RRFRanker(60)),
        ("Milvus WeightedRanker(0.5, 0.5)", WeightedRanker(0.5, 0.5)),
    ):
        run = {}
        for qid in queries:
            requests = [
                AnnSearchRequest([terms[qid]], "sparse", {"metric_type": "BM25"}, DEPTH),
                AnnSearchRequest([vectors[qid].tolist()], "vector", {"metric_type": "IP"}, DEPTH),
            ]
            found = client.hybrid_search(
                milvus.collection, requests, ranker, limit=DEPTH, output_fields=["id"]
            )
            run[qid] = documents(pipeline, [int(h["id"]) for h in found[0]])
        runs[label] = run
    for variant in ("hybrid", "hybrid-rrf"):
        params = RetrievalParams(**{**VARIANTS[variant].__dict__, "k": DEPTH, "depth": DEPTH})
        run = {}
        for qid, text in queries.items():
            pipeline.remember(text, vectors[qid])
            hits = pipeline.retriever.search(text, params)
            run[qid] = documents(pipeline, [h.chunk_id for h in hits])
        runs[f"qa {variant} over Milvus lists"] = run
    print(f"SciFact test, {len(queries)} queries, Milvus collection {milvus.collection}")
    print(f"{'fusion':<40} {'nDCG@10':>8} {'recall@100':>11}")
    for label, run in runs.items():
        metrics, _ = trec_metrics(run, qrels)
        print(f"{label:<40} {metrics['ndcg@10']:>8.3f} {metrics['recall@100']:>11.3f}")


if __name__ == "__main__":
    main()
