"""Building, refreshing and opening an index with the real model, FAISS and bm25s."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import qa
from qa import store
from qa.chunk import CHUNKER_VERSION, ChunkParams
from qa.embed import (
    ONNX_FILE,
    QUANTIZATION,
    Embedder,
    OnnxEmbedder,
    export_onnx,
    file_sha256,
    resolve_model,
)
from qa.manifest import Chunking, Manifest
from qa.types import QAError
from tests.conftest import copy_index, one_error_line, run_qa


def test_bundled_index_contents(bundled_index: Path) -> None:
    index = qa.Index.open(bundled_index)
    m = index.manifest
    assert m.format_version == store.FORMAT_VERSION
    assert m.model.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert m.model.weights_sha256.startswith("53aa51172d142c89")
    assert m.model.dim == 384
    assert m.chunking == Chunking(max_words=160, overlap_words=0, chunker=CHUNKER_VERSION)
    assert {e.author for e in index.entries} == {"Doug Bandow", "Denny Roy", "Ken E. Gause"}
    assert m.counts.chunks == index.dense.size == sum(e.chunks for e in index.entries)
    # the typed record writes back the very JSON it was read from
    raw = json.loads((index.generation / store.MANIFEST).read_text(encoding="utf-8"))
    assert m.to_json() == raw and Manifest.parse(raw) == m
    docs = {d.doc_id: d for d in index.documents}
    for c in index.chunks():
        assert docs[c.doc_id].text[c.start : c.end] == c.text
    for name in os.listdir(index.generation):
        assert not name.endswith((".pkl", ".pickle"))


def test_vectors_are_the_models_and_search_finds_the_passage(bundled_index: Path) -> None:
    index = qa.Index.open(bundled_index)
    embedder = Embedder(resolve_model())
    chunks = index.chunks()
    stored = index.dense.vectors()
    fresh = embedder.encode([chunks[3].text])[0]
    assert float(stored[3] @ fresh) > 0.97  # the index's model is int8; see the ONNX test
    assert np.allclose(np.linalg.norm(stored, axis=1), 1, atol=1e-4)
    [(best, score)] = index.dense.search(
        embedder.encode(["Adm. Harry Harris: bring Kim to his senses, not his knees"])[0], k=1
    )
    assert "not to his knees" in chunks[best].text
    assert score > 0.3
    lexical_best = index.lexical.search("Madeleine Albright", k=1)[0][0]
    assert "Albright" in chunks[lexical_best].text


def test_documents_are_read_lazily_by_offset(bundled_index: Path) -> None:
    index = qa.Index.open(bundled_index)
    assert index.by_id._cache == {}
    roy = index.by_id["roy-heilbrunn-is-dead-wrong"]
    assert list(index.by_id._cache) == [roy.doc_id]
    path = index.generation / store.DOCUMENTS
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        assert json.loads(line)["doc_id"] == index.entries[i].doc_id == index.document(i).doc_id
    # sentences per document: every chunk's sentences, once each, in order
    for pos, entry in enumerate(index.entries):
        want = sorted({s for c in index.chunks() if c.doc_id == entry.doc_id for s in c.sentences})
        assert index.sentences_of(pos) == want


def _clustered(n: int, seed: int) -> np.ndarray:
    """Unit vectors around 50 centres, the way embeddings of related texts cluster."""
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).standard_normal((50, 64)).astype(np.float32)
    v = centres[rng.integers(0, 50, n)] + 0.4 * rng.standard_normal((n, 64)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.slow
def test_large_indexes_use_hnsw_with_high_recall(tmp_path: Path) -> None:
    from qa.dense import DenseIndex

    vectors, queries = _clustered(20_000, 1), _clustered(50, 2)
    exact = DenseIndex.build(vectors)
    approx = DenseIndex.build(vectors, exact_below=10_000)
    assert exact.exact and not approx.exact
    assert approx.describe()["type"] == "IndexHNSWFlat"
    approx.save(tmp_path / "dense.faiss")
    loaded = DenseIndex.load(tmp_path / "dense.faiss")
    assert not loaded.exact and loaded.size == 20_000
    recall = []
    for q in queries:
        truth = {i for i, _ in exact.search(q, 10)}
        recall.append(len(truth & {i for i, _ in loaded.search(q, 10)}) / 10)
    assert np.mean(recall) >= 0.95
    # a filter (one author's chunks) is searched exactly, whatever the index type
    allowed = np.arange(0, 20_000, 7)
    want = exact.search(queries[0], 10, allowed)
    got = loaded.search(queries[0], 10, allowed)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert all(i % 7 == 0 for i, _ in got)
    assert loaded.search(queries[0], 5, allowed[:3]) == exact.search(queries[0], 5, allowed[:3])


@pytest.mark.slow
def test_onnx_vectors_equal_sentence_transformers(bundled_index: Path, tmp_path: Path) -> None:
    """The fp32 ONNX export gives the vectors sentence-transformers gives; the int8 model stored
    with the index stays close to them (its effect on retrieval is measured on SciFact)."""
    index = qa.Index.open(bundled_index)
    onnx = index.manifest.onnx
    assert onnx is not None and onnx.sha256 == file_sha256(index.generation / ONNX_FILE)
    assert onnx.quantization == QUANTIZATION
    info = resolve_model()
    texts = [c.text for c in index.chunks()] + ["nonaggression pacts", "a", "Ünïcödé — “quotes”"]
    reference = Embedder(info).encode(texts)
    export_onnx(info, tmp_path, quantize=False)
    fp32 = OnnxEmbedder(info, tmp_path).encode(texts)
    assert float(np.min(np.sum(reference * fp32, axis=1))) >= 0.9999
    int8 = OnnxEmbedder(info, index.generation).encode(texts)
    assert float(np.min(np.sum(reference * int8, axis=1))) >= 0.97
    assert (index.generation / ONNX_FILE).stat().st_size < (tmp_path / ONNX_FILE).stat().st_size / 3


@pytest.mark.slow
def test_asking_imports_neither_torch_nor_sentence_transformers(bundled_index: Path) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['qa', 'ask', 'what did Roy say about nonaggression pacts', '--json',"
        f" '--index', {str(bundled_index)!r}]\n"
        "from qa.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers')"
        " if m in sys.modules), file=sys.stderr)\n"
        "print('qa.rerank' in sys.modules, file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    # the answer reranker is part of asking, and still nothing imported torch
    assert r.stderr.strip().splitlines()[-2:] == ["[]", "True"], r.stderr
    assert json.loads(r.stdout)["answers"]


def _rows(index: qa.Index, doc_prefix: str) -> tuple[int, int]:
    """The sentence rows of the chunks of the document whose id starts with ``doc_prefix``."""
    chunks = [i for i in range(index.num_chunks) if index.chunk(i).doc_id.startswith(doc_prefix)]
    return index.chunk_sentence_rows(chunks[0])[0], index.chunk_sentence_rows(chunks[-1])[1]


@pytest.mark.slow
def test_refresh_embeds_only_what_changed(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = tmp_path / "index"
    first = qa.build_index(corpus_copy, index_dir)
    assert (first.embedded, first.reused, first.up_to_date) == (first.chunks, 0, False)

    again = qa.build_index(corpus_copy, index_dir)
    assert again.up_to_date and again.embedded == 0
    assert again.chunks == first.chunks

    (corpus_copy / "extra.md").write_text(
        "# A New Note\n\nThe Joint Comprehensive Plan of Action limited Iran's enrichment.\n",
        encoding="utf-8",
    )
    roy = corpus_copy / "roy-heilbrunn-is-dead-wrong.txt"
    roy.write_text(
        roy.read_text(encoding="utf-8") + "\n\nA closing line added later.\n", encoding="utf-8"
    )
    (corpus_copy / "bandow-why-trump-cant-trick-kim.txt").unlink()
    said: list[str] = []
    before = qa.Index.open(index_dir)
    gause_vectors = np.array(before.sentence_vectors)[slice(*_rows(before, "gause"))]
    report = qa.build_index(corpus_copy, index_dir, say=said.append)
    assert report.added == ["extra"]
    assert report.changed == ["roy-heilbrunn-is-dead-wrong"]
    # each sentence's vector is stored; those of the unchanged chunks are taken over
    [line] = [m for m in said if m.startswith("embedding") and "sentences" in m]
    fresh, total = (int(w) for w in line.split() if w.isdigit())
    after = qa.Index.open(index_dir)
    assert 0 < fresh < total == after.manifest.counts.sentences
    assert after.sentence_vectors is not None and after.sentence_vectors.dtype == np.float16
    assert np.array_equal(after.sentence_vectors[slice(*_rows(after, "gause"))], gause_vectors)
    assert report.removed == ["bandow-why-trump-cant-trick-kim"]
    # the new note is one chunk; Roy's last chunk changed; Gause's chunks are all reused
    index = qa.Index.open(index_dir)
    per_doc = {e.doc_id: e.chunks for e in index.entries}
    assert report.chunks == sum(per_doc.values())
    assert 2 <= report.embedded <= 3
    assert report.reused == report.chunks - report.embedded
    assert index.dense.size == report.chunks
    assert "bandow-why-trump-cant-trick-kim" not in per_doc
    # the live generation and the one it replaced (for sessions still reading it) remain;
    # a folder that merely looks like a generation is not qa's and is left alone
    gens = [p.name for p in index_dir.iterdir() if p.name.startswith("gen-")]
    assert index.generation.name in gens and len(gens) == 2
    (index_dir / "gen-my-notes").mkdir()
    qa.build_index(corpus_copy, index_dir, rebuild=True)
    assert (index_dir / "gen-my-notes").is_dir()
    assert len([p for p in index_dir.iterdir() if p.name.startswith("gen-")]) == 3


def test_a_refresh_takes_a_newer_reading_of_the_credits(tmp_path: Path) -> None:
    """An index built by an older qa, which read a file's credits less well, takes the current
    reading on the next `qa index`, without re-embedding; it used to stay "up to date"."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "doe.md").write_text(
        "# Toll the Bridge\n\nBy Jane Doe, harbour engineer\n\n"
        "A toll of two pounds would pay for the repairs within ten years.\n",
        encoding="utf-8",
    )
    (corpus / "roe.md").write_text(
        "# Keep It Free\n\nBy John Roe\n\nA toll would empty the high street.\n",
        encoding="utf-8",
    )
    qa.build_index(corpus, index_dir)
    path = qa.Index.open(index_dir).generation / store.MANIFEST
    manifest = json.loads(path.read_text())
    read_now = dict(manifest["documents"][0])
    assert read_now["author"] == "Jane Doe" and "engineer" in read_now["roles"]
    manifest["documents"][0]["roles"] = []  # as a qa that did not read roles left it
    path.write_text(json.dumps(manifest))

    again = qa.build_index(corpus, index_dir)
    assert not again.up_to_date and again.embedded == 0 and again.recredited == ["doe"]
    assert again.changes() == ["credits re-read: doe"]
    entry = qa.Index.open(index_dir).entries[0]
    assert (entry.author, entry.title, entry.roles) == (
        "Jane Doe",
        read_now["title"],
        tuple(read_now["roles"]),
    )
    assert qa.build_index(corpus, index_dir).up_to_date


