"""Evaluation runs: a gold question set or a BEIR folder against an index, in one or more modes.

Retrieval metrics come from trec_eval (pytrec-eval-terrier); exact match and token F1 from
torchmetrics' SQuAD metric. For a gold set, a chunk is relevant when it holds a gold answer, so
retrieval is judged at the passage level; for BEIR, a document's rank is that of its best chunk.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.pipeline import Pipeline
from qa.question import read_question
from qa.retrieve import RetrievalParams
from qa.types import QAError, Result

RECALL_KS = (1, 2, 3, 5, 10, 20, 30, 50, 100)
VARIANTS: dict[str, RetrievalParams] = {
    "bm25": RetrievalParams(mode="bm25"),
    "dense": RetrievalParams(mode="dense"),
    "hybrid": RetrievalParams(mode="hybrid"),
    "hybrid-rrf": RetrievalParams(mode="hybrid", fusion="rrf", rrf_k=60),
}
"""What ``--compare`` runs side by side; ``hybrid`` is qa's default (weighted fusion, 0.5)."""

ANSWER_METRICS = (
    "hit@1",
    "hit@3",
    "exact_match",
    "f1",
    "attribution",
    "abstention_precision",
    "abstention_recall",
    "answerable_abstained",
    "answer_words",
)
RETRIEVAL_METRICS = (
    "recall@1",
    "recall@5",
    "recall@10",
    "recall@100",
    "mrr@10",
    "ndcg@10",
    "map@100",
)


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    answers: list[str]
    doc_ids: list[str]
    kind: str


@dataclass
class Report:
    """The figures of one run (one dataset, one variant) and what it got wrong."""

    dataset: str
    mode: str
    metrics: dict[str, float]
    recall_curve: dict[int, float]
    failures: list[dict[str, Any]] = field(default_factory=list)
    questions: int = 0
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per question kind (gold sets): questions, hit@1, hit@3, attribution, abstained."""

    def to_json(self) -> dict[str, Any]:
        out = {"dataset": self.dataset, "mode": self.mode, "metrics": self.metrics}
        if self.by_kind:
            out["by_kind"] = self.by_kind
        return {**out, "failures": self.failures}


def load_gold(path: Path) -> list[GoldQuestion]:
    """Read a JSON Lines gold set; a bad line is reported with its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise QAError(f"cannot read {path}: {e}") from e
    out: list[GoldQuestion] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise QAError(f"{path}, line {n}: not valid JSON ({e.msg}, column {e.colno})") from e
        except RecursionError as e:
            raise QAError(f"{path}, line {n}: nested too deeply") from e
        if not isinstance(obj, dict):
            raise QAError(f"{path}, line {n}: expected a JSON object")
        missing = [k for k in ("id", "question", "answers") if k not in obj]
        if missing:
            raise QAError(f"{path}, line {n}: missing {', '.join(missing)}")
        answers, doc_ids = obj["answers"], obj.get("doc_ids", [])
        if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
            raise QAError(f"{path}, line {n}: answers must be a list of strings")
        if not isinstance(doc_ids, list) or not all(isinstance(d, str) for d in doc_ids):
            raise QAError(f"{path}, line {n}: doc_ids must be a list of strings")
        if not isinstance(obj["question"], str):
            raise QAError(f"{path}, line {n}: question must be a string")
        try:
            question = read_question(obj["question"])
        except QAError as e:
            raise QAError(f"{path}, line {n}: {e}") from e
        qid = str(obj["id"])
        if qid in seen:
            raise QAError(f"{path}, line {n}: duplicate id {qid!r}")
        seen.add(qid)
        kind = str(obj.get("kind") or ("unanswerable" if not answers else "fact"))
        out.append(GoldQuestion(qid, question, answers, doc_ids, kind))
    if not out:
        raise QAError(f"{path}: no questions")
    return out


MAX_QREL = 1_000_000
"""Largest relevance grade read: pytrec_eval keeps grades in a C int."""


