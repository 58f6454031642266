"""The language wing: what an article says. Segmentation, known and unknown names, conflict
events and their numbers, topics and term counts, in Traditional and Simplified alike.

Plain, typed Python. `analyze.py` holds the one object that owns the resources (gazetteer,
tokenizer, rules) and runs the steps in order."""
