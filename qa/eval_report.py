"""Evaluation output: side-by-side tables (overall and per question kind), a Markdown report
that says when, on what and with which settings it was run, JSON figures, and plots of Recall@k
and of the answer metrics per mode and per kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


KIND_METRICS = ("hit@1", "hit@3", "attribution", "abstained")


def kinds_table(reports: list[Report]) -> str:
    """hit@1 per question kind and mode (the share refused, for kinds with no answer)."""
    kinds = sorted({k for r in reports for k in r.by_kind})
    if not kinds:
        return ""
    width = max(max(len(r.mode) for r in reports) + 2, 9)
    wk = max(22, max(len(k) for k in kinds) + 2)
    lines = [f"{'kind (questions)':<{wk}}" + "".join(f"{r.mode:>{width}}" for r in reports)]
    for k in kinds:
        row = reports[0].by_kind[k]
        label = f"{k} ({row['questions']:.0f})"
        cells = []
        for r in reports:
            figures = r.by_kind.get(k, {})
            value = figures.get("hit@1", figures.get("abstained", float("nan")))
            cells.append(f"{value:>{width}.3f}")
        lines.append(safe(f"{label:<{wk}}") + "".join(cells))
    lines.append("(hit@1; for kinds without answers, the share abstained)")
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


def markdown(reports: list[Report], title: str, about: dict[str, Any] | None = None) -> str:
    names = _metrics_in(reports)
    out = [f"# {title}", ""]
    for key, value in (about or {}).items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        out.append(f"- {key}: {shown}")
    out += [
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
    kinds = sorted({k for r in reports for k in r.by_kind})
    if kinds:
        out += ["", "By question kind (hit@1 / hit@3 / attribution / abstained):", ""]
        out += ["| kind | questions | " + " | ".join(r.mode for r in reports) + " |"]
        out += ["| --- | ---: | " + " | ".join("---" for _ in reports) + " |"]
        for k in kinds:
            cells = []
            for r in reports:
                row = r.by_kind.get(k, {})
                cells.append(" / ".join(f"{row[m]:.2f}" if m in row else "–" for m in KIND_METRICS))
            n = reports[0].by_kind[k]["questions"]
            out.append(f"| {k} | {n:.0f} | " + " | ".join(cells) + " |")
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


def plot_answers(reports: list[Report], path: Path, title: str) -> None:
    """Bars of the answer metrics per mode, and of hit@1 (or the share abstained) per kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    overall = ["hit@1", "hit@3", "attribution", "abstention_recall"]
    kinds = sorted({k for r in reports for k in r.by_kind})
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), dpi=120, width_ratios=[1, 2])
    width = 0.8 / len(reports)
    for i, r in enumerate(reports):
        x = np.arange(len(overall)) + i * width
        axes[0].bar(x, [r.metrics.get(m, 0.0) for m in overall], width, label=r.mode)
        row = [r.by_kind.get(k, {}) for k in kinds]
        values = [f.get("hit@1", f.get("abstained", 0.0)) for f in row]
        axes[1].bar(np.arange(len(kinds)) + i * width, values, width, label=r.mode)
    labels = [m.replace("_", "\n") for m in overall]
    axes[0].set_xticks(np.arange(len(overall)) + 0.4 - width / 2, labels=labels)
    axes[0].set_title("answers")
    axes[1].set_xticks(
        np.arange(len(kinds)) + 0.4 - width / 2, labels=kinds, rotation=30, ha="right"
    )
    axes[1].set_title("hit@1 per question kind (abstained, for unanswerable kinds)")
    for ax in axes:
        ax.set_ylim(0, 1.02)
        ax.grid(True, axis="y", alpha=0.3)
    axes[0].legend(loc="lower left")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write(
    reports: list[Report], out: Path, title: str, about: dict[str, Any] | None = None
) -> list[Path]:
    """metrics.json, report.md and recall.png in ``out``, and answers.png for a gold set;
    ``about`` (date, index, settings) heads the report and the JSON."""
    out.mkdir(parents=True, exist_ok=True)
    runs = [
        {**r.to_json(), "recall_curve": r.recall_curve, "questions": r.questions} for r in reports
    ]
    paths = [out / "metrics.json", out / "report.md", out / "recall.png"]
    data = {**(about or {}), "runs": runs}
    paths[0].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths[1].write_text(markdown(reports, title, about), encoding="utf-8")
    plot(reports, paths[2], title)
    if any(r.by_kind for r in reports):
        paths.append(out / "answers.png")
        plot_answers(reports, paths[3], title)
    return paths
