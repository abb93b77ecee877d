"""Files -> Documents: find, decode and describe every supported file under a corpus folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import yaml

from qa.clean import (
    BOARD,
    PAPERS,
    by_line,
    credited,
    declared_anonymous,
    editorial_board,
    guess_author,
    guess_title,
    guest_writer,
    headline_apart,
    kept_spans,
    plain_name,
    replace_surrogates,
)
from qa.types import Document, QAError, ReadLimits

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
SIDECAR = ".meta.json"
"""``report.pdf.meta.json`` beside ``report.pdf`` gives its title and author explicitly."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(\r?\n|\Z)", re.DOTALL)
"""Hugo's other front matter, TOML between "+++" lines."""
_BLOCK_TAGS = (
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "br",
    "hr",
    "figure",
    "figcaption",
    "dd",
    "dt",
)
_PARA = "\u2029"

Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    pass


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "doc"


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
"""UTF-16 text starts with one of these; its zero bytes do not make it binary."""

_WESTERN = ("cp1252", "latin_1", "iso8859_15")
"""Windows-1252 and ISO 8859-1/15: the usual non-UTF-8 text, preferred when a guess is a tie."""


def decode(data: bytes, name: str, warn: Warn) -> str:
    """UTF-8 when it is; otherwise the detected encoding, with a warning naming it.

    Short Western European texts decode equally well as cp1250, cp1252 and others, and the
    detector's first pick among equals is often cp1250, which turns "naïve" into "naďve". So
    cp1252 wins whenever it is among the equally good candidates.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            warn(f"{name}: not UTF-8; decoded as utf_16 (byte-order mark)")
            return text
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise QAError(f"{name}: cannot tell how this file is encoded")
    encoding, text = best.encoding, str(best)
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and encoding not in _WESTERN:
        tie = any(
            m.encoding in _WESTERN
            and m.chaos <= best.chaos + 0.01
            and m.coherence >= best.coherence - 0.05
            for m in results
        )
        if tie or western == text:
            encoding, text = "cp1252", western
    warn(f"{name}: not UTF-8; decoded as {encoding}")
    return text


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: front matter never needs them, and a 1 KB "billion laughs" of
    nested aliases expands to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (&/*) are not allowed in front matter")
        return super().compose_node(parent, index)


MAX_META_CHARS = 500
"""Longest title or author kept from metadata: longer is cut, so no file can bloat the manifest."""


def _front_matter(text: str, name: str, warn: Warn) -> tuple[dict[str, Any], int]:
    if toml := _TOML_FRONT_MATTER.match(text):
        try:
            return tomllib.loads(toml.group(1)), toml.end()
        except tomllib.TOMLDecodeError:
            warn(f"{name}: front matter is not valid TOML; ignored")
            return {}, toml.end()
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    try:
        meta = yaml.load(m.group(1), Loader=_NoAliasLoader)
    except yaml.YAMLError as e:
        reason = "uses YAML aliases" if "aliases" in str(e) else "is not valid YAML"
        warn(f"{name}: front matter {reason}; ignored")
        return {}, m.end()
    except RecursionError:
        warn(f"{name}: front matter is nested too deeply; ignored")
        return {}, m.end()
    return (meta if isinstance(meta, dict) else {}), m.end()


_HTML_META = (
    ("title", "property", "og:title"),
    ("author", "name", "author"),
    ("author", "property", "article:author"),
    ("author", "name", "article:author"),
    ("author", "name", "byl"),  # "By Jane Doe"
    ("author", "name", "dc.creator"),
    ("author", "name", "citation_author"),
    ("author", "name", "parsely-author"),
)
"""The <meta> tags that give a page's title and author, in order of trust."""


_CREDIT_CLASS = re.compile(
    r"^(?:(?:article|post|entry)-)?author(?:-(?:name|box|bio|info|widget|card|profile|details))?$"
    r"|^(?:by|byline|by-line|byl|about-author|about-the-author|about-me|widget_about)$",
    re.I,
)


def _credits(tag: Any) -> bool:
    """True for an element that credits the page's author."""
    if tag.name in ("meta", "link", "head", "html", "body"):
        return False
    rel = tag.get("rel") or []
    classes = tag.get("class") or []
    return (
        "author" in rel
        or str(tag.get("itemprop", "")).lower() == "author"
        or any(_CREDIT_CLASS.match(c) for c in classes)
    )


_BY = re.compile(r"\bby\b", re.IGNORECASE)
_ARTICLE_TYPES = re.compile(r"(?:\w*Article|BlogPosting|Report|WebPage|CreativeWork)$")
MAX_JSON_LD_CHARS = 200_000
"""Longest <script type="application/ld+json"> block read for a page's headline and author."""


