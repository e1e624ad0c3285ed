"""Objects of acme's knowledge programme for tests/test_every_route.py."""

from __future__ import annotations

from django.utils import timezone

from tests.conftest import Persona

PK_KIND = {
    "knowledge:module": "knowledge_module",
    "knowledge:quiz": "knowledge_module",
    "knowledge:question": "knowledge_question",
    "knowledge:completion": "knowledge_completion",
    "knowledge-module": "knowledge_module",
    "knowledge-completion": "knowledge_completion",
}

# Any member on the roster takes a quiz for themselves; a pass records their completion.
VIEWER_MAY = {"knowledge:quiz": ("knowledge.completion",)}


def targets(owner: Persona) -> dict[str, object]:
    """A module with a quiz question and a completion, of acme."""
    from socialroadmap.internalscan.services import create_employee
    from socialroadmap.knowledge import services

    module = services.create_module(
        owner.organization, title="Basics", level=1, compulsory=True, actor=owner.user
    )
    question = services.add_question(
        module, text="Why?", options=["A", "B"], correct=1, actor=owner.user
    )
    person = create_employee(
        owner.organization, full_name="Route Person", email="member@acme.test", actor=owner.user
    )
    [completion] = services.record_completions(
        module, [person], completed_on=timezone.localdate(), actor=owner.user
    )
    return {
        "knowledge_module": module.pk,
        "module_pk": module.pk,
        "knowledge_question": question.pk,
        "knowledge_completion": completion.pk,
    }
