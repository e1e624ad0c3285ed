"""Writes of the policy: the policy's title, its versions through draft → in review →
approved → published → superseded, and the acknowledgements of the published version.
Every write goes through these functions and is written to the audit log.

Approval is an owner's decision (``Capability.ADMINISTER``), checked here so that the
web pages, the API and the CLI cannot differ on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import diff, record, snapshot
from socialroadmap.core.csvfiles import csv_rows, csv_text, dict_reader
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import unguard
from socialroadmap.engine.text import Text
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key, employee_for_user
from socialroadmap.organizations.choices import Capability, Role
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.policy.choices import FROZEN, AcknowledgementSource, VersionStatus
from socialroadmap.policy.decisions import clean_decisions
from socialroadmap.policy.models import Acknowledgement, Policy, PolicyVersion

DEFAULT_TITLE = Text("Social media policy", "Socialemediabeleid")
POLICY_FIELDS = ("title_en", "title_nl")
TEXT_FIELDS = ("intro_en", "intro_nl", "closing_en", "closing_nl")
DRAFT_FIELDS = ("decisions", *TEXT_FIELDS)
VERSION_AUDIT = ("number", "status", *DRAFT_FIELDS, "review_comment")
MAX_TEXT = 20_000
MAX_TITLE = 200
MAX_IMPORT_ROWS = 5000
CSV_COLUMNS = ("name", "department", "email", "acknowledged_on")


def _require(
    organization: Organization, actor: User | None, capability: Capability, what: str
) -> None:
    """Refuse ``what`` unless ``actor`` is a member whose role allows ``capability``."""
    role = (
        Membership.objects.filter(organization=organization, user=actor)
        .values_list("role", flat=True)
        .first()
        if actor is not None and getattr(actor, "is_authenticated", False)
        else None
    )
    if role is None or not Role(role).allows(capability):
        raise ServiceError(what)


# --- the policy -----------------------------------------------------------------------


def policy_of(organization: Organization) -> Policy | None:
    return Policy.objects.for_org(organization).first()


@transaction.atomic
def ensure_policy(organization: Organization, *, actor: User | None) -> Policy:
    """The organisation's policy, created with the default title the first time."""
    existing = policy_of(organization)
    if existing is not None:
        return existing
    policy = Policy(organization=organization, title_en=DEFAULT_TITLE.en, title_nl=DEFAULT_TITLE.nl)
    policy.stamp(actor)
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError:  # created at the same moment by another request
        return Policy.objects.for_org(organization).get()
    record(organization, actor, Action.CREATE, policy, snapshot(policy, POLICY_FIELDS))
    return policy


