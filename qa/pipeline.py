"""The engine under the CLI and the REPL: question -> interpretation -> hits -> answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import numpy as np

from qa.answer import Answerer, AnswerParams, asks_proposal, overlap
from qa.embed import ONNX_FILE, ModelInfo, OnnxEmbedder, resolve_model
from qa.question import Author, asks_who_does, catalog, interpret, read_question
from qa.retrieve import LocalBackend, RetrievalParams, Retriever
from qa.store import Index
from qa.types import Answer, Document, Hit, Interpretation, QAError, Result, Span


class Pipeline:
    """An opened index plus the model that reads questions; load once, ask many times."""

    def __init__(
        self, index: Index, model: str | None = None, answer_params: AnswerParams | None = None
    ) -> None:
        self.index = index
        self.answer_params = answer_params or AnswerParams()
        if not (index.generation / ONNX_FILE).is_file():
            raise QAError(f"the index at {index.dir} has no ONNX model; run `qa index`")
        built = index.manifest.model
        # the index carries the model its vectors came from; another is checked against it
        info = ModelInfo(built.name, built.path or "", built.weights_sha256)
        if model is not None:
            info = resolve_model(model)
            index.check_model(info.weights_sha256, info.name)
        self.embedder = OnnxEmbedder(info, index.generation)
        index.load_all()
        self.embedder.load()
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

    @property
    def root(self) -> Path:
        """The folder holding the corpus folder: citation paths are relative to it."""
        return Path(self.index.manifest.corpus).parent

    @cached_property
    def authors(self) -> list[Author]:
        return catalog(self.index.entries)

    @cached_property
    def retriever(self) -> Retriever:
        """Over the backend the index was built for: its own files, or Milvus."""
        milvus = self.index.manifest.milvus
        if milvus is None:
            return Retriever(LocalBackend(self.index), self.embed)
        from qa.milvus import MilvusBackend

        return Retriever(MilvusBackend(self.index, milvus.uri, milvus.collection), self.embed)

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
            if vector.shape[0] != self.index.manifest.model.dim:
                raise self.index.damaged(
                    ONNX_FILE,
                    f"it gives vectors of dimension {vector.shape[0]}, the index holds "
                    f"{self.index.manifest.model.dim}",
                )
            self._vectors[text] = vector
        return self._vectors[text]

    def sentence_vectors(self, keys: Sequence[tuple[str, Span]]) -> np.ndarray:
        """Vectors of (doc_id, sentence span) pairs: read from the index, which stores one per
        sentence; a sentence it lacks is embedded, once per session."""
        stored = self.index.sentence_vectors
        found: dict[tuple[str, Span], np.ndarray] = {}
        todo: dict[str, list[Span]] = {}
        for doc_id, span in dict.fromkeys(keys):
            row = None if stored is None else self.index.sentence_rows_by_id[doc_id].get(span)
            if row is not None and stored is not None:
                found[(doc_id, span)] = stored[row].astype(np.float32)
            elif (doc_id, span) in self._sentence_vectors:
                found[(doc_id, span)] = self._sentence_vectors[(doc_id, span)]
            else:
                todo.setdefault(doc_id, []).append(span)
        for doc_id, spans in todo.items():
            text = self.documents[doc_id].text
            fresh = self.embedder.encode([text[a:b] for a, b in spans])
            for span, v in zip(spans, fresh, strict=True):
                found[(doc_id, span)] = self._sentence_vectors[(doc_id, span)] = v
        return np.stack([found[k] for k in keys])

    def remember(self, text: str, vector: np.ndarray) -> None:
        """Cache a query vector computed elsewhere (evaluation embeds all queries in one batch)."""
        self._vectors[text] = vector

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    def read(
        self, question: str, params: RetrievalParams, author: str | None = None
    ) -> tuple[Interpretation, list[Hit]]:
        """How ``question`` (already read by ``read_question``) is interpreted, and the chunks
        retrieved for its topic from the documents of its speakers, if any (for "who is X",
        the whole question from X's documents)."""
        reading = interpret(question, self.authors, author, self.index.lexical.knows)
        absent = tuple(name for name in reading.others if not self.index.lexical.knows(name))
        if absent:
            reading = replace(reading, absent=absent)
        if reading.bio_of:
            return reading, self.search(question, params, reading.bio_of)
        return reading, self.search(reading.topic, params, reading.authors)

    def names_affiliation(self, question: str) -> bool:
        """True when the question names an organisation a byline places an author at ("where
        is the East-West Center"): then a bio line may hold the answer."""
        folded = question.casefold()
        return any(org in folded for org in self.affiliations)

    @cached_property
    def affiliations(self) -> frozenset[str]:
        return frozenset(org.casefold() for e in self.index.entries for org in e.affiliations)

    def search(self, topic: str, params: RetrievalParams, speakers: Sequence[str]) -> list[Hit]:
        """Chunks for ``topic`` from the documents of ``speakers`` (every document if none)."""
        doc_ids = None
        if speakers:
            doc_ids = {d for a in self.authors if a.name in speakers for d in a.doc_ids}
        return self.retriever.search(topic, params, doc_ids)

    def ask(
        self,
        question: str,
        top: int = 3,
        author: str | None = None,
        params: RetrievalParams | None = None,
    ) -> Result:
        """Answer ``question`` with up to ``top`` verbatim, cited quotes, or abstain.

        A question with several speakers ("what do Roy and Gause say about China") is answered
        speaker by speaker: the best quote of each speaker who clears the threshold comes first.
        """
        question = read_question(question)
        if top < 1:
            raise QAError("--top must be at least 1")
        params = params or RetrievalParams()
        reading, hits = self.read(question, params, author)
        vector = self.embed(reading.topic)
        bios = (
            bool(reading.bio_of)
            or (reading.asks not in ("view", "person") and self.names_affiliation(question))
            or (reading.asks == "person" and asks_who_does(question))
        )
        proposal = (bool(reading.authors) or reading.asks == "person") and asks_proposal(question)
        # "who argues X" over opinion pieces is answered by the writer who argues it, so a
        # sentence reporting someone else's view ("Doe has called for X") counts less, as for a
        # speaker's own view; over an encyclopedia that sentence is the answer
        own_view = bool(reading.authors) or (reading.asks == "person" and bool(self.authors))
        answers, weak = self.answerer.answer(
            reading.topic,
            vector,
            hits,
            top,
            reading.bio_of,
            own_view,
            bios,
            reading.mentions,
            proposal,
        )
        if weak and reading.bio_of:
            elsewhere = self._described_elsewhere(reading, vector, params, top)
            if elsewhere:
                answers, weak = elsewhere, False
        weak = weak or bool(reading.absent)  # no document names whose view is asked
        if len(reading.authors) > 1 and answers:
            answers, weak = self._by_speaker(reading, vector, params, answers, top, proposal)
        answers = [self.voiced(a, reading.asks == "person") for a in answers]
        return Result(
            question=question,
            abstained=weak,
            interpretation=reading,
            answers=() if weak else tuple(answers),
            closest=tuple(answers) if weak else (),
            hits=tuple(hits),
            mode=params.mode,
        )

    @cached_property
    def voices(self) -> dict[str, str]:
        """The subject of each interview credited to its interviewer, by document."""
        return {e.doc_id: e.voices[0] for e in self.index.entries if e.voices}

    def voiced(self, a: Answer, who: bool = False) -> Answer:
        """The answer with the person whose words it quotes: an interview's subject when it
        lies in her answers (whoever the interview is credited to), or, when the question
        asks who holds a view (``who``), the document's author."""
        voice = self.voices.get(a.citation.doc_id)
        if voice and self.answerer.answered(a.citation.doc_id, a.citation.start):
            return replace(a, person=voice)
        return replace(a, person=a.citation.author) if who else a

    def _described_elsewhere(
        self,
        reading: Interpretation,
        vector: np.ndarray,
        params: RetrievalParams,
        top: int,
    ) -> list[Answer]:
        """For "who is X" that X's own documents do not answer: sentences of anyone else's
        that say who X is in passing ("Jane Doe, the team's president, said…"), which answer
        whatever their score, as X's own bio line does."""
        own = {d for a in self.authors if a.name in reading.bio_of for d in a.doc_ids}
        hits = [
            h
            for h in self.search(" ".join(reading.bio_of), params, [])
            if h.chunk.doc_id not in own
        ]
        found, _ = self.answerer.answer(
            reading.topic, vector, hits, top, reading.bio_of, bio_only=True
        )
        return found

    def _by_speaker(
        self,
        reading: Interpretation,
        vector: np.ndarray,
        params: RetrievalParams,
        pooled: list[Answer],
        top: int,
        proposal: bool = False,
    ) -> tuple[list[Answer], bool]:
        """The best answer of each speaker that clears the threshold, then the pooled rest."""
        firsts = []
        for speaker in reading.authors:
            hits = self.search(reading.topic, params, [speaker])
            found, weak = self.answerer.answer(
                reading.topic,
                vector,
                hits,
                1,
                own_view=True,
                # the other speakers are spoken about: a sentence naming one is quoted with
                # this speaker's reply
                mentions=(*reading.mentions, *(a for a in reading.authors if a != speaker)),
                proposal=proposal,
            )
            if found and not weak:
                firsts.append(found[0])
        if not firsts:
            return pooled, True
        firsts.sort(key=lambda a: -a.score)
        rest = [a for a in pooled if not any(overlap(a.citation, b.citation) for b in firsts)]
        threshold = self.answerer.params.threshold
        return (firsts + [a for a in rest if a.score >= threshold])[: max(top, len(firsts))], False
