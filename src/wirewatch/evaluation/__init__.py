"""Evaluations against gold data: each module exposes ``evaluate(gold, limit) -> dict``."""
