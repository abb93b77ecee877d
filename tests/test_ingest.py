"""Ingestion of each supported format, explicit metadata, and what is skipped."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from qa.ingest import load_corpus, read_document
from qa.types import QAError


def minimal_pdf(lines: list[str], title: str, author: str) -> bytes:
    """A one-page PDF with real text objects, written by hand so the test needs no PDF writer."""
    ops = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({s}) '" for s in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) /Author ({author}) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def test_every_format_and_its_metadata(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "page.html").write_text(
        "<html><head><title>Tab Title</title><meta name='author' content='Ann Author'>"
        "<style>.x{color:red}</style><script>alert('never indexed')</script></head>"
        "<body><h1>Page Heading</h1><p>First <b>bold</b> paragraph.</p>"
        "<script>var secret = 1;</script><p>Second paragraph.</p></body></html>",
        encoding="utf-8",
    )
    (root / "sub" / "note.md").write_text(
        "---\ntitle: Front Matter Title\nauthor: Mo Markdown\n---\n# Heading\n\nBody text here.\n",
        encoding="utf-8",
    )
    (root / "sub" / "deeper" / "plain.txt").write_bytes(
        b"Plain Title\r\n\r\nLine one of the body.\r\nLine two.\r\n"
    )
    (root / "sub" / "deeper" / "plain.txt.meta.json").write_text(
        json.dumps({"author": "Sidecar Person"}), encoding="utf-8"
    )
    (root / "report.pdf").write_bytes(
        minimal_pdf(["The PDF body sentence one.", "And sentence two."], "PDF Title", "Pat Pdf")
    )
    (root / "image.png").write_bytes(b"\x89PNG\r\n")
    (root / "notes.docx").write_bytes(b"PK")
    (root / ".hidden.txt").write_text("not indexed", encoding="utf-8")
    warnings: list[str] = []

    docs = {d.path: d for d in load_corpus(root, warn=warnings.append)}

    assert sorted(docs) == [
        "docs/page.html",
        "docs/report.pdf",
        "docs/sub/deeper/plain.txt",
        "docs/sub/note.md",
    ]
    assert warnings == ["skipped 2 unsupported file(s): image.png, notes.docx"]
    html = docs["docs/page.html"]
    assert (html.title, html.author) == ("Tab Title", "Ann Author")
    assert "alert" not in html.text and "secret" not in html.text and "color" not in html.text
    assert [html.text[a:b] for a, b in html.kept] == [
        "Page Heading",
        "First bold paragraph.",
        "Second paragraph.",
    ]
    md = docs["docs/sub/note.md"]
    assert (md.title, md.author, md.doc_id) == ("Front Matter Title", "Mo Markdown", "sub-note")
    assert all(a >= md.text.index("# Heading") for a, _ in md.kept)  # front matter not indexed
    txt = docs["docs/sub/deeper/plain.txt"]
    assert txt.text == (root / "sub/deeper/plain.txt").read_bytes().decode()  # CRLF untouched
    assert (txt.title, txt.author) == ("Plain Title", "Sidecar Person")
    pdf = docs["docs/report.pdf"]
    assert (pdf.title, pdf.author) == ("PDF Title", "Pat Pdf")
    assert "The PDF body sentence one." in pdf.text


@pytest.mark.parametrize(
    "head,author",
    [
        ("<meta property='article:author' content='Ann Author'>", "Ann Author"),
        ("<meta property='article:author' content='https://example.org/ann'>", None),
        ("<meta name='byl' content='By Ann Author'>", "Ann Author"),
        ("<meta name='DC.creator' content='Ann Author'>", "Ann Author"),
    ],
)
def test_the_author_meta_tags_of_news_pages(tmp_path: Path, head: str, author: str | None) -> None:
    (tmp_path / "page.html").write_text(
        f"<html><head><title>T</title>{head}</head><body><p>A sentence.</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.author == author


def test_names_lists_and_site_names_in_metadata(tmp_path: Path) -> None:
    # front matter may list authors; letters after a name are no part of it; a page's <h1>
    # says where its <title> stops being the headline
    (tmp_path / "a.md").write_text(
        "---\nauthors:\n  - Ann Author\n  - Bo Byline\n---\n\nI think so.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Headline\n\nBy Cy Dee OBE\n\nI think so.\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Mend it – Make Do Street</title></head><body><h1>Mend it</h1>"
        "<p>I think so.</p></body></html>",
        encoding="utf-8",
    )
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["a"].author == "Ann Author and Bo Byline"
    assert docs["b"].author == "Cy Dee"
    assert docs["c"].title == "Mend it"


def test_toml_front_matter_gives_title_and_author(tmp_path: Path) -> None:
    # Hugo's other front matter, between "+++" lines; a broken one is skipped with a warning
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "Keep the night buses"\ndate = 2025-03-08T21:15:00Z\nauthor = "Ann '
        'Author"\ntags = ["buses"]\n+++\n\nI drive a taxi, and I want the buses kept.\n',
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text('+++\ntitle = "unclosed\n+++\n\nI think so.\n', "utf-8")
    warnings: list[str] = []
    docs = {d.doc_id: d for d in load_corpus(tmp_path, warn=warnings.append)}
    assert (docs["a"].title, docs["a"].author) == ("Keep the night buses", "Ann Author")
    kept = {k: [d.text[a:b] for a, b in d.kept] for k, d in docs.items()}
    assert kept["b"] == ["I think so."] and not any("+++" in p for p in kept["a"])
    assert any("b.md" in w and "TOML" in w for w in warnings)


def test_a_blogs_about_me_widget_credits_its_owner(tmp_path: Path) -> None:
    (tmp_path / "post.html").write_text(
        "<html><head><title>Flour and fog | Crumbs</title></head><body><main><article><h2>"
        "Flour and fog</h2><p>My day starts when yours ends. The ovens go on at four.</p>"
        + "<p>The council wants to take the night bus away. I do not drive.</p>"
        * 4
        + "</article></main><aside><section class='widget widget_about'><h3>About me</h3><p>Hi! "
        "I'm Ann Author, head baker at a small bakery on Canal Road.</p></section><section><h3>"
        "Recent posts</h3><ul><li>Rye for beginners</li><li>Pancake Day</li></ul></section>"
        "</aside><footer>Proudly powered by WordPress</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.author == "Ann Author"


def test_a_sites_header_is_no_text_and_an_author_box_credits(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><head><title>Floodlights, please - Eastwick Matters</title></head><body>"
        "<header><h3>Eastwick Matters</h3><nav>News · Sport</nav></header><article><header>"
        "<h1>Floodlights, please</h1></header><p>I coach the under-tens. I want lights.</p>"
        "</article><aside class='author-box'><h4>About the author</h4><p>Ann Author is a youth "
        "worker in Eastwick.</p></aside><footer>Eastwick Matters is run by volunteers.</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert (doc.title, doc.author) == ("Floodlights, please", "Ann Author")
    assert doc.text.startswith("Floodlights, please") and "Sport" not in doc.text
    assert doc.text.endswith("Eastwick Matters is run by volunteers.")  # a footer may be a bio


def test_a_blogs_author_card_credits_by_its_heading(tmp_path: Path) -> None:
    """Posted "by annauthor" (a user name), with a card giving her name over a line about her."""
    (tmp_path / "post.html").write_text(
        "<html><head><title>Mend it – Make Do</title></head><body><article><h2>Mend it</h2>"
        "<div class='entry-meta'>Posted by <a class='url fn n'>annauthor</a></div>"
        "<p>I brought a dead toaster to the repair café. It works again.</p></article>"
        "<aside class='widget author-widget'><h4>Ann Author</h4><p>@annauthor · Writing about"
        " mending since 2016.</p></aside></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.author == "Ann Author"


def _ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


@pytest.mark.parametrize(
    "head,title,author",
    [
        (
            _ld({"@type": "NewsArticle", "headline": "Keep It", "author": {"name": "Ann Author"}}),
            "Keep It",
            "Ann Author",
        ),
        (
            _ld(
                {
                    "@graph": [
                        {"@type": "WebSite"},
                        {
                            "@type": ["OpinionNewsArticle"],
                            "author": [{"@type": "Person", "name": "Ann Author"}, "Bo Byline"],
                        },
                    ]
                }
            ),
            "Tab Title",
            "Ann Author and Bo Byline",
        ),
        # the outlet as author is no writer; a meta tag is trusted over JSON-LD
        (
            _ld({"@type": "Article", "author": {"@type": "Organization", "name": "Herald"}}),
            "Tab Title",
            None,
        ),
        (
            "<meta name='author' content='Cy Meta'>" + _ld({"@type": "Article", "author": "X Y"}),
            "Tab Title",
            "Cy Meta",
        ),
        ("<script type='application/ld+json'>{not json</script>", "Tab Title", None),
    ],
)
def test_a_pages_json_ld_gives_headline_and_author(
    tmp_path: Path, head: str, title: str, author: str | None
) -> None:
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Tab Title | Herald</title>{head}</head><body><p>I think so.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert (doc.title, doc.author) == (title, author)


@pytest.mark.parametrize(
    "credit,author",
    [
        ("<span class='author'>Ann Author</span>", "Ann Author"),
        ("<p class='byline'>By Ann Author</p>", "Ann Author"),
        ("<a rel='author' href='/ann'>Ann Author</a>", "Ann Author"),
        ("<div itemprop='author'>Ann Author is a librarian in Eastwick.</div>", "Ann Author"),
        # not a credit class (alone under the headline, the name would be a byline)
        ("<p><span class='author-avatar'>Ann Author</span> wrote here.</p>", None),
        ("<span class='author'>Share this page</span>", None),  # not a name
    ],
)
def test_a_visible_credit_in_a_page(tmp_path: Path, credit: str, author: str | None) -> None:
    (tmp_path / "page.html").write_text(
        f"<html><head><title>T</title></head><body><h1>T</h1>{credit}<p>A sentence.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.author == author


def test_latin1_is_decoded_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(
        "Café société, naïve façade. Ça va très bien.".encode("cp1252")
    )
    warnings: list[str] = []
    [doc] = load_corpus(tmp_path, warn=warnings.append)
    assert "Café société" in doc.text
    assert len(warnings) == 1 and "not UTF-8" in warnings[0]


def test_doc_ids_are_stable_and_unique(tmp_path: Path) -> None:
    for name in ("Same Name.txt", "same-name.md", "other.txt"):
        (tmp_path / name).write_text(f"{name} body text.", encoding="utf-8")
    first = [d.doc_id for d in load_corpus(tmp_path)]
    assert len(set(first)) == 3
    assert first == [d.doc_id for d in load_corpus(tmp_path)]
    assert "other" in first


@pytest.mark.parametrize("setup", ["missing", "empty", "unsupported"])
def test_nothing_to_index_is_one_clear_error(tmp_path: Path, setup: str) -> None:
    root = tmp_path / "c"
    if setup != "missing":
        root.mkdir()
    if setup == "unsupported":
        (root / "a.docx").write_bytes(b"PK")
    with pytest.raises(QAError) as e:
        load_corpus(root)
    assert "\n" not in str(e.value)


def test_ids_never_collide_and_a_bom_keeps_offsets(tmp_path: Path) -> None:
    from qa.ingest import doc_ids

    ids = doc_ids(["a b.txt", "a-b.txt", "a_b.txt", "x/y.md", "x-y.md"])
    assert len(set(ids)) == 5 and ids[0] == "a-b"
    raw = "\ufeffTitle\n\nSome text here. More text.".encode()
    (tmp_path / "bom.txt").write_bytes(raw)
    [doc] = load_corpus(tmp_path)
    assert doc.text == raw.decode("utf-8")
    assert [doc.text[a:b] for a, b in doc.kept] == ["Title", "Some text here. More text."]


def test_a_corpus_of_only_boilerplate_is_one_clear_error(tmp_path: Path) -> None:
    import qa

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Image: Reuters\n\nMost Popular\n", encoding="utf-8")
    with pytest.raises(QAError, match="no text to index"):
        qa.build_index(tmp_path / "c", tmp_path / "index")


def test_an_html_file_whose_text_looks_like_a_path_reads_without_a_warning(tmp_path: Path) -> None:
    # BeautifulSoup warns that such text "looks more like a filename than HTML"; on stderr during
    # an index build that advice would only puzzle the user
    path = tmp_path / "a.html"
    path.write_text("notes/readme.html", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_document(path, "a.html", "a").text == "notes/readme.html"


def test_a_board_in_metadata_is_named_as_a_bylines_board(tmp_path: Path) -> None:
    (tmp_path / "leader.html").write_text(
        "<html><head><title>Our view</title><meta name='author' content='The Carrick Post "
        "Editorial Board'></head><body><p>Slow down. The council should wait.</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.author == "Carrick Post editorial board"


def test_an_unnamed_board_takes_its_papers_name_and_a_blogs_site_is_no_headline(
    tmp_path: Path,
) -> None:
    # "By The Editorial Board" in a byline's class, the paper after a bar in the tab title
    (tmp_path / "view.html").write_text(
        "<html><head><title>Our view: Keep the desk | Ashcombe Chronicle</title></head><body>"
        "<article><h1>Our view: Keep the desk</h1><p class='byline'>By The Editorial Board</p>"
        "<p>The police front desk should stay open.</p></article></body></html>",
        encoding="utf-8",
    )
    # a blog's name in its <h1> and first in the tab title; the post's own heading is an <h3>
    (tmp_path / "blog.html").write_text(
        "<html><head><title>Dunmere Matters: Losing our PCSOs</title></head><body><div><h1>"
        "Dunmere Matters</h1><p>Notes on local life.</p></div><h3>Losing our PCSOs</h3>"
        "<p>The letter arrived on Monday, and it says the two posts will go.</p>"
        "<p>Posted by Rhys ap Gwilym on 14 March 2024</p></body></html>",
        encoding="utf-8",
    )
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["view"].author == "Ashcombe Chronicle editorial board"
    assert docs["blog"].title == "Losing our PCSOs"


def test_a_page_of_the_sites_own_view_is_its_boards(tmp_path: Path) -> None:
    # "The Meridian view on…" (as a paper heads its editorials) on The Meridian's own page,
    # crediting no one: the paper's board wrote it
    def page(name: str, site: str, title: str, body: str) -> None:
        (tmp_path / f"{name}.html").write_text(
            f"<html><head><title>{title} | {site}</title><meta property='og:site_name' "
            f"content='{site}'></head><body><article><h1>{title}</h1>{body}</article></body>"
            "</html>",
            encoding="utf-8",
        )

    page("view", "The Meridian", "The Meridian view on the compact: stay in", "<p>Join it.</p>")
    # a writer the text credits keeps the piece; another's view, or the site's name in other
    # capitals, or a site named like no publication, credits no board
    page(
        "letter",
        "The Meridian",
        "The Meridian view on cycle lanes is wrong",
        "<p>Sir, your editorial missed the point.</p><p>John Smith, Leeds</p>",
    )
    page("other", "The Meridian", "The Treasury view on tolls", "<p>Tolls pay.</p>")
    page("lower", "The National", "The national view on devolution is shifting", "<p>So.</p>")
    page("domain", "meridian.com", "meridian.com view on bins", "<p>Bins.</p>")
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["view"].author == "Meridian editorial board"
    assert docs["letter"].author == "John Smith"
    assert docs["other"].author is None
    assert docs["lower"].author is None
    assert docs["domain"].author is None


def test_an_anonymous_byline_overrules_the_pages_metadata_not_a_sidecar(tmp_path: Path) -> None:
    # the page's meta author is often the site; "By Anonymous" is the writer's own word, and a
    # sidecar the user wrote is theirs
    page = (
        "<html><head><title>I'm a serving officer</title><meta name='author' content='The "
        "Public Square'></head><body><h1>I'm a serving officer</h1><p>By Anonymous · 8 July "
        "2024</p><p>I am not writing this to complain.</p></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html.meta.json").write_text('{"author": "Jane Doe"}', encoding="utf-8")
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["a"].author is None
    assert docs["b"].author == "Jane Doe"


def test_front_matter_bylines_writers_contributors_and_note_links(tmp_path: Path) -> None:
    body = "\n\nThe minimum wage should rise with prices.\n"
    (tmp_path / "a.md").write_text("---\ntitle: T\nbyline: Jane Doe\n---" + body, "utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: T\nwriter: Sung-min Park\n---" + body, "utf-8")
    (tmp_path / "c.md").write_text("---\ncontributors:\n  - John Roe\n---" + body, "utf-8")
    (tmp_path / "d.md").write_text('---\nauthor:\n  - "[[Amara Okafor]]"\n---' + body, "utf-8")
    docs = {d.doc_id: d.author for d in load_corpus(tmp_path)}
    assert docs == {"a": "Jane Doe", "b": "Sung-min Park", "c": "John Roe", "d": "Amara Okafor"}
