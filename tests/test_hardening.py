"""Bad input, faults and untrusted files: the real CLI on tiny real corpora and damaged indexes.

Every error ends in exactly one `qa:` line on stderr, a non-zero exit and no traceback; every
warning names what it skipped; a build that fails leaves the previous index answering; nothing
from a document or a question reaches the terminal as a control sequence. The last tests fuzz
decoding, cleaning, sentence splitting and chunking with random bytes and random Unicode.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa
from qa import store
from qa.chunk import MAX_SENTENCE_CHARS, ChunkParams, chunk_document, split_sentences
from qa.clean import guess_author, guess_title, kept_spans, replace_surrogates
from qa.ingest import IsolatedReader, decode, load_beir_corpus, load_corpus, read_document
from qa.question import read_question
from qa.render import safe, to_json
from qa.types import Document, QAError, ReadLimits
from tests.conftest import BUNDLED, Run, copy_index, one_error_line, run_qa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
import hostile  # eval/hostile.py: the hostile files, made one way for tests and the table

GOOD = (
    "A Test Document\n\nThe nonaggression pact between the two states was signed in spring. "
    "Both sides promised not to attack each other.\n"
)
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066")
"""Characters that start or end terminal control sequences, and bidi overrides and isolates
(text that displays in another order than it reads)."""

QA = [sys.executable, "-m", "qa"]


def no_raw_escapes(*texts: str) -> None:
    for text in texts:
        assert not any(c in text for c in RAW), repr(text)


def generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / store.CURRENT).read_text().strip()


def answers(index_dir: Path) -> list[dict[str, object]]:
    """The answers `qa ask --json` gives from ``index_dir`` (which must work)."""
    r = run_qa("ask", "nonaggression pact", "--json", "--index", str(index_dir))
    assert r.returncode == 0, r.stderr
    found: list[dict[str, object]] = json.loads(r.stdout)["answers"]
    return found


@pytest.fixture
def index_copy(bundled_index: Path, tmp_path: Path) -> Path:
    """A writable copy of the bundled index, so a test can damage it."""
    return copy_index(bundled_index, tmp_path / "index")


# --- corpus ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setup,words",
    [
        ("missing", ["corpus folder not found"]),
        ("empty", ["no documents to index"]),
        ("unsupported", ["no documents to index"]),
    ],
)
def test_nothing_to_index_is_one_line(tmp_path: Path, setup: str, words: list[str]) -> None:
    corpus = tmp_path / "c"
    if setup != "missing":
        corpus.mkdir()
    if setup == "unsupported":
        (corpus / "a.docx").write_bytes(b"PK\x03\x04")
    r = run_qa("index", str(corpus), "--index", str(tmp_path / "index"))
    if setup == "unsupported":  # the warning naming the file, then the error
        assert r.stderr.startswith("warning: skipped 1 unsupported file(s): a.docx\n")
        r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout, r.stderr.split("\n", 1)[1])
    one_error_line(r, *words)
    assert not (tmp_path / "index" / store.CURRENT).exists()


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One good document beside every kind of file a corpus should survive."""
    root = tmp_path_factory.mktemp("odd")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside Note\n\nThe outside file talks of zebras.\n")
    c = root / "c"
    (c / "sub").mkdir(parents=True)
    (c / "good.txt").write_text(GOOD)
    (c / "copy-of-good.txt").write_text(GOOD)
    (c / "blob.txt").write_bytes(bytes(range(256)) * 64)
    (c / "empty.txt").write_bytes(b"")
    (c / "latin.txt").write_bytes(
        "Café Société\n\nLa façade naïve du château était très belle.\n".encode("latin-1")
    )
    (c / "wide.txt").write_text("Wide Text\n\nThis file is UTF-16 encoded.\n", encoding="utf-16")
    (c / "runon.txt").write_text("Run On\n\n" + "on and on " * 2000)
    (c / "page.html").write_text(
        "<html><head><style>p{color:zebrastyle}</style><script>var zebrascript=1;</script>"
        "</head><body><p>An HTML paragraph about the treaty.</p><!-- zebracomment -->"
        "<script>alert('zebrascript2')</script><noscript>zebranoscript</noscript></body></html>"
    )
    (c / "evil.txt").write_text(
        "Title \x1b]0;pwned\x07\x1b[31mRed\n\nA nonaggression \x1b[2J pact \x9b31m here.\n"
    )
    (c / "bad\x1b[31mname.docx").write_bytes(b"PK")
    (c / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe\n\nA file name in Latin-1.\n")
    os.mkfifo(c / "pipe.txt")
    (c / "link.txt").symlink_to(outside / "secret.txt")
    (c / "linkdir").symlink_to(outside)
    (c / "sub" / "loop").symlink_to("..")
    deep = c
    for _ in range(1000):  # deeper than Python's recursion limit (os.makedirs would hit it)
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.md").write_text("# Deep\n\nA document far down the tree.\n")
    yield c
    # shutil.rmtree (pytest's clean-up) recurses once per level and would fail on this tree
    subprocess.run(["rm", "-rf", str(c / "d")], check=True)


@pytest.fixture(scope="module")
def odd_index(
    bundled_index: Path, odd_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Run]:
    """The odd corpus indexed by `qa index` into a copy of the bundled index (so the model's
    ONNX export is reused, not redone)."""
    index_dir = copy_index(bundled_index, tmp_path_factory.mktemp("odd-index") / "index")
    r = run_qa("index", str(odd_corpus), "--index", str(index_dir))
    return index_dir, r


def indexed_paths(index_dir: Path) -> list[str]:
    return sorted(e.path for e in qa.Index.open(index_dir).entries)


def test_odd_files_are_skipped_with_a_reason_each(odd_index: tuple[Path, Run]) -> None:
    index_dir, r = odd_index
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    no_raw_escapes(r.stderr)
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    expected = [
        "warning: c/latin.txt: not UTF-8; decoded as cp1252",
        "warning: c/wide.txt: not UTF-8; decoded as utf_16 (byte-order mark)",
        "warning: skipped 1 file(s) whose name is not valid UTF-8 (rename them): caf\\udce9.txt",
        "warning: skipped 3 symbolic link(s) (--follow-symlinks indexes what they point to): "
        "link.txt, linkdir, sub/loop",
        "warning: skipped 1 special file(s) (pipes, sockets, devices): pipe.txt",
        "warning: skipped 1 unsupported file(s): bad\\x1b[31mname.docx",
        "warning: skipped c/blob.txt: looks like a binary file, not text",
        "warning: skipped 1 file(s) with no text: c/empty.txt",
        "warning: skipped 1 file(s) whose content is already indexed: "
        "c/good.txt (same as c/copy-of-good.txt)",
    ]
    assert sorted(warnings) == sorted(expected)
    paths = indexed_paths(index_dir)
    assert paths == sorted(
        [
            "c/copy-of-good.txt",
            "c/evil.txt",
            "c/latin.txt",
            "c/page.html",
            "c/runon.txt",
            "c/wide.txt",
            "c/" + "/".join(["d"] * 1000) + "/deep.md",
        ]
    )
    docs = {d.path: d for d in qa.Index.open(index_dir).documents}
    assert docs["c/latin.txt"].text.startswith("Café Société\n\nLa façade naïve")
    html = docs["c/page.html"].text
    assert "treaty" in html and "zebra" not in html  # no script, style, comment or noscript


def test_run_on_text_makes_bounded_sentences(odd_index: tuple[Path, Run]) -> None:
    index = qa.Index.open(odd_index[0])
    chunks = [c for c in index.chunks() if c.doc_id == "runon"]
    assert len(chunks) >= 10
    assert max(b - a for c in chunks for a, b in c.sentences) <= MAX_SENTENCE_CHARS


@pytest.mark.slow
def test_document_text_never_reaches_the_terminal_raw(odd_index: tuple[Path, Run]) -> None:
    index_dir = str(odd_index[0])
    info = run_qa("info", "--index", index_dir)
    assert info.returncode == 0, info.stderr
    assert "\\x1b]0;pwned\\x07" in info.stdout  # the title, escaped
    human = run_qa("ask", "nonaggression pact", "--author", "nobody", "--index", index_dir)
    one_error_line(human, "no author")
    human = run_qa("ask", "what is here in the nonaggression pact", "--index", index_dir)
    js = run_qa("ask", "what is here in the nonaggression pact", "--json", "--index", index_dir)
    assert human.returncode == js.returncode == 0, human.stderr + js.stderr
    no_raw_escapes(info.stdout, info.stderr, human.stdout, human.stderr, js.stdout, js.stderr)
    cited = json.loads(js.stdout)["answers"]
    assert any("\x1b[2J" in a["context"] for a in cited)  # kept in the data, escaped in JSON
    assert all(not a["citation"]["path"].startswith("/") for a in cited)


@pytest.mark.slow
def test_follow_symlinks_is_explicit_guarded_and_remembered(
    odd_index: tuple[Path, Run], odd_corpus: Path
) -> None:
    index_dir = str(odd_index[0])
    r = run_qa("index", str(odd_corpus), "--index", index_dir, "--follow-symlinks")
    assert r.returncode == 0, r.stderr
    assert "warning: skipped 1 folder(s) reached again through a symbolic link (a loop): " in (
        r.stderr
    )
    assert "c/linkdir/secret.txt (same as c/link.txt)" in r.stderr
    paths = indexed_paths(odd_index[0])
    assert "c/link.txt" in paths  # the link's own path inside the corpus, not the target's
    assert not any(p.startswith("/") or ".." in p for p in paths)
    again = run_qa("index", str(odd_corpus), "--index", index_dir)
    assert again.returncode == 0 and "up to date" in again.stderr, again.stderr
    off = run_qa("index", str(odd_corpus), "--index", index_dir, "--no-follow-symlinks")
    assert off.returncode == 0 and "removed: link" in off.stderr, off.stderr
    assert "c/link.txt" not in indexed_paths(odd_index[0])


@pytest.mark.parametrize("change", ["deleted", "rewritten"])
def test_a_file_changed_while_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The file goes or changes between the listing and the read, as under a busy editor: a
    deleted one is skipped with a warning naming it, a rewritten one is indexed as it was read,
    its text and content hash from the same bytes."""
    import hashlib

    import qa.ingest

    (tmp_path / "good.txt").write_text(GOOD)
    victim = tmp_path / "victim.txt"
    victim.write_text("Victim\n\nThis file disappears.\n")
    listed = qa.ingest.find_files

    def list_then_change(*args: object, **kw: object) -> list[Path]:
        found = listed(*args, **kw)
        if change == "deleted":
            victim.unlink()
        else:
            victim.write_text("Changed\n\nWritten while the corpus was being read.\n")
        return found

    monkeypatch.setattr(qa.ingest, "find_files", list_then_change)
    warnings: list[str] = []
    docs = {d.path.split("/")[-1]: d for d in load_corpus(tmp_path, warn=warnings.append)}
    if change == "deleted":
        assert list(docs) == ["good.txt"]
        assert warnings == [f"skipped {tmp_path.name}/victim.txt: No such file or directory"]
    else:
        assert warnings == []
        data = victim.read_bytes()
        assert docs["victim.txt"].text == data.decode()
        assert docs["victim.txt"].content_hash == hashlib.sha256(data).hexdigest()


BIG = """
import sys
from pathlib import Path
from typing import Any
from qa.chunk import ChunkParams, chunk_document
from qa.ingest import load_corpus
[doc] = load_corpus(Path(sys.argv[1]))
chunks = chunk_document(doc, ChunkParams())
print(len(doc.text), len(chunks), chunks[-1].end)
"""


@pytest.mark.slow
def test_a_50_mb_file_is_read_and_chunked(tmp_path: Path) -> None:
    """Ingestion and chunking only (embedding 61,000 chunks takes half an hour here). Its time
    and memory are figures, not assertions: about 4 s and 350 MB peak, measured by hand."""
    paragraphs = [p for f in sorted(BUNDLED.glob("*.txt")) for p in f.read_text().split("\n\n")]
    block = "\n\n".join(paragraphs) + "\n\n"
    corpus = tmp_path / "big"
    corpus.mkdir()
    (corpus / "big.txt").write_text(block * (50_000_000 // len(block) + 1))
    r = subprocess.run(
        [sys.executable, "-c", BIG, str(corpus)], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    chars, chunks, last_end = (int(x) for x in r.stdout.split())
    assert chars >= 50_000_000 and chunks > 50_000
    assert last_end > chars - 1000  # the chunks reach the end of the file


def test_a_beir_corpus_with_lone_surrogates_loads(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text(
        '{"_id": "d1", "title": "T\\ud800", "text": "x\\udfff y"}\n'
    )
    [doc] = load_beir_corpus(tmp_path)
    assert doc.text == "T\ufffd\n\nx\ufffd y"
    doc.text.encode("utf-8")


# --- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question,words",
    [
        ("", ["the question is empty"]),
        (" \t\n  ", ["the question is empty"]),
        ("\x1b[31m\x1b[0m\x07", ["the question is empty"]),
        ("nonaggression pact " * 5300, ["100,699 characters long", "2,000"]),
        ("the of and to is it", ["nothing to search for"]),
        ("?!? ...", ["nothing to search for"]),
    ],
    ids=["empty", "whitespace", "only-escapes", "100k", "stop-words", "punctuation"],
)
def test_questions_that_cannot_be_asked(
    bundled_index: Path, question: str, words: list[str]
) -> None:
    one_error_line(run_qa("ask", question, "--index", str(bundled_index)), "qa: error: ", *words)


@pytest.mark.slow
def test_escapes_in_questions_are_read_not_echoed(bundled_index: Path) -> None:
    q = "what about the \x1b[31mnonaggression\x1b[0m pact\x07 \x1b]0;pwned\x07 \x9b2J"
    human = run_qa("ask", q, "--index", str(bundled_index))
    js = run_qa("ask", q, "--json", "--index", str(bundled_index))
    assert human.returncode == js.returncode == 0, human.stderr + js.stderr
    no_raw_escapes(human.stdout, human.stderr, js.stdout, js.stderr)
    data = json.loads(js.stdout)
    assert data["question"] == "what about the nonaggression pact"
    assert data["answers"]  # the escapes did not hide the words between them


@pytest.mark.slow
def test_non_english_and_undecodable_questions(bundled_index: Path) -> None:
    for q in ("¿Qué dijo Roy sobre los pactos de no agresión?", "金正恩は何と言ったか", "Рой?"):
        r = run_qa("ask", q, "--json", "--index", str(bundled_index))
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert json.loads(r.stdout)["question"] == q
    raw = subprocess.run(
        [*QA, "ask", b"caf\xe9 nonaggression \xff pact", "--json", "--index", str(bundled_index)],
        capture_output=True,
        timeout=120,
    )
    assert raw.returncode == 0, raw.stderr
    assert json.loads(raw.stdout)["question"] == "caf\ufffd nonaggression \ufffd pact"


@pytest.mark.slow
def test_the_repl_survives_every_bad_line(bundled_index: Path) -> None:
    lines = [
        b"nonaggression \x1b[31mpact\x1b[0m\x00 \x9b2J",
        b"caf\xe9 \xff pact",
        b"the of and",
        b"x" * 3000,
        "金正恩は何と言ったか".encode(),
        b"what did Roy say about nonaggression pacts",
    ]
    r = subprocess.run(
        [*QA, "repl", "--no-history", "--json", "--index", str(bundled_index)],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    stdout, stderr = r.stdout.decode(), r.stderr.decode()
    no_raw_escapes(stdout, stderr)
    assert "Traceback" not in stderr
    assert stderr.splitlines() == [
        "error: the question has nothing to search for (only stop words or punctuation)",
        "error: the question is 3,000 characters long; the most qa reads is 2,000",
    ]
    assert len(stdout.splitlines()) == 4  # one JSON object per answerable line


# --- index -----------------------------------------------------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _edit_manifest(edit: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    def apply(gen: Path) -> None:
        manifest = json.loads((gen / store.MANIFEST).read_text())
        edit(manifest)
        (gen / store.MANIFEST).write_text(json.dumps(manifest))

    return apply


def _other_dimension(gen: Path) -> None:
    import faiss
    import numpy as np

    vectors = np.random.default_rng(0).normal(size=(32, 768)).astype(np.float32)
    index = faiss.IndexFlatIP(768)
    index.add(vectors)
    faiss.write_index(index, str(gen / store.DENSE))


def _ivf_of_the_right_size(gen: Path) -> None:
    """Issue 14: an IVF index with the right number of vectors of the right dimension."""
    import faiss

    vectors = qa.Index.open(gen.parent).dense.vectors()
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(384), 384, 2, faiss.METRIC_INNER_PRODUCT)
    ivf.train(vectors)
    ivf.add(vectors)
    (gen / store.DENSE).unlink()
    faiss.write_index(ivf, str(gen / store.DENSE))


def _pickled_npy(gen: Path) -> None:
    import numpy as np

    np.save(gen / store.CHUNKS, np.array([{"x": 1}], dtype=object), allow_pickle=True)


def _damage_onnx(gen: Path) -> None:
    onnx = gen / "model.onnx"
    onnx.unlink()  # a hard link to the shared file: replace it, never write through it
    onnx.write_bytes(b"\x08\x07not a model")


DAMAGE: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "truncated-faiss": (lambda g: _truncate(g / store.DENSE), ["dense.faiss", "not a FAISS"]),
    "truncated-chunks": (lambda g: _truncate(g / store.CHUNKS), ["chunks.npy"]),
    "truncated-bm25": (lambda g: _truncate(g / "bm25" / "data.csc.index.npy"), ["bm25"]),
    "truncated-documents": (lambda g: _truncate(g / store.DOCUMENTS), ["documents.jsonl"]),
    "manifest-not-json": (
        lambda g: (g / store.MANIFEST).write_text("{not json"),
        ["manifest.json", "damaged"],
    ),
    "manifest-version": (
        _edit_manifest(lambda m: m.update(format_version=7)),
        ["format version 7"],
    ),
    "manifest-no-model": (_edit_manifest(lambda m: m.pop("model")), ["model is missing"]),
    "manifest-counts-string": (
        _edit_manifest(lambda m: m.update(counts="many")),
        ["counts has the wrong type"],
    ),
    "other-dimension": (_other_dimension, ["dimension 768", "dimension 384"]),
    "ivf-of-the-right-size": (_ivf_of_the_right_size, ["dense.faiss", "IndexIVFFlat"]),
    "pickled-npy": (_pickled_npy, ["chunks.npy", "Python objects"]),
    "damaged-onnx": (_damage_onnx, ["model files", "cannot be loaded"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_is_one_line(index_copy: Path, damage: str) -> None:
    spoil, words = DAMAGE[damage]
    spoil(generation(index_copy))
    r = run_qa("ask", "nonaggression pact", "--index", str(index_copy))
    line = one_error_line(r, *words)
    assert "qa index" in line  # and says what to do about it
    info = run_qa("info", "--index", str(index_copy))
    if damage.startswith("manifest"):
        one_error_line(info, *words)
    else:  # info describes the index, and warns about the part that would fail
        assert info.returncode == 0 and info.stderr.startswith("warning: the index at "), info
        if damage == "damaged-onnx":
            words = ["model.onnx: its sha256 is not the one in the manifest"]
        assert all(w in info.stderr for w in words), info.stderr


@pytest.mark.slow
def test_a_refresh_rebuilds_a_damaged_index(index_copy: Path) -> None:
    """It used to call a truncated index "up to date" and leave it broken."""
    _truncate(generation(index_copy) / store.DENSE)
    r = run_qa("index", str(BUNDLED), "--index", str(index_copy))
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("warning: ignoring the existing index (the index at ")
    assert "dense.faiss" in r.stderr.splitlines()[0]
    assert "indexed 3 documents" in r.stderr
    assert answers(index_copy)


def _ro_bind(path: Path) -> Callable[[], None]:
    """Make ``path`` read-only for this process, even as root; returns the undo."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555)
        return lambda: path.chmod(mode)
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    remounted = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
    if mounted.returncode or remounted.returncode:
        if not mounted.returncode:
            subprocess.run(["umount", str(path)])
        pytest.skip("running as root and cannot make a read-only bind mount")
    return lambda: subprocess.run(["umount", str(path)], check=True) and None


@pytest.mark.slow
def test_a_read_only_index_still_answers_and_a_build_says_why_not(index_copy: Path) -> None:
    undo = _ro_bind(index_copy)
    try:
        r = run_qa("index", str(BUNDLED), "--index", str(index_copy), "--rebuild")
        one_error_line(r, "cannot write to the index folder", "the index there is unchanged")
        assert answers(index_copy)
    finally:
        undo()


@pytest.mark.slow
def test_a_full_disk_keeps_the_previous_index(index_copy: Path) -> None:
    """RLIMIT_FSIZE makes every write past 16 kB fail with EFBIG, as a full disk fails with
    ENOSPC: the same OSError path, without mounting anything."""
    before = generation(index_copy)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    r = subprocess.run(
        [*QA, "index", str(BUNDLED), "--index", str(index_copy), "--rebuild"],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=180,
    )
    progress, rest = r.stderr.split("\n", 2)[:2], r.stderr.split("\n", 2)[2]
    assert progress[0].startswith("embedding 32 of 32 chunks"), r.stderr
    assert progress[1] == "embedding 175 of 175 sentences", r.stderr
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout, rest)
    # the reason is the OS's ("File too large") or numpy's ("N requested and M written")
    one_error_line(r, "cannot write the new index", "previous index is unchanged")
    assert generation(index_copy) == before
    assert not [p for p in index_copy.iterdir() if p.name.startswith(store.BUILD_PREFIX)]
    assert answers(index_copy)


