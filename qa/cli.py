"""The `qa` command line: a thin shell over the Python API.

Errors the user can act on print one line on stderr and exit non-zero; logs and progress go to
stderr so stdout carries only results.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from qa.chunk import ChunkParams
from qa.render import safe, to_json
from qa.retrieve import FUSIONS, MODES, RetrievalParams
from qa.types import QAError, ReadLimits, out_of_memory

if TYPE_CHECKING:
    from qa.manifest import MilvusRecord

app = typer.Typer(
    name="qa",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"qa {version('qa')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print qa's version and exit."
        ),
    ] = False,
) -> None:
    """Ask questions of a folder of documents; every answer is a verbatim, cited quote.

    Examples:

    \b
      qa ask "what did Roy say about nonaggression pacts"   # builds the default index first
      qa index ~/notes --index ~/notes-index
      qa repl --index ~/notes-index

    `qa COMMAND -h` shows each command's options. Environment: QA_INDEX (index folder),
    QA_CORPUS (corpus of the default index), QA_MODEL, QA_CACHE (shared model export),
    QA_MAX_FILE_SECONDS, QA_MAX_FILE_MB, QA_MAX_FILE_MEMORY_MB, QA_MAX_TEXT_MB (limits on
    reading one corpus file), QA_HISTORY, PAGER, NO_COLOR, QA_DEBUG.
    """


IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        envvar="QA_INDEX",
        help="Index folder (env QA_INDEX). Default: index in the user data folder "
        "(~/.local/share/qa/index on Linux), built on first use.",
        show_default=False,
    ),
]


def env_path(name: str) -> Path | None:
    """A folder named by an environment variable (QA_CORPUS, QA_CACHE): read here, at the edge,
    and passed down as an argument."""
    value = os.environ.get(name)
    return Path(value) if value else None


LIMIT_ENV = {
    "seconds": "QA_MAX_FILE_SECONDS",
    "file_mb": "QA_MAX_FILE_MB",
    "memory_mb": "QA_MAX_FILE_MEMORY_MB",
    "text_mb": "QA_MAX_TEXT_MB",
}


def read_limits(index_dir: Path | None = None, **given: float | None) -> ReadLimits:
    """The limits on reading one corpus file: options given, else QA_MAX_* variables, else
    what the index at ``index_dir`` was built with, else the defaults (for builds with no
    options of their own too: first use, :reindex)."""
    from dataclasses import asdict

    from qa.indexer import recorded_limits

    recorded = recorded_limits(index_dir) if index_dir is not None else None
    values: dict[str, float] = asdict(recorded) if recorded else {}
    for field, env in LIMIT_ENV.items():
        value = given.get(field)
        if value is None and os.environ.get(env):
            try:
                value = float(os.environ[env])
            except ValueError as e:
                raise QAError(f"{env} is not a number") from e
        if value is not None:
            values[field] = value
    try:
        return ReadLimits(**values)
    except ValueError as e:
        raise QAError(f"bad limit on reading a file: {e}") from e


def default_index() -> Path:
    """The index used when none is named: ``index`` in the user data folder, so running qa
    from another directory neither builds a new one there nor misses the one it has."""
    import platformdirs

    return Path(platformdirs.user_data_dir("qa")) / "index"


_CHUNKING = ChunkParams()
_RETRIEVAL = RetrievalParams()


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    """A parser that accepts only ``choices``: anything else is a usage error (exit 2)."""

    def parse(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return parse


def _choice(choices: tuple[str, ...], help: str, **kw: Any) -> Any:
    """An option that takes one of ``choices``, shown as [a|b|c] in the help."""
    metavar = "[" + "|".join(choices) + "]"
    return typer.Option(metavar=metavar, parser=_one_of(choices), help=help, **kw)


def _limit(field: str, help: str, minimum: float = 0.001) -> Any:
    """An option raising one of the ``ReadLimits``, naming its variable and its default."""
    default = getattr(ReadLimits, field)
    return typer.Option(
        min=minimum,
        max=1e6,
        help=f"{help} (env {LIMIT_ENV[field]}; default {default:g}).",
        show_default=False,
    )


ModeOption = Annotated[
    str, _choice(MODES, "Retrieval: BM25 alone, dense (embeddings) alone, or both fused.")
]
FusionOption = Annotated[
    str,
    _choice(
        FUSIONS, "How hybrid mode fuses the two: reciprocal rank, or a weighted sum of scores."
    ),
]


PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="On a terminal, show output taller than the screen in $PAGER (default less -R).",
    ),
]


def question_text(words: list[str] | None) -> str:
    """The question from the command line's words, else from stdin when it is not a terminal."""
    if words:
        text = " ".join(words)
    elif not sys.stdin.isatty():
        # bytes, decoded leniently: a stray Latin-1 byte is not worth a traceback
        text = sys.stdin.buffer.read().decode("utf-8", "replace")
    else:
        raise typer.BadParameter("give a question, as words or on stdin", param_hint="QUESTION")
    text = " ".join(text.split())
    if not text:
        raise typer.BadParameter("the question is empty", param_hint="QUESTION")
    return text


