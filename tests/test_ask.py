"""Asking questions end to end: reading, retrieval modes, cited verbatim answers, abstention."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.pipeline import Pipeline
from qa.question import catalog, interpret
from qa.retrieve import RetrievalParams
from qa.types import QAError
from tests.conftest import BUNDLED, REPO, one_error_line, run_qa

ROY = "roy-heilbrunn-is-dead-wrong"
QUESTIONS = [
    "what did Roy say about nonaggression pacts",
    "what did Heilbrunn say about nonaggression pacts",
    "according to Gause, why will maximum pressure fail?",
    "what does the Cato fellow think it will take to convince Kim to give up his nukes?",
    "Why did Kissinger pretend to be sick?",
    "what did Madeleine Albright do?",
    "what did Harry Harris say?",
    "What does Bolton think North Korea will do?",
    "where was the second summit held?",
    "who paid Pyongyang to get Kim Jong-il to the meeting?",
    "what happened to Qaddafi?",
    "what is Byungjin?",
    "why does North Korea want nuclear weapons?",
    "what did Bandow say about Ukraine?",
    "which president started the trend in moralistic war-making?",
    "why won't China carry Washington's water?",
    "What would a Trump-Kim meeting achieve according to Roy?",
    "what is the capital of France",
    "who won the 2018 World Cup?",
    "what did Roy say about climate change?",
]


def test_roy_on_nonaggression_pacts(pipeline: Pipeline) -> None:
    r = pipeline.ask("what did Roy say about nonaggression pacts")
    assert not r.abstained
    assert r.interpretation.authors == ("Denny Roy",)
    assert r.interpretation.topic == "nonaggression pacts"
    assert all(a.citation.doc_id == ROY for a in r.answers)
    assert "nonaggression" in r.answers[0].text


def test_a_mentioned_person_is_found_by_content_not_as_an_author(pipeline: Pipeline) -> None:
    r = pipeline.ask("what did Heilbrunn say about nonaggression pacts")
    assert not r.abstained and r.interpretation.authors == ()
    assert r.answers[0].citation.doc_id == ROY
    # his proposal, and Roy's reply to it (which quotes the phrase), score within 0.02
    firsts = [a.text for a in r.answers[:2]]
    assert any(t.startswith("Heilbrunn envisions the following specifics") for t in firsts)


def test_out_of_corpus_questions_abstain(pipeline: Pipeline) -> None:
    for q in (
        "what is the capital of France",
        "who won the 2018 World Cup?",
        "what did Roy say about climate change?",
    ):
        r = pipeline.ask(q)
        assert r.abstained, q
        assert r.answers == () and r.closest
        assert r.to_json()["answers"] == []


@pytest.mark.slow
def test_every_answer_is_verbatim_and_never_overlaps(pipeline: Pipeline) -> None:
    files = {
        d.doc_id: (BUNDLED / Path(d.path).name).read_text(encoding="utf-8")
        for d in pipeline.index.documents
    }
    answered = 0
    for q in QUESTIONS:
        for top in (1, 3, 5):
            r = pipeline.ask(q, top=top)
            shown = r.answers or r.closest
            assert len(shown) <= top
            answered += len(r.answers)
            for a in shown:
                c = a.citation
                assert files[c.doc_id][c.start : c.end] == a.text
                assert a.context[c.start - a.context_start :][: len(a.text)] == a.text
                assert len(a.text.split()) >= 1 and a.text.count(". ") <= 3
            spans = sorted((a.citation.doc_id, a.citation.start, a.citation.end) for a in shown)
            for (d1, _, e1), (d2, s2, _) in itertools.pairwise(spans):
                assert d1 != d2 or e1 <= s2
            scores = [a.score for a in shown]
            assert scores == sorted(scores, reverse=True)
    assert answered > 100


@pytest.mark.parametrize(
    "question,authors,topic",
    [
        ("what did Roy say about nonaggression pacts", ("Denny Roy",), "nonaggression pacts"),
        (
            "according to Bandow, what will convince Kim?",
            ("Doug Bandow",),
            "what will convince Kim",
        ),
        ("Gause's view on denuclearization", ("Ken E. Gause",), "denuclearization"),
        ("GAUSE’S VIEW ON sanctions", ("Ken E. Gause",), "sanctions"),
        (
            "what does the Cato fellow think about regime security",
            ("Doug Bandow",),
            "regime security",
        ),
        ("what did denny roy write about troops", ("Denny Roy",), "troops"),
        ("what do Roy and Gause think about China", ("Denny Roy", "Ken E. Gause"), "China"),
        (
            "what did Heilbrunn say about nonaggression pacts",
            (),
            "what did Heilbrunn say about nonaggression pacts",
        ),
        ("what did Bolton say", (), "what did Bolton say"),
        ("Harris and Kissinger", (), "Harris and Kissinger"),
        ("Albright's visit", (), "Albright's visit"),
        ("royal prerogative of a gausezilla", (), "royal prerogative of a gausezilla"),
    ],
)
def test_reading_the_question(
    pipeline: Pipeline, question: str, authors: tuple[str, ...], topic: str
) -> None:
    reading = interpret(question, catalog(pipeline.index.entries))
    assert (reading.authors, reading.topic) == (authors, topic)


def test_author_option_wins_over_the_question(pipeline: Pipeline) -> None:
    r = pipeline.ask("what did Roy say about regime security", author="bandow")
    assert r.interpretation.authors == ("Doug Bandow",)
    assert r.interpretation.author_from == "option"
    assert {a.citation.doc_id for a in r.answers + r.closest} == {"bandow-why-trump-cant-trick-kim"}
    assert {h.chunk.doc_id for h in r.hits} == {"bandow-why-trump-cant-trick-kim"}
    with pytest.raises(QAError, match="no author in this index matches 'Heilbrunn'"):
        pipeline.ask("anything", author="Heilbrunn")


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_modes_and_their_evidence(pipeline: Pipeline, mode: str) -> None:
    r = pipeline.ask(
        "Kissinger feigned illness in Pakistan", params=RetrievalParams(mode=mode, k=4)
    )  # type: ignore[arg-type]
    # BM25 returns only chunks sharing a term with the question
    assert len(r.hits) == (1 if mode == "bm25" else 4)
    assert "Kissinger" in r.hits[0].chunk.text
    assert "Kissinger" in r.answers[0].text
    top = r.hits[0]
    if mode != "dense":
        assert top.bm25_rank is not None and top.bm25_score is not None
    if mode != "bm25":
        assert top.dense_rank is not None and top.dense_score is not None
    if mode == "hybrid":
        assert top.bm25_rank == 1 or top.dense_rank == 1
    assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)


def test_weighted_fusion_follows_its_weight(pipeline: Pipeline) -> None:
    q = "why would a meeting boost Kim's prestige"
    lexical_only = pipeline.ask(q, params=RetrievalParams(fusion="weighted", dense_weight=0.0))
    dense_only = pipeline.ask(q, params=RetrievalParams(fusion="weighted", dense_weight=1.0))
    bm25 = pipeline.ask(q, params=RetrievalParams(mode="bm25"))
    dense = pipeline.ask(q, params=RetrievalParams(mode="dense"))
    assert lexical_only.hits[0].chunk_id == bm25.hits[0].chunk_id
    assert dense_only.hits[0].chunk_id == dense.hits[0].chunk_id


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * 5000])
def test_bad_questions_are_refused(pipeline: Pipeline, bad: str) -> None:
    with pytest.raises(QAError):
        pipeline.ask(bad)


@pytest.mark.slow
def test_cli_first_run_builds_then_answers_in_json(tmp_path: Path) -> None:
    """With no --index and no QA_INDEX, the default index is built from the bundled corpus, in
    the user data folder, never in the working directory."""
    index_dir = tmp_path / "data" / "qa" / "index"
    env = {k: v for k, v in os.environ.items() if k not in ("QA_INDEX", "QA_CORPUS")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    r = subprocess.run(
        [sys.executable, "-m", "qa", "ask", "what did Roy say about nonaggression pacts", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "indexing" in r.stderr and (index_dir / "CURRENT").exists()
    assert not (tmp_path / "index").exists()
    obj = json.loads(r.stdout)  # exactly one JSON object and nothing else
    assert set(obj) == {"question", "abstained", "interpretation", "answers"}
    assert obj["abstained"] is False
    assert obj["interpretation"]["authors"] == ["Denny Roy"]
    assert obj["interpretation"]["topic"] == "nonaggression pacts"
    assert 1 <= len(obj["answers"]) <= 3
    for a in obj["answers"]:
        assert set(a) == {"text", "score", "citation", "context"}
        c = a["citation"]
        assert set(c) == {"doc_id", "title", "author", "path", "start", "end", "line", "column"}
        assert c["path"] == "corpus/roy-heilbrunn-is-dead-wrong.txt"
        text = (BUNDLED.parent / c["path"]).read_text(encoding="utf-8")
        assert text[c["start"] : c["end"]] == a["text"]
        assert a["text"] in a["context"]
        # line and column are the file's, as an editor opens it
        line = text.splitlines()[c["line"] - 1]
        assert line[c["column"] - 1 :].startswith(a["text"].splitlines()[0])

    human = run_qa("ask", "what is the capital of France", "--index", str(index_dir), "--top", "2")
    assert human.returncode == 0, human.stderr
    assert "\x1b[" not in human.stdout  # no colour when piped
    assert "does not answer" in human.stdout and "Closest passages, not an answer" in human.stdout

    question = ("ask", "what did Roy say about nonaggression pacts", "--index", str(index_dir))
    compact = run_qa(*question, cwd=BUNDLED.parent)
    assert compact.returncode == 0, compact.stderr
    lines = compact.stdout.splitlines()
    head = '[1] Denny Roy — "Heilbrunn Is Dead Wrong about Kim Jong-un"  score '
    first = next(i for i, line in enumerate(lines) if line.startswith(head))
    path, line, column = lines[first + 1].split()[0].split(":")  # ripgrep's path:line:col
    assert path == "corpus/roy-heilbrunn-is-dead-wrong.txt" and int(line) > 1 and int(column) >= 1
    assert "[chars " in lines[first + 1]
    assert "»" not in compact.stdout and "Context" not in compact.stdout  # context on request
    assert len(lines) < 25

    human = run_qa(*question, "--explain", "--context", cwd=tmp_path)
    assert human.returncode == 0, human.stderr
    assert "»" in human.stdout and "«" in human.stdout  # the quote marked in its context
    assert "bm25 rank/score" in human.stdout
    # elsewhere the path is absolute, so it still opens
    assert str(BUNDLED / "roy-heilbrunn-is-dead-wrong.txt") + ":" in human.stdout
    context = human.stdout.split("\nContext\n")[1].split(" #  ")[0]
    blocks = [b.split("\n", 1)[-1] for b in context.split("\n\n") if b.strip()]
    assert len(blocks) == len(set(blocks)) >= 1  # each paragraph shown once

    explained = json.loads(run_qa(*question, "--json", "--explain").stdout)
    assert explained["explain"][0]["rank"] == 1 and "bm25_rank" in explained["explain"][0]


def test_quotes_never_join_across_paragraphs_or_removed_text() -> None:
    from qa.answer import joined

    assert joined(" ") and joined("\n")
    assert not joined("\n\n") and not joined("\r\n\r\n") and not joined("\nImage: Reuters\n")


def test_questions_that_ask_for_a_number_and_candidates_that_state_one() -> None:
    from qa.answer import asks_date, asks_quantity, states_date, states_quantity, wanted_quantity

    for q in (
        "how many warheads does it have",
        "When did Trump threaten it",
        "how long has it lasted",
    ):
        assert asks_quantity(q), q
    for q in (
        "what did Roy say about pacts",
        "whom did Kim meet",
        "is Kim working against a clock",
        "How does the North respond when America treats its rulers with dignity?",
    ):
        assert not asks_quantity(q), q
    for t in ("in 2000", "more than seven decades", "in May", "several hundred million dollars"):
        assert states_quantity(t), t
    # "may" the verb, and "one of" as a pronoun, are not figures
    for t in ("it may help", "it is one of Kim’s few sources of legitimacy", "nothing short of it"):
        assert not states_quantity(t), t
    # the digits of a name are no figure: "how many B61 bombs" is not answered by "B61 bombs"
    for t in ("American B61 bombs", "the F-35 aircraft", "up the A614", "after COVID-19"):
        assert not states_quantity(t), t
    for t in ("£5m", "a 3am start", "Boeing 747s", "1.5 million", "by the mid-2030s", "over-65s"):
        assert states_quantity(t), t
    # "when" wants a time, not any number: "14 homes" is none, nor is "next month"
    assert asks_date("In what year was the church built?") and asks_date("When did it close?")
    assert not asks_date("How many homes would it flood?")
    for t in ("in 1923", "the 1990s", "on 14 March", "three decades ago", "during the war"):
        assert states_date(t), t
    assert states_quantity("the hamlet with its 14 homes")
    for t in ("the hamlet with its 14 homes", "the work can start next month"):
        assert not states_date(t), t
    # "how much did it cost" wants money, "the population" a count of people
    cost, people = (
        wanted_quantity("How much did the trial cost?"),
        wanted_quantity("What is the population of the town?"),
    )
    assert cost is not None and people is not None
    assert cost("It cost £40,000.") and cost("It cost 5 million to build.")
    assert not cost("The trial ran from 1 March and involved 1,150 lights.")
    assert people("The town has 120,000 residents.")
    assert not people("The council maintains 9,200 streetlights.")
    # "how many road collisions" wants collisions counted, not lamps
    collisions = wanted_quantity("How many road collisions were recorded during the trial?")
    assert collisions is not None and collisions("Police recorded 12 collisions.")
    assert not collisions("The trial involved 1,150 lights.")
    assert wanted_quantity("How much of the farm would flood?") is states_quantity
    assert wanted_quantity("What did Roy say about pacts?") is None


def test_a_named_index_folder_is_never_built_from_the_bundled_corpus(tmp_path: Path) -> None:
    typo = tmp_path / "nonexistent"
    for args in (("ask", "hello world"), ("eval", str(REPO / "eval" / "bundled.jsonl"))):
        r = run_qa(*args, "--index", str(typo))
        one_error_line(r, "no index at", "qa index CORPUS --index")
        assert not typo.exists()


def test_version_and_short_help() -> None:
    r = run_qa("--version")
    assert r.returncode == 0 and r.stdout.startswith("qa ")
    for args in ((), ("-h",), ("ask", "-h")):
        r = run_qa(*args)
        assert r.returncode == 0 and "Usage:" in r.stdout and "Examples:" in r.stdout, r.stderr
    commands = run_qa().stdout.split("Commands:")[1]
    assert "..." not in commands  # no command's description cut short
    assert "[bm25|dense|hybrid]" in r.stdout and "[rrf|weighted]" in r.stdout


@pytest.mark.slow
def test_usage_errors_are_one_line_with_exit_code_2(bundled_index: Path) -> None:
    index = ("--index", str(bundled_index))
    for args, words in (
        (("ask", "nuclear", "--k", "0", *index), ("'--k'", "qa ask -h")),
        (("ask", "x", "--mode", "fuzzy", *index), ("'fuzzy' is not one of bm25, dense, hybrid",)),
        (("ask", "x", "--fusion", "max", *index), ("rrf, weighted",)),
        (("ask", "  ", *index), ("the question is empty",)),
        (("ask", *index), ("the question is empty",)),  # nothing on stdin
        (("ask", "x", "--bogus"), ("--bogus",)),
        (("eval", "x", "--mode", "fuzzy"), ("hybrid-rrf", "qa eval -h")),
        (("bogus",), ("No such command", "qa -h")),
    ):
        r = run_qa(*args, input="")
        one_error_line(r, "qa: error:", *words)
        assert r.returncode == 2, (args, r.returncode)


@pytest.mark.slow
def test_the_question_may_be_unquoted_words_or_stdin(bundled_index: Path) -> None:
    index = ("--index", str(bundled_index), "--json", "--top", "1")
    quoted = run_qa("ask", "what did Roy say about nonaggression pacts", *index)
    words = run_qa("ask", "what", "did", "Roy", "say", "about", "nonaggression", "pacts", *index)
    piped = run_qa("ask", *index, input="what did Roy say about\nnonaggression pacts\n")
    results = [json.loads(r.stdout) for r in (quoted, words, piped)]
    assert results[0]["question"] == "what did Roy say about nonaggression pacts"
    assert results[0]["answers"] and results[0] == results[1] == results[2]


class NumpyBackend:
    """A second backend over the same chunks: brute-force cosine in numpy, BM25 from the
    local index. The retriever must not care which one it is given."""

    def __init__(self, pipeline: Pipeline) -> None:
        from qa.retrieve import LocalBackend

        self.local = LocalBackend(pipeline.index)
        self.vectors = pipeline.index.dense.vectors()

    def lexical_candidates(self, query: str, depth: int, doc_ids: set[str] | None):  # type: ignore[no-untyped-def]
        return self.local.lexical_candidates(query, depth, doc_ids)

    def dense_candidates(self, vector, depth: int, doc_ids: set[str] | None):  # type: ignore[no-untyped-def]
        import numpy as np

        scores = self.vectors @ vector
        if doc_ids is not None:
            scores = np.where(self.local.chunk_mask(doc_ids) > 0, scores, -np.inf)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:depth]]
        return [(i, float(scores[i])) for i in order if np.isfinite(scores[i])]

    def chunk(self, i: int):  # type: ignore[no-untyped-def]
        return self.local.chunk(i)


def test_the_retriever_works_over_any_backend(pipeline: Pipeline) -> None:
    """Issue 16: retrieval goes through a backend interface; another engine over the same
    chunks (here exact numpy search against FAISS's exact search) gives the same hits."""
    from qa.retrieve import Retriever

    other = Retriever(NumpyBackend(pipeline), pipeline.embed)
    roy = {d for d, doc in pipeline.documents.items() if doc.author == "Denny Roy"}
    for mode in ("dense", "hybrid"):
        params = RetrievalParams(mode=mode, k=8)  # type: ignore[arg-type]
        for q, docs in (("nonaggression pact", None), ("China", roy), ("x", set())):
            ours = pipeline.retriever.search(q, params, docs)
            theirs = other.search(q, params, docs)
            assert [h.chunk_id for h in ours] == [h.chunk_id for h in theirs], (mode, q)
            assert all(abs(a.score - b.score) < 1e-5 for a, b in zip(ours, theirs, strict=True))
            assert docs is None or all(h.chunk.doc_id in docs for h in theirs)
