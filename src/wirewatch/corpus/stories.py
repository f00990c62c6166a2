"""Stories: articles about one developing story, clustered by places, people and time.

Articles are taken in publication order (then id), the order they arrive in,
and each joins the open story it shares the most rare features with
(settlements it mentions, resolved people and organisations, headline words),
or starts a new one. Features of the headline and lead weigh fully, later
passing mentions a fifth: the governor quoted in every article should not tie
a hospital strike to a counter-offensive. A feature no other article has is
left out (it can link nothing and would only dilute the match). A story stays
open while it has an article in the last ``WINDOW_DAYS``, and a new article is
matched against the core of those recent articles only, so a story follows its
news instead of chaining on (a hospital strike, then a missile two towns away a
week later, then the metro reopening). Syndicated copies
always join their group's story. Rarity is inverse document frequency, so
"Kharkiv" in a corpus about Kharkiv links little and a village or a named
official links a lot. Candidate stories come from an inverted index over
features restricted to open stories (blocking), so the work is near-linear.
The clustering is recomputed over the whole corpus when articles arrive
(deterministic: the same corpus gives the same stories); since rarity is
counted over the corpus, a new article can move an earlier one when it makes
their shared features rarer or commoner.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field

from wirewatch.corpus.records import ArticleRec

WINDOW_DAYS = 5  # a story is matched on (and stays open with) its articles of the last 5 days
THRESHOLD = 0.4  # share of the article's feature weight found in the story
PASSING = 0.2  # weight of a place or name mentioned only after the lead (the lead's count 1)
TITLE_WORD = 1.0  # weight of a headline word (5+ letters; rarity does the rest)
CORE = 5  # a feature is part of a story's core when at least 1 in CORE of its articles has it
MAX_FEATURES = 12  # an article's rarest features are what identify its story


@dataclass(slots=True)
class Story:
    story_id: int
    first: dt.date | None
    last: dt.date | None
    articles: list[int] = field(default_factory=list)
    features: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    # The articles of the last WINDOW_DAYS and their features: what a new article is matched against, so a
    # story drifts with its news instead of collecting every place it ever touched.
    recent: deque = field(default_factory=deque)
    recent_features: Counter = field(default_factory=Counter)

    def expire(self, today: dt.date | None) -> None:
        if today is None:
            return
        horizon = today - dt.timedelta(days=WINDOW_DAYS)
        while self.recent and self.recent[0][0] is not None and self.recent[0][0] < horizon:
            _, old = self.recent.popleft()
            self.recent_features.subtract(old)


def cluster_stories(articles: list[ArticleRec], features: dict[int, set[str]] | dict[int, dict[str, float]],
                    labels: dict[int, list[str]] | None = None) -> tuple[dict[int, int], list[Story]]:
    """article id -> story id, and the stories. ``features`` are keys like ``place:706483`` or ``ent:12``,
    as a set or with a weight each (1 for what the headline and lead are about, less for a passing mention)."""
    n = max(len(articles), 1)
    df: Counter[str] = Counter()
    for a in articles:
        df.update(features.get(a.article_id, ()))
    idf = {f: math.log((n + 1) / (c + 0.5)) for f, c in df.items()}
    order = sorted(articles, key=lambda a: (a.published or dt.date.min, a.article_id))
    stories: list[Story] = []
    by_group: dict[int, Story] = {}
    index: dict[str, set[int]] = defaultdict(set)  # feature -> open stories that have it
    assigned: dict[int, int] = {}
    for n_seen, a in enumerate(order):
        if n_seen % 1000 == 999 and a.published:  # in publication order, a closed story never reopens
            _prune(index, stories, a.published)
        weight = _weights(features.get(a.article_id, ()))
        # A feature no other article has can link nothing: it would only dilute the share found in a story.
        feats = sorted((f for f in weight if df[f] > 1), key=lambda f: (-idf[f] * weight[f], f))[:MAX_FEATURES]
        story = by_group.get(a.syndication_group) if a.syndication_group is not None else None
        if story is None:
            story = _best(a, {f: weight[f] for f in feats}, idf, stories, index)
        if story is None:
            story = Story(len(stories) + 1, a.published, a.published)
            stories.append(story)
        story.articles.append(a.article_id)
        story.features.update(feats)
        story.recent.append((a.published, feats))
        story.recent_features.update(feats)
        story.labels.update((labels or {}).get(a.article_id, ()))
        if a.published:
            story.first = min(story.first or a.published, a.published)
            story.last = max(story.last or a.published, a.published)
        for f in feats:
            index[f].add(story.story_id)
        if a.syndication_group is not None:
            by_group.setdefault(a.syndication_group, story)
        assigned[a.article_id] = story.story_id
    return assigned, stories


def _prune(index: dict[str, set[int]], stories: list[Story], today: dt.date) -> None:
    horizon = today - dt.timedelta(days=WINDOW_DAYS)
    for feature in list(index):
        kept = {sid for sid in index[feature] if stories[sid - 1].last is None or stories[sid - 1].last >= horizon}
        if kept:
            index[feature] = kept
        else:
            del index[feature]


def _weights(feats: set[str] | dict[str, float]) -> dict[str, float]:
    return dict(feats) if isinstance(feats, dict) else dict.fromkeys(feats, 1.0)


def _best(a: ArticleRec, feats: dict[str, float], idf: dict[str, float], stories: list[Story],
          index: dict[str, set[int]]) -> Story | None:
    total = sum(idf[f] * w for f, w in feats.items())
    if not feats or total <= 0:
        return None
    scores: Counter[int] = Counter()
    for f in feats:
        for sid in index.get(f, ()):
            story = stories[sid - 1]
            story.expire(a.published)
            # Only the core of the story's recent days counts: a feature seen in one of its fifty articles,
            # or only last month, does not define it.
            if story.recent and story.recent_features[f] * CORE >= len(story.recent):
                scores[sid] += idf[f] * feats[f]
    best, best_score = None, THRESHOLD * total
    for sid, score in sorted(scores.items()):
        story = stories[sid - 1]
        open_ = a.published is None or story.last is None or (a.published - story.last).days <= WINDOW_DAYS
        if open_ and score > best_score:
            best, best_score = story, score
    return best


def story_label(story: Story, titles: dict[int, str | None]) -> str:
    """The most mentioned names of the story, then its first headline."""
    top = [name for name, _ in story.labels.most_common(2)]
    first = next((titles[a] for a in story.articles if titles.get(a)), None)
    head = ", ".join(top)
    return f"{head}: {first}" if head and first else head or first or f"story {story.story_id}"
