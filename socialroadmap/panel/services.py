"""Writes of the sounding board: members (consent, erasure, CSV import), questions
(their status and decision), answers and votes, and the personal answer link. Every
write goes through these functions and is in the audit log."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO, Any

from django.core import signing
from django.db import transaction
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import ERASED, forget
from socialroadmap.audit.services import goes_with as audit_goes_with
from socialroadmap.core.csvfiles import csv_rows, csv_text, dict_reader
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import unguard
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.internalscan.handles import HandleError, parse_handle
from socialroadmap.organizations.models import Organization
from socialroadmap.panel.choices import (
    LINK_DAYS,
    LINK_SALT,
    MAX_OPTIONS,
    MIN_OPTIONS,
    TRANSITIONS,
    AnswerSource,
    QuestionStatus,
)
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion

MEMBER_FIELDS = ("name", "email", "handle", "segment", "joined_on", "left_on", "notes")
AUDITED_MEMBER = (*MEMBER_FIELDS, "consent", "consent_at", "consent_by")
QUESTION_FIELDS = ("title", "description", "kind", "options", "opens_on", "closes_on")
DECISION_FIELDS = ("decision", "decided_on", "decided_by", "decision_link")
AUDITED_QUESTION = (*QUESTION_FIELDS, "status", *DECISION_FIELDS)
ANSWER_FIELDS = ("text", "choice", "source")

CSV_COLUMNS = ("name", "email", "segment", "handle", "consent")
REQUIRED_COLUMNS = ("name", "email")
MAX_IMPORT_ROWS = 5000
YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nee", "false", "0", ""})


def _who(actor: User | None) -> str:
    return actor.email if actor is not None and actor.is_authenticated else "system"


# --- members --------------------------------------------------------------------------


def normalise_handle(text: str) -> str:
    """``X:@Jan`` becomes ``x:jan``, as the listening posts' authors are compared."""
    if not text.strip():
        return ""
    try:
        return str(parse_handle(text))
    except HandleError as error:
        raise ServiceError(str(error), field="handle") from error


def _apply_member(member: PanelMember, changes: Mapping[str, Any]) -> None:
    set_fields(member, changes, MEMBER_FIELDS)
    member.email = member.email.lower()
    member.handle = normalise_handle(member.handle)
    if member.left_on and member.joined_on and member.left_on < member.joined_on:
        raise ServiceError("the day someone left comes after they joined", field="left_on")
    check_row(member)


def _save_member(member: PanelMember, actor: User | None) -> PanelMember:
    if not member.email:
        member.stamp(actor)
        member.save()
        return member
    same = PanelMember.objects.for_org(member.organization).filter(email=member.email)
    taken = f"{member.email} is already on the panel"
    return save_unique(member, actor, same, taken, field="email")


def _set_consent(member: PanelMember, consent: bool, actor: User | None) -> None:
    """Consent is recorded with when and by whom; withdrawing it ends the membership."""
    if consent == member.consent:
        return
    member.consent = consent
    member.consent_at = timezone.now()
    member.consent_by = _who(actor)
    today = timezone.localdate()
    if consent:
        member.left_on = None
        member.joined_on = member.joined_on or today
    else:
        member.left_on = today


@transaction.atomic
def create_member(
    organization: Organization,
    *,
    name: str,
    actor: User | None,
    consent: bool = False,
    **fields: Any,
) -> PanelMember:
    """Put a customer on the panel; ``consent`` True records it now (by ``actor``).
    Without consent the member is a draft: they do not count and cannot answer."""
    member = PanelMember(organization=organization)
    _apply_member(member, {"name": name, **fields})
    _set_consent(member, consent, actor)
    member = _save_member(member, actor)
    audit.record(organization, actor, Action.CREATE, member, audit.snapshot(member, AUDITED_MEMBER))
    return member


@transaction.atomic
def update_member(
    member: PanelMember, changes: Mapping[str, Any], *, actor: User | None
) -> PanelMember:
    """Change any of ``MEMBER_FIELDS``; a ``consent`` key records consent or its
    withdrawal."""
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    before = audit.snapshot(member, AUDITED_MEMBER)
    changes = dict(changes)
    consent = changes.pop("consent", None)
    _apply_member(member, changes)
    if consent is not None:
        _set_consent(member, bool(consent), actor)
    member = _save_member(member, actor)
    after = audit.snapshot(member, AUDITED_MEMBER)
    audit.record(member.organization, actor, Action.UPDATE, member, audit.diff(before, after))
    return member


