"""newslens analysis: a library that turns news files into evidence, with no user interface.

The data path, one wing per step (docs/ARCHITECTURE.md):

    sources/    read inputs: files, folders, zips -> Article records
    language/   analyse an article: segmentation, entities, events, topics, terms, numerals
    store/      keep analysed articles: append-only Parquet batches
    queries/    ask the store: Filter -> DataFrame, one function per view
    render/     draw: plotly figures, word clouds, PNG and CSV export, the event map
    accel/      optional speed-ups behind one interface (the compiled segmenter and build)

`ingest.py` runs sources -> language -> store; `cli.py` is the command line; `model.py` holds
every record and field name; `settings.py` every knob read from the environment.
"""
