from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from socialroadmap.leverage.imports import template_csv
from socialroadmap.leverage.models import Communication
from tests.leverage.helpers import communication, many


def url(name: str, *args: object) -> str:
    return reverse(f"leverage:{name}", args=["acme", *args])


def test_the_empty_page_says_what_to_register(member) -> None:
    page = member.client().get(url("overview"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="leverage-empty"' in text
    assert "Register at least five linked and five unlinked" in text
    assert url("communication_add") not in text  # a viewer changes nothing


def test_the_page_shows_the_lift_sentence_and_chart(manager) -> None:
    many(manager.organization, 8, 8)
    page = manager.client().get(url("overview"))
    text = page.content.decode()
    assert "Linked communications reached 12% more (95% interval" in text
    assert "based on 8 linked and 8 unlinked" in text
    assert 'data-testid="leverage-chart"' in text
    assert 'data-testid="leverage-interval"' in text
    assert "reported in the original research (not independently measured)" in text
    assert "style=" not in text and "<script>" not in text


def test_the_metric_is_chosen_in_the_address(manager) -> None:
    many(manager.organization, 8, 8)
    page = manager.client().get(url("overview"), {"metric": "visits", "per": "cost"})
    assert "Too few communications to tell" in page.content.decode()
    bad = manager.client().get(url("overview"), {"metric": "nonsense"})
    assert bad.status_code == 200  # falls back to reach
    assert "reached 12% more" in bad.content.decode()


def test_too_few_says_so(manager) -> None:
    many(manager.organization, 3, 2)
    text = manager.client().get(url("overview")).content.decode()
    assert "Too few communications to tell: add at least 5 of each" in text
    assert 'data-testid="leverage-interval"' not in text


def test_a_manager_registers_edits_and_deletes(manager) -> None:
    client = manager.client()
    response = client.post(
        url("communication_add"),
        {
            "name": "Radio spot",
            "channel": "tv_radio",
            "starts_on": "2026-02-01",
            "linked": "on",
            "links": ["hashtag", "call_to_action"],
            "reach": "40000",
            "cost": "5400",
        },
    )
    assert response.status_code == 302
    row = Communication.objects.get(name="Radio spot")
    assert row.links == ["hashtag", "call_to_action"] and row.linked
    response = client.post(
        url("communication_edit", row.pk),
        {"name": "Radio spot", "channel": "tv_radio", "starts_on": "2026-02-01", "reach": "-1"},
    )
    assert response.status_code == 200  # refused at the field
    assert "errorlist" in response.content.decode()
    confirm = client.get(url("communication_delete", row.pk))
    assert "Delete Radio spot" in confirm.content.decode()
    assert client.post(url("communication_delete", row.pk)).status_code == 302
    assert not Communication.objects.exists()


def test_the_confirmation_lists_the_controls_that_lose_their_pairing(manager) -> None:
    linked = communication(manager.organization, "Linked", linked=True)
    communication(manager.organization, "Plain half", is_control=True, control_for=linked)
    text = manager.client().get(url("communication_delete", linked.pk)).content.decode()
    assert 'data-testid="leverage-goes-with-it"' in text and "Plain half" in text


def test_a_bad_form_shows_the_message_at_its_field(manager) -> None:
    response = manager.client().post(
        url("communication_add"),
        {"name": "Odd", "channel": "event", "starts_on": "2026-02-01", "links": ["hashtag"]},
    )
    assert response.status_code == 200
    assert "only a communication linked to the social platforms has links" in (
        response.content.decode()
    )


def test_import_page(manager) -> None:
    upload = SimpleUploadedFile("c.csv", template_csv().encode() + b"Bad,,,\n")
    page = manager.client().post(url("communications_import"), {"file": upload})
    text = page.content.decode()
    assert 'data-testid="leverage-import-result"' in text
    assert 'data-testid="leverage-import-errors"' in text
    assert Communication.objects.count() == 2


def test_template_download(member) -> None:
    response = member.client().get(url("communications_template"))
    assert response.status_code == 200
    assert b"name,channel,starts_on" in response.content


@pytest.mark.parametrize("name", ["communication_add", "communications_import"])
def test_a_viewer_may_not_write(member, name) -> None:
    assert member.client().get(url(name)).status_code == 403


def test_owner_sees_the_table_with_actions(owner) -> None:
    row = communication(owner.organization, reach=5, starts_on=date(2026, 3, 1))
    text = owner.client().get(url("overview")).content.decode()
    assert 'data-testid="leverage-table"' in text
    assert url("communication_edit", row.pk) in text


def test_an_outsider_gets_404(owner, outsider) -> None:
    row = communication(owner.organization)
    client = outsider.client()
    assert client.get(url("overview")).status_code == 404
    assert client.get(url("communication_edit", row.pk)).status_code == 404
    other = reverse("leverage:communication_edit", args=["globex", row.pk])
    assert client.get(other).status_code == 404


def test_the_demo_page_shows_a_lift_and_the_pairs_note(owner) -> None:
    from socialroadmap.leverage import demo

    demo.seed(owner.organization, owner.user)
    text = owner.client().get(url("overview")).content.decode()
    assert 'data-verdict="a lift"' in text
    assert 'data-testid="leverage-pairs"' in text
    assert "2 communications have a control" in text
