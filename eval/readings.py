"""Batteries of question and credit forms: how many qa reads as meant, with no gold set needed.

    .venv/bin/python eval/readings.py            # about a minute; prints one table

Questions are made from templates over the authors of the eleven development corpora
(``eval/train-opinion/t1``..``t14``), each as written and in lower case, and read with
``qa.question.interpret`` exactly as the pipeline reads them (credits from each piece, a word
"known" when some document of that corpus holds it). A question counts as read right when:

- views: its speaker is the author named ("what's Doe saying about the bridge", "compare Doe and
  Roe on the bridge": both);
- who is X: it asks for X's bio ("who does Doe work for");
- which writer: it asks for a person ("who is opposed to the bridge");
- X about Y: X speaks and Y is mentioned ("is Doe persuaded by Roe");
- names: the author is the speaker when named by first name, half a double-barrelled surname, a
  possessive without its apostrophe, or a one-letter slip ("what does Lindquist think…").

Outside forms: 160 questions a helper who had read nothing of qa wrote in session 18 for eight
one-paragraph pieces (``eval/outside-forms/``, bylines written here), each with its kind and
the speakers and mentions meant (``eval/outside-forms.jsonl``); read right as above, a bio
question when it asks for the bio of the person meant, a "which writer" one when it asks for a
person, a plain question when it names no speaker. Its misses were read and fixed where they
showed a general gap, so it is a development battery since. Its 25 questions of fact about a
writer ("when did Haddad retire") are left out: qa searches that writer's own pieces for them.

A second set (session 19): 100 questions another helper wrote for eight writers known to it only
by name and role (``eval/outside-forms2/``, eight short pieces written here; ``.jsonl``),
scored the same way; read and fixed where general, so a development battery too. A third
(session 20, ``eval/outside-forms3/``) and a fourth (session 21, ``eval/outside-forms4/``: 120
questions on eight pieces the helper wrote and credited itself) and a fifth (session 22,
``eval/outside-forms5/``, the same way), a sixth and a seventh (session 23,
``eval/outside-forms6/``: an airport runway; ``eval/outside-forms7/``: a national shorter
working week, with a minister, a senator and a think-tank fellow), an eighth (session 24) and a
ninth and a tenth (session 25, ``eval/outside-forms9/``: a market square closed to traffic;
``eval/outside-forms10/``: a maternity unit, with an interview) and an eleventh (session 26,
``eval/outside-forms11/``: a car park to be replaced by a bus interchange) were each measured
unseen, then read the same way. A
battery's writer may name an editorial's author by its paper ("The Ashcombe Gazette"): that
is its editorial board (``same_one``).

Outside credits: 40 short pieces a third helper wrote in session 18 with as many real-world
credit styles as it could (email forwards, council briefings, letters, JSON-LD, front matter
lists, post-nominals, four with no author), each with the author and headline a careful reader
would give (``eval/outside-credits.jsonl``): read right when qa's author is the same person
(or people), or none when none is meant. A development battery too: its misses were read.
A fourth helper wrote 40 more in session 19 (``eval/outside-credits2/``, ``.jsonl``: parish
magazines, union bulletins, consultation forms, emails with their headers, sermons, podcast
pages, forum posts…); qa read 8 of them at first; its misses were read too. A fifth wrote 40
more in session 21 (``eval/outside-credits3/``: newsletters, LinkedIn posts, parish and school
bulletins, a committee's transcript, guest posts, mastheads); read unseen, 28 at the session's
start and 29 with its code before they were read; its misses were read too. A sixth wrote 40
more late in session 21 (``eval/outside-credits4/``: letters pages, memos, youth magazines,
forums, group responses, open letters), read 19 at the start and 22 before they were read. A
seventh wrote 40 more in session 22 (``eval/outside-credits5/``: posts copied from social sites,
council reports, FOI replies, petitions, transcripts, press releases, agency copy, wikis),
and two more in session 23 (``eval/outside-credits6/``: Medium, Substack, WordPress, LinkedIn,
AMP and JSON-LD pages, interviews, show notes, PDF text; ``eval/outside-credits7/``: op-eds as
saved from news sites and PDFs, letters pages, front matter), read 26 and 24 of 40 unseen.
Sessions 24 and 25 added an eighth to a tenth; session 26 an eleventh
(``eval/outside-credits11/``: a Blogger post, a phpBB forum, a Wikipedia page, a wire story,
a council report, a charity's and a union's PDF letters, a pen name, a rotating slot), read 28
of 40 unseen. A battery's writer may credit an editorial to no one ("" or null), where qa
credits its board.

Credits: one made-up piece per credit form ("BY JANE DOE", "Jane Doe writes:", "Yours,\\nJane
Doe"…), read right when ``qa.clean.guess_author`` names Jane Doe (both writers of "By Jane Doe
and John Roe"). These are forms, not a
result: eval/opinion.py measures answers on corpora nobody here read.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.answer import same_person
from qa.clean import BOARD, guess_author, headline_apart, kept_spans, writers
from qa.indexer import document_entry
from qa.ingest import load_corpus
from qa.lexical import LexicalIndex
from qa.question import Author, catalog, interpret
from qa.types import Interpretation

ROOT = Path(__file__).resolve().parent.parent
FORM_SETS = [
    ("outside-forms", "outside", "outside forms"),
    ("outside-forms2", "outside2", "outside forms, second set"),
    ("outside-forms3", "outside3", "outside forms, third set"),
    ("outside-forms4", "outside4", "outside forms, fourth set"),
    ("outside-forms5", "outside5", "outside forms, fifth set"),
    ("outside-forms6", "outside6", "outside forms, sixth set (session 23)"),
    ("outside-forms7", "outside7", "outside forms, seventh set (session 23)"),
    ("outside-forms8", "outside8", "outside forms, eighth set (session 24)"),
    ("outside-forms9", "outside9", "outside forms, ninth set (session 25)"),
    ("outside-forms10", "outside10", "outside forms, tenth set (session 25)"),
    ("outside-forms11", "outside11", "outside forms, eleventh set (session 26)"),
]
"""Each outside question battery: its folder under eval/, its tally's name, its label."""
CREDIT_SETS = [
    ("outside-credits", "outside credits", "the author of 40 pieces in as many styles"),
    ("outside-credits2", "outside credits 2", "second set (session 19): 40 more pieces"),
    ("outside-credits3", "outside credits 3", "third set (session 21): 40 more pieces"),
    ("outside-credits4", "outside credits 4", "fourth set (session 21): 40 more pieces"),
    ("outside-credits5", "outside credits 5", "fifth set (session 22): 40 more pieces"),
    ("outside-credits6", "outside credits 6", "sixth set (session 23): 40 more pieces"),
    ("outside-credits7", "outside credits 7", "seventh set (session 23): 40 opinion pieces"),
    ("outside-credits8", "outside credits 8", "eighth set (session 24): 40 more pieces"),
    ("outside-credits9", "outside credits 9", "ninth set (session 25): 40 more pieces"),
    ("outside-credits10", "outside credits 10", "tenth set (session 25): 40 more pieces"),
    ("outside-credits11", "outside credits 11", "eleventh set (session 26): 40 more pieces"),
]
"""Each outside credit battery: its folder under eval/, its tally's name, its label."""
CORPORA = [ROOT / "eval" / "train-opinion" / f"t{i}" for i in range(1, 15)]

