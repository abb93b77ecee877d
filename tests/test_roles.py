"""Who said what about whom, on a second corpus written for the tests (tests/opinion/).

Ten invented opinion pieces on one made-up local dispute, in .md, .txt, .html and .pdf, whose
authors answer each other; bylines sit at the top, at the bottom, in metadata only and in a
sidecar. Its gold set (tests/opinion.jsonl) has every kind of question issue 13 names.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.answer import (
    _STANCE,
    MENTION_BONUS,
    STANCE_BONUS,
    _raise,
    asks_proposal,
    introduces,
    leans_back,
    leans_forward,
    reported_by,
    states_proposal,
)
from qa.clean import (
    BOARD,
    apposed,
    bio_subject,
    by_line,
    interview_voices,
    kept_spans,
    role_words,
    stance_words,
)
from qa.evaluation import GoldQuestion, evaluate_gold, load_gold
from qa.ingest import load_corpus, placeholder_title, read_document, reflow
from qa.pipeline import Pipeline
from qa.question import Author, catalog, interpret
from qa.render import render
from qa.retrieve import RetrievalParams
from qa.types import DocumentEntry
from tests.conftest import run_qa

OPINION = Path(__file__).resolve().parent / "opinion"
GOLD = Path(__file__).resolve().parent / "opinion.jsonl"


@pytest.fixture(scope="session")
def opinion_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("opinion") / "index"
    qa.build_index(OPINION, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def opinion(opinion_index: Path) -> Pipeline:
    return Pipeline.open(opinion_index)


def test_every_byline_is_found_wherever_it_sits(opinion: Pipeline) -> None:
    found = {e.doc_id: (e.author, e.title) for e in opinion.index.entries}
    assert len(found) == 10 and all(author for author, _ in found.values())
    # the PDF's properties say "Enscript Output": its first line is the headline, "By …" its byline
    assert found["achterberg-what-lies-beneath"] == (
        "Rosalind Achterberg",
        "What Lies Beneath the Sallow Street Yard",
    )
    assert found["pellow-a-view-from-quay-street"][0] == "Gideon Pellow"  # bio at the top
    assert found["quennell-three-futures"][0] == "Harriet Quennell"  # sidecar only
    assert found["halvorsen-keep-the-quay"][0] == "Ines Halvorsen"  # front matter
    assert found["wrenfield-leave-the-bay-its-lungs"][1] == "Leave the Bay Its Lungs"  # no site


@pytest.mark.parametrize("corpus", ["heldout-opinion", "blind-opinion"])
def test_every_author_of_the_corpora_written_blind_is_found(corpus: str) -> None:
    # two more corpora (eval/README.md, issue 13), with bylines at the top, the bottom, in
    # italics, signed off, in meta tags and sidecars; each file is named after its author
    docs = load_corpus(Path(__file__).resolve().parent.parent / "eval" / corpus)
    assert len(docs) >= 8
    for d in docs:
        surname = d.doc_id.split("-")[0]
        assert d.author and surname in d.author.lower().replace(" ", "-"), (d.doc_id, d.author)


def test_the_credits_of_the_training_corpora_are_read() -> None:
    # eval/train-opinion: fourteen corpora whose writers were told to vary how each author is
    # credited (name lines, dashed bios, signature blocks, editorials, labels over the headline,
    # standfirsts); each file is named after its author or outlet.
    root = Path(__file__).resolve().parent.parent / "eval" / "train-opinion"
    docs = [d for t in sorted(root.glob("t[0-9]*")) if t.is_dir() for d in load_corpus(t)]
    assert len(docs) == 140
    missed = [
        d.doc_id
        for d in docs
        if not (d.author and d.doc_id.split("-")[0] in d.author.lower().replace(" ", "-"))
    ]
    assert missed == [], missed
    assert not [d.doc_id for d in docs if d.title.islower()]  # no title from a file name


def test_pdf_text_is_reflowed_into_headline_byline_and_paragraphs() -> None:
    doc = read_document(OPINION / "achterberg-what-lies-beneath.pdf", "a.pdf", "a")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:2] == ["What Lies Beneath the Sallow Street Yard", "By Rosalind Achterberg"]
    assert all("\n" not in p for p in paragraphs)
    assert reflow(
        "Headline\nBy Jo Bloggs\nA long first line of the body that runs on and on,\n"
        "and ends here.\n"
    ) == (
        "Headline\n\nBy Jo Bloggs\n\nA long first line of the body that runs on and on, "
        "and ends here."
    )


@pytest.mark.parametrize(
    "title,placeholder",
    [
        ("Enscript Output", True),
        ("Microsoft Word - draft 3.docx", True),
        ("untitled", True),
        ("report.pdf", True),
        ("What Lies Beneath", False),
    ],
)
def test_producer_default_titles_lose(title: str, placeholder: bool) -> None:
    assert placeholder_title(title, Path("report.pdf")) is placeholder


@pytest.mark.parametrize(
    "question,speakers,mentions,asks,topic",
    [
        (
            "What does Okonjo think of Halvorsen's job forecast?",
            ["Okonjo"],
            ["Halvorsen"],
            "view",
            "Halvorsen's job forecast",
        ),
        (
            "What does Achterberg make of Okonjo's claim that land is cleaned up?",
            ["Achterberg"],
            ["Okonjo"],
            "view",
            "Okonjo's claim that land is cleaned up",
        ),
        # the subject of a question's verb speaks, whatever the verb, title or not
        (
            "What alternative to the terminal does Okonjo propose?",
            ["Okonjo"],
            [],
            "view",
            "What alternative to the terminal propose",
        ),
        (
            "How does Councillor Okonjo intend to vote on Halvorsen's plan?",
            ["Okonjo"],
            ["Halvorsen"],
            "view",
            "intend to vote on Halvorsen's plan",
        ),
        (
            "On what terms would Pellow back the terminal?",
            ["Pellow"],
            [],
            "view",
            "On what terms back the terminal",
        ),
        (
            "Why isn't Pellow persuaded by Okonjo's housing plan?",
            ["Pellow"],
            ["Okonjo"],
            "view",
            "Why not persuaded by Okonjo's housing plan",
        ),
        ("Is Pellow against the terminal?", ["Pellow"], [], "view", "against the terminal"),
        ("What's Oyelaran's job?", [], ["Oyelaran"], "bio", "What's Oyelaran's job?"),
        (
            "What do Okonjo and Brisbois say about rents?",
            ["Okonjo", "Brisbois"],
            [],
            "view",
            "rents",
        ),
        ("Who is Ines Halvorsen?", [], ["Halvorsen"], "bio", "Who is Ines Halvorsen?"),
        (
            "What does Gideon Pellow do for a living?",
            [],
            ["Pellow"],
            "bio",
            "What does Gideon Pellow do for a living?",
        ),
        ("Which author wants a park?", [], [], "person", "wants a park?"),
        # "in X's view" is not "X views"; a writer speaks for their union; "X's problem with"
        (
            "in okonjo's view why is the yard the better site",
            ["Okonjo"],
            [],
            "view",
            "why is the yard the better site",
        ),
        (
            "What would Pellow's union demand if the terminal were built?",
            ["Pellow"],
            [],
            "view",
            "union demand if the terminal were built",
        ),
        (
            "What's Pellow's problem with Okonjo's plan?",
            ["Pellow"],
            ["Okonjo"],
            "view",
            "Okonjo's plan",
        ),
        # a qualifier before the view noun: "X's main objection", "X's own plan"
        (
            "what's Pellow's main objection to the terminal",
            ["Pellow"],
            [],
            "view",
            "the terminal",
        ),
        # "according to X" at the end, "X - question", "why has X…"
        (
            "Is the yard worth saving, according to Okonjo?",
            ["Okonjo"],
            [],
            "view",
            "Is the yard worth saving",
        ),
        (
            "okonjo - how should the yard be used?",
            ["Okonjo"],
            [],
            "view",
            "how should the yard be used",
        ),
        (
            "Why has Pellow come round to the terminal?",
            ["Pellow"],
            [],
            "view",
            "Why come round to the terminal",
        ),
        # the one a verb of feeling is about; a role before the name; "X's position on…"
        ("What worries Pellow most about the terminal?", ["Pellow"], [], "view", "the terminal"),
        (
            "Does the retired engineer Pellow back the yard?",
            ["Pellow"],
            [],
            "view",
            "back the yard",
        ),
        ("what's Okonjo's position on the yard", ["Okonjo"], [], "view", "the yard"),
        ("What should the yard be, per Okonjo?", ["Okonjo"], [], "view", "What should the yard be"),
        ("What is Pellow's honest verdict on the yard?", ["Pellow"], [], "view", "the yard"),
        # a verb that takes a side stays in the topic; one that only says a view is asked goes
        ("Why does Pellow oppose the terminal?", ["Pellow"], [], "view", "Why oppose the terminal"),
        (
            "Why does the former Councillor Okonjo say the yard matters?",
            ["Okonjo"],
            [],
            "view",
            "Why the yard matters",
        ),
        # "what's X saying", "tell me X's view", "the opinion of X"; "X saying…" after another
        # speaker is content
        ("what's Okonjo saying about the yard", ["Okonjo"], [], "view", "the yard"),
        ("tell me Pellow's view of the terminal", ["Pellow"], [], "view", "the terminal"),
        ("what is the opinion of Okonjo on the yard", ["Okonjo"], [], "view", "the yard"),
        (
            "How does Pellow answer Okonjo saying the yard is needed?",
            ["Pellow"],
            ["Okonjo"],
            "view",
            "Okonjo saying the yard is needed",
        ),
        ("views of Okonjo on the yard", ["Okonjo"], [], "view", "the yard"),
        ("what's the gist of Pellow's piece", ["Pellow"], [], "view", "what's the gist of piece"),
        (
            "What does Okonjo think of Pellow's article?",
            ["Okonjo"],
            ["Pellow"],
            "view",
            "Pellow's article",
        ),
        # a name in lower case is no role ("lindqvist" ends like "economist"); keywords
        ("what's the gist of pellow's piece", ["Pellow"], [], "view", "what's the gist of piece"),
        ("okonjo yard view", ["Okonjo"], [], "view", "yard view"),
        # two speakers compared
        ("compare Okonjo and Pellow on the yard", ["Okonjo", "Pellow"], [], "view", "the yard"),
        ("Okonjo vs Pellow on the yard", ["Okonjo", "Pellow"], [], "view", "the yard"),
        ("what is Okonjo's position", [], ["Okonjo"], "bio", "what is Okonjo's position"),
        ("Do the critics answer Pellow?", [], ["Pellow"], "view", "Do the critics answer Pellow?"),
        ("in Okonjo's opinion, is the yard needed", ["Okonjo"], [], "view", "is the yard needed"),
        ("what has Pellow written about the yard", ["Pellow"], [], "view", "the yard"),
        # the one who persuades, and the one an attributed view is about, are content
        ("is Okonjo persuaded by Pellow", ["Okonjo"], ["Pellow"], "view", "persuaded by Pellow"),
        (
            "according to Okonjo, what did Pellow get wrong",
            ["Okonjo"],
            ["Pellow"],
            "view",
            "what did Pellow get wrong",
        ),
        ("who is calling for a park", [], [], "person", "who is calling for a park"),
        ("who's against the terminal", [], [], "person", "who's against the terminal"),
        (
            "Who is most critical of the yard?",
            [],
            [],
            "person",
            "Who is most critical of the yard?",
        ),
        ("who backs the terminal", [], [], "person", "who backs the terminal"),
        ("who doesn't want the terminal", [], [], "person", "who doesn't want the terminal"),
        ("whose piece argues for a park", [], [], "person", "whose piece argues for a park"),
        ("When was the roundhouse built?", [], [], None, "When was the roundhouse built?"),
        # a search typed as keywords after the name, a possessive first, the topic first
        ("okonjo changes to the yard plan", ["Okonjo"], [], "view", "changes to the yard plan"),
        (
            "okonjo's one request to the council",
            ["Okonjo"],
            [],
            "view",
            "one request to the council",
        ),
        ("Pellow re Okonjo's plan", ["Pellow"], ["Okonjo"], "view", "Okonjo's plan"),
        (
            "Okonjo's claim about jobs: what does Pellow say?",
            ["Pellow"],
            ["Okonjo"],
            "view",
            "Okonjo's claim about jobs",
        ),
        (
            "the rail yard - what's Okonjo's verdict?",
            ["Okonjo"],
            [],
            "view",
            "the rail yard",
        ),
        (
            "Why not a park, says who? Okonjo?",
            ["Okonjo"],
            [],
            "view",
            "Why not a park",
        ),
        ("Okonjo - what's her job?", [], ["Okonjo"], "bio", "Okonjo - what's her job?"),
        ("okonjo job title", [], ["Okonjo"], "bio", "okonjo job title"),
        ("why not a park? okonjos answer", ["Okonjo"], [], "view", "why not a park"),
        ("tl;dr of okonjo's piece", ["Okonjo"], [], "view", "tl;dr of piece"),
        # the topic keeps a frame's "not"
        ("why doesn't Okonjo trust the survey", ["Okonjo"], [], "view", "why not trust the survey"),
        # two speakers compared (session 18: forms an outside writer used)
        (
            "the difference between Okonjo and Pellow's positions on housing",
            ["Okonjo", "Pellow"],
            [],
            "view",
            "housing",
        ),
        ("compare okonjo + pellow on housing", ["Okonjo", "Pellow"], [], "view", "housing"),
        (
            "Okonjo vs Pellow, who is right about jobs?",
            ["Okonjo", "Pellow"],
            [],
            "view",
            "who is right about jobs",
        ),
        ("Okonjo and Pellow both write about jobs", ["Okonjo", "Pellow"], [], "view", "jobs"),
        (
            "How does Okonjo's view on housing compare with Pellow's?",
            ["Okonjo", "Pellow"],
            [],
            "view",
            "housing",
        ),
        # who someone is, in more words; a role asked about is whom it names
        ("what business does Pellow own", [], ["Pellow"], "bio", "what business does Pellow own"),
        ("which company is Pellow with", [], ["Pellow"], "bio", "which company is Pellow with"),
        # session 19: an outside writer's bio questions
        ("how old is Pellow", [], ["Pellow"], "bio", "how old is Pellow"),
        ("what did Pellow used to do", [], ["Pellow"], "bio", "what did Pellow used to do"),
        ("pellow who is he", [], ["Pellow"], "bio", "pellow who is he"),
        (
            "which university does Brisbois lecture at",
            [],
            ["Brisbois"],
            "bio",
            "which university does Brisbois lecture at",
        ),
        ("what is Brisbois's field?", [], ["Brisbois"], "bio", "what is Brisbois's field?"),
        (
            "Tell me about Okonjo - what's his role?",
            [],
            ["Okonjo"],
            "bio",
            "Tell me about Okonjo - what's his role?",
        ),
        # a role is no one to describe: "who is the mayor" may ask of anyone, and a bio line
        # answers whatever its score (tried in session 18: a blind set's unanswerable "who
        # is the …" was then answered with a writer's bio)
        ("who is the chandler", [], [], "bio", "who is the chandler"),
        # which writer: by idea, by "anyone", by what they take up
        ("whose idea was the park?", [], [], "person", "whose idea was the park?"),
        ("anyone in favour of a park?", [], [], "person", "anyone in favour of a park?"),
        ("who talks about the engine shed", [], [], "person", "who talks about the engine shed"),
        (
            "which of them mentions the harbour",
            [],
            [],
            "person",
            "which of them mentions the harbour",
        ),
        # "per X" speaks; whom a verb of no saying has for subject is spoken of
        (
            "how did Halvorsen's forecast go down, per Okonjo",
            ["Okonjo"],
            ["Halvorsen"],
            "view",
            "how did Halvorsen's forecast go down",
        ),
    ],
)
def test_the_question_separates_speakers_from_mentions(
    opinion: Pipeline,
    question: str,
    speakers: list[str],
    mentions: list[str],
    asks: str | None,
    topic: str,
) -> None:
    reading = interpret(question, catalog(opinion.index.entries))
    assert [a.split()[-1] for a in reading.authors] == speakers
    assert [a.split()[-1] for a in reading.mentions] == mentions
    assert (reading.asks, reading.topic) == (asks, topic)


def test_a_writer_is_named_by_what_anothers_piece_calls_them() -> None:
    entries = [
        DocumentEntry("k", "c/k.txt", "T", "Dana Kowalski", "h", 1, ()),
        DocumentEntry(
            "r", "c/r.md", "T", "Priya Raman", "h", 1, (),
            appositions=("Dana Kowalski: the Comets' president",),
        ),
    ]  # fmt: skip
    authors = catalog(entries)
    reading = interpret("what is the comets president offering in exchange for the tax", authors)
    assert reading.authors == ("Dana Kowalski",)
    assert interpret("what do the comets say", authors).authors == ()


def test_an_author_with_a_title_is_named_without_it() -> None:
    entry = DocumentEntry("m", "c/m.txt", "T", "Captain Siobhan MacAteer", "h", 1, ())
    reading = interpret("What does Siobhan MacAteer do?", catalog([entry]))
    assert (reading.bio_of, reading.asks) == (("Captain Siobhan MacAteer",), "bio")
    assert interpret("does captain macateer agree", catalog([entry])).authors == (
        "Captain Siobhan MacAteer",
    )


def test_a_writer_speaks_for_the_organisation_their_byline_names() -> None:
    entries = [
        DocumentEntry("r", "c/r.md", "T", "Jane Roe", "h", 1, ("Island Lifeline",)),
        DocumentEntry("d", "c/d.txt", "T", "John Doe", "h", 1, ()),
    ]
    authors = catalog(entries)
    for question in (
        "Does Island Lifeline oppose the night ferry plan?",
        "what does Island Lifeline think of the plan",
        "what is island lifeline offering to do for the crews",
        "what are Island Lifeline asking for",
    ):
        assert interpret(question, authors).authors == ("Jane Roe",), question
    # "planning" before a noun is no verb of the body's
    assert interpret("Is Island Lifeline planning permission needed?", authors).authors == ()
    # the organisation alone is what is asked about, not who speaks
    assert interpret("where is Island Lifeline based", authors).authors == ()
    # a place or prize whose name ends like a writer's with an "s" is neither
    hills = catalog([DocumentEntry("h", "c/h.txt", "T", "Jane Hill", "h", 1, ())])
    for question in ("What do campaigners want for the Malvern Hills?", "the Hills Prize view"):
        reading = interpret(question, hills, known=lambda w: True)
        assert reading.authors == () and reading.mentions == (), question


def test_an_editorial_board_is_named_by_its_outlet() -> None:
    entries = [
        DocumentEntry("e", "c/e.txt", "T", "Carrick Post editorial board", "h", 1, ()),
        DocumentEntry("d", "c/d.txt", "T", "Jane Doe", "h", 1, ()),
    ]
    authors = catalog(entries)
    for question in (
        "What does the Carrick Post's editorial board want?",
        "what does the Post say about Doe's plan",
        "Why has the Post changed its mind on the bridge?",
        "why is the editorial board against the bridge",
        "carrick post editorial - do they back the bridge or not",
        "Carrick Post: is the bridge worth it?",
        "Post editorial on the bridge",
    ):
        assert interpret(question, authors).authors == ("Carrick Post editorial board",), question
    assert interpret("what does the post office say", authors).authors == ()
    assert interpret("post your views on the bridge", authors).authors == ()
    assert interpret("Post vs Doe on the bridge", authors).authors == (
        "Carrick Post editorial board",
        "Jane Doe",
    )
    assert interpret("Post offices and the bridge", authors).authors == ()
    for question in ("what does the newspaper think", "the local paper's leader column on it"):
        assert interpret(question, authors).authors == ("Carrick Post editorial board",), question
    assert interpret("what about the paper mill", authors).authors == ()


PIECES = {
    "Dr Ada Quill": "Fix the pipes\n\nLeaks matter.\n\nDr Ada Quill is a hydrologist at Carrow.",
    "Ben Hale": "GUEST COLUMN | Ben Hale, chief executive of Acme Water\n\nWe had no choice.",
    "Cy Moss": "Letters\n\nSir,\n\nAs a retired civil engineer who mended mains for years, I "
    "know leaks. Dr Quill is right.\n\nYours faithfully,\n\nCy Moss\nEastwick",
    "Di Lorne": "Keep the market\n\nI have run the Harbour View Hotel for twenty years.\n\n"
    "Di Lorne\nEngineer, Acme Rail",
    # credited in metadata only; the standfirst gives the role, another paragraph an outsider's
    "Eve Park": "Why the cap is right\n\nThe plan has drawn criticism. Here its vice-chancellor "
    "sets out the case for it.\n\nThe county's treasurer argues the fees will fall.",
    # credited in metadata only; the writers say who they are
    "Fay Lund": "Keep the ferry\n\nI’ve skippered the Curlew ferry for twenty years.\n\nNo toll.",
    "Gil Ray": "Save the bakery\n\nI run the bakery on Mill Street with my son.\n\nNo toll.",
    "Hal Wren": "Phones away\n\nI have been a headteacher for twenty years.\n\nThe ban works.",
    "Ivy Shaw": "Phones out\n\nMost schools in my constituency restrict phones.\n\nIvy Shaw",
    "Jo Hart": "Slow down\n\nBy Jo Hart\n\nI have run Hart Haulage for thirty years and "
    "I have driven its buses.\n\nNo.",
    "Kit Low": "Our common\n\nKit Low keeps 400 ewes at High Farm.\n\nNo turbines.",
    "Lu Berg": "News\n\nThe hall needs a roof.\n\nYou know where I am, as your parish "
    "clerk, Lu Berg.",
    "Mo Ames": "Keep it\n\nI'm a mum of three and I work in the school office.\n\nNo.",
    "Ned Cole": "Dose it\n\nNed Cole is an engineer at Carrow Water.\n\nYes.",
    "Pat Vale": "Keep it open\n\nI'm a GP at the Elm Practice.\n\nNo.",
    "Sam Roth": "Shut it\n\nI'm retired now.\n\nYes.",
    # what a writer is against is no role: a voice against a wind farm is no farmer
    "Kay Stone": "Build it\n\nBy Kay Stone, 16, Harwick Youth Forum\n\nStudents would use it.",
    "Rae Dunn": "Not here\n\nRae Dunn runs the Crag bunkhouse and has been one of the "
    "loudest voices against the wind farm.\n\nNo.",
}


def _by_role() -> list[Author]:
    return _catalog_of(PIECES)


def _catalog_of(pieces: dict[str, str]) -> list[Author]:
    """The authors of made-up pieces (author: text), their roles read from the text."""
    entries = []
    for name, text in pieces.items():
        roles = tuple(role_words(text, kept_spans(text), name))
        stances = tuple(stance_words(text, kept_spans(text), name))
        entries.append(DocumentEntry(name, f"c/{name}.txt", "T", name, "h", 1, (), roles, stances))
    return catalog(entries)


@pytest.mark.parametrize(
    "question,speakers,topic",
    [
        (
            "what quick fixes does the hydrologist suggest",
            ["Dr Ada Quill"],
            "what quick fixes",
        ),
        (
            "Why did Acme Water bring in the ban, according to its chief executive?",
            ["Ben Hale"],
            "Why did Acme Water bring in the ban",
        ),
        # a role's common synonyms: a chief executive is a boss, a writer of "my constituency"
        # an MP
        ("The water boss's verdict on the leak?", ["Ben Hale"], "the leak"),
        # an owner the credits do not name, when the job after it tells the writer apart
        ("what fixes does the water company's hydrologist suggest", ["Dr Ada Quill"], "what fixes"),
        (
            "according to the MP, what is wrong with phones",
            ["Ivy Shaw"],
            "what is wrong with phones",
        ),
        ("Why is the retired engineer angry?", ["Cy Moss"], "Why angry"),
        ("does the hotelier back the market", ["Di Lorne"], "back the market"),
        # two authors fit "the engineer": it names neither
        ("what does the engineer think of leaks", [], "what does the engineer think of leaks"),
        # a place is no role, though its name ends like one
        ("Is the Acme Water supply safe?", [], "Is the Acme Water supply safe?"),
        # a role that is only mentioned is content
        ("what does Cy Moss think of the hydrologist", ["Cy Moss"], "the hydrologist"),
        ("what does the ferry skipper think of the toll", ["Fay Lund"], "the toll"),
        ("is the Mill Street baker against the toll", ["Gil Ray"], "against the toll"),
        # a word no credits hold (the school's name) tells no one apart; "head" is a headteacher
        ("Has the Millbrook head always backed the ban?", ["Hal Wren"], "always backed the ban"),
        # a role and the name after it are one: both leave the topic
        ("does the headteacher Wren back the ban", ["Hal Wren"], "back the ban"),
        # a standfirst's role for a writer credited nowhere else
        ("why does the vice-chancellor want a cap", ["Eve Park"], "why want a cap"),
        # …but not an outsider's, whom the paragraph's words do not credit as the writer
        ("what does the treasurer think of fees", [], "what does the treasurer think of fees"),
        # the one who does what the credits name: a haulier of "Haulage", a farmer of "Farm"
        ("what would the haulier do about lorries", ["Jo Hart"], "do about lorries"),
        ("why is the hill farmer worried", ["Kit Low"], "why worried"),
        ("what does the farmer say", ["Kit Low"], "what does the farmer say"),
        ("does the bunkhouse owner mind turbines", ["Rae Dunn"], "mind turbines"),
        ("why does the parish clerk want a hearing", ["Lu Berg"], "why want a hearing"),
        ("what does the mum want", ["Mo Ames"], "want"),
        # a search may start with the role; a qualifier alone is no role
        ("GP explanation of the closure", ["Pat Vale"], "the closure"),
        ("what's the retired baker's take", [], "what's the retired baker's take"),
        ("what is the bus driver afraid of", ["Jo Hart"], "afraid of"),
        # a representative or member is known by what they represent; "whats" lacks only its
        # apostrophe
        (
            "Why does the youth forum rep reckon students would use it?",
            ["Kay Stone"],
            "Why students would use it",
        ),
        ("is the forum member against the toll", ["Kay Stone"], "against the toll"),
        ("whats the bus driver's case for the toll", ["Jo Hart"], "the toll"),
        # a person known only by where they are from; "the teenager" alone is anyone
        (
            "the teenager from the youth forum - what does she think of it",
            ["Kay Stone"],
            "what does she think of it",
        ),
        ("what does the teenager think", [], "what does the teenager think"),
        # a misspelt title before a name is read as the title
        ("what does proffesor Vale think of the closure", ["Pat Vale"], "the closure"),
        # a question that is all frame keeps the verb that says a proposal is asked for
        ("What is the bus driver asking for?", ["Jo Hart"], "asking for"),
        # a thing is no role, though it ends like one: "the water" of a water company's engineer
        (
            "why is Jo Hart against putting fluoride in the water",
            ["Jo Hart"],
            "why against putting fluoride in the water",
        ),
    ],
)
def test_an_author_is_named_by_the_role_their_credits_give(
    question: str, speakers: list[str], topic: str
) -> None:
    reading = interpret(question, _by_role())
    assert (list(reading.authors), reading.topic) == (speakers, topic)


def test_two_writers_of_one_piece_are_one_author() -> None:
    entry = DocumentEntry("b", "c/b.txt", "T", "Aileen Brody and Kwame Asante", "h", 1, ())
    authors = catalog([entry, DocumentEntry("o", "c/o.txt", "T", "Dan Okafor", "h", 1, ())])
    for question in (
        "what are brody and asante demanding",
        "Brody & Asante on Okafor's promises",
        "what does Kwame Asante want",
        "what does Aileen think of the plan",
    ):
        assert interpret(question, authors).authors == ("Aileen Brody and Kwame Asante",)
    assert interpret("what does aileen brody do", authors).asks == "bio"


def test_a_role_word_held_whole_beats_one_held_by_its_stem() -> None:
    """ "The councillor" is the councillor, though the shopkeeper's credits say "council"."""
    entries = [
        DocumentEntry("t", "c/t.txt", "T", "Cllr Jane Doe", "h", 1, (), ("councillor", "doe")),
        DocumentEntry("r", "c/r.txt", "T", "Dev Roe", "h", 1, (), ("council", "shop", "roe")),
    ]
    assert interpret("what does the councillor think", catalog(entries)).authors == (
        "Cllr Jane Doe",
    )


