from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialroadmap.engine.aggregates import Aggregator, net_sentiment, period_key


def test_periods() -> None:
    moment = datetime(2026, 11, 26, 15, 0)
    assert period_key(moment, "day") == "2026-11-26"
    assert period_key(moment, "week") == "2026-W48"
    assert period_key(moment, "month") == "2026-11"
    with pytest.raises(ValueError, match="unknown period 'year'"):
        period_key(moment, "year")


def test_net_sentiment() -> None:
    assert net_sentiment({"positive": 3, "negative": 1, "neutral": 10}) == 0.5
    assert net_sentiment({"neutral": 4}) is None


POSTS = [
    {
        "text": "Lekkere koffie bij #Mertens vandaag",
        "label": "positive",
        "matches": ["mertens"],
        "created_at": datetime(2026, 11, 25, 9),
        "author": "anna",
        "engagement": {"likes": 10, "shares": 2},
    },
    {
        "text": "Koffie te koud, jammer #Mertens",
        "label": "negative",
        "matches": ["mertens"],
        "created_at": datetime(2026, 11, 25, 12),
        "author": "bert",
        "engagement": {"likes": 1},
    },
    {
        "text": "Great coffee at the competitor",
        "label": "positive",
        "matches": ["competitor"],
        "created_at": datetime(2026, 11, 26, 8),
        "author": "anna",
    },
]


def sample(posts: list[dict[str, Any]] = POSTS) -> Aggregator:
    agg = Aggregator(period="day", top=3)
    for post in posts:
        agg.add(**post)
    return agg


def test_the_result_has_every_figure() -> None:
    result = sample().result()
    assert result["posts"] == 3
    assert result["volume"] == [
        {"period": "2026-11-25", "posts": 2},
        {"period": "2026-11-26", "posts": 1},
    ]
    assert result["sentiment"] == {"negative": 1, "neutral": 0, "positive": 2}
    assert result["net_sentiment"] == pytest.approx(1 / 3, abs=1e-4)
    # Engagement weighs: 13 for the positive post with likes and shares, 2 for the negative one.
    assert result["engagement_weighted_net_sentiment"] == pytest.approx((14 - 2) / 16, abs=1e-4)
    assert result["share_of_voice"][0] == {
        "query": "mertens",
        "posts": 2,
        "share": 0.6667,
        "net_sentiment": 0.0,
    }
    assert {"key": "#mertens", "count": 2} in result["top_hashtags"]
    assert result["top_terms"][0] == {"key": "koffie", "count": 2}
    assert result["top_authors_by_volume"][0] == {"key": "anna", "count": 2}
    assert result["top_authors_by_engagement"][0] == {"key": "anna", "count": 12}


def test_merging_equals_one_pass() -> None:
    left, right = sample(POSTS[:1]), sample(POSTS[1:])
    left.merge(right)
    assert left.result() == sample().result()


@given(st.lists(st.sampled_from(["negative", "neutral", "positive"])))
def test_counts_add_up(labels: list[str]) -> None:
    agg = Aggregator()
    for label in labels:
        agg.add(text="x", label=label)
    result = agg.result()
    assert sum(result["sentiment"].values()) == result["posts"] == len(labels)
    net = result["net_sentiment"]
    assert net is None or -1 <= net <= 1
