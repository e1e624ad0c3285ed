"""Owners set the department a member leads, on the Members page and through the API;
an unknown department is refused."""

from django.urls import reverse

from socialroadmap.organizations.models import Membership


def test_the_owner_sets_a_members_department_on_the_members_page(owner, member) -> None:
    membership = Membership.objects.get(user=member.user)
    page = reverse("organizations:member_role", args=["acme", membership.pk])
    client = owner.client()
    client.post(page, {"role": "contributor", "department": "marketing"})
    membership.refresh_from_db()
    assert (membership.role, membership.department) == ("contributor", "marketing")
    client.post(page, {"role": "contributor", "department": "catering"})
    membership.refresh_from_db()
    assert membership.department == "marketing"
    client.post(page, {"role": "contributor", "department": ""})
    membership.refresh_from_db()
    assert membership.department == ""


def test_the_owner_sets_a_department_through_the_api(owner, member) -> None:
    membership = Membership.objects.get(user=member.user)
    address = f"/api/v1/organizations/acme/members/{membership.pk}/"
    answer = owner.api().patch(address, {"department": "hr"}, format="json")
    assert answer.status_code == 200 and answer.json()["department"] == "hr"
    bad = owner.api().patch(address, {"department": "catering"}, format="json")
    assert bad.status_code == 400 and "department" in bad.json()
    assert member.api().patch(address, {"department": "it"}, format="json").status_code == 403
    membership.refresh_from_db()
    assert membership.department == "hr"
