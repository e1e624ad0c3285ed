"""Rankings of the internal scan: candidate ambassadors and conversation managers.

Computed from the listening app's posts when asked, never stored. Only employees who
consented are ever ranked or counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower

from socialroadmap.internalscan.handles import Handle, network_of_source, normalise_name
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.choices import Sentiment
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization


@dataclass
class Figures:
    posts: int = 0
    engagement: int = 0
    reach: int = 0
    positive: int = 0


def _post_figures(
    organization: Organization,
    names: Iterable[str],
    since: datetime | None,
    until: datetime | None,
) -> list[dict[str, Any]]:
    """Posts per (source, author) whose author could be one of ``names``."""
    variants = {v for name in names for v in (name, f"@{name}", f"u/{name}")}
    posts = Post.objects.for_org(organization).annotate(author_key=Lower("author"))
    posts = posts.filter(author_key__in=variants)
    if since is not None:
        posts = posts.filter(created_at__gte=since)
    if until is not None:
        posts = posts.filter(created_at__lt=until)
    return list(
        posts.order_by()
        .values("source", "author_key")
        .annotate(
            posts=Count("id"),
            likes=Sum("likes"),
            shares=Sum("shares"),
            replies=Sum("replies"),
            reach=Sum("reach"),
            positive=Count("id", filter=Q(sentiment=Sentiment.POSITIVE)),
        )
    )


def _figures_per_employee(
    organization: Organization,
    employees: list[Employee],
    since: datetime | None,
    until: datetime | None,
) -> dict[int, Figures]:
    owners: dict[Handle, set[int]] = {}
    for employee in employees:
        for handle in employee.parsed_handles():
            owners.setdefault(handle, set()).add(employee.pk)
    figures = {employee.pk: Figures() for employee in employees}
    names = {handle.name for handle in owners}
    for group in _post_figures(organization, names, since, until) if names else []:
        author, network = normalise_name(group["author_key"]), network_of_source(group["source"])
        ids = owners.get(Handle(None, author), set())
        if network is not None:
            ids = ids | owners.get(Handle(network, author), set())
        for pk in ids:
            total = figures[pk]
            total.posts += group["posts"]
            total.engagement += sum(group[k] or 0 for k in ("likes", "shares", "replies"))
            total.reach += group["reach"] or 0
            total.positive += group["positive"]
    return figures


def _entry(employee: Employee, figures: Figures) -> dict[str, Any]:
    share = figures.positive / figures.posts if figures.posts else 0.0
    return {
        "id": employee.pk,
        "name": employee.full_name,
        "department": employee.department,
        "posts": figures.posts,
        "engagement": figures.engagement,
        "reach": figures.reach,
        "positive_share": round(share, 4),
    }


def _departments(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for entry in entries:
        row = summary.setdefault(
            entry["department"],
            {"department": entry["department"], "employees": 0, "active": 0, "posts": 0},
        )
        row["employees"] += 1
        row["active"] += 1 if entry["posts"] else 0
        row["posts"] += entry["posts"]
    return sorted(summary.values(), key=lambda row: (-row["posts"], row["department"].lower()))


def rank_employees(
    organization: Organization,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """Rank the consenting employees: candidate ambassadors and conversation managers.

    ``most_active``: most posts authored; ``most_engaging``: most likes, shares and
    replies on those posts. Posts are matched on the employees' handles (per network,
    or any source for a handle without network) and counted from ``since`` (inclusive)
    to ``until`` (exclusive). Employees without consent are left out of everything but
    the ``without_consent`` count; employees without posts are not ranked. Also: posts
    per department among consenting employees.
    """
    roster = Employee.objects.for_org(organization)
    consenting = list(roster.filter(consent=True))
    figures = _figures_per_employee(organization, consenting, since, until)
    entries = [_entry(employee, figures[employee.pk]) for employee in consenting]
    posted = [entry for entry in entries if entry["posts"]]
    return {
        "since": since,
        "until": until,
        "employees": len(consenting),
        "without_consent": roster.filter(consent=False).count(),
        "most_active": sorted(
            posted, key=lambda e: (-e["posts"], -e["engagement"], e["name"].lower())
        )[:limit],
        "most_engaging": sorted(
            posted, key=lambda e: (-e["engagement"], -e["posts"], e["name"].lower())
        )[:limit],
        "departments": _departments(entries),
    }