def record_consent(member: PanelMember, consent: bool, *, actor: User | None) -> PanelMember:
    """Record that the customer gave (or withdrew) consent, when, and who recorded it."""
    return update_member(member, {"consent": consent}, actor=actor)


def goes_with(member: PanelMember) -> list[tuple[str, int]]:
    """What goes with a member when they are erased (kind, how many), for the
    confirmation page."""
    return sorted(
        (str(model._meta.verbose_name_plural), len(pks))
        for model, pks in audit_goes_with(member).items()
        if model is not PanelMember
    )


def _keep_counts(member: PanelMember) -> None:
    """A closed question's result must not change when a voter is erased: their votes
    and answers stay behind as numbers, without a name."""
    finished = (QuestionStatus.CLOSED, QuestionStatus.DECIDED)
    answers = PanelAnswer.objects.filter(member=member, question__status__in=finished)
    for answer in answers.select_related("question"):
        question = PanelQuestion.objects.select_for_update().get(pk=answer.question_id)
        if answer.choice is not None:
            key = str(answer.choice)
            question.erased_votes = {
                **question.erased_votes,
                key: int(question.erased_votes.get(key, 0)) + 1,
            }
        question.erased_answers += 1
        question.save(update_fields=["erased_votes", "erased_answers"])


@transaction.atomic
def erase_member(member: PanelMember, *, actor: User | None) -> None:
    """Erase a customer on request (the right to be forgotten): the member, their answers
    and votes go; the audit log keeps who changed what when, without their data; the
    results of closed questions keep their counts without the name."""
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    _keep_counts(member)
    forget(member)
    audit.record(member.organization, actor, Action.DELETE, member, {}, label=ERASED)
    member.delete()


# --- personal answer link -------------------------------------------------------------


def member_token(member: PanelMember) -> str:
    """The signed token of the member's personal link (valid ``LINK_DAYS`` days)."""
    return signing.dumps({"m": member.pk, "o": member.organization_id}, salt=LINK_SALT)