def test_a_second_build_waits_for_the_first(index_copy: Path) -> None:
    lock = FileLock(str(index_copy / store.LOCK))
    lock.acquire()
    try:
        proc = subprocess.Popen(
            [*QA, "index", str(BUNDLED), "--index", str(index_copy)],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("another `qa index` is building ")
        assert proc.poll() is None  # still waiting
    finally:
        lock.release()
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 0, rest
    assert "up to date" in rest


# --- eval files ------------------------------------------------------------------------------

GOLD_OK = json.dumps({"id": "q1", "question": "what did Roy say about pacts", "answers": []})


@pytest.mark.parametrize(
    "bad_line,words",
    [
        ('{"id": "q2", "question": ', ["line 2: not valid JSON"]),
        ('{"id": "q2", "answers": []}', ["line 2: missing question"]),
        ('{"id": "q2", "question": 5, "answers": []}', ["line 2: question must be a string"]),
        ('{"id": "q2", "question": "the of", "answers": []}', ["line 2: ", "nothing to search"]),
        ('{"id": "q2", "question": "pacts?", "answers": "x"}', ["line 2: answers must be a list"]),
        (
            '{"id": "q2", "question": "pacts?", "answers": ["x"], "doc_ids": ["no-such-doc"]}',
            ["gold doc_ids not in the index: no-such-doc"],
        ),
    ],
    ids=["malformed", "missing", "wrong-type", "stop-words", "answers-type", "unknown-doc"],
)
def test_bad_gold_files_are_one_line(
    bundled_index: Path, tmp_path: Path, bad_line: str, words: list[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD_OK + "\n" + bad_line + "\n")
    r = run_qa("eval", str(gold), "--index", str(bundled_index))
    one_error_line(r, *words)


# --- trust -----------------------------------------------------------------------------------

NO_PICKLE = """
import pickle, sys
def refuse(*args, **kwargs):
    raise SystemExit("qa: something tried to unpickle")
pickle.load = pickle.loads = refuse
class Unpickler:
    def __init__(self, *args, **kwargs):
        refuse()
pickle.Unpickler = Unpickler
sys.argv = ["qa", *sys.argv[1:]]
from qa.cli import main
main()
"""


@pytest.mark.slow
def test_nothing_is_ever_unpickled(index_copy: Path, corpus_copy: Path) -> None:
    corpus = corpus_copy
    (corpus / "extra.md").write_text("# Extra\n\nA new note about the nonaggression pact.\n")
    for args in (
        ["index", str(corpus), "--index", str(index_copy)],
        ["ask", "nonaggression pact", "--index", str(index_copy)],
    ):
        r = subprocess.run(
            [sys.executable, "-c", NO_PICKLE, *args], capture_output=True, text=True, timeout=180
        )
        assert r.returncode == 0, r.stderr
        assert "something tried to unpickle" not in r.stderr


# --- fuzzing ---------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x9b2J",
        "\x00",
        "\r\n",
        "\n\n",
        "\u2029",
        "\ufeff",
        "\u202e",
        "\u2066",
        "By Jane Doe",
        "Jane Doe is a senior fellow at the Cato Institute.",
        "Image: Reuters",
        "{mosads}",
        "Recommended:",
        "---\ntitle: x\n---\n",
        "Dr. No.",
        "日本語。",
        "Ünïcödé — “quotes”",
        "a" * 2500,
        " ",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(exclude_categories=()), max_size=300),  # surrogates and all
    st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=30).map("".join),
)
DOCUMENT_TEXTS = TEXTS.map(replace_surrogates)
"""Texts as ingestion makes them: it turns lone surrogates into U+FFFD before anything else."""
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> None:
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b


