"""`qa repl`: ask question after question of one loaded index (prompt-toolkit, litecli-style).

The index and model load once; each line is a question, or a command starting with ':'.
Commands register themselves with the ``@command`` decorator, which also feeds `:help` and Tab
completion. When stdin is not a terminal, each line is answered in turn, so
`qa repl < questions.txt` works in scripts.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from qa.pipeline import Pipeline
from qa.render import (
    DIM,
    RESET,
    citation_line,
    explain,
    location,
    page,
    paragraphs_with_quotes,
    render,
    safe,
    to_json,
    use_colour,
    where_line,
)
from qa.retrieve import FUSIONS, MODES, RetrievalParams
from qa.types import Answer, QAError, ReadLimits, Result

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
    context: bool = False
    pager: bool = True
    corpus: Path | None = None
    """What :reindex indexes when the index records no corpus that still exists (QA_CORPUS)."""
    cache: Path | None = None
    """Where the shared ONNX export lives (QA_CACHE); None for the user cache folder."""
    limits: ReadLimits = field(default_factory=ReadLimits)
    """What :reindex allows reading one file to cost (QA_MAX_FILE_SECONDS and the like)."""


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

    def toolbar(self, width: int | None = None) -> str:
        """The settings in one line that fits the terminal (80 columns at least): what does not
        fit is dropped, least useful first."""
        width = width or shutil.get_terminal_size((80, 24)).columns
        s = self.settings
        docs = self.pipeline.index.num_documents
        parts = [
            f"{s.mode}{'/' + s.fusion if s.mode == 'hybrid' else ''}",
            f"k {s.k}",
            f"top {s.top}",
            f"author {s.author or 'any'}",
            *(["json"] if s.json else []),
            *(["context"] if s.context else []),
            f"{docs} documents",
            ":help · Ctrl-D quits",
        ]
        line = ""
        while parts:
            line = " " + " · ".join(parts)
            if len(line) < width:
                break
            parts.pop(-2 if len(parts) > 4 else -1)
        return line

    def handle(self, line: str) -> None:
        """Answer a question or run a command; errors are reported, never raised."""
        line = line.strip()
        if not line:
            return
        if line.lower() in ("exit", "quit", "exit()", "quit()"):
            raise Quit
        try:
            if line.startswith(":"):
                name, _, arg = line.partition(" ")
                cmd = COMMANDS.get(name.lower())
                if cmd is None:
                    self.warn(f"unknown command {safe(name)}; type :help for the list")
                    return
                arg = arg.strip()
                if arg and not cmd.args:
                    raise QAError(f"{cmd.name} takes no argument")
                cmd.run(self, arg)
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
        seconds = time.perf_counter() - started
        self.latencies.append(seconds)
        self.last = result
        if s.json:
            self.print(to_json(result.to_json()))
            return
        text = render(
            result,
            colour=self.colour,
            echo=not self.interactive,
            context=s.context,
            root=self.pipeline.root,
        )
        page(text, self.out, s.pager and self.interactive)
        if self.interactive:  # litecli's time line; piped output stays the answers alone
            n = len(result.answers)
            found = f"{n} answer{'s' if n != 1 else ''}" if n else "no answer"
            self.print(self.dim(f"{found}, {seconds * 1000:.0f} ms"))
        self.print()

    def dim(self, text: str) -> str:
        return DIM + text + RESET if self.colour else text

    def shown(self) -> tuple[Answer, ...]:
        if self.last is None:
            return ()
        return self.last.answers or self.last.closest


@command(":help", "", "this list")
def _help(repl: Repl, _: str) -> None:
    repl.print("Type a question, or a command (a setting's command alone shows its value):")
    for c in COMMANDS.values():
        repl.print(f"  {(c.name + ' ' + c.args).strip():<28} {c.help}")


def _set_choice(repl: Repl, setting: str, arg: str, choices: tuple[str, ...]) -> None:
    """Show the setting with no argument, else set it to one of ``choices``."""
    if arg:
        if arg.lower() not in choices:
            raise QAError(f"usage: :{setting} {'|'.join(choices)}")
        setattr(repl.settings, setting, arg.lower())
    repl.note(f"{setting}: {getattr(repl.settings, setting)}")


@command(":mode", "bm25|dense|hybrid", "retrieval mode", lambda _: list(MODES))
def _mode(repl: Repl, arg: str) -> None:
    _set_choice(repl, "mode", arg, MODES)


@command(":fusion", "weighted|rrf", "how hybrid mode fuses BM25 and dense", lambda _: list(FUSIONS))
def _fusion(repl: Repl, arg: str) -> None:
    _set_choice(repl, "fusion", arg, FUSIONS)


def _set_number(repl: Repl, setting: str, arg: str) -> None:
    """Show the setting with no argument, else set it to a whole number of at least 1."""
    if arg:
        try:
            n = int(arg)
        except ValueError:
            n = 0
        if n < 1:
            raise QAError(f"usage: :{setting} N (a whole number of at least 1)")
        setattr(repl.settings, setting, n)
    repl.note(f"{setting}: {getattr(repl.settings, setting)}")


@command(":top", "N", "how many answers to give")
def _top(repl: Repl, arg: str) -> None:
    _set_number(repl, "top", arg)


@command(":k", "N", "how many chunks to retrieve")
def _k(repl: Repl, arg: str) -> None:
    _set_number(repl, "k", arg)


def _set_switch(repl: Repl, setting: str, arg: str) -> None:
    """Show the on/off setting with no argument, else set it."""
    if arg:
        if arg.lower() not in ("on", "off"):
            raise QAError(f"usage: :{setting} on|off")
        setattr(repl.settings, setting, arg.lower() == "on")
    repl.note(f"{setting}: {'on' if getattr(repl.settings, setting) else 'off'}")


@command(":json", "on|off", "answers as JSON objects", lambda _: ["on", "off"])
def _json(repl: Repl, arg: str) -> None:
    _set_switch(repl, "json", arg)


@command(":context", "on|off", "show the paragraphs quotes come from", lambda _: ["on", "off"])
def _context(repl: Repl, arg: str) -> None:
    _set_switch(repl, "context", arg)


@command(":author", "NAME|off", "only this author's documents", lambda r: [*r.author_names, "off"])
def _author(repl: Repl, arg: str) -> None:
    if arg.lower() == "off":
        repl.settings.author = None
    elif arg:
        from qa.question import resolve_author

        repl.settings.author = resolve_author(arg, repl.pipeline.authors).name
    repl.note(f"author: {repl.settings.author or 'any'}")


def _chosen(repl: Repl, arg: str, usage: str) -> tuple[int, Answer]:
    """Citation N (default 1) of the last answer."""
    shown = repl.shown()
    if not shown:
        raise QAError("nothing to show yet: ask a question first")
    try:
        n = int(arg or "1")
    except ValueError:
        n = 0
    if not 1 <= n <= len(shown):
        raise QAError(f"usage: {usage} (the last answer has {len(shown)} citation(s))")
    return n, shown[n - 1]


@command(":show", "N", "citation N of the last answer, with the paragraphs around it")
def _show(repl: Repl, arg: str) -> None:
    n, a = _chosen(repl, arg, ":show N")
    doc = repl.pipeline.documents[a.citation.doc_id]
    inside = [i for i, (s, e) in enumerate(doc.kept) if s < a.citation.end and e > a.citation.start]
    if inside:  # the quote's paragraphs and one more on each side
        lo, hi = max(0, inside[0] - 1), min(len(doc.kept), inside[-1] + 2)
        paragraphs = doc.paragraphs(doc.kept[lo][0], doc.kept[hi - 1][1])
    else:
        paragraphs = a.paragraphs
    repl.print(safe(citation_line(n, a)))
    repl.print(safe(where_line(a, repl.pipeline.root)))
    repl.print(paragraphs_with_quotes(paragraphs, [a.citation], repl.colour, width=100))


@command(":open", "N", "open the document of citation N at the quote ($EDITOR, else the viewer)")
def _open(repl: Repl, arg: str) -> None:
    _, a = _chosen(repl, arg, ":open N")
    path = repl.pipeline.root / a.citation.path
    if not path.is_file():
        raise QAError(f"{path} is not there any more")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor and a.citation.line is not None:  # a text file: at the quote's line
        command = [*shlex.split(editor), f"+{a.citation.line}", str(path)]
    else:  # HTML and PDF go to the system viewer
        command = ["open" if sys.platform == "darwin" else "xdg-open", str(path)]
    try:
        subprocess.run(command, check=False)
    except OSError as e:
        raise QAError(f"cannot run {command[0]} ({e.strerror}); set $EDITOR") from e
    repl.note(f"opened {location(a.citation, repl.pipeline.root)}")


@command(":save", "FILE", "the last answer to FILE: JSON if it ends in .json, else Markdown")
def _save(repl: Repl, arg: str) -> None:
    if not arg:
        raise QAError("usage: :save FILE")
    if repl.last is None:
        raise QAError("nothing to save yet: ask a question first")
    path = Path(arg).expanduser()
    if path.suffix.lower() == ".json":
        text = to_json(repl.last.to_json(), indent=2)
    else:
        text = markdown(repl.last, repl.pipeline.root)
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as e:
        raise QAError(f"cannot write {path} ({e.strerror})") from e
    repl.note(f"saved to {path}")


def markdown(result: Result, root: Path) -> str:
    """A result as Markdown: the question, then each quote as a block quote under its source."""
    lines = [f"# {result.question}", ""]
    if result.abstained:
        lines += ["The corpus does not answer this question.", ""]
    for n, a in enumerate(result.answers or result.closest, 1):
        c = a.citation
        lines += [f'{n}. {c.author or "unknown author"}, "{c.title}", `{location(c, root)}`']
        lines += ["", *(f"   > {line}" for line in a.text.splitlines()), ""]
    return "\n".join(lines).rstrip()


@command(":explain", "", "the chunks retrieved for the last question, with their ranks")
def _explain(repl: Repl, _: str) -> None:
    if repl.last is None:
        raise QAError("nothing to explain yet: ask a question first")
    repl.print(safe(explain(repl.last)))


@command(":sources", "", "the documents in the index")
def _sources(repl: Repl, _: str) -> None:
    entries = repl.pipeline.index.entries
    wid = max(len(e.doc_id) for e in entries)
    wau = max(len(e.author or "-") for e in entries)
    repl.print(f"  {'document':<{wid}}  {'author':<{wau}}  chunks  title")
    for e in entries:
        repl.print(safe(f"  {e.doc_id:<{wid}}  {e.author or '-':<{wau}}  {e.chunks:>6}  {e.title}"))


@command(":reindex", "", "refresh the index if the corpus changed, and say what did")
def _reindex(repl: Repl, _: str) -> None:
    from qa.indexer import build_index, default_corpus
    from qa.store import current_name

    s = repl.settings
    corpus = default_corpus(repl.index_dir, s.corpus)
    report = build_index(
        corpus,
        repl.index_dir,
        progress=True,
        say=repl.warn,
        cache=s.cache,
        limits=s.limits,
    )
    # another process may have published a newer generation while this one was open
    if not report.up_to_date or current_name(repl.index_dir) != repl.pipeline.index.generation.name:
        repl.pipeline = Pipeline.open(repl.index_dir)
        repl.last = None  # its offsets are of texts that may have changed
    for line in report.changes():
        repl.note(line)
    repl.note(report.summary())


@command(":quit", "", "leave (so do exit, quit and Ctrl-D)")
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
