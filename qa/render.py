"""Human-readable output of a Result: quotes under numbered citations, `path:line:col` each,
and on request the paragraphs they come from.

Colour only on a terminal (and never with NO_COLOR); when piped, the quote inside its context is
marked with »…« instead. Control characters from documents or questions are never printed raw.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from qa.clean import BIDI_CONTROLS
from qa.types import Answer, Citation, Passage, Result

_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""Control characters (tab and newline excepted) and bidi controls."""
BOLD, DIM, YELLOW, RESET = "\x1b[1m", "\x1b[2m", "\x1b[33m", "\x1b[0m"
_OPEN, _CLOSE = "\x02", "\x03"


def safe(text: str) -> str:
    """Text with control characters (escape sequences included) made visible and harmless."""
    return _CONTROL.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_RAW_IN_JSON = re.compile(rf"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def to_json(data: Any, indent: int | None = None) -> str:
    """JSON text safe to print on a terminal: json escapes U+0000–U+001F itself, this also
    escapes DEL, the C1 controls (U+009B starts an escape sequence on some terminals) and the
    bidi embeddings and overrides; parsed, the text is unchanged."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def use_colour(stream_is_tty: bool) -> bool:
    return stream_is_tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def page(text: str, out: TextIO, pager: bool = True) -> None:
    """Print ``text`` to ``out``; on a terminal, through a pager ($PAGER, else ``less -R``)
    when it is taller than the screen, as git does."""
    rows = shutil.get_terminal_size((80, 24)).lines
    if not (pager and out.isatty() and text.count("\n") + 1 >= rows):
        print(text, file=out, flush=True)
        return
    command = shlex.split(os.environ.get("PAGER") or "less -R")
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    out.flush()
    # Ctrl-C belongs to the pager while it runs (less ignores it), as with git
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        subprocess.run(command, input=text + "\n", text=True, env=env, check=False)
    except OSError:  # no such pager: print as if there were none
        print(text, file=out, flush=True)
    finally:
        signal.signal(signal.SIGINT, previous)


def file_path(c: Citation, root: Path | None = None) -> Path:
    """The quoted file (``root`` holds the corpus folder), relative to the working directory
    when inside it."""
    path = Path(c.path)
    if root is not None:
        path = root / path
        with contextlib.suppress(ValueError, OSError):
            path = path.relative_to(Path.cwd())
    return path


def location(c: Citation, root: Path | None = None) -> str:
    """Where to open a quote: ``path:line:column`` as ripgrep prints it, which terminals and
    editors can open. HTML and PDF text has no line of its own: the path only."""
    line = f":{c.line}:{c.column}" if c.line is not None else ""
    return f"{file_path(c, root)}{line}"


def citation_line(n: int, a: Answer) -> str:
    """``[n] Author — "Title"``: who said it, where."""
    c = a.citation
    return f'[{n}] {c.author or "unknown author"} — "{c.title}"'


def where_line(a: Answer, root: Path | None = None, indent: str = "    ") -> str:
    """The quote's file position, then its character offsets in the document's text."""
    return f"{indent}{location(a.citation, root)}  [chars {a.citation.start}–{a.citation.end}]"


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` made safe, with each span wrapped in the one-character placeholders (control
    characters cannot come from the text any more, so they are free to mark with)."""
    out, at = [], 0
    for i, j in sorted(spans):
        if i < at:  # overlapping quotes: mark the union
            i = at
        if j <= i:
            continue
        out += [safe(text[at:i]), _OPEN, safe(text[i:j]), _CLOSE]
        at = j
    out.append(safe(text[at:]))
    return "".join(out)


def _paint(wrapped: str, colour: bool, indent: str) -> str:
    """Placeholders to »…« (or to bold yellow on a terminal, reopened on each line)."""
    if not colour:
        return wrapped.replace(_OPEN, "»").replace(_CLOSE, "«")
    lines, inside = [], False
    for line in wrapped.split("\n"):
        continued = inside
        if _OPEN in line or _CLOSE in line:
            inside = line.rfind(_OPEN) > line.rfind(_CLOSE)
        line = line.replace(_OPEN, BOLD + YELLOW).replace(_CLOSE, RESET)
        if continued:
            line = indent + BOLD + YELLOW + line[len(indent) :]
        lines.append(line + (RESET if inside else ""))
    return "\n".join(lines)


def paragraphs_with_quotes(
    paragraphs: Sequence[Passage],
    quotes: Sequence[Citation],
    colour: bool,
    width: int,
    indent: str = "    ",
) -> str:
    """Whole paragraphs, each wrapped on its own (never run together), with every quote that
    falls in them highlighted in place."""
    blocks = []
    for p in paragraphs:
        spans = [
            (max(c.start, p.start) - p.start, min(c.end, p.start + len(p.text)) - p.start)
            for c in quotes
        ]
        # one-character placeholders keep escape codes out of the width computation
        text = " ".join(_marked(p.text, [s for s in spans if s[0] < s[1]]).split())
        wrapped = textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)
        blocks.append(_paint(wrapped, colour, indent))
    return "\n\n".join(blocks)


