"""Candidates for the panel: the ranking on its own, and read from the posts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.handles import parse_handle
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from socialroadmap.panel.candidates import (
    AuthorPost,
    candidates,
    invite_candidate,
    rank_candidates,
)
from tests.panel.helpers import member


def test_positive_engaged_authors_first_the_panel_and_the_negative_left_out() -> None:
    posts = [
        AuthorPost("x", "@Fan", "positive", 50),
        AuthorPost("x", "fan", "neutral", 10),
        AuthorPost("x", "quiet", "positive", 1),
        AuthorPost("instagram", "loud", "positive", 500),
        AuthorPost("x", "grumpy", "negative", 900),
        AuthorPost("x", "mixed", "positive", 5),
        AuthorPost("x", "mixed", "negative", 5),
        AuthorPost("x", "mixed", "negative", 5),
        AuthorPost("x", "member", "positive", 1000),
        AuthorPost(None, "blogger", "positive", 20),
        AuthorPost("x", "", "positive", 20),
    ]
    ranked = rank_candidates(posts, [parse_handle("x:member")])

    assert [c.handle for c in ranked] == ["instagram:loud", "x:fan", "blogger", "x:quiet"]
    fan = ranked[1]
    assert (fan.posts, fan.positive, fan.engagement, fan.positive_share) == (2, 1, 60, 0.5)


def test_a_handle_without_network_on_the_panel_matches_any_network() -> None:
    posts = [AuthorPost("x", "jan", "positive", 1), AuthorPost("reddit", "jan", "positive", 1)]
    assert rank_candidates(posts, [parse_handle("jan")]) == []


def test_the_limit_keeps_the_top() -> None:
    posts = [AuthorPost("x", f"a{n}", "positive", n) for n in range(30)]
    ranked = rank_candidates(posts, [], limit=20)
    assert len(ranked) == 20
    assert ranked[0].handle == "x:a29"


def _post(org: Organization, author: str, days_ago: int, **fields: object) -> Post:
    return Post.objects.create(
        organization=org,
        source="twitter",
        external_id=f"{author}-{days_ago}",
        text="Lovely coffee",
        author=author,
        created_at=timezone.now() - timedelta(days=days_ago),
        sentiment=fields.pop("sentiment", "positive"),
        sentiment_score=0.8,
        **fields,
    )


def test_candidates_come_from_the_last_90_days_of_the_organisations_posts(
    org: Organization, other_org: Organization
) -> None:
    _post(org, "recent", 5, likes=3, shares=1, replies=None)
    _post(org, "old", 120, likes=99)
    _post(org, "already", 2, likes=40)
    _post(other_org, "elsewhere", 1, likes=40)
    member(org, "Al Ready", handle="x:already")

    found = candidates(org)
    assert [(c.handle, c.engagement) for c in found] == [("x:recent", 4)]


def test_inviting_makes_a_draft_member_once(org: Organization) -> None:
    draft = invite_candidate(org, "x:recent", actor=None)
    assert (draft.name, draft.handle, draft.is_active, draft.email) == (
        "recent",
        "x:recent",
        False,
        "",
    )
    with pytest.raises(ServiceError, match="already on the panel"):
        invite_candidate(org, "X:@Recent", actor=None)
    with pytest.raises(ServiceError):
        invite_candidate(org, "", actor=None)
