"""The query wing: Filter -> DataFrame over the store, one function per view, in DuckDB.

core       the command line's views: articles, timeline, entities, events, terms, stats
common     periods and the SQL pieces the views share
names      entity names in the reader's script
coverage   how much is covered: summary, topic counts, timeline peaks, distinctive terms
entities   who and where: ranked entities, trends, co-mentions, spellings, sentences
events     what happened: tallies, counts over time, sums by claimant, evidence, places
reading    one article: its topics, entities and events
"""
