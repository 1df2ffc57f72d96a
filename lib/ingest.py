"""Ingest: files and folders in, :class:`~lib.records.Article` records (or one clear error each) out.

Formats are detected from the content, never from the extension alone:

- ``page``: scraped aggregator pages (see :mod:`lib.pages_parser`): main article + related blocks;
- ``html``: web pages, cleaned with trafilatura (text, title, date, site name, url, author);
- ``jsonl`` (also gzipped), ``json`` (an object or an array of objects), ``csv`` (any common
  delimiter, quoted newlines): one article per record, fields found by alias (``body`` for ``text``,
  ``headline`` for ``title``, ...);
- ``text``: anything else; the first line is the title when it looks like one.

Policy for bad input (one for all formats): a file that cannot be read yields one
:class:`~lib.records.IngestError` naming it and the reason; a bad record of a JSON Lines, JSON or CSV
file yields an error naming its line and the other records still load. Nothing raises.
Decoding: UTF-8 (BOM or not), UTF-16 with BOM, then cp1252/latin-1 only when that reads as text.
Invalid bytes inside an otherwise UTF-8 file become U+FFFD and the article is kept, silently:
one bad byte should not cost an analyst the article.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from lib.pages_parser import article_id, is_page, normalise_date, parse_page, split_captions
from lib.records import Article, IngestError, IngestNotice

__all__ = ["iter_articles", "read_bytes", "read_upload", "parse_page", "article_id", "normalise_date",
           "MAX_BYTES", "UPLOAD_TYPES"]

MAX_BYTES = 50 * 1024 * 1024  # a file of exactly 50 MB is read; one byte more is refused unread
UPLOAD_TYPES: tuple[str, ...] = ("txt", "html", "htm", "json", "jsonl", "ndjson", "csv", "tsv", "gz")

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "articlebody", "maintext"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "pubdate", "datetime", "date_publish"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "source_name"),
    "url": ("url", "link"),
    "author": ("author", "byline", "authors"),
    "id": ("id",),
}

_MAGIC = (
    (b"\x89PNG", "png image"), (b"\xff\xd8\xff", "jpeg image"), (b"GIF8", "gif image"),
    (b"%PDF", "pdf document"), (b"PK\x03\x04", "zip archive"), (b"\x7fELF", "executable"),
    (b"PAR1", "parquet file"), (b"SQLite format 3", "sqlite database"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7z archive"), (b"OggS", "audio"), (b"ID3", "audio"),
)
# '{"' or '[' + a JSON value: JSON, however broken; "{Breaking} Kim arrives" and "[Update] ..." are prose.
_JSON_START = re.compile(r'\s*(?:\{\s*"|\[\s*(?:[\[{"\d-]|true\b|false\b|null\b|\]))')
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article"
                         r"|div|p|meta|title|section)\b", re.I | re.S)


# ----------------------------------------------------------------------------------------------
# Public API


def iter_articles(paths: Iterable[str | os.PathLike]) -> Iterator[Article | IngestError]:
    """Walk files and folders, yield an Article per article found or an IngestError per bad input.

    Folders are walked recursively in sorted order; a hidden file or folder (``.notes.txt``,
    ``.git``, macOS ``.DS_Store`` and ``._*``) is not read and yields one IngestNotice ("hidden
    file, skipped"), a folder's contents not listed; a symlink loop is entered once (visited real
    paths are tracked). ``source`` is the file path as given. The same article (same id) met twice
    is yielded once.

    >>> [a.title for a in iter_articles(["seeds"]) if isinstance(a, Article)][0]
    'US and allies accuse North Korea and Russia of violating UN sanctions'
    """
    seen: dict[str, Article] = {}
    for path in _walk(paths):
        if isinstance(path, IngestNotice):
            yield path
        else:
            yield from _dedup(_read_path(path), seen)


def read_bytes(data: bytes, *, name: str) -> list[Article | IngestError]:
    """Articles (or errors) from one in-memory file; ``name`` labels them and is never opened.

    >>> [a.title for a in read_bytes(b"Kim meets Putin\\n\\nThey met on Tuesday.", name="up.txt")]
    ['Kim meets Putin']
    """
    if len(data) > MAX_BYTES:
        return [IngestError(name, _too_large(len(data), MAX_BYTES))]
    return list(_dedup(_parse_bytes(data, name=name), {}))


def read_upload(data: bytes, *, name: str, limit: int = MAX_BYTES) -> list[Article | IngestError]:
    """:func:`read_bytes` for a browser upload: also refuses a type outside :data:`UPLOAD_TYPES` and a
    file over ``limit`` bytes, whatever the upload widget let through. ``name`` is a label only.

    >>> read_upload(b"MZ...", name="tool.exe")[0].reason
    'file type not accepted (.exe); expected one of .txt, .html, .htm, .json, .jsonl, .ndjson, .csv, .tsv, .gz'
    """
    suffix = name.lower().rpartition(".")[2] if "." in name else ""
    if suffix not in UPLOAD_TYPES:
        accepted = ", ".join(f".{t}" for t in UPLOAD_TYPES)
        return [IngestError(name, f"file type not accepted ({'.' + suffix if suffix else 'no extension'}); "
                                  f"expected one of {accepted}")]
    if len(data) > limit:
        return [IngestError(name, _too_large(len(data), limit))]
    return read_bytes(data, name=name)


def _too_large(size: int, limit: int) -> str:
    """"file too large (51 MB > 50 MB limit)"; exact bytes when the MB figures would read equal."""
    mb, cap = size / 2**20, limit / 2**20
    if f"{mb:.0f}" == f"{cap:.0f}":
        return f"file too large ({size} bytes > {limit} bytes = {cap:.0f} MB limit)"
    return f"file too large ({mb:.0f} MB > {cap:.0f} MB limit)"


# ----------------------------------------------------------------------------------------------
# Files and folders


def _walk(paths: Iterable[str | os.PathLike]) -> Iterator[str | IngestNotice]:
    """File paths (as strings built from the given ones), folders expanded, each real file once; a
    notice for each hidden entry of a walked folder (a hidden path given by name is read)."""
    visited: set[str] = set()
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            yield from _walk_dir(path, visited)
        else:
            real = os.path.realpath(path)
            if real not in visited:
                visited.add(real)
                yield path


def _walk_dir(folder: str, visited: set[str]) -> Iterator[str | IngestNotice]:
    real = os.path.realpath(folder)
    if real in visited:  # a symlink loop, or the same folder given twice
        return
    visited.add(real)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        yield folder  # reported by _read_path as unreadable
        return
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith("."):
            yield IngestNotice(path, _hidden_reason(path, name))
            continue
        if os.path.isdir(path):
            yield from _walk_dir(path, visited)
        elif (r := os.path.realpath(path)) not in visited:
            visited.add(r)
            yield path


def _hidden_reason(path: str, name: str) -> str:
    """Why a hidden entry was skipped, naming what it usually is so an analyst can tell junk from a
    note they meant to include (rename it without the dot to have it read)."""
    if os.path.isdir(path):
        return "hidden folder, skipped"
    if name == ".DS_Store":
        return "hidden file, skipped (macOS folder settings)"
    if name.startswith("._"):
        return f"hidden file, skipped (macOS metadata for {name[2:]})"
    return "hidden file, skipped (its name starts with a dot)"


def _read_path(path: str) -> Iterator[Article | IngestError]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            yield IngestError(path, "not a regular file")
            return
        if info.st_size > MAX_BYTES:
            yield IngestError(path, _too_large(info.st_size, MAX_BYTES))
            return
        data = Path(path).read_bytes()
    except FileNotFoundError:
        yield IngestError(path, "no such file")
        return
    except OSError as e:
        yield IngestError(path, f"cannot read file ({e.strerror or e})".lower())
        return
    yield from _parse_bytes(data, name=path)


def _dedup(items: Iterable[Article | IngestError], seen: dict[str, Article]) -> Iterator[Article | IngestError]:
    """Each id once: a repeat of the same article is dropped (it is the same article); a *different*
    article reusing an id (two CSV exports both numbering rows 1, 2, 3) is reported, never dropped
    silently and never allowed to replace the first."""
    for item in items:
        if isinstance(item, Article):
            first = seen.get(item.id)
            if first is not None:
                if not same_content(first, item):
                    where = first.source + (f" line {first.line}" if first.line else "")
                    yield IngestError(item.source, f"id {item.id!r} already used by a different article "
                                                   f"({where}); this one skipped", item.line)
                continue
            seen[item.id] = item
        yield item


def same_content(a: Article, b: Article) -> bool:
    """True when two articles carry the same title and text (up to whitespace and case)."""
    return article_id(title=a.title, text=a.text, outlet=a.outlet) == article_id(
        title=b.title, text=b.text, outlet=b.outlet)


# ----------------------------------------------------------------------------------------------
# Bytes → text


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        out = f.read(MAX_BYTES + 1)
    if len(out) > MAX_BYTES:
        raise ValueError("file too large (over 50 MB once decompressed)")
    return out


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return "nul bytes" if b"\x00" in data[:65536] else None


def decode(data: bytes) -> str:
    """Text of a file's bytes (see the module docstring for the order tried).

    Raises ValueError with a human reason ("binary file (png image), not text", "unreadable encoding").

    >>> decode("café".encode("utf-16")), decode("café".encode("latin-1")), decode(b"\\xef\\xbb\\xbfhi")
    ('café', 'café', 'hi')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("unreadable encoding (broken utf-16)") from None
    if utf16 := _bomless_utf16(data):
        return utf16
    if kind := _binary_kind(data):
        raise ValueError(f"binary file ({kind}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and bad <= max(3, len(text) // 100):
        return text  # UTF-8 with a few broken bytes: keep the article
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text
    raise ValueError("unreadable encoding (not utf-8, utf-16 or latin-1 text)")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.9 * half and other == 0:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _reads_as_text(text: str) -> bool:
    """Most characters of Western-language text are printable ASCII; C1 controls mean it is not text."""
    if not text:
        return False
    plain = sum(1 for ch in text if ch.isascii() and (ch.isprintable() or ch in "\n\r\t"))
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    return plain >= 0.6 * len(text) and controls <= len(text) // 200


def normalise_text(text: str) -> str:
    """NFC, newlines as "\\n", no trailing spaces, no-break spaces as spaces; quotes untouched.

    >>> normalise_text("a\\u00a0b  \\r\\n“c”\\r")
    'a b\\n“c”\\n'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "").replace("\u200b", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


# ----------------------------------------------------------------------------------------------
# Format detection and dispatch


def _parse_bytes(data: bytes, *, name: str) -> list[Article | IngestError]:
    zipped = data.startswith(b"\x1f\x8b")
    try:
        if zipped:
            data = _gunzip(data)
        text = normalise_text(decode(data))
    except (OSError, EOFError, gzip.BadGzipFile):
        return [IngestError(name, "broken gzip file")]
    except ValueError as e:
        return [IngestError(name, str(e))]
    if not text.strip():
        return [IngestError(name, "empty file")]
    try:
        return _dispatch(text, name=name)
    except Exception as e:  # noqa: BLE001 - one bad file must never stop the batch
        return [IngestError(name, f"could not parse ({type(e).__name__}: {e})")]


def detect_format(text: str, *, name: str = "") -> str:
    """The format of a decoded file: page, html, json, jsonl, csv or text.

    >>> detect_format('{"text": "a"}\\n{"text": "b"}'), detect_format("title;body\\nT;B", name="x.csv")
    ('jsonl', 'csv')
    """
    head = text.lstrip()[:2]
    lower = name.lower().removesuffix(".gz")
    if head[:1] in "[{" and head:
        try:
            json.loads(text)
            return "jsonl" if lower.endswith((".jsonl", ".ndjson")) else "json"
        except RecursionError:
            return "json"  # nested too deeply to read: reported by _from_json
        except json.JSONDecodeError:
            if head[:1] == "{" and _some_json_line(text):
                return "jsonl"
            if _JSON_START.match(text):
                return "json"  # broken JSON (truncated download): reported as such, not read as prose
    if _HTML_START.match(text[:4096]):
        return "html"
    if is_page(text):
        return "page"
    if lower.endswith((".csv", ".tsv")) or _csv_header(text) is not None:
        return "csv"
    return "text"


def _some_json_line(text: str) -> bool:
    """True when one of the first lines is a JSON object ("{Breaking} Kim met Putin" is not JSONL)."""
    for line in [ln for ln in text.split("\n") if ln.strip()][:20]:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except json.JSONDecodeError:
            continue
    return False


def _dispatch(text: str, *, name: str) -> list[Article | IngestError]:
    fmt = detect_format(text, name=name)
    if fmt == "page":
        return parse_page(text, source=name) or [IngestError(name, "aggregator page without article text")]
    if fmt == "html":
        return _from_html(text, name=name)
    if fmt == "json":
        return _from_json(text, name=name)
    if fmt == "jsonl":
        return _from_jsonl(text, name=name)
    if fmt == "csv":
        return _from_csv(text, name=name)
    return _from_text(text, name=name)


# ----------------------------------------------------------------------------------------------
# Plain text and records


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines, hard-wrapped text (newswire style, ~70 columns) rejoined into paragraphs.

    A hard wrap is a line break inside a paragraph; paragraphs are separated by a blank line or
    an indented line. Joining them keeps sentences intact for the sentence splitter.
    """
    lines = text.split("\n")
    filled = [ln for ln in lines if ln.strip()]
    open_ended = sum(not ln.rstrip().endswith((".", "!", "?", '"', "”", ":", ")")) for ln in filled)
    wrapped = len(filled) >= 4 and max(len(ln) for ln in filled) <= 90 and (
        sum(len(ln) >= 50 for ln in filled) >= 0.5 * len(filled)) and open_ended >= 0.4 * len(filled)
    if not wrapped:
        return [ln.strip() for ln in filled]
    paras: list[list[str]] = []
    for ln in lines:
        starts = not ln.strip() or ln[:1].isspace() or not paras or not paras[-1] or re.search(r"\S {3,}\S", ln)
        if starts:
            paras.append([])
        if ln.strip():
            paras[-1].append(ln.strip())
    return [" ".join(p) for p in paras if p]


def _body(text: str) -> tuple[str, tuple[str, ...]]:
    body, captions = split_captions(_paragraphs(text))
    if body and body[-1].casefold() in ("reuter", "reuters"):
        body.pop()  # the newswire's sign-off line, not a sentence of the story
    return "\n".join(body), tuple(captions)


def _looks_like_title(line: str) -> bool:
    return len(line) < 200 and not line.rstrip().endswith((".", ",", ";", ":"))


def _from_text(text: str, *, name: str) -> list[Article | IngestError]:
    lines = text.strip().split("\n")
    first = lines[0].strip()
    title, rest = (first, "\n".join(lines[1:])) if _looks_like_title(first) else ("", text)
    body, captions = _body(rest)
    if not body:
        return [IngestError(name, "no article text (only a title line)")]
    return [Article(id=article_id(title=title, text=body), title=title, text=body, source=name,
                    fmt="text", captions=captions)]


def _field(record: dict, key: str) -> object:
    for alias in ALIASES[key]:
        value = record.get(alias)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: object) -> str | None:
    if isinstance(value, list):  # e.g. authors: ["A", "B"]
        value = ", ".join(str(v) for v in value if v)
    if value is None or isinstance(value, (dict, bool)):
        return None
    value = normalise_text(str(value)).strip()
    return value or None


