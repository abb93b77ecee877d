"""Files -> Documents: find, decode and describe every supported file under a corpus folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from qa.clean import guess_author, guess_title, kept_spans
from qa.types import Document, QAError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
SIDECAR = ".meta.json"
"""``report.pdf.meta.json`` beside ``report.pdf`` gives its title and author explicitly."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)
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


def decode(data: bytes, name: str, warn: Warn) -> str:
    """UTF-8 when it is; otherwise the detected encoding, with a warning naming it."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise QAError(f"{name}: cannot tell how this file is encoded")
    warn(f"{name}: not UTF-8; decoded as {best.encoding}")
    return str(best)


def _front_matter(text: str, name: str, warn: Warn) -> tuple[dict[str, Any], int]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        warn(f"{name}: front matter is not valid YAML; ignored")
        return {}, m.end()
    return (meta if isinstance(meta, dict) else {}), m.end()


def _html_text(data: bytes) -> tuple[str, dict[str, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    meta: dict[str, str] = {}
    for key, attr, value in (("title", "property", "og:title"), ("author", "name", "author")):
        tag = soup.find("meta", attrs={attr: value})
        content = tag.get("content") if tag is not None else None
        if isinstance(content, str) and content.strip():
            meta[key] = content.strip()
    if "title" not in meta and soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(_PARA)
        tag.insert_after(_PARA)
    paragraphs = (" ".join(p.split()) for p in soup.get_text().split(_PARA))
    return "\n\n".join(p for p in paragraphs if p), meta


def _pdf_text(path: Path) -> tuple[str, dict[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, OSError, ValueError) as e:
        raise QAError(f"{path.name}: cannot read this PDF ({e})") from e
    meta = {}
    if info is not None:
        for key, value in (("title", info.title), ("author", info.author)):
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
    return "\n\n".join(p.strip() for p in pages if p.strip()), meta


def read_document(path: Path, rel: str, doc_id: str, warn: Warn = _ignore) -> Document:
    """Decode one file and find its title and author: explicit metadata first, then the text."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    meta: dict[str, Any] = {}
    body = 0
    if suffix in (".html", ".htm"):
        text, meta = _html_text(data)
    elif suffix == ".pdf":
        text, meta = _pdf_text(path)
    else:
        if b"\0" in data[:8192]:
            raise QAError(f"{rel}: looks like a binary file, not text")
        text = decode(data, rel, warn)
        if suffix in (".md", ".markdown"):
            meta, body = _front_matter(text, rel, warn)
    sidecar = path.with_name(path.name + SIDECAR)
    if sidecar.is_file():
        try:
            extra = json.loads(sidecar.read_text(encoding="utf-8"))
        except (ValueError, OSError) as e:
            raise QAError(f"{sidecar.name}: not a valid JSON object ({e})") from e
        if not isinstance(extra, dict):
            raise QAError(f"{sidecar.name}: not a valid JSON object")
        meta.update(extra)
    if text.startswith("\ufeff"):  # a byte-order mark stays in the text, outside every span
        body = max(body, 1)
    kept = kept_spans(text, body)
    title = meta.get("title") or guess_title(text, kept) or path.stem.replace("-", " ").strip()
    author = meta.get("author") or guess_author(text, kept)
    return Document(
        doc_id=doc_id,
        path=rel,
        title=str(title).lstrip("# ").strip(),
        author=str(author) if author else None,
        text=text,
        content_hash=hashlib.sha256(data).hexdigest(),
        kept=tuple(kept),
    )


def find_files(root: Path) -> tuple[list[Path], list[Path]]:
    """Supported and unsupported files under ``root``, sorted; hidden entries are ignored.

    Symbolic links are not followed, so the corpus cannot reach outside its folder.
    """
    found: list[Path] = []
    skipped: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            if p.is_symlink():
                skipped.append(p)
            elif p.suffix.lower() in SUPPORTED:
                found.append(p)
            else:
                skipped.append(p)
    return found, skipped


def doc_ids(rels: list[str]) -> list[str]:
    """Ids from relative paths: the path without its suffix, slugified, then made unique.

    When two paths slugify alike, the one that sorts first keeps the plain id and the others get
    their suffix, then a number, so no two documents ever share an id.
    """
    ids: dict[str, str] = {}
    for rel in sorted(rels):
        candidate = slugify(str(Path(rel).with_suffix("")))
        if candidate in ids.values():
            candidate = slugify(rel)
        base, n = candidate, 2
        while candidate in ids.values():
            candidate, n = f"{base}-{n}", n + 1
        ids[rel] = candidate
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


def load_corpus(root: Path, warn: Warn = _ignore) -> list[Document]:
    """Every supported document under ``root``; unsupported files are named in one warning.

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
    files, skipped = find_files(root)
    if skipped:
        names = ", ".join(str(p.relative_to(root)) for p in skipped[:10])
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        warn(f"skipped {len(skipped)} unsupported file(s): {names}{more}")
    inside = [p.relative_to(root).as_posix() for p in files]
    rels = [f"{root.resolve().name}/{r}" for r in inside]
    docs = []
    for path, rel, doc_id in zip(files, rels, doc_ids(inside), strict=True):
        try:
            docs.append(read_document(path, rel, doc_id, warn))
        except QAError as e:
            warn(f"skipped {e}")
        except OSError as e:
            warn(f"skipped {rel}: {e.strerror or e}")
    if not docs:
        raise QAError(f"no documents to index in {root} (supported: {' '.join(SUPPORTED)})")
    return docs
