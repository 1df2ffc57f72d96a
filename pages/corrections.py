"""Corrections: every analyst correction (reject, fix, merge, undo), newest first, and undo.

Corrections live in the store's ``corrections.jsonl``, apart from the machine output; they are made
under each evidence table and each fact table of the Articles page ("Correct a fact") and applied
wherever facts are read.
"""

import streamlit as st

from lib import ui, ui_export

ui.require_app_shell()
st.title("Corrections")
st.caption(
    "What analysts changed, and why. Rejected facts are hidden from every view and export; fixed "
    "facts show their corrected values with status “corrected”; merged actors count as one. "
    "Undo restores the machine output (both lines stay in the log)."
)

log = ui_export.correction_log()
if log.empty:
    st.info("No corrections yet. Use “Correct a fact” under any evidence table or on the Articles page.")
    st.stop()
st.dataframe(
    log,
    key="corrections_log",
    hide_index=True,
    width="stretch",
    column_config={
        "in_force": st.column_config.CheckboxColumn("in force"),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
    },
)
st.subheader("Undo a correction")
ui_export.undo_form(log)