def test_a_lone_apostrophe_after_the_is_no_role() -> None:
    for question in ("what does the ' say", "the ’s plan"):
        assert interpret(question, _by_role()).authors == ()


def test_a_role_names_a_mention_only_beside_a_speaker() -> None:
    # "the hydrologist" of a question about Cy Moss's letter is the hydrologist who wrote
    for question in (
        "what does Cy Moss think of the hydrologist",
        "what does Cy Moss think of the hydrologist's plan",
    ):
        reading = interpret(question, _by_role())
        assert (reading.authors, reading.mentions) == (("Cy Moss",), ("Dr Ada Quill",))
    # …but with no speaker, a role as an object names no one: any hydrologist may be meant
    reading = interpret("is anyone listening to the hydrologist", _by_role())
    assert (reading.authors, reading.mentions) == ((), ())


def test_titles_people_give_with_a_first_name() -> None:
    entries = [
        DocumentEntry("o", "c/o.txt", "T", "Sister Agnes Olawale", "h", 1, (), ("nurse",)),
        DocumentEntry("g", "c/g.txt", "T", "Rabbi Miriam Goldfarb", "h", 1, (), ("rabbi",)),
    ]
    authors = catalog(entries)
    assert interpret("What does Sister Agnes want done?", authors).authors == (
        "Sister Agnes Olawale",
    )
    assert interpret("why does the rabbi want it named", authors).authors == (
        "Rabbi Miriam Goldfarb",
    )


