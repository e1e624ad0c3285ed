"""Every CSV import of the apps behind one shape, for the corpus and the fuzzing.

An ``Importer`` knows its sample table, what it needs on the roster first, how to run
(its result turned into ``Outcome``) and how many rows it has stored.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from socialroadmap.content import services as content
from socialroadmap.content.models import ItemMetrics
from socialroadmap.core.errors import ServiceError
from socialroadmap.indicators import imports as indicators
from socialroadmap.indicators.models import IndicatorValue
from socialroadmap.internalscan import services as internalscan
from socialroadmap.internalscan.models import Employee
from socialroadmap.knowledge import imports as knowledge
from socialroadmap.knowledge.models import Completion
from socialroadmap.leverage import imports as leverage
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services as panel
from socialroadmap.panel.models import PanelMember
from socialroadmap.policy import services as policy
from socialroadmap.policy.models import Acknowledgement
from socialroadmap.registry import services as registry
from socialroadmap.registry.models import SocialAccount
from tests.badinput.corpus import Table
from tests.conftest import Persona
from tests.content.helpers import item
from tests.indicators.helpers import indicator
from tests.knowledge.helpers import module as make_module
from tests.knowledge.helpers import person
from tests.policy.helpers import published


@dataclass
class Outcome:
    """What an import kept and refused: (line, field, reason) per refused line."""

    kept: int
    errors: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Importer:
    name: str
    table: Table
    run: Callable[[Persona, io.BytesIO], Outcome]
    count: Callable[[Organization], int]
    setup: Callable[[Persona], None] = lambda owner: None
    # Whether bytes that are not UTF-8 are read as Windows-1252 (else refused).
    windows_1252: bool = True


def _split_field(line: int, reason: str) -> tuple[int, str, str]:
    """(line, reason) of the imports that put the field in front: "consent: give …"."""
    match = re.match(r"(\w+): ", reason)
    return line, match.group(1) if match else "", reason


def _roster(owner: Persona, stream: io.BytesIO) -> Outcome:
    summary = internalscan.import_roster(owner.organization, stream, actor=owner.user)
    errors = [(row["line"], row["field"], row["reason"]) for row in summary["rejected"]]
    return Outcome(summary["created"] + summary["updated"], errors)


def _completions(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = knowledge.import_completions_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.updated + result.unchanged, result.errors)


def _acknowledgements(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = policy.import_acknowledgements_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.already, result.errors)


def _accounts(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = registry.import_accounts_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.updated, [_split_field(*e) for e in result.errors])


def _members(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = panel.import_members_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.updated, [_split_field(*e) for e in result.errors])


def _communications(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = leverage.import_communications_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.updated + result.unchanged, result.errors)


def _metrics(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = content.import_metrics_csv(owner.organization, stream, owner.user)
    return Outcome(result.created + result.updated, result.errors)


def _values(owner: Persona, stream: io.BytesIO) -> Outcome:
    result = indicators.import_values_csv(owner.organization, stream, actor=owner.user)
    return Outcome(result.created + result.updated + result.unchanged, result.errors)


def _people(owner: Persona, *, module: bool = False, policy: bool = False) -> None:
    if module:
        make_module(owner.organization)
    if policy:
        published(owner)
    person(owner.organization, "Zoë Maes", "Marketing", "zoe@acme.test")
    person(owner.organization, "Jan Peeters", "Sales")


def _for_org(model: type) -> Callable[[Organization], int]:
    return lambda organization: model.objects.filter(organization=organization).count()


IMPORTERS = [
    Importer(
        "roster",
        Table(
            ("name", "department", "handles", "consent", "email"),
            (("Zoë Maes", "Marketing", "@zoe", "ja", "zoe@acme.test"),
             ("Jan Peeters", "Sales", "", "nee", "")),
            ("Bad Consent", "IT", "", "perhaps", ""),
            "consent",
            free="department",
        ),
        _roster,
        _for_org(Employee),
    ),
    Importer(
        "completions",
        Table(
            ("name", "department", "email", "module", "completed_on", "score"),
            (("Zoë Maes", "", "", "Social media basics", "2026-03-01", "90"),
             ("Jan Peeters", "", "", "Social media basics", "2026-03-02", "")),
            ("Jan Peeters", "", "", "Social media basics", "02/03/2026", ""),
            "completed_on",
        ),
        _completions,
        _for_org(Completion),
        setup=lambda owner: _people(owner, module=True),
    ),
    Importer(
        "acknowledgements",
        Table(
            ("name", "department", "email", "acknowledged_on"),
            (("Zoë Maes", "Marketing", "", "2025-03-01"), ("Jan Peeters", "Sales", "", "")),
            ("Jan Peeters", "Sales", "", "31-13-2025"),
            "acknowledged_on",
        ),
        _acknowledgements,
        _for_org(Acknowledgement),
        setup=lambda owner: _people(owner, policy=True),
        windows_1252=False,
    ),
    Importer(
        "accounts",
        Table(
            ("network", "handle", "purpose", "two_factor"),
            (("instagram", "acme_zoë", "Café news", "yes"), ("x", "acme", "", "no")),
            ("linkedin", "acme-bad", "", "perhaps"),
            "two_factor",
            free="purpose",
        ),
        _accounts,
        _for_org(SocialAccount),
        windows_1252=False,
    ),
    Importer(
        "members",
        Table(
            ("name", "email", "segment", "handle", "consent"),
            (("Zoë Maes", "zoe@acme.test", "klant", "", "yes"),
             ("Jan Peeters", "jan@acme.test", "", "", "no")),
            ("Bad Consent", "bad@acme.test", "", "", "perhaps"),
            "consent",
            free="segment",
        ),
        _members,
        _for_org(PanelMember),
        windows_1252=False,
    ),
    Importer(
        "communications",
        Table(
            ("name", "channel", "starts_on", "notes"),
            (("Nieuwsbrief café", "newsletter", "2026-03-02", "Zoë"),
             ("Beurs", "event", "2026-04-01", "")),
            ("Slechte datum", "newsletter", "2026-13-45", ""),
            "starts_on",
            free="notes",
        ),
        _communications,
        _for_org(Communication),
    ),
    Importer(
        "metrics",
        Table(
            ("item", "url", "reach", "likes"),
            (("", "https://acme.test/café", "500", "20"), ("", "https://acme.test/2", "900", "")),
            ("", "https://acme.test/2", "lots", "1"),
            "reach",
        ),
        _metrics,
        lambda organization: ItemMetrics.objects.filter(item__organization=organization).count(),
        setup=lambda owner: _published_items(owner),
        windows_1252=False,
    ),
    Importer(
        "indicator-values",
        Table(
            ("indicator", "department", "period_start", "value", "note"),
            (("Leads", "sales", "2026-01-01", "12,5", "Zoë's CRM"),
             ("Leads", "sales", "2026-02-01", "3", "")),
            ("Leads", "sales", "2026-03-01", "abc", ""),
            "value",
            free="note",
        ),
        _values,
        lambda organization: IndicatorValue.objects.filter(
            indicator__organization=organization
        ).count(),
        setup=lambda owner: _indicator(owner),
    ),
]  # fmt: skip


def _indicator(owner: Persona) -> None:
    indicator(owner.organization, "Leads", department="sales")


def _published_items(owner: Persona) -> None:
    for url in ("https://acme.test/café", "https://acme.test/2"):
        item(owner.organization, url[-4:], published_url=url)


def refused(run: Callable[[], Outcome]) -> tuple[Outcome | None, ServiceError | None]:
    """The outcome of ``run``, or the ServiceError that refused the whole file."""
    try:
        return run(), None
    except ServiceError as error:
        return None, error
