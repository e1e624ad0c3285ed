"""The sounding board's services: validation, consent, answers and votes, transitions,
decisions, erasure, all in the audit log."""

from __future__ import annotations

import pytest
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion
from tests.conftest import Persona
from tests.panel.helpers import member, open_question


def entries(organization: Organization, kind: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(organization=organization, area="panel", kind=kind).order_by("pk")
    )


def test_a_member_with_consent_records_when_and_by_whom(owner: Persona) -> None:
    person = services.create_member(
        owner.organization,
        name=" An Peeters ",
        email="AN@Example.be",
        handle="Instagram:@An.Brews",
        segment="horeca",
        consent=True,
        actor=owner.user,
    )

    assert person.name == "An Peeters"
    assert person.email == "an@example.be"
    assert person.handle == "instagram:an.brews"
    assert person.is_active
    assert person.consent_by == owner.user.email
    assert person.consent_at is not None
    assert person.joined_on == timezone.localdate()
    [entry] = entries(owner.organization, "panelmember")
    assert entry.action == "create"
    assert entry.changes["email"] == "an@example.be"


def test_without_consent_a_member_is_a_draft(org: Organization) -> None:
    draft = member(org, consent=False)
    assert not draft.is_active
    assert draft.consent_at is None


def test_withdrawing_consent_deactivates_and_giving_it_again_reactivates(
    owner: Persona,
) -> None:
    person = member(owner.organization)
    person = services.record_consent(person, False, actor=owner.user)
    assert not person.is_active
    assert person.left_on == timezone.localdate()
    assert entries(owner.organization, "panelmember")[-1].changes["consent"] == [True, False]

    person = services.record_consent(person, True, actor=owner.user)
    assert person.is_active
    assert person.left_on is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "A", "email": "not-an-address"}, "email"),
        ({"name": "A", "handle": "https://x.com/a"}, "handle"),
        ({"name": "A", "handle": "myspace:a"}, "handle"),
        ({"name": "A", "joined_on": "2026-02-01", "left_on": "2026-01-01"}, "left_on"),
    ],
)
def test_bad_members_are_refused_at_their_field(
    org: Organization, fields: dict[str, str], field: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        services.create_member(org, actor=None, **fields)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_an_address_is_on_the_panel_once(org: Organization) -> None:
    member(org, "An Peeters", email="an@example.be")
    with pytest.raises(ServiceError, match="already on the panel") as refused:
        member(org, "An P.", email="AN@example.be")
    assert refused.value.field == "email"
    # Members without an address (invited candidates) do not clash.
    member(org, "One", email="")
    member(org, "Two", email="")


def test_questions_check_their_options(org: Organization) -> None:
    for options in (["Only one"], ["A", "B", "C", "D", "E", "F", "G"], ["A", "a"]):
        with pytest.raises(ServiceError) as refused:
            services.create_question(org, title="Q", options=options, actor=None)
        assert refused.value.field == "options"
    question = services.create_question(org, title="Q", options=["A", " ", "B"], actor=None)
    assert question.options == ["A", "B"]
    assert question.status == "draft"


def test_the_status_moves_draft_open_closed_decided(owner: Persona) -> None:
    question = services.create_question(owner.organization, title="Q", actor=owner.user)
    with pytest.raises(ServiceError, match="cannot become closed"):
        services.transition_question(question, "closed", actor=owner.user)
    with pytest.raises(ServiceError, match="unknown status"):
        services.transition_question(question, "sideways", actor=owner.user)

    question = services.transition_question(question, "open", actor=owner.user)
    assert question.opens_on == timezone.localdate()
    question = services.transition_question(question, "closed", actor=owner.user)
    assert question.closes_on == timezone.localdate()
    with pytest.raises(ServiceError) as refused:
        services.transition_question(question, "decided", actor=owner.user)
    assert refused.value.field == "decision"

    question = services.record_decision(
        question, decision="Sidamo it is", decision_link="Winter blend", actor=owner.user
    )
    assert question.status == "decided"
    assert question.decided_on == timezone.localdate()
    assert question.decided_by == owner.user.full_name
    with pytest.raises(ServiceError):
        services.transition_question(question, "open", actor=owner.user)
    statuses = [e.changes["status"] for e in entries(owner.organization, "panelquestion")[1:]]
    assert statuses == [["draft", "open"], ["open", "closed"], ["closed", "decided"]]


def test_one_vote_per_member_per_question_answering_again_replaces(owner: Persona) -> None:
    question = open_question(owner.organization)
    person = member(owner.organization)

    services.answer_question(question, person, choice=0, text="Fruity", actor=owner.user)
    answer = services.answer_question(question, person, choice=1, actor=None, source="member")

    assert PanelAnswer.objects.filter(question=question).count() == 1
    assert (answer.choice, answer.text, answer.source) == (1, "", "member")
    result = services.results(question)
    assert [(o.option, o.votes, o.share) for o in result.options] == [
        ("Sidamo", 0, 0.0),
        ("Huila", 1, 1.0),
    ]
    actions = [e.action for e in entries(owner.organization, "panelanswer")]
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"choice": 5}, "choice"),
        ({"choice": "x"}, "choice"),
        ({}, "text"),
        ({"text": "x" * 5001}, "text"),
    ],
)
def test_bad_answers_are_refused(org: Organization, kwargs: dict[str, object], field: str) -> None:
    question = open_question(org)
    with pytest.raises(ServiceError) as refused:
        services.answer_question(question, member(org), actor=None, **kwargs)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_only_consenting_members_answer_only_open_questions(org: Organization) -> None:
    question = open_question(org)
    with pytest.raises(ServiceError, match="consented"):
        services.answer_question(question, member(org, consent=False), text="Hi", actor=None)
    draft = services.create_question(org, title="Draft", actor=None)
    with pytest.raises(ServiceError, match="open question"):
        services.answer_question(draft, member(org, "Bo Claes"), text="Hi", actor=None)