def test_descriptions_that_credits_word_otherwise() -> None:
    entries = [
        DocumentEntry("t", "c/t.txt", "T", "Sgt Jo Tre", "h", 1, (), ("sgt", "retd")),
        DocumentEntry("p", "c/p.txt", "T", "Al Pen", "h", 1, (), ("owner", "café", "salt")),
        DocumentEntry("r", "c/r.txt", "T", "Dr Ana Rao", "h", 1, (), ("lecturer", "university")),
        DocumentEntry("b", "c/b.txt", "T", "Tony Bray", "h", 1, (), ("chair", "dog", "rescue")),
        DocumentEntry("f", "c/f.txt", "T", "Ruby Fen", "h", 1, (), ("youth", "council", "run")),
        DocumentEntry("h", "c/h.txt", "T", "Cllr Hal Vose", "h", 1, (), ("cllr", "council")),
    ]
    authors = catalog(entries)
    for question, speaker in [
        ("what does the retired copper want the council to budget for", "Sgt Jo Tre"),
        ("whats the cafe owners beef with the council?", "Al Pen"),
        ("the scientist from the university - what ban would she propose?", "Dr Ana Rao"),
        ("the dog rescue chairman - why is he against the ban", "Tony Bray"),
        ("the 16 year old from the youth council - what does she think?", "Ruby Fen"),
        # "cllr" is the councillor's whole, where another's credits say only "council"
        ("what does the councillor think", "Cllr Hal Vose"),
    ]:
        assert interpret(question, authors).authors == (speaker,), question
    # "the retired teacher" is none of them
    assert interpret("what's the retired teacher's take", authors).authors == ()


def test_forms_of_the_fifth_outside_battery() -> None:
    # a nickname the credits give, in any case, alone, by its first word or before the surname
    entries = [
        DocumentEntry(
            "q",
            "c/q.txt",
            "T",
            "Bernadette Quin",
            "h",
            1,
            (),
            ("owner", "café"),
            (),
            ("Bernie the Bun",),
        ),
        DocumentEntry("t", "c/t.txt", "T", "Tobi Ade-Carne", "h", 1, (), ("youth", "council")),
        DocumentEntry(
            "z",
            "c/z.txt",
            "T",
            "Marek Zieliński",
            "h",
            1,
            (),
            ("development", "director", "saltmarsh", "vine"),
        ),
        DocumentEntry("p", "c/p.txt", "T", "Jory Pascoe", "h", 1, (), ("skipper",)),
        DocumentEntry("c", "c/c.txt", "T", "Cllr Priya Hale", "h", 1, (), ("cllr", "ward")),
        DocumentEntry("e", "c/e.txt", "T", f"Bay Tidings {BOARD}", "h", 1),
    ]
    authors = catalog(entries)
    for question, speakers, mentions in [
        ("bernie the bun on parking", ["Bernadette Quin"], []),
        ("whats bernies case for the cooperative", ["Bernadette Quin"], []),
        (
            "jory and bernie - what do they both want for the ground floor",
            ["Jory Pascoe", "Bernadette Quin"],
            [],
        ),
        ("what does tobi say about Bernie Quin", ["Tobi Ade-Carne"], ["Bernadette Quin"]),
        # "&" inside a role's phrase
        (
            "What does the Saltmarsh & Vine development director say about flood risk?",
            ["Marek Zieliński"],
            [],
        ),
        # the paper "according to", or "on" a topic
        ("according to the editorial, why slow down?", [f"Bay Tidings {BOARD}"], []),
        (
            "the paper on marek zielinskis concessions",
            [f"Bay Tidings {BOARD}"],
            ["Marek Zieliński"],
        ),
        ("Tidings on young Tobi", [f"Bay Tidings {BOARD}"], ["Tobi Ade-Carne"]),
        # a role's phrase stops at "and": two people
        ("the paper and the skipper on flood works", [f"Bay Tidings {BOARD}", "Jory Pascoe"], []),
    ]:
        r = interpret(question, authors)
        assert list(r.authors) == speakers and list(r.mentions) == mentions, question
    for question, bio in [
        ("which ward does Cllr Hale represent", "Cllr Priya Hale"),
        ("what boat does pascoe skipper", "Jory Pascoe"),
        ("how long was Pascoe harbour master", "Jory Pascoe"),
        ("what does Marek Zielinski do", "Marek Zieliński"),  # typed without its accent
        ("What position did Jory Pascoe hold at the harbour?", "Jory Pascoe"),
    ]:
        assert interpret(question, authors).bio_of == (bio,), question


def test_forms_of_the_sixth_outside_battery() -> None:
    entries = [
        DocumentEntry("b", "c/b.md", "T", "Prof. Anneke van der Berg", "h", 1, (), ("science",)),
        DocumentEntry("o", "c/o.md", "T", "Cllr Aoife O'Sullivan", "h", 1, (), ("cllr",)),
        DocumentEntry("r", "c/r.md", "T", "Rev Alan Thwaite", "h", 1, (), ("planning", "officer")),
        DocumentEntry("e", "c/e.md", "T", f"Kelsby Courier {BOARD}", "h", 1),
    ]
    authors = catalog(entries)
    berg, board = "Prof. Anneke van der Berg", f"Kelsby Courier {BOARD}"
    for question, speakers, topic in [
        # a surname with its particles, in any case, apart or run together
        ("van der berg on sleep disruption", [berg], "sleep disruption"),
        ("what does van der Berg think about sleep", [berg], "sleep"),
        ("vanderberg on sleep", [berg], "sleep"),
        # two speakers, each asked what they see as something
        (
            "van der Berg and Thwaite - what does each see as the biggest problem with the plan?",
            [berg, "Rev Alan Thwaite"],
            "the biggest problem with the plan",
        ),
        # the paper "backs"
        ("does the paper back the runway", [board], "back the runway"),
        # the "nt" of "argument" is no "not"
        ("what's o'sullivan's main argument", ["Cllr Aoife O'Sullivan"], None),
        (
            "why doesnt O'Sullivan trust the survey",
            ["Cllr Aoife O'Sullivan"],
            "why not trust the survey",
        ),
    ]:
        r = interpret(question, authors)
        assert list(r.authors) == speakers, question
        assert topic is None or r.topic == topic, question
        assert "not" not in r.topic.split() or "not" in topic, question
    # a person who wrote nothing is spoken about; a place or a law is no person
    assert interpret("what does van der Berg say about Sandra Okafor", authors).mentions == (
        "Sandra Okafor",
    )
    assert interpret("Thwaite on the minister, Dr Jeremy Colbright", authors).mentions == (
        "Jeremy Colbright",
    )
    assert interpret("what does Thwaite say about Port Alder and the Act", authors).mentions == ()
    for question, bio in [
        ("how long was Alan Thwaite chief planning officer", "Rev Alan Thwaite"),
        ("what's o'sullivan's cabinet portfolio", "Cllr Aoife O'Sullivan"),
    ]:
        assert interpret(question, authors).bio_of == (bio,), question


def test_forms_of_the_seventh_outside_battery() -> None:
    entries = [
        DocumentEntry("c", "c/c.md", "T", "Dr. Wei Chen", "h", 1, (), ("fellow", "institute")),
        DocumentEntry("r", "c/r.md", "T", "Priya Raghunathan", "h", 1, (), ("professor",)),
        DocumentEntry(
            "k",
            "c/k.md",
            "T",
            "Marek Kowalski-Byrne",
            "h",
            1,
            (),
            ("general", "secretary", "union"),
        ),
        DocumentEntry("e", "c/e.md", "T", f"National Ledger {BOARD}", "h", 1),
    ]
    authors = catalog(entries)
    chen, union, board = "Dr. Wei Chen", "Marek Kowalski-Byrne", f"National Ledger {BOARD}"
    for question, speakers, topic in [
        # the topic first, then a comma
        ("on the timetable, what's chen's view", [chen], None),
        # an organisation only one writer speaks for, and its boss
        ("why is the union against waiting until 2030", [union], None),
        ("what does the think tank guy reckon about the pilot data", [chen], "the pilot data"),
        ("what's the union boss's main point", [union], None),
        # a title before a misspelt name
        ("prof raghunathen on 10 hour shifts", ["Priya Raghunathan"], "10 hour shifts"),
        # a name with an "s" too many
        ("Is Prof. Raghunathans against 10 hour shifts?", ["Priya Raghunathan"], None),
        # the editorial's (or the paper's) view
        ("what is the editorial's position on the bill", [board], "the bill"),
    ]:
        r = interpret(question, authors, known=lambda w: w != "raghunathen")
        assert list(r.authors) == speakers, question
        assert topic is None or r.topic == topic, question
    assert interpret("which think tank is dr chen at", authors).bio_of == (chen,)
    # a tank is no think tank
    assert interpret("what does Raghunathan say about the tank", authors).mentions == ()
    # "the other" is no role, whoever's credits say "other"
    odd = catalog(
        [*entries, DocumentEntry("o", "c/o.md", "T", "Oklahoma City", "h", 1, (), ("other",))]
    )
    assert interpret("what is the other Hindu temple near Richmond?", odd).authors == ()


def test_a_writers_feelings_and_anothers_promise_are_no_credits() -> None:
    # "I am grateful", "I am not against…" and another's promise about "our school" say
    # nothing of who the writer is; "I am a parent" and "our school" of her own do
    text = (
        "The planes will fly over the classroom\n\nI am not against the airport. I am a parent "
        "of two at Linthorpe Primary. Cllr Aoife Roe has promised that our school will be "
        "insulated. I am grateful, but windows must open.\n\nOur school has stood for 90 years."
    )
    roles = role_words(text, kept_spans(text), "Ann Poe")
    assert {"parent", "school"} <= set(roles)
    assert not {"cllr", "aoife", "against", "grateful", "insulated"} & set(roles)


