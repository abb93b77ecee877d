"""bm25s serves BM25; rank-bm25 is the oracle that its scores and rankings are right."""

from __future__ import annotations

import math

import bm25s
import numpy as np
import pytest
import rank_bm25

from qa import lexical
from qa.chunk import ChunkParams, chunk_document
from qa.ingest import load_corpus
from qa.lexical import LexicalIndex
from tests.conftest import BUNDLED

QUERIES = [
    "nonaggression pact",
    "what did Roy say about nonaggression pacts",
    "regime security",
    "Kissinger feigned illness in Pakistan",
    "maximum pressure will not work",
    "Missouri moment surrender",
    "Madeleine Albright visited North Korea",
    "sanctions relief phased approach",
    "Libya Qaddafi nuclear programs",
    "ambassador in Seoul",
    "Byungjin economy and nuclear program",
    "Harry Harris senses knees",
    "peace treaty and economic aid",
    "Nobel Peace Prize Kim Dae-jung",
    "denuclearization",
]


class LuceneOkapi(rank_bm25.BM25Okapi):
    """rank-bm25's Okapi scoring with Lucene's idf, log(1 + (N - n + 0.5) / (n + 0.5))."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [c.text for d in load_corpus(BUNDLED) for c in chunk_document(d, ChunkParams())]


def test_engine_scores_equal_rank_bm25(texts: list[str]) -> None:
    """The same tokens under rank-bm25's own formula give the same scores in bm25s."""
    corpus = lexical.tokenize(texts)
    engine = bm25s.BM25(k1=1.5, b=0.75, method="atire", idf_method="robertson")
    engine.index(corpus, show_progress=False)
    oracle = rank_bm25.BM25Okapi(corpus, k1=1.5, b=0.75, epsilon=0.0)
    for q in lexical.tokenize(QUERIES):
        assert np.allclose(engine.get_scores(q), oracle.get_scores(q), atol=1e-4)


def test_served_rankings_agree_with_rank_bm25(texts: list[str]) -> None:
    index = LexicalIndex.build(texts)
    oracle = LuceneOkapi(lexical.tokenize(texts), k1=1.5, b=0.75)
    for query, tokens in zip(QUERIES, map(lexical.query_terms, QUERIES), strict=True):
        got = index.search(query, k=10)
        expected = np.asarray(oracle.get_scores(tokens))
        assert got, query
        ranked = [i for i, _ in got]
        # same order, allowing ties to fall either way
        assert np.all(np.diff(expected[ranked]) <= 1e-6), query
        assert expected[ranked[0]] == pytest.approx(expected.max(), rel=1e-5)
        assert len(ranked) == min(10, int((expected > 0).sum()))


def test_mask_restricts_and_unknown_words_find_nothing(texts: list[str]) -> None:
    index = LexicalIndex.build(texts)
    mask = np.zeros(len(texts))
    mask[:5] = 1
    assert all(i < 5 for i, _ in index.search("North Korea nuclear", k=10, mask=mask))
    assert index.search("zzzqqq xylophone", k=10) == []
    assert index.search("the of and", k=10) == []


def test_question_words_are_not_matched() -> None:
    assert lexical.query_terms("What would Roy say about how the U.S. should respond?") == [
        "roy",
        "about",
        "respond",
    ]
    assert lexical.query_terms("what is the") == []
