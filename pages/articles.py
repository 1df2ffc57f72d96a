"""Articles: one article's text with every extracted fact highlighted, and its facts as tables.

Every "open article" link in the app lands here (``?article=<id>``). Article text, titles and
outlets are untrusted: they are escaped before any markup is added. Under each fact table, the same
"Correct a fact" form as under every evidence table: reject or fix a fact while reading it.
"""

import streamlit as st

from lib import ui, ui_articles, ui_export
from lib.highlight import article_html, md_escape

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header("Articles", f, "The source text with its extracted facts highlighted.")

arts = ui.filtered("articles", f)
article_id = ui_articles.article_picker(arts, f)
art = ui_articles.article(article_id) if article_id else None
if art is None:
    st.info("No article to show: the filters match none, or the link names an article not in the store.")
    st.stop()

st.markdown(f"### {md_escape(art['title'] or '(untitled)')}")
published = art.get("published") or "date unknown"
meta = [
    f"**Outlet:** {md_escape(art.get('outlet') or 'unknown')}",
    f"**Published:** {md_escape(published)}",
    f"**Source file:** {md_escape(art.get('source') or '–')}"
    + (f" line {art['line']}" if art.get("line") else ""),
]
if art.get("url"):
    meta.append(f"**URL:** {md_escape(art['url'])}")
st.caption(" · ".join(meta))

facts = ui_articles.article_facts(article_id)
text_col, facts_col = st.columns([3, 2], gap="large")
with text_col:
    st.html(article_html(art.get("text") or "", ui_articles.article_marks(facts)))
with facts_col:
    tabs = st.tabs([f"{kind.title()} ({len(df)})" for kind, df in facts.items()])
    for tab, (kind, df) in zip(tabs, facts.items(), strict=True):
        with tab:
            st.dataframe(df[[c for c in ui_articles.FACT_COLUMNS[kind] if c in df]], hide_index=True, width="stretch")
            ui_export.correction_panel(df, kind, key=f"article_{kind}")
