"""Reading a question: which of the index's authors it names, and the topic left to score.

Only the authors of indexed documents can become a filter. People a document merely mentions
(Heilbrunn, Bolton, Kissinger) are ordinary words of the topic and are found by content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa.clean import BIDI_CONTROLS, replace_surrogates
from qa.lexical import content_words
from qa.types import DocumentEntry, Interpretation, QAError

MAX_QUESTION_CHARS = 2000
_MARK = "\x00"
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clearing
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same as one C1 character
    # OSC (window titles, links), DCS, PM and APC strings, up to their terminator
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"  # any other escape
)
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_POSSESSIVE = r"(?:'s|’s|s'|s’|'|’)?"
_VERBS = (
    r"say|said|says|think|thinks|thought|write|wrote|writes|argue|argues|argued|believe|believes|"
    r"claim|claims|claimed|suggest|suggests|suggested|propose|proposes|proposed|mean|see|view|feel|"
    r"make of|conclude|concludes|recommend|recommends|predict|predicts|worry|worries|warn|warns|"
    r"expect|expects|want|wants|have to say|tell us|describe|describes|explain|explains"
)
_FRAMES = [
    # "(what is) Gause's view on X"
    rf"^\s*(?:(?:what|how)\s+(?:is|was|are|were)\s+|what's\s+)?{_MARK}\s*(?:view|views|opinion|"
    r"opinions|take|position|argument|stance|thoughts|assessment|analysis|point|case)\s+"
    r"(?:on|about|of|regarding|for|against)\s*",
    # "what did Roy say about X", "how does Gause see X"
    rf"^\s*(?:so\s+)?(?:what|how)\s+(?:did|does|do|has|have|had|would|will|is|was)\s+{_MARK}"
    rf"(?:\s+(?:{_VERBS}))?(?:\s+(?:about|of|on|regarding|concerning|in|that))?\s*",
    # "according to Bandow, X"
    rf"^\s*(?:according\s+to|in\s+the\s+(?:view|opinion)\s+of|per)\s+{_MARK}\s*,?\s*",
    # "does Roy think that X", "Roy says X"
    rf"\b(?:does|did|do|would)\s+{_MARK}\s+(?:{_VERBS})\s+(?:that\s+|about\s+)?",
    rf"{_MARK}\s+(?:{_VERBS})\s+(?:that\s+|about\s+)?",
    # "in Roy's article", "by Bandow"
    rf"\b(?:in|by|from)\s+{_MARK}\s*(?:article|op-ed|piece|essay|column|view)?\s*",
]
_SEVERAL = re.compile(rf"{_MARK}(?:\s*(?:,|and|or|&)\s*{_MARK})+", re.IGNORECASE)
_FRAME_RES = [re.compile(f, re.IGNORECASE) for f in _FRAMES]
_ROLE = r"\s+(?:fellow|scholar|analyst|expert|writer|author|researcher|man|guy|person)"
_GENERIC_ORG_WORDS = {
    "the",
    "center",
    "centre",
    "institute",
    "foundation",
    "university",
    "program",
    "council",
    "school",
    "college",
    "department",
}


def normalise(question: str) -> str:
    """The question as qa reads it: terminal escape sequences removed, other control characters
    and runs of whitespace made single spaces, undecodable bytes made U+FFFD.

    Escapes are removed whole, so "\\x1b[31mpact" still reads "pact".
    """
    text = _CONTROL.sub(" ", _ESCAPE.sub("", replace_surrogates(question)))
    return " ".join(text.split())


def read_question(question: str) -> str:
    """The normalised question, or one clear error when there is nothing to search for.

    A question that is too long is refused, not cut: a cut question would be answered as if it
    were the whole one.
    """
    text = normalise(question)
    if not text:
        raise QAError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QAError(
            f"the question is {len(text):,} characters long; the most qa reads is "
            f"{MAX_QUESTION_CHARS:,}"
        )
    if not content_words(text):
        raise QAError("the question has nothing to search for (only stop words or punctuation)")
    return text


@dataclass(frozen=True)
class Author:
    """An author of indexed documents and the ways a question may refer to them."""

    name: str
    doc_ids: frozenset[str]
    pattern: re.Pattern[str]


def _aliases(name: str) -> list[str]:
    parts = [p for p in name.split() if p.lower().rstrip(".") not in {"jr", "sr", "ii", "iii"}]
    aliases = {name, " ".join(parts), parts[-1]}
    if len(parts) > 2:
        aliases.add(f"{parts[0]} {parts[-1]}")
    return sorted(aliases, key=len, reverse=True)


def catalog(documents: Iterable[DocumentEntry]) -> list[Author]:
    """Every author in the index with a pattern matching their name or affiliation."""
    docs_by_author: dict[str, set[str]] = {}
    affiliations: dict[str, set[str]] = {}
    for d in documents:
        if d.author:
            docs_by_author.setdefault(d.author, set()).add(d.doc_id)
            affiliations.setdefault(d.author, set()).update(d.affiliations)
    authors = []
    for name, ids in sorted(docs_by_author.items()):
        names = "|".join(re.escape(a) for a in _aliases(name))
        alternatives = [rf"(?<![\w-])(?:{names}){_POSSESSIVE}(?![\w-])"]
        for org in sorted(affiliations[name]):
            words = [w for w in org.split() if w.lower() not in _GENERIC_ORG_WORDS]
            if words:
                # "the Cato fellow", "the East-West Center analyst": the organisation alone
                # ("where is the East-West Center?") is a topic, not the author
                alternatives.append(
                    rf"(?<![\w-])(?:the\s+)?{re.escape(words[0])}(?:\s+\w+)?{_ROLE}{_POSSESSIVE}"
                    r"(?![\w-])"
                )
        authors.append(Author(name, frozenset(ids), re.compile("|".join(alternatives), re.I)))
    return authors


def resolve_author(name: str, authors: list[Author]) -> Author:
    """The author an explicit ``--author`` names (full name, surname, any case)."""
    for a in authors:
        m = a.pattern.fullmatch(name.strip())
        if m:
            return a
    matches = [a for a in authors if name.strip().lower() in a.name.lower()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(a.name for a in authors) or "none"
    raise QAError(f"no author in this index matches {name!r} (authors: {known})")


def interpret(question: str, authors: list[Author], author: str | None = None) -> Interpretation:
    """Find author filters in ``question`` (``author`` wins) and the topic text to score."""
    marked = question
    found: list[str] = []
    for a in authors:
        marked, n = a.pattern.subn(_MARK, marked)
        if n:
            found.append(a.name)
    if _MARK in marked:
        marked = _SEVERAL.sub(_MARK, marked)
        for frame in _FRAME_RES:
            marked = frame.sub(" ", marked)
        topic = " ".join(marked.replace(_MARK, " ").split()).strip(" ,;:.?!")
    else:
        topic = " ".join(question.split())
    if not topic:
        topic = " ".join(question.split())
    if author is not None:
        return Interpretation((resolve_author(author, authors).name,), topic, "option")
    return Interpretation(tuple(found), topic, "question" if found else None)
