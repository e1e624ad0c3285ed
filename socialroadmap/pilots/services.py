"""Writes of the pilot portfolio: pilots, their KPIs, the status a pilot moves through
and the organisation's thresholds. Every write goes through these functions, and each
leaves an entry in the audit log in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import diff, record, snapshot
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import save_unique
from socialroadmap.excellence.choices import Department
from socialroadmap.excellence.models import TeamMember
from socialroadmap.organizations.models import Organization
from socialroadmap.pilots.choices import (
    SCORE_MAX,
    SCORE_MIN,
    TRANSITIONS,
    Decision,
    Direction,
    KpiKind,
    PilotStatus,
)
from socialroadmap.pilots.models import Pilot, PilotKpi, PortfolioSettings
from socialroadmap.pilots.portfolio import Thresholds

PILOT_FIELDS = (
    "name",
    "description",
    "department",
    "owner",
    "manager",
    "start_date",
    "end_date",
    "budget",
    "hypothesis",
    "baseline",
    "fit_score",
    "fit_justification",
    "return_score",
    "return_justification",
    "learning_score",
    "learning_justification",
    "feasibility",
    "learned",
    "decision",
)
SCORE_FIELDS = ("fit_score", "return_score", "learning_score", "feasibility")
JUSTIFICATIONS = {
    "fit_justification": "why it fits the organisation",
    "return_justification": "why it gives an immediate return",
    "learning_justification": "what it teaches the company",
}
KPI_FIELDS = ("kind", "name", "unit", "baseline", "target", "measured", "direction")
THRESHOLD_FIELDS = ("fit_threshold", "return_threshold", "learning_threshold")
MAX_TEXT = 5000
MAX_BUDGET = Decimal("9999999999.99")
MAX_VALUE = Decimal("999999999999.99")


# --- checking values ------------------------------------------------------------------


def _unknown(changes: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")


def _line(value: Any, field: str, limit: int, *, required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ServiceError(f"give a {field.replace('_', ' ')}", field=field)
    if len(text) > limit:
        raise ServiceError(f"at most {limit} characters", field=field)
    return text


def _text(value: Any, field: str) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise ServiceError(f"at most {MAX_TEXT} characters", field=field)
    return text


def _choice(value: Any, choices: Any, field: str, *, blank: bool = False) -> str:
    if blank and value in (None, ""):
        return ""
    if value not in choices.values:
        raise ServiceError(f"one of: {', '.join(choices.values)}", field=field)
    return str(value)


def _score(value: Any, field: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError) as error:
        raise ServiceError(f"give a score from {SCORE_MIN} to {SCORE_MAX}", field=field) from error
    if (isinstance(value, float) and value != score) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ServiceError(f"give a score from {SCORE_MIN} to {SCORE_MAX}", field=field)
    return score


def _date(value: Any, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ServiceError("give a date as YYYY-MM-DD", field=field) from error


def _decimal(
    value: Any, field: str, *, required: bool = False, minimum: Decimal | None = None
) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise ServiceError("give a number", field=field)
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise ServiceError("give a number", field=field) from error
    if not number.is_finite():
        raise ServiceError("give a number", field=field)
    if minimum is not None and number < minimum:
        raise ServiceError(f"give an amount of {minimum} or more", field=field)
    limit = MAX_BUDGET if field == "budget" else MAX_VALUE
    if abs(number) > limit:
        raise ServiceError(f"give a number of at most {limit}", field=field)
    return number.quantize(Decimal("0.01"))


def _member(pilot: Pilot, value: Any) -> TeamMember | None:
    if value in (None, ""):
        return None
    if isinstance(value, TeamMember):
        member = value
    else:
        try:
            member_id = int(value)
        except (TypeError, ValueError) as error:
            raise ServiceError("no such team member", field="manager") from error
        found = TeamMember.objects.filter(pk=member_id).first()
        if found is None:
            raise ServiceError("no such team member", field="manager")
        member = found
    if member.organization_id != pilot.organization_id:
        raise ServiceError("no such team member", field="manager")
    return member


# --- pilots ---------------------------------------------------------------------------


def _apply_pilot(pilot: Pilot, changes: Mapping[str, Any]) -> None:
    """Check and set the given fields of ``pilot``; a bad value raises ServiceError."""
    _unknown(changes, PILOT_FIELDS)
    if "name" in changes:
        pilot.name = _line(changes["name"], "name", 150, required=True)
    if "owner" in changes:
        pilot.owner = _line(changes["owner"], "owner", 200)
    if "department" in changes:
        pilot.department = _choice(changes["department"], Department, "department", blank=True)
    if "manager" in changes:
        pilot.manager = _member(pilot, changes["manager"])
    for name in ("description", "hypothesis", "baseline", "learned", *JUSTIFICATIONS):
        if name in changes:
            setattr(pilot, name, _text(changes[name], name))
    for name in SCORE_FIELDS:
        if name in changes:
            setattr(pilot, name, _score(changes[name], name))
    if "start_date" in changes:
        pilot.start_date = _date(changes["start_date"], "start_date")
    if "end_date" in changes:
        pilot.end_date = _date(changes["end_date"], "end_date")
    if pilot.start_date and pilot.end_date and pilot.end_date < pilot.start_date:
        raise ServiceError("the end date comes before the start date", field="end_date")
    if "budget" in changes:
        pilot.budget = _decimal(changes["budget"], "budget", minimum=Decimal(0))
    if "decision" in changes:
        pilot.decision = _choice(changes["decision"], Decision, "decision", blank=True)


def _save_pilot(pilot: Pilot, actor: User | None) -> Pilot:
    same = Pilot.objects.for_org(pilot.organization).filter(name__iexact=pilot.name)
    message = f"there is already a pilot named {pilot.name}"
    return save_unique(pilot, actor, same, message, field="name")


AUDITED = (*PILOT_FIELDS, "status")


@transaction.atomic
def create_pilot(
    organization: Organization, *, name: str, actor: User | None, **fields: Any
) -> Pilot:
    """Propose a pilot; it starts as a candidate. ``fields``: any other of
    ``PILOT_FIELDS`` (scores 1 to 5, three by default)."""
    pilot = Pilot(organization=organization)
    _apply_pilot(pilot, {"name": name, **fields})
    _save_pilot(pilot, actor)
    record(organization, actor, Action.CREATE, pilot, snapshot(pilot, AUDITED))
    return pilot


@transaction.atomic
def update_pilot(pilot: Pilot, changes: Mapping[str, Any], *, actor: User | None) -> Pilot:
    """Change any of ``PILOT_FIELDS``; the status changes only through ``transition_pilot``."""
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    before = snapshot(pilot, AUDITED)
    _apply_pilot(pilot, changes)
    _save_pilot(pilot, actor)
    record(pilot.organization, actor, Action.UPDATE, pilot, diff(before, snapshot(pilot, AUDITED)))
    return pilot


def allowed_transitions(pilot: Pilot) -> tuple[str, ...]:
    return TRANSITIONS[pilot.status]


def _check_transition(pilot: Pilot, status: str) -> None:
    if status == PilotStatus.SELECTED:
        for name, what in JUSTIFICATIONS.items():
            if not getattr(pilot, name):
                raise ServiceError(f"before selecting the pilot, write {what}", field=name)
    if status == PilotStatus.COMPLETED:
        if not pilot.learned:
            raise ServiceError(
                "a completed pilot needs a retrospective: write what we learned", field="learned"
            )
        if not pilot.decision:
            raise ServiceError(
                "a completed pilot needs a decision: continue, stop or scale up",
                field="decision",
            )


@transaction.atomic
def transition_pilot(pilot: Pilot, status: str, *, actor: User | None) -> Pilot:
    """Move the pilot to ``status`` along ``TRANSITIONS``. Selecting needs the three
    justifications; completing needs the retrospective (what we learned, a decision)."""
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    status = _choice(status, PilotStatus, "status")
    if status not in TRANSITIONS[pilot.status]:
        raise ServiceError(
            f"a {pilot.status} pilot cannot become {status}; it can become: "
            f"{', '.join(TRANSITIONS[pilot.status]) or 'nothing (it is finished)'}",
            field="status",
        )
    _check_transition(pilot, status)
    before = pilot.status
    pilot.status = status
    pilot.stamp(actor)
    pilot.save()
    record(pilot.organization, actor, Action.UPDATE, pilot, {"status": [before, status]})
    return pilot


@transaction.atomic
def delete_pilot(pilot: Pilot, *, actor: User | None) -> dict[str, Any]:
    """Remove the pilot and its KPIs; returns what was deleted."""
    kpis = [kpi.name for kpi in pilot.kpis.all()]
    gone = {"id": pilot.pk, "name": pilot.name, "kpis": kpis}
    record(pilot.organization, actor, Action.DELETE, pilot, {"status": pilot.status, "kpis": kpis})
    pilot.delete()
    return gone


# --- KPIs -----------------------------------------------------------------------------


def _apply_kpi(kpi: PilotKpi, changes: Mapping[str, Any]) -> None:
    _unknown(changes, KPI_FIELDS)
    if "kind" in changes:
        kpi.kind = _choice(changes["kind"], KpiKind, "kind")
    if "name" in changes:
        kpi.name = _line(changes["name"], "name", 150, required=True)
    if "unit" in changes:
        kpi.unit = _line(changes["unit"], "unit", 40)
    if "direction" in changes:
        kpi.direction = _choice(changes["direction"], Direction, "direction")
    if "baseline" in changes:
        kpi.baseline = _decimal(changes["baseline"], "baseline")
    if "target" in changes:
        target = _decimal(changes["target"], "target", required=True)
        assert target is not None  # noqa: S101 - required above
        kpi.target = target
    if "measured" in changes:
        kpi.measured = _decimal(changes["measured"], "measured")


KPI_AUDITED = ("pilot", *KPI_FIELDS)


@transaction.atomic
def create_kpi(
    pilot: Pilot, *, kind: str, name: str, target: Any, actor: User | None, **fields: Any
) -> PilotKpi:
    """Give the pilot a KPI of ``kind`` (intrinsic, learning or change). ``fields``:
    ``unit``, ``baseline``, ``measured`` and ``direction`` (higher by default)."""
    if "pilot" in fields:
        raise ServiceError("unknown fields: pilot")
    kpi = PilotKpi(organization=pilot.organization, pilot=pilot)
    _apply_kpi(kpi, {"kind": kind, "name": name, "target": target, **fields})
    kpi.stamp(actor)
    kpi.save()
    record(pilot.organization, actor, Action.CREATE, kpi, snapshot(kpi, KPI_AUDITED))
    return kpi


@transaction.atomic
def update_kpi(kpi: PilotKpi, changes: Mapping[str, Any], *, actor: User | None) -> PilotKpi:
    """Change any of ``KPI_FIELDS`` (record a measurement with ``measured``)."""
    kpi = PilotKpi.objects.select_for_update().select_related("pilot").get(pk=kpi.pk)
    before = snapshot(kpi, KPI_AUDITED)
    _apply_kpi(kpi, changes)
    kpi.stamp(actor)
    kpi.save()
    record(kpi.organization, actor, Action.UPDATE, kpi, diff(before, snapshot(kpi, KPI_AUDITED)))
    return kpi


@transaction.atomic
def delete_kpi(kpi: PilotKpi, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": kpi.pk, "name": kpi.name, "pilot": kpi.pilot.name}
    record(kpi.organization, actor, Action.DELETE, kpi, {"pilot": kpi.pilot.name})
    kpi.delete()
    return gone


# --- thresholds -----------------------------------------------------------------------


def settings_of(organization: Organization) -> PortfolioSettings:
    """The organisation's thresholds; the defaults (unsaved) while none were set."""
    found = PortfolioSettings.objects.for_org(organization).first()
    return found if found is not None else PortfolioSettings(organization=organization)


def thresholds_of(organization: Organization) -> Thresholds:
    row = settings_of(organization)
    return Thresholds(
        fit=row.fit_threshold, ret=row.return_threshold, learning=row.learning_threshold
    )


@transaction.atomic
def update_settings(
    organization: Organization, changes: Mapping[str, Any], *, actor: User | None
) -> PortfolioSettings:
    """Set any of the three thresholds (1 to 5): the score a pilot needs on a criterion."""
    _unknown(changes, THRESHOLD_FIELDS)
    row = PortfolioSettings.objects.select_for_update().filter(organization=organization).first()
    if row is None:
        row = PortfolioSettings(organization=organization)
    before = snapshot(row, THRESHOLD_FIELDS)
    action = Action.CREATE if row.pk is None else Action.UPDATE
    for name in THRESHOLD_FIELDS:
        if name in changes:
            setattr(row, name, _score(changes[name], name))
    same = PortfolioSettings.objects.filter(organization=organization)
    save_unique(row, actor, same, "the thresholds were just changed; try again", field=None)
    record(organization, actor, action, row, diff(before, snapshot(row, THRESHOLD_FIELDS)))
    return row
