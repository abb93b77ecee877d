"""`qa repl`: ask question after question of one loaded index (prompt-toolkit, litecli-style).

The index and model load once; each line is a question, or a command starting with ':'.
Commands register themselves with the ``@command`` decorator, which also feeds `:help` and Tab
completion. When stdin is not a terminal, each line is answered in turn, so
`qa repl < questions.txt` works in scripts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from qa.pipeline import Pipeline
from qa.render import citation_line, context_with_quote, render, safe, to_json, use_colour
from qa.retrieve import FUSIONS, MODES, RetrievalParams
from qa.types import Answer, QAError, Result

if TYPE_CHECKING:
    from prompt_toolkit.completion import CompleteEvent, Completion
    from prompt_toolkit.document import Document as PTDocument
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output


@dataclass
class Command:
    name: str
    args: str
    help: str
    run: Callable[[Repl, str], None]
    choices: Callable[[Repl], list[str]] = field(default=lambda _: [])


COMMANDS: dict[str, Command] = {}


def command(
    name: str, args: str, help: str, choices: Callable[[Repl], list[str]] | None = None
) -> Callable[[Callable[[Repl, str], None]], Callable[[Repl, str], None]]:
    """Register a `:name` command: its arguments, one line of help, and completion choices."""

    def register(fn: Callable[[Repl, str], None]) -> Callable[[Repl, str], None]:
        COMMANDS[name] = Command(name, args, help, fn, choices or (lambda _: []))
        return fn

    return register


class Quit(Exception):
    """Raised by `:quit` to leave the loop."""


@dataclass
class Settings:
    mode: str = "hybrid"
    top: int = 3
    k: int = 10
    fusion: str = RetrievalParams().fusion
    author: str | None = None
    json: bool = False


class Repl:
    """The session state and the handling of one line; independent of how lines arrive."""

    def __init__(
        self,
        index_dir: Path,
        settings: Settings | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
        colour: bool = False,
        interactive: bool = False,
    ) -> None:
        self.index_dir = index_dir
        self.interactive = interactive
        self.settings = settings or Settings()
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.colour = colour
        self.pipeline = Pipeline.open(index_dir)
        self.last: Result | None = None
        self.latencies: list[float] = []

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def warn(self, text: str) -> None:
        print(safe(text), file=self.err, flush=True)

    def note(self, text: str) -> None:
        """A command's acknowledgement: on screen when interactive, else out of stdout's way."""
        (self.print if self.interactive else self.warn)(text)

    @property
    def author_names(self) -> list[str]:
        return [a.name for a in self.pipeline.authors]

    def toolbar(self) -> str:
        m = self.pipeline.index.manifest
        s = self.settings
        return (
            f" {self.index_dir} · {m['counts']['documents']} documents · "
            f"{m['counts']['chunks']} chunks · {m['model']['name'].split('/')[-1]} │ "
            f"mode {s.mode}{'/' + s.fusion if s.mode == 'hybrid' else ''} · k {s.k} · "
            f"top {s.top} · author {s.author or 'any'}{' · json' if s.json else ''}  "
            "(:help, Ctrl-D quits)"
        )

    def handle(self, line: str) -> None:
        """Answer a question or run a command; errors are reported, never raised."""
        line = line.strip()
        if not line:
            return
        try:
            if line.startswith(":"):
                name, _, arg = line.partition(" ")
                cmd = COMMANDS.get(name.lower())
                if cmd is None:
                    self.warn(f"unknown command {safe(name)}; type :help for the list")
                    return
                cmd.run(self, arg.strip())
            else:
                self.ask(line)
        except Quit:
            raise
        except QAError as e:
            self.warn(f"error: {e}")
        except Exception as e:  # one question's failure never ends the session
            self.warn(f"error: {type(e).__name__}: {e}")

    def ask(self, question: str) -> None:
        s = self.settings
        params = RetrievalParams(mode=s.mode, k=s.k, fusion=s.fusion)  # type: ignore[arg-type]
        started = time.perf_counter()
        result = self.pipeline.ask(question, top=s.top, author=s.author, params=params)
        self.latencies.append(time.perf_counter() - started)
        self.last = result
        if s.json:
            self.print(to_json(result.to_json()))
        else:
            self.print(render(result, colour=self.colour, echo=not self.interactive))
            self.print()

    def shown(self) -> tuple[Answer, ...]:
        if self.last is None:
            return ()
        return self.last.answers or self.last.closest


@command(":help", "", "this list")
def _help(repl: Repl, _: str) -> None:
    repl.print("Type a question, or one of these commands:")
    for c in COMMANDS.values():
        repl.print(f"  {(c.name + ' ' + c.args).strip():<28} {c.help}")


def _set_choice(repl: Repl, setting: str, arg: str, choices: tuple[str, ...]) -> None:
    if arg not in choices:
        now = getattr(repl.settings, setting)
        raise QAError(f"usage: :{setting} {'|'.join(choices)} (now {now})")
    setattr(repl.settings, setting, arg)
    repl.note(f"{setting}: {arg}")


@command(":mode", "bm25|dense|hybrid", "set the retrieval mode", lambda _: list(MODES))
def _mode(repl: Repl, arg: str) -> None:
    _set_choice(repl, "mode", arg, MODES)


@command(":fusion", "weighted|rrf", "how hybrid mode fuses BM25 and dense", lambda _: list(FUSIONS))
def _fusion(repl: Repl, arg: str) -> None:
    _set_choice(repl, "fusion", arg, FUSIONS)


def _positive(arg: str, usage: str) -> int:
    try:
        n = int(arg)
    except ValueError:
        n = 0
    if n < 1:
        raise QAError(f"usage: {usage} (a whole number of at least 1)")
    return n


@command(":top", "N", "how many answers to give")
def _top(repl: Repl, arg: str) -> None:
    repl.settings.top = _positive(arg, ":top N")
    repl.note(f"top: {repl.settings.top}")


@command(":k", "N", "how many chunks to retrieve")
def _k(repl: Repl, arg: str) -> None:
    repl.settings.k = _positive(arg, ":k N")
    repl.note(f"k: {repl.settings.k}")


@command(":author", "NAME|off", "only this author's documents", lambda r: [*r.author_names, "off"])
def _author(repl: Repl, arg: str) -> None:
    if not arg:
        repl.note(f"author: {repl.settings.author or 'any'}")
        return
    if arg.lower() == "off":
        repl.settings.author = None
        repl.note("author: any")
        return
    from qa.question import resolve_author

    repl.settings.author = resolve_author(arg, repl.pipeline.authors).name
    repl.note(f"author: {repl.settings.author}")


@command(":show", "N", "citation N of the last answer in its full context")
def _show(repl: Repl, arg: str) -> None:
    shown = repl.shown()
    if not shown:
        raise QAError("nothing to show yet: ask a question first")
    n = _positive(arg or "1", ":show N")
    if n > len(shown):
        raise QAError(f"the last answer has {len(shown)} citation(s)")
    a = shown[n - 1]
    doc = repl.pipeline.documents[a.citation.doc_id]
    # the whole paragraphs around the quote
    start = max((s for s, e in doc.kept if s <= a.citation.start), default=a.context_start)
    end = min(
        (e for s, e in doc.kept if e >= a.citation.end), default=a.context_start + len(a.context)
    )
    full = Answer(a.text, a.score, a.citation, doc.text[start:end], start)
    repl.print(safe(citation_line(n, a)))
    repl.print(context_with_quote(full, repl.colour, width=100))


@command(":sources", "", "the documents in the index")
def _sources(repl: Repl, _: str) -> None:
    for e in repl.pipeline.index.entries:
        repl.print(
            f'  {e.doc_id}: {safe(e.author or "unknown author")} — "{safe(e.title)}" '
            f"({e.path}, {e.chunks} chunks)"
        )


@command(":json", "", "toggle JSON output")
def _json(repl: Repl, _: str) -> None:
    repl.settings.json = not repl.settings.json
    repl.note(f"json: {'on' if repl.settings.json else 'off'}")


@command(":reindex", "", "refresh the index if the corpus changed")
def _reindex(repl: Repl, _: str) -> None:
    from qa.indexer import build_index, default_corpus
    from qa.store import current_name

    corpus = default_corpus(repl.index_dir)
    report = build_index(corpus, repl.index_dir, progress=True, say=repl.warn)
    # another process may have published a newer generation while this one was open
    if not report.up_to_date or current_name(repl.index_dir) != repl.pipeline.index.generation.name:
        repl.pipeline = Pipeline.open(repl.index_dir)
    repl.note(report.summary())


@command(":quit", "", "leave (Ctrl-D does too)")
def _quit(repl: Repl, _: str) -> None:
    raise Quit


def completions(repl: Repl, text: str) -> Iterator[tuple[str, int]]:
    """(completion, start offset from the cursor) for the text before the cursor."""
    if text.startswith(":"):
        name, space, arg = text.partition(" ")
        if not space:
            for c in COMMANDS:
                if c.startswith(name.lower()):
                    yield c, -len(name)
            return
        cmd = COMMANDS.get(name.lower())
        if cmd:
            for choice in cmd.choices(repl):
                if choice.lower().startswith(arg.lower()):
                    yield choice, -len(arg)
        return
    word = text.split(" ")[-1]
    if len(word) < 2:
        return
    names = {*repl.author_names, *(n.split()[-1] for n in repl.author_names)}
    names |= {e.title for e in repl.pipeline.index.entries}
    for name in sorted(names):
        if name.lower().startswith(word.lower()) and name != word:
            yield name, -len(word)


def interactive(
    repl: Repl, history: Path | None, input: Input | None = None, output: Output | None = None
) -> None:
    """The prompt-toolkit loop: history, suggestions, completion, toolbar; Ctrl-D leaves."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.completion import Completer, Completion
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    class QACompleter(Completer):
        def get_completions(
            self, document: PTDocument, complete_event: CompleteEvent
        ) -> Iterable[Completion]:
            for value, start in completions(repl, document.text_before_cursor):
                yield Completion(value, start_position=start)

    if history is not None:
        history.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(
        history=FileHistory(str(history)) if history else InMemoryHistory(),
        auto_suggest=AutoSuggestFromHistory(),
        completer=QACompleter(),
        complete_while_typing=False,
        bottom_toolbar=repl.toolbar,
        input=input,
        output=output,
    )
    repl.print("qa: type a question, :help for commands, Ctrl-D to leave.")
    while True:
        try:
            line = session.prompt("qa> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return
        try:
            repl.handle(line)
        except Quit:
            return
        except KeyboardInterrupt:
            continue  # Ctrl-C while answering drops that question, not the session


def batch(repl: Repl, lines: Iterable[str]) -> None:
    """One question (or command) per line, answered in order."""
    for line in lines:
        try:
            repl.handle(line)
        except Quit:
            return


def run(index_dir: Path, settings: Settings, history: Path | None) -> None:
    """Start a session on a terminal, or answer stdin line by line when it is not one."""
    tty = sys.stdin.isatty() and sys.stdout.isatty()
    repl = Repl(index_dir, settings, colour=use_colour(sys.stdout.isatty()), interactive=tty)
    if tty:
        interactive(repl, history)
    else:
        batch(repl, sys.stdin)
