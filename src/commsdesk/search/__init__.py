"""Text analysis shared by the journal and the library: folding, stemming, queries, highlights."""
