"""Two or more exported rerankers on the same held-out sets, so their figures compare.

    .venv/bin/python eval/compare_rerankers.py qa/models/reranker eval/.work/reranker-s18/out

``train_reranker.py`` reports a model's held-out figures on a set drawn with its own
``--seed``, so two models trained with different seeds are not measured on the same
questions. This draws the in-paragraph sets of seeds 13, 14 and 15 (500 questions each from the
``fit`` articles, never trained on) and TrecQA dev, and prints each folder's precision@1 and
MRR on every one (int8 figures depend a little on the CPU: compare on one machine). Each model
reads the context its card records (since session 20; before, every model read the 40 words
before a sentence, whatever it was trained with).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import squad
import train_reranker

from qa.rerank import Reranker

SEEDS = (13, 14, 15)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="folders with model.onnx and its card")
    args = ap.parse_args()
    fit = squad.split(squad.load())["fit"]
    trec = train_reranker.trec_sets(squad.QA_DATA / "trecqa" / "dev.csv")
    print("| model | " + " | ".join(f"P@1 seed {s}" for s in SEEDS) + " | mean | TrecQA dev MRR |")
    print("|---|" + "---:|" * (len(SEEDS) + 2))
    for folder in args.folders:
        reranker = Reranker(folder)
        # each model reads the context its card says it was trained with
        train_reranker.CONTEXT, train_reranker.AFTER = reranker.context_words, reranker.after_words
        sets = {seed: train_reranker.in_paragraph_sets(fit, 500, seed) for seed in SEEDS}
        # TrecQA dev once, with the first draw
        figures = [
            train_reranker.held_out(reranker.logits, sets[s], trec if s == SEEDS[0] else [])
            for s in SEEDS
        ]
        p1 = [f["paragraph_p@1"] for f in figures]
        cells = [f"{p:.3f}" for p in p1] + [f"{sum(p1) / len(p1):.3f}"]
        print(f"| {folder} | " + " | ".join(cells) + f" | {figures[0]['trecqa_dev_mrr']:.3f} |")


if __name__ == "__main__":
    main()
