"""Choose qa's constants on the bundled gold set; prints the tables kept in eval/README.md.

    .venv/bin/python eval/sweep.py            # the whole sweep (a few minutes)

Questions with odd numbers (q01, q03, …) are the tuning half, even ones the check half, so the
figures on the check half say how much the choices overfit. Steps:

1. chunk size and overlap, by passage retrieval on all questions (hybrid, RRF k=60);
2. the fusion method and its constant, on the chosen chunking;
3. the answer-feature weights and how many chunks to read, on the tuning half;
4. the abstention threshold: the highest that abstains on at most 5% of the answerable
   tuning questions.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from qa.answer import FEATURES, AnswerParams, Candidate, candidates, select
from qa.chunk import ChunkParams
from qa.evaluation import GoldQuestion, gold_qrels, load_gold, normalise, trec_metrics
from qa.indexer import build_index, bundled_corpus
from qa.pipeline import Pipeline
from qa.retrieve import RetrievalParams

ROOT = Path(__file__).resolve().parent.parent
HAND_SET = (0.35, 0.25, 0.15, 0.15, 0.10, -0.04, -0.10, -0.10, 0.10)
"""The answer weights set by hand before any search; the search starts here."""
GOLD = ROOT / "eval" / "bundled.jsonl"
WORK = ROOT / "index" / "sweep"


def pipeline_for(params: ChunkParams) -> Pipeline:
    index_dir = WORK / f"w{params.max_words}-o{params.overlap_words}"
    build_index(bundled_corpus(), index_dir, params=params)
    p = Pipeline.open(index_dir)
    return p


def retrieval(
    p: Pipeline, questions: list[GoldQuestion], params: RetrievalParams
) -> dict[str, float]:
    qrels = gold_qrels(p, questions)
    run = {}
    for q in questions:
        if q.id in qrels:
            reading = p.ask(q.question, top=1, params=replace(params, k=100))
            run[q.id] = [str(h.chunk_id) for h in reading.hits]
    metrics, _ = trec_metrics(run, qrels)
    return metrics


def answers(
    p: Pipeline, questions: list[GoldQuestion], params: RetrievalParams
) -> dict[str, float]:
    hit1 = hit3 = 0
    for q in questions:
        got = [normalise(a.text) for a in p.ask(q.question, top=3, params=params).answers]
        golds = [normalise(g) for g in q.answers]
        hit1 += bool(got) and any(g in got[0] for g in golds)
        hit3 += any(g in t for t in got for g in golds)
    return {"hit@1": hit1 / len(questions), "hit@3": hit3 / len(questions)}


def table(rows: list[dict[str, object]]) -> str:
    keys = list(rows[0])
    out = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        out.append(
            "| "
            + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in r.values())
            + " |"
        )
    return "\n".join(out)


def main() -> None:
    questions = load_gold(GOLD)
    answerable = [q for q in questions if q.answers]

    print("## 1. Chunk size and overlap (hybrid RRF k=60, hand-set answer weights)\n")
    print("Passage retrieval on all questions; answers on the tuning half. Chunks stop at 160")
    print("words: MiniLM reads at most 256 word pieces, and longer chunks lose their tails.\n")
    tune_all = [q for q in answerable if int(q.id[1:]) % 2 == 1]
    rows = []
    best: tuple[float, ChunkParams] | None = None
    for words, overlap in itertools.product((60, 90, 120, 160), (0, 20, 40)):
        if overlap >= words:
            continue
        cp = ChunkParams(words, overlap)
        p = pipeline_for(cp)
        rrf = RetrievalParams(fusion="rrf", rrf_k=60)
        m = retrieval(p, questions, rrf)
        a = answers(p, tune_all, rrf)
        rows.append(
            {
                "max words": words,
                "overlap": overlap,
                "chunks": p.index.num_chunks,
                "recall@1": m["recall@1"],
                "recall@5": m["recall@5"],
                "ndcg@10": m["ndcg@10"],
                "hit@1": a["hit@1"],
                "hit@3": a["hit@3"],
            }
        )
        score = a["hit@1"] + 0.5 * a["hit@3"]
        if best is None or score > best[0] + 1e-9:
            best = (score, cp)
        print(f"  {words}/{overlap}: {m['ndcg@10']:.3f} {a}", file=sys.stderr)
    print(table(rows))
    assert best is not None
    chunking = best[1]
    print(f"\nchosen: {chunking.max_words} words, {chunking.overlap_words} overlap\n")
    p = pipeline_for(chunking)

    print(
        "## 2. Fusion (chosen chunking; retrieval on all questions, answers on the tuning half)\n"
    )
    print("Chosen by nDCG@10 + hit@1 + hit@3 / 2.\n")
    rows = []
    variants: list[tuple[str, RetrievalParams]] = [
        ("bm25", RetrievalParams(mode="bm25")),
        ("dense", RetrievalParams(mode="dense")),
    ]
    variants += [
        (f"rrf k={k}", RetrievalParams(fusion="rrf", rrf_k=k)) for k in (5, 10, 20, 60, 100)
    ]
    variants += [
        (f"weighted w={w}", RetrievalParams(fusion="weighted", dense_weight=w))
        for w in (0.3, 0.4, 0.5, 0.6, 0.7)
    ]
    best_fusion: tuple[float, str, RetrievalParams] | None = None
    for name, params in variants:
        m = retrieval(p, questions, params)
        a = answers(p, tune_all, params)
        rows.append(
            {
                "retrieval": name,
                "recall@1": m["recall@1"],
                "recall@5": m["recall@5"],
                "recall@10": m["recall@10"],
                "mrr@10": m["mrr@10"],
                "ndcg@10": m["ndcg@10"],
                "hit@1": a["hit@1"],
                "hit@3": a["hit@3"],
            }
        )
        score = m["ndcg@10"] + a["hit@1"] + 0.5 * a["hit@3"]
        if params.mode == "hybrid" and (best_fusion is None or score > best_fusion[0] + 1e-9):
            best_fusion = (score, name, params)
    print(table(rows))
    assert best_fusion is not None
    fusion = best_fusion[2]
    print(f"\nchosen: {best_fusion[1]}\n")

    print("## 3. Answer weights (tuning half: odd ids; check half: even ids)\n")
    tune = [q for q in answerable if int(q.id[1:]) % 2 == 1]
    check = [q for q in answerable if int(q.id[1:]) % 2 == 0]
    prepared: dict[int, dict[str, tuple[list[Candidate], np.ndarray, GoldQuestion]]] = {}
    for read in (4, 6, 8):
        answerer = replace_read(p, read)
        prepared[read] = {}
        for q in questions:
            result = p.ask(q.question, top=1, params=fusion)
            topic = result.interpretation.topic
            cands = candidates(result.hits, read)
            feats = answerer.features(topic, p.embed(topic), cands)
            prepared[read][q.id] = (cands, feats, q)

    complete = p.answerer.complete

    def evaluate(read: int, weights: np.ndarray, qs: list[GoldQuestion]) -> dict[str, float]:
        hit1 = hit3 = attr = 0
        for q in qs:
            cands, feats, _ = prepared[read][q.id]
            chosen = select(cands, feats @ weights, 3, complete)
            texts = [normalise(p.documents[c.doc_id].text[c.start : c.end]) for c, _ in chosen]
            golds = [normalise(g) for g in q.answers]
            hit1 += any(g in texts[0] for g in golds)
            hit3 += any(g in t for t in texts for g in golds)
            attr += chosen[0][0].doc_id in q.doc_ids
        n = len(qs)
        return {"hit@1": hit1 / n, "hit@3": hit3 / n, "attribution": attr / n}

    def objective(read: int, w: np.ndarray) -> float:
        m = evaluate(read, w, tune)
        return m["hit@1"] + 0.5 * m["hit@3"] + 0.5 * m["attribution"]

    default = np.asarray(HAND_SET)
    rows = []
    searched = []
    for read in (4, 6, 8):
        # coordinate ascent from the hand-set weights, three passes over the features
        w, best = default.copy(), objective(read, default)
        for _ in range(3):
            for f in range(len(FEATURES)):
                for value in (-0.3, -0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5):
                    trial = w.copy()
                    trial[f] = value
                    score = objective(read, trial)
                    if score > best + 1e-9:
                        w, best = trial, score
        searched.append((best, read, w))
        for label, weights in (("hand-set", default), ("searched", w)):
            t, c = evaluate(read, weights, tune), evaluate(read, weights, check)
            rows.append(
                {
                    "weights": label,
                    "read": read,
                    **{f"tune {k}": v for k, v in t.items()},
                    **{f"check {k}": v for k, v in c.items()},
                    "w": " ".join(f"{x:.2f}" for x in weights),
                }
            )
    print(f"features: {', '.join(FEATURES)}\n")
    print(table(rows))
    # searched weights are kept only if they do no worse than the hand-set ones on any check-half
    # figure and better on one; otherwise the search fitted noise (this uses the check half to
    # decide, so its figures are no longer a clean hold-out)
    read, weights = 6, default
    base = evaluate(read, default, check)
    for _, r, w in sorted(searched, key=lambda s: -s[0]):
        c = evaluate(r, w, check)
        if all(c[k] >= base[k] for k in c) and any(c[k] > base[k] for k in c):
            read, weights = r, w
            break
    print(f"\nchosen: read {read} chunks, weights ({', '.join(f'{x:.2f}' for x in weights)})\n")

    print("## 4. Abstention threshold (tuning half)\n")
    best_scores = {q.id: float(np.max(prepared[read][q.id][1] @ weights)) for q in questions}
    tune_ids = {q.id for q in questions if int(q.id[1:]) % 2 == 1}
    ans = sorted(best_scores[q.id] for q in answerable if q.id in tune_ids)
    # the highest threshold that abstains on at most 5% of the answerable tuning questions
    allowed = int(0.05 * len(ans))
    threshold = ans[allowed] - 1e-6 if allowed < len(ans) else ans[-1]
    rows = []
    for half, ids in (("tune", tune_ids), ("check", {q.id for q in questions} - tune_ids)):
        un = [q for q in questions if not q.answers and q.id in ids]
        an = [q for q in answerable if q.id in ids]
        rows.append(
            {
                "half": half,
                "abstention recall": statistics.fmean(best_scores[q.id] < threshold for q in un),
                "answerable abstained": statistics.fmean(best_scores[q.id] < threshold for q in an),
                "answerable min": min(best_scores[q.id] for q in an),
                "unanswerable max": max(best_scores[q.id] for q in un),
            }
        )
    print(table(rows))
    print(f"\nchosen threshold: {threshold:.3f}")


def replace_read(p: Pipeline, read: int):  # type: ignore[no-untyped-def]
    from qa.answer import Answerer

    return Answerer(
        p.documents,
        p.index.lexical,
        p.sentence_vectors,
        p.sentences,
        AnswerParams(read_chunks=read),
    )


if __name__ == "__main__":
    main()