@transaction.atomic
def update_policy(policy: Policy, changes: Mapping[str, Any], *, actor: User | None) -> Policy:
    """Change the title in English and/or Dutch."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    unknown = set(changes) - set(POLICY_FIELDS)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    before = snapshot(policy, POLICY_FIELDS)
    for name, value in changes.items():
        title = " ".join(str(value or "").split())
        if not title or len(title) > MAX_TITLE:
            raise ServiceError(f"give a title of at most {MAX_TITLE} characters", field=name)
        setattr(policy, name, title)
    policy.stamp(actor)
    policy.save()
    record(
        policy.organization,
        actor,
        Action.UPDATE,
        policy,
        diff(before, snapshot(policy, POLICY_FIELDS)),
    )
    return policy


# --- versions -------------------------------------------------------------------------


def versions_of(organization: Organization) -> list[PolicyVersion]:
    return list(
        PolicyVersion.objects.for_org(organization).select_related("policy").order_by("-number")
    )


def published_version(organization: Organization) -> PolicyVersion | None:
    return (
        PolicyVersion.objects.for_org(organization)
        .filter(status=VersionStatus.PUBLISHED)
        .select_related("policy", "approved_by", "published_by")
        .first()
    )


def open_version(organization: Organization) -> PolicyVersion | None:
    """The version being written or reviewed, if any: there is at most one."""
    return (
        PolicyVersion.objects.for_org(organization)
        .filter(status__in=(VersionStatus.DRAFT, VersionStatus.IN_REVIEW))
        .order_by("-number")
        .first()
    )


def _locked(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)


def _apply_draft(version: PolicyVersion, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - set(DRAFT_FIELDS)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    if "decisions" in changes:
        version.decisions = clean_decisions(changes["decisions"])
    for name in TEXT_FIELDS:
        if name in changes:
            value = changes[name]
            if value is not None and not isinstance(value, str):
                raise ServiceError("give text", field=name)
            text = (value or "").strip()
            if len(text) > MAX_TEXT:
                raise ServiceError(f"give at most {MAX_TEXT} characters", field=name)
            setattr(version, name, text)


@transaction.atomic
def create_draft(
    organization: Organization, *, actor: User | None, **changes: Any
) -> PolicyVersion:
    """Start the next version as a copy of the latest one (decisions and texts), with
    ``changes`` (any of ``DRAFT_FIELDS``) on top. Refused while a version is still a
    draft or in review: that one is to be finished first."""
    policy = ensure_policy(organization, actor=actor)
    Policy.objects.select_for_update().get(pk=policy.pk)  # one new number at a time
    current = open_version(organization)
    if current is not None:
        raise ServiceError(
            f"version {current.number} is still {current.get_status_display().lower()}: "
            "finish it first"
        )
    latest = policy.versions.order_by("-number").first()
    version = PolicyVersion(
        organization=organization, policy=policy, number=(latest.number + 1) if latest else 1
    )
    if latest is not None:
        version.decisions = dict(latest.decisions)
        for name in TEXT_FIELDS:
            setattr(version, name, getattr(latest, name))
    _apply_draft(version, changes)
    version.stamp(actor)
    version.save()
    record(organization, actor, Action.CREATE, version, snapshot(version, VERSION_AUDIT))
    return version


@transaction.atomic
def update_draft(
    version: PolicyVersion, changes: Mapping[str, Any], *, actor: User | None
) -> PolicyVersion:
    """Change the decisions (the whole mapping) and/or the texts of a draft."""
    version = _locked(version)
    if version.status != VersionStatus.DRAFT:
        raise ServiceError(_immutable(version))
    before = snapshot(version, VERSION_AUDIT)
    _apply_draft(version, changes)
    version.stamp(actor)
    version.save()
    record(
        version.organization,
        actor,
        Action.UPDATE,
        version,
        diff(before, snapshot(version, VERSION_AUDIT)),
    )
    return version


def _immutable(version: PolicyVersion) -> str:
    if version.status in FROZEN:
        return (
            f"version {version.number} is {version.get_status_display().lower()}: it cannot change"
        )
    return f"version {version.number} is in review: send it back to draft first"


@transaction.atomic
def delete_draft(version: PolicyVersion, *, actor: User | None) -> dict[str, Any]:
    """Throw a draft away; versions that were approved stay, as the policy's history."""
    version = _locked(version)
    if version.status != VersionStatus.DRAFT:
        raise ServiceError(_immutable(version))
    gone = {"id": version.pk, "number": version.number}
    record(version.organization, actor, Action.DELETE, version, gone)
    version.delete()
    return gone


def _move(
    version: PolicyVersion,
    actor: User | None,
    action: Action,
    status: VersionStatus,
    **stamps: Any,
) -> PolicyVersion:
    before = snapshot(version, VERSION_AUDIT)
    version.status = status
    for name, value in stamps.items():
        setattr(version, name, value)
    version.stamp(actor)
    version.save()
    changes = diff(before, snapshot(version, VERSION_AUDIT))
    record(version.organization, actor, action, version, changes)
    return version


def _expect(version: PolicyVersion, status: VersionStatus, what: str) -> None:
    if version.status != status:
        raise ServiceError(
            f"version {version.number} is {version.get_status_display().lower()}: "
            f"only a version that is {status.label.lower()} can be {what}",
            field="status",
        )


@transaction.atomic
def submit_version(version: PolicyVersion, *, actor: User | None) -> PolicyVersion:
    """Hand a draft to the owners for review."""
    version = _locked(version)
    _expect(version, VersionStatus.DRAFT, "submitted")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return _move(
        version,
        actor,
        Action.UPDATE,
        VersionStatus.IN_REVIEW,
        submitted_by=user,
        submitted_at=timezone.now(),
        review_comment="",
    )