VIEWS = [
    "what's {s}'s take on the bridge", "{s}: why build the bridge?", "{f} on the bridge",
    "how does {t} feel about the bridge", "is {s} for or against the bridge",
    "what did {s} have to say about the bridge", "where does {s} land on the bridge",
    "in {s}'s piece, what is wrong with the bridge", "what is {s} arguing about the bridge",
    "does {s} agree the bridge is needed", "{s}'s opinion of the bridge",
    "what's {f}'s position on the bridge", "why is {s} against the bridge",
    "what would {s} rather see instead of the bridge", "what does {s} make of the bridge",
    "how would {s} pay for the bridge", "{s} - is the bridge worth it",
    "what worries {s} about the bridge", "is {s} happy with the bridge",
    "according to {f}, who pays for the bridge", "what's {s}'s problem with the bridge",
    "how does {s} defend the bridge", "what evidence does {s} give for the bridge",
    "does {s} support the bridge", "what does {s} want", "what is {s}'s main point",
    "summarise {s}'s argument", "{s} thinks what about the bridge?",
    "what's {s} saying about the bridge", "what did {s} write about the bridge",
    "what is {s} calling for", "what is {s} asking the council to do",
    "how does {s} respond to critics of the bridge", "tell me {s}'s view of the bridge",
    "what's the view of {s} on the bridge", "what is the opinion of {f} on the bridge",
    "from {s}'s point of view, is the bridge good", "{s} bridge view",
    "why does {s} doubt the bridge", "what does {s} suggest", "is {s} in favour of the bridge",
    "what does {s} think", "views of {s} on the bridge", "what's the gist of {s}'s piece",
    "in {s}'s opinion, is the bridge needed", "what has {s} written about the bridge",
    "what does {s} reckon about the bridge", "what are {s}'s concerns about the bridge",
    # keywords after the name, a possessive first, the topic first (session 16)
    "{s} changes to the bridge plan", "{f} bridge for or against", "{s} re the bridge",
    "{s}'s one request to the council", "give me {s}'s conditions before the bridge opens",
    "the bridge toll - what's {s}'s verdict?", "why is the toll unfair, says who? {s}?",
    "{s} about the bridge toll", "the bridge: what does {s} want?",
]  # fmt: skip
TWO = [
    "how do {s} and {o} differ on the bridge", "what do {s} and {o} say about the bridge",
    "do {s} and {o} agree on the bridge", "{s} vs {o} on the bridge",
    "compare {s} and {o} on the bridge", "what do {s} and {o} think of the bridge",
    "{s} & {o} on the bridge", "{s} and {o} re the bridge",
]  # fmt: skip
BIO = [
    "who is {f}", "who is {s}", "what does {s} do", "where does {s} work", "what is {s}'s job",
    "tell me about {s}", "what is {s}'s background", "what is {s}'s occupation",
    "where is {s} from", "where is {s} based", "what organisation does {s} work for",
    "describe {s}", "who exactly is {s}", "what job does {s} have", "how is {s} described",
    "who does {s} work for", "what is {s}'s connection to the dispute",
    "{f} - what's her job?", "{s}: where does he work?", "where does {s} practise",
]  # fmt: skip
WHO = [
    "which author wants the bridge rebuilt", "who thinks the bridge should close",
    "who argues that the bridge is unsafe", "which writer is against the bridge",
    "who is in favour of the bridge", "who is opposed to the bridge", "who backs the bridge",
    "who criticises the bridge", "who's against the bridge", "who doesn't want the bridge",
    "who objects to the toll", "who complains about the toll", "whose piece argues for a toll",
    "who is worried about the toll", "who defends the toll", "who is the most critical of the toll",
    "who reckons the toll is unfair", "who's in favour of the toll", "who's backing the toll",
    "who is calling for a toll", "who proposed a toll on the bridge", "who wants to scrap the toll",
]  # fmt: skip
ABOUT = [
    "what does {s} think of {o}", "how does {s} respond to {o}", "{s} on {o}'s plan",
    "what does {s} make of {o}'s argument", "is {s} persuaded by {o}", "does {s} agree with {o}",
    "what is {s}'s response to {o}", "how does {s} answer {o}'s criticism",
    "according to {s}, what did {o} get wrong", "what does {s} accuse {o} of",
    "what does {s} concede to {o}", "what is {s}'s criticism of {o}",
    "{s} re {o}'s plan", "{o}'s plan: what does {s} think?",
]  # fmt: skip
TITLES = {"Dr", "Professor", "Councillor", "Cllr", "Mr", "Mrs", "Ms", "Supt", "Captain"}

