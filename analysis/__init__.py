"""newslens analysis: readers, normalisation, entities, events, topics, terms, store, queries.

The hot modules may come from a compiled build of these same sources (`native.py`).
"""

from analysis import native as _native

__path__ = _native.package_path(__path__)