def _paragraphs(a: Answer) -> tuple[Passage, ...]:
    return a.paragraphs or (Passage(a.context_start, a.context),)


def render(
    result: Result,
    colour: bool = False,
    width: int | None = None,
    echo: bool = True,
    context: bool = False,
    root: Path | None = None,
) -> str:
    """The text `qa ask` prints for people: each quote under its citation and its position in
    the file. ``echo`` repeats the question first; ``context`` adds the paragraphs the quotes
    come from, each shown once; ``root`` is where the corpus folder lies."""
    width = width or min(100, shutil.get_terminal_size((100, 24)).columns)

    def dim(s: str) -> str:
        return DIM + s + RESET if colour else s

    def bold(s: str) -> str:
        return BOLD + s + RESET if colour else s

    r = result.interpretation
    reading = [f'topic "{safe(r.topic)}"', result.mode]
    if r.mentions:
        reading.insert(0, "mentions " + safe(" and ".join(r.mentions)))
    if r.absent:
        reading.insert(0, "named in no document: " + safe(" and ".join(r.absent)))
    if r.authors:
        source = " (from --author)" if r.author_from == "option" else ""
        reading.insert(0, "speaker " + safe(" and ".join(r.authors)) + source)
    out = [bold(safe(result.question))] if echo else []
    out += [dim("reading: " + " · ".join(reading)), ""]
    answers = result.answers
    if result.abstained:
        out.append("The corpus does not answer this question.")
        if result.closest:
            out += ["", "Closest passages, not an answer:"]
        answers = result.closest
    for n, a in enumerate(answers, 1):
        if n > 1:
            out.append("")
        if a.person:
            # an interview's subject did not write the piece she is quoted in
            said = "wrote" if a.person == a.citation.author else "said"
            out.append(bold(safe(a.person)) + f", who {said}:")
        out.append(bold(safe(citation_line(n, a))) + dim(f"  score {a.score:.2f}"))
        out.append(dim(safe(where_line(a, root))))
        out.append(
            textwrap.fill(
                f"“{safe(a.text)}”", width=width, initial_indent="    ", subsequent_indent="    "
            )
        )
    if context and answers:
        out += ["", bold("Context")]
        groups: dict[tuple[str, tuple[int, ...]], list[int]] = {}
        for n, a in enumerate(answers, 1):
            groups.setdefault(
                (a.citation.doc_id, tuple(p.start for p in _paragraphs(a))), []
            ).append(n)
        for numbers in groups.values():
            first = answers[numbers[0] - 1]
            label = ", ".join(str(n) for n in numbers)
            if len(out) > 0 and out[-1] != bold("Context"):
                out.append("")
            out.append(dim(f"[{label}] {safe(str(file_path(first.citation, root)))}"))
            quotes = [answers[n - 1].citation for n in numbers]
            out.append(paragraphs_with_quotes(_paragraphs(first), quotes, colour, width))
    return "\n".join(out)


def explain(result: Result) -> str:
    """A ranked table of the retrieved chunks with both components' ranks and scores."""

    def cell(rank: int | None, score: float | None) -> str:
        return "-" if rank is None or score is None else f"{rank:>3} {score:7.3f}"

    lines = [f"{'#':>2}  {'fused':>7}  {'bm25 rank/score':>15}  {'dense rank/score':>16}  chunk"]
    for n, h in enumerate(result.hits, 1):
        c = h.chunk
        lines.append(
            f"{n:>2}  {h.score:7.4f}  {cell(h.bm25_rank, h.bm25_score):>15}  "
            f"{cell(h.dense_rank, h.dense_score):>16}  {c.doc_id} {c.start}–{c.end}"
        )
    return "\n".join(lines)


def explain_json(result: Result) -> list[dict[str, Any]]:
    """The retrieved chunks with both components' ranks and scores, for `--json --explain`."""
    return [
        {
            "rank": n,
            "doc_id": h.chunk.doc_id,
            "start": h.chunk.start,
            "end": h.chunk.end,
            "score": round(h.score, 6),
            "bm25_rank": h.bm25_rank,
            "bm25_score": None if h.bm25_score is None else round(h.bm25_score, 6),
            "dense_rank": h.dense_rank,
            "dense_score": None if h.dense_score is None else round(h.dense_score, 6),
        }
        for n, h in enumerate(result.hits, 1)
    ]
