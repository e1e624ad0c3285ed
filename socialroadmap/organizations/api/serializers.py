from __future__ import annotations

from rest_framework import serializers

from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Membership, Organization


class OrganizationSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField(help_text="The caller's role in this organisation.")

    class Meta:
        model = Organization
        fields = ["slug", "name", "role", "created_at"]
        read_only_fields = fields

    def get_role(self, organization: Organization) -> str:
        roles: dict[int, str] = self.context.get("roles", {})
        return roles.get(organization.pk, "")


class MembershipSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "email", "full_name", "role", "department", "created_at", "updated_at"]
        read_only_fields = ["id", "email", "full_name", "created_at", "updated_at"]


class InviteMemberSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)


class InviteResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["added", "invited"])
    member = MembershipSerializer(allow_null=True)
    invitation_link = serializers.CharField(allow_blank=True)