def say(message: str) -> None:
    """A progress or warning line on stderr; file names and messages may hold control
    characters, which are shown escaped, never sent to the terminal."""
    print(safe(message), file=sys.stderr, flush=True)


def _limits_line(limits: ReadLimits) -> str:
    return (
        f"a file is skipped past {limits.seconds:g} s, {limits.file_mb:g} MB on disk, "
        f"{limits.memory_mb:g} MB of memory or {limits.text_mb:g} million characters"
    )


def _faiss_line(faiss: dict[str, Any]) -> str:
    if faiss["type"] == "IndexFlatIP":
        return "IndexFlatIP, exact cosine search"
    return (
        f"{faiss['type']} M={faiss['M']} efConstruction={faiss['efConstruction']} "
        f"efSearch={faiss['efSearch']}, approximate cosine search"
    )


def _human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


@app.command(short_help="Build or refresh an index; unchanged files are not embedded again.")
def index(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of documents (.txt .md .html .pdf). Default: the folder this index "
            "was built from, else QA_CORPUS, else the bundled corpus/.",
            show_default=False,
        ),
    ] = None,
    index_dir: IndexOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            envvar="QA_MODEL",
            help="A sentence-transformers model folder (env QA_MODEL). Default: bundled MiniLM.",
        ),
    ] = None,
    max_words: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Most words in a chunk. Default: as the index was built, else "
            f"{_CHUNKING.max_words}.",
            show_default=False,
        ),
    ] = None,
    overlap_words: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Words of trailing sentences repeated in the next chunk. Default: as the "
            f"index was built, else {_CHUNKING.overlap_words}.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[bool, typer.Option(help="Embed every chunk again.")] = False,
    follow_symlinks: Annotated[
        bool | None,
        typer.Option(
            "--follow-symlinks/--no-follow-symlinks",
            help="Index what symbolic links point to, even outside the corpus folder. "
            "Default: as the index was built, else not followed (and named in a warning).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what the build did as one JSON object.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Embed with this many processes (same vectors as one)."),
    ] = 1,
    backend: Annotated[
        str | None,
        _choice(
            ("local", "milvus"),
            "Where searches run: the index's own BM25 and FAISS files, or Milvus. "
            "Default: as the index was built, else local.",
            show_default=False,
        ),
    ] = None,
    milvus_uri: Annotated[
        str | None,
        typer.Option(
            help="With --backend milvus: a .db file for embedded Milvus Lite, or a server URL "
            "(http://host:19530). Default: milvus.db in the index folder.",
            show_default=False,
        ),
    ] = None,
    collection: Annotated[
        str, typer.Option(help="With --backend milvus: the collection name (a suffix per build).")
    ] = "qa",
    max_file_seconds: Annotated[
        float | None,
        _limit("seconds", "Skip (with a warning) a file that takes longer than this to read"),
    ] = None,
    max_file_mb: Annotated[float | None, _limit("file_mb", "Skip a file larger than this")] = None,
    max_file_memory_mb: Annotated[
        float | None,
        _limit("memory_mb", "Skip a file whose reader needs more memory than this", minimum=1),
    ] = None,
    max_text_mb: Annotated[
        float | None,
        _limit("text_mb", "Skip a file that gives more than this many million characters of text"),
    ] = None,
    ray: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Embed on a Ray cluster: its address, 'auto' (RAY_ADDRESS), or 'local' to "
            "start Ray on this machine. Every node needs qa installed.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build or refresh the index; unchanged documents are never embedded again.

    Examples:

    \b
      qa index                      # refresh the default index
      qa index ~/notes --index ~/.qa/notes
    """
    check_memory_limit()
    from qa.indexer import build_index, default_corpus, recorded_chunking

    index_dir = index_dir or default_index()
    corpus = corpus or default_corpus(index_dir, env_path("QA_CORPUS"))
    if ray is not None and workers > 1:
        raise typer.BadParameter("use --workers or --ray, not both", param_hint="--ray")
    recorded = recorded_chunking(index_dir) or _CHUNKING
    try:
        params = ChunkParams(
            max_words=recorded.max_words if max_words is None else max_words,
            overlap_words=recorded.overlap_words if overlap_words is None else overlap_words,
        )
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--max-words/--overlap-words") from e
    report = build_index(
        corpus,
        index_dir,
        model=model,
        params=params,
        rebuild=rebuild,
        progress=True,
        say=say,
        follow_symlinks=follow_symlinks,
        cache=env_path("QA_CACHE"),
        workers=workers,
        milvus=_milvus_choice(backend, milvus_uri, collection, index_dir),
        local=backend == "local",
        ray=ray,
        limits=read_limits(
            index_dir,
            seconds=max_file_seconds,
            file_mb=max_file_mb,
            memory_mb=max_file_memory_mb,
            text_mb=max_text_mb,
        ),
    )
    if as_json:
        print(to_json(report.to_json(), indent=2))
        return
    for line in report.changes():
        say(line)
    say(report.summary())


def _milvus_choice(
    backend: str | None, uri: str | None, collection: str, index_dir: Path
) -> MilvusRecord | None:
    """The Milvus record to build with, from --backend/--milvus-uri/--collection."""
    from qa.manifest import MilvusRecord

    if backend != "milvus":
        if uri is not None:
            raise typer.BadParameter("needs --backend milvus", param_hint="--milvus-uri")
        return None
    if not collection.replace("_", "").isalnum() or not collection[0].isalpha():
        raise typer.BadParameter(
            "letters, digits and underscores, starting with a letter", param_hint="--collection"
        )
    if uri is None:
        uri = str((index_dir / "milvus.db").resolve())
    elif "://" not in uri:
        uri = str(Path(uri).expanduser().resolve())
    return MilvusRecord(uri, collection)


MIN_ADDRESS_SPACE = 1_000_000_000
"""Below this virtual-memory limit (ulimit -v) native code aborts or crashes while loading the
models instead of raising an error; `qa ask` on the bundled corpus needs about 1.6 GB here."""


def check_memory_limit() -> None:
    """One clear line when a virtual-memory limit is too low for the models to load at all."""
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < MIN_ADDRESS_SPACE:
        raise QAError(
            f"out of memory: the virtual-memory limit (ulimit -v) is {soft // 1_000_000} MB; "
            "qa needs about 1.6 GB to load its models"
        )


def ensure_index(index_dir: Path | None) -> Path:
    """The index to open. Only the default one (no --index, no QA_INDEX) is built on first use,
    from the bundled corpus (or QA_CORPUS), so the first question just works; a folder the user
    named must hold an index, since a mistyped path would otherwise get the bundled corpus."""
    from qa.store import current_generation

    if index_dir is not None:
        if current_generation(index_dir) is None:
            raise QAError(
                f"no index at {index_dir}; build one with `qa index CORPUS --index {index_dir}`"
            )
        return index_dir
    index_dir = default_index()
    if current_generation(index_dir) is not None:
        return index_dir
    from qa.indexer import build_index, default_corpus  # the readers, yaml, pypdf: only to build

    corpus = default_corpus(index_dir, env_path("QA_CORPUS"))
    say(f"no index at {index_dir} yet; indexing {corpus} first")
    report = build_index(
        corpus,
        index_dir,
        progress=True,
        say=say,
        cache=env_path("QA_CACHE"),
        limits=read_limits(),
    )
    say(report.summary())
    return index_dir


@app.command()
def ask(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUESTION",
            help="The question, in plain English; quotes are optional. Read from stdin when "
            "absent and stdin is not a terminal.",
            show_default=False,
        ),
    ] = None,
    index_dir: IndexOption = None,
    top: Annotated[int, typer.Option(min=1, help="Most answers to give.")] = 3,
    mode: ModeOption = "hybrid",
    k: Annotated[int, typer.Option(min=1, help="Chunks to retrieve before answering.")] = 10,
    author: Annotated[
        str | None,
        typer.Option(help="Only this author's documents (wins over a name in the question)."),
    ] = None,
    fusion: FusionOption = _RETRIEVAL.fusion,
    dense_weight: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Weight of dense scores with --fusion weighted.")
    ] = _RETRIEVAL.dense_weight,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object on stdout (design.md contract).")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also show the retrieved chunks with BM25 and dense ranks."),
    ] = False,
    context: Annotated[
        bool, typer.Option("--context", help="Also show the paragraphs the quotes come from.")
    ] = False,
    pager: PagerOption = True,
) -> None:
    """Answer a question with verbatim, cited quotes from the corpus.

    With no --index (and no QA_INDEX), the default index in the user data folder is used, built
    from the bundled corpus (or QA_CORPUS) on first use; a folder named with --index must
    already hold an index.

    Examples:

    \b
      qa ask "what did Roy say about nonaggression pacts"
      qa ask who is Bandow
      echo "why would maximum pressure fail" | qa ask --json
      qa ask "according to Gause, why would maximum pressure fail?" --top 1 --json
      qa ask "regime security" --author Bandow --mode bm25 --explain
    """
    check_memory_limit()
    from qa.pipeline import Pipeline
    from qa.render import explain as explain_hits
    from qa.render import explain_json, page, render, use_colour

    question = question_text(words)
    params = RetrievalParams(mode=mode, k=k, fusion=fusion, dense_weight=dense_weight)  # type: ignore[arg-type]
    pipeline = Pipeline.open(ensure_index(index_dir))
    result = pipeline.ask(question, top=top, author=author, params=params)
    if as_json:
        data = result.to_json()
        print(to_json({**data, "explain": explain_json(result)} if explain else data))
        return
    text = render(
        result, colour=use_colour(sys.stdout.isatty()), context=context, root=pipeline.root
    )
    if explain:
        text += "\n\n" + safe(explain_hits(result))
    page(text, sys.stdout, pager)


@app.command()
def repl(
    index_dir: IndexOption = None,
    top: Annotated[int, typer.Option(min=1, help="Most answers to give.")] = 3,
    mode: ModeOption = "hybrid",
    k: Annotated[int, typer.Option(min=1, help="Chunks to retrieve before answering.")] = 10,
    fusion: FusionOption = _RETRIEVAL.fusion,
    author: Annotated[str | None, typer.Option(help="Only this author's documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
    history: Annotated[
        Path | None,
        typer.Option(
            envvar="QA_HISTORY",
            help="History file (env QA_HISTORY). Default: history in the user data folder.",
            show_default=False,
        ),
    ] = None,
    no_history: Annotated[bool, typer.Option("--no-history", help="Keep no history.")] = False,
    context: Annotated[
        bool, typer.Option("--context", help="Show the paragraphs quotes come from (:context).")
    ] = False,
    pager: PagerOption = True,
) -> None:
    """Ask question after question; the index and model load once.

    On a terminal: history, suggestions, Tab completion and :commands (:help lists them).
    With stdin not a terminal, answers one question per line and exits:

    \b
      qa repl --json < questions.txt
    """
    check_memory_limit()
    from qa.repl import Settings, run

    if history is None and not no_history:
        import platformdirs

        history = Path(platformdirs.user_data_dir("qa")) / "history"
    index = ensure_index(index_dir)
    settings = Settings(
        mode=mode,
        top=top,
        k=k,
        fusion=fusion,
        author=author,
        json=as_json,
        context=context,
        pager=pager,
        corpus=env_path("QA_CORPUS"),
        cache=env_path("QA_CACHE"),
        limits=read_limits(index),
    )
    run(index, settings, None if no_history else history)


@app.command(name="eval", short_help="Score retrieval and answers on a gold set or BEIR folder.")
def eval_(
    target: Annotated[
        Path,
        typer.Argument(
            help="A gold question set (.jsonl) or a BEIR folder (corpus.jsonl, "
            "queries.jsonl, qrels/test.tsv)."
        ),
    ],
    index_dir: Annotated[
        Path | None,
        typer.Option(
            "--index",
            show_default=False,
            help="Index to evaluate. Default: QA_INDEX or the default index for a gold set; "
            "beir-NAME beside the default index for a BEIR folder (built and cached there, "
            "never QA_INDEX).",
        ),
    ] = None,
    mode: Annotated[
        str, typer.Option(help="bm25, dense, hybrid (weighted fusion) or hybrid-rrf.")
    ] = "hybrid",
    compare: Annotated[bool, typer.Option(help="Run every mode and fusion side by side.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    out: Annotated[
        Path | None, typer.Option(help="Write metrics.json, report.md and recall.png here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N questions (a quick look).")
    ] = None,
    show_failures: Annotated[
        bool, typer.Option("--failures", help="List every failed question (else a count).")
    ] = False,
) -> None:
    """Score retrieval (Recall@k, MRR@10, nDCG@10) and, for gold sets, answers and abstention.

    Examples:

    \b
      qa eval eval/bundled.jsonl --compare
      qa eval ../shared/benchmarks/scifact --compare --out eval/scifact
    """
    check_memory_limit()
    from qa import eval_report
    from qa.evaluation import (
        VARIANTS,
        evaluate_beir,
        evaluate_gold,
        load_beir_queries,
        load_gold,
    )
    from qa.indexer import build_index
    from qa.pipeline import Pipeline

    if mode not in VARIANTS:
        raise typer.BadParameter(
            f"{mode!r} is not one of {', '.join(VARIANTS)}", param_hint="--mode"
        )
    if not target.exists():
        raise QAError(f"not found: {target}")
    variants = list(VARIANTS) if compare else [mode]
    beir = target.is_dir()
    if beir:
        queries, qrels = load_beir_queries(target)
        if limit:
            queries = dict(list(queries.items())[:limit])
            qrels = {q: qrels[q] for q in queries}
        index_dir = index_dir or default_index().parent / f"beir-{target.resolve().name}"
        report = build_index(target, index_dir, progress=True, say=say, cache=env_path("QA_CACHE"))
        if not report.up_to_date:
            say(report.summary())
        name = target.resolve().name
    else:
        questions = load_gold(target)[:limit]
        index_dir = ensure_index(index_dir)
        name = target.name
    pipeline = Pipeline.open(index_dir)
    about = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "target": str(target),
        "index": f"{index_dir} ({pipeline.index.generation.name})",
        "corpus": pipeline.index.manifest.corpus,
        "model": pipeline.index.manifest.model.name,
        "chunking": asdict(pipeline.index.manifest.chunking),
        "modes": {v: asdict(VARIANTS[v]) for v in variants},
        "limit": limit,
    }
    reports = []
    for variant in variants:
        with _progress(f"{name} {variant}") as tick:
            if beir:
                reports.append(evaluate_beir(pipeline, queries, qrels, name, variant, tick))
            else:
                reports.append(evaluate_gold(pipeline, questions, name, variant, tick))
    if out is not None:
        for path in eval_report.write(reports, out, f"qa eval: {name}", about):
            say(f"wrote {path}")
    if as_json:
        data = [r.to_json() for r in reports]
        print(to_json(data if compare else data[0], indent=2))
        return
    count = f"{reports[0].questions} {'queries' if beir else 'questions'}"
    print(safe(f"{name}: {count}, index {index_dir}"))
    print(eval_report.table(reports))
    kinds = eval_report.kinds_table(reports)
    if kinds:
        print("\n" + kinds)
    if beir and "scifact" in name.lower():
        print("\npublished anchors and peers measured on this kind of machine (nDCG@10):")
        for system, figures in eval_report.SCIFACT_REFERENCES.items():
            print(f"  {system:<36} {figures['ndcg@10']:.3f}")
    failed = [r for r in reports if r.failures]
    if failed and not show_failures:
        counts = ", ".join(f"{len(r.failures)} ({r.mode})" for r in failed)
        print(f"\nfailed: {counts}; --failures lists them")
    for r in failed if show_failures else []:
        print(f"\nfailed ({r.mode}): {len(r.failures)}")
        print(eval_report.failures(r))


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (terminal only) fed by (done, total) calls."""
    from tqdm import tqdm

    bar = None

    def tick(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total,
                desc=label,
                unit="q",
                file=sys.stderr,
                leave=False,
                disable=not sys.stderr.isatty(),
            )
        bar.update(done - bar.n)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.close()