def _json_ld(soup: Any) -> dict[str, str]:
    """Headline and author from a page's schema.org JSON-LD, where most news sites put them
    (``{"@type": "NewsArticle", "headline": …, "author": {"@type": "Person", "name": …}}``);
    several authors are joined with "and". An organisation as author (the outlet) is none. A
    single author's ``jobTitle`` is their ``role``."""
    found: dict[str, str] = {}
    for tag in soup.find_all("script", type=re.compile(r"^application/ld\+json$", re.I), limit=5):
        raw = tag.string or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        todo, seen = [data], 0
        while todo and seen < 200 and not {"title", "author"} <= found.keys():
            item, seen = todo.pop(0), seen + 1
            if isinstance(item, list):
                todo += item
                continue
            if not isinstance(item, dict):
                continue
            todo += [v for v in (item.get("@graph"), item.get("mainEntity")) if v]
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and _ARTICLE_TYPES.match(k) for k in kinds):
                continue
            headline = item.get("headline")
            if isinstance(headline, str) and headline.strip():
                found.setdefault("title", " ".join(headline.split()))
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher", " ".join(publisher["name"].split()))
            names = _person_names(item.get("author")) or _board_names(item.get("author"))
            if names and "author" not in found:
                found["author"] = " and ".join(names)
                job = item["author"].get("jobTitle") if isinstance(item["author"], dict) else None
                if isinstance(job, str) and job.strip():
                    found["role"] = " ".join(job.split())
    return found


def _board_names(author: Any) -> list[str]:
    """A JSON-LD organisation as author when it is the paper's editorial board ("The Kelby
    Courier Editorial Board"): that is the writer of an editorial, where the outlet is none."""
    author = author[0] if isinstance(author, list) and len(author) == 1 else author
    name = author.get("name") if isinstance(author, dict) else None
    board = editorial_board(name) if isinstance(name, str) else None
    return [board] if board else []


def _person_names(author: Any) -> list[str]:
    """The names of a JSON-LD ``author``: a string, a Person, or a list of either."""
    out: list[str] = []
    for a in author if isinstance(author, list) else [author]:
        if isinstance(a, dict) and a.get("@type") not in ("Organization", "NewsMediaOrganization"):
            a = a.get("name")
        if isinstance(a, str) and a.strip() and not a.startswith(("http://", "https://")):
            out.append(" ".join(a.split()))
    return out[:4]


_SITE_AFTER = re.compile(r"\s+[–—|-]\s+\S")
"""A site's name after a headline in a tab title: "The waiting list is long – Muddy Boots"."""
_SITE_BEFORE = re.compile(r"\s*:\s+(\S.*)")
"""A headline after a site's name in a tab title: "Muddy Boots: The waiting list is long"."""
_STAFF = re.compile(r"(?:[Tt]he\s+)?(?:[Ee]ditors|[Ee]ditorial(?:\s+[Bb]oard|\s+[Tt]eam)?)")
"""A paper's credit of an editorial to no one by name: "The Editors"."""
_THE = re.compile(r"^[Tt]he\s+")
_PAPER_NAME = re.compile(rf"(?:The\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){{0,3}}\s+(?:{PAPERS})")
"""A newspaper's name: "The Ashcombe Chronicle"."""


_SITE = re.compile(r"(?:The\s+)?(?P<name>(?!The\b)[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})")
"""A publication's name as its metadata gives it: "The Meridian", "Kelby Today"."""


_SITE_VIEW = "\0site view"
"""The key under which ``_html_text`` leaves a board to credit when nothing else does (no
file's metadata can hold it)."""


def _own_view(site: str, soup: Any) -> str | None:
    """The name of the site a page gives its own view for, else None: a tab or Open Graph
    title headed "The Meridian view on…" (as papers head their editorials) on the site
    named "The Meridian", in its own capitals."""
    found = _SITE.fullmatch(" ".join(site.split()))
    if found is None:
        return None
    name = found.group("name")
    own = re.compile(rf"(?:The\s+)?{re.escape(name)}\s+view\s+on\s+\S")
    heads = [soup.title.string if soup.title else None]
    heads += [t.get("content") for t in soup.find_all("meta", attrs={"property": "og:title"})]
    if any(isinstance(h, str) and own.match(" ".join(h.split())) for h in heads):
        return name
    return None