@FUZZ
@given(data=st.binary(max_size=600))
def test_fuzz_decode_random_bytes(data: bytes) -> None:
    warnings: list[str] = []
    try:
        text = decode(data, "f.txt", warnings.append)
    except QAError:
        return
    assert isinstance(text, str)
    if warnings:
        assert warnings[0].startswith("f.txt: not UTF-8; decoded as ")
    else:
        assert text == data.decode("utf-8")


_FILES = Path(tempfile.mkdtemp(prefix="qa-fuzz-"))


@pytest.mark.slow
@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=600),
        TEXTS.map(lambda t: t.encode("utf-8", "replace")),
        st.binary(max_size=600).map(lambda b: b"%PDF-1.4\n" + b),
    )
)
def test_fuzz_read_document_then_clean_split_and_chunk(data: bytes) -> None:
    """Any bytes in any supported format (PDF too: bytes after a PDF header are drawn as
    well): a document with valid spans, or one QAError."""
    for suffix in (".txt", ".md", ".html", ".pdf"):
        path = _FILES / f"f{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path, f"c/f{suffix}", "f")
        except QAError:
            continue
        doc.text.encode("utf-8")  # storable: no lone surrogates
        _check_spans(doc.text, doc.kept)
        sentences = split_sentences(doc.text, doc.kept)
        _check_spans(doc.text, sentences)
        assert all(b - a <= MAX_SENTENCE_CHARS for a, b in sentences)
        for c in chunk_document(doc, ChunkParams(max_words=20, overlap_words=5)):
            assert doc.text[c.start : c.end] == c.text


