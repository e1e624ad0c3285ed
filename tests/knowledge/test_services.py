"""The programme's services: modules, questions, completions, coverage and overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.services import erase_employee
from socialroadmap.knowledge import services
from socialroadmap.knowledge.coverage import coverage, overdue
from socialroadmap.knowledge.models import Completion, Question
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona
from tests.knowledge.helpers import backdate, module, person, with_quiz

TODAY = timezone.localdate()


def test_it_creates_a_module_stamps_who_and_logs_it(owner: Persona) -> None:
    basics = services.create_module(
        owner.organization,
        title=" Social media basics ",
        level=1,
        compulsory=True,
        departments=["Sales", " sales ", "Marketing"],
        due_days=30,
        actor=owner.user,
    )

    assert basics.title == "Social media basics"
    assert basics.departments == ["Marketing", "Sales"]
    assert basics.created_by == owner.user
    entry = AuditEntry.objects.get(kind="module")
    assert (entry.action, entry.area, entry.actor) == ("create", "knowledge", owner.user)
    assert entry.changes["title"] == "Social media basics"


def test_it_validates_the_fields_of_a_module(org: Organization) -> None:
    module(org, "Basics")
    with pytest.raises(ServiceError, match="already a module") as caught:
        module(org, "BASICS")
    assert caught.value.field == "title"
    for fields, name in (
        ({"level": 4}, "level"),
        ({"pass_mark": 101}, "pass_mark"),
        ({"due_days": 0}, "due_days"),
        ({"material_url": "not a link"}, "material_url"),
        ({"departments": "x" * 101}, "departments"),
        ({"departments": [3]}, "departments"),
    ):
        with pytest.raises(ServiceError) as caught:
            module(org, "Other", **fields)
        assert caught.value.field == name, fields
    with pytest.raises(ServiceError, match="unknown fields"):
        module(org, "Other", password="x")
    assert not AuditEntry.objects.filter(label="Other").exists()


def test_it_updates_and_deletes_a_module_with_what_goes_with_it(owner: Persona) -> None:
    crisis = with_quiz(owner.organization)
    ann = person(owner.organization, "Ann")
    services.record_completions(crisis, [ann], completed_on=TODAY, actor=owner.user)

    services.update_module(crisis, {"pass_mark": 75, "title": "Crisis online"}, actor=owner.user)
    entry = AuditEntry.objects.filter(kind="module", action="update").get()
    assert entry.changes == {"title": ["Crisis", "Crisis online"], "pass_mark": [None, 75]}
    services.update_module(crisis, {"pass_mark": 75}, actor=owner.user)
    assert AuditEntry.objects.filter(kind="module", action="update").count() == 1

    gone = services.delete_module(crisis, actor=owner.user)
    assert (gone["completions"], gone["questions"]) == (1, 2)
    assert not Question.objects.exists() and not Completion.objects.exists()
    assert AuditEntry.objects.get(kind="module", action="delete").changes["completions"] == 1


def test_questions_have_two_to_six_options_and_one_right_answer(org: Organization) -> None:
    crisis = module(org, "Crisis")
    for options, correct, name in (
        (["Only one"], 1, "options"),
        ([str(n) for n in range(7)], 1, "options"),
        (["Same", "same"], 1, "options"),
        (["A", "B"], 3, "correct"),
        (["A", "B"], 0, "correct"),
    ):
        with pytest.raises(ServiceError) as caught:
            services.add_question(crisis, text="Q?", options=options, correct=correct, actor=None)
        assert caught.value.field == name
    question = services.add_question(crisis, text="Q?", options="A\nB\n\nC", correct=3, actor=None)
    assert (question.options, question.right_option, question.position) == (["A", "B", "C"], "C", 1)
    services.update_question(question, {"options": ["A", "B"], "correct": 1}, actor=None)
    with pytest.raises(ServiceError):
        services.update_question(question, {"options": ["A", "B"], "correct": 3}, actor=None)
    services.delete_question(question, actor=None)
    actions = list(AuditEntry.objects.filter(kind="question").values_list("action", flat=True))
    assert sorted(actions) == ["create", "delete", "update"]


def test_a_manager_records_several_completions_at_once(owner: Persona) -> None:
    basics = module(owner.organization)
    ann, bart = person(owner.organization, "Ann"), person(owner.organization, "Bart")

    made = services.record_completions(
        basics, [ann, bart], completed_on=TODAY, score=80, actor=owner.user
    )
    again = services.record_completions(basics, [ann], completed_on=TODAY, actor=owner.user)

    assert len(made) == 2 and again == []
    assert {c.source for c in made} == {"manager"}
    assert AuditEntry.objects.filter(kind="completion", action="create").count() == 2
    with pytest.raises(ServiceError, match="future") as caught:
        services.record_completions(
            basics,
            [person(owner.organization, "Cis")],
            completed_on=TODAY + timedelta(days=1),
            actor=None,
        )
    assert caught.value.field == "completed_on"
    with pytest.raises(ServiceError, match="at least one"):
        services.record_completions(basics, [], completed_on=TODAY, actor=None)
    services.delete_completion(made[0], actor=owner.user)
    assert Completion.objects.count() == 1
    assert AuditEntry.objects.filter(kind="completion", action="delete").exists()


def test_another_organisations_people_and_modules_are_refused(
    org: Organization, other_org: Organization
) -> None:
    basics = module(org)
    stranger = person(other_org, "Stranger")
    with pytest.raises(ServiceError, match="roster"):
        services.record_completions(basics, [stranger], completed_on=TODAY, actor=None)
    ann = person(org, "Ann")
    services.create_completion(org, module=basics, employee=ann, completed_on=TODAY, actor=None)
    with pytest.raises(ServiceError, match="already completed"):
        services.create_completion(org, module=basics, employee=ann, completed_on=TODAY, actor=None)
    with pytest.raises(ServiceError, match="no such module"):
        services.create_completion(
            other_org, module=basics, employee=stranger, completed_on=TODAY, actor=None
        )


def test_erasing_a_person_removes_their_completions(org: Organization) -> None:
    ann = person(org, "Ann")
    services.record_completions(module(org), [ann], completed_on=TODAY, actor=None)

    erase_employee(ann, actor=None)

    assert not Completion.objects.exists()


def test_coverage_counts_departments_however_they_are_spelled(org: Organization) -> None:
    basics = module(org, departments=["Sales", "klantendienst"])
    listening = module(org, "Listening", level=2, departments=["KLANTENDIENST"])
    module(org, "Optional", level=2, compulsory=False)
    ann = person(org, "Ann", " sales ")
    bart = person(org, "Bart", "SALES")
    cis = person(org, "Cis", "Klantendienst")
    person(org, "Dirk", "IT")
    services.record_completions(basics, [ann, cis], completed_on=TODAY, actor=None)
    services.record_completions(listening, [bart], completed_on=TODAY, actor=None)

    table = coverage(org)

    rows = {row.key: row for row in table.rows}
    assert set(rows) == {"sales", "klantendienst", "it"}
    sales, service, it = rows["sales"], rows["klantendienst"], rows["it"]
    assert sales.people == 2 and sales.department in ("sales", "SALES")
    assert (sales.levels[1].done, sales.levels[1].required, sales.levels[1].percent) == (1, 2, 50)
    assert sales.levels[2].required == 0 and sales.levels[2].share is None
    assert (service.levels[1].done, service.levels[2].done, service.levels[2].required) == (1, 0, 1)
    assert (service.all_levels.done, service.all_levels.required) == (0, 1)
    assert it.levels[1].required == 0
    assert (table.total.people, table.total.levels[1].done, table.total.levels[1].required) == (
        4,
        2,
        3,
    )


def test_a_module_for_everybody_covers_people_without_a_department(org: Organization) -> None:
    basics = module(org)
    ann = person(org, "Ann")
    person(org, "Bart", "HR")
    services.record_completions(basics, [ann], completed_on=TODAY, actor=None)

    rows = {row.key: row for row in coverage(org).rows}

    assert (rows[""].levels[1].done, rows[""].levels[1].required) == (1, 1)
    assert (rows["hr"].levels[1].done, rows["hr"].levels[1].required) == (0, 1)


def test_overdue_counts_from_the_later_of_module_and_arrival(org: Organization) -> None:
    basics = module(org, due_days=30, departments=["Sales"])
    module(org, "No deadline", level=2)
    old_hand = person(org, "Ann", "Sales")
    newcomer = person(org, "Bart", "sales")
    done = person(org, "Cis", "Sales")
    person(org, "Dirk", "IT")
    backdate(basics, 60)
    backdate(old_hand, 400)
    backdate(newcomer, 10)
    backdate(done, 400)
    services.record_completions(basics, [done], completed_on=TODAY, actor=None)

    late = overdue(org)

    assert [(item.employee.full_name, item.module.title) for item in late] == [
        ("Ann", basics.title)
    ]
    assert late[0].due_on == timezone.localdate(basics.created_at) + timedelta(days=30)
    assert [i.employee.full_name for i in overdue(org, TODAY + timedelta(days=21))] == [
        "Ann",
        "Bart",
    ]
