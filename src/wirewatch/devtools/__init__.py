"""Development tools: speed, memory and latency benchmarks. Not used by the product at run time.

- ``benchmark``: the per-document stage against a plain spaCy parse (``wirewatch bench``), streaming
  memory (``python -m wirewatch.devtools.benchmark rss``) and web latency (``... web``);
- ``corpus_bench``: the corpus stage on a synthetic corpus (``python -m wirewatch.devtools.corpus_bench``),
  whose generator the web tests also use.
"""
