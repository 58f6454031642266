"""The store wing: analysed articles kept as append-only batches of Parquet files
(`batches.py`), each renamed into place in one step."""