@FUZZ
@given(text=DOCUMENT_TEXTS)
def test_fuzz_cleaning_splitting_and_chunking_random_unicode(text: str) -> None:
    kept = kept_spans(text)
    _check_spans(text, kept)
    guess_title(text, kept)
    guess_author(text, kept)
    sentences = split_sentences(text, kept)
    _check_spans(text, sentences)
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in sentences)
    doc = Document("d", "c/d.txt", "t", None, text, "h", tuple(kept))
    for c in chunk_document(doc, ChunkParams()):
        assert text[c.start : c.end] == c.text


@FUZZ
@given(text=TEXTS)
def test_fuzz_questions_and_output(text: str) -> None:
    try:
        question = read_question(text)
    except QAError as e:
        assert "\n" not in str(e)
    else:
        question.encode("utf-8")
        assert question == " ".join(question.split())
        no_raw_escapes(question)
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in question)
    shown = safe(text.encode("utf-8", "replace").decode("utf-8"))
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in shown)
    no_raw_escapes(shown)
    as_json = to_json({"t": text})
    no_raw_escapes(as_json)
    assert json.loads(as_json) == {"t": text}


def test_a_pdf_decompression_bomb_is_skipped_and_the_build_goes_on(tmp_path: Path) -> None:
    """Issue 14: a 260 kB PDF whose content stream inflates to 256 MB is skipped (pypdf's own
    decompression limit), with a warning naming it; the other file is read."""
    bomb = hostile.pdf_bomb(256 << 20)
    assert len(bomb) < 400_000
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bomb.pdf").write_bytes(bomb)
    (corpus / "good.txt").write_text("Harbour dues rose by a tenth last spring.\n")
    warnings: list[str] = []
    docs = load_corpus(corpus, warnings.append)
    assert [d.doc_id for d in docs] == ["good"]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("skipped corpus/bomb.pdf: cannot read this PDF (LimitReached")