BODY = (
    "The council wants to close the library on Mill Street.\n\nI think that is a mistake. "
    "The building is busy every day.\n\nWe should keep it open and fund it properly."
)
MINE = "\n\nI have used it for years. My children learnt to read there. I will miss it."
CREDITS = {
    "By Jane Doe": "Keep it\n\nBy Jane Doe\n\n" + BODY,
    "BY JANE DOE": "Keep it\n\nBY JANE DOE\n\n" + BODY,
    "Written by": "Keep it\n\nWritten by Jane Doe\n\n" + BODY,
    "Author:": "Keep it\n\nAuthor: Jane Doe\n\n" + BODY,
    "Opinion by": "Keep it\n\nOpinion by Jane Doe\n\n" + BODY,
    "X writes:": "Keep it\n\nJane Doe writes:\n\n" + BODY,
    "X | Guest column": "Keep it\n\nJane Doe | Guest column\n\n" + BODY,
    "GUEST COLUMN | X": "GUEST COLUMN | Jane Doe\n\nKeep it\n\n" + BODY,
    "— X, town": "Keep it\n\n" + BODY + "\n\n— Jane Doe, Kelsby",
    "bio at the end": "Keep it\n\n" + BODY + "\n\nJane Doe is a librarian in Kelsby.",
    "bio with age": "Keep it\n\n" + BODY + "\n\nJane Doe, 54, is a librarian in Kelsby.",
    "About the author:": "Keep it\n\n" + BODY + "\n\nAbout the author: Jane Doe is a librarian.",
    "The author, X, is": "Keep it\n\n" + BODY + "\n\nThe author, Jane Doe, is a librarian.",
    "Contributed by": "Keep it\n\nContributed by Jane Doe\n\n" + BODY,
    "Posted by X on date": "Keep it\n\nPosted by Jane Doe on 3 May 2024\n\n" + BODY,
    "By X | date": "Keep it\n\nBy Jane Doe | 3 May 2024\n\n" + BODY,
    "X — role": "Keep it\n\nJane Doe — Chair, Friends of Mill Street Library\n\n" + BODY,
    "X, role": "Keep it\n\nJane Doe, Chair of the Friends of Mill Street Library\n\n" + BODY,
    "letter signed": "Keep it\n\nSir,\n\n" + BODY + "\n\nYours faithfully,\n\nJane Doe\nKelsby",
    "Signed:": "Keep it\n\n" + BODY + "\n\nSigned: Jane Doe",
    "Yours,": "Keep it\n\n" + BODY + "\n\nYours,\nJane Doe",
    "name line": "Keep it\n\nJane Doe\n\n" + BODY,
    "**name**": "Keep it\n\n**Jane Doe**\n\n" + BODY,
    "*By X*": "Keep it\n\n*By Jane Doe*\n\n" + BODY,
    "bio at the top": "Keep it\n\nJane Doe is a librarian in Kelsby.\n\n" + BODY,
    "By: X": "Keep it\n\nBy: Jane Doe\n\n" + BODY,
    # session 16
    "By X and Y": "Keep it\n\nBy Jane Doe and John Roe\n\n" + BODY,
    "letter signed, town and county": "Keep it\n\nSir,\n\n"
    + BODY
    + "\n\nYours faithfully,\n\nJane Doe\nEastgate, Kelsby",
    "blog post by a first name, I'm X": "Keep it\n\n*Posted on 3 May by Jane*\n\nFull "
    "disclosure: I'm Jane Doe, I've chaired the Friends for six years.\n\n" + BODY,
    "closing: as your clerk, X.": "Keep it\n\n"
    + BODY
    + "\n\nYou know where I am, as your parish clerk, Jane Doe.",
    # a standfirst credits the writer of a piece in the first person
    "standfirst: X, role, answers…": "Keep it\n\nJane Doe, chair of the Friends, answers "
    "the critics of the plan.\n\n" + BODY + MINE,
    "interview: X has…; She talked to Y": "Keep it\n\nJane Doe has run the Friends for "
    "eleven years. She talked to John Roe.\n\n" + BODY + MINE + "\n\nAs told to John Roe",
    "closing bio: Ms. Doe is…": "Keep it\n\n" + BODY + "\n\nMs. Doe is the principal of Elm High.",
    "bio with a handle": "Keep it\n\n" + BODY + "\n\nJane Doe (@janedoe) is a librarian.",
    # session 18: plain text with no blank line under the headline
    "headline over standfirst, one paragraph": "Keep it\nJane Doe, a retired librarian, says "
    "the council is wrong.\n\n" + BODY + MINE,
    "headline, deck, byline": "Keep it\nThe library is the heart of the street\nBy Jane Doe\n\n"
    + BODY,
    "X | date": "Keep it\n\nJane Doe | 3 May 2024\n\n" + BODY,
}
MEANT = {"By X and Y": "Jane Doe and John Roe", "closing bio: Ms. Doe is…": "Ms. Doe"}
"""The credit forms that name someone else than Jane Doe alone."""


