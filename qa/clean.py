"""Boilerplate removal that never moves text: it only decides which spans of a document to keep.

Web articles carry page furniture (image credits, "Recommended:" link lists, ad markers, tag lines,
copyright lines, a repeated headline). Rather than rewriting the text, cleaning returns the
paragraph spans worth indexing, so every offset downstream still indexes the original text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator

from qa.types import Span

_AD_MARKER = re.compile(r"\{[a-z]*ads?\}", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(image|photo|photograph|picture|illustration|credit|source)s?( credit)?\s*:", re.IGNORECASE
)
_AGENCY = re.compile(
    r"(^|[/|,]\s*)(getty images|reuters|associated press|ap photo|afp|shutterstock|"
    r"wikimedia commons)\b",
    re.IGNORECASE,
)
_LINK_LIST = re.compile(
    r"^(recommended|related|related articles|read more|more from .*|see also|you may also like)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^tags\b[:\s]", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(copyright\b|©|\(c\)\s*\d)|all rights reserved", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"^the views expressed (by|in)\b.*\b(are (their|his|her|the author'?s?) own|do not)",
    re.IGNORECASE,
)
_NAVIGATION = {
    "most popular",
    "load more",
    "advertisement",
    "share",
    "share this",
    "comments",
    "sign up",
    "subscribe",
    "trending",
    "more stories",
    "show comments",
    "print",
    "email",
    # a blog platform's own menus and buttons, copied with the post
    "open in app",
    "sign in",
    "log in",
    "write",
    "follow",
    "listen",
    "help",
    "status",
    "careers",
    "privacy",
    "terms",
    "skip to content",
    "menu",
    "skip to main content",
}
_BIO_VERBS = (
    r"directs|teaches|chairs|leads|heads|runs|edits|manages|owns|farms|founded|co-founded|works|"
    r"worked|lives|represents|practises|practices|studies|coordinates|co-ordinates|organises|"
    r"commanded|served\s+(?:as|in|on|with)|"
    r"(?:has\s+)?(?:spent|spends)\s+(?:\w+\s+){0,2}(?:years|decades)\b|"
    r"organizes|advises|oversees|covers|hosts|co-hosts|presents|"
    # "writes a weekly column…", "writes about technology…", but not "writes that…"
    r"writes\s+(?:a|an|the|about|for|on|regularly|weekly|widely|often)\b|"
    r"has\s+(?:taught|worked|lived|run|farmed|served|chaired|led|practised|practiced|held|"
    r"hosted|written|coordinated|advised|covered)"
)
_RETIRED = r"\((?:[Rr]et|[Rr]etd|[Rr]etired)\.?\)"
"""The "(ret.)" of a retired officer's rank: "General (ret.) Jane Doe"."""
_PARTICLES = r"van|von|de|da|del|der|la|le|du|di|dos|ter|ten|bin|ibn|bint|ap|ab"
"""The small words inside a surname ("van der Berg", "de la Cruz")."""
PARTICLES = frozenset(_PARTICLES.split("|"))
_PARTICLES_FIRST = rf"(?-i:{_PARTICLES})"
"""…in lower case only, where a pattern ignores case."""
_HONORIFIC = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Judge)\.?"
_BYLINE = re.compile(
    # "Jane Doe is…", and a newspaper's "Mr. Doe is the principal of…", "Dr. Roe is…"
    rf"^(?P<name>{_HONORIFIC}\s+[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){{0,3}}|"
    rf"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|(?:{_PARTICLES_FIRST}\s+)*[A-Z][\w'’-]+|{_RETIRED})){{1,4}})"
    # "Jane Doe (@janedoe) is…"
    r"(?:\s+\(@\w+\))?"
    # "Jane Doe, 54, is a librarian"
    r"(?:,\s*\d{1,3},)?"
    r"(?:\s+(?:(?P<is>is|was)\s+(?P<article>an?|the|one\s+of)\b|(?:is|was)(?!\s+(?:published|"
    r"printed|distributed|produced|funded|owned|sponsored|supported|delivered|available)\b)|"
    r"has been|serves as|"
    rf"(?P<job>{_BIO_VERBS}))"
    # "Jane Doe, a mother of two, lives in…" (but "Jane Doe, the leader, said…" reports)
    rf"|(?P<apposition>,\s+(?:an?|the)\s+[^,.]{{3,80}},\s+(?:{_BIO_VERBS}|is|was|has)))\s"
)
_PARTICLE = rf"(?:{_PARTICLES})(?:\s+(?:der|den|de|la|le))?"
_NAME = (
    rf"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|{_PARTICLE})){{0,2}}\s+(?:(?-i:al|el)-)?[A-Z][\w'’.-]+"
)
"""A name of two to four words; "van der", "de la" or "bin" between them counts as one, and
an Arabic surname keeps its article: "Hamid al-Sayegh"."""
_NAME_ON_A_LINE = _NAME.replace(r"\s+", r"[ \t]{1,2}")  # (two names in columns are two)
_POSTNOMINAL = (
    r"\b(?:M\.?D|Ph\.?D|D\.?Phil|M\.?P\.?H|M\.?B\.?A|J\.?D|R\.?N|M\.?Sc|B\.?Sc|"
    r"MBE|OBE|CBE|KBE|DBE|GBE|FRCP|FRS|QC|KC|Esq|Jr|Sr)\b\.?"
)
POSTNOMINALS = re.compile(rf",?\s*{_POSTNOMINAL}")
"""Letters after a name that say what degree or honour, not what the person does."""


def plain_name(name: str) -> str:
    """A credited name without the letters after it: "Jane Doe OBE", "Jane Doe, PhD", "Jane Doe
    CEng MICE" are Jane Doe, as questions name her."""
    words = POSTNOMINALS.sub("", name).split()
    while (
        len(words) > 2
        and _LETTERS.fullmatch(words[-1])
        and words[-1] not in _GENERATIONS
        and not name.isupper()
    ):
        words.pop()
    junior = re.search(r"[,\s](Jr|Sr)\.?\s*$", name)
    if junior and words and words[-1].rstrip(".") != junior.group(1):
        words.append(junior.group(1) + ".")  # "Jane Doe Jr." is a name of its own
    elif words and words[-1] in ("Jr", "Sr"):
        words[-1] += "."  # a byline's "Jane Doe Jr." loses its stop to the sentence's end
    return " ".join(words).strip(" ,") or name


_GENERATIONS = frozenset({"II", "III", "IV", "Jr", "Jr.", "Sr", "Sr."})
"""A generation after a name is part of it: "Charles W. Pemberton III"."""


_LETTERS = re.compile(
    r"(?=(?:[^A-Z]*[A-Z]){2})(?!(?:[^(]*[a-z]){3})[A-Z][A-Za-z]{1,6}(?:\([A-Z][a-z]+\))?"
    r"|(?=(?:[^A-Z]*[A-Z]){3})[A-Z]{2}[A-Za-z]{1,8}"  # "MIStructE"
)
"""Letters after a name no list holds ("CEng", "MICE", "FRICS", "FRCP(Edin)"): two capitals or
more and two small letters at most, so "McDonald" stays; or two capitals and a third after
("MIStructE")."""


_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?](?:\s|$)")
"""The end of a sentence; not "Mr." or "Dr.", which a newspaper's bio opens with."""
_DAYS = r"sunday|monday|tuesday|wednesday|thursday|friday|saturday"
_YEAR = r"(?:\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?"
"""A year, or a date with one, and a time after it: "2024", "30/4/25", "07.04.25, 08:15"."""
_BY = re.compile(
    # "By Jane Doe", "*By Jane Doe*", "Written by Jane Doe", "By Jane Doe, head teacher",
    # "Words: Jane Doe", "Author: Jane Doe", "Opinion | Jane Doe"
    rf"^[*_>#\s]*(?:(?:[Bb]y|BY|(?:[Ww]ritten|[Ww]ords|[Pp]repared|[Cc]ompiled|[Pp]osted|"
    r"[Rr]eported|[Cc]ontributed|[Ss]ubmitted|[Hh]osted|[Pp]resented|[Tt]hread|[Ss]tarted|"
    r"[Ss]tory)\s+by)"
    r"(?:\s*:)?\s+"
    # "Thread by @janedoe (Jane Doe)"
    r"(?:the\s+(?=Rev)|(?P<handle>@\w+\s+\())?|"
    r"(?:[Bb]y|[Ww]ords|[Aa]uthor|[Ww]riter|[Rr]eport\s+author|[Ww]itness|"
    r"[Tt]ext|[Bb]yline|"
    r"[Ww]ritten\s+by|[Cc]olumnist)\s*:\s*|"
    # a label over the headline: "Opinion | Jane Doe", "GUEST COLUMN | Jane Doe, …", "Saturday
    # column with Jane Doe"
    rf"(?i:(?:guest|weekly|regular|{_DAYS}|our)\s+)?(?:Opinion|Comment|Commentary|Analysis|"
    r"Viewpoint|Perspective|Essay|Op-[Ee]d|OPINION|COMMENT|VIEWPOINT|PERSPECTIVE|"
    r"(?i:column|guest\s+post|guest\s+essay))"
    r"(?:\s*[|·•—–:]\s*|\s+(?:with|by)\s+)|"
    # "Your councillor writes: Cllr Jane Doe (Riverside Ward)"; a column's name over its writer,
    # "Policing matters — with Sgt Jane Doe, …"
    r"(?i:(?:your|our)\s+[a-z][\w ]{1,30}?\s+writes)\s*:\s*|"
    r"[A-Z][\w'’]*(?:\s+[\w'’]+){0,4}\s*[—–|]\s*with\s+)"
    # "By Jane Doe and John Roe": two writers are one author, named with both
    # (the name in bold too: "Written by **Jane Doe** · 3 min read")
    rf"[*_]*(?P<name>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)(?(handle)\))"
    # "Words: Jane Doe, 17, Youth Council rep"
    r"(?:,\s*\d{1,3}(?=\s*,|[*_\s]*$))?"
    # "By Jane Doe, head teacher", "Posted by Jane Doe on 3 May 2024", "By Jane Doe | 3 May 2024",
    # "Posted by Jane Doe, Parks Manager · 2 May 2024 · 6 minute read"
    r"[*_]*(?:(?P<role>\s*[,|]\s*[^\d\n·•]{1,80})(?:\s*[·•]\s*[^\n·•]{1,30})*"
    # (then a date: "Compiled by Jane Doe, Secretary, for the committee -- 19 May 2025")
    rf"(?:\s*(?:--|[—–·•|])\s*[^\n]{{0,20}}{_YEAR})?"
    rf"|\s*(?:[|·•,»]\s*|\s+on\s+)[^\n]{{0,30}}{_YEAR}"
    # a blog's "Posted by Jane Doe at 21:42"
    r"|\s+at\s+\d{1,2}[:.]\d\d(?:\s*(?i:[ap]\.?m\.?))?)?"
    r"[*_\s]*$"
)
_DELIVERED = re.compile(
    # "Speech by Cllr Jane Doe, Leader of the Council, at the reopening of…", "Remarks by Jane
    # Doe to the chamber"
    # Doe to the chamber"; "A homily preached by the Rev. Canon Jane Doe on…", "Interview by
    # Jane Doe, Health Correspondent", "Episode summary by Jane Doe", "From the desk of Jane Doe"
    r"^[*_\s]*(?:(?i:an?\s+)?(?i:Speech|Remarks|Address|Statement|Keynote(?:\s+address)?|Sermon|"
    r"Homily|Lecture|Evidence|Submission|Interview|(?:Episode\s+)?Summary|Show\s+notes)"
    r"(?i:\s+(?:preached|given|delivered|conducted))?\s+(?i:by|from)|(?i:From\s+the\s+desk\s+of))"
    r"\s+(?i:the\s+)?(?:(?:(?i:Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Mayor|Canon|Revd|"
    rf"Reverend)|{_HONORIFIC})\.?\s+)*(?P<name>{_NAME})"
    r"(?=\s*,|\s+(?:at|to|on|in|before)\s|[.*_\s]*$)"
)
_CONTACT_AFTER = re.compile(r"\s*\([^()\n]*(?:@|\d{5})[^()\n]*\)\s*$")
"""A phone number or an email in brackets after a name: "Jane Doe (01632 960418)"."""
_LABELLED = re.compile(
    r"^[*_\s]*(?:(?:(?:report\s+)?author|prepared\s+by|written\s+by|byline|words)\s*:|"
    r"(?:compiled|submitted|contributed|prepared)\s+by\s)",
    re.IGNORECASE,
)
"""A credit labelled as one: read further down the first page than a bare "By" line."""
_MONTHS = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NAME_FIRST = re.compile(
    # "Jane Doe writes:", "Jane Doe | Guest column", "Jane Doe — Chair, Friends of the Library",
    # "Jane Doe | 3 May 2024"
    rf"^[*_\s]*(?P<name>{_NAME})[*_]*\s*(?:(?:writes|argues)\s*:|[|·•]\s*(?i:(?:guest|weekly|"
    r"regular)\s+)?(?i:opinion|comment|commentary|column|op-ed|viewpoint|essay|analysis)\b[^\n]*"
    rf"|[|·•]\s*(?:(?i:{_DAYS}),?\s+)?(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}}\b|"
    r"\d{4}-\d\d-\d\d)[^\n]{0,30}"
    r"|[—–]\s*(?P<role>[^\n]{2,80}))[*_\s]*$"
)
_SIGNATURE = re.compile(
    # "Signed: Jane Doe", "Yours,\nJane Doe", "Yours faithfully,\nJane Doe\n14 Mill Lane, Kelsby"
    rf"^[*_\s]*(?:Signed\s*:?|Yours(?:\s+(?:faithfully|sincerely|truly))?,?)\s*"
    rf"(?P<name>{_NAME_ON_A_LINE})[*_.]*(?:[ \t]*\n[^\n]{{1,60}}){{0,2}}[*_.\s]*$"
)
_SIGN_OFF = re.compile(
    rf"^[*_\s]*(?:[—–]|--)\s*(?P<name>{_NAME})[*_]*(?P<role>\s*,\s*[^\d\n]{{1,160}})?[*_\s]*$"
)
_LETTER_SIGN_OFF = re.compile(
    # a letter to the editor ends "Jane Doe, Lyndale Green" (not "Jane Doe\nEastgate, Kelsby"),
    # or "Jane Doe, Sandel Lane, Oxcombe"
    rf"^[*_\s]*(?P<name>{_NAME_ON_A_LINE})(?:,\s+[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|on|upon|in|by|"
    r"le|la)){0,3}){1,2}[.*_\s]*$"
)
_CAPS_BEFORE_PLACE = re.compile(r"^[*_\s]*[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){1,4}(?=,\s)")
"""A name in capitals before a comma, as letters pages print a writer's name."""
_LETTER = re.compile(
    # (a section's label over it too: "Opinion · Letters")
    r"^\W*(?:Sir|Madam|Dear\s|To\s+the\s+editor)|^\W*(?:(?:opinion|comment)\s*[·|•:—–-]\s*)?"
    r"(?:(?:your\s+|readers['’]?\s+)?letters"
    r"(?:\s+to\s+the\s+editor)?\W*$)|^\W*(?:Yours\s+(?:faithfully|sincerely|truly)|"
    r"Sincerely|(?:Kind\s+|Best\s+)?[Rr]egards)\W*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNED_LETTER = re.compile(
    # in a letter ("Sir, …", "Yours faithfully,"), a last paragraph "Jane Doe", or "Jane Doe"
    # with the town on a line of its own, or up to three lines of address ("14 Birch Road")
    rf"^[*_\s]*(?P<name>{_NAME_ON_A_LINE})[*_]*(?:[ \t]*\n\s*[A-Z0-9][^\n.!?]{{0,50}}){{0,3}}"
    r"[.*_\s]*$"
)
_THE_AUTHOR = re.compile(
    # "The author, Jane Doe, is…"; "The author is Jane Doe, a retired magistrate…"
    rf"^The\s+(?:author|writer)(?:,\s+(?P<name>{_NAME}),\s+(?=(?:is|was)\s)|\s+is\s+"
    rf"(?P<named>{_NAME}),\s+(?=(?:an?|the)\s))"
)
_BIO_PREFIX = re.compile(
    # a sign-off's dash too: "— Jane Doe chairs…", "--\nJane Doe is…"
    r"^[*_\s—–-]*(?:(?:about\s+the\s+(?:author|writer)|note|editor['’]?s\s+note|the\s+author)\s*"
    r"[:—–-]\s*)?[*_\s]*",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:fellow|author|professor|director|editor|correspondent|columnist|writer|analyst|"
    r"scholar|researcher|journalist|contributor|reporter|lecturer|founder|chair|head|"
    r"president of|member of|officer|organi[sz]er|economist|engineer|owner|planner|student|"
    r"historian|council+or|teacher|manager|consultant|lawyer|biologist|scientist|"
    r"retired|resident|farmer|doctor|GP|physician|surgeon|nurse|midwife|pharmacist|dentist|"
    r"vet|shopkeeper|campaigner|activist|volunteer|pensioner|architect|accountant|vicar|"
    r"priest|minister|mayor|candidate|trustee|partner|chief|executive|representative|"
    r"spokes(?:man|woman|person)|secretary|treasurer|worker|operator|driver|fisherman|builder|"
    r"landlord|publican|chef|artist|novelist|poet|photographer|designer|entrepreneur|banker|"
    r"tutor|coach|pupil|graduate|ecologist|geologist|hydrologist|physicist|chemist|"
    r"epidemiologist|statistician|governor|senator|commissioner|inspector|curator|librarian|"
    r"warden|ranger|instructor|trainee|apprentice|employee|staff|leader|general|paramedic|"
    r"MP|official|expert|boss|academic|economist|veteran|judge|officer|clerk|rector|curate|"
    r"chaplain|mechanic|medic|attorney|guard|cook|host|principal|p(?:a)?ediatrician|"
    r"psychologist|psychiatrist|therapist|counsel+or|superintendent|co-?ordinator|"
    r"administrator|advis[eo]r|caseworker|rabbi|imam|pastor|master|harbourmaster|"
    r"fire(?:fighter|man|woman)|plumber|electrician|solicitor|barrister|magistrate|constable|"
    r"sergeant|detective|carer|childminder|hairdresser|surveyor|technician|programmer|"
    r"receptionist|optician|physiotherapist|radiographer|lifeguard|coastguard|shepherd|"
    r"beekeeper|hotelier|bookseller|publisher|broadcaster|filmmaker|musician|composer|"
    r"head(?:teacher|master|mistress)|caretaker|post(?:man|woman)|registrar|archivist|dean|"
    r"alderman|lawmaker|legislator|ambassador|diplomat|soldier|sailor)\b",
    re.IGNORECASE,
)