@pytest.mark.slow
def test_hostile_files_are_skipped_or_read_safely_and_the_build_goes_on(tmp_path: Path) -> None:
    """Issue 14: a YAML billion laughs, front matter and a sidecar nested far past Python's
    recursion limit, PDFs encrypted with a password (RC4, AES) and a PDF that is not one: each
    a one-line warning, and the good documents are indexed (an AES PDF without a password is
    read: pypdf's crypto extra is installed)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Harbour dues rose by a tenth last spring.\n")
    (corpus / "laughs.md").write_text(hostile.billion_laughs())
    (corpus / "deep.md").write_text("---\ntitle: " + "[" * 50_000 + "\n---\nDeep body text.\n")
    (corpus / "side.txt").write_text("Text with a sidecar of nested lists.\n")
    (corpus / "side.txt.meta.json").write_text("[" * 100_000 + "]" * 100_000)
    hostile.encrypted_pdf(corpus / "locked.pdf", "secret", "RC4-128")
    hostile.encrypted_pdf(corpus / "aes-locked.pdf", "secret", "AES-128")
    hostile.encrypted_pdf(corpus / "aes-open.pdf", "", "AES-256")
    (corpus / "fake.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    (corpus / "long.md").write_text("---\ntitle: " + "x" * 100_000 + "\n---\nLong title body.\n")
    started = __import__("time").monotonic()
    r = run_qa("index", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 0, r.stderr
    assert __import__("time").monotonic() - started < 120
    assert "Traceback" not in r.stderr
    assert "laughs.md: front matter uses YAML aliases; ignored" in r.stderr
    assert "deep.md: front matter is nested too deeply; ignored" in r.stderr
    assert "corpus/side.txt.meta.json: nested too deeply; its metadata ignored" in r.stderr
    assert "corpus/locked.pdf: encrypted PDF (needs a password)" in r.stderr
    assert "corpus/aes-locked.pdf: encrypted PDF (needs a password)" in r.stderr
    assert "fake.pdf" in r.stderr
    info = run_qa("info", "--index", str(tmp_path / "index"), "--json")
    assert info.returncode == 0 and len(info.stdout) < 50_000
    ids = {d["doc_id"] for d in json.loads(info.stdout)["documents"]}
    assert {"good", "laughs", "deep", "long", "side", "aes-open"} <= ids
    assert not {"locked", "aes-locked"} & ids
    found = run_qa("ask", "when do the harbour ships sail", "--index", str(tmp_path / "index"))
    assert "Harbour ships sail at dawn." in found.stdout, found.stderr  # AES, read
    assert (tmp_path / "index" / "CURRENT").exists()


@pytest.mark.slow
def test_closed_stderr_broken_pipe_and_full_disk(bundled_index: Path) -> None:
    """Issue 14: stderr closed never sends messages into stdout; a reader that stops reading
    ends qa like any Unix tool (SIGPIPE, 141, nothing printed); a full disk is one line."""
    qa_cmd = f"{sys.executable} -m qa"
    index = str(bundled_index)

    def sh(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)

    r = sh(f"{qa_cmd} ask 'what did Roy say about pacts' --index {index} --json 2>&-")
    assert r.returncode == 0
    json.loads(r.stdout)  # only the JSON object
    r = sh(
        f"yes 'what did Roy say about pacts' | head -50 | {qa_cmd} repl --index {index} --json "
        '| head -1; echo "rc=${PIPESTATUS[2]}"'
    )
    assert "rc=141" in r.stdout and "Traceback" not in r.stderr and "Error" not in r.stderr
    r = sh(f"{qa_cmd} ask 'what did Roy say about pacts' --index {index} > /dev/full")
    assert r.returncode == 1
    assert r.stderr.strip() == "qa: error: cannot write the output (No space left on device)"


def test_library_logs_and_warnings_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14: a library's log line or warning carrying document bytes reaches the terminal
    escaped, one line each (a pypdf warning once retitled the terminal and cleared the screen)."""
    import logging
    import warnings

    from qa import cli

    handlers, show = logging.getLogger().handlers[:], warnings.showwarning
    try:
        cli._library_messages()
        logging.getLogger("somelib").warning("bad key \x1b]0;pwned\x07 and \x1b[2J\nnext")
        warnings.warn("odd \x1b[31mred", UserWarning, stacklevel=1)
    finally:
        logging.getLogger().handlers[:] = handlers
        warnings.showwarning = show
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("warning: somelib: bad key \\x1b]0;pwned")
    assert lines[1].startswith("warning: UserWarning: odd \\x1b[31mred")