@transaction.atomic
def approve_version(version: PolicyVersion, *, actor: User | None) -> PolicyVersion:
    """An owner approves the version in review; from now on it cannot change."""
    version = _locked(version)
    _require(
        version.organization, actor, Capability.ADMINISTER, "only an owner may approve the policy"
    )
    _expect(version, VersionStatus.IN_REVIEW, "approved")
    return _move(
        version,
        actor,
        Action.APPROVE,
        VersionStatus.APPROVED,
        approved_by=actor,
        approved_at=timezone.now(),
    )


@transaction.atomic
def return_version(version: PolicyVersion, *, comment: str, actor: User | None) -> PolicyVersion:
    """An owner sends the version in review back to draft, saying why."""
    version = _locked(version)
    _require(
        version.organization, actor, Capability.ADMINISTER, "only an owner may send the policy back"
    )
    _expect(version, VersionStatus.IN_REVIEW, "sent back")
    comment = (comment or "").strip() if isinstance(comment, str | type(None)) else ""
    if not comment:
        raise ServiceError("say what should change", field="comment")
    if len(comment) > MAX_TEXT:
        raise ServiceError(f"give at most {MAX_TEXT} characters", field="comment")
    return _move(version, actor, Action.UPDATE, VersionStatus.DRAFT, review_comment=comment)


@transaction.atomic
def publish_version(version: PolicyVersion, *, actor: User | None) -> PolicyVersion:
    """Publish an approved version; the version published until now is superseded."""
    version = _locked(version)
    _expect(version, VersionStatus.APPROVED, "published")
    Policy.objects.select_for_update().get(pk=version.policy_id)
    for old in PolicyVersion.objects.filter(policy=version.policy, status=VersionStatus.PUBLISHED):
        _move(old, actor, Action.UPDATE, VersionStatus.SUPERSEDED)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return _move(
        version,
        actor,
        Action.PUBLISH,
        VersionStatus.PUBLISHED,
        published_by=user,
        published_at=timezone.now(),
    )


# --- acknowledgements -----------------------------------------------------------------


def _published_or_refuse(organization: Organization) -> PolicyVersion:
    version = published_version(organization)
    if version is None:
        raise ServiceError("no version of the policy is published yet")
    return version


def _add_acknowledgement(
    version: PolicyVersion,
    *,
    actor: User | None,
    source: AcknowledgementSource,
    user: User | None = None,
    employee: Employee | None = None,
    at: datetime.datetime | None = None,
) -> Acknowledgement:
    row = Acknowledgement(
        organization=version.organization,
        version=version,
        user=user,
        employee=employee,
        source=source,
        acknowledged_at=at or timezone.now(),
    )
    row.stamp(actor)
    row.save()
    record(
        version.organization,
        actor,
        Action.CREATE,
        row,
        snapshot(row, ("version", "user", "employee", "acknowledged_at", "source")),
    )
    return row


@transaction.atomic
def acknowledge(organization: Organization, *, actor: User) -> tuple[Acknowledgement, bool]:
    """A member reads and accepts the published version, for themselves; once per
    version (a second time returns the first acknowledgement and False). Linked to their
    roster row when their e-mail is on the roster."""
    version = _published_or_refuse(organization)
    PolicyVersion.objects.select_for_update().get(pk=version.pk)
    mine = Acknowledgement.objects.filter(version=version, user=actor).first()
    if mine is not None:
        return mine, False
    employee = employee_for_user(organization, actor)
    if employee is not None:
        recorded = Acknowledgement.objects.filter(version=version, employee=employee).first()
        if recorded is not None:
            # A manager recorded it before: the person confirms it now.
            if recorded.user_id is None:
                recorded.user = actor
                recorded.stamp(actor)
                recorded.save()
                record(organization, actor, Action.UPDATE, recorded, {"user": [None, actor.email]})
            return recorded, False
    row = _add_acknowledgement(
        version, actor=actor, source=AcknowledgementSource.SELF, user=actor, employee=employee
    )
    return row, True


