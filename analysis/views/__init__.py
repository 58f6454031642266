"""What the dashboard shows beyond the core vocabulary of `analysis.queries`, one module per page
area. Every function has the query contract (Store, Filter -> DataFrame, zero-filled where time
is involved) and reads through `queries.selection_sql`, so the sidebar filter means the same thing
everywhere. Nothing here imports streamlit.

    common     periods and the SQL pieces the views share
    names      entity names in the reader's script (gazetteer name_hant / name_hans / name_en)
    coverage   how much is covered: summary, topic counts, timeline peaks, distinctive terms
    entities   who and where: ranked entities, trends, co-mentions, spellings, sentences
    events     what happened: tallies, counts over time, sums by claimant, evidence, places
    reading    one article: its topics, entities and events
"""
