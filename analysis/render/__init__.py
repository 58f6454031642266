"""The rendering wing: plotly figures, word-cloud images, the event map, fonts, PNG and CSV
export. Draws what `analysis.queries` returns; computes no analytics of its own."""