def test_a_rank_retired_in_brackets_is_no_part_of_the_name() -> None:
    assert by_line("By Sgt (retd) Jane Doe") == "Sgt Jane Doe"
    assert by_line("By Jane Doe (Retd.), former chief inspector") == "Jane Doe"


def test_half_a_double_barrelled_surname_takes_a_title() -> None:
    entries = [
        DocumentEntry("a", "c/a.txt", "T", "Cllr Rowan Achterberg-Fynn", "h", 1, ()),
        DocumentEntry("p", "c/p.txt", "T", "William Pardew", "h", 1, ()),
    ]
    authors = catalog(entries)
    for question in (
        "Councillor Fynn's main argument for building it?",
        "what does Cllr Fynn want",
    ):
        assert interpret(question, authors).authors == ("Cllr Rowan Achterberg-Fynn",), question
    # a title before another surname is no one's
    assert interpret("what does Councillor Fynnegan want", authors).authors == ()


def test_an_author_is_named_by_the_organisation_of_their_bio() -> None:
    entry = DocumentEntry(
        "r", "c/r.txt", "T", "Ines Ravenscroft", "h", 1, ("University of Carrowfield",)
    )
    authors = catalog([entry])
    assert interpret("what does the Carrowfield student think of leaks", authors).authors == (
        "Ines Ravenscroft",
    )
    assert interpret("where is the University of Carrowfield", authors).authors == ()


def test_a_mentioned_author_is_searched_not_filtered(opinion: Pipeline) -> None:
    r = opinion.ask("What does Okonjo think of Halvorsen's job forecast?")
    docs = {a.citation.doc_id for a in r.answers + r.closest}
    assert docs == {"okonjo-homes-before-boxes"}
    assert any("600 jobs" in a.text for a in r.answers + r.closest)


def test_a_reported_view_is_quoted_with_the_writers_reply(opinion: Pipeline) -> None:
    # the reply takes two sentences: "He is right to care…, and wrong about the geography."
    # only announces it
    r = opinion.ask("How does Halvorsen respond to Wrenfield's warning about the eelgrass?")
    first = r.answers[0]
    assert first.text.startswith("Tobias Wrenfield warns")
    assert "outer approach channel" in first.text
    assert "\n\n" not in first.text


def test_a_named_claim_is_quoted_with_the_reply_to_it(tmp_path: Path) -> None:
    # no verb of saying: the sentence only names the other author, and the reply follows it
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# The Lamps Should Stay On\n\nBy Jane Roe\n\n"
            "Start with John Doe's four per cent fall in night-time crime during the trial. "
            "It rests on three fewer incidents than the year before. "
            "Three incidents in a ward of eight thousand people is ordinary year-to-year noise."
            "\n\nThe council should keep every lamp on the bus routes lit until the spring.\n",
            "doe.md": "# Switch Them Off\n\nBy John Doe\n\n"
            "During the trial night-time crime in the ward fell by four per cent. "
            "Switching the lamps off saves the council money every year.\n",
        },
    )
    r = pipe.ask("What does Roe make of Doe's crime figure?")
    assert r.interpretation.authors == ("Jane Roe",)
    first = (r.answers or r.closest)[0]
    assert first.text.startswith("Start with John Doe's") and "noise" in first.text


def test_two_speakers_reply_to_each_other_and_no_half_headline_answers(tmp_path: Path) -> None:
    # asked how two writers differ, a sentence of one naming the other is quoted with the
    # reply; a headline of two sentences is split like any line, and neither half answers,
    # nor does the deck under it
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Lamps On\n\nBy Jane Roe\n\n"
            "The lamps on the bus routes were switched off in March.\n\n"
            "Mr Doe, in his letter to the Gazette, says the dark streets have cut crime. "
            "Three fewer incidents in a ward of eight thousand people is ordinary noise.\n",
            "doe.md": "# Switch Them Off\n\nBy John Doe\n\n"
            "Since the switch-off, night-time crime in the ward has fallen by four per cent. "
            "Switching the lamps off saves the council money every year.\n",
            "poe.md": "# Stop propping up the old pier. Build the new one now.\n\n"
            "## The old pier has had its day. The town needs the new pier.\n\nBy Ann Poe\n\n"
            "Forty years is a long life for a pier. The responsible thing now is to let the old "
            "pier close next spring and to spend its repair money on the new one.\n",
        },
    )
    r = pipe.ask("How do Roe and Doe differ on crime in the dark streets?")
    assert r.interpretation.authors == ("Jane Roe", "John Doe")
    roe = [a for a in r.answers if a.citation.author == "Jane Roe"]
    assert roe and roe[0].text.startswith("Mr Doe, in his letter") and "noise" in roe[0].text
    r = pipe.ask("What does Poe want done with the old pier?")
    texts = [a.text for a in r.answers + r.closest]
    halves = ("Stop propping", "Build the", "The old pier has had", "The town needs")
    assert texts and not any(t.lstrip("# ").startswith(halves) for t in texts)


def test_a_writer_says_who_they_are_and_a_letter_is_signed(tmp_path: Path) -> None:
    # the only bio is the writer's own "I run…"; the letter's "Name, Town" is not an answer
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Ferry at Town Steps\n\nBy Jane Roe\n\n"
            "I run the café and the chandlery at the bottom of Harbour Street. "
            "Half of my trade walks off the ferry.\n\n"
            "Moving the landing to the point would empty the street by noon.\n",
            "letter.txt": "Move the ferry\n\nSir, the point is the better landing for the "
            "ambulance.\n\nYours faithfully,\n\nJohn Doe, Kelsby Quay\n",
        },
    )
    assert {e.author for e in pipe.index.entries} == {"Jane Roe", "John Doe"}
    r = pipe.ask("What does Jane Roe do for a living?")
    assert not r.abstained and r.answers[0].text.startswith("I run the café")
    r = pipe.ask("Who lives in Kelsby Quay?")
    assert all("John Doe, Kelsby Quay" not in a.text for a in r.answers + r.closest)


def test_a_standfirst_says_who_writes_and_two_writers_have_one_bio(tmp_path: Path) -> None:
    # a standfirst answers who its writer is and nothing else; a bio of either writer of a
    # piece by two is theirs; "I'm a mum of three…" says who a writer credited in metadata is
    pipe = _small_corpus(
        tmp_path,
        {
            "hart.md": "# Twenty Is Plenty\n\nJo Hart, road safety officer at Carrow County "
            "Council, answers the critics of the village speed limit.\n\n"
            "I have seen what a car at thirty does to a child. My proposal is simple: a limit "
            "of twenty in every village, with speed cameras at the schools. I will not back "
            "down on that.\n",
            "lee.md": "# A Library You Cannot Reach\n\nBy Ann Lee and Bo Kim\n\nA library "
            "you cannot reach is no library. Free buses would not fix that for wheelchair "
            "users.\n\nAnn Lee coordinates the Carrow Disability Alliance.\n",
            "ames.md": "# The School Run\n\nI'm a mum of three and I work in the school "
            "office. The lorries on the school run frighten every parent I know.\n",
            "ames.md.meta.json": '{"author": "Mo Ames"}',
        },
    )
    r = pipe.ask("what does Jo Hart propose for the villages")
    assert not r.abstained
    assert all("answers the critics" not in a.text for a in r.answers)
    r = pipe.ask("who is Jo Hart")
    assert not r.abstained and "road safety officer" in r.answers[0].text
    r = pipe.ask("what does Ann Lee do")
    assert not r.abstained and r.answers[0].text.startswith("Ann Lee coordinates")
    r = pipe.ask("who is Mo Ames")
    assert not r.abstained and r.answers[0].text.startswith("I'm a mum of three")
    r = pipe.ask("speed cameras at the schools - whose proposal?")
    assert r.interpretation.asks == "person" and r.answers[0].person == "Jo Hart"


def test_a_plain_text_standfirst_under_the_headline_credits_the_writer(tmp_path: Path) -> None:
    # "Headline\nJane Doe, a retired planner, says…" with no blank line between: the headline,
    # the standfirst and the body stay apart, and the standfirst says who writes
    pipe = _small_corpus(
        tmp_path,
        {
            "depot.txt": "Why the bus depot must stay\nJane Doe, a retired transport planner, "
            "says the council has its numbers wrong.\n\nThe plan to sell the depot rests on a "
            "forecast that passengers will fall away. I spent thirty years making such "
            "forecasts, and I know how easily they go wrong. My advice is to keep the depot.\n",
            "sale.txt": "Sell the depot\nBy John Roe\n\nThe depot site is worth four million "
            "pounds, and that money would buy twelve electric buses.\n",
        },
    )
    doc = pipe.documents["depot"]
    assert (doc.title, doc.author) == ("Why the bus depot must stay", "Jane Doe")
    r = pipe.ask("who is Jane Doe")
    assert not r.abstained
    assert r.answers[0].text.startswith("Jane Doe, a retired transport planner")
    r = pipe.ask("what does Jane Doe think of the forecast")
    assert r.interpretation.authors == ("Jane Doe",) and not r.abstained
    assert all("bus depot must stay" not in a.text for a in r.answers)
    assert all("retired transport planner" not in a.text for a in r.answers)


def test_the_writer_is_a_bio_with_no_name(tmp_path: Path) -> None:
    # a newspaper's "The writer is…" describes the byline's writer and answers nothing else
    pipe = _small_corpus(
        tmp_path,
        {
            "doe.md": "# Tax the Arena, Not the Shoppers\n\nBy Jane Doe\n\nA sales tax falls "
            "hardest on the poor. I would pay for the arena with a ticket surcharge instead.\n\n"
            "The writer is a professor of economics at Carrow State University.\n",
            "roe.md": "# Build It\n\nBy John Roe\n\nThe arena will bring jobs downtown.\n",
        },
    )
    r = pipe.ask("who is Jane Doe")
    assert not r.abstained and r.answers[0].text.startswith("The writer is a professor")
    r = pipe.ask("what does the economics professor want instead of a sales tax")
    assert r.interpretation.authors == ("Jane Doe",)
    assert all("The writer is" not in a.text for a in r.answers)
    # …unless a "which author" question asks what a writer does
    r = pipe.ask("which author is a professor of economics")
    assert r.answers[0].person == "Jane Doe" and r.answers[0].text.startswith("The writer is")


def test_a_why_question_is_answered_with_the_reason_after_the_claim(tmp_path: Path) -> None:
    # writers state a claim, then why: a quote that gives no reason takes the next sentence,
    # and one that does ("because…") stands alone; never across a paragraph break
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Market on the Square\n\nBy Jane Roe\n\n"
            "The council wants to move the Wednesday market to the wharf next spring. "
            "I oppose moving the market to the wharf. "
            "Half of the stalls sell fresh fish that cannot wait in a hot van while customers "
            "look for a parking space.\n\n"
            "I want a glass roof over the square because rain closed the market on twelve "
            "Wednesdays last year. Glass is cheaper than a move.\n\n"
            "The council should keep the stall fees where they are.\n\n"
            "The traders' association has asked for the same thing for a decade.\n",
            "doe.md": "# The Wharf Is the Future\n\nBy John Doe\n\n"
            "The wharf has parking for four hundred cars and a bus stop at its gate. "
            "Moving the market there would double its customers within a year.\n",
        },
    )
    r = pipe.ask("Why is Jane Roe against the wharf plan?")
    assert r.answers[0].text.startswith("I oppose") and r.answers[0].text.endswith("space.")
    r = pipe.ask("Why does Roe want a glass roof over the square?")
    assert r.answers[0].text.startswith("I want") and r.answers[0].text.endswith("last year.")
    r = pipe.ask("Why does Roe think the council should keep the stall fees?")
    assert r.answers[0].text == "The council should keep the stall fees where they are."
    # the same claim asked "what", not "why", is quoted alone
    r = pipe.ask("What does Roe think of moving the market to the wharf?")
    assert r.answers[0].text == "I oppose moving the market to the wharf."