def _html_text(data: bytes) -> tuple[str, dict[str, str]]:
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        # a short .html file whose text looks like a path or a URL is still its text; the
        # parser's advice to open the file instead would only puzzle the user
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(data, "lxml")
    meta: dict[str, str] = {}
    for key, attr, value in _HTML_META:
        tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
        content = tag.get("content") if tag is not None else None
        if key in meta or not isinstance(content, str) or not content.strip():
            continue
        content = " ".join(content.split())
        if key == "author":
            if content.startswith(("http://", "https://")):
                continue  # article:author is often the author's page, not a name
            content = by_line(content) or content
        meta[key] = content
    linked = _json_ld(soup)
    if "author" in meta and meta["author"] != linked.get("author"):
        linked.pop("role", None)  # the JSON-LD author's job is not another author's
    for key, value in linked.items():
        meta.setdefault(key, value)
    if "author" not in meta:
        # <a rel="author">, itemprop="author", class="byline" or "author": a visible credit
        for tag in soup.find_all(_credits, limit=5):
            # an author card's heading names the writer over a line about them
            heading = tag.find(["h2", "h3", "h4", "h5", "h6", "strong", "b"])
            named = (credited(heading.get_text(" ")) if heading is not None else None) or credited(
                tag.get_text(" ")
            )
            if named:
                meta["author"] = named
                break
    paper = meta.pop("publisher", None)
    og = soup.find("meta", attrs={"property": re.compile("^og:site_name$", re.I)})
    site_name = og.get("content") if og is not None else None
    viewer = _own_view(site_name, soup) if isinstance(site_name, str) else None
    if "author" not in meta and viewer and soup.find(_credits) is None:
        # "The Meridian view on the compact: …" on The Meridian's own page: its editorial
        # board wrote it, when nothing in the text credits anyone (see read_document)
        meta[_SITE_VIEW] = f"{viewer} {BOARD}"
    if _STAFF.fullmatch(re.sub(r"^\s*[Bb]y\s+", "", meta.get("author", ""))):
        # "The Editors" or "By The Editorial Board" over an editorial: the board of the paper
        # that publishes it, named by its metadata or after a bar in the tab title ("Our view:
        # … | Ashcombe Chronicle")
        tab = " ".join(soup.title.string.split()) if soup.title and soup.title.string else ""
        tail = tab.rsplit(" | ", 1)[1] if " | " in tab else ""
        for name in (paper, site_name, tail):
            if isinstance(name, str) and _PAPER_NAME.fullmatch(name.strip()):
                meta["author"] = f"{_THE.sub('', name.strip())} {BOARD}"
                break
        else:
            if paper:
                meta["author"] = f"{_THE.sub('', paper)} {BOARD}"
    if "title" not in meta and soup.title and soup.title.string:
        # "Headline | Site Name", "Headline – Site Name": the site is not the title; the page's
        # <h1>, when the <title> opens with it, says where the headline ends
        title = " ".join(soup.title.string.split())
        h1 = soup.find("h1")
        head = " ".join(h1.get_text(" ").split()) if h1 is not None else ""
        if not (head and title.startswith(head)):
            # another h1, or a blog's h2, when the tab title adds the site after a dash or bar
            heads = (
                " ".join(h.get_text(" ").split()) for h in soup.find_all(["h1", "h2"], limit=6)
            )
            head = next(
                (
                    h
                    for h in heads
                    if h and title.startswith(h) and _SITE_AFTER.match(title, len(h))
                ),
                "",
            )
        after = _SITE_BEFORE.match(title, len(head)) if head else None
        if after and any(
            " ".join(h.get_text(" ").split()) == after.group(1)
            for h in soup.find_all(["h2", "h3"], limit=12)
        ):
            head = after.group(1)  # "Site Name: Headline" over the site's <h1>, the post's <h3>
        meta["title"] = head or title.rsplit(" | ", 1)[0]
    framed = soup.find(["article", "main"]) is not None
    for tag in soup("header"):
        # the site's own header, its name over its links or over a page that puts the article
        # in <article> or <main> (a line or two, crediting no one "by" name), is no part of the
        # article (a footer may hold the writer's bio, so it stays)
        words = tag.get_text(" ").split()
        bare = (
            framed
            and len(words) <= 15
            and not _BY.search(" ".join(words))
            and not tag.find(["h2", "h3", "h4", "h5", "h6", "address", "time"])
            and not tag.find(_credits)
            and not any(credited(p.get_text(" ")) for p in tag.find_all(["p", "div", "span"]))
        )
        if (
            (tag.find("nav") or bare)
            and not tag.find("h1")
            and tag.find_parent(["article", "main"]) is None
        ):
            tag.decompose()
    for tag in soup("footer"):
        words = tag.get_text(" ").split()
        in_links = sum(len(a.get_text(" ").split()) for a in tag("a"))
        if words and len(words) == in_links and tag.find_parent(["article", "main"]) is None:
            tag.decompose()  # the site's row of links ("Accessibility Privacy Cookies")
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe", "nav"]):
        tag.decompose()
    paragraphs = (" ".join("".join(p).split()) for p in _blocks(soup))
    return "\n\n".join(p for p in paragraphs if p), meta