@pytest.mark.slow
def test_an_older_format_is_upgraded_without_reembedding(tmp_path: Path, corpus_copy: Path) -> None:
    """Format 1 indexes kept every text in documents.jsonl without offsets; a plain `qa index`
    turns one into the current format, from the corpus it records, and keeps its vectors."""
    index_dir = tmp_path / "index"
    qa.build_index(corpus_copy, index_dir)
    gen = qa.Index.open(index_dir).generation
    manifest = json.loads((gen / store.MANIFEST).read_text())
    manifest["format_version"] = 1
    (gen / store.MANIFEST).write_text(json.dumps(manifest))
    (gen / store.DOCUMENT_OFFSETS).unlink()
    old = run_qa("ask", "what did Roy say", "--index", str(index_dir))
    one_error_line(old, "format version 1", "run `qa index`")
    assert "--rebuild" not in old.stderr
    chunks = qa.Index.open(index_dir, reuse=True).num_chunks
    # no corpus named: the index's own (it once fell back to the bundled corpus/ here)
    upgrade = run_qa("index", "--index", str(index_dir), env={"QA_CORPUS": ""})
    assert upgrade.returncode == 0, upgrade.stderr
    assert (
        f"from {corpus_copy.resolve()} into {index_dir}: {chunks} chunks, 0 embedded, "
        f"{chunks} reused"
    ) in upgrade.stderr
    assert qa.open_index(index_dir).ask("what did Roy say about nonaggression pacts").answers


