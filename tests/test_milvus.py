"""The Milvus backend, against a real Milvus Lite database the test creates (no mocks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import qa
from tests.conftest import run_qa

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pymilvus")

QUESTIONS = (
    "what did Roy say about nonaggression pacts",
    "why would maximum pressure fail according to Gause",
    "who is Doug Bandow",
)


def ask(index: Path, question: str, *args: str) -> dict:  # type: ignore[type-arg]
    r = run_qa("ask", question, "--index", str(index), "--json", *args)
    assert r.returncode == 0, r.stderr
    data: dict = json.loads(r.stdout)  # type: ignore[type-arg]
    return data


def collections(uri: str) -> list[str]:
    """The collections in a Milvus Lite file, listed by another process: one process at a time
    may open the file, and the server Milvus Lite starts outlives the client."""
    code = (
        "import json, sys; from pymilvus import MilvusClient\n"
        "print(json.dumps(sorted(MilvusClient(sys.argv[1]).list_collections())))"
    )
    r = subprocess.run([sys.executable, "-c", code, uri], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    names: list[str] = json.loads(r.stdout.strip().splitlines()[-1])
    return names


def same(a: object, b: object) -> bool:
    """Equal, numbers to 1e-5: Milvus sums BM25 terms in its own float32 order."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-5
    return a == b


@pytest.mark.slow
def test_milvus_backend_answers_as_the_local_one(
    tmp_path: Path, corpus_copy: Path, bundled_index: Path
) -> None:
    """Issue 16: `qa index --backend milvus` fills a Milvus Lite collection that ask, repl and
    eval then search (BM25 function and vectors in Milvus, fused by qa) with the same output
    as qa's own index; author filters are Milvus filter expressions; a refresh gets a new
    collection and drops the old one."""
    index = tmp_path / "index"
    r = run_qa("index", str(corpus_copy), "--index", str(index), "--backend", "milvus", "--json")
    assert r.returncode == 0, r.stderr
    milvus = qa.Index.open(index).manifest.milvus
    assert milvus is not None and milvus.uri == str((index / "milvus.db").resolve())
    assert collections(milvus.uri) == [milvus.collection]
    info = run_qa("info", "--index", str(index))
    assert f"Milvus collection {milvus.collection}" in info.stdout, info.stderr

    # the same vectors searched exactly, and BM25 over qa's own terms with qa's k1 and b: the
    # same output as the local index in every mode, scores included
    for q in QUESTIONS:
        for mode in ("dense", "bm25", "hybrid"):
            args = ("--mode", mode, "--explain")
            assert same(ask(index, q, *args), ask(bundled_index, q, *args)), (q, mode)
    # the REPL (questions piped in, one JSON result per line) and `qa eval` agree too
    piped = "\n".join(QUESTIONS) + "\n"
    repl = [
        run_qa("repl", "--index", str(i), "--json", input=piped) for i in (index, bundled_index)
    ]
    assert all(r.returncode == 0 for r in repl), repl[0].stderr + repl[1].stderr
    results = [[json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")] for r in repl]
    assert len(results[0]) == len(QUESTIONS) and same(results[0], results[1])
    gold = tmp_path / "gold.jsonl"
    lines = (ROOT / "eval" / "bundled.jsonl").read_text(encoding="utf-8").splitlines()
    gold.write_text("\n".join(lines[:15]) + "\n", encoding="utf-8")
    reports = []
    for i in (index, bundled_index):
        r = run_qa("eval", str(gold), "--index", str(i), "--json")
        assert r.returncode == 0, r.stderr
        report = json.loads(r.stdout)
        for timing in ("seconds_median", "seconds_p95"):
            report["metrics"].pop(timing)
        reports.append(report)
    assert reports[0]["metrics"]["hit@1"] > 0 and same(reports[0], reports[1])

    roy = ask(index, QUESTIONS[0])
    assert roy["answers"] and all(
        a["citation"]["doc_id"] == "roy-heilbrunn-is-dead-wrong" for a in roy["answers"]
    )

    (corpus_copy / "gause-no-missouri-moment.txt").unlink()
    r = run_qa("index", "--index", str(index), "--json")  # the backend is remembered
    assert r.returncode == 0, r.stderr
    again = qa.Index.open(index).manifest.milvus
    assert again is not None and again.collection != milvus.collection
    # the previous collection stays one generation longer, for sessions still open on it
    assert collections(milvus.uri) == sorted([milvus.collection, again.collection])
    (corpus_copy / "bandow-why-trump-cant-trick-kim.txt").write_text("Bandow\n\nA new text.\n")
    assert run_qa("index", "--index", str(index)).returncode == 0
    third = qa.Index.open(index).manifest.milvus
    assert third is not None
    assert collections(milvus.uri) == sorted([again.collection, third.collection])
    gause = ask(index, "what does Gause think", "--top", "3")
    assert all(a["citation"]["doc_id"] != "gause-no-missouri-moment" for a in gause["answers"])

    r = run_qa("index", "--index", str(index), "--backend", "local")
    assert r.returncode == 0, r.stderr
    assert qa.Index.open(index).manifest.milvus is None and collections(milvus.uri) == []
    assert ask(index, QUESTIONS[0])["answers"]


def test_milvus_options_are_checked(tmp_path: Path, corpus_copy: Path) -> None:
    for args, words in (
        (("--milvus-uri", "x.db"), "needs --backend milvus"),
        (("--backend", "milvus", "--collection", "1-bad"), "--collection"),
        (("--backend", "pinecone"), "local, milvus"),
    ):
        r = run_qa("index", str(corpus_copy), "--index", str(tmp_path / "i"), *args)
        assert r.returncode == 2 and words in r.stderr, r.stderr
    assert not (tmp_path / "i").exists()