def corpus_authors(corpus: Path) -> tuple[list[Author], Callable[[str], bool]]:
    """The corpus's authors as an index would catalogue them, and whether a word is in it."""
    docs = load_corpus(corpus)
    entries = [document_entry(d, 1) for d in docs]
    return catalog(entries), LexicalIndex.build([d.text for d in docs]).knows


def read_right(r: Interpretation, kind: str, person: Author, other: Author) -> bool:
    """Whether a question of the battery ``kind`` about ``person`` (and ``other``) was read as
    meant (see the module docstring)."""
    if kind == "view":
        return person.name in r.authors
    if kind == "two":
        return {person.name, other.name} <= set(r.authors)
    if kind == "bio":
        return r.asks == "bio" and person.name in r.bio_of
    return list(r.authors) == [person.name] and other.name in r.mentions


OUTSIDE_KINDS = {
    "view": "a speaker's view",
    "two": "two speakers",
    "about": "X about Y",
    "bio": "who is X",
    "who": "which writer",
    "none": "no one named",
}


def same_people(found: Sequence[str], meant: Sequence[str]) -> bool:
    """Whether qa's names are the people meant, one each (titles aside: see ``same_person``)."""
    return len(found) == len(meant) and all(any(same_one(f, m) for f in found) for m in meant)


