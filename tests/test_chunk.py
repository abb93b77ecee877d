"""Chunking invariants: offsets always index the text, and chunks cover everything kept."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.chunk import ChunkParams, chunk_document, split_sentences
from qa.clean import kept_spans
from qa.types import Document

WORDS = st.sampled_from(
    [
        "Kim",
        "said",
        "the",
        "U.S.",
        "pact",
        "Dr.",
        "no.",
        "“quoted”",
        "é",
        "—",
        "3.5",
        "why?",
        "yes!",
        "{mosads}",
        "Image:",
        "Tags",
        "end.",
        "\u00a0",
        "a\tb",
        "Recommended:",
        "日本語。",
    ]
)
LINE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
TEXT = st.lists(LINE, min_size=0, max_size=30).flatmap(
    lambda lines: st.lists(
        st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]), min_size=len(lines), max_size=len(lines)
    ).map(lambda seps: "".join(line + sep for line, sep in zip(lines, seps, strict=True)))
)


def make_doc(text: str) -> Document:
    return Document("d", "corpus/d.txt", "t", None, text, "h", tuple(kept_spans(text)))


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(TEXT, st.text(max_size=400)),
    max_words=st.integers(1, 60),
    overlap=st.integers(0, 59),
)
def test_offsets_index_the_text_and_cover_what_was_kept(
    text: str, max_words: int, overlap: int
) -> None:
    params = ChunkParams(max_words=max_words, overlap_words=min(overlap, max_words - 1))
    doc = make_doc(text)
    chunks = chunk_document(doc, params)
    covered = set()
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert c.text and not c.text[0].isspace() and not c.text[-1].isspace()
        assert c.sentences[0][0] == c.start and c.sentences[-1][1] == c.end
        for a, b in c.sentences:
            assert c.start <= a < b <= c.end
            assert text[a:b].strip() == text[a:b]
        if len(c.sentences) > 1:
            assert len(c.text.split()) <= params.max_words
        covered.update(range(c.start, c.end))
    for a, b in doc.kept:
        for i in range(a, b):
            assert i in covered or text[i].isspace(), (i, text[a:b])
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_overlap_repeats_trailing_sentences() -> None:
    text = " ".join(f"Sentence number {i} has five words." for i in range(1, 21))
    chunks = chunk_document(make_doc(text), ChunkParams(max_words=30, overlap_words=12))
    assert len(chunks) > 3
    for prev, nxt in itertools.pairwise(chunks):
        shared = set(prev.sentences) & set(nxt.sentences)
        assert len(shared) == 2  # two 6-word sentences fit in 12 words of overlap
        assert nxt.start < prev.end


def test_sentences_ignore_soft_line_breaks() -> None:
    text = "This sentence is wrapped\nacross two lines. And a second one."
    got = [text[a:b] for a, b in split_sentences(text, [(0, len(text))])]
    assert got == ["This sentence is wrapped\nacross two lines.", "And a second one."]


@pytest.mark.parametrize("max_words,overlap", [(0, 0), (10, 10), (10, -1)])
def test_bad_chunk_params_are_refused(max_words: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        ChunkParams(max_words=max_words, overlap_words=overlap)