def test_a_question_without_options_takes_no_vote(org: Organization) -> None:
    question = open_question(org, options=[])
    with pytest.raises(ServiceError, match="nothing to vote on"):
        services.answer_question(question, member(org), choice=0, actor=None)


def test_options_cannot_change_once_voted(org: Organization) -> None:
    question = open_question(org)
    services.answer_question(question, member(org), choice=0, actor=None)
    with pytest.raises(ServiceError, match="have voted"):
        services.update_question(question, {"options": ["X", "Y"]}, actor=None)
    services.update_question(question, {"title": "Which origin this winter?"}, actor=None)


def test_erasure_takes_answers_and_votes_blanks_the_log_and_keeps_closed_counts(
    owner: Persona,
) -> None:
    org = owner.organization
    closed = open_question(org, "Closed one")
    still_open = open_question(org, "Open one")
    person = member(org, "An Peeters", notes="Owner of Café De Ploeg")
    other = member(org, "Bo Claes")
    services.answer_question(closed, person, choice=0, text="Sidamo!", actor=owner.user)
    services.answer_question(closed, other, choice=1, actor=owner.user)
    services.answer_question(still_open, person, text="Yes", actor=owner.user)
    closed = services.transition_question(closed, "closed", actor=owner.user)

    assert services.goes_with(person) == [("panel answers", 2)]
    services.erase_member(person, actor=owner.user)

    assert not PanelMember.objects.filter(name="An Peeters").exists()
    assert not PanelAnswer.objects.filter(text__in=["Sidamo!", "Yes"]).exists()
    closed = PanelQuestion.objects.get(pk=closed.pk)
    result = services.results(closed)
    assert [o.votes for o in result.options] == [1, 1]
    assert result.answers == 2
    assert services.results(still_open).answers == 0
    log = AuditEntry.objects.filter(organization=org)
    assert not log.filter(label__icontains="An Peeters").exists()
    assert "Café De Ploeg" not in str(list(log.values_list("changes", flat=True)))
    assert "an@example.be" not in str(list(log.values_list("changes", flat=True)))
    assert log.filter(action="delete", label=services.ERASED, kind="panelmember").exists()


def test_deleting_a_question_takes_its_answers(owner: Persona) -> None:
    question = open_question(owner.organization)
    services.answer_question(question, member(owner.organization), choice=0, actor=None)
    gone = services.delete_question(question, actor=owner.user)
    assert gone["answers"] == 1
    assert not PanelAnswer.objects.exists()
    assert entries(owner.organization, "panelquestion")[-1].changes == {"answers": 1}


def test_a_decision_can_be_corrected(owner: Persona) -> None:
    question = open_question(owner.organization)
    question = services.transition_question(question, "closed", actor=owner.user)
    with pytest.raises(ServiceError, match="no decision yet"):
        services.update_decision(question, {"decision": "X"}, actor=owner.user)
    question = services.record_decision(question, decision="Sidamo", actor=owner.user)
    question = services.update_decision(
        question, {"decision": "Sidamo, light roast"}, actor=owner.user
    )
    assert question.decision == "Sidamo, light roast"