def same_one(found: str, meant: str) -> bool:
    """``same_person``, where an outlet's editorial board is also the outlet ("The Ashcombe
    Gazette", as a battery's writer may name the author of an editorial), and "The Editorial
    Board", when the byline names no outlet, is whichever outlet's board qa found."""
    board = f" {BOARD}"
    if meant.casefold().removeprefix("the ") == BOARD:
        return found.endswith(board)
    if meant.casefold().endswith(board):  # "Kelbridge Courier Editorial Board", capitalised
        meant = meant[: -len(board)] + board
    return same_person(*(n.removesuffix(board) for n in (found, meant)))


def outside(tally: Callable[[str, bool], None], folder: Path, battery: str) -> None:
    """An outside writer's questions (see the module docstring), tallied by kind."""
    authors, known = corpus_authors(folder)
    for line in folder.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] not in OUTSIDE_KINDS:
            continue
        r = interpret(row["q"], authors, known=known)
        kind = row["kind"]
        if kind == "bio":
            right = r.asks == "bio" and same_people(r.bio_of, row["speakers"])
        elif kind == "who":
            right = r.asks == "person" and not r.authors
        elif kind == "none":
            right = not r.authors
        else:
            right = same_people(r.authors, row["speakers"]) and all(
                any(same_one(n, m) for n in r.mentions) for m in row["mentions"]
            )
        tally(f"{battery} {kind}", right)


def outside_credits(tally: Callable[[str, bool], None], folder: Path, battery: str) -> None:
    """An outside writer's pieces (see the module docstring): is the author read as meant?"""
    docs = {Path(d.path).name: d for d in load_corpus(folder)}
    for line in folder.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        found, meant = docs[row["file"]].author, row["author"] or None  # "" is no one too
        if found is None or meant is None:
            tally(battery, found is meant)
            continue
        # several writers: "Jane Doe and John Roe", or "Jane Doe, John Roe and Ann Poe"
        tally(battery, same_people(writers(found), re.split(r",\s*|\s+and\s+", meant)))