def test_a_sentence_that_announces_the_next_is_quoted_with_it(tmp_path: Path) -> None:
    # "Here is my proposal." or the writer's own question says nothing until the next sentence;
    # a view the writer reports ("Some traders say…") comes with the writer's answer to it
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Market on the Square\n\nBy Jane Roe\n\n"
            "The council wants to move the Wednesday market to the wharf next spring. "
            "Here is my proposal for the Wednesday market. "
            "Leave the stalls on the square and put a glass roof over its north side.\n\n"
            "What do I want from the council's market review? "
            "A written promise that no trader loses a pitch.\n\n"
            "Some traders say the wharf will bring new customers to the market. "
            "I have seen no evidence of that, and the council's own footfall count says the "
            "opposite.\n\n"
            "There is one thing I would ask of the market committee, whatever it decides. "
            "Publish the footfall count every month.\n\n"
            "So here is what I would ask of the parking office before the move:\n\n"
            "Keep the bays on the square free for stall vans on Wednesdays.\n",
            "doe.md": "# The Wharf Is the Future\n\nBy John Doe\n\n"
            "The wharf has parking for four hundred cars and a bus stop at its gate. "
            "Moving the market there would double its customers within a year.\n",
        },
    )
    for question, opening, answer in (
        ("What is Jane Roe's proposal for the Wednesday market?", "Here is my", "glass roof"),
        ("What does Roe want from the council's market review?", "What do I", "written promise"),
        ("Does Roe think the wharf will bring new customers?", "Some traders", "no evidence"),
        ("What does Roe ask of the market committee?", "There is one thing", "footfall count"),
        ("What would Roe ask of the parking office?", "So here is what", "stall vans"),
    ):
        r = pipe.ask(question)
        first = (r.answers or r.closest)[0]
        assert first.citation.author == "Jane Roe", question
        assert first.text.startswith(opening) and answer in first.text, question
    # a colon closing a paragraph introduces the next one; within a paragraph, nothing new
    assert introduces("Here is what I would ask:", "\n\n")
    assert not introduces("Here is what I would ask:", "\n\nImage: Reuters\n\n")
    assert not introduces("Here is what I would ask.", "\n\n")
    # …and a count of what the next paragraph lists, "First, …"
    assert introduces("The board should add three protections.", "\n\n", "First, a warrant.")
    assert not introduces("The board should add three protections.", "\n\n", "The cap is low.")
    assert not introduces("The board should act.", "\n\n", "First, a warrant.")
    assert leans_forward("There are two things we need from the council.", "A roof.")
    assert leans_forward("If you want to help, there is one thing you can do.", "Tip in cash.")
    assert not leans_forward("If it rains, there are two problems with it.", "The roof leaks.")
    assert not leans_forward("There are two things wrong with the plan.", "The roof leaks.")
    assert leans_forward("So my advice to the council is this.", "Keep the square.")
    assert leans_forward("I would back it if three conditions were met.", "First, a roof.")
    assert leans_forward("First, compensation.", "Every household should be paid.")
    assert leans_forward("On the ticket levy, I will be candid.", "I would accept £1.")
    assert leans_forward("Let me be plain about where I stand.", "I back the levy.")
    assert not leans_forward("I want to be clear that I favour the levy.", "It is fair.")
    assert leans_forward("We propose two things.", "Keep the stalls.")
    assert leans_forward("One last point.", "The roof leaks.")
    assert not leans_forward("Two things changed in May.", "The roof leaks.")
    assert not leans_forward("I support this.", "It costs less.")
    assert not leans_forward('He said: "go home."', "We did.")
    # what a recommendation or the figures say, the next sentence says
    assert leans_forward("Roe: My recommendation would be a staged approach.", "Keep it.")
    assert leans_forward("The response time figures tell the story.", "Oldmere waits longer.")
    assert leans_forward("Look at the numbers.", "Oldmere waits longer.")
    assert not leans_forward("My plan is to sell the site to the highest bidder in June.", "So.")
    assert not leans_forward("My answer is no.", "We vote no.")
    # a better way, or where to start, that the next sentence gives
    assert leans_forward("There is a better use of European money.", "Fund air defence.")
    assert leans_forward("There is a better way.", "Fund air defence.")
    assert leans_forward("Start with what the compact actually is.", "France will rotate jets.")
    assert not leans_forward("There is a better chance of rain today.", "So.")
    # a topic named for the next sentence to take up
    for sentence in (
        "Then there is voter identification.",
        "There is also the question of cost.",
        "Which brings me to the buses.",
    ):
        assert leans_forward(sentence, "Young voters are turned away more often."), sentence
    for sentence in (
        "There is also a risk that turnout falls among young voters.",
        "There is also a risk that turnout falls.",
        "There are also fewer buses now.",
        "There's also no evidence it works.",
        "Then there is little point.",
    ):
        assert not leans_forward(sentence, "So."), sentence
    # …not when it says what: "a better way to fund it: a precept", "Start with a land tax."
    for sentence in (
        "There is a better way to fund the library: a parish precept.",
        "There is a better use for the site than flats.",
        "There is a cheaper option in the existing depot.",
        "Start with a land value tax.",
        "Begin with the end in mind.",
    ):
        assert not leans_forward(sentence, "So."), sentence


def test_a_question_asking_for_a_proposal_is_answered_with_one(tmp_path: Path) -> None:
    # the reranker likes the sentences about the plan to be replaced; of the first three
    # answers, the one that proposes something comes first, and the best score still decides
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Market on the Square\n\nBy Jane Roe\n\n"
            "The council's plan to move the Wednesday market to the wharf would cost £4 million. "
            "Moving the market to the wharf would take it away from the bus station and the "
            "shops. Most of its customers buy because they are already passing.\n\n"
            "Keep the market on the square instead, and spend a fraction of that money on a "
            "glass roof. The traders have asked for both for ten years.\n",
            "doe.md": "# The Wharf Is the Future\n\nBy John Doe\n\n"
            "The wharf has parking for four hundred cars and a bus stop at its gate. "
            "Moving the market there would double its customers within a year.\n",
        },
    )
    r = pipe.ask("What does Roe propose instead of the wharf plan?")
    assert not r.abstained
    assert r.answers[0].text.startswith("Keep the market on the square instead")
    assert max(a.score for a in r.answers) > r.answers[0].score
    # a question that asks no proposal keeps the order of the scores
    r = pipe.ask("What does Roe think of moving the market to the wharf?")
    assert [a.score for a in r.answers] == sorted((a.score for a in r.answers), reverse=True)
    assert asks_proposal("what would Doe do instead of the levy")
    assert asks_proposal("What conditions does Roe want attached to the licence?")
    assert asks_proposal("Who wants the site capped at twelve storeys?")
    assert not asks_proposal("Why does Roe oppose the levy?")
    assert not asks_proposal("Who supports the levy?")
    assert asks_proposal("how does Roe think the arena should be paid for")
    assert asks_proposal("What would Roe require before backing the turbines?")
    assert asks_proposal("What does Roe want from the developer in return?")
    assert not asks_proposal("Why does Roe think the council should drop the levy?")
    assert not asks_proposal("How many demands does Roe make?")
    assert states_proposal("First, recruit more midwives.")
    assert states_proposal("The city should tax profits instead.")
    assert states_proposal("I'd rather see it fund a minimum wage.")
    assert states_proposal("But the answer to queues is a booking system for cars.")
    assert not states_proposal("The levy would cost every household £40.")


def _small_corpus(tmp_path: Path, files: dict[str, str]) -> Pipeline:
    """An index of ``files`` (name -> text) built in ``tmp_path``, opened."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    qa.build_index(str(corpus), str(tmp_path / "index"))  # the API takes strings too
    return Pipeline.open(tmp_path / "index")


def test_two_speakers_get_one_answer_each(opinion: Pipeline) -> None:
    r = opinion.ask("What do Okonjo and Brisbois say about the housing waiting list?")
    assert not r.abstained
    authors = [a.citation.author for a in r.answers]
    assert {"Desmond Okonjo", "Nadia Brisbois"} <= set(authors[:2])


def test_bio_questions_are_answered_from_the_bio_line(opinion: Pipeline) -> None:
    r = opinion.ask("Who is Ines Halvorsen?")
    assert not r.abstained
    assert r.answers[0].text.startswith("Ines Halvorsen is a port economist")
    r = opinion.ask("Where does Nadia Brisbois work?")
    assert bio_subject(r.answers[0].text) == "Nadia Brisbois"
    # other ways of asking who someone is
    for question in (
        "what is Halvorsen's occupation",
        "who does Halvorsen work for",
        "what organisation does Halvorsen represent",
        "where is Halvorsen based",
        "describe Halvorsen",
        "who exactly is Halvorsen",
    ):
        r = opinion.ask(question)
        assert r.interpretation.bio_of == ("Ines Halvorsen",), question
        assert r.answers[0].text.startswith("Ines Halvorsen is a port economist"), question


def test_bio_lines_and_headlines_do_not_answer_other_questions(opinion: Pipeline) -> None:
    for question in (
        "What does the Northsea Institute economist think about the eelgrass?",
        "What does Halvorsen want done with the old rail yard?",
        "Why My Friends Are Leaving Marrow Bay",
    ):
        r = opinion.ask(question)
        for a in r.answers + r.closest:
            doc = opinion.documents[a.citation.doc_id]
            assert bio_subject(a.text) is None, (question, a.text)
            assert a.text.lstrip("# ") != doc.title, (question, a.text)


def test_which_author_questions_name_the_person(opinion: Pipeline) -> None:
    r = opinion.ask("Which author wants the yard turned into a park with a restored saltmarsh?")
    assert not r.abstained
    assert r.answers[0].person == "Tobias Wrenfield"
    obj = r.to_json()
    assert obj["answers"][0]["person"] == "Tobias Wrenfield"  # type: ignore[index]
    # a writer reporting what another wants ("Farrelly wants the council to save the shed, and
    # I like old buildings as much as…") is not who points it out
    r = opinion.ask("Who points out that the old engine shed is protected and hard to knock down?")
    # (its score sits at the threshold, and int8 arithmetic differs a little from one CPU to
    # another, so what is asserted is who comes first, answered or not)
    assert (r.answers or r.closest)[0].person == "Harriet Quennell"
    # a gold set may give the name as the answer: the name shown before the quote holds it
    question = "Which author wants the yard turned into a park with a restored saltmarsh?"
    gold = [
        GoldQuestion(
            "w", question, ["Tobias Wrenfield"], ["wrenfield-leave-the-bay-its-lungs"], "who"
        )
    ]
    assert evaluate_gold(opinion, gold, "names", "hybrid").metrics["hit@1"] == 1.0


def test_a_speaker_asked_about_what_they_never_mention_is_refused(opinion: Pipeline) -> None:
    for question in (
        "What did Halvorsen say about school lunches?",
        "What did Farrelly say about the town's football club?",
    ):
        assert opinion.ask(question).abstained, question


def test_a_person_no_document_names_is_refused_and_said_so(
    opinion: Pipeline, pipeline: Pipeline
) -> None:
    # nobody of that name is in the corpus, so nothing in it is their view
    r = opinion.ask("What does Harriet Dunmore of the ferry union think about the yard?")
    assert r.abstained and r.interpretation.absent == ("Harriet Dunmore",)
    assert "named in no document: Harriet Dunmore" in render(r)
    assert opinion.ask("What is Dunmore's view on the yard?").interpretation.absent == ("Dunmore",)
    # a capitalised first word ("Tesla patented…"), a place or a thing is no speaker
    for question in (
        "Dunmore said what about the yard?",
        "How long did the ban in Carrowfield last?",
        "How much would Hollin Water cost to run?",
    ):
        assert opinion.ask(question).interpretation.absent == (), question
    # a person the bundled op-eds only mention is searched for as before
    r = pipeline.ask("What does Henry Kissinger think about Korea?")
    assert r.interpretation.others == ("Henry Kissinger",) and r.interpretation.absent == ()
    assert not r.abstained


@pytest.mark.parametrize(
    "sentence,who",
    [
        ("Heilbrunn envisions the following specifics: a treaty.", "Heilbrunn"),
        ("Critics say the charge is a tax.", "others"),
        ("Okafor's answer is that buses will do.", "Okafor"),
        ("Jane Doe, the trust's chief executive, insists it is safe.", "Doe"),
        ("People sometimes tell me that this is an emotional campaign.", "others"),
        ("Some governors argued for deeper cuts.", "others"),
        ("Paris, the capital of France, is large.", None),
        ("The council has argued that a roof will do.", "others"),
        ("The developer says this cannot fit 300 homes.", "others"),
        ("There is a strand of green opinion that treats visitors as a problem.", "others"),
        ("The evidence says little.", None),
        ("The United States wants Korea to disarm.", None),
        ("I think the council should wait.", None),
        ("Mrs Thewlis of the customer forum is reported as saying that fines help.", "Thewlis"),
        ("Councillor Pryce has argued that the line loses money.", "Pryce"),
        ("Doe has been quoted as saying the quarry is safe.", "Doe"),
        ("Doe has three children.", None),
        ("Jane Doe, a retired inspector, has written that crime is rare.", "Doe"),
        ("Jane Doe, a retired inspector, has lived here for years.", None),
        ("The Bank of England has said rates will rise.", None),
        # a paper, a colleague, a body named by its kind, in the past tense too
        ("My own newspaper argued last week that Britain should join.", "others"),
        ("The council argued that the road is safe.", "others"),
        ("My colleague said that the scheme works.", "others"),
        ("Our opponents say that it fails.", "others"),
        ("Our plan says that we will keep the stalls.", None),
        ("My view is that it works.", None),
        # the writer among them, the writer's own work or body, or their evidence
        ("My colleagues and I argued that the levy is unfair.", None),
        ("Our union has argued that the cuts are unlawful.", None),
        ("My last column argued that it works.", None),
        ("The last time I argued that, I was shouted down.", None),
        ("The latest figures say that it works.", None),
    ],
)
def test_whose_view_a_sentence_reports(sentence: str, who: str | None) -> None:
    assert reported_by(sentence) == who


@pytest.mark.slow
def test_json_and_reading_line_show_speakers_and_mentions(opinion_index: Path) -> None:
    question = "What does Okonjo think of Halvorsen's job forecast?"
    r = run_qa("ask", question, "--index", str(opinion_index), "--json")
    assert r.returncode == 0, r.stderr
    reading = json.loads(r.stdout)["interpretation"]
    assert reading["speakers"] == ["Desmond Okonjo"]
    assert reading["mentions"] == ["Ines Halvorsen"]
    r = run_qa("ask", question, "--index", str(opinion_index))
    assert "speaker Desmond Okonjo · mentions Ines Halvorsen" in r.stdout


@pytest.mark.slow
def test_quality_floors_on_the_opinion_gold_set(opinion: Pipeline) -> None:
    """Floors a little below the figures measured when this corpus was added (eval/README)."""
    questions = load_gold(GOLD)
    assert len(questions) >= 40 and sum(not q.answers for q in questions) >= 8
    for q in questions:
        for a in q.answers:
            assert any(a in opinion.documents[d].text for d in q.doc_ids), q.id
    m = evaluate_gold(opinion, questions, "opinion.jsonl", "hybrid").metrics
    floors = {"hit@1": 0.74, "hit@3": 0.88, "attribution": 0.94, "abstention_recall": 0.8}
    for name, floor in floors.items():
        assert m[name] >= floor, (name, m[name])


def test_an_author_is_named_by_first_name_half_a_surname_or_a_slip(opinion: Pipeline) -> None:
    """A first name or half a double-barrelled surname names the one author it fits; a word no
    document holds names the one author whose name it is like (a misspelling)."""
    entries = [
        DocumentEntry(n.split()[-1], f"c/{n}.txt", "T", n, "h", 1)
        for n in ("Bernadette Okafor-Lyle", "Tom Lyle", "Jane Doe", "Jane Roe", "Jade Mbatha")
    ]
    authors = catalog(entries)
    for question, speakers in [
        ("did jade think the pouches work", ["Jade Mbatha"]),
        ("what does Okafor think of the track", ["Bernadette Okafor-Lyle"]),
        ("what does Lyle think of the track", ["Tom Lyle"]),  # his surname, not her half
        ("what does Jane think of the track", []),  # two authors are called Jane
        ("mbathas view on the pouches", ["Jade Mbatha"]),
    ]:
        assert list(interpret(question, authors).authors) == speakers, question
    # a nickname of one author's first name; lower case, "bill" is a word
    entries = [
        DocumentEntry(n.split()[-1], f"c/{n}.txt", "T", n, "h", 1)
        for n in ("Oliver Brandt", "William Roe", "Jane Doe", "Helen Marsh", "Ellie Vance")
    ]
    authors = catalog(entries)
    for question, speakers in [
        ("What does Ollie think about the lanes?", ["Oliver Brandt"]),
        ("Ellie's got an idea about the lanes, what is it", ["Ellie Vance"]),  # not Helen's
        ("compare ollie brandt and jane doe on the lanes", ["Oliver Brandt", "Jane Doe"]),
        ("what does Bill say about the lanes", ["William Roe"]),
        ("what does the bill say about the lanes", []),
    ]:
        assert list(interpret(question, authors).authors) == speakers, question
    authors = catalog(opinion.index.entries)
    known = opinion.index.lexical.knows
    slip = "What does Halvorson want done with the yard?"
    assert interpret(slip, authors).authors == ()
    assert interpret(slip, authors, known=known).authors == ("Ines Halvorsen",)
    # a word the documents hold is never taken for a slip, however alike
    assert interpret("what does the harbour say about housing", authors, known=known).authors == ()
    reading, _ = opinion.read(slip, RetrievalParams())
    assert (reading.authors, reading.absent) == (("Ines Halvorsen",), ())


def test_who_is_a_writer_credited_in_metadata_only(tmp_path: Path) -> None:
    """With no bio line, "who is X" is answered by how the piece introduces X: a standfirst
    naming them by role, or their own "As a retired engineer…, I…"."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    pieces = {
        "park": (
            "Eve Park",
            "Why the cap is right\n\nThe plan has drawn criticism. Here its vice-chancellor sets "
            "out the case for it.\n\nWe cannot house everyone. The cap protects students.",
        ),
        "moss": (
            "Cy Moss",
            "Fix the leaks\n\nAs a retired civil engineer who spent thirty years mending mains "
            "across the county, I have followed the row closely.\n\nThe ban was avoidable.",
        ),
    }
    for name, (author, text) in pieces.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = {"title": text.split("\n")[0], "author": author}
        (corpus / f"{name}.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    qa.build_index(corpus, tmp_path / "index")
    pipe = Pipeline.open(tmp_path / "index")
    r = pipe.ask("who is Eve Park")
    assert not r.abstained and r.answers[0].text.endswith("sets out the case for it.")
    r = pipe.ask("what does Cy Moss do")
    assert not r.abstained and r.answers[0].text.startswith("As a retired civil engineer")


def test_who_is_an_author_no_piece_of_theirs_describes(tmp_path: Path) -> None:
    # Roe's piece says nothing of her; Doe's names her in passing, and that answers "who is"
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Pool Open\n\nBy Jane Roe\n\nThe pool is the only place in "
            "town where children learn to swim. Closing it would save very little.\n",
            "doe.md": "# The Pool Costs Too Much\n\nBy John Doe\n\nJane Roe, the swimming "
            "club's treasurer, says the pool saves the town money. The accounts say otherwise: "
            "it loses forty thousand pounds a year.\n",
            "poe.md": "# Parking on the Green\n\nBy Ann Poe, PhD\n\nThe green is no car park. "
            "Mark Loe wants it paved, and he is wrong.\n",
        },
    )
    r = pipe.ask("who is Jane Roe")
    assert not r.abstained and r.answers[0].text.startswith("Jane Roe, the swimming club")
    assert r.answers[0].citation.author == "John Doe"
    # nobody says who Ann Poe is ("PhD" is a degree, not a job): "who is" is refused
    assert pipe.ask("who is Ann Poe").abstained
    assert apposed("Later the club's treasurer, Jane Roe, spoke.", "Jane Roe")
    assert not apposed("I met Jane Roe, and we talked.", "Jane Roe")