@pytest.mark.slow
def test_other_chunking_or_rebuild_reembeds(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = tmp_path / "index"
    qa.build_index(corpus_copy, index_dir, params=ChunkParams(max_words=60, overlap_words=10))
    again = qa.build_index(
        corpus_copy, index_dir, params=ChunkParams(max_words=60, overlap_words=10), rebuild=True
    )
    assert again.embedded == again.chunks and not again.up_to_date


@pytest.mark.slow
def test_cli_index_and_info(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = str(tmp_path / "index")
    first = run_qa("index", str(corpus_copy), "--index", index_dir)
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""
    assert "indexed 3 documents" in first.stderr
    second = run_qa("index", "--index", index_dir)  # the corpus is remembered
    assert second.returncode == 0, second.stderr
    assert "up to date" in second.stderr and "re-embedded 0 chunks" in second.stderr
    info = run_qa("info", "--index", index_dir)
    assert info.returncode == 0, info.stderr
    for expected in (
        "Doug Bandow",
        "Denny Roy",
        "Ken E. Gause",
        "all-MiniLM-L6-v2",
        "Heilbrunn Is Dead Wrong about Kim Jong-un",
        "on disk",
        "built",
        "sentence_vectors.npy",
        "reading    a file is skipped past 60 s, 256 MB on disk,",
    ):
        assert expected in info.stdout
    as_json = json.loads(run_qa("info", "--json", "--index", index_dir).stdout)
    assert as_json["counts"]["documents"] == 3
    assert as_json["ingest"]["limits"]["file_mb"] == 256
    (corpus_copy / "roy-heilbrunn-is-dead-wrong.txt").unlink()
    third = json.loads(run_qa("index", "--index", index_dir, "--json").stdout)
    assert third["removed"] == ["roy-heilbrunn-is-dead-wrong"] and third["documents"] == 2
    assert third["embedded"] == 0 and third["up_to_date"] is False


@pytest.mark.slow
def test_unusable_indexes_say_so_in_one_line(tmp_path: Path, bundled_index: Path) -> None:
    import shutil

    one_error_line(run_qa("info", "--index", str(tmp_path / "none")), "no index", "qa index")

    copy = tmp_path / "copy"
    shutil.copytree(bundled_index, copy)
    manifest_path = qa.Index.open(copy).generation / store.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest))
    one_error_line(run_qa("info", "--index", str(copy)), "format version 99", "qa index")

    manifest["format_version"] = store.FORMAT_VERSION
    manifest["model"] = {"name": "some/other-model", "weights_sha256": "0" * 64, "dim": 768}
    manifest_path.write_text(json.dumps(manifest))
    index = qa.Index.open(copy)
    with pytest.raises(QAError, match=r"built with model some/other-model.*qa index"):
        info = resolve_model()
        index.check_model(info.weights_sha256, info.name)
    warned = run_qa("info", "--index", str(copy))
    assert warned.returncode == 0 and "qa index --rebuild" in warned.stderr

    manifest_path.write_text("{not json")
    one_error_line(run_qa("info", "--index", str(copy)), "damaged", "qa index")