@pytest.mark.slow
def test_eval_failure_lines_escape_the_gold_file(tmp_path: Path, bundled_index: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    line = {
        "id": "\x1b[2Jq1",
        "question": "what did Roy say about climate change",
        "answers": ["would do little to influence North Korean policy"],
        "doc_ids": ["roy-heilbrunn-is-dead-wrong"],
        "kind": "\x1b]0;title\x07",
    }
    gold.write_text(json.dumps(line) + "\n")
    r = run_qa("eval", str(gold), "--index", str(bundled_index), "--failures")
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "\\x1b[2Jq1" in r.stdout


@pytest.mark.parametrize(
    "qrels,queries,words",
    [
        ("query-id\tcorpus-id\tscore\n", '{"_id": "1", "text": "q"}\n', "no relevance judgements"),
        ("1\td1\t100000000000000000000\n", '{"_id": "1", "text": "q"}\n', "integer score"),
        ("1\td1\t1\n", "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ],
)
def test_bad_beir_judgements_are_one_line(
    tmp_path: Path, qrels: str, queries: str, words: str
) -> None:
    """Issue 14: an empty qrels file, a grade of 10^20 and a line nested 100,000 deep gave
    StatisticsError, SystemError and RecursionError."""
    beir = tmp_path / "beir"
    (beir / "qrels").mkdir(parents=True)
    (beir / "corpus.jsonl").write_text('{"_id": "d1", "title": "", "text": "harbour dues"}\n')
    (beir / "queries.jsonl").write_text(queries)
    (beir / "qrels" / "test.tsv").write_text(qrels)
    one_error_line(run_qa("eval", str(beir), "--index", str(tmp_path / "i")), words)


def test_deeply_nested_gold_line_is_one_line(tmp_path: Path, bundled_index: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    one_error_line(run_qa("eval", str(gold), "--index", str(bundled_index)), "nested too deeply")


@pytest.mark.slow
def test_an_ascii_only_locale_escapes_rather_than_crashes(bundled_index: Path) -> None:
    r = run_qa(
        "ask",
        "what did Roy say about pacts",
        "--index",
        str(bundled_index),
        env={"LC_ALL": "POSIX", "PYTHONIOENCODING": "ascii"},
    )
    assert r.returncode == 0, r.stderr
    assert "\\u201c" in r.stdout  # the opening quote, escaped


def test_a_low_memory_limit_is_one_line_that_does_not_blame_the_index(
    bundled_index: Path,
) -> None:
    """Issue 14: under ulimit -v 600 MB qa said the index was damaged ("run qa index
    --rebuild"); under 800 MB it aborted in native code."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (600_000_000, 600_000_000))

    r = run_qa("ask", "what did Roy say", "--index", str(bundled_index), preexec_fn=limit)
    line = one_error_line(r, "out of memory", "ulimit -v")
    assert "rebuild" not in line and "damaged" not in line


@pytest.mark.slow
def test_an_open_pipeline_survives_two_rebuilds(tmp_path: Path, bundled_index: Path) -> None:
    """Issue 14: a REPL opened, idle while two `qa index --rebuild` ran, then failed every
    question with "damaged (bm25: No such file or directory)"."""
    from qa.pipeline import Pipeline

    index_dir = copy_index(bundled_index, tmp_path / "index")
    pipeline = Pipeline.open(index_dir)
    first = pipeline.index.generation
    for _ in range(2):
        r = run_qa("index", str(BUNDLED), "--index", str(index_dir), "--rebuild")
        assert r.returncode == 0, r.stderr
    assert not first.exists()
    result = pipeline.ask("what did Roy say about nonaggression pacts")
    assert result.answers and not result.abstained


def test_leftovers_of_an_interrupted_delete_are_cleaned(
    tmp_path: Path, bundled_index: Path
) -> None:
    """Issue 14: a kill -9 while an old generation was deleted left manifest-less gen-* folders
    that piled up for ever. A folder that is not qa's stays."""
    import shutil

    index_dir = copy_index(bundled_index, tmp_path / "index")
    live = store.current_generation(index_dir)
    assert live is not None
    orphan = index_dir / "gen-orphan"
    shutil.copytree(live, orphan, copy_function=os.link)
    (orphan / "manifest.json").unlink()
    (index_dir / ".deleting-gen-old").mkdir()
    mine = index_dir / "gen-mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("not qa's")
    r = run_qa("index", str(BUNDLED), "--index", str(index_dir))
    assert r.returncode == 0, r.stderr
    left = sorted(p.name for p in index_dir.iterdir() if p.is_dir())
    assert left == sorted([live.name, "gen-mine"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "part,target",
    [
        ("CURRENT", "outside"),
        ("CURRENT", "/dev/zero"),
        ("manifest.json", "/dev/zero"),
        ("model.onnx", "/dev/zero"),
        ("dense.faiss", "outside"),
    ],
)
def test_links_inside_an_index_are_never_followed(
    tmp_path: Path, bundled_index: Path, part: str, target: str
) -> None:
    """Issue 14: the index folder is a trust boundary. A link in place of one of its files is
    damage (one line, nothing of the target echoed, no hang), and `qa index` repairs it."""
    index_dir = copy_index(bundled_index, tmp_path / "index")
    outside = tmp_path / "outside"
    outside.write_text("SECRET CONTENT\n" * 1000)
    live = store.current_generation(index_dir)
    assert live is not None
    where = index_dir / part if part == "CURRENT" else live / part
    where.unlink()
    where.symlink_to(outside if target == "outside" else Path(target))
    for args in (("ask", "what did Roy say"), ("info",)):
        r = run_qa(*args, "--index", str(index_dir), timeout=60)
        line = one_error_line(r, "damaged")
        assert "SECRET" not in line
    r = run_qa("index", str(BUNDLED), "--index", str(index_dir), timeout=300)
    assert r.returncode == 0, r.stderr
    assert outside.read_text() == "SECRET CONTENT\n" * 1000
    r = run_qa("ask", "what did Roy say about nonaggression pacts", "--index", str(index_dir))
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
def test_a_link_in_place_of_current_tmp_is_not_written_through(
    tmp_path: Path, bundled_index: Path
) -> None:
    index_dir = copy_index(bundled_index, tmp_path / "index")
    outside = tmp_path / "outside"
    outside.write_text("keep me\n")
    (index_dir / "CURRENT.tmp").symlink_to(outside)
    r = run_qa("index", str(BUNDLED), "--index", str(index_dir), "--rebuild")
    assert r.returncode == 0, r.stderr
    assert outside.read_text() == "keep me\n"
    assert not (index_dir / "CURRENT").is_symlink()


@pytest.mark.slow
@pytest.mark.parametrize(
    "part,array",
    [
        ("chunks.npy", "float"),
        ("chunks.npy", "string"),
        ("sentences.npy", "float"),
        ("document_offsets.npy", "string"),
        ("chunk_hashes.npy", "float"),
        ("sentence_vectors.npy", "float"),
    ],
)
def test_arrays_of_the_wrong_dtype_are_damage_that_index_repairs(
    tmp_path: Path, bundled_index: Path, part: str, array: str
) -> None:
    """Issue 14: a chunks.npy of floats or strings gave internal errors, and `qa index
    --rebuild` could not repair it."""
    import numpy as np

    index_dir = copy_index(bundled_index, tmp_path / "index")
    live = store.current_generation(index_dir)
    assert live is not None
    good = np.load(live / part, allow_pickle=False)
    if part == "chunk_hashes.npy":
        bad = np.zeros(len(good))
    else:
        bad = good.astype(np.float64) if array == "float" else good.astype("U8")
    (live / part).unlink()
    np.save(live / part, bad, allow_pickle=False)
    if part != "chunk_hashes.npy":  # asking never reads the hashes; a refresh does
        one_error_line(
            run_qa("ask", "what did Roy say", "--index", str(index_dir)), "damaged", part
        )
    r = run_qa("index", str(BUNDLED), "--index", str(index_dir))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    r = run_qa("ask", "what did Roy say about nonaggression pacts", "--index", str(index_dir))
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "edit",
    ["author-list", "doc-id-int", "no-faiss", "entry-not-object", "affiliations-int", "roles-str"],
)
def test_manifest_fields_of_the_wrong_type_are_damage(
    tmp_path: Path, bundled_index: Path, edit: str
) -> None:
    """Issue 14: an author that is a list, a doc_id that is a number or a missing faiss key
    gave internal errors, one of them after a new index was published."""
    index_dir = copy_index(bundled_index, tmp_path / "index")
    live = store.current_generation(index_dir)
    assert live is not None
    manifest = json.loads((live / "manifest.json").read_text())
    doc = manifest["documents"][0]
    if edit == "author-list":
        doc["author"] = ["Denny", "Roy"]
    elif edit == "doc-id-int":
        doc["doc_id"] = 7
    elif edit == "no-faiss":
        del manifest["faiss"]
    elif edit == "entry-not-object":
        manifest["documents"][0] = "roy"
    elif edit == "roles-str":
        doc["roles"] = "hydrologist"
    else:
        doc["affiliations"] = 3
    (live / "manifest.json").write_text(json.dumps(manifest))
    for args in (("ask", "what did Roy say"), ("info",)):
        one_error_line(run_qa(*args, "--index", str(index_dir)), "damaged", "manifest.json")
    r = run_qa("index", str(BUNDLED), "--index", str(index_dir))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert run_qa("info", "--index", str(index_dir)).returncode == 0


@pytest.mark.slow
def test_deeply_nested_html_is_read_in_linear_time(tmp_path: Path) -> None:
    """Issue 14: 100,000 nested <div> (1.1 MB) took 1,099 s to index; parsing is linear now,
    so the build ends well inside the timeout (a quadratic parse would take minutes)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 100_000
    (corpus / "deep.html").write_text("<div>" * n + "Harbour dues rose by a tenth." + "</div>" * n)
    r = run_qa("index", str(corpus), "--index", str(tmp_path / "index"), timeout=120)
    assert r.returncode == 0, r.stderr
    doc = read_document(corpus / "deep.html", "deep.html", "deep")
    assert doc.text == "Harbour dues rose by a tenth."


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _a_manifest() -> str:
    """A manifest with every field set (no index needed), as JSON text."""
    from qa.lexical import PARAMS
    from qa.manifest import (
        Chunking,
        Counts,
        Manifest,
        MilvusRecord,
        ModelRecord,
        OnnxRecord,
    )
    from qa.types import DocumentEntry

    doc = DocumentEntry("d", "c/d.txt", "Title", "A. Author", "h" * 64, 3, ("Org",))
    m = Manifest(
        2,
        ModelRecord("m", "0" * 64, 384, "/models/m"),
        Chunking(160, 0, 2),
        PARAMS,
        "/corpus",
        (doc,),
        Counts(1, 3, 9, 3),
        "2026-01-01T00:00:00+00:00",
        1.5,
        {"type": "IndexFlatIP"},
        OnnxRecord("s" * 64, "int8", "0" * 64),
        True,
        7,
        MilvusRecord("/tmp/m.db", "qa", "qa_x"),
        ReadLimits(seconds=5, text_mb=1.5),
    )
    return json.dumps(m.to_json())


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list) and value:
        out += _paths(value[0], (*prefix, 0))
    return out


_VALID_MANIFEST = _a_manifest()
_MANIFEST_PATHS = _paths(json.loads(_VALID_MANIFEST))


@FUZZ
@given(data=st.data())
def test_fuzz_manifest_fields_are_checked_never_crash(data: st.DataObject) -> None:
    """Issue 14/16: any value in any field of a manifest parses or is one ValueError (reported
    as damage); nothing else escapes, and what parses writes back what it read."""
    from qa.manifest import Manifest

    manifest = json.loads(_VALID_MANIFEST)
    path = data.draw(st.sampled_from(_MANIFEST_PATHS))
    target = manifest
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) or isinstance(target, list):
        target[path[-1]] = data.draw(JSON)
    else:
        del target[path[-1]]
    try:
        parsed = Manifest.parse(manifest)
    except ValueError:
        return
    assert Manifest.parse(json.loads(json.dumps(parsed.to_json()))) == parsed


def test_a_file_that_reads_too_slowly_is_skipped_and_the_build_goes_on(tmp_path: Path) -> None:
    """Issue 14: a time limit per file (`--max-file-seconds`, QA_MAX_FILE_SECONDS): a file that
    takes longer to read and clean is skipped with a warning naming it; its reader process is
    replaced and the rest is indexed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraph = "A sentence about the harbour and its ships. " * 40
    (corpus / "big.txt").write_text("\n\n".join([paragraph] * 3000))  # about 5 MB
    (corpus / "small.txt").write_text("Small\n\nThe cat sat on the mat.\n")
    warnings: list[str] = []
    docs = load_corpus(corpus, warnings.append, limits=ReadLimits(seconds=0.05))
    assert [d.doc_id for d in docs] == ["small"]
    assert warnings == [
        "skipped corpus/big.txt: took longer than 0.05 s to read "
        "(--max-file-seconds raises the limit)"
    ]
    assert [d.doc_id for d in load_corpus(corpus, warnings.append)] == ["big", "small"]
    assert len(warnings) == 1
    for bad in (float("inf"), float("nan"), 1e12, 0.0, -1.0):
        with pytest.raises(ValueError, match="seconds must be a positive number"):
            ReadLimits(seconds=bad)


def test_size_memory_and_text_limits_skip_one_file_each(tmp_path: Path) -> None:
    """Issue 14: a file larger than --max-file-mb is refused before it is read; one whose reader
    needs more than --max-file-memory-mb (the reading process's address space is capped) or
    that gives more than --max-text-mb million characters is skipped; the others are read."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # 2.2 MB, nearly all blank: over the 2 MB limit, yet one chunk to embed when let in
    (corpus / "a-big.txt").write_bytes(b"Big\n\nA word " + b" " * 2_200_000 + b"and an end.\n")
    (corpus / "b-wordy.md").write_text("---\ntitle: Wordy\n---\n" + "Many words here. " * 200)
    (corpus / "c-small.txt").write_text("Small\n\nThe cat sat on the mat.\n")
    cases = (
        (ReadLimits(file_mb=2), "corpus/a-big.txt: larger than 2 MB (--max-file-mb raises"),
        (
            ReadLimits(memory_mb=5),
            "corpus/a-big.txt: needs more than 5 MB of memory to read (--max-file-memory-mb",
        ),
        (ReadLimits(text_mb=0.003), "corpus/b-wordy.md: gives more than 0.003 million characters"),
    )
    for limits, expected in cases:
        warnings: list[str] = []
        docs = load_corpus(corpus, warnings.append, limits=limits)
        assert any(w.startswith(f"skipped {expected}") for w in warnings), warnings
        assert "c-small" in [d.doc_id for d in docs] and len(docs) == 3 - len(warnings)

    r = run_qa("index", str(corpus), "--index", str(tmp_path / "index"), "--max-file-mb", "2")
    assert r.returncode == 0, r.stderr
    assert "skipped corpus/a-big.txt: larger than 2 MB" in r.stderr
    assert "indexed 2 documents" in r.stderr + r.stdout
    # a raised limit is remembered: the file it let in stays on a plain refresh
    r = run_qa("index", "--index", str(tmp_path / "index"), "--max-file-mb", "5")
    assert r.returncode == 0 and "added: a-big" in r.stderr, r.stderr
    r = run_qa("index", "--index", str(tmp_path / "index"))
    assert r.returncode == 0 and "up to date" in r.stderr and "skipped" not in r.stderr, r.stderr
    limits = qa.Index.open(tmp_path / "index").manifest.limits
    assert limits == ReadLimits(file_mb=5)
    bad = run_qa(
        "index", str(corpus), "--index", str(tmp_path / "other"), env={"QA_MAX_FILE_MB": "x"}
    )
    one_error_line(bad, "QA_MAX_FILE_MB is not a number")
    assert not (tmp_path / "other").exists()


def test_a_pdf_readers_chatter_never_reaches_the_terminal(tmp_path: Path) -> None:
    """Issue 14: files are read in a child process, whose parsers' logging and warnings must
    stay as quiet as in qa's own (pypdf's unconfigured warnings once printed file bytes raw)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.pdf").write_bytes(hostile.odd_pdf())
    r = run_qa("index", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stderr + r.stdout and "\x07" not in r.stderr + r.stdout
    assert "startxref" not in r.stderr and "PdfReadError" not in r.stderr, r.stderr
    assert "added: odd" in r.stderr


def test_corpus_reading_works_from_a_script_without_a_main_guard(tmp_path: Path) -> None:
    """The reading child is a fresh interpreter, not a multiprocessing spawn: spawn re-ran the
    caller's main script, so `python - < script.py` (or a script with no __main__ guard) that
    calls qa broke."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "small.txt").write_text("Small\n\nThe cat sat on the mat.\n")
    script = (
        "from pathlib import Path\nfrom qa.ingest import load_corpus\n"
        f"print([d.doc_id for d in load_corpus(Path({str(corpus)!r}))])\n"
    )
    r = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0 and r.stdout.strip() == "['small']", r.stderr


def test_a_reader_that_crashes_costs_one_file_and_one_that_died_idle_none(tmp_path: Path) -> None:
    """Issue 14: a parser crashing in native code kills the reading child with a signal; the
    file it was reading is skipped with the signal named, and the next file gets a new child.
    A child that died between files (the kernel's OOM killer) is replaced before it is written
    to: in the `qa` command, writing to it raised SIGPIPE and ended the whole build silently."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraph = "A sentence about the harbour and its ships. " * 40
    (corpus / "big.txt").write_text("\n\n".join([paragraph] * 12000))  # about 20 MB
    (corpus / "small.txt").write_text("Small\n\nThe cat sat on the mat.\n")
    warnings: list[str] = []
    with IsolatedReader(ReadLimits(seconds=120)) as reader:
        assert reader.read(corpus / "small.txt", "corpus/small.txt", "small", warnings.append)
        assert reader._child is not None
        first = reader._child[0]
        first.send_signal(signal.SIGKILL)  # idle, between files
        first.wait()
        assert reader.read(corpus / "small.txt", "corpus/small.txt", "small", warnings.append)
        assert reader._child is not None
        second = reader._child[0]
        assert second.pid != first.pid
        # a segmentation fault while it reads (reading 20 MB takes seconds; 0.3 s in)
        threading.Timer(0.3, second.send_signal, (signal.SIGSEGV,)).start()
        with pytest.raises(QAError) as e:
            reader.read(corpus / "big.txt", "corpus/big.txt", "big", warnings.append)
        assert (
            str(e.value) == "corpus/big.txt: its reader died (SIGSEGV); the file may be malformed"
        )
        assert reader.read(corpus / "small.txt", "corpus/small.txt", "small", warnings.append)
    assert warnings == []
