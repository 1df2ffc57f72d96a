"""Helpers of the Quantities chart (:func:`lib.figures_time.quantities_figure`) kept apart to keep
that module short: text for hover labels at the scale of an unfiltered 20,000-article store."""

from __future__ import annotations

import html
import math


def wrap(text: object, width: int = 80) -> str:
    """Untrusted text for a hover label, as :func:`lib.figure_style.hover_text` makes it (escaped, lines
    of at most ``width`` characters joined by ``<br>``) at a fifth of the cost: words are split on
    whitespace only, and a word longer than ``width`` keeps a line of its own instead of being cut.

    >>> wrap("<b>x</b> " + "word " * 3, width=10)
    '&lt;b&gt;x&lt;/b&gt;<br>word word<br>word'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = str(text)
    if len(text) <= width and text.isprintable():  # most labels: one line, nothing to split
        return html.escape(text.rstrip())
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(html.escape(x) for x in lines)
