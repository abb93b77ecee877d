"""`qa eval`: floors on the bundled gold set, the output files, BEIR folders and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.evaluation import VARIANTS, evaluate_gold, gold_qrels, load_beir_queries, load_gold
from qa.pipeline import Pipeline
from qa.types import QAError
from tests.conftest import BUNDLED, REPO, run_qa

GOLD = REPO / "eval" / "bundled.jsonl"


def test_the_gold_set_is_well_formed(pipeline: Pipeline) -> None:
    questions = load_gold(GOLD)
    assert len(questions) >= 60
    kinds = {q.kind for q in questions}
    assert {
        "attribution",
        "fact",
        "paraphrase",
        "mentioned",
        "two-sentence",
        "unanswerable",
    } <= kinds
    assert sum(not q.answers for q in questions) >= 8
    docs = pipeline.documents
    for q in questions:
        for a in q.answers:  # verbatim
            assert any(a in docs[d].text for d in q.doc_ids), q.id
    assert set(gold_qrels(pipeline, questions)) == {q.id for q in questions if q.answers}


@pytest.mark.slow
def test_quality_floors_on_the_bundled_gold_set(pipeline: Pipeline) -> None:
    """Floors a little below the figures measured when the defaults were chosen (eval/README)."""
    report = evaluate_gold(pipeline, load_gold(GOLD), "bundled.jsonl", "hybrid")
    m = report.metrics
    floors = {
        "hit@1": 0.74,
        "hit@3": 0.82,
        "attribution": 0.87,
        "f1": 0.45,
        "abstention_recall": 0.70,
        "ndcg@10": 0.83,
        "recall@10": 0.93,
        "mrr@10": 0.80,
    }
    for name, floor in floors.items():
        assert m[name] >= floor, (name, m[name])
    assert m["answerable_abstained"] <= 0.06
    assert 10 <= m["answer_words"] <= 50
    for f in report.failures:
        assert f["question"] and f["expected"] and "why" in f


@pytest.mark.slow
def test_cli_compare_json_and_out(tmp_path: Path, bundled_index: Path) -> None:
    out = tmp_path / "report"
    r = run_qa(
        "eval",
        str(GOLD),
        "--index",
        str(bundled_index),
        "--compare",
        "--json",
        "--limit",
        "8",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [d["mode"] for d in data] == list(VARIANTS)
    for d in data:
        assert d["dataset"] == "bundled.jsonl"
        for key in (
            "ndcg@10",
            "recall@100",
            "mrr@10",
            "recall@1",
            "hit@1",
            "attribution",
            "seconds_median",
            "seconds_p95",
        ):
            assert 0 <= d["metrics"][key] <= 100
        assert d["by_kind"] and isinstance(d["failures"], list)
        for row in d["by_kind"].values():
            assert 0 <= row.get("hit@1", row["abstained"]) <= 1
    for plot in ("recall.png", "answers.png"):
        assert (out / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| ndcg@10 |" in report and "By question kind" in report
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert len(saved["runs"]) == 4 and saved["date"].startswith("20") and saved["limit"] == 8
    assert str(bundled_index) in saved["index"] and "gen-" in saved["index"]
    assert f"- index: {saved['index']}" in report

    human = run_qa("eval", str(GOLD), "--index", str(bundled_index), "--limit", "12")
    assert human.returncode == 0, human.stderr
    assert "ndcg@10" in human.stdout and "hit@1" in human.stdout
    assert "kind (questions)" in human.stdout
    failed = [line for line in human.stdout.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "--failures lists them" in failed[0]
    assert "expected:" not in human.stdout
    listed = run_qa("eval", str(GOLD), "--index", str(bundled_index), "--limit", "12", "--failures")
    assert "expected:" in listed.stdout


def beir_folder(root: Path) -> Path:
    """A small BEIR folder made from the bundled articles: one document per paragraph."""
    (root / "qrels").mkdir(parents=True)
    docs = []
    for path in sorted(BUNDLED.glob("*.txt")):
        for i, para in enumerate(
            p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 20
        ):
            docs.append({"_id": f"{path.stem[:5]}-{i}", "title": "", "text": para})
    (root / "corpus.jsonl").write_text(
        "".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8"
    )
    wanted = {
        "Kissinger feigned illness": "Kissinger",
        "nonaggression commitments": "unilateral",
        "Madeleine Albright visited North Korea": "Albright",
        "maximum pressure is flawed": "maximum pressure",
        "Byungjin policy": "Byungjin",
    }
    queries, qrels = [], ["query-id\tcorpus-id\tscore"]
    for n, (query, marker) in enumerate(wanted.items()):
        queries.append({"_id": f"q{n}", "text": query})
        qrels += [f"q{n}\t{d['_id']}\t1" for d in docs if marker in d["text"]]
    (root / "queries.jsonl").write_text(
        "".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8"
    )
    (root / "qrels" / "test.tsv").write_text("\n".join(qrels) + "\n", encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_beir_folder_is_indexed_once_and_scored(tmp_path: Path) -> None:
    folder = beir_folder(tmp_path / "mini")
    queries, qrels = load_beir_queries(folder)
    assert len(queries) == 5 and all(qrels.values())
    index_dir = tmp_path / "mini-index"
    r = run_qa("eval", str(folder), "--index", str(index_dir), "--compare", "--json")
    assert r.returncode == 0, r.stderr
    assert "indexed" in r.stderr
    by_mode = {d["mode"]: d["metrics"] for d in json.loads(r.stdout)}
    assert by_mode["bm25"]["ndcg@10"] > 0.6 and by_mode["hybrid"]["ndcg@10"] > 0.6
    assert "hit@1" not in by_mode["hybrid"]  # retrieval only
    again = run_qa("eval", str(folder), "--index", str(index_dir), "--mode", "bm25")
    assert again.returncode == 0 and "indexed" not in again.stderr  # cached


@pytest.mark.parametrize(
    "lines,message",
    [
        (['{"id": "a", "question": "q", "answers": []}', "{oops"], "line 2: not valid JSON"),
        (['{"id": "a", "answers": []}'], "line 1: missing question"),
        (['{"id": "a", "question": "q", "answers": "x"}'], "answers must be a list"),
        (['{"id": "a", "question": "q", "answers": []}'] * 2, "line 2: duplicate id"),
        ([], "no questions"),
    ],
)
def test_bad_gold_files(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(QAError, match=message):
        load_gold(path)


def test_unknown_doc_ids_and_cli_errors(
    tmp_path: Path, pipeline: Pipeline, bundled_index: Path
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "question": "q", "answers": ["x"], "doc_ids": ["nope"]}\n', encoding="utf-8"
    )
    with pytest.raises(QAError, match="gold doc_ids not in the index: nope"):
        gold_qrels(pipeline, load_gold(path))
    path.write_text('{"id": "a", "question": "q", "answers": []}\n{bad\n', encoding="utf-8")
    r = run_qa("eval", str(path), "--index", str(bundled_index))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        f"qa: error: {path}, line 2: not valid JSON "
        "(Expecting property name enclosed in double quotes, column 2)"
    ]


@pytest.mark.parametrize(
    "corpus,queries,qrels,message",
    [
        (
            '{"_id": 1, "title": 5, "text": "x"}',
            '{"_id": "q", "text": "t"}',
            "q\t1\t1",
            "corpus.jsonl, line 1: not a BEIR document",
        ),
        ('{"_id": 1, "text": "x"}', "[1, 2]", "q\t1\t1", "queries.jsonl, line 1"),
        (
            '{"_id": 1, "text": "x"}',
            '{"_id": "q", "text": "t"}',
            "query-id\tcorpus-id\tscore\nq\t1\tx",
            "test.tsv, line 2: expected query-id, corpus-id, integer score",
        ),
    ],
)
def test_odd_beir_folders_are_one_clear_error(
    tmp_path: Path, corpus: str, queries: str, qrels: str, message: str
) -> None:
    from qa.ingest import load_corpus

    (tmp_path / "qrels").mkdir()
    (tmp_path / "corpus.jsonl").write_text(corpus + "\n", encoding="utf-8")
    (tmp_path / "queries.jsonl").write_text(queries + "\n", encoding="utf-8")
    (tmp_path / "qrels" / "test.tsv").write_text(qrels + "\n", encoding="utf-8")
    with pytest.raises(QAError, match=message):
        load_corpus(tmp_path)
        load_beir_queries(tmp_path)
