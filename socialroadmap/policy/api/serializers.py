from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.policy.choices import AcknowledgementSource, VersionStatus
from socialroadmap.policy.document import build_document, to_markdown
from socialroadmap.policy.models import Acknowledgement, PolicyVersion

VersionStatusField = pattern_choice(
    VersionStatus, "draft, in_review, approved, published or superseded."
)
SourceField = pattern_choice(AcknowledgementSource, "self, recorded or imported.")
DECISIONS_SCHEMA = {
    "type": "object",
    "description": "Decision key → {choice: option key (a list for confidentiality), "
    "addition: {en, nl}}; see .../policy/decisions.",
    "additionalProperties": True,
}


@extend_schema_field(DECISIONS_SCHEMA)
class DecisionsField(serializers.JSONField):
    """Checked by the service against the decision file."""


class PolicyVersionSerializer(serializers.ModelSerializer):
    status = VersionStatusField(read_only=True)
    decisions = DecisionsField(required=False)
    intro_en = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    intro_nl = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    closing_en = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    closing_nl = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    number = serializers.IntegerField(read_only=True, min_value=1, max_value=1_000_000)
    title = serializers.SerializerMethodField()
    markdown = serializers.SerializerMethodField()
    submitted_by = serializers.EmailField(
        source="submitted_by.email", read_only=True, allow_null=True
    )
    approved_by = serializers.EmailField(
        source="approved_by.email", read_only=True, allow_null=True
    )
    published_by = serializers.EmailField(
        source="published_by.email", read_only=True, allow_null=True
    )

    class Meta:
        model = PolicyVersion
        fields = [
            "id",
            "number",
            "status",
            "title",
            "decisions",
            "intro_en",
            "intro_nl",
            "closing_en",
            "closing_nl",
            "review_comment",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "published_by",
            "published_at",
            "markdown",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "review_comment",
            "submitted_at",
            "approved_at",
            "published_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(
        {"type": "object", "properties": {"en": {"type": "string"}, "nl": {"type": "string"}}}
    )
    def get_title(self, version: PolicyVersion) -> dict[str, str]:
        return {"en": version.policy.title_en, "nl": version.policy.title_nl}

    @extend_schema_field(
        {
            "type": "object",
            "description": "The document as Markdown, per language.",
            "properties": {"en": {"type": "string"}, "nl": {"type": "string"}},
        }
    )
    def get_markdown(self, version: PolicyVersion) -> dict[str, str]:
        return {lang: to_markdown(build_document(version, lang)) for lang in ("en", "nl")}


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=20_000)


class AcknowledgementSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        source="version.number", read_only=True, min_value=1, max_value=1_000_000
    )
    person = serializers.CharField(read_only=True)
    user = serializers.EmailField(source="user.email", read_only=True, allow_null=True)
    employee = serializers.IntegerField(
        source="employee.pk", read_only=True, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    department = serializers.CharField(source="employee.department", read_only=True, default="")
    source = SourceField(read_only=True)

    class Meta:
        model = Acknowledgement
        fields = [
            "id",
            "version",
            "person",
            "user",
            "employee",
            "department",
            "acknowledged_at",
            "source",
        ]
        read_only_fields = fields


class RecordSerializer(serializers.Serializer):
    employees = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=5000,
        help_text="Ids of people on the internal scan's roster.",
    )


class OptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]
    text = serializers.DictField(child=serializers.CharField())


class DecisionSerializer(serializers.Serializer):
    key = serializers.CharField()
    question = serializers.DictField(child=serializers.CharField())
    heading = serializers.DictField(child=serializers.CharField())
    addition_label = serializers.DictField(child=serializers.CharField())
    multiple = serializers.BooleanField()
    options = OptionSerializer(many=True)
