"""The engine under the CLI and the REPL: question -> interpretation -> hits -> answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from qa.answer import Answerer, AnswerParams
from qa.embed import ONNX_FILE, ModelInfo, OnnxEmbedder, resolve_model
from qa.question import Author, catalog, interpret, read_question
from qa.retrieve import RetrievalParams, Retriever
from qa.store import Index
from qa.types import Document, Hit, Interpretation, QAError, Result, Span


class Pipeline:
    """An opened index plus the model that reads questions; load once, ask many times."""

    def __init__(
        self, index: Index, model: str | None = None, answer_params: AnswerParams | None = None
    ) -> None:
        self.index = index
        self.answer_params = answer_params or AnswerParams()
        if not (index.generation / ONNX_FILE).is_file():
            raise QAError(f"the index at {index.dir} has no ONNX model; run `qa index`")
        built = index.manifest["model"]
        # the index carries the model its vectors came from; another is checked against it
        info = ModelInfo(built["name"], built.get("path", ""), built["weights_sha256"])
        if model is not None:
            info = resolve_model(model)
            index.check_model(info.weights_sha256, info.name)
        self.embedder = OnnxEmbedder(info, index.generation)
        self._vectors: dict[str, np.ndarray] = {}
        self._sentence_vectors: dict[tuple[str, Span], np.ndarray] = {}

    @classmethod
    def open(
        cls, path: str | Path, model: str | None = None, answer_params: AnswerParams | None = None
    ) -> Pipeline:
        return cls(Index.open(Path(path)), model, answer_params)

    @property
    def documents(self) -> Mapping[str, Document]:
        return self.index.by_id

    @cached_property
    def authors(self) -> list[Author]:
        return catalog(self.index.entries)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.index, self.embed)

    @cached_property
    def answerer(self) -> Answerer:
        return Answerer(
            self.documents,
            self.index.lexical,
            self.sentence_vectors,
            self.sentences,
            self.answer_params,
        )

    @cached_property
    def sentences(self) -> Mapping[str, list[Span]]:
        """Each document's sentences in order, so an answer can reach past its chunk's edge."""
        return self.index.sentences_by_id

    def embed(self, text: str) -> np.ndarray:
        """The query vector, cached: retrieval and answer scoring both need it."""
        if text not in self._vectors:
            if len(self._vectors) > 10_000:
                self._vectors.clear()
            vector = self.embedder.encode([text])[0]
            if vector.shape[0] != self.index.manifest["model"]["dim"]:
                raise self.index.damaged(
                    ONNX_FILE,
                    f"it gives vectors of dimension {vector.shape[0]}, the index holds "
                    f"{self.index.manifest['model']['dim']}",
                )
            self._vectors[text] = vector
        return self._vectors[text]

    def sentence_vectors(self, doc_id: str, spans: Sequence[Span]) -> np.ndarray:
        """Vectors of a document's sentences, each embedded once per session."""
        text = self.documents[doc_id].text
        todo = [s for s in spans if (doc_id, s) not in self._sentence_vectors]
        if todo:
            fresh = self.embedder.encode([text[a:b] for a, b in todo])
            for span, v in zip(todo, fresh, strict=True):
                self._sentence_vectors[(doc_id, span)] = v
        return np.stack([self._sentence_vectors[(doc_id, s)] for s in spans])

    def remember(self, text: str, vector: np.ndarray) -> None:
        """Cache a query vector computed elsewhere (evaluation embeds all queries in one batch)."""
        self._vectors[text] = vector

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    def read(
        self, question: str, params: RetrievalParams, author: str | None = None
    ) -> tuple[Interpretation, list[Hit]]:
        """How ``question`` (already read by ``read_question``) is interpreted, and the chunks
        retrieved for its topic from the documents it names, if any."""
        reading = interpret(question, self.authors, author)
        doc_ids = None
        if reading.authors:
            doc_ids = {d for a in self.authors if a.name in reading.authors for d in a.doc_ids}
        return reading, self.retriever.search(reading.topic, params, doc_ids)

    def ask(
        self,
        question: str,
        top: int = 3,
        author: str | None = None,
        params: RetrievalParams | None = None,
    ) -> Result:
        """Answer ``question`` with up to ``top`` verbatim, cited quotes, or abstain."""
        question = read_question(question)
        if top < 1:
            raise QAError("--top must be at least 1")
        params = params or RetrievalParams()
        reading, hits = self.read(question, params, author)
        answers, weak = self.answerer.answer(reading.topic, self.embed(reading.topic), hits, top)
        return Result(
            question=question,
            abstained=weak,
            interpretation=reading,
            answers=() if weak else tuple(answers),
            closest=tuple(answers) if weak else (),
            hits=tuple(hits),
            mode=params.mode,
        )