def load_beir_queries(
    root: Path, split: str = "test"
) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """Queries and qrels of a BEIR folder, restricted to the queries that have judgements."""
    qrels: dict[str, dict[str, int]] = {}
    qrels_path = root / "qrels" / f"{split}.tsv"
    try:
        with open(qrels_path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                parts = line.rstrip("\n").split("\t")
                if n == 1 and not parts[-1].strip().lstrip("-").isdigit():
                    continue  # header
                try:
                    score = int(parts[2])
                    if not -MAX_QREL <= score <= MAX_QREL:
                        raise ValueError(score)
                    qrels.setdefault(parts[0], {})[parts[1]] = score
                except (IndexError, ValueError) as e:
                    raise QAError(
                        f"{qrels_path}, line {n}: expected query-id, corpus-id, integer score "
                        f"(at most {MAX_QREL:,})"
                    ) from e
        queries: dict[str, str] = {}
        with open(root / "queries.jsonl", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        obj = json.loads(line)
                        queries[str(obj["_id"])] = str(obj["text"])
                    except (ValueError, KeyError, TypeError) as e:
                        raise QAError(f"{root / 'queries.jsonl'}, line {n}: {e}") from e
                    except RecursionError as e:
                        raise QAError(
                            f"{root / 'queries.jsonl'}, line {n}: nested too deeply"
                        ) from e
    except OSError as e:
        raise QAError(f"not a BEIR folder ({e.strerror}: {e.filename})") from e
    if not qrels:
        raise QAError(f"{qrels_path}: no relevance judgements")
    missing = sorted(set(qrels) - set(queries))
    if missing:
        raise QAError(f"{qrels_path}: queries not in queries.jsonl: {', '.join(missing[:5])}")
    return {q: queries[q] for q in qrels}, qrels


def trec_metrics(
    run: dict[str, list[str]], qrels: dict[str, dict[str, int]]
) -> tuple[dict[str, float], dict[int, float]]:
    """Mean retrieval metrics over the queries of ``qrels`` for ranked id lists ``run``."""
    import pytrec_eval

    # strictly decreasing scores keep our order; trec_eval would re-sort ties by id
    scored = {q: {d: float(len(ids) - i) for i, d in enumerate(ids)} for q, ids in run.items()}
    top10 = {q: {d: float(10 - i) for i, d in enumerate(ids[:10])} for q, ids in run.items()}
    for q in qrels:
        scored.setdefault(q, {})
        top10.setdefault(q, {})
    ks = ",".join(map(str, RECALL_KS))
    full = pytrec_eval.RelevanceEvaluator(qrels, {f"recall.{ks}", "ndcg_cut.10", "map_cut.100"})
    cut = pytrec_eval.RelevanceEvaluator(qrels, {"recip_rank"})
    per_query = full.evaluate(scored)
    mrr = cut.evaluate(top10)

    def mean(key: str, table: dict[str, dict[str, float]]) -> float:
        return statistics.fmean(table[q][key] for q in qrels) if qrels else 0.0

    curve = {k: mean(f"recall_{k}", per_query) for k in RECALL_KS}
    metrics = {f"recall@{k}": curve[k] for k in (1, 5, 10, 100)}
    metrics["mrr@10"] = mean("recip_rank", mrr)
    metrics["ndcg@10"] = mean("ndcg_cut_10", per_query)
    metrics["map@100"] = mean("map_cut_100", per_query)
    return metrics, curve


_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Lower case, no punctuation (curly quotes included), single spaces: for containment."""
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def holds_gold(text: str, answers: Sequence[str]) -> bool:
    """Whether ``text`` contains a gold answer as whole words (normalised, so case and
    punctuation do not count; "10" is not found in "1910")."""
    normal = f" {normalise(text)} "
    return any(f" {g} " in normal for g in map(normalise, answers) if g)


def gold_hits(got: Sequence[str], answers: Sequence[str]) -> tuple[bool, bool]:
    """hit@1 and hit@3 for one question: a gold answer inside the first answer, and inside any
    of the first three."""
    hits = [holds_gold(t, answers) for t in got[:3]]
    return bool(hits) and hits[0], any(hits)


def shown_texts(result: Result) -> list[str]:
    """What each answer shows: its quote, after the person it names for a "which author…"
    question ("Jane Doe: I would publish the readings…"), so that a gold answer giving the
    name is found as readily as one giving the sentence."""
    return [f"{a.person}: {a.text}" if a.person else a.text for a in result.answers]


def _squad(prediction: str, golds: list[str]) -> tuple[float, float]:
    from torchmetrics.functional.text import squad

    scores = squad(
        [{"prediction_text": prediction, "id": "q"}],
        [{"answers": {"answer_start": [0] * len(golds), "text": golds}, "id": "q"}],
    )
    return float(scores["exact_match"]) / 100, float(scores["f1"]) / 100


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def gold_qrels(pipeline: Pipeline, questions: list[GoldQuestion]) -> dict[str, dict[str, int]]:
    """Relevant chunks per answerable question: those holding a gold answer (else overlapping)."""
    docs = pipeline.documents
    unknown = sorted({d for q in questions for d in q.doc_ids} - docs.keys())
    if unknown:
        raise QAError(f"gold doc_ids not in the index: {', '.join(unknown)}")
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i, c in enumerate(pipeline.index.chunks()):
        spans.setdefault(c.doc_id, []).append((i, c.start, c.end))
    qrels: dict[str, dict[str, int]] = {}
    for q in questions:
        relevant: set[int] = set()
        for answer in q.answers:
            for doc_id in q.doc_ids:
                at = docs[doc_id].text.find(answer)
                if at < 0:
                    continue
                end = at + len(answer)
                holding = {i for i, s, e in spans[doc_id] if s <= at and end <= e}
                relevant |= holding or {i for i, s, e in spans[doc_id] if s < end and at < e}
        if relevant:
            qrels[q.id] = {str(i): 1 for i in relevant}
        elif q.answers:
            raise QAError(f"{q.id}: no gold answer is found verbatim in its doc_ids")
    return qrels


Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    pass


def evaluate_gold(
    pipeline: Pipeline,
    questions: list[GoldQuestion],
    name: str,
    variant: str,
    progress: Progress = _no_progress,
) -> Report:
    """Answer every question and score retrieval, answers, attribution, abstention, timing."""
    params = VARIANTS[variant]
    deep = RetrievalParams(**{**params.__dict__, "k": 100})
    qrels = gold_qrels(pipeline, questions)
    run: dict[str, list[str]] = {}
    seconds: list[float] = []
    results: dict[str, Result] = {}
    for n, q in enumerate(questions, 1):
        started = time.perf_counter()
        result = pipeline.ask(q.question, top=3, params=deep)
        seconds.append(time.perf_counter() - started)
        results[q.id] = result
        run[q.id] = [str(h.chunk_id) for h in result.hits]
        progress(n, len(questions))
    metrics, curve = trec_metrics(run, qrels)

    answerable = [q for q in questions if q.answers]
    unanswerable = [q for q in questions if not q.answers]
    hit1 = hit3 = attributed = 0
    em_sum = f1_sum = 0.0
    words: list[int] = []
    failures: list[dict[str, Any]] = []
    for q in answerable:
        r = results[q.id]
        got = [a.text for a in r.answers]
        ok1, ok3 = gold_hits(shown_texts(r), q.answers)
        hit1 += ok1
        hit3 += ok3
        if got:
            em, f1 = _squad(got[0], q.answers)
            em_sum += em
            f1_sum += f1
            words.append(len(got[0].split()))
            attributed += r.answers[0].citation.doc_id in q.doc_ids
        if not ok1:
            why = "abstained" if r.abstained else ("not in top 3" if not ok3 else "not first")
            shown = r.answers or r.closest
            failures.append(
                {
                    "id": q.id,
                    "kind": q.kind,
                    "why": why,
                    "question": q.question,
                    "expected": _short(q.answers[0]),
                    "got": _short(shown[0].text) if shown else "",
                    "got_doc": shown[0].citation.doc_id if shown else None,
                }
            )
    for q in unanswerable:
        r = results[q.id]
        if not r.abstained:
            failures.append(
                {
                    "id": q.id,
                    "kind": q.kind,
                    "why": "answered an unanswerable question",
                    "question": q.question,
                    "expected": "(abstain)",
                    "got": _short(r.answers[0].text),
                    "got_doc": r.answers[0].citation.doc_id,
                }
            )
    abstained = [q for q in questions if results[q.id].abstained]
    by_kind: dict[str, dict[str, float]] = {}
    for kind in sorted({q.kind for q in questions}):
        these = [q for q in questions if q.kind == kind]
        scored = [(q, shown_texts(results[q.id])) for q in these if q.answers]
        hits = [gold_hits(texts, q.answers) for q, texts in scored]
        row: dict[str, float] = {"questions": len(these)}
        if scored:
            row["hit@1"] = sum(h[0] for h in hits) / len(scored)
            row["hit@3"] = sum(h[1] for h in hits) / len(scored)
            row["attribution"] = sum(
                bool(results[q.id].answers)
                and results[q.id].answers[0].citation.doc_id in q.doc_ids
                for q, _ in scored
            ) / len(scored)
        row["abstained"] = sum(results[q.id].abstained for q in these) / len(these)
        by_kind[kind] = row
    n_ans = len(answerable) or 1
    metrics.update(
        {
            "hit@1": hit1 / n_ans,
            "hit@3": hit3 / n_ans,
            "exact_match": em_sum / n_ans,
            "f1": f1_sum / n_ans,
            "attribution": attributed / n_ans,
            "abstention_precision": (
                sum(not q.answers for q in abstained) / len(abstained) if abstained else 1.0
            ),
            "abstention_recall": (
                sum(results[q.id].abstained for q in unanswerable) / len(unanswerable)
                if unanswerable
                else 1.0
            ),
            "answerable_abstained": sum(results[q.id].abstained for q in answerable) / n_ans,
            "answer_words": statistics.fmean(words) if words else 0.0,
            "seconds_median": statistics.median(seconds),
            "seconds_p95": _percentile(seconds, 0.95),
        }
    )
    return Report(name, variant, metrics, curve, failures, len(questions), by_kind)


def evaluate_beir(
    pipeline: Pipeline,
    queries: dict[str, str],
    qrels: dict[str, dict[str, int]],
    name: str,
    variant: str,
    progress: Progress = _no_progress,
) -> Report:
    """Retrieval-only: rank documents by their best chunk, score against the qrels."""
    params = VARIANTS[variant]
    deep = RetrievalParams(**{**params.__dict__, "k": 300, "depth": 300})
    if params.mode != "bm25":
        texts = list(queries.values())
        for text, vector in zip(texts, pipeline.embed_many(texts), strict=True):
            pipeline.remember(text, vector)
    run: dict[str, list[str]] = {}
    seconds: list[float] = []
    for n, (qid, text) in enumerate(queries.items(), 1):
        started = time.perf_counter()
        hits = pipeline.retriever.search(text, deep)
        seconds.append(time.perf_counter() - started)
        ranked: list[str] = []
        for h in hits:
            if h.chunk.doc_id not in ranked:
                ranked.append(h.chunk.doc_id)
                if len(ranked) == 100:
                    break
        run[qid] = ranked
        progress(n, len(queries))
    metrics, curve = trec_metrics(run, qrels)
    metrics["seconds_median"] = statistics.median(seconds)
    metrics["seconds_p95"] = _percentile(seconds, 0.95)
    return Report(name, variant, metrics, curve, [], len(queries))