def _roster_people(organization: Organization, employees: Iterable[Any]) -> list[Employee]:
    ids = []
    for value in employees:
        pk = value.pk if isinstance(value, Employee) else value
        try:
            ids.append(int(pk))
        except (TypeError, ValueError) as error:
            raise ServiceError(f"not a person of the roster: {pk!r}", field="employees") from error
    found = {e.pk: e for e in Employee.objects.for_org(organization).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ServiceError(f"not on the roster: {', '.join(missing)}", field="employees")
    return [found[pk] for pk in dict.fromkeys(ids)]


@transaction.atomic
def record_acknowledgements(
    organization: Organization, employees: Iterable[Any], *, actor: User | None
) -> list[Acknowledgement]:
    """A conversation manager records that roster people acknowledged the published
    version (on paper, in a meeting). People already recorded are left as they are;
    returns the new acknowledgements."""
    version = _published_or_refuse(organization)
    people = _roster_people(organization, employees)
    done = set(
        Acknowledgement.objects.filter(version=version, employee__in=people).values_list(
            "employee_id", flat=True
        )
    )
    return [
        _add_acknowledgement(
            version, actor=actor, source=AcknowledgementSource.RECORDED, employee=e
        )
        for e in people
        if e.pk not in done
    ]


# --- CSV import -----------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did; ``errors`` are (line number, field, reason) of refused lines."""

    created: int = 0
    already: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def _ack_date(value: str) -> datetime.datetime | None:
    text = value.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day > timezone.localdate():
            raise ServiceError("the date lies in the future", field="acknowledged_on")
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    raise ServiceError(
        f"give a date as YYYY-MM-DD or DD-MM-YYYY, not {text!r}", field="acknowledged_on"
    )


def _find_person(organization: Organization, record_: Mapping[str, str]) -> Employee:
    email = record_.get("email", "").strip()
    name = " ".join(record_.get("name", "").split())
    department = record_.get("department", "")
    people = Employee.objects.for_org(organization)
    if email:
        found = people.filter(email__iexact=email).order_by("id").first()
        if found is not None:
            return found
        if not name:
            raise ServiceError(f"no one on the roster has the e-mail {email}", field="email")
    if not name:
        raise ServiceError("give a name or an e-mail address", field="name")
    matches = list(people.filter(full_name__iexact=name))
    if department.strip():
        matches = [p for p in matches if department_key(p.department) == department_key(department)]
    if not matches:
        where = f" in {department.strip()}" if department.strip() else ""
        raise ServiceError(f"no one on the roster is called {name}{where}", field="name")
    if len(matches) > 1:
        raise ServiceError(
            f"several people are called {name}: give the department", field="department"
        )
    return matches[0]


@transaction.atomic
def import_acknowledgements_csv(
    organization: Organization, stream: IO[Any], *, actor: User | None
) -> ImportResult:
    """Record the acknowledgements of a CSV file (``CSV_COLUMNS``; a name or an e-mail
    address per line) for the published version. Each person must be on the roster; a
    bad line is refused by line number and field, the good ones are kept."""
    version = _published_or_refuse(organization)
    reader = dict_reader(csv_text(stream, windows_1252=False))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "name" not in header and "email" not in header:
        raise ServiceError("the header needs a name or an email column", field="file")
    reader.fieldnames = header
    result = ImportResult()

    def refuse(line_number: int, reason: str) -> None:
        result.errors.append((line_number, "", reason))

    for number, (line_number, raw) in enumerate(csv_rows(reader, refuse)):
        if number >= MAX_IMPORT_ROWS:
            refuse(line_number, f"only {MAX_IMPORT_ROWS} lines are read")
            break
        line = {k: unguard(v) for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}
        if not any(value.strip() for value in line.values()):
            continue
        try:
            with transaction.atomic():
                at = _ack_date(line.get("acknowledged_on", ""))
                person = _find_person(organization, line)
                if Acknowledgement.objects.filter(version=version, employee=person).exists():
                    result.already += 1
                    continue
                _add_acknowledgement(
                    version,
                    actor=actor,
                    source=AcknowledgementSource.IMPORTED,
                    employee=person,
                    at=at,
                )
        except ServiceError as error:
            result.errors.append((line_number, error.field or "", error.message))
            continue
        result.created += 1
    record(
        organization,
        actor,
        Action.IMPORT,
        version,
        {"created": result.created, "already": result.already, "refused": len(result.errors)},
    )
    return result
