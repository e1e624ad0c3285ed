import pytest

from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.model import load_model
from socialroadmap.organizations.services import add_member
from socialroadmap.roadmap import services
from socialroadmap.roadmap.models import ActionPoint, Answer, Assessment, RoadmapItem
from tests.conftest import Persona

MODEL = load_model()


def best(stage_max: int) -> dict[str, str]:
    return {
        q.id: q.options[-1].value
        for q in MODEL.questions
        if MODEL.project(q.project).stage <= stage_max
    }


def test_a_new_assessment_starts_from_the_previous_answers(owner: Persona) -> None:
    first = services.start_assessment(owner.organization, owner.user)
    services.save_answers(first, best(1), actor=owner.user)
    services.submit_assessment(first, actor=owner.user)
    second = services.start_assessment(owner.organization, owner.user)
    assert second.pk != first.pk
    assert services.answers_of(second) == best(1)
    assert services.compute_result(second).stage == 2


def test_a_draft_is_resumed_not_duplicated(owner: Persona) -> None:
    first = services.start_assessment(owner.organization, owner.user)
    services.save_answers(
        first,
        {"knowledge_training_programme": MODEL.questions[0].options[1].value},
        actor=owner.user,
    )
    again = services.start_assessment(owner.organization, owner.user)
    assert again.pk == first.pk
    assert Assessment.objects.count() == 1


def test_bad_answers_are_refused_whole(owner: Persona) -> None:
    assessment = services.start_assessment(owner.organization, owner.user)
    good = MODEL.questions[0]
    with pytest.raises(ServiceError, match="unknown question id 'nope'"):
        services.save_answers(
            assessment, {good.id: good.options[-1].value, "nope": "x"}, actor=owner.user
        )
    assert not Answer.objects.exists()


def test_submitting_freezes_the_result_and_moves_the_board(owner: Persona) -> None:
    assessment = services.start_assessment(owner.organization, owner.user)
    services.save_answers(assessment, best(1), actor=owner.user)
    submitted = services.submit_assessment(assessment, actor=owner.user)
    assert (submitted.stage, submitted.complete) == (2, False)
    assert submitted.result["stage"]["name_nl"] == "Eerste structuur en pilootprojecten"
    assert RoadmapItem.objects.get(project=1).status == "done"
    assert RoadmapItem.objects.get(project=5).status == "not_started"
    with pytest.raises(ServiceError, match="submitted already"):
        services.submit_assessment(submitted, actor=owner.user)
    with pytest.raises(ServiceError, match="cannot be changed"):
        services.save_answers(submitted, {}, actor=owner.user)


def test_the_board_is_created_once_with_the_models_action_points(owner: Persona) -> None:
    services.ensure_board(owner.organization)
    services.ensure_board(owner.organization)
    assert RoadmapItem.objects.count() == 13
    assert ActionPoint.objects.count() == sum(len(p.action_points) for p in MODEL.projects)
    point = ActionPoint.objects.filter(item__project=2).first()
    assert point is not None
    assert point.display_text("nl") == MODEL.project(2).action_points[0].text.nl


def test_a_stale_edit_is_refused(owner: Persona, manager: Persona) -> None:
    item = services.ensure_board(owner.organization)[4]
    services.update_roadmap_item(item, {"notes": "mine"}, actor=owner.user, expected_version=1)
    with pytest.raises(services.ConflictError, match="someone else changed this"):
        services.update_roadmap_item(
            item, {"notes": "theirs"}, actor=manager.user, expected_version=1
        )
    item.refresh_from_db()
    assert (item.notes, item.version) == ("mine", 2)


def test_the_owner_of_an_item_must_be_a_member(owner: Persona, outsider: Persona) -> None:
    item = services.ensure_board(owner.organization)[0]
    with pytest.raises(ServiceError, match="must be a member"):
        services.update_roadmap_item(
            item, {"owner": outsider.user}, actor=owner.user, expected_version=None
        )


def test_ticked_action_points_count_as_evidence(owner: Persona) -> None:
    assessment = services.start_assessment(owner.organization, owner.user)
    before = services.compute_result(assessment).project(3)
    items = services.ensure_board(owner.organization)
    for point in items[2].action_points.all()[:3]:
        services.set_action_point_done(point, True, actor=owner.user)
    after = services.compute_result(assessment).project(3)
    assert after.progress > before.progress
    assert after.source == "evidence"
    assert "action points done" in after.evidence[0].label.en


def test_a_conversation_manager_in_the_product_is_evidence_for_project_6(
    owner: Persona, other_org
) -> None:
    assessment = services.start_assessment(owner.organization, owner.user)
    assert services.compute_result(assessment).project(6).progress == 0
    from socialroadmap.accounts.models import User

    add_member(owner.organization, User.objects.create_user("cm@acme.test"), "manager")
    assert services.compute_result(assessment).project(6).progress > 0


def test_the_board_follows_assessments_until_set_by_hand(owner: Persona) -> None:
    first = services.start_assessment(owner.organization, owner.user)
    services.save_answers(first, best(1), actor=owner.user)
    services.submit_assessment(first, actor=owner.user)
    item = RoadmapItem.objects.get(project=1)
    assert (item.status, item.version) == ("done", 2)  # moved by the result, version bumped
    services.update_roadmap_item(
        item, {"status": "in_progress"}, actor=owner.user, expected_version=2
    )
    second = services.start_assessment(owner.organization, owner.user)
    services.submit_assessment(second, actor=owner.user)
    assert RoadmapItem.objects.get(project=1).status == "in_progress"
