"""The query wing: Filter -> DataFrame over the store, one function per view, in DuckDB.

core       the command line's views: articles, timeline, entities, events, terms, stats
coverage   how much is covered: summary, topic counts, timeline peaks, distinctive terms
entities   who and where: ranked entities, trends, co-mentions, spellings, sentences
events     what happened: tallies, counts over time, sums by claimant and period, tolls to
           date, evidence, places
reading    one article: its topics, entities and events
names      entity names in the reader's script
_sql       (private) the connection, the filter as SQL, periods and names CTEs, interval checks

Every view is importable from here: `from analysis import queries; queries.timeline(store, flt)`,
but for `core.events` (the command line's event rows): `queries.events` is the module above.
"""

from analysis.queries.core import (
    ALL_TOPICS,
    INTERVALS,
    article_count,
    articles,
    date_span,
    rejected_files,
    sources,
    stats,
    terms,
    timeline,
    top_entities,
)
from analysis.queries.coverage import (
    distinctive_terms,
    period_bounds,
    summary,
    timeline_peaks,
    topic_counts,
    topic_ids,
)
from analysis.queries.entities import (
    co_mentions,
    entity_sentences,
    entity_spellings,
    entity_trend,
    ranked_entities,
)
from analysis.queries.events import (
    event_counts_over_time,
    event_evidence,
    event_places,
    event_tally,
    quantity_by_claimant,
    quantity_by_period,
    tolls_to_date,
)
from analysis.queries.reading import (
    article,
    article_entities,
    article_events,
    article_topics,
)

__all__ = [
    "ALL_TOPICS",
    "INTERVALS",
    "article",
    "article_count",
    "article_entities",
    "article_events",
    "article_topics",
    "articles",
    "co_mentions",
    "date_span",
    "distinctive_terms",
    "entity_sentences",
    "entity_spellings",
    "entity_trend",
    "event_counts_over_time",
    "event_evidence",
    "event_places",
    "event_tally",
    "period_bounds",
    "quantity_by_claimant",
    "quantity_by_period",
    "ranked_entities",
    "rejected_files",
    "sources",
    "stats",
    "summary",
    "terms",
    "timeline",
    "timeline_peaks",
    "tolls_to_date",
    "top_entities",
    "topic_counts",
    "topic_ids",
]