def _blocks(soup: Any) -> list[list[str]]:
    """The page's text, one list of strings per block: a new block starts where the nearest
    enclosing block element changes, and at every <br> or <hr>.

    One pass in document order, with each element's nearest block remembered, so the cost is
    linear however deep the nesting (inserting markers around every block was quadratic:
    100,000 nested <div> took 18 minutes).
    """
    from bs4.element import CData, NavigableString, Tag

    nearest: dict[int, object] = {}

    def block_of(tag: Any) -> object:
        path = []
        while tag is not None and id(tag) not in nearest and tag.name not in _BLOCK_TAGS:
            path.append(tag)
            tag = tag.parent
        found = None if tag is None else nearest.get(id(tag), tag)
        for t in path:
            nearest[id(t)] = found
        return found

    out: list[list[str]] = [[]]
    current: object = None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in ("br", "hr"):
                out.append([])
                current = None
            continue
        if type(node) not in (NavigableString, CData):
            continue  # comments, doctypes, processing instructions
        block = block_of(node.parent)
        if block is not current:
            out.append([])
            current = block
        out[-1].append(str(node))
    return out


def _pdf_text(data: bytes, name: str) -> tuple[str, dict[str, str]]:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise QAError(f"{name}: encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except QAError:
        raise
    except PdfReadError as e:
        raise QAError(f"{name}: cannot read this PDF ({e})") from e
    except Exception as e:  # pypdf raises many kinds: limits, missing crypto, malformed streams
        reason = " ".join(str(e).split())[:120]
        raise QAError(f"{name}: cannot read this PDF ({type(e).__name__}: {reason})") from e
    meta = {}
    if info is not None:
        for key, value in (("title", info.title), ("author", info.author)):
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
    return "\n\n".join(reflow(p) for p in pages if p.strip()), meta


_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def reflow(page: str) -> str:
    """A PDF page's hard-wrapped lines joined into paragraphs, one blank line between them.

    A line ends its paragraph when a blank line follows, when it is clearly shorter than the
    page's full lines and ends a sentence, or when it is a headline (a short first line without
    closing punctuation) or a "By NAME" line: so a headline, a byline and the first sentence
    are never read as one sentence.
    """
    lines = [" ".join(line.split()) for line in page.splitlines()]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    full = lengths[int(0.8 * (len(lengths) - 1))]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if by_line(line) and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(line)
        short = len(line) < 0.75 * full
        headline = not any(paragraphs[:-1]) and len(paragraphs[-1]) == 1 and short
        if (
            by_line(line)
            or (short and _ENDS_SENTENCE.search(line))
            or (headline and not _ENDS_SENTENCE.search(line))
        ):
            paragraphs.append([])
    return "\n\n".join(_join(p) for p in paragraphs if p)


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # "inter-\nnational" was one word; "well-\nknown" loses nothing by losing the break
        glue = "" if text.endswith("-") and line[:1].islower() else " "
        text += glue + line
    return text


_PLACEHOLDER_TITLE = re.compile(
    r"(?:enscript output|untitled(?:\s+document)?|no title|title|document\s*\d*|"
    r"microsoft (?:word|powerpoint|excel)\s+-\s+.*|powerpoint presentation|slide\s*\d*|"
    r".*\.(?:docx?|odt|rtf|pdf|txt|md|html?|pptx?|tex|dvi|ps|indd|pages))",
    re.IGNORECASE,
)


def placeholder_title(title: str, path: Path) -> bool:
    """True for a title a converter fills in by default ("Enscript Output", "Microsoft Word -
    draft.docx", "untitled", the file's own name): the text's first line says more."""
    title = " ".join(title.split())
    return bool(_PLACEHOLDER_TITLE.fullmatch(title)) or title.lower() in (
        path.name.lower(),
        path.stem.lower(),
    )


def read_bytes(path: Path, rel: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them. A FIFO or a device could block or
    never end, so it is refused (opened without blocking, so a FIFO cannot stall the build
    before the check); a larger file is refused before it is read, or while it grows."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise QAError(f"{rel}: not a regular file")
        if limit is not None and info.st_size > limit:
            raise QAError(f"{rel}: {_too_big(limit)}")
        with os.fdopen(os.dup(fd), "rb") as f:
            if limit is None:
                return f.read()
            # in pieces: read(limit + 1) would reserve the whole limit for every small file
            data = bytearray()
            while len(data) <= limit and (piece := f.read(1 << 20)):
                data += piece
        if len(data) > limit:  # it grew while being read
            raise QAError(f"{rel}: {_too_big(limit)}")
        return bytes(data)
    finally:
        os.close(fd)


def _too_big(limit: int) -> str:
    return f"larger than {limit / 2**20:g} MB (--max-file-mb raises the limit)"


def read_document(
    path: Path, rel: str, doc_id: str, warn: Warn = _ignore, limits: ReadLimits | None = None
) -> Document:
    """Decode one file and find its title and author: explicit metadata first, then the text.

    ``limits`` bounds the bytes read and the text produced; ``load_corpus`` also holds the
    reader to its time and memory limits by running it in a child process."""
    limits = limits or ReadLimits()
    data = read_bytes(path, rel, int(limits.file_mb * 2**20))
    suffix = path.suffix.lower()
    meta: dict[str, Any] = {}
    body = 0
    if suffix in (".html", ".htm"):
        text, meta = _html_text(data)
    elif suffix == ".pdf":
        text, meta = _pdf_text(data, rel)
    else:
        if b"\0" in data[:8192] and not data.startswith(_UTF16_BOMS):
            raise QAError(f"{rel}: looks like a binary file, not text")
        text = decode(data, rel, warn)
        if suffix in (".md", ".markdown"):
            meta, body = _front_matter(text, rel, warn)
    site_view = meta.pop(_SITE_VIEW, None)
    sidecar = path.with_name(path.name + SIDECAR)
    digest = hashlib.sha256(data)
    own = _meta_author(meta)  # the file's own metadata, before any sidecar's
    if sidecar.is_file():
        problem = ""
        try:
            raw = sidecar.read_bytes()
            digest.update(b"\0" + SIDECAR.encode() + b"\0" + raw)  # new metadata is a change
            extra = json.loads(raw.decode("utf-8"))
            if isinstance(extra, dict):
                if any(key in extra for key in _META_AUTHOR_KEYS):
                    # a sidecar that names the author names their role too, or none
                    meta = {k: v for k, v in meta.items() if str(k).lower() not in _META_ROLE_KEYS}
                meta.update(extra)
            else:
                problem = "not a JSON object"
        except (ValueError, OSError) as e:
            problem = f"not a valid JSON object ({' '.join(str(e).split())[:120]})"
        except RecursionError:
            problem = "nested too deeply"
        if problem:  # the document is still read, as with front matter that cannot be read
            warn(f"{rel}{SIDECAR}: {problem}; its metadata ignored")
    if len(text) > limits.text_mb * 1e6:
        raise QAError(
            f"{rel}: gives more than {limits.text_mb:g} million characters of text "
            "(--max-text-mb raises the limit)"
        )
    # extracted text and metadata may hold lone surrogates, which no UTF-8 file can store
    text = replace_surrogates(text)
    if text.startswith("\ufeff"):  # a byte-order mark stays in the text, outside every span
        body = max(body, 1)
    kept = headline_apart(text, kept_spans(text, body))
    title = meta.get("title")
    if title is not None and placeholder_title(str(title)[:MAX_META_CHARS], path):
        title = None
    title = title or guess_title(text, kept) or path.stem.replace("-", " ").strip()
    # a guest post's writer beats the blog owner its page's metadata names; "By Anonymous"
    # beats a page's metadata (often the site's name), not a sidecar the user wrote
    given = _meta_author(meta)
    author = guest_writer(text, kept) or given or guess_author(text, kept) or site_view
    # the metadata's word for who its author is ("role: Minister for Health") is a credit too
    role = _meta_role(meta) if author and author == given else None
    if author and author == own and declared_anonymous(text, kept):
        author = None
    # metadata's "The Carrick Post Editorial Board" is named as a byline's board is
    author = (editorial_board(str(author)) or plain_name(str(author))) if author else None
    return Document(
        doc_id=doc_id,
        path=rel,
        title=_short(replace_surrogates(str(title)).lstrip("# ").strip()),
        author=_short(replace_surrogates(str(author))) if author else None,
        text=text,
        content_hash=digest.hexdigest(),
        kept=tuple(kept),
        role=_short(replace_surrogates(role)) if author and role else None,
    )


_META_ROLE_KEYS = ("role", "job_title", "jobtitle", "author_role", "author_title")
"""Front matter's and sidecars' names for what the author does (JSON-LD's ``jobTitle`` is read
as ``role``)."""


def _meta_role(meta: dict[str, Any]) -> str | None:
    """The author's job as metadata gives it, when a short string: "Minister for Health"."""
    keys = {str(k).lower(): v for k, v in meta.items()}
    for key in _META_ROLE_KEYS:
        value = keys.get(key)
        if isinstance(value, str) and value.strip() and len(value) <= MAX_META_CHARS:
            return " ".join(value.split())
    return None


_META_AUTHOR_KEYS = ("author", "authors", "byline", "writer", "writers", "contributors", "creator")
"""Front matter's names for who wrote a piece, in the order trusted."""
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
"""A note-taking app's link around a name: "[[Jane Doe]]", "[[people/jane|Jane Doe]]"."""


def _meta_author(meta: dict[str, Any]) -> str | None:
    """The author metadata gives: ``author``, or a list under ``author`` or ``authors`` (front
    matter's "authors: [Jane Doe, John Roe]"), joined with "and" as a byline joins them; also
    front matter's ``byline``, ``writer`` or ``contributors``, and a note's "[[Jane Doe]]"."""
    for key in _META_AUTHOR_KEYS:
        value = meta.get(key)
        if isinstance(value, list):
            value = " and ".join(str(v) for v in value[:4] if isinstance(v, str | int) and str(v))
        if value:
            return _WIKILINK.sub(r"\1", str(value)).strip() or None
    return None


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= MAX_META_CHARS else value[: MAX_META_CHARS - 1] + "…"


def _named(what: str, paths: list[str]) -> str:
    more = f" and {len(paths) - 10} more" if len(paths) > 10 else ""
    return f"skipped {len(paths)} {what}: {', '.join(paths[:10])}{more}"


def find_files(root: Path, warn: Warn = _ignore, follow_symlinks: bool = False) -> list[Path]:
    """The supported files under ``root``, in sorted walk order; hidden entries are ignored.

    What is skipped is named in one warning per reason. Symbolic links are not followed unless
    ``follow_symlinks``, so the corpus cannot reach outside its folder by accident; when they are,
    a folder reached a second time (a link loop) is not entered again. The walk keeps its own
    stack, so deep nesting cannot exhaust Python's recursion limit.
    """
    found: list[Path] = []
    skipped: dict[str, list[str]] = {}

    def skip(reason: str, path: Path) -> None:
        skipped.setdefault(reason, []).append(path.relative_to(root).as_posix())

    root_stat = root.stat()
    seen = {(root_stat.st_dev, root_stat.st_ino)}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            warn(f"skipped folder {folder.relative_to(root).as_posix()}: {e.strerror or e}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith(SIDECAR):
                continue
            path = Path(entry.path)
            if not _utf8(entry.name):
                skip("file(s) whose name is not valid UTF-8 (rename them)", path)
                continue
            try:
                if entry.is_symlink() and not follow_symlinks:
                    skip("symbolic link(s) (--follow-symlinks indexes what they point to)", path)
                    continue
                st = entry.stat(follow_symlinks=True)
            except OSError as e:  # a dangling or looping link, or a file gone since the listing
                what = "broken symbolic link(s)" if entry.is_symlink() else "unreadable file(s)"
                skip(f"{what} ({e.strerror})", path)
                continue
            if stat.S_ISDIR(st.st_mode):
                if (st.st_dev, st.st_ino) in seen:
                    skip("folder(s) reached again through a symbolic link (a loop)", path)
                    continue
                seen.add((st.st_dev, st.st_ino))
                subfolders.append(path)
            elif not stat.S_ISREG(st.st_mode):
                skip("special file(s) (pipes, sockets, devices)", path)
            elif path.suffix.lower() in SUPPORTED:
                found.append(path)
            else:
                skip("unsupported file(s)", path)
        stack.extend(reversed(subfolders))
    for reason, paths in skipped.items():
        warn(_named(reason, paths))
    return found


def _utf8(name: str) -> bool:
    """False for a file name whose bytes are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def doc_ids(rels: list[str]) -> list[str]:
    """Ids from relative paths: the path without its suffix, slugified, then made unique.

    When two paths slugify alike, the one that sorts first keeps the plain id and the others get
    their suffix, then a number, so no two documents ever share an id.
    """
    ids: dict[str, str] = {}
    used: set[str] = set()
    for rel in sorted(rels):
        candidate = slugify(str(Path(rel).with_suffix("")))
        if candidate in used:
            candidate = slugify(rel)
        base, n = candidate, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        ids[rel] = candidate
        used.add(candidate)
    return [ids[r] for r in rels]


BEIR_CORPUS = "corpus.jsonl"


def load_beir_corpus(root: Path) -> list[Document]:
    """The documents of a BEIR folder's ``corpus.jsonl``: title and text, ids kept as given.

    The document text is the title, a blank line, then the text; both are indexed as they are.
    """
    docs = []
    seen: set[str] = set()
    with open(root / BEIR_CORPUS, "rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
                doc_id, title, body = str(obj["_id"]), obj.get("title") or "", obj["text"] or ""
                if not isinstance(title, str) or not isinstance(body, str):
                    raise TypeError("title and text must be strings")
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise QAError(f"{root / BEIR_CORPUS}, line {n}: not a BEIR document ({e})") from e
            if doc_id in seen:
                raise QAError(f"{root / BEIR_CORPUS}, line {n}: duplicate _id {doc_id!r}")
            seen.add(doc_id)
            # JSON may spell lone surrogates ("\\ud800"), which no later stage can encode
            title, body = replace_surrogates(title), replace_surrogates(body)
            text = f"{title.strip()}\n\n{body.strip()}" if title.strip() else body.strip()
            docs.append(
                Document(
                    doc_id=doc_id,
                    path=f"{root.resolve().name}/{BEIR_CORPUS}#{doc_id}",
                    title=title.strip() or doc_id,
                    author=None,
                    text=text,
                    content_hash=hashlib.sha256(raw).hexdigest(),
                    kept=tuple(kept_paragraphs(text)),
                )
            )
    if not docs:
        raise QAError(f"no documents in {root / BEIR_CORPUS}")
    return docs


def kept_paragraphs(text: str) -> list[tuple[int, int]]:
    """Every paragraph of ``text`` (structured data has no page furniture to remove)."""
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text, re.DOTALL):
        spans.append((m.start(), m.end()))
    return spans


def serve(read_fd: int, write_fd: int, limits_json: str) -> None:
    """The reading child (``python -c``, started by ``IsolatedReader``): read the files asked for
    on ``read_fd`` until it closes, its address space capped at what it has now plus
    ``memory_mb``; each reply, on ``write_fd``, is the document or why not."""
    import logging
    import resource
    import warnings

    limits = ReadLimits(**json.loads(limits_json))
    requests, replies = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # parsers' own chatter (pypdf logs bytes of the file) never reaches the terminal (stdout
    # and stderr are /dev/null too): what matters comes back as a reply, printed escaped
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            now = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = now + int(limits.memory_mb * 2**20)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError):  # no /proc, or a limit that cannot be set: read unbounded
        pass
    replies.send_bytes(b'"ready"')
    while True:
        try:
            path, rel, doc_id = json.loads(requests.recv_bytes())
        except (EOFError, OSError):
            return
        notes: list[str] = []
        reply: tuple[str, Any, list[str]]
        try:
            doc = read_document(Path(path), rel, doc_id, notes.append, limits)
            reply = ("ok", asdict(doc), notes)
        except QAError as e:
            reply = ("skip", str(e), notes)
        except MemoryError:
            reply = ("skip", f"{rel}: {_needs_memory(limits)}", notes)
        except RecursionError:
            reply = ("skip", f"{rel}: nested too deeply to read", notes)
        except OSError as e:  # gone or unreadable since the folder was listed
            reply = ("skip", f"{rel}: {e.strerror or e}", notes)
        except Exception as e:  # a parser's failure on one file never ends the build
            reason = " ".join(str(e).split())[:120]
            reply = ("skip", f"{rel}: cannot be read ({type(e).__name__}: {reason})", notes)
        try:
            replies.send_bytes(json.dumps(reply).encode())
        except MemoryError:  # the document was read, but is too large to hand over
            replies.send_bytes(
                json.dumps(["skip", f"{rel}: {_needs_memory(limits)}", notes]).encode()
            )


def _needs_memory(limits: ReadLimits) -> str:
    return (
        f"needs more than {limits.memory_mb:g} MB of memory to read "
        "(--max-file-memory-mb raises the limit)"
    )


class IsolatedReader:
    """Reads corpus files in a child process held to ``limits``: a file that takes too long,
    exhausts the child's memory or crashes its parser (even inside native code, where no
    exception reaches Python) costs that file only; the child is replaced for the next.
    Requests and replies are JSON, never pickle: the child parses untrusted files.

    The child is a fresh ``python -c`` importing this qa, not a multiprocessing spawn or fork:
    spawn re-runs the caller's main script (a script without a ``__main__`` guard, or one read
    from stdin, would break), and fork would copy a REPL's threads."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self._child: tuple[subprocess.Popen[bytes], Connection, Connection] | None = None

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _start(self) -> tuple[subprocess.Popen[bytes], Connection, Connection]:
        theirs_in, mine_out = os.pipe()
        mine_in, theirs_out = os.pipe()
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_root, *sys.path])}
        code = (
            "import sys; from qa.ingest import serve; serve(*map(int, sys.argv[1:3]), sys.argv[3])"
        )
        try:
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    code,
                    str(theirs_in),
                    str(theirs_out),
                    json.dumps(asdict(self.limits)),
                ],
                pass_fds=(theirs_in, theirs_out),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
        finally:
            os.close(theirs_in)
            os.close(theirs_out)
        replies, requests = (
            Connection(mine_in, writable=False),
            Connection(mine_out, readable=False),
        )
        self._child = (child, requests, replies)
        try:
            ready = replies.poll(120) and json.loads(replies.recv_bytes()) == "ready"
        except (EOFError, OSError, ValueError):
            ready = False
        if not ready:
            self.close()
            raise QAError("the process that reads corpus files did not start")
        return self._child

    def close(self) -> int | None:
        """Stop the child; its exit code (negative: the signal that ended it)."""
        if self._child is None:
            return None
        child, requests, replies = self._child
        self._child = None
        requests.close()
        replies.close()
        try:
            return child.wait(1)
        except subprocess.TimeoutExpired:
            child.kill()
            return child.wait()

    def read(self, path: Path, rel: str, doc_id: str, warn: Warn) -> Document:
        """The document, or QAError saying why the file was skipped."""
        if self._child is not None and self._child[0].poll() is not None:
            # it died between files (the kernel's OOM killer, a signal): writing to it would
            # raise SIGPIPE, which ends the qa command itself
            self.close()
        child, requests, replies = self._child or self._start()
        try:
            requests.send_bytes(json.dumps([str(path), rel, doc_id]).encode())
            if not replies.poll(self.limits.seconds):
                child.kill()
                self.close()
                raise QAError(
                    f"{rel}: took longer than {self.limits.seconds:g} s to read "
                    "(--max-file-seconds raises the limit)"
                )
            kind, value, notes = json.loads(replies.recv_bytes())
        except (EOFError, OSError, ValueError):
            code = self.close()
            how = f"exit {code}"
            if code is not None and code < 0:
                how = signal.Signals(-code).name if -code in signal.valid_signals() else how
            raise QAError(f"{rel}: its reader died ({how}); the file may be malformed") from None
        for note in notes:
            warn(note)
        if kind != "ok":
            raise QAError(str(value))
        return Document(**{**value, "kept": tuple((int(a), int(b)) for a, b in value["kept"])})


