"""Shared fixtures: real model, real FAISS, real BM25, on small corpora built in temp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import qa
from qa.indexer import bundled_corpus
from qa.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
BUNDLED = bundled_corpus()
Run = subprocess.CompletedProcess[str]


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One shared user cache folder for the session, never the real ~/.cache: the first index
    built (in this process or a `qa` child) exports the model, every later one links it."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus indexed once per test session (read-only for tests)."""
    index_dir = tmp_path_factory.mktemp("bundled") / "index"
    qa.build_index(BUNDLED, index_dir)
    return index_dir


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED, dest)
    return dest


def run_qa(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, **kw: object
) -> subprocess.CompletedProcess[str]:
    """Run the real `qa` command in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "qa", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        **kw,  # type: ignore[call-overload]
    )


@pytest.fixture(scope="session")
def pipeline(bundled_index: Path) -> Pipeline:
    """The bundled index opened for asking, shared by every test that only reads it."""
    return Pipeline.open(bundled_index)


def one_error_line(r: Run, *words: str) -> str:
    """The command failed with exactly one `qa:` line on stderr, holding ``words``."""
    assert r.returncode not in (0, None), r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: "), r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def copy_index(src: Path, dest: Path) -> Path:
    """A copy of a built index; the model files are hard links, never written by the tests."""

    def copy(a: str, b: str) -> None:
        if a.endswith(("model.onnx", "tokenizer.json")):
            os.link(a, b)
        else:
            shutil.copy2(a, b)

    shutil.copytree(src, dest, copy_function=copy, ignore=shutil.ignore_patterns(".lock"))
    return dest
