"""Ingest on real files: the seed page, synthetic pages of each date-line variant, JSON Lines, JSON,
CSV, HTML, plain text and bad input, all written to tmp_path and read back through the public API."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from lib.ingest import article_id, iter_articles, parse_page, read_bytes
from lib.pages_parser import is_caption, normalise_date
from lib.records import Article, IngestError, IngestNotice

SEED_TITLE = "US and allies accuse North Korea and Russia of violating UN sanctions"
BOILERPLATE = (
    "logo", "Orange background", "Try Our AI Features", "Explore what Daily8 AI", "Comments", "No comments yet",
    "Related Articles", "time5 hours ago", "DOWNLOAD THE APP", "Download the App", "Ready to dive into",
    "app-store", "play-store", "• Irish Independent",
)


def _articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items) -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError)]


# ---------------------------------------------------------------------------------------------- seed page


@pytest.fixture(scope="module")
def seed(seed_path) -> list[Article | IngestError]:
    return list(iter_articles([seed_path]))


def test_seed_gives_main_and_related_article(seed, seed_path):
    assert not _errors(seed)
    main, related = seed
    assert (main.title, main.outlet, main.published, main.fmt) == (SEED_TITLE, "Irish Examiner", "2025-05-30", "page")
    assert main.source == str(seed_path) and related.source == str(seed_path)
    assert related.outlet == "Irish Independent" and related.published is None
    assert related.author == "Luke McGee" and related.title.startswith("Luke McGee: ")
    assert related.text.startswith("Russia has relied heavily on Tehran")
    assert main.id != related.id


def test_seed_text_is_clean_prose(seed):
    main, related = seed
    assert "as many as 9 million rounds" in main.text
    assert main.text.startswith("The United States and 10 allies on Thursday said")
    assert main.text.endswith("blocked all other UN action against North Korea.")
    assert SEED_TITLE not in main.text
    for art in seed:
        for junk in BOILERPLATE:
            assert junk not in art.text, (junk, art.title)
        assert "\n\n" not in art.text and art.text == art.text.strip()
    assert "Araghchi" in related.text and "Araghchi" not in main.text


def test_seed_captions_leave_the_text(seed):
    main, related = seed
    putin = "Russian President Vladimir Putin (Alexander Kazakov, Sputnik, Kremlin via AP)"
    assert putin in main.captions and putin not in main.text
    assert any("(AP/Jon Chol Jin)" in c for c in main.captions)
    assert "Sputnik" not in main.text and "Jon Chol Jin" not in main.text
    # the glued "©UK Independent" image credit is cut out of the teaser, the standfirst kept
    assert "©" not in related.text and "©UK Independent" in related.captions
    first, second = related.text.split("\n")[:2]
    assert first.endswith("pivot more towards North Korea") and second.startswith("When Iranian foreign minister")


def test_ids_are_stable_and_content_based(seed, seed_path, tmp_path):
    again = list(iter_articles([seed_path]))
    assert [a.id for a in again] == [a.id for a in seed]
    main = seed[0]
    assert main.id == article_id(title=main.title, text=main.text, outlet=main.outlet)
    assert article_id(title=main.title, text=main.text + " ", outlet=main.outlet) == main.id  # whitespace
    assert article_id(title=main.title, text=main.text + " More.", outlet=main.outlet) != main.id
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_path.read_bytes())
    both = list(iter_articles([seed_path, copy]))
    assert [a.id for a in both] == [a.id for a in seed]  # two copies of one file: each article once


# ---------------------------------------------------------------------------------------------- page variants

PAGE = """logo
{title}

{title}

{head}

SEOUL — North Korea has sent roughly 6,700 containers of munitions to Russia, Seoul said on Monday.
South Korean Defence Minister Shin Won-sik speaks to reporters in Seoul (Cho Min-ho, Harbour Post)
Moscow and Pyongyang have both denied trading in weapons.

Blue background

Try Our AI Features

Summarise this article with Daily8 AI

Comments

Be the first to comment...

Most Read

Kyiv says Russian glide bombs killed three in Kharkiv
Kyiv says Russian glide bombs killed three in Kharkiv

Saltmarsh Review

time8 hours ago

  • Saltmarsh Review

Kyiv says Russian glide bombs killed three in Kharkiv

Three people were killed and at least 40 injured in Kharkiv, the regional governor said.

DOWNLOAD THE APP

