"""Aggregates over analysed posts: volume, sentiment, share of voice, top terms and authors.

One pass over the posts with ``Aggregator.add``; memory grows with the number of
distinct periods, queries, terms and authors, not with the number of posts.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from socialroadmap.engine.text import word_set

LABELS = ("negative", "neutral", "positive")
PERIODS = ("day", "week", "month")
_TERM = re.compile(r"#?[^\W\d_][\w'-]{2,}", re.UNICODE)
_SKIP = re.compile(r"https?://\S+|@\w+", re.UNICODE)
# Words too common to say anything about a conversation, in the product's languages.
STOPWORDS = word_set(
    "the and for you that this with have are was but not they from your what all just "
    "het een van dat niet zijn voor met ook maar als bij nog wel dan naar wat die deze "
    "heb heeft hebben wordt worden kan moet zal zou over door meer veel geen"
)


def period_key(moment: datetime, period: str) -> str:
    """``2026-11-26`` (day), ``2026-W48`` (ISO week) or ``2026-11`` (month)."""
    if period == "day":
        return moment.date().isoformat()
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{moment.year}-{moment.month:02d}"
    raise ValueError(f"unknown period '{period}' (choose {', '.join(PERIODS)})")


def net_sentiment(counts: Mapping[str, float]) -> float | None:
    """(positive - negative) / (positive + negative); None when there is neither."""
    positive, negative = counts.get("positive", 0), counts.get("negative", 0)
    total = positive + negative
    return None if total == 0 else round((positive - negative) / total, 4)


def engagement_of(engagement: Mapping[str, Any] | None) -> int:
    """Likes, shares and replies together (reach is an audience, not an interaction)."""
    if not engagement:
        return 0
    return sum(int(engagement.get(key) or 0) for key in ("likes", "shares", "replies"))


@dataclass
class Aggregator:
    """Accumulates analysed posts; ``result()`` gives the figures as plain data."""

    period: str = "day"
    top: int = 20
    volume: Counter[str] = field(default_factory=Counter)
    sentiment: Counter[str] = field(default_factory=Counter)
    weighted_sentiment: Counter[str] = field(default_factory=Counter)
    sentiment_by_period: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    per_query: Counter[str] = field(default_factory=Counter)
    per_query_sentiment: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    terms: Counter[str] = field(default_factory=Counter)
    hashtags: Counter[str] = field(default_factory=Counter)
    author_posts: Counter[str] = field(default_factory=Counter)
    author_engagement: Counter[str] = field(default_factory=Counter)
    posts: int = 0

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period '{self.period}' (choose {', '.join(PERIODS)})")

    def add(
        self,
        *,
        text: str,
        label: str,
        matches: Iterable[str] = (),
        created_at: datetime | None = None,
        author: str | None = None,
        engagement: Mapping[str, Any] | None = None,
    ) -> None:
        """Count one analysed post."""
        self.posts += 1
        weight = 1 + engagement_of(engagement)
        self.sentiment[label] += 1
        self.weighted_sentiment[label] += weight
        if created_at is not None:
            key = period_key(created_at, self.period)
            self.volume[key] += 1
            self.sentiment_by_period[key][label] += 1
        for name in matches:
            self.per_query[name] += 1
            self.per_query_sentiment[name][label] += 1
        for term in _TERM.findall(_SKIP.sub(" ", text)):
            folded = term.lower()
            if folded.startswith("#"):
                self.hashtags[folded] += 1
            elif folded not in STOPWORDS:
                self.terms[folded] += 1
        if author:
            self.author_posts[author] += 1
            self.author_engagement[author] += engagement_of(engagement)

    def merge(self, other: Aggregator) -> None:
        """Fold another aggregator in (e.g. from a parallel worker)."""
        self.posts += other.posts
        for name in (
            "volume",
            "sentiment",
            "weighted_sentiment",
            "per_query",
            "terms",
            "hashtags",
            "author_posts",
            "author_engagement",
        ):
            getattr(self, name).update(getattr(other, name))
        for key, counts in other.sentiment_by_period.items():
            self.sentiment_by_period[key].update(counts)
        for key, counts in other.per_query_sentiment.items():
            self.per_query_sentiment[key].update(counts)

    def _top(self, counter: Counter[str]) -> list[dict[str, Any]]:
        best = heapq.nlargest(self.top, counter.items(), key=lambda kv: (kv[1], kv[0]))
        return [{"key": key, "count": count} for key, count in best if count > 0]

    def result(self) -> dict[str, Any]:
        matched = sum(self.per_query.values())
        return {
            "posts": self.posts,
            "period": self.period,
            "volume": [{"period": k, "posts": self.volume[k]} for k in sorted(self.volume)],
            "sentiment": {label: self.sentiment.get(label, 0) for label in LABELS},
            "net_sentiment": net_sentiment(self.sentiment),
            "engagement_weighted_net_sentiment": net_sentiment(self.weighted_sentiment),
            "sentiment_by_period": [
                {
                    "period": key,
                    **{label: self.sentiment_by_period[key].get(label, 0) for label in LABELS},
                    "net_sentiment": net_sentiment(self.sentiment_by_period[key]),
                }
                for key in sorted(self.sentiment_by_period)
            ],
            "share_of_voice": [
                {
                    "query": name,
                    "posts": count,
                    "share": round(count / matched, 4) if matched else 0.0,
                    "net_sentiment": net_sentiment(self.per_query_sentiment[name]),
                }
                for name, count in self.per_query.most_common()
            ],
            "top_terms": self._top(self.terms),
            "top_hashtags": self._top(self.hashtags),
            "top_authors_by_volume": self._top(self.author_posts),
            "top_authors_by_engagement": self._top(self.author_engagement),
        }