def member_from_token(token: str, *, max_age: timedelta | None = None) -> PanelMember | None:
    """The active member a token names; None when it is tampered with, expired, or the
    member has withdrawn consent, left or been erased."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age or timedelta(days=LINK_DAYS))
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "mo"):
        return None
    member = PanelMember.objects.filter(pk=int(data["m"]), organization_id=int(data["o"])).first()
    if member is None or not member.is_active:
        return None
    return member


# --- questions ------------------------------------------------------------------------


def _options(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        raise ServiceError("give a list of choices", field="options")
    options = [str(option).strip() for option in value if str(option).strip()]
    if options and not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ServiceError(f"give {MIN_OPTIONS} to {MAX_OPTIONS} choices, or none", field="options")
    if len({option.lower() for option in options}) != len(options):
        raise ServiceError("each choice only once", field="options")
    if any(len(option) > 200 for option in options):
        raise ServiceError("a choice has at most 200 characters", field="options")
    return options


def _apply_question(question: PanelQuestion, changes: Mapping[str, Any]) -> None:
    changes = dict(changes)
    if "options" in changes:
        options = _options(changes["options"])
        voted = question.pk and question.answers.exclude(choice=None).exists()
        if options != question.options and voted:
            raise ServiceError(
                "members have voted; the choices can no longer change",
                field="options",
            )
        changes["options"] = options
    set_fields(question, changes, QUESTION_FIELDS)
    if question.opens_on and question.closes_on and question.closes_on < question.opens_on:
        raise ServiceError("the question closes after it opens", field="closes_on")
    check_row(question)


@transaction.atomic
def create_question(
    organization: Organization, *, title: str, actor: User | None, **fields: Any
) -> PanelQuestion:
    """Draft a question; ``fields``: any other of ``QUESTION_FIELDS``."""
    question = PanelQuestion(organization=organization)
    _apply_question(question, {"title": title, **fields})
    question.stamp(actor)
    question.save()
    audit.record(
        organization, actor, Action.CREATE, question, audit.snapshot(question, AUDITED_QUESTION)
    )
    return question


@transaction.atomic
def update_question(
    question: PanelQuestion, changes: Mapping[str, Any], *, actor: User | None
) -> PanelQuestion:
    question = PanelQuestion.objects.select_for_update().get(pk=question.pk)
    before = audit.snapshot(question, AUDITED_QUESTION)
    _apply_question(question, changes)
    question.stamp(actor)
    question.save()
    after = audit.snapshot(question, AUDITED_QUESTION)
    audit.record(question.organization, actor, Action.UPDATE, question, audit.diff(before, after))
    return question


@transaction.atomic
def delete_question(question: PanelQuestion, *, actor: User | None) -> dict[str, Any]:
    """Remove a question with its answers; returns what was deleted."""
    answers = question.answers.count()
    gone = {"id": question.pk, "title": question.title, "answers": answers}
    audit.record(question.organization, actor, Action.DELETE, question, {"answers": answers})
    question.delete()
    return gone


@transaction.atomic
def transition_question(
    question: PanelQuestion, status: str, *, actor: User | None, **decision: Any
) -> PanelQuestion:
    """Move a question on: draft → open → closed → decided (a closed one may reopen).
    Opening sets the opening day, closing the closing day, when not set; "decided"
    needs the decision (``decision`` and optionally ``decided_on``, ``decided_by``,
    ``decision_link``)."""
    question = PanelQuestion.objects.select_for_update().get(pk=question.pk)
    if status not in QuestionStatus.values:
        raise ServiceError(f"unknown status {status!r}", field="status")
    allowed = TRANSITIONS[question.status]
    if status not in allowed:
        raise ServiceError(f"a {question.status} question cannot become {status}", field="status")
    before = audit.snapshot(question, AUDITED_QUESTION)
    today = timezone.localdate()
    if status == QuestionStatus.OPEN:
        if question.opens_on is None or question.opens_on > today:
            question.opens_on = today
        if question.closes_on is not None and question.closes_on < today:
            question.closes_on = None
    elif status == QuestionStatus.CLOSED:
        question.closes_on = today
    elif status == QuestionStatus.DECIDED:
        _apply_decision(question, decision, actor)
    if status != QuestionStatus.DECIDED and decision:
        raise ServiceError("a decision is recorded with the status decided", field="decision")
    question.status = status
    question.stamp(actor)
    question.save()
    after = audit.snapshot(question, AUDITED_QUESTION)
    audit.record(question.organization, actor, Action.UPDATE, question, audit.diff(before, after))
    return question


def _apply_decision(
    question: PanelQuestion, decision: Mapping[str, Any], actor: User | None
) -> None:
    set_fields(question, decision, DECISION_FIELDS)
    if not question.decision:
        raise ServiceError("say what the panel's answers led to", field="decision")
    question.decided_on = question.decided_on or timezone.localdate()
    question.decided_by = question.decided_by or (
        (actor.full_name or actor.email) if actor is not None and actor.is_authenticated else ""
    )
    check_row(question)


def record_decision(
    question: PanelQuestion, *, decision: str, actor: User | None, **fields: Any
) -> PanelQuestion:
    """Record what a closed question led to (the status becomes decided)."""
    return transition_question(
        question, QuestionStatus.DECIDED, actor=actor, decision=decision, **fields
    )


@transaction.atomic
def update_decision(
    question: PanelQuestion, changes: Mapping[str, Any], *, actor: User | None
) -> PanelQuestion:
    """Correct a recorded decision (its text, day, who, what changed)."""
    question = PanelQuestion.objects.select_for_update().get(pk=question.pk)
    if question.status != QuestionStatus.DECIDED:
        raise ServiceError("the question has no decision yet", field="decision")
    before = audit.snapshot(question, AUDITED_QUESTION)
    _apply_decision(question, changes, actor)
    question.stamp(actor)
    question.save()
    after = audit.snapshot(question, AUDITED_QUESTION)
    audit.record(question.organization, actor, Action.UPDATE, question, audit.diff(before, after))
    return question


# --- answers --------------------------------------------------------------------------


def _choice(question: PanelQuestion, choice: Any) -> int | None:
    if choice in (None, ""):
        return None
    if not question.options:
        raise ServiceError("this question has nothing to vote on", field="choice")
    try:
        index = int(choice)
    except (TypeError, ValueError) as error:
        raise ServiceError("give the number of an option", field="choice") from error
    if not 0 <= index < len(question.options):
        raise ServiceError(f"give an option from 0 to {len(question.options) - 1}", field="choice")
    return index


@transaction.atomic
def answer_question(
    question: PanelQuestion,
    member: PanelMember,
    *,
    text: str = "",
    choice: Any = None,
    source: str = AnswerSource.MANAGER,
    actor: User | None,
) -> PanelAnswer:
    """Record a member's answer and vote; a second answer replaces the first (one vote
    per member per question). Only an open question, only a consenting member."""
    question = PanelQuestion.objects.select_for_update().get(pk=question.pk)
    if member.organization_id != question.organization_id:
        raise ServiceError("not on this organisation's panel", field="member")
    if not member.is_active:
        raise ServiceError(
            "only a member who consented (and has not left) can answer", field="member"
        )
    if question.status != QuestionStatus.OPEN:
        raise ServiceError("only an open question takes answers", field="question")
    index = _choice(question, choice)
    text = (text or "").strip()
    if not text and index is None:
        raise ServiceError("give an answer or a vote", field="text")
    if len(text) > 5000:
        raise ServiceError("at most 5000 characters", field="text")
    if source not in AnswerSource.values:
        raise ServiceError(f"unknown source {source!r}", field="source")
    answer = PanelAnswer.objects.filter(question=question, member=member).first()
    action = Action.UPDATE
    before: dict[str, Any] = {}
    if answer is None:
        answer = PanelAnswer(organization=question.organization, question=question, member=member)
        action = Action.CREATE
    else:
        before = audit.snapshot(answer, ANSWER_FIELDS)
    answer.text, answer.choice, answer.source = text, index, source
    answer.stamp(actor)
    answer.save()
    after = audit.snapshot(answer, ANSWER_FIELDS)
    audit.record(
        question.organization,
        actor,
        action,
        answer,
        after if action == Action.CREATE else audit.diff(before, after),
    )
    return answer


@transaction.atomic
def delete_answer(answer: PanelAnswer, *, actor: User | None) -> None:
    audit.record(answer.organization, actor, Action.DELETE, answer)
    answer.delete()


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionResult:
    index: int
    option: str
    votes: int
    share: float  # 0..1 of the votes cast


@dataclass(frozen=True)
class Results:
    options: list[OptionResult]
    votes: int
    answers: int  # members who answered (text or vote), erased ones included

    @property
    def winner(self) -> OptionResult | None:
        ranked = sorted(self.options, key=lambda o: -o.votes)
        if not ranked or not ranked[0].votes:
            return None
        if len(ranked) > 1 and ranked[1].votes == ranked[0].votes:
            return None
        return ranked[0]


def results(question: PanelQuestion) -> Results:
    """Votes and shares per option, the erased members' numbers included."""
    counts: Counter[int] = Counter(
        question.answers.exclude(choice=None).values_list("choice", flat=True)
    )
    for key, value in (question.erased_votes or {}).items():
        counts[int(key)] += int(value)
    total = sum(counts[i] for i in range(len(question.options)))
    options = [
        OptionResult(i, option, counts[i], counts[i] / total if total else 0.0)
        for i, option in enumerate(question.options)
    ]
    return Results(options, total, question.answers.count() + question.erased_answers)


