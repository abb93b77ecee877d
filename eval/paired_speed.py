"""Speed of two versions of qa timed in turn on the same indexes, so the machine's drift cancels.

    git worktree add /tmp/before 544b1fc
    .venv/bin/python eval/paired_speed.py /tmp/before [--rounds 3]

Single runs of `eval/benchmark.py` on this machine vary by a fifth or more, so a before/after
comparison from two runs can mislead. Here each round times the other checkout, then this one:
one-shot `qa ask --json` (median of 5 wall times) and per-question p50 in one process (40
questions), on the bundled index and SciFact's (both built by `eval/benchmark.py`). Prints the
median over rounds of each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IN_PROCESS = """
import json, statistics, sys, time
from qa.pipeline import Pipeline
p = Pipeline.open(sys.argv[1])
questions = json.loads(sys.argv[2])
p.ask(questions[0])
lat = []
for q in questions:
    t = time.perf_counter(); p.ask(q); lat.append(time.perf_counter() - t)
print(statistics.median(lat) * 1000)
"""


def one_shot(root: Path, index: Path, question: str) -> float:
    walls = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "qa", "ask", question, "--index", str(index), "--json"],
            cwd=root,
            capture_output=True,
            check=True,
        )
        walls.append(time.perf_counter() - t)
    return statistics.median(walls)


def p50_ms(root: Path, index: Path, questions: list[str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(index), json.dumps(questions)],
        cwd=root,  # the checkout's own qa comes first on sys.path
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path, help="a checkout of the older commit")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/benchmarks/scifact")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    gold = (ROOT / "eval" / "bundled.jsonl").read_text(encoding="utf-8").splitlines()
    queries = (args.scifact / "queries.jsonl").read_text(encoding="utf-8").splitlines()
    sets = {
        "bundled": (ROOT / "index" / "bundled", [json.loads(x)["question"] for x in gold][:40]),
        "SciFact": (ROOT / "index" / "beir-scifact", [json.loads(x)["text"] for x in queries][:40]),
    }
    sys.path.insert(0, str(ROOT))
    from qa.indexer import bundled_corpus

    for corpus, (index, _) in zip((bundled_corpus(), args.scifact), sets.values(), strict=True):
        # builds it when missing, else checks it is up to date
        subprocess.run(
            [sys.executable, "-m", "qa", "index", str(corpus), "--index", str(index)],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
    versions = {"before": args.before.resolve(), "after": ROOT}
    figures: dict[str, dict[str, list[float]]] = {v: {} for v in versions}
    for n in range(args.rounds):
        for version, root in versions.items():
            for name, (index, questions) in sets.items():
                f = figures[version]
                f.setdefault(f"{name} one-shot s", []).append(one_shot(root, index, questions[0]))
                f.setdefault(f"{name} p50 ms", []).append(p50_ms(root, index, questions))
        print(f"round {n + 1} of {args.rounds}", file=sys.stderr, flush=True)
    keys = list(figures["after"])
    print("| version | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for version, root in versions.items():
        cells = [f"{statistics.median(figures[version][k]):.3g}" for k in keys]
        print(f"| {version} ({root}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