_JSON_TYPES = {str: "string", int: "number", float: "number", bool: "boolean", list: "array", type(None): "null"}


def record_article(record: dict, *, name: str, line: int | None, fmt: str) -> Article | IngestError:
    """One JSON/CSV record as an Article, or an IngestError naming its line.

    A record's own ``id`` is kept; otherwise the id is derived from title and text.

    >>> record_article({"headline": "T", "body": "Kim met Putin.", "date": "30-05-2025"}, name="f", line=2,
    ...                fmt="csv").published
    '2025-05-30'
    """
    if not isinstance(record, dict):
        return IngestError(name, f"record is a JSON {_JSON_TYPES.get(type(record), 'value')}, not an object",
                           line=line)
    record = {str(k).strip().lower(): v for k, v in record.items()}
    raw = _field(record, "text")
    if not isinstance(raw, str) or not raw.strip():
        return IngestError(name, "record has no text (expected a text, body or content field)", line=line)
    text, captions = _body(normalise_text(raw))
    title = _string(_field(record, "title")) or ""
    rid = _string(_field(record, "id"))
    outlet = _string(_field(record, "outlet"))
    return Article(
        id=rid or article_id(title=title, text=text, outlet=outlet), title=title, text=text,
        outlet=outlet, published=normalise_date(_field(record, "published")),
        url=_string(_field(record, "url")), author=_string(_field(record, "author")),
        source=name, line=line, fmt=fmt, captions=captions,
    )