def load_corpus(
    root: Path,
    warn: Warn = _ignore,
    follow_symlinks: bool = False,
    limits: ReadLimits | None = None,
) -> list[Document]:
    """Every supported document under ``root``; what is skipped is named in warnings.

    Files are read in a child process (``IsolatedReader``): one that breaks a limit of
    ``limits`` (time, size, memory, text), or whose parser fails or crashes, is skipped, so one
    pathological file can neither end nor hold up a build.

    A file with the same bytes as one already read is indexed once, under the first name found:
    two copies would fill the results with the same passage twice. Empty files are
    skipped, and so is a file that cannot be read (gone since the folder was listed, binary).

    A document's ``path`` is relative to the folder that holds the corpus, so it starts with the
    corpus folder's own name (``corpus/roy-heilbrunn-is-dead-wrong.txt``). A folder holding a
    BEIR ``corpus.jsonl`` is read as that data set's documents instead.
    """
    if not root.exists():
        raise QAError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise QAError(f"not a folder: {root}")
    if (root / BEIR_CORPUS).is_file():
        return load_beir_corpus(root)
    files = find_files(root, warn, follow_symlinks)
    inside = [p.relative_to(root).as_posix() for p in files]
    rels = [f"{root.resolve().name}/{r}" for r in inside]
    docs: list[Document] = []
    first_with: dict[str, str] = {}
    empty: list[str] = []
    duplicates: list[str] = []
    with IsolatedReader(limits or ReadLimits()) as reader:
        for path, rel, doc_id in zip(files, rels, doc_ids(inside), strict=True):
            try:
                doc = reader.read(path, rel, doc_id, warn)
            except QAError as e:
                warn(f"skipped {e}")
                continue
            if not doc.text.strip():
                empty.append(rel)
            elif doc.content_hash in first_with:
                duplicates.append(f"{rel} (same as {first_with[doc.content_hash]})")
            else:
                first_with[doc.content_hash] = rel
                docs.append(doc)
    if empty:
        warn(_named("file(s) with no text", empty))
    if duplicates:
        warn(_named("file(s) whose content is already indexed", duplicates))
    if not docs:
        raise QAError(f"no documents to index in {root} (supported: {' '.join(SUPPORTED)})")
    return docs
