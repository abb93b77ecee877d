"""The answer reranker: shipped in the package, read without torch, and good on unseen SQuAD.

The SQuAD and TrecQA data are read from ../shared/qa-data, as CI has it; nothing is copied.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.answer import FEATURES, AnswerParams
from qa.embed import file_sha256
from qa.pipeline import Pipeline
from qa.rerank import CARD_FILE, MODEL_DIR, MODEL_FILE, Reranker, candidate_text, shared
from qa.types import QAError

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "eval"))
import many  # noqa: E402
import squad  # noqa: E402


def test_the_reranker_ships_inside_the_package_and_matches_its_card(pipeline: Pipeline) -> None:
    assert MODEL_DIR.parent.parent == Path(qa.__file__).resolve().parent
    assert pipeline.answerer.reranker.folder == MODEL_DIR
    # every index opened in a process reads the one model, loaded once
    assert pipeline.answerer.reranker is shared() is Pipeline(pipeline.index).answerer.reranker
    card = json.loads((MODEL_DIR / CARD_FILE).read_text())
    assert file_sha256(MODEL_DIR / MODEL_FILE) == card["sha256"]
    assert (MODEL_DIR / MODEL_FILE).stat().st_size < 30 * 1024 * 1024
    assert card["script"] == "eval/train_reranker.py" and card["pairs"] > 10_000


def test_the_reranker_reads_the_sentence_with_its_context() -> None:
    """The plain case a bi-encoder missed: the patent, not the naturalisation, in the same year."""
    before = "Tesla became a naturalized citizen of the United States on 30 July 1891, aged 35."
    texts = [
        candidate_text(before, "", "Nikola Tesla"),
        candidate_text("In the same year, he patented the Tesla coil.", before, "Nikola Tesla"),
        candidate_text("He lived in New York hotels for most of his life.", "", "Nikola Tesla"),
    ]
    scores = Reranker().score("What did Tesla patent in 1891?", texts)
    assert int(np.argmax(scores)) == 1
    assert ((scores > 0) & (scores < 1)).all()


def test_the_sentence_after_is_read_only_by_a_model_trained_with_it() -> None:
    assert (
        candidate_text("It rose.", "Fees fell.", "Rent", 24) == "It rose. [SEP] Rent — Fees fell."
    )
    assert candidate_text("It rose.", "Fees fell.", "Rent", 24, "Then it fell.", 0) == (
        "It rose. [SEP] Rent — Fees fell."
    )
    assert candidate_text("It rose.", "", "", 24, "Then it fell back.", 2) == (
        "It rose. [SEP] [SEP] Then it"
    )
    assert Reranker().text("It rose.", "", "", "Then it fell.") == "It rose."  # the shipped card


def test_a_tampered_model_is_one_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "reranker"
    shutil.copytree(MODEL_DIR, folder)
    with open(folder / MODEL_FILE, "r+b") as f:
        f.seek(1000)
        f.write(b"\0" * 16)
    with pytest.raises(QAError, match=r"answer reranker .* cannot be loaded .*sha256"):
        Reranker(folder).score("a question", ["a sentence"])


def test_answers_are_single_sentences_unless_one_leans_on_a_neighbour(pipeline: Pipeline) -> None:
    r = pipeline.ask("what did Roy say about nonaggression pacts")
    assert not r.abstained and r.answers[0].citation.author == "Denny Roy"
    for a in r.answers:
        sents = pipeline.sentences[a.citation.doc_id]
        inside = [s for s in sents if a.citation.start <= s[0] and s[1] <= a.citation.end]
        assert 1 <= len(inside) <= 2
        assert (inside[0][0], inside[-1][1]) == (a.citation.start, a.citation.end)
    assert len(AnswerParams().weights) == len(FEATURES) + 1
    assert AnswerParams().weights[-1] > 0  # the reranker's logit counts for the answer


@pytest.fixture(scope="module")
def small_squad(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pipeline, list[dict]]:  # type: ignore[type-arg]
    """Six held-out SQuAD test articles (never trained or fitted on), one left out of the
    corpus: 100 answerable, 40 on-topic and 20 off-topic questions."""
    articles = sorted(squad.split(squad.load())["test"], key=lambda a: a.title)[:6]
    sizes = {"answerable": 100, "on-topic": 40, "off-topic": 20, "altered": 0}
    base = tmp_path_factory.mktemp("squad")
    index, questions = many.build_split("test", articles, base, sizes, absent_articles=1)
    return qa.open_index(index), questions


@pytest.mark.slow
def test_a_floor_on_held_out_squad_articles(small_squad: tuple[Pipeline, list[dict]]) -> None:  # type: ignore[type-arg]
    """Floors a little below what this set measured when the model was shipped (eval/README)."""
    pipe, questions = small_squad
    rows = many.run_qa(pipe, questions)
    f = many.squad_figures(questions, rows)
    # measured when the model shipped (2026-12-01): 0.80, 27 words, 0.01, 0.45, 0.95, AUROC 0.96
    assert f["hit@1"] >= 0.76, f
    assert f["median words"] <= 30, f
    assert f["answerable refused"] <= 0.06, f
    assert f["on-topic refused"] >= 0.38, f
    assert f["off-topic refused"] >= 0.80, f
    assert f["AUROC on-topic"] >= 0.88, f
    scores = [r["score"] for r in rows]
    assert all(0 <= s <= 1 for s in scores)
    words = [len(r["first"].split()) for r in rows if r["first"]]
    assert statistics.median(words) <= 30


@pytest.mark.slow
def test_trecqa_test_ranking_floor() -> None:
    sets = many.ranking_sets("trecqa")
    reranker = Reranker()

    def cross(q: str, sents: list[str], before: list[str], title: str) -> np.ndarray:
        return reranker.logits(q, [candidate_text(s) for s in sents])

    f = many.rank_figures(sets, cross)
    assert len(sets) == 68
    assert f["MRR"] >= 0.80 and f["MAP"] >= 0.70, f
