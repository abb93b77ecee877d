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

from qa.repl import COMMANDS, Repl, Settings, completions, interactive

CTRL_C, CTRL_D = "\x03", "\x04"


@pytest.fixture(scope="module")
def repl_env(bundled_index: Path) -> tuple[Repl, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Repl(bundled_index, Settings(), out=out, err=err, interactive=True), out, err


def reset(out: io.StringIO, err: io.StringIO) -> None:
    for s in (out, err):
        s.seek(0)
        s.truncate()


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
        ":json",
        "what is the role of China?",
        ":author off",
        ":json",
        ":sources",
        ":help",
        ":top zero",
        ":show 9",
        ":mode x",
    ):
        repl.handle(line)
    lines = out.getvalue().splitlines()
    obj = json.loads(next(line for line in lines if line.startswith("{")))
    assert obj["interpretation"]["authors"] == ["Ken E. Gause"]
    assert len(obj["answers"]) <= 1
    assert repl.settings.author is None and repl.settings.json is False
    assert repl.settings.top == 1 and repl.settings.k == 4
    text = out.getvalue()
    assert 'Denny Roy — "Heilbrunn Is Dead Wrong about Kim Jong-un"' in text  # :sources
    for c in COMMANDS:
        assert c in text  # :help lists every command
    errors = err.getvalue().splitlines()
    assert len(errors) == 3 and all(e.startswith("error: ") for e in errors)
    assert "toolbar" not in repl.toolbar() and "3 documents" in repl.toolbar()
    assert "mode hybrid" in repl.toolbar() and "k 4" in repl.toolbar()
    repl.settings = Settings()


def test_tab_completion(repl_env) -> None:
    repl, _, _ = repl_env
    assert [c for c, _ in completions(repl, ":mo")] == [":mode"]
    assert [c for c, _ in completions(repl, ":mode h")] == ["hybrid"]
    assert "Ken E. Gause" in [c for c, _ in completions(repl, ":author ")]
    assert ("Gause", -2) in list(completions(repl, "what did Ga"))
    assert "Heilbrunn Is Dead Wrong about Kim Jong-un" in [
        c for c, _ in completions(repl, "what about Heil")
    ]


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


def test_in_a_real_terminal(bundled_index: Path, tmp_path: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "qa", "repl", "--index", str(bundled_index)],
        env={**os.environ, "QA_HISTORY": str(tmp_path / "history"), "TERM": "xterm"},
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
    )
    try:
        expect(child, "qa>")
        expect(child, "chunks")  # the bottom toolbar
        child.sendline("what did Roy say about nonaggression pacts")
        expect(child, "Heilbrunn Is Dead Wrong about Kim Jong-un")
        expect(child, "nonaggression")
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
