"""Boilerplate removal, titles and authors, on the bundled articles and on small samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.chunk import ChunkParams, chunk_document
from qa.clean import (
    appositions,
    by_line,
    byline_affiliations,
    credited_nicknames,
    editorial_board,
    guess_author,
    guess_title,
    headline_apart,
    interview_voices,
    kept_spans,
    plain_name,
    self_described,
    voice_credit,
)
from qa.ingest import load_corpus
from qa.types import Document
from tests.conftest import BUNDLED

BOILERPLATE = [
    "Image:",
    "Getty Images",
    "Recommended",
    "Air Force is Total Junk",
    "Kill Kim Jong Un?",
    "Getting a New Job: Sniper",
    "{mos",
    "Tags ",
    "Copyright",
    "Nexstar",
    "Most Popular",
    "Load more",
    "views expressed by contributors",
    "Wikimedia Commons",
]


@pytest.fixture(scope="module")
def docs():
    return {d.doc_id: d for d in load_corpus(BUNDLED)}


def test_bundled_titles_and_authors_come_from_the_text(docs) -> None:
    found = {d: (docs[d].author, docs[d].title) for d in docs}
    assert found == {
        "bandow-why-trump-cant-trick-kim": (
            "Doug Bandow",
            "Why Trump Can't Trick Kim Jong Un into a Peace Deal",
        ),
        "roy-heilbrunn-is-dead-wrong": ("Denny Roy", "Heilbrunn Is Dead Wrong about Kim Jong-un"),
        "gause-no-missouri-moment": (
            "Ken E. Gause",
            "No ‘Missouri Moment’ at North Korea summit, but perhaps a chance for peace",
        ),
    }
    assert {d.path for d in docs.values()} == {
        "corpus/bandow-why-trump-cant-trick-kim.txt",
        "corpus/roy-heilbrunn-is-dead-wrong.txt",
        "corpus/gause-no-missouri-moment.txt",
    }


def test_no_chunk_of_the_bundled_corpus_holds_boilerplate(docs) -> None:
    for doc in docs.values():
        chunks = chunk_document(doc, ChunkParams())
        assert chunks
        for chunk in chunks:
            for marker in BOILERPLATE:
                assert marker not in chunk.text, (doc.doc_id, marker, chunk.text[:80])
        # the headline is indexed once, not twice
        assert sum(doc.title in c.text for c in chunks) == 1


def test_content_next_to_boilerplate_is_kept(docs) -> None:
    gause = docs["gause-no-missouri-moment"]
    kept = " ".join(gause.text[a:b] for a, b in gause.kept)
    assert kept.count("It is time to stop obsessing about denuclearization") == 1
    assert "First, North Korea and the Kim family have a strong rationale" in kept
    assert "He directs the Adversary Analytics Program at CNA" in kept


def test_kept_spans_of_a_small_page() -> None:
    text = (
        "A Headline\n\nA Headline\n\nPhoto: AP Photo/Someone\n\nFirst real paragraph here.\n"
        "It continues on a second line.\n\n{mosads}Second paragraph.\n\nRecommended:\n\n"
        "Some Other Story\n\nAnother Story?\n\nTags: one two three\n\n"
        "© 2024 Some Media. All rights reserved.\n\nLoad more"
    )
    got = [text[a:b] for a, b in kept_spans(text)]
    assert got == [
        "A Headline",
        "First real paragraph here.\nIt continues on a second line.",
        "Second paragraph.",
    ]


def test_byline_at_the_top_and_no_false_authors() -> None:
    text = "Title\n\nBy Jane Q. Public\n\nThe president is a busy man. Body."
    assert guess_author(text, kept_spans(text)) == "Jane Q. Public"
    text = "Title\n\nThe North Koreans are aware of this.\n\nThe president is not sure."
    assert guess_author(text, kept_spans(text)) is None
    assert guess_title("A sentence that ends.", kept_spans("A sentence that ends.")) is None


def test_a_bio_above_a_page_trailer_of_short_lines() -> None:
    body = "I see it daily, and it hurts every patient who has to wait for a bus to Calworth."
    trailer = "Share: Facebook | Email\n\nShow dates set\n\nSheep on the fell road\n\n" + (
        "Obituary: Wilf Roe, 94\n\nThe Herald, 3 Bridge Street"
    )
    bio = "Dr Jane Doe is a GP at the Riverside Practice and writes in a personal capacity."
    text = "Title\n\n" + f"{body}\n\n" * 12 + f"{bio}\n\n{trailer}"
    assert guess_author(text, kept_spans(text)) == "Dr Jane Doe"


def test_no_author_from_a_closing_sentence_without_a_role_or_a_lowercase_by() -> None:
    for text in (
        "Title\n\nBody.\n\nDonald Trump has been clear that sanctions stay.",
        "Title\n\nBy the numbers\n\nBody text.",
    ):
        assert guess_author(text, kept_spans(text)) is None


BODY = "Headline\n\nThe council meets in March. It has not decided.\n\nA second paragraph.\n\n"


@pytest.mark.parametrize(
    "text,author",
    [
        (BODY.replace("Headline\n\n", "Headline\n\n*By Jane Doe*\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nWritten by Jane Doe\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nBy Jane Doe, head teacher\n\n"), "Jane Doe"),
        (BODY + "— Jane Doe, parent of two at Elm School", "Jane Doe"),
        (BODY + "By Jane Doe. Jane Doe runs the village shop.", "Jane Doe"),
        (BODY + "Ewan Stollery is a fourth-generation sheep farmer at High Rigg.", "Ewan Stollery"),
        (BODY + "Dr Tobias Ferncastle is a GP at the Riverside Practice.", "Dr Tobias Ferncastle"),
        (BODY + "Jane Doe has taught at Elm School for twenty years.", "Jane Doe"),
        (BODY + "Jane Doe, a mother of two, lives in Leeds.", "Jane Doe"),
        (BODY + "*Jane Doe is a retired teacher who lives in Leeds.*", "Jane Doe"),
        (BODY + "About the author: Jane Doe chairs the parish council.", "Jane Doe"),
        (BODY + "Prepared by Jane Doe, Head of Policy", "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nBY JANE DOE\n\n"), "Jane Doe"),
        # a letter to the editor is signed with the writer's name and town
        (BODY + "Jane Doe, Stratford-upon-Avon", "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nWords: Jane Doe\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nOpinion | Jane Doe\n\n"), "Jane Doe"),
        # a letter signed with the name, then the town on a line of its own
        ("Headline\n\nSir, " + BODY + "Yours faithfully,\n\nJane Doe\nEastwick", "Jane Doe"),
        ("Headline\n\nSir, " + BODY + "Jane Doe\nEastwick", "Jane Doe"),
        # …which without the letter's "Sir" or "Yours faithfully" is not a signature
        (BODY + "Related Articles\nMore News", None),
        # a last paragraph of one sentence needs no word qa knows for a job
        (BODY + "Jane Doe is a mother of three in Leeds.", "Jane Doe"),
        # an epigraph's credit at the top is not a byline; a report is not a bio
        (BODY.replace("Headline\n\n", "Headline\n\n“Build it.”\n\n— Mark Twain\n\n") + BODY, None),
        (BODY + "Jane Doe, the council leader, said no.", None),
        ("Headline\n\nBy Christmas Day, the council had spent nothing on it.\n\nBody.", None),
        # a long closing paragraph is text, not a bio, even when it opens like one
        (BODY + "Acme Health owns several hospitals. " + "It runs clinics too. " * 30, None),
        # credits without "By": a name under the headline, alone or with a role
        (BODY.replace("Headline\n\n", "Headline\n\n**Jane Doe**\n\n"), "Jane Doe"),
        (
            BODY.replace("Headline\n\n", "Headline\n\nJane Doe, Professor of Law, Carrick\n\n"),
            "Jane Doe",
        ),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe, Year 9, Elm School\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nNew Street, the road that floods\n\n"), None),
        ("KEEP THE NURSES, KEEP THE WARD: THE CASE FOR A NURSE-LED UNIT\n\nBody.\n\nMore.", None),
        # a bio signed off with a dash, and bios of writers by what they write or run
        (BODY + "-- Jane Doe is professor of economics at Carrick.", "Jane Doe"),
        (
            BODY
            + "--\nJane Doe is a senior midwife at Carrick. She writes in a personal capacity.",
            "Jane Doe",
        ),
        (BODY + "— Jane Doe coordinates the Carrick Food Bank.", "Jane Doe"),
        (BODY + "Jane Doe writes a weekly column on politics for the Carrick Post.", "Jane Doe"),
        (BODY + "Jane Doe writes that the council is wrong about the bridge.", None),
        (
            BODY + "*Posted by Jane Doe, estate agent and author of the Doe on Property blog*",
            "Jane Doe",
        ),
        # an editorial is by its outlet's editorial board
        (BODY + "By the Editorial Board of the Carrick Post", "Carrick Post editorial board"),
        (BODY + "*The Carrick Post editorial board*", "Carrick Post editorial board"),
        (BODY + "Jane Doe sits on the editorial board of the Carrick Post.", None),
        # a retired officer's bio at the top
        (
            BODY.replace(
                "Headline\n\n", "Headline\n\n*General (ret.) Jane Doe commanded the Fleet.*\n\n"
            ),
            "General Jane Doe",
        ),
        # a signature with the role and the organisation on lines of their own
        (BODY + "Jane Doe\nDirector of Finance\nCarrick City Council", "Jane Doe"),
        # a label over the headline names the columnist
        ("GUEST COLUMN | Jane Doe, chief executive of Acme Water\n\n" + BODY, "Jane Doe"),
        ("Saturday column with Jane Doe, deputy editor\n\n" + BODY, "Jane Doe"),
        ("Guest column — Dr Jane Doe, economist\n\n" + BODY, "Dr Jane Doe"),
        # a letter signed with the writer's ward and town under the name
        (
            "Headline\n\nSir, " + BODY + "Yours faithfully,\n\nCllr Jane Doe\nNorth ward, Eastwick",
            "Cllr Jane Doe",
        ),
        # a bio by the years spent at a job
        (BODY + "Jane Doe spent eleven years at an airline and now advises airports.", "Jane Doe"),
        (BODY + "Jane Doe spent the weekend at the market.", None),
        # more ways outlets credit: a date after the name, the name before a label
        (
            BODY.replace("Headline\n\n", "Headline\n\nPosted by Jane Doe on 3 May 2024\n\n"),
            "Jane Doe",
        ),
        (BODY.replace("Headline\n\n", "Headline\n\nBy Jane Doe | 3 May 2024\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nContributed by Jane Doe\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe writes:\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe | Guest column\n\n"), "Jane Doe"),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe | 3 May 2024\n\n"), "Jane Doe"),
        # session 18: forms an outside writer used
        (BODY.replace("Headline\n\n", "Headline\n\nPrepared by: Jane Doe\n\n"), "Jane Doe"),
        (
            BODY.replace("Headline\n\n", "Headline\n\nReport author: Jane Doe, Parks Manager\n\n"),
            "Jane Doe",
        ),
        (
            BODY.replace(
                "Headline\n\n", "Headline\n\nWritten by **Jane Doe** · 3 min read · Feb 9, 2024\n\n"
            ),
            "Jane Doe",
        ),
        (
            BODY.replace("Headline\n\n", "Headline\n\nBy the Rev Jane Doe, Vicar of St Ann's\n\n"),
            "Rev Jane Doe",
        ),
        (BODY + "_The author is Jane Doe, a retired magistrate in Kelso._", "Jane Doe"),
        # session 19: an email's signature, a speech, a credit under a report's headings, a
        # degree alone after the name
        (
            BODY + "Best wishes,\nJane\n\n--\nJane Doe\nTreasurer, Elm Residents' Association"
            "\n07700 900 312",
            "Jane Doe",
        ),
        (
            BODY.replace(
                "Headline\n\n",
                "Headline\n\nSpeech by Cllr Jane Doe, Leader of the Council, at the reopening"
                " of the library, 6 May 2024.\n\n",
            ),
            "Jane Doe",
        ),
        (
            "TOWN COUNCIL\n\nParks Committee - 12 March\n\nBriefing: the bowling green\n\n"
            "Report author:   Jane Doe, Parks Manager\nContact: jane@example.org\n\n" + BODY,
            "Jane Doe",
        ),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe, PhD\n\n"), "Jane Doe"),
        (
            BODY.replace(
                "Headline\n\n",
                "Headline\n\nPosted by Jane Doe, Street Lighting Manager, Highways · 2 May 2024 ·"
                " 6 minute read\n\n",
            ),
            "Jane Doe",
        ),
        (
            "=====\nTHE ZINE\nIssue 6\n=====\n\nIN THIS ISSUE\n p2  WE WALK HOME\n\n-----\n"
            "p2 | OPINION\n\nWE WALK HOME\n\nwords: Jane Doe, 17, Youth Council rep\npic: Jo M."
            "\n-----\n\n" + BODY,
            "Jane Doe",
        ),
        (
            "Headline\n\nSIR - " + BODY + "JANE DOE\nDoe's Stores, 31 Brook Street, Eastwick\n\n"
            "-----\nMORE LETTERS: Parking charges ...... p23",
            "Jane Doe",
        ),
        (
            BODY.replace(
                "Headline\n\n", "Headline\n\n**Hosted by Jane Doe** · 41 min · 21 August 2024\n\n"
            ),
            "Jane Doe",
        ),
        (
            BODY.replace("Headline\n\n", "**Thread by @janedoe (Jane Doe)**\n\n"),
            "Jane Doe",
        ),
        (
            BODY.replace("Headline\n\n", "Headline\n\nDr Jan van der Berg, Lecturer in Law\n\n"),
            "Dr Jan van der Berg",
        ),
        (
            BODY.replace("Headline\n\n", "Headline\n\nStatement by Jane Doe was criticised.\n\n"),
            None,
        ),
        (BODY.replace("Headline\n\n", "Headline\n\nJane Doe · March 3, 2024\n\n"), "Jane Doe"),
        # a headline in title case over a date or a label is no credit
        (BODY.replace("Headline\n\n", "Keep The Pool Open | 3 May 2024\n\n"), None),
        (BODY.replace("Headline\n\n", "Save Our Park | Opinion\n\n"), None),
        # …but a name may be a word a headline holds
        (BODY.replace("Headline\n\n", "Headline\n\nBy My Linh Nguyen\n\n"), "My Linh Nguyen"),
        (
            BODY.replace(
                "Headline\n\n", "Headline\n\nJane Doe — Chair, Friends of the Library\n\n"
            ),
            "Jane Doe",
        ),
        (BODY + "Jane Doe, 54, is a librarian in Carrick.", "Jane Doe"),
        (BODY + "The author, Jane Doe, is a librarian in Carrick.", "Jane Doe"),
        (BODY + "Yours,\nJane Doe", "Jane Doe"),
        (BODY + "Yours faithfully,\nJane Doe\n14 Mill Lane, Kelsby", "Jane Doe"),
        (BODY + "Signed: Jane Doe", "Jane Doe"),
        # two writers on one byline; a letter's town under the name is not part of it
        (
            BODY.replace("Headline\n\n", "Headline\n\nBy Jane Doe and John Roe\n\n"),
            "Jane Doe and John Roe",
        ),
        (
            "Headline\n\nSir, " + BODY + "Yours faithfully,\n\nJane Doe\nEastwick, Kelsby",
            "Jane Doe",
        ),
        # a newsletter column signed in its last sentence
        (BODY + "You know where I am, as your parish clerk, Jane Doe.", "Jane Doe"),
        (BODY + "I wrote to the council, as the chair told me to, on Monday.", None),
        # a blog post by a first name, whose writer gives her full name in the text
        (
            "Headline\n\n*Posted on 3 May by Jane*\n\nFull disclosure: I'm Jane Doe, I've been"
            " secretary of the club for six years.\n\n" + BODY,
            "Jane Doe",
        ),
        ("Headline\n\nI am Jane Doe's neighbour, and I know her well.\n\n" + BODY, None),
        # an American paper's closing bio: a title and surname, a handle after the name
        (BODY + "Ms. Doe is the principal of Central High School.", "Ms. Doe"),
        (BODY + "Jane Doe (@janedoe) is a senior fellow at the Acme Institute.", "Jane Doe"),
        (BODY + "Mr. Doe said no.", None),
        # …which takes the full name the credits give elsewhere; a label is no name
        (BODY + "Contributor\n\nJane Doe, M.D.\n\nDr. Doe is a pediatrician.", "Jane Doe"),
        ("Guest Column\n\n" + BODY + "Jane Doe, a retired judge, lives in Kelsby.", "Jane Doe"),
        # an interview in the first person, its speaker named in the standfirst, not its writer
        (
            "Headline\n\nJane Doe has run the inn for eleven years. She is against the plan. "
            "She talked to John Roe.\n\nI came here in 2009. My guests walk. I stay.\n\n"
            + BODY
            + "As told to John Roe",
            "Jane Doe",
        ),
    ],
)
def test_bylines_and_bios_wherever_and_however_they_are_written(
    text: str, author: str | None
) -> None:
    assert guess_author(text, kept_spans(text)) == author


@pytest.mark.parametrize(
    "credit,author",
    [
        # a party after the name, a nickname in quotes inside it
        ("By Cllr Jane Doe (Lab), cabinet member for housing", "Cllr Jane Doe"),
        ("By John Roe (Ind)", "John Roe"),
        ('Written by Bernard "Barney" Doe, who runs the bakery on Quay Street', "Bernard Doe"),
        # an editorial credited as the paper's view, or labelled as an editorial
        ("The Gazette's view – editorial, The Ashcombe Post", "Ashcombe Post editorial board"),
        ("The Gazette's view", "Gazette editorial board"),
        ("Editorial | The Carrick Post", "Carrick Post editorial board"),
        # …but a council's view is no paper's
        ("The council's view", None),
    ],
)
def test_credits_with_a_party_a_nickname_or_a_papers_view(credit: str, author: str | None) -> None:
    text = f"# Keep the Lido\n\n{credit}\n\nThe lido should stay open. It costs little.\n"
    assert guess_author(text, kept_spans(text)) == author


@pytest.mark.parametrize(
    "sentence,described",
    [
        ("I run the Steps Café and the chandlery next door.", True),
        ("I have skippered the Curlew for twenty-two years.", True),
        ("As a GP, I am one of three doctors on the island.", True),
        ("I am a retired teacher.", True),
        ("I am not convinced by the council's figures.", False),
        ("I have been crossing this estuary for fifty years and I believe her.", False),
        ("I think the ferry should stay.", False),
        ("In 1990 I ran the shop.", False),
        ("I have sold fruit from the same pitch for twenty-three years.", True),
        ("I’ve skippered the Curlew since 2003.", True),
        (
            "As a retired civil engineer who spent thirty years mending mains, I have followed "
            "the row closely.",
            True,
        ),
        ("As chair of the hosts' association, I want to explain why.", True),
        ("As the council keeps saying, we need homes.", False),
        # an age is who a writer is; a distance or a share is not
        ("I am seventeen, and I have spent my summers at the lido.", True),
        ("I'm 16 and I swim there every week.", True),
        ("I am fifteen minutes away by bus.", False),
        ("I am 100% sure of it.", False),
        ("I have been mayor of Kelby for three years and a councillor for eleven.", True),
        ("I have been clear about this.", False),
    ],
)
def test_a_writer_saying_who_they_are(sentence: str, described: bool) -> None:
    assert self_described(sentence) is described


FIRST_PERSON = "I have run the shop for years. My customers drive. I will not move.\n\nMore."


@pytest.mark.parametrize(
    "standfirst,author",
    [
        ("*The market needs its square, argues Jane Doe, chair of the traders.*", "Jane Doe"),
        (
            "Researcher Dr Jane Doe, who has studied 31 towns, says both sides are wrong.",
            "Dr Jane Doe",
        ),
        (
            "Jane Doe, president of the union, came here in 2021. She argues that fees hurt.",
            "Jane Doe",
        ),
        ("Jane Doe, road safety officer at the county, answers the plan's critics.", "Jane Doe"),
        # a column or statement introduced as coming from someone
        ("This week's column comes from Jane Doe, our treasurer, who is cross.", "Jane Doe"),
        ("The Trust today issued the following statement from its chair, Jane Doe:", "Jane Doe"),
        # an interview's subject named by a possessive
        ("*Jane Doe's son was diagnosed at two. She spoke to John Roe.*", "Jane Doe"),
    ],
)
def test_a_standfirst_names_the_writer_of_a_piece_in_the_first_person(
    standfirst: str, author: str
) -> None:
    text = f"Headline\n\n{standfirst}\n\n{FIRST_PERSON}"
    assert guess_author(text, kept_spans(text)) == author
    # a news story's opening naming whom it quotes, with no "I" after it, credits nobody
    text = f"Headline\n\n{standfirst}\n\nThe council meets in March. It has not decided."
    assert guess_author(text, kept_spans(text)) is None


@pytest.mark.parametrize(
    "text,title",
    [
        (
            "HOLD THE LINE, BUT AIM IT\nWhy the plan should be slower\n\nBody.",
            "HOLD THE LINE, BUT AIM IT",
        ),
        (
            "# The Plan Is Not a Luxury. It Is Insurance.\n\nBody.",
            "# The Plan Is Not a Luxury. It Is Insurance.",
        ),
        ("THE FANS WILL PAY TWICE. AGAIN.\n\nBody.", "THE FANS WILL PAY TWICE. AGAIN."),
        ("Two pounds for a child's night\nBy Jane Doe\n\nBody.", "Two pounds for a child's night"),
        ("A View From the Crescent\nJane Doe\n\nBody.", "A View From the Crescent"),
        (
            "Teachers want change. Not chaos.\n\nBy Jane Doe, teacher\n\nBody.",
            "Teachers want change. Not chaos.",
        ),
        # the first lines of a hard-wrapped paragraph are no headline
        (
            "The council met on a wet Tuesday to decide\nwhat to do with the old yard.\n\nMore.",
            None,
        ),
        ("The council met. It decided nothing.\n\nMore.", None),
        # a section's label or a columnist's credit over the headline is not the headline
        ("Letters\n\nThe ban and the leaks\n\nSir, body.", "The ban and the leaks"),
        ("LETTERS TO THE EDITOR\n\nThe ban and the leaks\n\nSir, body.", "The ban and the leaks"),
        (
            "GUEST COLUMN | Jane Doe, hotelier\n\nLicensing is not an attack. It is overdue.\n\nMo",
            "Licensing is not an attack. It is overdue.",
        ),
        # a page's furniture over the headline: a running header with its date and page, a
        # breadcrumb, a timestamp, a masthead's body in capitals, a column's or release's label
        (
            "THE KELSBY ADVERTISER | Thursday 7 March 2024 | Page 14\n\nBus cuts strand the "
            "elderly\n\nBy Jane Doe\n\nBody.",
            "Bus cuts strand the elderly",
        ),
        ("Home > News > Speeches\n\nReopening of the library\n\nBody.", "Reopening of the library"),
        (
            "Updated 10:32 AM EDT, Mon April 8, 2024\n\nStop treating the post like a business\n\n"
            "Body.",
            "Stop treating the post like a business",
        ),
        (
            "KELSBY BOROUGH COUNCIL\n\nThe meadow and next steps\n\nBody.",
            "The meadow and next steps",
        ),
        ("CHAIRMAN'S JOTTINGS\n\nTwenty is plenty\n\nBody.", "Twenty is plenty"),
        (
            "PRESS RELEASE\n\nTrust calls for the granary to be saved\n\nBody.",
            "Trust calls for the granary to be saved",
        ),
        # …but a headline in capitals that names a body stands over its writer
        (
            "THE VIEW FROM THE CAB: WHAT THE HOSPITAL ROW GETS WRONG\n\nJane Doe\n\nBody.",
            "THE VIEW FROM THE CAB: WHAT THE HOSPITAL ROW GETS WRONG",
        ),
        ("SAVE THE SCHOOL\n\nBy Jane Doe\n\nBody.", "SAVE THE SCHOOL"),
        # a site's name over its menu, a menu a word a line, a date; a photo's caption between
        # the headline and its byline
        (
            "Notes From the Cul-de-Sac\nHome | About | Archive | Contact\n\nThursday, May 16, "
            "2024\n\nScooters aren't the problem. Our sidewalks are.\n\nEvery few weeks someone "
            "posts a photo.\n",
            "Scooters aren't the problem. Our sidewalks are.",
        ),
        (
            "Skip to main content\nLinkedIn\nArticles\nPeople\nJoin now\n\nAlgorithms choose "
            "your next hire\n\nJane Doe, PhD\n\nBody.",
            "Algorithms choose your next hire",
        ),
        (
            "Lottery money was promised to schools. Follow where it went.\n\n[Photo: The "
            "governor signs the Act. AP Photo]\n\nBy Jane Doe\n\nBody.",
            "Lottery money was promised to schools. Follow where it went.",
        ),
        # an email's subject
        (
            "From: Cllr Jane Doe <news@doe.example>\nTo: you\nSubject: Night buses: what I said"
            "\n\nHi neighbour,\n\nThank you.\n",
            "Night buses: what I said",
        ),
        # a label's word in a headline in sentence case leaves it a headline
        ("Turning the corner\n\nThe town has changed\n\nBody.", "Turning the corner"),
        (
            "BUS STOP DIARY\n\nTwenty minutes at Station Square\n\nBody.",
            "Twenty minutes at Station Square",
        ),
        ("THE KELSBY COURIER\n\nServing the vale since 1881\n\nBody.", "THE KELSBY COURIER"),
        # a release or security marking is furniture; a headline that opens with its word is not
        (
            "FOR IMMEDIATE RELEASE\n\nCharity warns on erosion\n\nBody text.",
            "Charity warns on erosion",
        ),
        (
            "Official: Kelsby is the happiest town\n\nBy Jane Doe\n\nBody text.",
            "Official: Kelsby is the happiest town",
        ),
        # a paper's name over its page's label is no headline; a headline with a dash is one
        (
            "THE MERIDIAN - LETTERS\n\nTwo chains of command are one too many\n\nSir,",
            "Two chains of command are one too many",
        ),
        ("Brackenfield Echo — Comment\n\nCleaner air, yes\n\nBody.", "Cleaner air, yes"),
        ("Bus lanes - a view from the cab\n\nBody text here.", "Bus lanes - a view from the cab"),
        # …nor is a headline with its desk's label after it
        ("Why rents must fall | Opinion\n\nBody text here.", "Why rents must fall | Opinion"),
        ("Stop the cull - letters\n\nBody text here.", "Stop the cull - letters"),
    ],
)
def test_headlines_over_a_standfirst_or_a_byline(text: str, title: str | None) -> None:
    assert guess_title(text, kept_spans(text)) == title


@pytest.mark.parametrize(
    "top,title,author",
    [
        (
            "Why the depot must stay\nJane Doe, a retired planner, says the sums are wrong.",
            "Why the depot must stay",
            "Jane Doe",
        ),
        (
            "WHY THE FERRY MUST STAY\nCllr Jane Doe, who chairs finance, argues for boats.",
            "WHY THE FERRY MUST STAY",
            "Cllr Jane Doe",
        ),
        ("Ask the drivers first\nBy Jane Doe, bus driver", "Ask the drivers first", "Jane Doe"),
        # a headline, a deck and a byline
        ("Save the pool\nA pool is no luxury\nBy Jane Doe", "Save the pool", "Jane Doe"),
    ],
)
def test_a_headline_over_its_credit_in_one_paragraph_stands_apart(
    top: str, title: str, author: str
) -> None:
    # plain text with no blank line under the headline: the line under it is still a byline
    # or standfirst, and no sentence runs from the headline into it
    text = f"{top}\n\n{FIRST_PERSON}"
    spans = headline_apart(text, kept_spans(text))
    assert [text[a:b] for a, b in spans[:-2]] == top.split("\n")
    assert guess_title(text, spans) == title and guess_author(text, spans) == author
    # a hard-wrapped first paragraph is left whole
    text = "The council met on a wet Tuesday to decide\nwhat to do with the yard.\n\nMore."
    assert headline_apart(text, kept_spans(text)) == kept_spans(text)
    # …as is a standfirst wrapped over two lines under the headline
    text = f"Keep it\nJane Doe, a planner, says the sums\nare wrong.\n\n{FIRST_PERSON}"
    spans = headline_apart(text, kept_spans(text))
    assert text[slice(*spans[1])] == "Jane Doe, a planner, says the sums\nare wrong."


def test_a_letters_sign_off_is_a_sign_off_not_a_byline() -> None:
    assert by_line("Jane Doe, Kelsby Quay", sign_off=True) == "Jane Doe"
    assert by_line("Jane Doe, Kelsby Quay") is None


def test_an_affiliation_keeps_its_of() -> None:
    bio = "Ines Ravenscroft is a student at the University of Carrowfield and a member of a club."
    assert byline_affiliations(bio, [(0, len(bio))], "Ines Ravenscroft") == [
        "University of Carrowfield"
    ]
    # a byline's last part, after the role, is where the writer works; another role is not
    for byline, orgs in (
        ("By Jane Doe, Chief Executive, Island Lifeline", ["Island Lifeline"]),
        ("By Jane Doe, Chief Executive, Senior Lecturer", []),
        ("By Jane Doe, Kelsby, North Yorkshire", []),  # a town, not a role, before it
        ("By Jane Doe, Chief Executive, " + "A" * 300 + "!", []),  # (and no backtracking)
    ):
        assert byline_affiliations(byline, [(0, len(byline))], "Jane Doe") == orgs


def test_an_ad_marker_at_a_line_end_ends_the_paragraph() -> None:
    text = "A line that is fine. {mosads}\nThat is the second line."
    assert [text[a:b] for a, b in kept_spans(text)] == [
        "A line that is fine.",
        "That is the second line.",
    ]


def test_rules_and_markdown_menus_are_no_paragraphs() -> None:
    """A line drawn across the page parts paragraphs; a Markdown breadcrumb or menu is no
    headline; a sentence with links in it stays."""
    text = (
        "[Council](https://x.example/) > [Blogs](/blogs) > [Highways](/h)\n\n# Three options\n\n"
        "The lamps dim at ten.\n---\nSee [the report](/r) and [the map](/m) for the lamps.\n"
    )
    spans = kept_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "# Three options",
        "The lamps dim at ten.",
        "See [the report](/r) and [the map](/m) for the lamps.",
    ]
    assert (guess_title(text, spans) or "").lstrip("# ") == "Three options"


FIRST = "I think the bench should move. My neighbours agree with me. I hope we can talk.\n\n"


@pytest.mark.parametrize(
    "text,author",
    [
        # a name signed under a piece in the first person, with what follows it
        (
            "Headline\n\n" + FIRST + "Jane Doe\nThornbury Road, Kessington\n\n-----\nALSO: p3",
            "Jane Doe",
        ),
        (
            "Headline\n\n" + FIRST + "With every blessing,\n\nThe Revd Canon Jane Doe\nVicar of Elm"
            "\nThe Vicarage * 01632 960412",
            "Jane Doe",
        ),
        (
            "Headline\n\n" + FIRST + "Regards,\nJane\n\n--\nJ. Doe-Roe\n7 Orchard Close",
            "J. Doe-Roe",
        ),
        (
            "Headline\n\n" + FIRST + "Jane Doe                 John Roe\nChair                    "
            "Secretary",
            "Jane Doe and John Roe",
        ),
        # labelled fields, an email's headers (a forward's last "From:" wrote it)
        (
            'From: "Ann Roe" <ann@x.example>\nTo: all\n\nFrom: "Jane Doe" <jane@x.example>\n'
            "Subject: the bench\n\n" + FIRST,
            "Jane Doe",
        ),
        (
            "COUNCIL\n\nDate: 3 May\nItem: 7\nReport of:  Cllr Jane Doe, Ward Member\n\n" + FIRST,
            "Jane Doe",
        ),
        (
            "# Response\n\n| Field | Response |\n|---|---|\n| Full name | Jane Doe |\n\n" + FIRST,
            "Jane Doe",
        ),
        ("Headline\n\nWords: Jane Doe | Pictures: John Roe | 14.09.24\n\n" + FIRST, "Jane Doe"),
        # credits near the top that no byline rule knows
        (
            "# The gate\n\n*A sermon preached at St Ann's, 21 April 2024, by the Revd Dr Jane Doe,"
            " Rector.*\n\n" + FIRST,
            "Jane Doe",
        ),
        (
            "THE BATHS\n\nRemarks by the Mayor of Eastwick, Councillor Jane Doe,\nat the reopening"
            "\n\n" + FIRST,
            "Jane Doe",
        ),
        (
            "# Pier levy\n\n**Jane Doe**¹ and **John Roe**²\n\n¹ Fellow\n\n" + FIRST,
            "Jane Doe and John Roe",
        ),
        ("# Verges\n\n![avatar](j.jpg) **Jane Doe** · Eastwick · 2 hr ago\n\n" + FIRST, "Jane Doe"),
        ("STATEMENT FROM COUNCILLOR JANE DOE, LEADER OF THE GROUP\n\n" + FIRST, "Jane Doe"),
        ("Headline\n\n" + FIRST + "### Written by Jane Doe\n\n#### More from Jane Doe", "Jane Doe"),
        (
            "Headline\n\n"
            + FIRST
            + "ABOUT THIS CHANNEL: I'm Jane Doe, 79, from Fernhill.\n\n#tags",
            "Jane Doe",
        ),
        (
            "NEWS\n\nIssue 19\n\nHeadline\n\nBy Sister Jane Doe, Ward 7 (Elderly Care)\n\n" + FIRST,
            "Jane Doe",
        ),
        # …and what is no credit
        ("Headline\n\nDear Directors,\n\n" + FIRST, None),
        ("Elm Primary School — Learning Together\n\nHeadline\n\n" + FIRST, None),
        ("Headline\n\n" + FIRST + "Links\n\nDoe's Cheeses", None),
        ("Headline\n\nBy Christmas Day, the council had spent nothing on it.\n\n" + FIRST, None),
    ],
)
def test_credits_no_byline_rule_knows(text: str, author: str | None) -> None:
    """When no byline qa knows names the writer, a labelled field, a signature or a credit
    near the top may (session 19: forty pieces in as many credit styles)."""
    assert guess_author(text, headline_apart(text, kept_spans(text))) == author


@pytest.mark.parametrize(
    "credited,name",
    [
        ("Dennis Whitlock CEng MICE", "Dennis Whitlock"),
        ("Ann MacLeod FRICS", "Ann MacLeod"),
        ("Margaret Doe CEng MIStructE", "Margaret Doe"),
        ("Jane Doe, PhD", "Jane Doe"),
        # two capitals in a surname are no letters after it
        ("Jane McDonald", "Jane McDonald"),
        ("Jo DeVito", "Jo DeVito"),
        ("JANE DOE SMITH", "JANE DOE SMITH"),
        # a comma is no letters' place: an encyclopedia's "Richmond, Virginia" is no name
        ("Richmond, Virginia", "Richmond, Virginia"),
        # a generation is part of the name
        ("Charles W. Pemberton III", "Charles W. Pemberton III"),
        ("Robert T. Langford Jr", "Robert T. Langford Jr."),
        ("Jane Doe, Jr.", "Jane Doe Jr."),
    ],
)
def test_letters_after_a_name_no_list_holds(credited: str, name: str) -> None:
    assert plain_name(credited) == name


@pytest.mark.parametrize(
    "text,author",
    [
        # a contributor's line whose surname has a particle, with an age
        (
            "# The bandstand should stay open\n\nLucia Ferreira da Costa, 58, runs the café in "
            "the park\n\nI have run the café for fourteen years. The bandstand is shut.\n",
            "Lucia Ferreira da Costa",
        ),
        # a magazine's footer says who publishes it, not who wrote
        (
            "MY PATCH · Readers have their say\n\n# The bandstand should stay open\n\nClosed "
            "for the season. Photograph: Mark Pelling\n\nLucia Ferreira da Costa, 58, runs the "
            "café in the park\n\nThe bandstand is shut all winter. It should not be.\n\n"
            "Portbury Life is published quarterly by Harbourside Publishing.\n",
            "Lucia Ferreira da Costa",
        ),
        # a letters page prints the name in capitals, then street and town
        (
            "Seafront toilets\n\nThe toilets have been shut for three years. Fix them.\n\n"
            "PATRICK VAN DER BERG, Sandel Lane, Oxcombe\n\nNEXT WEEK: parking meters | "
            "Classifieds p.22\n",
            "Patrick van der Berg",
        ),
        # a blog's footer names the person who holds the copyright; a company is no author
        (
            "# The allotment list is a scandal\n\nI have waited seven years for a plot. Nineteen "
            "lie idle.\n\n© 2024 Kwame Asante-Boateng · Built with Hugo\n",
            "Kwame Asante-Boateng",
        ),
        (
            "# The allotment list is a scandal\n\nPeople wait seven years for a plot. Nineteen "
            "lie idle.\n\n© 2024 Guardian News & Media Limited\n",
            None,
        ),
    ],
)
def test_credits_of_a_contributor_a_letters_page_and_a_blog(text: str, author: str | None) -> None:
    assert guess_author(text, kept_spans(text)) == author


@pytest.mark.parametrize(
    "text,author",
    [
        # a newsletter's standfirst names its writer; a column of another's named in a sentence
        # does not
        (
            "# The Kitchen Table\n\n*Jane Doe's weekly letter on money and the household "
            "budget*\n\nHi friends,\n\nBills are falling. Check your direct debit.\n",
            "Jane Doe",
        ),
        (
            "# Not a Loading Bay\n\nBy Ann Roe\n\nJohn Doe's column about the pilot should be "
            "required reading. It is funny.\n",
            "Ann Roe",
        ),
        # a post that opens with its writer and their role
        (
            "Jane Doe\nHead of Operations at Acme Logistics | Views my own\n3d • Edited\n\nI want "
            "to talk about apprenticeships. We had 200 applicants.\n",
            "Jane Doe",
        ),
        # a parish letter signed by a titled vicar with her role under her name
        (
            "PARISH NEWS — OCTOBER\n\nDear friends,\n\nThe post office is to close. Speak to me "
            "after any service.\n\nWith every blessing,\n\nThe Revd Canon Jane Doe\nVicar of "
            "Lower Hadley\n\nFlower rota on page 4.\n",
            "Jane Doe",
        ),
        # a school bulletin's message from its head; a committee's witness
        (
            "HOLLYFIELD PRIMARY SCHOOL\nWeekly Bulletin — Friday 22 March\n\nA message from our "
            "Headteacher, Mrs Jane Doe\n\nSmartphones\n\nDear parents,\n\nEvery spring I am "
            "asked when a child should have a phone. I want to share what my staff see.\n",
            "Jane Doe",
        ),
        (
            "SELECT COMMITTEE ON HOUSING\nORAL EVIDENCE\n\nWitness: Dr Jane Doe, Director of "
            "Research, Shelter Institute\n\nQ14 Chair: Thank you.\n\nDr Doe: The numbers are up.\n",
            "Dr Jane Doe",
        ),
        # a guest post under the owner's "Posted by"
        (
            "Guest post\n\nWhy stations should stay open\n\nPosted by Ann Roe on 12 June 2024\n\n"
            "This is a guest post by Jane Doe, who served for 28 years with the fire service.\n\n"
            "At night the nearest engine would come from eleven miles away.\n",
            "Jane Doe",
        ),
        # a handle linked in markdown and a photo credit beside the writer's
        (
            "# Scrap the trial or fix it\n\n*Words: Jane Doe ([@janedoe](https://x.com/janedoe)) "
            "· Photo: city council*\n\nThe scooters split opinion.\n",
            "Jane Doe",
        ),
        # a masthead over an "Editorial — Our view" label
        (
            "**WESTBROOK GAZETTE**\n\n*Editorial — Our view*\n\n# The flood scheme cannot wait\n\n"
            "Families have watched water come through their doors. This newspaper supports it.\n",
            "Westbrook Gazette editorial board",
        ),
        # letters after a name in a bracket; a newsletter's title in capitals is no writer
        (
            "Health | Opinion\n\nWaiting for a GP\n\nDr Jane Doe MBChB MRCGP FRCP(Edin)\n"
            "GP partner, Canal Street Medical Practice\n\nEvery morning our phone lines ring.\n",
            "Dr Jane Doe",
        ),
        (
            "KINGSMEAD NEIGHBOURHOOD WATCH NEWSLETTER — SPRING EDITION\n\nThefts are rising. Park "
            "in a garage.\n\nSgt Jane Doe\nKingsmead Neighbourhood Policing Team\n",
            "Sgt Jane Doe",
        ),
    ],
)
def test_credits_of_newsletters_posts_bulletins_and_transcripts(
    text: str, author: str | None
) -> None:
    assert guess_author(text, kept_spans(text)) == author


def test_an_encyclopedia_articles_place_name_is_no_author() -> None:
    text = (
        "Richmond, Virginia\n\nRichmond is located at the fall line of the James River. It is "
        "the capital of the state.\n\nThe city has a total area of 62 square miles.\n"
    )
    assert guess_author(text, kept_spans(text)) is None


@pytest.mark.parametrize(
    "text,author",
    [
        # a letters page: its heading, the name in capitals over the street, the paper's trailer
        (
            "BRACKENFORD COURIER  |  Thursday, March 20, 2025  |  Page 14\n\nYOUR LETTERS\n\n"
            "Keep the meadow\n\nI have lived on Quarry Lane for forty-one years. Keep it.\n\n"
            "MARGARET O'HALLORAN\nQuarry Lane, Brackenford\n\nLetters may be edited for length.\n",
            "Margaret O'Halloran",
        ),
        # a letter signed with letters and a "(retd)" after the name
        (
            "Sir,\n\nI spent thirty years as a surgeon here. We need a surgery.\n\nYours "
            "faithfully,\n\nDr Jane Doe FRCS (retd)\nAshgrove Road, Brackenford\n",
            "Dr Jane Doe",
        ),
        # a youth magazine's credit in lower case, with an age
        (
            "# LOUD — the youth mag\n\n## Nobody asked us\n\n*words by jane fontaine-doe, 16*\n\n"
            "Everyone has an opinion about the meadow. I have been to two meetings.\n",
            "Jane Fontaine-Doe",
        ),
        # "as told to": the words are the speaker's
        (
            "# Close the street and you close my shop\n\nJane Doe, as told to John Roe\n\nMy "
            "father opened this shop in 1994. I grew up in it.\n",
            "Jane Doe",
        ),
        # a date after the credit in other formats; an email's "(by email)"
        (
            "# The cycle lane deserves a fair trial\n\nSix weeks in, the council is urged to rip "
            "it out.\n\nWords: Jane Doe · 30/4/25\n\nYes, the queues are worse.\n",
            "Jane Doe",
        ),
        (
            "# Milford needs answers\n\nBy Jane Doe · Published 07.04.25, 08:15\n\nThere are two "
            "sites already.\n",
            "Jane Doe",
        ),
        (
            "Letters\n\nKeep Elmfield House open\n\nMy mother is ninety-three. Let her stay.\n\n"
            "— Mrs Jane Doe (by email)\n",
            "Mrs Jane Doe",
        ),
        # a group's response compiled by its secretary, under the group's name in capitals
        (
            "FRIENDS OF STONELEIGH RECREATION GROUND\nResponse to the proposed order\nDogs on "
            "leads: the wrong answer\nCompiled by Jane Doe, Secretary, on behalf of the "
            "committee -- 19 May 2025\n\nThe Friends have considered the proposal.\n",
            "Jane Doe",
        ),
        # "VIEWPOINT:", "Your councillor writes:", a column's name "— with" its writer, a forum's
        # "posted by" in lower case
        (
            "VIEWPOINT: Jane Doe OBE\n\nThe memorial belongs where the names were read\n\nIn "
            "1920 the people raised the money.\n",
            "Jane Doe OBE",
        ),
        (
            "# Ward Focus — Summer 2025\n\n### Your councillor writes: Cllr Jane Doe (Riverside "
            "Ward)\n\n## Yes to the festival\n\nMany of you have been in touch.\n",
            "Cllr Jane Doe",
        ),
        (
            "## Policing matters — with Sgt Jane Doe, Kelsall Neighbourhood Policing Team\n\n# "
            "Later licences need later buses\n\nThe committee will decide soon.\n",
            "Sgt Jane Doe",
        ),
        (
            "Residents Forum » Planning » HMOs on every corner?\nposted by jane o'doe » Tue Apr "
            "22, 2025 9:14 pm\n\nHMOs on every corner?\n\nApologies, this is a long one.\n",
            "Jane O'Doe",
        ),
    ],
)
def test_credits_of_letters_pages_magazines_forums_and_groups(text: str, author: str) -> None:
    assert guess_author(text, kept_spans(text)) == author


@pytest.mark.parametrize(
    "text,author",
    [
        # a post's header: the writer's name over the date
        (
            "Canal Notes\n\n# The last bus home\n\n**Jane Doe**\nMar 04, 2025\n\n[ Subscribe ]\n\n"
            "There is a kind of quiet at the square at one in the morning.\n",
            "Jane Doe",
        ),
        # a group post's "· Admin" line, and readers' comments under it
        (
            "Town Noticeboard\nPrivate group · 6.4K members\n\nJane Doe · Admin\n2h\n\nHi "
            "everyone, please fill in the consultation. I clean offices and take the N1 home.\n\n"
            "John Roe\nLink isn't working for me?\nLike · Reply · 58m\n",
            "Jane Doe",
        ),
        # a council report's author with a phone number and email in brackets
        (
            "COUNTY COUNCIL\n\nCABINET\n20 March 2025\n\nNIGHT BUS REVIEW\n\nLead officer:   Jane "
            "Doe, Head of Transport\nReport author:   Jane Doe (01632 960418, jane@county.example)"
            "\nKey decision:   Yes\n\n1. PURPOSE\n\n1.1 To report the findings of the review.\n",
            "Jane Doe",
        ),
        # a letter: the addressee at the top, the signature under "Yours sincerely,"
        (
            "County Council\nInformation Governance Team\nCounty Hall\n\nMr J. Roe\nBy email\n\n"
            "Dear Mr Roe,\n\nThank you for your request.\n\nThe council holds four emails.\n\n"
            "Yours sincerely,\n\nJane Doe\nInformation Governance Officer\n",
            "Jane Doe",
        ),
        # "Started by" a petition; agency copy's "Reporting by"; a pen name; a forum handle
        (
            "Save the night buses\n\nStarted by Jane Doe\n\nTo: County Council Cabinet\n\nI am a "
            "healthcare assistant and I don't own a car.\n",
            "Jane Doe",
        ),
        (
            "Town's night bus fight tests council\n\nKELSBY, March 12 – A plan to axe two night "
            "buses has drawn opposition.\n\nThe council must save money.\n\nReporting by Jane Doe "
            "and John Roe in Kelsby; Editing by Ann Poe\n",
            "Jane Doe and John Roe",
        ),
        (
            'THE NIGHT SHIFT DIARIES\n\nby "Night Owl"\n\nI have worked nights for longer than '
            "I care to admit.\n",
            "Night Owl",
        ),
        (
            "# Council wants to scrap the night buses\n\nsubmitted 5 hours ago by u/night_nurse_77"
            "\n\nLong time lurker. I do nights on the acute unit.\n",
            "night_nurse_77",
        ),
        # a newsletter's column signed with a nickname in brackets, its next item after it
        (
            "THE TOWPATH\n\nFROM THE CHAIR\n\nDear neighbours,\n\nThe buses matter. Please "
            "respond.\n\nWith warm wishes,\n\nPeggy\n\nMargaret (Peggy) Doe\nChair, the "
            "Residents' Association\n\nLitter pick\n\nThe spring litter pick is on 5 April.\n",
            "Margaret Doe",
        ),
        # an open letter signed by three, a line each
        (
            "OPEN LETTER\n\nDear Martin,\n\nWe write as the town's three councillors.\n\nYours "
            "sincerely,\n\nCllr Jane Doe – North (Labour)\nCllr John Roe – Canal (Liberal "
            "Democrat)\nCllr Ann Poe – South (Conservative)\n",
            "Jane Doe and John Roe and Ann Poe",
        ),
        # an email's own sender, a title before the name; an editorial signed by its paper
        (
            "From: Cllr Jane Doe <news@janedoe.example>\nTo: you\nSubject: Night buses\n\nHi "
            "neighbour,\n\nI spoke at scrutiny on Tuesday.\n",
            "Jane Doe",
        ),
        (
            "# Leader: The depot is worth more than its price tag\n\nThe council should keep the "
            "depot.\n\n— The Kelsby Courier\n",
            "Kelsby Courier editorial board",
        ),
        # a nickname in quotes and brackets after the name
        (
            "# Don't gut the market\n\nThe market is the harbour's heart.\n\n— Jane Doe "
            '("Janie the Bun"), owner, the Crow\'s Nest Café, Quay Street\n',
            "Jane Doe",
        ),
        # a wiki names no author
        (
            "Town Wiki · Edit · View history · Talk\n\nNight bus dispute\n\nFrom Town Wiki, the "
            "free encyclopedia\n\nThe night bus dispute is a local controversy.\n",
            None,
        ),
    ],
)
def test_credits_of_posts_reports_petitions_agency_copy_and_open_letters(
    text: str, author: str | None
) -> None:
    assert guess_author(text, kept_spans(text)) == author


def test_nicknames_the_credits_give() -> None:
    assert credited_nicknames('— Jane Doe ("Janie the Bun"), owner', "Jane Doe") == [
        "Janie the Bun"
    ]
    assert credited_nicknames('Written by Bernard "Barney" Doe, who runs', "Bernard Doe") == [
        "Barney"
    ]
    assert credited_nicknames("Margaret (Peggy) Doe\nChair", "Margaret Doe") == ["Peggy"]
    assert credited_nicknames("By Cllr Jane Doe (Lab), cabinet member", "Cllr Jane Doe") == []


@pytest.mark.parametrize(
    ("text", "author"),
    [
        # an editorial board's byline that names no paper, the paper on a line at the foot
        (
            "# Yes to the depot, but not at any price\n\nBy The Editorial Board\n\nThe council "
            "should keep the depot.\n\nThe Kelsby Courier\n",
            "Kelsby Courier editorial board",
        ),
        # a bio at the foot, past tense, after "The Rev"
        (
            "# I have heard these promises before\n\nIn 2009 I recommended the terminal. The "
            "jobs never came.\n\n*The Rev Jane Doe was chief planning officer of Kelsby Council "
            "from 1996 to 2015. She is now a curate.*\n",
            "Rev Jane Doe",
        ),
        # a blog platform's menus over the post, its writer's name over a "Follow" button
        (
            "Open in app\n\nSign up\n\nSign in\n\nWrite\n\nWhy your firm needs a password "
            "manager\nThe excuses are old\n\nJane Doe\nFollow\n\nEvery few months I sit in a "
            "meeting where someone explains that their team is too small to be a target.\n",
            "Jane Doe",
        ),
        # a standfirst that presents its writer explaining, over a piece with one "I"
        (
            "# This summer's heat was a preview\n\n*Professor Jane Doe, Chair in Climate "
            "Dynamics at Kelsby University, explains why the heat should change how we plan.*"
            "\n\nThe thermometer passed forty degrees.\n\nI would urge councils to publish heat "
            "plans.\n",
            "Jane Doe",
        ),
        # the paper's own columnist, named in the standfirst's second sentence
        (
            "Empty galleries, full warehouses\n\nMuseums hide their collections. Our arts "
            "columnist Jane Doe asks why we keep cutting the budgets.\n\nThere are paintings you "
            "own in a store.\n\nWe should be paying for the people who open the doors.\n",
            "Jane Doe",
        ),
        # …but a person a later sentence reports is no writer
        (
            "The tank can be mended\n\nThe pool is closed. Councillor Roe argues that it must "
            "stay shut.\n\nI swam there for years. I think my town deserves it back, and I "
            "will say so.\n",
            None,
        ),
        # "About the author" with the name in bold, readers' comments under it
        (
            "# Replication is boring\n\nEvery few years a famous finding fails to replicate.\n\n"
            "Funding repeats is the cure.\n\n### About the author\n\n**Dr Jane Doe** is a "
            "Lecturer in Research Methods at Kelsby University.\n\n**Comments (2)**\n\n> **Ann "
            "P.** — Couldn't agree more.\n\n> **John Roe** is a reader who agrees.\n",
            "Dr Jane Doe",
        ),
        ("Vaccine trust\n\n**Interview by Jane Doe, Health Correspondent**\n\nWhy?\n", "Jane Doe"),
        ("Bulletin\n\nFrom the desk of Jane Doe\n\nDear friends, the season opens.\n", "Jane Doe"),
        (
            "# Episode 87\n\n*Episode summary by Jane Doe, producer*\n\nThe hosts talk.\n",
            "Jane Doe",
        ),
        (
            "Harvest\n\nA homily preached by the Rev. Canon Jane Doe on Harvest Sunday\n\nWe "
            "give thanks.\n",
            "Jane Doe",
        ),
        # a republished piece's note ends with its author
        (
            "Waiting lists are an emergency\n\nThis article first appeared in the Kelsby Review "
            "and is republished with permission. Author: Jane Doe, clinical psychologist.\n\n"
            "The wait is the worst part.\n",
            "Jane Doe",
        ),
        # a headshot's caption under a desk's label, the picture itself no paragraph
        (
            "**SPORT | SATURDAY COLUMN**\n\n# Crowds won't last\n\n![Headshot](https://x.test/a."
            "jpg)\n*Jane Doe writes about sport every Saturday.*\n\nThree years ago a match drew "
            "eight hundred people.\n",
            "Jane Doe",
        ),
        # "as told to", a sentence after the subject's own
        (
            'MY WORKING LIFE\n\n"I spend my time on forms": a head on what\'s wrong\n\nJane Doe, '
            "47, has been head of a primary school in Kelsby for nine years. As told to John "
            "Roe.\n\nWhen I started teaching, I thought the hard part would be parents.\n",
            "Jane Doe",
        ),
        (
            "# Save music lessons\n\n**Jane Doe** started this petition to the Minister\n",
            "Jane Doe",
        ),
        # a byline that names no one on purpose
        (
            "First person · Policing\n\nI'm a serving officer\n\nBy Anonymous · 8 July 2024\n\n"
            "I am not writing this to complain.\n",
            None,
        ),
        # session 24's credit battery: a preacher's label; a name and role under a brief's
        # deck; a statement issued on someone's behalf; a blog's "Posted by … at 21:42"; a
        # report's author over whose report it is; an encyclopedia's page credits no one
        (
            "St Ann's, Kelsby\nSunday 21 January 2024\n\nWelcoming the stranger\n\n"
            "Preacher: Jane Doe, Associate Minister\n\nI know some of you signed the petition. "
            "I signed neither. My question is another.\n",
            "Jane Doe",
        ),
        (
            "**Centre for Policy**\n\n# Brief No. 14\n\n## Fewer exclusions\n\n**Dr Jane Doe**\n"
            "Senior Lecturer in Education Policy\n\n*May 2024*\n\nExclusions rose last year.\n",
            "Dr Jane Doe",
        ),
        (
            "FOR PUBLICATION\n\nStatement on the ferry\n\nThis statement is issued on behalf of "
            'Cllr Jane Doe, spokesperson for transport.\n\n"I am disappointed. I believe we '
            'should keep it, and my group will vote so."\n\nEllingham Town Hall\n',
            "Cllr Jane Doe",
        ),
        (
            "Muddy Boots\n\nAllotments: a modest proposal\n\nI have waited eleven years. My plot "
            "is still a dream, and nobody asked me.\n\nPosted by Jane Doe at 21:42\n\n"
            "Labels: allotments\n",
            "Jane Doe",
        ),
        (
            "Agenda item 7\n\n| Report of: | John Roe, Director of Place |\n| Report author: | "
            "Jane Doe, Parking Manager |\n\nThe charges rise in April.\n",
            "Jane Doe",
        ),
        # a column's label with its board over the headline; a letter signed with an age
        (
            "**Gazette View** | The Kelsby Gazette editorial board\n\n# Slow down, council\n\n"
            "This newspaper has reported on the ferry since 1898.\n",
            "Kelsby Gazette editorial board",
        ),
        (
            "Keep the late ferry\n\nDear Editor,\n\nI am sixteen and I take the late ferry. My "
            "shift ends at ten, and my mum waits up for me.\n\nJane Doe (16)\n"
            "Kelsby Youth Forum\n",
            "Jane Doe",
        ),
        (
            "# Kelsby Valley Tramway\n\n*From Wikipedia, the free encyclopedia*\n\nThe **Kelsby "
            "Valley Tramway** was an electric tramway from 1903 to 1936.\n",
            None,
        ),
        # session 26: a forum's opening post, a council report's officer, a column by its
        # name, a pen name, a rotating slot, a wire story, a letterhead repeated over its
        # address, a blog post's footer mid-page under the blog's name, a Welsh "ap"
        (
            "Route 12 axed - anyone else furious?\n\nby bramble_rider_82 » Tue Feb 20, 2024 "
            "9:14 pm\n\nThe 12 is going in April.\n\nby wexmum3 » Wed Feb 21, 2024 7:02 am\n\n"
            "Same here.\n",
            "bramble_rider_82",
        ),
        (
            "WEXCOMBE BOROUGH COUNCIL\n\nCabinet, 19 March 2024\n\nPart-night lighting\n\n"
            "Report of the Director of Place, Jane Doe-Ortiz\n\n1. The lights go off at 12.\n",
            "Jane Doe-Ortiz",
        ),
        (
            "Jane O'Doe's Week\n\nEleven days for a GP appointment\n\nAt 8am on Monday I "
            "rang the surgery.\n",
            "Jane O'Doe",
        ),
        (
            'Potholes\n\nBy "Disgruntled of Dunmere"\n\nThe council has a new strategy.\n',
            "Disgruntled of Dunmere",
        ),
        (
            "Town Hall View\n\nLicensing will raise the bar\n\nEach week a councillor writes "
            "here. This week, Jane Doe, cabinet member for housing, writes:\n\nMost landlords "
            "are good.\n",
            "Jane Doe",
        ),
        (
            "Fare cap to go\n\nMinisters will scrap the cap.\n\nIt has been extended three "
            "times. (Reporting by Jane Doe; Additional reporting by John Roe in Leeds; Editing "
            "by Ann Poe)\n",
            "Jane Doe",
        ),
        (
            "Carers Together Kelby\nRegistered charity no. 1148822\n\nSTATEMENT ON THE CLOSURE"
            "\n\nWe are deeply concerned.\n\nDr Jane Doe\nChief Executive\nCarers Together "
            "Kelby\n\nCarers Together Kelby, The Old Dispensary, 4 Bank Street,\nKelby KX2 3LP "
            "| 01632 960 775\n",
            "Dr Jane Doe",
        ),
        (
            "Blogger | Sign In\n\nKelby Matters\n\nNotes on local life.\n\nLosing our "
            "PCSOs\n\nThe letter arrived on Monday.\n\nPosted by Rhys ap Gwilym on 14 March "
            "2024 at 21:40 6 comments\n\nLabels: policing\n\nBlogs I read\n\nKelby Watch\n",
            "Rhys ap Gwilym",
        ),
        (
            "Staff parking\n\nDear Colleague,\n\nThe charges rise in April.\n\nIn "
            "solidarity,\n\nJane Doe\nBranch Secretary\nUNISON Kelby Branch\nBranch office: "
            "Room G14, Kelby General Hospital | 01632 960 301 (ext 4470)\n",
            "Jane Doe",
        ),
    ],
)
def test_credits_of_platforms_standfirsts_interviews_and_notes(text: str, author: str | None):
    assert guess_author(text, kept_spans(text)) == author


def test_a_headline_and_its_deck_over_a_byline_of_its_own() -> None:
    text = (
        "Sign in\n\nWhy your firm needs a password manager\nThe excuses are old\n\nJane Doe\n\n"
        "Body.\n"
    )
    assert guess_title(text, kept_spans(text)) == "Why your firm needs a password manager"
    text = "HEALTH · INTERVIEW\n\n# Hesitancy isn't stupidity\n\nBy Jane Doe\n\nBody.\n"
    assert guess_title(text, kept_spans(text)) == "# Hesitancy isn't stupidity"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        # a byline under a kicker, a photo caption and a standfirst; the paper's copyright
        # names no writer
        (
            "Sentinel · e-Edition\n\nColumns\n\nThe mayor's plan is a map\n\nMayor Ann Roe "
            "unveils the plan. (Photo by Kim Poe / Sentinel)\n\nBy Jane Doe · June 3, 2024\n\n"
            "The map is handsome.\n\nCopyright © 2024 Riverside Sentinel, a member of Acme.\n",
            "Jane Doe",
        ),
        # a paper's name under a label is no writer; "Written by" at the end, however long
        (
            "# Pay farms for nature\n\n*Opinion — Sunday Dispatch, 29 September 2024*\n\nThe "
            "minister's words drew applause.\n\nWritten by Jane Doe, an agricultural economist "
            "and part-time suckler farmer in Co. Clare.\n",
            "Jane Doe",
        ),
        # a dash sign-off with a long role, a particle in capitals
        (
            "# Keep the plants open\n\nGermany shut its reactors.\n\n— Chiara Di Benedetto, "
            "energy economist and research fellow at the Istituto per la Transizione "
            "Energetica, Milan\n",
            "Chiara Di Benedetto",
        ),
        # a letter signed over three lines of address
        (
            "Letters\n\nParking charges are a tax\n\nMadam, — Your report understated it.\n\n"
            "The trust should offer free parking.\n\nDr Jane Doe\n14 Birchfield Road\nInverness "
            "IV2 3XY\n",
            "Dr Jane Doe",
        ),
        # a letters page's signature over its town, the page's rules for letters under it
        (
            "Opinion · Letters\n\nProtect the trees\n\nPublished November 2\n\nResidents woke "
            "to chainsaws.\n\nI urge the council to act.\n\nJane Doe\n\nRichmond\n\nWrite to us"
            "\n\nLetters should be no more than 300 words and must include your address.\n",
            "Jane Doe",
        ),
        # a cookie banner over the headline, the writer's name a paragraph under its standfirst
        (
            "We use cookies to improve your experience. Accept all Manage\n\nWater meters would "
            "save money\n\nFlat rates give no reason to save\n\nYusuf bin Rahman\n\nTuesday 16 "
            "July 2024\n\nNearly half the homes pay a fixed charge.\n",
            "Yusuf bin Rahman",
        ),
        # an author card at the foot: a heading, the name, the role
        (
            "Commentary\n\nA carbon border tax is coming\n\n14 May 2024\n\nFrom 2026 importers "
            "will pay.\n\nExporters should prepare.\n\nThey should not protest.\n\nAbout the "
            "author\n\nDr. Hamid al-Sayegh\n\nSenior Fellow, Trade Programme\n\nRelated research"
            "\n\nGreen hydrogen corridors\n\nEvent: heavy industry\n",
            "Dr. Hamid al-Sayegh",
        ),
        # a bio with letters after the name between commas
        (
            "THE BAG LEVY WORKED\n\nShoppers grumbled for a month.\n\nThe will is missing.\n\n"
            "Dr Jane O'Doe-Reyes, PhD, is a lecturer in environmental economics at Kelsby "
            "University.\n\nKELSBY REVIEW · SPRING 2024 14\n",
            "Dr Jane O'Doe-Reyes",
        ),
        # "The Rev." is Rev.
        (
            "Letters\n\nSlow down\n\nSir, — Slow down.\n\nThe Rev. Jane Doe\nKelsby\n",
            "Rev. Jane Doe",
        ),
    ],
)
def test_credits_of_news_pages_letters_pages_and_author_cards(text: str, author: str | None):
    assert guess_author(text, kept_spans(text)) == author


@pytest.mark.parametrize(
    "line,author",
    [
        ("Story by Jane Doe · Photographs by John Roe · 12 min read", "Jane Doe"),
        ("Words by Jane Doe · Photography by John Roe", "Jane Doe"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "Jane Doe"),
        ("Posted on 14 March 2024 by Jane Doe", "Jane Doe"),
        (
            "By Jane Doe, Environment Correspondent, and John Roe, Data Editor",
            "Jane Doe and John Roe",
        ),
        ("By Jane Doe, 17, and her class", "Jane Doe"),
        ("By Jane Doe, Health Editor, and John Roe.", "Jane Doe and John Roe"),
        # no job between: bodies, or a sentence
        ("By Kelby Town Council, Planning Department, and Allerby Parish Council", None),
        ("By Easter Sunday, the pool had shut for good, and Jane Doe.", None),
        ("(Reporting by Jane Doe)", "Jane Doe"),
    ],
)
def test_credit_lines_with_photographers_dates_and_two_roles(line: str, author: str | None) -> None:
    assert by_line(line) == author


def _read_html(tmp_path: Path, html: str) -> Document:
    """A page read as qa reads a corpus file."""
    from qa.ingest import read_document

    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return read_document(page, "page.html", "page")


def test_a_wikis_page_a_footer_of_links_and_a_sites_name_after_the_headline(
    tmp_path: Path,
) -> None:
    wiki = _read_html(
        tmp_path,
        "<html><head><title>Kelby Viaduct - Valewiki</title></head><body>"
        "<h1>Kelby Viaduct</h1><div>From Valewiki, the local encyclopedia</div>"
        "<p>The viaduct carries the railway over the Kel valley on 22 arches.</p></body></html>",
    )
    assert wiki.author is None
    faq = _read_html(
        tmp_path,
        "<html><head><title>Bin collections: questions</title></head><body><main>"
        "<h1>Bin collections: questions</h1><p>Bins are emptied every other Tuesday.</p></main>"
        '<footer><a href="/a">Accessibility</a> <a href="/p">Privacy</a> '
        '<a href="/c">Cookies</a></footer></body></html>',
    )
    assert faq.author is None
    blog = _read_html(
        tmp_path,
        "<html><head><title>The waiting list is eleven years long &#8211; Muddy Boots</title>"
        '</head><body><div id="masthead"><a href="/">Muddy Boots &amp; Broad Beans</a>'
        "<p>Growing things, badly, in a small town</p></div>"
        '<h2 class="entry-title">The waiting list is eleven years long</h2>'
        '<div class="entry-meta">Posted on <time>14 March 2024</time> by <a>Jane Doe</a></div>'
        "<p>There are 214 people on the waiting list for 96 plots.</p></body></html>",
    )
    assert (blog.title, blog.author) == ("The waiting list is eleven years long", "Jane Doe")


@pytest.mark.parametrize(
    "text,author,voices",
    [
        (
            "Intro.\n\nJane Roe is 19.\n\nGazette: Why?\n\nRoe: Because.\n\nGazette: And?\n\n"
            "Roe: And more.",
            "John Doe",
            ["Jane Roe"],
        ),
        # the credited writer answering, a transcript of three, and Q and A labels give none
        ("Gazette: Why?\n\nJane Roe: Because.\n\nGazette: And?\n\nJane Roe: More.", "Jane Roe", []),
        (
            "Chair: Next?\n\nJane Roe: Yes.\n\nJohn Doe: No.\n\nJane Roe: Yes.\n\nJohn Doe: No.",
            None,
            [],
        ),
        ("Q: Why?\n\nA: Because.\n\nQ: And?\n\nA: More.", "John Doe", []),
    ],
)
def test_whom_an_interview_gives_the_words_of(
    text: str, author: str | None, voices: list[str]
) -> None:
    assert interview_voices(text, kept_spans(text), author) == voices


@pytest.mark.parametrize(
    "text,author",
    [
        # under a breadcrumb, a headline and a standfirst: "Interview by", a name over its
        # dateline, "Guest post by"
        (
            "KELBY LIFE > People > Meet the Maker\n\nMeet the Maker: Jane Roe\n\nThe baker who "
            "has fired the oven at 3am for forty years\n\nInterview by Jane Doe\nPhotography by "
            "John Roe\nSpring 2024 issue\n\nHow did you start?\nMy uncle had the shop.",
            "Jane Doe",
        ),
        (
            "Books > Non-fiction > Reviews\n\nThe Salt Roads by Ann Poe review - a patient "
            "history\n\nA ranger's account of the marsh paths is quietly wonderful\n\nJane Doe\n"
            "Sun 28 Apr 2024\n\nAnn Poe spent nineteen years as a ranger on the marshes.",
            "Jane Doe",
        ),
        (
            "Jenny Rides\n\nGuest post\n\nCommuting by e-bike over the hills\n\nGuest post by "
            "Jane Doe · 9 May 2024\n\nI have ridden to work for three years.",
            "Jane Doe",
        ),
    ],
)
def test_credits_under_breadcrumbs_standfirsts_and_guest_labels(text: str, author: str) -> None:
    assert guess_author(text, kept_spans(text)) == author


def test_a_guest_post_beats_the_blog_owner_in_the_pages_metadata(tmp_path: Path) -> None:
    page = _read_html(
        tmp_path,
        '<html><head><meta name="author" content="Jenny Castle"><title>Guest post: Hills | '
        'Jenny Rides</title></head><body><p class="cat">Guest post</p><h1>Guest post: Hills</h1>'
        '<p class="entry-meta">Guest post by Jane Doe &middot; 9 May 2024</p>'
        "<p>I have ridden to work over the hills for three years.</p></body></html>",
    )
    assert page.author == "Jane Doe"


def test_events_towns_and_long_gaps_are_no_credits() -> None:
    # an event over its date is no writer; the bio at the end is
    text = (
        "Head\n\nStandfirst here.\n\nThird paragraph.\n\nPublic Meeting\nTue 14 May 2024\n\n"
        "Body text.\n\nJane Doe is a councillor for Riverside ward and chairs the fair."
    )
    assert guess_author(text, kept_spans(text)) == "Jane Doe"
    # a letter's town after the writer's job is no organisation she works for
    town = "Body.\n\nJane Doe, retired teacher, Milton Keynes"
    assert byline_affiliations(town, kept_spans(town), "Jane Doe") == []
    # a long run of blanks after a name is read in linear time (it took minutes)
    gap = "Title\n\nBody.\n\nJane Doe, " + " " * 50_000 + "x"
    assert byline_affiliations(gap, kept_spans(gap), "Jane Doe") == []
    many = "Title\n\nBy Sam Roe\n\nA: Why?\n\nB: So.\n\nA: How?\n\nB: Thus.\n\n" + "A-" * 100_000
    assert interview_voices(many, kept_spans(many), "Sam Roe") == []


def test_a_masthead_label_and_a_foot_note_credit_the_papers_board() -> None:
    # "THE KELBY COURIER - EDITORIAL" over the headline; "The editorial board of the … is
    # chaired by…" at the foot
    for head, foot in (
        ("THE KELBY COURIER - EDITORIAL", "Thanks for reading."),
        ("Headline", "The editorial board of the Kelby Courier is chaired by its editor, Jo Poe."),
    ):
        text = f"{head}\n\nKeep the station\n\nThe station matters to us all.\n\n{foot}"
        assert guess_author(text, kept_spans(text)) == "Kelby Courier editorial board", head
    # a section's label is no paper, and a sentence about the board is no credit
    for line in ("Opinion - Editorial", "The editorial board of the Post is wrong about it."):
        text = f"{line}\n\nKeep the station\n\nThe station matters to us all."
        assert guess_author(text, kept_spans(text)) != "Post editorial board", line


def test_a_sign_off_and_a_reporting_line_name_the_body_and_the_writer() -> None:
    # the office and the body it serves, after a dash; a body's name with "and" in it
    for sign_off, orgs in (
        ("— Jane Doe, Clerk to Kelby Parish Council", ["Kelby Parish Council"]),
        (
            "— Jane Doe, Chief Fire Officer, Kelby Fire and Rescue Service",
            ["Kelby Fire and Rescue Service"],
        ),
        ("Jane Doe, chair of the Kelby Residents' Association", ["Kelby Residents' Association"]),
        ("— Jane Doe, mother of Three Boys", []),
    ):
        text = f"Headline\n\nBody text here.\n\n{sign_off}"
        assert byline_affiliations(text, kept_spans(text), "Jane Doe") == orgs, sign_off
    text = (
        "Hundreds pack the hall\n\nThe meeting ran late.\n\n"
        "Reporting by Jane Doe, health correspondent, Kelby Courier."
    )
    assert guess_author(text, kept_spans(text)) == "Jane Doe"


def test_an_interview_headline_says_what_its_subject_talks_about_not_who_she_is() -> None:
    text = (
        "Dr Jane Roe on the fire station merger\n\n"
        "Dr Jane Roe is a researcher in emergency data at Kelby University.\n\n"
        "Doe: What did you find?\n\nRoe: Risk is concentrated."
    )
    credit = voice_credit(text, kept_spans(text), "Jane Roe")
    assert "researcher" in credit and "merger" not in credit
    assert self_described("I have spent 27 years in this service, and I started as a cadet.")
    assert not self_described("I have spent hours reading the plan.")


def test_what_a_piece_says_in_passing_of_who_people_are() -> None:
    text = (
        "The Comets' president, Dana Kowalski, has offered a pledge.\n\n"
        "Gareth Pomfrey, who runs the hardware shop on Sadler Street, says no.\n\n"
        "Margaret Oduya, Bernard Thwaite and everyone else want it kept. On Monday, the "
        "council, Jane Roe said, will vote. Gwen Pritchard, writing in these pages, agrees."
    )
    assert appositions(text, kept_spans(text)) == [
        "Dana Kowalski: Comets' president",
        "Gareth Pomfrey: who runs the hardware shop on Sadler Street",
    ]
    # a long token or a long run of names is read in linear time
    assert appositions("A" * 200_000, [(0, 200_000)]) == []
    # …as is a run of "a@" that looked like email addresses (it took minutes)
    text = "a@" * 200_000
    assert guess_author(text, kept_spans(text)) is None


def test_only_a_job_at_the_head_of_an_apposition_is_a_role() -> None:
    text = (
        "Jane Doe, the mayor's husband, said no. Neither the council leader nor her deputy, "
        "John Roe, replied. Ann Poe, who was fined by the magistrate, said no. Jane Doe, a "
        "friend of the mayor, agreed. Meet Dana Whitlock, the Comets' president, today. Joe "
        "Poe, who has been a thorn in the council's side, said so."
    )
    assert appositions(text, kept_spans(text)) == ["Dana Whitlock: the Comets' president"]


def test_a_byline_beats_what_the_foot_or_a_standfirst_says_in_passing() -> None:
    for foot in (
        "The pool will close after a vote (Reporting by John Roe; Editing by Ann Poe).",
        "Each week, John Roe, the leader, writes to residents about the budget.",
        "The editorial board of the Kelby Times meets weekly; Jane Doe is not a member.",
    ):
        text = f"Pool to close\n\nBy Jane Doe\n\n{foot}\n\nThe vote was close."
        assert guess_author(text, kept_spans(text)) == "Jane Doe", foot
    text = "Pool\n\nIt shut.\n\nA spokesman said (Reporting by Kelby Council Press Office)."
    assert guess_author(text, kept_spans(text)) is None
    assert by_line("Report of the Head of Planning, Kelby District Council") is None
    assert by_line("Report of the Director of Place, Housing and Transport, Jane Doe") == "Jane Doe"
    assert by_line("by date » newest") is None
    text = "Rishi Sunak's week of chaos\n\nIt began on Monday.\n\nIt ended on Friday."
    assert guess_author(text, kept_spans(text)) is None
    # a body the last paragraph names is not where its writer works
    for last in (
        "Jane Doe, a resident, has complained to the Kelby District Council about the noise.",
        "Jane Doe, who has no time for the Kelby Chamber of Trade, runs a cafe.",
    ):
        text = f"Noise\n\nBy Jane Doe\n\nIt is loud.\n\n{last}"
        assert byline_affiliations(text, kept_spans(text), "Jane Doe") == [], last


def test_a_papers_board_keeps_its_acronym_and_loses_its_the() -> None:
    assert editorial_board("Editorial | BBC") == "BBC editorial board"
    assert editorial_board("THE POST - EDITORIAL") == "Post editorial board"
    assert editorial_board("The Post - Our view") == "Post editorial board"
    assert editorial_board("Record View") is None
