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

REPO = Path(__file__).resolve().parent.parent
BUNDLED = bundled_corpus()


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
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    """Run the real `qa` command in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "qa", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        **kw,  # type: ignore[call-overload]
    )