def test_a_proposal_someone_is_reported_to_make_is_not_the_writers(tmp_path: Path) -> None:
    # Doe reports Roe's call and answers it with his own "should": "who argues for a vote"
    # is Roe, whose own sentence proposes it
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Ask the Town First\n\nBy Jane Roe\n\nI think the council should not "
            "sign the lease yet. Or rather: it should hold a public vote first, and sign only if "
            "the town agrees.\n",
            "doe.md": "# Sign the Lease\n\nBy John Doe\n\nJane Roe of the Courier has called "
            "for a public vote on the lease before the council signs. I understand the appeal, "
            "but the council should sign now.\n",
        },
    )
    r = pipe.ask("Who argues the council should hold a public vote before signing the lease?")
    assert r.answers[0].person == "Jane Roe"


LIDO = {
    "Cllr Gareth Pryce-Jones": "Sell the lido\n\nBy Cllr Gareth Pryce-Jones (Con), cabinet "
    "member for finance, Ashcombe District Council\n\nThe repairs cost too much.",
    "Sandra de Vries": "Not houses either\n\nBy Sandra de Vries QC, retired barrister and chair "
    "of the Lidford Road Residents' Association\n\nMake it a park.",
    "Bernard Okafor": 'Keep it open\n\nWritten by Bernard "Barney" Okafor, who runs Okafor\'s '
    "Bakery on Quay Street\n\nTrade doubles on hot days.",
    "Jayden Osei-Mensah": "Ask us\n\nBy Jayden Osei-Mensah, 15, Member of the UK Youth "
    "Parliament and a student at Ashcombe Academy\n\nWe ran a survey.",
    "Rev Samuel Fairweather": "Pause\n\nBy Rev Samuel Fairweather, vicar of St Swithun's "
    "Church\n\nWait a year.",
    "Mrs Eileen McCaffrey": "Teach them to swim\n\nBy Mrs Eileen McCaffrey MBE, retired "
    "headteacher of Ashcombe Primary School\n\nChildren cannot swim.",
    "Ashcombe Gazette editorial board": "Wait for the facts\n\nThe Gazette's view – editorial, "
    "The Ashcombe Gazette\n\nPublish the report.",
}


def _lido() -> list[Author]:
    return _catalog_of(LIDO)


@pytest.mark.parametrize(
    "question,speakers,mentions",
    [
        # a paper by what it is, before a verb or beside another writer
        ("what does the paper think of Barney's plan", ["Ashcombe Gazette"], ["Bernard Okafor"]),
        ("does the gazette say anything about parking", ["Ashcombe Gazette"], []),
        ("compare the vicar and the editorial on a pause", ["Fairweather", "Gazette"], []),
        # a title before a nickname; a hyphen or a particle's space left out; a slip in half of
        # a double-barrelled name; a first name in lower case with an "s" for "'s"
        ("Rev Sam on the lido", ["Rev Samuel Fairweather"], []),
        ("What's Osei Mensah's idea about lifeguards?", ["Jayden Osei-Mensah"], []),
        ("devries thinks the consultation was what", ["Sandra de Vries"], []),
        ("How much does Cllr Price-Jones reckon it costs?", ["Pryce-Jones"], []),
        ("what does osei-mensah make of gareths offer", ["Osei-Mensah"], ["Pryce-Jones"]),
        # a role: what a person runs, where they are from (the group need not be named as the
        # credits name it), letters after a name, a synonym, a role as the object
        ("What does the guy who runs the bakery on Quay Street want?", ["Okafor"], []),
        ("Why is the lady from the residents group against houses?", ["de Vries"], []),
        ("whats the QCs complaint about the lido", ["de Vries"], []),
        ("How would the old headmistress pay for lessons?", ["McCaffrey"], []),
        ("what does the youth MP say about the old headteacher", ["Osei-Mensah"], ["McCaffrey"]),
        # two owners compared
        ("Compare Jayden Osei-Mensah's and Barney Okafor's ideas", ["Osei-Mensah", "Okafor"], []),
    ],
)
def test_papers_titles_slips_and_roles_of_an_outside_battery(
    question: str, speakers: list[str], mentions: list[str]
) -> None:
    reading = interpret(question, _lido(), known=lambda w: w.lower() in {"price", "jones"})
    assert len(reading.authors) == len(speakers)
    assert all(any(s in a for a in reading.authors) for s in speakers)
    assert all(any(m in n for n in reading.mentions) for m in mentions)


@pytest.mark.parametrize(
    "question,bio_of",
    [
        ("Which church is Rev Fairweather the vicar of?", "Rev Samuel Fairweather"),
        ("is Jayden Osei-Mensah on the youth parliament?", "Jayden Osei-Mensah"),
        ("how many years was mrs mccaffrey a head teacher", "Mrs Eileen McCaffrey"),
        ("which residents association does de vries chair", "Sandra de Vries"),
        ("where is okafor's bakery", "Bernard Okafor"),
        ("what is Pryce-Jones's portfolio", "Cllr Gareth Pryce-Jones"),
    ],
)
def test_what_a_writer_does_asked_in_many_ways(question: str, bio_of: str) -> None:
    reading = interpret(question, _lido())
    assert reading.bio_of == (bio_of,)


@pytest.mark.parametrize(
    "question",
    [
        "Who came up with a park-and-ride from the station?",
        "who ran a survey of young people about the lido",
        "Has anyone offered a venue for the two sides to meet?",
        "Is anybody arguing for £1 tickets for students?",
        "who is actually in favour of closing the lido",
        "Does any of the writers mention kids climbing the fence?",
    ],
)
def test_which_writer_asked_in_many_ways(question: str) -> None:
    reading = interpret(question, _lido())
    assert (reading.asks, reading.authors) == ("person", ())


def test_a_role_as_the_object_stays_a_role_with_no_speaker() -> None:
    # what the councillor is asked about, with nobody asked for a view, names no mention
    reading = interpret("is the park the councillor's idea", _lido())
    assert reading.authors == ()


def test_a_role_typed_without_its_accent_and_a_name_typed_in_lower_case() -> None:
    entries = [
        DocumentEntry("c", "c/c.txt", "T", "Priya Chandran", "h", 1, (), ("café", "owner")),
        DocumentEntry("t", "c/t.txt", "T", "Rob Tennant", "h", 1, (), ("teacher", "brightwater")),
        DocumentEntry("a", "c/a.txt", "T", "Ann Ashdown", "h", 1, (), ("councillor",)),
    ]
    authors = catalog(entries)
    reading = interpret("what does Ann Ashdown think of the cafe owner", authors)
    assert (reading.authors, reading.mentions) == (("Ann Ashdown",), ("Priya Chandran",))
    # "brightwater" is shaped like a job, but it is the name of a firm typed in lower case
    reading = interpret("why is Ann Ashdown for the brightwater lease", authors)
    assert (reading.authors, reading.mentions) == (("Ann Ashdown",), ())


