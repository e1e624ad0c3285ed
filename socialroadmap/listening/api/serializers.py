from __future__ import annotations

from rest_framework import serializers

from socialroadmap.listening.choices import QueryKind, Sentiment
from socialroadmap.listening.models import ImportJob, ListeningQuery, Post, QuarantinedRow


class ListeningQuerySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=QueryKind.choices, required=False)
    matches = serializers.SerializerMethodField(
        help_text="Stored posts this query matched (null where not counted)."
    )

    class Meta:
        model = ListeningQuery
        fields = ["id", "name", "query", "kind", "is_active", "matches", "created_at", "updated_at"]
        read_only_fields = ["id", "matches", "created_at", "updated_at"]

    def get_matches(self, query: ListeningQuery) -> int | None:
        return getattr(query, "match_count", None)


class QueryTextSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="A query in the listening language.")


# Response shapes only. Some field names (source, label, fields) shadow attributes of
# DRF's classes for mypy; the serializer metaclass takes declared fields off the class.
class PreviewPostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField()
    created_at = serializers.DateTimeField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField()
    lang = serializers.CharField()
    sentiment = serializers.ChoiceField(choices=Sentiment.choices)


class PreviewSerializer(serializers.Serializer):
    checked = serializers.IntegerField(help_text="Recent posts the query was run on.")
    matched = serializers.IntegerField(help_text="How many of them it matched.")
    posts = PreviewPostSerializer(many=True, help_text="The first matching posts, newest first.")


class DeletedQuerySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    matches = serializers.IntegerField(help_text="Matches deleted with the query.")
    rollups = serializers.IntegerField(help_text="Rollup rows deleted with the query.")


class TemplateFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    shape = serializers.ChoiceField(choices=["phrase", "terms", "handle", "hashtag", "lang"])
    label = serializers.CharField()  # type: ignore[assignment]
    example = serializers.CharField()


class QueryTemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=QueryKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    pattern = serializers.CharField()
    fields = TemplateFieldSerializer(many=True)  # type: ignore[assignment]
    example = serializers.CharField(help_text="The template filled in with the examples.")
    query = serializers.CharField(
        allow_null=True,
        help_text="The template filled in with the values given in the query string.",
    )


class PostSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(read_only=True)
    queries = serializers.SerializerMethodField(help_text="Ids of the queries that matched it.")

    class Meta:
        model = Post
        fields = [
            "id",
            "source",
            "external_id",
            "text",
            "author",
            "created_at",
            "url",
            "lang",
            "sentiment",
            "sentiment_score",
            "likes",
            "shares",
            "replies",
            "reach",
            "engagement",
            "queries",
            "import_job",
            "stored_at",
        ]
        read_only_fields = fields

    def get_queries(self, post: Post) -> list[int]:
        return sorted(match.query_id for match in post.matches.all())


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "format",
            "filename",
            "status",
            "size",
            "done_bytes",
            "read",
            "imported",
            "duplicates",
            "rejected",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class QuarantinedRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuarantinedRow
        fields = ["line", "reason"]
        read_only_fields = fields


class RollupPointSerializer(serializers.Serializer):
    period = serializers.DateTimeField(help_text="Start of the day or hour.")
    posts = serializers.IntegerField()
    positive = serializers.IntegerField()
    neutral = serializers.IntegerField()
    negative = serializers.IntegerField()
    net_sentiment = serializers.FloatField(
        allow_null=True,
        help_text="(positive - negative) / (positive + negative); null without either.",
    )
    engagement = serializers.IntegerField()
    reach = serializers.IntegerField()


class ShareOfVoiceSerializer(serializers.Serializer):
    query = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=QueryKind.choices)
    posts = serializers.IntegerField()
    share = serializers.FloatField(
        allow_null=True, help_text="Its part of the posts of all queries, 0 to 1."
    )
