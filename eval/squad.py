"""SQuAD v1.1 train as qa needs it: an article split, sentence labels and unanswerable questions.

Used by ``train_reranker.py`` (which trains on the ``train`` articles), ``fit_answer.py`` (which
fits the answer scorer and abstention threshold on the ``fit`` articles) and ``many.py`` (which
reports on the ``test`` articles, never trained or fitted on). The split is by article, so no
paragraph of a test article is ever seen in training.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# the evaluation and training scripts load Hugging Face libraries themselves: never download
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from qa.chunk import split_sentences

ROOT = Path(__file__).resolve().parent.parent
QA_DATA = ROOT.parent / "shared" / "qa-data"
SQUAD = QA_DATA / "squad-v1.1-train.json.gz"
SPLIT_SEED = 20261130
TEST_ARTICLES = 48
FIT_ARTICLES = 40


@dataclass
class Question:
    question: str
    answers: list[str]
    answer_start: int
    ambiguous: bool


@dataclass
class Paragraph:
    context: str
    questions: list[Question]
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def sentence_of(self, q: Question) -> int | None:
        """The index of the sentence that holds q's answer, or None when its place is unsure
        (the answer text occurs twice) or it crosses a sentence boundary."""
        if q.ambiguous:
            return None
        a, z = q.answer_start, q.answer_start + len(q.answers[0])
        for i, (s, e) in enumerate(self.sentences):
            if s <= a and z <= e:
                return i
        return None


@dataclass
class Article:
    title: str
    paragraphs: list[Paragraph]

    @property
    def name(self) -> str:
        return self.title.replace("_", " ")

    def text(self, skip: frozenset[int] = frozenset()) -> str:
        """The article as one document: its name as the headline, paragraphs apart."""
        kept = [p.context.strip() for i, p in enumerate(self.paragraphs) if i not in skip]
        return self.name + "\n\n" + "\n\n".join(kept) + "\n"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with gzip.open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(path: Path = SQUAD) -> list[Article]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)["data"]
    articles = []
    for a in data:
        paras = []
        for p in a["paragraphs"]:
            qs = [
                Question(
                    q["question"].strip(),
                    [x["text"] for x in q["answers"]],
                    q["answers"][0]["answer_start"],
                    any(x.get("answer_start_ambiguous") for x in q["answers"]),
                )
                for q in p["qas"]
            ]
            para = Paragraph(p["context"], qs)
            para.sentences = split_sentences(para.context, [(0, len(para.context))])
            paras.append(para)
        articles.append(Article(a["title"], paras))
    return articles


def split(articles: list[Article]) -> dict[str, list[Article]]:
    """``test`` (48 articles), ``fit`` (40) and ``train`` (the rest), by a seeded shuffle."""
    order = sorted(articles, key=lambda a: a.title)
    random.Random(SPLIT_SEED).shuffle(order)
    return {
        "test": order[:TEST_ARTICLES],
        "fit": order[TEST_ARTICLES : TEST_ARTICLES + FIT_ARTICLES],
        "train": order[TEST_ARTICLES + FIT_ARTICLES :],
    }


_YEAR = re.compile(r"\b1[0-9]{3}\b|\b20[0-9]{2}\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][a-z]+)*\b")
_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def alter(question: str, article: Article, paragraph: Paragraph, rng: random.Random) -> str | None:
    """``question`` with one year, month, number or name swapped for another of the same kind
    taken from elsewhere in the article and absent from ``paragraph``, so the paragraph that
    seems to answer it no longer does; None when nothing can be swapped."""
    elsewhere = " ".join(p.context for p in article.paragraphs if p is not paragraph)
    for kind in rng.sample([_YEAR, _MONTH, _NUMBER, _NAME], 4):
        found = [m for m in kind.finditer(question) if kind is not _NAME or m.start() > 0]
        if kind is _NAME:
            found = [m for m in found if m.group() not in {"What", "Which", "Who", "How"}]
        if not found:
            continue
        target = rng.choice(found)
        pool = sorted(
            {
                m.group()
                for m in kind.finditer(elsewhere)
                if m.group() not in paragraph.context and m.group() not in question
            }
        )
        if kind is _NAME:
            words = len(target.group().split())
            pool = [p for p in pool if len(p.split()) == words and len(p) > 3]
        if not pool:
            continue
        swap = rng.choice(pool)
        return question[: target.start()] + swap + question[target.end() :]
    return None


def normalise(text: str) -> str:
    """SQuAD's answer normalisation: lower case, no punctuation or articles, single spaces."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(re.sub(r"\b(?:a|an|the)\b", " ", text).split())


def holds_answer(text: str, answers: list[str]) -> bool:
    """Whether a gold answer lies in ``text`` as whole words, after SQuAD normalisation."""
    quoted = f" {normalise(text)} "
    return any(f" {a} " in quoted for a in map(normalise, answers) if a)
