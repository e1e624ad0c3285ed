"""Quizzes: the score, what was wrong, and the completion a pass records."""

from __future__ import annotations

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Completion
from socialroadmap.organizations.models import Organization
from tests.knowledge.helpers import module, person, questions, with_quiz


def test_all_right_passes_and_records_a_quiz_completion(org: Organization) -> None:
    crisis = with_quiz(org)
    ann = person(org, "Ann")
    first, second = questions(crisis)

    result = services.take_quiz(crisis, ann, {first.pk: 2, str(second.pk): "2"}, actor=None)

    assert (result.score, result.passed, result.mistakes) == (100, True, [])
    completion = Completion.objects.get()
    assert (completion.employee, completion.source, completion.score) == (ann, "quiz", 100)
    assert AuditEntry.objects.filter(kind="completion", action="create").count() == 1


def test_below_the_pass_mark_records_nothing_and_names_the_wrong_answers(
    org: Organization,
) -> None:
    crisis = with_quiz(org, pass_mark=60)
    ann = person(org, "Ann")
    first, second = questions(crisis)

    result = services.take_quiz(crisis, ann, {first.pk: 1}, actor=None)

    assert (result.score, result.passed, result.right, result.total) == (0, False, 0, 2)
    assert [(m.question, m.given, m.right) for m in result.mistakes] == [
        (first, "A press release", "Acknowledge it"),
        (second, "", "The crisis team"),
    ]
    assert not Completion.objects.exists()
    half = services.take_quiz(crisis, ann, {first.pk: 2, second.pk: 9}, actor=None)
    assert (half.score, half.passed) == (50, False)


def test_without_a_pass_mark_80_percent_is_needed_and_a_better_score_is_kept(
    org: Organization,
) -> None:
    crisis = with_quiz(org)
    ann = person(org, "Ann")
    first, second = questions(crisis)
    services.record_completions(crisis, [ann], completed_on=crisis.created_at.date(), actor=None)

    assert not services.take_quiz(crisis, ann, {first.pk: 2}, actor=None).passed
    services.take_quiz(crisis, ann, {first.pk: 2, second.pk: 2}, actor=None)

    completion = Completion.objects.get()
    assert (completion.score, completion.source) == (100, "manager")


def test_a_module_without_questions_has_no_quiz(org: Organization) -> None:
    with pytest.raises(ServiceError, match="no quiz"):
        services.take_quiz(module(org), person(org, "Ann"), {}, actor=None)