def is_role(word: str) -> bool:
    """True for a word that names a job or a role ("midwife", "GP", "leader")."""
    return _ROLE.fullmatch(word) is not None


_ORG = re.compile(
    r"\b(?:School|College|University|Institute|Association|Union|Council|Constabulary|Police|"
    r"Trust|Society|Foundation|Centre|Center|Hospital|Company|Group|Party|Committee|Board|"
    r"Agency|Department|Ministry|Office|Bank|Club|Network|Co-?operative|Federation|Alliance|"
    r"Coalition|Chamber|Academy|Service|Authority|Commission|Court|Press|Times|News|Post|"
    r"Ledger|Gazette|Courier|Herald|Tribune|Journal|Review|Ltd|Inc|plc|LLP|Team|Practice|Surgery|"
    r"Wiki|Sentinel|Chronicle|Dispatch|Telegraph|Examiner|Mercury|Observer|Publishing|Media|Co)\b"
)
"""Words that name an organisation, for a role line without a job title ("Year 12, Oxley
Cross School")."""
_NAME_AND_ROLE = re.compile(
    rf"^[*_\s]*(?P<name>{_NAME_ON_A_LINE})[*_]*(?:[ \t]*,[ \t]*(?P<role>[^\n]{{2,160}}?))?"
    r"[*_\s]*$"
)
_NOT_NAMES = {
    "the",
    "this",
    "that",
    "these",
    "it",
    "he",
    "she",
    "we",
    "they",
    "president",
    "north",
    "south",
    "his",
    "her",
    "our",
    "my",
    "a",
    "an",
    "in",
    "on",
    "for",
}


_LABELS = frozenset({
    "guest", "column", "columns", "opinion", "opinions", "comment", "commentary", "editorial",
    "editorials", "letters", "op-ed", "viewpoint", "perspective", "essay", "analysis",
    "contributor", "contributors", "staff", "features", "news", "sport", "sports", "business",
    "politics", "review", "reviews", "blog",
})  # fmt: skip
"""Words of the labels pages put over a headline ("Guest Column", "Opinion Letters")."""

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Bidi embeddings, overrides and isolates, as the body of a regex character class: they make
text display in another order than it reads ("Trojan Source"), so output escapes them."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """Text with every lone surrogate (from undecodable bytes) replaced by U+FFFD, one for one.

    Such text cannot be written as UTF-8 or handed to the tokenizer; the length stays the same.
    """
    return _SURROGATE.sub("\ufffd", text)


def _lines(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield each line of ``text[start:end]`` as a span without its line terminator."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(s: str) -> int:
    return len(s.split())


_COOKIES = re.compile(
    r"^(?:we(?:\s+and\s+our\s+partners)?|this\s+(?:web)?site)\s+uses?\s+cookies\b", re.IGNORECASE
)
"""A cookie banner copied with the page: "We use cookies to improve your experience. Accept"."""


def is_boilerplate_line(line: str) -> bool:
    """True for a whole line that is page furniture rather than content."""
    s = line.strip()
    if not s:
        return False
    if _CREDIT.match(s) and _words(s) <= 25:
        return True
    if _COOKIES.match(s) and _words(s) <= 40:
        return True
    if _AGENCY.search(s) and _words(s) <= 12 and not s.endswith("."):
        return True
    if _LINK_LIST.match(s) or _DISCLAIMER.match(s) or _COPYRIGHT.search(s):
        return True
    if _TAGS.match(s) and not s.endswith((".", "?", "!")):
        return True
    if _RULE.fullmatch(s) or _markdown_links_only(s) or _MD_IMAGE.fullmatch(s):
        return True
    return s.lower().rstrip(" .:!>»›") in _NAVIGATION


_RULE = re.compile(r"[-=_*~#.·•+|\s]{3,}")
"""A line drawn across the page ("-----", "=====", "* * *"): it parts paragraphs, it says
nothing."""
_MD_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
"""A Markdown image on a line of its own: a picture, no words of the text."""


def _markdown_links_only(line: str) -> bool:
    """A Markdown line of links with little else: a breadcrumb ("[Home](/) > [Blogs](/blogs)")
    or a site's menu, not a sentence that links ("See [the report](x) and [the map](y) for…")."""
    links = _MD_LINK.findall(line)
    return (
        len(links) >= 2 and len(re.findall(r"\w+", _MD_LINK.sub(" ", line))) <= 2 * len(links) - 2
    )


def _split_markers(text: str, start: int, end: int) -> list[Span]:
    """Cut inline ad markers such as ``{mosads}`` out of a line, keeping the pieces around them."""
    pieces: list[Span] = []
    pos = start
    for m in _AD_MARKER.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return [p for p in (_trim(text, a, b) for a, b in pieces) if p[0] < p[1]]


def kept_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The paragraph spans of ``text[start:end]`` that are content, in order.

    A paragraph is a run of non-blank lines; a blank or removed line ends it. Spans are trimmed of
    surrounding whitespace, so the gap between two spans of one paragraph is only whitespace.
    """
    end = len(text) if end is None else end
    lines = [_trim(text, a, b) for a, b in _lines(text, start, end)]
    keep: list[tuple[int, int, list[Span] | None]] = []  # per line: kept pieces, None if removed
    in_link_list = False
    headline: str | None = None
    seen_content = False
    for a, b in lines:
        s = text[a:b]
        if not s:
            keep.append((a, b, []))
            continue
        if _LINK_LIST.match(s):
            in_link_list = True
            keep.append((a, b, None))
            continue
        if in_link_list and _words(s) <= 20 and not s.endswith("."):
            keep.append((a, b, None))
            continue
        in_link_list = False
        if is_boilerplate_line(s):
            keep.append((a, b, None))
            continue
        normal = " ".join(s.split())
        if headline is None:
            headline = normal
        elif not seen_content and normal == headline:
            keep.append((a, b, None))  # the headline repeated at the top of the page
            continue
        else:
            seen_content = True
        keep.append((a, b, _split_markers(text, a, b)))

    spans: list[Span] = []
    current: Span | None = None
    open_end = False  # the current span reaches the end of its line (no marker cut it short)
    for line_start, line_end, pieces in keep:
        if not pieces:
            if current:
                spans.append(current)
            current, open_end = None, False
            continue
        for a, b in pieces:
            if current is not None and open_end and a == line_start:
                current = (current[0], b)  # the next line of the same paragraph
            else:
                if current is not None:
                    spans.append(current)
                current = (a, b)
            open_end = b == line_end
    if current:
        spans.append(current)
    return spans


_PAPERS_ALONE = (
    r"Courier|Gazette|Herald|Echo|Mercury|Chronicle|Advertiser|Journal|Observer|Argus|Tribune|"
    r"Ledger|Examiner|Sentinel|Telegraph"
)
"""Words that name a newspaper even alone ("Courier View"), unlike "Times" or "Record"."""
PAPERS = rf"{_PAPERS_ALONE}|Times|Post|Record|Press|Express|Standard"
"""The last word of a newspaper's name."""


_SECTION = re.compile(
    r"^[#*_\s]*(?:letters?(?:\s+to\s+the\s+editor)?|opinion|comment|commentary|editorial|"
    r"(?:guest\s+)?column|op-ed|analysis|viewpoint|your\s+views?|guest\s+essay|interview)[*_:\s]*$"
    # …under its desk's: "HEALTH · INTERVIEW"
    r"|^[#*_\s]*[A-Z][\w&]*(?:\s+[A-Z&][\w&]*)?\s*[·|•]\s*(?:[\w-]+\s+)?(?:opinion|comment|"
    r"analysis|interview|column|review|essay|feature)[*_:\s]*$"
    # …or under its paper's name, in capitals or ending as a paper's does: "THE MERIDIAN -
    # LETTERS", "Brackenfield Echo — Comment" (not "Why rents must fall | Opinion")
    r"|^[#*_\s]*(?-i:[A-Z][A-Z'’&.-]*(?:\s+[A-Z][A-Z'’&.-]*){0,4}|(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+)"
    rf"{{0,3}}(?:{PAPERS}))\s*[-–—|]\s*(?:letters?(?:\s+to\s+the\s+editor)?|opinion|comment|"
    r"commentary|editorial|op-ed|viewpoint|your\s+views?)[*_:\s]*$"
    # a column's or a release's label: "CHAIRMAN'S JOTTINGS", "PRESS RELEASE - FOR IMMEDIATE
    # RELEASE", "FOR IMMEDIATE RELEASE - 4 June 2024", "OUR VIEW", "Q&A"
    r"|^[#*_\s]*(?:[\w'’]+\s+){0,2}(?:jottings|viewpoint|press\s+release|for\s+immediate\s+"
    r"release|open\s+letter|our\s+view|q\s*&\s*a|in\s+this\s+issue)(?:\s*[-–—|:]\s*(?:for\s+"
    r"immediate\s+release|[^\n]{0,20}\d{4}))?[*_:\s]*$"
    # …and, in capitals or after a possessive, "BUS STOP DIARY", "Treasurer's corner" (not
    # "Turning the corner", "Sign the petition")
    r"|^(?=(?-i:[^a-z\n]+)$)[#*_\s]*(?:[\w'’]+\s+){0,2}(?:diary|diaries|corner|bulletin|"
    r"petition)[*_:\s]*$|^[#*_\s]*\w+['’]s\s+(?:diary|corner|bulletin|notes|update)[*_:\s]*$",
    re.IGNORECASE,
)
"""A section's label standing over a headline."""


def section_label(line: str) -> bool:
    """True for a line that only labels a page's section ("Editorial", "Letters to the
    editor", "THE MERIDIAN - LETTERS"): never an answer."""
    return _SECTION.match(line.strip()) is not None


def guess_title(text: str, spans: list[Span]) -> str | None:
    """The headline: the first kept paragraph when it is one short line, or its first line
    when that stands over a standfirst or a byline ("HOLD THE LINE\nWhy the…", "A View\nBy
    Jane Doe"). A Markdown heading or a line in capitals is a headline even with a full stop
    ("# The Pact Is Not a Luxury. It Is Insurance."). A label or credit over it ("Letters",
    "GUEST COLUMN | Jane Doe") is not the headline. An email's is its Subject: line."""
    subject = (
        _SUBJECT.search(text, *spans[0]) if spans and _EMAIL_FROM.match(text, *spans[0]) else None
    )
    if subject:
        return subject.group("subject").strip()
    found = _headline(text, spans)
    return found[1] if found else None


_SUBJECT = re.compile(r"^Subject:[ \t]*(?:(?:Re|Fwd?):[ \t]*)*(?P<subject>[^\n]{3,200})$", re.M)


