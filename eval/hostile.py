"""The hostile-input cases of issue 14, run against the real `qa` command.

Every case makes its input fresh in a temporary folder (nothing hostile is committed), runs
`python -m qa ...` in a subprocess from the repository root with HF_HUB_OFFLINE=1 and a
timeout, and prints one Markdown table row: the exit code, the first line qa wrote to stderr
(progress lines "embedding N of M" skipped; control characters escaped, cut at 150
characters) and notes giving the expectation, PASS or FAIL, and what was measured (wall
seconds, peak RSS of qa and the children it waited for, files touched outside the index).

    .venv/bin/python eval/hostile.py [--only SUBSTRING]

`--only` runs the cases whose name holds SUBSTRING (e.g. `--only 10` or `--only laughs`).
The whole run takes a few minutes; it needs the model in the user cache (~/.cache/qa), as
any `qa index` does, and reports at the end whether the user's qa folders changed.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import IO

import numpy as np

REPO = Path(__file__).resolve().parent.parent
QA = [sys.executable, "-m", "qa"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}
TIMEOUT = 300.0
PROGRESS = ("embedding ",)
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066", "\udc9b", "\udc9d")
"""Characters that start or end terminal control sequences, bidi overrides, and the raw C1
bytes 0x9b and 0x9d as they decode (surrogateescape) when they are not UTF-8."""
GOOD = "Harbour Dues\n\nBy Ann Lee\n\nHarbour dues rose by a tenth last spring.\n"
BASE_CORPUS = {
    "harbour.txt": "Harbour Dues\n\nBy Ann Lee\n\nHarbour dues rose by a tenth last spring. "
    "The port authority said the rise pays for dredging.\n",
    "rail.txt": "Rail Yard\n\nBy Carl Diaz\n\nThe old rail yard will become a park. "
    "The council voted five to two for the plan.\n",
    "library.txt": "Library Hours\n\nBy Ben Ortiz\n\nThe town library now opens on Sundays. "
    "Volunteers staff the desk in the afternoon.\n",
}
QUESTION = "How much did harbour dues rise?"
BUNDLED_QUESTION = "what did Roy say about nonaggression pacts"
MB = 1_000_000


# --- running qa ------------------------------------------------------------------------------


@dataclass
class Run:
    code: int | None
    """Exit code (negative: killed by that signal); None when the timeout killed it."""
    seconds: float
    out: str
    err: str
    rss_mb: float
    """Peak resident memory of the process and the children it waited for."""


def run(
    args: list[str],
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Run:
    """Run ``args`` from the repository root, its output in files (no pipe to fill), and
    reap it with os.wait4 to get its peak RSS. A timeout kills its whole process group."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            args,
            cwd=REPO,
            env={**ENV, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        code, usage = reap(proc, timeout)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(
            code,
            seconds,
            out.read().decode("utf-8", "surrogateescape"),
            err.read().decode("utf-8", "surrogateescape"),
            usage.ru_maxrss / 1024,
        )


def reap(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, os.struct_rusage]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            return None, usage
        time.sleep(0.05)


def qa(*args: str, env: dict[str, str] | None = None, timeout: float = TIMEOUT) -> Run:
    """The real `qa` command with ``args``."""
    return run([*QA, *args], env=env, timeout=timeout)


def sh(script: str, timeout: float = TIMEOUT) -> Run:
    """A bash script (for redirections, pipes and ulimit)."""
    return run(["bash", "-c", script], timeout=timeout)


def qa_shell() -> str:
    return " ".join(shlex.quote(a) for a in QA)


# --- checking what qa printed ----------------------------------------------------------------


def first_line(err: str) -> str:
    for line in err.splitlines():
        if line.strip() and not line.startswith(PROGRESS):
            return line
    return ""


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning:")]


def raw_escapes(*texts: str) -> bool:
    return any(c in text for text in texts for c in RAW)


def one_line(r: Run, *words: str) -> tuple[bool, str]:
    """Whether ``r`` failed with exactly one `qa:` line on stderr holding ``words``; and why
    not, when it did not."""
    lines = r.err.strip().splitlines()
    if r.code in (0, None):
        return False, f"exit {show_exit(r.code)}, not an error"
    if "Traceback" in r.err:
        return False, "a traceback"
    if len(lines) != 1 or not lines[0].startswith("qa: "):
        return False, f"{len(lines)} stderr lines, not one `qa:` line"
    missing = [w for w in words if w not in lines[0]]
    if missing:
        return False, f"the line lacks {missing}"
    return True, "ok"


def show_exit(code: int | None) -> str:
    if code is None:
        return "timeout"
    if code < 0:
        return f"{code} ({signal.Signals(-code).name})"
    return str(code)


def verdict(ok: bool, expectation: str, *facts: str) -> str:
    return "; ".join([f"{'PASS' if ok else 'FAIL'}: {expectation}", *[f for f in facts if f]])


# --- files outside the index -----------------------------------------------------------------


def snapshot(roots: list[Path], skip: Path) -> dict[str, tuple[object, ...]]:
    """Type, size, mtime (and the bytes of small files) of everything under ``roots`` but
    ``skip``, without following links."""
    found: dict[str, tuple[object, ...]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if Path(folder, d) != skip]
            for name in dirs + files:
                path = Path(folder, name)
                st = path.lstat()
                small = path.is_file() and not path.is_symlink() and st.st_size < MB
                found[str(path)] = (
                    st.st_mode,
                    st.st_size,
                    st.st_mtime_ns,
                    path.read_bytes() if small else None,
                )
    return found


class Outside:
    """Everything under ``roots`` but the index folder, compared before and after qa ran."""

    def __init__(self, roots: list[Path], index: Path) -> None:
        self.roots, self.index = roots, index
        self.before = snapshot(roots, index)

    def changed(self) -> list[str]:
        after = snapshot(self.roots, self.index)
        names = set(self.before) | set(after)
        return sorted(n for n in names if self.before.get(n) != after.get(n))

    def note(self) -> str:
        changed = self.changed()
        return f"touched outside the index: {changed}" if changed else "nothing outside touched"


# --- inputs ----------------------------------------------------------------------------------


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def generation(index: Path) -> Path:
    return index / (index / "CURRENT").read_text().strip()


def copy_index(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    return dest


def pdf(objects: list[bytes], broken_xref: bool = False) -> bytes:
    """A PDF of ``objects`` (object 1 the catalogue) with a cross-reference table: correct, or
    with every offset 3 bytes late and startxref 7, which pypdf repairs, warning as it goes."""
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    late = 3 if broken_xref else 0
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (o + late) for o in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return out + trailer % (len(objects) + 1, xref + (7 if broken_xref else 0))


def one_page_pdf(
    content: bytes, filters: bytes = b"", page_extra: bytes = b"", broken_xref: bool = False
) -> bytes:
    """A one-page PDF whose content stream is ``content`` (Helvetica as F1); ``page_extra``
    goes at the end of the page dictionary."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >>" + page_extra + b" >>",
            b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
        broken_xref,
    )


def pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes (spaces after one
    line of text), compressed 16 MB at a time: about 1 MB on disk for 1 GiB."""
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(b"BT /F1 12 Tf 72 720 Td (Harbour bomb) Tj ET\n")]
    piece = b" " * (16 << 20)
    for _ in range(inflated // len(piece)):
        parts.append(squeeze.compress(piece))
    parts.append(squeeze.flush())
    return one_page_pdf(b"".join(parts), b"/Filter /FlateDecode ")


def odd_pdf() -> bytes:
    """A wrong cross-reference table and a name holding a terminal escape: pypdf repairs it,
    logging warnings (and an error quoting the raw bytes)."""
    return one_page_pdf(
        b"BT /F1 12 Tf 72 720 Td (Hello harbour ships) Tj ET\n",
        page_extra=b" /Bad\x1b]0;pwned\x07 1",
        broken_xref=True,
    )


def encrypted_pdf(path: Path, password: str = "secret", algorithm: str = "AES-256") -> None:
    """A one-page PDF saying "Harbour ships sail at dawn.", encrypted by pypdf (with its crypto
    extra, which qa declares). With an empty user password any viewer opens it, as with PDFs
    encrypted only to restrict printing or copying."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    text = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Harbour ships sail at dawn.) Tj ET\n")
    writer = PdfWriter(clone_from=PdfReader(BytesIO(text)))
    writer.encrypt(password, "owner", algorithm=algorithm)
    with path.open("wb") as f:
        writer.write(f)


def billion_laughs() -> str:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        laughs.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    laughs.append("title: *i")
    body = "Body text about harbour dues. " * 20  # to 1 KB, as in the issue
    return "---\n" + "\n".join(laughs) + "\n---\n" + body + "\n"


# --- shared indexes --------------------------------------------------------------------------


class Context:
    """The folders every case shares, built on first use: a tiny corpus and its index, and
    the bundled corpus's index (for the memory and locale cases)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def corpus(self) -> Path:
        return write_corpus(self.root / "base-corpus", BASE_CORPUS)

    @cached_property
    def index(self) -> Path:
        return self._build(self.corpus, self.root / "base-index")

    @cached_property
    def bundled_index(self) -> Path:
        where = "from qa.indexer import bundled_corpus; print(bundled_corpus())"
        found = run([sys.executable, "-c", where])
        return self._build(Path(found.out.strip()), self.root / "bundled-index")

    def _build(self, corpus: Path, index: Path) -> Path:
        r = qa("index", str(corpus), "--index", str(index))
        if r.code != 0:
            raise SystemExit(f"cannot build {index}: {r.err}")
        return index

    def copy(self, work: Path) -> Path:
        """A writable copy of the tiny index, for a case to damage."""
        return copy_index(self.index, work / "index")


@dataclass
class Row:
    case: str
    exit: str
    line: str
    notes: str


def row(case: str, r: Run, notes: str) -> Row:
    return Row(case, show_exit(r.code), first_line(r.err) or "(nothing)", notes)


# --- cases: hostile files in a corpus ----------------------------------------------------------


@dataclass
class Built:
    run: Run
    ids: set[str]
    outside: str
    index: Path


def build_with(work: Path, write: Callable[[Path], object], timeout: float = TIMEOUT) -> Built:
    """`qa index` of a corpus holding good.txt and what ``write`` adds, into a new index."""
    corpus = write_corpus(work / "corpus", {"good.txt": GOOD})
    write(corpus)
    index = work / "index"
    outside = Outside([work], index)
    r = qa("index", str(corpus), "--index", str(index), timeout=timeout)
    info = qa("info", "--json", "--index", str(index))
    ids = {d["doc_id"] for d in json.loads(info.out)["documents"]} if info.code == 0 else set()
    return Built(r, ids, outside.note(), index)


def corpus_verdict(b: Built, name: str, expectation: str, *facts: str, ok: bool = True) -> str:
    warned = any(name in w for w in warnings(b.run.err))
    doc_id = name.split(".")[0]
    ok = (
        ok
        and b.run.code == 0
        and warned
        and "good" in b.ids
        and "Traceback" not in b.run.err
        and not raw_escapes(b.run.err, b.run.out)
        and b.outside == "nothing outside touched"
    )
    return verdict(
        ok,
        expectation,
        f"warning naming {name}: {'yes' if warned else 'NO'}",
        f"good.txt indexed: {'yes' if 'good' in b.ids else 'NO'}",
        f"{doc_id} indexed: {'yes' if doc_id in b.ids else 'no'}",
        f"{b.run.seconds:.1f} s, peak RSS {b.run.rss_mb:,.0f} MB",
        *facts,
        b.outside,
    )


def case_laughs(ctx: Context, work: Path) -> list[Row]:
    b = build_with(work, lambda c: (c / "laughs.md").write_text(billion_laughs()))
    manifest = generation(b.index) / "manifest.json" if b.run.code == 0 else None
    size = manifest.stat().st_size if manifest else 0
    small = 0 < size < MB and b.run.rss_mb < 1000
    notes = corpus_verdict(
        b,
        "laughs.md",
        "a warning, the build finishes (exit 0), memory and manifest stay small",
        f"laughs.md {len(billion_laughs()):,} bytes",
        f"manifest.json {size:,} bytes",
        ok=small,
    )
    return [row("1 YAML billion laughs in front matter (1 KB .md)", b.run, notes)]


def case_encrypted_pdf(ctx: Context, work: Path) -> list[Row]:
    b = build_with(work, lambda c: encrypted_pdf(c / "locked.pdf"))
    notes = corpus_verdict(b, "locked.pdf", "skipped with a warning, the build goes on")
    return [row("2 encrypted PDF (AES-256, with a password)", b.run, notes)]


def case_pdf_bomb(ctx: Context, work: Path) -> list[Row]:
    b = build_with(work, lambda c: (c / "bomb.pdf").write_bytes(pdf_bomb(1 << 30)))
    size = (work / "corpus" / "bomb.pdf").stat().st_size
    bounded = b.run.rss_mb < 2600 and b.run.code is not None
    notes = corpus_verdict(
        b,
        "bomb.pdf",
        "skipped or read within bounds (peak RSS < 2.6 GB: the reader's 2,048 MB cap plus qa), "
        "the build goes on",
        f"bomb.pdf {size:,} bytes inflating to 1 GiB",
        ok=bounded,
    )
    return [row("3 PDF stream inflating to 1 GiB (zlib bomb)", b.run, notes)]


def case_deep_front_matter(ctx: Context, work: Path) -> list[Row]:
    text = "---\ntitle: " + "[" * 50_000 + "\n---\nDeep body text.\n"
    b = build_with(work, lambda c: (c / "deep.md").write_text(text))
    notes = corpus_verdict(b, "deep.md", "a warning, the build goes on")
    return [row("4 front matter nested 50,000 deep", b.run, notes)]


def case_deep_sidecar(ctx: Context, work: Path) -> list[Row]:
    def write(corpus: Path) -> None:
        (corpus / "side.txt").write_text("Text with a sidecar of nested lists.\n")
        (corpus / "side.txt.meta.json").write_text("[" * 100_000 + "]" * 100_000)

    b = build_with(work, write)
    notes = corpus_verdict(b, "side.txt.meta.json", "a warning, the build goes on")
    return [row("5 sidecar .meta.json nested 100,000 deep", b.run, notes)]


def case_deep_html(ctx: Context, work: Path) -> list[Row]:
    n = 100_000
    html = "<div>" * n + "Harbour dues rose by a tenth." + "</div>" * n
    b = build_with(work, lambda c: (c / "deep.html").write_text(html))
    ok = (
        b.run.code == 0
        and b.run.seconds < 120
        and {"good", "deep"} <= b.ids
        and b.outside == "nothing outside touched"
    )
    notes = verdict(
        ok,
        "indexed in well under 120 s (was 1,099 s), exit 0",
        f"{len(html):,} bytes indexed in {b.run.seconds:.1f} s",
        f"peak RSS {b.run.rss_mb:,.0f} MB",
        f"deep.html indexed: {'yes' if 'deep' in b.ids else 'NO'}",
        b.outside,
    )
    return [row("6 HTML with 100,000 nested <div> (1.1 MB)", b.run, notes)]


def case_odd_pdf(ctx: Context, work: Path) -> list[Row]:
    b = build_with(work, lambda c: (c / "odd.pdf").write_bytes(odd_pdf()))
    info = qa("info", "--index", str(b.index))
    chatter = [w for w in ("startxref", "PdfReadError") if w in b.run.err]
    ok = (
        b.run.code == 0
        and info.code == 0
        and "odd" in b.ids
        and not raw_escapes(b.run.out, b.run.err, info.out, info.err)
        and not chatter
    )
    notes = verdict(
        ok,
        "indexed, no raw ESC/BEL in `qa index` or `qa info` output, no pypdf chatter",
        f"raw escapes: {'YES' if raw_escapes(b.run.out, b.run.err, info.out, info.err) else 'no'}",
        f"pypdf chatter: {chatter or 'none'}",
        f"qa info exit {show_exit(info.code)}",
        b.outside,
    )
    return [row("14a odd PDF with an escape sequence in a key", b.run, notes)]


# --- cases: the index folder -----------------------------------------------------------------


def case_repl_rebuilds(ctx: Context, work: Path) -> list[Row]:
    return [
        repl_across_rebuilds(ctx, work / "idle", warm=False),
        repl_across_rebuilds(ctx, work / "warm", warm=True),
    ]


def repl_across_rebuilds(ctx: Context, work: Path, warm: bool) -> Row:
    """A `qa repl` on stdin open (and, if ``warm``, having answered once) while two
    `qa index --rebuild` replace its generation; then asked a question."""
    work.mkdir()
    index = ctx.copy(work)
    opened = generation(index)
    args = [*QA, "repl", "--json", "--no-history", "--index", str(index)]
    proc = subprocess.Popen(
        args,
        cwd=REPO,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    out, err = lines_of(proc.stdout), lines_of(proc.stderr)
    proc.stdin.write(":top 3\n")  # its acknowledgement on stderr says the REPL is open
    if warm:
        proc.stdin.write(QUESTION + "\n")
    proc.stdin.flush()
    ready = [next_line(err, 120)]
    first = next_line(out, 120) if warm else None
    rebuilds = [qa("index", str(ctx.corpus), "--index", str(index), "--rebuild") for _ in range(2)]
    replaced = not opened.exists()
    proc.stdin.write(QUESTION + "\n:quit\n")
    proc.stdin.close()
    try:
        code: int | None = proc.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        code = None
    answer, rest = drain(out), drain(err)
    answered = any(answers_in(line) for line in answer)
    r = Run(code, 0, "\n".join(answer), "\n".join([*filter(None, ready), *rest]), 0)
    ok = (
        code == 0
        and answered
        and (answers_in(first or "") or not warm)
        and all(b.code == 0 for b in rebuilds)
        and not rest
    )
    notes = verdict(
        ok,
        "the open REPL answers after two `qa index --rebuild`",
        f"ready line {ready[0]!r}",
        f"answered before: {'yes' if answers_in(first or '') else 'NO'}" if warm else "",
        f"rebuild exits {[show_exit(b.code) for b in rebuilds]}",
        f"the generation it opened deleted: {'yes' if replaced else 'no'}",
        f"answered after: {'yes' if answered else 'NO'}",
        f"stderr after the rebuilds: {rest[:2] or 'nothing'}",
    )
    what = "after answering once" if warm else "idle (opened, nothing asked)"
    return row(f"7{'b' if warm else 'a'} REPL {what}, two `qa index --rebuild`", r, notes)


def answers_in(line: str) -> bool:
    """Whether ``line`` is a `--json` result holding at least one answer."""
    try:
        return bool(json.loads(line).get("answers"))
    except (ValueError, AttributeError):
        return False


def lines_of(stream: IO[str]) -> queue.Queue[str | None]:
    """The lines of a text stream, read by a thread; None at its end."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def next_line(lines: queue.Queue[str | None], timeout: float) -> str | None:
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


def drain(lines: queue.Queue[str | None]) -> list[str]:
    found = []
    while (line := next_line(lines, 10)) is not None:
        found.append(line)
    return found


def case_current_tmp_link(ctx: Context, work: Path) -> list[Row]:
    index = ctx.copy(work)
    outside_file = work / "outside.txt"
    outside_file.write_text("keep me\n")
    (index / "CURRENT.tmp").symlink_to(outside_file)
    outside = Outside([work, ctx.corpus], index)
    r = qa("index", str(ctx.corpus), "--index", str(index), "--rebuild")
    kept = outside_file.read_text() == "keep me\n"
    current_link = (index / "CURRENT").is_symlink()
    note = outside.note()
    ok = r.code == 0 and kept and not current_link and note == "nothing outside touched"
    notes = verdict(
        ok,
        "the rebuild succeeds and never writes through the link",
        f"outside file unchanged: {'yes' if kept else 'NO'}",
        f"CURRENT a link afterwards: {'YES' if current_link else 'no'}",
        note,
    )
    return [row("8 CURRENT.tmp a link to a file outside, then `--rebuild`", r, notes)]


def case_current_link_secret(ctx: Context, work: Path) -> list[Row]:
    index = ctx.copy(work)
    secret = work / "secret.txt"
    secret.write_text("SECRET CONTENT\n" * 1000)
    (index / "CURRENT").unlink()
    (index / "CURRENT").symlink_to(secret)
    outside = Outside([work, ctx.corpus], index)
    ask = qa("ask", QUESTION, "--index", str(index), timeout=60)
    info = qa("info", "--index", str(index), timeout=60)
    ok_ask, why_ask = one_line(ask, "damaged")
    ok_info, why_info = one_line(info, "damaged")
    echoed = "SECRET" in ask.err + ask.out + info.err + info.out
    repair = qa("index", str(ctx.corpus), "--index", str(index))
    after = qa("ask", QUESTION, "--index", str(index))
    note = outside.note()
    ok = (
        ok_ask
        and ok_info
        and not echoed
        and repair.code == 0
        and after.code == 0
        and note == "nothing outside touched"
    )
    notes = verdict(
        ok,
        "one `damaged` line from ask and info, the target's contents never echoed, "
        "`qa index` repairs",
        f"ask: {why_ask}; info: {why_info}",
        f"secret echoed: {'YES' if echoed else 'no'}",
        f"then qa index exit {show_exit(repair.code)}, qa ask exit {show_exit(after.code)}",
        note,
    )
    return [row("9 CURRENT a link to an outside file holding a secret (qa ask)", ask, notes)]


def case_dev_zero(ctx: Context, work: Path) -> list[Row]:
    rows = []
    for letter, part in zip("abc", ("CURRENT", "manifest.json", "model.onnx"), strict=True):
        folder = work / part
        folder.mkdir()
        index = ctx.copy(folder)
        where = index / part if part == "CURRENT" else generation(index) / part
        where.unlink()  # never write through the file (or a hard link to it)
        where.symlink_to("/dev/zero")
        outside = Outside([folder, ctx.corpus], index)
        info = qa("info", "--index", str(index), timeout=60)
        ok_info, why = one_line(info, "damaged")
        rows.append(
            row(
                f"10{letter} {part} a link to /dev/zero: qa info",
                info,
                verdict(ok_info, "one `damaged` line within 60 s", why, f"{info.seconds:.1f} s"),
            )
        )
        build = qa("index", str(ctx.corpus), "--index", str(index), timeout=120)
        live = generation(index) if build.code == 0 else index
        linked = (index / "CURRENT").is_symlink() or any(p.is_symlink() for p in live.iterdir())
        kept = links_in_generations(index)
        after = qa("info", "--index", str(index), timeout=60)
        again = qa("index", str(ctx.corpus), "--index", str(index), timeout=120)
        gone = not links_in_generations(index)
        note = outside.note()
        ok = (
            build.code == 0
            and not linked
            and after.code == 0
            and again.code == 0
            and gone
            and note == "nothing outside touched"
        )
        rows.append(
            row(
                f"10{letter} {part} a link to /dev/zero: qa index",
                build,
                verdict(
                    ok,
                    "the build replaces the damaged index within 120 s, exit 0; "
                    "no link in the new generation; none left after the next build",
                    f"{build.seconds:.1f} s",
                    f"a link in the live index: {'YES' if linked else 'no'}",
                    f"then qa info exit {show_exit(after.code)}",
                    f"the damaged generation kept as the previous one: {'yes' if kept else 'no'}",
                    f"gone after the next `qa index`: {'yes' if gone else 'NO'}",
                    note,
                ),
            )
        )
    return rows


def links_in_generations(index: Path) -> bool:
    return any(p.is_symlink() for p in index.glob("gen-*/*"))


def case_wrong_dtype(ctx: Context, work: Path) -> list[Row]:
    rows = []
    for letter, kind in zip("ab", ("string", "float"), strict=True):
        folder = work / kind
        folder.mkdir()
        index = ctx.copy(folder)
        chunks = generation(index) / "chunks.npy"
        good = np.load(chunks, allow_pickle=False)
        bad = good.astype("U8") if kind == "string" else good.astype(np.float64)
        chunks.unlink()
        np.save(chunks, bad, allow_pickle=False)
        outside = Outside([folder, ctx.corpus], index)
        ask = qa("ask", QUESTION, "--index", str(index))
        ok_ask, why = one_line(ask, "damaged", "chunks.npy")
        repair = qa("index", str(ctx.corpus), "--index", str(index))
        after = qa("ask", QUESTION, "--index", str(index))
        note = outside.note()
        ok = ok_ask and repair.code == 0 and after.code == 0 and note == "nothing outside touched"
        notes = verdict(
            ok,
            "one `damaged` line naming chunks.npy; plain `qa index` repairs it",
            why,
            f"then qa index exit {show_exit(repair.code)} "
            f"({first_line(repair.err)[:80]!r}), qa ask exit {show_exit(after.code)}",
            note,
        )
        rows.append(row(f"11{letter} chunks.npy of dtype {kind} (qa ask)", ask, notes))
    return rows


def case_manifest_types(ctx: Context, work: Path) -> list[Row]:
    edits: dict[str, Callable[[dict[str, object]], None]] = {
        "author a list": lambda m: docs(m)[0].update(author=["Ann", "Lee"]),
        "doc_id an int": lambda m: docs(m)[0].update(doc_id=7),
        "no faiss key": lambda m: m.pop("faiss"),
    }
    rows = []
    for letter, (name, edit) in zip("abc", edits.items(), strict=True):
        folder = work / letter
        folder.mkdir()
        index = ctx.copy(folder)
        path = generation(index) / "manifest.json"
        manifest = json.loads(path.read_text())
        edit(manifest)
        path.write_text(json.dumps(manifest))
        outside = Outside([folder, ctx.corpus], index)
        ask = qa("ask", QUESTION, "--index", str(index))
        info = qa("info", "--index", str(index))
        ok_ask, why_ask = one_line(ask, "damaged", "manifest.json")
        ok_info, why_info = one_line(info, "damaged", "manifest.json")
        repair = qa("index", str(ctx.corpus), "--index", str(index), "--rebuild")
        after = qa("ask", QUESTION, "--index", str(index))
        note = outside.note()
        ok = (
            ok_ask
            and ok_info
            and repair.code == 0
            and after.code == 0
            and note == "nothing outside touched"
        )
        notes = verdict(
            ok,
            "one `damaged` line naming manifest.json from ask and info; "
            "`qa index --rebuild` repairs",
            f"ask: {why_ask}; info: {why_info}",
            f"then qa index --rebuild exit {show_exit(repair.code)}, "
            f"qa ask exit {show_exit(after.code)}",
            note,
        )
        rows.append(row(f"12{letter} manifest: {name} (qa ask)", ask, notes))
    return rows


def docs(manifest: dict[str, object]) -> list[dict[str, object]]:
    return manifest["documents"]  # type: ignore[return-value]


def case_leftover_generations(ctx: Context, work: Path) -> list[Row]:
    index = ctx.copy(work)
    live = generation(index)
    whole = index / "gen-leftover1"  # a whole generation that lost its manifest
    shutil.copytree(live, whole, symlinks=True)
    (whole / "manifest.json").unlink()
    part = index / "gen-leftover2"  # a delete interrupted further on
    part.mkdir()
    shutil.copy2(live / "chunks.npy", part / "chunks.npy")
    shutil.copytree(live / "bm25", part / "bm25")
    outside = Outside([work, ctx.corpus], index)
    r = qa("index", str(ctx.corpus), "--index", str(index))
    left = sorted(p.name for p in index.iterdir() if p.is_dir())
    note = outside.note()
    ok = r.code == 0 and left == [live.name] and note == "nothing outside touched"
    notes = verdict(
        ok,
        "the next build deletes both manifest-less gen-* folders",
        f"folders left: {left}",
        note,
    )
    return [row("13 two leftover manifest-less gen-* folders, then `qa index`", r, notes)]


# --- cases: questions, eval files, streams ---------------------------------------------------


def case_eval_escapes(ctx: Context, work: Path) -> list[Row]:
    gold = work / "gold.jsonl"
    line = {
        "id": "\x1b[2Jq1",
        "question": "what did the council say about climate change",
        "answers": ["Harbour dues rose by a tenth last spring."],
        "doc_ids": ["harbour"],
        "kind": "\x1b]0;title\x07",
    }
    gold.write_text(json.dumps(line) + "\n")
    r = qa("eval", str(gold), "--index", str(ctx.index), "--failures")
    listed = "\\x1b[2Jq1" in r.out
    raw = raw_escapes(r.out, r.err)
    ok = r.code == 0 and listed and not raw
    notes = verdict(
        ok,
        "the failed question's id and kind are shown escaped",
        f"escaped id listed: {'yes' if listed else 'NO (the question did not fail?)'}",
        f"raw escapes: {'YES' if raw else 'no'}",
    )
    return [row("14b `qa eval --failures` with escapes in id and kind", r, notes)]


def case_streams(ctx: Context, work: Path) -> list[Row]:
    q, index = shlex.quote(QUESTION), shlex.quote(str(ctx.index))
    rows = []

    r = sh(f"{qa_shell()} ask {q} --json --index {index} 2>&-")
    try:
        json.loads(r.out)
        valid = True
    except ValueError:
        valid = False
    rows.append(
        row(
            "15a stderr closed (`2>&-`), `qa ask --json`",
            r,
            verdict(r.code == 0 and valid, "exit 0, stdout one valid JSON object", f"{valid=}"),
        )
    )

    lines = "".join(f"{QUESTION}\\n" for _ in range(50))
    r = sh(
        f"printf {shlex.quote(lines)} | {qa_shell()} repl --json --no-history --index {index} "
        '| head -1; echo "qa exit ${PIPESTATUS[1]}"'
    )
    status = r.out.strip().splitlines()[-1] if r.out.strip() else ""
    code = int(status.removeprefix("qa exit ")) if status.startswith("qa exit ") else None
    quiet = not r.err.strip()
    rows.append(
        row(
            "15b `qa repl --json` (50 questions) `| head -1` (exit: qa's)",
            replace(r, code=code),
            verdict(
                quiet and code == 141,
                "qa ends quietly by SIGPIPE (141), nothing on stderr",
                f"stderr: {'empty' if quiet else repr(r.err[:100])}",
            ),
        )
    )

    r = sh(f"{qa_shell()} ask {q} --index {index} >&-")
    lines_err = r.err.strip().splitlines()
    ok = "Traceback" not in r.err and (
        r.code == 0 or (len(lines_err) == 1 and lines_err[0].startswith("qa: "))
    )
    rows.append(
        row(
            "15c stdout closed (`>&-`), `qa ask`",
            r,
            verdict(ok, "exit 0 (output dropped) or one `qa:` line; no traceback"),
        )
    )

    r = sh(f"{qa_shell()} ask {q} --index {index} > /dev/full")
    want = "qa: error: cannot write the output (No space left on device)"
    rows.append(
        row(
            "15d stdout to /dev/full, `qa ask`",
            r,
            verdict(r.code == 1 and r.err.strip() == want, f"exit 1 and only {want!r}"),
        )
    )
    return rows


def ask_under_limit(index: Path, mb: int) -> Run:
    kib = mb * MB // 1024
    q, folder = shlex.quote(BUNDLED_QUESTION), shlex.quote(str(index))
    return sh(f"ulimit -v {kib}; exec {qa_shell()} ask {q} --index {folder}", timeout=120)


def memory_ok(r: Run) -> tuple[bool, str]:
    """Works, or fails with one "out of memory" line that does not blame the index."""
    if r.code == 0:
        return True, "answered"
    ok, why = one_line(r, "out of memory")
    line = first_line(r.err)
    if "damaged" in line or "rebuild" in line:
        return False, "blames the index"
    return ok, why


def case_memory(ctx: Context, work: Path) -> list[Row]:
    rows = []
    for letter, mb in zip("abc", (1000, 800, 600), strict=True):
        r = ask_under_limit(ctx.bundled_index, mb)
        ok, why = memory_ok(r)
        rows.append(
            row(
                f"16{letter} `ulimit -v` {mb} MB, `qa ask` (bundled corpus)",
                r,
                verdict(ok, "answers, or one `out of memory` line not blaming the index", why),
            )
        )
    steps, works = [], None
    for mb in range(1000, 3001, 100):  # the search stops at 3 GB
        r = ask_under_limit(ctx.bundled_index, mb)
        steps.append((mb, r))
        if r.code == 0:
            works = mb
            break
    bad = [f"{mb:,} MB: {memory_ok(r)[1]}" for mb, r in steps if not memory_ok(r)[0]]
    found = f"smallest working limit {works:,} MB" if works else "none up to 3,000 MB"
    rows.append(
        row(
            "16d smallest `ulimit -v` (100 MB steps) where `qa ask` works",
            steps[-1][1],
            verdict(
                works is not None and not bad,
                "some limit works; every smaller one gave one clean `out of memory` line",
                found,
                f"peak RSS at that limit {steps[-1][1].rss_mb:,.0f} MB",
                f"unclean failures: {bad}" if bad else "",
                "what the failing steps printed: " + failing_steps(steps),
            ),
        )
    )
    return rows


def failing_steps(steps: list[tuple[int, Run]]) -> str:
    """The first stderr line of each failing step, consecutive steps that printed the same
    line (numbers aside) grouped: "1,000-1,100 MB: 'qa: error: ...'"."""
    groups: list[tuple[int, int, str]] = []
    for mb, r in steps:
        if r.code == 0:
            continue
        line = first_line(r.err)
        shape = re.sub(r"\d[\d,.]*", "N", line)
        if groups and re.sub(r"\d[\d,.]*", "N", groups[-1][2]) == shape:
            groups[-1] = (groups[-1][0], mb, groups[-1][2])
        else:
            groups.append((mb, mb, line))
    return "; ".join(f"{a:,}-{b:,} MB: {line[:110]!r}" for a, b, line in groups)


def beir_folder(work: Path, queries: str, qrels: str) -> Path:
    beir = work / "beir"
    (beir / "qrels").mkdir(parents=True)
    (beir / "corpus.jsonl").write_text('{"_id": "d1", "title": "", "text": "harbour dues"}\n')
    (beir / "queries.jsonl").write_text(queries)
    (beir / "qrels" / "test.tsv").write_text(qrels)
    return beir


def case_bad_eval_files(ctx: Context, work: Path) -> list[Row]:
    deep = "[" * 100_000 + "]" * 100_000 + "\n"
    query = '{"_id": "1", "text": "harbour dues"}\n'
    beirs = {
        "17a BEIR qrels with no judgements": (query, "query-id\tcorpus-id\tscore\n"),
        "17b BEIR qrels score 10^20": (query, "1\td1\t100000000000000000000\n"),
        "17d BEIR queries line nested 100,000 deep": (deep, "1\td1\t1\n"),
    }
    rows = []
    for name, (queries, qrels) in beirs.items():
        folder = work / name[:3]
        beir = beir_folder(folder, queries, qrels)
        index = folder / "index"
        outside = Outside([folder], index)
        r = qa("eval", str(beir), "--index", str(index))
        ok, why = one_line(r)
        note = outside.note()
        left = "an index was built" if index.exists() else "no index built"
        rows.append(
            row(name, r, verdict(ok and note == "nothing outside touched", "one line", why, left))
        )
    gold = work / "gold.jsonl"
    gold.write_text(deep)
    r = qa("eval", str(gold), "--index", str(ctx.index))
    ok, why = one_line(r)
    rows.insert(2, row("17c gold line nested 100,000 deep", r, verdict(ok, "one line", why)))
    return rows


def case_ascii_locale(ctx: Context, work: Path) -> list[Row]:
    env = {"LC_ALL": "POSIX", "PYTHONIOENCODING": "ascii"}
    r = qa("ask", BUNDLED_QUESTION, "--index", str(ctx.bundled_index), env=env)
    escaped = "\\u" in r.out
    crashed = "UnicodeEncodeError" in r.err + r.out
    ok = r.code == 0 and not crashed
    notes = verdict(
        ok,
        "exit 0, non-ASCII escaped, no UnicodeEncodeError",
        f"\\uXXXX escapes in stdout: {'yes' if escaped else 'none'}",
    )
    return [row("18 LC_ALL=POSIX PYTHONIOENCODING=ascii `qa ask`", r, notes)]


def case_reader_crash(ctx: Context, work: Path) -> list[Row]:
    notes = (
        "not run: a reader crashing mid-file needs a signal sent to qa's reading child; "
        "covered by tests/test_hardening.py::"
        "test_a_reader_that_crashes_costs_one_file_and_one_that_died_idle_none"
    )
    return [Row("19 the reading child crashes mid-file", "-", "(not run)", notes)]


CASES: list[tuple[str, Callable[[Context, Path], list[Row]]]] = [
    ("1 billion laughs", case_laughs),
    ("2 encrypted pdf", case_encrypted_pdf),
    ("3 pdf bomb", case_pdf_bomb),
    ("4 deep front matter", case_deep_front_matter),
    ("5 deep sidecar", case_deep_sidecar),
    ("6 deep html", case_deep_html),
    ("7 repl and rebuilds", case_repl_rebuilds),
    ("8 CURRENT.tmp link", case_current_tmp_link),
    ("9 CURRENT link to a secret", case_current_link_secret),
    ("10 links to /dev/zero", case_dev_zero),
    ("11 chunks.npy dtype", case_wrong_dtype),
    ("12 manifest types", case_manifest_types),
    ("13 leftover generations", case_leftover_generations),
    ("14a odd pdf", case_odd_pdf),
    ("14b eval escapes", case_eval_escapes),
    ("15 streams", case_streams),
    ("16 memory limits", case_memory),
    ("17 bad eval files", case_bad_eval_files),
    ("18 ascii locale", case_ascii_locale),
    ("19 reader crash", case_reader_crash),
]


# --- the table -------------------------------------------------------------------------------


def cell(text: str, limit: int | None = None) -> str:
    """``text`` safe in a table cell: control and format characters escaped as repr does,
    pipes escaped; cut at ``limit`` characters."""
    shown = "".join(escape(c) for c in text)
    if limit and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


def escape(c: str) -> str:
    if c == "|":
        return "\\|"
    if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return repr(c)[1:-1] if c.isascii() else c.encode("unicode_escape").decode()
    return c


def user_folders() -> list[Path]:
    home = Path.home()
    return [home / ".cache" / "qa", home / ".local" / "share" / "qa"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    only = parser.parse_args().only
    started = time.monotonic()
    user = Outside([p for p in user_folders() if p.exists()], Path("/nonexistent"))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="qa-hostile-") as root:
        ctx = Context(Path(root))
        for name, case in CASES:
            if only.lower() not in name.lower():
                continue
            print(f"running {name} ...", file=sys.stderr, flush=True)
            case_started = time.monotonic()
            with tempfile.TemporaryDirectory(prefix="case-", dir=root) as work:
                rows += case(ctx, Path(work))
            print(f"  {time.monotonic() - case_started:.0f} s", file=sys.stderr, flush=True)
    print("| case | exit | what qa printed (first stderr line, truncated to 150 chars) | notes |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print(f"| {cell(r.case)} | {r.exit} | {cell(r.line, 150)} | {cell(r.notes)} |")
    failed = [r.case for r in rows if r.notes.startswith("FAIL")]
    print(f"\n{len(rows)} rows, {len(failed)} FAIL: {failed or 'none'}")
    changed = user.changed()
    print(f"user qa folders (~/.cache/qa, ~/.local/share/qa): {changed or 'unchanged'}")
    print(f"total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
