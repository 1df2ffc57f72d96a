"""Article text with its extracted facts highlighted, as safe HTML; and text made safe for Markdown.

Article text, titles and outlet names are untrusted. Every piece of text is ``html.escape``-d
*before* it is wrapped in our own tags, so markup in an article shows as literal characters.

>>> highlight_html("Russia & <b>Iran</b>", [Mark(0, 6, "actor", "RUS")])
'<mark class="dx-actor" title="RUS">Russia</mark> &amp; &lt;b&gt;Iran&lt;/b&gt;'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# Kind → (background, underline, legend words). Underlines differ too, so a greyscale print still reads.
KIND_STYLE = {
    "actor": ("#dbeafe", "2px solid #1d4ed8", "actor"),
    "quantity": ("#fde68a", "2px dashed #b45309", "quantity"),
    "date": ("#d1fae5", "2px dotted #047857", "date / event"),
    "relation": ("#fce7f3", "2px double #be185d", "relation trigger"),
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@dataclass(frozen=True)
class Mark:
    """One highlighted span ``[start, end)`` of the article text; ``note`` becomes its tooltip."""

    start: int
    end: int
    kind: str
    note: str = ""


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as escaped HTML with ``<mark>`` tags around the spans.

    Marks outside the text or empty are ignored; where marks overlap, the earlier (then longer) one
    wins and the other is left unhighlighted (it still appears in the facts table).
    """
    out, pos = [], 0
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < pos or m.end <= m.start or m.end > len(text) or m.kind not in KIND_STYLE:
            continue
        out.append(html.escape(text[pos : m.start]))
        out.append(
            f'<mark class="dx-{m.kind}" title="{html.escape(m.note, quote=True)}">'
            f"{html.escape(text[m.start : m.end])}</mark>"
        )
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def article_html(text: str, marks: Iterable[Mark]) -> str:
    """A styled block (legend + paragraphs) ready for ``st.html``; paragraphs split on blank lines."""
    css = "".join(
        f".dx-{k}{{background:{bg};border-bottom:{ul};padding:0 2px;border-radius:2px}}"
        for k, (bg, ul, _) in KIND_STYLE.items()
    )
    legend = " ".join(f'<mark class="dx-{k}">{words}</mark>' for k, (_, _, words) in KIND_STYLE.items())
    body = highlight_html(text, marks).replace("\n\n", "</p><p>").replace("\n", "<br>")
    return (
        f"<style>{css}.dx-text p{{line-height:1.65;margin:0 0 .8em}}"
        f".dx-legend{{font-size:.85em;color:#52606d;margin-bottom:.6em}}</style>"
        f'<div class="dx-legend">Highlighted: {legend}</div><div class="dx-text"><p>{body}</p></div>'
    )


def marks_from_facts(
    actors: pd.DataFrame, quantities: pd.DataFrame, events: pd.DataFrame, relations: pd.DataFrame
) -> list[Mark]:
    """Marks for one article's facts: actor mentions, quantity phrases, date expressions, triggers."""
    marks: list[Mark] = []
    for kind, df, note in (
        ("actor", actors, lambda r: f"{r.actor} · {r.kind}"),
        ("quantity", quantities, lambda r: f"{r.qualifier} · {r.category} · {r.unit or ''}"),
        (
            "date",
            events,
            lambda r: f"{r.date} ({r.precision})" + (f" → {r.date_end}" if pd.notna(r.date_end) else ""),
        ),
        ("relation", relations, lambda r: f"{r.source} → {r.action} → {r.target}"),
    ):
        if df is None or df.empty:
            continue
        for row in df.itertuples(index=False):
            marks.append(Mark(int(row.start), int(row.end), kind, note(row)))
    return marks


def md_escape(text: object) -> str:
    """Backslash-escape Markdown so untrusted text shows literally in ``st.caption``/``st.markdown``.

    >>> md_escape("**b** [x](y)") == r"\\*\\*b\\*\\* \\[x\\]\\(y\\)"
    True
    """
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