def slip(word: str, rng: random.Random) -> str:
    """The word with one letter dropped, swapped with the next, or changed (never the first)."""
    i = rng.randrange(1, len(word) - 1)
    ops = [word[:i] + word[i + 1 :], word[:i] + word[i + 1] + word[i] + word[i + 2 :]]
    ops.append(word[:i] + rng.choice("aeiou") + word[i + 1 :])
    return rng.choice([o for o in ops if o != word] or [word])


def main() -> None:
    rng = random.Random(15)
    counts: dict[str, list[int]] = {}

    def tally(battery: str, right: bool) -> None:
        counts.setdefault(battery, [0, 0])
        counts[battery][0] += 1
        counts[battery][1] += right

    for corpus in CORPORA:
        authors, known = corpus_authors(corpus)
        people = [a for a in authors if not a.name.endswith("editorial board")]
        for j, a in enumerate(people):
            other = people[(j + 3) % len(people)]
            parts = a.name.split()
            s, o = parts[-1], other.name.split()[-1]
            t = f"{parts[0]} {s}" if parts[0].rstrip(".") in TITLES else s

            made = [(q.format(s=s, f=a.name, t=t), "view") for q in VIEWS]
            made += [(q.format(s=s, o=o), "two") for q in TWO]
            made += [(q.format(s=s, f=a.name), "bio") for q in BIO]
            made += [(q.format(s=s, o=o), "about") for q in ABOUT]
            for q, kind in made:
                for text in (q, q.lower()):
                    tally(kind, read_right(interpret(text, authors, known=known), kind, a, other))
            named = [p for p in parts if p.rstrip(".") not in TITLES]
            forms = [named[0], s.lower() + "s view on", slip(s, rng)] + (
                s.split("-") if "-" in s else []
            )
            for form in forms:
                q = f"{form} the bridge" if form.endswith(" on") else f"what does {form} think"
                tally("names", a.name in interpret(q, authors, known=known).authors)
        if corpus == CORPORA[0]:
            for q in WHO:
                for text in (q, q.capitalize() + "?"):
                    tally("who", interpret(text, authors, known=known).asks == "person")
    for folder, battery, _ in FORM_SETS:
        if (ROOT / "eval" / f"{folder}.jsonl").exists():
            outside(tally, ROOT / "eval" / folder, battery)
    for folder, battery, _ in CREDIT_SETS:
        if (ROOT / "eval" / f"{folder}.jsonl").exists():
            outside_credits(tally, ROOT / "eval" / folder, battery)
    for label, text in CREDITS.items():
        found = guess_author(text, headline_apart(text, kept_spans(text)))
        meant = MEANT.get(label, "Jane Doe")
        tally("credits", found == meant)
        if found != meant:
            print(f"credit not read: {label!r} -> {found!r}", file=sys.stderr)
    names = {
        "view": "a speaker's view (each form also in lower case)",
        "two": "two speakers",
        "bio": "who is X",
        "about": "X about Y (X speaks, Y is mentioned)",
        "who": "which writer takes a side",
        "names": "a name: first name, half a surname, no apostrophe, a slip",
        "credits": "credit forms on a made-up piece",
        **{
            f"{battery} {k}": f"{label}: {v}"
            for _, battery, label in FORM_SETS
            for k, v in OUTSIDE_KINDS.items()
        },
        **{battery: f"outside credits, {label}" for _, battery, label in CREDIT_SETS},
    }
    print("| battery | forms tried | read as meant | share |")
    print("|---|---:|---:|---:|")
    for key, label in names.items():
        n, right = counts.get(key, [0, 0])
        if not n:
            continue
        print(f"| {label} | {n} | {right} | {right / n:.3f} |")


if __name__ == "__main__":
    main()