def test_who_is_a_writer_credited_only_in_metadata_who_gives_their_age(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "view.txt").write_text(
        "Ask the young people\n\nI am seventeen, and I have swum at the lido all my life. I "
        "trained as a lifeguard last spring.\n\nThe council should offer a youth rate up to 18.\n"
    )
    (corpus / "view.txt.meta.json").write_text('{"author": "Kayla Brooks", "title": "Ask us"}')
    (corpus / "roe.md").write_text(
        "# Sell It\n\nBy John Roe\n\nThe lido costs the town too much. It should be sold.\n"
    )
    qa.build_index(corpus, tmp_path / "index")
    r = qa.open_index(tmp_path / "index").ask("Who is Kayla Brooks?")
    assert not r.abstained and r.answers[0].text.startswith("I am seventeen")


def test_where_a_person_went_to_school_is_no_bio_question() -> None:
    # an encyclopedia's article on a person may be taken for theirs; what school they went to
    # is said anywhere in it, not only in a bio line
    assert interpret("What high school did Jayden Osei-Mensah go to?", _lido()).asks != "bio"


def test_a_role_alone_is_no_writers_bio() -> None:
    # one writer is a councillor, but "who is the councillor" may ask of anyone, and a bio line
    # would be shown whatever its score
    for question in ("who is the councillor", "what party is the councillor in"):
        assert interpret(question, _lido()).bio_of == ()


def test_who_is_answered_first_by_the_bio_line_that_says_what_they_do(tmp_path: Path) -> None:
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# Keep the Lido Ours\n\nSoapbox is our weekly platform for readers. This "
            "week's column comes from Jane Roe, a geography teacher who chairs the Friends of "
            "the Lido.\n\nThe lease hands the pool to a company for a generation. The town "
            "should run it.\n\n*Jane Roe lives on Mill Lane and has swum at the lido every "
            "summer since 1994.*\n",
            "doe.md": "# Lease It\n\nBy John Doe\n\nThe lease is the only way to reopen the "
            "pool. The company pays for the repairs.\n",
        },
    )
    for question in ("who is Jane Roe", "what does Jane Roe do for a living"):
        r = pipe.ask(question, top=1)
        assert not r.abstained and "geography teacher" in r.answers[0].text


@pytest.mark.parametrize(
    "question,topic",
    [
        ("Okafor and de Vries on the repair money - where do they part ways?", "the repair money"),
        ("How far apart are Okafor and de Vries on parking?", "parking"),
        ("what do Okafor and de Vries both say about parking", "parking"),
        ("do Okafor and de Vries agree on the sale", "the sale"),
    ],
)
def test_two_speakers_compared_leave_only_what_they_are_compared_on(
    question: str, topic: str
) -> None:
    reading = interpret(question, _lido())
    assert len(reading.authors) == 2 and reading.topic == topic


def test_a_writer_is_named_by_the_role_their_metadata_gives(tmp_path: Path) -> None:
    # front matter's "role", JSON-LD's "jobTitle" and a sidecar's "role" are credits as a bio
    # line is, though the text never says who the writer is
    ld = (
        '{"@type": "OpinionNewsArticle", "headline": "Open the data to research", "author": '
        '{"@type": "Person", "name": "Mary Major", "jobTitle": "Chief Executive, Helixa Labs"}}'
    )
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "---\nauthor: Jane Roe\nrole: Minister for Health\n---\n\n"
            "# Screen every baby\n\nEvery baby should be screened at birth for treatable "
            "conditions. The programme will cost 410 million crowns over five years.\n",
            "major.html": f'<html><head><script type="application/ld+json">{ld}</script>'
            "</head><body><h1>Open the data to research</h1><p>Researchers should be able to "
            "use the genomes under licence, and companies should pay a fee for access.</p>"
            "</body></html>",
            "doe.txt": "Delete the raw data\n\nThe raw genomes should be deleted once screening "
            "is done, because stored data can leak.\n",
            "doe.txt.meta.json": '{"author": "John Doe", "role": "Professor of Bioethics"}',
        },
    )
    for question, author in (
        ("what does the health minister think of screening", "Jane Roe"),
        ("how does the Helixa boss think companies should get access", "Mary Major"),
        ("what does the bioethicist want done with the raw data", "John Doe"),
    ):
        r = pipe.ask(question)
        assert r.interpretation.authors == (author,), question
        assert r.answers and r.answers[0].citation.author == author, question


@pytest.mark.parametrize(
    "sentence,lean",
    [
        ("A genome cannot.", 2),  # "Tax records can be reissued. A genome cannot."
        ("Most of the other towns did not.", 2),
        ("That is the problem.", 2),
        ("However, the fund is small.", 1),
        ("I cannot argue with her.", 0),
        ("The answer is no.", 0),
        ("Yes, we can.", 2),
        ("A genome can't.", 2),
        # a clause of its own, not an ellipsis
        ("We know who they are.", 0),
        ("Here is what we did.", 0),
    ],
)
def test_a_sentence_leans_on_the_one_before(sentence: str, lean: int) -> None:
    assert leans_back(sentence) == lean


def test_an_interviewers_question_is_not_the_answer(tmp_path: Path) -> None:
    # the bold question of a Q&A is the interviewer's; the paragraph after it answers
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": '# "We lost two years"\n\n*Jane Roe\'s son was diagnosed at two. She '
            "spoke to John Doe.*\n\n**What happened to your son?**\n\nHe had seizures for a "
            "year before anyone found the cause. I was frightened, and my husband and I slept "
            "in shifts.\n\n**Is there anything you would change about the plan?**\n\n"
            "Every family with a positive result should get a named counsellor who phones them, "
            "not a letter.\n",
        },
    )
    r = pipe.ask("what would Jane Roe change about the plan")
    assert r.interpretation.authors == ("Jane Roe",)
    shown = [a.text for a in r.answers or r.closest]
    assert any(t.startswith("Every family") for t in shown[:2])
    assert all("?" not in t and any(ch.isalpha() for ch in t) for t in shown)


def test_an_interviewers_bold_statement_is_not_the_answer(tmp_path: Path) -> None:
    # a Q&A that sets its questions in bold may prompt with a statement: still the interviewer's
    pipe = _small_corpus(
        tmp_path,
        {
            "oke.md": "# The minister interviewed\n\n*Dan Oke MP is the Minister for Renewal. "
            "He spoke to our political editor.*\n\n**Why lower the voting age now?**\n\nBecause "
            "the case has been made.\n\n**Critics say you are doing this for votes. Gil Marsh "
            "called it a reform with a very convenient timetable.**\n\nI read Gil's column, "
            "and I enjoyed it. But if this were a partisan calculation, it would be a poor "
            "one.\n\n**Is the money enough?**\n\nIt is a start.\n\n**And the register?**\n\n"
            "No one under eighteen will be on the open register.\n",
            "marsh.md": "# A convenient timetable\n\nBy Gil Marsh\n\nThe reform suits the "
            "government's timetable.\n",
        },
    )
    r = pipe.ask("How does the minister respond to Gil Marsh's column?")
    assert r.interpretation.authors == ("Dan Oke",)
    shown = [a.text for a in r.answers or r.closest]
    assert shown[0].startswith("I read Gil's column")
    assert not any("convenient timetable" in t for t in shown)


def test_a_statements_site_header_and_issuing_line_are_not_answers(tmp_path: Path) -> None:
    # the site's name over a page that puts its text in <article>, and the line saying who
    # issued the statement, name the charity without saying anything it thinks
    pipe = _small_corpus(
        tmp_path,
        {
            "statement.html": "<html><body><header><p>Kelsby Rivers Trust - News and "
            "statements</p></header><article><h1>Why we back the weir plan</h1><p>We represent "
            "four hundred anglers and walkers on the Kel.</p><p>That is why the Kelsby Rivers "
            "Trust supports the weir plan, and why we urge the council to pass it.</p>"
            "</article><footer><p>This statement was issued by the Kelsby Rivers Trust, a "
            "registered charity.</p></footer></body></html>",
        },
    )
    r = pipe.ask("Does the Kelsby Rivers Trust support the weir plan?")
    texts = [a.text for a in r.answers or r.closest]
    assert texts[0].startswith("That is why")
    assert not any(t.startswith(("This statement", "Kelsby Rivers Trust -")) for t in texts)


_CHAMBER_PIECES = {
    "Cllr Ruth Penrose": (
        "Close the Reading Room\n\nBy Cllr Ruth Penrose, cabinet member for culture\n\n"
        "The reading room costs £40,000 a year and lends forty books a week."
    ),
    "Amir Haddad": (
        "Shops Need the Reading Room\n\nThe reading room brings people into the high street on "
        "market days.\n\nAmir Haddad\nSpokesperson, Kelmouth Chamber of Commerce"
    ),
    "Dr Lena Fisk": (
        "Keep It Open\n\nLonely patients tell me the reading room is the only place they talk "
        "to anyone.\n\nDr Lena Fisk is a GP at the Harbour Surgery in Kelmouth."
    ),
    "Peggy Lowe": (
        "Mind the Steps\n\nBy Peggy Lowe\n\nI taught at Kelmouth Primary for thirty years, "
        "and the reading room is where my pupils learnt to love books."
    ),
}


def _chamber() -> list[Author]:
    """Writers read as an index reads them: roles, and organisations a sign-off names."""
    from qa.indexer import document_entry
    from qa.types import Document

    return catalog(
        document_entry(Document(name, f"{name}.txt", "T", name, text, "h", kept_spans(text)), 1)
        for name, text in _CHAMBER_PIECES.items()
    )


@pytest.mark.parametrize(
    "question,speakers,mentions",
    [
        # a title as a role, capitalised or not; a possessive without its apostrophe after one
        ("what does the Cllr want", ["Penrose"], []),
        ("what does fisk make of the councillors plan", ["Fisk"], ["Penrose"]),
        ("what does the GP say about the cllr", ["Fisk"], ["Penrose"]),
        # a spokesman of a writer whose credits say spokesperson
        ("what is the chamber spokesman arguing", ["Haddad"], []),
        ("what did the GP make of the chamber spokesmans claims", ["Fisk"], ["Haddad"]),
        # the organisation a sign-off names, its place left off, as an owner
        ("whats the Chamber of Commerce's position on the reading room", ["Haddad"], []),
        # a job the writer says they did ("I taught at…")
        ("what does the retired teacher want", ["Lowe"], []),
        # the organisation alone, or owning what is no view, is a topic
        ("where is the Kelmouth Chamber of Commerce located", [], []),
        ("when did the Kelmouth Chamber of Commerce's office open", [], []),
        # another town's chamber is another body
        ("what does Allerby Chamber of Commerce say about parking", [], []),
        # a title before a name is the name's, not a role ("their jobs under Cllr")
        ("will staff lose their jobs under Cllr Penrose's plan", ["Penrose"], []),
    ],
)
def test_titles_spokesmen_and_organisations_of_sign_offs(
    question: str, speakers: list[str], mentions: list[str]
) -> None:
    reading = interpret(question, _chamber())
    assert len(reading.authors) == len(speakers), reading
    assert all(any(s in a for a in reading.authors) for s in speakers), reading
    assert all(any(m in n for n in reading.mentions) for m in mentions), reading


def test_what_organisation_a_writer_speaks_for_is_a_bio_question() -> None:
    reading = interpret("what organisation does haddad speak for", _chamber())
    assert (reading.asks, reading.bio_of) == ("bio", ("Amir Haddad",))


def test_a_proposal_announced_as_modest_and_asked_for_by_name() -> None:
    assert leans_forward("My own proposal is a modest one.", "Keep one building open.")
    assert leans_forward("Our answer is simple.", "Pay the staff.")
    assert not leans_forward("The cost is modest.", "It is paid by the county.")
    reading = interpret("What is Fisk's proposal?", _chamber())
    assert (reading.authors, reading.topic) == (("Dr Lena Fisk",), "proposal")
    # a view asked for by name keeps the question as its topic
    assert interpret("what is fisk's view", _chamber()).topic == "what is fisk's view"


def test_an_editorial_credited_to_the_editors_is_its_papers_board(tmp_path: Path) -> None:
    page = tmp_path / "leader.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "OpinionNewsArticle", '
        '"headline": "Fight for terms", "publisher": {"@type": "Organization", "name": '
        '"The Kelby Courier"}}</script></head><body><article><h1>Fight for terms</h1>'
        '<p class="byline">The Editors</p><p>The town should ask for a covenant.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    assert read_document(page, "leader.html", "leader").author == f"Kelby Courier {BOARD}"
    named = tmp_path / "named.html"
    named.write_text(
        page.read_text()
        .replace(
            '"publisher"',
            '"author": {"@type": "Organization", "name": '
            '"The Kelby Courier Editorial Board"}, "publisher"',
        )
        .replace("The Editors", ""),
        encoding="utf-8",
    )
    assert read_document(named, "named.html", "named").author == f"Kelby Courier {BOARD}"


