"""Text helpers of ingest: scraped aggregator pages, photo captions, publication dates.

An aggregator page (like ``seeds/000_546d26bc95d3785b.txt``) holds one main article and 0–2
"Related Articles" / "Most Read" teasers, wrapped in site boilerplate::

    logo
    <title>            (twice)
    <outlet><date>     (glued, or on two lines; "30-05-2025" or "Published 5 January 2024")
    <body paragraphs, photo captions between them>
    <boilerplate: "Orange background", "Comments", ...>
    Related Articles
    <title> (twice) / <outlet> / time5 hours ago / "  • <outlet>" / <title>? / <teaser>
    <app-download footer>

:func:`parse_page` turns it into :class:`~lib.records.Article` records; :func:`split_captions`
and :func:`normalise_date` are shared with the other formats.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from lib.records import Article, stable_id

# ----------------------------------------------------------------------------------------------
# Dates

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", re.I)
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})", re.I)
_MONTH_DAY = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def _ymd(y: int | str, m: int | str, d: int | str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:  # 31-02-2025 and friends: an impossible date is no date
        return None


def normalise_date(value: object) -> str | None:
    """An ISO day ("YYYY-MM-DD") from a date as written, or None when it is not a real date.

    Numeric day/month orders are read day first (the pages' convention) unless only month first
    makes sense. Times and zones are dropped: the date is the day as written.

    >>> normalise_date("2025-05-30T10:00:00Z"), normalise_date("30-05-2025"), normalise_date("31-02-2025")
    ('2025-05-30', '2025-05-30', None)
    >>> normalise_date("Published 5 January 2024"), normalise_date("Thu, May 29, 2025 10:00")
    ('2024-01-05', '2025-05-29')
    """
    if not isinstance(value, str):
        return None
    s = _WEEKDAY.sub("", value.strip().removeprefix("Published").strip())
    if m := _ISO.fullmatch(s) or _ISO.match(s):
        return _ymd(*m.groups())
    if m := _NUMERIC_DMY.match(s):
        a, b, y = (int(g) for g in m.groups())
        return _ymd(y, a, b) if b > 12 >= a else _ymd(y, b, a)
    if m := _DAY_MONTH.match(s):
        return _ymd(m[3], _MONTHS[m[2].lower()], m[1])
    if m := _MONTH_DAY.match(s):
        return _ymd(m[3], _MONTHS[m[1].lower()], m[2])
    if re.fullmatch(r"\d{4}(-\d{2})?", s):
        return None  # a year or month is not a publication day; we do not pick one
    return _dateparser(s)


def _dateparser(s: str) -> str | None:
    """Last resort for the rarer spellings; strict, so nothing is filled in from today."""
    if not re.search(r"\d{4}", s) or len(s) > 64:
        return None
    import dateparser  # slow to import, so only when needed

    settings = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(s, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


# ----------------------------------------------------------------------------------------------
# Captions and credits

# A photo credit in parentheses at the very end of a line: "(AP/Jon Chol Jin)",
# "(Alexander Kazakov, Sputnik, Kremlin via AP)", "(Pool photo via Cobalt Standard)".
_CREDIT = re.compile(r"\s\(([^()]{2,90})\)$")
_CREDIT_WORDS = {
    "ap", "afp", "reuters", "getty", "epa", "pa", "xinhua", "yonhap", "kcna", "tass", "sputnik",
    "handout", "photo", "photos", "pool", "file", "images", "image", "via", "courtesy", "credit",
}
_LOWER_OK = {"via", "handout", "photo", "photos", "pool", "file", "of", "the", "and", "for", "de", "images"}


def _is_credit(credit: str) -> bool:
    words = re.findall(r"[\w'’.-]+", credit)
    if not words or any(w[0].islower() and w.lower() not in _LOWER_OK for w in words):
        return False  # "(local time)", "(about 90 miles)" are prose, not credits
    marked = "/" in credit or "," in credit or any(w.lower() in _CREDIT_WORDS for w in words)
    return marked and not re.search(r"\d{3,}", credit)


def is_caption(line: str) -> bool:
    """True for a photo caption: a lone line ending in a parenthesised photo credit.

    Conservative: the credit must look like one (names, "/", "via", an agency) and the line
    must read as a caption, not as a sentence that happens to end in brackets.

    >>> is_caption("Russian President Vladimir Putin (Alexander Kazakov, Sputnik, Kremlin via AP)")
    True
    >>> is_caption("Oil rose to 20 dlrs a barrel, traders said (Reuters).")
    False
    """
    line = line.strip()
    m = _CREDIT.search(line)
    if not m or len(line.split()) < 3 or not line[0].isupper():
        return False
    lead = line[: m.start()].rstrip()
    if not re.search(r"[a-z]", lead):
        return False  # ALL-CAPS wire headings and tables ("BANKERS ACCEPTANCES (BANKS BID/ASK)")
    return not lead.endswith((".", "!", "?", ":", ";", ",")) and _is_credit(m.group(1))


def split_captions(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body lines, caption lines): captions leave the body so their credits never become actors.

    >>> split_captions(["Kim met Putin.", "Kim and Putin (KCNA via AP)"])
    (['Kim met Putin.'], ['Kim and Putin (KCNA via AP)'])
    """
    body, captions = [], []
    for line in lines:
        (captions if is_caption(line) else body).append(line)
    return body, captions


_TEASER_CREDIT = re.compile(r"\s*(©\s?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})\s+(?=[A-Z\"'‘“])")
_CREDIT_TAIL = {"independent", "times", "post", "images", "news", "press", "wire", "media", "photo", "getty",
                "reuters", "ap", "afp", "pa", "telegraph", "guardian", "herald", "journal", "ltd"}


def split_teaser_credit(text: str, *, outlet: str | None = None) -> tuple[str, str | None]:
    """Unglue a "©UK Independent" image credit from a teaser: (text, credit or None).

    Only when cleanly separable: the credit's last word is a publisher word (or a word of the
    outlet) and the next sentence starts right after it. The standfirst before it becomes its own
    line. Otherwise the text is returned unchanged.

    >>> split_teaser_credit("Putin may pivot to North Korea ©UK Independent When Araghchi arrived, ...")
    ('Putin may pivot to North Korea\\nWhen Araghchi arrived, ...', '©UK Independent')
    """
    tails = _CREDIT_TAIL | {w.lower() for w in (outlet or "").split()}
    for m in _TEASER_CREDIT.finditer(text):
        words = m.group(1).lstrip("©").split()
        # the greedy match may have eaten the next sentence's first words: cut at the last tail word
        cut = max((i for i, w in enumerate(words) if w.lower().strip(".") in tails), default=None)
        if cut is None:
            continue
        credit = "©" + " ".join(words[: cut + 1])
        rest = " ".join(words[cut + 1 :] + [text[m.end() :]]).strip()
        head = text[: m.start()].rstrip()
        return (f"{head}\n{rest}" if head else rest), credit
    return text, None


# ----------------------------------------------------------------------------------------------
# Pages

_BOILERPLATE = re.compile(
    r"^(?:logo|\w+ background|try our ai features|comments|no comments yet\.*|be the first to comment\.*"
    r"|download the app|get started now:.*|ready to dive into .*|app-store\s*play-store"
    r"|.*\bdaily8\b.*|related articles|most read|advertisement|share|share this article)$",
    re.I,
)
_SECTION = re.compile(r"^(?:related articles|most read|more from .*|you may also like|read more)$", re.I)
_AGO = re.compile(r"^time\s*\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$", re.I)
_BULLET = re.compile(r"^[•·*-]\s*(.+)$")
_GLUED_DATE = re.compile(r"^(?P<outlet>.*?\S)\s*(?P<date>(?:Published\s+)?\d{1,2}-\d{1,2}-\d{4}"
                         r"|Published\s+\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}.*)$")
_DATE_ONLY = re.compile(r"^(?:Published\s+)?(?:\d{1,2}-\d{1,2}-\d{4}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}.*"
                        r"|\d{4}-\d{2}-\d{2}.*)$")
_AUTHOR = re.compile(r"^([A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,2}):\s+\S")
_NOT_NAMES = {
    "north", "south", "east", "west", "new", "united", "saudi", "hong", "sri", "costa", "el", "san", "live",
    "breaking", "watch", "exclusive", "analysis", "opinion", "explainer", "update", "updates", "news", "video",
    "korea", "kingdom", "states", "africa", "america", "zealand", "arabia", "union", "nations", "house",
    "white", "world", "war", "cup", "review", "editorial", "report", "first", "look",
}


def is_page(text: str) -> bool:
    """True when text has the aggregator page's head: ``logo``?, the title twice, outlet/date."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:6]
    if lines and lines[0].lower() == "logo":
        lines = lines[1:]
    if len(lines) < 4 or lines[0] != lines[1] or len(lines[0]) > 300:
        return False
    return bool(_GLUED_DATE.match(lines[2]) or _DATE_ONLY.match(lines[3]) or text.lstrip().startswith("logo"))


def author_from_title(title: str) -> str | None:
    """The columnist a title names ("Luke McGee: 'Axis ...'" → "Luke McGee"), else None.

    >>> author_from_title("Luke McGee: ‘Axis of Autocracies' may prove stronger")
    'Luke McGee'
    >>> author_from_title("North Korea: talks resume") is None
    True
    """
    m = _AUTHOR.match(title)
    if not m or any(w.lower().strip(".") in _NOT_NAMES for w in m.group(1).split()):
        return None
    return m.group(1)


def _head(lines: list[str]) -> tuple[str, str | None, str | None, int]:
    """(title, outlet, published, index of the first body line) from the page's head lines."""
    i = 1 if lines and lines[0].lower() == "logo" else 0
    title = lines[i]
    i += 2 if i + 1 < len(lines) and lines[i + 1] == title else 1
    if i >= len(lines):
        return title, None, None, i
    line = lines[i]
    if _DATE_ONLY.match(line):
        return title, None, normalise_date(line), i + 1
    if m := _GLUED_DATE.match(line):
        return title, m["outlet"], normalise_date(m["date"]), i + 1
    if i + 1 < len(lines) and _DATE_ONLY.match(lines[i + 1]):
        return title, line, normalise_date(lines[i + 1]), i + 2
    if len(line) < 60 and not line.endswith((".", "?", "!", '"', "”")):
        return title, line, None, i + 1  # an outlet line without a date
    return title, None, None, i


def _article(title: str, body: list[str], **meta) -> Article:
    text = "\n".join(body)
    return Article(id=article_id(title=title, text=text, outlet=meta.get("outlet")), title=title, text=text,
                   fmt="page", **meta)


def article_id(*, title: str, text: str, outlet: str | None = None) -> str:
    """Stable id of an article: the same title, text and outlet (up to whitespace and case) give the
    same id, so one article ingested twice is stored once, while the same wire story carried by two
    outlets stays two articles (syndication counts it once and lists both outlets).

    >>> article_id(title="A", text="b  c") == article_id(title="a", text="b c\\n")
    True
    >>> article_id(title="A", text="b", outlet="X") == article_id(title="A", text="b", outlet="Y")
    False
    """
    norm = [" ".join(s.split()).casefold() for s in (title, text)]
    if isinstance(outlet, str) and outlet.strip():
        norm.append(" ".join(outlet.split()).casefold())
    return stable_id("article", *norm)


def _related(lines: list[str], *, source: str) -> list[Article]:
    """One Article per teaser block; a block starts where a line is repeated on the next line."""
    starts = [i for i in range(len(lines) - 1) if lines[i] == lines[i + 1] and not _BOILERPLATE.match(lines[i])]
    out = []
    for n, start in enumerate(starts):
        title, block = lines[start], lines[start + 2 : starts[n + 1] if n + 1 < len(starts) else len(lines)]
        outlet, body = None, []
        for line in block:
            if _AGO.match(line) or _BOILERPLATE.match(line) or line == title:
                continue
            if m := _BULLET.match(line):
                outlet = outlet or m.group(1).strip()
            elif outlet is None and not body and len(line) < 60:
                outlet = line
            else:
                body.append(line)
        body, captions = split_captions(body)
        text, credit = split_teaser_credit("\n".join(body), outlet=outlet)
        if not text.strip():
            continue  # a bare link with no teaser text: nothing to analyse
        captions += [credit] if credit else []
        out.append(_article(title, text.split("\n"), outlet=outlet, published=None, source=source,
                            author=author_from_title(title), captions=tuple(captions)))
    return out


def parse_page(text: str, *, source: str) -> list[Article]:
    """A scraped aggregator page → [main article, one Article per related-article block].

    The main article gets the outlet and publication date of the page head; related blocks get
    their own outlet and title, an author when the title names one, and ``published=None`` (they
    only say "5 hours ago"). Boilerplate lines are dropped; photo captions go to ``captions``.
    Body paragraphs are joined with "\\n". A page with no body text gives [].

    >>> page = "logo\\nT\\n\\nT\\n\\nHarbour Post27-02-2024\\n\\nKim met Putin.\\n\\nComments"
    >>> [(a.title, a.outlet, a.published, a.text) for a in parse_page(page, source="p.txt")]
    [('T', 'Harbour Post', '2024-02-27', 'Kim met Putin.')]
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return []
    title, outlet, published, i = _head(lines)
    end = next((j for j in range(i, len(lines)) if _BOILERPLATE.match(lines[j])), len(lines))
    body, captions = split_captions([ln for ln in lines[i:end] if ln != title])
    out = []
    if body:
        out.append(_article(title, body, outlet=outlet, published=published, source=source,
                            author=author_from_title(title), captions=tuple(captions)))
    section = next((j for j in range(end, len(lines)) if _SECTION.match(lines[j])), None)
    if section is not None:
        out += _related(lines[section + 1 :], source=source)
    return out
