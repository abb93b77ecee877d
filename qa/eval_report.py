"""Evaluation output: a side-by-side table, a Markdown report, JSON figures and a Recall@k plot."""

from __future__ import annotations

import json
from pathlib import Path

from qa.evaluation import ANSWER_METRICS, RETRIEVAL_METRICS, Report
from qa.render import safe

TIMING = ("seconds_median", "seconds_p95")

# Published anchors and peers measured on this kind of machine (../shared/design.md).
SCIFACT_REFERENCES = {
    "BM25 flat (Pyserini)": {"ndcg@10": 0.679},
    "all-MiniLM-L6-v2 dense (MTEB)": {"ndcg@10": 0.645},
    "BM25 + BGE-base RRF (Pyserini)": {"ndcg@10": 0.742},
    "Haystack 2.x hybrid (RRF)": {"ndcg@10": 0.692},
    "txtai 9.14 hybrid (exact search)": {"ndcg@10": 0.719},
    "bm25s + FAISS + RRF(60)": {"ndcg@10": 0.690},
}


def _metrics_in(reports: list[Report]) -> list[str]:
    names = [
        m
        for m in (*RETRIEVAL_METRICS, *ANSWER_METRICS, *TIMING)
        if all(m in r.metrics for r in reports)
    ]
    return names


def table(reports: list[Report]) -> str:
    """One row per metric, one column per mode."""
    names = _metrics_in(reports)
    width = max(len(r.mode) for r in reports) + 2
    lines = [f"{'metric':<22}" + "".join(f"{r.mode:>{max(width, 9)}}" for r in reports)]
    for m in names:
        lines.append(f"{m:<22}" + "".join(f"{r.metrics[m]:>{max(width, 9)}.3f}" for r in reports))
    return "\n".join(lines)


def failures(report: Report, limit: int | None = None) -> str:
    rows = report.failures[:limit] if limit else report.failures
    lines = []
    for f in rows:
        head = f"{f['id']} [{report.mode}, {f['kind']}] {f['why']}: {f['question']}"
        lines.append(safe(head))
        lines.append(f"    expected: {safe(f['expected'])}")
        lines.append(
            f"    got:      {safe(f['got']) or '(nothing)'}"
            + (f"  ({safe(f['got_doc'])})" if f.get("got_doc") else "")
        )
    return "\n".join(lines)


def markdown(reports: list[Report], title: str) -> str:
    names = _metrics_in(reports)
    out = [
        f"# {title}",
        "",
        "| metric | " + " | ".join(r.mode for r in reports) + " |",
        "| --- | " + " | ".join("---:" for _ in reports) + " |",
    ]
    for m in names:
        out.append(f"| {m} | " + " | ".join(f"{r.metrics[m]:.3f}" for r in reports) + " |")
    if "scifact" in reports[0].dataset.lower():
        out += [
            "",
            "Published anchors and peers (nDCG@10, SciFact test):",
            "",
            "| system | nDCG@10 |",
            "| --- | ---: |",
        ]
        out += [f"| {k} | {v['ndcg@10']:.3f} |" for k, v in SCIFACT_REFERENCES.items()]
    for r in reports:
        if r.failures:
            out += ["", f"## Failures ({r.mode}): {len(r.failures)}", ""]
            for f in r.failures:
                out.append(f"- **{f['id']}** ({f['kind']}, {f['why']}): {f['question']}  ")
                out.append(f"  expected: {f['expected']}  ")
                out.append(f"  got: {f['got'] or '(nothing)'}")
    return "\n".join(out) + "\n"


def plot(reports: list[Report], path: Path, title: str) -> None:
    """Recall@k against k, one line per mode."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for r in reports:
        ks = sorted(r.recall_curve)
        ax.plot(ks, [r.recall_curve[k] for k in ks], marker="o", markersize=3, label=r.mode)
    ax.set_xscale("log")
    ax.set_xticks(
        [1, 2, 3, 5, 10, 20, 30, 50, 100],
        labels=["1", "2", "3", "5", "10", "20", "30", "50", "100"],
    )
    ax.set_xlabel("k")
    ax.set_ylabel("Recall@k")
    ax.set_ylim(0, 1.02)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write(reports: list[Report], out: Path, title: str) -> list[Path]:
    """metrics.json, report.md and recall.png in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    data = [
        {
            **r.to_json(),
            "recall_curve": r.recall_curve,
            "failures": r.failures,
            "questions": r.questions,
        }
        for r in reports
    ]
    paths = [out / "metrics.json", out / "report.md", out / "recall.png"]
    paths[0].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths[1].write_text(markdown(reports, title), encoding="utf-8")
    plot(reports, paths[2], title)
    return paths
