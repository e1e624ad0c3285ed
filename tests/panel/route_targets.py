"""Objects of acme's sounding board for tests/test_every_route.py."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND = {
    "panel:member": "panel_member",
    "panel:question": "panel_question",
    "panel-member": "panel_member",
    "panel-question": "panel_question",
    "panel-answer": "panel_question",
}


def targets(owner: Persona) -> dict[str, object]:
    """A consenting member, an open question with their answer, and their link's token."""
    from socialroadmap.panel import services

    person = services.create_member(
        owner.organization, name="Route Person", email="route@example.be", consent=True, actor=None
    )
    question = services.create_question(
        owner.organization, title="Route question", options=["A", "B"], actor=owner.user
    )
    question = services.transition_question(question, "open", actor=owner.user)
    services.answer_question(question, person, choice=0, actor=owner.user)
    return {
        "panel_member": person.pk,
        "panel_question": question.pk,
        "question_pk": question.pk,
        "token": services.member_token(person),
    }