def _from_jsonl(text: str, *, name: str) -> list[Article | IngestError]:
    out: list[Article | IngestError] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(IngestError(name, f"invalid JSON: {e.msg} (column {e.colno})", line=n))
            continue
        except RecursionError:
            out.append(IngestError(name, "invalid JSON: nested too deeply to read", line=n))
            continue
        out.append(record_article(record, name=name, line=n, fmt="jsonl"))
    return out


def _from_json(text: str, *, name: str) -> list[Article | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return [IngestError(name, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})", line=e.lineno)]
    except RecursionError:
        return [IngestError(name, "invalid JSON: nested too deeply to read")]
    if isinstance(data, dict) and _field({k.lower(): v for k, v in data.items()}, "text") is None:
        # {"articles": [...]}: the one list of objects inside a wrapper object
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            data = lists[0]
    if isinstance(data, dict):
        return [record_article(data, name=name, line=None, fmt="json")]
    if not isinstance(data, list):
        return [IngestError(name, "JSON is neither an object nor an array of objects")]
    if not data:
        return [IngestError(name, "empty JSON array")]
    out = [record_article(r, name=name, line=i, fmt="json") for i, r in enumerate(data, start=1)]
    reasons = {o.reason for o in out if isinstance(o, IngestError)}
    if len(out) > 1 and len(reasons) == 1 and all(isinstance(o, IngestError) for o in out):
        return [IngestError(name, f"no record is an article: {reasons.pop()} (all {len(out)} records)")]
    return out


def _csv_header(text: str) -> csv.Dialect | None:
    """The CSV dialect when the first row is a header naming a text column, else None."""
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return None
    header = next(csv.reader(io.StringIO(sample), dialect), [])
    names = {h.strip().lower() for h in header}
    known = names & {a for aliases in ALIASES.values() for a in aliases}
    # prose like "Text, images and video ..." is not a header: ask for two known column names
    return dialect if len(known) >= 2 and names & set(ALIASES["text"]) else None


def _from_csv(text: str, *, name: str) -> list[Article | IngestError]:
    dialect = _csv_header(text)
    if dialect is None:
        try:
            dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if not set(header) & set(ALIASES["text"]):
        return [IngestError(name, "CSV has no text column (expected text, body or content)", line=1)]
    out: list[Article | IngestError] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                out.append(record_article(dict(zip(header, row, strict=False)), name=name, line=start, fmt="csv"))
            start = reader.line_num + 1
    except csv.Error as e:
        out.append(IngestError(name, f"broken CSV ({e})".lower(), line=start))
    return out


# ----------------------------------------------------------------------------------------------
# HTML


_IFRAME = re.compile(r"<iframe\b.*?(?:</iframe\s*>|$)", re.I | re.S)


def _from_html(html: str, *, name: str) -> list[Article | IngestError]:
    import trafilatura  # heavy import, only for HTML

    # An iframe's inner text is a fallback for browsers without frames, never article text; trafilatura's
    # baseline extractor (used on short pages) would keep it.
    html = _IFRAME.sub(" ", html)
    # No extensive date search: it turns a bare "in 2024" in the text into 2024-01-01, an invented day.
    # Dates come from the page's metadata (meta tags, JSON-LD, <time>) or not at all.
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                        include_images=False, include_links=False,
                                        date_extraction_params={"extensive_search": False, "original_date": True})
    doc = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    raw = doc.get("text") or ""
    text, captions = _body(normalise_text(raw))
    if not text:
        return [IngestError(name, "no article text found in the HTML page")]
    title = _string(doc.get("title")) or ""
    outlet = _string(doc.get("sitename")) or _string(doc.get("hostname"))
    return [Article(
        id=article_id(title=title, text=text, outlet=outlet), title=title, text=text,
        outlet=outlet,
        published=normalise_date(doc.get("date")), url=_string(doc.get("url")),
        author=_string(doc.get("author")), source=name, fmt="html", captions=captions,
    )]