def headline_apart(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the paragraph a headline opens cut after the headline and around any
    byline in it ("A View\nWhy the plan fails\nBy Jane Doe\n\n…" in plain text: three
    paragraphs), so that no sentence runs from the headline into the credit under it."""
    found = _headline(text, spans)
    if found is None:
        return spans
    i = found[0]
    a, b = spans[i]
    lines = list(_lines(text, a, b))
    if len(lines) < 2:
        return spans
    credits = {k for k, (x, y) in enumerate(lines) if k and by_line(text[x:y])}
    cuts = {1} | credits | {k + 1 for k in credits if k + 1 < len(lines)}
    bounds = [0, *sorted(cuts), len(lines)]
    pieces = [_trim(text, lines[j][0], lines[k - 1][1]) for j, k in itertools.pairwise(bounds)]
    return [*spans[:i], *(p for p in pieces if p[0] < p[1]), *spans[i + 1 :]]


_SEPARATOR = re.compile(r"\s[|·•»>*]\s|\s[—–]\s(?=[^\n]*\d)")
_PAGE_MARK = re.compile(r"\b(?:page|issue|vol\.?|no\.)\s*\d|\S\s{4,}\d{1,4}\s*$", re.IGNORECASE)
_STAMP = re.compile(
    r"^[*_\s]*(?i:(?:last\s+)?updated|published|posted|special\s+to\s+the)\b"
    # a release or security marking: "FOR IMMEDIATE RELEASE", "EMBARGOED UNTIL…", "OFFICIAL"
    r"|^[*_\s]*(?:FOR\s+(?:IMMEDIATE\s+)?(?:RELEASE|PUBLICATION)|(?i:for\s+(?:immediate\s+)?"
    r"(?:release|publication))(?=[\W\d]*$|\s*[-–—:,]\s*\S+\s+\d)|EMBARGOED\b|(?i:embargoed\s+until)|"
    r"(?:OFFICIAL|RESTRICTED|CONFIDENTIAL)(?:\s*[-–—:]\s*[A-Z ()]+)?[*_\s]*$)"
    # a line that ends with its date: "12 February 2024", "Scrutiny Committee - 12 March 2024"
    rf"|(?:^|\s[-–—|]\s)[*_\s]*(?:(?i:{_DAYS}),?\s+)?(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+"
    r"\d{1,2},?)\s+\d{4}[*_\s]*$"
)


def _furniture(top: str, under: str) -> bool:
    """True for a page's furniture over its headline: a running header or a masthead with its
    date, page or issue ("THE KESSINGTON ADVERTISER | Thursday 7 March 2024 | Page 14"), a
    breadcrumb ("Home > News > Speeches"), a timestamp ("Updated 10:32 AM EDT…"), "SPECIAL TO
    THE HERALD", "FOR IMMEDIATE RELEASE", "OFFICIAL - SENSITIVE", or an organisation's name
    in capitals over a one-line heading ("BRACKENFORD BOROUGH COUNCIL" over "Fairholme Meadow:
    …")."""
    # (a headline is never long: a line of thousands of blanks is no furniture either)
    lines = [line[:300] for line in top.strip().splitlines()] or [""]
    first = lines[0]
    if len(_SEPARATOR.findall(first)) >= 2 or _PAGE_MARK.search(first) or _STAMP.match(first):
        return True
    if "|" in first and editorial_board(first):
        return True  # a column's label and its board: "Gazette View | The Gazette editorial board"
    if len(lines) >= 2 and all(len(_WORD.findall(line)) <= 6 for line in lines):
        # a site's name over its menu ("Home | About | Contact"), or a menu a word a line
        menu = any(len(_SEPARATOR.findall(line)) >= 2 for line in lines)
        if menu or (len(lines) >= 4 and all(_words(line) <= 3 for line in lines)):
            return True
    plain, below = first.strip(" *_#"), under.strip(" *_#\n")
    # (a headline in capitals that names a body is no masthead: "THE VIEW FROM THE CAB: WHAT
    # THE HOSPITAL ROW GETS WRONG" over its writer's name)
    heading = (
        len(below) <= 300
        and len(below.splitlines()) == 1
        and _words(below) <= 20
        and not below.isupper()
        and not below.endswith(".")
        and not (by_line(below) or name_line(below) or _TAGLINE.search(below))
    )
    return (
        "\n" not in top.strip()
        and plain.isupper()
        and _words(plain) <= 6
        and ":" not in plain
        and bool(_ORG.search(plain.title()))
        and heading
    )


_WORD = re.compile(r"[\w'’-]+")
_CAPTION = re.compile(r"^[\[(*_\s]*(?:photo|image|picture|pictured)\b", re.IGNORECASE)
"""A photo's caption between a headline and its byline: "[Photo: The governor signs the Act…]"."""
_TAGLINE = re.compile(
    r"\b(?:since|est\.?|established|founded)\s+(?:in\s+)?\d{4}\W*$", re.IGNORECASE
)
"""A masthead's tagline: "Serving the Larch Vale since 1881"."""


def _headline(text: str, spans: list[Span]) -> tuple[int, str] | None:
    """The index of the kept paragraph the headline opens, and the headline (see
    ``guess_title``)."""
    labelled, skipped = False, 0
    while len(spans) > 1 and (
        _SECTION.match(top := text[slice(*spans[0])])
        or by_line(top)
        or _furniture(top, text[slice(*spans[1])])
    ):
        spans, labelled, skipped = spans[1:], True, skipped + 1
    if not spans:
        return None
    lines = text[spans[0][0] : spans[0][1]].splitlines()
    first = lines[0].strip()
    marked = first.startswith("#") or (first.isupper() and _words(first) > 1)
    marked = marked or (labelled and len(lines) == 1 and _words(first) <= 20)
    # what stands under the headline: the next line of its paragraph, else the next paragraph
    # (past a photo's caption)
    after = lines[1] if len(lines) > 1 else ""
    below = [text[slice(*span)] for span in spans[1:3]]
    if below and _CAPTION.match(below[0]):
        below = below[1:]
    if not after and below:
        after = below[0]
    credit = bool(
        by_line(after) or name_line(after, bare=len(lines) > 1) or standfirst_names(after)
    )
    # a headline, a deck and a byline on three lines: "Save the pool\nIt is no luxury\nBy…"
    credit = credit or any(by_line(line) for line in lines[2:4])
    if len(lines) == 2 and len(spans) > 1 and not credit:
        # …or the byline a paragraph of its own under the two: "Save the pool\nIt is no
        # luxury\n\nJane Doe"
        under = text[slice(*spans[1])]
        credit = bool(by_line(under) or name_line(under))
    if _words(first) > 30 or (first.endswith(".") and not (marked or credit)):
        return None
    if len(lines) > 1 and not (marked or credit or lines[1].strip().isupper()):
        return None
    return skipped, " ".join(first.split())


def by_line(line: str, sign_off: bool = False) -> str | None:
    """The name a byline gives ("By Jane Doe", "Written by Jane Doe, head teacher", "BY JANE
    DOE" as "Jane Doe", "Posted by Jane Doe on 3 May 2024", "Jane Doe writes:", "Jane Doe |
    Guest column", "Jane Doe — Chair, Friends of the Library"; with ``sign_off`` also the ends
    of pieces and letters, "— Jane Doe, parent", "Jane Doe, Lyndale Green" and "Yours,\nJane
    Doe", which at the top of a text credit an epigraph), else None. A role after the
    name is at most ten words, and a short one if it ends a sentence: "By Christmas Day, the
    council had spent nothing on it." is a sentence."""
    line = line.strip()
    if len(line) > 1000:
        return None  # no credit is this long; a run of blanks would make each pattern crawl
    line = _RANK_RETIRED.sub("", line)  # "By Sgt (retd) Jane Doe"
    line = _SENT_BY.sub("", line)  # "— Mrs Jane Doe (by email)"
    if (low := _LOWER_CREDIT.match(line)) is not None:
        # "*words by jane doe, 16*", "posted by jane o'doe » Tue Apr 22, 2025"
        line = line[: low.start("name")] + _titled(low.group("name")) + line[low.end("name") :]
    if (told := _AS_TOLD.match(line)) is not None:
        return told.group("name")  # "Jane Doe, as told to John Roe": her words
    if "](" in line or "(@" in line:
        # "Words: Jane Doe ([@janedoe](https://x.com/janedoe)) · Photo: the council"
        line = _HANDLE.sub("", _MD_LINK_TEXT.sub(r"\1", line))
    # "Story by Jane Doe · Photographs by John Roe · 12 min read"
    line = _PHOTO_CREDIT.sub("", line)
    line = _PARTY.sub("", _QUOTED_NICKNAME.sub("", line))
    if reporting := _REPORTING.match(line):
        # a news agency's "Reporting by Jane Doe and John Roe in Kelsby; Editing by Ann Poe"
        return " and ".join(re.split(r",\s*|\s+and\s+", reporting.group("names")))
    pair = _TWO_WITH_ROLES.match(line)
    if pair and any(is_role(w) for w in role_tokens(pair.group("role"))):
        # each with a job: read as "By Jane Doe and John Roe", with that byline's checks
        line = f"By {pair.group('one')} and {pair.group('two')}"
    if named := (
        _PEN_NAME.match(line) or _USER.match(line) or _FORUM.match(line) or _PETITION.match(line)
    ):
        return named.group("name")  # 'by "Night Owl"', "submitted 5 hours ago by u/owl_77"
    if (officer := _REPORT_OF.match(line)) and (named_officer := _person(officer["name"])):
        return named_officer  # not "Report of the Head of Planning, Kelby District Council"
    line = _POSTED_ON.sub(r"\1 ", line)  # "Posted on 14 March 2024 by Jane Doe"
    m = _BY.match(line) or _NAME_FIRST.match(line) or _DELIVERED.match(line)
    if m is None and line.isupper() and (m := _DELIVERED.match(line.title())):
        line = line.title()  # "STATEMENT FROM COUNCILLOR JANE DOE, LEADER OF…"
    if m is None and sign_off:
        if (caps := _CAPS_BEFORE_PLACE.match(line)) and not line.isupper():
            # "PATRICK VAN DER BERG, Sandel Lane, Oxcombe" ends a letters page's letter
            words = caps.group().title().split()
            name = " ".join(w.lower() if w.lower() in PARTICLES else w for w in words)
            line = name + line[caps.end() :]
        m = _SIGN_OFF.match(line) or _LETTER_SIGN_OFF.match(line) or _SIGNATURE.match(line)
    if m is None:
        return None
    role = re.findall(r"\w\S*", m.groupdict().get("role") or "")
    # "Written by" and a dash sign-off credit whatever follows: "— Jane Doe, an economist and
    # part-time farmer in Co. Clare."
    explicit = _WRITTEN_OR_DASH.match(line) is not None
    if len(role) > (20 if explicit else 12) or (
        not explicit and len(role) > 4 and _SENTENCE_END.search(m.group("role"))
    ):
        return None
    name = " ".join(m.group("name").split()).rstrip("._*")
    if _ORG.search(name):
        return None  # a paper's name under a label: "Opinion — Sunday Dispatch, 29 September"
    if any(w[0].isupper() and w.lower() in _HEADLINE_WORDS for w in name.split()):
        return None  # a headline in title case: "Keep The Pool Open | 3 May 2024"
    if _INSTITUTION_END.search(name.title() if name.isupper() else name) or _SITE_END.search(name):
        return None  # a body's name over its newsletter, "Elm Primary School — Issue 12"
    return name.title() if name.isupper() else name  # "BY JANE DOE"


_WRITTEN_OR_DASH = re.compile(r"^[*_\s]*(?:[Ww]ritten\s+by\s|[—–]|--)")
_REPORTING = re.compile(
    rf"^[*_\s]*\(?(?:Additional\s+)?[Rr]eporting\s+by\s+(?P<names>{_NAME}(?:(?:,\s*|\s+and\s+){_NAME})*)"
    r"(?:,\s+[a-z][^;\n()]{2,80}?)?(?:\s+in\s+[A-Z][^;\n]{0,40})?\s*(?:;[^\n]{0,80})?\)?[.*_\s]*$"
)
"""A news agency's credit, in brackets too: "(Reporting by Jane Doe; Editing by Ann Poe)",
"Reporting by Jane Doe, health correspondent, Kelby Courier."."""
_POSTED_BY = re.compile(rf"[*_\s]*Posted\s+by\s+({_NAME})\s+(?:on|at)\s+[^\n]{{0,40}}\d")
_WIRE_CREDIT = re.compile(
    rf"\(\s*Reporting\s+by\s+(?P<names>{_NAME}(?:(?:,\s*|\s+and\s+){_NAME}){{0,3}})"
    r"(?:\s+in\s+[A-Z][\w ]{0,30})?\s*[;)]"
)
_POSTED_ON = re.compile(r"^([*_\s]*[Pp]osted)\s+on\s+[\w ,./-]{0,20}\d[\w ,./-]{0,20}?(?=\s+by\s)")
"""A blog's date between "Posted" and its writer, left out so the writer is read."""
_TWO_WITH_ROLES = re.compile(
    rf"^[*_\s]*(?:[Bb]y|BY)\s+(?P<one>{_NAME}),\s+(?P<role>[^\d,\n]{{2,50}}),\s+and\s+(?P<two>{_NAME})"
    r"(?:,\s+[^\d,\n]{2,50})?[*_\s]*$"
)
"""Two writers, each with a role: "By Jane Doe, Environment Correspondent, and John Roe, Data
Editor"."""
_PEN_NAME = re.compile(
    r"^[*_\s]*[Bb]y\s+[\"“](?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|from|the)\s+)?[A-Z][\w'’-]*){0,3})"
    r"[\"”][*_\s]*$"
)
_USER = re.compile(r"^[*_\s]*(?:submitted|posted)\b[^\n]{0,40}?\bby\s+u/(?P<name>[\w-]{3,40})\b")
"""A forum's "submitted 5 hours ago by u/owl_77": the user's handle is all the name there is."""
_REPORT_OF = re.compile(
    rf"^[*_\s]*Report\s+of\s+the\s+[A-Z][^\n]{{2,80}},\s+(?P<name>{_NAME})[*_\s]*$"
)
"""A council report's "Report of the Director of Place, Jane Doe"."""
_FORUM = re.compile(
    r"^[*_\s]*by\s+(?P<name>[\w.-]{3,40})\s+»\s+(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\b|\d)"
)
"""A forum post's "by owl_77 » Tue Feb 20, 2024 9:14 pm": the user name is the name there is."""
_PETITION = re.compile(rf"^[*_\s]*(?P<name>{_NAME})[*_]*\s+started\s+this\s+petition\b")
"""A petition page's "Jane Doe started this petition to the Secretary of State"."""
_ANONYMOUS = re.compile(
    r"^[*_\s]*(?:By|Author\s*:|Written\s+by)\s+(?:Anonymous|an\s+anonymous\s+\w+|name\s+withheld)\b",
    re.IGNORECASE,
)
"""A byline that names no one on purpose: "By Anonymous · 8 July 2024"."""
_AS_TOLD_AFTER = re.compile(rf"(?<=[.!?])\s+As\s+told\s+to\s+{_NAME}")
"""A standfirst's "Jane Doe, 47, has run the school for nine years. As told to John Roe.": the
words are the first sentence's subject's."""
_LABEL_AFTER = re.compile(rf"(?<=[.!?])\s+(?:Author|Written\s+by|Words)\s*:\s*(?P<name>{_NAME})")
"""A credit that ends a note: "…republished here with permission. Author: Jane Doe, …"."""
_SENT_BY = re.compile(
    r"\s*\((?:by|via)\s+(?:e-?mail|post|letter)\)|\s*\((?:full\s+)?(?:name|address|name\s+and\s+"
    r"address)\s+(?:supplied|withheld)\)",
    re.IGNORECASE,
)
_LOWER_CREDIT = re.compile(
    r"^[*_>#\s]*(?:words|written|posted|by)\s+(?:by\s+)?"
    r"(?P<name>[a-z][a-z'’-]+(?:\s+(?:[a-z][a-z'’-]+)){1,3}?)(?=\s*(?:[,|·•»*_]|$))"
)
_AS_TOLD = re.compile(
    rf"^[*_>#\s]*(?:[Bb]y\s+)?(?P<name>{_NAME}),?\s+as\s+told\s+to\s+{_NAME}[*_.\s]*$"
)


def _titled(name: str) -> str:
    """A name typed in lower case, capitalised as printed: "jane o'doe" is "Jane O'Doe", "jan
    van der berg" is "Jan van der Berg"."""
    words = [
        w
        if w in PARTICLES
        else re.sub(r"(?<=['’-])[a-z]", lambda m: m.group().upper(), w.capitalize())
        for w in name.split()
    ]
    return " ".join(words)


_MD_LINK_TEXT = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_HANDLE = re.compile(r"\s*\(@\w+\)")
_PHOTO_CREDIT = re.compile(
    r"(?:\s*[·•|]\s*(?:(?:Photo(?:graph)?(?:s|y)?|Pictures?|Images?|Illustrations?)\s*(?::|by\s)"
    r"[^·•|\n]*|\d{1,3}\s*min(?:ute)?s?\s+read))+(?=[*_\s]*$)",
    re.IGNORECASE,
)
"""What a credit line gives after the writer: a photographer, a reading time."""
_PARTY = re.compile(r"(?<=\w)\s*\((?:[A-Z][\w.]*(?:[\s-][A-Z][\w.]*){0,2})\)(?=\s*,|\s*$)")
"""A party or outlet after a name, which would part it from the role: "By Cllr Jane Doe (Lab),
cabinet member for…"."""
_QUOTED_NICKNAME = re.compile(
    r"(?<=\w)\s+(?:[\"“‘'][A-Z][\w'’-]*[\"”’']|\([A-Z][a-z]+\))(?=\s+[A-Z])"
    r"|(?<=\w)\s*\([\"“‘'][A-Z][^\"“”‘’()\n]{0,30}[\"”’']\)(?=\s*[,|]|\s*$)"
)
"""A nickname inside a name or after it: 'Jaswinder "Jas" Bains', "Margaret (Peggy)
Hollingsworth", 'Jane Doe ("Janie the Bun"), owner, …'."""
_RANK_RETIRED = re.compile(r"(?<=\w)\s*\((?:retd?|rtd|retired)\.?\)(?=\s|,|$)", re.IGNORECASE)
"""A rank's "(retd)", which would part it from the name."""
_HEADLINE_WORDS = frozenset(
    "the a of for in on at is are was not why how what when who we our your us it its this "  # noqa: SIM905
    "that must should need needs keep save stop let".split()
)
"""Words a headline in title case holds and a name never does ("An", "No", "To" and "My" can
be names)."""


def name_line(paragraph: str, bare: bool = True) -> str | None:
    """The name of a credit without "By": a line that is only a name ("Jane Doe", unless not
    ``bare``), or a name with its role after a comma or on the next lines ("Jane Doe, Professor
    of Economics, University of Carrick"; "Jane Doe\nDirector of Finance\nCarrick Council").
    The role must name a job or an organisation and be no sentence: "New Street, the road
    that…" is not a credit."""
    lines = below_signature_rule([line.strip() for line in paragraph.strip().splitlines()])
    while lines and (
        _CONTACT.fullmatch(lines[-1]) or (len(lines) > 2 and _REACH.search(lines[-1]))
    ):
        lines.pop()  # "Branch office: Room G14, … | 01632 960 301" under a signature
    if not lines or len(lines) > 4 or lines[0].isupper():  # in capitals: a headline
        return None
    first = _QUOTED_NICKNAME.sub("", lines[0])
    words = first.split()
    while len(words) > 2 and _LETTERS.fullmatch(words[-1].strip("*_")):
        words.pop()  # "Dr Jane Doe MBChB MRCGP FRCP(Edin)"
    if len(words) < len(first.split()):
        first = " ".join(words).rstrip(" ,")
    m = _NAME_AND_ROLE.match(first) or _NAME_AND_ROLE.match(
        _TITLES.sub("", first.strip(" *_"))  # "The Revd Canon Jane Doe"
    )
    if (
        m is None
        or m.group("name").split()[0].lower() in _NOT_NAMES
        or any(w.lower() in _LABELS for w in m.group("name").split())
        or _UNIT.search(m.group("name"))
        or _SITE_END.search(m.group("name"))
    ):
        return None  # "Guest Column" over the headline is a label, "Dunmere Talk" a site
    role = " ".join([m.group("role") or "", *lines[1:]]).strip(" *_")
    role = POSTNOMINALS.sub("", f", {role}").strip(" ,*_")  # "Jane Doe, PhD" is a bare name
    if not role:
        return " ".join(m.group("name").split()) if bare else None
    if (
        len(role.split()) > 16
        or _SENTENCE_END.search(role)
        or not (_ROLE.search(role) or _ORG.search(role))
    ):
        return None
    return " ".join(m.group("name").split())


_SITE_END = re.compile(
    r"\b(?:Matters|Talk|Talks|View|Views|Watch|Notes|Forum|Online|Today|Digest|Insider|"
    r"Hub|Weekly|Daily|Blog|Diaries|Chronicles|Voices)$"
)
"""The last word of a blog's or a forum's name, which heads its page as a writer's would."""
_UNIT = re.compile(
    r"\b(?:Team|Council|Department|Directorate|Committee|Unit|Services?|Authority|Constabulary|"
    r"Police|Ministry|Agency)$"
)
"""The last word of an organisation or one of its parts ("Information Governance Team", which
heads a letter where a person's name would)."""


def below_signature_rule(lines: list[str]) -> list[str]:
    """``lines`` without the rule an email's signature opens with: "--\nJane Doe\nTreasurer,
    …\n07700 900 312"."""
    while lines and lines[0].strip() in ("--", "—", "__"):
        lines = lines[1:]
    return lines


_CONTACT = re.compile(
    r"(?:(?:tel|phone|mob(?:ile)?|t|m|e|email|e-mail)\s*[:.]?\s*)?(?:\+?[\d ()-]{7,20}|"
    r"[^\s@]+@[^\s@]+\.\w+|(?:https?://|www\.)\S+)(?:\s*[|·•]\s*\S+)*",
    re.IGNORECASE,
)
"""A line of contact details under a signature: a phone number, an email or web address."""


_REACH = re.compile(r"\+?\d[\d ()-]{8,18}\d|(?<![\w.+-])[\w.+-]{1,64}+@[\w-]++\.\w")
"""A phone number or an email address somewhere in a line: an address under a signature."""


def signed_by(paragraph: str) -> str | None:
    """The name of a paragraph that is only a signature: "Jane Doe", or "Jane Doe" with a town
    on the next line (where it ends a letter)."""
    first, _, rest = paragraph.strip().partition("\n")
    words = POSTNOMINALS.sub("", _RANK_RETIRED.sub("", first)).split()
    while len(words) > 2 and _LETTERS.fullmatch(words[-1]):
        words.pop()  # "Dr Jane Doe FRCS (retd)"
    m = _SIGNED_LETTER.match(" ".join(words) + (f"\n{rest}" if rest else ""))
    if m is None:
        return None
    name = " ".join(m.group("name").split())
    return name.title() if name.isupper() else name  # "JANE DOE" over her address


def credited(text: str) -> str | None:
    """The person a page's author element credits: "By Jane Doe", a bare "Jane Doe", or a bio
    ("Jane Doe is a fellow at…"); None for anything else."""
    text = " ".join(text.split())
    if len(text) > 300:
        return None
    # an author box's heading: "About the author Jane Doe is…"
    text = _BOX_HEADING.sub("", text)
    if (me := _INTRODUCES_SELF.search(text)) and me.start() <= 12:
        return me.group("name")  # a blog's "About me: Hi! I'm Jane Doe, head baker at…"
    return bio_subject(text) or (text if re.fullmatch(_NAME, text) else None)


_BOX_HEADING = re.compile(
    r"^(?:about\s+the\s+(?:author|writer)s?|the\s+author|author|about\s+me|"
    r"about(?=\s+(?-i:[A-Z])))\b\W*",
    re.I,
)


_THE_REVEREND = re.compile(
    r"^[*_\s]*The\s+(?=(?:Rt\.?\s+)?(?:Rev|Revd|Reverend|Very|Venerable|Hon)\b)"
)


_APPOSED_LETTERS = re.compile(
    rf"^([^,\n]{{3,80}}?),[ \t]{{0,3}}{_POSTNOMINAL},(?=[ \t]+(?:is|was)\b)"
)
"""Letters after a name set off by commas before the bio's verb: "Jane Doe, PhD, is…"."""
_EMPHASISED = re.compile(r"(?P<mark>\*\*|__)(?P<name>[^*_\n]{3,60}?)(?P=mark)(?=[\s,:])")
"""A name in bold in a bio: "**Jane Doe** is a lecturer…", "About the author: **Jane Doe**,
a lecturer, …"."""


def bio_subject(sentence: str, loose: bool = False) -> str | None:
    """The person a bio sentence describes ("Jane Doe is a fellow at…", "Jane Doe chairs the
    transport committee."), or the name of a "By Jane Doe" line; None for any other sentence.

    A bio line says what its subject does for a living; "Donald Trump has been clear…" does not.
    ``loose`` also takes "Jane Doe is a/an/the …" without a known word for a job ("…a mother
    of three in Leeds"): for checking a sentence against a person already known.
    """
    # "*Jane Doe is…*", "About the author: Jane Doe is…", "The author, Jane Doe, is…"
    sentence = _EMPHASISED.sub(r"\g<name>", sentence.strip())  # "**Jane Doe** is…"
    sentence = _APPOSED_LETTERS.sub(r"\1", sentence, count=1)  # "Dr Jane Doe, PhD, is…"
    sentence = _BIO_PREFIX.sub("", sentence).rstrip("*_ ")
    sentence = _THE_REVEREND.sub("", sentence)  # "The Rev Jane Doe is…" names Rev Jane Doe
    sentence = _THE_AUTHOR.sub(lambda m: f"{m.group('name') or m.group('named')} is ", sentence)
    named = by_line(sentence)
    if named:
        return named
    m = _BYLINE.match(sentence)
    if (
        m
        and m.group("name").split()[0].lower() not in _NOT_NAMES
        and (
            m.group("job")
            or m.group("apposition")
            or (loose and m.group("article"))
            or _ROLE.search(sentence[m.end() : m.end() + 120])
        )
    ):
        return " ".join(re.sub(_RETIRED, " ", m.group("name")).split())
    return None


_JOB_DONE = (
    r"lived|worked|run|taught|owned|managed|chaired|led|served|skippered|farmed|practised|"
    r"practiced|fished|coached|represented|nursed|driven|edited|sold|traded|studied|researched|"
    r"campaigned|volunteered|lectured|operated|captained|piloted|policed|brewed|baked|cooked|"
    r"repaired|governed|advised|treated"
)
"""What a writer has done for a living, after "I have" ("I have skippered the Curlew…"):
shared by _SELF (their bio) and _WHO_I_AM (their credits)."""
_JOB_DOING = r"run|own|chair|lead|manage|teach|work|farm|coach|represent|edit|head"
_AGE = (
    r"(?:\d{1,2}|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|"
    r"nine)ty(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"(?!\s*(?:%|per\b|percent\b|minutes?\b|miles?\b|hours?\b|days?\b|weeks?\b|months?\b|"
    r"metres?\b|meters?\b|yards?\b|feet\b|km\b|times\b|pounds?\b|points?\b))"
)
"""An age, as a writer gives it: "I am seventeen", "I'm 16"."""
"""…and does, after "I" ("I run the Steps Café")."""
_SELF = re.compile(
    # "I run the Steps Café…", "I have skippered the Curlew for twenty years", "As a GP, I am…"
    r"^[\W_]*(?:(?:As|For)\s[^,]{1,60},\s*)?I(?:['’](?=ve\b)|(?=['’]m\b)|\s+)(?:(?:am|['’]m|was)\s+(?:a|an|the|one\s+of|now|"
    r"also|currently|retired|semi-retired|head|chair|branch|deputy|vice|president|secretary|"
    r"treasurer|director|manager|member|founder|co-founder|owner|editor|clerk|headteacher|"
    rf"principal|professor|lecturer|vicar|rector|skipper|captain|{_AGE})\b|(?:have|ve)\s+(?:been\s+"
    # "I have been mayor of Allerby for three years"
    r"(?:a|an|the|mayor|councillor|chair|president|secretary|treasurer|director|manager|"
    rf"editor|clerk|headteacher|principal|vicar|rector|skipper|captain)\b|kept|{_JOB_DONE}|"
    # "I have spent 27 years in this service"
    r"spent\s+(?:[\w-]+\s+){0,2}(?:years|decades))\b|"
    rf"(?:live|{_JOB_DOING})\s)"
    # "As a retired civil engineer who spent thirty years mending mains, I…", "As chair of the
    # hosts' association, we…" (not "As the council keeps saying, we…")
    r"|^[\W_]*As\s+(?:an?\s|(?:the\s+)?(?:chair|head|president|director|owner|leader|secretary|"
    r"member|founder|editor|manager|captain|principal|headteacher|mayor)\b)[^,]{1,150},\s*"
    r"(?:I|we)\b"
)


_THE_WRITER_IS = re.compile(
    # a newspaper's closing line that names no one: "The writer is a professor of economics at…"
    r"^[*_\s—–-]*The\s+(?:writer|author)s?\s+(?:is|was|are|were|has|have|served|teaches|works|"
    r"lives|runs|leads|chairs|directs)\b"
)


def about_the_writer(sentence: str) -> bool:
    """True for a bio of a piece's writer that calls them "the writer" ("The writer is a
    professor of economics at Acme University.")."""
    return _THE_WRITER_IS.match(sentence) is not None


_APPOSED_NAME = r"[A-Z][\w'’-]++(?:[ \t]+[A-Z][\w'’-]++){1,2}"
_APPOSITION = re.compile(
    # "Dana Kowalski, the Comets' president,", "Jane Doe, who runs the hardware shop,"
    rf"(?<![\w'’-])(?P<name>{_APPOSED_NAME}),[ \t]+"
    r"(?P<role>(?:the|an?|who|[A-Z][\w-]*?(?:['’]s|s['’]))[ \t]+[^,.;:()\n]{3,80}?)[,;.]"
    # "the Comets' president, Dana Kowalski,"
    r"|(?<![\w'’-])(?:[Tt]he|[Aa]n?)[ \t]+(?P<role2>[^,.;:()\n]{3,60}?),[ \t]+"
    rf"(?P<name2>{_APPOSED_NAME})[,;.]"
)
_WHO_DOES = re.compile(
    r"^who\s+(?:runs|ran|owns|owned|chairs|chaired|leads|led|manages|managed|teaches|taught|"
    r"works|worked|farms|farmed|coaches|coached|edits|heads|headed|planned|sells|sold)\b"
)
_ROLE_TAIL = re.compile(r"\b(?:of|at|for|in|on|with|from|to|who|whose|and|nor|or)\b")
_WHO_HAS_BEEN = re.compile(
    r"^who\s+(?:has|had)\s+been\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?P<job>[\w-]+)\b(?!['’])"
)
"""…and "who has been a GP in Low Garth": a job, or "a thorn in the council's side"."""
_HEADS = frozenset({"president", "chairman", "chairwoman", "ceo", "boss", "chancellor", "head"})
"""Words for who leads a body that ``is_role`` leaves to a context ("president of")."""


def _job(word: str) -> bool:
    """True for a word for a job or a role, or for who leads a body ("president")."""
    return is_role(word) or word in _HEADS


MAX_APPOSITIONS = 30
"""Appositions kept of one document: what the manifest holds stays small."""


def appositions(text: str, spans: tuple[Span, ...] | list[Span]) -> list[str]:
    """What a document says, in passing, of who people are: "Jane Doe: the Comets' president"
    of "Dana Kowalski, the Comets' president, told…" or "the Comets' president, Dana
    Kowalski, …", and of "Jane Doe, who runs the hardware shop, …"; only a job or a role (see
    ``is_role``) or what someone runs, owns or chairs. A question may name a writer by what
    others' pieces call them."""
    found: list[str] = []
    for a, b in spans:
        for m in _APPOSITION.finditer(text, a, b):
            name, role = m.group("name") or m.group("name2"), m.group("role") or m.group("role2")
            # the job is the phrase's head: "the Comets' president", "a GP in Low Garth" (not
            # "the mayor's husband", "a friend of the mayor", "who was fined by the magistrate")
            tail = _ROLE_TAIL.search(role.lower())
            if tail and tail.group() in ("and", "nor", "or"):
                continue  # "neither the leader nor her deputy, John Roe,": whose job is unsaid
            head = re.findall(r"[\w-]+", role.lower()[: tail.start() if tail else None])
            been = _WHO_HAS_BEEN.match(role)
            job = (bool(head) and _job(head[-1])) or bool(been and _job(been["job"]))
            if not (job or _WHO_DOES.match(role)):
                continue
            words = name.split()
            if words[0].lower() in _NOT_FIRST_NAMES and len(words) > 2:
                name = " ".join(words[1:])  # "Meet Dana Whitlock, the Comets' president,"
            if name.split()[0].lower() in _NOT_FIRST_NAMES or not _people(name):
                continue
            item = f"{name}: {' '.join(role.split())}"
            if item not in found:
                found.append(item)
            if len(found) >= MAX_APPOSITIONS:
                return found
    return found


def apposed(sentence: str, name: str) -> bool:
    """True when a sentence describes ``name`` in passing, by an apposition ("Dana Kowalski,
    the team's president, told…", "the team's president, Dana Kowalski, has offered…",
    "Dana Kowalski, who runs the team, …"): anyone's text may say who a person is."""
    if not name.strip():
        return False
    who = r"\s+".join(re.escape(w) for w in name.split())
    return (
        re.search(
            rf"(?<![\w-]){who},\s+(?:an?|the|who|whose|[\w'’-]+['’]s?)\s+[^,.;()]{{3,80}}[,;.]",
            sentence,
        )
        is not None
        or re.search(rf"\b(?:an?|the|its|their|our)\s+[^,.;()]{{3,60}},\s+{who},", sentence)
        is not None
    )


def self_described(sentence: str) -> bool:
    """True for a writer's sentence about who they are ("I run the Steps Café…", "I have
    taught here for thirty years", "I am a GP in Kelsby"): in a piece, their bio."""
    return _SELF.match(sentence) is not None


_SIGNED = re.compile(r"([Bb]y\s+[^.\n]{3,60}\.)\s+\S")


def _outlet(group: str) -> str:
    """A newspaper's name in capitals, "Carrick Post" (not "The"), even in a case-blind regex."""
    return rf"(?P<{group}>(?-i:(?!The\b|By\b)[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){{0,3}}))"


_BOARD = re.compile(
    # "By the Editorial Board of the Post", "The Editorial Board, The Post", "*The Post
    # editorial board*", "This editorial represents the view of the Post editorial board."
    rf"^[*_\s]*(?:(?:By\s+)?the\s+editorial\s+board(?:\s+of|,)\s+(?:the\s+)?{_outlet('of')}"
    rf"|(?:(?:By|This\s+editorial\s+(?:represents|is)\s+the\s+views?\s+of)\s+)?"
    rf"(?:the\s+)?{_outlet('owner')}(?:['’]s)?\s+editorial\s+board"
    # "The Gazette's view – editorial, The Ashcombe Gazette", "Editorial | The Post"
    rf"|(?:the\s+)?{_outlet('viewer')}['’]s\s+view(?:\s*[-–—|:,]\s*(?:an?\s+)?editorial)?"
    rf"(?:\s*[-–—|:,]\s*(?:the\s+)?{_outlet('full')})?"
    rf"|editorial\s*[-–—|:,]\s*(?:the\s+)?{_outlet('label')}"
    # a paper's column of its own views, "Courier View", "Kelby Gazette View - editorial"
    rf"|(?:the\s+)?(?P<paperview>(?-i:(?:[A-Z][\w'’&-]*\s+){{1,3}})(?:{PAPERS})|{_PAPERS_ALONE})"
    r"\s+view"
    r"(?:\s*[-–—|:,]\s*(?:an?\s+)?editorial)?"
    # a masthead over its label, "THE FENMOOR COURIER - EDITORIAL"
    rf"|(?:the\s+)?(?P<head>(?-i:[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){{0,3}}\s+)(?:{PAPERS}))"
    r"\s*[-–—|:]\s*(?:editorial|leader|our\s+view))[.*_\s]*$"
    # the board described at the foot: "The editorial board of the Courier is chaired by…"
    rf"|^[*_\s]*the\s+editorial\s+board\s+of\s+(?:the\s+)?{_outlet('foot')}\s+"
    r"(?:(?:is|are)\s+(?:chaired|made\s+up|composed|led)|comprises|consists)\b",
    re.IGNORECASE,
)
BOARD = "editorial board"
"""The author of an editorial is its outlet's editorial board: "Carrick Post editorial board"."""


_TOGETHER = re.compile(r"\s+(?:and|&)\s+")


def writers(author: str) -> list[str]:
    """The people of an author's name: two for "Jane Doe and John Roe", who wrote together; an
    editorial board ("Carrick and District Post editorial board") is one."""
    return (
        [p for p in _TOGETHER.split(author) if p] if not author.endswith(f" {BOARD}") else [author]
    )


_PAPER = (
    r"(?:The\s+)?(?P<paper>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3}\s+"
    rf"(?:{PAPERS}))[.*_\s]*$"
)
_PAPER_SIGN_OFF = re.compile(rf"^[*_\s]*(?:[—–]|--)\s*{_PAPER}")
"""An editorial signed with its paper's name: "— The Kelsby Courier"."""
_PAPER_LINE = re.compile(rf"^[*_\s]*{_PAPER}")
"""A line that is only a paper's name: "The Kelsby Courier"."""
_BOARD_ALONE = re.compile(r"^[*_\s]*(?:By\s+)?the\s+editorial\s+board[.*_\s]*$", re.IGNORECASE)
"""A credit to an editorial board that names no paper: "By The Editorial Board"."""


def editorial_board(paragraph: str) -> str | None:
    """The author a newspaper's editorial credits ("Carrick Post editorial board"), else None."""
    if signed := _PAPER_SIGN_OFF.match(paragraph.strip()):
        return f"{signed.group('paper')} {BOARD}"
    m = _BOARD.match(" ".join(paragraph.split()))
    if m is None:
        # a column's label over the headline: "**Gazette View** | The Kelsby Gazette editorial
        # board"
        label, bar, rest = paragraph.partition("|")
        if bar and "\n" not in paragraph.strip() and _words(label) <= 4 and "|" not in rest:
            return editorial_board(rest)
        return None
    outlet = m.group("of") or m.group("owner") or m.group("full") or m.group("viewer")
    outlet = outlet or m.group("label") or m.group("head") or m.group("foot")
    outlet = _THE_PAPER.sub("", outlet or m.group("paperview"))
    if outlet.isupper() and any(len(w) >= 4 for w in outlet.split()):
        outlet = outlet.title()  # "FENMOOR COURIER", not "BBC"
    return f"{outlet} {BOARD}"


_THE_PAPER = re.compile(r"^(?:The|THE)\s+")


_SAYS = (
    r"(?:argues|writes|says|asks|contends|insists|explains|warns|believes|suggests|thinks|answers|"
    r"responds|replies|sets\s+out|makes\s+the\s+case)"
)
_OUR_WRITER = r"[Oo]ur\s+(?:[\w-]+\s+){0,2}(?:columnist|correspondent|critic|writer|editor)"
"""How a paper presents its own writer: "our arts columnist"."""
_STANDFIRST = re.compile(
    # "…, argues Jane Doe, chief executive of the Chamber." (the writer named at the end)
    rf",\s+{_SAYS}\s+(?P<after>{_NAME})(?:\s*,\s*[^.\n]{{1,100}})?[.*_\s]*$"
    # "Transport researcher Dr Jane Doe, who has studied…, says…"; "Jane Doe, president of the
    # union, arrived in 2021. She argues…"; an interview's "Jane Doe has run the inn for
    # years. She talked to John Roe."
    rf"|^[*_\s]*(?:[A-Za-z-]+\s+){{0,3}}?(?P<before>{_NAME})(?:,\s+[^.]{{3,120}}?,)?\s+"
    rf"(?:{_SAYS}\b|(?:[^.]{{3,160}}\.\s+){{1,2}}(?:She|He|They)\s+(?:{_SAYS}|talked|spoke)\b)"
    # a later sentence only as the paper's own writer: "Museums hide their art. Our arts
    # columnist Jane Doe asks why."
    rf"|(?<=[.!?]\s)[*_\s]*{_OUR_WRITER}\s+(?P<ours>{_NAME})\s+{_SAYS}\b"
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|me|I['’](?:m|ve|d))\b")
_INTRODUCED_BY_NAME = re.compile(
    # "This week's column comes from Jane Doe, our treasurer, who…"; "…issued the following
    # statement from its chair, Jane Doe:"; "This statement is issued on behalf of Cllr Jane Doe,"
    r"\b(?:column|statement|letter|piece|article|message|update|words|thoughts|remarks|"
    r"comments|note|post|contribution)\s+(?:this\s+(?:week|month|issue|time)\s+)?"
    r"(?:(?:comes?|is|are)\s+)?(?:from|by|issued\s+on\s+behalf\s+of)\s+"
    r"(?:(?:its|our|the|their)\s+[A-Za-z][\w -]{1,40}?,\s+)?"
    rf"(?:{_HONORIFIC}\s+)?(?P<named>{_NAME})(?=\s*[,:.]|\s+(?:who|of)\b|\s*$)"
)


def standfirst_names(paragraph: str) -> str | None:
    """The person a short paragraph introduces as a standfirst does ("…, argues Jane Doe, chief
    executive of the Chamber."; "Researcher Jane Doe, who…, says both sides…"), else None."""
    paragraph = " ".join(paragraph.split())
    if _words(paragraph) > 70 or len(_SENTENCE_END.findall(paragraph)) > 3:
        return None
    m = _STANDFIRST.search(paragraph)
    if m is None:
        introduced = _INTRODUCED_BY_NAME.search(paragraph)
        # "…is issued on behalf of Jane Doe." ends with the sentence's stop, not an initial's
        return re.sub(r"(?<=[a-z]{2})\.$", "", introduced.group("named")) if introduced else None
    words = (m.group("after") or m.group("before") or m.group("ours")).split()
    # "Jane Doe's son was diagnosed at two… She spoke to John Roe."
    words[-1] = re.sub(r"['’]s$", "", words[-1])
    while len(words) > 2 and is_role(words[0]):
        words = words[1:]  # "Researcher Jane Doe, who…"
    return " ".join(words) if words[0].lower() not in _NOT_NAMES else None


_PRESENTS = re.compile(
    r"\b(?:argues|writes|explains|asks|sets\s+out|makes\s+the\s+case)\b"
    rf"|(?P<ours>\b{_OUR_WRITER}\b)"
)
"""How a standfirst presents the piece's own writer: "Jane Doe explains why…", and "Our arts
columnist Jane Doe asks…", which is the writer whatever follows."""


def standfirst_credit(text: str, spans: list[Span]) -> str | None:
    """The writer a standfirst names in the third person over a piece in their own voice: a
    short paragraph under the headline (see ``standfirst_names``), followed by "I" and "my"
    (three times, or once when the standfirst says the named one argues, explains or asks;
    not at all for "our columnist Jane Doe")."""
    for a, b in spans[1:5]:
        named = standfirst_names(text[a:b])
        if not named:
            continue
        presents = _PRESENTS.search(text, a, b)
        need = 3 if presents is None else 0 if presents.group("ours") else 1
        if len(_FIRST_PERSON.findall(text[b : spans[-1][1]])) >= need:
            return named
    return None


_INTRODUCES_SELF = re.compile(
    # "Full disclosure: I'm Jane Doe, I've been…", "My name is Jane Doe and…"
    rf"(?:^|[.!?:;]\s+|,\s+|\b(?:and|but|so)\s+)(?:I['’]m|I\s+am|[Mm]y\s+name\s+is)\s+"
    rf"(?P<name>{_NAME})(?=\s*[,.;:!?—–(]|\s+and\b)"
)
_CLOSING = re.compile(
    # a closing paragraph that signs the piece: "…, as your parish clerk, Jane Doe."
    rf"(?:\bas|[—–])\s+(?:your|the|their|its|our)\s+[^,.!?\n]{{2,60}},\s+(?P<name>{_NAME})"
    r"[.!*_\s]*$"
)


def self_introduced(text: str, spans: list[Span]) -> str | None:
    """The writer a piece names in its own words, early ("I'm Jane Doe, I've been secretary of
    the club for six years") or in its last sentence ("…, as your parish clerk, Jane Doe.")."""
    for a, b in spans[1:6]:
        m = _INTRODUCES_SELF.search(text, a, b)
        if m and m.group("name").split()[0].lower() not in _NOT_NAMES:
            return " ".join(m.group("name").split())
    if spans and (m := _CLOSING.search(text[slice(*spans[-1])])):
        return " ".join(m.group("name").split()).rstrip(".")
    for a, b in spans[-3:]:
        # an "About this channel: I'm Jane Doe, 79, from…" box closing the page
        m = _INTRODUCES_SELF.search(text, a, b)
        if m and _words(text[a:b]) <= 60 and m.group("name").split()[0].lower() not in _NOT_NAMES:
            return " ".join(m.group("name").split())
    return None


def guess_author(text: str, spans: list[Span]) -> str | None:
    """The author a byline names: "By Jane Doe" in the first lines, "Jane Doe is a fellow…" at
    the end, or such a bio as a paragraph of its own at the top (an encyclopedia article's
    opening paragraph, "Jane Doe is an American author…", runs on for several sentences). A
    credit by title and surname ("Dr. Doe is a pediatrician…") takes the full name the credits
    give elsewhere ("Jane Doe, M.D.")."""
    named = _guess_author(text, spans)
    if named:
        named = _THE_REVEREND.sub("", named)  # "The Rev. Jane Doe" is Rev. Jane Doe
    if named and (m := _TITLED.fullmatch(named)):
        surname = re.escape(m.group("surname"))
        full = re.compile(rf"\b(?!{_HONORIFIC}\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+)*\s+{surname}\b")
        for a, b in [*spans[:3], *spans[-4:]]:
            if _words(text[a:b]) <= 25 and (f := full.search(text, a, b)):
                return f.group()
    return named


_TITLED = re.compile(rf"{_HONORIFIC}\s+(?P<surname>[A-Z][\w'’-]+)")


_ABOUT_HEADING = re.compile(r"^[#*_\s]*about\s+the\s+(?:author|writer)s?[*_:\s]*$", re.IGNORECASE)
_EXPLICIT_BY = re.compile(
    r"^[*_\s]*(?:[Bb]y|BY|(?:[Ww]ritten|[Ii]nterview|[Ww]ords|[Ss]tory|[Tt]ext)\s+by|"
    r"[Pp]osted\s+(?:on\s+[^\n]{1,30}?\s+)?by)\s"
)
_EVENT = re.compile(
    r"\b(?:Meeting|Fair|Day|Festival|Show|Market|Sale|Night|Service|Conference|Exhibition|Concert|"
    r"Match|Race|Walk|Week|Open|Update|Notice|Evening|Morning|Party|Session|Forum|Talk|Event)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^[*_\s]*(?:(?i:{_DAYS}|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}"
    r"(?:,?\s+\d{1,2}[.:]\d\d(?:\s*[AaPp][Mm])?(?:\s+[A-Z]{2,4})?)?"
    rf"|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}},?\s+\d{{1,2}}[.:]\d\d(?:\s*[AaPp][Mm])?(?:\s+[A-Z]{{2,4}})?)"
    r"[*_\s]*$"
)
"""A news page's date under its writer's name, with its day or its time: "Sat 16 Mar 2024
06.00 GMT" (a bare "16 March 2024" under a heading dates an event)."""
"""A line that credits with "By" (or "Interview by", a blog's "Posted on 3 May by"): the one
form trusted below a page's first paragraphs."""


_ENCYCLOPEDIA = re.compile(
    r"[*_\s]*From\s+(?:Wikipedia\b|\w*wiki\w*\b|[^,\n]{1,40},\s+the\s+[\w ]{0,20}encyclopa?edia\b)",
    re.IGNORECASE,
)
"""An encyclopedia's "From Wikipedia, the free encyclopedia" (or another wiki's): many wrote
it, no one is credited."""


def declared_anonymous(text: str, spans: list[Span]) -> bool:
    """True when a byline near the top says the writer is anonymous ("By Anonymous"), which
    no page metadata (often the site's name) overrules."""
    return any(_ANONYMOUS.match(line) for a, b in spans[:5] for line in text[a:b].splitlines()[:3])


def _guess_author(text: str, spans: list[Span]) -> str | None:
    # readers' comments under a post ("Jane Doe\nGreat piece!\nLike · Reply · 2h") are not
    # its credits
    spans = [(a, b) for a, b in spans if not _COMMENT.search(text, a, b)]
    # …nor is anything under a "Comments (4)" heading in the second half
    for k in range(len(spans) // 2, len(spans)):
        if _COMMENTS_HEADING.match(text[slice(*spans[k])]):
            spans = spans[:k]
            break
    if declared_anonymous(text, spans) or any(
        _ENCYCLOPEDIA.match(text, a, b) for a, b in spans[:6]
    ):
        return None
    for a, b in spans[:4]:
        paragraph = " ".join(text[a:b].split())
        if _words(paragraph) > 80:
            continue
        first = _SENTENCE_END.split(paragraph, maxsplit=1)[0] + "."
        if _AS_TOLD_AFTER.search(paragraph) and (named := bio_subject(first)):
            return named
        if label := _LABEL_AFTER.search(paragraph):
            return label.group("name")
    if spans and (sender := _EMAIL_FROM.match(text, *spans[0])):
        head = spans[min(len(spans), 8) - 1][1]
        forward = _FORWARD.search(text, 0, head) or len(_EMAIL_FROM.findall(text, 0, head)) > 1
        if not forward and (named := _people(sender.group("name"))):
            return named  # an email's own header: "From: Cllr Jane Doe <jane@…>"
    for a, b in [*spans[:3], *spans[-4:]]:
        if _words(text[a:b]) <= 25 and (board := editorial_board(text[a:b])):
            return board
    if board := masthead_editorial(text, spans):
        return board
    if any(_BOARD_ALONE.match(text[a:b]) for a, b in spans[:3]):
        # the paper is named on a line of its own, at the head or the foot
        for a, b in [*spans[:3], *spans[-4:]]:
            if paper := _PAPER_LINE.match(text[a:b]):
                return f"{paper.group('paper')} {BOARD}"
    if guest := guest_writer(text, spans):
        return guest
    signature = valediction_signature(text, spans)
    if signature and any(_SALUTATION.fullmatch(text[a:b]) for a, b in spans[:6]):
        return signature  # a letter is signed below, whoever its head names ("Mr J. Doe\nBy email")
    if spans:
        # a post that opens with its writer's name, their role on the next line:
        # "Jane Doe\nHead of Operations at Acme | Views my own"
        first = text[slice(*spans[0])].splitlines()
        if len(first) >= 2 and (named := name_line("\n".join(first[:2]), bare=False)):
            return named
    for a, b in spans[:3]:
        for k, line in enumerate(text[a:b].splitlines()[:3]):
            named = by_line(line)
            if named is None and (a, k) != (spans[0][0], 0):
                # under the headline, "Jane Doe" or "Jane Doe, Professor of…" credits too
                named = name_line(line)
            if named:
                return named
    for a, b in spans[3:8]:
        # "By Jane Doe · June 3, 2024" under a kicker, a photo's caption or a standfirst
        lines = text[a:b].splitlines()
        for line in lines[:2]:
            if _EXPLICIT_BY.match(line) and (named := by_line(line)):
                return named
        # a news site's name over its dateline: "Jane Doe\nSat 16 Mar 2024 06.00 GMT" (not an
        # event's: "Public Meeting\nTue 14 May 2024")
        dated = len(lines) == 2 and _DATELINE.match(lines[1]) and not _EVENT.search(lines[0])
        if dated and (named := _person(lines[0])):
            return named
    for a, b in spans[-3:]:
        # a wire story's credit closing its last paragraph: "… three times. (Reporting by
        # Jane Doe; Additional reporting by John Roe; Editing by Ann Poe)"
        if (wire := _WIRE_CREDIT.search(text, a, b)) and (named := _people(wire["names"])):
            return named
    for k in range(len(spans) // 2, len(spans) - 1):
        # an author card: "About the author" over "Dr Jane Doe" (or her bio) on its own
        if _ABOUT_HEADING.match(text[slice(*spans[k])]) and (
            named := credited(text[slice(*spans[k + 1])])
        ):
            return named
    for a, b in spans[:4]:
        for line in text[a:b].splitlines()[:3]:
            # a standfirst, "*Jane Doe's weekly letter on money, work and the budget*" (not a
            # sentence: "Jane Doe's column about the pilot should be required reading.")
            own = _OWN_COLUMN.match(line)
            if own and not _SENTENCE_END.search(line) and _words(line) <= 20:
                return own.group("name") or own.group("named")
    for a, b in spans[:8]:
        # a council report's "Report author: Jane Doe, Parks Manager" under its headings, a
        # group's "Compiled by Jane Doe, Secretary" under its name and the response's title
        for line in text[a:b].splitlines()[:5]:
            if _LABELLED.match(line) and (named := by_line(_CONTACT_AFTER.sub("", line))):
                return named
    # the name heading the page, repeated over its address at the foot, is the body whose
    # paper it is ("Carers Together Wexcombe, 4 Bank Street…"), not who signs it
    letterhead = (
        text[slice(*spans[0])].strip().split("\n", 1)[0].strip().casefold() if spans else ""
    )
    for i, (a, b) in enumerate(reversed(spans[-4:])):
        paragraph = text[a:b]
        if _words(paragraph) > 80:
            continue  # a bio is a sentence or two, not a paragraph of the text
        # "By Jane Doe. Jane Doe runs the village shop." or "— Jane Doe" signs off a piece
        signed = _SIGNED.match(paragraph)
        # (a sign-off includes a letter's "Jane Doe, Lyndale Green")
        named = by_line(signed.group(1) if signed else paragraph, sign_off=i < 2)
        if named is None and _LETTER.search(text) and (i <= 1 or "\n" not in paragraph):
            # (a page's trailer may follow the letter, "Write to us" and its rules too, under
            # a name on a paragraph of its own)
            named = signed_by(paragraph)
        named = named or bio_subject(paragraph) or name_line(paragraph, bare=False)
        if named and named.casefold() != letterhead:
            return named
    if signature:
        return signature
    for a, b in spans[:60]:
        # a blog post's footer under its text, "Posted by Jane Doe on 14 March 2024 at 21:40"
        if (posted := _POSTED_BY.match(text, a, b)) and (named := by_line(f"By {posted[1]}")):
            return named
    for k in range(len(spans) - 5, max(len(spans) - 9, 0), -1):
        # a bio above a page's trailer of short lines ("Share: Facebook | Email", headlines
        # of other stories, the paper's address)
        short = all(_words(text[a:b]) <= 12 for a, b in spans[k + 1 :])
        if short and (named := bio_subject(text[slice(*spans[k])])):
            return named
    last = text[slice(*spans[-1])] if spans else ""
    if last and len(_SENTENCE_END.findall(last)) <= 1:
        # a last paragraph of one sentence, "Jane Doe is a mother of three in Leeds.", is a bio
        # even when its words for what she does are not ones qa knows
        named = bio_subject(last, loose=True)
        if named:
            return named
    if named := standfirst_credit(text, spans) or self_introduced(text, spans):
        return named
    # a bio heading the text counts only as a paragraph of its own: one sentence (under the
    # headline, and under a section's label over it)
    top = 3 if spans and _SECTION.match(text[slice(*spans[0])]) else 2
    for a, b in spans[:top]:
        if len(_SENTENCE_END.findall(text[a:b])) <= 1:
            named = bio_subject(text[a:b])
            if named:
                return named
    # a blog's footer, "© 2024 Jane Doe · Built with Hugo": a person who holds the copyright
    for m in _COPYRIGHT_HOLDER.finditer(text, max(0, len(text) - 3000)):
        if named := _person(m.group("name")):
            return named
    return _last_resort(text, spans)


_FORWARD = re.compile(r"\b(?:Fwd?:|Forwarded\s+(?:message|from|by)\b)", re.IGNORECASE)
"""An email forwarded: the last "From:" wrote it, not the first (see ``_last_resort``)."""
_SALUTATION = re.compile(r"[*_\s]*Dear\s[^,\n]{1,60},[*_\s]*")
_COMMENT = re.compile(r"^\W*(?:Like|Reply)\s*·\s*(?:Reply|Like|\d)", re.MULTILINE)
_COMMENTS_HEADING = re.compile(
    r"^[#*_\s]*(?:\d+\s+)?(?:comments?|responses?|replies|reader\s+comments|leave\s+a\s+"
    r"(?:reply|comment)|join\s+the\s+(?:discussion|conversation))(?:\s*\(\d+\))?[*_:\s]*$",
    re.IGNORECASE,
)
"""The heading over readers' comments: "**Comments (4)**", "3 Responses", "Leave a reply"."""
_VALEDICTION = re.compile(
    r"[*_\s]*(?:(?:with\s+)?(?:(?:very\s+)?(?:best|kind|kindest|warm|warmest|good)\s+"
    r"(?:wishes|regards)(?:\s+(?:for|to)\s[^,\n]{1,50})?)|yours(?:\s+(?:faithfully|sincerely|"
    r"truly|ever))?|(?:many\s+)?thanks|thank\s+you|in\s+solidarity|(?:yours\s+)?sincerely|"
    r"(?:kind\s+)?regards|best)\s*,[*_\s]*",
    re.IGNORECASE,
)


def valediction_signature(text: str, spans: list[Span]) -> str | None:
    """Who signs after a letter's "With best wishes," in the second half of a text, however
    much follows (a newsletter's next item): "Jane Doe" over her role, or several signatories
    a line each ("Cllr Jane Doe – Riverside (Lab)\nCllr John Roe – Hill (Con)")."""
    for k in range(len(spans) // 2, len(spans) - 1):
        if not _VALEDICTION.fullmatch(text[slice(*spans[k])]):
            continue
        for a, b in spans[k + 1 : k + 3]:
            lines = [line.strip() for line in text[a:b].splitlines() if line.strip()]
            if len(lines) == 1 and len(lines[0].split()) == 1:
                continue  # a first name alone, "Peggy", over the full one
            if named := signed_by(text[a:b]) or name_line(text[a:b]):
                return _TITLES.sub("", named)  # "The Rev. Jane Doe" signs as Jane Doe
            names = [_person(re.split(r"\s+[–—-]\s+|,\s", line)[0]) for line in lines]
            if 2 <= len(names) <= 8 and all(names):
                return " and ".join(n for n in names if n)
        return None
    return None


_COPYRIGHT_HOLDER = re.compile(
    r"^[*_\s]*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*)?"
    r"(?P<name>[^·|•,\n\d]{3,60}?)\s*(?:[·|•,.]|all\s+rights|$)",
    re.IGNORECASE | re.MULTILINE,
)


_GUEST = re.compile(
    rf"[*_\s]*(?:(?:[Tt]his\s+is\s+a|[Aa])\s+guest|Guest)\s+(?:post|column|blog(?:\s+post)?|piece|"
    r"article)\s+"
    rf"(?:by|from)\s+(?:{_HONORIFIC}\s+)?(?P<name>{_NAME})"
)
_OWN_COLUMN = re.compile(
    rf"^[*_\s]*(?P<name>{_NAME})['’]s\s+(?:(?:weekly|monthly|daily|fortnightly|regular|new)\s+)?"
    r"(?:letter|column|newsletter|notes|diary|dispatch|blog|round-?up|briefing)\b"
    # a column's own name on its line: "Jane Doe's Week", "Jane Doe's Notebook"
    rf"|^[*_\s]*(?P<named>{_NAME})['’]s\s+(?:Week|Notebook|Column|Diary|Letter|Notes|Jottings)"
    r"[*_\s]*$"
)
_EDITORIAL_LABEL = re.compile(
    r"^[*_\s]*(?:editorial|leader|our\s+view|the\s+paper['’]s\s+view)"
    r"(?:\s*[-–—|:·]\s*(?:our\s+view|editorial|leader|opinion|comment))?[*_\s]*$",
    re.IGNORECASE,
)


def guest_writer(text: str, spans: list[Span]) -> str | None:
    """The writer a blog's "This is a guest post by Jane Doe, who…" names near the top (under
    the owner's "Posted by", and over the owner its page's metadata names), else None."""
    for a, b in spans[:6]:
        if guest := _GUEST.match(text, a, b) or _THIS_WEEK.search(text, a, b):
            return guest.group("name")
    return None


_THIS_WEEK = re.compile(
    rf"\b(?:This|Each)\s+(?:week|month|fortnight),\s+(?:{_HONORIFIC}\s+)?(?P<name>{_NAME}),"
    r"\s+[^,\n]{3,80},\s+writes\s*:"
)
"""A rotating slot's "This week, Jane Doe, cabinet member for housing, writes:"."""


def masthead_editorial(text: str, spans: list[Span]) -> str | None:
    """The board of a paper whose name heads the page over an "Editorial — Our view" label
    ("**WESTBROOK GAZETTE**" then "*Editorial — Our view*"), else None."""
    for k in range(1, min(len(spans), 4)):
        if _EDITORIAL_LABEL.match(text[slice(*spans[k])]):
            head = text[slice(*spans[k - 1])].strip(" *_#\n")
            if 1 <= len(head.split()) <= 4 and _ORG.search(head.title()):
                return f"{head.title() if head.isupper() else head} {BOARD}"
    return None


_TITLES = re.compile(
    r"^(?:The\s+)?(?:(?:Rt\.?\s+Hon|Revd|Rev|Reverend|Canon|Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Miss|"
    r"Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Fr|Father|Bro|Brother|Sr|Sister|Rabbi|Imam|"
    r"Pastor|Bishop|Lt\s+Col|Col|Capt|Captain|Maj|Major|Gen|Sgt|Judge|Mayor)\.?\s+)+"
)
"""Titles before a name, however many ("The Revd Canon Jane Doe", "Lt Col Jane Doe")."""
_PERSON = re.compile(
    rf"(?:[A-Z]\.\s*){{0,2}}[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|(?:{_PARTICLES}|ap|ab)"
    r"(?:\s+(?:der|den|de|la|le))?)){0,3}\s+[A-Z][\w'’-]+"
    r"|(?:[A-Z]\.\s*){1,3}[A-Z][\w'’-]+"
)
"""A person's name alone: "Jane Doe", "J. R. Doe", "N. Doe-Roe", "Jan van der Berg"."""
_FIRST_PERSON_WORDS = re.compile(r"\b(?:I|I['’]m|I['’]ve|my|me|we|our|us)\b")
_EMAIL_FROM = re.compile(
    r"^From:\s*\"?(?P<name>[^\"<>\n@]{3,60}?)\"?\s*<[^>\n]+@[^>\n]+>\s*$", re.M
)
_FIELD = re.compile(
    r"^[*_| \t]*(?:report\s+of|full\s+name|name\s+of\s+respondent|respondent|"
    r"submitted\s+by|from|words|text)\s*[:|]\s*[*_]*(?P<value>[^|\n]{3,80}?)"
    r"[*_\s]*(?:[|·•]|$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A labelled field that may name the writer (one for authorship is ``_AUTHOR_FIELD``)."""
_AUTHOR_FIELD = re.compile(
    r"^[*_| \t]*(?:report\s+author|author\(s\)|authors?|(?:minutes\s+)?prepared\s+by|"
    r"written\s+by|preacher|minute[- ]?taker|contact\s+officer)\s*(?:[:|]\s*){1,2}[*_]*"
    r"(?P<value>[^|\n]{3,80}?)[*_\s]*(?:[|·•]|$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A labelled field for who wrote it, read before any other field."""
_LEADS = re.compile(
    r"[ \t]*(?:!\[[^\]\n]*\]\([^)\n]*\)\s*)?[*_]*(?P<name>[^*_\n·•|]{4,60}?)[*_]*\s*[·•|]"
)
_DATE_LINE = re.compile(
    rf"[*_\s]*(?:(?i:{_DAYS}),?\s+)?(?:\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+"
    r"\d{4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})(?:\s*[·•|]\s*[^\n]{0,30})?[*_\s]*"
)
_CREDITED_WORK = re.compile(
    r"\b(?:preached|delivered|given|written|posted|presented|hosted|compiled|prepared|submitted|"
    r"recorded|told|composed|issued|published|sermon|speech|remarks|address|talk|lecture|"
    r"statement|column|article|essay|letter|report|post|piece|blog|thread|paper|note|bulletin|"
    r"newsletter|words)\b",
    re.IGNORECASE,
)
"""What "by Jane Doe" must follow, in its paragraph, to credit her: "A sermon preached at St
Ann's … by the Revd Jane Doe" (not "By Christmas Day, the council…")."""
_LOOSE_BY = re.compile(
    r"(?<![\w-])(?<!photo )(?<!photos )(?<!photograph )(?<!image )(?<!images )(?<!picture )"
    r"(?<!illustration )(?<!music )(?<!produced )(?<!edited )(?<!filmed )(?<!translated )"
    r"(?<!sponsored )(?<!funded )(?<!supported )(?<!organised )(?<!organized )"
    r"[Bb]y\s+(?:the\s+)?(?P<name>(?:The\s+)?(?:[A-Z][\w.]*\.?\s+){0,3}?"
    r"[A-Z][\w'’-]+(?:\s+[\w'’-]+){0,4}?)(?=\s*(?:[,.;:)*_]|$)|\s+(?:at|on|in|for|to)\s)"
)


_PLACE_WORD = re.compile(
    r"\b(?:Lane|Street|Road|Close|Avenue|Square|Crescent|Drive|Terrace|Gardens|Chapel|Market|"
    r"Fellowship|Life|Voice|News|Magazine|Bulletin|Newsletter|Podcast|Channel|Blog|Letter|Report|"
    r"Statement|Update|Notice|Response|Submission|Minutes|Agenda|Foreword|Editorial|Column|"
    r"Review|Diary|Corner)\b"
)
"""Words in the names of streets, bodies and publications that are nobody's surname."""
_INSTITUTION_END = re.compile(
    r"\b(?:School|College|University|Institute|Association|Council|Trust|Society|Foundation|"
    r"Centre|Center|Hospital|Company|Group|Party|Committee|Agency|Department|Ministry|Club|"
    r"Network|Federation|Alliance|Coalition|Chamber|Academy|Fellowship|Magazine|Life|Newsletter|"
    rf"Bulletin|Podcast|News|{PAPERS}|Voice|Note|Report|Memo|Minutes)$"
)
"""The last word of a body's or a publication's name ("Brindle Lane Primary School — …" over a
newsletter is no byline)."""


_GREETINGS = frozenset(
    {"dear", "hi", "hello", "to", "from", "yours", "regards", "thanks", "sincerely", "best", "kind"}
)


_LOOSE_BY_ROLE = re.compile(
    # "Remarks by the Mayor of Eastwick, Councillor Jane Doe, at…"
    r"(?<![\w-])[Bb]y\s+the\s+[^,\n]{3,40},\s+(?P<name>(?:[A-Z][\w.]*\.?\s+){0,3}?"
    r"[A-Z][\w'’-]+(?:\s+[\w'’-]+){0,4}?)(?=\s*(?:[,.;:)*_]|$))"
)


def _person(raw: str, caps: bool = True) -> str | None:
    """The name in ``raw`` when it is only a person's name, titles and letters after it aside
    ("The Revd Canon Jane Doe", "Cllr Jane Doe OBE", and unless not ``caps`` "JANE DOE"), else
    None."""
    raw = raw.strip(" *_>#\t")
    raw = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+", "", raw)
    name = _TITLES.sub("", " ".join(raw.split()))
    name = plain_name(name)
    if name.isupper():
        name = name.title()
    if (
        not _PERSON.fullmatch(name)
        or _ORG.search(name)
        or _PLACE_WORD.search(name)
        or _SITE_END.search(name)
    ):
        return None
    if re.search(r"['’]s\b", name, re.IGNORECASE) or (caps and raw.isupper()):
        return None  # "Doe's Cheeses" is a shop; "OPEN LETTER" over a text is a heading
    first = name.split()[0].lower()
    if first in _NOT_NAMES or first in _LABELS or first in _HEADLINE_WORDS or first in _GREETINGS:
        return None
    return name


def _people(raw: str, caps: bool = True) -> str | None:
    """One or two people's names: "Jane Doe", "Jane Doe and John Roe", or two names set side by
    side in columns, as two writers sign a letter."""
    parts = re.split(r"\s+(?:and|&)\s+|\s{3,}", raw.strip())
    names = [_person(p, caps) for p in parts if p.strip()]
    if 1 <= len(names) <= 2 and all(names):
        return " and ".join(n for n in names if n)
    return None


_AGED = re.compile(r"\s*\(\d{1,3}\)\s*$")
"""A signer's age after their name: "Jane Doe (16)"."""


def _last_resort(text: str, spans: list[Span]) -> str | None:
    """When no credit qa knows names the writer: a labelled field ("From: "Jane Doe"
    <jane@…>", "Report of: Cllr Jane Doe, …", "Full name | Jane Doe"), a name signed under a
    piece in the first person (the name alone on its line, any role or address under it, as
    letters, bulletins and emails end), or "by Jane Doe" in a short paragraph near the top
    ("A sermon preached at St Ann's … by the Revd Jane Doe, Rector.")."""
    head = text[spans[0][0] : spans[min(len(spans), 8) - 1][1]] if spans else ""
    senders = [m.group("name") for m in _EMAIL_FROM.finditer(head)]
    if senders and (named := _people(senders[-1])):  # a forward's last "From:" wrote it
        return named
    # a field for who wrote it beats one for whose report it is ("Report author:" over
    # "Report of:"), wherever it stands
    for m in [*_AUTHOR_FIELD.finditer(head), *_FIELD.finditer(head)]:
        value = m.group("value").split(",")[0]
        if named := _people(value):
            return named
    if len(_FIRST_PERSON_WORDS.findall(text)) >= 3:
        for a, b in list(reversed(spans[-6:]))[:4]:
            lines = below_signature_rule([line for line in text[a:b].splitlines() if line.strip()])
            if not lines or len(lines) > 5 or any(_words(line) > 14 for line in lines):
                continue
            if named := _people(_AGED.sub("", lines[0])):
                return named  # "Jane Doe (16)\nKelsby Youth Forum"
    for a, b in spans[:10]:
        lines = text[a:b].strip().splitlines()
        heading = text[a:b].lstrip().startswith("#")  # a heading names a subject, not a writer
        if len(lines) == 1 and not heading and (named := _people(text[a:b], caps=False)):
            return named  # a line of names under the headline: "**Jane Doe**¹ and **John Roe**²"
        dated = len(lines) == 2 and _DATE_LINE.fullmatch(lines[1])
        if dated and (named := _people(lines[0], False)):
            return named  # a post's header: "**Jane Doe**\nMar 04, 2025"
        if len(lines) == 2 and not heading and (named := name_line(text[a:b])):
            return named  # a brief's "**Dr Jane Doe**\nSenior Lecturer in Policy" under its deck
        if (lead := _LEADS.match(text, a, b)) and (
            named := _people(lead.group("name"), caps=False)
        ):
            return named  # a post's "![avatar](x.jpg) **Jane Doe** · Eastwick · 2 hr ago"
        if len(_SENTENCE_END.findall(text[a:b])) <= 1 and (named := bio_subject(text[a:b])):
            return named  # "Dr Jane Doe is a GP at… and writes in a personal capacity."
        if _words(text[a:b]) > 45:
            continue
        paragraph = text[a:b].strip(" *_")
        for m in [*_LOOSE_BY.finditer(text, a, b), *_LOOSE_BY_ROLE.finditer(text, a, b)]:
            credit = _CREDITED_WORK.search(text, a, m.start()) or (
                m.start() == a and not paragraph.endswith((".", "!", "?"))
            )  # "By Sister Jane Doe, Ward 7 (Elderly Care)"
            if credit and (named := _people(m.group("name"))):
                return named
    return None


_AFFILIATION = re.compile(
    r"\bat\s+(?:the\s+)?(?P<org>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?"
    r"[A-Z][\w'’-]*)*)"
)


_NICK = r"[\"“‘'](?P<nick>[A-Z][^\"“”‘’()\n]{0,30}?)[\"”’']"


def credited_nicknames(text: str, author: str) -> list[str]:
    """Names the text gives its author beside their own: 'Jane "Janie" Doe', "Jane (Janie)
    Doe", 'Jane Doe ("Janie the Bun")'; a party or a rank in brackets is none."""
    found: list[str] = []
    for person in writers(author):
        parts = _TITLES.sub("", person).split()
        if len(parts) < 2:
            continue
        first, last = re.escape(parts[0]), re.escape(parts[-1])
        for pattern in (
            rf"\b{first}\s+(?:{_NICK}|\((?P<bare>[A-Z][a-z]+)\))\s+{last}\b",
            rf"\b{first}(?:\s+[\w'’.-]+){{0,2}}?\s+{last}\s*\({_NICK}\)",
        ):
            for m in re.finditer(pattern, text):
                nick = " ".join((m.group("nick") or m.groupdict().get("bare") or "").split())
                if nick and nick not in found and nick.casefold() != parts[0].casefold():
                    found.append(nick)
    return found[:3]


def byline_affiliations(text: str, spans: tuple[Span, ...] | list[Span], author: str) -> list[str]:
    """Organisations the byline places the author at ("…a senior fellow at the Cato Institute")."""
    for a, b in [*reversed(spans[-4:]), *spans[:3]]:
        paragraph = text[a:b]
        signed = paragraph.lstrip(" \t*_—–-")  # "— Jane Doe, Clerk to Kelby Parish Council"
        if signed.startswith(author):
            paragraph = signed
            found = [m.group("org") for m in _AFFILIATION.finditer(paragraph)]
            if _words(paragraph) <= 25:  # a sign-off, not a paragraph that names a body
                found += [
                    m.group("org")
                    for m in _OFFICE_OF.finditer(paragraph, len(author))
                    if _ORG.search(m.group("org"))
                    and any(_job(w) for w in role_tokens(m.group("office")))
                ]
            # a sign-off: "Graham Tully\nSpokesperson, Brambury Chamber of Trade"
            tail = _ROLE_ORG.fullmatch(paragraph.rstrip(), len(author))
            if tail and not (_names_org(tail) and _ORG.search(tail.group("org"))):
                tail = None  # "Jane Doe, retired teacher, Milton Keynes": a place
            if found:
                return found
            if tail:
                return [tail.group("org")]
            continue  # "*Jane Doe writes on transport.*" names no body; a byline still may
        # "By Jane Doe, Chief Executive, Island Lifeline": the last part names where she works
        credit = _BY_ROLE_ORG.match(paragraph.strip())
        if credit and credit.group("name") == author and _names_org(credit):
            return [credit.group("org")]
        # "Issued on behalf of Kelby Maternity Voices by Jane Doe, Chair"
        behalf = _ON_BEHALF.search(paragraph)
        if behalf and behalf.group("name") == author:
            return [behalf.group("org")]
    return []


_OFFICE_OF = re.compile(
    r",[ \t]*+(?P<office>[^,\n]{2,40}?)\b(?:to|of|for)[ \t]+(?:the[ \t]+)?"
    r"(?P<org>[A-Z][\w&'’-]*+(?:[ \t]+(?:(?:of|for|and|&)[ \t]+)?[A-Z][\w&'’-]*+){1,4})"
)
"""A sign-off's office and the body it serves: "…, Clerk to Kelby Parish Council", "…, chair
of the Kelby Residents' Association" (the body named by an organisation's word)."""
_ON_BEHALF = re.compile(
    r"\bon\s+behalf\s+of\s+(?:the\s+)?(?P<org>[A-Z][\w&'’-]*+(?:[ \t]+(?:of[ \t]+|for[ \t]+)?"
    rf"[A-Z][\w&'’-]*+){{1,4}})\s+by\s+(?P<name>{_NAME})"
)


def _names_org(credit: re.Match[str]) -> bool:
    """True when a credit's role is a job and the words after it are no job but a place of work."""
    return any(is_role(w) for w in role_tokens(credit.group("role"))) and not any(
        is_role(w) for w in role_tokens(credit.group("org"))
    )


_ROLE_THEN_ORG = (
    r"(?P<role>[^,\n]{3,60}),[ \t]+"
    r"(?P<org>[A-Z][\w&'’-]*+(?:[ \t]+(?:(?:of|for|and|&)[ \t]+)?[A-Z][\w&'’-]*+){1,4})[*_]*"
)
_BY_ROLE_ORG = re.compile(rf"[*_]*[Bb]y[ \t]+(?P<name>{_NAME}),[ \t]+{_ROLE_THEN_ORG}$")
"""A byline's role, then where the writer holds it: "By Jane Doe, Chief Executive, Island
Lifeline" (an organisation of two words or more, after a role: not "Kelsby, North Yorkshire")."""
_ROLE_ORG = re.compile(rf"[*_]*(?:,|[ \t]*\n)[ \t]*+{_ROLE_THEN_ORG}")
"""The same after a name that signs a piece off, on its line or the next."""


_WHO_I_AM = re.compile(
    # "As chair of the hosts' association, I…", "I have sold fruit on this market for…", "my
    # constituency": a writer saying who they are
    r"^\W*As\s+(?:an?|the|chair|head|president|director|owner|leader|secretary|member)\b|"
    # "I am…", and "I'm a senior at Lincoln High" (not "I'm sure")
    # (not "I am not against it", "I am grateful", "I am thinking of…")
    r"\bI\s+(?:am|was)\b(?!\s+(?:not|never|\w+ing|grateful|sure|afraid|glad|pleased|happy|sorry|"
    r"told|aware|convinced|certain|confident|delighted|disappointed|worried|tired|angry|proud|"
    r"struck|reminded|asked|wrong|right)\b)|"
    r"\bI['’]m\s+(?:an?|the|now|also|currently|(?:semi-)?retired|one\s+of)\b|"
    # "I have run…", "I've skippered…", "We have farmed…"
    r"\b(?:I|[Ww]e)(?:\s+have|['’]ve)\s+(?:(?:now|also|long|since)\s+)?(?:been|spent|sailed|"
    rf"built|designed|rented|{_JOB_DONE})\b|"
    # "I run the ferry company", "I teach history at…", "We own the bakery"
    r"\b(?:I|[Ww]e)\s+(?:(?:still|now|also)\s+)?(?:co-own|skipper|fish|direct|founded|"
    r"co-founded|volunteer|nurse|drive|"
    r"operate|captain|keep|sit\s+on|serve\s+on|advise|govern|research|study|lecture|practise|"
    rf"practice|{_JOB_DOING})\b|"
    # "I ran Eastgate Library for sixteen years", "I taught there until 2019"
    r"\bI\s+(?:ran|led|chaired|managed|owned|headed|directed|edited|coached|farmed|"
    r"nursed|skippered|captained|drove)\b|"
    # "I taught at St Aldhelm's Primary for thirty-one years", "I worked as a nurse"
    r"(?P<did>\bI\s+(?:taught|lectured)\s+(?:at|in|for)\b|\bI\s+(?:worked|served)\s+(?:as|at|on)\b)|"
    r"(?P<own>\b(?:[Mm]y|[Oo]ur)\s+(?:job|work|role|career|constituency|ward|pupils|students|"
    r"patients|customers|members|shop|hotel|business|firm|school|team|union|association|"
    r"practice)\b)|"
    # "…eight of them as a headteacher"
    r"\bI\b[^.!?]*\bas\s+an?\s"
)


_INTRODUCED = re.compile(
    # a standfirst that names the writer by role only: "Here its vice-chancellor sets out the
    # case for it.", "The council's cabinet member for transport explains why…"; not a body
    # sentence such as "The county's treasurer argues the fees will fall."
    r"(?:^|[.!?]\s+)\W*(?:(?P<here>Here|Below|Now|Today),?\s+)?(?P<who>(?:[Tt]he|[Ii]ts|"
    r"[Tt]heir|[Oo]ur|[Aa]n?)\s+[^.;:!?]{1,80}?)\s+(?:(?:explains|sets\s+out|argues|writes|"
    r"responds|replies|makes\s+(?:the|her|his|their)\s+case|defends|answers)\b(?(here)|"
    r"(?=\s+(?:why|how|what|the\s+case|(?:her|his|their)\s+case)\b)))"
)
_THE_AUTHOR_ROLE = re.compile(
    # "The author, a shopkeeper on Mill Street for 31 years, argues that…"
    r"(?:^|[.!?]\s+)\W*The\s+(?:author|writer),\s+(?P<who>(?:an?|the)\s+[^,.;:!?]{2,100}),"
)
_ROLE_SUFFIX = re.compile(r"[^\W\d_]{4,}(?:er|or)|[^\W\d_]{3,}(?:ist|ian)")
"""Words that read as jobs though _ROLE lacks them: "chancellor", "member", "strategist"."""


def introduced_as(paragraph: str) -> list[str]:
    """The role phrases by which a short paragraph introduces the writer ("its vice-chancellor
    sets out…"); a subject with no word for a job ("The council argues…") is none."""
    return [
        m.group("who")
        for m in [*_INTRODUCED.finditer(paragraph), *_THE_AUTHOR_ROLE.finditer(paragraph)]
        if any(is_role(w) or _ROLE_SUFFIX.fullmatch(w) for w in role_tokens(m.group("who")))
    ]


def role_words(text: str, spans: tuple[Span, ...] | list[Span], author: str) -> list[str]:
    """The words a document's credits use for who its author is: the short paragraphs at its
    top and end (byline, standfirst, bio, signature), the early sentences in which the writer
    says who they are ("As chair of the hosts' association, I…"), and a standfirst's role for
    them ("Here its vice-chancellor sets out the case."); paragraphs that do not name the author
    (other people's titles) are left out otherwise. A question may then name the author by
    role: "the hydrologist", "the hosts' association chair", "the vice-chancellor"."""
    return credit_words(text, spans, author)[0]


_STANCE = re.compile(
    r"\b(?:against|opposing|opposed\s+to|in\s+favou?r\s+of|for\s+or\s+against)\s+[^,.;:!?()]+",
    re.IGNORECASE,
)
"""What credits say a writer is for or against ("one of the loudest voices against the wind
farm"): the topic, not the role."""


def stance_words(text: str, spans: tuple[Span, ...] | list[Span], author: str) -> list[str]:
    """The words of a document's credits (``role_words``) found only in what the writer is for
    or against: "farm" of "a voice against the wind farm", which does not make them "the
    farmer" when another writer farms."""
    return credit_words(text, spans, author)[1]


def credit_words(
    text: str, spans: tuple[Span, ...] | list[Span], author: str
) -> tuple[list[str], list[str]]:
    """``role_words`` and ``stance_words`` from one reading of the credits (an index build
    needs both)."""
    parts = " ".join(_credits(text, spans, author))
    inside = set(role_tokens(" ".join(m.group() for m in _STANCE.finditer(parts))))
    roles = set(role_tokens(parts))
    return sorted(roles), sorted(inside - set(role_tokens(_STANCE.sub(" ", parts))))


def _credits(text: str, spans: tuple[Span, ...] | list[Span], author: str) -> list[str]:
    """The texts ``role_words`` reads: the author's name and the credits that say who they are."""
    surname = author.split()[-1].casefold() if author.split() else None
    parts = [author]
    for a, b in [*spans[:4], *spans[-3:]]:
        # "by JANE DOE, Senior Lecturer…" names her too; "The writer is…" needs no name
        if _words(text[a:b]) <= 60 and (
            (surname and surname in text[a:b].casefold()) or about_the_writer(text[a:b])
        ):
            parts.append(text[a:b])
    for a, b in spans[:4]:
        if _words(text[a:b]) <= 60:
            parts += introduced_as(text[a:b])
    for a, b in spans[:6]:
        for sentence in re.split(r"(?<=[.!?])\s+", text[a:b]):
            m = _WHO_I_AM.search(sentence)
            if m and m.group("did"):
                # "I taught at Hollins Road Primary for thirty years, and…": the clause only
                parts.append(re.split(r",|;|\s+and\s+|\s+but\s+", sentence[m.start() :])[0])
            elif m and not (m.group("own") and _SOMEONE.search(sentence, 0, m.start())):
                parts.append(sentence)
    return parts


_SOMEONE = re.compile(
    r"\b(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Prof|Professor|Rev|Revd|Sir|Dame|Lord|Lady)\.?\s+[A-Z]"
)
"""Someone else named by title before "our school": "Cllr Jane Doe has promised that our
school…" is about what she promised, not who the writer is."""


def role_tokens(text: str) -> list[str]:
    """Lower-cased words of two letters or more, split at hyphens and apostrophes, accents
    dropped: how credits and questions are compared ("vice-chancellor", "the hosts' association
    chair's", "café" as "cafe")."""
    return re.findall(r"[^\W\d_]{2,}", unaccented(text.lower()))


def unaccented(text: str) -> str:
    """``text`` without its accents: "café" is "cafe", as users type it."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ANSWER_LABEL = re.compile(
    r"[*_]*(?P<label>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){0,2})[*_]*[ \t]*:[*_]*[ \t]+(?=\S)"
)
"""A speaker's label opening a paragraph of a transcript or an interview: "Whitlock: Because…"."""


_SPOKE_TO = re.compile(r"\b(?:She|He|They)\s+(?:spoke|talked)\s+to\b")


def interview_labels(text: str, spans: tuple[Span, ...] | list[Span]) -> tuple[set[str], str]:
    """The labels of a Q&A's two voices: those that only ask ("Courier:") and the one that
    answers ("Whitlock:"), each opening two or more paragraphs; ``(set(), "")`` for anything
    else (a transcript of three speakers, "Q:" and "A:" alone, a note or two)."""
    asked: dict[str, list[bool]] = {}
    for a, b in spans:
        if m := ANSWER_LABEL.match(text, a, b):
            asked.setdefault(m.group("label"), []).append(text[a:b].rstrip(" *_").endswith("?"))
    labels = {k: v for k, v in asked.items() if len(v) >= 2}
    answering = [k for k, v in labels.items() if sum(v) * 2 < len(v)]
    if len(labels) != 2 or len(answering) != 1:
        return set(), ""
    return set(labels) - set(answering), answering[0]


def interview_voices(
    text: str, spans: tuple[Span, ...] | list[Span], author: str | None
) -> list[str]:
    """The person a Q&A interview gives the words of, when that is not its credited writer:
    the one a standfirst over its questions and answers introduces ("Jane Roe has nursed here
    for years. She spoke to the Courier."), or the one label ("Whitlock:") that opens two or
    more paragraphs and answers, where the other label only asks (the interviewer's, the
    paper's), named in full as a sentence near the top names them ("Dana Whitlock is 19…").
    A transcript of several speakers gives none: a question about one of them searches all."""
    # a question on its line with its answer under it, twice: "How are staff feeling?\nTired."
    asked_and_answered = sum(1 for a, b in spans if question_line(text[a:b]) is not None)
    if asked_and_answered >= 2:
        for a, b in spans[:5]:
            named = standfirst_names(text[a:b]) if _SPOKE_TO.search(text, a, b) else None
            mine = bool(named) and bool(author) and _shares_surname(str(named), str(author))
            if named and len(named.split()) >= 2 and not mine:
                return [named]
    _, label = interview_labels(text, spans)
    if not label or (author and _shares_surname(label, author)):
        return []
    name = _person(label) if len(label.split()) > 1 else _full_name(text, spans, label)
    return [name] if name and len(name.split()) >= 2 else []


def question_line(paragraph: str) -> str | None:
    """The question a paragraph opens on a line of its own, its answer on the lines under it
    ("How are staff feeling?\nTired, mostly."), else None."""
    first, newline, rest = paragraph.partition("\n")
    return first if newline and rest.strip() and first.rstrip(" *_").endswith("?") else None


def _full_name(text: str, spans: tuple[Span, ...] | list[Span], surname: str) -> str | None:
    """The full name a sentence near the top gives a surname ("Dana Whitlock is 19…")."""
    word = r"[A-Z][\w'’.-]{0,30}"
    full = re.compile(rf"\b{word}(?:[ \t]+{word})?[ \t]+{re.escape(surname)}\b")
    for a, b in spans[:6]:
        for m in itertools.islice(full.finditer(text, a, b), 10):
            name = _person(m.group())
            if name and name.split()[0].lower() not in _NOT_FIRST_NAMES:
                return name
    return None


_NOT_FIRST_NAMES = frozenset(
    {"meet", "interview", "resolved", "dear", "says", "said", "asks", "then", "with", "and", "but",
     "the", "by", "to", "for", "from", "when", "as", "so", "if", "after", "before", "where"}
)  # fmt: skip
"""Capitalised words a name may follow in a headline or minutes ("Meet Dana Whitlock")."""


def voice_credit(text: str, spans: tuple[Span, ...] | list[Span], voice: str) -> str:
    """The sentences near the top that name an interview's subject in full and say who she is
    ("Jane Roe has been a midwife on Rowan Ward…", not "She spoke to the Courier"): what a
    question may call her by. A headline ("Dr Jane Roe on the station merger") says what she
    talks about, not who she is."""
    found = []
    for a, b in spans[:5]:
        if voice in text[a:b] and _words(text[a:b]) <= 80:
            found += [
                s
                for s in re.split(r"(?<=[.!?])\s+", text[a:b])
                if voice in s and s.rstrip(" *_\"'”’)").endswith((".", "!", "?"))
            ]
    return " ".join(found)


def _shares_surname(name: str, author: str) -> bool:
    """True when ``name``'s last word is a word of one of the author's names."""
    return any(name.split()[-1] in w.split() for w in writers(author))
