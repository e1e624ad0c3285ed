"""The registry's health check: a to-do list of warnings about the accounts.

The checks are pure functions over rows already read; ``registry_health`` reads them
(the accounts, and from the listening posts the authors' newest post dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from socialroadmap.registry.choices import DORMANT_DAYS, HealthKind, TwoFactor
from socialroadmap.registry.models import SocialAccount, Tool

# At most this many unregistered authors are listed: beyond that the list helps nobody.
MAX_UNOFFICIAL = 50


@dataclass(frozen=True)
class HealthWarning:
    """One item of the to-do list: what is wrong, with which account, and how to fix it.

    ``account`` is None for an unofficial account (it is not in the registry)."""

    kind: HealthKind
    account: SocialAccount | None
    network: str
    handle: str
    message: str
    fix: str


def handle_key(handle: str) -> str:
    """A handle or post author as compared: without the @, in lower case."""
    return handle.strip().lstrip("@").lower()


def _warning(account: SocialAccount, kind: HealthKind, message: str, fix: str) -> HealthWarning:
    return HealthWarning(kind, account, account.network, account.handle, message, fix)


def account_warnings(
    account: SocialAccount,
    *,
    seen: datetime | None,
    today: date,
    dormant_days: int = DORMANT_DAYS,
) -> list[HealthWarning]:
    """The warnings for one account. ``seen``: its newest listening post, if any."""
    warnings = []
    name = f"@{account.handle}"
    if not account.backup_owner:
        warnings.append(
            _warning(
                account,
                HealthKind.NO_BACKUP_OWNER,
                gettext("%(account)s has no backup owner.") % {"account": name},
                gettext("Name a second person who can log in when the owner is away."),
            )
        )
    if account.two_factor != TwoFactor.YES:
        message = (
            gettext("Nobody knows whether %(account)s uses two-factor login.")
            if account.two_factor == TwoFactor.UNKNOWN
            else gettext("%(account)s does not use two-factor login.")
        )
        warnings.append(
            _warning(
                account,
                HealthKind.NO_TWO_FACTOR,
                message % {"account": name},
                gettext("Turn on two-factor login in the network's security settings."),
            )
        )
    if account.shared_credentials:
        warnings.append(
            _warning(
                account,
                HealthKind.SHARED_CREDENTIALS,
                gettext("Several people share the password of %(account)s.") % {"account": name},
                gettext(
                    "Give each person their own access (a business manager or a team "
                    "tool) and change the password."
                ),
            )
        )
    activity = [d for d in (account.last_activity, seen.date() if seen else None) if d]
    if not activity or max(activity) < today - timedelta(days=dormant_days):
        message = (
            gettext("%(account)s shows no activity for more than %(days)d days.")
            if activity
            else gettext("%(account)s has no known activity.")
        )
        warnings.append(
            _warning(
                account,
                HealthKind.DORMANT,
                message % {"account": name, "days": dormant_days},
                gettext("Post again, fill in the last activity, or close the account."),
            )
        )
    return warnings


def unofficial_accounts(
    authors: Iterable[tuple[str, str]],
    registered: Iterable[str],
    needles: Sequence[str],
) -> list[HealthWarning]:
    """Authors (source, author) of posts whose handle contains one of ``needles`` (the
    organisation's slug or name) and that are not among the ``registered`` handles."""
    known = {handle_key(handle) for handle in registered}
    keys = [needle.lower() for needle in needles if needle]
    warnings: list[HealthWarning] = []
    seen: set[str] = set()
    for source, author in authors:
        key = handle_key(author)
        if not key or key in known or key in seen or not any(k in key for k in keys):
            continue
        seen.add(key)
        warnings.append(
            HealthWarning(
                HealthKind.UNOFFICIAL,
                None,
                source,
                author.lstrip("@"),
                gettext("@%(handle)s posts under your name but is not in the registry.")
                % {"handle": author.lstrip("@")},
                gettext(
                    "Register it with its owner if it is yours; otherwise ask the network "
                    "to take it down."
                ),
            )
        )
        if len(warnings) >= MAX_UNOFFICIAL:
            break
    return warnings


def check_accounts(
    accounts: Sequence[SocialAccount],
    newest_posts: Mapping[str, datetime],
    *,
    today: date,
    dormant_days: int = DORMANT_DAYS,
) -> list[HealthWarning]:
    """The warnings of every account; ``newest_posts``: handle key -> newest post."""
    return [
        warning
        for account in accounts
        for warning in account_warnings(
            account,
            seen=newest_posts.get(handle_key(account.handle)),
            today=today,
            dormant_days=dormant_days,
        )
    ]


def organization_needles(organization: Organization) -> list[str]:
    """What an unofficial handle contains: the slug, or the name with or without spaces."""
    name = organization.name.lower()
    return list(dict.fromkeys(n for n in (organization.slug, name, name.replace(" ", "")) if n))


def registry_health(
    organization: Organization, *, today: date | None = None, dormant_days: int = DORMANT_DAYS
) -> list[HealthWarning]:
    """The organisation's to-do list: its accounts' warnings, then unofficial accounts."""
    today = today or timezone.localdate()
    accounts = list(SocialAccount.objects.for_org(organization).order_by("network", "handle"))
    posts = Post.objects.for_org(organization).exclude(author="")
    keys = {handle_key(account.handle) for account in accounts}
    newest: dict[str, datetime] = {}
    if keys:
        wanted = Q()
        for key in keys:
            wanted |= Q(author__iexact=key) | Q(author__iexact=f"@{key}")
        for row in posts.filter(wanted).values("author").annotate(newest=Max("created_at")):
            key = handle_key(row["author"])
            if row["newest"] and (key not in newest or row["newest"] > newest[key]):
                newest[key] = row["newest"]
    needles = organization_needles(organization)
    matching = Q()
    for needle in needles:
        matching |= Q(author__icontains=needle)
    authors = (
        posts.filter(matching).values_list("source", "author").distinct().order_by("author")
    )[: MAX_UNOFFICIAL * 4]
    return check_accounts(
        accounts, newest, today=today, dormant_days=dormant_days
    ) + unofficial_accounts(authors, [a.handle for a in accounts], needles)


# A licence due for renewal within this many days is announced on the tools page.
RENEWAL_NOTICE_DAYS = 30


@dataclass(frozen=True)
class ToolNotice:
    """A tool whose licence lapses soon or has lapsed, or that nobody owns."""

    tool: Tool
    message: str
    fix: str


def tool_notices(
    tools: Iterable[Tool], *, today: date, notice_days: int = RENEWAL_NOTICE_DAYS
) -> list[ToolNotice]:
    """Renewals due within ``notice_days`` (or past), soonest first, then tools without
    an owner, who would be the one to renew them."""
    due: list[tuple[date, ToolNotice]] = []
    unowned: list[ToolNotice] = []
    for tool in tools:
        if tool.renewal_date is not None:
            days = (tool.renewal_date - today).days
            if days < 0:
                message = gettext("The licence of %(tool)s was due for renewal %(days)d days ago.")
                due.append(
                    (
                        tool.renewal_date,
                        ToolNotice(
                            tool,
                            message % {"tool": tool.name, "days": -days},
                            gettext("Renew it or record the new renewal date."),
                        ),
                    )
                )
            elif days <= notice_days:
                message = gettext("The licence of %(tool)s is due for renewal in %(days)d days.")
                due.append(
                    (
                        tool.renewal_date,
                        ToolNotice(
                            tool,
                            message % {"tool": tool.name, "days": days},
                            gettext("Decide whether to renew it, and with how many licences."),
                        ),
                    )
                )
        if not tool.owner:
            unowned.append(
                ToolNotice(
                    tool,
                    gettext("%(tool)s has no owner.") % {"tool": tool.name},
                    gettext("Name who manages its licences and renewal."),
                )
            )
    return [notice for _, notice in sorted(due, key=lambda pair: pair[0])] + unowned
