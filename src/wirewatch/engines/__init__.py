"""Engines run the per-document stage over a stream of articles."""