app-storeplay-store"""


@pytest.mark.parametrize(
    ("head", "outlet", "published"),
    [
        ("Harbour Post27-02-2024", "Harbour Post", "2024-02-27"),
        ("Eastern Wire\n\nPublished 5 January 2024", "Eastern Wire", "2024-01-05"),
        ("Meridian Ledger\n\n29-03-2024", "Meridian Ledger", "2024-03-29"),
        ("Tidewater BulletinPublished 22 November 2024", "Tidewater Bulletin", "2024-11-22"),
        ("Lantern Gazette31-02-2024", "Lantern Gazette", None),  # an impossible date is no date
    ],
)
def test_page_date_line_variants(head, outlet, published):
    title = "Seoul says North Korea shipped containers to Russia"
    main, related = parse_page(PAGE.format(title=title, head=head), source="page.txt")
    assert (main.title, main.outlet, main.published) == (title, outlet, published)
    assert main.text.split("\n") == [
        "SEOUL — North Korea has sent roughly 6,700 containers of munitions to Russia, Seoul said on Monday.",
        "Moscow and Pyongyang have both denied trading in weapons.",
    ]
    assert main.captions == ("South Korean Defence Minister Shin Won-sik speaks to reporters in Seoul "
                             "(Cho Min-ho, Harbour Post)",)
    assert (related.title, related.outlet, related.published, related.author) == (
        "Kyiv says Russian glide bombs killed three in Kharkiv", "Saltmarsh Review", None, None)
    assert related.text == "Three people were killed and at least 40 injured in Kharkiv, the regional governor said."


def test_page_detected_from_content_not_extension(tmp_path):
    path = tmp_path / "scraped.dat"
    path.write_text(PAGE.format(title="A title", head="Harbour Post27-02-2024"), encoding="utf-8")
    items = list(iter_articles([path]))
    assert [a.fmt for a in items] == ["page", "page"]


# ---------------------------------------------------------------------------------------------- records


def test_jsonl_bad_line_is_reported_and_others_load(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "One", "source": "Reuters", "published": "2025-05-30T10:00:00Z",
                    "url": "https://x.test/1", "text": "Kim met Putin.", "lang": "en", "meta": {"k": 1}}),
        '{"id": "a2", "title": "Broken", "text": "oops"',
        json.dumps({"id": "a3", "headline": "Three", "body": "Russia vetoed it.", "date": "31-02-2025"}),
        "",
        json.dumps({"id": "a4", "title": "No text"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    arts, errs = _articles(items), _errors(items)
    assert [a.id for a in arts] == ["a1", "a3"]
    one, three = arts
    assert (one.outlet, one.published, one.url, one.line, one.fmt) == (
        "Reuters", "2025-05-30", "https://x.test/1", 1, "jsonl")
    assert (three.title, three.text, three.published, three.line) == ("Three", "Russia vetoed it.", None, 3)
    assert [(e.line, e.reason.split(" (")[0].split(":")[0]) for e in errs] == [
        (2, "invalid JSON"), (5, "record has no text")]
    assert str(errs[0]).startswith(f"{path}:2: invalid JSON")


def test_gzipped_jsonl_detected_by_magic_bytes(tmp_path):
    path = tmp_path / "batch.data"  # no telling extension
    rows = [{"title": f"T{i}", "text": f"Story number {i}."} for i in range(3)]
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode("utf-8")))
    arts = list(iter_articles([path]))
    assert [(a.title, a.fmt, a.line) for a in arts] == [("T0", "jsonl", 1), ("T1", "jsonl", 2), ("T2", "jsonl", 3)]


def test_json_array_and_single_object():
    data = [{"headline": "H1", "content": "Pyongyang sent shells.", "publisher": "Wire", "byline": "A. Writer",
             "link": "https://x.test/a", "pubdate": "May 29, 2025"}, {"title": "empty", "text": "  "}]
    items = read_bytes(json.dumps(data).encode("utf-8"), name="upload.json")
    art, err = items
    assert (art.title, art.text, art.outlet, art.author, art.url, art.published, art.line, art.fmt) == (
        "H1", "Pyongyang sent shells.", "Wire", "A. Writer", "https://x.test/a", "2025-05-29", 1, "json")
    assert isinstance(err, IngestError) and err.line == 2 and err.path == "upload.json"
    (single,) = read_bytes(b'{"title": "S", "article": "Seoul said so."}', name="one.json")
    assert (single.title, single.text, single.line) == ("S", "Seoul said so.", None)


def test_csv_semicolon_quoted_newline_and_bom():
    csv_text = ('headline;body;date;site\n'
                '"Talks in Beijing";"Kim met Putin.\nThey talked for hours.";2025-09-03;Kestrel News\n'
                '"Veto";"Russia vetoed the panel; China abstained.";29/03/2024;Meridian Ledger\n')
    items = read_bytes(b"\xef\xbb\xbf" + csv_text.encode("utf-8"), name="sheet.txt")
    first, second = items
    assert (first.title, first.text, first.published, first.outlet, first.fmt) == (
        "Talks in Beijing", "Kim met Putin.\nThey talked for hours.", "2025-09-03", "Kestrel News", "csv")
    assert (second.text, second.published, second.line) == (
        "Russia vetoed the panel; China abstained.", "2024-03-29", 4)
    assert first.line == 2


def test_csv_without_text_column_is_one_error(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (err,) = list(iter_articles([path]))
    assert isinstance(err, IngestError) and "no text column" in err.reason


# ---------------------------------------------------------------------------------------------- html and text

HTML = """<!DOCTYPE html><html><head><title>Seoul says troops sent | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2024-10-19T08:00:00Z">
<script>var tracker = "SECRET_TRACKER"; window.ads = [];</script>
<style>.x { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Seoul says North Korea has begun sending troops</h1>
<p>North Korea has started sending thousands of soldiers to Russia to support its war against Ukraine,
South Korea's spy agency said on Friday.</p>
<iframe src="https://ads.test/frame">IFRAME_TEXT</iframe>
<p>About 1,500 special forces troops were ferried to Vladivostok between October 8 and 13, the agency said.</p>
<script>document.write("INLINE_SCRIPT")</script>
<p>The Kremlin dismissed the reports as unfounded, and Pyongyang made no comment on the matter.</p>
</article><footer>Copyright Harbour Post. All rights reserved.</footer></body></html>"""


def test_html_yields_clean_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (art,) = list(iter_articles([path]))
    assert art.fmt == "html" and art.published == "2024-10-19" and art.outlet == "Harbour Post"
    assert "Seoul says" in art.title
    assert "About 1,500 special forces troops were ferried to Vladivostok" in art.text
    assert "Pyongyang made no comment" in art.text
    for junk in ("SECRET_TRACKER", "INLINE_SCRIPT", "IFRAME_TEXT", "<", "color: red", "All rights reserved"):
        assert junk not in art.text


def test_plain_text_title_and_hard_wrapped_paragraphs(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(
        "SOVIET NEGOTIATOR REPORTS ARMS TALKS BREAKTHROUGH\n"
        "Chief Soviet arms negotiator Yuli Vorontsov said Soviet-American\n"
        "talks on cutting medium-range nuclear missiles had made a\n"
        "breakthrough.\n"
        "    Vorontsov said he expected a treaty would be ready for signing\n"
        "within three to four months following the latest talks in Geneva.\r\n"
        " REUTER\n", encoding="utf-8")
    (art,) = list(iter_articles([path]))
    assert (art.title, art.fmt, art.published, art.line) == (
        "SOVIET NEGOTIATOR REPORTS ARMS TALKS BREAKTHROUGH", "text", None, None)
    assert art.text.split("\n") == [
        "Chief Soviet arms negotiator Yuli Vorontsov said Soviet-American talks on cutting medium-range "
        "nuclear missiles had made a breakthrough.",
        "Vorontsov said he expected a treaty would be ready for signing within three to four months "
        "following the latest talks in Geneva.",
    ]


def test_plain_text_keeps_unicode_and_curly_quotes():
    raw = "Kim’s visit\r\n\r\nHe said “we stand with Russia”.   \r\nCafe\u0301 talks followed.\n"
    (art,) = read_bytes(raw.encode("utf-8"), name="note.txt")
    assert art.title == "Kim’s visit"
    assert art.text == "He said “we stand with Russia”.\nCafé talks followed."  # NFC: e + ◌́ → é


def test_prose_that_looks_like_csv_or_json_stays_text():
    (csvish,) = read_bytes(b"Text, images and video\nThe archive holds text, images and video.", name="a.txt")
    assert (csvish.fmt, csvish.title) == ("text", "Text, images and video")
    (braces,) = read_bytes(b"{Breaking} Kim arrives\nKim arrived in Moscow.", name="b.txt")
    assert (braces.fmt, braces.title, braces.text) == ("text", "{Breaking} Kim arrives", "Kim arrived in Moscow.")


def test_first_line_sentence_is_not_a_title():
    (art,) = read_bytes(b"Kim met Putin on Tuesday.\nThey signed a treaty.", name="x.txt")
    assert art.title == "" and art.text == "Kim met Putin on Tuesday.\nThey signed a treaty."


# ---------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (png image), not text"),
        (b"PK\x03\x04" + b"x" * 50, "binary file (zip archive), not text"),
        (b"abc\x00def\x00" * 20, "binary file (nul bytes), not text"),
        (bytes(range(0x80, 0x100)) * 8, "unreadable encoding"),
        (b"\x1f\x8b\x08\x00garbage", "broken gzip file"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (err,) = list(iter_articles([path]))
    assert isinstance(err, IngestError) and err.path == str(path) and err.reason.startswith(reason)
    assert err.reason == err.reason.lower() or "(" in err.reason


def test_missing_file_and_batch_goes_on(tmp_path, seed_path):
    items = list(iter_articles([tmp_path / "nope.txt", seed_path]))
    assert isinstance(items[0], IngestError) and items[0].reason == "no such file"
    assert len(_articles(items)) == 2


def test_too_large_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    (err,) = list(iter_articles([path]))
    assert err.reason == "file too large (51 MB > 50 MB limit)"


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252", "utf-8-sig"])
def test_encodings(encoding):
    text = "Café talks in Zürich\n\nThe minister’s aide said “non” to the deal." if encoding == "cp1252" else \
        "Café talks in Zürich\n\nThe minister said non to the deal, according to Señor García."
    (art,) = read_bytes(text.encode(encoding), name="enc.txt")
    assert art.title == "Café talks in Zürich"
    assert art.text == text.split("\n\n")[1]


def test_broken_bytes_inside_utf8_are_replaced_and_article_kept():
    data = "Kim’s train reached Vladivostok on Tuesday.\n".encode() * 5 + b"Bad \xff byte here.\n"
    (art,) = read_bytes(b"Title line\n" + data, name="mixed.txt")
    assert "Bad \ufffd byte here." in art.text and "Kim’s train" in art.text


# ---------------------------------------------------------------------------------------------- folders


def test_folder_walk_sorted_recursive_hidden_skipped_symlink_loop(tmp_path, seed_path):
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("Hidden\n\nShould not be read.", encoding="utf-8")
    (root / ".notes.txt").write_text("Hidden\n\nShould not be read either.", encoding="utf-8")
    (root / "a.txt").write_text("Alpha\n\nFirst story text.", encoding="utf-8")
    (root / "b" / "deep" / "c.jsonl").write_text('{"title": "Gamma", "text": "Third story."}\n', encoding="utf-8")
    (root / "b" / "seed.txt").write_bytes(seed_path.read_bytes())
    (root / "b" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "b" / "._seed.txt").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    os.symlink(root, root / "b" / "deep" / "loop")  # walking into it would never end
    items = list(iter_articles([root]))
    notices = [(os.path.relpath(e.path, root), e.reason) for e in items if isinstance(e, IngestNotice)]
    # each hidden entry said once (the .git folder, not its files), none counted as a failure
    assert notices == [(".git", "hidden folder, skipped"),
                       (".notes.txt", "hidden file, skipped (its name starts with a dot)"),
                       ("b/.DS_Store", "hidden file, skipped (macOS folder settings)"),
                       ("b/._seed.txt", "hidden file, skipped (macOS metadata for seed.txt)")]
    assert not [e for e in _errors(items) if not isinstance(e, IngestNotice)]
    assert [(os.path.relpath(a.source, root), a.title[:5]) for a in items if isinstance(a, Article)] == [
        ("a.txt", "Alpha"), ("b/deep/c.jsonl", "Gamma"), ("b/seed.txt", "US an"), ("b/seed.txt", "Luke ")]
    # a hidden file named on the command line is what the analyst asked for: it is read
    assert [a.title for a in iter_articles([root / ".notes.txt"])] == ["Hidden"]


def test_upload_bytes_match_file_ingest(seed, seed_path):
    uploaded = read_bytes(seed_path.read_bytes(), name="seed upload.txt")
    assert [a.id for a in uploaded] == [a.id for a in seed]
    assert {a.source for a in uploaded} == {"seed upload.txt"}


# ---------------------------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2025-05-30T10:00:00Z", "2025-05-30"), ("30-05-2025", "2025-05-30"), ("31-02-2025", None),
     ("Published 5 January 2024", "2024-01-05"), ("Thu, 29 May 2025 10:00:00 GMT", "2025-05-29"),
     ("05/30/2025", "2025-05-30"), ("2025", None), ("yesterday", None), (None, None), (20250530, None)],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    ("line", "caption"),
    [("North Korean leader Kim Jong Un at a meeting (KCNA/Ridgeway Chronicle)", True),
     ("US Secretary of State Antony Blinken in London (Pool photo via Cobalt Standard)", True),
     ("The talks ended at noon (local time)", False),
     ("Oil producers met in Vienna (OPEC)", False),
     ("BANKERS ACCEPTANCES (BANKS BID/ASK)", False),
     ("Kim said the treaty was signed (KCNA, AP).", False)],
)
def test_caption_detection_is_conservative(line, caption):
    assert is_caption(line) is caption


def test_one_wire_story_in_two_outlets_stays_two_articles(tmp_path):
    """Syndication counts such copies once but must keep every outlet, so ingest keeps both."""
    rows = [
        {"title": "Seoul says North Korea sent shells", "text": "North Korea sent shells to Russia.",
         "source": outlet, "published": "2024-02-27"}
        for outlet in ("Harbour Post", "Eastern Wire", "Harbour Post")
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts = [a for a in iter_articles([path]) if isinstance(a, Article)]
    assert sorted(a.outlet for a in arts) == ["Eastern Wire", "Harbour Post"]
    assert len({a.id for a in arts}) == 2