# --- CSV import -----------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did; ``errors`` are (line number, reason) of the refused lines."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ServiceError(f"give yes or no, not {value!r}", field="consent")


def _import_line(
    organization: Organization, record: Mapping[str, str | None], actor: User | None
) -> bool:
    """Create or update the member of one line (matched by e-mail); True when created."""
    values = {name: unguard((record.get(name) or "").strip()) for name in CSV_COLUMNS}
    if not values["name"]:
        raise ServiceError("a name is required", field="name")
    if not values["email"]:
        raise ServiceError("an e-mail address is required", field="email")
    changes: dict[str, Any] = {
        name: values[name] for name in ("name", "email", "segment", "handle") if name in record
    }
    if "consent" in record:
        changes["consent"] = _yes_no(values["consent"])
    existing = (
        PanelMember.objects.for_org(organization).filter(email=values["email"].lower()).first()
    )
    if existing is None:
        create_member(organization, actor=actor, **changes)
        return True
    update_member(existing, changes, actor=actor)
    return False


def import_members_csv(
    organization: Organization, stream: IO[Any], actor: User | None
) -> ImportResult:
    """Add or update the members of a CSV file (header: ``CSV_COLUMNS``; name and e-mail
    required). A member with the same e-mail address is updated. A bad line is refused
    with its line number, field and reason; the valid lines are kept."""
    reader = dict_reader(csv_text(stream, windows_1252=False))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ServiceError(f"the header lacks the column(s): {', '.join(missing)}")
    reader.fieldnames = header
    result = ImportResult()

    def refuse(line: int, reason: str) -> None:
        result.errors.append((line, reason))

    for number, (line, record) in enumerate(csv_rows(reader, refuse), start=1):
        if number > MAX_IMPORT_ROWS:
            refuse(line, f"more than {MAX_IMPORT_ROWS} lines")
            break
        try:
            with transaction.atomic():
                created = _import_line(organization, record, actor)
        except ServiceError as error:
            reason = f"{error.field}: {error.message}" if error.field else error.message
            result.errors.append((line, reason))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result


def recent(day: date | None, days: int) -> bool:
    """Whether ``day`` lies within the last ``days`` days."""
    return day is not None and day >= timezone.localdate() - timedelta(days=days)
