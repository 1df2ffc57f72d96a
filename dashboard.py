"""Dossier dashboard: ``streamlit run dashboard.py``. Navigation only; every page lives in pages/.

The store directory comes from ``$DOSSIER_STORE`` (see lib/settings.py); an empty store is filled
from seeds/ on first open.
"""

from pathlib import Path

import streamlit as st

from lib import ui

ICON = (
    Path(__file__).parent / "assets" / "favicon.png"
)  # a local file: a material icon is fetched from Google
st.set_page_config(page_title="Dossier", page_icon=str(ICON), layout="wide")
st.logo(str(ICON), size="large")
ui.apply_theme()

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/quantities.py", title="Quantities", icon=":material/monitoring:", url_path="quantities"),
    st.Page("pages/claims.py", title="Claims", icon=":material/balance:", url_path="claims"),
    st.Page(ui.ARTICLES_PAGE, title="Articles", icon=":material/article:", url_path=ui.ARTICLES_URL),
    st.Page("pages/corrections.py", title="Corrections", icon=":material/rule:", url_path="corrections"),
]

ui.enter_app_shell()
nav = st.navigation(PAGES)
ui.ensure_data()
nav.run()
