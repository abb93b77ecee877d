"""The REPL: driven through prompt-toolkit's pipe input, line by line, and in a real terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from qa.repl import COMMANDS, Quit, Repl, Settings, completions, interactive

CTRL_C, CTRL_D = "\x03", "\x04"


@pytest.fixture(scope="module")
def repl_env(bundled_index: Path) -> tuple[Repl, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Repl(bundled_index, Settings(), out=out, err=err, interactive=True), out, err


def reset(out: io.StringIO, err: io.StringIO) -> None:
    for s in (out, err):
        s.seek(0)
        s.truncate()


@pytest.mark.slow
def test_a_session_through_pipe_input(repl_env, tmp_path: Path) -> None:
    repl, out, err = repl_env
    reset(out, err)
    history = tmp_path / "data" / "history"
    with create_pipe_input() as pipe:
        pipe.send_text("what did Roy say about nonaggression pacts\r")
        pipe.send_text(":show 1\r")
        pipe.send_text("half a question that is abandoned" + CTRL_C)
        pipe.send_text(":mode bm25\r")
        pipe.send_text(":nonsense\r")
        pipe.send_text("who feigned illness in Pakistan\r")
        pipe.send_text(CTRL_D)
        interactive(repl, history, input=pipe, output=DummyOutput())
    text = out.getvalue()
    assert '[1] Denny Roy — "Heilbrunn Is Dead Wrong about Kim Jong-un"' in text
    assert "»" in text and "«" in text  # :show 1 marks the quote in its context
    assert "mode: bm25" in text and repl.settings.mode == "bm25"
    assert 'reading: topic "who feigned illness in Pakistan" · bm25' in text
    assert "Kissinger" in text
    assert "abandoned" not in text  # Ctrl-C dropped the line
    assert err.getvalue().strip() == "unknown command :nonsense; type :help for the list"
    saved = history.read_text(encoding="utf-8")
    assert "what did Roy say about nonaggression pacts" in saved and "abandoned" not in saved
    repl.settings = Settings()


def test_commands_change_the_settings(repl_env) -> None:
    repl, out, err = repl_env
    reset(out, err)
    for line in (
        ":top 1",
        ":k 4",
        ":author gause",
        ":json on",
        "what is the role of China?",
        ":author off",
        ":json off",
        ":sources",
        ":help",
        ":top zero",
        ":show 9",
        ":mode x",
        ":quit now",
        ":help me",
        ":json maybe",
    ):
        repl.handle(line)
    lines = out.getvalue().splitlines()
    obj = json.loads(next(line for line in lines if line.startswith("{")))
    assert obj["interpretation"]["authors"] == ["Ken E. Gause"]
    assert len(obj["answers"]) <= 1
    assert repl.settings.author is None and repl.settings.json is False
    assert repl.settings.top == 1 and repl.settings.k == 4
    text = out.getvalue()
    sources = [line.split() for line in text.splitlines() if "Heilbrunn Is Dead" in line]
    assert sources[0][:4] == ["roy-heilbrunn-is-dead-wrong", "Denny", "Roy", "10"], sources
    for c in COMMANDS:
        assert c in text  # :help lists every command
    errors = err.getvalue().splitlines()
    assert len(errors) == 6 and all(e.startswith("error: ") for e in errors), errors
    assert "error: :quit takes no argument" in errors
    for width in (80, 120):
        bar = repl.toolbar(width)
        assert len(bar) < width and "hybrid/weighted" in bar and "k 4" in bar, bar
        assert "top 1" in bar and "author any" in bar, bar
    assert "3 documents" in repl.toolbar(120) and ":help" in repl.toolbar(80)
    repl.settings = Settings()


def test_a_setting_alone_shows_its_value_and_exit_leaves(repl_env) -> None:
    repl, out, err = repl_env
    reset(out, err)
    for line in (":mode", ":k", ":top", ":json", ":context", ":author", ":fusion"):
        repl.handle(line)
    assert out.getvalue().splitlines() == [
        "mode: hybrid",
        "k: 10",
        "top: 3",
        "json: off",
        "context: off",
        "author: any",
        "fusion: weighted",
    ]
    assert err.getvalue() == ""
    for word in ("exit", "quit", "QUIT"):
        with pytest.raises(Quit):
            repl.handle(word)


def test_explain_open_and_save_the_last_answer(repl_env, tmp_path: Path, monkeypatch) -> None:
    repl, out, err = repl_env
    reset(out, err)
    repl.handle("what did Roy say about nonaggression pacts")
    assert "answers," in out.getvalue() and " ms" in out.getvalue()  # the time line
    repl.handle(":explain")
    assert "bm25 rank/score" in out.getvalue()
    # :open runs $EDITOR +LINE FILE at the quote
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\necho "$@" > {opened}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    repl.handle(":open 1")
    line, path = opened.read_text().split()
    c = repl.last.answers[0].citation
    assert path == str(repl.pipeline.root / c.path) and line == f"+{c.line}"
    text = Path(path).read_text(encoding="utf-8").splitlines()[c.line - 1]
    assert repl.last.answers[0].text.split("\n")[0] in text
    repl.handle(":save " + str(tmp_path / "answer.json"))
    repl.handle(":save " + str(tmp_path / "answer.md"))
    saved = json.loads((tmp_path / "answer.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(repl.last.to_json()))
    md = (tmp_path / "answer.md").read_text(encoding="utf-8")
    assert md.startswith("# what did Roy say about nonaggression pacts")
    assert "> " + repl.last.answers[0].text.split("\n")[0] in md
    assert err.getvalue() == ""
    repl.handle(":open 7")
    repl.handle(":save")
    assert len(err.getvalue().splitlines()) == 2


def test_tab_completion(repl_env) -> None:
    repl, _, _ = repl_env
    assert [c for c, _ in completions(repl, ":mo")] == [":mode"]
    assert [c for c, _ in completions(repl, ":mode h")] == ["hybrid"]
    assert "Ken E. Gause" in [c for c, _ in completions(repl, ":author ")]
    assert ("Gause", -2) in list(completions(repl, "what did Ga"))
    assert list(completions(repl, "what about Heil")) == []  # authors only, no titles


@pytest.mark.slow
def test_not_a_terminal_answers_each_line(bundled_index: Path) -> None:
    questions = (
        "what did Roy say about nonaggression pacts\n\n:top 1\nwhat is the capital of France\n"
    )
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "qa",
            "repl",
            "--json",
            "--index",
            str(bundled_index),
            "--no-history",
        ],
        input=questions,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["abstained"] for o in objs] == [False, True]
    assert objs[0]["interpretation"]["authors"] == ["Denny Roy"]
    assert "top: 1" in r.stderr


def expect(child: pexpect.spawn, pattern: str) -> None:
    """Wait for ``pattern``, answering the cursor-position requests a real terminal would."""
    while child.expect([pattern, r"\x1b\[6n"]) == 1:
        child.send("\x1b[1;1R")


@pytest.mark.slow
def test_in_a_real_terminal(bundled_index: Path, tmp_path: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "qa", "repl", "--index", str(bundled_index)],
        env={
            **{k: v for k, v in os.environ.items() if k not in ("PAGER", "LESS")},
            "QA_HISTORY": str(tmp_path / "history"),
            "TERM": "xterm",
        },
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=60,
    )
    try:
        expect(child, "qa>")
        expect(child, "hybrid/weighted · k 10 · top 3 · author any")  # the toolbar, at 80

        child.sendline("what did Roy say about nonaggression pacts")
        expect(child, "Heilbrunn Is Dead Wrong about Kim Jong-un")
        expect(child, "nonaggression")
        expect(child, "qa>")
        expect(child, "qa>")
        # with the paragraphs, the answer is taller than the screen: less shows it
        child.sendline(":context on")
        expect(child, "context: on")
        child.sendline("what did Roy say about nonaggression pacts")
        expect(child, "Context")
        expect(child, r"\r\n:\x1b\[K")  # less's prompt
        child.send("q")
        expect(child, "qa>")
        child.sendline(":show 1")
        expect(child, r"\[1\] Denny Roy")
        expect(child, "qa>")
        child.sendline(":mode bm25")
        expect(child, "mode: bm25")
        expect(child, "qa>")
        child.sendcontrol("d")
        expect(child, pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "nonaggression pacts" in (tmp_path / "history").read_text(encoding="utf-8")


@pytest.mark.slow
def test_ask_pages_only_on_a_terminal_and_only_when_asked(bundled_index: Path) -> None:
    args = ["-m", "qa", "ask", "what did Roy say about nonaggression pacts"]
    args += ["--index", str(bundled_index), "--context"]
    env = {**os.environ, "PAGER": "sed s/^/PAGED:/", "TERM": "xterm"}

    def screen(*extra: str) -> str:
        child = pexpect.spawn(
            sys.executable, args + list(extra), env=env, encoding="utf-8", dimensions=(20, 80)
        )
        child.expect(pexpect.EOF, timeout=120)
        child.close()
        assert child.exitstatus == 0
        return str(child.before)

    paged = screen().splitlines()
    assert all(line.startswith("PAGED:") for line in paged), paged
    assert any("Context" in line for line in paged)
    assert "PAGED" not in screen("--no-pager") and "Context" in screen("--no-pager")
    piped = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    assert "PAGED" not in piped.stdout and "Context" in piped.stdout