@app.command(short_help="Describe an index: documents, model, size, when it was built.")
def info(
    index_dir: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON.")] = False,
) -> None:
    """Describe the index: documents, chunks, model, size on disk, when it was built.

    Every file of the index is read and checked, so a damaged one is named in a warning.

    Examples:

    \b
      qa info                       # the default index
      qa info --index ~/notes-index --json
    """
    from qa.embed import resolve_model
    from qa.store import Index

    index_dir = index_dir or default_index()
    idx = Index.open(index_dir)
    m = idx.manifest
    sizes = idx.disk_bytes()
    try:
        configured = resolve_model(os.environ.get("QA_MODEL") or m.model.path)
        idx.check_model(configured.weights_sha256, configured.name)
    except QAError as e:
        say(f"warning: {e}")
    try:  # the manifest alone can look fine while a file beside it is truncated
        idx.verify()
    except QAError as e:
        say(f"warning: {e}")
    if as_json:
        data = {**m.to_json(), "generation": idx.generation.name, "disk_bytes": sizes}
        print(to_json(data, indent=2))
        return
    counts = m.counts
    rows: list[tuple[str, Any]] = [
        ("index", f"{index_dir} ({idx.generation.name})"),
        ("built", f"{m.built_at} in {m.build_seconds:.1f} s"),
        ("corpus", m.corpus),
        (
            "model",
            f"{m.model.name} (dim {m.model.dim}, weights sha256 {m.model.weights_sha256[:12]}…)",
        ),
        (
            "chunking",
            f"at most {m.chunking.max_words} words, {m.chunking.overlap_words} words of overlap",
        ),
        (
            "bm25",
            f"bm25s {m.bm25.method} k1={m.bm25.k1} b={m.bm25.b}, {m.bm25.stemmer} stemming",
        ),
        ("faiss", _faiss_line(m.faiss)),
        ("reading", _limits_line(m.limits or ReadLimits())),
        (
            "search",
            f"Milvus collection {m.milvus.collection} at {m.milvus.uri}"
            if m.milvus
            else "local BM25 and FAISS files",
        ),
        (
            "counts",
            f"{counts.documents} documents, {counts.chunks} chunks, {counts.sentences} sentences",
        ),
        (
            "on disk",
            f"{_human_size(sum(sizes.values()))} ("
            + ", ".join(f"{k} {_human_size(v)}" for k, v in sorted(sizes.items()))
            + ")",
        ),
    ]
    for key, value in rows:
        print(safe(f"{key:<10} {value}"))
    print()
    docs = idx.entries
    wid = max(len(d.doc_id) for d in docs)
    wau = max(len(d.author or "-") for d in docs)
    print(f"{'doc_id':<{wid}}  {'author':<{wau}}  chunks  title")
    for d in docs:
        print(safe(f"{d.doc_id:<{wid}}  {d.author or '-':<{wau}}  {d.chunks:>6}  {d.title}"))