def test_the_subject_of_an_interview_by_someone_else_is_a_speaker(tmp_path: Path) -> None:
    # the interviewer is credited; the labelled answers are the subject's, and a question may
    # ask the subject's view; the interviewer's labelled lines are not answers
    pipe = _small_corpus(
        tmp_path,
        {
            "ferry.md": "# I would lose my job\n\nBy John Doe, Staff Reporter\n\nJane Roe is 19 "
            "and works nights at the harbour cafe.\n\nGazette: How do you get to work?\n\n"
            "Roe: I take the last ferry at eleven, and I walk home from the pier.\n\n"
            "Gazette: You signed the petition.\n\nRoe: I did. Without the late boat I would "
            "have to give up the job, because there is no bus after nine.\n",
            "council.md": "# Cut the Late Ferry\n\nBy Cllr Ann Poe\n\nThe late ferry carries "
            "eleven people a night and costs the council £300,000 a year.\n",
        },
    )
    assert pipe.authors and any(a.name == "Jane Roe" for a in pipe.authors)
    r = pipe.ask("what would jane roe do without the late ferry")
    assert r.interpretation.authors == ("Jane Roe",)
    shown = [a.text for a in r.answers or r.closest]
    assert shown and all(not t.startswith("Gazette:") for t in shown)
    assert all(a.citation.doc_id == "ferry" for a in r.answers or r.closest)
    # her words are hers, not the reporter's the interview is credited to; his are his
    assert all(a.person == "Jane Roe" for a in r.answers or r.closest)
    intro = pipe.ask("where does Jane Roe work")
    shown = [*intro.answers, *intro.closest]
    assert shown and shown[0].person is None
    who = pipe.ask("who takes the last ferry at eleven")
    assert [a.person for a in who.answers][:1] == ["Jane Roe"]
    # named by what the standfirst says she does
    assert interpret("what does the cafe worker want", pipe.authors).authors == ("Jane Roe",)


def test_whose_words_an_interviews_paragraphs_are(tmp_path: Path) -> None:
    labelled = (
        "# I would lose my job\n\nBy John Doe, Staff Reporter\n\nJane Roe is 19 and works "
        "nights at the cafe.\n\nGazette: Why stay?\n\nRoe: Because nobody else would.\n\n"
        "It was not easy to find the work.\n\nGazette: You signed the petition.\n\n"
        "Roe: I did, and I would again.\n"
    )
    lines = (
        "# We always transfer in time\n\nBy John Doe, Health Correspondent\n\nJane Poe has "
        "been a midwife for nineteen years. She spoke to the Courier.\n\nHow are staff "
        "feeling?\nTired, mostly.\n\nWould you move to the city?\nI don't know.\n"
    )
    pipe = _small_corpus(tmp_path, {"cafe.md": labelled, "ward.md": lines})
    text = {d: pipe.documents[d].text for d in ("cafe", "ward")}
    said = pipe.answerer.answered
    assert said("cafe", text["cafe"].index("Roe: Because"))
    assert said("cafe", text["cafe"].index("It was not easy"))  # her answer runs on
    assert not said("cafe", text["cafe"].index("Gazette: You signed"))
    assert not said("cafe", text["cafe"].index("Jane Roe is 19"))
    assert said("ward", text["ward"].index("Tired"))
    assert not said("ward", text["ward"].index("How are staff"))  # the interviewer's question


def test_an_interview_of_questions_under_a_standfirst_gives_its_subjects_words() -> None:
    text = (
        "We always transfer in time\n\nBy John Doe, Health Correspondent\n\nJane Roe has been "
        "a midwife on Rowan Ward for nineteen years. She spoke to the Courier about the plan.\n\n"
        "How are staff feeling?\nTired, mostly.\n\nWould you move to the city?\nI don't know."
    )
    assert interview_voices(text, kept_spans(text), "John Doe") == ["Jane Roe"]
    assert interview_voices(text, kept_spans(text), "Jane Roe") == []


def test_a_writers_words_on_the_person_asked_about_come_first(tmp_path: Path) -> None:
    # the reranker scores "I admire Dr Doe's essay, but…" low against "Doe's view of the
    # compact"; where the speaker's piece names the person asked about, it speaks of her
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# A Compact Too Far\n\nBy Jane Roe\n\n"
            "Four governments signed it in January. "
            "Its council of ministers will meet twice a year in Paris. "
            "Each member pays towards the cost of the rotating aircraft.\n\n"
            "I admire Dr Doe's essay, but I think she is too generous to my own country. "
            "This is a French deterrent that others are invited to pay for.\n",
            "doe.md": "# Europe Grows Up\n\nBy Katrin Doe\n\n"
            "The compact is Europe finally sharing in its own deterrence. "
            "Germany should vote for it this spring.\n",
        },
    )
    r = pipe.ask("What does Jane Roe say about Katrin Doe's view of the compact?")
    assert r.interpretation.authors == ("Jane Roe",) and r.interpretation.mentions
    assert (r.answers or r.closest)[0].text.startswith("I admire Dr Doe's essay")
    # the same reading without the mention: only the sentence naming her moves, by the bonus
    topic = r.interpretation.topic
    hits = pipe.search(topic, RetrievalParams(), ["Jane Roe"])
    scores = [
        {
            a.text: a.score
            for a in pipe.answerer.answer(
                topic, pipe.embed(topic), hits, 5, own_view=True, mentions=m
            )[0]
        }
        for m in ((), ("Katrin Doe",))
    ]
    for text, before in scores[0].items():
        after = scores[1][text]
        if text.startswith("I admire"):
            odds = after / (1 - after) / (before / (1 - before))
            assert odds == pytest.approx(math.exp(MENTION_BONUS), rel=1e-6)
        else:
            assert after == pytest.approx(before)


def test_a_view_reported_by_pronoun_comes_with_the_reply(tmp_path: Path) -> None:
    # "He fears that…" in a piece answering the person asked about: the writer's reply follows
    pipe = _small_corpus(
        tmp_path,
        {
            "roe.md": "# A Compact Too Far\n\nBy Jane Roe\n\n"
            "Richard Moe's first argument is about cost, and it is weak.\n\n"
            "His second argument is more revealing. He fears that the compact will give "
            "isolationists an excuse to leave. I understand the fear. But it amounts to saying "
            "that Europe should stay weak.\n",
            "moe.md": "# A Leaky Umbrella\n\nBy Richard Moe\n\n"
            "The compact gives isolationists an excuse to leave Europe.\n",
        },
    )
    r = pipe.ask("What does Roe say about Moe's fear that isolationists get an excuse?")
    first = (r.answers or r.closest)[0]
    assert "He fears that" in first.text and "I understand the fear." in first.text


def test_a_surname_inside_another_name_is_no_mention_of_the_person(tmp_path: Path) -> None:
    # "Ben Green" is asked about; "the Green Party" does not name him, so it gains nothing
    pipe = _small_corpus(
        tmp_path,
        {
            "doe.txt": "Keep the Mill Lane library open\n\nBy John Doe\n\n"
            "Councillor Ben Green wants to close the library on Mill Lane to save £90,000 a "
            "year. He says the building is too costly to heat and that few people use it.\n\n"
            "Closing the library would be a serious mistake. Children do their homework there, "
            "and older residents read the papers there, and the savings would be eaten up by "
            "the cost of other services.\n\n"
            "The Green Party group on the council has run the budget committee since 2019, and "
            "the bus station, the swimming pool and the museum have all had their hours cut.\n\n"
            "The council should keep the library open and share the building with the health "
            "visitors, who need a room in the ward.\n\n"
            "John Doe is a retired teacher and a Friends of Mill Lane Library volunteer.\n",
            "roe.txt": "Bus fares are too high in Kelby\n\nBy Jane Roe\n\nThe council has "
            "raised bus fares three times in two years. I think the fare cap should return. A "
            "£2 cap would bring riders back.\n\nJane Roe is a transport campaigner in Kelby.\n",
        },
    )
    r = pipe.ask("What does John Doe think of Ben Green's plan to close the library?")
    assert r.interpretation.authors == ("John Doe",)
    texts = [a.text for a in r.answers or r.closest]
    party = next((i for i, t in enumerate(texts) if t.startswith("The Green Party")), len(texts))
    assert any(t.startswith("Closing the library") for t in texts[:party]), texts


def test_a_pages_section_label_is_never_an_answer(tmp_path: Path) -> None:
    # the page's "Editorial" over its headline says what kind of piece it is, not what
    pipe = _small_corpus(
        tmp_path,
        {
            "view.md": "Editorial\n\n# Keep the library open\n\n"
            "The council should keep the Mill Lane library open and share it with the health "
            "visitors.\n",
        },
    )
    r = pipe.ask("what editorial is there about the library", top=5)
    assert all(a.text.strip() != "Editorial" for a in r.answers or r.closest)


def test_a_role_held_now_beats_one_held_before_unless_the_question_says_former() -> None:
    """Of a serving minister and "a former minister", "the minister" is the serving one and "the
    former minister" the other; "general" before a noun is no role."""
    authors = _catalog_of(
        {
            "Dan Oke": "Why now\n\nDan Oke MP is the Minister for Democratic Renewal.\n\nYes.",
            "Des Achter": "Not yet\n\nDes Achter, a former minister of state for justice, "
            "is a visiting fellow at the Lindenhall Centre.\n\nNo.",
            "Mo Tern": "Mock ballots\n\nI taught through two general elections in which my "
            "students held mock ballots.\n\nYes.",
        }
    )
    assert interpret("according to the minister, how will they register", authors).authors == (
        "Dan Oke",
    )
    for question in ("what does the former minister think of the bill", "the ex-minister's view"):
        assert interpret(question, authors).authors == ("Des Achter",), question
    # Mo Tern's credits alone hold "general": the election's adjective must not name her
    assert interpret("By what date must the next general election be held?", authors).authors == ()
    # "Cllr Ann Cole has served as a councillor for twelve years" still serves
    councillors = _catalog_of(
        {
            "Ann Cole": "Keep it\n\nCllr Ann Cole has served as a councillor for twelve "
            "years.\n\nNo.",
            "Ben Dray": "Sell it\n\nCllr Ben Dray is a councillor for Mill ward.\n\nYes.",
        }
    )
    assert interpret("what does the councillor think", councillors).authors == ()
    generals = _catalog_of(
        {
            "Jo Haas": "Two chains\n\nJo Haas is a retired brigadier general.\n\nNo.",
            "Al Finch": "Votes\n\nAl Finch is a teacher.\n\nYes.",
        }
    )
    for question in (
        "what conditions does the retired general want on the vote",
        "what does the general claim about the bill",
        "how does the general respond to the bill",
        "the general's plan",
    ):
        assert interpret(question, generals).authors == ("Jo Haas",), question
    for question in ("what does the general public think", "do the major parties agree"):
        assert interpret(question, generals).authors == (), question


@pytest.mark.parametrize(
    "question",
    [
        "Which ministerial post did Des Achter hold, and when?",
        "What government role does Des Achter hold?",
        "what post does Des Achter hold",
    ],
)
def test_a_post_held_with_a_word_before_it_is_a_bio_question(question: str) -> None:
    authors = catalog([DocumentEntry("a", "c/a.txt", "T", "Des Achter", "h", 1, ())])
    reading = interpret(question, authors)
    assert (reading.asks, reading.authors, reading.mentions) == ("bio", (), ("Des Achter",))
    assert interpret("what policy position does Des Achter hold on tolls", authors).asks == "view"


def test_a_sentence_that_takes_a_side_gains_odds_in_a_speakers_piece() -> None:
    for sentence in (
        "I think the rent cap should cover every flat.",
        "I would cap the whole site at twelve.",
        "We do not accept the council's figures.",
        "The council must wait for the survey.",
        "My proposal is a phased accession.",
    ):
        assert _STANCE.search(sentence), sentence
    for sentence in (
        "The cap would apply to about 4,000 flats from next April.",
        "It was proposed by the mayor in May.",
        "Wendell Shouldice chairs the board.",
    ):
        assert not _STANCE.search(sentence), sentence
    scores = np.array([0.2, 0.5])
    _raise(scores, [1], STANCE_BONUS)
    odds = scores / (1 - scores)
    assert scores[0] == 0.2 and odds[1] == pytest.approx(np.exp(STANCE_BONUS))


def test_a_speakers_sentence_that_takes_a_side_comes_before_a_fact_about_the_topic(
    tmp_path: Path,
) -> None:
    # without STANCE_BONUS the reranker puts the fact about the cap (0.526) over the view (0.477)
    pipe = _small_corpus(
        tmp_path,
        {
            "vale.md": "# The rent cap and the city\n\nBy Jo Vale\n\nThe rent cap would apply to "
            "about 4,000 flats across the city from next April. It was proposed by the mayor in "
            "May, after a year of rising rents. Landlords say the cap will push them to sell. I "
            "think the rent cap should cover every flat in the city. Tenants in older blocks pay "
            "the most for the least.\n\nJo Vale chairs the Eastside Tenants' Union.\n",
            "roe.md": "# Build more homes\n\nBy Sam Roe\n\nThe city needs more homes, not more "
            "rules. Builders have left for other towns.\n\nSam Roe is a builder.\n",
        },
    )
    r = pipe.ask("what does Jo Vale think about the rent cap")
    assert r.interpretation.authors == ("Jo Vale",)
    assert [a.text[:22] for a in r.answers[:2]] == [
        "I think the rent cap s",
        "The rent cap would app",
    ]
