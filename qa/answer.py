"""Hits -> Answers: choose the sentences of the top chunks that answer, quoted verbatim.

Each sentence of the best chunks, and each pair of consecutive sentences, is a candidate. A
candidate's score mixes its embedding similarity to the topic, the share of the topic's
(idf-weighted) terms it contains, and the rank of the chunk it came from. Answers never overlap,
and when even the best candidate scores below the threshold, qa abstains.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from qa import lexical
from qa.lexical import LexicalIndex
from qa.types import Answer, Citation, Document, Hit

EmbedMany = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class AnswerParams:
    """Weights of the candidate score and the abstention threshold (see eval/README.md)."""

    top: int = 3
    read_chunks: int = 6
    dense_weight: float = 0.6
    lexical_weight: float = 0.3
    retrieval_weight: float = 0.1
    pair_penalty: float = 0.04
    question_penalty: float = 0.1
    threshold: float = 0.35


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    start: int
    end: int
    sentences: int
    hit: Hit
    hit_rank: int


def candidates(hits: Sequence[Hit], read_chunks: int) -> list[Candidate]:
    """Single sentences and consecutive pairs from the top chunks, each place once."""
    seen: dict[tuple[str, int, int], Candidate] = {}
    for rank, hit in enumerate(hits[:read_chunks]):
        c = hit.chunk
        sents = c.sentences
        for i, (a, b) in enumerate(sents):
            units = [(a, b, 1)]
            if i + 1 < len(sents) and "\n\n" not in c.text[b - c.start : sents[i + 1][0] - c.start]:
                units.append((a, sents[i + 1][1], 2))
            for start, end, n in units:
                key = (c.doc_id, start, end)
                if key not in seen:
                    seen[key] = Candidate(c.doc_id, start, end, n, hit, rank)
    return list(seen.values())


class Answerer:
    """Scores candidate sentences against the topic and picks the answers."""

    def __init__(
        self,
        documents: dict[str, Document],
        lexical_index: LexicalIndex,
        embed_many: EmbedMany,
        params: AnswerParams | None = None,
    ) -> None:
        self.documents = documents
        self.lexical = lexical_index
        self.embed_many = embed_many
        self.params = params or AnswerParams()

    def score(self, topic: str, topic_vector: np.ndarray, cands: list[Candidate]) -> np.ndarray:
        p = self.params
        texts = [self.documents[c.doc_id].text[c.start : c.end] for c in cands]
        dense = self.embed_many(texts) @ topic_vector
        q_terms = set(lexical.tokenize([topic])[0])
        idf = self.lexical.idf(sorted(q_terms))
        total = sum(idf.values()) or 1.0
        overlap = np.array(
            [sum(idf[t] for t in q_terms & set(toks)) / total for toks in lexical.tokenize(texts)]
        )
        n_read = max(1, min(p.read_chunks, max(c.hit_rank for c in cands) + 1))
        retrieval = np.array([1 - c.hit_rank / n_read for c in cands])
        penalty = np.array(
            [
                p.pair_penalty * (c.sentences - 1) + (p.question_penalty if t.endswith("?") else 0)
                for c, t in zip(cands, texts, strict=True)
            ]
        )
        score: np.ndarray = (
            p.dense_weight * dense
            + p.lexical_weight * overlap
            + p.retrieval_weight * retrieval
            - penalty
        )
        return score

    def answer(
        self, topic: str, topic_vector: np.ndarray, hits: Sequence[Hit], top: int | None = None
    ) -> tuple[list[Answer], bool]:
        """The best non-overlapping answers, and whether they fall below the threshold."""
        top = self.params.top if top is None else top
        cands = candidates(hits, self.params.read_chunks)
        if not cands or top < 1:
            return [], True
        scores = self.score(topic, topic_vector, cands)
        chosen: list[tuple[Candidate, float]] = []
        for i in np.argsort(-scores, kind="stable"):
            c = cands[i]
            if any(o.doc_id == c.doc_id and o.start < c.end and c.start < o.end for o, _ in chosen):
                continue
            chosen.append((c, float(scores[i])))
            if len(chosen) == top:
                break
        answers = [self._answer(c, s) for c, s in chosen]
        return answers, chosen[0][1] < self.params.threshold

    def _answer(self, c: Candidate, score: float) -> Answer:
        doc = self.documents[c.doc_id]
        chunk = c.hit.chunk
        return Answer(
            text=doc.text[c.start : c.end],
            score=score,
            citation=Citation(doc.doc_id, doc.title, doc.author, doc.path, c.start, c.end),
            context=chunk.text,
            context_start=chunk.start,
        )
