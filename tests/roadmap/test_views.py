import re
import subprocess
from datetime import date

import pytest

from socialroadmap.engine.model import load_model
from socialroadmap.roadmap import services
from socialroadmap.roadmap.models import ActionPoint, Assessment
from tests.conftest import Persona

MODEL = load_model()


@pytest.fixture
def submitted(owner: Persona) -> Assessment:
    assessment = services.start_assessment(owner.organization, owner.user)
    answers = {q.id: q.options[-1].value for q in MODEL.questions if q.project <= 4}
    lever = next(q for q in MODEL.questions if q.project == 12)
    answers[lever.id] = lever.options[-1].value
    services.save_answers(assessment, answers, actor=owner.user)
    return services.submit_assessment(assessment, actor=owner.user)


def test_the_form_saves_a_draft_and_submits(owner: Persona) -> None:
    client = owner.client()
    question = MODEL.questions[0]
    response = client.post(
        "/o/acme/assessment/", {f"q_{question.id}": question.options[1].value, "action": "save"}
    )
    assert response.status_code == 302
    page = client.get("/o/acme/assessment/").content.decode()
    assert f'value="{question.options[1].value}"' in page and "checked" in page
    response = client.post("/o/acme/assessment/", {"action": "submit"})
    assessment = Assessment.objects.get()
    assert response.url == f"/o/acme/assessments/{assessment.pk}/"
    assert assessment.status == "submitted"


def test_a_viewer_reads_results_but_does_not_answer(member: Persona, submitted: Assessment) -> None:
    client = member.client()
    assert client.get("/o/acme/assessment/").status_code == 403
    page = client.get(f"/o/acme/assessments/{submitted.pk}/").content.decode()
    assert "Stage 2: First structure and pilot projects" in page
    assert "Project 12 (stage 4) is moving while stage 2 is unfinished" in page


def test_the_result_speaks_dutch(owner: Persona, submitted: Assessment) -> None:
    owner.user.language = "nl"
    owner.user.save()
    page = owner.client().get(f"/o/acme/assessments/{submitted.pk}/").content.decode()
    assert "Eerste structuur en pilootprojecten" in page


def test_empty_states_point_to_the_assessment(owner: Persona) -> None:
    client = owner.client()
    assert b"Start the assessment" in client.get("/o/acme/result/").content
    assert b"Start the assessment" in client.get("/o/acme/history/").content


def test_the_pdf_report_names_the_stage_and_the_organisation(
    owner: Persona, submitted: Assessment, tmp_path
) -> None:
    response = owner.client().get(f"/o/acme/assessments/{submitted.pk}/report.pdf?lang=nl")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Acme Benelux" in text
    assert "Fase 2: Eerste structuur en pilootprojecten" in text


@pytest.mark.parametrize(
    ("fmt", "needle"), [("csv", "project,stage,name"), ("html", "<svg"), ("json", '"stage"')]
)
def test_other_report_formats(owner: Persona, submitted: Assessment, fmt: str, needle: str) -> None:
    response = owner.client().get(f"/o/acme/assessments/{submitted.pk}/report.{fmt}")
    assert response.status_code == 200
    assert needle in response.content.decode()


def test_a_draft_of_someone_else_stays_private(owner: Persona, manager: Persona) -> None:
    draft = services.start_assessment(owner.organization, owner.user)
    assert manager.client().get(f"/o/acme/assessments/{draft.pk}/").status_code == 404
    assert manager.client().get(f"/o/acme/assessments/{draft.pk}/report.pdf").status_code == 404


def test_ticking_an_action_point_with_htmx_returns_the_item(owner: Persona) -> None:
    services.ensure_board(owner.organization)
    point = ActionPoint.objects.filter(item__project=1).first()
    assert point is not None
    response = owner.client().post(
        f"/o/acme/points/{point.pk}/toggle/",
        {"done": "1", "version": point.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'aria-checked="true"' in response.content.decode()
    stale = owner.client().post(
        f"/o/acme/points/{point.pk}/toggle/",
        {"done": "0", "version": point.version},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 409
    point.refresh_from_db()
    assert point.done


def test_a_stale_board_edit_shows_a_conflict(owner: Persona, manager: Persona) -> None:
    services.ensure_board(owner.organization)
    form = {"status": "in_progress", "notes": "first", "version": 1}
    assert owner.client().post("/o/acme/roadmap/5/", form).status_code == 302
    response = manager.client().post("/o/acme/roadmap/5/", {**form, "notes": "second"}, follow=True)
    assert b"someone else changed this" in response.content


def test_history_and_benchmark(owner: Persona, submitted: Assessment) -> None:
    page = owner.client().get("/o/acme/history/").content.decode()
    assert 'data-testid="history-point"' in page
    assert "Pilot phase" in page
    assert "56% of companies were less far, 27% further." in page


def test_an_action_point_is_reworded_and_reset(owner: Persona) -> None:
    services.ensure_board(owner.organization)
    point = ActionPoint.objects.filter(item__project=2).first()
    assert point is not None
    client = owner.client()
    client.post(
        f"/o/acme/points/{point.pk}/edit/",
        {"text": "Ask legal for a review", "version": point.version},
    )
    point.refresh_from_db()
    assert point.display_text("nl") == "Ask legal for a review"
    client.post(f"/o/acme/points/{point.pk}/edit/", {"text": "", "version": point.version})
    point.refresh_from_db()
    assert point.display_text("nl") == MODEL.project(2).action_points[0].text.nl


def test_dutch_pages_keep_machine_formats(owner: Persona, submitted: Assessment) -> None:
    """Charts and date inputs need '.' decimals and ISO dates whatever the language."""
    import re

    owner.user.language = "nl"
    owner.user.save()
    client = owner.client()
    history = client.get("/o/acme/history/").content.decode()
    assert not re.search(r'c[xy]="\d+,\d', history)
    services.update_roadmap_item(
        services.ensure_board(owner.organization)[4],
        {"due_date": date(2027, 1, 10)},
        actor=owner.user,
        expected_version=None,
    )
    item = client.get("/o/acme/roadmap/5/").content.decode()
    assert 'value="2027-01-10"' in item


def test_each_card_with_a_tool_links_to_it(member: Persona) -> None:
    page = member.client().get("/o/acme/roadmap/").content.decode()

    links = re.findall(r'href="([^"]+)" data-testid="project-tool"', page)
    assert links == [
        "/o/acme/knowledge/",
        "/o/acme/policy/",
        "/o/acme/registry/",
        "/o/acme/internal-scan/",
        "/o/acme/pilots/",
        "/o/acme/excellence/",
        "/o/acme/listening/",
        "/o/acme/plans/",
        "/o/acme/panel/",
        "/o/acme/content/",
        "/o/acme/indicators/",
        "/o/acme/leverage/",
        "/o/acme/feedback/",
    ]
