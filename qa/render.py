"""Human-readable output of a Result: quotes with numbered citations, then each context.

Colour only on a terminal (and never with NO_COLOR); when piped, the quote inside its context is
marked with »…« instead. Control characters from documents or questions are never printed raw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from typing import Any

from qa.clean import BIDI_CONTROLS
from qa.types import Answer, Result

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


def citation_line(n: int, a: Answer) -> str:
    c = a.citation
    return f'[{n}] {c.author or "unknown author"} — "{c.title}" ({c.path}, chars {c.start}–{c.end})'


def context_with_quote(a: Answer, colour: bool, width: int, indent: str = "    ") -> str:
    """The answer's context, wrapped, with the quote highlighted in place."""
    i = a.citation.start - a.context_start
    j = i + len(a.text)
    before, quote, after = (
        " ".join(safe(p).split()) for p in (a.context[:i], a.context[i:j], a.context[j:])
    )
    # one-character placeholders (control characters cannot come from the text any more) keep
    # escape codes out of the width computation
    marked = " ".join(p for p in (before, _OPEN + quote + _CLOSE, after) if p)
    wrapped = textwrap.fill(marked, width=width, initial_indent=indent, subsequent_indent=indent)
    if not colour:
        return wrapped.replace(_OPEN, "»").replace(_CLOSE, "«")
    lines, inside = [], False
    for line in wrapped.split("\n"):
        continued = inside
        inside = (inside or _OPEN in line) and _CLOSE not in line
        line = line.replace(_OPEN, BOLD + YELLOW).replace(_CLOSE, RESET)
        if continued:
            line = indent + BOLD + YELLOW + line[len(indent) :]
        lines.append(line + (RESET if inside else ""))
    return "\n".join(lines)


def render(
    result: Result, colour: bool = False, width: int | None = None, echo: bool = True
) -> str:
    """The text `qa ask` prints for people; ``echo`` repeats the question first."""
    width = width or min(100, shutil.get_terminal_size((100, 24)).columns)

    def dim(s: str) -> str:
        return DIM + s + RESET if colour else s

    def bold(s: str) -> str:
        return BOLD + s + RESET if colour else s

    r = result.interpretation
    reading = [f'topic "{safe(r.topic)}"', result.mode]
    if r.mentions:
        reading.insert(0, "mentions " + safe(" and ".join(r.mentions)))
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
        if a.person:
            out.append(bold(safe(a.person)) + ", who wrote:")
        out.append(bold(safe(citation_line(n, a))) + dim(f"  score {a.score:.2f}"))
        out.append(
            textwrap.fill(
                f"“{safe(a.text)}”", width=width, initial_indent="    ", subsequent_indent="    "
            )
        )
    if answers:
        out += ["", bold("Context")]
        for n, a in enumerate(answers, 1):
            out.append(f"[{n}]")
            out.append(context_with_quote(a, colour, width))
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
