"""Who to invite to the panel: the authors in the listening posts who speak well of the
organisation and get a response. The ranking is a pure function; ``candidates`` reads
the organisation's posts and panel for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.handles import (
    Handle,
    HandleError,
    network_of_source,
    normalise_name,
    parse_handle,
)
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services
from socialroadmap.panel.choices import CANDIDATE_DAYS, CANDIDATE_LIMIT
from socialroadmap.panel.models import PanelMember

# A candidate speaks positively in at least this share of their posts.
MIN_POSITIVE_SHARE = 0.5


@dataclass(frozen=True)
class AuthorPost:
    """What the ranking needs of one post."""

    network: str | None
    author: str
    sentiment: str
    engagement: int


@dataclass(frozen=True)
class Candidate:
    handle: str  # network:name, or the name alone for a source without a network
    posts: int
    positive: int
    engagement: int

    @property
    def positive_share(self) -> float:
        return self.positive / self.posts if self.posts else 0.0


def rank_candidates(
    posts: Iterable[AuthorPost], on_panel: Iterable[Handle], *, limit: int = CANDIDATE_LIMIT
) -> list[Candidate]:
    """The authors with mostly positive posts (``MIN_POSITIVE_SHARE``), not yet on the
    panel, most engagement first (then most positive posts, then the handle)."""
    members = list(on_panel)
    tally: dict[tuple[str | None, str], list[int]] = {}
    for post in posts:
        author = normalise_name(post.author)
        if not author:
            continue
        counts = tally.setdefault((post.network, author), [0, 0, 0])
        counts[0] += 1
        counts[1] += post.sentiment == "positive"
        counts[2] += max(post.engagement, 0)
    found = [
        Candidate(f"{network}:{author}" if network else author, n, positive, engagement)
        for (network, author), (n, positive, engagement) in tally.items()
        if positive
        and positive / n >= MIN_POSITIVE_SHARE
        and not any(member.matches(network, author) for member in members)
    ]
    found.sort(key=lambda c: (-c.engagement, -c.positive, c.handle))
    return found[:limit]


def _panel_handles(organization: Organization) -> list[Handle]:
    handles = []
    for text in (
        PanelMember.objects.for_org(organization)
        .exclude(handle="")
        .values_list("handle", flat=True)
    ):
        try:
            handles.append(parse_handle(text))
        except HandleError:
            continue
    return handles


def candidates(organization: Organization, *, days: int = CANDIDATE_DAYS) -> list[Candidate]:
    """The top candidates among the authors of the last ``days`` days of posts."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        Post.objects.filter(organization=organization, created_at__gte=since)
        .exclude(author="")
        .values_list("source", "author", "sentiment", "likes", "shares", "replies")
    )
    posts = (
        AuthorPost(
            network_of_source(source),
            author,
            sentiment,
            (likes or 0) + (shares or 0) + (replies or 0),
        )
        for source, author, sentiment, likes, shares, replies in rows.iterator()
    )
    return rank_candidates(posts, _panel_handles(organization))


@transaction.atomic
def invite_candidate(organization: Organization, handle: str, *, actor: User | None) -> PanelMember:
    """Put a candidate on the panel as a draft: without consent they do not count until
    they agree."""
    normalised = services.normalise_handle(handle)
    if not normalised:
        raise ServiceError("give the candidate's handle", field="handle")
    if PanelMember.objects.for_org(organization).filter(handle=normalised).exists():
        raise ServiceError(f"{normalised} is already on the panel", field="handle")
    name = normalised.partition(":")[2] or normalised
    return services.create_member(
        organization,
        name=name,
        handle=normalised,
        notes="Invited from the listening posts; consent still to be recorded.",
        actor=actor,
    )
