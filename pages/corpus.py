"""Corpus: add files to the store (with a progress bar), see what was rejected and why."""

import streamlit as st

import ui
from analysis.ingest import Progress, ingest_inputs
from analysis.sources.archive import iter_upload
from analysis.sources.base import ReadOptions

flt = ui.page_header("corpus")
limit_mb = st.get_option("server.maxUploadSize")

st.subheader(ui.t("upload"))
uploads = st.file_uploader(
    ui.t("upload"),
    accept_multiple_files=True,
    key="co_files",
    label_visibility="collapsed",
    type=["txt", "html", "htm", "csv", "tsv", "jsonl", "json", "parquet", "md", "zip"],
    help=ui.t("upload_help").format(limit_mb),
)
st.caption(ui.t("upload_help").format(limit_mb))
if st.button(ui.t("ingest"), type="primary", disabled=not uploads, key="co_ingest"):
    bar = st.progress(0.0, text=ui.t("ingesting"))
    inputs = [
        (name, content, ReadOptions())
        for f in uploads
        for name, content in iter_upload(f.name, f.getvalue())
    ]

    def show_progress(progress: Progress) -> None:
        bar.progress(min(1.0, progress.files / len(inputs)), text=ui.t("ingesting"))

    report = ingest_inputs(inputs, store=ui.data.store(), progress=show_progress)
    bar.progress(1.0)
    st.success(ui.t("ingested").format(report.added, report.duplicates, len(report.rejected)))

st.caption(ui.t("cli_hint"))
st.code("python -m analysis ingest PATH... --store " + str(ui.data.store().root), language=None)

st.subheader(ui.t("rejected"))
ui.table(ui.data.rejected_files(), "rejected-files", flt, key="co_rejected")

st.subheader(ui.t("store"))
stats = ui.stats_frame(ui.data.stats(), batches=len(ui.data.store().batch_dirs()))
ui.table(stats, "store-stats", flt, key="co_stats")