def test_model_weights_are_checked(tmp_path: Path) -> None:
    with pytest.raises(QAError, match=r"no model\.safetensors"):
        resolve_model(str(tmp_path))
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(QAError, match="never pickled"):
        resolve_model(str(tmp_path))


def _building(index_dir: Path, holding: str | None = None) -> bool:
    return any(
        p.name.startswith(store.BUILD_PREFIX) and (holding is None or (p / holding).exists())
        for p in index_dir.iterdir()
    )


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["loading", "embedding", "writing"])
def test_kill_9_mid_build_leaves_the_previous_index(
    tmp_path: Path, corpus_copy: Path, bundled_index: Path, moment: str
) -> None:
    """`kill -9` a rebuild while it loads, embeds or writes: the old index still answers."""
    index_dir = tmp_path / "index"
    before, proc = _index_then_rebuild(bundled_index, corpus_copy, index_dir)
    assert proc.stderr is not None
    if moment == "loading":
        time.sleep(1.0)
    elif moment == "embedding":
        assert "embedding" in proc.stderr.readline()
    else:
        deadline = time.monotonic() + 120
        while not _building(index_dir, store.CHUNKS) and time.monotonic() < deadline:
            time.sleep(0.001)
        assert _building(index_dir, store.CHUNKS), "the build never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    _still_answers(index_dir, before)
    # the next build clears what the killed one left behind, even when it has nothing to do
    assert qa.build_index(corpus_copy, index_dir).up_to_date
    assert not _building(index_dir)
    assert len([p for p in index_dir.iterdir() if p.name.startswith(store.GEN_PREFIX)]) == 1


