"""One evaluation, many corpora: qa's answers against a simple baseline, in one table.

    .venv/bin/python eval/many.py [--label after] [--split test] [--scifact]

Sets (eval/README.md says how each is made):

- SQuAD open corpus: the held-out ``test`` articles of SQuAD v1.1 train (eval/squad.py; never
  trained or fitted on), one document per article, 40 of them indexed. Questions whose paragraph
  is indexed are answerable; questions whose paragraph was left out of its (indexed) article are
  on-topic unanswerable; questions of the 8 articles not indexed are off-topic; answerable
  questions with a name, number or date swapped (``squad.alter``) are altered.
- TrecQA test (MAP, MRR) and SelQA test (MRR, P@1) as sentence ranking: qa's reranker against
  MiniLM's cosine and BM25.
- the bundled gold set (``eval/bundled.jsonl``), and with ``--scifact`` SciFact nDCG@10.

Systems on the SQuAD sets: ``qa`` (whatever ``import qa`` finds: run with ``PYTHONPATH`` set to an
older checkout for a before figure) and the baseline "BM25's top 3 chunks, then the sentence
MiniLM likes best", whose score for abstention is that cosine. Prints the tables and writes every
figure, with each question's outcome, to ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import squad

import qa
from qa.retrieve import RetrievalParams

WORK = squad.ROOT / "eval" / ".work"
ABSENT = {"test": 8, "fit": 6}
"""Articles of each split left out of its corpus: their questions are off-topic."""
DROP_SHARE = 0.15
"""Share of each indexed article's paragraphs left out: their questions are on-topic
unanswerable."""
SIZES = {"answerable": 600, "on-topic": 400, "off-topic": 200, "altered": 200}


def build_split(
    split: str,
    articles: list[squad.Article],
    base: Path | None = None,
    sizes: dict[str, int] = SIZES,
    absent_articles: int | None = None,
) -> tuple[Path, list[dict[str, Any]]]:
    """Write the split's corpus, index it, and make its questions (seeded, the same every run).

    ``base`` (default eval/.work/squad-SPLIT) gets ``corpus/`` and ``index/``."""
    rng = random.Random(f"{squad.SPLIT_SEED}-{split}")
    order = sorted(articles, key=lambda a: a.title)
    n_absent = ABSENT[split] if absent_articles is None else absent_articles
    absent, present = order[:n_absent], order[n_absent:]
    base = base or WORK / f"squad-{split}"
    corpus = base / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    pools: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in present:
        n = len(a.paragraphs)
        dropped = frozenset(rng.sample(range(n), max(1, round(DROP_SHARE * n))))
        text = a.text(dropped)
        (corpus / f"{a.title}.txt").write_text(text, encoding="utf-8")
        for i, p in enumerate(a.paragraphs):
            for q in p.questions:
                item = {"question": q.question, "answers": q.answers, "article": a.title}
                if i not in dropped:
                    pools["answerable"].append(item)
                    altered = squad.alter(q.question, a, p, rng)
                    if altered:
                        pools["altered"].append({**item, "question": altered, "answers": []})
                elif not squad.holds_answer(text, q.answers):
                    pools["on-topic"].append({**item, "answers": []})
    for a in absent:
        for p in a.paragraphs:
            pools["off-topic"] += [
                {"question": q.question, "answers": [], "article": a.title} for q in p.questions
            ]
    questions = []
    for kind, size in sizes.items():
        chosen = rng.sample(pools[kind], min(size, len(pools[kind])))
        questions += [{**q, "kind": kind, "id": f"{kind}-{i}"} for i, q in enumerate(chosen)]
    index = base / "index"
    qa.build_index(corpus, index)
    return index, questions


def auroc(pos: list[float], neg: list[float]) -> float:
    """Probability that an answerable question's score beats an unanswerable one's (ties half)."""
    if not pos or not neg:
        return float("nan")
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def run_qa(pipe: qa.Pipeline, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for q in questions:
        started = time.perf_counter()
        r = pipe.ask(q["question"], top=3)
        seconds = time.perf_counter() - started
        shown = r.answers or r.closest
        texts = [a.text for a in shown]
        out.append(
            {
                "id": q["id"],
                "abstained": r.abstained,
                "score": shown[0].score if shown else 0.0,
                "first": texts[0] if texts else "",
                "hit@1": bool(texts) and squad.holds_answer(texts[0], q["answers"]),
                "hit@3": any(squad.holds_answer(t, q["answers"]) for t in texts),
                "seconds": seconds,
            }
        )
    return out


def run_baseline(pipe: qa.Pipeline, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """BM25's top three chunks, then the sentence whose MiniLM vector is nearest the question's."""
    out = []
    params = RetrievalParams(mode="bm25", k=3)
    for q in questions:
        hits = pipe.retriever.search(q["question"], params)
        spans = [(h.chunk.doc_id, s) for h in hits for s in h.chunk.sentences]
        if not spans:
            out.append(
                {
                    "id": q["id"],
                    "abstained": True,
                    "score": 0.0,
                    "first": "",
                    "hit@1": False,
                    "hit@3": False,
                }
            )
            continue
        vecs = pipe.sentence_vectors(spans)
        cos = vecs @ pipe.embed(q["question"])
        order = np.argsort(-cos)
        texts = [pipe.documents[spans[i][0]].text[slice(*spans[i][1])] for i in order[:3]]
        out.append(
            {
                "id": q["id"],
                "abstained": False,
                "score": float(cos[order[0]]),
                "first": texts[0],
                "hit@1": squad.holds_answer(texts[0], q["answers"]),
                "hit@3": any(squad.holds_answer(t, q["answers"]) for t in texts),
            }
        )
    return out


def squad_figures(questions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, float]:
    kinds = {q["id"]: q["kind"] for q in questions}
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[kinds[r["id"]]].append(r)
    ans = by["answerable"]
    f: dict[str, float] = {
        "answerable": len(ans),
        "hit@1": float(np.mean([r["hit@1"] and not r["abstained"] for r in ans])),
        "hit@1 shown": float(np.mean([r["hit@1"] for r in ans])),
        "hit@3": float(np.mean([r["hit@3"] for r in ans])),
        "median words": float(statistics.median(len(r["first"].split()) for r in ans)),
        "answerable refused": float(np.mean([r["abstained"] for r in ans])),
    }
    pos = [r["score"] for r in ans]
    for kind in ("on-topic", "off-topic", "altered"):
        rows_k = by[kind]
        if not rows_k:
            continue
        f[f"{kind} refused"] = float(np.mean([r["abstained"] for r in rows_k]))
        f[f"AUROC {kind}"] = auroc(pos, [r["score"] for r in rows_k])
    f["AUROC all unanswerable"] = auroc(
        pos, [r["score"] for k in ("on-topic", "off-topic", "altered") for r in by[k]]
    )
    secs = [r["seconds"] for r in rows if "seconds" in r]
    if secs:
        f["p50 ms"] = 1000 * statistics.median(secs)
    return f


def tradeoff(questions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, float]]:
    """For thresholds on the first answer's score: on-topic unanswerable refused against
    answerable still answered (and answered right)."""
    kinds = {q["id"]: q["kind"] for q in questions}
    ans = [r for r in rows if kinds[r["id"]] == "answerable"]
    unans = [r for r in rows if kinds[r["id"]] == "on-topic"]
    out = []
    for t in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        out.append(
            {
                "threshold": float(t),
                "on-topic refused": float(np.mean([r["score"] < t for r in unans])),
                "answerable answered": float(np.mean([r["score"] >= t for r in ans])),
                "answered right": float(np.mean([r["score"] >= t and r["hit@1"] for r in ans])),
            }
        )
    return out


def calibration(questions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[list[float]]:
    """Bins of the first answer's score: [low, high, questions, share whose first quote holds
    an answer, mean score]. A calibrated score has the last two close (unanswerable questions
    count as wrong)."""
    answers = {q["id"]: q["answers"] for q in questions}
    out = []
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001]
    for lo, hi in itertools.pairwise(edges):
        inside = [r for r in rows if lo <= r["score"] < hi]
        if inside:
            right = np.mean([bool(answers[r["id"]]) and r["hit@1"] for r in inside])
            mean = np.mean([r["score"] for r in inside])
            out.append([lo, min(hi, 1.0), len(inside), float(right), float(mean)])
    return out


def plot(
    questions: list[dict[str, Any]],
    rows: dict[str, list[dict[str, Any]]],
    threshold: float | None,
    path: Path,
) -> None:
    """The abstention trade-off as a PNG: unanswerable refused against answerable answered."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = {q["id"]: q["kind"] for q in questions}
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for system, style in (("qa", "-"), ("baseline", ":")):
        score = {r["id"]: r["score"] for r in rows[system]}
        ans = np.array([score[i] for i, k in kinds.items() if k == "answerable"])
        for kind, colour in (("on-topic", "C0"), ("off-topic", "C1"), ("altered", "C2")):
            neg = np.array([score[i] for i, k in kinds.items() if k == kind])
            if not len(neg):
                continue
            ts = np.unique(np.concatenate([ans, neg, [np.inf]]))
            ax.plot(
                [np.mean(ans >= t) for t in ts],
                [np.mean(neg < t) for t in ts],
                style,
                color=colour,
                label=f"{system}: {kind}",
            )
            if system == "qa" and threshold is not None:
                ax.plot([np.mean(ans >= threshold)], [np.mean(neg < threshold)], "ko", ms=4)
    ax.set_xlabel("answerable questions answered")
    ax.set_ylabel("unanswerable questions refused")
    ax.set_title("Abstention on held-out SQuAD articles (dot: qa's threshold)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


RankingSet = tuple[str, list[str], list[str], list[int], str]
"""(question, sentences, the sentence before each, labels, title)"""


def ranking_sets(name: str) -> list[RankingSet]:
    """A RankingSet per question with a positive and a negative: TrecQA test (clean) or SelQA
    test."""
    sets: list[RankingSet] = []
    if name == "trecqa":
        by_q: dict[str, list[tuple[str, int]]] = defaultdict(list)
        with open(squad.QA_DATA / "trecqa" / "test.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                by_q[row["qtext"]].append((row["atext"], int(row["label"])))
        for q, rows in by_q.items():
            labels = [lab for _, lab in rows]
            if 0 < sum(labels) < len(labels):
                sets.append((q, [a for a, _ in rows], [""] * len(rows), labels, ""))
    else:
        items = json.loads((squad.QA_DATA / "selqa" / "selqa-ass-test.json").read_text())
        for it in items:
            c = it["candidates"]
            labels = [int(i in it["answers"]) for i in range(len(c))]
            if 0 < sum(labels) < len(labels):
                before = ["", *c[:-1]]
                sets.append(
                    (it["question"], c, before, labels, f"{it['article']}: {it['section']}")
                )
    return sets


def rank_figures(sets: list[RankingSet], score: Any) -> dict[str, float]:
    """MAP, MRR and P@1 of a scorer (question, sentences, befores, title) -> scores."""
    aps, rrs, p1 = [], [], []
    for q, sents, before, labels, title in sets:
        s = np.asarray(score(q, sents, before, title), dtype=np.float64)
        order = np.argsort(-s, kind="stable")
        ranked = [labels[i] for i in order]
        hits, precisions = 0, []
        for k, lab in enumerate(ranked, 1):
            if lab:
                hits += 1
                precisions.append(hits / k)
        aps.append(float(np.mean(precisions)))
        rrs.append(1 / (ranked.index(1) + 1))
        p1.append(ranked[0])
    return {"MAP": float(np.mean(aps)), "MRR": float(np.mean(rrs)), "P@1": float(np.mean(p1))}


def ranking(pipe: qa.Pipeline) -> dict[str, dict[str, dict[str, float]]]:
    """Sentence ranking by BM25, MiniLM cosine and (when qa has one) the reranker."""
    from qa.lexical import LexicalIndex

    def bm25(q: str, sents: list[str], before: list[str], title: str) -> np.ndarray:
        lex = LexicalIndex.build(sents)
        s = np.zeros(len(sents))
        for i, v in lex.search(q, len(sents)):
            s[i] = v
        return s

    def cosine(q: str, sents: list[str], before: list[str], title: str) -> np.ndarray:
        v = pipe.embed_many([q, *sents])
        return v[1:] @ v[0]

    scorers: dict[str, Any] = {"BM25": bm25, "MiniLM cosine": cosine}
    if (Path(qa.__file__).parent / "rerank.py").exists():  # not in a checkout from before it
        from qa.rerank import Reranker

        reranker = Reranker()

        def cross(q: str, sents: list[str], before: list[str], title: str) -> np.ndarray:
            # the next candidate follows this one when its "before" is this one (SelQA)
            after = [
                sents[i + 1] if i + 1 < len(sents) and before[i + 1] == sents[i] else ""
                for i in range(len(sents))
            ]
            texts = [
                reranker.text(s, b, title, a) for s, b, a in zip(sents, before, after, strict=True)
            ]
            return reranker.logits(q, texts)

        scorers["qa reranker"] = cross
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name in ("trecqa", "selqa"):
        sets = ranking_sets(name)
        out[name] = {k: rank_figures(sets, f) for k, f in scorers.items()}
    return out


def bundled() -> dict[str, float]:
    from qa.evaluation import evaluate_gold, load_gold

    index = WORK / "bundled-index"
    qa.build_index(squad.ROOT / "corpus", index)
    report = evaluate_gold(
        qa.open_index(index), load_gold(squad.ROOT / "eval" / "bundled.jsonl"), "bundled", "hybrid"
    )
    return {
        k: report.metrics[k]
        for k in ("hit@1", "hit@3", "abstention_recall", "answerable_abstained", "answer_words")
    }


def scifact() -> float:
    from qa.evaluation import evaluate_beir, load_beir_queries

    folder = squad.ROOT.parent / "shared" / "benchmarks" / "scifact"
    index = WORK / "scifact-index"
    qa.build_index(folder, index)
    queries, qrels = load_beir_queries(folder)
    return float(
        evaluate_beir(qa.open_index(index), queries, qrels, "scifact", "hybrid").metrics["ndcg@10"]
    )


TARGETS = {
    "hit@1": "≥ 0.88",
    "median words": "≤ 30",
    "answerable refused": "≤ 0.05",
    "on-topic refused": "≥ 0.80",
    "AUROC on-topic": "≥ 0.85",
    "trecqa MRR": "≥ 0.85",
    "bundled hit@1": "≥ 0.90",
}


def table(before: dict[str, Any], after: dict[str, Any]) -> str:
    """The before / after / baseline table of eval/README.md from two runs' JSON files."""
    lines = [
        f"| set | figure | baseline | {before['label']} | {after['label']} | target |",
        "|---|---|---:|---:|---:|---|",
    ]

    def row(group: str, name: str, base: Any, old: Any, new: Any, key: str = "") -> None:
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in (base, old, new)]
        lines.append(
            f"| {group} | {name} | " + " | ".join(cells) + f" | {TARGETS.get(key or name, '')} |"
        )

    sq = "SQuAD open corpus (held-out articles)"
    for name in (
        "hit@1",
        "hit@3",
        "median words",
        "answerable refused",
        "on-topic refused",
        "off-topic refused",
        "altered refused",
        "AUROC on-topic",
        "AUROC off-topic",
        "AUROC altered",
        "p50 ms",
    ):
        base = after["squad"]["baseline"].get(name, "–")
        row(sq, name, base, before["squad"]["qa"][name], after["squad"]["qa"][name])
    for data, figures in (("trecqa", ("MAP", "MRR")), ("selqa", ("MRR", "P@1", "MAP"))):
        r_old, r_new = before["ranking"][data], after["ranking"][data]
        for f in figures:
            new = r_new.get("qa reranker", r_new["MiniLM cosine"])[f]
            row(
                f"{data} test, sentence ranking",
                f,
                r_new["BM25"][f],
                r_old["MiniLM cosine"][f],
                new,
                f"{data} {f}",
            )
    for name in ("hit@1", "hit@3", "abstention_recall", "answerable_abstained", "answer_words"):
        row(
            "bundled gold set",
            name,
            "–",
            before["bundled"][name],
            after["bundled"][name],
            f"bundled {name}",
        )
    if "scifact ndcg@10" in after:
        row(
            "SciFact",
            "nDCG@10 (hybrid)",
            "–",
            before.get("scifact ndcg@10", "–"),
            after["scifact ndcg@10"],
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", default="after", help="names this run in the output")
    ap.add_argument("--split", default="test", choices=["test", "fit"])
    ap.add_argument("--scifact", action="store_true", help="also SciFact nDCG@10 (slow)")
    ap.add_argument(
        "--out", type=Path, help="JSON of every figure (default eval/.work/many-LABEL.json)"
    )
    ap.add_argument(
        "--table",
        nargs=2,
        type=Path,
        metavar=("BEFORE", "AFTER"),
        help="only print the table of two earlier runs' JSON files",
    )
    args = ap.parse_args()
    if args.table:
        before, after = (json.loads(p.read_text()) for p in args.table)
        print(table(before, after))
        return
    started = time.time()
    articles = squad.split(squad.load())[args.split]
    index, questions = build_split(args.split, articles)
    pipe = qa.open_index(index)
    counts = {k: sum(q["kind"] == k for q in questions) for k in SIZES}
    print(
        f"SQuAD {args.split}: {len(articles) - ABSENT[args.split]} articles indexed, {counts}",
        flush=True,
    )
    rows = {"qa": run_qa(pipe, questions), "baseline": run_baseline(pipe, questions)}
    result: dict[str, Any] = {"label": args.label, "split": args.split, "questions": questions}
    result["squad"] = {k: squad_figures(questions, v) for k, v in rows.items()}
    result["tradeoff"] = tradeoff(questions, rows["qa"])
    result["calibration"] = calibration(questions, rows["qa"])
    threshold = getattr(pipe.answer_params, "threshold", None)
    plot(questions, rows, threshold, WORK / f"abstention-{args.label}.png")
    result["rows"] = rows
    result["ranking"] = ranking(pipe)
    result["bundled"] = bundled()
    if args.scifact:
        result["scifact ndcg@10"] = scifact()
    out = args.out or WORK / f"many-{args.label}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for system, f in result["squad"].items():
        print(system, {k: round(v, 3) for k, v in f.items()})
    for name, ranked in result["ranking"].items():
        for system, f in ranked.items():
            print(name, system, {k: round(v, 3) for k, v in f.items()})
    print("bundled", {k: round(v, 3) for k, v in result["bundled"].items()})
    print("calibration [low, high, questions, right, mean score]:")
    for row in result["calibration"]:
        print("   ", [round(x, 3) for x in row])
    if args.scifact:
        print("scifact ndcg@10", round(result["scifact ndcg@10"], 4))
    print(f"wrote {out} ({(time.time() - started) / 60:.1f} min)")


if __name__ == "__main__":
    main()