_INTERRUPTED: list[bool] = []


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: say so in one line; typer turns the KeyboardInterrupt into exit code 130."""
    if not _INTERRUPTED:
        if sys.stderr.isatty():  # off the line a progress bar is drawing on
            print(file=sys.stderr)
        say("qa: interrupted")
    _INTERRUPTED.append(True)
    raise KeyboardInterrupt


class _EscapedLog(logging.Handler):
    """Libraries' log records and warnings as one escaped line each: a crafted PDF key in a
    pypdf warning must not retitle the terminal or clear the screen."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = " ".join(record.getMessage().split())
            say(f"warning: {record.name}: {message}"[:300])
        except Exception:  # a log line must never end qa
            pass


def _library_messages() -> None:
    root = logging.getLogger()
    root.handlers[:] = [_EscapedLog(logging.WARNING)]
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter, not actionable
    logging.getLogger("grpc").setLevel(logging.CRITICAL)  # Milvus Lite's server talking to itself

    def show(message: Warning | str, category: type[Warning], *args: object, **kw: object) -> None:
        say(f"warning: {category.__name__}: {' '.join(str(message).split())}"[:300])

    warnings.showwarning = show


def _standard_streams() -> None:
    """A closed stdin, stdout or stderr becomes /dev/null: otherwise the next file qa opens
    would take its number, and messages meant for stderr would land in stdout (`print` to a
    missing ``sys.stderr`` writes to stdout) or in an index file."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    # an ASCII-only locale (LC_ALL=POSIX, PYTHONIOENCODING=ascii) escapes "…" rather than crash
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


_OUT_OF_MEMORY = "qa: error: out of memory (a limit such as ulimit -v is too low for this index)"


def main() -> None:
    """Entry point: run the app, turning known errors into one line on stderr.

    Usage errors (an unknown option, a value out of range) are one `qa: error:` line and exit
    code 2, as with other Unix tools; `qa` alone prints the short help.
    """
    signal.signal(signal.SIGINT, _interrupted)
    # a closed reader of stdout (`qa repl --json | head -1`) ends qa like any Unix tool
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _standard_streams()
    _library_messages()
    if len(sys.argv) == 1:  # `qa` alone: the short help, as git and llm do
        sys.argv.append("-h")
    try:
        try:
            code = app(prog_name="qa", standalone_mode=False)
        finally:
            sys.stdout.flush()  # a full disk shows here, inside the handlers below
    except typer.Abort:
        say("qa: interrupted")
        sys.exit(130)
    except typer.TyperException as e:  # Click's usage errors, vendored by typer
        say(f"qa: error: {usage_line(e)}")
        sys.exit(e.exit_code)
    except QAError as e:
        say(f"qa: error: {e}")
        sys.exit(1)
    except KeyboardInterrupt:
        say("qa: interrupted")
        sys.exit(130)
    except MemoryError:
        say(_OUT_OF_MEMORY)
        sys.exit(1)
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.EIO, errno.EBADF):
            raise
        say(f"qa: error: cannot write the output ({e.strerror})")
        sys.stderr.flush()
        os._exit(1)  # the unwritable stdout would fail again, noisily, at interpreter exit
    except Exception as e:
        if _INTERRUPTED:  # Ctrl-C inside an import surfaces as another error
            sys.exit(130)
        if os.environ.get("QA_DEBUG"):
            raise
        if out_of_memory(e):
            say(_OUT_OF_MEMORY)
            sys.exit(1)
        say(f"qa: internal error: {type(e).__name__}: {e} (QA_DEBUG=1 shows the traceback)")
        sys.exit(2)
    if isinstance(code, int) and code:
        sys.exit(code)


def usage_line(e: typer.TyperException) -> str:
    """A usage error as one line, ending with where to read more."""
    message = " ".join(e.format_message().split())
    ctx = getattr(e, "ctx", None)
    return f"{message} (see `{ctx.command_path if ctx else 'qa'} -h`)"