@pytest.mark.slow
def test_ctrl_c_mid_build_is_one_line_and_keeps_the_index(
    tmp_path: Path, corpus_copy: Path, bundled_index: Path
) -> None:
    index_dir = tmp_path / "index"
    before, proc = _index_then_rebuild(bundled_index, corpus_copy, index_dir)
    assert proc.stderr is not None
    assert "embedding" in proc.stderr.readline()
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait() == 130, rest
    assert rest.strip() == "qa: interrupted" and "Traceback" not in rest
    _still_answers(index_dir, before)


def _index_then_rebuild(
    built: Path, corpus: Path, index_dir: Path
) -> tuple[qa.Index, subprocess.Popen[str]]:
    """A copy of the built index of ``corpus``, and `qa index --rebuild` of it started in a
    child process."""
    copy_index(built, index_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa", "index", str(corpus), "--index", str(index_dir), "--rebuild"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return qa.Index.open(index_dir), proc


def _still_answers(index_dir: Path, before: qa.Index) -> None:
    """The index is the one from before the interrupted build, and it still works."""
    after = qa.Index.open(index_dir)
    assert after.generation == before.generation
    assert after.num_chunks == before.num_chunks == after.dense.size
    assert after.lexical.search("nonaggression pact", k=3)
    assert run_qa("info", "--index", str(index_dir)).returncode == 0


@pytest.mark.slow
def test_indexes_share_one_verified_model_export(tmp_path: Path) -> None:
    """Issue 15: every index exported its own 23 MB model.onnx (about 30 s). Now the export is
    made once per model in the cache, linked into each index, and made again when the cached
    file no longer has its recorded sha256."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nThe cat sat on the mat. It was warm.\n")
    env = {"QA_CACHE": str(tmp_path / "cache")}

    def build(name: str) -> tuple[str, Path]:
        r = run_qa("index", str(corpus), "--index", str(tmp_path / name), env=env)
        assert r.returncode == 0, r.stderr
        live = store.current_generation(tmp_path / name)
        assert live is not None
        return r.stderr, live / "model.onnx"

    said, first = build("one")
    assert "exporting" in said and "1 document from" in said
    (cached,) = (tmp_path / "cache" / "onnx").glob("*/model.onnx")
    said, second = build("two")
    assert "exporting" not in said
    assert first.stat().st_ino == second.stat().st_ino == cached.stat().st_ino
    # a cached file that is not what was exported is never used
    cached.unlink()
    cached.write_bytes(first.read_bytes()[:-10])
    said, third = build("three")
    assert "exporting" in said and third.stat().st_ino != first.stat().st_ino
    assert file_sha256(third) == file_sha256(first)
    r = run_qa("ask", "where did the cat sit", "--index", str(tmp_path / "three"), "--json")
    assert json.loads(r.stdout)["answers"][0]["text"].startswith("The cat sat on the mat.")


@pytest.mark.slow
def test_a_refresh_keeps_its_chunking_and_names_every_kind_of_change(tmp_path: Path) -> None:
    """Issue 15: `--max-words 80` was forgotten by the next plain `qa index` (which re-embedded
    everything), a new .meta.json did not show as a change, a rename showed as added + removed,
    and a failed first build left an empty folder holding .lock."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = " ".join(f"Sentence {i} says something about topic {i % 7}." for i in range(40))
    (corpus / "a.txt").write_text(f"First\n\n{words}\n")
    (corpus / "b.txt").write_text("Second\n\nA short note on another matter entirely.\n")
    index_dir = tmp_path / "index"
    r = run_qa("index", str(corpus), "--index", str(index_dir), "--max-words", "40")
    assert r.returncode == 0, r.stderr
    r = run_qa("index", "--index", str(index_dir))
    assert r.returncode == 0 and "up to date" in r.stderr, r.stderr
    assert qa.Index.open(index_dir).manifest.chunking.max_words == 40

    (corpus / "b.txt.meta.json").write_text('{"author": "Jane Roe"}')
    report = qa.build_index(corpus, index_dir)
    assert report.changed == ["b"] and report.embedded == 0
    assert qa.Index.open(index_dir).manifest.chunking.max_words == 40

    (corpus / "a.txt").rename(corpus / "c.txt")
    report = qa.build_index(corpus, index_dir)
    assert report.renamed == [("a", "c")] and report.added == report.removed == []
    assert report.changes() == ["renamed: a → c"] and report.embedded == 0

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(QAError):
        qa.build_index(empty, tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_the_manifest_is_parsed_once_and_every_field_checked(bundled_index: Path) -> None:
    """Issue 16: one typed record instead of string keys read in five modules."""
    index = qa.Index.open(bundled_index)
    raw = json.loads((index.generation / store.MANIFEST).read_text(encoding="utf-8"))
    for edit, words in (
        (lambda m: m.pop("corpus"), "corpus is missing"),
        (lambda m: m["model"].update(dim="384"), "dim has the wrong type"),
        (lambda m: m["counts"].pop("chunks"), "counts.chunks is missing"),
        (lambda m: m["bm25"].update(k1=True), "k1 has the wrong type"),
        (lambda m: m["documents"][0].update(author=["A", "B"]), "'author'"),
        (lambda m: m.update(faiss=[]), "faiss has the wrong type"),
        (lambda m: m.pop("model"), "model is missing"),
    ):
        spoilt = json.loads(json.dumps(raw))
        edit(spoilt)
        with pytest.raises(ValueError, match=words):
            Manifest.parse(spoilt)
    # a key from a newer qa survives a round trip; optional records may be absent
    newer = {**raw, "from_the_future": {"x": 1}}
    assert Manifest.parse(newer).to_json()["from_the_future"] == {"x": 1}
    older = {k: v for k, v in raw.items() if k not in ("onnx", "ingest", "built_by_pid")}
    parsed = Manifest.parse(older)
    assert parsed.onnx is None and parsed.follow_symlinks is False


def test_importing_qa_leaves_the_environment_alone() -> None:
    """Issue 16: environment variables are read at the CLI's edge; importing the library (or
    the CLI module) sets nothing, and qa's own code reads no QA_* variable outside the CLI."""
    code = (
        "import os; before = dict(os.environ)\n"
        "import qa, qa.cli, qa.pipeline, qa.indexer, qa.repl\n"
        "assert dict(os.environ) == before, set(os.environ.items()) ^ set(before.items())"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    package = Path(qa.__file__).parent
    for module in package.glob("*.py"):
        if module.name != "cli.py":
            assert 'environ.get("QA_' not in module.read_text(encoding="utf-8"), module.name


@pytest.mark.slow
def test_parallel_embedding_gives_the_same_vectors(tmp_path: Path, corpus_copy: Path) -> None:
    """Issue 16: `qa index --workers N` embeds in N processes; the batches are those of one
    process, so the vectors are the same to 1e-6."""
    small = ChunkParams(max_words=40)
    one = qa.build_index(corpus_copy, tmp_path / "one", params=small)
    assert one.chunks > 3 * 32  # several batches to share out
    r = run_qa(
        "index",
        str(corpus_copy),
        "--index",
        str(tmp_path / "two"),
        "--max-words",
        "40",
        "--workers",
        "2",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["embedded"] == one.chunks
    a = qa.Index.open(tmp_path / "one").dense.vectors()
    b = qa.Index.open(tmp_path / "two").dense.vectors()
    assert a.shape == b.shape and np.abs(a - b).max() < 1e-6


@pytest.mark.slow
def test_embedding_on_a_local_ray_cluster_gives_the_same_vectors(
    tmp_path: Path, corpus_copy: Path
) -> None:
    """Issue 16: `qa index --ray local` starts Ray on this machine and embeds the batches of
    one process on its actors (the model files reach them through Ray's object store)."""
    pytest.importorskip("ray")
    small = ChunkParams(max_words=40)
    one = qa.build_index(corpus_copy, tmp_path / "one", params=small)
    r = run_qa(
        "index", str(corpus_copy), "--index", str(tmp_path / "ray"), "--max-words", "40",
        "--ray", "local", "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and json.loads(r.stdout)["embedded"] == one.chunks
    a = qa.Index.open(tmp_path / "one").dense.vectors()
    b = qa.Index.open(tmp_path / "ray").dense.vectors()
    assert a.shape == b.shape and np.abs(a - b).max() < 1e-6
    both = run_qa("index", str(corpus_copy), "--index", str(tmp_path / "x"), "--ray", "local",
                  "--workers", "2")  # fmt: skip
    assert both.returncode == 2 and "not both" in both.stderr
