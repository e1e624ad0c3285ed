from rest_framework import serializers

from socialroadmap.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    who = serializers.CharField(source="actor_label", read_only=True)
    object = serializers.CharField(source="label", read_only=True)
    changes = serializers.DictField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "who", "action", "area", "kind", "object_id", "object", "changes"]
        read_only_fields = fields
